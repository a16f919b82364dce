//! Small measuring helpers for the bench: timings, percentiles, peak memory.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Runs `f`, returning its result and how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `p`th percentile (0..=100) of some durations, nearest rank.
pub fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut s = samples.to_vec();
    s.sort();
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

/// "median 1.2 ms, p95 3.4 ms (n=200)".
pub fn spread(samples: &[Duration]) -> String {
    format!(
        "median {:.2} ms, p95 {:.2} ms (n={})",
        ms(percentile(samples, 50.0)),
        ms(percentile(samples, 95.0)),
        samples.len()
    )
}

/// This process's peak resident memory in kB (`VmHWM`), if the system
/// says.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs a command under GNU time, returning (wall seconds, peak kB).
pub fn time_command(cmd: &mut std::process::Command) -> std::io::Result<(f64, u64)> {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
        .collect();
    let report = tempfile::NamedTempFile::new()?;
    let status = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(report.path())
        .arg(program)
        .args(args)
        .envs(envs)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(format!("exited with {status}")));
    }
    let text = std::fs::read_to_string(report.path())?;
    let mut parts = text.split_whitespace();
    let wall = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let kb = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((wall, kb))
}
