//! `bench --scale ROOT [N...]`: issue 19's table at each size, on
//! collections `gen_corpus` writes under ROOT/N (kept for the next run),
//! newsboat side by side at 100,000 and below.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use brief::ingest::walk;
use brief::library::Library;

use crate::measure::{ms, percentile, spread, timed};
use crate::{against_newsboat, cpu_seconds, queries, settings, ui_latency, warm_start};

/// Up to this size newsboat is measured beside brief (it is slow past it).
const NEWSBOAT_UP_TO: usize = 100_000;

pub fn run(root: &Path, sizes: &[usize]) -> Result<()> {
    println!("load average at start: {}", load());
    for &n in sizes {
        let dir = root.join(n.to_string());
        if !dir.exists() {
            generate(&dir, n)?;
        }
        one(&dir, n)?;
    }
    Ok(())
}

fn generate(dir: &Path, n: usize) -> Result<()> {
    let exe = sibling("gen_corpus").context("build the examples first (--examples)")?;
    let status = Command::new(exe).arg(dir).arg(n.to_string()).status()?;
    if !status.success() {
        bail!("gen_corpus failed for {}", dir.display());
    }
    Ok(())
}

fn one(briefs: &Path, n: usize) -> Result<()> {
    let (found, _) = walk::scan(briefs);
    let bytes: u64 = found.iter().map(|f| f.size).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "\n== {} articles ({} files, {mb:.0} MB of text) at {}, load {} ==",
        n,
        found.len(),
        briefs.display(),
        load()
    );
    drop(found);
    // Beside the collection, not in /tmp (which may be memory).
    let scratch = tempfile::tempdir_in(briefs.parent().unwrap_or(Path::new(".")))?;
    let settings = settings(briefs, scratch.path());
    let cache = settings.cache_dir.clone();
    let toolkit = settings.toolkit()?;

    // Cold index, with the cache folder's size sampled for its peak.
    let peak = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done, cache) = (peak.clone(), done.clone(), cache.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(folder_bytes(&cache), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let cpu0 = cpu_seconds();
    let (report, cold) = timed(|| -> Result<_> {
        let mut library = settings.open()?;
        library.index.sync(briefs, &toolkit)
    });
    let cpu = cpu_seconds() - cpu0;
    done.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    let report = report?;
    let size = folder_bytes(&cache);
    peak.fetch_max(size, Ordering::Relaxed);
    println!(
        "cold index on an empty cache  {:>8.1} s  {:>6.1} MB/s  ({cpu:.1} s CPU; {})",
        cold.as_secs_f64(),
        mb / cold.as_secs_f64(),
        report.summary()
    );
    println!("  per stage: {}", report.stages.summary());
    println!(
        "index size                    {:>8.0} MB  {:>6.2}x the text  (peak disk while built {:.0} MB)",
        size as f64 / 1e6,
        size as f64 / bytes as f64,
        peak.load(Ordering::Relaxed) as f64 / 1e6
    );

    warm_start(briefs, scratch.path())?;
    let mut library = settings.open()?;
    library.entity_article_limit = Some(0);
    let steps = ui_latency::list_steps(&library, &settings.config, 300)?;
    println!("list step, key to screen      {}", spread(&steps));
    let (fixed, _) = queries::fixed(&library, 10)?;
    println!("five fixed queries            {}", spread(&fixed));
    let keys =
        ui_latency::search_keystrokes(&library, &settings.config, ui_latency::TYPED_SEARCHES)?;
    println!("search-as-you-type keystroke  {}", spread(&keys));
    match head_blocker(&library, briefs, &toolkit.fingerprint)? {
        Some(why) => println!("brief list | head -1          not measured: {why}"),
        None => {
            let heads = first_lines(briefs, scratch.path(), 5)?;
            println!(
                "brief list | head -1          median {:.1} ms, worst {:.1} ms (n={}; index fresh, folders only statted)",
                ms(percentile(&heads, 50.0)),
                ms(percentile(&heads, 100.0)),
                heads.len()
            );
        }
    }
    if n <= NEWSBOAT_UP_TO {
        against_newsboat(&library, briefs, scratch.path(), cold)?;
    }
    Ok(())
}

/// Why `brief list` would not answer from the index as it stands, if so:
/// the brief binary was built from other sources than this bench (its
/// rules fingerprint differs, so it would rebuild the index: at 1,000,000
/// that is minutes, not the figure asked for), or the folders moved since
/// the index was built (it would scan every file first).
fn head_blocker(library: &Library, briefs: &Path, ours: &str) -> Result<Option<String>> {
    let theirs = binary_fingerprint()?;
    if theirs != ours {
        return Ok(Some(
            "target/release/brief was built from other sources than this bench \
             (its rules fingerprint differs, so it would rebuild the index); \
             build both at once: cargo build --release --bins --examples"
                .into(),
        ));
    }
    if !library.index.looks_fresh(briefs, ours)? {
        return Ok(Some(
            "the folders moved since the index was built, so brief list would scan every file"
                .into(),
        ));
    }
    Ok(None)
}

/// The rules fingerprint the brief binary writes: it indexes a folder of
/// one file into a scratch cache, which is then read back.
fn binary_fingerprint() -> Result<String> {
    let exe = brief_binary().context("build the brief binary first (cargo build --release)")?;
    let scratch = tempfile::tempdir()?;
    let briefs = scratch.path().join("briefs");
    std::fs::create_dir(&briefs)?;
    std::fs::write(briefs.join("one.txt"), "One\n\nText.\n")?;
    let cache = scratch.path().join("cache");
    let status = Command::new(&exe)
        .arg("--briefs")
        .arg(&briefs)
        .arg("--cache-dir")
        .arg(&cache)
        .arg("--state-dir")
        .arg(scratch.path().join("state"))
        .arg("index")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("{} index failed on a folder of one file", exe.display());
    }
    let conn = rusqlite::Connection::open(brief::store::index_path(&cache, &briefs))?;
    Ok(conn.query_row(
        "SELECT value FROM meta WHERE key = 'fingerprint'",
        [],
        |r| r.get(0),
    )?)
}

/// `brief list` on the index just built, timed to its first line, then
/// stopped as `head -1` would stop it.
fn first_lines(briefs: &Path, scratch: &Path, runs: usize) -> Result<Vec<Duration>> {
    let exe = brief_binary().context("build the brief binary first (cargo build --release)")?;
    let mut out = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = Command::new(&exe)
            .arg("--briefs")
            .arg(briefs)
            .arg("--cache-dir")
            .arg(scratch.join("cache"))
            .arg("--state-dir")
            .arg(scratch.join("state"))
            .arg("list")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut line)?;
        }
        out.push(started.elapsed());
        let _ = child.kill();
        let _ = child.wait();
        if line.is_empty() {
            bail!("brief list printed nothing");
        }
    }
    Ok(out)
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// target/release/NAME from target/release/examples/bench.
fn brief_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.parent()?.join("brief");
    p.exists().then_some(p)
}

fn sibling(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.join(name);
    p.exists().then_some(p)
}
