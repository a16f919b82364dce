//! Validated settings: the config and the folders every command works on.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use super::Global;
use crate::config::Config;
use crate::entities::Extractor;
use crate::ingest::IngestRules;
use crate::library::Library;
use crate::state::StateDb;
use crate::store::{self, Index, SyncReport, Toolkit};

/// Linked article ids the reader loads per entity with an article: none,
/// since the sidebar shows counts and following an entity lists its
/// articles from the index.
const READER_ENTITY_ARTICLES: usize = 0;

#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub briefs: PathBuf,
    pub cache_dir: PathBuf,
    pub state_dir: PathBuf,
}

impl Settings {
    pub fn resolve(global: &Global) -> Result<Settings> {
        let config = Config::load(global.config.as_deref())?;
        let briefs = global.briefs.clone().unwrap_or_else(|| config.briefs_dir());
        let cache_dir = match &global.cache_dir {
            Some(d) => d.clone(),
            None => crate::paths::cache_dir()
                .ok_or_else(|| anyhow!("no cache folder: set HOME or pass --cache-dir"))?,
        };
        let state_dir = match &global.state_dir {
            Some(d) => d.clone(),
            None => crate::paths::data_dir()
                .ok_or_else(|| anyhow!("no data folder: set HOME or pass --state-dir"))?,
        };
        Ok(Settings {
            config,
            briefs,
            cache_dir,
            state_dir,
        })
    }

    pub fn toolkit(&self) -> Result<Toolkit> {
        let rules = IngestRules::from_config(&self.config);
        let extractor = Extractor::new(&self.config.entities)?;
        Ok(Toolkit {
            fingerprint: self.fingerprint(&rules),
            rules,
            extractor,
        })
    }

    /// Anything that changes how a file is read makes the old parses stale.
    fn fingerprint(&self, rules: &IngestRules) -> String {
        blake3::hash(
            format!(
                "{} {} {:?} {:?}",
                env!("CARGO_PKG_VERSION"),
                env!("BRIEF_RULES_HASH"),
                rules,
                self.config.entities
            )
            .as_bytes(),
        )
        .to_hex()
        .to_string()
    }

    /// True when the index already holds what the briefs folder does, told
    /// from the folders alone (`store/freshness.rs` gives the contract), so
    /// a command that reads answers without looking at every file.
    fn index_is_fresh(&self, library: &Library) -> bool {
        let fingerprint = self.fingerprint(&IngestRules::from_config(&self.config));
        library
            .index
            .looks_fresh(&library.briefs, &fingerprint)
            .unwrap_or(false)
    }

    pub fn index_path(&self) -> PathBuf {
        store::index_path(&self.cache_dir, &self.briefs)
    }

    fn check_briefs(&self) -> Result<()> {
        let path = self.briefs.display();
        match std::fs::metadata(&self.briefs) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => anyhow::bail!("{path}: the briefs folder is not a folder"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
                "{path}: no such briefs folder (pass --briefs DIR or set `briefs` in the config)"
            ),
            Err(e) => anyhow::bail!("{path}: cannot open the briefs folder: {e}"),
        }
        // A folder that cannot be listed would index as empty, and look
        // like every article was deleted.
        if let Err(e) = std::fs::read_dir(&self.briefs) {
            anyhow::bail!("{path}: cannot read the briefs folder: {e}");
        }
        Ok(())
    }

    /// Opens the index and the user's state without updating anything.
    pub fn open(&self) -> Result<Library> {
        self.open_with(|dir| crate::state::open_local(dir, false))
    }

    /// Like [`Settings::open`], but a state that cannot be written is
    /// opened for reading: the reader still reads, and says nothing is saved.
    pub fn open_for_reading(&self) -> Result<Library> {
        self.open_with(|dir| crate::state::open_local(dir, true))
    }

    fn open_with(
        &self,
        open_state: impl Fn(&std::path::Path) -> crate::state::Result<StateDb>,
    ) -> Result<Library> {
        self.check_briefs()?;
        let index = Index::open(&self.index_path())?;
        let state = open_state(&self.state_dir)?;
        Ok(Library {
            index,
            state,
            briefs: self.briefs.clone(),
            entity_article_limit: None,
        })
    }

    /// Opens the collection after bringing the index up to date.
    /// Commands that only change marks: when another process is updating
    /// the index, they use it as it stands rather than wait (issue 13).
    pub fn open_synced(&self) -> Result<(Library, Updated)> {
        let mut library = self.open()?;
        if self.index_is_fresh(&library) {
            return Ok((library, Updated::nothing()));
        }
        let updated = update_unless_busy(&mut library, &self.toolkit()?)?;
        Ok((library, updated))
    }

    /// For commands that only read: a state that cannot be written is
    /// opened for reading, so listing and showing still work.
    pub fn open_synced_to_read(&self) -> Result<(Library, Updated)> {
        let library = self.open_for_reading()?;
        if self.index_is_fresh(&library) {
            return Ok((library, Updated::nothing()));
        }
        self.synced(library)
    }

    /// For `brief index` and `brief check`: every file is looked at, so an
    /// article edited in place is read again (see `store/freshness.rs`).
    pub fn open_fully_synced_to_read(&self) -> Result<(Library, Updated)> {
        self.synced(self.open_for_reading()?)
    }

    fn synced(&self, mut library: Library) -> Result<(Library, Updated)> {
        let updated = update(&mut library, &self.toolkit()?, &|_| {})?;
        Ok((library, updated))
    }

    /// The index update the reader (or the server) runs in the background:
    /// a one-line summary when something changed or failed.
    pub fn index_job(&self) -> Result<crate::ui::BackgroundJob> {
        let toolkit = self.toolkit()?;
        let me = self.clone();
        Ok(std::sync::Arc::new(move |progress| {
            let mut library = me.open_for_reading()?;
            let updated = update(&mut library, &toolkit, &|p| progress(p.done, p.total))?;
            let r = &updated.report;
            // The status line speaks only when something changed or failed.
            let quiet = r.added + r.updated + r.renamed + r.removed + r.failed == 0;
            Ok(if quiet { String::new() } else { r.summary() })
        }))
    }

    /// The reader: opens at once on what the index holds, and updates it
    /// in the background.
    pub fn open_reader(&self) -> Result<ExitCode> {
        let mut library = self.open_for_reading()?;
        library.entity_article_limit = Some(READER_ENTITY_ARTICLES);
        let job = self.index_job()?;
        let indexer = crate::ui::Indexer {
            job,
            watch: self.config.ui.watch.then(|| self.briefs.clone()),
        };
        // Its own connection to the same state folder, per change: bulk
        // changes are rare, and the reader's connection stays its own.
        let state_dir = self.state_dir.clone();
        let marks: crate::ui::MarkJob =
            std::sync::Arc::new(move |work| work.run(&crate::state::open_local(&state_dir, true)?));
        let workers = crate::ui::Workers {
            indexer: Some(indexer),
            marks: Some(marks),
        };
        crate::ui::run(&library, &self.config, workers)?;
        Ok(ExitCode::SUCCESS)
    }
}

/// What bringing the collection up to date did.
pub struct Updated {
    pub report: SyncReport,
    /// Ids with user state whose article is gone (kept, never deleted).
    pub orphans: Vec<String>,
}

impl Updated {
    /// The index was found up to date: nothing read, nothing reconciled.
    fn nothing() -> Updated {
        Updated {
            report: SyncReport::default(),
            orphans: Vec::new(),
        }
    }
}

/// Like [`update`], but when another process is updating the index this
/// neither waits nor touches the state: that update reconciles it.
fn update_unless_busy(library: &mut Library, toolkit: &Toolkit) -> Result<Updated> {
    let report = library
        .index
        .sync_unless_busy(&library.briefs, toolkit, &|_| {})
        .with_context(|| format!("cannot index {}", library.briefs.display()))?;
    match report {
        Some(report) => reconciled(library, report),
        None => Ok(Updated {
            report: SyncReport::default(),
            orphans: Vec::new(),
        }),
    }
}

/// Syncs the index, then lets the user's state follow moved files.
fn update(
    library: &mut Library,
    toolkit: &Toolkit,
    progress: &dyn Fn(store::SyncProgress),
) -> Result<Updated> {
    let report = library
        .index
        .sync_with_progress(&library.briefs, toolkit, progress)
        .with_context(|| format!("cannot index {}", library.briefs.display()))?;
    reconciled(library, report)
}

fn reconciled(library: &mut Library, report: SyncReport) -> Result<Updated> {
    // The user's entity corrections, on every update (a rebuilt index too).
    library.apply_corrections(std::time::Duration::from_secs(10))?;
    // A read-only state cannot follow moved files; it is left as it is.
    let orphans = if library.state.read_only().is_some() {
        Vec::new()
    } else {
        library.state.reconcile(&library.index.live()?)?.orphans
    };
    Ok(Updated { report, orphans })
}
