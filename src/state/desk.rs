//! The desk: tags written `@name` (`@urgent`) that everyone on the server
//! shares, each with who set it and when, in `desk.db` beside the users'
//! folders. Kept as carefully as `state.db` (the same opening checks, WAL,
//! `synchronous=FULL`, fair busy wait, one committed transaction per call),
//! with its own schema history under `desk_migrations/`. Locally there is
//! one user and the same file, so a desk tag works without `brief serve`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::error::{Result, StateError, db_error};
use super::identity::Identity;
use super::open;
use super::schema::Schema;
use super::tags;
use super::writes::NOW;

/// The file name inside the (served or local) state folder.
pub const DESK_FILE: &str = "desk.db";

const MIGRATIONS: &[&str] = &[include_str!("desk_migrations/0001_desk_tags.sql")];

pub(crate) const DESK: Schema = Schema {
    migrations: MIGRATIONS,
};

/// A desk tag on an article, as the list and `show --json` give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeskTag {
    /// With its `@`, as first spelt.
    pub tag: String,
    pub set_by: String,
    /// UTC, `2026-12-02T19:04:05.123Z`.
    pub set_at: String,
}

/// One thing done to a desk tag, oldest first in [`Desk::history`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeskEvent {
    pub tag: String,
    /// `set` or `removed`.
    pub action: String,
    pub by: String,
    pub at: String,
}

/// Whether a tag as typed is a desk tag (`@name`).
pub fn is_desk_tag(raw: &str) -> bool {
    raw.trim_start().starts_with('@')
}

/// A desk tag normalised: `@` then a tag by the usual rules (trimmed, inner
/// white space collapsed, one line, no control characters, not empty),
/// [`tags::MAX_TAG_CHARS`] in all.
pub(crate) fn normalize(raw: &str) -> Result<tags::Tag> {
    let refuse = |reason: &str| StateError::InvalidTag {
        tag: raw.to_string(),
        reason: reason.to_string(),
    };
    let Some(rest) = raw.trim_start().strip_prefix('@') else {
        return Err(refuse("a desk tag starts with `@`"));
    };
    if rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        return Err(refuse(
            "a desk tag needs a name right after `@` (`@urgent`)",
        ));
    }
    if rest.starts_with('@') {
        return Err(refuse("a desk tag starts with one `@`"));
    }
    let inner = tags::normalize(rest)?;
    let text = format!("@{}", inner.text);
    if text.chars().count() > tags::MAX_TAG_CHARS {
        return Err(refuse(&format!(
            "a tag can be at most {} characters long",
            tags::MAX_TAG_CHARS
        )));
    }
    Ok(tags::Tag {
        fold: text.to_lowercase(),
        text,
    })
}

/// The shared desk database. `Send + Sync`: calls from several threads are
/// serialised on one connection; many processes may open it at once.
pub struct Desk {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// Opens (creating if needed) `desk.db` in the state folder `dir`.
    /// A damaged, foreign or too new file is an error naming it, and is
    /// left untouched.
    pub fn open(dir: &Path) -> Result<Desk> {
        let path = dir.join(DESK_FILE);
        let conn = open::connect(&path, DESK)?;
        Ok(Desk {
            path,
            conn: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding it rolls its transaction back on drop.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets desk tags on one article as `who`; a tag already set keeps its
    /// first setter and time. Returns the tags newly set. All tags are
    /// checked first: one invalid tag refuses the whole call.
    pub fn set(&self, who: &Identity, id: &str, raw: &[String]) -> Result<Vec<String>> {
        let set = self.set_many(who, &[id.to_string()], raw)?;
        Ok(set.into_iter().map(|(_, tag)| tag).collect())
    }

    /// [`Desk::set`] on every article of `ids`, in one transaction; the
    /// (article, tag) pairs newly set.
    pub fn set_many(
        &self,
        who: &Identity,
        ids: &[String],
        raw: &[String],
    ) -> Result<Vec<(String, String)>> {
        let wanted = normalize_all(raw)?;
        if wanted.is_empty() || ids.is_empty() {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let mut set = Vec::new();
            for tag in wanted {
                // The spelling the desk already uses for this tag wins.
                let text: String = tx
                    .query_row(
                        "SELECT tag FROM desk_tag WHERE fold = ?1 LIMIT 1",
                        [&tag.fold],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or(tag.text);
                for id in ids {
                    let n = tx.execute(
                        &format!(
                            "INSERT INTO desk_tag (article_id, fold, tag, set_by, set_at)
                             VALUES (?1, ?2, ?3, ?4, {NOW}) ON CONFLICT DO NOTHING"
                        ),
                        params![id, tag.fold, text, who.name()],
                    )?;
                    if n > 0 {
                        log(tx, id, &text, "set", who)?;
                        set.push((id.clone(), text.clone()));
                    }
                }
            }
            Ok(set)
        })
    }

    /// Removes desk tags from one article as `who` (anyone may take a desk
    /// flag down; the removal is recorded with their name). Returns the
    /// rows removed, enough to put them back.
    pub fn remove(&self, who: &Identity, id: &str, raw: &[String]) -> Result<Vec<DeskTag>> {
        let removed = self.remove_many(who, &[id.to_string()], raw)?;
        Ok(removed.into_iter().map(|(_, row)| row).collect())
    }

    /// [`Desk::remove`] on every article of `ids`, in one transaction.
    pub fn remove_many(
        &self,
        who: &Identity,
        ids: &[String],
        raw: &[String],
    ) -> Result<Vec<(String, DeskTag)>> {
        let wanted = normalize_all(raw)?;
        if wanted.is_empty() || ids.is_empty() {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let mut removed = Vec::new();
            for tag in wanted {
                for id in ids {
                    let row = tx
                        .query_row(
                            "DELETE FROM desk_tag WHERE article_id = ?1 AND fold = ?2
                             RETURNING tag, set_by, set_at",
                            params![id, tag.fold],
                            |r| desk_tag(r, 0),
                        )
                        .optional()?;
                    if let Some(row) = row {
                        log(tx, id, &row.tag, "removed", who)?;
                        removed.push((id.clone(), row));
                    }
                }
            }
            Ok(removed)
        })
    }

    /// Takes back a change as `who`: the (article, tag) pairs it set come
    /// off, the rows it removed go back with their first setter and time
    /// (unless set again since). Returns the rows changed.
    pub fn take_back(
        &self,
        who: &Identity,
        set: &[(String, String)],
        removed: &[(String, DeskTag)],
    ) -> Result<usize> {
        if set.is_empty() && removed.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            let mut n = 0;
            for (id, tag) in set {
                let gone = tx.execute(
                    "DELETE FROM desk_tag WHERE article_id = ?1 AND fold = ?2",
                    params![id, tag.to_lowercase()],
                )?;
                if gone > 0 {
                    log(tx, id, tag, "removed", who)?;
                }
                n += gone;
            }
            for (id, row) in removed {
                let back = tx.execute(
                    "INSERT INTO desk_tag (article_id, fold, tag, set_by, set_at)
                     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                    params![id, row.tag.to_lowercase(), row.tag, row.set_by, row.set_at],
                )?;
                if back > 0 {
                    log(tx, id, &row.tag, "set", who)?;
                }
                n += back;
            }
            Ok(n)
        })
    }

    /// The desk tags on one article, sorted without case.
    pub fn tags_of(&self, id: &str) -> Result<Vec<DeskTag>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT tag, set_by, set_at FROM desk_tag WHERE article_id = ?1 ORDER BY fold",
            )?;
            let rows = stmt.query_map([id], |r| desk_tag(r, 0))?;
            rows.collect()
        })
    }

    /// Every (article id, desk tag), by article then tag.
    pub fn all(&self) -> Result<Vec<(String, DeskTag)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT article_id, tag, set_by, set_at FROM desk_tag ORDER BY article_id, fold",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, desk_tag(r, 1)?)))?;
            rows.collect()
        })
    }

    /// Ids of articles carrying a desk tag (any case), sorted.
    pub fn ids_with_tag(&self, raw: &str) -> Result<Vec<String>> {
        let tag = normalize(raw)?;
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT article_id FROM desk_tag WHERE fold = ?1 ORDER BY article_id",
            )?;
            let rows = stmt.query_map([&tag.fold], |r| r.get(0))?;
            rows.collect()
        })
    }

    /// What was done to the desk tags of one article, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<DeskEvent>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT tag, action, by, at FROM desk_event WHERE article_id = ?1 ORDER BY seq",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(DeskEvent {
                    tag: r.get(0)?,
                    action: r.get(1)?,
                    by: r.get(2)?,
                    at: r.get(3)?,
                })
            })?;
            rows.collect()
        })
    }

    /// A read on the desk's connection, its error naming the desk file (the twin of [`Desk::write`]).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn).map_err(|e| db_error(&self.path, e))
    }

    /// Changes when anyone commits to the desk (`PRAGMA data_version`, plus
    /// this connection's own changes). Compare for equality only.
    pub fn version(&self) -> Result<u64> {
        let conn = self.lock();
        let others: i64 = conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| db_error(&self.path, e))?;
        Ok((others as u64) << 32 | conn.total_changes())
    }

    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&self.path, e))?;
        let value = f(&tx).map_err(|e| db_error(&self.path, e))?;
        tx.commit().map_err(|e| db_error(&self.path, e))?;
        Ok(value)
    }
}

fn log(
    tx: &rusqlite::Transaction,
    id: &str,
    tag: &str,
    action: &str,
    who: &Identity,
) -> rusqlite::Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO desk_event (article_id, tag, action, by, at)
             VALUES (?1, ?2, ?3, ?4, {NOW})"
        ),
        params![id, tag, action, who.name()],
    )?;
    Ok(())
}

pub(crate) fn normalize_all(raw: &[String]) -> Result<Vec<tags::Tag>> {
    let mut out: Vec<tags::Tag> = Vec::with_capacity(raw.len());
    for r in raw {
        let tag = normalize(r)?;
        if !out.iter().any(|t| t.fold == tag.fold) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// The desk schema's version, for tests and `brief check`.
pub fn desk_schema_version() -> i64 {
    DESK.version()
}

/// A desk tag from the row's columns `at`, `at + 1`, `at + 2` (tag, set_by, set_at).
fn desk_tag(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<DeskTag> {
    Ok(DeskTag {
        tag: r.get(at)?,
        set_by: r.get(at + 1)?,
        set_at: r.get(at + 2)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::schema;
    use super::*;
    use crate::state::testing::strings;

    fn who(name: &str) -> Identity {
        Identity::new(name).unwrap()
    }

    #[test]
    fn desk_tag_names_follow_the_tag_rules_after_the_at() {
        assert_eq!(normalize("  @Urgent ").unwrap().text, "@Urgent");
        assert_eq!(normalize("@Urgent").unwrap().fold, "@urgent");
        assert_eq!(normalize("@to  check").unwrap().text, "@to check");
        for bad in [
            "@",
            "@ ",
            "@ urgent",
            "@@x",
            "urgent",
            "@a\u{1b}[2J",
            "@a\nb",
        ] {
            assert!(normalize(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("@{}", "x".repeat(tags::MAX_TAG_CHARS));
        assert!(normalize(&long).is_err());
        assert!(is_desk_tag(" @x") && !is_desk_tag("x@y"));
    }

    #[test]
    fn a_desk_tag_is_seen_by_another_user_with_its_setter_and_its_removal_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let mine = Desk::open(dir.path()).unwrap();
        let theirs = Desk::open(dir.path()).unwrap();
        let v0 = theirs.version().unwrap();
        assert_eq!(
            mine.set(&who("ana"), "a1", &strings(&["@Urgent"])).unwrap(),
            ["@Urgent"]
        );
        assert_ne!(
            theirs.version().unwrap(),
            v0,
            "the other session sees a change"
        );
        let seen = theirs.tags_of("a1").unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(
            (seen[0].tag.as_str(), seen[0].set_by.as_str()),
            ("@Urgent", "ana")
        );
        assert!(seen[0].set_at.ends_with('Z'), "{}", seen[0].set_at);

        // Setting it again (any case) keeps the first setter.
        assert!(
            theirs
                .set(&who("ben"), "a1", &strings(&["@URGENT"]))
                .unwrap()
                .is_empty()
        );
        assert_eq!(mine.tags_of("a1").unwrap()[0].set_by, "ana");
        // A new article takes the desk's spelling.
        theirs
            .set(&who("ben"), "a2", &strings(&["@urgent"]))
            .unwrap();
        assert_eq!(mine.tags_of("a2").unwrap()[0].tag, "@Urgent");
        assert_eq!(mine.ids_with_tag("@URGENT").unwrap(), ["a1", "a2"]);

        let removed = theirs
            .remove(&who("ben"), "a1", &strings(&["@urgent"]))
            .unwrap();
        assert_eq!(removed[0].set_by, "ana");
        assert!(mine.tags_of("a1").unwrap().is_empty());
        let history = mine.history("a1").unwrap();
        let said: Vec<(&str, &str)> = history
            .iter()
            .map(|e| (e.action.as_str(), e.by.as_str()))
            .collect();
        assert_eq!(said, [("set", "ana"), ("removed", "ben")]);
    }

    #[test]
    fn an_invalid_tag_refuses_the_whole_call() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(dir.path()).unwrap();
        assert!(desk.set(&who("ana"), "a", &strings(&["@ok", "@"])).is_err());
        assert!(desk.all().unwrap().is_empty());
    }

    #[test]
    fn the_desk_is_kept_as_durably_as_the_state() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(dir.path()).unwrap();
        let conn = desk.lock();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let sync: i64 = conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
        assert_eq!(schema::user_version(&conn).unwrap(), DESK.version());
    }

    #[test]
    fn a_damaged_desk_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DESK_FILE);
        std::fs::write(&path, b"not a database at all, just words").unwrap();
        let err = Desk::open(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("desk.db") && err.contains("cannot be used"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"not a database at all, just words"
        );
    }
}
