//! The command line: arguments, settings, and one file per subcommand.

mod argv;
mod check;
mod docs;
mod entities;
mod entity;
mod export;
mod index;
mod list;
mod markdown_out;
mod output;
mod related;
mod serve;
mod settings;
mod show;
mod state;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

pub use settings::Settings;

#[derive(Debug, Parser)]
#[command(name = "brief", version, about = "Read briefings in the terminal", long_about = None)]
pub struct Args {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The process's command line, options read wherever they stand
    /// (see `argv.rs`).
    pub fn from_env() -> Args {
        Args::parse_from(argv::normalise(
            std::env::args_os().collect(),
            &Args::command(),
        ))
    }
}

/// Where things are; every command takes these.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Global {
    /// The briefs folder (default: `briefs` from the config).
    #[arg(long, global = true, value_name = "DIR")]
    pub briefs: Option<PathBuf>,
    /// The config file (default: $XDG_CONFIG_HOME/brief/config.toml, else built-in defaults).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where the index cache lives (default: $XDG_CACHE_HOME/brief).
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Where the user's tags, bookmarks and read state live (default: $XDG_DATA_HOME/brief).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index and say what was done.
    Index(index::IndexArgs),
    /// List articles, newest first (undated last).
    List(list::ListArgs),
    /// Print one article.
    Show(show::ShowArgs),
    /// List files that could not be ingested, warnings for what was read
    /// around (an unreadable date, a YAML key not read), user state whose
    /// article is gone, and entity corrections matching nothing.
    Check(check::CheckArgs),
    /// List every named person, organisation, place and other entity (one entity: `brief entity NAME`).
    Entities(entities::EntitiesArgs),
    /// One entity's page (timeline, names seen with it), or correct one: merge, split, ignore, kind, rename.
    Entity(entity::EntityArgs),
    /// Articles related to one, by the names they share (rare names count most).
    Related(related::RelatedArgs),
    /// Find entities in any text (a file or standard input) without indexing it.
    Extract(entities::ExtractArgs),
    /// Add (+tag) or remove (-tag) tags on an article.
    Tag(user::TagArgs),
    /// Bookmark an article (or remove the bookmark).
    Bookmark(user::BookmarkArgs),
    /// Mark an article read (or unread).
    Read(user::ReadArgs),
    /// List every tag with the number of articles carrying it.
    Tags(user::TagsArgs),
    /// Write a briefing pack of articles as Markdown or JSON.
    Export(export::ExportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff), e.g. `brief man | man -l -`.
    Man(docs::ManArgs),
    /// Export or import your state (tags, bookmarks, read, positions, entity corrections).
    State(state::StateArgs),
    /// Serve the reader over SSH to the users of an authorized_keys file.
    Serve(serve::ServeArgs),
}

/// Runs the program; errors become one line on stderr and a non-zero exit,
/// and a reader ended by a signal exits with 128 + the signal.
pub fn run(args: Args) -> ExitCode {
    match dispatch(args) {
        Ok(code) => code,
        Err(e) => {
            if let Some(signalled) = e.downcast_ref::<crate::ui::Signalled>() {
                return ExitCode::from(signalled.exit_code());
            }
            if let Some(unfit) = e.downcast_ref::<crate::ui::Unfit>() {
                eprintln!("brief: {unfit}");
                return ExitCode::from(crate::ui::Unfit::EXIT);
            }
            report(&e);
            ExitCode::FAILURE
        }
    }
}

/// Makes panic messages safe to print: a message can quote article text
/// (a string slice out of bounds prints the string), so one holding
/// controls is printed sanitised instead of by the default hook. Hooks
/// installed later (the reader's terminal guard) wrap this one.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = crate::panic_message(info.payload());
        match unsafe_panic_report(message, info.location().map(|l| l.to_string())) {
            None => default(info),
            Some(report) => {
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "{report}");
            }
        }
    }));
}

/// The report for a panic whose message could drive the terminal; `None`
/// when the message is safe as it is.
fn unsafe_panic_report(message: &str, location: Option<String>) -> Option<String> {
    if crate::text::is_terminal_safe(message, true) {
        return None;
    }
    let at = location.map(|l| format!(" at {l}")).unwrap_or_default();
    Some(format!(
        "brief: internal error{at}: {}",
        crate::text::sanitize(message)
    ))
}

/// Prints an error for a person. Messages quote files (a config line, a
/// path, front matter), so they are sanitised like article text; and a
/// stderr that is gone is not worth a panic.
fn report(e: &anyhow::Error) {
    use std::io::Write;
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
    let message = crate::text::sanitize(&chain.join(": "));
    let _ = writeln!(std::io::stderr(), "brief: {message}");
}

fn dispatch(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        // These describe the program, not a collection: no config is read.
        Some(Command::Completions(a)) => docs::completions(&a),
        Some(Command::Man(a)) => docs::man(&a),
        command => on_collection(&Settings::resolve(&args.global)?, command),
    }
}

fn on_collection(settings: &Settings, command: Option<Command>) -> anyhow::Result<ExitCode> {
    match command {
        None => settings.open_reader(),
        Some(Command::Index(a)) => index::run(settings, &a),
        Some(Command::List(a)) => list::run(settings, &a),
        Some(Command::Show(a)) => show::run(settings, &a),
        Some(Command::Check(a)) => check::run(settings, &a),
        Some(Command::Entities(a)) => entities::run(settings, &a),
        Some(Command::Entity(a)) => entity::run(settings, &a),
        Some(Command::Related(a)) => related::run(settings, &a),
        Some(Command::Extract(a)) => entities::extract(settings, &a),
        Some(Command::Tag(a)) => user::tag(settings, &a),
        Some(Command::Bookmark(a)) => user::bookmark(settings, &a),
        Some(Command::Read(a)) => user::read(settings, &a),
        Some(Command::Tags(a)) => user::tags(settings, &a),
        Some(Command::Export(a)) => export::run(settings, &a),
        Some(Command::State(a)) => state::run(settings, &a),
        Some(Command::Serve(a)) => serve::run(settings, &a),
        Some(Command::Completions(a)) => docs::completions(&a),
        Some(Command::Man(a)) => docs::man(&a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_quoting_hostile_text_is_reported_sanitised() {
        let report = unsafe_panic_report(
            "byte index 3 is not a char boundary of `\x1b]0;T\x07\u{202e}`",
            Some("src/x.rs:1:2".into()),
        )
        .unwrap();
        assert!(crate::text::is_terminal_safe(&report, true), "{report:?}");
        assert!(report.contains("at src/x.rs:1:2") && report.contains("␛]0;T␇<RLO>"));
        assert_eq!(unsafe_panic_report("plain message", None), None);
    }
}
