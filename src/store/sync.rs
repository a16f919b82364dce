//! Bringing the index up to date with the briefs folder, re-reading only
//! what changed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::Index;
use crate::entities::Extractor;
use crate::ingest::walk::{self, FoundFile};
use crate::ingest::{self, IngestRules};
use crate::model::{Article, FoundEntity};

/// What ingest needs to turn a file into an indexed article.
pub struct Toolkit {
    pub rules: IngestRules,
    pub extractor: Extractor,
    /// Changes whenever the rules or the program change, so that every
    /// article is parsed again under the new rules.
    pub fingerprint: String,
}

/// What one update did, as `brief index --stats` prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    pub seen: usize,
    pub added: usize,
    pub updated: usize,
    pub renamed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub seconds: f64,
}

impl SyncReport {
    pub fn summary(&self) -> String {
        format!(
            "{} files: {} added, {} updated, {} renamed, {} removed, {} unchanged, {} failed in {:.2}s",
            self.seen,
            self.added,
            self.updated,
            self.renamed,
            self.removed,
            self.unchanged,
            self.failed,
            self.seconds
        )
    }
}

struct KnownFile {
    size: u64,
    mtime_ns: i64,
    hash: String,
    article: Option<i64>,
}

/// A file that was read again, and what came of it.
enum Outcome {
    /// Same bytes as indexed: only the size/mtime are new.
    Touched {
        hash: String,
    },
    Parsed {
        hash: String,
        article: Box<Article>,
        entities: Vec<FoundEntity>,
    },
    Failed {
        hash: String,
        reason: String,
    },
}

impl Index {
    /// Updates the index from `briefs`, reading only new and changed files.
    pub fn sync(&mut self, briefs: &Path, kit: &Toolkit) -> Result<SyncReport> {
        let started = Instant::now();
        if !briefs.is_dir() {
            bail!("{}: not a folder (the briefs folder)", briefs.display());
        }
        let mut report = SyncReport::default();
        let rules_changed = self.meta("fingerprint")?.as_deref() != Some(kit.fingerprint.as_str());
        let (found, skipped) = walk::scan(briefs);
        report.seen = found.len() + skipped.len();
        let known = if rules_changed {
            HashMap::new()
        } else {
            self.known_files()?
        };

        let to_read: Vec<&FoundFile> = found
            .iter()
            // A file that failed is tried again: what stopped it (a
            // duplicate id, a permission) may have gone without its mtime
            // changing.
            .filter(|f| match known.get(&f.rel_path) {
                Some(k) => k.article.is_none() || k.size != f.size || k.mtime_ns != f.mtime_ns,
                None => true,
            })
            .collect();
        report.unchanged = found.len() - to_read.len();
        let outcomes = read_all(&to_read, &known, kit);

        let found_paths: HashSet<&str> = found.iter().map(|f| f.rel_path.as_str()).collect();
        let tx = self.conn.transaction()?;
        if rules_changed {
            clear_articles(&tx)?;
        }
        // Entities whose articles changed, to recount and rename at the end.
        let mut touched = BTreeSet::new();
        // Files that vanished: their hashes let a new path take over an id.
        let mut vanished_ids: HashMap<String, String> = HashMap::new();
        for (path, k) in &known {
            if !found_paths.contains(path.as_str()) {
                if let Some(article) = k.article {
                    let id: String =
                        tx.query_row("SELECT id FROM articles WHERE rowid = ?1", [article], |r| {
                            r.get(0)
                        })?;
                    vanished_ids.entry(k.hash.clone()).or_insert(id);
                    delete_article(&tx, article, &mut touched)?;
                }
                tx.execute("DELETE FROM files WHERE path = ?1", [path])?;
                report.removed += 1;
            }
        }
        for (file, outcome) in to_read.iter().zip(outcomes) {
            let previous = known.get(&file.rel_path);
            if let Some(prev) = previous.and_then(|k| k.article)
                && !matches!(outcome, Outcome::Touched { .. })
            {
                delete_article(&tx, prev, &mut touched)?;
            }
            match outcome {
                Outcome::Touched { hash } => {
                    let article = previous.and_then(|k| k.article);
                    save_file(&tx, file, &hash, article)?;
                    report.unchanged += 1;
                }
                Outcome::Failed { hash, reason } => {
                    save_file(&tx, file, &hash, None)?;
                    save_failure(&tx, &file.rel_path, &reason)?;
                    report.failed += 1;
                }
                Outcome::Parsed {
                    hash,
                    mut article,
                    entities,
                } => {
                    let renamed_from = match previous {
                        Some(_) => None,
                        None => vanished_ids.remove(&hash),
                    };
                    // A moved file keeps its identity (and so the user's
                    // tags) unless its front matter names one.
                    if let Some(old_id) = &renamed_from
                        && article.id == ingest::derive_id(&file.rel_path)
                    {
                        article.id = old_id.clone();
                    }
                    if let Some(other) = id_owner(&tx, &article.id)? {
                        let reason =
                            format!("duplicate id `{}` (already used by {other})", article.id);
                        save_file(&tx, file, &hash, None)?;
                        save_failure(&tx, &file.rel_path, &reason)?;
                        report.failed += 1;
                        continue;
                    }
                    if previous.is_some() {
                        report.updated += 1;
                    } else if renamed_from.is_some() {
                        report.renamed += 1;
                        report.removed -= 1;
                    } else {
                        report.added += 1;
                    }
                    let rowid = insert_article(
                        &tx,
                        &article,
                        &hash,
                        file.mtime_ns,
                        &entities,
                        &mut touched,
                    )?;
                    save_file(&tx, file, &hash, Some(rowid))?;
                }
            }
        }
        tx.execute(
            "DELETE FROM failures WHERE path NOT IN (SELECT path FROM files)",
            [],
        )?;
        for s in &skipped {
            save_failure(&tx, &s.rel_path, &s.reason)?;
        }
        report.failed += skipped.len();
        tidy_entities(&tx, &touched)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES('fingerprint', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&kit.fingerprint],
        )?;
        tx.commit().context("cannot save the index")?;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    fn known_files(&self) -> Result<HashMap<String, KnownFile>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime_ns, hash, article FROM files")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                KnownFile {
                    size: r.get::<_, i64>(1)? as u64,
                    mtime_ns: r.get(2)?,
                    hash: r.get(3)?,
                    article: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Reads and parses files on every core; results come back in input order.
fn read_all(
    files: &[&FoundFile],
    known: &HashMap<String, KnownFile>,
    kit: &Toolkit,
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..files.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    // A bug tripped by one odd file must cost that file, not the index.
                    let outcome =
                        std::panic::catch_unwind(|| read_one(file, known.get(&file.rel_path), kit))
                            .unwrap_or_else(|panic| Outcome::Failed {
                                hash: String::new(),
                                reason: format!(
                                    "internal error while reading this file (please report it): {}",
                                    crate::panic_message(panic.as_ref())
                                ),
                            });
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Failed {
                hash: String::new(),
                reason: "internal error: file was not processed".into(),
            })
        })
        .collect()
}

fn read_one(file: &FoundFile, known: Option<&KnownFile>, kit: &Toolkit) -> Outcome {
    let bytes = match walk::read_file(file) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed {
                hash: String::new(),
                reason: e.to_string(),
            };
        }
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(k) = known
        && k.hash == hash
        && k.article.is_some()
    {
        return Outcome::Touched { hash };
    }
    match ingest::parse_article(&file.rel_path, &bytes, &kit.rules) {
        Ok(article) => {
            let entities = named_in(&kit.extractor, &article);
            Outcome::Parsed {
                hash,
                article: Box::new(article),
                entities,
            }
        }
        Err(e) => Outcome::Failed {
            hash,
            reason: e.to_string(),
        },
    }
}

/// The entities an article names: those of its body (with spans), then
/// those only its title names (without spans).
fn named_in(extractor: &Extractor, article: &Article) -> Vec<FoundEntity> {
    let mut found = extractor.entities(&article.body);
    for mut e in extractor.entities(&article.title) {
        if !found.iter().any(|f| f.key == e.key && f.kind == e.kind) {
            e.spans.clear();
            found.push(e);
        }
    }
    found
}

fn save_file(tx: &Transaction, file: &FoundFile, hash: &str, article: Option<i64>) -> Result<()> {
    tx.execute(
        "INSERT INTO files(path, size, mtime_ns, hash, article) VALUES(?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
             hash = excluded.hash, article = excluded.article",
        params![
            file.rel_path,
            file.size as i64,
            file.mtime_ns,
            hash,
            article
        ],
    )?;
    if article.is_some() {
        tx.execute("DELETE FROM failures WHERE path = ?1", [&file.rel_path])?;
    }
    Ok(())
}

fn save_failure(tx: &Transaction, path: &str, reason: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO failures(path, reason) VALUES(?1, ?2)
         ON CONFLICT(path) DO UPDATE SET reason = excluded.reason",
        params![path, reason],
    )?;
    Ok(())
}

fn id_owner(tx: &Transaction, id: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .query_row("SELECT path FROM articles WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

fn insert_article(
    tx: &Transaction,
    a: &Article,
    hash: &str,
    mtime_ns: i64,
    entities: &[FoundEntity],
    touched: &mut BTreeSet<i64>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO articles(id, path, title, date, source, url, hash, mtime_ns, latin1)
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.id,
            a.path,
            a.title,
            a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            a.source,
            a.url,
            hash,
            mtime_ns,
            a.decoded_as_latin1
        ],
    )?;
    let rowid = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO article_bodies(article, body, raw) VALUES(?1, ?2, ?3)",
        params![rowid, a.body, a.raw],
    )?;
    for topic in &a.topics {
        tx.execute(
            "INSERT OR IGNORE INTO article_topics(article, topic) VALUES(?1, ?2)",
            params![rowid, topic],
        )?;
    }
    for tag in &a.tags {
        tx.execute(
            "INSERT OR IGNORE INTO article_tags(article, tag) VALUES(?1, ?2)",
            params![rowid, tag],
        )?;
    }
    tx.execute(
        "INSERT INTO article_text(rowid, title, body) VALUES(?1, ?2, ?3)",
        params![rowid, a.title, a.body],
    )?;
    for e in entities {
        tx.execute(
            "INSERT INTO entities(kind, key, name) VALUES(?1, ?2, ?3) ON CONFLICT(kind, key) DO NOTHING",
            params![e.kind.as_str(), e.key, e.name],
        )?;
        let eid: i64 = tx.query_row(
            "SELECT eid FROM entities WHERE kind = ?1 AND key = ?2",
            params![e.kind.as_str(), e.key],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO article_entities(eid, article, name, aliases, spans) VALUES(?1, ?2, ?3, ?4, ?5)",
            params![
                eid,
                rowid,
                e.name,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.spans)?
            ],
        )?;
        touched.insert(eid);
    }
    Ok(rowid)
}

fn delete_article(tx: &Transaction, rowid: i64, touched: &mut BTreeSet<i64>) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT eid FROM article_entities WHERE article = ?1")?;
    for eid in stmt.query_map([rowid], |r| r.get::<_, i64>(0))? {
        touched.insert(eid?);
    }
    tx.execute("DELETE FROM article_topics WHERE article = ?1", [rowid])?;
    tx.execute("DELETE FROM article_tags WHERE article = ?1", [rowid])?;
    tx.execute("DELETE FROM article_text WHERE rowid = ?1", [rowid])?;
    tx.execute("DELETE FROM article_bodies WHERE article = ?1", [rowid])?;
    tx.execute("DELETE FROM article_entities WHERE article = ?1", [rowid])?;
    tx.execute("DELETE FROM articles WHERE rowid = ?1", [rowid])?;
    Ok(())
}

fn clear_articles(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM files; DELETE FROM articles; DELETE FROM article_bodies;
         DELETE FROM article_topics; DELETE FROM article_tags;
         DELETE FROM article_text; DELETE FROM article_entities; DELETE FROM entities;
         DELETE FROM entity_aliases; DELETE FROM failures;",
    )?;
    Ok(())
}

/// Drops entities no article names any more; gives each touched entity the
/// name most articles use for it, its spellings and its article count.
fn tidy_entities(tx: &Transaction, touched: &BTreeSet<i64>) -> Result<()> {
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
