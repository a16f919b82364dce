//! The related articles overlay: one row per article, best first, with
//! its date, title and the names it shares.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::picker;
use crate::text::{sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::related::RelatedOverlay;
use crate::ui::theme::Role;

pub fn render(app: &App, overlay: &RelatedOverlay, frame: &mut Frame, area: Rect) {
    let Some(rect) = picker::area(area, u16::MAX) else {
        return;
    };
    let w = picker::inner_width(rect);
    // Two lines per article: the article, then what it shares.
    let per_page = (rect.height.saturating_sub(2) as usize / 2).max(1);
    let offset = picker::first_shown(overlay.selected, per_page);
    let mut lines = Vec::new();
    for (i, r) in overlay.rows.iter().enumerate().skip(offset).take(per_page) {
        let date = r.date.map_or_else(
            || "undated   ".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        let score = format!("{:>5.1} ", r.score);
        let room = w.saturating_sub(date.len() + score.len() + 1);
        let mut title = Span::raw(truncate(&sanitize_line(&r.title), room));
        if i == overlay.selected {
            title = title.style(app.theme.style(Role::Selected));
        }
        lines.push(Line::from(vec![
            Span::styled(score, app.theme.style(Role::Meta)),
            Span::styled(date, app.theme.style(Role::Date)),
            Span::raw(" "),
            title,
        ]));
        let shared = r
            .shared
            .iter()
            .map(|s| sanitize_line(s))
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::styled(
            truncate(&format!("      shared: {shared}"), w),
            app.theme.style(Role::Meta),
        ));
    }
    let title = format!(" Related to {} ({}) ", overlay.title, overlay.rows.len());
    picker::draw(app, frame, rect, &title, " Enter: open · Esc: back ", lines);
}
