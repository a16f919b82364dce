//! `brief show`: one article.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Settings;
use super::output;
use crate::model::{ArticleDetail, ArticleSummary, EntityKind};

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The article id (see `brief list`).
    pub id: String,
    /// Print JSON (with the body).
    #[arg(long)]
    pub json: bool,
    /// The text as it is in the file, not cleaned; the only plain output
    /// not sanitised when piped (byte for byte, controls included).
    #[arg(long)]
    pub raw: bool,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    summary: &'a ArticleSummary,
    url: &'a Option<String>,
    /// The encoding the file was read in (`UTF-8`, `Shift_JIS`, …).
    encoding: String,
    filed: Option<String>,
    body: &'a str,
    entities: Vec<EntityJson<'a>>,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    articles: &'a [String],
}

pub fn run(settings: &Settings, args: &ShowArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced_to_read()?;
    let article = library.require(&args.id)?;
    let body = if args.raw {
        &article.raw
    } else {
        &article.body
    };
    if args.json {
        output::json(&ShowJson {
            summary: &article.summary,
            url: &article.url,
            encoding: library.index.encoding_of(&article.summary.id)?,
            filed: article.filed.map(|f| f.to_rfc3339()),
            body,
            entities: article
                .entities
                .iter()
                .map(|e| EntityJson {
                    name: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    articles: &e.articles,
                })
                .collect(),
        })?;
    } else if args.raw {
        output::print_raw(&plain(&article, body))?;
    } else {
        output::print(&plain(&article, body))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn plain(a: &ArticleDetail, body: &str) -> String {
    let s = &a.summary;
    let mut out = format!("{}\n", s.title);
    out.push_str(&format!("Date:    {}\n", super::output::date(s.date)));
    if let Some(src) = &s.source {
        out.push_str(&format!("Source:  {src}\n"));
    }
    if let Some(url) = &a.url {
        out.push_str(&format!("URL:     {url}\n"));
    }
    if !s.topics.is_empty() {
        out.push_str(&format!("Topics:  {}\n", s.topics.join(", ")));
    }
    if !s.tags.is_empty() {
        out.push_str(&format!("Tags:    {}\n", s.tags.join(", ")));
    }
    out.push_str(&format!("Id:      {}\nPath:    {}\n\n", s.id, s.path));
    out.push_str(body.trim_end());
    out.push('\n');
    out
}
