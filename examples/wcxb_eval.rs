//! Runs an HTML extractor over a folder of saved pages and writes what the
//! WCXB scorer reads: `cargo run --release --example wcxb_eval -- DIR OUT
//! [--extractor brief|dom_smoothie]`.
//!
//! DIR holds `NNNN.html` files (see `scripts/wcxb_eval.sh`, which unpacks
//! the benchmark and scores the output). OUT gets `predictions.json`
//! (`{"NNNN": "main text"}`, for `evaluate.py --results`) and
//! `metadata.json` (`{"NNNN": {"title": …, "date": …}}`). Prints pages/s
//! of extraction alone, on this one thread. Asserts nothing: it measures.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use brief::ingest::{IngestRules, decode_text, html};
use serde_json::json;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: wcxb_eval DIR OUT [--extractor brief|dom_smoothie]");
    };
    let mut extractor = "brief".to_string();
    while let Some(a) = args.next() {
        if a == "--extractor" {
            extractor = args.next().context("--extractor needs a name")?;
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    let rules = IngestRules::default();
    let mut texts = BTreeMap::new();
    let mut meta = BTreeMap::new();
    let mut spent = Duration::ZERO;
    let mut bytes_total = 0usize;
    for path in &files {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .context("file name")?
            .to_string();
        let bytes = std::fs::read(path)?;
        bytes_total += bytes.len();
        let start = Instant::now();
        let page = decode_text(&bytes)
            .ok()
            .map(|text| match extractor.as_str() {
                "dom_smoothie" => smoothie(&text),
                _ => {
                    let p = html::extract(&text, &rules);
                    (p.text, p.title, p.date.map(|d| d.to_string()))
                }
            });
        spent += start.elapsed();
        let (text, title, date) = page.unwrap_or_default();
        texts.insert(id.clone(), text);
        meta.insert(id, json!({ "title": title, "date": date }));
    }
    std::fs::create_dir_all(&out)?;
    let out = PathBuf::from(out);
    std::fs::write(out.join("predictions.json"), serde_json::to_string(&texts)?)?;
    std::fs::write(out.join("metadata.json"), serde_json::to_string(&meta)?)?;
    let secs = spent.as_secs_f64();
    println!(
        "{extractor}: {} pages, {:.1} MB in {:.2} s of extraction: {:.1} pages/s, {:.1} MB/s (one thread)",
        files.len(),
        bytes_total as f64 / 1e6,
        secs,
        files.len() as f64 / secs,
        bytes_total as f64 / 1e6 / secs
    );
    Ok(())
}

/// dom_smoothie alone, as its README uses it: text, title, published time.
fn smoothie(text: &str) -> (String, String, Option<String>) {
    use dom_smoothie::{Config, Readability, TextMode};
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let Ok(mut r) = Readability::new(text, None, Some(config)) else {
        return Default::default();
    };
    match r.parse() {
        Ok(a) => (
            a.text_content.to_string(),
            a.title,
            a.published_time
                .as_deref()
                .and_then(html::parse_date)
                .map(|d| d.to_string()),
        ),
        Err(_) => Default::default(),
    }
}
