//! Reading and parsing files on every core while the caller stores them:
//! results come back in input order, and only a bounded number are held
//! in memory at once, so indexing 100,000 files costs the memory of a few
//! hundred.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Result;

use super::sync::Toolkit;
use crate::entities::{CaseWords, Extractor, FormDef, ShortForm};
use crate::ingest;
use crate::ingest::walk::{self, FoundFile};
use crate::model::{Article, FoundEntity};

/// Parsed files waiting to be stored, at most: enough to keep every
/// worker busy while the writer catches up, small enough to be cheap.
const IN_FLIGHT: usize = 256;

/// What the index last knew of a file.
pub(super) struct KnownFile {
    pub hash: String,
    pub article: Option<i64>,
    /// For a collection file that was read, its items.
    pub items: Option<Vec<KnownItem>>,
}

impl KnownFile {
    /// Read into the index (as opposed to failed, to be tried again).
    pub fn indexed(&self) -> bool {
        self.article.is_some() || self.items.is_some()
    }
}

/// An item of a collection file as the index holds it.
pub(super) struct KnownItem {
    pub key: String,
    pub article: i64,
    /// The item's content hash (`articles.hash`).
    pub hash: String,
}

/// One item of a collection file that was read again: the entities of
/// its article when it was extracted (not when unchanged).
pub(super) struct ReadItem {
    pub item: ingest::collection::Item,
    pub named: Option<Named>,
}

/// Time the reading workers spent per stage, summed over them (so up to
/// the number of cores times the wall time), in nanoseconds.
#[derive(Debug, Default)]
pub(super) struct WorkerClocks {
    pub read: AtomicU64,
    pub clean: AtomicU64,
    pub extract: AtomicU64,
}

fn add(clock: &AtomicU64, since: Instant) -> Instant {
    let now = Instant::now();
    let ns = u64::try_from((now - since).as_nanos()).unwrap_or(u64::MAX);
    clock.fetch_add(ns, Ordering::Relaxed);
    now
}

/// A file that was read again, and what came of it.
pub(super) enum Outcome {
    /// Same bytes as indexed: only the size/mtime are new.
    Touched {
        hash: String,
    },
    Parsed {
        hash: String,
        article: Box<Article>,
        named: Named,
    },
    /// A collection file: its items, and what was read around.
    Items {
        hash: String,
        items: Vec<ReadItem>,
        faults: Vec<crate::model::FileWarning>,
    },
    Failed {
        hash: String,
        reason: String,
    },
}

/// Reads `files` on every core and hands each outcome to `store`, in input
/// order, on the calling thread. Stops at the first error `store` returns.
pub(super) fn read_in_order(
    files: &[&FoundFile],
    known: &HashMap<String, KnownFile>,
    kit: &Toolkit,
    clocks: &WorkerClocks,
    mut store: impl FnMut(usize, Outcome) -> Result<()>,
) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(IN_FLIGHT);
        let mut spawned_any = false;
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            // Named, so a profile tells reading from storing.
            let spawned = std::thread::Builder::new()
                .name("index-read".into())
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        let outcome = read_guarded(file, known.get(&file.rel_path), kit, clocks);
                        // The writer hung up (it failed): nothing left to do.
                        if tx.send((i, outcome)).is_err() {
                            break;
                        }
                    }
                });
            spawned_any |= spawned.is_ok();
        }
        drop(tx);
        if !spawned_any {
            // No thread could be started: read here, one file at a time.
            drop(rx);
            return files.iter().enumerate().try_for_each(|(i, file)| {
                store(
                    i,
                    read_guarded(file, known.get(&file.rel_path), kit, clocks),
                )
            });
        }
        // Workers claim files in order, so the ones that finish early wait
        // here only until the few before them are done.
        let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut due = 0;
        let result = (|| {
            for (i, outcome) in &rx {
                waiting.insert(i, outcome);
                while let Some(outcome) = waiting.remove(&due) {
                    store(due, outcome)?;
                    due += 1;
                }
            }
            // Every sender is gone: anything not stored was never read
            // (a worker died), which catch_unwind should make impossible.
            for i in due..files.len() {
                let outcome = waiting.remove(&i).unwrap_or(Outcome::Failed {
                    hash: String::new(),
                    reason: "internal error: file was not processed".into(),
                });
                store(i, outcome)?;
            }
            Ok(())
        })();
        // Dropping the receiver makes the workers' sends fail, so an early
        // error does not leave them blocked and the scope can end.
        drop(rx);
        result
    })
}

/// A bug tripped by one odd file must cost that file, not the index.
fn read_guarded(
    file: &FoundFile,
    known: Option<&KnownFile>,
    kit: &Toolkit,
    clocks: &WorkerClocks,
) -> Outcome {
    std::panic::catch_unwind(|| read_one(file, known, kit, clocks)).unwrap_or_else(|panic| {
        Outcome::Failed {
            hash: String::new(),
            reason: format!(
                "internal error while reading this file (please report it): {}",
                crate::panic_message(panic.as_ref())
            ),
        }
    })
}

fn read_one(
    file: &FoundFile,
    known: Option<&KnownFile>,
    kit: &Toolkit,
    clocks: &WorkerClocks,
) -> Outcome {
    let started = Instant::now();
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
    let read = add(&clocks.read, started);
    if let Some(k) = known
        && k.hash == hash
        && k.indexed()
    {
        return Outcome::Touched { hash };
    }
    if ingest::collection::is_collection(&file.rel_path) {
        return read_collection(file, &bytes, hash, known, kit);
    }
    let parsed = ingest::parse_article(&file.rel_path, &bytes, &kit.rules);
    let cleaned = add(&clocks.clean, read);
    match parsed {
        Ok(mut article) => {
            let named = credited(kit, &mut article);
            add(&clocks.extract, cleaned);
            Outcome::Parsed {
                hash,
                article: Box::new(article),
                named,
            }
        }
        Err(e) => Outcome::Failed {
            hash,
            reason: e.to_string(),
        },
    }
}

/// The entities an article names; a sign-off or wire credit says where
/// an article came from when nothing else did.
fn credited(kit: &Toolkit, article: &mut Article) -> Named {
    let named = named_in(&kit.extractor, article);
    if article.source.is_none() {
        article.source = named.credit.clone();
    }
    named
}

/// A feed or mbox: every item, those the index holds unchanged (by their
/// content hash) neither extracted nor named again.
fn read_collection(
    file: &FoundFile,
    bytes: &[u8],
    hash: String,
    known: Option<&KnownFile>,
    kit: &Toolkit,
) -> Outcome {
    let held: HashMap<String, String> = known
        .and_then(|k| k.items.as_ref())
        .map(|items| {
            items
                .iter()
                .map(|i| (i.hash.clone(), i.key.clone()))
                .collect()
        })
        .unwrap_or_default();
    match ingest::collection::read(&file.rel_path, bytes, &kit.rules, &held) {
        Ok(read) => Outcome::Items {
            hash,
            items: read
                .items
                .into_iter()
                .map(|mut item| {
                    let named = item.article.as_mut().map(|a| credited(kit, a));
                    ReadItem { item, named }
                })
                .collect(),
            faults: read.faults,
        },
        Err(e) => Outcome::Failed {
            hash,
            reason: e.to_string(),
        },
    }
}

/// What an article names, and the evidence it gives the collection.
#[derive(Debug, Clone, Default)]
pub(super) struct Named {
    pub entities: Vec<FoundEntity>,
    /// Lone words that are entities if the collection says they are names.
    pub awaiting: Vec<FoundEntity>,
    pub case: CaseWords,
    /// The source a sign-off or wire credit names.
    pub credit: Option<String>,
    /// Lone words the collection's short forms decide (`Reagan` alone).
    pub short_forms: Vec<ShortForm>,
    /// What the article defines short forms as.
    pub forms: Vec<FormDef>,
}

/// The entities an article names: those of its body (with spans), then
/// those only its title names (without spans); likewise the words awaiting
/// the collection's evidence, and the case evidence of title and body.
pub(super) fn named_in(extractor: &Extractor, article: &Article) -> Named {
    let body = extractor.read(&article.body);
    let title = extractor.read(&article.title);
    let mut found = body.entities;
    for mut e in title.entities {
        if !found.iter().any(|f| f.key == e.key && f.kind == e.kind) {
            e.spans.clear();
            found.push(e);
        }
    }
    let mut awaiting: Vec<FoundEntity> = Vec::new();
    for (from_title, list) in [(false, body.awaiting), (true, title.awaiting)] {
        for mut e in list {
            if found.iter().any(|f| f.key == e.key) || awaiting.iter().any(|a| a.key == e.key) {
                continue;
            }
            if from_title {
                e.spans.clear();
            }
            awaiting.push(e);
        }
    }
    let mut forms = body.forms;
    for d in title.forms {
        if !forms.contains(&d) {
            forms.push(d);
        }
    }
    let mut short_forms: Vec<ShortForm> = Vec::new();
    for (from_title, list) in [(false, body.short_forms), (true, title.short_forms)] {
        for mut r in list {
            if from_title {
                r.entity.spans.clear();
            }
            // `REAGAN VETOES BILL` over a story naming Ronald Reagan: the
            // article itself says whom its headline means.
            let mut own = forms.iter().filter(|d| d.form == r.form && d.via == r.via);
            if let (Some(d), None) = (own.next(), own.next()) {
                let d = d.clone();
                match found
                    .iter_mut()
                    .find(|f| f.key == d.key && f.kind == d.kind)
                {
                    Some(f) => {
                        for a in r.entity.aliases {
                            if !f.aliases.contains(&a) {
                                f.aliases.push(a);
                            }
                        }
                        f.spans.extend(r.entity.spans);
                        f.spans.sort_unstable();
                    }
                    None => found.push(FoundEntity {
                        key: d.key,
                        name: d.name,
                        kind: d.kind,
                        ..r.entity
                    }),
                }
                continue;
            }
            let taken = |k: &str, kind| {
                found.iter().any(|f| f.key == k && f.kind == kind)
                    || short_forms
                        .iter()
                        .any(|s| s.entity.key == k && s.entity.kind == kind)
            };
            if !taken(&r.entity.key, r.entity.kind) {
                short_forms.push(r);
            }
        }
    }
    let mut case = body.case;
    case.merge(title.case);
    Named {
        entities: found,
        awaiting,
        case,
        credit: body.credit.or(title.credit),
        short_forms,
        forms,
    }
}

/// The case evidence of an article already stored, read again from its
/// title and body to take it back out of the collection's counts.
pub(super) fn case_of(extractor: &Extractor, title: &str, body: &str) -> CaseWords {
    let mut case = extractor.case_words(body);
    case.merge(extractor.case_words(title));
    case
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kit() -> Toolkit {
        let config = crate::config::Config::builtin();
        Toolkit {
            rules: ingest::IngestRules::from_config(&config),
            extractor: Extractor::new(&config.entities).unwrap(),
            fingerprint: "test".into(),
        }
    }

    #[test]
    fn an_error_while_storing_stops_the_workers_and_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..50 {
            std::fs::write(
                dir.path().join(format!("{i:02}.txt")),
                "Title\n\nSome text.\n",
            )
            .unwrap();
        }
        let (found, _) = walk::scan(dir.path());
        let files: Vec<&FoundFile> = found.iter().collect();
        let kit = kit();
        let mut seen = Vec::new();
        let result = read_in_order(
            &files,
            &HashMap::new(),
            &kit,
            &Default::default(),
            |i, _| {
                seen.push(i);
                if i == 7 {
                    anyhow::bail!("disk full")
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(seen, (0..=7).collect::<Vec<_>>());
    }

    #[test]
    fn outcomes_arrive_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            std::fs::write(
                dir.path().join(format!("{i:03}.txt")),
                format!("Title {i}\n\nText.\n"),
            )
            .unwrap();
        }
        let (found, _) = walk::scan(dir.path());
        let files: Vec<&FoundFile> = found.iter().collect();
        let kit = kit();
        let mut titles = Vec::new();
        read_in_order(
            &files,
            &HashMap::new(),
            &kit,
            &Default::default(),
            |_, o| {
                if let Outcome::Parsed { article, .. } = o {
                    titles.push(article.title);
                }
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<String> = (0..300).map(|i| format!("Title {i}")).collect();
        assert_eq!(titles, expected);
    }
}
