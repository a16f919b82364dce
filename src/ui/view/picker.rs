//! The box a picker draws over the screen (the related articles, the
//! entity picker): inset by a cell, a focused border, a title, the keys
//! along its foot, its rows scrolled so the selection shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::truncate;
use crate::ui::app::App;
use crate::ui::theme::Role;

/// The picker's box in `area`, at most `max_width` wide; `None` when the
/// screen is too small to draw one.
pub fn area(area: Rect, max_width: u16) -> Option<Rect> {
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2).min(max_width),
        height: area.height.saturating_sub(2),
    };
    (rect.width >= 20 && rect.height >= 5).then_some(rect)
}

/// The width inside the box's border.
pub fn inner_width(rect: Rect) -> usize {
    rect.width.saturating_sub(2) as usize
}

/// The first of the rows to show, `rows` at a time, so that `selected`
/// is among them.
pub fn first_shown(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

/// Draws `lines` in the box, over whatever was there.
pub fn draw(app: &App, frame: &mut Frame, rect: Rect, title: &str, keys: &str, lines: Vec<Line>) {
    let w = inner_width(rect);
    let footer = Line::styled(truncate(keys, w), app.theme.style(Role::Meta));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::BorderFocused))
        .title(Span::styled(
            truncate(title, w),
            app.theme.style(Role::Title),
        ))
        .title_bottom(footer.right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_among_the_rows_shown_and_a_small_screen_gets_no_box() {
        assert_eq!(first_shown(0, 5), 0);
        assert_eq!(first_shown(4, 5), 0);
        assert_eq!(first_shown(5, 5), 1);
        assert_eq!(first_shown(9, 1), 9);
        assert_eq!(first_shown(3, 0), 3);
        assert!(area(Rect::new(0, 0, 21, 10), 72).is_none());
        assert!(area(Rect::new(0, 0, 80, 6), 72).is_none());
        assert_eq!(
            area(Rect::new(0, 0, 200, 40), 72),
            Some(Rect::new(1, 1, 72, 38))
        );
    }
}
