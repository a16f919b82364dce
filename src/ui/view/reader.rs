//! The reader pane: the lines `update` laid out, from the scroll line, with
//! the position at the bottom right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{highlight, pane_block, title_text, window};
use crate::ui::app::App;
use crate::ui::layout::Pane;
use crate::ui::theme::Role;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let r = &app.reader;
    let title = if r.raw { " Raw text " } else { " Reader " };
    let mut block = pane_block(app, Pane::Reader, title_text(title.to_string(), area.width));
    let label = r.position_label();
    if !label.is_empty() && area.width as usize > label.len() + 4 {
        block = block.title_bottom(
            Line::styled(format!(" {label} "), app.theme.style(Role::Meta)).right_aligned(),
        );
    }
    let body = if r.detail.is_none() {
        let hint = app
            .keymap
            .hint(crate::ui::action::Action::Open)
            .unwrap_or("Enter");
        Paragraph::new(format!("{hint} opens the selected article."))
    } else {
        let mut lines = window(&r.lines, r.scroll, area).to_vec();
        if let Some(search) = &app.search {
            let mark = app.theme.style(Role::Match);
            lines = lines
                .into_iter()
                .map(|l| highlight(l, search, mark))
                .collect();
        }
        Paragraph::new(lines)
    };
    frame.render_widget(body.block(block), area);
}
