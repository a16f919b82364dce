//! A Markdown text as a small document model: blocks (paragraphs,
//! headings, code, tables, rules) inside containers (quotes, list items),
//! each holding inline spans (styled text, link ends, footnote marks).
//!
//! pulldown-cmark does the parsing, once, here; the reader lays this model
//! out for a width and the index and the entity extractor read
//! [`Document::plain`], so what is searched is what is shown. Nothing here
//! knows about the screen.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::find_urls;

/// A document: its blocks in reading order, footnotes last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Each distinct link target in order of first appearance; inline
    /// spans refer to it by index.
    pub links: Vec<DocLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub url: String,
    /// The text of its first appearance (empty for a bare URL).
    pub text: String,
}

/// What a block sits in, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Container {
    Quote,
    /// A list item; `marker` (`•`, `3.`, `[^1]`) shows only on the item's
    /// first block, later blocks hang under it.
    Item {
        marker: String,
        first: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub containers: Vec<Container>,
    pub kind: BlockKind,
    /// A tight list item's text: no blank line before it.
    pub tight: bool,
    /// Its first line in [`Document::plain`] (0-based), so a reading
    /// position means the same line in the reader and the stored text.
    pub line: usize,
}

impl Block {
    /// The blank line before this block, `prev` being the block before
    /// it, as the number of quotes the blank line stays inside (those both
    /// sit in); `None` between a tight list's items, which stand line on
    /// line. The reader and the Markdown export part blocks alike, so that
    /// an export reads as the reader shows it.
    pub fn blank_before(&self, prev: &Block) -> Option<usize> {
        if self.tight && prev.in_list() {
            return None;
        }
        Some(prev.quote_depth().min(self.quote_depth()))
    }

    fn in_list(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Item { .. }))
    }

    fn quote_depth(&self) -> usize {
        self.containers
            .iter()
            .filter(|c| matches!(c, Container::Quote))
            .count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    /// Lines as written; never wrapped.
    Code(Vec<String>),
    Rule,
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub aligns: Vec<Align>,
    /// The first row is the header.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emphasis {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub strike: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text; `link` is the index into [`Document::links`] it points at.
    Text {
        text: String,
        emphasis: Emphasis,
        link: Option<usize>,
    },
    /// Where a link's text ends: the reader shows its number here.
    LinkEnd(usize),
    /// A footnote reference, numbered in order of first reference.
    Footnote(usize),
    /// A hard line break.
    Break,
    /// Shown, not part of the text (`[image: …]` around alt text).
    Mark(String),
}

impl Inline {
    fn plain_into(&self, out: &mut String) {
        match self {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push('\n'),
            Inline::LinkEnd(_) | Inline::Footnote(_) | Inline::Mark(_) => {}
        }
    }
}

/// Inline spans as plain text (no marks).
pub fn plain_inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        i.plain_into(&mut out);
    }
    out
}

impl Document {
    /// The text the index and the entity extractor read: a block per
    /// paragraph, blank lines between, code as written, table cells
    /// separated by tabs. [`Block::line`] counts lines of this text.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            let text = block_plain(b);
            if text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&text);
        }
        out
    }
}

fn block_plain(b: &Block) -> String {
    match &b.kind {
        BlockKind::Paragraph(i) | BlockKind::Heading(_, i) => plain_inlines(i).trim().to_string(),
        BlockKind::Code(lines) => lines.join("\n").trim_end().to_string(),
        BlockKind::Rule => String::new(),
        BlockKind::Table(t) => t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| plain_inlines(c).trim().to_string())
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Parses Markdown (front matter already removed) into a document. This is
/// the one entry point: any format that can say itself as Markdown (a
/// saved web page, a newsletter) comes through here.
pub fn parse(markdown: &str) -> Document {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut b = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        b.event(event);
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    doc: Document,
    containers: Vec<Container>,
    /// For each open list: the next number, or None for bullets.
    lists: Vec<Option<u64>>,
    emphasis: Vec<Emphasis>,
    link: Option<usize>,
    /// The block being filled: a paragraph or heading (`level`).
    inlines: Option<(Option<u8>, Vec<Inline>, bool)>,
    code: Option<Vec<String>>,
    table: Option<Table>,
    cell: Option<Vec<Inline>>,
    row: Option<Vec<Vec<Inline>>>,
    /// Footnote labels in order of first reference.
    footnotes: Vec<String>,
    /// (label, blocks) of each definition, moved to the end.
    definitions: Vec<(String, Vec<Block>)>,
    in_definition: Option<(String, Vec<Block>, Vec<Container>)>,
    image: usize,
    /// Text events in a row, joined: the parser splits text at characters
    /// that might have been markup, which would cut a bare URL in two.
    pending: String,
}

impl Builder {
    fn style(&self) -> Emphasis {
        self.emphasis.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, f: impl Fn(&mut Emphasis)) {
        let mut e = self.style();
        f(&mut e);
        self.emphasis.push(e);
    }

    fn target(&mut self) -> &mut Vec<Inline> {
        if let Some(cell) = self.cell.as_mut() {
            return cell;
        }
        if self.inlines.is_none() {
            // A tight list item's text comes without a paragraph.
            self.inlines = Some((None, Vec::new(), true));
        }
        match self.inlines.as_mut() {
            Some((_, v, _)) => v,
            None => unreachable!("just set"),
        }
    }

    fn link_index(&mut self, url: &str, text: &str) -> usize {
        if let Some(i) = self.doc.links.iter().position(|l| l.url == url) {
            return i;
        }
        self.doc.links.push(DocLink {
            url: url.to_string(),
            text: text.to_string(),
        });
        self.doc.links.len() - 1
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = self.code.as_mut() {
            for (i, line) in text.split('\n').enumerate() {
                if i == 0 {
                    match code.last_mut() {
                        Some(last) => last.push_str(line),
                        None => code.push(line.to_string()),
                    }
                } else {
                    code.push(line.to_string());
                }
            }
            return;
        }
        if self.image > 0 {
            let emphasis = Emphasis {
                italic: true,
                ..self.style()
            };
            self.target().push(Inline::Text {
                text: text.to_string(),
                emphasis,
                link: None,
            });
            return;
        }
        let emphasis = self.style();
        if self.link.is_some() || emphasis.code {
            let link = self.link;
            self.target().push(Inline::Text {
                text: text.to_string(),
                emphasis,
                link,
            });
            return;
        }
        // A bare URL in running text is a link too.
        let mut rest = text;
        for url in find_urls(text) {
            let Some(at) = rest.find(url.as_str()) else {
                continue;
            };
            let (before, after) = rest.split_at(at);
            if !before.is_empty() {
                self.target().push(Inline::Text {
                    text: before.to_string(),
                    emphasis,
                    link: None,
                });
            }
            let i = self.link_index(&url, "");
            self.target().push(Inline::Text {
                text: url.clone(),
                emphasis,
                link: Some(i),
            });
            self.target().push(Inline::LinkEnd(i));
            rest = &after[url.len()..];
        }
        if !rest.is_empty() {
            self.target().push(Inline::Text {
                text: rest.to_string(),
                emphasis,
                link: None,
            });
        }
    }

    fn emit(&mut self, kind: BlockKind, tight: bool) {
        let containers = match &self.in_definition {
            Some((_, _, base)) => self.containers[base.len().min(self.containers.len())..].to_vec(),
            None => self.containers.clone(),
        };
        let block = Block {
            containers,
            kind,
            tight,
            line: 0,
        };
        match self.in_definition.as_mut() {
            Some((_, blocks, _)) => blocks.push(block),
            None => self.doc.blocks.push(block),
        }
        // Later blocks of the same items hang under their markers.
        for c in &mut self.containers {
            if let Container::Item { first, .. } = c {
                *first = false;
            }
        }
    }

    fn flush_inlines(&mut self) {
        if let Some((level, inlines, tight)) = self.inlines.take() {
            if inlines.is_empty() {
                return;
            }
            let kind = match level {
                Some(l) => BlockKind::Heading(l, inlines),
                None => BlockKind::Paragraph(inlines),
            };
            self.emit(kind, tight);
        }
    }

    fn event(&mut self, event: Event) {
        if let Event::Text(t) = &event {
            self.pending.push_str(t);
            return;
        }
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            self.text(&text);
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let emphasis = Emphasis {
                    code: true,
                    ..self.style()
                };
                let link = self.link;
                self.target().push(Inline::Text {
                    text: t.to_string(),
                    emphasis,
                    link,
                });
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.target().push(Inline::Break),
            Event::Rule => {
                self.flush_inlines();
                self.emit(BlockKind::Rule, false);
            }
            Event::FootnoteReference(label) => {
                let n = match self.footnotes.iter().position(|l| *l == *label) {
                    Some(i) => i,
                    None => {
                        self.footnotes.push(label.to_string());
                        self.footnotes.len() - 1
                    }
                };
                self.target().push(Inline::Footnote(n));
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Html(html) => {
                // A raw HTML block is shown as written, like code.
                self.flush_inlines();
                let lines = html.trim_end().lines().map(str::to_string).collect();
                self.emit(BlockKind::Code(lines), false);
            }
            Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    self.target().push(Inline::Break);
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph if self.cell.is_none() => {
                self.flush_inlines();
                self.inlines = Some((None, Vec::new(), false));
            }
            Tag::Heading { level, .. } => {
                self.flush_inlines();
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                self.inlines = Some((Some(level), Vec::new(), false));
            }
            Tag::BlockQuote(_) => {
                self.flush_inlines();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush_inlines();
                self.code = Some(Vec::new());
            }
            Tag::List(start) => {
                self.flush_inlines();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_inlines();
                let depth = self.lists.len();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => ["•", "◦", "▪"][(depth.max(1) - 1) % 3].to_string(),
                };
                self.containers.push(Container::Item {
                    marker,
                    first: true,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_inlines();
                self.in_definition = Some((label.to_string(), Vec::new(), self.containers.clone()));
            }
            Tag::Table(aligns) => {
                self.flush_inlines();
                self.table = Some(Table {
                    aligns: aligns
                        .iter()
                        .map(|a| match a {
                            Alignment::Right => Align::Right,
                            Alignment::Center => Align::Center,
                            Alignment::Left | Alignment::None => Align::Left,
                        })
                        .collect(),
                    rows: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => self.row = Some(Vec::new()),
            Tag::TableCell => self.cell = Some(Vec::new()),
            Tag::Emphasis => self.push_style(|e| e.italic = true),
            Tag::Strong => self.push_style(|e| e.bold = true),
            Tag::Strikethrough => self.push_style(|e| e.strike = true),
            Tag::Link { dest_url, .. } => {
                let i = self.link_index(&dest_url, "");
                self.link = Some(i);
            }
            Tag::Image { .. } => {
                self.image += 1;
                self.target().push(Inline::Mark("[image: ".into()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) if self.cell.is_none() => {
                self.flush_inlines();
            }
            TagEnd::BlockQuote(_) => {
                self.flush_inlines();
                self.containers.pop();
            }
            TagEnd::CodeBlock => {
                let mut lines = self.code.take().unwrap_or_default();
                while lines.last().is_some_and(|l| l.trim().is_empty()) {
                    lines.pop();
                }
                self.emit(BlockKind::Code(lines), false);
            }
            TagEnd::List(_) => {
                self.flush_inlines();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush_inlines();
                self.containers.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush_inlines();
                if let Some((label, blocks, _)) = self.in_definition.take() {
                    self.definitions.push((label, blocks));
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.emit(BlockKind::Table(t), false);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let (Some(row), Some(t)) = (self.row.take(), self.table.as_mut()) {
                    t.rows.push(row);
                }
            }
            TagEnd::TableCell => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.emphasis.pop();
            }
            TagEnd::Link => {
                if let Some(i) = self.link.take() {
                    let text = self.current_link_text(i);
                    if let Some(l) = self.doc.links.get_mut(i)
                        && l.text.is_empty()
                    {
                        l.text = text;
                    }
                    self.target().push(Inline::LinkEnd(i));
                }
            }
            TagEnd::Image => {
                self.image = self.image.saturating_sub(1);
                self.target().push(Inline::Mark("]".into()));
            }
            _ => {}
        }
    }

    /// The text of link `i` just closed, from the spans carrying it.
    fn current_link_text(&mut self, i: usize) -> String {
        let spans = self.target();
        let mut parts: Vec<&str> = Vec::new();
        for s in spans.iter().rev() {
            match s {
                Inline::Text {
                    text,
                    link: Some(l),
                    ..
                } if *l == i => parts.push(text),
                _ => break,
            }
        }
        parts.reverse();
        parts.concat().trim().to_string()
    }

    fn finish(mut self) -> Document {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            self.text(&text);
        }
        self.flush_inlines();
        // Footnotes at the end, in the order they were referred to; any
        // never referred to after them.
        let mut defs = std::mem::take(&mut self.definitions);
        let mut ordered: Vec<(usize, Vec<Block>)> = Vec::new();
        for (n, label) in self.footnotes.iter().enumerate() {
            if let Some(at) = defs.iter().position(|(l, _)| l == label) {
                ordered.push((n, defs.remove(at).1));
            }
        }
        for (next, (_, blocks)) in (self.footnotes.len()..).zip(defs) {
            ordered.push((next, blocks));
        }
        if !ordered.is_empty() {
            self.doc.blocks.push(Block {
                containers: Vec::new(),
                kind: BlockKind::Rule,
                tight: false,
                line: 0,
            });
        }
        for (n, blocks) in ordered {
            for (k, mut b) in blocks.into_iter().enumerate() {
                b.containers.insert(
                    0,
                    Container::Item {
                        marker: format!("[^{}]", n + 1),
                        first: k == 0,
                    },
                );
                self.doc.blocks.push(b);
            }
        }
        number_lines(&mut self.doc);
        self.doc
    }
}

/// Sets each block's first line in the plain text.
fn number_lines(doc: &mut Document) {
    let mut line = 0;
    let mut any = false;
    for b in &mut doc.blocks {
        let text = block_plain(b);
        if text.is_empty() {
            b.line = line;
            continue;
        }
        if any {
            line += 2;
        }
        b.line = line;
        line += text.matches('\n').count();
        any = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Paragraph(_) => "p".to_string(),
                BlockKind::Heading(l, _) => format!("h{l}"),
                BlockKind::Code(_) => "code".into(),
                BlockKind::Rule => "hr".into(),
                BlockKind::Table(_) => "table".into(),
            })
            .collect()
    }

    #[test]
    fn blocks_and_plain_text() {
        let doc =
            parse("## Next\n\nThe *council* voted &amp; **agreed**.\n\n---\n\n```\nx  = 1\n```\n");
        assert_eq!(kinds(&doc), ["h2", "p", "hr", "code"]);
        assert_eq!(doc.plain(), "Next\n\nThe council voted & agreed.\n\nx  = 1");
        assert_eq!(
            doc.blocks.iter().map(|b| b.line).collect::<Vec<_>>(),
            [0, 2, 2, 4]
        );
    }

    #[test]
    fn lists_nest_with_markers_on_first_blocks() {
        let doc = parse("- one\n- two\n  - inner\n\n3. three\n4. four\n");
        let markers: Vec<Vec<String>> = doc
            .blocks
            .iter()
            .map(|b| {
                b.containers
                    .iter()
                    .map(|c| match c {
                        Container::Item { marker, first } => format!("{marker}{first}"),
                        Container::Quote => "q".into(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            markers,
            [
                vec!["•true"],
                vec!["•true"],
                vec!["•false", "◦true"],
                vec!["3.true"],
                vec!["4.true"],
            ]
        );
        assert!(doc.blocks.iter().all(|b| b.tight));
    }

    #[test]
    fn links_are_numbered_once_each_with_their_text() {
        let doc = parse(
            "See [the report][r] and [again](https://e.org/r), or https://e.org/bare.\n\n[r]: https://e.org/r\n",
        );
        assert_eq!(
            doc.links,
            [
                DocLink {
                    url: "https://e.org/r".into(),
                    text: "the report".into()
                },
                DocLink {
                    url: "https://e.org/bare".into(),
                    text: String::new()
                },
            ]
        );
        assert_eq!(
            doc.plain(),
            "See the report and again, or https://e.org/bare."
        );
        let BlockKind::Paragraph(inl) = &doc.blocks[0].kind else {
            panic!("paragraph")
        };
        let ends: Vec<usize> = inl
            .iter()
            .filter_map(|i| match i {
                Inline::LinkEnd(n) => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(ends, [0, 0, 1]);
    }

    #[test]
    fn footnotes_go_last_in_reference_order() {
        let doc = parse("Text[^b] and[^a].\n\n[^a]: First.\n[^b]: Second.\n\nAfter.\n");
        assert_eq!(kinds(&doc), ["p", "p", "hr", "p", "p"]);
        assert_eq!(doc.plain(), "Text and.\n\nAfter.\n\nSecond.\n\nFirst.");
        assert_eq!(
            doc.blocks[3].containers,
            [Container::Item {
                marker: "[^1]".into(),
                first: true
            }]
        );
    }

    #[test]
    fn tables_keep_rows_and_alignment() {
        let doc = parse("| Port | Tonnes |\n|:--|--:|\n| Oslo | 1,200 |\n| Bergen | 90 |\n");
        let BlockKind::Table(t) = &doc.blocks[0].kind else {
            panic!("table")
        };
        assert_eq!(t.aligns, [Align::Left, Align::Right]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(doc.plain(), "Port\tTonnes\nOslo\t1,200\nBergen\t90");
    }

    #[test]
    fn quotes_and_hostile_text_stay_text() {
        let doc = parse("> Said \x1b[31m *so*.\n");
        assert_eq!(doc.blocks[0].containers, [Container::Quote]);
        assert_eq!(doc.plain(), "Said \x1b[31m so.");
    }

    #[test]
    fn blocks_are_parted_by_a_blank_line_in_the_quotes_both_share() {
        let doc = parse("> a\n>\n> b\n\nc\n\n- x\n- y\n");
        let b = &doc.blocks;
        assert_eq!(b.len(), 5, "{b:?}");
        assert_eq!(b[1].blank_before(&b[0]), Some(1));
        assert_eq!(b[2].blank_before(&b[1]), Some(0));
        assert_eq!(b[3].blank_before(&b[2]), Some(0));
        assert_eq!(b[4].blank_before(&b[3]), None, "a tight list's items");
    }
}
