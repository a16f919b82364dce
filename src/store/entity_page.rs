//! An entity's page: its spellings, how many articles name it and when
//! (a timeline by month, or by week for a short span), the names seen with
//! it, and where its articles come from.
//!
//! Bounded for the busiest entity: the articles naming it are read once,
//! as its own range of `article_entities`, whose rows carry the article's
//! date and source; the names seen with it are counted over its newest
//! [`COOCCURRING_FROM`] articles (all of them when it has no more), and the
//! page says when that is so.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Index;
use crate::entities::fold_key;
use crate::model::EntityKind;

/// Articles (newest) over which co-occurring names are counted.
pub const COOCCURRING_FROM: usize = 2_000;
/// Co-occurring names listed.
const COOCCURRING_SHOWN: usize = 20;
/// Sources listed.
const SOURCES_SHOWN: usize = 10;
/// A span of dates up to this many days is drawn by week, not by month.
const WEEKLY_UP_TO_DAYS: i64 = 120;

/// One bar of the timeline: `2025-03` (a month), `2025-W07` (an ISO week),
/// or `undated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub period: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cooccurring {
    /// `kind:key`, to open its page.
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Articles naming both.
    pub count: usize,
}

/// A name to jump to (the entity picker): every entity some article
/// still names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityName {
    /// `kind:key`, to open its page.
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Articles naming it.
    pub articles: usize,
}

/// Names the picker offers at most: the most named first, so a
/// collection with a long tail of one-off names still opens at once.
pub const NAMES_OFFERED: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityPage {
    /// `kind:key`.
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Every spelling seen.
    pub aliases: Vec<String>,
    /// Articles naming it.
    pub count: usize,
    /// Ids of the articles naming it, newest first (as many as asked for).
    pub articles: Vec<String>,
    #[serde(serialize_with = "crate::model::serialize_date")]
    pub first: Option<NaiveDate>,
    #[serde(serialize_with = "crate::model::serialize_date")]
    pub last: Option<NaiveDate>,
    /// Months or weeks from the first date to the last (empty ones too),
    /// then `undated` when some articles have no date: the counts add up
    /// to `count`.
    pub timeline: Vec<Period>,
    pub undated: usize,
    /// The names most often seen in the same articles, most first.
    pub cooccurring: Vec<Cooccurring>,
    /// How many of its (newest) articles `cooccurring` counted over.
    pub cooccurring_from: usize,
    /// Sources of its articles with counts, most first; in JSON
    /// `[{"source", "count"}]`.
    #[serde(serialize_with = "as_objects")]
    pub sources: Vec<(String, usize)>,
}

fn as_objects<S: serde::Serializer>(sources: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Source<'a> {
        source: &'a str,
        count: usize,
    }
    s.collect_seq(sources.iter().map(|(source, count)| Source {
        source,
        count: *count,
    }))
}

/// The timeline's bars for these dates: by week when they span no more
/// than [`WEEKLY_UP_TO_DAYS`], else by month; every period between the
/// first and the last is there, empty or not.
pub fn timeline(dates: &[NaiveDate], undated: usize) -> Vec<Period> {
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
        let weekly = (*last - *first).num_days() <= WEEKLY_UP_TO_DAYS;
        // A period as numbers (year, month or ISO week): counting tens of
        // thousands of dates makes no strings.
        let period = |d: NaiveDate| {
            if weekly {
                let w = d.iso_week();
                (w.year(), w.week())
            } else {
                (d.year(), d.month())
            }
        };
        let label = |(y, n): (i32, u32)| {
            if weekly {
                format!("{y}-W{n:02}")
            } else {
                format!("{y}-{n:02}")
            }
        };
        let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for d in dates {
            *counts.entry(period(*d)).or_default() += 1;
        }
        // Walk from the first period to the last, so gaps show as gaps.
        let mut at = *first;
        let mut last_seen = None;
        while at <= *last || period(at) == period(*last) {
            let p = period(at);
            if Some(p) != last_seen {
                out.push(Period {
                    count: counts.get(&p).copied().unwrap_or(0),
                    period: label(p),
                });
                last_seen = Some(p);
            }
            at = if weekly {
                at + Duration::days(7)
            } else {
                // The first of the next month.
                let (y, m) = if at.month() == 12 {
                    (at.year() + 1, 1)
                } else {
                    (at.year(), at.month() + 1)
                };
                match NaiveDate::from_ymd_opt(y, m, 1) {
                    Some(d) => d,
                    None => break,
                }
            };
            if at > *last && period(at) != period(*last) {
                break;
            }
        }
    }
    if undated > 0 {
        out.push(Period {
            period: "undated".into(),
            count: undated,
        });
    }
    out
}

/// `YYYY-MM-DD` as the index stores dates, read without chrono's general
/// parser (which took most of the page's time for a busy entity).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

impl Index {
    /// The entity most articles name, as `kind:key`.
    pub fn busiest_entity(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT kind || ':' || key FROM entities ORDER BY articles DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The entity a name given by the user means: `kind:key`; else the
    /// entity with that key, name or spelling (folded), the most named
    /// first.
    pub fn find_entity(&self, name: &str) -> Result<Option<(EntityKind, String)>> {
        if let Some((kind, key)) = super::read::entity_ref(name) {
            let found = self
                .conn
                .prepare_cached("SELECT 1 FROM entities WHERE kind = ?1 AND key = ?2")?
                .exists(params![kind.as_str(), key])?;
            if found {
                return Ok(Some((kind, key.to_string())));
            }
        }
        let fold = fold_key(name);
        for sql in [
            "SELECT kind, key FROM entities WHERE key = ?1 ORDER BY articles DESC, kind LIMIT 1",
            "SELECT kind, key FROM entities WHERE fold_key(name) = ?1
             ORDER BY articles DESC, kind LIMIT 1",
            "SELECT e.kind, e.key FROM entity_aliases a JOIN entities e ON e.eid = a.eid
             WHERE fold_key(a.alias) = ?1 ORDER BY e.articles DESC, e.kind LIMIT 1",
        ] {
            let found: Option<(String, String)> = self
                .conn
                .prepare_cached(sql)?
                .query_row([&fold], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((kind, key)) = found
                && let Some(kind) = EntityKind::parse(&kind)
            {
                return Ok(Some((kind, key)));
            }
        }
        Ok(None)
    }

    /// The entities some article names, most named first (then by name),
    /// [`NAMES_OFFERED`] at most: what the entity picker matches against.
    pub fn entity_names(&self) -> Result<Vec<EntityName>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, key, name, articles FROM entities WHERE articles > 0
             ORDER BY articles DESC, name LIMIT ?1",
        )?;
        let names = counted_names(&mut stmt, [NAMES_OFFERED as i64])?
            .into_iter()
            .map(|(kind, key, name, articles)| EntityName {
                key,
                name,
                kind,
                articles: usize::try_from(articles).unwrap_or(0),
            })
            .collect();
        Ok(names)
    }

    /// The page of the entity `kind:key`, listing up to `articles` of its
    /// article ids (None: all).
    pub fn entity_page(
        &self,
        kind: EntityKind,
        key: &str,
        articles: Option<usize>,
    ) -> Result<Option<EntityPage>> {
        let Some((eid, name)) = self
            .conn
            .prepare_cached("SELECT eid, name FROM entities WHERE kind = ?1 AND key = ?2")?
            .query_row(params![kind.as_str(), key], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        else {
            return Ok(None);
        };
        let mut dates = Vec::new();
        let mut undated = 0;
        let mut sources: HashMap<String, usize> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT date, source FROM article_entities WHERE eid = ?1")?;
            let mut rows = stmt.query([eid])?;
            while let Some(r) = rows.next()? {
                match r.get_ref(0)?.as_str_or_null()?.and_then(iso_date) {
                    Some(d) => dates.push(d),
                    None => undated += 1,
                }
                if let Some(source) = r.get_ref(1)?.as_str_or_null()? {
                    match sources.get_mut(source) {
                        Some(n) => *n += 1,
                        None => {
                            sources.insert(source.to_string(), 1);
                        }
                    }
                }
            }
        }
        let count = dates.len() + undated;
        let mut sources: Vec<(String, usize)> = sources.into_iter().collect();
        sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sources.truncate(SOURCES_SHOWN);
        let (cooccurring, cooccurring_from) = self.cooccurring(eid, count)?;
        Ok(Some(EntityPage {
            key: format!("{}:{key}", kind.as_str()),
            name,
            kind,
            aliases: self.entity_aliases(eid)?,
            count,
            articles: self.newest_articles(eid, articles)?,
            first: dates.iter().min().copied(),
            last: dates.iter().max().copied(),
            timeline: timeline(&dates, undated),
            undated,
            cooccurring,
            cooccurring_from,
            sources,
        }))
    }

    /// Ids of entity `eid`'s articles, newest first, undated last. For a
    /// few of a busy entity's articles, only those on or after the date of
    /// the `limit`th newest are joined and sorted: sorting all 27,000
    /// article rows of the busiest took 15 ms of CPU, this 4 ms.
    fn newest_articles(&self, eid: i64, limit: Option<usize>) -> Result<Vec<String>> {
        let Some(limit) = limit.filter(|&l| l > 0) else {
            return self.entity_articles(eid, limit);
        };
        let cut: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT date FROM article_entities WHERE eid = ?1 AND date IS NOT NULL
                 ORDER BY date DESC LIMIT 1 OFFSET ?2",
            )?
            .query_row(params![eid, limit as i64 - 1], |r| r.get(0))
            .optional()?;
        let Some(cut) = cut else {
            // Fewer dated articles than asked for: all of them are needed.
            return self.entity_articles(eid, Some(limit));
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article
             WHERE ae.eid = ?1 AND ae.date >= ?2
             ORDER BY a.date IS NULL, a.date DESC, a.id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![eid, cut, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The names seen in the same articles as entity `eid`, most first.
    fn cooccurring(&self, eid: i64, count: usize) -> Result<(Vec<Cooccurring>, usize)> {
        let from = count.min(COOCCURRING_FROM);
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.kind, e.key, e.name, c.n FROM (
                 SELECT other.eid AS eid, count(*) AS n
                 FROM (SELECT article FROM article_entities WHERE eid = ?1
                       ORDER BY article DESC LIMIT ?2) mine
                 JOIN article_entities other INDEXED BY entities_by_article
                     ON other.article = mine.article
                 WHERE other.eid != ?1 GROUP BY other.eid
                 ORDER BY n DESC LIMIT ?3) c
             JOIN entities e ON e.eid = c.eid ORDER BY c.n DESC, e.name",
        )?;
        let out = counted_names(
            &mut stmt,
            params![eid, from as i64, COOCCURRING_SHOWN as i64],
        )?
        .into_iter()
        .map(|(kind, key, name, n)| Cooccurring {
            key,
            name,
            kind,
            count: n as usize,
        })
        .collect();
        Ok((out, from))
    }
}

/// Rows of `kind, key, name, count` as (kind, `kind:key` link key, name,
/// count); a kind this version does not know is skipped.
fn counted_names(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<(EntityKind, String, String, i64)>> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, key, name, count) = row?;
        let Some(kind) = EntityKind::parse(&kind) else {
            continue;
        };
        out.push((kind, format!("{}:{key}", kind.as_str()), name, count));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_long_span_is_counted_by_month_with_empty_months_shown() {
        let dates = [d("2025-01-31"), d("2025-01-02"), d("2025-05-10")];
        let t = timeline(&dates, 2);
        let got: Vec<(&str, usize)> = t.iter().map(|p| (p.period.as_str(), p.count)).collect();
        assert_eq!(
            got,
            [
                ("2025-01", 2),
                ("2025-02", 0),
                ("2025-03", 0),
                ("2025-04", 0),
                ("2025-05", 1),
                ("undated", 2)
            ]
        );
        assert_eq!(t.iter().map(|p| p.count).sum::<usize>(), 5);
    }

    #[test]
    fn a_short_span_is_counted_by_iso_week_across_a_year_end() {
        let dates = [
            d("2024-12-23"),
            d("2024-12-30"),
            d("2025-01-01"),
            d("2025-01-13"),
        ];
        let t = timeline(&dates, 0);
        let got: Vec<(&str, usize)> = t.iter().map(|p| (p.period.as_str(), p.count)).collect();
        // 30 Dec 2024 and 1 Jan 2025 are both in ISO week 1 of 2025.
        assert_eq!(
            got,
            [
                ("2024-W52", 1),
                ("2025-W01", 2),
                ("2025-W02", 0),
                ("2025-W03", 1)
            ]
        );
    }

    #[test]
    fn stored_dates_are_read_as_chrono_reads_them() {
        for s in [
            "2025-03-04",
            "1999-12-31",
            "2024-02-29",
            "2025-02-29",
            "2025-1-04",
            "x",
            "",
        ] {
            assert_eq!(
                iso_date(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s}"
            );
        }
    }

    #[test]
    fn one_date_is_one_period_and_no_dates_only_undated() {
        assert_eq!(
            timeline(&[d("2025-03-04")], 0),
            [Period {
                period: "2025-W10".into(),
                count: 1
            }]
        );
        assert_eq!(timeline(&[], 3).len(), 1);
        assert!(timeline(&[], 0).is_empty());
    }
}
