//! A Markdown [`Document`] laid out as styled lines for a width: headings
//! with a level mark, paragraphs wrapped by display width, list items with
//! hanging indents, quotes with a bar, code unwrapped (a `↩` ends a line
//! cut at the pane's edge), tables with aligned columns, link numbers.
//!
//! Every piece of text is sanitised here, before it becomes a span.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::{Role, Theme};
use crate::ingest::document::{
    Align, Block, BlockKind, Container, Document, Emphasis, Inline, Table,
};
use crate::text::{display_width, sanitize, wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A span and the document link it is the text of.
type Piece = (Span<'static>, Option<usize>);

/// Where a laid-out line shows link text: columns `from..to` and the
/// document link's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkCells {
    pub from: u16,
    pub to: u16,
    pub link: usize,
}

/// A document laid out: its lines, the text line each came from, and the
/// link text on each.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    pub origins: Vec<u32>,
    pub links: Vec<Vec<LinkCells>>,
}

/// The mark that ends a code line cut at the pane's edge.
pub const CUT_MARK: &str = "↩";

/// The drawing characters, in Unicode or (for an ASCII-only terminal) not.
struct Marks {
    bar: &'static str,
    rule: &'static str,
    cross: &'static str,
    gap: &'static str,
    cut: &'static str,
}

fn marks(theme: &Theme) -> Marks {
    if theme.glyphs.utf8 {
        Marks {
            bar: "│ ",
            rule: "─",
            cross: "─┼─",
            gap: COLUMN_GAP,
            cut: CUT_MARK,
        }
    } else {
        Marks {
            bar: "| ",
            rule: "-",
            cross: "-+-",
            gap: " | ",
            cut: ">",
        }
    }
}

/// A list marker as the terminal can show it.
fn marker_text(marker: &str, theme: &Theme) -> String {
    if theme.glyphs.utf8 {
        return marker.to_string();
    }
    match marker {
        "•" => "*".into(),
        "◦" => "-".into(),
        "▪" => "+".into(),
        m => m.to_string(),
    }
}

/// What a laid-out document needs besides itself.
pub struct LayoutContext<'a> {
    pub theme: &'a Theme,
    /// The number the links list gives each of the document's links.
    pub numbers: &'a [usize],
}

/// The document's lines for `width` columns, with the text line (1-based,
/// as in the stored plain text) each came from.
pub fn layout(doc: &Document, width: usize, cx: &LayoutContext) -> Laid {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut origins = Vec::new();
    let mut links = Vec::new();
    let mut prev: Option<&Block> = None;
    for block in &doc.blocks {
        let origin = block.line as u32 + 1;
        if let Some(bars) = prev.and_then(|p| block.blank_before(p)) {
            lines.push(Line::from(bar_spans(bars, cx.theme)));
            origins.push(origin);
            links.push(Vec::new());
        }
        let before = lines.len();
        block_lines(block, width, cx, &mut lines, &mut links);
        for k in 0..lines.len() - before {
            let extra = if matches!(block.kind, BlockKind::Code(_) | BlockKind::Table(_)) {
                k as u32
            } else {
                0
            };
            origins.push(origin + extra);
        }
        prev = Some(block);
    }
    Laid {
        lines,
        origins,
        links,
    }
}

fn bar_spans(n: usize, theme: &Theme) -> Vec<Span<'static>> {
    (0..n)
        .map(|_| Span::styled(marks(theme).bar, theme.style(Role::Quote)))
        .collect()
}

/// The prefix of a block's first line and of its other lines.
fn prefixes(block: &Block, theme: &Theme) -> (Vec<Span<'static>>, Vec<Span<'static>>, usize) {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    let mut w = 0;
    for c in &block.containers {
        match c {
            Container::Quote => {
                first.push(Span::styled(marks(theme).bar, theme.style(Role::Quote)));
                rest.push(Span::styled(marks(theme).bar, theme.style(Role::Quote)));
                w += 2;
            }
            Container::Item { marker, first: f } => {
                let marker = &marker_text(marker, theme);
                let mw = display_width(marker) + 1;
                let pad = " ".repeat(mw);
                if *f {
                    first.push(Span::styled(format!("{marker} "), theme.style(Role::Meta)));
                } else {
                    first.push(Span::raw(pad.clone()));
                }
                rest.push(Span::raw(pad));
                w += mw;
            }
        }
    }
    (first, rest, w)
}

fn block_lines(
    block: &Block,
    width: usize,
    cx: &LayoutContext,
    out: &mut Vec<Line<'static>>,
    links: &mut Vec<Vec<LinkCells>>,
) {
    let (first, rest, used) = prefixes(block, cx.theme);
    let avail = width.saturating_sub(used).max(1);
    let body: Vec<Vec<Piece>> = match &block.kind {
        BlockKind::Paragraph(inlines) => styled_wrap(&runs(inlines, Style::default(), cx), avail),
        BlockKind::Heading(level, inlines) => {
            let mark = format!("{} ", "#".repeat(*level as usize));
            let style = cx.theme.style(Role::Heading).add_modifier(Modifier::BOLD);
            let mut r = vec![(mark, cx.theme.style(Role::Meta), None)];
            r.extend(runs(inlines, style, cx));
            styled_wrap(&r, avail)
        }
        BlockKind::Code(code) => {
            code_lines(code, avail, cx.theme.style(Role::Code), marks(cx.theme).cut)
        }
        BlockKind::Rule => vec![vec![(
            Span::styled(
                marks(cx.theme).rule.repeat(avail.min(40)),
                cx.theme.style(Role::Meta),
            ),
            None,
        )]],
        BlockKind::Table(t) => table_lines(t, avail, cx),
    };
    for (i, pieces) in body.into_iter().enumerate() {
        let mut line = if i == 0 { first.clone() } else { rest.clone() };
        let mut col: usize = line.iter().map(|s| display_width(&s.content)).sum();
        let mut cells: Vec<LinkCells> = Vec::new();
        for (span, link) in pieces {
            let w = display_width(&span.content);
            if let Some(link) = link {
                match cells.last_mut() {
                    Some(c) if c.link == link && c.to as usize == col => c.to = (col + w) as u16,
                    _ => cells.push(LinkCells {
                        from: col as u16,
                        to: (col + w) as u16,
                        link,
                    }),
                }
            }
            col += w;
            line.push(span);
        }
        out.push(Line::from(line));
        links.push(cells);
    }
}

fn emphasis_style(base: Style, e: Emphasis, theme: &Theme) -> Style {
    let mut s = base;
    if e.bold {
        s = s.add_modifier(Modifier::BOLD);
    }
    if e.italic {
        s = s.add_modifier(Modifier::ITALIC);
    }
    if e.strike {
        s = s.add_modifier(Modifier::CROSSED_OUT);
    }
    if e.code {
        s = s.patch(theme.style(Role::Code));
    }
    s
}

/// A run of text in one style, and the link it is the text of.
type Run = (String, Style, Option<usize>);

/// Inline spans as (sanitised text, style, link) runs; a hard break is `\n`.
fn runs(inlines: &[Inline], base: Style, cx: &LayoutContext) -> Vec<Run> {
    let mut out = Vec::new();
    for i in inlines {
        match i {
            Inline::Text {
                text,
                emphasis,
                link,
            } => {
                let mut style = emphasis_style(base, *emphasis, cx.theme);
                if link.is_some() {
                    style = style.patch(cx.theme.style(Role::Link));
                }
                out.push((sanitize(text).replace('\n', " "), style, *link));
            }
            Inline::LinkEnd(n) => {
                if let Some(&number) = cx.numbers.get(*n).filter(|&&k| k > 0) {
                    out.push((format!("[{number}]"), cx.theme.style(Role::Meta), None));
                }
            }
            Inline::Footnote(n) => {
                out.push((format!("[^{}]", n + 1), cx.theme.style(Role::Meta), None));
            }
            Inline::Mark(m) => out.push((m.clone(), cx.theme.style(Role::Meta), None)),
            Inline::Break => out.push(("\n".to_string(), base, None)),
        }
    }
    out
}

/// Runs wrapped to `width` columns, styles kept across the breaks.
fn styled_wrap(runs: &[Run], width: usize) -> Vec<Vec<Piece>> {
    let mut text = String::new();
    let mut bounds = Vec::with_capacity(runs.len());
    for (t, s, l) in runs {
        let start = text.len();
        text.push_str(t);
        bounds.push((start, text.len(), *s, *l));
    }
    let mut out = Vec::new();
    let mut offset = 0;
    for segment in text.split('\n') {
        for r in wrap_ranges(segment, width) {
            let (a, b) = (offset + r.start, offset + r.end);
            let mut spans = Vec::new();
            for &(s, e, style, link) in &bounds {
                let (x, y) = (s.max(a), e.min(b));
                if x < y {
                    spans.push((Span::styled(text[x..y].to_string(), style), link));
                }
            }
            out.push(spans);
        }
        offset += segment.len() + 1;
    }
    out
}

/// The byte ranges of `text` that [`wrap`] makes its lines of.
fn wrap_ranges(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for line in wrap(text, width) {
        let rest = &text[cursor..];
        let skipped = rest.len() - rest.trim_start().len();
        let at = if rest[skipped..].starts_with(line.as_str()) {
            cursor + skipped
        } else {
            rest.find(line.as_str()).map_or(cursor, |i| cursor + i)
        };
        out.push(at..at + line.len());
        cursor = at + line.len();
    }
    out
}

/// Code as written: each line cut at the edge with [`CUT_MARK`] and
/// carried on below, never re-flowed.
fn code_lines(code: &[String], width: usize, style: Style, cut: &'static str) -> Vec<Vec<Piece>> {
    let mut out = Vec::new();
    let room = width.saturating_sub(1).max(1);
    for raw in code {
        let line = sanitize(&raw.replace('\t', "    "));
        if display_width(&line) <= width {
            out.push(vec![(Span::styled(line, style), None)]);
            continue;
        }
        let mut piece = String::new();
        let mut used = 0;
        for g in line.graphemes(true) {
            let w = g.width();
            if used + w > room && !piece.is_empty() {
                out.push(vec![
                    (Span::styled(std::mem::take(&mut piece), style), None),
                    (Span::styled(cut, style.add_modifier(Modifier::DIM)), None),
                ]);
                used = 0;
            }
            piece.push_str(g);
            used += w;
        }
        out.push(vec![(Span::styled(piece, style), None)]);
    }
    out
}

const COLUMN_GAP: &str = " │ ";

/// Columns as wide as their widest cell when the table fits; otherwise
/// narrow columns keep their width and the wide ones share what is left,
/// their cells wrapped.
fn column_widths(natural: &[usize], avail: usize) -> Vec<usize> {
    let n = natural.len();
    let gaps = display_width(COLUMN_GAP) * n.saturating_sub(1);
    let budget = avail.saturating_sub(gaps).max(n);
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let mut widths = vec![0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = budget;
    loop {
        let share = left / open.len().max(1);
        let (fit, wide): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| natural[i] <= share);
        if fit.is_empty() {
            for (k, &i) in wide.iter().enumerate() {
                widths[i] = (share + usize::from(k < left % wide.len().max(1))).max(1);
            }
            return widths;
        }
        for &i in &fit {
            widths[i] = natural[i].max(1);
            left -= natural[i];
        }
        open = wide;
        if open.is_empty() {
            return widths;
        }
    }
}

fn pad(spans: Vec<Piece>, width: usize, align: Align) -> Vec<Piece> {
    let used: usize = spans.iter().map(|s| display_width(&s.0.content)).sum();
    let room = width.saturating_sub(used);
    let (left, right) = match align {
        Align::Left => (0, room),
        Align::Right => (room, 0),
        Align::Center => (room / 2, room - room / 2),
    };
    let mut out = Vec::with_capacity(spans.len() + 2);
    if left > 0 {
        out.push((Span::raw(" ".repeat(left)), None));
    }
    out.extend(spans);
    if right > 0 {
        out.push((Span::raw(" ".repeat(right)), None));
    }
    out
}

fn table_lines(t: &Table, avail: usize, cx: &LayoutContext) -> Vec<Vec<Piece>> {
    let n = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let cell_runs = |r: usize, c: usize| -> Vec<Run> {
        let base = if r == 0 { bold } else { Style::default() };
        t.rows[r]
            .get(c)
            .map(|cell| {
                let mut v = runs(cell, base, cx);
                if let Some(first) = v.first_mut() {
                    first.0 = first.0.trim_start().to_string();
                }
                if let Some(last) = v.last_mut() {
                    last.0 = last.0.trim_end().to_string();
                }
                v
            })
            .unwrap_or_default()
    };
    let mut natural = vec![0; n];
    for r in 0..t.rows.len() {
        for (c, w) in natural.iter_mut().enumerate() {
            let width: usize = cell_runs(r, c)
                .iter()
                .map(|(s, _, _)| display_width(s))
                .sum();
            *w = (*w).max(width);
        }
    }
    let widths = column_widths(&natural, avail);
    let gap = cx.theme.style(Role::Meta);
    let mut out = Vec::new();
    for r in 0..t.rows.len() {
        let cells: Vec<Vec<Vec<Piece>>> = (0..n)
            .map(|c| styled_wrap(&cell_runs(r, c), widths[c]))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut line = Vec::new();
            for (c, cell) in cells.iter().enumerate() {
                if c > 0 {
                    line.push((Span::styled(marks(cx.theme).gap, gap), None));
                }
                let align = t.aligns.get(c).copied().unwrap_or(Align::Left);
                let spans = cell.get(k).cloned().unwrap_or_default();
                line.extend(pad(spans, widths[c], align));
            }
            out.push(line);
        }
        if r == 0 && t.rows.len() > 1 {
            let m = marks(cx.theme);
            let rule: Vec<String> = widths.iter().map(|&w| m.rule.repeat(w)).collect();
            out.push(vec![(Span::styled(rule.join(m.cross), gap), None)]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse_markdown;

    fn texts(doc: &Document, width: usize) -> Vec<String> {
        let theme = Theme::default();
        let numbers: Vec<usize> = (1..=doc.links.len()).collect();
        let cx = LayoutContext {
            theme: &theme,
            numbers: &numbers,
        };
        layout(doc, width, &cx)
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn list_items_hang_under_their_markers() {
        let doc = parse_markdown("- first item wraps here\n  - nested one\n1. numbered\n");
        assert_eq!(
            texts(&doc, 14),
            [
                "• first item",
                "  wraps here",
                "  ◦ nested one",
                "1. numbered",
            ]
        );
    }

    #[test]
    fn code_is_cut_with_a_mark_not_wrapped() {
        let doc = parse_markdown("```\nlet total = a + b;\n```\n");
        assert_eq!(texts(&doc, 10), ["let total↩", " = a + b;"]);
    }

    #[test]
    fn tables_align_and_wrap_cells_when_narrow() {
        let doc =
            parse_markdown("| Port | Tonnes |\n|:--|--:|\n| Oslo | 1,200 |\n| Bergen | 90 |\n");
        assert_eq!(
            texts(&doc, 40),
            [
                "Port   │ Tonnes",
                "───────┼───────",
                "Oslo   │  1,200",
                "Bergen │     90",
            ]
        );
        let doc = parse_markdown("| A | B |\n|--|--|\n| one two three | x |\n");
        let lines = texts(&doc, 12);
        assert!(lines.iter().all(|l| display_width(l) <= 12), "{lines:?}");
        assert!(lines.len() > 3, "{lines:?}");
    }

    #[test]
    fn links_get_their_numbers_and_quotes_a_bar() {
        let doc = parse_markdown("> Read [the report](https://e.org/r) now.\n");
        assert_eq!(texts(&doc, 40), ["│ Read the report[1] now."]);
        let doc = parse_markdown("# Head\n\nText &amp; more.\n");
        assert_eq!(texts(&doc, 40), ["# Head", "", "Text & more."]);
    }

    #[test]
    fn an_ascii_terminal_gets_ascii_marks() {
        let env = crate::ui::theme::TermEnv {
            locale: Some("C".into()),
            term: Some("xterm".into()),
            ..Default::default()
        };
        let theme = Theme::from_config(&crate::config::Config::builtin(), &env).unwrap();
        let doc = parse_markdown("> - item\n\n| A | B |\n|--|--|\n| x | y |\n\n---\n");
        let cx = LayoutContext {
            theme: &theme,
            numbers: &[],
        };
        let text: Vec<String> = layout(&doc, 30, &cx)
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text[0], "| * item");
        assert!(text.iter().all(|l| l.is_ascii()), "{text:?}");
    }

    #[test]
    fn column_widths_share_the_room() {
        assert_eq!(column_widths(&[4, 6], 40), [4, 6]);
        let w = column_widths(&[3, 30, 30], 30);
        assert_eq!(w[0], 3);
        assert!(w.iter().sum::<usize>() + 6 <= 30, "{w:?}");
    }
}
