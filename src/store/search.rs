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
use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::Index;
use super::read::entity_ref;
use crate::config::Grouping;
use crate::entities::fold_key;
use crate::model::{ArticleSummary, Group};
use crate::query::grouping::{DATE_BUCKETS, NO_TOPIC, month_start, week_start};
use crate::query::{Expr, ListFilter, Query, Status, Term};

/// The schema name `state.db` is attached under.
const STATE: &str = "st";

/// How much the title counts against the body in ranking.
const TITLE_WEIGHT: f64 = 10.0;

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

/// A piece of SQL and the values its `?`s take, in order.
#[derive(Debug, Default)]
struct Sql {
    text: String,
    args: Vec<Value>,
}

impl Sql {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn bind(&mut self, text: &str, value: impl Into<Value>) {
        self.text.push_str(text);
        self.args.push(value.into());
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Free text as an FTS5 string: quoted, so the user's text is only ever
/// words to the tokenizer, never query syntax.
fn fts_string(text: &str, prefix: bool) -> String {
    let mut s = format!("\"{}\"", text.replace('"', "\"\""));
    if prefix {
        s.push_str(" *");
    }
    s
}

fn fts_of(term: &Term) -> Option<String> {
    match term {
        Term::Word(w) | Term::Phrase(w) => Some(fts_string(w, false)),
        Term::Prefix(p) => Some(fts_string(p, true)),
        _ => None,
    }
}

/// A tag as `state.db` folds it: white space collapsed, lower case.
fn tag_fold(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn term_sql(term: &Term, sql: &mut Sql) {
    match term {
        Term::Word(_) | Term::Phrase(_) | Term::Prefix(_) => {
            // fts_of is Some for exactly these three.
            let fts = fts_of(term).unwrap_or_default();
            sql.bind(
                "a.rowid IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)",
                fts,
            );
        }
        Term::Topic(t) => sql.bind(
            "a.rowid IN (SELECT article FROM article_topics WHERE topic = ?)",
            t.clone(),
        ),
        Term::Tag(t) => {
            let fold = tag_fold(t);
            sql.bind(
                "(a.rowid IN (SELECT article FROM article_tags WHERE casefold(tag) = ?)",
                fold.clone(),
            );
            sql.bind(
                &format!(
                    " OR a.id IN (SELECT article_id FROM {STATE}.article_tag WHERE fold = ?))"
                ),
                fold,
            );
        }
        Term::Entity { kind, fold } => {
            sql.push("a.rowid IN (SELECT article FROM article_entities WHERE eid IN (");
            sql.bind("SELECT eid FROM entities WHERE key = ?", fold.clone());
            sql.bind(
                " UNION SELECT eid FROM entities WHERE fold_key(name) = ?",
                fold.clone(),
            );
            sql.bind(
                " UNION SELECT eid FROM entity_aliases WHERE fold_key(alias) = ?",
                fold.clone(),
            );
            sql.push(")");
            if let Some(k) = kind {
                sql.bind(
                    " AND eid IN (SELECT eid FROM entities WHERE kind = ?)",
                    k.as_str().to_string(),
                );
            }
            sql.push(")");
        }
        Term::Kind(k) => sql.bind(
            "a.rowid IN (SELECT ae.article FROM article_entities ae
              JOIN entities e ON e.eid = ae.eid WHERE e.kind = ?)",
            k.as_str().to_string(),
        ),
        Term::Source(s) => sql.bind(
            "coalesce(instr(casefold(a.source), ?), 0) > 0",
            s.to_lowercase(),
        ),
        Term::Is(Status::Bookmarked) => sql.push(&format!(
            "a.id IN (SELECT id FROM {STATE}.article_state WHERE bookmarked)"
        )),
        Term::Is(Status::Read) => sql.push(&format!(
            "a.id IN (SELECT id FROM {STATE}.article_state WHERE read)"
        )),
        Term::Is(Status::Unread) => sql.push(&format!(
            "a.id NOT IN (SELECT id FROM {STATE}.article_state WHERE read)"
        )),
        // Undated articles are neither after nor before anything; the
        // `IS NOT NULL` keeps the answer true or false, never NULL, so a
        // negation includes them.
        Term::After(d) => sql.bind("(a.date IS NOT NULL AND a.date >= ?)", day(*d)),
        Term::Before(d) => sql.bind("(a.date IS NOT NULL AND a.date < ?)", day(*d)),
        Term::During { from, until } => {
            sql.bind("(a.date IS NOT NULL AND a.date >= ?", day(*from));
            sql.bind(" AND a.date < ?)", day(*until));
        }
    }
}

fn expr_sql(expr: &Expr, sql: &mut Sql) {
    match expr {
        Expr::And(parts) | Expr::Or(parts) => {
            let op = if matches!(expr, Expr::And(_)) {
                " AND "
            } else {
                " OR "
            };
            sql.push("(");
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    sql.push(op);
                }
                expr_sql(p, sql);
            }
            sql.push(")");
        }
        Expr::Not(inner) => {
            sql.push("NOT (");
            expr_sql(inner, sql);
            sql.push(")");
        }
        Expr::Term(t) => term_sql(t, sql),
    }
}

/// The WHERE condition for a filter (always something, `1` for all).
fn condition(filter: &ListFilter) -> Sql {
    let mut sql = Sql::default();
    sql.push("1");
    if let Some(topic) = &filter.topic {
        sql.push(" AND ");
        term_sql(&Term::Topic(topic.to_lowercase()), &mut sql);
    }
    if let Some(d) = filter.since {
        sql.bind(" AND a.date >= ?", day(d));
    }
    if let Some(d) = filter.until {
        sql.bind(" AND a.date <= ?", day(d));
    }
    if let Some(tag) = &filter.tag {
        sql.push(" AND ");
        term_sql(&Term::Tag(tag.clone()), &mut sql);
    }
    if filter.bookmarked_only {
        sql.push(" AND ");
        term_sql(&Term::Is(Status::Bookmarked), &mut sql);
    }
    if filter.unread_only {
        sql.push(" AND ");
        term_sql(&Term::Is(Status::Unread), &mut sql);
    }
    if let Some(entity) = &filter.entity {
        match entity_ref(entity) {
            Some((kind, key)) => {
                sql.bind(
                    " AND a.rowid IN (SELECT ae.article FROM article_entities ae
                      JOIN entities e ON e.eid = ae.eid WHERE e.kind = ?",
                    kind.as_str().to_string(),
                );
                sql.bind(" AND e.key = ?)", key.to_string());
            }
            None => sql.push(" AND 0"),
        }
    }
    if let Some(expr) = filter.query.as_ref().and_then(|q| q.expr.as_ref()) {
        sql.push(" AND ");
        expr_sql(expr, &mut sql);
    }
    sql
}

/// The FTS5 expression that ranks a search: its positive free-text terms,
/// any of them. None when there is nothing to rank by.
fn ranking(query: Option<&Query>) -> Option<String> {
    let terms: Vec<String> = query?
        .positive_text()
        .into_iter()
        .filter_map(fts_of)
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

/// The scores of the matching articles, computed once (MATERIALIZED, so
/// SQLite indexes the result for the join instead of searching again
/// for every article).
fn with_scores(rank: Option<&str>, sql: &mut Sql) {
    if let Some(fts) = rank {
        sql.bind(
            &format!(
                "WITH m AS MATERIALIZED (SELECT rowid AS r, bm25(article_text, {TITLE_WEIGHT:.1}, 1.0) AS score
                  FROM article_text WHERE article_text MATCH ?) "
            ),
            fts.to_string(),
        );
    }
}

/// The FROM clause (with the ranking join when there is one).
fn from(rank: Option<&str>, sql: &mut Sql) {
    sql.push(" FROM articles a");
    if rank.is_some() {
        sql.push(" LEFT JOIN m ON m.r = a.rowid");
    }
}

const DATE_ORDER: &str = "a.date IS NULL, a.date DESC, a.title, a.id";

/// The date bucket of `a.date` as its index in `DATE_BUCKETS`.
fn bucket_sql(today: NaiveDate, sql: &mut Sql) {
    sql.bind(
        "CASE WHEN a.date IS NULL THEN 4 WHEN a.date >= ? THEN 0",
        day(today),
    );
    sql.bind(" WHEN a.date >= ? THEN 1", day(week_start(today)));
    sql.bind(
        " WHEN a.date >= ? THEN 2 ELSE 3 END",
        day(month_start(today)),
    );
}

/// ORDER BY for the grouping, ranked or by date inside each group.
fn order(grouping: Grouping, today: NaiveDate, ranked: bool, sql: &mut Sql) {
    sql.push(" ORDER BY ");
    match grouping {
        Grouping::Topic => sql.push("a.primary_topic IS NULL, a.primary_topic, "),
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
    coalesce((SELECT read FROM st.article_state WHERE id = a.id), 0)";

fn split(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default()
}

fn summary_from(r: &rusqlite::Row) -> rusqlite::Result<ArticleSummary> {
    let date: Option<String> = r.get(3)?;
    let mut tags: BTreeSet<String> = split(r.get(6)?).into_iter().collect();
    tags.extend(split(r.get(7)?));
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
    /// join user tags, bookmarks and read state.
    pub fn attach_state(&self, state_db: &Path) -> Result<()> {
        let attached: bool = self.conn.query_row(
            "SELECT count(*) FROM pragma_database_list WHERE name = ?1",
            [STATE],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if attached {
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

    /// The groups of the filtered list in display order, with their sizes.
    /// Needs [`Index::attach_state`] first.
    pub fn outline(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
    ) -> Result<Vec<Group>> {
        let cond = condition(filter);
        let mut sql = Sql::default();
        match grouping {
            Grouping::None => sql.push("SELECT NULL, count(*)"),
            Grouping::Topic => sql.push("SELECT a.primary_topic, count(*)"),
            Grouping::Date => {
                sql.push("SELECT ");
                bucket_sql(today, &mut sql);
                sql.push(" AS bucket, count(*)");
            }
        }
        sql.push(" FROM articles a WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        match grouping {
            Grouping::None => {}
            Grouping::Topic => sql.push(" GROUP BY a.primary_topic"),
            Grouping::Date => sql.push(" GROUP BY bucket"),
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
                (Grouping::Date, Value::Integer(i)) => {
                    DATE_BUCKETS.get(i as usize).map(|b| b.to_string())
                }
                (Grouping::Date, _) => None,
            };
            groups.push(Group { name, count });
        }
        if grouping == Grouping::Date {
            // GROUP BY gives the buckets in index order, which is display
            // order; empty buckets are not listed.
            groups.retain(|g| g.count > 0);
        }
        if let Some(count) = untopical {
            groups.push(Group {
                name: Some(NO_TOPIC.to_string()),
                count,
            });
        }
        Ok(groups)
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
        let rank = ranking(filter.query.as_ref());
        let mut sql = Sql::default();
        with_scores(rank.as_deref(), &mut sql);
        sql.push("SELECT ");
        sql.push(LIST_COLUMNS);
        from(rank.as_deref(), &mut sql);
        let cond = condition(filter);
        sql.push(" WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        order(grouping, today, rank.is_some(), &mut sql);
        sql.bind(
            " LIMIT ?",
            limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64),
        );
        sql.bind(" OFFSET ?", offset.min(i64::MAX as usize) as i64);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(sql.args), summary_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Where the article `id` is in the filtered list's display order.
    /// Needs [`Index::attach_state`] first.
    pub fn locate(
        &self,
        filter: &ListFilter,
        grouping: Grouping,
        today: NaiveDate,
        id: &str,
    ) -> Result<Option<usize>> {
        let rank = ranking(filter.query.as_ref());
        let mut sql = Sql::default();
        with_scores(rank.as_deref(), &mut sql);
        sql.push("SELECT a.id");
        from(rank.as_deref(), &mut sql);
        let cond = condition(filter);
        sql.push(" WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        order(grouping, today, rank.is_some(), &mut sql);
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
    fn free_text_is_quoted_for_fts() {
        assert_eq!(fts_string("port", false), "\"port\"");
        assert_eq!(fts_string("say \"hi\" OR", true), "\"say \"\"hi\"\" OR\" *");
    }

    #[test]
    fn uris_escape_what_sqlite_would_read() {
        assert_eq!(
            read_only_uri(Path::new("/a b/c?d#e%f/état.db")),
            "file:/a b/c%3Fd%23e%25f/état.db?mode=ro"
        );
    }

    #[test]
    fn tags_fold_like_the_state() {
        assert_eq!(tag_fold("  Follow   UP "), "follow up");
    }
}
