//! Bringing the index up to date with the briefs folder, re-reading only
//! what changed.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::pipeline::{KnownFile, Outcome, read_in_order};
use super::write::{Writer, clear_articles, tidy_entities};
use super::{Index, schema};
use crate::entities::Extractor;
use crate::ingest::walk::{self, FoundFile};
use crate::ingest::{self, IngestRules};

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

/// How far an update has come: files read and stored out of those to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncProgress {
    pub done: usize,
    pub total: usize,
}

impl Index {
    /// Updates the index from `briefs`, reading only new and changed files.
    pub fn sync(&mut self, briefs: &Path, kit: &Toolkit) -> Result<SyncReport> {
        self.sync_with_progress(briefs, kit, &|_| {})
    }

    /// [`Index::sync`], telling `progress` after each file read (from the
    /// calling thread; the callback decides how often to pass it on).
    pub fn sync_with_progress(
        &mut self,
        briefs: &Path,
        kit: &Toolkit,
        progress: &dyn Fn(SyncProgress),
    ) -> Result<SyncReport> {
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
        progress(SyncProgress {
            done: 0,
            total: to_read.len(),
        });

        let found_paths: HashSet<&str> = found.iter().map(|f| f.rel_path.as_str()).collect();
        self.conn.set_prepared_statement_cache_capacity(64);
        // With SQLite's default 2 MB page cache a large update spills and
        // re-reads pages (the full-text index's above all) through system
        // calls all the way: at 100,000 files, 32 MB cut the system time
        // from 13 s to 8 s. Pages are allocated only as used.
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        let tx = self.conn.transaction()?;
        if rules_changed {
            clear_articles(&tx)?;
        }
        // Nothing indexed yet: the secondary indexes are built once at the
        // end rather than kept through every insert (nothing this update
        // reads needs them).
        let cold = known.is_empty();
        if cold {
            tx.execute_batch(&schema::drop_indexes())?;
        }
        let mut w = Writer::new(&tx, &kit.extractor);
        // Files that vanished: their hashes let a new path take over an id.
        let mut vanished_ids: HashMap<String, String> = HashMap::new();
        for (path, k) in &known {
            if !found_paths.contains(path.as_str()) {
                if let Some(article) = k.article {
                    vanished_ids
                        .entry(k.hash.clone())
                        .or_insert(w.id_of(article)?);
                    w.delete_article(article)?;
                }
                tx.prepare_cached("DELETE FROM files WHERE path = ?1")?
                    .execute([path])?;
                report.removed += 1;
            }
        }
        read_in_order(&to_read, &known, kit, |i, outcome| {
            store_one(
                &mut w,
                to_read[i],
                outcome,
                &known,
                &mut vanished_ids,
                &mut report,
            )?;
            progress(SyncProgress {
                done: i + 1,
                total: to_read.len(),
            });
            Ok(())
        })?;
        tx.execute(
            "DELETE FROM failures WHERE path NOT IN (SELECT path FROM files)",
            [],
        )?;
        for s in &skipped {
            w.save_failure(&s.rel_path, &s.reason)?;
        }
        report.failed += skipped.len();
        w.settle_evidence()?;
        let touched = std::mem::take(&mut w.touched);
        drop(w);
        tidy_entities(&tx, &touched)?;
        if cold {
            tx.execute_batch(&schema::create_indexes())?;
        }
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

/// Stores what reading one file gave, counting it in the report.
fn store_one(
    w: &mut Writer,
    file: &FoundFile,
    outcome: Outcome,
    known: &HashMap<String, KnownFile>,
    vanished_ids: &mut HashMap<String, String>,
    report: &mut SyncReport,
) -> Result<()> {
    let previous = known.get(&file.rel_path);
    if let Some(prev) = previous.and_then(|k| k.article)
        && !matches!(outcome, Outcome::Touched { .. })
    {
        w.delete_article(prev)?;
    }
    match outcome {
        Outcome::Touched { hash } => {
            let article = previous.and_then(|k| k.article);
            w.save_file(file, &hash, article)?;
            report.unchanged += 1;
        }
        Outcome::Failed { hash, reason } => {
            w.save_file(file, &hash, None)?;
            w.save_failure(&file.rel_path, &reason)?;
            report.failed += 1;
        }
        Outcome::Parsed {
            hash,
            mut article,
            named,
        } => {
            let renamed_from = match previous {
                Some(_) => None,
                None => vanished_ids.remove(&hash),
            };
            // A moved file keeps its identity (and so the user's tags)
            // unless its front matter names one.
            if let Some(old_id) = &renamed_from
                && article.id == ingest::derive_id(&file.rel_path)
            {
                article.id = old_id.clone();
            }
            if let Some(other) = w.id_owner(&article.id)? {
                let reason = format!("duplicate id `{}` (already used by {other})", article.id);
                w.save_file(file, &hash, None)?;
                w.save_failure(&file.rel_path, &reason)?;
                report.failed += 1;
                return Ok(());
            }
            if previous.is_some() {
                report.updated += 1;
            } else if renamed_from.is_some() {
                report.renamed += 1;
                report.removed -= 1;
            } else {
                report.added += 1;
            }
            let rowid = w.insert_article(&article, &hash, file.mtime_ns, &named)?;
            w.save_file(file, &hash, Some(rowid))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::config::Config;

    fn kit() -> Toolkit {
        let config = Config::builtin();
        Toolkit {
            rules: IngestRules::from_config(&config),
            extractor: Extractor::new(&config.entities).unwrap(),
            fingerprint: "test".into(),
        }
    }

    #[test]
    fn progress_counts_the_files_to_read_up_to_the_total() {
        let briefs = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        for i in 0..5 {
            std::fs::write(
                briefs.path().join(format!("{i}.txt")),
                "A title\n\nSome text.\n",
            )
            .unwrap();
        }
        let mut index = Index::open(&cache.path().join("index.db")).unwrap();
        let seen = RefCell::new(Vec::new());
        let record = |p: SyncProgress| seen.borrow_mut().push((p.done, p.total));
        index
            .sync_with_progress(briefs.path(), &kit(), &record)
            .unwrap();
        let expected: Vec<(usize, usize)> = (0..=5).map(|d| (d, 5)).collect();
        assert_eq!(*seen.borrow(), expected);

        // Nothing changed: nothing to read, and it says so.
        seen.borrow_mut().clear();
        index
            .sync_with_progress(briefs.path(), &kit(), &record)
            .unwrap();
        assert_eq!(*seen.borrow(), vec![(0, 0)]);
    }
}
