//! Related articles (`R`): those sharing the most telling names with the
//! article in hand, over the panes; Enter opens one, Esc comes back.

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::App;
use super::layout::Pane;
use super::ops;
use super::sidebar::SidebarPane;
use crate::library::Catalog;
use crate::store::Related;
use crate::text::sanitize_line;

/// Related articles shown at most.
pub const SHOWN: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct RelatedOverlay {
    /// The article they relate to.
    pub title: String,
    pub rows: Vec<Related>,
    pub selected: usize,
}

/// Opens the overlay for the open article (reader, sidebar) or the list's
/// selection.
pub fn show(app: &mut App, cat: &dyn Catalog) {
    let Some(id) = ops::target(app) else { return };
    let title = app
        .reader
        .detail
        .as_ref()
        .filter(|d| d.summary.id == id)
        .map(|d| d.summary.title.clone())
        .or_else(|| app.list.selected_article().map(|a| a.title.clone()))
        .unwrap_or_else(|| id.clone());
    match cat.related(&id, SHOWN) {
        Ok(rows) if rows.is_empty() => app.inform("no related articles: it shares no names"),
        Ok(rows) => {
            app.related = Some(RelatedOverlay {
                title: sanitize_line(&title).to_string(),
                rows,
                selected: 0,
            })
        }
        Err(e) => app.complain(format!("cannot find related articles: {e:#}")),
    }
}

pub fn key(app: &mut App, cat: &dyn Catalog, key: &KeyEvent) {
    let Some(overlay) = app.related.as_mut() else {
        return;
    };
    let last = overlay.rows.len().saturating_sub(1);
    match app.keymap.action(key) {
        Some(Action::Down) => overlay.selected = (overlay.selected + 1).min(last),
        Some(Action::Up) => overlay.selected = overlay.selected.saturating_sub(1),
        Some(Action::Top) => overlay.selected = 0,
        Some(Action::Bottom) => overlay.selected = last,
        Some(Action::PageDown | Action::HalfPageDown) => {
            overlay.selected = (overlay.selected + 10).min(last)
        }
        Some(Action::PageUp | Action::HalfPageUp) => {
            overlay.selected = overlay.selected.saturating_sub(10)
        }
        Some(Action::Open) => {
            let id = overlay.rows.get(overlay.selected).map(|r| r.id.clone());
            app.related = None;
            if let Some(id) = id {
                open_article(app, cat, &id);
            }
        }
        Some(Action::Back | Action::Quit | Action::Related) => app.related = None,
        _ => {}
    }
}

/// Opens an article by id in the reader, selecting it in the list when it
/// is in view there, and marks it read.
pub fn open_article(app: &mut App, cat: &dyn Catalog, id: &str) {
    let list = &app.list;
    if let Ok(Some(position)) = cat.locate(&list.filter, list.grouping, app.today, id) {
        app.list.select_position(position);
        ops::fill_list(app, cat);
        if app.list.selected_article().is_some_and(|a| a.id == id) {
            return ops::open_selected(app, cat);
        }
    }
    ops::save_position(app, cat);
    match cat.article(id) {
        Ok(Some(detail)) => {
            app.sidebar = SidebarPane::build(Some(&detail));
            let unread = !detail.summary.read;
            app.reader.open(detail, &app.theme);
            app.focus = Pane::Reader;
            if unread {
                super::marks::set_read(app, cat, id, true);
            }
            app.relayout();
        }
        Ok(None) => app.complain("that article is no longer in the index"),
        Err(e) => app.complain(format!("cannot open the article: {e:#}")),
    }
}
