//! `brief check`: what could not be ingested, and state left without an article.

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
    for (path, encoding) in library.index.guessed_encodings()? {
        text.push_str(&format!(
            "{path}: read as {encoding}, a guess (the file does not say its encoding)\n"
        ));
    }
    let (_, _, not_read) = crate::ingest::walk::scan_counting(&settings.briefs);
    for (ext, n) in &not_read {
        let what = if ext.is_empty() {
            "without an extension".to_string()
        } else {
            ext.clone()
        };
        let files = if *n == 1 { "file" } else { "files" };
        if ext.is_empty() {
            text.push_str(&format!("{n} {files} {what} not read\n"));
        } else {
            text.push_str(&format!("{n} {what} {files} not read\n"));
        }
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
