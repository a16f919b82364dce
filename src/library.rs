//! The collection as the reader sees it: the index (articles, topics,
//! entities) joined with the user's state (tags, bookmarks, read, position).
//!
//! The UI talks to a [`Catalog`] so that its tests can use an in-memory one;
//! [`Library`] is the real thing over `index.db` and `state.db`.

use crate::model::{ArticleDetail, ArticleSummary};
use crate::query::ListFilter;

pub type Result<T> = anyhow::Result<T>;

/// What the reader asks of the collection. Every write is durable when the
/// call returns.
pub trait Catalog {
    /// Newest first, undated last.
    fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>>;
    fn article(&self, id: &str) -> Result<Option<ArticleDetail>>;
    fn set_read(&self, id: &str, read: bool) -> Result<()>;
    fn set_bookmarked(&self, id: &str, on: bool) -> Result<()>;
    /// Adds then removes user tags on one article.
    fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()>;
    /// Every tag in use with the number of articles carrying it.
    fn all_tags(&self) -> Result<Vec<(String, usize)>>;
    fn set_position(&self, id: &str, line: u32) -> Result<()>;
    /// Files that could not be ingested: (path, reason).
    fn failures(&self) -> Result<Vec<(String, String)>>;
    /// Changes whenever another session (or this one) wrote user state, so
    /// the UI knows when to reload.
    fn state_version(&self) -> Result<u64>;
}
