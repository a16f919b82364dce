//! `brief list`: articles newest first.

use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use super::Settings;
use super::output;
use crate::config::Grouping;
use crate::library::Catalog;
use crate::model::ArticleSummary;
use crate::query::{ListFilter, Query, parse};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only articles in this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Only articles dated on or after this day, or the start of this
    /// month or year: 2025-03-02, 2025-03, 2025, or -7d, -2w, -3m, -1y
    /// (the dates of the query language).
    #[arg(long, value_parser = output::since_date, allow_hyphen_values = true)]
    pub since: Option<NaiveDate>,
    /// Only articles dated on or before this day, or the end of this month
    /// or year (`--until 2025-03` keeps all of March); dates as --since.
    #[arg(long, value_parser = output::until_date, allow_hyphen_values = true)]
    pub until: Option<NaiveDate>,
    /// Only articles with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only bookmarked articles.
    #[arg(long)]
    pub bookmarked: bool,
    /// Only unread articles.
    #[arg(long)]
    pub unread: bool,
    /// Only articles matching this search (see "Searching" in the README):
    /// words, "phrases", prefix*, -exclusion, OR, (groups), topic:, tag:,
    /// entity:, kind:, source:, is:, after:, before:, date:. Words rank the
    /// list by relevance.
    #[arg(long, short = 'q', value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
}

/// A `--query` read strictly; a malformed one is explained on stderr
/// (with a caret under the problem) and is the command's failure.
pub(super) fn read_query(text: Option<&str>) -> Result<Option<Query>, ExitCode> {
    let Some(text) = text else { return Ok(None) };
    parse(text, chrono::Local::now().date_naive())
        .map(Some)
        .map_err(|e| {
            eprintln!("brief: query: {}", output::safe(&e.to_string()));
            eprintln!("{}", output::safe(&e.pointer(text)));
            ExitCode::FAILURE
        })
}

pub fn run(settings: &Settings, args: &ListArgs) -> Result<ExitCode> {
    let query = match read_query(args.query.as_deref()) {
        Ok(q) => q,
        Err(code) => return Ok(code),
    };
    let (library, _) = settings.open_synced_to_read()?;
    let filter = ListFilter {
        topic: args.topic.clone(),
        since: args.since,
        until: args.until,
        tag: args.tag.clone(),
        bookmarked_only: args.bookmarked,
        unread_only: args.unread,
        entity: None,
        query,
    };
    let mut json = args.json.then(output::JsonArray::default);
    let mut offset = 0;
    for limit in page_sizes() {
        let rows = library.page(&filter, Grouping::None, NaiveDate::MIN, offset, limit)?;
        let more = match json.as_mut() {
            Some(array) => array.extend(&rows)?,
            None => output::print_more(&lines(&rows))?,
        };
        if !more {
            // The reader went (`| head`): nothing more to say.
            return Ok(ExitCode::SUCCESS);
        }
        if rows.len() < limit {
            break;
        }
        offset += rows.len();
    }
    if let Some(array) = json {
        array.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The list is read and written in pages that grow tenfold: the first
/// lines reach a pipe at once (`brief list | head -1` at a million
/// articles), a closed pipe stops the work, and skipping the pages before
/// costs little since each is ten times the one before.
fn page_sizes() -> impl Iterator<Item = usize> {
    std::iter::successors(Some(100usize), |n| Some(n.saturating_mul(10)))
}

fn lines(rows: &[ArticleSummary]) -> String {
    let mut text = String::new();
    for a in rows {
        let marks = format!(
            "{}{}",
            if a.read { ' ' } else { '•' },
            if a.bookmarked { '★' } else { ' ' }
        );
        let tags = if a.tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", a.tags.join(", "))
        };
        text.push_str(&format!(
            "{:<10} {marks} {}  {}{tags}\n",
            output::date(a.date),
            a.id,
            a.title
        ));
    }
    text
}
