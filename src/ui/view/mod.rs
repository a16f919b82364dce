//! `view(&App, &mut Frame)`: a pure function of the state. No catalog, no
//! files; the reader's text was wrapped by `update`, this only slices it.

mod entity_jump;
mod entity_page;
mod help;
mod links;
mod list;
mod picker;
mod reader;
mod related;
mod sidebar;
mod status;

pub use help::overlay_extent;

use crate::ui::search::ActiveSearch;
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
    let areas = layout::areas(area, app.choices());
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
    if let Some(related) = &app.related {
        related::render(app, related, frame, area);
    }
    if let Some(jump) = &app.entity_jump {
        entity_jump::render(app, jump, frame, area);
    }
    if let Some(page) = &app.entity_page {
        entity_page::render(app, page, frame, area);
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

/// Marks what the search matches in a line (words as the full-text index
/// splits them), keeping each span's own style under the mark.
fn highlight(line: Line<'static>, search: &ActiveSearch, mark: Style) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let ranges = crate::query::find_highlights(&text, &search.highlights);
    if ranges.is_empty() {
        return line;
    }
    let mut spans = Vec::with_capacity(line.spans.len() + 2 * ranges.len());
    let mut start = 0;
    for span in line.spans {
        let end = start + span.content.len();
        let mut at = start;
        for r in &ranges {
            let (a, b) = (r.start.max(at), r.end.min(end));
            if a >= b {
                continue;
            }
            if a > at {
                spans.push(Span::styled(text[at..a].to_string(), span.style));
            }
            spans.push(Span::styled(text[a..b].to_string(), span.style.patch(mark)));
            at = b;
        }
        if at < end {
            spans.push(Span::styled(text[at..end].to_string(), span.style));
        }
        start = end;
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

    fn parts<'a>(line: &'a Line) -> Vec<(&'a str, Style)> {
        line.spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect()
    }

    #[test]
    fn highlight_marks_each_match_and_keeps_styles() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mark = Style::default().bg(Color::Yellow);
        let line = Line::from(vec![
            Span::styled("Grain and grain", bold),
            Span::raw(" prices"),
        ]);
        let search = ActiveSearch {
            source: "GRAIN".into(),
            highlights: vec![crate::query::Highlight {
                words: vec!["grain".into()],
                prefix: false,
            }],
        };
        let out = highlight(line, &search, mark);
        assert_eq!(
            parts(&out),
            vec![
                ("Grain", bold.patch(mark)),
                (" and ", bold),
                ("grain", bold.patch(mark)),
                (" prices", Style::default()),
            ]
        );
        // A match across two spans is marked in both, each keeping its style.
        let split = Line::from(vec![Span::styled("Gra", bold), Span::raw("in rises")]);
        let out = highlight(split, &search, mark);
        assert_eq!(
            parts(&out),
            vec![
                ("Gra", bold.patch(mark)),
                ("in", Style::default().patch(mark)),
                (" rises", Style::default()),
            ]
        );
    }
}
