//! `index.db`: the rebuildable cache of ingested articles, their topics,
//! dates and entities, kept up to date incrementally.
//!
//! Nothing here is precious: a missing, corrupt or outdated index is deleted
//! and rebuilt from the briefs folder, which is only ever read.

mod compile;
mod corrections;
mod entity_page;
#[cfg(test)]
mod evidence_tests;
#[cfg(test)]
mod follow_tests;
mod freshness;
mod fts;
#[cfg(test)]
mod growth_tests;
mod locate;
pub mod packed;
mod pipeline;
mod raw;
mod read;
mod related;
mod schema;
mod search;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod short_form_tests;
mod sync;
#[cfg(test)]
mod tests;
mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension};

pub use corrections::{Applied, correct};
pub use entity_page::{Cooccurring, EntityName, EntityPage, Period, timeline};
pub use raw::{raw_text, stored_raw};
pub use read::{EntitySummary, IndexFilter, IndexRow, ItemPlace, StoredArticle, entity_ref};
pub use related::Related;
pub use sync::{Stages, SyncProgress, SyncReport, Toolkit};

/// A full-text expression, the state of the data it was counted on
/// (`PRAGMA data_version`, this connection's total changes), its count,
/// and whether that count is exact (else it is "more than this").
type FtsCount = (String, (i64, u64), usize, bool);

pub struct Index {
    conn: Connection,
    path: PathBuf,
    /// Searches matching more articles than this are listed newest first
    /// instead of ranked (see `compile::RANK_AT_MOST`); lowered by tests.
    rank_at_most: usize,
    /// The last full-text count: (expression, state of the data, count).
    /// A keystroke asks the outline and then a page for the same search;
    /// the count decides both, so it is read once while the data stands.
    last_fts_count: std::cell::RefCell<Option<FtsCount>>,
    /// Bumped when this connection applied changed entity corrections.
    corrections_applied: std::cell::Cell<u64>,
}

/// The index file for one briefs folder inside a cache directory. Each
/// folder gets its own file, so pointing brief at another folder never
/// mixes two collections.
pub fn index_path(cache_dir: &Path, briefs_dir: &Path) -> PathBuf {
    let canonical = briefs_dir
        .canonicalize()
        .unwrap_or_else(|_| briefs_dir.to_path_buf());
    let digest = blake3::hash(canonical.as_os_str().as_encoded_bytes()).to_hex();
    cache_dir.join(format!("index-{}.db", &digest.as_str()[..16]))
}

impl Index {
    /// Opens the index at `path`, creating or rebuilding it when it is
    /// missing, unreadable or of another schema version.
    pub fn open(path: &Path) -> Result<Index> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the cache folder", dir.display()))?;
        }
        match Self::open_current(path) {
            Ok(Some(index)) => Ok(index),
            Ok(None) | Err(_) => {
                remove_db_files(path)?;
                Self::create(path)
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The existing index if it is readable and of this schema version.
    fn open_current(path: &Path) -> Result<Option<Index>> {
        if !path.exists() {
            return Ok(None);
        }
        let conn = Connection::open(path)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != schema::VERSION {
            return Ok(None);
        }
        conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))?;
        let index = Index {
            conn,
            path: path.to_path_buf(),
            rank_at_most: compile::RANK_AT_MOST,
            last_fts_count: Default::default(),
            corrections_applied: Default::default(),
        };
        index.tune()?;
        Ok(Some(index))
    }

    fn create(path: &Path) -> Result<Index> {
        let conn = Connection::open(path)
            .with_context(|| format!("{}: cannot create the index", path.display()))?;
        // Before anything is written. A body is ~2.5 KB: with 4 KB pages
        // each took a page of its own (41 MB of pages for 25 MB of bodies
        // at 10,000 articles); 8 KB pages hold three. At 100,000 articles
        // the cold index wrote a fifth less and took 16.5 s, not 18.2 s.
        conn.pragma_update(None, "page_size", 8192)?;
        let index = Index {
            conn,
            path: path.to_path_buf(),
            rank_at_most: compile::RANK_AT_MOST,
            last_fts_count: Default::default(),
            corrections_applied: Default::default(),
        };
        index.tune()?;
        index
            .conn
            .execute_batch(&format!(
                "BEGIN; {} {} PRAGMA user_version = {}; COMMIT;",
                schema::CREATE,
                schema::create_indexes(),
                schema::VERSION
            ))
            .with_context(|| format!("{}: cannot create the index schema", path.display()))?;
        Ok(index)
    }

    fn tune(&self) -> Result<()> {
        search::register_functions(&self.conn)?;
        // WAL lets a reader session keep reading while another updates the
        // index; NORMAL sync is enough for a cache that can be rebuilt.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // A search collects its matches in a temporary b-tree: in memory,
        // not spilled to a temporary file on every keystroke. And a page
        // cache that holds what a session reads again and again (up to
        // 32 MB, taken only as pages are read).
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        Ok(())
    }

    /// SQLite's `data_version`: moves when another connection commits.
    pub fn data_version(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }
}

fn remove_db_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "{}: cannot remove the old index",
                        PathBuf::from(p).display()
                    )
                });
            }
        }
    }
    Ok(())
}
