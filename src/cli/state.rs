//! `brief state export` / `brief state import`: the user's tags, bookmarks,
//! read marks, positions and entity corrections as one JSON file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::Settings;
use super::output;
use crate::state::{Exported, StateDb};

#[derive(Debug, clap::Args)]
pub struct StateArgs {
    #[command(subcommand)]
    pub command: StateCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum StateCommand {
    /// Print all of your state as JSON (to keep, or to import elsewhere).
    Export,
    /// Add the state in FILE (`-` for standard input) to yours; nothing is removed.
    Import { file: PathBuf },
}

pub fn run(settings: &Settings, args: &StateArgs) -> Result<ExitCode> {
    match &args.command {
        StateCommand::Export => {
            let state = StateDb::open_or_read_only(&settings.state_dir)?;
            output::json(&state.export()?)?;
        }
        StateCommand::Import { file } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
            } else {
                std::fs::read_to_string(file)
                    .with_context(|| format!("{}: cannot read", file.display()))?
            };
            let data: Exported = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a brief state export", file.display()))?;
            let state = StateDb::open(&settings.state_dir)?;
            let report = state.import(&data)?;
            output::print(&format!(
                "imported state for {} articles, {} new entity corrections\n",
                report.articles, report.corrections_added
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
