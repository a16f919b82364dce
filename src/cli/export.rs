//! `brief export`: a briefing pack for sending on.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Settings;
use super::markdown_out;
use super::output;
use crate::ingest::document::Document;
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
    /// Include your own tags (private by default; tags written in the
    /// files are always included).
    #[arg(long)]
    pub with_tags: bool,
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
        let document = match args.format {
            Format::Markdown => crate::store::stored_raw(&library.briefs, &stored)
                .ok()
                .and_then(|raw| crate::ingest::markdown_document(&stored.row.path, &raw))
                .filter(|doc| doc.plain() == stored.body),
            Format::Json => None,
        };
        let mut summary = summary;
        if !args.with_tags {
            summary.tags = stored.row.tags.clone();
        }
        articles.push(Entry {
            summary,
            url: stored.url,
            body: stored.body,
            document,
        });
    }
    match args.format {
        Format::Json => output::json(&articles.iter().map(packed).collect::<Vec<_>>())?,
        Format::Markdown => output::print(&markdown(&articles, &filter, chrono::Utc::now()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// One article of the pack.
pub struct Entry {
    pub summary: ArticleSummary,
    pub url: Option<String>,
    pub body: String,
    /// A Markdown article's document, written back with its structure.
    pub document: Option<Document>,
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

/// The pack as Markdown: a title, when it was made, a table of contents,
/// then a heading per article with its facts and its text (structure and
/// links kept for Markdown articles). Everything from the articles is
/// escaped, so a title cannot become markup.
pub fn markdown(
    articles: &[Entry],
    filter: &ListFilter,
    generated: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut out = format!(
        "# Briefing pack ({}, {} articles)\n\nGenerated {} by brief.\n",
        markdown_out::escape(&filter.describe()),
        articles.len(),
        generated.format("%Y-%m-%d %H:%M UTC"),
    );
    let mut anchors = Anchors::default();
    let headings: Vec<(String, String)> = articles
        .iter()
        .map(|a| {
            let title = markdown_out::escape_line(&a.summary.title);
            (title, anchors.next(&a.summary.title))
        })
        .collect();
    if !articles.is_empty() {
        out.push_str("\n## Contents\n\n");
        for (n, (a, (title, anchor))) in articles.iter().zip(&headings).enumerate() {
            out.push_str(&format!(
                "{}. [{title}](#{anchor}) — {}\n",
                n + 1,
                output::date(a.summary.date)
            ));
        }
    }
    for (n, (a, (title, _))) in articles.iter().zip(&headings).enumerate() {
        let s = &a.summary;
        out.push_str(&format!("\n---\n\n## {title}\n\n"));
        let mut facts = vec![format!("**Date:** {}", output::date(s.date))];
        if let Some(src) = &s.source {
            facts.push(format!("**Source:** {}", markdown_out::escape(src)));
        }
        if let Some(url) = &a.url {
            facts.push(format!(
                "**URL:** <{}>",
                url.replace(['<', '>', ' ', '\n'], "")
            ));
        }
        if !s.topics.is_empty() {
            facts.push(format!(
                "**Topics:** {}",
                markdown_out::escape(&s.topics.join(", "))
            ));
        }
        if !s.tags.is_empty() {
            facts.push(format!(
                "**Tags:** {}",
                markdown_out::escape(&s.tags.join(", "))
            ));
        }
        out.push_str(&facts.join("  \n"));
        out.push_str("\n\n");
        match &a.document {
            Some(doc) => out.push_str(&markdown_out::document(doc, 2, &format!("{}-", n + 1))),
            None => out.push_str(&markdown_out::plain_text(a.body.trim())),
        }
        out.push('\n');
    }
    out
}

/// GitHub-style heading anchors (`Wind farm: approved` → `wind-farm-approved`),
/// with `-1`, `-2` after repeats, as Markdown viewers make them.
#[derive(Default)]
struct Anchors {
    seen: std::collections::HashMap<String, usize>,
}

impl Anchors {
    fn next(&mut self, title: &str) -> String {
        let slug: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let n = self.seen.entry(slug.clone()).or_insert(0);
        let anchor = if *n == 0 { slug } else { format!("{slug}-{n}") };
        *n += 1;
        anchor
    }
}
