//! A list filter and its search as SQL: a WHERE condition with bound
//! parameters, and the free-text part handed to FTS5 in one piece where it
//! can be (the "core": the words ANDed at the top of the query), so one
//! full-text search both filters and ranks.

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::fts::{core_of, fts_expr, fts_of, ranking};
use super::read::entity_ref;
use crate::query::{Expr, ListFilter, Status, Term};

/// The schema name `state.db` is attached under.
pub const STATE: &str = "st";

/// The schema name the desk's `desk.db` (shared `@tags`) is attached under.
pub const DESK: &str = "dk";

/// How much the title counts against the body in ranking.
pub const TITLE_WEIGHT: f64 = 10.0;

/// A piece of SQL and the values its `?`s take, in order.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Value>,
}

impl Sql {
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub fn bind(&mut self, text: &str, value: impl Into<Value>) {
        self.text.push_str(text);
        self.args.push(value.into());
    }
}

pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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
                &format!(" OR a.id IN (SELECT article_id FROM {STATE}.article_tag WHERE fold = ?)"),
                fold.clone(),
            );
            sql.bind(
                &format!(" OR a.id IN (SELECT article_id FROM {DESK}.desk_tag WHERE fold = ?))"),
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
        // Most articles name some person or place: checking each candidate
        // article's few entities beats collecting the articles of every
        // entity of the kind.
        Term::Kind(k) => sql.bind(
            "EXISTS (SELECT 1 FROM article_entities ae JOIN entities e ON e.eid = ae.eid
              WHERE ae.article = a.rowid AND e.kind = ?)",
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

/// How a filter is asked of the database.
#[derive(Debug, Default)]
pub struct Plan {
    /// The free-text conditions at the top of the query, as one FTS5
    /// expression: it filters, and its BM25 score ranks.
    pub core: Option<String>,
    /// When there is no core but words still count (`grain OR is:read`):
    /// an FTS5 expression of those words, for ranking only.
    pub rank_only: Option<String>,
    /// The WHERE condition for everything else (`1` for nothing).
    pub condition: Sql,
    /// A core matching too many articles to rank (see [`RANK_AT_MOST`]):
    /// it only filters, and the list is newest first.
    pub unranked_core: Option<String>,
}

/// Ranking reads every match's word statistics: past this many matches
/// a search is listed newest first instead. BM25 over most of a large
/// collection costs more than a keystroke may, and tells a reader little
/// (the word is everywhere); a narrower search is ranked again.
pub const RANK_AT_MOST: usize = 20_000;

impl Plan {
    pub fn ranked(&self) -> bool {
        self.core.is_some() || self.rank_only.is_some()
    }

    /// Stops ranking: the core becomes a plain filter, ranking-only
    /// words are dropped (they never filtered).
    pub fn without_ranking(mut self) -> Plan {
        self.unranked_core = self.core.take();
        self.rank_only = None;
        self
    }

    /// The FTS5 expression whose match count decides whether to rank.
    pub fn ranking_expr(&self) -> Option<&str> {
        self.core.as_deref().or(self.rank_only.as_deref())
    }
}

pub fn plan(filter: &ListFilter) -> Plan {
    let expr = filter.query.as_ref().and_then(|q| q.expr.as_ref());
    let conjuncts: Vec<&Expr> = match expr {
        Some(Expr::And(parts)) => parts.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    let mut rest = Vec::new();
    for c in conjuncts {
        match (c, fts_expr(c)) {
            (_, Some(fts)) => positive.push(fts),
            (Expr::Not(inner), None) => match fts_expr(inner) {
                Some(fts) => negative.push(fts),
                None => rest.push(c),
            },
            (_, None) => rest.push(c),
        }
    }
    let core = core_of(positive, negative.clone());
    if core.is_none() {
        // The negated words go back to plain conditions.
        rest = match expr {
            Some(Expr::And(parts)) => parts.iter().collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        };
    }
    let rank_only = match core {
        Some(_) => None,
        None => ranking(filter.query.as_ref()),
    };
    Plan {
        core,
        rank_only,
        condition: condition(filter, &rest),
        unranked_core: None,
    }
}

/// The WHERE condition for a filter's fields and the given parts of its
/// query (always something, `1` for all).
fn condition(filter: &ListFilter, query_parts: &[&Expr]) -> Sql {
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
    for part in query_parts {
        sql.push(" AND ");
        expr_sql(part, &mut sql);
    }
    sql
}

/// `WITH m`: the scores of the articles matching `fts`, computed once
/// (MATERIALIZED, so SQLite indexes the result for the join instead of
/// searching again for every article).
pub fn with_scores(plan: &Plan, sql: &mut Sql) {
    if let Some(fts) = plan.core.as_ref().or(plan.rank_only.as_ref()) {
        sql.bind(
            &format!(
                "WITH m AS MATERIALIZED (SELECT rowid AS r, bm25(article_text, {TITLE_WEIGHT:.1}, 1.0) AS score
                  FROM article_text WHERE article_text MATCH ?) "
            ),
            fts.clone(),
        );
    }
}

/// The FROM clause: the core's matches only, or every article with the
/// scores of those that have one.
pub fn from(plan: &Plan, sql: &mut Sql) {
    sql.push(" FROM articles a");
    if plan.core.is_some() {
        sql.push(" JOIN m ON m.r = a.rowid");
    } else if plan.rank_only.is_some() {
        sql.push(" LEFT JOIN m ON m.r = a.rowid");
    }
}

/// The whole WHERE condition without ranking: for counting.
pub fn count_condition(plan: &Plan) -> Sql {
    let mut sql = Sql::default();
    sql.push(&plan.condition.text);
    sql.args.extend(plan.condition.args.iter().cloned());
    if let Some(core) = plan.core.as_ref().or(plan.unranked_core.as_ref()) {
        sql.bind(
            " AND a.rowid IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)",
            core.clone(),
        );
    }
    sql
}

/// The WHERE condition of a page. An unranked core matches most articles,
/// so the first pages are found fastest by walking the date order and
/// keeping the matches: asking the full-text index about each article,
/// or, for a prefix (expanded to its words again on every question),
/// collecting the matches once; the `+` keeps SQLite walking the date
/// order rather than looking up, then sorting, every match. Deep pages
/// (the end of the list) are read from the collected matches.
pub fn page_condition(plan: &Plan, deep: bool) -> Sql {
    let mut sql = Sql::default();
    sql.push(&plan.condition.text);
    sql.args.extend(plan.condition.args.iter().cloned());
    let Some(core) = &plan.unranked_core else {
        return sql;
    };
    let prefix = core.contains("\" *");
    let test = match (deep, prefix) {
        (true, _) => " AND a.rowid IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)",
        (false, true) => {
            " AND +a.rowid IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)"
        }
        (false, false) => {
            " AND EXISTS (SELECT 1 FROM article_text WHERE article_text MATCH ? AND rowid = a.rowid)"
        }
    };
    sql.bind(test, core.clone());
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(q: &str) -> Plan {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        plan(&ListFilter {
            query: Some(crate::query::parse(q, today).unwrap()),
            ..Default::default()
        })
    }

    #[test]
    fn top_level_words_form_one_fts_core() {
        let p = plan_of("grain (coffee OR sugar*) -wheat -\"dry spell\" topic:trade");
        assert_eq!(
            p.core.as_deref(),
            Some("((\"grain\" AND (\"coffee\" OR \"sugar\" *)) NOT (\"wheat\" OR \"dry spell\"))")
        );
        assert_eq!(
            p.condition.text,
            "1 AND a.rowid IN (SELECT article FROM article_topics WHERE topic = ?)"
        );
        assert!(p.rank_only.is_none());
    }

    #[test]
    fn without_a_positive_word_there_is_no_core() {
        let p = plan_of("-wheat topic:trade");
        assert!(p.core.is_none() && p.rank_only.is_none());
        assert!(
            p.condition
                .text
                .contains("NOT (a.rowid IN (SELECT rowid FROM article_text")
        );
        let p = plan_of("grain OR topic:trade");
        assert!(p.core.is_none());
        assert_eq!(p.rank_only.as_deref(), Some("\"grain\""));
    }

    #[test]
    fn tags_fold_like_the_state() {
        assert_eq!(tag_fold("  Follow   UP "), "follow up");
    }
}
