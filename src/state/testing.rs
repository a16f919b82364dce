//! What the state module's tests set up alike.

use super::StateDb;

/// A state database in a folder of its own, which lasts as long as the
/// returned guard does.
pub fn temp_db() -> (tempfile::TempDir, StateDb) {
    let dir = tempfile::tempdir().unwrap();
    let db = StateDb::open(dir.path()).unwrap();
    (dir, db)
}

/// Ids or tags as the calls take them.
pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// The time article `id` was marked read as stored: `None` while unread.
pub fn read_at(db: &StateDb, id: &str) -> Option<String> {
    db.read(|tx| {
        tx.query_row(
            "SELECT read_at FROM article_state WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
    })
    .unwrap()
}
