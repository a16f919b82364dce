//! Following a story at scale: related articles for the article naming
//! the busiest entities, and the page of the busiest entity. Each call is
//! timed on the wall clock and on this thread's CPU (the machine may be
//! shared: CPU time says what the call itself cost).

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use brief::library::Library;

use super::measure::spread;

/// Runs `f` `runs` times: (wall times, CPU times of this thread).
fn sample(
    runs: usize,
    cpu: fn() -> f64,
    mut f: impl FnMut() -> Result<()>,
) -> Result<(Vec<Duration>, Vec<Duration>)> {
    let (mut wall, mut cpus) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (c0, t0) = (precise_cpu(cpu), Instant::now());
        f()?;
        wall.push(t0.elapsed());
        cpus.push(Duration::from_secs_f64((precise_cpu(cpu) - c0).max(0.0)));
    }
    Ok((wall, cpus))
}

/// This thread's time on a CPU in seconds, to the microsecond
/// (`se.sum_exec_runtime` in `/proc/thread-self/sched`, in ms), else
/// `fallback` (10 ms ticks).
fn precise_cpu(fallback: fn() -> f64) -> f64 {
    std::fs::read_to_string("/proc/thread-self/sched")
        .ok()
        .and_then(|s| {
            let line = s
                .lines()
                .find(|l| l.trim_start().starts_with("se.sum_exec_runtime"))?;
            line.split(':').nth(1)?.trim().parse::<f64>().ok()
        })
        .map_or_else(fallback, |ms| ms / 1e3)
}

fn min_ms(samples: &[Duration]) -> f64 {
    super::measure::ms(samples.iter().copied().min().unwrap_or_default())
}

pub fn measure(library: &Library, runs: usize, cpu: fn() -> f64) -> Result<()> {
    let index = &library.index;
    let article = index
        .article_naming_the_busiest()?
        .context("no article names an entity")?;
    let entities = index.entity_links(&article, Some(0))?;
    let busiest: Vec<String> = {
        let mut e = entities.clone();
        e.sort_by_key(|e| std::cmp::Reverse(e.count));
        e.iter()
            .take(4)
            .map(|e| format!("{} ({})", e.name, e.count))
            .collect()
    };
    let mut found = 0;
    let (wall, cpus) = sample(runs, cpu, || {
        found = index.related(&article, 20)?.len();
        Ok(())
    })?;
    println!(
        "related (R), busiest article  {}  fastest {:.2} ms; CPU median {:.2} ms; `{article}` names {} entities, among them {}; {found} related",
        spread(&wall),
        min_ms(&wall),
        super::measure::ms(super::measure::percentile(&cpus, 50.0)),
        entities.len(),
        busiest.join(", ")
    );
    let key = index.busiest_entity()?.context("no entities")?;
    let (kind, k) = brief::store::entity_ref(&key).context("entity key")?;
    let mut count = 0;
    let (wall, cpus) = sample(runs, cpu, || {
        let page = index.entity_page(kind, k, Some(50))?.context("page")?;
        count = page.count;
        Ok(())
    })?;
    println!(
        "entity page, busiest entity   {}  fastest {:.2} ms; CPU median {:.2} ms; `{key}` in {count} articles",
        spread(&wall),
        min_ms(&wall),
        super::measure::ms(super::measure::percentile(&cpus, 50.0))
    );
    Ok(())
}
