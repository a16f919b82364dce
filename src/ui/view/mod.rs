//! `view(&App, &mut Frame)`: a pure function of the state. No catalog, no
//! files; the reader's text was wrapped by `update`, this only slices it.

mod help;
mod links;
mod list;
mod reader;
mod sidebar;
mod status;

pub use help::overlay_extent;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    if let Some(overlay) = &app.links {
        links::render(app, overlay, frame, area);
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

/// Marks every case-insensitive occurrence of `needle` in a line, keeping
/// each span's own style under the mark.
fn highlight(line: Line<'static>, needle: &str, mark: Style) -> Line<'static> {
    let needle = needle.to_lowercase();
    if needle.is_empty() {
        return line;
    }
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in line.spans {
        let text = span.content.to_string();
        let lower = text.to_lowercase();
        // Lower-casing can change byte lengths (rare scripts): then the
        // offsets would not line up, so leave such a span unmarked.
        if lower.len() != text.len() || !lower.contains(&needle) {
            spans.push(span);
            continue;
        }
        let mut at = 0;
        for (start, _) in lower.match_indices(&needle) {
            if start < at
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(start + needle.len())
            {
                continue;
            }
            if start > at {
                spans.push(Span::styled(text[at..start].to_string(), span.style));
            }
            let end = start + needle.len();
            spans.push(Span::styled(
                text[start..end].to_string(),
                span.style.patch(mark),
            ));
            at = end;
        }
        if at < text.len() {
            spans.push(Span::styled(text[at..].to_string(), span.style));
        }
    }
    Line { spans, ..line }
}

/// The rows of `items` that fit in `area`'s inner height from `offset`.
fn window<T>(items: &[T], offset: usize, area: Rect) -> &[T] {
    let h = area.height.saturating_sub(2) as usize;
    let start = offset.min(items.len());
    &items[start..(start + h).min(items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn highlight_marks_each_match_and_keeps_styles() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mark = Style::default().bg(Color::Yellow);
        let line = Line::from(vec![
            Span::styled("Grain and grain", bold),
            Span::raw(" prices"),
        ]);
        let out = highlight(line, "GRAIN", mark);
        let parts: Vec<(&str, Style)> = out
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("Grain", bold.patch(mark)),
                (" and ", bold),
                ("grain", bold.patch(mark)),
                (" prices", Style::default()),
            ]
        );
    }
}
