//! Key-to-screen latency through the reader's own update and view, drawn
//! on ratatui's TestBackend: what a keypress costs before the terminal.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use brief::config::Config;
use brief::library::Catalog;
use brief::ui::keymap::{Key, Keymap};
use brief::ui::theme::{TermEnv, Theme};
use brief::ui::{App, Event, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// The reader as it opens: state built, first screen loaded and drawn.
pub struct Session {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Session {
    pub fn open(cat: &dyn Catalog, config: &Config) -> Result<Session> {
        let keymap = Keymap::from_config(config)?;
        let env = TermEnv {
            locale: Some("C.UTF-8".into()),
            term: Some("xterm-256color".into()),
            ..Default::default()
        };
        let theme = Theme::from_config(config, &env)?;
        let today = chrono::Local::now().date_naive();
        let mut app = App::new(keymap, theme, &config.ui, today);
        app.size = Rect::new(0, 0, WIDTH, HEIGHT);
        brief::ui::update::start(&mut app, cat);
        app.relayout();
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
        terminal.draw(|f| view(&app, f))?;
        Ok(Session { app, terminal })
    }

    /// One key by its `[keys]` name, then a redraw: the time of both.
    pub fn press(&mut self, cat: &dyn Catalog, name: &str) -> Result<Duration> {
        let key = Key::parse(name).ok_or_else(|| anyhow!("no key named {name}"))?;
        let t = Instant::now();
        let dirty = update(
            &mut self.app,
            cat,
            Event::Key(KeyEvent::new(key.code, key.mods)),
        );
        if dirty {
            let app = &self.app;
            self.terminal.draw(|f| view(app, f))?;
        }
        Ok(t.elapsed())
    }

    /// Types text into a prompt, one timed keystroke per character.
    pub fn type_text(&mut self, cat: &dyn Catalog, text: &str) -> Result<Vec<Duration>> {
        text.chars()
            .map(|c| {
                let name = if c == ' ' {
                    "Space".to_string()
                } else {
                    c.to_string()
                };
                self.press(cat, &name)
            })
            .collect()
    }

    /// The screen as text, to check a step did what it should.
    pub fn screen(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    }
}

/// Moving down the list `steps` times, each key timed to the redrawn screen.
pub fn list_steps(cat: &dyn Catalog, config: &Config, steps: usize) -> Result<Vec<Duration>> {
    let mut s = Session::open(cat, config)?;
    (0..steps).map(|_| s.press(cat, "j")).collect()
}

/// Search as you type (`/` in the list, the query language narrowing the
/// list with every key), each keystroke timed to the redrawn screen.
/// The searches typed key by key in every run, so figures from the main
/// bench and `--scale` compare.
pub const TYPED_SEARCHES: &[&str] = &["talks", "grain", "minister talks", "harbour -flood"];

pub fn search_keystrokes(
    cat: &dyn Catalog,
    config: &Config,
    words: &[&str],
) -> Result<Vec<Duration>> {
    let mut s = Session::open(cat, config)?;
    let mut all = Vec::new();
    for w in words {
        s.press(cat, "/")?;
        all.extend(s.type_text(cat, w)?);
        s.press(cat, "Esc")?;
    }
    Ok(all)
}
