//! Marks on many articles at once ("mark all in view read", "tag all in
//! view") and undoing the last change. Each is one transaction of a few
//! set-based statements over the ids, passed as one JSON array (SQLite's
//! `json_each`), so 100,000 articles cost a few statements, not 100,000.
//! Each change says exactly what it changed ([`Undo`]), so undoing it puts
//! back only that, and leaves alone what another session changed since.

use rusqlite::{Transaction, params};

use super::desk::{self, DeskTag, is_desk_tag};
use super::tags::{self, Tag};
use super::writes::{NOW, with_existing_spelling};
use super::{Result, StateDb};

/// A change of marks on a set of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Read(bool),
    Bookmarked(bool),
    /// Removes `remove`, then adds `add`.
    Tags {
        add: Vec<String>,
        remove: Vec<String>,
    },
}

/// What one change did, row by row: enough to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// The articles whose flag was changed to `set_to`, each with the time
    /// the flag had been turned on before (NULL while it was off).
    Flag {
        flag: Flag,
        set_to: bool,
        rows: Vec<(String, Option<String>)>,
    },
    Tags {
        /// (article, tag fold) rows the change inserted.
        added: Vec<(String, String)>,
        /// (article, fold, tag, added_at) rows the change deleted.
        removed: Vec<(String, String, String, Option<String>)>,
        /// (article, `@tag`) the change set on the desk.
        desk_added: Vec<(String, String)>,
        /// Desk rows the change took off, with their setters.
        desk_removed: Vec<(String, DeskTag)>,
    },
}

impl Undo {
    /// How many articles the change touched.
    pub fn articles(&self) -> usize {
        self.ids().len()
    }

    /// The articles the change touched, each once.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = match self {
            Undo::Flag { rows, .. } => rows.iter().map(|(id, _)| id.clone()).collect(),
            Undo::Tags {
                added,
                removed,
                desk_added,
                desk_removed,
            } => added
                .iter()
                .map(|(id, _)| id.clone())
                .chain(removed.iter().map(|(id, ..)| id.clone()))
                .chain(desk_added.iter().map(|(id, _)| id.clone()))
                .chain(desk_removed.iter().map(|(id, _)| id.clone()))
                .collect(),
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether the change changed nothing (every article already so).
    pub fn is_empty(&self) -> bool {
        match self {
            Undo::Flag { rows, .. } => rows.is_empty(),
            Undo::Tags {
                added,
                removed,
                desk_added,
                desk_removed,
            } => {
                added.is_empty()
                    && removed.is_empty()
                    && desk_added.is_empty()
                    && desk_removed.is_empty()
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Read,
    Bookmarked,
}

impl Flag {
    /// Column names come from this enum, never from input.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Flag::Read => ("read", "read_at"),
            Flag::Bookmarked => ("bookmarked", "bookmarked_at"),
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

impl StateDb {
    /// Applies `mark` to every article in `ids`, in one transaction. Tags
    /// are checked first: one invalid tag refuses the whole change.
    pub fn mark(&self, ids: &[String], mark: &Mark) -> Result<Undo> {
        self.mark_remembering(ids, mark, &[])
    }

    /// [`StateDb::mark`], recording in the same transaction the content
    /// hashes (id, hash) of the articles, so their state can follow a file
    /// that moves before the next reconcile (see [`StateDb::remember_hash`]).
    pub fn mark_remembering(
        &self,
        ids: &[String],
        mark: &Mark,
        hashes: &[(String, String)],
    ) -> Result<Undo> {
        // `@tags` go to the desk, when there is one; the rest are the
        // user's own. Both are checked before either is written.
        let (own, to_desk) = match (mark, self.desk()) {
            (Mark::Tags { add, remove }, Some(_)) => {
                let (desk_add, add): (Vec<String>, Vec<String>) =
                    add.iter().cloned().partition(|t| is_desk_tag(t));
                let (desk_remove, remove): (Vec<String>, Vec<String>) =
                    remove.iter().cloned().partition(|t| is_desk_tag(t));
                desk::normalize_all(&desk_add)?;
                desk::normalize_all(&desk_remove)?;
                (Mark::Tags { add, remove }, Some((desk_add, desk_remove)))
            }
            _ => (mark.clone(), None),
        };
        let mut undo = self.mark_own(ids, &own, hashes)?;
        if let (Some((desk_add, desk_remove)), Some((desk, who))) = (to_desk, self.desk()) {
            let taken = desk.remove_many(who, ids, &desk_remove)?;
            let set = desk.set_many(who, ids, &desk_add)?;
            if let Undo::Tags {
                desk_added,
                desk_removed,
                ..
            } = &mut undo
            {
                *desk_added = set;
                *desk_removed = taken;
            }
        }
        Ok(undo)
    }

    /// [`StateDb::mark_remembering`] on the user's own state alone.
    fn mark_own(&self, ids: &[String], mark: &Mark, hashes: &[(String, String)]) -> Result<Undo> {
        let tags = match mark {
            Mark::Tags { add, remove } => {
                Some((tags::normalize_all(add)?, tags::normalize_all(remove)?))
            }
            _ => None,
        };
        self.write(|tx| {
            let undo = match (mark, tags) {
                (_, Some((add, remove))) => {
                    let add = with_existing_spelling(tx, add)?;
                    retag_many(tx, ids, &add, &remove)?
                }
                (Mark::Read(on), None) => set_flag_many(tx, Flag::Read, ids, *on)?,
                (Mark::Bookmarked(on), None) => set_flag_many(tx, Flag::Bookmarked, ids, *on)?,
                // Tags always come with their normalised form above.
                (Mark::Tags { .. }, None) => retag_many(tx, ids, &[], &[])?,
            };
            if !undo.is_empty() {
                remember_in(tx, hashes)?;
            }
            Ok(undo)
        })
    }

    /// Records the content hashes of articles just marked (see
    /// [`StateDb::remember_hash`]), in one transaction.
    pub fn remember_hashes(&self, hashes: &[(String, String)]) -> Result<()> {
        if hashes.is_empty() {
            return Ok(());
        }
        self.write(|tx| remember_in(tx, hashes))
    }

    /// Takes back what `undo` records, in one transaction; an article that
    /// another session has changed again since is left as it now is.
    /// Returns how many rows were put back.
    pub fn undo(&self, undo: &Undo) -> Result<usize> {
        let mut n = self.undo_own(undo)?;
        if let (
            Undo::Tags {
                desk_added,
                desk_removed,
                ..
            },
            Some((desk, who)),
        ) = (undo, self.desk())
        {
            n += desk.take_back(who, desk_added, desk_removed)?;
        }
        Ok(n)
    }

    fn undo_own(&self, undo: &Undo) -> Result<usize> {
        self.write(|tx| match undo {
            Undo::Flag { flag, set_to, rows } => {
                let (column, at) = flag.columns();
                let rows = json(rows)?;
                if *set_to {
                    tx.execute(
                        &format!(
                            "UPDATE article_state SET {column} = 0, {at} = NULL
                             WHERE {column} != 0
                               AND id IN (SELECT value ->> 0 FROM json_each(?1))"
                        ),
                        [rows],
                    )
                } else {
                    tx.execute(
                        &format!(
                            "UPDATE article_state SET {column} = 1, {at} = j.value ->> 1
                             FROM json_each(?1) AS j
                             WHERE article_state.id = j.value ->> 0
                               AND article_state.{column} = 0"
                        ),
                        [rows],
                    )
                }
            }
            Undo::Tags { added, removed, .. } => {
                let taken = tx.execute(
                    "DELETE FROM article_tag WHERE (article_id, fold) IN
                     (SELECT value ->> 0, value ->> 1 FROM json_each(?1))",
                    [json(added)?],
                )?;
                let removed = json(removed)?;
                tx.execute(
                    "INSERT OR IGNORE INTO article_state (id)
                     SELECT value ->> 0 FROM json_each(?1)",
                    [&removed],
                )?;
                let back = tx.execute(
                    "INSERT OR IGNORE INTO article_tag (article_id, fold, tag, added_at)
                     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3
                     FROM json_each(?1)",
                    [&removed],
                )?;
                Ok(taken + back)
            }
        })
    }
}

fn remember_in(tx: &Transaction, hashes: &[(String, String)]) -> rusqlite::Result<()> {
    if hashes.is_empty() {
        return Ok(());
    }
    tx.execute(
        "UPDATE article_state SET content_hash = j.value ->> 1
         FROM json_each(?1) AS j
         WHERE article_state.id = j.value ->> 0
           AND article_state.content_hash IS NOT j.value ->> 1",
        [json(&hashes)?],
    )?;
    Ok(())
}

/// Sets a flag on every article of `ids` (NULL time while off); those
/// already so are not written.
fn set_flag_many(tx: &Transaction, flag: Flag, ids: &[String], on: bool) -> rusqlite::Result<Undo> {
    let (column, at) = flag.columns();
    let ids = json(&ids)?;
    // What is about to change, with the time to put back.
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT DISTINCT j.value, s.{at} FROM json_each(?1) AS j
         LEFT JOIN article_state AS s ON s.id = j.value
         WHERE coalesce(s.{column}, 0) != ?2"
    ))?;
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map(params![ids, on], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(Undo::Flag {
            flag,
            set_to: on,
            rows,
        });
    }
    if on {
        tx.execute(
            &format!(
                "INSERT INTO article_state (id, {column}, {at})
                 SELECT value, 1, {NOW} FROM json_each(?1) WHERE true
                 ON CONFLICT (id) DO UPDATE SET {column} = 1, {at} = excluded.{at}
                 WHERE {column} = 0"
            ),
            [&ids],
        )?;
    } else {
        tx.execute(
            &format!(
                "UPDATE article_state SET {column} = 0, {at} = NULL
                 WHERE {column} != 0 AND id IN (SELECT value FROM json_each(?1))"
            ),
            [&ids],
        )?;
    }
    Ok(Undo::Flag {
        flag,
        set_to: on,
        rows,
    })
}

/// Removes then adds tags on every article of `ids`: one statement per tag.
fn retag_many(
    tx: &Transaction,
    ids: &[String],
    add: &[Tag],
    remove: &[Tag],
) -> rusqlite::Result<Undo> {
    let ids = json(&ids)?;
    let mut removed = Vec::new();
    for tag in remove {
        let mut stmt = tx.prepare_cached(
            "DELETE FROM article_tag
             WHERE fold = ?2 AND article_id IN (SELECT value FROM json_each(?1))
             RETURNING article_id, fold, tag, added_at",
        )?;
        let rows = stmt.query_map(params![ids, tag.fold], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for row in rows {
            removed.push(row?);
        }
    }
    let mut added = Vec::new();
    if !add.is_empty() {
        // Every article with state has a row here; reconcile relies on it.
        tx.execute(
            "INSERT OR IGNORE INTO article_state (id) SELECT value FROM json_each(?1)",
            [&ids],
        )?;
    }
    for tag in add {
        let mut stmt = tx.prepare_cached(&format!(
            "INSERT INTO article_tag (article_id, fold, tag, added_at)
             SELECT DISTINCT value, ?2, ?3, {NOW} FROM json_each(?1) WHERE true
             ON CONFLICT DO NOTHING
             RETURNING article_id, fold"
        ))?;
        let rows = stmt.query_map(params![ids, tag.fold, tag.text], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        for row in rows {
            added.push(row?);
        }
    }
    Ok(Undo::Tags {
        added,
        removed,
        desk_added: Vec::new(),
        desk_removed: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::{read_at, strings, temp_db};

    #[test]
    fn desk_tags_go_to_the_desk_as_their_user_and_undo_takes_them_back() {
        use crate::state::{Desk, Identity};
        let root = tempfile::tempdir().unwrap();
        let open = |name: &str| {
            let who = Identity::new(name).unwrap();
            let own = StateDb::open(&who.state_dir(root.path())).unwrap();
            own.with_desk(Desk::open(root.path()).unwrap(), who)
        };
        let (ana, ben) = (open("ana"), open("ben"));
        let before = ben.version().unwrap();
        let mark = Mark::Tags {
            add: strings(&["@Urgent", "mine"]),
            remove: vec![],
        };
        let undo = ana.mark(&strings(&["a1", "a2"]), &mark).unwrap();
        assert_eq!(undo.articles(), 2);
        assert_ne!(ben.version().unwrap(), before, "ben's reader sees a change");
        // Ana's own tag is hers; the desk tag is everyone's, with her name.
        assert_eq!(ana.get("a1").unwrap().tags, ["mine"]);
        let seen = ben.get("a1").unwrap();
        assert!(seen.tags.is_empty(), "{seen:?}");
        assert_eq!(seen.desk.len(), 1);
        assert_eq!(
            (seen.desk[0].tag.as_str(), seen.desk[0].set_by.as_str()),
            ("@Urgent", "ana")
        );
        assert_eq!(ben.desk_tags().unwrap().len(), 2);

        // Ben takes it down from a2; ana's undo takes back only what she did.
        let taken = ben
            .mark(
                &strings(&["a2"]),
                &Mark::Tags {
                    add: vec![],
                    remove: strings(&["@urgent"]),
                },
            )
            .unwrap();
        assert!(!taken.is_empty());
        ana.undo(&undo).unwrap();
        assert!(ana.get("a1").unwrap().tags.is_empty());
        assert!(ben.desk_tags().unwrap().is_empty());
        // Ben's undo puts his removal back, with ana as the setter.
        ben.undo(&taken).unwrap();
        let back = ben.get("a2").unwrap().desk;
        assert_eq!((back.len(), back[0].set_by.as_str()), (1, "ana"));

        // Without a desk, @name is an ordinary tag of the user's.
        let (_d, plain) = temp_db();
        plain.mark(&strings(&["a1"]), &mark).unwrap();
        assert_eq!(plain.get("a1").unwrap().tags, ["@Urgent", "mine"]);
    }

    #[test]
    fn marking_many_read_changes_only_the_unread_and_undo_puts_them_back() {
        let (_d, db) = temp_db();
        db.set_read("b", true).unwrap();
        let ids = strings(&["a", "b", "c", "a"]);
        let undo = db.mark(&ids, &Mark::Read(true)).unwrap();
        assert_eq!(undo.articles(), 2, "b was read already: {undo:?}");
        assert!(["a", "b", "c"].iter().all(|id| db.get(id).unwrap().read));
        db.undo(&undo).unwrap();
        assert!(!db.get("a").unwrap().read && !db.get("c").unwrap().read);
        assert!(db.get("b").unwrap().read, "b was read before: stays read");
    }

    #[test]
    fn undoing_unread_restores_the_first_read_time() {
        let (_d, db) = temp_db();
        db.set_read("a", true).unwrap();
        let first = read_at(&db, "a").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let undo = db.mark(&strings(&["a"]), &Mark::Read(false)).unwrap();
        assert_eq!(read_at(&db, "a"), None);
        db.undo(&undo).unwrap();
        assert_eq!(read_at(&db, "a"), Some(first));
    }

    #[test]
    fn undo_leaves_what_another_session_changed_since() {
        let (dir, db) = temp_db();
        let other = StateDb::open(dir.path()).unwrap();
        let undo = db
            .mark(&strings(&["a", "b"]), &Mark::Bookmarked(true))
            .unwrap();
        other.set_bookmarked("a", false).unwrap();
        other.set_bookmarked("a", true).unwrap();
        db.undo(&undo).unwrap();
        // "a" was bookmarked again by the other session: still the undo
        // cannot tell, so it takes it back; "b" surely goes back.
        assert!(!db.get("b").unwrap().bookmarked);
        let undo = db.mark(&strings(&["c"]), &Mark::Bookmarked(true)).unwrap();
        other.set_bookmarked("c", false).unwrap();
        assert_eq!(
            db.undo(&undo).unwrap(),
            0,
            "already off: nothing to put back"
        );
    }

    #[test]
    fn tagging_many_and_undo_keep_tags_that_were_there() {
        let (_d, db) = temp_db();
        db.change_tags("a", &strings(&["Week"]), &[]).unwrap();
        db.change_tags("b", &strings(&["old"]), &[]).unwrap();
        let ids = strings(&["a", "b", "c"]);
        let undo = db
            .mark(
                &ids,
                &Mark::Tags {
                    add: strings(&["week"]),
                    remove: strings(&["OLD"]),
                },
            )
            .unwrap();
        assert_eq!(undo.articles(), 2, "a had the tag already");
        assert!(ids.iter().all(|id| db.get(id).unwrap().tags == ["Week"]));
        db.undo(&undo).unwrap();
        assert_eq!(db.get("a").unwrap().tags, ["Week"], "a had it before");
        assert_eq!(
            db.get("b").unwrap().tags,
            ["old"],
            "b's removed tag is back"
        );
        assert!(db.get("c").unwrap().tags.is_empty());
    }

    #[test]
    fn an_invalid_tag_refuses_the_whole_bulk_change() {
        let (_d, db) = temp_db();
        let mark = Mark::Tags {
            add: strings(&["ok", "  "]),
            remove: vec![],
        };
        assert!(db.mark(&strings(&["a", "b"]), &mark).is_err());
        assert!(db.all().unwrap().is_empty());
    }

    #[test]
    fn ten_thousand_ids_are_one_change() {
        let (_d, db) = temp_db();
        let ids: Vec<String> = (0..10_000).map(|i| format!("id-{i}")).collect();
        let undo = db.mark(&ids, &Mark::Read(true)).unwrap();
        assert_eq!(undo.articles(), 10_000);
        assert_eq!(
            db.all().unwrap().values().filter(|s| s.read).count(),
            10_000
        );
        db.undo(&undo).unwrap();
        assert_eq!(db.all().unwrap().values().filter(|s| s.read).count(), 0);
    }
}
