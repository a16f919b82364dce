//! `brief entity NAME`: one entity's page; and the user's corrections to
//! the entities found (`merge`, `split`, `ignore`, `kind`, `rename`,
//! `corrections`, `forget`). `brief entities` lists them all.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use super::Settings;
use super::output;
use crate::library::Library;
use crate::model::EntityKind;
use crate::state::{Correction, CorrectionAction, EntityRef};
use crate::store::EntityPage;

fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    EntityKind::parse(s).ok_or_else(|| format!("`{s}` is not one of person, org, place, other"))
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EntityArgs {
    #[command(subcommand)]
    pub command: Option<EntityCommand>,
    /// The entity: a name or spelling as `brief entities` shows it, or `kind:key`.
    pub name: Option<String>,
    /// Print JSON: {name, kind, aliases, count, articles, first, last,
    /// timeline, cooccurring, ...}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum EntityCommand {
    /// Correct: A is the same as B (A's mentions become B's).
    Merge { a: String, b: String },
    /// Correct: SPELLING of A names someone or something else.
    Split { a: String, spelling: String },
    /// Correct: A is not an entity.
    Ignore { a: String },
    /// Correct: A is a person, org, place or other.
    Kind {
        a: String,
        #[arg(value_parser = parse_kind)]
        kind: EntityKind,
    },
    /// Correct: call A by another name.
    Rename { a: String, new: String },
    /// List your corrections (and those that match nothing any more).
    Corrections {
        #[arg(long)]
        json: bool,
    },
    /// Take back a correction, by its number in `brief entity corrections`.
    Forget { id: i64 },
}

pub fn run(settings: &Settings, args: &EntityArgs) -> Result<ExitCode> {
    match &args.command {
        Some(command) => correct(settings, command),
        None => {
            let name = args
                .name
                .as_deref()
                .ok_or_else(|| anyhow!("name an entity: brief entity NAME (see brief entities)"))?;
            page(settings, name, args.json)
        }
    }
}

/// The entity a name means, or a message saying there is none.
fn find(library: &Library, name: &str) -> Result<EntityPage> {
    let found = library.index.find_entity(name)?;
    let page = match found {
        Some((kind, key)) => library.index.entity_page(kind, &key, Some(0))?,
        None => None,
    };
    page.ok_or_else(|| anyhow!("no entity named `{name}` (see `brief entities`)"))
}

fn page(settings: &Settings, name: &str, json: bool) -> Result<ExitCode> {
    let (library, _) = settings.open_synced_to_read()?;
    let found = find(&library, name)?;
    let Some((kind, key)) = crate::store::entity_ref(&found.key) else {
        bail!("no entity named `{name}`");
    };
    let page = library
        .index
        .entity_page(kind, key, None)?
        .ok_or_else(|| anyhow!("no entity named `{name}`"))?;
    if json {
        output::json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::print(&output::safe(&describe(&page)))?;
    Ok(ExitCode::SUCCESS)
}

/// The page as text: what it is, when it came up, who with, from where.
fn describe(page: &EntityPage) -> String {
    let mut t = format!("{} ({})\n", page.name, page.kind.as_str());
    t.push_str(&format!("  spellings: {}\n", page.aliases.join(", ")));
    let span = match (page.first, page.last) {
        (Some(f), Some(l)) => format!(", {} to {}", f, l),
        _ => String::new(),
    };
    let undated = if page.undated > 0 {
        format!(" ({} undated)", page.undated)
    } else {
        String::new()
    };
    t.push_str(&format!("  {} articles{span}{undated}\n", page.count));
    let most = page
        .timeline
        .iter()
        .map(|p| p.count)
        .max()
        .unwrap_or(0)
        .max(1);
    if !page.timeline.is_empty() {
        t.push_str("  timeline:\n");
    }
    for p in &page.timeline {
        let bar = "#".repeat((p.count * 40).div_ceil(most));
        t.push_str(&format!("    {:<8} {:>5} {bar}\n", p.period, p.count));
    }
    if !page.cooccurring.is_empty() {
        let with: Vec<String> = page
            .cooccurring
            .iter()
            .map(|c| format!("{} ({})", c.name, c.count))
            .collect();
        let basis = if page.cooccurring_from < page.count {
            format!(" (in its newest {} articles)", page.cooccurring_from)
        } else {
            String::new()
        };
        t.push_str(&format!("  seen with{basis}: {}\n", with.join(", ")));
    }
    if !page.sources.is_empty() {
        let from: Vec<String> = page
            .sources
            .iter()
            .map(|(s, n)| format!("{s} ({n})"))
            .collect();
        t.push_str(&format!("  sources: {}\n", from.join(", ")));
    }
    t
}

/// The correction a command asks for, naming entities as the index has them.
pub fn correction_for(library: &Library, command: &EntityCommand) -> Result<Option<Correction>> {
    let subject = |name: &str| -> Result<(EntityRef, Vec<String>)> {
        let page = find(library, name)?;
        let (kind, key) = crate::store::entity_ref(&page.key)
            .ok_or_else(|| anyhow!("no entity named `{name}`"))?;
        let who = EntityRef {
            kind,
            key: key.to_string(),
            name: page.name.clone(),
        };
        Ok((who, page.aliases))
    };
    let (a, action) = match command {
        EntityCommand::Merge { a, b } => {
            let (into, _) = subject(b)?;
            (a, CorrectionAction::Merge { into })
        }
        EntityCommand::Split { a, spelling } => {
            let (_, aliases) = subject(a)?;
            let fold = crate::entities::fold_key(spelling);
            let Some(spelling) = aliases
                .iter()
                .find(|s| crate::entities::fold_key(s) == fold)
            else {
                bail!(
                    "`{a}` is never spelled `{spelling}` (its spellings: {})",
                    aliases.join(", ")
                );
            };
            (
                a,
                CorrectionAction::Split {
                    spelling: spelling.clone(),
                },
            )
        }
        EntityCommand::Ignore { a } => (a, CorrectionAction::Ignore),
        EntityCommand::Kind { a, kind } => (a, CorrectionAction::Kind { kind: *kind }),
        EntityCommand::Rename { a, new } => (
            a,
            CorrectionAction::Rename {
                name: crate::text::sanitize_line(new.trim()).to_string(),
            },
        ),
        EntityCommand::Corrections { .. } | EntityCommand::Forget { .. } => return Ok(None),
    };
    let (who, spellings) = subject(a)?;
    Ok(Some(Correction::new(who, spellings, action)))
}

#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    correction: &'a Correction,
    /// False when it changes nothing any more (its entity is gone).
    matches: bool,
}

fn correct(settings: &Settings, command: &EntityCommand) -> Result<ExitCode> {
    let (library, _) = settings.open_synced()?;
    match command {
        EntityCommand::Corrections { json } => {
            let all = library.state.corrections()?;
            let unmatched: Vec<i64> = library
                .index
                .unmatched_corrections(&all)?
                .iter()
                .map(|c| c.id)
                .collect();
            let listed: Vec<Listed> = all
                .iter()
                .map(|c| Listed {
                    correction: c,
                    matches: !unmatched.contains(&c.id),
                })
                .collect();
            if *json {
                output::json(&listed)?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut text = String::new();
            for l in &listed {
                let note = if l.matches {
                    ""
                } else {
                    "  (matches nothing now)"
                };
                text.push_str(&format!(
                    "{:>4}  {}{note}\n",
                    l.correction.id,
                    l.correction.describe()
                ));
            }
            if listed.is_empty() {
                text.push_str("no entity corrections\n");
            }
            output::print(&output::safe(&text))?;
        }
        EntityCommand::Forget { id } => {
            if !library.state.remove_correction(*id)? {
                bail!("no correction {id} (see `brief entity corrections`)");
            }
            library.apply_corrections(std::time::Duration::from_secs(10))?;
            output::print(&format!("correction {id} taken back\n"))?;
        }
        _ => {
            let Some(c) = correction_for(&library, command)? else {
                return Ok(ExitCode::SUCCESS);
            };
            library.state.add_correction(&c)?;
            library.apply_corrections(std::time::Duration::from_secs(10))?;
            output::print(&output::safe(&format!("saved: {}\n", c.describe())))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
