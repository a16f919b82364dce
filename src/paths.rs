//! Where brief keeps things, after the XDG base directory rules.

use std::path::{Path, PathBuf};

fn xdg(var: &str, fallback: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if Path::new(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(fallback)),
    }
}

/// `$XDG_CONFIG_HOME/brief/config.toml`.
pub fn user_config_file() -> Option<PathBuf> {
    xdg("XDG_CONFIG_HOME", ".config").map(|d| d.join("brief").join("config.toml"))
}

/// `$XDG_CACHE_HOME/brief`: the index, which may be deleted at any time.
pub fn cache_dir() -> Option<PathBuf> {
    xdg("XDG_CACHE_HOME", ".cache").map(|d| d.join("brief"))
}

/// `$XDG_DATA_HOME/brief`: the user's state, which must never be lost.
pub fn data_dir() -> Option<PathBuf> {
    xdg("XDG_DATA_HOME", ".local/share").map(|d| d.join("brief"))
}
