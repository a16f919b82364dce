//! The statements an index update runs, each prepared once per update and
//! reused for every file (parsing SQL 100,000 times was a large share of a
//! cold index).

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::ingest::walk::FoundFile;
use crate::model::{Article, EntityKind, FoundEntity};

/// Writes into one index transaction.
pub(super) struct Writer<'t> {
    pub tx: &'t Transaction<'t>,
    /// Entity ids already looked up in this update, so an entity named by
    /// thousands of articles is looked up once.
    eids: HashMap<EntityKind, HashMap<String, i64>>,
    /// Entities whose articles changed, to recount and rename at the end.
    pub touched: BTreeSet<i64>,
}

impl<'t> Writer<'t> {
    pub fn new(tx: &'t Transaction<'t>) -> Writer<'t> {
        Writer {
            tx,
            eids: HashMap::new(),
            touched: BTreeSet::new(),
        }
    }

    pub fn save_file(&self, file: &FoundFile, hash: &str, article: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO files(path, size, mtime_ns, hash, article) VALUES(?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                     hash = excluded.hash, article = excluded.article",
            )?
            .execute(params![
                file.rel_path,
                file.size as i64,
                file.mtime_ns,
                hash,
                article
            ])?;
        if article.is_some() {
            self.tx
                .prepare_cached("DELETE FROM failures WHERE path = ?1")?
                .execute([&file.rel_path])?;
        }
        Ok(())
    }

    pub fn save_failure(&self, path: &str, reason: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO failures(path, reason) VALUES(?1, ?2)
                 ON CONFLICT(path) DO UPDATE SET reason = excluded.reason",
            )?
            .execute(params![path, reason])?;
        Ok(())
    }

    /// The path of the article that already has this id, if any.
    pub fn id_owner(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT path FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    pub fn id_of(&self, rowid: i64) -> Result<String> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM articles WHERE rowid = ?1")?
            .query_row([rowid], |r| r.get(0))?)
    }

    pub fn insert_article(
        &mut self,
        a: &Article,
        hash: &str,
        mtime_ns: i64,
        entities: &[FoundEntity],
    ) -> Result<i64> {
        let tx = self.tx;
        tx.prepare_cached(
            "INSERT INTO articles(id, path, title, date, source, url, hash, mtime_ns, encoding,
                encoding_guessed)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            a.id,
            a.path,
            a.title,
            a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            a.source,
            a.url,
            hash,
            mtime_ns,
            a.encoding,
            a.encoding_guessed
        ])?;
        let rowid = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO article_bodies(article, body) VALUES(?1, ?2)")?
            .execute(params![rowid, a.body])?;
        let mut topic = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_topics(article, topic) VALUES(?1, ?2)",
        )?;
        for t in &a.topics {
            topic.execute(params![rowid, t])?;
        }
        let mut tag =
            tx.prepare_cached("INSERT OR IGNORE INTO article_tags(article, tag) VALUES(?1, ?2)")?;
        for t in &a.tags {
            tag.execute(params![rowid, t])?;
        }
        tx.prepare_cached("INSERT INTO article_text(rowid, title, body) VALUES(?1, ?2, ?3)")?
            .execute(params![rowid, a.title, a.body])?;
        let mut link = tx.prepare_cached(
            "INSERT OR REPLACE INTO article_entities(eid, article, name, aliases, spans)
             VALUES(?1, ?2, ?3, ?4, ?5)",
        )?;
        for e in entities {
            let eid = self.eid(e)?;
            link.execute(params![
                eid,
                rowid,
                e.name,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.spans)?
            ])?;
            self.touched.insert(eid);
        }
        Ok(rowid)
    }

    /// The entity's id, adding the entity if the index has not seen it.
    fn eid(&mut self, e: &FoundEntity) -> Result<i64> {
        if let Some(eid) = self.eids.get(&e.kind).and_then(|m| m.get(&e.key)) {
            return Ok(*eid);
        }
        let tx = self.tx;
        tx.prepare_cached(
            "INSERT INTO entities(kind, key, name) VALUES(?1, ?2, ?3)
             ON CONFLICT(kind, key) DO NOTHING",
        )?
        .execute(params![e.kind.as_str(), e.key, e.name])?;
        let eid: i64 = tx
            .prepare_cached("SELECT eid FROM entities WHERE kind = ?1 AND key = ?2")?
            .query_row(params![e.kind.as_str(), e.key], |r| r.get(0))?;
        self.eids
            .entry(e.kind)
            .or_default()
            .insert(e.key.clone(), eid);
        Ok(eid)
    }

    pub fn delete_article(&mut self, rowid: i64) -> Result<()> {
        let tx = self.tx;
        let mut stmt = tx.prepare_cached("SELECT eid FROM article_entities WHERE article = ?1")?;
        for eid in stmt.query_map([rowid], |r| r.get::<_, i64>(0))? {
            self.touched.insert(eid?);
        }
        for sql in [
            "DELETE FROM article_topics WHERE article = ?1",
            "DELETE FROM article_tags WHERE article = ?1",
            "DELETE FROM article_text WHERE rowid = ?1",
            "DELETE FROM article_bodies WHERE article = ?1",
            "DELETE FROM article_entities WHERE article = ?1",
            "DELETE FROM articles WHERE rowid = ?1",
        ] {
            tx.prepare_cached(sql)?.execute([rowid])?;
        }
        Ok(())
    }
}

pub(super) fn clear_articles(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM files; DELETE FROM articles; DELETE FROM article_bodies;
         DELETE FROM article_topics; DELETE FROM article_tags;
         INSERT INTO article_text(article_text) VALUES('delete-all'); DELETE FROM article_entities; DELETE FROM entities;
         DELETE FROM entity_aliases; DELETE FROM failures;",
    )?;
    Ok(())
}

/// Drops entities no article names any more; gives each touched entity the
/// name most articles use for it, its spellings and its article count.
pub(super) fn tidy_entities(tx: &Transaction, touched: &BTreeSet<i64>) -> Result<()> {
    tx.execute(
        "DELETE FROM entity_aliases WHERE NOT EXISTS (SELECT 1 FROM article_entities ae WHERE ae.eid = entity_aliases.eid)",
        [],
    )?;
    tx.execute(
        "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM article_entities ae WHERE ae.eid = entities.eid)",
        [],
    )?;
    let mut rename = tx.prepare(
        "UPDATE entities SET
             name = (SELECT name FROM article_entities WHERE eid = ?1
                     GROUP BY name ORDER BY count(*) DESC, length(name) DESC, name LIMIT 1),
             articles = (SELECT count(*) FROM article_entities WHERE eid = ?1)
         WHERE eid = ?1 AND EXISTS (SELECT 1 FROM article_entities WHERE eid = ?1)",
    )?;
    let mut forget = tx.prepare("DELETE FROM entity_aliases WHERE eid = ?1")?;
    let mut spellings = tx.prepare(
        "INSERT OR IGNORE INTO entity_aliases(eid, alias)
         SELECT ae.eid, j.value FROM article_entities ae, json_each(ae.aliases) j WHERE ae.eid = ?1",
    )?;
    for eid in touched {
        rename.execute([eid])?;
        forget.execute([eid])?;
        spellings.execute([eid])?;
    }
    Ok(())
}
