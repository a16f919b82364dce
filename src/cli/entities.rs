//! `brief entities` and `brief extract`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use super::Settings;
use super::output;
use crate::entities::Extractor;
use crate::model::{EntityKind, FoundEntity, Mention};

fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    EntityKind::parse(s).ok_or_else(|| format!("`{s}` is not one of person, org, place, other"))
}

#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// Only this kind: person, org, place or other.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    /// Print a JSON array of {name, kind, aliases, count, articles}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(settings: &Settings, args: &EntitiesArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced_to_read()?;
    let all = library.index.entities(args.kind)?;
    if args.json {
        output::json(&all)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for e in &all {
        let others: Vec<&str> = e
            .aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != e.name)
            .collect();
        let aka = if others.is_empty() {
            String::new()
        } else {
            format!("  (also {})", others.join(", "))
        };
        text.push_str(&format!(
            "{:>5}  {:<6} {}{aka}\n",
            e.count,
            e.kind.as_str(),
            e.name
        ));
    }
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// A text file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Print JSON: {"entities": [...], "mentions": [...]} with byte spans.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Extracted {
    entities: Vec<FoundEntity>,
    mentions: Vec<Mention>,
}

pub fn extract(settings: &Settings, args: &ExtractArgs) -> Result<ExitCode> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(&args.file)
            .with_context(|| format!("{}: cannot read", args.file.display()))?
    };
    let text =
        crate::ingest::decode_text(&bytes).with_context(|| format!("{}", args.file.display()))?;
    let extractor = Extractor::new(&settings.config.entities)?;
    let found = Extracted {
        entities: extractor.entities(&text),
        mentions: extractor.mentions(&text),
    };
    if args.json {
        output::json(&found)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for e in &found.entities {
        out.push_str(&format!(
            "{:<6} {}  ({} mentions: {})\n",
            e.kind.as_str(),
            e.name,
            e.spans.len(),
            e.aliases.join(", ")
        ));
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
