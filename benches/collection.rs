//! How brief copes as the briefs folder grows: prints figures, asserts
//! nothing. Run with `cargo bench --bench collection`.
//!
//! BRIEF_BENCH_ARTICLES sets the size of the synthetic collection (default
//! 100000); BRIEF_BENCH_DIR measures a real folder instead.

use std::path::{Path, PathBuf};
use std::time::Instant;

use brief::cli::Settings;
use brief::config::Config;
use brief::library::{Catalog, Library};
use brief::query::ListFilter;
use brief::state::StateDb;
use brief::store::Index;

#[path = "../examples/support/corpus.rs"]
mod corpus;

fn synthesize(dir: &Path, n: usize) {
    if let Err(e) = corpus::write(dir, n, 7) {
        eprintln!("cannot write the synthetic collection: {e}");
    }
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!(
        "{label:<44} {:>10.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    out
}

fn main() -> anyhow::Result<()> {
    let scratch = tempfile::tempdir()?;
    let briefs = match std::env::var_os("BRIEF_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            let n: usize = std::env::var("BRIEF_BENCH_ARTICLES")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(100_000);
            let dir = scratch.path().join("briefs");
            time(&format!("write {n} synthetic articles"), || {
                synthesize(&dir, n)
            });
            dir
        }
    };
    let settings = Settings {
        config: Config::builtin(),
        briefs: briefs.clone(),
        cache_dir: scratch.path().join("cache"),
        state_dir: scratch.path().join("state"),
    };
    let kit = settings.toolkit()?;
    let mut index = Index::open(&settings.index_path())?;
    let cold = time("index, cold", || index.sync(&briefs, &kit))?;
    println!("  {}", cold.summary());
    let warm = time("index, warm (nothing changed)", || {
        index.sync(&briefs, &kit)
    })?;
    println!("  {}", warm.summary());

    let mut library = Library {
        index,
        state: StateDb::open(&settings.state_dir)?,
        briefs,
        entity_article_limit: Some(0),
    };
    let rows = time("list all (index + state join)", || {
        library.list(&ListFilter::default())
    })?;
    println!("  {} rows", rows.len());
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let detail = time("open one article with its entity counts", || {
        library.article(&first.id)
    })?;
    let Some(detail) = detail else { return Ok(()) };
    let busiest = detail.entities.iter().max_by_key(|e| e.count);
    if let Some(e) = busiest {
        println!(
            "  {} entities; busiest `{}` named in {} articles",
            detail.entities.len(),
            e.name,
            e.count
        );
        let filter = ListFilter {
            entity: Some(e.key.clone()),
            ..Default::default()
        };
        let naming = time("list the articles naming the busiest entity", || {
            library.list(&filter)
        })?;
        println!("  {} rows", naming.len());
    }
    library.entity_article_limit = None;
    time("open one article, every linked id loaded", || {
        library.article(&first.id)
    })?;
    let topic = ListFilter {
        topic: first.topics.first().cloned(),
        ..Default::default()
    };
    time("list one topic", || library.list(&topic))?;
    Ok(())
}
