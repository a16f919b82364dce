//! The collection as the reader sees it: the index (articles, topics,
//! entities) joined with the user's state (tags, bookmarks, read, position).
//!
//! The UI talks to a [`Catalog`] so that its tests can use an in-memory one;
//! [`Library`] is the real thing over `index.db` and `state.db`.

use chrono::NaiveDate;

use crate::config::Grouping;
use crate::model::{ArticleDetail, ArticleSummary, Group};
use crate::query::ListFilter;
use crate::query::grouping::{group_positions, outline_of};

pub type Result<T> = anyhow::Result<T>;

/// What the reader asks of the collection. Every write is durable when the
/// call returns.
pub trait Catalog {
    /// Newest first, undated last; best match first when the filter's
    /// query has words to rank by.
    fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>>;

    /// The list's groups in display order with their sizes;
    /// `Grouping::None` gives one group named `None`.
    fn outline(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
    ) -> Result<Vec<Group>> {
        let all = self.list(filter)?;
        Ok(outline_of(&group_positions(&all, grouping, today)))
    }

    /// [`Catalog::outline`], where an ungrouped list may be counted only
    /// up to `cap` articles (what a first screen needs): the groups, and
    /// whether their count is whole. When it is not, the list holds more
    /// than the one group's `cap`.
    fn outline_upto(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        _cap: usize,
    ) -> Result<(Vec<Group>, bool)> {
        Ok((self.outline(filter, grouping, today)?, true))
    }

    /// The articles at positions `offset..offset + limit` of that order
    /// (groups concatenated).
    fn page(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let all = self.list(filter)?;
        Ok(group_positions(&all, grouping, today)
            .into_iter()
            .flat_map(|(_, members)| members)
            .skip(offset)
            .take(limit)
            .map(|i| all[i].clone())
            .collect())
    }

    /// Where an article is in that order, if it is in the list.
    fn locate(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        id: &str,
    ) -> Result<Option<usize>> {
        let all = self.list(filter)?;
        Ok(group_positions(&all, grouping, today)
            .into_iter()
            .flat_map(|(_, members)| members)
            .position(|i| all[i].id == id))
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>>;
    fn set_read(&self, id: &str, read: bool) -> Result<()>;
    fn set_bookmarked(&self, id: &str, on: bool) -> Result<()>;
    /// Adds then removes user tags on one article.
    fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()>;
    /// Every tag in use with the number of articles carrying it.
    fn all_tags(&self) -> Result<Vec<(String, usize)>>;
    fn set_position(&self, id: &str, line: u32) -> Result<()>;
    /// Changes marks on every article in `ids` in one transaction, and says
    /// what it changed so that [`Catalog::undo`] can take it back.
    fn mark(&self, ids: &[String], mark: &Mark) -> Result<Undo>;
    /// The content hashes (id, hash) to record with a change of marks on
    /// these articles (see [`StateDb::mark_remembering`]): none when many.
    fn hashes_for_marks(&self, _ids: &[String]) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Takes back a change [`Catalog::mark`] made, in one transaction.
    fn undo(&self, undo: &Undo) -> Result<usize>;
    /// The ids of every article in view: what a bulk change applies to.
    fn ids_in_view(&self, filter: &ListFilter) -> Result<Vec<String>> {
        Ok(self.list(filter)?.into_iter().map(|a| a.id).collect())
    }
    /// Files that could not be ingested: (path, reason).
    fn failures(&self) -> Result<Vec<(String, String)>>;
    /// Changes whenever another session (or this one) wrote user state, so
    /// the UI knows when to reload.
    fn state_version(&self) -> Result<u64>;
    /// Changes whenever another connection committed to the index (an
    /// update's batch landed), so the list can show what has landed.
    fn index_version(&self) -> Result<u64> {
        Ok(0)
    }
    /// Why nothing the user does can be saved this session (the state
    /// could only be opened for reading), if so.
    fn read_only(&self) -> Option<String> {
        None
    }
    /// The articles most related to one, best first (`R`).
    fn related(&self, _id: &str, _limit: usize) -> Result<Vec<Related>> {
        Ok(Vec::new())
    }
    /// The page of the entity `kind:key` (or named so), if it exists.
    fn entity_page(&self, _key: &str) -> Result<Option<EntityPage>> {
        Ok(None)
    }
    /// The names the entity picker offers, most named first.
    fn entity_names(&self) -> Result<Vec<EntityName>> {
        Ok(Vec::new())
    }
    /// Saves one of the user's entity corrections and applies it at once.
    fn correct_entity(&self, _correction: &Correction) -> Result<()> {
        anyhow::bail!("entity corrections cannot be saved here")
    }
    /// The searches typed after `/`, latest first (the state's history).
    fn search_history(&self) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
    fn remember_search(&self, _query: &str) -> Result<()> {
        Ok(())
    }
}

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Context;

use crate::state::{ArticleState, Correction, Mark, StateDb, Undo};
use crate::store::{EntityName, EntityPage, Index, IndexRow, Related, StoredArticle, stored_raw};

/// Ids of an entity's articles an entity page loads (the newest): the
/// page lists a few; following the entity lists them all from the index.
const PAGE_ARTICLES: usize = 50;
/// How long a reader's refresh waits for another session's index update
/// before leaving corrections to the next refresh.
const CORRECTIONS_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Above this many articles a change of marks does not also record their
/// content hashes (see [`Catalog::mark`] for [`Library`]).
const REMEMBER_AT_MOST: usize = 1000;

/// The real collection: the index joined with the user's state.
pub struct Library {
    pub index: Index,
    pub state: StateDb,
    pub briefs: PathBuf,
    /// How many linked article ids to load per entity (None: all). The
    /// reader only needs counts up front; scripts want every id.
    pub entity_article_limit: Option<usize>,
}

/// A list row as the user sees it: the index row plus their state.
pub fn summarize(row: IndexRow, state: Option<&ArticleState>) -> ArticleSummary {
    let mut tags: BTreeSet<String> = row.tags.into_iter().collect();
    if let Some(s) = state {
        tags.extend(s.tags.iter().cloned());
        tags.extend(s.desk.iter().map(|d| d.tag.clone()));
    }
    ArticleSummary {
        id: row.id,
        path: row.path,
        title: row.title,
        date: row.date,
        topics: row.topics,
        tags: tags.into_iter().collect(),
        bookmarked: state.is_some_and(|s| s.bookmarked),
        read: state.is_some_and(|s| s.read),
        source: row.source,
        desk_tags: state.map(|s| s.desk.clone()).unwrap_or_default(),
    }
}

impl Library {
    pub fn detail(&self, stored: StoredArticle) -> Result<ArticleDetail> {
        let state = self.state.get(&stored.row.id)?;
        let entities = self
            .index
            .entity_links(&stored.row.id, self.entity_article_limit)?;
        let filed = chrono::DateTime::from_timestamp_nanos(stored.mtime_ns);
        // Read now rather than stored: see store/raw.rs. When the file is
        // gone or changed, the reason is what the raw view shows.
        let raw = stored_raw(&self.briefs, &stored).unwrap_or_else(|why| why);
        Ok(ArticleDetail {
            position: state.position,
            summary: summarize(stored.row, Some(&state)),
            url: stored.url,
            body: stored.body,
            raw,
            entities,
            filed: Some(filed),
        })
    }

    /// Applies the user's entity corrections to the index if they changed
    /// (by this session or another). Waits at most `wait` for an index
    /// update running elsewhere; that update applies them itself.
    pub fn apply_corrections(&self, wait: std::time::Duration) -> Result<()> {
        let corrections = self.state.corrections()?;
        self.index
            .apply_corrections_waiting(&corrections, wait)
            .context("cannot apply the entity corrections to the index")?;
        Ok(())
    }

    /// Lets the index's queries see the user's state.
    fn searchable(&self) -> Result<()> {
        self.index
            .attach_state_and_desk(self.state.path(), self.state.desk_path())
    }

    /// Fails with a clear message when no article has this id.
    pub fn require(&self, id: &str) -> Result<ArticleDetail> {
        self.article(id)?.ok_or_else(|| no_article(id))
    }

    /// One article's list row with the user's state, without its text or
    /// its entity links: what marking an article needs.
    pub fn summary(&self, id: &str) -> Result<ArticleSummary> {
        let row = self.index.row(id)?.ok_or_else(|| no_article(id))?;
        let state = self.state.get(id)?;
        Ok(summarize(row, Some(&state)))
    }
}

fn no_article(id: &str) -> anyhow::Error {
    anyhow::anyhow!("no article with id `{id}` (see `brief list`)")
}

impl Catalog for Library {
    fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>> {
        // Ungrouped, so the day does not matter.
        let any_day = NaiveDate::MIN;
        self.searchable()?;
        self.index.page(filter, Grouping::None, any_day, 0, None)
    }

    fn outline(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
    ) -> Result<Vec<Group>> {
        self.searchable()?;
        self.index.outline(filter, grouping, today)
    }

    fn outline_upto(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        cap: usize,
    ) -> Result<(Vec<Group>, bool)> {
        self.searchable()?;
        self.index.outline_upto(filter, grouping, today, cap)
    }

    fn page(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>> {
        self.searchable()?;
        self.index
            .page(filter, grouping, today, offset, Some(limit))
    }

    fn locate(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        id: &str,
    ) -> Result<Option<usize>> {
        self.searchable()?;
        self.index.locate(filter, grouping, today, id)
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>> {
        match self.index.article(id)? {
            Some(stored) => Ok(Some(self.detail(stored)?)),
            None => Ok(None),
        }
    }

    fn set_read(&self, id: &str, read: bool) -> Result<()> {
        self.mark(&[id.to_string()], &Mark::Read(read)).map(drop)
    }

    fn set_bookmarked(&self, id: &str, on: bool) -> Result<()> {
        self.mark(&[id.to_string()], &Mark::Bookmarked(on))
            .map(drop)
    }

    fn change_tags(&self, id: &str, add: &[String], remove: &[String]) -> Result<()> {
        let mark = Mark::Tags {
            add: add.to_vec(),
            remove: remove.to_vec(),
        };
        self.mark(&[id.to_string()], &mark).map(drop)
    }

    fn mark(&self, ids: &[String], mark: &Mark) -> Result<Undo> {
        // The content hash ties fresh user state to the article's content,
        // so it follows the file if it is moved before the next index
        // update. Best effort: without the hashes that update records them. A change over the whole collection would
        // write every article's hash again, doubling its time (at 100,000
        // articles 1.0 s became 1.9 s), for articles the index update at
        // start-up has already recorded: so only for a smaller change.
        let hashes = self.hashes_for_marks(ids);
        Ok(self.state.mark_remembering(ids, mark, &hashes)?)
    }

    fn hashes_for_marks(&self, ids: &[String]) -> Vec<(String, String)> {
        if ids.len() <= REMEMBER_AT_MOST {
            self.index.hashes_of(ids).unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    fn undo(&self, undo: &Undo) -> Result<usize> {
        Ok(self.state.undo(undo)?)
    }

    fn ids_in_view(&self, filter: &ListFilter) -> Result<Vec<String>> {
        self.searchable()?;
        self.index.ids(filter)
    }

    fn all_tags(&self) -> Result<Vec<(String, usize)>> {
        // Front matter tags count too: a user filtering by tag sees both.
        let mut counts: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
        for (tag, id) in self.index.front_matter_tags()? {
            counts.entry(tag).or_default().insert(id);
        }
        for (id, state) in self.state.all()? {
            for tag in state.tags {
                counts.entry(tag).or_default().insert(id.clone());
            }
        }
        for (id, desk) in self.state.desk_tags()? {
            counts.entry(desk.tag).or_default().insert(id);
        }
        Ok(counts.into_iter().map(|(t, ids)| (t, ids.len())).collect())
    }

    fn set_position(&self, id: &str, line: u32) -> Result<()> {
        Ok(self.state.set_position(id, line)?)
    }

    fn failures(&self) -> Result<Vec<(String, String)>> {
        self.index
            .failures()
            .context("cannot read the list of failed files")
    }

    fn state_version(&self) -> Result<u64> {
        let version = self.state.version()?;
        // Corrections made in another session show here at its next
        // refresh; a busy index is tried again at the following one.
        let _ = self.apply_corrections(CORRECTIONS_WAIT);
        Ok(version.wrapping_add(self.index.corrections_generation() << 32))
    }

    fn related(&self, id: &str, limit: usize) -> Result<Vec<Related>> {
        self.index.related(id, limit)
    }

    fn entity_page(&self, key: &str) -> Result<Option<EntityPage>> {
        // `kind:key`, or a name the user typed.
        let Some((kind, key)) = self.index.find_entity(key)? else {
            return Ok(None);
        };
        self.index.entity_page(kind, &key, Some(PAGE_ARTICLES))
    }

    fn entity_names(&self) -> Result<Vec<EntityName>> {
        self.index.entity_names()
    }

    fn correct_entity(&self, correction: &Correction) -> Result<()> {
        self.state.add_correction(correction)?;
        self.apply_corrections(std::time::Duration::from_secs(10))
    }

    fn index_version(&self) -> Result<u64> {
        self.index.data_version()
    }

    fn read_only(&self) -> Option<String> {
        self.state.read_only().map(str::to_string)
    }

    fn search_history(&self) -> Result<Vec<String>> {
        Ok(self.state.search_history()?)
    }

    fn remember_search(&self, query: &str) -> Result<()> {
        Ok(self.state.remember_search(query)?)
    }
}
