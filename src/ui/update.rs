//! `update(app, catalog, event)`: the only place the state changes. Events
//! come from the edge (the event loop, or a test); nothing here reads the
//! terminal.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Overlay};
use super::layout::Pane;
use super::marks;
use super::ops;
use super::prompt::{Outcome, Prompt, PromptKind};
use super::search;
use crate::library::Catalog;
use crate::query::ListFilter;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Text pasted into the terminal (bracketed paste), whole.
    Paste(String),
    /// The refresh timer: look for changes by other sessions.
    Tick,
    /// The background index update finished: its summary or its error.
    JobDone(Result<String, String>),
    /// How far the background index update has come: files done, total.
    IndexProgress(usize, usize),
    /// The bulk change on the worker is saved (what it did) or failed.
    BulkDone(Result<marks::Finished, String>),
    /// Files changed in the briefs folder; the event loop starts an index
    /// update (or queues one behind the running one).
    FilesChanged,
    /// SIGHUP/SIGTERM, or the terminal went away: save and leave.
    Hangup,
}

/// Applies one event. Returns whether the screen may have changed.
pub fn update(app: &mut App, cat: &dyn Catalog, event: Event) -> bool {
    let changed = apply(app, cat, event);
    if changed {
        // The list may have moved past the articles it holds.
        ops::fill_list(app, cat);
        ops::preview(app, cat);
    }
    changed
}

fn apply(app: &mut App, cat: &dyn Catalog, event: Event) -> bool {
    match event {
        Event::Key(key) => {
            if key.kind != KeyEventKind::Press {
                return false;
            }
            if let Some((esc, key)) = stray_escape(app, &key) {
                let first = apply(app, cat, Event::Key(esc));
                return apply(app, cat, Event::Key(key)) | first;
            }
            if app.prompt.is_some() {
                prompt_key(app, cat, &key);
                return true;
            }
            if app.confirm.is_some() {
                marks::confirm_key(app, cat, &key);
                return true;
            }
            if app.links.is_some() {
                super::links::key(app, &key);
                return true;
            }
            if app.entity_page.is_some() {
                super::entity_page::key(app, cat, &key);
                return true;
            }
            if app.related.is_some() {
                super::related::key(app, cat, &key);
                return true;
            }
            if app.entity_jump.is_some()
                && !matches!(
                    app.keymap.action(&key),
                    Some(Action::QuitNow | Action::Suspend)
                )
            {
                super::entity_jump::key(app, cat, &key);
                return true;
            }
            if matches!(app.overlay, Some(Overlay::Views { .. })) && views_typing(app, &key) {
                return true;
            }
            match app.keymap.action(&key) {
                Some(action) => act(app, cat, action),
                None => return false,
            }
        }
        // The links overlay takes keys only; the panes under it stay put.
        Event::Mouse(m) => {
            let over = app.links.is_some()
                || app.related.is_some()
                || app.entity_page.is_some()
                || app.entity_jump.is_some();
            return app.mouse && !over && mouse(app, m);
        }
        // Only a prompt takes text; elsewhere a paste is not keys to run.
        Event::Paste(text) => {
            let Some(prompt) = app.prompt.as_mut() else {
                return false;
            };
            let kind = prompt.kind;
            prompt.paste(&text);
            if kind == PromptKind::Search {
                search::typed(app, cat);
            }
        }
        Event::Resize(w, h) => {
            app.size = Rect::new(0, 0, w, h);
            app.relayout();
        }
        Event::Tick => {
            // An update another connection committed (the server's, for a
            // served reader, which runs none of its own): the list shows
            // what landed. The reader's own update reloads as it goes.
            let index = cat.index_version().ok();
            let landed = !app.indexing && index != app.index_seen;
            app.index_seen = index;
            if landed {
                ops::reload_list(app, cat);
            }
            let version = cat.state_version().ok();
            if version == app.version {
                // Idle: a list counted only in part is counted whole now,
                // not while a search is being typed (the next key changes it).
                if app.list.exact || app.prompt.is_some() {
                    return landed;
                }
                ops::count_whole_list(app, cat);
                return true;
            }
            ops::refresh(app, cat);
        }
        Event::IndexProgress(done, total) => {
            app.index_progress = Some((done, total));
            // An update commits in batches: the list shows each as it
            // lands (a first index grows on screen), the selection kept.
            let version = cat.index_version().ok();
            if version != app.index_seen {
                app.index_seen = version;
                ops::reload_list(app, cat);
            }
        }
        Event::JobDone(result) => {
            app.indexing = false;
            app.index_progress = None;
            match result {
                // Nothing changed: nothing to say.
                Ok(summary) if summary.is_empty() => {}
                Ok(summary) => app.inform(summary),
                Err(e) => app.complain(format!("indexing failed: {e}")),
            }
            ops::warn_if_read_only(app, cat);
            ops::load_failures(app, cat);
            ops::refresh(app, cat);
        }
        Event::BulkDone(result) => marks::finished(app, cat, result),
        Event::FilesChanged => {
            if app.indexing {
                return false;
            }
            app.indexing = true;
        }
        Event::Hangup => quit(app, cat),
    }
    true
}

/// An Esc and a key that arrived in one read (after a stall on a slow
/// link) come as one Alt+key; unless Alt+key means something, they are the
/// Esc and then the key the user typed.
fn stray_escape(app: &App, key: &KeyEvent) -> Option<(KeyEvent, KeyEvent)> {
    if !key.modifiers.contains(KeyModifiers::ALT) || app.keymap.action(key).is_some() {
        return None;
    }
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
    Some((esc, plain))
}

/// Loads what the first screen needs.
pub fn start(app: &mut App, cat: &dyn Catalog) {
    app.index_seen = cat.index_version().ok();
    ops::load_failures(app, cat);
    ops::refresh(app, cat);
    ops::warn_if_read_only(app, cat);
    ops::preview(app, cat);
}

fn quit(app: &mut App, cat: &dyn Catalog) {
    ops::save_position(app, cat);
    app.quit = true;
}

fn prompt_key(app: &mut App, cat: &dyn Catalog, key: &KeyEvent) {
    let Some(prompt) = app.prompt.as_mut() else {
        return;
    };
    let kind = prompt.kind;
    match prompt.key(key) {
        Outcome::Editing => {
            if kind == PromptKind::Search {
                search::typed(app, cat);
            }
        }
        Outcome::Cancel => {
            app.prompt = None;
            if kind == PromptKind::Search {
                search::cancel(app, cat);
            }
        }
        Outcome::Submit(text) => {
            app.prompt = None;
            match kind {
                PromptKind::Tags { all_in_view } => {
                    marks::change_tags(app, cat, &text, all_in_view)
                }
                PromptKind::ShowTag if !text.is_empty() => ops::show(
                    app,
                    cat,
                    ListFilter {
                        tag: Some(text),
                        ..ListFilter::default()
                    },
                ),
                PromptKind::ShowTag => {}
                PromptKind::Search => search::submit(app, cat, text),
            }
        }
    }
}

fn act(app: &mut App, cat: &dyn Catalog, action: Action) {
    if action == Action::QuitNow {
        return quit(app, cat);
    }
    // From anywhere, like quit_now: the state stays as it is.
    if action == Action::Suspend {
        return app.effects.push(super::effect::Effect::Suspend);
    }
    if let Some(overlay) = app.overlay {
        return overlay_action(app, cat, overlay, action);
    }
    app.message = None;
    match action {
        Action::QuitNow => quit(app, cat),
        Action::Suspend => {}
        // One level back: the reader (or names) to the list, the list quits.
        Action::Quit => match app.focus {
            Pane::List => quit(app, cat),
            Pane::Reader | Pane::Sidebar => {
                ops::save_position(app, cat);
                app.focus = Pane::List;
                app.relayout();
            }
        },
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Failures => {
            ops::load_failures(app, cat);
            app.overlay = Some(Overlay::Failures { scroll: 0 });
        }
        Action::FocusNext | Action::FocusPrev => {
            let panes = app.panes();
            let at = panes.iter().position(|&p| p == app.focus).unwrap_or(0);
            let step = if action == Action::FocusNext {
                1
            } else {
                panes.len() - 1
            };
            app.focus = panes[(at + step) % panes.len()];
            app.relayout();
        }
        // One pane at a time: the names are a pane to go to and leave.
        Action::ToggleSidebar if app.zoom || super::layout::full_width(app.size.width) => {
            app.focus = if app.focus == Pane::Sidebar {
                Pane::Reader
            } else {
                Pane::Sidebar
            };
            app.relayout();
        }
        Action::ToggleSidebar => {
            let on = !app.sidebar_on();
            app.sidebar_choice = Some(on);
            if !on && app.focus == Pane::Sidebar {
                app.focus = Pane::Reader;
            }
            app.relayout();
        }
        Action::Zoom => {
            app.zoom = !app.zoom;
            app.relayout();
            app.inform(if app.zoom {
                "zoomed: the focused pane has the screen"
            } else {
                "zoom off"
            });
        }
        Action::Group => {
            app.list.grouping = app.list.grouping.next();
            ops::reload_list(app, cat);
            app.inform(format!("grouped by {}", app.list.grouping.name()));
        }
        // Filled in by the search and links work (issues 6 and 8).
        Action::FilterHere => search::filter_here(app, cat),
        Action::EntityJump => super::entity_jump::show(app, cat),
        Action::Views => {
            app.views_typed.clear();
            app.overlay = Some(Overlay::Views { selected: 0 });
        }
        Action::Links => ops::show_links(app, cat),
        Action::Related => super::related::show(app, cat),
        Action::ToggleRaw => {
            app.reader.raw = !app.reader.raw;
            app.reader.relayout(&app.theme);
        }
        Action::Search => search::begin(app, cat),
        Action::NextMatch => search::jump(app, true),
        Action::PrevMatch => search::jump(app, false),
        Action::ToggleRead => marks::toggle_read(app, cat),
        Action::Bookmark => marks::toggle_bookmark(app, cat),
        Action::MarkAllRead => marks::mark_all(app, cat, true),
        Action::MarkAllUnread => marks::mark_all(app, cat, false),
        Action::Undo => marks::undo(app, cat),
        Action::Tag | Action::TagAll => {
            let tags = ops::tag_names(app, cat);
            let kind = PromptKind::Tags {
                all_in_view: action == Action::TagAll,
            };
            app.prompt = Some(Prompt::new(kind, tags));
        }
        Action::ShowTag => {
            let tags = ops::tag_names(app, cat);
            app.prompt = Some(Prompt::new(PromptKind::ShowTag, tags));
        }
        Action::ShowBookmarked => ops::show(
            app,
            cat,
            ListFilter {
                bookmarked_only: true,
                ..ListFilter::default()
            },
        ),
        Action::ShowUnread => ops::show(
            app,
            cat,
            ListFilter {
                unread_only: true,
                ..ListFilter::default()
            },
        ),
        Action::ShowAll => ops::show(app, cat, ListFilter::default()),
        Action::Open => match app.focus {
            Pane::List => ops::open_selected(app, cat),
            // Its page first; Enter there lists its articles.
            Pane::Sidebar => super::entity_page::open_selected(app, cat),
            Pane::Reader => {}
        },
        Action::Back => match app.focus {
            Pane::List => ops::back_in_list(app, cat),
            Pane::Reader | Pane::Sidebar => {
                ops::save_position(app, cat);
                app.focus = Pane::List;
                app.relayout();
            }
        },
        Action::Bottom if app.focus == Pane::List => {
            // The last article of a list counted only in part is not yet known.
            ops::count_whole_list(app, cat);
            move_by(app, step(app, action))
        }
        Action::Down | Action::Up | Action::Top | Action::Bottom => move_by(app, step(app, action)),
        Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => {
            move_by(app, step(app, action))
        }
    }
}

/// How far a movement action goes in the focused pane.
fn step(app: &App, action: Action) -> isize {
    let page = match app.focus {
        Pane::Reader => app.reader.height,
        _ => app.list_height(),
    }
    .max(2) as isize;
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        Action::HalfPageDown => page / 2,
        Action::HalfPageUp => -page / 2,
        Action::PageDown => page - 1,
        Action::PageUp => -(page - 1),
        _ => 0,
    }
}

fn move_by(app: &mut App, delta: isize) {
    match app.focus {
        Pane::List => app.list.move_by(delta),
        Pane::Reader => app.reader.scroll_by(delta),
        Pane::Sidebar => app.sidebar.move_by(delta.clamp(-1000, 1000)),
    }
    app.relayout();
}

fn overlay_action(app: &mut App, cat: &dyn Catalog, overlay: Overlay, action: Action) {
    let scroll = match overlay {
        Overlay::Help { scroll } | Overlay::Failures { scroll } => scroll,
        Overlay::Views { selected } => return views_action(app, cat, selected, action),
    };
    let (total, height) = super::view::overlay_extent(app, overlay);
    let page = height.max(2) - 1;
    let scroll = match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => scroll + page,
        Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => total,
        Action::Back | Action::Quit | Action::Help | Action::Failures | Action::Open => {
            app.overlay = None;
            return;
        }
        _ => return,
    };
    let scroll = scroll.min(total.saturating_sub(height));
    app.overlay = Some(match overlay {
        Overlay::Failures { .. } => Overlay::Failures { scroll },
        _ => Overlay::Help { scroll },
    });
}

/// Typing in the saved-searches picker narrows it (fuzzily, best match
/// first, selected): letters go to the filter rather than to their keys,
/// Backspace takes one back. Whether the key was taken.
fn views_typing(app: &mut App, key: &KeyEvent) -> bool {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return false;
    }
    match key.code {
        KeyCode::Char(c) if !c.is_control() => app.views_typed.push(c),
        KeyCode::Backspace if !app.views_typed.is_empty() => {
            app.views_typed.pop();
        }
        _ => return false,
    }
    app.overlay = Some(Overlay::Views { selected: 0 });
    true
}

/// The saved searches overlay: move, pick (Enter), close.
fn views_action(app: &mut App, cat: &dyn Catalog, selected: usize, action: Action) {
    let picked = app.picked_views();
    let last = picked.len().saturating_sub(1);
    let selected = match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Open => {
            let Some(&index) = picked.get(selected) else {
                return;
            };
            app.overlay = None;
            return search::show_view(app, cat, index);
        }
        Action::Back | Action::Quit | Action::Views => {
            app.overlay = None;
            return;
        }
        _ => selected,
    };
    app.overlay = Some(Overlay::Views { selected });
}

/// The wheel scrolls the pane under the pointer; a click focuses the pane
/// and selects the row under it.
fn mouse(app: &mut App, m: MouseEvent) -> bool {
    let areas = app.areas();
    let Some(pane) = areas.pane_at(m.column, m.row) else {
        return false;
    };
    let rect = areas.of(pane).unwrap_or_default();
    let delta = match m.kind {
        MouseEventKind::ScrollDown => 3,
        MouseEventKind::ScrollUp => -3,
        MouseEventKind::Down(MouseButton::Left) => {
            app.focus = pane;
            let row = m.row.saturating_sub(rect.y + 1) as usize;
            match pane {
                Pane::List => app.list.select_row(app.list.offset + row),
                Pane::Sidebar => app.sidebar.select_row(app.sidebar.offset + row),
                Pane::Reader => {}
            }
            app.relayout();
            return true;
        }
        _ => return false,
    };
    match pane {
        Pane::List => app.list.move_by(delta),
        Pane::Reader => app.reader.scroll_by(delta),
        Pane::Sidebar => app.sidebar.move_by(delta),
    }
    app.relayout();
    true
}
