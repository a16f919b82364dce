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
mod event_loop;
pub mod keymap;
pub mod layout;
pub mod list;
mod ops;
pub mod prompt;
pub mod reader;
pub mod sidebar;
mod terminal;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod update;
pub mod view;

use crate::config::Config;
use crate::library::Catalog;

pub use app::App;
pub use update::{Event, update};
pub use view::view;

/// Slow work the reader runs off its thread (an index update), returning a
/// one-line summary for the status line.
pub type BackgroundJob = Box<dyn FnOnce() -> anyhow::Result<String> + Send>;

/// Opens the reader until the user quits.
pub fn run(
    catalog: &dyn Catalog,
    config: &Config,
    job: Option<BackgroundJob>,
) -> anyhow::Result<()> {
    check_ui_config(config)?;
    let keymap = keymap::Keymap::from_config(config)?;
    let theme = theme::Theme::from_config(config, &theme::TermEnv::from_process())?;
    let today = chrono::Local::now().date_naive();
    let app = App::new(keymap, theme, &config.ui, today);
    event_loop::run(app, catalog, config, job)
}

/// `[ui] group` must name a grouping the list knows; a typo is an error
/// naming its line, not a silent "none".
fn check_ui_config(config: &Config) -> Result<(), crate::config::ConfigError> {
    if list::Grouping::parse_exact(&config.ui.group).is_some() {
        return Ok(());
    }
    let text = &config.source.text;
    let line = text
        .lines()
        .skip_while(|l| l.trim() != "[ui]")
        .position(|l| l.trim_start().starts_with("group"))
        .map(|i| text.lines().take_while(|l| l.trim() != "[ui]").count() + i + 1);
    Err(crate::config::ConfigError {
        file: config.source.name(),
        line,
        key: Some("ui.group".into()),
        message: format!(
            "unknown grouping `{}` (expected \"none\", \"topic\" or \"date\")",
            config.ui.group
        ),
    })
}

#[cfg(test)]
mod config_tests {
    use super::*;

    #[test]
    fn an_unknown_grouping_names_its_line() {
        let c = Config::parse("[ui]\nmouse = false\ngroup = \"topics\"\n", None).unwrap();
        let err = check_ui_config(&c).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("topics"), "{err}");
        for ok in ["none", "topic", "date"] {
            let c = Config::parse(&format!("[ui]\ngroup = \"{ok}\"\n"), None).unwrap();
            assert!(check_ui_config(&c).is_ok());
        }
        assert!(check_ui_config(&Config::builtin()).is_ok());
    }
}
