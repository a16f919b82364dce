//! `brief index`: build or update the index.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Settings;
use super::output;
use crate::store::SyncReport;

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Say where the index is and how many articles it holds, too.
    #[arg(long)]
    pub stats: bool,
    /// Print one JSON object and nothing else: what the update did (files
    /// seen, added, updated, renamed, removed, unchanged, failed, seconds),
    /// the index file and its article count.
    #[arg(long)]
    pub json: bool,
}

/// `brief index --json`.
#[derive(Serialize)]
struct IndexJson<'a> {
    #[serde(flatten)]
    report: &'a SyncReport,
    index: String,
    articles: usize,
}

pub fn run(settings: &Settings, args: &IndexArgs) -> Result<ExitCode> {
    let (library, updated) = settings.open_fully_synced_to_read()?;
    let report = updated.report;
    if args.json {
        output::json(&IndexJson {
            report: &report,
            index: library.index.path().display().to_string(),
            articles: library.index.article_count()?,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    output::print(&format!("{}\n", report.summary()))?;
    if args.stats {
        output::print(&format!(
            "index: {}\narticles: {}\n",
            library.index.path().display(),
            library.index.article_count()?
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
