//! `brief index`: build or update the index.

use std::process::ExitCode;

use anyhow::Result;

use super::Settings;
use super::output;

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Print the figures as JSON too (files seen, added, updated, removed, failed, seconds).
    #[arg(long)]
    pub stats: bool,
}

pub fn run(settings: &Settings, args: &IndexArgs) -> Result<ExitCode> {
    let (library, updated) = settings.open_fully_synced_to_read()?;
    let report = updated.report;
    output::print(&format!("{}\n", report.summary()))?;
    if args.stats {
        output::print(&format!(
            "index: {}\narticles: {}\n",
            library.index.path().display(),
            library.index.article_count()?
        ))?;
        output::json(&report)?;
    }
    Ok(ExitCode::SUCCESS)
}
