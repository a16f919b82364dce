//! `brief check`: what could not be ingested, state left without an
//! article, and entity corrections that match nothing any more.

use std::process::ExitCode;

use anyhow::Result;

use super::Settings;
use super::output;
use crate::library::Catalog;

pub fn run(settings: &Settings) -> Result<ExitCode> {
    let (library, updated) = settings.open_synced_to_read()?;
    let failures = library.failures()?;
    let (report, orphans) = (updated.report, updated.orphans);
    let mut text = String::new();
    for (path, reason) in &failures {
        text.push_str(&format!("{path}: {reason}\n"));
    }
    for id in &orphans {
        text.push_str(&format!(
            "state kept for missing article `{id}` (tags, bookmark or read state)\n"
        ));
    }
    // Kept, never dropped: the entity may come back, or the user may
    // want to take the correction back (`brief entity forget`).
    let corrections = library.state.corrections()?;
    for c in library.index.unmatched_corrections(&corrections)? {
        text.push_str(&format!(
            "entity correction {} matches nothing now (kept): {}\n",
            c.id,
            c.describe()
        ));
    }
    text.push_str(&format!(
        "{} files, {} could not be ingested; {} articles with user state but no file\n",
        report.seen,
        failures.len(),
        orphans.len()
    ));
    output::print(&output::safe(&text))?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
