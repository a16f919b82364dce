//! The statements an index update runs, each prepared once per update and
//! reused for every file (parsing SQL 100,000 times was a large share of a
//! cold index).

use std::collections::BTreeSet;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use super::pipeline::{Named, case_of};
use crate::entities::{CaseWords, Extractor, Via, collection_referent, is_collection_name};

/// The writer's own maps hash with foldhash, not SipHash: they are keyed by
/// our own words and ids, and SipHash was 2 % of a cold index's writer.
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
use crate::ingest::walk::FoundFile;
use crate::model::{Article, EntityKind, FileWarning, FoundEntity};
use crate::text::index_form;

/// Writes into the index inside the transaction its caller holds open
/// (an update commits in batches, so the writer outlives any one of them).
pub(super) struct Writer<'t> {
    pub tx: &'t Connection,
    /// Entity ids already looked up in this update, so an entity named by
    /// thousands of articles is looked up once.
    eids: FastMap<EntityKind, FastMap<String, i64>>,
    /// Entities whose articles changed, to recount and rename before the
    /// batch is committed.
    pub touched: BTreeSet<i64>,
    /// Reads the case evidence of an article being deleted.
    extractor: &'t Extractor,
    /// Per word, the change to its `word_case` counts (lower, capital) this
    /// update makes, written once at the end.
    case_delta: FastMap<String, (i64, i64)>,
    /// Articles stored in this update, whose candidates are decided at the end.
    fresh: FastSet<i64>,
    /// Articles stored before this update whose candidates or short forms
    /// `settle_evidence` decided again (see `SyncReport::redecided`).
    pub redecided: FastSet<i64>,
    /// Time spent writing the full-text index and the entity tables, for
    /// the update's stage profile.
    pub fts_time: std::time::Duration,
    pub entity_time: std::time::Duration,
    /// Per short form and entity, the change to its `form_defs` count and
    /// the entity's name, written once at the end.
    form_delta: FastMap<FormKey, (i64, String)>,
}

/// (form, via, kind, key) of a `form_defs` row.
type FormKey = (String, Via, EntityKind, String);

/// A short form's referent: kind, key and name of the entity.
type Referent = Option<(EntityKind, String, String)>;

impl<'t> Writer<'t> {
    pub fn new(tx: &'t Connection, extractor: &'t Extractor) -> Writer<'t> {
        Writer {
            tx,
            eids: FastMap::default(),
            touched: BTreeSet::new(),
            extractor,
            case_delta: FastMap::default(),
            fresh: FastSet::default(),
            redecided: FastSet::default(),
            fts_time: Default::default(),
            entity_time: Default::default(),
            form_delta: FastMap::default(),
        }
    }

    fn count_case(&mut self, case: CaseWords, sign: i64) {
        for w in case.lower {
            self.case_delta.entry(w).or_default().0 += sign;
        }
        for w in case.capital {
            self.case_delta.entry(w).or_default().1 += sign;
        }
    }

    pub fn save_file(&self, file: &FoundFile, hash: &str, article: Option<i64>) -> Result<()> {
        self.save_file_items(file, hash, article, None)
    }

    /// [`Writer::save_file`] for any file: `items` is the number of
    /// articles of a collection file that was read.
    pub fn save_file_items(
        &self,
        file: &FoundFile,
        hash: &str,
        article: Option<i64>,
        items: Option<usize>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO files(path, size, mtime_ns, hash, article, items)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                     hash = excluded.hash, article = excluded.article, items = excluded.items",
            )?
            .execute(params![
                file.rel_path,
                file.size as i64,
                file.mtime_ns,
                hash,
                article,
                items.map(|n| n as i64)
            ])?;
        if article.is_some() || items.is_some() {
            self.tx
                .prepare_cached("DELETE FROM failures WHERE path = ?1")?
                .execute([&file.rel_path])?;
        }
        Ok(())
    }

    /// Where an item of a collection is: its file, key and place in it.
    pub fn place_item(&self, article: i64, item: &crate::ingest::collection::Item) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO collection_items(article, path, key, start, end)
                 SELECT ?1, path, ?2, ?3, ?4 FROM articles WHERE rowid = ?1
                 ON CONFLICT(article) DO UPDATE SET key = excluded.key,
                     start = excluded.start, end = excluded.end",
            )?
            .execute(params![
                article,
                item.key,
                item.start as i64,
                item.end as i64
            ])?;
        Ok(())
    }

    /// What was read around in a collection file, replacing what was.
    pub fn save_faults(&self, path: &str, faults: &[FileWarning]) -> Result<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO collection_faults(path, line, message) VALUES(?1, ?2, ?3)",
        )?;
        for f in faults {
            insert.execute(params![path, f.line as i64, f.message])?;
        }
        Ok(())
    }

    pub fn forget_faults(&self, path: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM collection_faults WHERE path = ?1")?
            .execute([path])?;
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
        named: Named,
    ) -> Result<i64> {
        let entities = &named.entities;
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
            .execute(params![rowid, super::packed::pack(&a.body)])?;
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
        let mut warning = tx.prepare_cached(
            "INSERT INTO article_warnings(article, line, message) VALUES(?1, ?2, ?3)",
        )?;
        for w in &a.warnings {
            warning.execute(params![rowid, w.line as i64, w.message])?;
        }
        // In the form searches are put in: one folding for index, query
        // and highlighter; CJK runs as pairs (text::index_form).
        let fts_started = std::time::Instant::now();
        tx.prepare_cached("INSERT INTO article_text(rowid, title, body) VALUES(?1, ?2, ?3)")?
            .execute(params![
                rowid,
                index_form(&a.title).as_ref(),
                index_form(&a.body).as_ref()
            ])?;
        let entities_started = std::time::Instant::now();
        self.fts_time += entities_started - fts_started;
        let mut link = tx.prepare_cached(
            "INSERT OR REPLACE INTO article_entities(eid, article, name, aliases, spans, date, source)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let date = a.date.map(|d| d.format("%Y-%m-%d").to_string());
        for e in entities {
            let eid = self.eid(e)?;
            link.execute(params![
                eid,
                rowid,
                e.name,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.spans)?,
                date,
                a.source
            ])?;
            self.touched.insert(eid);
        }
        let mut candidate = tx.prepare_cached(
            "INSERT OR REPLACE INTO article_candidates(article, key, kind, name, aliases, spans)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for e in &named.awaiting {
            candidate.execute(params![
                rowid,
                e.key,
                e.kind.as_str(),
                e.name,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.spans)?
            ])?;
        }
        let mut form = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_forms(article, form, via, kind, key, name)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for d in &named.forms {
            let added = form.execute(params![
                rowid,
                d.form,
                d.via.as_str(),
                d.kind.as_str(),
                d.key,
                d.name
            ])?;
            if added > 0 {
                let e = self
                    .form_delta
                    .entry((d.form.clone(), d.via, d.kind, d.key.clone()))
                    .or_insert((0, d.name.clone()));
                e.0 += 1;
            }
        }
        let mut short = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_short_forms(article, form, via, kind, key, name, aliases, spans)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for r in &named.short_forms {
            short.execute(params![
                rowid,
                r.form,
                r.via.as_str(),
                r.entity.kind.as_str(),
                r.entity.key,
                r.entity.name,
                serde_json::to_string(&r.entity.aliases)?,
                serde_json::to_string(&r.entity.spans)?
            ])?;
        }
        // Taken, not cloned: the case words are most of what an article
        // brings to the writer (a clone was 2 % of its time in malloc).
        self.count_case(named.case, 1);
        self.fresh.insert(rowid);
        self.entity_time += entities_started.elapsed();
        Ok(rowid)
    }

    /// Brings `word_case` up to date with this update's articles, then
    /// decides the candidates whose verdict may have changed: those of the
    /// articles stored now, and those of every word whose verdict flipped.
    /// Only those articles are touched.
    pub fn settle_evidence(&mut self) -> Result<()> {
        let tx = self.tx;
        let mut flipped: Vec<String> = Vec::new();
        {
            let mut read =
                tx.prepare_cached("SELECT lower, capital FROM word_case WHERE word = ?1")?;
            let mut write = tx.prepare_cached(
                "INSERT INTO word_case(word, lower, capital) VALUES(?1, ?2, ?3)
                 ON CONFLICT(word) DO UPDATE SET lower = excluded.lower, capital = excluded.capital",
            )?;
            let mut forget = tx.prepare_cached("DELETE FROM word_case WHERE word = ?1")?;
            let mut words: Vec<(&String, &(i64, i64))> = self.case_delta.iter().collect();
            words.sort();
            for (word, &(dl, dc)) in words {
                if dl == 0 && dc == 0 {
                    continue;
                }
                let (l, c) = read
                    .query_row([word], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                    .optional()?
                    .unwrap_or((0, 0));
                let (nl, nc) = (l + dl, c + dc);
                if nl <= 0 && nc <= 0 {
                    forget.execute([word])?;
                } else {
                    write.execute(params![word, nl, nc])?;
                }
                if is_collection_name(l, c) != is_collection_name(nl, nc) {
                    flipped.push(word.clone());
                }
            }
        }
        self.case_delta.clear();
        // Short forms' definitions first: a lone word's kind may come from
        // them (`Via::Kind`), and a word whose kind changed is decided again.
        let forms_flipped = self.update_form_defs()?;
        let words: FastSet<String> = flipped.iter().cloned().collect();
        for (form, via) in &forms_flipped {
            if *via == Via::Kind && !words.contains(form) {
                flipped.push(form.clone());
            }
        }
        let mut fresh_articles: Vec<i64> = self.fresh.iter().copied().collect();
        fresh_articles.sort_unstable();
        let mut rows: Vec<(i64, FoundEntity)> = Vec::new();
        {
            let row = |r: &rusqlite::Row| -> rusqlite::Result<(i64, String, String, String, String, String)> {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            };
            let mut by_article = tx.prepare_cached(
                "SELECT article, key, kind, name, aliases, spans FROM article_candidates WHERE article = ?1",
            )?;
            // One statement for every flipped word: a cold index has no
            // index on the key yet, and a scan per word cost its square.
            let mut by_key = tx.prepare_cached(
                "SELECT article, key, kind, name, aliases, spans FROM article_candidates
                 WHERE key IN (SELECT value FROM json_each(?1))",
            )?;
            let mut raw = Vec::new();
            let mut fresh: Vec<i64> = self.fresh.iter().copied().collect();
            fresh.sort_unstable();
            for a in fresh {
                for r in by_article.query_map([a], row)? {
                    raw.push(r?);
                }
            }
            if !flipped.is_empty() {
                let words = serde_json::to_string(&flipped)?;
                for r in by_key.query_map([words], row)? {
                    let r = r?;
                    if !self.fresh.contains(&r.0) {
                        raw.push(r);
                    }
                }
            }
            for (article, key, kind, name, aliases, spans) in raw {
                let Some(kind) = EntityKind::parse(&kind) else {
                    continue;
                };
                rows.push((
                    article,
                    FoundEntity {
                        key,
                        name,
                        kind,
                        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                        spans: serde_json::from_str(&spans).unwrap_or_default(),
                    },
                ));
            }
        }
        let fresh_set: FastSet<i64> = fresh_articles.iter().copied().collect();
        self.fresh.clear();
        for (article, e) in rows {
            let (l, c) = tx
                .prepare_cached("SELECT lower, capital FROM word_case WHERE word = ?1")?
                .query_row([&e.key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                .optional()?
                .unwrap_or((0, 0));
            // Stored before this update, it may hold a link of another kind.
            let settled = !fresh_set.contains(&article);
            if settled {
                self.redecided.insert(article);
            }
            if is_collection_name(l, c) {
                let open = e.kind == EntityKind::Other;
                let want = self.with_collection_kind(e)?;
                let eid = self.eid(&want)?;
                if settled && open {
                    let own = FoundEntity {
                        kind: EntityKind::Other,
                        ..want.clone()
                    };
                    self.unlink_evidence(article, &own, Some(eid), true)?;
                }
                self.link_by_evidence(eid, article, &want)?;
            } else {
                self.unlink_evidence(article, &e, None, settled)?;
            }
        }
        self.settle_short_forms(&fresh_articles, &forms_flipped)
    }

    /// `e` with the kind the collection gives its word where it has none
    /// of its own (see `Via::Kind`).
    fn with_collection_kind(&self, e: FoundEntity) -> Result<FoundEntity> {
        if e.kind != EntityKind::Other {
            return Ok(e);
        }
        Ok(match self.referent(&e.key, Via::Kind)? {
            Some((kind, _, _)) => FoundEntity { kind, ..e },
            None => e,
        })
    }

    /// Takes out of `article` the links collection evidence made for the
    /// word of `e`, all but `keep`: of its kind, or, where the article was
    /// stored before this update (`settled`), of any kind for a word of no
    /// kind of its own, which the collection may have given one. Looked up
    /// by entity, never by article: a cold index has no index on
    /// `article_entities(article)` while it is built.
    fn unlink_evidence(
        &mut self,
        article: i64,
        e: &FoundEntity,
        keep: Option<i64>,
        settled: bool,
    ) -> Result<()> {
        let tx = self.tx;
        let any_kind = settled && e.kind == EntityKind::Other;
        for kind in [
            EntityKind::Other,
            EntityKind::Person,
            EntityKind::Org,
            EntityKind::Place,
        ] {
            if kind != e.kind && !any_kind {
                continue;
            }
            let eid: Option<i64> = tx
                .prepare_cached("SELECT eid FROM entities WHERE kind = ?1 AND key = ?2")?
                .query_row(params![kind.as_str(), e.key], |r| r.get(0))
                .optional()?;
            let Some(eid) = eid.filter(|&eid| Some(eid) != keep) else {
                continue;
            };
            let gone = tx
                .prepare_cached(
                    "DELETE FROM article_entities WHERE eid = ?1 AND article = ?2 AND by_evidence = 1",
                )?
                .execute(params![eid, article])?;
            if gone > 0 {
                self.touched.insert(eid);
            }
            let was = FoundEntity { kind, ..e.clone() };
            super::corrections::evidence_changed(tx, article, &was, false)?;
        }
        Ok(())
    }

    /// The entity `form_defs` gives a short form now.
    fn referent(&self, form: &str, via: Via) -> Result<Referent> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT kind, key, name, articles FROM form_defs WHERE form = ?1 AND via = ?2
             ORDER BY kind, key",
        )?;
        let defs: Vec<(String, String, String, i64)> = stmt
            .query_map(params![form, via.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let counts: Vec<(i64, &str)> = defs.iter().map(|d| (d.3, d.1.as_str())).collect();
        Ok(collection_referent(via, &counts).and_then(|i| {
            let (kind, key, name, _) = &defs[i];
            EntityKind::parse(kind).map(|k| (k, key.clone(), name.clone()))
        }))
    }

    /// Brings `form_defs` up to date with this update's articles; returns
    /// the forms whose referent changed.
    fn update_form_defs(&mut self) -> Result<Vec<(String, Via)>> {
        let tx = self.tx;
        let mut deltas: Vec<(FormKey, (i64, String))> = self.form_delta.drain().collect();
        deltas.sort();
        let forms: BTreeSet<(String, Via)> = deltas
            .iter()
            .map(|((f, v, _, _), _)| (f.clone(), *v))
            .collect();
        let mut before = Vec::with_capacity(forms.len());
        for (form, via) in &forms {
            before.push(self.referent(form, *via)?);
        }
        {
            let mut add = tx.prepare_cached(
                "INSERT INTO form_defs(form, via, kind, key, name, articles) VALUES(?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(form, via, kind, key) DO UPDATE SET articles = articles + excluded.articles,
                     name = min(name, excluded.name)",
            )?;
            for ((form, via, kind, key), (n, name)) in &deltas {
                if *n != 0 {
                    add.execute(params![form, via.as_str(), kind.as_str(), key, name, n])?;
                }
            }
            tx.prepare_cached("DELETE FROM form_defs WHERE articles <= 0")?
                .execute([])?;
        }
        let mut flipped: Vec<(String, Via)> = Vec::new();
        for ((form, via), was) in forms.into_iter().zip(before) {
            if self.referent(&form, via)? != was {
                flipped.push((form, via));
            }
        }
        Ok(flipped)
    }

    /// Gives each short form of the fresh articles, and of every form whose
    /// referent (`flipped`) changed, the entity the collection now says it
    /// means.
    fn settle_short_forms(&mut self, fresh: &[i64], flipped: &[(String, Via)]) -> Result<()> {
        let tx = self.tx;
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<i64>,
        );
        let row = |r: &rusqlite::Row| -> rusqlite::Result<Row> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        };
        const COLUMNS: &str = "article, form, via, kind, key, name, aliases, spans, eid";
        let mut rows: Vec<Row> = Vec::new();
        {
            let mut by_article = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM article_short_forms WHERE article = ?1"
            ))?;
            for a in fresh {
                for r in by_article.query_map([a], row)? {
                    rows.push(r?);
                }
            }
            // One statement for every flipped form: a cold index has no
            // index on the form yet, and a scan per form cost its square.
            let mut by_form = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM article_short_forms
                 WHERE form IN (SELECT value FROM json_each(?1))"
            ))?;
            let fresh: FastSet<i64> = fresh.iter().copied().collect();
            // A word's kind changing changes what its surname form means
            // where no person of that surname is named (see `want` below).
            let wanted: FastSet<(&str, &str)> = flipped
                .iter()
                .map(|(f, v)| match v {
                    Via::Kind => (f.as_str(), Via::Surname.as_str()),
                    _ => (f.as_str(), v.as_str()),
                })
                .collect();
            let words: Vec<&str> = flipped.iter().map(|(f, _)| f.as_str()).collect();
            if !words.is_empty() {
                for r in by_form.query_map([serde_json::to_string(&words)?], row)? {
                    let r = r?;
                    if !fresh.contains(&r.0) && wanted.contains(&(r.1.as_str(), r.2.as_str())) {
                        self.redecided.insert(r.0);
                        rows.push(r);
                    }
                }
            }
        }
        let mut referents: FastMap<(String, Via), Referent> = FastMap::default();
        for (article, form, via, kind, key, name, aliases, spans, current) in rows {
            let (Some(via), Some(kind)) = (Via::parse(&via), EntityKind::parse(&kind)) else {
                continue;
            };
            let referent = match referents.get(&(form.clone(), via)) {
                Some(r) => r.clone(),
                None => {
                    let r = self.referent(&form, via)?;
                    referents.insert((form.clone(), via), r.clone());
                    r
                }
            };
            let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
            let spans: Vec<(usize, usize)> = serde_json::from_str(&spans).unwrap_or_default();
            let own = FoundEntity {
                key,
                name,
                kind,
                aliases,
                spans,
            };
            let want = match referent {
                Some((kind, key, name)) => FoundEntity {
                    key,
                    name,
                    kind,
                    ..own.clone()
                },
                // No person of that surname: the word itself, of the kind
                // the collection gives it if it has none here.
                None if via == Via::Surname => self.with_collection_kind(own.clone())?,
                None => own.clone(),
            };
            let eid = self.eid(&want)?;
            if current == Some(eid) {
                continue;
            }
            if let Some(old) = current {
                let gone = tx
                    .prepare_cached(
                        "DELETE FROM article_entities WHERE eid = ?1 AND article = ?2 AND by_evidence = 1",
                    )?
                    .execute(params![old, article])?;
                if gone > 0 {
                    self.touched.insert(old);
                }
                let was: Option<(String, String)> = tx
                    .prepare_cached("SELECT kind, key FROM entities WHERE eid = ?1")?
                    .query_row([old], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let Some((k, key)) = was
                    && let Some(kind) = EntityKind::parse(&k)
                {
                    let old_entity = FoundEntity {
                        key,
                        kind,
                        ..own.clone()
                    };
                    super::corrections::evidence_changed(tx, article, &old_entity, false)?;
                }
            }
            self.link_by_evidence(eid, article, &want)?;
            tx.prepare_cached(
                "UPDATE article_short_forms SET eid = ?5
                 WHERE article = ?1 AND form = ?2 AND via = ?3 AND kind = ?4",
            )?
            .execute(params![article, form, via.as_str(), kind.as_str(), eid])?;
        }
        Ok(())
    }

    /// Links entity `eid` (found as `e`) to `article` by collection
    /// evidence, with the article's date and source as every link has.
    fn link_by_evidence(&mut self, eid: i64, article: i64, e: &FoundEntity) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO article_entities(eid, article, name, aliases, spans, by_evidence, date, source)
                 SELECT ?1, ?2, ?3, ?4, ?5, 1, date, source FROM articles WHERE rowid = ?2",
            )?
            .execute(params![
                eid,
                article,
                e.name,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.spans)?
            ])?;
        self.touched.insert(eid);
        super::corrections::evidence_changed(self.tx, article, e, true)?;
        Ok(())
    }

    /// The entity's id, adding the entity if the index has not seen it.
    fn eid(&mut self, e: &FoundEntity) -> Result<i64> {
        if let Some(eid) = self.eids.get(&e.kind).and_then(|m| m.get(&e.key)) {
            return Ok(*eid);
        }
        let eid = entity_id(self.tx, e)?;
        self.eids
            .entry(e.kind)
            .or_default()
            .insert(e.key.clone(), eid);
        Ok(eid)
    }

    pub fn delete_article(&mut self, rowid: i64) -> Result<()> {
        let tx = self.tx;
        // Its case evidence leaves the collection's counts with it.
        let texts: Option<(String, String)> = tx
            .prepare_cached(
                "SELECT a.title, b.body FROM articles a JOIN article_bodies b ON b.article = a.rowid
                 WHERE a.rowid = ?1",
            )?
            .query_row([rowid], |r| {
                Ok((r.get(0)?, r.get::<_, super::packed::Packed>(1)?.0))
            })
            .optional()?;
        if let Some((title, body)) = texts {
            let case = case_of(self.extractor, &title, &body);
            self.count_case(case, -1);
        }
        self.fresh.remove(&rowid);
        // What it told the collection about short forms leaves with it.
        {
            let mut forms = tx.prepare_cached(
                "SELECT form, via, kind, key, name FROM article_forms WHERE article = ?1",
            )?;
            let rows: Vec<(String, String, String, String, String)> = forms
                .query_map([rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (form, via, kind, key, name) in rows {
                if let (Some(via), Some(kind)) = (Via::parse(&via), EntityKind::parse(&kind)) {
                    self.form_delta
                        .entry((form, via, kind, key))
                        .or_insert((0, name))
                        .0 -= 1;
                }
            }
        }
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
            "DELETE FROM article_warnings WHERE article = ?1",
            "DELETE FROM entity_found WHERE article = ?1",
            "DELETE FROM entity_correction_hits WHERE article = ?1",
            "DELETE FROM article_candidates WHERE article = ?1",
            "DELETE FROM collection_items WHERE article = ?1",
            "DELETE FROM article_forms WHERE article = ?1",
            "DELETE FROM article_short_forms WHERE article = ?1",
            "DELETE FROM articles WHERE rowid = ?1",
        ] {
            tx.prepare_cached(sql)?.execute([rowid])?;
        }
        Ok(())
    }
}

pub(super) fn clear_articles(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM files; DELETE FROM articles; DELETE FROM article_bodies;
         DELETE FROM article_topics; DELETE FROM article_tags;
         INSERT INTO article_text(article_text) VALUES('delete-all'); DELETE FROM article_entities; DELETE FROM entities;
         DELETE FROM entity_aliases; DELETE FROM failures; DELETE FROM article_warnings;
         DELETE FROM entity_found; DELETE FROM entity_correction_hits;
         DELETE FROM word_case; DELETE FROM article_candidates;
         DELETE FROM collection_items; DELETE FROM collection_faults;
         DELETE FROM form_defs; DELETE FROM article_forms; DELETE FROM article_short_forms;
         DELETE FROM meta WHERE key IN ('corrections', 'corrections_upto');",
    )?;
    Ok(())
}

/// An entity's id, adding the entity if the index has not seen it (under
/// the name it is found by; [`tidy_entities`] settles the name later).
pub(super) fn entity_id(tx: &Connection, e: &FoundEntity) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO entities(kind, key, name) VALUES(?1, ?2, ?3)
         ON CONFLICT(kind, key) DO NOTHING",
    )?
    .execute(params![e.kind.as_str(), e.key, e.name])?;
    let eid = tx
        .prepare_cached("SELECT eid FROM entities WHERE kind = ?1 AND key = ?2")?
        .query_row(params![e.kind.as_str(), e.key], |r| r.get(0))?;
    Ok(eid)
}

/// Drops entities no article names any more; gives each touched entity the
/// name most articles use for it, its spellings and its article count.
pub(super) fn tidy_entities(tx: &Connection, touched: &BTreeSet<i64>) -> Result<()> {
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
