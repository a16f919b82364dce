//! `brief related ID`: the articles sharing the most telling names with one.

use std::process::ExitCode;

use anyhow::Result;

use super::Settings;
use super::output;

#[derive(Debug, clap::Args)]
pub struct RelatedArgs {
    /// The article id (see `brief list`).
    pub id: String,
    /// At most this many articles.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print a JSON array of {id, title, date, score, shared}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(settings: &Settings, args: &RelatedArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced_to_read()?;
    library.summary(&args.id)?;
    let related = library.index.related(&args.id, args.limit)?;
    if args.json {
        output::json(&related)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for r in &related {
        text.push_str(&format!(
            "{:>6.2}  {}  {}  {}\n        shared: {}\n",
            r.score,
            output::date(r.date),
            r.id,
            r.title,
            r.shared.join(", ")
        ));
    }
    if related.is_empty() {
        text.push_str("no related articles: it shares no names with another\n");
    }
    output::print(&output::safe(&text))?;
    Ok(ExitCode::SUCCESS)
}
