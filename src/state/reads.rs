//! Looking up what the user did: per article, for the whole collection, and
//! the tag and bookmark views.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row};

use super::{ArticleState, Result, StateDb, tags};

impl StateDb {
    /// The state of one article (all defaults when it has none).
    pub fn get(&self, id: &str) -> Result<ArticleState> {
        self.read(|tx| {
            let mut state = tx
                .query_row(
                    "SELECT bookmarked, read, position FROM article_state WHERE id = ?1",
                    [id],
                    flags_of,
                )
                .optional()?
                .unwrap_or_default();
            let mut stmt = tx.prepare_cached(
                "SELECT tag FROM article_tag WHERE article_id = ?1 ORDER BY fold",
            )?;
            state.tags = stmt
                .query_map([id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(state)
        })
        .and_then(|mut state| {
            if let Some((desk, _)) = self.desk() {
                state.desk = desk.tags_of(id)?;
            }
            Ok(state)
        })
    }

    /// Every article with a state row, by id.
    pub fn all(&self) -> Result<HashMap<String, ArticleState>> {
        self.read(|tx| {
            let mut all = HashMap::new();
            let mut stmt =
                tx.prepare("SELECT id, bookmarked, read, position FROM article_state")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let state = ArticleState {
                    bookmarked: row.get(1)?,
                    read: row.get(2)?,
                    position: position_of(row.get(3)?),
                    tags: Vec::new(),
                    desk: Vec::new(),
                };
                all.insert(id, state);
            }
            let mut stmt =
                tx.prepare("SELECT article_id, tag FROM article_tag ORDER BY article_id, fold")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let tag: String = row.get(1)?;
                all.entry(id)
                    .or_insert_with(ArticleState::default)
                    .tags
                    .push(tag);
            }
            Ok(all)
        })
    }

    /// Each tag in use with the number of articles carrying it, sorted by
    /// tag without regard to case. For completion and `brief tags`.
    pub fn tag_counts(&self) -> Result<Vec<(String, usize)>> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT min(tag), count(*) FROM article_tag GROUP BY fold ORDER BY fold",
            )?;
            let rows = stmt.query_map([], |row| {
                let count: i64 = row.get(1)?;
                Ok((row.get(0)?, usize::try_from(count).unwrap_or(0)))
            })?;
            rows.collect()
        })
    }

    /// Every (article, desk tag) on the desk, when the state has one.
    pub fn desk_tags(&self) -> Result<Vec<(String, super::DeskTag)>> {
        match self.desk() {
            Some((desk, _)) => desk.all(),
            None => Ok(Vec::new()),
        }
    }

    /// Ids of bookmarked articles, sorted.
    pub fn bookmarked_ids(&self) -> Result<Vec<String>> {
        self.read(|tx| {
            let mut stmt =
                tx.prepare("SELECT id FROM article_state WHERE bookmarked = 1 ORDER BY id")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect()
        })
    }

    /// Ids of articles carrying `tag` (any case), sorted. An invalid tag is
    /// an error, not an empty list, so a typo in a script is noticed.
    pub fn ids_with_tag(&self, tag: &str) -> Result<Vec<String>> {
        let tag = tags::normalize(tag)?;
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT article_id FROM article_tag WHERE fold = ?1 ORDER BY article_id",
            )?;
            let rows = stmt.query_map([&tag.fold], |row| row.get(0))?;
            rows.collect()
        })
    }
}

fn flags_of(row: &Row) -> rusqlite::Result<ArticleState> {
    Ok(ArticleState {
        tags: Vec::new(),
        bookmarked: row.get(0)?,
        read: row.get(1)?,
        position: position_of(row.get(2)?),
        desk: Vec::new(),
    })
}

/// A position outside `u32` can only come from a hand-edited database;
/// starting at the top is the harmless reading of it.
fn position_of(stored: i64) -> u32 {
    u32::try_from(stored).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::{strings, temp_db};

    #[test]
    fn all_gathers_flags_and_tags() {
        let (_d, db) = temp_db();
        db.change_tags("a", &strings(&["b-tag", "A-tag"]), &[])
            .unwrap();
        db.set_bookmarked("b", true).unwrap();
        let all = db.all().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all["a"].tags, ["A-tag", "b-tag"]);
        assert!(all["b"].bookmarked && all["b"].tags.is_empty());
    }

    #[test]
    fn views_by_bookmark_and_tag() {
        let (_d, db) = temp_db();
        db.set_bookmarked("z", true).unwrap();
        db.set_bookmarked("m", true).unwrap();
        db.set_bookmarked("m", false).unwrap();
        db.set_bookmarked("a", true).unwrap();
        assert_eq!(db.bookmarked_ids().unwrap(), ["a", "z"]);
        db.change_tags("q", &strings(&["Grain"]), &[]).unwrap();
        db.change_tags("p", &strings(&["grain", "oil"]), &[])
            .unwrap();
        assert_eq!(db.ids_with_tag(" GRAIN ").unwrap(), ["p", "q"]);
        assert!(db.ids_with_tag("none").unwrap().is_empty());
        assert!(db.ids_with_tag("").is_err());
        assert_eq!(
            db.tag_counts().unwrap(),
            [("Grain".to_string(), 2), ("oil".to_string(), 1)]
        );
    }

    #[test]
    fn odd_positions_read_as_top() {
        assert_eq!(position_of(-3), 0);
        assert_eq!(position_of(i64::MAX), 0);
        assert_eq!(position_of(17), 17);
    }
}
