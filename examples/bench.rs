//! How brief performs on a folder of briefings:
//! `cargo run --release --example bench -- DIR [--newsboat]`;
//! `-- --marks DIR` for the bulk marks alone, `-- --wrap DIR MB` for the
//! reader's line breaking alone, `-- --writers DIR [N] [EACH]`
//! for N sessions writing tags at once beside an indexer and a reader.
//!
//! Prints cold index time and MB/s, warm start to the first full screen,
//! peak memory of a reading session (in a child process, so indexing does
//! not count), entity extraction MB/s on one core, and key-to-screen
//! latency through the reader's update and view on a TestBackend, and the
//! related articles and entity page of the busiest article and entity. With
//! `--newsboat`, also newsboat loading the same articles as one RSS file.
//! Asserts nothing: it measures.

#[path = "support/follow.rs"]
mod follow;
#[path = "support/marks.rs"]
mod marks;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/newsboat.rs"]
mod newsboat;
#[path = "support/queries.rs"]
mod queries;
#[path = "support/scale.rs"]
mod scale;
#[path = "support/ui_latency.rs"]
mod ui_latency;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use brief::cli::Settings;
use brief::config::Config;
use brief::ingest::walk;
use brief::library::Library;

use measure::{ms, peak_rss_kb, spread, timed};

/// Warm starts measured (each a fresh process); the median is reported.
const WARM_RUNS: usize = 5;
/// Article text given to the extractor for its single-core figure.
const EXTRACT_BYTES: usize = 40_000_000;

pub(crate) fn settings(briefs: &Path, scratch: &Path) -> Settings {
    Settings {
        config: Config::builtin(),
        briefs: briefs.to_path_buf(),
        cache_dir: scratch.join("cache"),
        state_dir: scratch.join("state"),
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--session") {
        let [_, briefs, scratch] = args.as_slice() else {
            bail!("--session BRIEFS SCRATCH");
        };
        return session(Path::new(briefs), Path::new(scratch));
    }
    if args.first().map(String::as_str) == Some("--follow-only") {
        // Related articles and the entity page on an index already built
        // (`brief --briefs DIR --cache-dir CACHE index`): `--follow-only DIR CACHE`.
        let [_, briefs, cache] = args.as_slice() else {
            bail!("--follow-only BRIEFS CACHE");
        };
        let scratch = tempfile::tempdir()?;
        let mut s = settings(Path::new(briefs), scratch.path());
        s.cache_dir = PathBuf::from(cache);
        return follow::measure(&s.open()?, 200, thread_cpu_seconds);
    }
    if args.first().map(String::as_str) == Some("--writer") {
        let [_, state, name, count] = args.as_slice() else {
            bail!("--writer STATE NAME COUNT");
        };
        return marks::writer(Path::new(state), name, count.parse()?, 200);
    }
    if args.first().map(String::as_str) == Some("--writers") {
        // Only the concurrency figures: `--writers DIR [N] [EACH]`.
        let briefs = args.get(1).context("--writers DIR [N] [EACH]")?;
        let n = args.get(2).map_or(Ok(16), |n| n.parse())?;
        let each = args.get(3).map_or(Ok(200), |n| n.parse())?;
        let scratch = tempfile::tempdir()?;
        return marks::concurrent(Path::new(briefs), scratch.path(), n, each);
    }
    if args.first().map(String::as_str) == Some("--marks") {
        // Only the bulk marks: `--marks DIR`.
        let briefs = PathBuf::from(args.get(1).context("--marks DIR")?);
        let scratch = tempfile::tempdir()?;
        let settings = settings(&briefs, scratch.path());
        let mut library = settings.open()?;
        library.index.sync(&briefs, &settings.toolkit()?)?;
        library.entity_article_limit = Some(0);
        return marks::bulk(&library, &settings.config, 5);
    }
    if args.first().map(String::as_str) == Some("--extract-only") {
        // For profiling the extractor alone: `--extract-only DIR MB`.
        let [_, briefs, mb] = args.as_slice() else {
            bail!("--extract-only BRIEFS MB");
        };
        let (found, _) = walk::scan(Path::new(briefs));
        let scratch = tempfile::tempdir()?;
        let limit = (mb.parse::<f64>()? * 1e6) as usize;
        return extraction(&found, &settings(Path::new(briefs), scratch.path()), limit);
    }
    if args.first().map(String::as_str) == Some("--wrap") {
        // The reader's line breaking alone: `--wrap DIR MB`.
        let [_, briefs, mb] = args.as_slice() else {
            bail!("--wrap BRIEFS MB");
        };
        let (found, _) = walk::scan(Path::new(briefs));
        let scratch = tempfile::tempdir()?;
        let limit = (mb.parse::<f64>()? * 1e6) as usize;
        return wrapping(&found, &settings(Path::new(briefs), scratch.path()), limit);
    }
    if args.first().map(String::as_str) == Some("--queries") {
        // The fixed queries' outline and first page apart, on an index
        // already built (`brief --briefs DIR --cache-dir CACHE index`):
        // `--queries DIR CACHE`.
        let [_, briefs, cache] = args.as_slice() else {
            bail!("--queries BRIEFS CACHE");
        };
        let scratch = tempfile::tempdir()?;
        let mut s = settings(Path::new(briefs), scratch.path());
        s.cache_dir = PathBuf::from(cache);
        let mut library = s.open()?;
        library.entity_article_limit = Some(0);
        queries::profile(&library, 5)?;
        let (fixed, _) = queries::fixed(&library, 10)?;
        println!("five fixed queries            {}", spread(&fixed));
        let keys = ui_latency::search_keystrokes(&library, &s.config, ui_latency::TYPED_SEARCHES)?;
        println!("search-as-you-type keystroke  {}", spread(&keys));
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--scale") {
        // The issue-19 table: `--scale ROOT [N...]` (default 1000000 100000),
        // each collection generated under ROOT/N when missing.
        let root = PathBuf::from(args.get(1).context("--scale ROOT [N...]")?);
        let mut sizes: Vec<usize> = args[2..]
            .iter()
            .map(|n| n.parse())
            .collect::<Result<_, _>>()?;
        if sizes.is_empty() {
            sizes = vec![1_000_000, 100_000];
        }
        return scale::run(&root, &sizes);
    }
    let newsboat = args.iter().any(|a| a == "--newsboat");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        bail!("usage: bench DIR [--newsboat]");
    };
    let briefs = PathBuf::from(dir);
    let scratch = tempfile::tempdir()?;
    let settings = settings(&briefs, scratch.path());

    let (found, _) = walk::scan(&briefs);
    let bytes: u64 = found.iter().map(|f| f.size).sum();
    let mb = bytes as f64 / 1e6;
    println!("{}: {} files, {mb:.1} MB", briefs.display(), found.len());

    // Cold: an empty cache, every file read, parsed, its entities found.
    let toolkit = settings.toolkit()?;
    let cpu0 = cpu_seconds();
    let (report, cold) = timed(|| -> Result<_> {
        let mut library = settings.open()?;
        library.index.sync(&briefs, &toolkit)
    });
    let report = report?;
    println!(
        "cold index (incl. entities)   {:>8.2} s  {:>6.1} MB/s  ({:.1} s CPU; {})",
        cold.as_secs_f64(),
        mb / cold.as_secs_f64(),
        cpu_seconds() - cpu0,
        report.summary()
    );
    println!("  per stage: {}", report.stages.summary());

    warm_start(&briefs, scratch.path())?;
    extraction(&found, &settings, EXTRACT_BYTES)?;

    let mut library = settings.open()?;
    library.entity_article_limit = Some(0);
    let (fixed, found) = queries::fixed(&library, 20)?;
    println!(
        "query, first screen           {}  matches: {found:?}",
        spread(&fixed)
    );
    for (q, runs) in queries::QUERIES.iter().zip(fixed.chunks(20)) {
        println!(
            "  {q:<28} median {:.1} ms",
            ms(measure::percentile(runs, 50.0))
        );
    }
    let typed = queries::typed(&library, 5)?;
    println!("search as typed, catalog only {}", spread(&typed));
    let steps = ui_latency::list_steps(&library, &settings.config, 300)?;
    println!("list step, key to screen      {}", spread(&steps));
    let keys =
        ui_latency::search_keystrokes(&library, &settings.config, ui_latency::TYPED_SEARCHES)?;
    println!("search-as-you-type key (UI)   {}", spread(&keys));
    follow::measure(&library, 50, thread_cpu_seconds)?;

    marks::bulk(&library, &settings.config, 5)?;
    marks::concurrent(&briefs, scratch.path(), 16, 200)?;

    if newsboat {
        against_newsboat(&library, &briefs, scratch.path(), cold)?;
    }
    Ok(())
}

/// User plus system CPU time of this process so far, all threads.
pub(crate) fn cpu_seconds() -> f64 {
    stat_cpu_seconds("/proc/self/stat")
}

/// The same for the calling thread only: on a machine shared with other
/// work, the CPU a measurement used says more than the time it took.
pub(crate) fn thread_cpu_seconds() -> f64 {
    stat_cpu_seconds("/proc/thread-self/stat")
}

fn stat_cpu_seconds(path: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(path) else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the whole line; the kernel
    // counts in USER_HZ, 100 on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

/// Warm starts in fresh processes: each opens the existing index and
/// draws the first full screen, then reads for a while.
pub(crate) fn warm_start(briefs: &Path, scratch: &Path) -> Result<()> {
    let exe = std::env::current_exe()?;
    let mut firsts = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..WARM_RUNS {
        let out = Command::new(&exe)
            .arg("--session")
            .arg(briefs)
            .arg(scratch)
            .output()
            .context("cannot start the reading session")?;
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            bail!(
                "reading session failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for line in text.lines() {
            if let Some(v) = line.strip_prefix("first-screen-us ") {
                firsts.push(Duration::from_micros(v.parse()?));
            } else if let Some(v) = line.strip_prefix("peak-kb ") {
                peaks.push(v.parse::<u64>()?);
            }
        }
    }
    println!("warm start to first screen    {}", spread(&firsts));
    if let Some(max) = peaks.iter().max() {
        println!(
            "reading session peak memory   {:>8.1} MB (VmHWM, worst of {})",
            *max as f64 / 1024.0,
            peaks.len()
        );
    }
    Ok(())
}

/// A reading session in this (child) process: the reader's start-up, then
/// the background update it runs (nothing changed), then moving through
/// the list, opening articles and searching. Prints its figures.
fn session(briefs: &Path, scratch: &Path) -> Result<()> {
    let started = Instant::now();
    let settings = settings(briefs, scratch);
    let mut library = settings.open()?;
    library.entity_article_limit = Some(0);
    let mut s = ui_latency::Session::open(&library, &settings.config)?;
    let first = started.elapsed();
    println!("first-screen-us {}", first.as_micros());

    let worker = {
        let settings = settings.clone();
        std::thread::spawn(move || -> Result<()> {
            let toolkit = settings.toolkit()?;
            let mut library = settings.open()?;
            library.index.sync(&settings.briefs, &toolkit)?;
            Ok(())
        })
    };
    for i in 0..200 {
        s.press(&library, "j")?;
        if i % 40 == 0 {
            s.press(&library, "Enter")?;
            for _ in 0..10 {
                s.press(&library, "j")?;
            }
            s.press(&library, "Esc")?;
        }
    }
    s.press(&library, "/")?;
    s.type_text(&library, "talks")?;
    s.press(&library, "Esc")?;
    s.press(&library, "G")?;
    match worker.join() {
        Ok(r) => r?,
        Err(_) => bail!("the background update panicked"),
    }
    println!("peak-kb {}", peak_rss_kb().unwrap_or(0));
    Ok(())
}

/// Entity extraction alone, on one core, over the bodies of the first
/// articles (up to EXTRACT_BYTES of text).
fn extraction(found: &[walk::FoundFile], settings: &Settings, limit: usize) -> Result<()> {
    let toolkit = settings.toolkit()?;
    let mut texts = Vec::new();
    let mut total = 0;
    let mut file_bytes = 0;
    let (_, parse) = timed(|| {
        for f in found {
            if total >= limit {
                break;
            }
            let Ok(bytes) = walk::read_file(f) else {
                continue;
            };
            file_bytes += bytes.len();
            if let Ok(a) = brief::ingest::parse_article(&f.rel_path, &bytes, &toolkit.rules) {
                total += a.body.len() + a.title.len();
                texts.push(a.body);
                texts.push(a.title);
            }
        }
    });
    let cpu0 = thread_cpu_seconds();
    let (mentions, took) = timed(|| {
        texts
            .iter()
            .map(|t| toolkit.extractor.entities(t).len())
            .sum::<usize>()
    });
    let cpu = thread_cpu_seconds() - cpu0;
    println!(
        "entity extraction, one core   {:>8.1} MB/s  ({:.1} MB/s per CPU second; {:.1} MB of text, {mentions} entities in {:.2} s)",
        total as f64 / 1e6 / took.as_secs_f64(),
        total as f64 / 1e6 / cpu.max(0.01),
        total as f64 / 1e6,
        took.as_secs_f64()
    );
    println!(
        "ingest (read+clean), one core {:>8.1} MB/s  ({:.1} MB of files)",
        file_bytes as f64 / 1e6 / parse.as_secs_f64(),
        file_bytes as f64 / 1e6
    );
    Ok(())
}

/// The reader's line breaking on one core: each article's body wrapped to
/// 78 columns (a reader beside nothing at 80) and to 38 (beside the list),
/// as opening or paging an article does.
fn wrapping(found: &[walk::FoundFile], settings: &Settings, limit: usize) -> Result<()> {
    let toolkit = settings.toolkit()?;
    let mut texts = Vec::new();
    let mut total = 0;
    for f in found {
        if total >= limit {
            break;
        }
        let Ok(bytes) = walk::read_file(f) else {
            continue;
        };
        if let Ok(a) = brief::ingest::parse_article(&f.rel_path, &bytes, &toolkit.rules) {
            total += a.body.len();
            texts.push(a.body);
        }
    }
    for width in [78, 38] {
        let mut each = Vec::with_capacity(texts.len());
        let mut lines = 0;
        let (_, took) = timed(|| {
            for t in &texts {
                let (l, d) = timed(|| brief::text::wrap(t, width).len());
                lines += l;
                each.push(d);
            }
        });
        println!(
            "wrap to {width} columns, one core {:>7.1} MB/s  ({} articles, {:.1} MB, {lines} lines; per article {})",
            total as f64 / 1e6 / took.as_secs_f64(),
            texts.len(),
            total as f64 / 1e6,
            spread(&each)
        );
    }
    Ok(())
}

/// newsboat and brief on the same articles: newsboat reloading one local
/// RSS file (cold: empty cache; warm: its cache full) against brief's cold
/// index and warm start, as whole processes under GNU time.
pub(crate) fn against_newsboat(
    library: &Library,
    briefs: &Path,
    scratch: &Path,
    cold: Duration,
) -> Result<()> {
    let feed = scratch.join("feed.xml");
    let items = newsboat::write_rss(library, &feed)?;
    let size = std::fs::metadata(&feed)?.len() as f64 / 1e6;
    let home = scratch.join("newsboat");
    let files = newsboat::prepare(&home, &feed)?;
    let (nb_cold, nb_cold_kb) = measure::time_command(&mut newsboat::reload_command(&files, &home))
        .context("newsboat (is it installed?)")?;
    let (nb_warm, nb_warm_kb) =
        measure::time_command(&mut newsboat::reload_command(&files, &home))?;
    let brief_bin = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("brief"))
        .filter(|p| p.exists())
        .context("build the brief binary first (cargo build --release)")?;
    let cache = scratch.join("vs-cache");
    let run = |extra: &[&str]| {
        let mut cmd = Command::new(&brief_bin);
        cmd.arg("--briefs")
            .arg(briefs)
            .arg("--cache-dir")
            .arg(&cache)
            .arg("--state-dir")
            .arg(scratch.join("vs-state"))
            .args(extra);
        measure::time_command(&mut cmd)
    };
    let (b_cold, b_cold_kb) = run(&["index"])?;
    let (b_warm, b_warm_kb) = run(&["list", "--json"])?;
    println!("side by side, {items} articles (RSS file {size:.1} MB):");
    println!(
        "  newsboat -x reload, empty cache   {nb_cold:>7.2} s  {:>7.1} MB peak",
        nb_cold_kb as f64 / 1024.0
    );
    println!(
        "  newsboat -x reload, full cache    {nb_warm:>7.2} s  {:>7.1} MB peak",
        nb_warm_kb as f64 / 1024.0
    );
    println!(
        "  brief index, empty cache          {b_cold:>7.2} s  {:>7.1} MB peak  (in-process above: {:.2} s)",
        b_cold_kb as f64 / 1024.0,
        cold.as_secs_f64()
    );
    println!(
        "  brief list --json, index current  {b_warm:>7.2} s  {:>7.1} MB peak  (every row, not a first screen)",
        b_warm_kb as f64 / 1024.0
    );
    Ok(())
}
