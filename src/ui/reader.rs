//! The reader pane's state: the open article, wrapped once for the pane's
//! width (again only when the width, the article or the raw toggle changes),
//! and the scroll position.

use ratatui::text::{Line, Span};

use super::document::{self, LayoutContext, LinkCells};
use super::links::{ArticleLink, article_links_of};
use super::theme::{Role, Theme};
use crate::ingest::document::Document;
use crate::model::ArticleDetail;
use crate::text::{sanitize, sanitize_line, wrap};

#[derive(Debug, Clone, Default)]
pub struct ReaderPane {
    pub detail: Option<ArticleDetail>,
    pub raw: bool,
    /// The article laid out for `width` columns.
    pub lines: Vec<Line<'static>>,
    /// For each laid-out line, the text line it came from (1-based; 0 for
    /// the header), so a reading position means the same at any width.
    pub origins: Vec<u32>,
    pub width: usize,
    pub scroll: usize,
    /// Rows the pane shows, from the last layout.
    pub height: usize,
    /// The open article as a Markdown document, parsed once when opened
    /// (None for scraped text, or an index entry older than its file).
    pub document: Option<Document>,
    /// The article's links as the `o` list numbers them.
    pub links: Vec<ArticleLink>,
    /// For each laid-out line, where it shows a document link's text.
    pub link_cells: Vec<Vec<LinkCells>>,
}

impl ReaderPane {
    /// Shows an article from where the reader stopped last time.
    pub fn open(&mut self, detail: ArticleDetail, theme: &Theme) {
        let position = detail.position;
        self.document = markdown_of(&detail);
        self.links = article_links_of(&detail, self.document.as_ref());
        self.detail = Some(detail);
        self.raw = false;
        self.layout(theme);
        self.scroll = self.scroll_for(position);
    }

    /// Lays the article out again for a new width, keeping the text line at
    /// the top in view.
    pub fn set_width(&mut self, width: usize, theme: &Theme) {
        if width != self.width {
            let position = self.position();
            self.width = width;
            self.layout(theme);
            self.scroll = self.scroll_for(position);
        }
    }

    /// Lays out again (tags or the raw toggle changed) at the same scroll.
    pub fn relayout(&mut self, theme: &Theme) {
        self.layout(theme);
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn layout(&mut self, theme: &Theme) {
        let content = Content {
            document: self.document.as_ref(),
            links: &self.links,
        };
        (self.lines, self.origins, self.link_cells) =
            build_lines_of(self.detail.as_ref(), content, self.raw, self.width, theme);
    }

    /// The reading position: the text line at the top of the pane.
    pub fn position(&self) -> u32 {
        self.origins.get(self.scroll).copied().unwrap_or(0)
    }

    fn scroll_for(&self, position: u32) -> usize {
        let line = self
            .origins
            .iter()
            .position(|&o| o >= position)
            .unwrap_or(self.lines.len());
        line.min(self.max_scroll())
    }

    pub fn id(&self) -> Option<&str> {
        self.detail.as_ref().map(|d| d.summary.id.as_str())
    }

    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height.max(1))
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = (self.scroll as isize + delta).clamp(0, self.max_scroll() as isize) as usize;
    }

    pub fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
    }

    /// "L 12/80 15%": the first line shown, the total, and how far the
    /// bottom of the pane is into the text.
    pub fn position_label(&self) -> String {
        let total = self.lines.len();
        if total == 0 {
            return String::new();
        }
        let bottom = (self.scroll + self.height).min(total);
        format!("L {}/{} {}%", self.scroll + 1, total, bottom * 100 / total)
    }

    /// The next line after (or before) the top line that contains `needle`.
    pub fn find(&self, needle: &str, forward: bool) -> Option<usize> {
        let needle = needle.to_lowercase();
        let n = self.lines.len();
        if n == 0 {
            return None;
        }
        (1..=n)
            .map(|s| {
                if forward {
                    (self.scroll + s) % n
                } else {
                    (self.scroll + 2 * n - s) % n
                }
            })
            .find(|&i| plain(&self.lines[i]).to_lowercase().contains(&needle))
    }
}

pub fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn push_wrapped(
    out: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) {
    for l in wrap(text, width) {
        out.push(Line::from(Span::styled(l, style)));
    }
}

/// The article's Markdown document when it is one and its text is what
/// the index holds (an entry indexed before its file changed is shown as
/// its stored text, so positions and highlights stay true).
pub fn markdown_of(detail: &ArticleDetail) -> Option<Document> {
    crate::ingest::markdown_document(&detail.summary.path, &detail.raw)
        .filter(|doc| doc.plain() == detail.body)
}

/// The source URL with its number in the links list.
fn url_with_number(d: &ArticleDetail, links: &[ArticleLink]) -> String {
    let Some(url) = d.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
        return String::new();
    };
    match links.iter().position(|l| l.url == url) {
        Some(i) => format!("{url} [{}]", i + 1),
        None => url.to_string(),
    }
}

/// What the body is laid out from besides the stored text.
#[derive(Clone, Copy, Default)]
pub struct Content<'a> {
    pub document: Option<&'a Document>,
    pub links: &'a [ArticleLink],
}

/// [`build_lines_of`] for an article without its document.
pub fn build_lines(
    detail: Option<&ArticleDetail>,
    raw: bool,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<u32>) {
    let (lines, origins, _) = build_lines_of(detail, Content::default(), raw, width, theme);
    (lines, origins)
}

/// Laid-out lines, their text lines, and the link text on each.
pub type Laid = (Vec<Line<'static>>, Vec<u32>, Vec<Vec<LinkCells>>);

/// The header (title, date or "undated" and when filed, source, topics,
/// tags) then the document, or the cleaned or raw text, all sanitised and
/// wrapped; with the text line each laid-out line came from.
pub fn build_lines_of(
    detail: Option<&ArticleDetail>,
    content: Content,
    raw: bool,
    width: usize,
    theme: &Theme,
) -> Laid {
    let Some(d) = detail else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let width = width.max(1);
    let s = &d.summary;
    let mut out = Vec::new();
    push_wrapped(
        &mut out,
        &sanitize_line(&s.title),
        width,
        theme.style(Role::Title),
    );
    let mut dated = match s.date {
        Some(date) => date.format("%Y-%m-%d").to_string(),
        None => "undated".to_string(),
    };
    if let Some(filed) = d.filed {
        dated.push_str(&format!(" · filed {}", filed.format("%Y-%m-%d %H:%M")));
    }
    let date_role = if s.date.is_some() {
        Role::Date
    } else {
        Role::Meta
    };
    push_wrapped(&mut out, &dated, width, theme.style(date_role));
    let fields = [
        ("source", s.source.clone().unwrap_or_default(), Role::Meta),
        ("topics", s.topics.join(", "), Role::Topic),
        ("tags", s.tags.join(", "), Role::Tag),
        ("url", url_with_number(d, content.links), Role::Meta),
    ];
    for (label, value, role) in fields {
        if value.is_empty() {
            continue;
        }
        let text = format!("{label}: {}", sanitize_line(&value));
        for (i, l) in wrap(&text, width).into_iter().enumerate() {
            if i == 0 && l.len() > label.len() {
                let (head, rest) = l.split_at(label.len() + 1);
                out.push(Line::from(vec![
                    Span::styled(head.to_string(), theme.style(Role::Meta)),
                    Span::styled(rest.to_string(), theme.style(role)),
                ]));
            } else {
                out.push(Line::from(Span::styled(l, theme.style(role))));
            }
        }
    }
    out.push(Line::default());
    let mut origins = vec![0; out.len()];
    if let (Some(doc), false) = (content.document, raw) {
        let numbers: Vec<usize> = doc
            .links
            .iter()
            .map(|l| {
                content
                    .links
                    .iter()
                    .position(|a| a.url == l.url)
                    .map_or(0, |i| i + 1)
            })
            .collect();
        let cx = LayoutContext {
            theme,
            numbers: &numbers,
        };
        let laid = document::layout(doc, width, &cx);
        let header = out.len();
        out.extend(laid.lines);
        origins.extend(laid.origins);
        let mut links = vec![Vec::new(); header];
        links.extend(laid.links);
        return (out, origins, links);
    }
    // Each line is a paragraph: ingest already joined hand-wrapped lines in
    // the cleaned text, and the raw text is shown as it is.
    let text = sanitize(if raw { &d.raw } else { &d.body });
    for (n, paragraph) in text.split('\n').enumerate() {
        for l in wrap(paragraph, width) {
            out.push(Line::raw(l));
            origins.push(n as u32 + 1);
        }
    }
    let links = vec![Vec::new(); out.len()];
    (out, origins, links)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing::{detail, summary};

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(plain).collect()
    }

    #[test]
    fn header_then_body_sanitised_and_wrapped() {
        let mut d = detail(
            summary("x", "Alert \x1b[31mred", None, &["trade"]),
            "one two three four",
        );
        d.filed = Some("2026-11-20T08:30:00Z".parse().unwrap());
        let lines = texts(&build_lines(Some(&d), false, 20, &Theme::default()).0);
        assert_eq!(lines[0], "Alert ␛[31mred");
        assert_eq!(lines[1], "undated · filed");
        assert_eq!(lines[2], "2026-11-20 08:30");
        assert!(lines.contains(&"topics: trade".to_string()), "{lines:?}");
        assert_eq!(&lines[lines.len() - 1..], ["one two three four"]);
    }

    #[test]
    fn raw_toggle_shows_the_file_text() {
        let d = detail(summary("x", "T", Some("2026-01-01"), &[]), "body");
        let lines = texts(&build_lines(Some(&d), true, 40, &Theme::default()).0);
        assert!(lines.contains(&"RAW FILE".to_string()), "{lines:?}");
    }

    #[test]
    fn scroll_is_clamped_and_labelled() {
        let body = (1..=50)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut r = ReaderPane {
            width: 20,
            height: 10,
            ..Default::default()
        };
        let mut d = detail(summary("x", "T", Some("2026-01-01"), &[]), &body);
        d.position = 5;
        r.open(d, &Theme::default());
        assert_eq!(plain(&r.lines[r.scroll]), "line 5");
        r.scroll_by(1000);
        assert_eq!(r.scroll, r.lines.len() - 10);
        assert!(
            r.position_label().ends_with("100%"),
            "{}",
            r.position_label()
        );
        r.scroll_by(-1000);
        assert_eq!(r.scroll, 0);
        assert_eq!(r.position(), 0);
        assert_eq!(plain(&r.lines[r.find("line 7", true).unwrap()]), "line 7");
    }

    #[test]
    fn the_reading_position_means_the_same_text_at_any_width() {
        let body = (1..=30)
            .map(|i| format!("paragraph {i} has several words in it"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut r = ReaderPane {
            width: 60,
            height: 5,
            ..Default::default()
        };
        r.open(
            detail(summary("x", "T", None, &[]), &body),
            &Theme::default(),
        );
        r.scroll_to(r.find("paragraph 12 ", true).unwrap());
        assert_eq!(r.position(), 12);
        r.set_width(12, &Theme::default());
        assert!(
            plain(&r.lines[r.scroll]).starts_with("paragraph 12"),
            "{:?}",
            plain(&r.lines[r.scroll])
        );
        assert_eq!(r.position(), 12);
        let mut d = r.detail.clone().unwrap();
        d.position = r.position();
        let mut wide = ReaderPane {
            width: 80,
            height: 5,
            ..Default::default()
        };
        wide.open(d, &Theme::default());
        assert!(plain(&wide.lines[wide.scroll]).starts_with("paragraph 12 "));
    }
}
