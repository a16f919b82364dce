//! The links overlay: the numbered list, or one link in full with what
//! Enter would do. Every URL is sanitised before it is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::open::check_url;
use crate::text::{display_width, sanitize_line, truncate, wrap};
use crate::ui::app::App;
use crate::ui::links::LinksOverlay;
use crate::ui::theme::Role;

pub fn render(app: &App, overlay: &LinksOverlay, frame: &mut Frame, area: Rect) {
    let most = centered(area);
    if most.width < 10 || most.height < 5 {
        return;
    }
    let inner_w = most.width.saturating_sub(2) as usize;
    let inner_h = most.height.saturating_sub(2) as usize;
    let (title, lines, footer) = if overlay.confirming {
        (
            " Open this link? ",
            confirm_lines(app, overlay, inner_w),
            "",
        )
    } else {
        (
            " Links ",
            list_lines(app, overlay, inner_w, inner_h),
            " 1-9/Enter: show · c: copy · Esc: close ",
        )
    };
    let footer = Line::styled(truncate(footer, inner_w), app.theme.style(Role::Meta));
    let block = Block::default()
        .title_bottom(footer.right_aligned())
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::BorderFocused))
        .title(Span::styled(title, app.theme.style(Role::Title)));
    let visible: Vec<Line> = lines.into_iter().take(inner_h).collect();
    // As tall as what it shows, so the article stays in sight around it.
    let rect = Rect {
        height: (visible.len() as u16 + 2).clamp(5, most.height),
        ..most
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(visible).block(block), rect);
}

fn centered(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(3);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    }
}

/// One row per link, numbered from 1, scrolled so the selection shows.
fn list_lines(
    app: &App,
    overlay: &LinksOverlay,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let offset = overlay.selected.saturating_sub(height.saturating_sub(1));
    overlay
        .links
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, url)| {
            let number = format!("{:>3} ", i + 1);
            let refused = check_url(url).is_err();
            let mark = if refused { "✗ " } else { "" };
            let room = width.saturating_sub(number.len() + mark.len());
            // The link's text first (what the reader showed before `[n]`),
            // then where it goes.
            let label = overlay
                .texts
                .get(i)
                .map(|t| sanitize_line(t))
                .unwrap_or_default();
            let label = if label.is_empty() {
                String::new()
            } else {
                format!("{} ", truncate(&label, (room / 2).max(8)))
            };
            let text = truncate(
                &sanitize_line(url),
                room.saturating_sub(display_width(&label)),
            );
            let mut style = if refused {
                app.theme.style(Role::Error)
            } else {
                app.theme.style(Role::Meta)
            };
            let mut label_style = Style::default();
            if i == overlay.selected {
                style = style.patch(app.theme.style(Role::Selected));
                label_style = label_style.patch(app.theme.style(Role::Selected));
            }
            Line::from(vec![
                Span::styled(number, app.theme.style(Role::Meta)),
                Span::styled(format!("{mark}{label}"), label_style),
                Span::styled(text, style),
            ])
        })
        .collect()
}

/// The whole URL, its host on a line of its own (where a look-alike shows),
/// and what the keys will do, or why the link is refused.
fn confirm_lines(app: &App, overlay: &LinksOverlay, width: usize) -> Vec<Line<'static>> {
    let Some(url) = overlay.selected_link() else {
        return Vec::new();
    };
    let mut out: Vec<Line> = wrap(&sanitize_line(url), width)
        .into_iter()
        .map(Line::raw)
        .collect();
    out.push(Line::raw(""));
    let key = |k: &str| Span::styled(k.to_string(), app.theme.style(Role::StatusKey));
    match check_url(url) {
        Ok(url) => {
            out.push(Line::from(vec![
                Span::styled("host: ", app.theme.style(Role::Meta)),
                Span::raw(truncate(&sanitize_line(host(url)), width.saturating_sub(6))),
            ]));
            out.push(Line::raw(""));
            out.push(Line::from(vec![
                key("Enter"),
                Span::raw("/"),
                key("y"),
                Span::raw(" opens · "),
                key("c"),
                Span::raw(" copies · "),
                key("Esc"),
                Span::raw(" back"),
            ]));
        }
        Err(refusal) => {
            out.push(Line::styled(
                truncate(&format!("Refused: {refusal}."), width),
                app.theme.style(Role::Error),
            ));
            out.push(Line::from(vec![key("Esc"), Span::raw(" back")]));
        }
    }
    out
}

/// The host of a checked URL (`https://user@host:port/path` → `host:port`
/// after the user part, which is shown separately by the full URL).
fn host(url: &str) -> &str {
    let rest = url.split_once("//").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn host_drops_user_path_and_query() {
        assert_eq!(host("https://example.org/a"), "example.org");
        assert_eq!(
            host("https://bank.example@evil.example:8443/x?y#z"),
            "evil.example:8443"
        );
        assert_eq!(host("http://h?q"), "h");
    }
}
