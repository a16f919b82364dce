//! The list pane: one line per article (markers, date, title, tags) under
//! optional group headers; the count and the filter in its title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{highlight, pane_block, title_text};
use crate::model::ArticleSummary;
use crate::text::{display_width, sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::layout::Pane;
use crate::ui::list::{Grouping, Row};
use crate::ui::theme::{Role, Theme};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let list = &app.list;
    let what = match &list.view {
        Some(name) => name.clone(),
        None => list.filter.describe(),
    };
    let mut title = format!(" Articles {} · {}", list.total(), sanitize_line(&what));
    if list.grouping != Grouping::None {
        title.push_str(&format!(" · by {}", list.grouping.name()));
    }
    title.push(' ');
    let block = pane_block(app, Pane::List, title_text(title, area.width));
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = (list.offset..list.offset + height)
        .map_while(|r| Some((r, list.row(r)?)))
        .map(|(r, row)| {
            let selected = r == list.selected;
            match row {
                Row::Header(g) => Line::from(Span::styled(
                    truncate(&sanitize_line(list.group_name(g)), width),
                    app.theme.style(Role::Group),
                )),
                // Not fetched (the catalog failed): an empty line, the
                // status line says why.
                Row::Article(p) => match list.article_at(p) {
                    Some(a) => {
                        let line = article_line(a, width, selected, &app.theme);
                        match &app.search {
                            Some(search) => highlight(line, search, app.theme.style(Role::Match)),
                            None => line,
                        }
                    }
                    None => Line::from(""),
                },
            }
        })
        .collect();
    let body = if list.is_empty() {
        Paragraph::new("No articles in this view.")
    } else {
        Paragraph::new(lines)
    };
    frame.render_widget(body.block(block), area);
}

/// `●★ 2026-11-20 Title  #tag`: the date is dropped first when narrow,
/// then the tags; the title is cut to what is left.
pub fn article_line(
    a: &ArticleSummary,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let glyphs = theme.glyphs;
    let mut spans = vec![
        if a.read {
            Span::raw(" ")
        } else {
            Span::styled(glyphs.unread, theme.style(Role::MarkerUnread))
        },
        if a.bookmarked {
            Span::styled(glyphs.bookmark, theme.style(Role::MarkerBookmark))
        } else {
            Span::raw(" ")
        },
        Span::raw(" "),
    ];
    let mut used = 3;
    // Full dates when there is room, "20 Nov" when not, none when tiny.
    let date = match (width >= 50, width >= 24, a.date) {
        (true, _, Some(d)) => Some(d.format("%Y-%m-%d").to_string()),
        (true, _, None) => Some("undated   ".to_string()),
        (false, true, Some(d)) => Some(d.format("%d %b").to_string()),
        (false, true, None) => Some("  --  ".to_string()),
        _ => None,
    };
    if let Some(date) = date {
        let role = if a.date.is_some() {
            Role::Date
        } else {
            Role::Meta
        };
        used += display_width(&date) + 1;
        spans.push(Span::styled(date, theme.style(role)));
        spans.push(Span::raw(" "));
    }
    let title = sanitize_line(&a.title);
    let tags: String = a
        .tags
        .iter()
        .map(|t| format!(" #{}", sanitize_line(t)))
        .collect();
    let room = width.saturating_sub(used);
    let show_tags = !tags.is_empty() && room >= display_width(&tags) + 12;
    let title_room = if show_tags {
        room - display_width(&tags)
    } else {
        room
    };
    let title_style = if a.read {
        Style::default()
    } else {
        theme.style(Role::Unread)
    };
    spans.push(Span::styled(truncate(&title, title_room), title_style));
    if show_tags {
        spans.push(Span::styled(tags, theme.style(Role::Tag)));
    }
    let line = Line::from(spans);
    if selected {
        // Fill the row so the highlight spans the pane.
        let pad = width.saturating_sub(line.width());
        let mut line = line;
        line.spans.push(Span::raw(" ".repeat(pad)));
        line.patch_style(theme.style(Role::Selected))
    } else {
        line
    }
}
