//! Keeping state attached to articles whose files move. The index gives the
//! ids that exist now with their content hashes; state under an id that no
//! longer exists follows its content to the one new id that has it, and
//! anything that cannot be placed for certain stays where it is, as an
//! orphan. Nothing is ever deleted here.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Reconciled, Result, StateDb};

/// One `article_state` row as reconcile sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    id: String,
    hash: Option<String>,
    /// Holds something the user did (a tag, a flag, a position), as opposed
    /// to a row left all-default by turning things off again.
    has_state: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    /// Live ids whose recorded hash is missing or stale.
    record: Vec<(String, String)>,
    /// (old id, new id, hash).
    moves: Vec<(String, String, String)>,
    orphans: Vec<String>,
}

impl StateDb {
    /// Tells state which articles exist now, as (id, content hash): state of
    /// an article whose file moved follows it by hash; state of articles that
    /// are gone is kept and returned as orphans. One transaction.
    ///
    /// A hash is only known for an article that was live at some reconcile,
    /// so call this after every index sync (and, at start-up, with what the
    /// index held before syncing): state given to an article since the last
    /// call, whose file then moves, cannot be followed and becomes an orphan
    /// (kept, listed, never lost). `moved` and `orphans` are sorted.
    pub fn reconcile(&self, live: &[(String, String)]) -> Result<Reconciled> {
        // Looked at first without the write lock: most updates have nothing
        // to record or move, and sixteen sessions each taking the lock to
        // find that out kept every mark waiting (issue 13).
        self.writable()?;
        let first = self.read(|tx| Ok(plan(&known(tx)?, live)))?;
        if first.record.is_empty() && first.moves.is_empty() {
            return Ok(Reconciled {
                moved: Vec::new(),
                orphans: first.orphans,
            });
        }
        // Planned again under the lock: another session may have changed
        // the state in between.
        self.write(|tx| {
            let plan = plan(&known(tx)?, live);
            let mut record =
                tx.prepare_cached("UPDATE article_state SET content_hash = ?2 WHERE id = ?1")?;
            for (id, hash) in &plan.record {
                record.execute(params![id, hash])?;
            }
            for (old, new, hash) in &plan.moves {
                move_state(tx, old, new, hash)?;
            }
            Ok(Reconciled {
                moved: plan
                    .moves
                    .into_iter()
                    .map(|(old, new, _)| (old, new))
                    .collect(),
                orphans: plan.orphans,
            })
        })
    }
}

impl StateDb {
    /// Records the content hash of an article the user just marked, so its
    /// state can follow the file if it moves before the next reconcile.
    pub fn remember_hash(&self, id: &str, hash: &str) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE article_state SET content_hash = ?2 WHERE id = ?1 AND content_hash IS NOT ?2",
            )?
            .execute(params![id, hash])?;
            Ok(())
        })
    }
}

fn known(tx: &Transaction) -> rusqlite::Result<Vec<Known>> {
    let mut stmt = tx.prepare(
        "SELECT id, content_hash,
                bookmarked != 0 OR read != 0 OR position != 0
                OR EXISTS (SELECT 1 FROM article_tag WHERE article_id = id)
         FROM article_state ORDER BY id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Known {
            id: row.get(0)?,
            hash: row.get(1)?,
            has_state: row.get(2)?,
        })
    })?;
    rows.collect()
}

/// Decides, without touching the database, what reconcile will do. A move
/// needs certainty: exactly one live article with the hash, and exactly one
/// vanished article with state that had it.
fn plan(known: &[Known], live: &[(String, String)]) -> Plan {
    let live_hash: HashMap<&str, &str> = live
        .iter()
        .map(|(id, h)| (id.as_str(), h.as_str()))
        .collect();
    let mut live_by_hash: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (id, hash) in &live_hash {
        live_by_hash.entry(hash).or_default().insert(id);
    }
    let vanished: Vec<&Known> = known
        .iter()
        .filter(|k| !live_hash.contains_key(k.id.as_str()) && k.has_state)
        .collect();
    let mut vanished_per_hash: HashMap<&str, usize> = HashMap::new();
    for k in &vanished {
        if let Some(hash) = &k.hash {
            *vanished_per_hash.entry(hash).or_default() += 1;
        }
    }

    let mut plan = Plan::default();
    for k in known {
        if let Some(hash) = live_hash.get(k.id.as_str())
            && k.hash.as_deref() != Some(hash)
        {
            plan.record.push((k.id.clone(), hash.to_string()));
        }
    }
    for k in vanished {
        let target = k.hash.as_deref().and_then(|hash| {
            let candidates = live_by_hash.get(hash)?;
            let single = candidates.len() == 1 && vanished_per_hash.get(hash) == Some(&1);
            single.then(|| {
                candidates
                    .iter()
                    .next()
                    .map(|id| (id.to_string(), hash.to_string()))
            })?
        });
        match target {
            Some((new, hash)) => plan.moves.push((k.id.clone(), new, hash)),
            None => plan.orphans.push(k.id.clone()),
        }
    }
    plan.record.sort();
    plan.moves.sort();
    plan.orphans.sort();
    plan
}

/// The state columns that move with an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Flags {
    bookmarked: bool,
    bookmarked_at: Option<String>,
    read: bool,
    read_at: Option<String>,
    position: i64,
}

/// When the new id already has state of its own (opened before reconcile
/// ran), keep everything either side has: flags on if on in either, the
/// new side's times and position where it has them.
fn merge(old: &Flags, new: &Flags) -> Flags {
    let pick = |new_on: bool, new_at: &Option<String>, old_at: &Option<String>| {
        if new_on {
            new_at.clone()
        } else {
            old_at.clone()
        }
    };
    Flags {
        bookmarked: old.bookmarked || new.bookmarked,
        bookmarked_at: pick(new.bookmarked, &new.bookmarked_at, &old.bookmarked_at),
        read: old.read || new.read,
        read_at: pick(new.read, &new.read_at, &old.read_at),
        position: if new.position != 0 {
            new.position
        } else {
            old.position
        },
    }
}

fn flags(tx: &Transaction, id: &str) -> rusqlite::Result<Option<Flags>> {
    tx.query_row(
        "SELECT bookmarked, bookmarked_at, read, read_at, position FROM article_state WHERE id = ?1",
        [id],
        |row| {
            Ok(Flags {
                bookmarked: row.get(0)?,
                bookmarked_at: row.get(1)?,
                read: row.get(2)?,
                read_at: row.get(3)?,
                position: row.get(4)?,
            })
        },
    )
    .optional()
}

fn move_state(tx: &Transaction, old: &str, new: &str, hash: &str) -> rusqlite::Result<()> {
    let from = flags(tx, old)?.unwrap_or_default();
    let to = flags(tx, new)?.unwrap_or_default();
    let merged = merge(&from, &to);
    tx.execute(
        "INSERT INTO article_state (id, bookmarked, bookmarked_at, read, read_at, position, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET
            bookmarked = excluded.bookmarked, bookmarked_at = excluded.bookmarked_at,
            read = excluded.read, read_at = excluded.read_at,
            position = excluded.position, content_hash = excluded.content_hash",
        params![new, merged.bookmarked, merged.bookmarked_at, merged.read, merged.read_at, merged.position, hash],
    )?;
    // Tags the new id already has (in any case) keep their row.
    tx.execute(
        "INSERT OR IGNORE INTO article_tag (article_id, fold, tag, added_at)
         SELECT ?2, fold, tag, added_at FROM article_tag WHERE article_id = ?1",
        params![old, new],
    )?;
    tx.execute("DELETE FROM article_tag WHERE article_id = ?1", [old])?;
    tx.execute("DELETE FROM article_state WHERE id = ?1", [old])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(id: &str, hash: Option<&str>, has_state: bool) -> Known {
        Known {
            id: id.into(),
            hash: hash.map(Into::into),
            has_state,
        }
    }

    fn live(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn records_missing_and_stale_hashes_of_live_articles() {
        let known = [
            k("a", None, true),
            k("b", Some("old"), true),
            k("c", Some("h3"), true),
        ];
        let p = plan(&known, &live(&[("a", "h1"), ("b", "h2"), ("c", "h3")]));
        assert_eq!(
            p.record,
            [("a".into(), "h1".into()), ("b".into(), "h2".into())]
        );
        assert!(p.moves.is_empty() && p.orphans.is_empty());
    }

    #[test]
    fn vanished_article_follows_its_unique_hash() {
        let p = plan(
            &[k("old", Some("h"), true)],
            &live(&[("new", "h"), ("other", "x")]),
        );
        assert_eq!(p.moves, [("old".into(), "new".into(), "h".into())]);
        assert!(p.orphans.is_empty());
    }

    #[test]
    fn ambiguous_or_unknown_hashes_leave_orphans() {
        // Two live copies of the content: which one was the move?
        let p = plan(
            &[k("old", Some("h"), true)],
            &live(&[("n1", "h"), ("n2", "h")]),
        );
        assert_eq!(p.orphans, ["old"]);
        // Two vanished articles with the same content: which state goes?
        let p = plan(
            &[k("o1", Some("h"), true), k("o2", Some("h"), true)],
            &live(&[("n", "h")]),
        );
        assert_eq!(p.orphans, ["o1", "o2"]);
        // Never reconciled, or content gone.
        let p = plan(
            &[k("a", None, true), k("b", Some("gone"), true)],
            &live(&[("n", "h")]),
        );
        assert_eq!(p.orphans, ["a", "b"]);
        assert!(p.moves.is_empty());
    }

    #[test]
    fn rows_without_state_are_neither_moved_nor_orphans() {
        let p = plan(&[k("old", Some("h"), false)], &live(&[("new", "h")]));
        assert_eq!(p, Plan::default());
    }

    #[test]
    fn merge_keeps_what_either_side_has() {
        let old = Flags {
            bookmarked: true,
            bookmarked_at: Some("t1".into()),
            read: true,
            read_at: Some("t2".into()),
            position: 30,
        };
        let new = Flags {
            read: true,
            read_at: Some("t9".into()),
            ..Flags::default()
        };
        let m = merge(&old, &new);
        assert!(m.bookmarked && m.read);
        assert_eq!(m.bookmarked_at.as_deref(), Some("t1"));
        assert_eq!(m.read_at.as_deref(), Some("t9"));
        assert_eq!(m.position, 30);
        assert_eq!(
            merge(
                &old,
                &Flags {
                    position: 5,
                    ..Flags::default()
                }
            )
            .position,
            5
        );
    }

    #[test]
    fn move_merges_into_existing_state() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        db.change_tags("old", &["Oil".into(), "grain".into()], &[])
            .unwrap();
        db.set_bookmarked("old", true).unwrap();
        db.reconcile(&live(&[("old", "h")])).unwrap();
        // The file moved and was opened under its new id before reconcile.
        db.set_read("new", true).unwrap();
        db.change_tags("new", &["OIL".into()], &[]).unwrap();
        let r = db.reconcile(&live(&[("new", "h")])).unwrap();
        assert_eq!(r.moved, [("old".to_string(), "new".to_string())]);
        let s = db.get("new").unwrap();
        assert!(s.bookmarked && s.read);
        assert_eq!(s.tags, ["grain", "Oil"]);
        assert!(!db.all().unwrap().contains_key("old"));
    }
}
