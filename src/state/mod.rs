//! The user's own data: tags, bookmarks, read state and reading position,
//! in `state.db`, durable and shared safely between sessions. Keyed by
//! article id; never rebuilt, never silently replaced.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the user did to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleState {
    pub tags: Vec<String>,
    pub bookmarked: bool,
    pub read: bool,
    pub position: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("state database {path}: {message}")]
    Db { path: PathBuf, message: String },
}

pub type Result<T> = std::result::Result<T, StateError>;

pub struct StateDb {
    path: PathBuf,
}

impl StateDb {
    /// Opens (creating if needed) `state.db` in `dir`.
    pub fn open(dir: &Path) -> Result<StateDb> {
        Ok(StateDb {
            path: dir.join("state.db"),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, id: &str) -> Result<ArticleState> {
        let _ = id;
        Ok(ArticleState::default())
    }

    pub fn all(&self) -> Result<HashMap<String, ArticleState>> {
        Ok(HashMap::new())
    }

    pub fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()> {
        let _ = (id, add, remove);
        Ok(())
    }

    pub fn set_bookmarked(&self, id: &str, on: bool) -> Result<()> {
        let _ = (id, on);
        Ok(())
    }

    pub fn set_read(&self, id: &str, read: bool) -> Result<()> {
        let _ = (id, read);
        Ok(())
    }

    pub fn set_position(&self, id: &str, line: u32) -> Result<()> {
        let _ = (id, line);
        Ok(())
    }

    pub fn tag_counts(&self) -> Result<Vec<(String, usize)>> {
        Ok(Vec::new())
    }

    /// Changes whenever any session commits user state.
    pub fn version(&self) -> Result<u64> {
        Ok(0)
    }

    /// Tells state which articles exist now, as (id, content hash): state of
    /// an article whose file moved follows it by hash; state of articles that
    /// are gone is kept and returned as orphans.
    pub fn reconcile(&self, live: &[(String, String)]) -> Result<Reconciled> {
        let _ = live;
        Ok(Reconciled::default())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// (old id, new id) pairs whose state followed a moved file.
    pub moved: Vec<(String, String)>,
    /// Ids with user state but no article.
    pub orphans: Vec<String>,
}
