//! The entity picker: what was typed, then one row per matching name,
//! best first, with its kind and how many articles name it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::picker;
use crate::text::{display_width, sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::entity_jump::EntityJump;
use crate::ui::theme::Role;

pub fn render(app: &App, jump: &EntityJump, frame: &mut Frame, area: Rect) {
    let Some(rect) = picker::area(area, 72) else {
        return;
    };
    let w = picker::inner_width(rect);
    let mut lines = vec![Line::from(vec![
        Span::styled("name: ", app.theme.style(Role::Meta)),
        Span::raw(truncate(&sanitize_line(&jump.typed), w.saturating_sub(7))),
    ])];
    let rows = rect.height.saturating_sub(3) as usize;
    let offset = picker::first_shown(jump.selected, rows);
    for (i, n) in jump.picked().enumerate().skip(offset).take(rows) {
        let meta = format!(" {} · {}", n.kind.as_str(), n.articles);
        let room = w.saturating_sub(display_width(&meta) + 1);
        let name = truncate(&sanitize_line(&n.name), room);
        let pad = " ".repeat(room.saturating_sub(display_width(&name)));
        let mut name = Span::raw(format!(" {name}{pad}"));
        if i == jump.selected {
            name = name.style(app.theme.style(Role::Selected));
        }
        lines.push(Line::from(vec![
            name,
            Span::styled(meta, app.theme.style(Role::Meta)),
        ]));
    }
    if jump.picked_len() == 0 {
        lines.push(Line::styled(
            " no name matches",
            app.theme.style(Role::Meta),
        ));
    }
    let title = format!(
        " Jump to a name ({} of {}) ",
        jump.picked_len(),
        jump.names.len()
    );
    let keys = " type to narrow · Enter: its page · Esc: back ";
    picker::draw(app, frame, rect, &title, keys, lines);
}
