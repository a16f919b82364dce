//! The searches typed after `/`, latest first, kept across sessions.

use rusqlite::params;

use super::{Result, StateDb};

/// Past this many the oldest are forgotten: a prompt's history, not a log.
pub const KEPT: usize = 200;

impl StateDb {
    /// Remembers a search (again: it moves to the front).
    pub fn remember_search(&self, query: &str) -> Result<()> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO search_history (query, seq)
                 VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM search_history))
                 ON CONFLICT (query) DO UPDATE SET seq = excluded.seq",
                [query],
            )?;
            tx.execute(
                "DELETE FROM search_history WHERE query NOT IN
                 (SELECT query FROM search_history ORDER BY seq DESC LIMIT ?1)",
                params![KEPT as i64],
            )?;
            Ok(())
        })
    }

    /// The searches, latest first.
    pub fn search_history(&self) -> Result<Vec<String>> {
        self.read(|tx| {
            let mut stmt =
                tx.prepare("SELECT query FROM search_history ORDER BY seq DESC LIMIT ?1")?;
            let rows = stmt.query_map([KEPT as i64], |row| row.get(0))?;
            rows.collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_come_back_latest_first_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        assert!(db.search_history().unwrap().is_empty());
        for q in ["grain", "topic:energy", "  ", "grain"] {
            db.remember_search(q).unwrap();
        }
        assert_eq!(db.search_history().unwrap(), vec!["grain", "topic:energy"]);
        drop(db);
        let db = StateDb::open(dir.path()).unwrap();
        assert_eq!(
            db.search_history().unwrap().len(),
            2,
            "kept across sessions"
        );
        for i in 0..KEPT + 5 {
            db.remember_search(&format!("q{i}")).unwrap();
        }
        let all = db.search_history().unwrap();
        assert_eq!(all.len(), KEPT);
        assert_eq!(all[0], format!("q{}", KEPT + 4));
    }
}
