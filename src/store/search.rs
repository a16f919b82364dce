//! The list as the reader pages through it: a [`ListFilter`] (with its
//! search) compiled to one SQL statement with bound parameters, over the
//! index with the user's `state.db` attached read-only as `st`, so any mix
//! of AND, OR and NOT over words, fields and user state stays one query.
//!
//! Order: best match first (BM25, the title weighing ten times the text)
//! when the search has words that count positively, else newest first,
//! undated last; grouping puts the group's key before either.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::Index;
use super::compile::{
    DESK, Plan, STATE, Sql, count_condition, day, from, page_condition, plan, with_scores,
};
use crate::config::Grouping;
use crate::model::{ArticleSummary, Group};
use crate::query::ListFilter;
use crate::query::grouping::{
    NO_TOPIC, UNDATED_RANK, YEARS_RANK, date_group_name, date_rank, month_start, week_start,
};
use crate::state::DeskTag;
use crate::text::fold_key;

/// SQL functions the schema's expression indexes and the queries use.
pub fn register_functions(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("fold_key", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| fold_key(&s)))
    })?;
    conn.create_scalar_function("casefold", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase()))
    })?;
    Ok(())
}

const DATE_ORDER: &str = "a.date IS NULL, a.date DESC, a.title, a.id";

/// Past this position an unranked core is collected once rather than
/// asked article by article (see `page_condition`).
const DEEP_PAGE: usize = 2_000;

/// The date group of `a.date` as its rank, as `query::grouping::date_rank`
/// computes it: recent buckets, this year's months, years, undated.
fn bucket_sql(today: NaiveDate, sql: &mut Sql) {
    sql.push(&format!("CASE WHEN a.date IS NULL THEN {UNDATED_RANK}"));
    sql.bind(" WHEN a.date >= ? THEN 0", day(today));
    sql.bind(" WHEN a.date >= ? THEN 1", day(week_start(today)));
    sql.bind(" WHEN a.date >= ? THEN 2", day(month_start(today)));
    let year_start = today.with_ordinal(1).unwrap_or(today); // day 1 exists
    sql.bind(
        " WHEN a.date >= ? THEN 15 - CAST(substr(a.date, 6, 2) AS INTEGER)",
        day(year_start),
    );
    sql.push(&format!(
        " ELSE {} - CAST(substr(a.date, 1, 4) AS INTEGER) END",
        YEARS_RANK + 9999
    ));
}

/// Grouped by topic, an article is listed under each of its topics: one
/// row per (article, topic), and one with no topic for an untopical one.
pub(super) fn topic_rows(grouping: Grouping, sql: &mut Sql) {
    if grouping == Grouping::Topic {
        sql.push(" LEFT JOIN article_topics g ON g.article = a.rowid");
    }
}

/// ORDER BY for the grouping, ranked or by date inside each group.
fn order(grouping: Grouping, today: NaiveDate, ranked: bool, sql: &mut Sql) {
    sql.push(" ORDER BY ");
    match grouping {
        Grouping::Topic => sql.push("g.topic IS NULL, g.topic, "),
        // Date order already keeps the buckets together.
        Grouping::Date if ranked => {
            bucket_sql(today, sql);
            sql.push(", ");
        }
        Grouping::Date | Grouping::None => {}
    }
    if ranked {
        sql.push("m.score IS NULL, m.score, ");
    }
    sql.push(DATE_ORDER);
}

const LIST_COLUMNS: &str = "a.id, a.path, a.title, a.date, a.source,
    (SELECT group_concat(topic, char(31)) FROM (SELECT topic FROM article_topics WHERE article = a.rowid ORDER BY topic)),
    (SELECT group_concat(tag, char(31)) FROM article_tags WHERE article = a.rowid),
    (SELECT group_concat(tag, char(31)) FROM st.article_tag WHERE article_id = a.id),
    coalesce((SELECT bookmarked FROM st.article_state WHERE id = a.id), 0),
    coalesce((SELECT read FROM st.article_state WHERE id = a.id), 0),
    (SELECT group_concat(tag || char(30) || set_by || char(30) || set_at, char(31))
       FROM (SELECT tag, set_by, set_at FROM dk.desk_tag WHERE article_id = a.id ORDER BY fold))";

fn split(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default()
}

fn summary_from(r: &rusqlite::Row) -> rusqlite::Result<ArticleSummary> {
    let date: Option<String> = r.get(3)?;
    let mut tags: BTreeSet<String> = split(r.get(6)?).into_iter().collect();
    tags.extend(split(r.get(7)?));
    let desk_tags: Vec<DeskTag> = split(r.get(10)?)
        .iter()
        .filter_map(|joined| {
            let mut parts = joined.split('\u{1e}');
            Some(DeskTag {
                tag: parts.next()?.to_string(),
                set_by: parts.next()?.to_string(),
                set_at: parts.next()?.to_string(),
            })
        })
        .collect();
    tags.extend(desk_tags.iter().map(|d| d.tag.clone()));
    Ok(ArticleSummary {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        date: date.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()),
        source: r.get(4)?,
        topics: split(r.get(5)?),
        tags: tags.into_iter().collect(),
        bookmarked: r.get::<_, i64>(8)? != 0,
        read: r.get::<_, i64>(9)? != 0,
        desk_tags,
    })
}

/// `path` as a read-only SQLite URI: only the characters a URI gives a
/// meaning to are escaped; SQLite takes the rest as they are.
fn read_only_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

impl Index {
    /// Attaches the user's `state.db` read-only (once), so searches can
    /// join user tags, bookmarks and read state; with no desk of `@tags`.
    pub fn attach_state(&self, state_db: &Path) -> Result<()> {
        self.attach_state_and_desk(state_db, None)
    }

    /// [`Index::attach_state`], and the desk's `desk.db` read-only (once),
    /// so lists show and filter the shared `@tags` too. Without a desk file
    /// the desk is empty.
    pub fn attach_state_and_desk(&self, state_db: &Path, desk_db: Option<&Path>) -> Result<()> {
        self.attach_desk(desk_db)?;
        if self.attached(STATE)? {
            return Ok(());
        }
        if !state_db.exists() {
            // A session that could not create its state (a read-only home):
            // nothing is bookmarked, read or tagged yet, so search an empty
            // state rather than refuse to list anything.
            self.conn.execute_batch(&format!(
                "ATTACH DATABASE ':memory:' AS {STATE};
                 CREATE TABLE {STATE}.article_state (id TEXT PRIMARY KEY NOT NULL,
                     bookmarked INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0,
                     position INTEGER NOT NULL DEFAULT 0, read_at TEXT, bookmarked_at TEXT,
                     content_hash TEXT);
                 CREATE TABLE {STATE}.article_tag (article_id TEXT NOT NULL, fold TEXT NOT NULL,
                     tag TEXT NOT NULL, added_at TEXT, PRIMARY KEY (article_id, fold));"
            ))?;
            return Ok(());
        }
        self.conn
            .execute(
                &format!("ATTACH DATABASE ?1 AS {STATE}"),
                [read_only_uri(state_db)],
            )
            .with_context(|| format!("{}: cannot read the user state", state_db.display()))?;
        Ok(())
    }

    fn attached(&self, schema: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM pragma_database_list WHERE name = ?1",
            [schema],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?)
    }

    fn attach_desk(&self, desk_db: Option<&Path>) -> Result<()> {
        if self.attached(DESK)? {
            return Ok(());
        }
        match desk_db.filter(|p| p.exists()) {
            Some(path) => self
                .conn
                .execute(
                    &format!("ATTACH DATABASE ?1 AS {DESK}"),
                    [read_only_uri(path)],
                )
                .map(drop)
                .with_context(|| format!("{}: cannot read the desk tags", path.display()))?,
            None => self.conn.execute_batch(&format!(
                "ATTACH DATABASE ':memory:' AS {DESK};
                 CREATE TABLE {DESK}.desk_tag (article_id TEXT NOT NULL, fold TEXT NOT NULL,
                     tag TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,
                     PRIMARY KEY (article_id, fold));"
            ))?,
        }
        Ok(())
    }

    /// How to ask for a filter: ranked by BM25, unless its words match
    /// more than [`RANK_AT_MOST`] articles (counted by the full-text index
    /// alone, which is quick).
    fn plan(&self, filter: &ListFilter) -> Result<Plan> {
        let plan = plan(filter);
        let Some(fts) = plan.ranking_expr() else {
            return Ok(plan);
        };
        if self.fts_count_above(fts, self.rank_at_most)? {
            return Ok(plan.without_ranking());
        }
        Ok(plan)
    }

    /// Sets the most matches a search is ranked over (tests use a few).
    pub fn set_rank_at_most(&mut self, n: usize) {
        self.rank_at_most = n;
    }

    /// The number of articles `fts` matches.
    fn fts_count(&self, fts: &str) -> Result<usize> {
        self.fts_count_upto(fts, None)
    }

    /// Whether `fts` matches more than `limit` articles: counted only as
    /// far as `limit + 1`, so deciding whether to rank a word that half
    /// the collection holds does not walk all of its matches (at 100,000
    /// articles the whole count of a common word took 10-20 ms, the
    /// stopped one 2-8 ms, and only the whole one grows with the
    /// collection).
    pub(super) fn fts_count_above(&self, fts: &str, limit: usize) -> Result<bool> {
        Ok(self.fts_count_upto(fts, Some(limit.saturating_add(1)))? > limit)
    }

    /// The matches of `fts`, counted up to `cap` when given.
    fn fts_count_upto(&self, fts: &str, cap: Option<usize>) -> Result<usize> {
        // data_version moves when another connection (a background index
        // update) commits, total_changes when this one writes: together a
        // remembered count is never stale.
        let others: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let version = (others, self.conn.total_changes());
        if let Some((expr, v, n, exact)) = self.last_fts_count.borrow().as_ref()
            && expr == fts
            && *v == version
            && (*exact || cap.is_some_and(|c| c <= *n))
        {
            return Ok(cap.map_or(*n, |c| c.min(*n)));
        }
        let (n, exact) = match cap {
            None => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT count(*) FROM article_text WHERE article_text MATCH ?",
                )?;
                (
                    stmt.query_row([fts], |r| r.get::<_, i64>(0))? as usize,
                    true,
                )
            }
            Some(cap) => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT count(*) FROM (SELECT 1 FROM article_text WHERE article_text MATCH ?1 LIMIT ?2)",
                )?;
                let cap_sql = i64::try_from(cap).unwrap_or(i64::MAX);
                let n = stmt.query_row(rusqlite::params![fts, cap_sql], |r| r.get::<_, i64>(0))?
                    as usize;
                // Fewer than the cap: that is all of them.
                (n, n < cap)
            }
        };
        *self.last_fts_count.borrow_mut() = Some((fts.to_string(), version, n, exact));
        Ok(n)
    }

    /// The groups of the filtered list in display order, with their sizes.
    /// Needs [`Index::attach_state`] first.
    pub fn outline(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
    ) -> Result<Vec<Group>> {
        let plan = self.plan(filter)?;
        // Words alone, not grouped: the full-text index counts its matches
        // without touching the articles.
        if grouping == Grouping::None
            && plan.condition.text == "1"
            && let Some(fts) = plan.core.as_ref().or(plan.unranked_core.as_ref())
        {
            let count = self.fts_count(fts)?;
            return Ok(vec![Group { name: None, count }]);
        }
        let cond = count_condition(&plan);
        if grouping == Grouping::Date {
            return self.date_outline(cond, today);
        }
        if grouping == Grouping::Topic {
            return self.topic_outline(cond);
        }
        let mut sql = Sql::default();
        match grouping {
            Grouping::Topic => sql.push("SELECT g.topic, count(*)"),
            Grouping::None | Grouping::Date => sql.push("SELECT NULL, count(*)"),
        }
        sql.push(" FROM articles a");
        topic_rows(grouping, &mut sql);
        sql.push(" WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        if grouping == Grouping::Topic {
            sql.push(" GROUP BY g.topic");
        }
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), |r| {
            Ok((r.get::<_, Value>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        let mut groups = Vec::new();
        let mut untopical = None;
        for row in rows {
            let (key, count) = row?;
            let name = match (grouping, key) {
                (Grouping::None, _) => None,
                (Grouping::Topic, Value::Text(t)) => Some(t),
                (Grouping::Topic, _) => {
                    untopical = Some(count);
                    continue;
                }
                (Grouping::Date, _) => None,
            };
            groups.push(Group { name, count });
        }
        if let Some(count) = untopical {
            groups.push(Group {
                name: Some(NO_TOPIC.to_string()),
                count,
            });
        }
        Ok(groups)
    }

    /// [`Index::outline`], except that an ungrouped list is counted only
    /// as far as `cap + 1` articles: a first screen needs a screenful,
    /// not the size of a search matching half a million articles (its
    /// full count walks every match). Returns the groups and whether the
    /// count is whole; when not, the one group's count is `cap` and the
    /// list holds more.
    pub fn outline_upto(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        cap: usize,
    ) -> Result<(Vec<Group>, bool)> {
        if grouping != Grouping::None {
            return Ok((self.outline(filter, grouping, today)?, true));
        }
        let plan = self.plan(filter)?;
        let upto = cap.saturating_add(1);
        let core = plan.core.as_ref().or(plan.unranked_core.as_ref());
        let found = if plan.condition.text == "1"
            && let Some(fts) = core
        {
            self.fts_count_upto(fts, Some(upto))?
        } else if let Some(fts) = core {
            // The matches in the full-text index's order, each article
            // looked up for the rest of the condition, until enough: as a
            // subquery (`a.rowid IN (...)`) SQLite collected every match
            // first (a prefix at 100,000 articles: 235 ms for 1,001).
            let mut sql = Sql::default();
            sql.bind(
                "SELECT count(*) FROM (SELECT 1 FROM article_text CROSS JOIN articles a
                  ON a.rowid = article_text.rowid WHERE article_text MATCH ? AND ",
                fts.clone(),
            );
            sql.push(&plan.condition.text);
            sql.args.extend(plan.condition.args.iter().cloned());
            sql.bind(" LIMIT ?)", i64::try_from(upto).unwrap_or(i64::MAX));
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            stmt.query_row(params_from_iter(sql.args), |r| r.get::<_, i64>(0))? as usize
        } else {
            let cond = count_condition(&plan);
            let mut sql = Sql::default();
            sql.push("SELECT count(*) FROM (SELECT 1 FROM articles a WHERE ");
            sql.push(&cond.text);
            sql.args.extend(cond.args);
            sql.bind(" LIMIT ?)", i64::try_from(upto).unwrap_or(i64::MAX));
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            stmt.query_row(params_from_iter(sql.args), |r| r.get::<_, i64>(0))? as usize
        };
        let exact = found <= cap;
        let count = found.min(cap);
        Ok((vec![Group { name: None, count }], exact))
    }

    /// Each topic's size in name order, walking the topic index (an
    /// article counts under each of its topics), then the untopical ones
    /// from the primary-topic index. Unfiltered, the index alone answers.
    fn topic_outline(&self, cond: Sql) -> Result<Vec<Group>> {
        let mut sql = Sql::default();
        if cond.text == "1" {
            sql.push("SELECT g.topic, count(*) FROM article_topics g GROUP BY g.topic");
        } else {
            // CROSS JOIN: read the topics in order and look each article up,
            // rather than scan the articles and sort the pairs.
            sql.push("SELECT g.topic, count(*) FROM article_topics g CROSS JOIN articles a");
            sql.push(" ON a.rowid = g.article WHERE ");
            sql.push(&cond.text);
            sql.args.extend(cond.args.iter().cloned());
            sql.push(" GROUP BY g.topic");
        }
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        let mut groups = Vec::new();
        for row in rows {
            let (name, count) = row?;
            groups.push(Group {
                name: Some(name),
                count,
            });
        }
        let mut sql = Sql::default();
        sql.push("SELECT count(*) FROM articles a WHERE a.primary_topic IS NULL AND ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let untopical = stmt.query_row(params_from_iter(sql.args), |r| r.get::<_, i64>(0))?;
        if untopical > 0 {
            groups.push(Group {
                name: Some(NO_TOPIC.to_string()),
                count: untopical as usize,
            });
        }
        Ok(groups)
    }

    /// The date groups' sizes: the filtered articles counted per day (read
    /// in order from the date index, no sort: about 6 ms of CPU for 100,000
    /// articles), the days then folded into their groups here.
    fn date_outline(&self, cond: Sql, today: NaiveDate) -> Result<Vec<Group>> {
        let mut sql = Sql::default();
        sql.push("SELECT a.date, count(*) FROM articles a WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        sql.push(" GROUP BY a.date");
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        let mut by_rank: std::collections::BTreeMap<i64, usize> = Default::default();
        for row in rows {
            let (date, count) = row?;
            let date = date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            *by_rank.entry(date_rank(date, today)).or_default() += count;
        }
        Ok(by_rank
            .into_iter()
            .map(|(rank, count)| Group {
                name: Some(date_group_name(rank, today)),
                count,
            })
            .collect())
    }

    /// The filtered list's rows `offset..offset + limit` (all when `limit`
    /// is None) in display order. Needs [`Index::attach_state`] first.
    pub fn page(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<Vec<ArticleSummary>> {
        let plan = self.plan(filter)?;
        if grouping == Grouping::Topic && !plan.ranked() {
            return self.topic_page(filter, &plan, today, offset, limit);
        }
        let mut sql = Sql::default();
        with_scores(&plan, &mut sql);
        sql.push("SELECT ");
        sql.push(LIST_COLUMNS);
        from(&plan, &mut sql);
        topic_rows(grouping, &mut sql);
        sql.push(" WHERE ");
        let deep = offset + limit.unwrap_or(usize::MAX / 2) > DEEP_PAGE;
        let cond = page_condition(&plan, deep);
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        order(grouping, today, plan.ranked(), &mut sql);
        sql.bind(
            " LIMIT ?",
            limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64),
        );
        sql.bind(" OFFSET ?", offset.min(i64::MAX as usize) as i64);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), summary_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of every article the filter lists, in no particular order:
    /// what a bulk change ("mark all in view read") applies to, without
    /// reading the rows it does not need. Needs [`Index::attach_state`] first.
    pub fn ids(&self, filter: &ListFilter) -> Result<Vec<String>> {
        let plan = self.plan(filter)?;
        let cond = count_condition(&plan);
        let mut sql = Sql::default();
        sql.push("SELECT a.id FROM articles a WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of the list grouped by topic, read group by group: each
    /// topic's slice in date order with its own LIMIT and OFFSET, so SQLite
    /// sorts (or walks the date index through) one topic's articles, not
    /// every (article, topic) pair of the collection.
    fn topic_page(
        &self,
        filter: &ListFilter,
        plan: &Plan,
        today: NaiveDate,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<Vec<ArticleSummary>> {
        let groups = self.outline(filter, Grouping::Topic, today)?;
        let last = groups.len().saturating_sub(1);
        let mut wanted = limit.unwrap_or(usize::MAX);
        let mut skip = offset;
        let mut out = Vec::new();
        for (i, g) in groups.into_iter().enumerate() {
            if wanted == 0 {
                break;
            }
            if skip >= g.count {
                skip -= g.count;
                continue;
            }
            let take = wanted.min(g.count - skip);
            let mut sql = Sql::default();
            sql.push("SELECT ");
            sql.push(LIST_COLUMNS);
            sql.push(" FROM articles a");
            // The untopical group is the last (a topic may be spelt like it).
            match g.name.as_deref() {
                Some(NO_TOPIC) | None if i == last => {
                    sql.push(" WHERE a.primary_topic IS NULL AND ")
                }
                None => continue,
                Some(topic) => sql.bind(
                    " JOIN article_topics g ON g.article = a.rowid AND g.topic = ? WHERE ",
                    topic.to_string(),
                ),
            }
            let deep = skip + take > DEEP_PAGE;
            let cond = page_condition(plan, deep);
            sql.push(&cond.text);
            sql.args.extend(cond.args);
            sql.push(" ORDER BY ");
            sql.push(DATE_ORDER);
            sql.bind(" LIMIT ?", take.min(i64::MAX as usize) as i64);
            sql.bind(" OFFSET ?", skip as i64);
            let mut stmt = self.conn.prepare_cached(&sql.text)?;
            let rows = stmt.query_map(params_from_iter(sql.args), summary_from)?;
            for row in rows {
                out.push(row?);
            }
            wanted -= take;
            skip = 0;
        }
        Ok(out)
    }

    /// Where the article `id` is in the filtered list's display order.
    /// Unranked, it is counted (see `locate.rs`); ranked, the order is
    /// read until it turns up.
    /// Needs [`Index::attach_state`] first.
    pub fn locate(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        id: &str,
    ) -> Result<Option<usize>> {
        let plan = self.plan(filter)?;
        if !plan.ranked() {
            return self.locate_in_date_order(&plan, grouping, id);
        }
        let mut sql = Sql::default();
        with_scores(&plan, &mut sql);
        sql.push("SELECT a.id");
        from(&plan, &mut sql);
        topic_rows(grouping, &mut sql);
        sql.push(" WHERE ");
        sql.push(&plan.condition.text);
        sql.args.extend(plan.condition.args.iter().cloned());
        order(grouping, today, plan.ranked(), &mut sql);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let mut rows = stmt.query(params_from_iter(sql.args))?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            if row.get_ref(0)?.as_str().ok() == Some(id) {
                return Ok(Some(at));
            }
            at += 1;
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_would_read() {
        assert_eq!(
            read_only_uri(Path::new("/a b/c?d#e%f/état.db")),
            "file:/a b/c%3Fd%23e%25f/état.db?mode=ro"
        );
    }
}
