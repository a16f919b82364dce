//! Marks at scale (issue 13): bulk changes over every article in view, and
//! many sessions writing the state at once beside an indexer and a reader.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use brief::config::Config;
use brief::library::{Catalog, Library};
use brief::query::ListFilter;
use brief::state::{Mark, StateDb};

use super::measure::{ms, timed};
use super::ui_latency::Session;

/// Bulk marks on the whole collection, through the catalog and through the
/// reader's keys (`M`, the question, `y`; `u`), each the median of `runs`.
pub fn bulk(library: &Library, config: &Config, runs: usize) -> Result<()> {
    let all = ListFilter::default();
    let (ids, t_ids) = timed(|| library.ids_in_view(&all));
    let ids = ids?;
    println!("bulk marks over {} articles (median of {runs})", ids.len());
    println!("  ids in view                 {:>8.1} ms", ms(t_ids));
    let mut read = Vec::new();
    let mut unread = Vec::new();
    let mut tag = Vec::new();
    let mut untag = Vec::new();
    let mut state_only = Vec::new();
    let tag_mark = Mark::Tags {
        add: vec!["bench week".into()],
        remove: vec![],
    };
    for _ in 0..runs {
        let undo = cpu_and_wall(&mut read, || library.mark(&ids, &Mark::Read(true)))?;
        cpu_and_wall(&mut unread, || library.undo(&undo))?;
        let undo = cpu_and_wall(&mut tag, || library.mark(&ids, &tag_mark))?;
        cpu_and_wall(&mut untag, || library.undo(&undo))?;
        let undo = cpu_and_wall(&mut state_only, || {
            Ok(library.state.mark(&ids, &Mark::Read(true))?)
        })?;
        library.undo(&undo)?;
    }
    for (name, v) in [
        ("mark all read (one txn)", &mut read),
        ("  undo it", &mut unread),
        ("tag all +1 tag", &mut tag),
        ("  undo it", &mut untag),
        ("mark all read, state only", &mut state_only),
    ] {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (wall, cpu) = v[v.len() / 2];
        println!("  {name:<28}{wall:>8.1} ms wall {cpu:>7.1} ms CPU");
    }

    // Through the reader: the key that asks, the key that answers, undo.
    let mut keys = Vec::new();
    for _ in 0..runs {
        let mut s = Session::open(library, config)?;
        let ask = s.press(library, "M")?;
        if !s.screen().contains("read? y/n") {
            bail!("M did not ask first:\n{}", s.screen());
        }
        let yes = s.press(library, "y")?;
        let undo = s.press(library, "u")?;
        keys.push((ask, yes, undo));
    }
    keys.sort_by_key(|k| k.1);
    let (ask, yes, undo) = keys[keys.len() / 2];
    println!(
        "  reader: M {:.1} ms, y {:.1} ms, u {:.1} ms (key to redrawn screen)",
        ms(ask),
        ms(yes),
        ms(undo)
    );
    Ok(())
}

/// CPU time of this thread so far, in ms (/proc, 10 ms ticks).
fn thread_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15: 12 and 13 after the name.
    (ticks(11) + ticks(12)) * 10.0
}

/// Runs `f`, pushing (wall ms, CPU ms).
fn cpu_and_wall<T>(into: &mut Vec<(f64, f64)>, f: impl FnOnce() -> anyhow::Result<T>) -> Result<T> {
    let cpu = thread_cpu_ms();
    let (value, wall) = timed(f);
    into.push((ms(wall), thread_cpu_ms() - cpu));
    value
}

/// The body of one writer process: `count` tag writes on `articles`
/// articles, each timed; prints `writes N longest-us L refused R`.
pub fn writer(state: &Path, name: &str, count: usize, articles: usize) -> Result<()> {
    let db = StateDb::open(state)?;
    let mut longest = Duration::ZERO;
    let mut refused = 0;
    for i in 0..count {
        let id = format!("article-{}", (i * 7 + name.len()) % articles);
        let t = Instant::now();
        if db.change_tags(&id, &[format!("{name}-{i}")], &[]).is_err() {
            refused += 1;
        }
        longest = longest.max(t.elapsed());
    }
    println!(
        "writes {count} longest-us {} refused {refused}",
        longest.as_micros()
    );
    Ok(())
}

/// `writers` processes writing tags at once while this process indexes a
/// growing copy of `briefs` again and again and reads the state as a
/// reader does. Prints writes/s, the longest single wait, refusals, and
/// checks that every tag is there.
pub fn concurrent(briefs: &Path, scratch: &Path, writers: usize, each: usize) -> Result<()> {
    let state = scratch.join("writers-state");
    let growing = scratch.join("growing");
    std::fs::create_dir_all(&growing)?;
    drop(StateDb::open(&state)?);
    let files: Vec<_> = brief::ingest::walk::scan(briefs).0;
    let exe = std::env::current_exe()?;

    let stop = Arc::new(AtomicBool::new(false));
    let indexer = {
        let stop = Arc::clone(&stop);
        let (briefs, growing, cache) = (
            briefs.to_path_buf(),
            growing.clone(),
            scratch.join("writers-cache"),
        );
        std::thread::spawn(move || -> Result<(usize, usize)> {
            let settings = brief::cli::Settings {
                config: Config::builtin(),
                briefs: growing.clone(),
                cache_dir: cache,
                state_dir: scratch_state_dir(&growing),
            };
            let toolkit = settings.toolkit()?;
            let (mut runs, mut copied) = (0, 0);
            while !stop.load(Ordering::SeqCst) {
                for f in files.iter().skip(copied).take(50) {
                    let to = growing.join(f.rel_path.replace('/', "_"));
                    std::fs::copy(briefs.join(&f.rel_path), to)?;
                }
                copied = (copied + 50).min(files.len());
                let mut library = settings.open()?;
                library.index.sync(&growing, &toolkit)?;
                runs += 1;
            }
            Ok((runs, copied))
        })
    };
    let reader = {
        let stop = Arc::clone(&stop);
        let state = state.clone();
        std::thread::spawn(move || -> Result<usize> {
            let db = StateDb::open(&state)?;
            let mut looks = 0;
            while !stop.load(Ordering::SeqCst) {
                db.version()?;
                db.all()?;
                looks += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(looks)
        })
    };

    let started = Instant::now();
    let children: Vec<_> = (0..writers)
        .map(|w| {
            Command::new(&exe)
                .arg("--writer")
                .arg(&state)
                .arg(format!("w{w}"))
                .arg(each.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .context("start a writer")
        })
        .collect::<Result<_>>()?;
    let mut longest = 0u128;
    let mut refused = 0usize;
    let mut written = 0usize;
    for mut child in children {
        let out = child.stdout.take().context("writer output")?;
        for line in BufReader::new(out).lines() {
            let line = line?;
            let f: Vec<&str> = line.split_whitespace().collect();
            if let ["writes", n, "longest-us", l, "refused", r] = f.as_slice() {
                written += n.parse::<usize>()?;
                longest = longest.max(l.parse()?);
                refused += r.parse::<usize>()?;
            }
        }
        child.wait()?;
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let (index_runs, copied) = indexer
        .join()
        .map_err(|_| anyhow::anyhow!("indexer panicked"))??;
    let looks = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reader panicked"))??;

    let db = StateDb::open(&state)?;
    let kept: usize = db.all()?.values().map(|s| s.tags.len()).sum();
    println!(
        "{writers} writers x {each} tags beside an indexer ({index_runs} updates, {copied} files) and a reader ({looks} looks)"
    );
    println!(
        "  {:.0} writes/s, longest wait {:.1} ms, refused {refused}, kept {kept} of {}",
        (written - refused) as f64 / elapsed.as_secs_f64(),
        longest as f64 / 1000.0,
        written
    );
    Ok(())
}

fn scratch_state_dir(growing: &Path) -> std::path::PathBuf {
    growing.with_file_name("indexer-state")
}
