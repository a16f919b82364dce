//! The desk's users: one line of an OpenSSH authorized_keys file each,
//! named by a `brief-user=NAME` option or else the key's comment.

use std::path::Path;

use russh::keys::PublicKey;
use russh::keys::ssh_key::HashAlg;
use russh::keys::ssh_key::authorized_keys::AuthorizedKeys;

use crate::state::Identity;

#[derive(Debug, Clone)]
pub struct User {
    /// Checked as every user name is (see [`Identity::new`]): it names
    /// the user's folder and is shown beside the desk tags they set.
    pub name: Identity,
    pub key: PublicKey,
}

/// The users the file names, and a line for each entry that names none.
pub fn parse(text: &str) -> (Vec<User>, Vec<String>) {
    let mut users = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // ssh-key reads `OPTIONS TYPE KEY` only with a comment after it;
        // `.` is a comment that names no one, so the option must.
        let entry = AuthorizedKeys::new(trimmed)
            .next()
            .and_then(Result::ok)
            .or_else(|| {
                AuthorizedKeys::new(&format!("{trimmed} ."))
                    .next()
                    .and_then(Result::ok)
            });
        let entry = match entry {
            Some(e) => e,
            None => {
                problems.push(format!("line {}: not a public key", n + 1));
                continue;
            }
        };
        let option = entry.config_opts().iter().find_map(|o| {
            o.strip_prefix("brief-user=")
                .map(|v| v.trim_matches('"').to_string())
        });
        let comment: &str = entry.public_key().comment().as_ref();
        let name = option.unwrap_or_else(|| comment.trim().to_string());
        let name = match Identity::new(&name) {
            Ok(name) => name,
            Err(e) => {
                problems.push(format!(
                    "line {}: no usable user name ({e}; add brief-user=NAME)",
                    n + 1
                ));
                continue;
            }
        };
        users.push(User {
            name,
            key: entry.public_key().clone(),
        });
    }
    (users, problems)
}

/// Read fresh at each login, so adding a line adds a user at once.
pub fn load(path: &Path) -> std::io::Result<(Vec<User>, Vec<String>)> {
    Ok(parse(&std::fs::read_to_string(path)?))
}

/// The name of the user `key` belongs to, read afresh from the
/// authorized-keys file at `path` (so a line added is a user at the next
/// login); `None` for an unknown key or a file that cannot be read.
pub fn user_of(path: &Path, key: &PublicKey) -> Option<Identity> {
    let (users, _) = load(path).ok()?;
    find(&users, key).map(|u| u.name.clone())
}

/// The user whose key this is.
pub fn find<'a>(users: &'a [User], key: &PublicKey) -> Option<&'a User> {
    users.iter().find(|u| u.key.key_data() == key.key_data())
}

pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a_key() -> String {
        use russh::keys::ssh_key::private::Ed25519Keypair;
        let key = russh::keys::PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]));
        key.public_key().to_openssh().unwrap()
    }

    #[test]
    fn a_user_is_named_by_the_option_or_the_comment() {
        let a = a_key();
        let text = format!(
            "# the desk\n{a} ana@laptop\nbrief-user=\"bo\" {a} something else\n{a}\nnot a key\nbrief-user=cy {a}\nrestrict {a}\n"
        );
        let (users, problems) = parse(&text);
        let names: Vec<&str> = users.iter().map(|u| u.name.name()).collect();
        assert_eq!(names, ["ana@laptop", "bo", "cy"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[2].starts_with("line 7") && problems[2].contains("refused"));
        assert!(problems[0].starts_with("line 4"));
    }

    #[test]
    fn names_that_could_leave_the_users_folder_are_skipped_with_a_reason() {
        let a = a_key();
        let text = format!(
            "brief-user=\"../x\" {a} one\nbrief-user=\".hidden\" {a} two\n{a} a b\n{a} ana\n"
        );
        let (users, problems) = parse(&text);
        let names: Vec<&str> = users.iter().map(|u| u.name.name()).collect();
        assert_eq!(names, ["ana"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems.iter().all(|p| p.contains("refused")),
            "{problems:?}"
        );
    }
}
