//! `brief export`: a briefing pack for sending on.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Settings;
use super::output;
use crate::library::Catalog;
use crate::model::ArticleSummary;
use crate::query::ListFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Only articles with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only bookmarked articles.
    #[arg(long)]
    pub bookmarked: bool,
    /// Only articles in this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Only articles matching this search (as `brief list --query`).
    #[arg(long, short = 'q', value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    #[arg(long, value_enum)]
    pub format: Format,
}

#[derive(Serialize)]
struct Packed<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(serialize_with = "crate::model::serialize_date")]
    date: Option<chrono::NaiveDate>,
    source: &'a Option<String>,
    url: &'a Option<String>,
    topics: &'a [String],
    tags: &'a [String],
    body: &'a str,
}

pub fn run(settings: &Settings, args: &ExportArgs) -> Result<ExitCode> {
    let query = match super::list::read_query(args.query.as_deref()) {
        Ok(q) => q,
        Err(code) => return Ok(code),
    };
    let (library, _) = settings.open_synced_to_read()?;
    let filter = ListFilter {
        tag: args.tag.clone(),
        topic: args.topic.clone(),
        bookmarked_only: args.bookmarked,
        query,
        ..Default::default()
    };
    // The list rows already carry the user's tags; only the text is read
    // besides, never the entity links a pack does not show.
    let mut articles = Vec::new();
    for summary in library.list(&filter)? {
        let stored = library.index.article(&summary.id)?.ok_or_else(|| {
            anyhow::anyhow!("article `{}` left the index while exporting", summary.id)
        })?;
        articles.push(Entry {
            summary,
            url: stored.url,
            body: stored.body,
        });
    }
    match args.format {
        Format::Json => output::json(&articles.iter().map(packed).collect::<Vec<_>>())?,
        Format::Markdown => output::print(&markdown(&articles, &filter))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// One article of the pack.
pub struct Entry {
    pub summary: ArticleSummary,
    pub url: Option<String>,
    pub body: String,
}

fn packed(a: &Entry) -> Packed<'_> {
    Packed {
        id: &a.summary.id,
        title: &a.summary.title,
        date: a.summary.date,
        source: &a.summary.source,
        url: &a.url,
        topics: &a.summary.topics,
        tags: &a.summary.tags,
        body: &a.body,
    }
}

/// The pack as Markdown: a heading per article, its facts, then its text.
pub fn markdown(articles: &[Entry], filter: &ListFilter) -> String {
    let mut out = format!(
        "# Briefing pack ({}, {} articles)\n",
        filter.describe(),
        articles.len()
    );
    for a in articles {
        let s = &a.summary;
        out.push_str(&format!("\n## {}\n\n", s.title));
        let mut facts = vec![format!("**Date:** {}", output::date(s.date))];
        if let Some(src) = &s.source {
            facts.push(format!("**Source:** {src}"));
        }
        if let Some(url) = &a.url {
            facts.push(format!("**URL:** <{url}>"));
        }
        if !s.tags.is_empty() {
            facts.push(format!("**Tags:** {}", s.tags.join(", ")));
        }
        out.push_str(&facts.join("  \n"));
        out.push_str("\n\n");
        out.push_str(a.body.trim());
        out.push_str("\n\n---\n");
    }
    out
}
