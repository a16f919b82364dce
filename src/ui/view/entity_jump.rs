//! The entity picker: what was typed, then one row per matching name,
//! best first, with its kind and how many articles name it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{display_width, sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::entity_jump::EntityJump;
use crate::ui::theme::Role;

pub fn render(app: &App, jump: &EntityJump, frame: &mut Frame, area: Rect) {
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2).min(72),
        height: area.height.saturating_sub(2),
    };
    if rect.width < 20 || rect.height < 5 {
        return;
    }
    let w = rect.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("name: ", app.theme.style(Role::Meta)),
        Span::raw(truncate(&sanitize_line(&jump.typed), w.saturating_sub(7))),
    ])];
    let rows = rect.height.saturating_sub(3) as usize;
    let offset = jump.selected.saturating_sub(rows.saturating_sub(1));
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
    let title = truncate(
        &format!(
            " Jump to a name ({} of {}) ",
            jump.picked_len(),
            jump.names.len()
        ),
        w,
    );
    let footer = Line::styled(
        truncate(" type to narrow · Enter: its page · Esc: back ", w),
        app.theme.style(Role::Meta),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::BorderFocused))
        .title(Span::styled(title, app.theme.style(Role::Title)))
        .title_bottom(footer.right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
