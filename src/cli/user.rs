//! The user's own marks from the command line: tag, bookmark, read, tags.

use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::Settings;
use super::output;
use crate::library::Catalog;

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// The article id.
    pub id: String,
    /// `+tag` adds, `-tag` removes (a bare `tag` adds). Options may stand
    /// anywhere on the line; after `--` every word is a change.
    #[arg(required = true, allow_hyphen_values = true, num_args = 1..)]
    pub changes: Vec<String>,
    /// Print the article's marks after the change as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct BookmarkArgs {
    pub id: String,
    /// Remove the bookmark instead.
    #[arg(long)]
    pub remove: bool,
    /// Print the article's marks after the change as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    pub id: String,
    /// Mark unread instead.
    #[arg(long)]
    pub unread: bool,
    /// Print the article's marks after the change as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct TagsArgs {
    /// Print a JSON array of {tag, count}.
    #[arg(long)]
    pub json: bool,
}

/// Splits `+a -b c` into (add, remove).
pub fn parse_changes(changes: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for c in changes {
        let (list, name) = match c.strip_prefix('+') {
            Some(rest) => (&mut add, rest),
            None => match c.strip_prefix('-') {
                Some(rest) => (&mut remove, rest),
                None => (&mut add, c.as_str()),
            },
        };
        let name = name.trim();
        if name.is_empty() {
            bail!("`{c}` names no tag (write +tag or -tag)");
        }
        list.push(name.to_string());
    }
    Ok((add, remove))
}

pub fn tag(settings: &Settings, args: &TagArgs) -> Result<ExitCode> {
    let (add, remove) = parse_changes(&args.changes)?;
    let (library, _) = settings.open_synced()?;
    library.summary(&args.id)?;
    library.change_tags(&args.id, &add, &remove)?;
    let now = library.summary(&args.id)?;
    if args.json {
        output::json(&Marks::of(&now))?;
    } else {
        output::print(&format!("{}: {}\n", args.id, now.tags.join(", ")))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// An article's marks after `tag`, `bookmark` or `read --json`.
#[derive(Serialize)]
struct Marks<'a> {
    id: &'a str,
    /// Front matter tags and the user's together, sorted.
    tags: &'a [String],
    bookmarked: bool,
    read: bool,
}

impl<'a> Marks<'a> {
    fn of(a: &'a crate::model::ArticleSummary) -> Marks<'a> {
        Marks {
            id: &a.id,
            tags: &a.tags,
            bookmarked: a.bookmarked,
            read: a.read,
        }
    }
}

/// `--json`: the marks as they now stand, read back from the state.
fn print_marks(library: &crate::library::Library, id: &str, json: bool) -> Result<()> {
    if json {
        output::json(&Marks::of(&library.summary(id)?))?;
    }
    Ok(())
}

pub fn bookmark(settings: &Settings, args: &BookmarkArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced()?;
    library.summary(&args.id)?;
    library.set_bookmarked(&args.id, !args.remove)?;
    print_marks(&library, &args.id, args.json)?;
    Ok(ExitCode::SUCCESS)
}

pub fn read(settings: &Settings, args: &ReadArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced()?;
    library.summary(&args.id)?;
    library.set_read(&args.id, !args.unread)?;
    print_marks(&library, &args.id, args.json)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TagCount {
    tag: String,
    count: usize,
}

pub fn tags(settings: &Settings, args: &TagsArgs) -> Result<ExitCode> {
    let (library, _) = settings.open_synced_to_read()?;
    let all: Vec<TagCount> = library
        .all_tags()?
        .into_iter()
        .map(|(tag, count)| TagCount { tag, count })
        .collect();
    if args.json {
        output::json(&all)?;
    } else {
        let text: String = all
            .iter()
            .map(|t| format!("{:>5}  {}\n", t.count, t.tag))
            .collect();
        output::print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_split_into_add_and_remove() {
        let (add, remove) =
            parse_changes(&["+urgent".into(), "-old".into(), "plain".into()]).unwrap();
        assert_eq!(add, vec!["urgent", "plain"]);
        assert_eq!(remove, vec!["old"]);
    }

    #[test]
    fn empty_tag_is_refused() {
        assert!(parse_changes(&["+".into()]).is_err());
        assert!(parse_changes(&["- ".into()]).is_err());
    }
}
