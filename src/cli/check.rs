//! `brief check`: what could not be ingested, and state left without an article.

use std::process::ExitCode;

use anyhow::Result;

use super::Settings;
use super::output;
use crate::library::Catalog;

pub fn run(settings: &Settings) -> Result<ExitCode> {
    let (library, updated) = settings.open_fully_synced_to_read()?;
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
