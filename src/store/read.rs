//! Queries over the index, returning plain structs.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params_from_iter, types::Value};

use super::Index;
use crate::model::{EntityKind, EntityLink};

/// The part of a list filter the index can answer alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexFilter {
    pub topic: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// `kind:key` of an entity.
    pub entity: Option<String>,
}

/// An article's list row as the index knows it (no user state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub topics: Vec<String>,
    /// Front matter tags.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub row: IndexRow,
    pub url: Option<String>,
    pub body: String,
    pub mtime_ns: i64,
    pub hash: String,
    /// For an item of a collection file, where it is in the file.
    pub item: Option<ItemPlace>,
}

/// Where an item of a collection is in its file, and the file's hash when
/// that place was found (a changed file is not read at an old place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPlace {
    pub start: usize,
    pub end: usize,
    pub file_hash: String,
}

/// A canonical entity across the collection, for `brief entities`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntitySummary {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub count: usize,
    pub articles: Vec<String>,
}

const SEP: &str = "\u{1f}";

const ROW_COLUMNS: &str = "a.id, a.path, a.title, a.date, a.source,
    (SELECT group_concat(topic, char(31)) FROM (SELECT topic FROM article_topics WHERE article = a.rowid ORDER BY topic)),
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM article_tags WHERE article = a.rowid ORDER BY tag))";

const ORDER: &str = "ORDER BY a.date IS NULL, a.date DESC, a.title, a.id";

fn split(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split(SEP).map(str::to_string).collect())
        .unwrap_or_default()
}

fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<IndexRow> {
    Ok(IndexRow {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        date: parse_date(r.get(3)?),
        source: r.get(4)?,
        topics: split(r.get(5)?),
        tags: split(r.get(6)?),
    })
}

/// Splits `kind:key` into its parts.
pub fn entity_ref(s: &str) -> Option<(EntityKind, &str)> {
    let (kind, key) = s.split_once(':')?;
    Some((EntityKind::parse(kind)?, key))
}

impl Index {
    /// Articles matching the filter, newest first, undated last.
    pub fn rows(&self, filter: &IndexFilter) -> Result<Vec<IndexRow>> {
        let mut sql = format!("SELECT {ROW_COLUMNS} FROM articles a WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(topic) = &filter.topic {
            sql.push_str(" AND a.rowid IN (SELECT article FROM article_topics WHERE topic = ?)");
            args.push(Value::Text(topic.to_lowercase()));
        }
        if let Some(d) = filter.since {
            sql.push_str(" AND a.date >= ?");
            args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(d) = filter.until {
            sql.push_str(" AND a.date <= ?");
            args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(entity) = &filter.entity {
            let Some((kind, key)) = entity_ref(entity) else {
                return Ok(Vec::new());
            };
            sql.push_str(
                " AND a.rowid IN (SELECT ae.article FROM article_entities ae JOIN entities e ON e.eid = ae.eid
                  WHERE e.kind = ? AND e.key = ?)",
            );
            args.push(Value::Text(kind.as_str().into()));
            args.push(Value::Text(key.into()));
        }
        sql.push(' ');
        sql.push_str(ORDER);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One article's list row.
    pub fn row(&self, id: &str) -> Result<Option<IndexRow>> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM articles a WHERE a.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([id], row_from).optional()?)
    }

    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.url, b.body, a.mtime_ns, a.hash, c.start, c.end, f.hash
             FROM articles a JOIN article_bodies b ON b.article = a.rowid
             LEFT JOIN collection_items c ON c.article = a.rowid
             LEFT JOIN files f ON f.path = c.path
             WHERE a.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, [id], |r| {
                let place = (
                    r.get::<_, Option<i64>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, Option<String>>(13)?,
                );
                Ok(StoredArticle {
                    row: row_from(r)?,
                    url: r.get(7)?,
                    body: r.get::<_, super::packed::Packed>(8)?.0,
                    mtime_ns: r.get(9)?,
                    hash: r.get(10)?,
                    item: match place {
                        (Some(start), Some(end), Some(file_hash)) => Some(ItemPlace {
                            start: start.max(0) as usize,
                            end: end.max(0) as usize,
                            file_hash,
                        }),
                        _ => None,
                    },
                })
            })
            .optional()?;
        Ok(found)
    }

    /// The entities one article names, each with the articles naming it
    /// (newest first, at most `limit` of them; `count` says how many in all).
    pub fn entity_links(&self, id: &str, limit: Option<usize>) -> Result<Vec<EntityLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.eid, e.kind, e.key, e.name, e.articles, json_array_length(ae.spans)
             FROM article_entities ae
             JOIN entities e ON e.eid = ae.eid
             JOIN articles a ON a.rowid = ae.article
             WHERE a.id = ?1 ORDER BY e.kind, e.name",
        )?;
        let found: Vec<(i64, String, String, String, i64, i64)> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total = if found.is_empty() {
            0
        } else {
            self.article_count()?
        };
        let mut links = Vec::with_capacity(found.len());
        for (eid, kind, key, name, count, mentions) in found {
            let Some(kind) = EntityKind::parse(&kind) else {
                continue;
            };
            links.push(EntityLink {
                key: format!("{}:{key}", kind.as_str()),
                name,
                kind,
                aliases: self.entity_aliases(eid)?,
                count: count as usize,
                articles: self.entity_articles(eid, limit)?,
                mentions: mentions.max(1) as usize,
                salience: crate::entities::salience(
                    mentions.max(1) as usize,
                    count.max(1) as usize,
                    total,
                ),
            });
        }
        // Within a kind, the most salient first.
        links.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.salience.cmp(&a.salience))
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(links)
    }

    pub(super) fn entity_aliases(&self, eid: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alias FROM entity_aliases WHERE eid = ?1 ORDER BY alias")?;
        let rows = stmt.query_map([eid], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ids of the articles naming one entity, newest first.
    pub(super) fn entity_articles(&self, eid: i64, limit: Option<usize>) -> Result<Vec<String>> {
        if limit == Some(0) {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article
             WHERE ae.eid = ?1 ORDER BY a.date IS NULL, a.date DESC, a.id LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let rows = stmt.query_map(rusqlite::params![eid, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every canonical entity, most named first.
    pub fn entities(&self, kind: Option<EntityKind>) -> Result<Vec<EntitySummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.eid, e.kind, e.name, a.id FROM entities e
             JOIN article_entities ae ON ae.eid = e.eid
             JOIN articles a ON a.rowid = ae.article
             WHERE ?1 IS NULL OR e.kind = ?1
             ORDER BY e.eid, a.date IS NULL, a.date DESC, a.id",
        )?;
        let mut by_eid: BTreeMap<i64, EntitySummary> = BTreeMap::new();
        let rows = stmt.query_map([kind.map(EntityKind::as_str)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (eid, kind, name, id) = row?;
            let Some(kind) = EntityKind::parse(&kind) else {
                continue;
            };
            by_eid
                .entry(eid)
                .or_insert_with(|| EntitySummary {
                    name,
                    kind,
                    aliases: Vec::new(),
                    count: 0,
                    articles: Vec::new(),
                })
                .articles
                .push(id);
        }
        let mut aliases = self
            .conn
            .prepare("SELECT eid, alias FROM entity_aliases ORDER BY eid, alias")?;
        for row in aliases.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (eid, alias) = row?;
            if let Some(e) = by_eid.get_mut(&eid) {
                e.aliases.push(alias);
            }
        }
        let mut all: Vec<EntitySummary> = by_eid
            .into_values()
            .map(|mut e| {
                e.count = e.articles.len();
                e
            })
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        Ok(all)
    }

    /// Files that could not be ingested: (path, reason), by path.
    pub fn failures(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, reason FROM failures ORDER BY path")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Faults read around in indexed files: (path, line, message), by path.
    pub fn warnings(&self) -> Result<Vec<(String, usize, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.path, w.line, w.message FROM article_warnings w
             JOIN articles a ON a.rowid = w.article
             UNION ALL SELECT path, line, message FROM collection_faults
             ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as usize, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The encoding an article's file was read in (`UTF-8` unless noted).
    pub fn encoding_of(&self, id: &str) -> Result<String> {
        let found: Option<Option<String>> = self
            .conn
            .prepare_cached("SELECT encoding FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(found.flatten().unwrap_or_else(|| "UTF-8".to_string()))
    }

    /// Articles read in an encoding that was guessed: (path, encoding).
    pub fn guessed_encodings(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT path, encoding FROM articles WHERE encoding_guessed ORDER BY path",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every article as (id, content hash), for the user state to follow.
    pub fn live(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, hash FROM articles ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every front matter tag with the id of its article.
    pub fn front_matter_tags(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.tag, a.id FROM article_tags t JOIN articles a ON a.rowid = t.article",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The content hash of one article, if it exists.
    pub fn hash_of(&self, id: &str) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT hash FROM articles WHERE id = ?1")?;
        Ok(stmt.query_row([id], |r| r.get(0)).optional()?)
    }

    /// (id, content hash) of each of `ids` that is indexed.
    pub fn hashes_of(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        let ids = serde_json::to_string(ids)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, hash FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn article_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as usize)
    }
}
