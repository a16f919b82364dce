//! The entity sidebar: names in the open article by kind, each with how
//! many other articles name it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, title_text, window};
use crate::text::{display_width, sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::layout::Pane;
use crate::ui::sidebar::{SideRow, kind_heading, others};
use crate::ui::theme::Role;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane_block(
        app,
        Pane::Sidebar,
        // The counts are of other articles naming each one.
        title_text(" Named · other articles ".to_string(), area.width),
    );
    let width = area.width.saturating_sub(2) as usize;
    let Some(detail) = app.reader.detail.as_ref() else {
        frame.render_widget(Paragraph::new("No article open.").block(block), area);
        return;
    };
    if detail.entities.is_empty() {
        frame.render_widget(Paragraph::new("No names found.").block(block), area);
        return;
    }
    let side = &app.sidebar;
    let lines: Vec<Line> = window(&side.rows, side.offset, area)
        .iter()
        .enumerate()
        .filter_map(|(i, row)| match row {
            SideRow::Kind(k) => Some(Line::styled(kind_heading(*k), app.theme.style(Role::Group))),
            SideRow::Entity(e) => {
                let entity = detail.entities.get(*e)?;
                let count = format!(" {}", others(entity));
                let name = truncate(
                    &sanitize_line(&entity.name),
                    width.saturating_sub(2 + count.len()),
                );
                let pad = width.saturating_sub(2 + display_width(&name) + count.len());
                // Named nowhere else: nothing to follow, so it stands back.
                let name_style = if others(entity) == 0 {
                    app.theme.style(Role::Meta)
                } else {
                    Default::default()
                };
                let line = Line::from(vec![
                    Span::raw("  "),
                    Span::styled(name, name_style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, app.theme.style(Role::Meta)),
                ]);
                Some(if side.offset + i == side.selected {
                    line.patch_style(app.theme.style(Role::Selected))
                } else {
                    line
                })
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
