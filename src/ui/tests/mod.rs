//! The reader driven like a user would: key events into `update`, the
//! screen read back from a `TestBackend`, at several sizes. Helpers here;
//! `screens` checks what is drawn, `actions` what the keys do.

mod actions;
mod bulk;
mod counts;
mod faults;
mod follow;
mod hostile;
mod layout;
mod links;
mod markdown;
mod screens;
mod search;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keymap::{Key, Keymap};
use super::testing::FakeCatalog;
use super::theme::{TermEnv, Theme};
use super::{App, Event, update, view};
use crate::config::Config;

pub(super) fn env(utf8: bool) -> TermEnv {
    TermEnv {
        locale: Some(if utf8 { "C.UTF-8" } else { "C" }.into()),
        term: Some("xterm".into()),
        ..Default::default()
    }
}

pub(super) fn app_for(cat: &FakeCatalog, w: u16, h: u16, config: &Config) -> App {
    let keymap = Keymap::from_config(config).unwrap();
    let theme = Theme::from_config(config, &env(true)).unwrap();
    let mut app = App::new(keymap, theme, &config.ui, "2026-11-21".parse().unwrap());
    app.size = Rect::new(0, 0, w, h);
    super::update::start(&mut app, cat);
    app.relayout();
    app
}

pub(super) fn app(cat: &FakeCatalog, w: u16, h: u16) -> App {
    app_for(cat, w, h, &Config::builtin())
}

/// Types keys given by their `[keys]` names, or text for a prompt.
pub(super) fn keys(app: &mut App, cat: &FakeCatalog, names: &[&str]) {
    for name in names {
        let key = Key::parse(name).unwrap_or_else(|| panic!("key {name}"));
        update(app, cat, Event::Key(KeyEvent::new(key.code, key.mods)));
    }
}

pub(super) fn type_text(app: &mut App, cat: &FakeCatalog, text: &str) {
    for c in text.chars() {
        let name = if c == ' ' {
            "Space".to_string()
        } else {
            c.to_string()
        };
        keys(app, cat, &[&name]);
    }
}

pub(super) fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

pub(super) fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

pub(super) fn screen(app: &App) -> String {
    text(&render(app))
}

pub(super) fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}
