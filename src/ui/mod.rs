//! The three-pane reader: state → update(event) → view(state).
//!
//! `App` (app.rs) is the state, each pane owning its part (list.rs,
//! reader.rs, sidebar.rs); `update` (update.rs, ops.rs) is the only code
//! that changes it, from `Event`s; `view` (view/) draws it and does no I/O.
//! The event loop (event_loop.rs) is the edge: it reads the terminal,
//! timers, signals and the worker into one channel, and draws only when an
//! event changed something.

pub mod action;
pub mod app;
mod colour;
pub mod document;
pub mod effect;
pub mod entity_jump;
pub mod entity_page;
mod event_loop;
pub mod hyperlink;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod list;
pub mod marks;
mod ops;
pub mod output;
pub mod prompt;
pub mod reader;
pub mod related;
pub mod search;
pub mod sidebar;
mod terminal;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod update;
pub mod view;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::library::Catalog;

pub use app::App;
pub use event_loop::{Console, Remote, Suspended};
pub use output::backend::{SharedSize, Speech};
pub use output::caps::Unfit;
pub use terminal::Signalled;
pub use update::{Event, update};
pub use view::view;

/// Slow work the reader runs off its thread (an index update), returning a
/// one-line summary for the status line (empty when there is nothing worth
/// saying). Run at start, and again whenever
/// the watched folder changes. It reports its progress (files done, total)
/// through the callback it is given, as often as it likes.
pub type BackgroundJob = Arc<dyn Fn(&dyn Fn(usize, usize)) -> anyhow::Result<String> + Send + Sync>;

/// Keeps the index up to date while the reader is open.
pub struct Indexer {
    pub job: BackgroundJob,
    /// The briefs folder, to update the index when files change in it.
    pub watch: Option<PathBuf>,
}

/// A bulk change of marks (or its undo) off the reader's thread, on a
/// connection to the state of its own: the reader's is not `Send`.
pub type MarkJob = Arc<dyn Fn(marks::Work) -> anyhow::Result<marks::Finished> + Send + Sync>;

/// The reader's work off its thread.
#[derive(Default)]
pub struct Workers {
    pub indexer: Option<Indexer>,
    /// Without it, bulk changes are made on the reader's thread.
    pub marks: Option<MarkJob>,
}

/// Opens the reader until the user quits.
pub fn run(catalog: &dyn Catalog, config: &Config, workers: Workers) -> anyhow::Result<()> {
    let env = theme::TermEnv::from_process();
    output::caps::check(env.term.as_deref())?;
    let (app, speech) = reader_for(config, &env)?;
    event_loop::run(app, catalog, config, workers, speech)
}

/// The reader as `env` says its terminal is, and what the terminal may be
/// sent: every terminal, local or remote, gets the same reader.
pub fn reader_for(config: &Config, env: &theme::TermEnv) -> anyhow::Result<(App, Speech)> {
    let keymap = keymap::Keymap::from_config(config)?;
    let theme = theme::Theme::from_config(config, env)?;
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(keymap, theme, &config.ui, today);
    app.hyperlinks &= hyperlink::terminal_allows(env.term.as_deref());
    app.open = config.open.clone();
    app.views = config
        .searches
        .iter()
        .map(|s| (s.name.clone(), s.query.source.clone()))
        .collect();
    let speech = Speech {
        depth: env.depth(),
        utf8: env.utf8(),
    };
    Ok((app, speech))
}

/// Runs the reader on a terminal that is not this process's (an SSH
/// client's) until the user quits or `remote` says to stop; see
/// [`event_loop::run_remote`].
pub fn run_remote<W: std::io::Write>(
    app: App,
    catalog: &dyn Catalog,
    config: &Config,
    workers: Workers,
    speech: Speech,
    remote: Remote<W>,
) -> std::io::Result<()> {
    event_loop::run_remote(app, catalog, config, workers, speech, remote)
}
