//! The status line: mode, view, message or prompt on the left; failures and
//! key hints (from the live keymap) on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{display_width, sanitize_line, truncate};
use crate::ui::action::Action;
use crate::ui::app::{App, Overlay};
use crate::ui::keymap::Keymap;
use crate::ui::layout::Pane;
use crate::ui::prompt::PromptKind;
use crate::ui::theme::Role;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let base = app.theme.style(Role::Status);
    let width = area.width as usize;
    if let Some(p) = &app.prompt {
        let (before, after) = p.around_cursor();
        let (before, after) = (sanitize_line(before), sanitize_line(after));
        let end = if after.is_empty() { "_" } else { "" };
        let text = format!("{}{before}{after}{end}", p.label());
        let error = p.error.as_ref().map(|e| format!("{} ", sanitize_line(e)));
        let help = match (&error, p.kind) {
            (Some(e), _) => e.as_str(),
            (None, PromptKind::Search) if p.selected => "type to replace · → keeps · Esc cancels ",
            (None, PromptKind::Search) => "Enter keeps · Esc cancels ",
            (None, _) => "Tab completes · Enter applies · Esc cancels ",
        };
        let help_style = if error.is_some() {
            app.theme.style(Role::Error)
        } else {
            app.theme.style(Role::Meta)
        };
        // The typed text, a selection shown as such, the cursor as a
        // reversed cell (the terminal's own cursor stays hidden).
        let text_style = if p.selected {
            app.theme.style(Role::Selected)
        } else {
            Default::default()
        };
        let cursor_style =
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        let mut after_chars = after.chars();
        // At the end of the line the cursor is the prompt's `_`.
        let under = after_chars.next().map_or("_".to_string(), String::from);
        let edited = vec![
            Span::raw(p.label()),
            Span::styled(before, text_style),
            Span::styled(under, cursor_style),
            Span::styled(after_chars.as_str().to_string(), text_style),
        ];
        let text_w = display_width(&text);
        let line = if error.is_some() && text_w + display_width(help) >= width {
            // The problem matters more than the end of the explanation.
            let room = width.saturating_sub(text_w + 1);
            let mut spans = edited;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(truncate(help, room), help_style));
            Line::from(spans)
        } else if text_w + display_width(help) < width {
            let pad = width - text_w - display_width(help);
            let mut spans = edited;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(help, help_style));
            Line::from(spans)
        } else {
            Line::raw(truncate(&text, width))
        };
        frame.render_widget(Paragraph::new(line).style(base), area);
        return;
    }
    let mut left = format!(" {} ", mode(app));
    if app.list.filter != Default::default() {
        left.push_str(&format!("{} ", sanitize_line(&app.list.filter.describe())));
    }
    let mut spans = vec![Span::raw(left)];
    if let Some(running) = &app.bulk {
        spans.push(Span::raw(format!("{} ", running.label)));
    }
    if app.indexing {
        spans.push(Span::raw(format!(
            "{} ",
            indexing_label(app.index_progress)
        )));
    }
    if let Some(m) = &app.message {
        let style = if m.error {
            app.theme.style(Role::Error)
        } else {
            Default::default()
        };
        spans.push(Span::styled(format!("{} ", sanitize_line(&m.text)), style));
    }
    let mut right = Vec::new();
    if !app.failures.is_empty() {
        let key = app.keymap.hint(Action::Failures).unwrap_or("");
        right.push(Span::styled(
            format!("{} failed ({key}) ", app.failures.len()),
            app.theme.style(Role::Error),
        ));
    }
    let left_w: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let mut right_w: usize = right.iter().map(|s| display_width(&s.content)).sum();
    for (keys, what) in hints(&app.keymap, &wanted(app)) {
        let w = display_width(&keys) + display_width(&what) + 2;
        if left_w + right_w + w > width {
            // A shorter hint further on may still fit.
            continue;
        }
        right_w += w;
        right.push(Span::styled(keys, app.theme.style(Role::StatusKey)));
        right.push(Span::raw(format!(" {what} ")));
    }
    if left_w + right_w <= width {
        spans.push(Span::raw(" ".repeat(width - left_w - right_w)));
        spans.extend(right);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(base), area);
}

fn mode(app: &App) -> &'static str {
    if app.entity_jump.is_some() {
        return "JUMP";
    }
    match (app.overlay, app.focus) {
        (Some(Overlay::Help { .. }), _) => "HELP",
        (Some(Overlay::Failures { .. }), _) => "FAILED",
        (Some(Overlay::Views { .. }), _) => "VIEWS",
        (None, Pane::List) => "LIST",
        (None, Pane::Reader) => "READ",
        (None, Pane::Sidebar) => "NAMES",
    }
}

/// The few hints worth the room for the focused pane, most useful first.
fn wanted(app: &App) -> Vec<(&'static [Action], &'static str)> {
    if let Some(Overlay::Views { .. }) = app.overlay {
        // Letters narrow the picker there, so j/k would mislead; the
        // arrows move, as in any picker.
        return vec![(&[Action::Open], "show"), (&[Action::Back], "close")];
    }
    if app.entity_jump.is_some() {
        return vec![(&[Action::Open], "its page"), (&[Action::Back], "close")];
    }
    if app.overlay.is_some() {
        return vec![
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Back], "close"),
        ];
    }
    let mut w: Vec<(&'static [Action], &'static str)> = match app.focus {
        Pane::List => vec![
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "open"),
        ],
        Pane::Reader => vec![
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Back], "list"),
        ],
        Pane::Sidebar => vec![
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "articles"),
        ],
    };
    w.push((&[Action::Help], "help"));
    if app.areas().sidebar_folded {
        // Folded for width: say how to bring the names back.
        w.push((&[Action::ToggleSidebar], "names"));
    }
    w.extend([
        (&[Action::Quit][..], "quit"),
        (&[Action::Tag][..], "tag"),
        (&[Action::Bookmark][..], "bookmark"),
    ]);
    w
}

/// `("j/k", "move")` for each wanted hint whose actions have a key.
pub fn hints(keymap: &Keymap, wanted: &[(&[Action], &str)]) -> Vec<(String, String)> {
    wanted
        .iter()
        .filter_map(|(actions, what)| {
            let keys: Vec<&str> = actions.iter().filter_map(|a| keymap.hint(*a)).collect();
            (!keys.is_empty()).then(|| (keys.join("/"), what.to_string()))
        })
        .collect()
}

/// `indexing…` until the update knows its work, then `indexing 12,345 /
/// 100,000`.
fn indexing_label(progress: Option<(usize, usize)>) -> String {
    match progress {
        Some((done, total)) if total > 0 => {
            format!("indexing {} / {}", thousands(done), thousands(total))
        }
        _ => "indexing…".to_string(),
    }
}

/// `100000` → `100,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_files_done_of_total() {
        assert_eq!(indexing_label(None), "indexing…");
        // Nothing to read yet (or nothing at all): no "0 / 0".
        assert_eq!(indexing_label(Some((0, 0))), "indexing…");
        assert_eq!(
            indexing_label(Some((12_345, 100_000))),
            "indexing 12,345 / 100,000"
        );
        assert_eq!(indexing_label(Some((7, 999))), "indexing 7 / 999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
