//! Overlays: the help generated from the live keymap, and the list of
//! files that failed to load.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{sanitize_line, truncate, wrap};
use crate::ui::action::Action;
use crate::ui::app::{App, Overlay};
use crate::ui::keymap::Keymap;
use crate::ui::theme::Role;

pub fn render(app: &App, overlay: Overlay, frame: &mut Frame, area: Rect) {
    let rect = centered(area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let inner_w = rect.width.saturating_sub(2) as usize;
    let (title, lines, scroll) = match overlay {
        Overlay::Help { scroll } => (
            " Keys ".to_string(),
            help_lines(&app.keymap, inner_w, app),
            scroll,
        ),
        Overlay::Failures { scroll } => (
            " Files that failed to load ".to_string(),
            failure_lines(app, inner_w),
            scroll,
        ),
        Overlay::Views { selected } => {
            let h = rect.height.saturating_sub(2) as usize;
            (
                if app.views_typed.is_empty() {
                    " Saved searches (type to narrow) ".to_string()
                } else {
                    format!(" Saved searches: {} ", sanitize_line(&app.views_typed))
                },
                view_lines(app, selected, inner_w),
                (selected + 1).saturating_sub(h.max(1)),
            )
        }
    };
    let h = rect.height.saturating_sub(2) as usize;
    let total = lines.len();
    let scroll = scroll.min(total.saturating_sub(h));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    let hint = |a: Action| app.keymap.hint(a).unwrap_or("?").to_string();
    let mut footer = format!(" {} closes ", hint(Action::Back));
    if total > h {
        footer = format!(
            " {}-{} of {} · {}/{} scroll ·{footer}",
            scroll + 1,
            (scroll + h).min(total),
            total,
            hint(Action::Down),
            hint(Action::Up)
        );
    }
    let footer =
        Line::styled(truncate(&footer, inner_w), app.theme.style(Role::Meta)).right_aligned();
    let block = Block::default()
        .title_bottom(footer)
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::BorderFocused))
        .title(Span::styled(title, app.theme.style(Role::Title)));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(visible).block(block), rect);
}

/// (lines in the overlay, rows it shows) at the app's size, so `update`
/// can keep the scroll within the text.
pub fn overlay_extent(app: &App, overlay: Overlay) -> (usize, usize) {
    let rect = centered(app.size);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let total = match overlay {
        Overlay::Help { .. } => Action::ALL.len(),
        Overlay::Failures { .. } => failure_lines(app, inner_w).len(),
        Overlay::Views { .. } => app.picked_views().len(),
    };
    (total, rect.height.saturating_sub(2) as usize)
}

/// "Every article", then each saved search with its query; the selected
/// one marked.
fn view_lines(app: &App, selected: usize, width: usize) -> Vec<Line<'static>> {
    let all = std::iter::once(("Every article".to_string(), String::new()));
    let entries: Vec<(String, String)> = all.chain(app.views.iter().cloned()).collect();
    app.picked_views()
        .into_iter()
        .filter_map(|index| entries.get(index).cloned())
        .enumerate()
        .map(|(i, (name, query))| {
            let text = if query.is_empty() {
                format!(" {name}")
            } else {
                format!(" {name}  · {query}")
            };
            let text = truncate(&sanitize_line(&text), width);
            if i == selected {
                let pad = width.saturating_sub(crate::text::display_width(&text));
                Line::styled(
                    format!("{text}{}", " ".repeat(pad)),
                    app.theme.style(Role::Selected),
                )
            } else {
                Line::raw(text)
            }
        })
        .collect()
}

fn centered(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(76);
    let h = area.height.saturating_sub(3);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    }
}

/// One line per action: its keys as configured, then what it does.
pub fn help_lines(keymap: &Keymap, width: usize, app: &App) -> Vec<Line<'static>> {
    let key_w = 16.min(width / 3);
    Action::ALL
        .iter()
        .map(|&a| {
            let keys = keymap.keys(a).join(" ");
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys
            };
            let keys = truncate(&keys, key_w);
            let pad = key_w.saturating_sub(crate::text::display_width(&keys)) + 1;
            Line::from(vec![
                Span::styled(keys, app.theme.style(Role::StatusKey)),
                Span::raw(" ".repeat(pad)),
                Span::raw(truncate(a.describe(), width.saturating_sub(key_w + 1))),
            ])
        })
        .collect()
}

fn failure_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if app.failures.is_empty() {
        return vec![Line::raw("No file failed to load.")];
    }
    let mut out = Vec::new();
    for (path, reason) in &app.failures {
        for l in wrap(&sanitize_line(path), width) {
            out.push(Line::styled(l, app.theme.style(Role::Error)));
        }
        for l in wrap(&sanitize_line(reason), width.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    out
}
