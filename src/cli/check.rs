//! `brief check`: what could not be ingested, state left without an
//! article, and entity corrections that match nothing any more.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Settings;
use super::output;
use crate::library::Catalog;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Print one JSON object: {files, failures: [{path, reason}],
    /// warnings: [{path, line, message}], orphans: [id]}.
    #[arg(long)]
    pub json: bool,
}

/// `brief check --json`.
#[derive(Serialize)]
struct CheckJson<'a> {
    /// Files seen in the briefs folder.
    files: usize,
    /// Files that could not be read as articles.
    failures: Vec<Failure<'a>>,
    /// Faults read around: the article is indexed (a date that cannot be
    /// read, a YAML front matter key brief does not read).
    warnings: Vec<Warning<'a>>,
    /// Ids with user state whose article is gone (kept, never deleted).
    orphans: &'a [String],
}

#[derive(Serialize)]
struct Warning<'a> {
    path: &'a str,
    line: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Failure<'a> {
    path: &'a str,
    reason: &'a str,
}

pub fn run(settings: &Settings, args: &CheckArgs) -> Result<ExitCode> {
    let (library, updated) = settings.open_fully_synced_to_read()?;
    let failures = library.failures()?;
    let warnings = library.index.warnings()?;
    let (report, orphans) = (updated.report, updated.orphans);
    let code = if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    if args.json {
        output::json(&CheckJson {
            files: report.seen,
            failures: failures
                .iter()
                .map(|(path, reason)| Failure { path, reason })
                .collect(),
            warnings: warnings
                .iter()
                .map(|(path, line, message)| Warning {
                    path,
                    line: *line,
                    message,
                })
                .collect(),
            orphans: &orphans,
        })?;
        return Ok(code);
    }
    let mut text = String::new();
    for (path, reason) in &failures {
        text.push_str(&format!("{path}: {reason}\n"));
    }
    for (path, line, message) in &warnings {
        text.push_str(&format!("{path}:{line}: warning: {message}\n"));
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
        "{} files, {} could not be ingested, {} with warnings; {} articles with user state but no file\n",
        report.seen,
        failures.len(),
        warnings.len(),
        orphans.len()
    ));
    output::print(&text)?;
    Ok(code)
}
