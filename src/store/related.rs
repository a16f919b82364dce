//! Articles related to one article: those naming the same entities, each
//! shared entity weighed by how rare it is in the collection (its inverse
//! document frequency: a name in every article says nothing).
//!
//! The cost is bounded however busy the article's entities are. Their
//! article counts are kept (`entities.articles`), so the weights cost
//! nothing. The rarest entities' articles are read in full, up to
//! [`POSTINGS_BUDGET`] rows together; they pick the candidates. The common
//! entities left over are not read in full: each is looked up for the best
//! [`CANDIDATES`] candidates only (one probe of the primary key each), and,
//! when the rare names gave too few candidates, the newest
//! [`COMMON_FILL`] articles of each common entity join them.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Index;

/// Article-entity rows read in full for the rarest entities of an article.
const POSTINGS_BUDGET: usize = 20_000;
/// Candidates kept from the rare entities for the common ones to score.
const CANDIDATES: usize = 300;
/// Articles taken from each common entity when the rare ones gave too few.
const COMMON_FILL: usize = 200;

/// One related article, as `brief related --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "crate::model::serialize_date")]
    pub date: Option<NaiveDate>,
    /// The sum of the weights of the entities shared.
    pub score: f64,
    /// Names of the entities shared, rarest first.
    pub shared: Vec<String>,
}

impl Index {
    /// The article naming the busiest entities (the largest sum of their
    /// article counts): the hardest case for [`Index::related`], which the
    /// benchmark measures.
    pub fn article_naming_the_busiest(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT a.id FROM (SELECT ae.article, sum(e.articles) AS weight
                     FROM article_entities ae JOIN entities e ON e.eid = ae.eid
                     GROUP BY ae.article ORDER BY weight DESC LIMIT 1) t
                 JOIN articles a ON a.rowid = t.article",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// How much sharing an entity named by `df` of `n` articles says.
pub fn weight(df: usize, n: usize) -> f64 {
    ((n as f64 + 1.0) / (df as f64 + 1.0)).ln().max(0.0)
}

struct Shared {
    eid: i64,
    name: String,
    weight: f64,
}

impl Index {
    /// The `limit` articles most related to article `id`, best first.
    pub fn related(&self, id: &str, limit: usize) -> Result<Vec<Related>> {
        self.related_within(id, limit, POSTINGS_BUDGET)
    }

    /// [`Index::related`] reading at most `budget` rows in full (tests try
    /// small budgets against the full reading).
    pub(super) fn related_within(
        &self,
        id: &str,
        limit: usize,
        budget: usize,
    ) -> Result<Vec<Related>> {
        let Some(me) = self
            .conn
            .prepare_cached("SELECT rowid FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            return Ok(Vec::new());
        };
        let n = self.article_count()?;
        let mut mine: Vec<(Shared, usize)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT e.eid, e.name, e.articles FROM article_entities ae
                 JOIN entities e ON e.eid = ae.eid WHERE ae.article = ?1",
            )?;
            stmt.query_map([me], |r| {
                let df = r.get::<_, i64>(2)?.max(0) as usize;
                Ok((
                    Shared {
                        eid: r.get(0)?,
                        name: r.get(1)?,
                        weight: weight(df, n),
                    },
                    df,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        // Rarest first; an entity only this article names shares nothing.
        mine.retain(|(_, df)| *df > 1);
        mine.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.name.cmp(&b.0.name)));
        let mut scores: HashMap<i64, (f64, Vec<usize>)> = HashMap::new();
        let mut read = 0;
        let mut common_from = mine.len();
        {
            let mut postings = self
                .conn
                .prepare_cached("SELECT article FROM article_entities WHERE eid = ?1")?;
            for (i, (e, df)) in mine.iter().enumerate() {
                if read + df > budget && i > 0 {
                    common_from = i;
                    break;
                }
                read += df;
                for article in postings.query_map([e.eid], |r| r.get::<_, i64>(0))? {
                    let article = article?;
                    if article != me {
                        let s = scores.entry(article).or_default();
                        s.0 += e.weight;
                        s.1.push(i);
                    }
                }
            }
        }
        let common = &mine[common_from..];
        if !common.is_empty() {
            let mut best: Vec<(i64, f64)> = scores.iter().map(|(a, s)| (*a, s.0)).collect();
            if best.len() < limit.max(CANDIDATES) {
                let mut newest = self.conn.prepare_cached(
                    "SELECT article FROM article_entities WHERE eid = ?1
                     ORDER BY article DESC LIMIT ?2",
                )?;
                for (e, _) in common {
                    for article in newest
                        .query_map(rusqlite::params![e.eid, COMMON_FILL as i64], |r| {
                            r.get::<_, i64>(0)
                        })?
                    {
                        let article = article?;
                        if article != me && !scores.contains_key(&article) {
                            scores.insert(article, (0.0, Vec::new()));
                            best.push((article, 0.0));
                        }
                    }
                }
            }
            best.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
            best.truncate(CANDIDATES.max(limit));
            let mut names = self
                .conn
                .prepare_cached("SELECT 1 FROM article_entities WHERE eid = ?1 AND article = ?2")?;
            for (article, _) in best {
                for (j, (e, _)) in common.iter().enumerate() {
                    if names.exists(rusqlite::params![e.eid, article])? {
                        let s = scores.entry(article).or_default();
                        s.0 += e.weight;
                        s.1.push(common_from + j);
                    }
                }
            }
        }
        let mut ranked: Vec<(i64, f64, Vec<usize>)> = scores
            .into_iter()
            .filter(|(_, s)| !s.1.is_empty())
            .map(|(a, (score, shared))| (a, score, shared))
            .collect();
        // Best first; equal scores newest first (a higher rowid was
        // indexed later), so the order is the same every time.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(limit);
        let mut row = self
            .conn
            .prepare_cached("SELECT id, title, date FROM articles WHERE rowid = ?1")?;
        let mut out = Vec::with_capacity(ranked.len());
        for (article, score, shared) in ranked {
            let (id, title, date): (String, String, Option<String>) =
                row.query_row([article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            out.push(Related {
                id,
                title,
                date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                score: (score * 1000.0).round() / 1000.0,
                shared: shared.into_iter().map(|i| mine[i].0.name.clone()).collect(),
            });
        }
        // Equal scores after rounding: newest first.
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.date.cmp(&a.date)));
        Ok(out)
    }
}
