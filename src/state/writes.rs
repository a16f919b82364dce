//! Everything the user does, one committed transaction per call. Each
//! statement touches only the rows it means to change, so sessions writing
//! at once never undo each other.

use rusqlite::{Transaction, params};

use super::tags::Tag;
use super::{Result, StateDb};

/// UTC, millisecond precision, sortable as text.
pub(super) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

impl StateDb {
    /// Removes `remove` then adds `add` on one article. Tags are checked
    /// first: one invalid tag refuses the whole call and nothing changes.
    pub fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()> {
        self.tag_many(&[id.to_string()], add, remove)
    }

    /// Tags every article in `ids` at once ("tag all in view"), one
    /// transaction.
    pub fn tag_many(&self, ids: &[String], add: &[String], remove: &[String]) -> Result<()> {
        let mark = super::Mark::Tags {
            add: add.to_vec(),
            remove: remove.to_vec(),
        };
        self.mark(ids, &mark).map(drop)
    }

    pub fn set_bookmarked(&self, id: &str, on: bool) -> Result<()> {
        self.write(|tx| set_flag(tx, Flag::Bookmarked, id, on))
    }

    pub fn set_read(&self, id: &str, read: bool) -> Result<()> {
        self.write(|tx| set_flag(tx, Flag::Read, id, read))
    }

    /// Marks every article in `ids` read or unread ("mark all in view
    /// read"), one transaction.
    pub fn set_read_many(&self, ids: &[String], read: bool) -> Result<()> {
        self.mark(ids, &super::Mark::Read(read)).map(drop)
    }

    /// Remembers the line the reader stopped at. Writing the same line
    /// again writes nothing. Each change is a synced commit (well under a
    /// millisecond to a few ms), so call it when the reader leaves or pauses
    /// on an article rather than on every scrolled line.
    pub fn set_position(&self, id: &str, line: u32) -> Result<()> {
        self.write(|tx| {
            if line == 0 {
                tx.execute(
                    "UPDATE article_state SET position = 0 WHERE id = ?1 AND position != 0",
                    [id],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO article_state (id, position) VALUES (?1, ?2)
                     ON CONFLICT (id) DO UPDATE SET position = excluded.position
                     WHERE position != excluded.position",
                    params![id, line],
                )?;
            }
            Ok(())
        })
    }
}

/// A tag that already exists in another case keeps the spelling it had, so
/// the tag list does not fill with near twins.
pub(super) fn with_existing_spelling(
    tx: &Transaction,
    add: Vec<Tag>,
) -> rusqlite::Result<Vec<Tag>> {
    let mut stmt = tx.prepare_cached("SELECT tag FROM article_tag WHERE fold = ?1 LIMIT 1")?;
    add.into_iter()
        .map(|tag| {
            let existing: Option<String> = stmt
                .query_row([&tag.fold], |row| row.get(0))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            Ok(Tag {
                text: existing.unwrap_or(tag.text),
                fold: tag.fold,
            })
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Flag {
    Bookmarked,
    Read,
}

/// Sets a flag and the time it was turned on (NULL while off). Setting it
/// to what it already is writes nothing, and turning off a flag of an
/// article with no state creates no row.
fn set_flag(tx: &Transaction, flag: Flag, id: &str, on: bool) -> rusqlite::Result<()> {
    // Column names come from this enum, never from input.
    let (column, at) = match flag {
        Flag::Bookmarked => ("bookmarked", "bookmarked_at"),
        Flag::Read => ("read", "read_at"),
    };
    if on {
        tx.prepare_cached(&format!(
            "INSERT INTO article_state (id, {column}, {at}) VALUES (?1, 1, {NOW})
             ON CONFLICT (id) DO UPDATE SET {column} = 1, {at} = excluded.{at}
             WHERE {column} = 0"
        ))?
        .execute([id])?;
    } else {
        tx.prepare_cached(&format!(
            "UPDATE article_state SET {column} = 0, {at} = NULL WHERE id = ?1 AND {column} != 0"
        ))?
        .execute([id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ArticleState;
    use crate::state::testing::{read_at, strings, temp_db};

    #[test]
    fn tags_are_added_removed_and_sorted_without_case() {
        let (_d, db) = temp_db();
        db.change_tags("a", &strings(&["oil", "Energy", " zinc "]), &[])
            .unwrap();
        assert_eq!(db.get("a").unwrap().tags, ["Energy", "oil", "zinc"]);
        db.change_tags("a", &strings(&["OIL"]), &strings(&["ENERGY"]))
            .unwrap();
        assert_eq!(db.get("a").unwrap().tags, ["oil", "zinc"]);
    }

    #[test]
    fn new_spelling_of_existing_tag_takes_the_existing_one() {
        let (_d, db) = temp_db();
        db.change_tags("a", &strings(&["Energy"]), &[]).unwrap();
        db.change_tags("b", &strings(&["ENERGY"]), &[]).unwrap();
        assert_eq!(db.get("b").unwrap().tags, ["Energy"]);
        assert_eq!(db.tag_counts().unwrap(), [("Energy".to_string(), 2)]);
    }

    #[test]
    fn invalid_tag_refuses_the_whole_request() {
        let (_d, db) = temp_db();
        let err = db
            .change_tags("a", &strings(&["good", "  "]), &[])
            .unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        assert_eq!(db.get("a").unwrap(), ArticleState::default());
        assert!(db.change_tags("a", &[], &strings(&[""])).is_err());
    }

    #[test]
    fn removing_then_adding_the_same_tag_keeps_it() {
        let (_d, db) = temp_db();
        db.change_tags("a", &strings(&["x"]), &strings(&["x"]))
            .unwrap();
        assert_eq!(db.get("a").unwrap().tags, ["x"]);
    }

    #[test]
    fn flags_and_position_round_trip() {
        let (_d, db) = temp_db();
        db.set_bookmarked("a", true).unwrap();
        db.set_read("a", true).unwrap();
        db.set_position("a", 42).unwrap();
        let want = ArticleState {
            tags: vec![],
            bookmarked: true,
            read: true,
            position: 42,
            desk: vec![],
        };
        assert_eq!(db.get("a").unwrap(), want);
        db.set_bookmarked("a", false).unwrap();
        db.set_read("a", false).unwrap();
        db.set_position("a", 0).unwrap();
        assert_eq!(db.get("a").unwrap(), ArticleState::default());
    }

    #[test]
    fn read_time_is_kept_while_read_and_cleared_when_unread() {
        let (_d, db) = temp_db();
        db.set_read("a", true).unwrap();
        let first = read_at(&db, "a").expect("read_at set");
        assert!(first.ends_with('Z') && first.contains('T'), "{first}");
        std::thread::sleep(std::time::Duration::from_millis(5));
        db.set_read("a", true).unwrap();
        assert_eq!(
            read_at(&db, "a").as_deref(),
            Some(first.as_str()),
            "re-reading keeps first time"
        );
        db.set_read("a", false).unwrap();
        assert_eq!(read_at(&db, "a"), None);
    }

    #[test]
    fn turning_off_unknown_article_creates_nothing() {
        let (_d, db) = temp_db();
        db.set_bookmarked("ghost", false).unwrap();
        db.set_position("ghost", 0).unwrap();
        db.change_tags("ghost", &[], &strings(&["x"])).unwrap();
        assert!(db.all().unwrap().is_empty());
    }

    #[test]
    fn many_at_once() {
        let (_d, db) = temp_db();
        let ids = strings(&["a", "b", "c"]);
        db.set_read_many(&ids, true).unwrap();
        db.tag_many(&ids, &strings(&["week"]), &[]).unwrap();
        db.tag_many(&strings(&["b"]), &[], &strings(&["week"]))
            .unwrap();
        assert!(ids.iter().all(|id| db.get(id).unwrap().read));
        assert_eq!(db.ids_with_tag("WEEK").unwrap(), ["a", "c"]);
        db.set_read_many(&ids[..2], false).unwrap();
        assert!(!db.get("a").unwrap().read && db.get("c").unwrap().read);
    }
}
