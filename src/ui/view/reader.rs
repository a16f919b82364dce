//! The reader pane: the lines `update` laid out, from the scroll line, with
//! the position at the bottom right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{highlight, pane_block, title_text, window};
use crate::ui::app::App;
use crate::ui::hyperlink::{link_cells, osc8_target};
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
    if app.hyperlinks && !r.raw {
        hyperlinks(app, frame, area);
    }
}

/// Link text on screen becomes an OSC 8 hyperlink, cell by cell (see
/// `ui/hyperlink.rs`); a URL we would not open is left plain.
fn hyperlinks(app: &App, frame: &mut Frame, area: Rect) {
    let r = &app.reader;
    let Some(doc) = &r.document else { return };
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let targets: Vec<Option<String>> = doc.links.iter().map(|l| osc8_target(&l.url)).collect();
    let buf = frame.buffer_mut();
    for row in 0..inner.height {
        let Some(cells) = r.link_cells.get(r.scroll + row as usize) else {
            break;
        };
        for c in cells {
            if let Some(Some(target)) = targets.get(c.link) {
                link_cells(buf, inner, row, (c.from, c.to), c.link, target);
            }
        }
    }
}
