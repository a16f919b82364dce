//! Who is reading: a user name. Locally the OS user; under `brief serve`
//! the name given to the user's authorized key. The name picks the user's
//! own state folder (`users/<name>/`) and is shown beside desk tags they
//! set, so it is checked to be a safe, visible, single path component.

use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{Result, StateError};

/// Long enough for any login or key comment, short enough for a list row.
pub const MAX_USER_CHARS: usize = 32;

/// A validated user name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    name: String,
}

impl Identity {
    /// A user name as given; refused with a reason when it is empty, too
    /// long, `.`/`..` or hidden, or holds a path separator, white space or
    /// a control character.
    pub fn new(name: &str) -> Result<Identity> {
        let refuse =
            |reason: &str| StateError::Invalid(format!("user name {name:?} refused: {reason}"));
        if name.is_empty() {
            return Err(refuse("it is empty"));
        }
        if name.chars().count() > MAX_USER_CHARS {
            return Err(refuse(&format!(
                "it is longer than {MAX_USER_CHARS} characters"
            )));
        }
        if name.starts_with('.') {
            return Err(refuse("it cannot start with `.`"));
        }
        if name.contains(['/', '\\', ':']) {
            return Err(refuse("it cannot contain `/`, `\\` or `:`"));
        }
        if name.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(refuse("it cannot contain spaces or control characters"));
        }
        Ok(Identity {
            name: name.to_string(),
        })
    }

    /// The local user: `$USER`, else `$LOGNAME`, else `local` (a name that
    /// is not valid is passed over, never used as a path).
    pub fn local() -> Identity {
        ["USER", "LOGNAME"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find_map(|name| Identity::new(&name).ok())
            .unwrap_or_else(|| Identity {
                name: "local".to_string(),
            })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The folder of this user's own state under a served state folder.
    pub fn state_dir(&self, state_root: &Path) -> PathBuf {
        state_root.join("users").join(&self.name)
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_kept() {
        for ok in ["ana", "ana.k", "ana@laptop", "j_smith-2", "Zoë"] {
            assert_eq!(Identity::new(ok).unwrap().name(), ok);
        }
    }

    #[test]
    fn names_that_could_leave_the_folder_or_paint_the_screen_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "a/b",
            "../x",
            "a\\b",
            "c:",
            "a b",
            "a\u{1b}[2J",
            "a\nb",
        ] {
            let err = Identity::new(bad).unwrap_err().to_string();
            assert!(err.contains("refused"), "{bad:?}: {err}");
        }
        assert!(Identity::new(&"x".repeat(MAX_USER_CHARS)).is_ok());
        assert!(Identity::new(&"x".repeat(MAX_USER_CHARS + 1)).is_err());
    }

    #[test]
    fn a_user_folder_is_under_users() {
        let who = Identity::new("ana").unwrap();
        assert_eq!(who.state_dir(Path::new("/s")), Path::new("/s/users/ana"));
    }

    #[test]
    fn the_local_user_is_always_a_valid_name() {
        let me = Identity::local();
        assert!(Identity::new(me.name()).is_ok());
    }
}
