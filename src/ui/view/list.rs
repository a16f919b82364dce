//! The list pane: one line per article (markers, date, title, tags) under
//! optional group headers; the count and the filter in its title.

use chrono::{Datelike, NaiveDate};
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
    let mut title = format!(
        " Articles {} · {}",
        list.total_label(),
        sanitize_line(&what)
    );
    if list.grouping != Grouping::None {
        title.push_str(&format!(" · by {}", list.grouping.name()));
    }
    title.push(' ');
    let block = pane_block(app, Pane::List, title_text(title, area.width));
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let dates = DateColumn::for_page(&list.page, app.today);
    let lines: Vec<Line> = (list.offset..list.offset + height)
        .map_while(|r| Some((r, list.row(r)?)))
        .map(|(r, row)| {
            let selected = r == list.selected;
            match row {
                Row::Header(g) => Line::from(Span::styled(
                    truncate(
                        &format!(
                            "{} ({})",
                            sanitize_line(list.group_name(g)),
                            list.groups.get(g).map_or(0, |g| g.count)
                        ),
                        width,
                    ),
                    app.theme.style(Role::Group),
                )),
                // Not fetched (the catalog failed): an empty line, the
                // status line says why.
                Row::Article(p) => match list.article_at(p) {
                    Some(a) => {
                        let line = article_line(a, width, selected, dates, &app.theme);
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

/// `●★ 20 Nov Title #tag +2`: markers, the date (with its year when not
/// this year's), the title whole when it fits, then the tags that fit and
/// a count of the rest. The date goes first when very narrow.
pub fn article_line(
    a: &ArticleSummary,
    width: usize,
    selected: bool,
    dates: DateColumn,
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
    if let Some(date) = date_text(a.date, width, dates) {
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
    let room = width.saturating_sub(used);
    // A desk tag says who set it: `#@urgent(ana)`.
    let tags: Vec<String> = a
        .tags
        .iter()
        .map(|t| match a.desk_tags.iter().find(|d| &d.tag == t) {
            Some(d) => sanitize_line(&format!("{t}({})", d.set_by)),
            None => sanitize_line(t),
        })
        .collect();
    // The title first: whole when it fits, else 60 columns when the row
    // has them to spare beside a tag count, else two thirds of the row;
    // the tags get what it leaves.
    let title_w = display_width(&title);
    let shown = if title_w <= room || tags.is_empty() {
        cut_at_word(&title, room)
    } else {
        let keep = if room >= TITLE_KEEP + 7 {
            TITLE_KEEP
        } else {
            room * 2 / 3
        };
        let tag_w = display_width(&fit_tags(&tags, room - keep));
        cut_at_word(&title, room - tag_w)
    };
    let tag_text = fit_tags(&tags, room.saturating_sub(display_width(&shown)));
    let title_style = if a.read {
        Style::default()
    } else {
        theme.style(Role::Unread)
    };
    spans.push(Span::styled(shown, title_style));
    if !tag_text.is_empty() {
        spans.push(Span::styled(tag_text, theme.style(Role::Tag)));
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

/// The date column: `20 Nov` this year, `20 Oct 1987` another (the year
/// alone when narrow), padded to the column the page needs so titles line
/// up; none when the row is tiny.
fn date_text(date: Option<NaiveDate>, width: usize, dates: DateColumn) -> Option<String> {
    if width < 24 {
        return None;
    }
    let wide = width >= 50;
    let this_year = |d: NaiveDate| d.year() == dates.today.year();
    let text = match date {
        Some(d) if this_year(d) => d.format("%e %b").to_string(),
        Some(d) if wide => d.format("%e %b %Y").to_string(),
        Some(d) => format!("{:>6}", d.year()),
        None if wide && dates.years => "undated".to_string(),
        None => "  --  ".to_string(),
    };
    let column = if wide && dates.years { 11 } else { 6 };
    Some(format!("{text:<column$}"))
}

/// What the date column needs to know: today, and whether any article
/// held by the list is from another year (then the column has room for
/// years, so titles stay aligned as the list scrolls).
#[derive(Debug, Clone, Copy)]
pub struct DateColumn {
    pub today: NaiveDate,
    pub years: bool,
}

impl DateColumn {
    pub fn for_page(page: &[ArticleSummary], today: NaiveDate) -> DateColumn {
        DateColumn {
            today,
            years: page
                .iter()
                .any(|a| a.date.is_some_and(|d| d.year() != today.year())),
        }
    }
}

/// A title cut for tags keeps at least this many columns when it can.
const TITLE_KEEP: usize = 60;

/// ` #a #b +2`: the tags that fit in `budget` columns (a long one is
/// skipped for shorter ones after it), then how many did not, when the
/// count itself fits.
fn fit_tags(tags: &[String], budget: usize) -> String {
    let count_w = |n: usize| if n == 0 { 0 } else { n.to_string().len() + 2 };
    let mut shown = String::new();
    let mut left_out = 0;
    for (i, tag) in tags.iter().enumerate() {
        let piece = format!(" #{tag}");
        let rest = tags.len() - i - 1;
        let need = display_width(&shown) + display_width(&piece) + count_w(left_out + rest);
        if need <= budget {
            shown.push_str(&piece);
        } else {
            left_out += 1;
        }
    }
    if left_out > 0 && display_width(&shown) + count_w(left_out) <= budget {
        shown.push_str(&format!(" +{left_out}"));
    }
    shown
}

/// `text` whole when it fits in `width` columns, else cut after the last
/// whole word that leaves room for `…` (mid-word only when the first word
/// alone is too long).
pub fn cut_at_word(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let cut = truncate(text, width);
    let kept = cut.trim_end_matches('…');
    // Where the cut fell: inside a word unless the next character of the
    // full text is a space.
    let next_is_space = text[kept.len()..].starts_with(char::is_whitespace);
    if next_is_space {
        return format!("{}…", kept.trim_end());
    }
    match kept.rfind(char::is_whitespace) {
        Some(i) if !kept[..i].trim_end().is_empty() && display_width(&kept[..i]) * 2 >= width => {
            format!("{}…", kept[..i].trim_end())
        }
        _ => cut,
    }
}
