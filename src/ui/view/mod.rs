//! `view(&App, &mut Frame)`: a pure function of the state. No catalog, no
//! files; the reader's text was wrapped by `update`, this only slices it.

mod help;
mod list;
mod reader;
mod sidebar;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::layout::{self, Pane};
use super::theme::Role;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::areas(area, app.focus, app.sidebar_on());
    if areas.too_small {
        let msg = format!(
            "terminal too small: needs {}x{}",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    if let Some(r) = areas.list {
        list::render(app, frame, r);
    }
    if let Some(r) = areas.reader {
        reader::render(app, frame, r);
    }
    if let Some(r) = areas.sidebar {
        sidebar::render(app, frame, r);
    }
    if let Some(r) = areas.status {
        status::render(app, frame, r);
    }
    if let Some(overlay) = app.overlay {
        help::render(app, overlay, frame, area);
    }
}

/// A pane's frame: the focused one stands out.
fn pane_block<'a>(app: &App, pane: Pane, title: Line<'a>) -> Block<'a> {
    let focused = app.focus == pane;
    let border = app.theme.style(if focused {
        Role::BorderFocused
    } else {
        Role::Border
    });
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(border)
        .title(title.style(if focused {
            border.patch(app.theme.style(Role::Title))
        } else {
            app.theme.style(Role::Title)
        }))
}

fn title_text(text: String, width: u16) -> Line<'static> {
    Line::from(Span::raw(crate::text::truncate(
        &text,
        width.saturating_sub(2) as usize,
    )))
}

/// The rows of `items` that fit in `area`'s inner height from `offset`.
fn window<T>(items: &[T], offset: usize, area: Rect) -> &[T] {
    let h = area.height.saturating_sub(2) as usize;
    let start = offset.min(items.len());
    &items[start..(start + h).min(items.len())]
}
