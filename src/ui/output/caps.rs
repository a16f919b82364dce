//! Whether the terminal can show the reader at all, decided before it is
//! touched: a full-screen UI on a terminal that cannot place the cursor is
//! a page of garbage, and a reader started with no terminal (`ssh host
//! brief` without `-t`) used to end with "No such device or address".

use std::io::IsTerminal;
use std::path::PathBuf;

/// Why the reader cannot start here, worded for the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unfit {
    #[error(
        "the reader needs a terminal (over SSH: ssh -t HOST brief); \
         `brief list` and `brief show ID` work without one"
    )]
    NoTerminal,
    #[error(
        "this terminal (TERM={0}) cannot place the cursor, which the reader needs; \
         `brief list` and `brief show ID` work here"
    )]
    CannotAddress(String),
}

impl Unfit {
    /// Exit status: 2, a usage problem, not a crash.
    pub const EXIT: u8 = 2;
}

/// Checks stdin and stdout are a terminal and `term` can address the cursor.
pub fn check(term: Option<&str>) -> Result<(), Unfit> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Unfit::NoTerminal);
    }
    check_term(term, &terminfo_dirs())
}

/// Terminals known to take ANSI cursor addressing need no look-up; `dumb`
/// (and the `unknown` some systems set) never can; any other name is
/// looked up in terminfo, and refused only when its entry says it has no
/// `cup`. A name with no entry is given the benefit of the doubt: nearly
/// every terminal alive speaks ANSI.
pub fn check_term(term: Option<&str>, dirs: &[PathBuf]) -> Result<(), Unfit> {
    let name = term.unwrap_or("").trim();
    if name.is_empty() || name == "dumb" || name == "unknown" {
        let shown = if name.is_empty() { "unset" } else { name };
        return Err(Unfit::CannotAddress(shown.to_string()));
    }
    const KNOWN: &[&str] = &[
        "xterm",
        "screen",
        "tmux",
        "rxvt",
        "linux",
        "vt1",
        "vt2",
        "vt3",
        "vt4",
        "vt5",
        "ansi",
        "alacritty",
        "kitty",
        "foot",
        "wezterm",
        "st",
        "konsole",
        "gnome",
        "putty",
        "iterm",
        "cygwin",
        "ms-terminal",
        "contour",
        "ghostty",
        "rio",
        "mintty",
        "eterm",
        "aterm",
    ];
    if KNOWN.iter().any(|k| name.starts_with(k)) {
        return Ok(());
    }
    match terminfo_has_cup(name, dirs) {
        Some(false) => Err(Unfit::CannotAddress(name.to_string())),
        _ => Ok(()),
    }
}

fn terminfo_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("TERMINFO") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".terminfo"));
    }
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    for d in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

/// Whether the compiled terminfo entry for `name` has `cup` (cursor
/// address); `None` when there is no readable entry.
fn terminfo_has_cup(name: &str, dirs: &[PathBuf]) -> Option<bool> {
    let first = name.chars().next()?;
    if name.contains('/') {
        return None;
    }
    let bytes = dirs.iter().find_map(|d| {
        std::fs::read(d.join(first.to_string()).join(name))
            .or_else(|_| std::fs::read(d.join(format!("{:x}", first as u32)).join(name)))
            .ok()
    })?;
    has_cup(&bytes)
}

/// Reads a compiled terminfo entry (legacy or 32-bit number format) far
/// enough to tell whether string capability 10, `cup`, is present.
pub fn has_cup(bytes: &[u8]) -> Option<bool> {
    let word = |i: usize| -> Option<i32> {
        let b = bytes.get(i..i + 2)?;
        Some(i16::from_le_bytes([b[0], b[1]]) as i32)
    };
    let number_size = match word(0)? {
        0o432 => 2,
        0o1036 => 4,
        _ => return None,
    };
    let (names, bools, nums, strings) = (word(2)?, word(4)?, word(6)?, word(8)?);
    if names < 0 || bools < 0 || nums < 0 || strings < 0 {
        return None;
    }
    let mut at = 12 + names as usize + bools as usize;
    if at % 2 == 1 {
        at += 1;
    }
    at += nums as usize * number_size;
    const CUP: usize = 10;
    if strings as usize <= CUP {
        return Some(false);
    }
    Some(word(at + 2 * CUP)? >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumb_and_unset_terminals_are_refused_known_ones_pass() {
        let none: &[PathBuf] = &[];
        assert!(matches!(
            check_term(Some("dumb"), none),
            Err(Unfit::CannotAddress(_))
        ));
        assert!(check_term(None, none).is_err());
        assert!(check_term(Some("xterm-256color"), none).is_ok());
        assert!(check_term(Some("linux"), none).is_ok());
        assert!(check_term(Some("screen"), none).is_ok());
        // No entry anywhere: given the benefit of the doubt.
        assert!(check_term(Some("frobterm"), none).is_ok());
    }

    /// A compiled entry with `count` string capabilities, all absent but
    /// `cup` when `with_cup`.
    fn entry(with_cup: bool) -> Vec<u8> {
        let name = b"glass|a glass teletype\0";
        let mut b = Vec::new();
        for w in [0o432i16, name.len() as i16, 1, 1, 12, 0] {
            b.extend_from_slice(&w.to_le_bytes());
        }
        b.extend_from_slice(name);
        b.push(1); // one boolean
        if b.len() % 2 == 1 {
            b.push(0);
        }
        b.extend_from_slice(&80i16.to_le_bytes()); // one number
        for i in 0..12i16 {
            let off: i16 = if i == 10 && with_cup { 0 } else { -1 };
            b.extend_from_slice(&off.to_le_bytes());
        }
        b
    }

    #[test]
    fn terminfo_entries_are_read_for_cup() {
        assert_eq!(has_cup(&entry(true)), Some(true));
        assert_eq!(has_cup(&entry(false)), Some(false));
        assert_eq!(has_cup(b"junk"), None);
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("g");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("glass"), entry(false)).unwrap();
        let dirs = vec![dir.path().to_path_buf()];
        assert!(check_term(Some("glass"), &dirs).is_err());
        std::fs::write(sub.join("glass"), entry(true)).unwrap();
        assert!(check_term(Some("glass"), &dirs).is_ok());
    }

    #[test]
    fn the_real_dumb_entry_has_no_cup_where_installed() {
        for d in ["/usr/share/terminfo", "/lib/terminfo"] {
            if let Ok(b) = std::fs::read(format!("{d}/d/dumb")) {
                assert_eq!(has_cup(&b), Some(false));
            }
            if let Ok(b) = std::fs::read(format!("{d}/x/xterm")) {
                assert_eq!(has_cup(&b), Some(true));
            }
        }
    }
}
