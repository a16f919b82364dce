//! An extracted article's DOM as Markdown, with every character of page
//! text escaped so it can only ever read as text, and the same blocks as
//! plain text for the index.
//!
//! Links become reference links (`[text][3]`, the addresses listed at the
//! end), so the prose stays free of URLs and the link markers match the
//! reader's link list.

use dom_query::NodeRef;

/// One link of the main text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// A paragraph-level piece of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Markdown, container markers included, without the trailing newline.
    pub markdown: String,
    /// The same text without any markup.
    pub text: String,
    pub kind: BlockKind,
    /// The outermost list this block is in: items of one list are joined
    /// without a gap.
    pub list: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A list item's first block: joined to the one before without a gap.
    Item,
    Code,
    Table,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "button", "input", "select",
    "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "img", "picture",
    "source", "form", "nav", "head", "title", "meta", "link",
];

/// Elements that end the paragraph before them and start a new one.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "center",
    "body",
    "html",
    "fieldset",
    "legend",
    "hgroup",
];

#[derive(Debug, Clone)]
enum Container {
    Quote,
    Item { marker: String, first: bool },
}

struct ListState {
    ordered: bool,
    next: u64,
    id: usize,
}

struct Writer<'a> {
    blocks: Vec<Block>,
    md: String,
    text: String,
    containers: Vec<Container>,
    lists: Vec<ListState>,
    links: Vec<Link>,
    base: Option<&'a str>,
    /// Inside a table cell: `|` is escaped and blocks run together.
    in_cell: bool,
    lists_seen: usize,
    /// How many inline runs have been taken into blocks: an emphasis or
    /// a link whose children ended a run has nothing left to wrap.
    runs_taken: usize,
}

/// Renders the children of `root` (an extracted article).
pub fn render(root: &NodeRef, base: Option<&str>) -> (Vec<Block>, Vec<Link>) {
    let mut w = Writer {
        blocks: Vec::new(),
        md: String::new(),
        text: String::new(),
        containers: Vec::new(),
        lists: Vec::new(),
        links: Vec::new(),
        base,
        in_cell: false,
        lists_seen: 0,
        runs_taken: 0,
    };
    w.children(root, 0);
    w.flush(BlockKind::Paragraph);
    (w.blocks, w.links)
}

/// Joins blocks into one Markdown document and one plain text.
pub fn join(blocks: &[Block], links: &[Link]) -> (String, String) {
    let mut md = String::new();
    let mut text = String::new();
    let mut previous_list = None;
    for b in blocks {
        if !md.is_empty() {
            let tight = b.kind == BlockKind::Item && b.list.is_some() && b.list == previous_list;
            md.push_str(if tight { "\n" } else { "\n\n" });
            text.push_str(if tight { "\n" } else { "\n\n" });
        }
        previous_list = b.list;
        md.push_str(&b.markdown);
        text.push_str(&b.text);
    }
    let mut defs = String::new();
    for (i, l) in links.iter().enumerate() {
        // Only links still cited by a kept block are listed.
        let marker = format!("][{}]", i + 1);
        if md.contains(&marker) {
            defs.push_str(&format!("[{}]: <{}>\n", i + 1, link_target(&l.url)));
        }
    }
    if !defs.is_empty() {
        md.push_str("\n\n");
        md.push_str(defs.trim_end());
    }
    (md, text)
}

/// A URL fit for `<...>`: no spaces, angle brackets or line breaks.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Page text as Markdown inline text: every character that could open
/// markup is escaped.
pub fn escape_inline(s: &str, in_cell: bool, out: &mut String) {
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '$'
        ) || (in_cell && c == '|')
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escapes what would start a block at the start of a line: `#`, `>`,
/// `-`, `+`, `=`, `1.`, `1)`.
fn escape_line_start(line: &str) -> String {
    let t = line.trim_start();
    let first = t.chars().next();
    match first {
        Some('#' | '>' | '-' | '+' | '=' | '|' | ':') => format!("\\{t}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            match t.as_bytes().get(digits) {
                Some(b'.' | b')') => format!("{}\\{}", &t[..digits], &t[digits..]),
                _ => t.to_string(),
            }
        }
        _ => t.to_string(),
    }
}

/// Appends `s` with each run of white space as one space; `after_space`
/// says whether the text before already ends in one.
fn collapse_into(s: &str, mut after_space: bool, out: &mut String) {
    for c in s.chars() {
        if c.is_whitespace() {
            if !after_space {
                out.push(' ');
                after_space = true;
            }
        } else {
            out.push(c);
            after_space = false;
        }
    }
}

impl Writer<'_> {
    fn children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            self.node(&child, depth + 1);
        }
    }

    fn node(&mut self, node: &NodeRef, depth: usize) {
        if depth > 200 {
            return;
        }
        if node.is_text() {
            let after_space = self.text.is_empty() || self.text.ends_with([' ', '\n']);
            let mut plain = String::new();
            collapse_into(&node.text(), after_space, &mut plain);
            escape_inline(&plain, self.in_cell, &mut self.md);
            self.text.push_str(&plain);
            return;
        }
        if !node.is_element() {
            if node.is_document() || node.is_fragment() {
                self.children(node, depth);
            }
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIPPED.contains(&name) || node.has_attr("hidden") {
            return;
        }
        if let Some(style) = node.attr("style")
            && style.replace(' ', "").contains("display:none")
        {
            return;
        }
        match name {
            "br" => {
                if self.in_cell {
                    self.md.push(' ');
                    self.text.push(' ');
                } else if !self.text.trim().is_empty() {
                    self.md.push('\n');
                    self.text.push('\n');
                }
            }
            "hr" => self.flush(BlockKind::Paragraph),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                self.children(node, depth);
                let level = (name.as_bytes()[1] - b'0') as usize;
                self.flush_heading(level);
            }
            "ul" | "ol" | "menu" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                self.lists_seen += 1;
                let id = self.lists.first().map_or(self.lists_seen, |l| l.id);
                self.lists.push(ListState {
                    ordered: name == "ol",
                    next: start,
                    id,
                });
                self.children(node, depth);
                self.flush(BlockKind::Paragraph);
                self.lists.pop();
            }
            "li" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                let marker = match self.lists.last_mut() {
                    Some(l) if l.ordered => {
                        let m = format!("{}. ", l.next);
                        l.next += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                self.containers.push(Container::Item {
                    marker,
                    first: true,
                });
                self.children(node, depth);
                self.flush(BlockKind::Paragraph);
                self.containers.pop();
            }
            "blockquote" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                self.containers.push(Container::Quote);
                self.children(node, depth);
                self.flush(BlockKind::Paragraph);
                self.containers.pop();
            }
            "pre" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                self.code_block(&node.text());
            }
            "table" if !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                self.table(node, depth);
            }
            "a" => self.link(node, depth),
            "em" | "i" | "cite" | "dfn" => self.wrapped(node, depth, "*"),
            "strong" | "b" => self.wrapped(node, depth, "**"),
            "code" | "kbd" | "samp" | "tt" => self.code_span(&node.text()),
            _ if BLOCKS.contains(&name) && !self.in_cell => {
                self.flush(BlockKind::Paragraph);
                self.children(node, depth);
                self.flush(BlockKind::Paragraph);
            }
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" => {
                // Table parts outside a table (or nested): their text runs on.
                self.space();
                self.children(node, depth);
                self.space();
            }
            _ => self.children(node, depth),
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
            self.md.push(' ');
            self.text.push(' ');
        }
    }

    /// The container markers for the next line of a block.
    fn prefix(&mut self, first_line: bool) -> String {
        let mut p = String::new();
        for c in &mut self.containers {
            match c {
                Container::Quote => p.push_str("> "),
                Container::Item { marker, first } => {
                    if *first && first_line {
                        p.push_str(marker);
                        *first = false;
                    } else {
                        p.push_str(&" ".repeat(marker.len()));
                    }
                }
            }
        }
        p
    }

    fn starts_item(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Item { first: true, .. }))
    }

    fn take_inline(&mut self) -> Option<(String, String)> {
        self.runs_taken += 1;
        let md = std::mem::take(&mut self.md);
        let text = std::mem::take(&mut self.text);
        let text = text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        Some((md.trim().to_string(), text))
    }

    fn push_block(&mut self, lines: Vec<String>, text: String, kind: BlockKind) {
        let item = self.starts_item();
        let mut md = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                md.push('\n');
            }
            let p = self.prefix(i == 0);
            md.push_str(&p);
            md.push_str(line);
        }
        let md = md.trim_end().to_string();
        let kind = if item && kind == BlockKind::Paragraph {
            BlockKind::Item
        } else {
            kind
        };
        let list = self.lists.first().map(|l| l.id);
        self.blocks.push(Block {
            markdown: md,
            text,
            kind,
            list,
        });
    }

    fn flush(&mut self, kind: BlockKind) {
        if self.in_cell {
            self.space();
            return;
        }
        let Some((md, text)) = self.take_inline() else {
            return;
        };
        let lines: Vec<String> = md
            .split('\n')
            .map(|l| escape_line_start(l.trim()))
            .filter(|l| !l.is_empty())
            .collect();
        let text = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        // A hard break inside a paragraph: `\` at the end of the line.
        let n = lines.len();
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| if i + 1 < n { format!("{l}\\") } else { l })
            .collect();
        self.push_block(lines, text, kind);
    }

    fn flush_heading(&mut self, level: usize) {
        let Some((md, text)) = self.take_inline() else {
            return;
        };
        let one_line = md
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = format!("{} {}", "#".repeat(level), escape_line_start(&one_line));
        self.push_block(vec![line], text, BlockKind::Heading);
    }

    fn code_block(&mut self, code: &str) {
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        let longest = longest_run(code, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        let mut lines = vec![fence.clone()];
        lines.extend(code.lines().map(|l| l.trim_end().to_string()));
        lines.push(fence);
        self.push_block(lines, code.to_string(), BlockKind::Code);
    }

    fn code_span(&mut self, code: &str) {
        let mut plain = String::new();
        collapse_into(code, true, &mut plain);
        let plain = plain.trim();
        if plain.is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(plain, '`') + 1);
        self.md.push_str(&ticks);
        if plain.starts_with('`') || plain.ends_with('`') {
            self.md.push(' ');
        }
        self.md.push_str(plain);
        if plain.starts_with('`') || plain.ends_with('`') {
            self.md.push(' ');
        }
        self.md.push_str(&ticks);
        self.text.push_str(plain);
    }

    /// Writes the children of an inline wrapper (emphasis, a link) and
    /// gives back what they added to the Markdown and to the text, or
    /// nothing when a block inside (a paragraph in an unclosed `<a>` or
    /// `<strong>`) ended the run the wrapper began in.
    fn inline_children(&mut self, node: &NodeRef, depth: usize) -> Option<(String, String)> {
        let md_start = self.md.len();
        let text_start = self.text.len();
        let runs = self.runs_taken;
        self.children(node, depth);
        if self.runs_taken != runs {
            return None;
        }
        Some((
            self.md.get(md_start..)?.to_string(),
            self.text.get(text_start..)?.to_string(),
        ))
    }

    /// Emphasis around what the children write, with the surrounding
    /// spaces kept outside the markers so they still count as emphasis.
    fn wrapped(&mut self, node: &NodeRef, depth: usize, mark: &str) {
        let Some((inner, inner_text)) = self.inline_children(node, depth) else {
            return;
        };
        if inner_text.trim().is_empty() || inner_text.contains('\n') {
            return;
        }
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        let core = inner.trim();
        self.md.truncate(self.md.len() - inner.len());
        self.md.push_str(&inner[..lead]);
        self.md.push_str(mark);
        self.md.push_str(core);
        self.md.push_str(mark);
        self.md.push_str(&inner[inner.len() - trail..]);
    }

    fn link(&mut self, node: &NodeRef, depth: usize) {
        let Some((inner, inner_text)) = self.inline_children(node, depth) else {
            return;
        };
        let Some(url) = node
            .attr("href")
            .and_then(|h| absolute(h.as_ref(), self.base))
        else {
            return;
        };
        let inner_text = inner_text.trim().to_string();
        if inner_text.is_empty() || inner_text.contains('\n') {
            return;
        }
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        let core = inner.trim().to_string();
        // Brackets inside link text are escaped already, so the text can
        // never close the link early.
        let n = match self.links.iter().position(|l| l.url == url) {
            Some(i) => i + 1,
            None => {
                self.links.push(Link {
                    text: inner_text.split_whitespace().collect::<Vec<_>>().join(" "),
                    url,
                });
                self.links.len()
            }
        };
        self.md.truncate(self.md.len() - inner.len());
        self.md.push_str(&inner[..lead]);
        self.md.push('[');
        self.md.push_str(&core);
        self.md.push_str(&format!("][{n}]"));
        self.md.push_str(&inner[inner.len() - trail..]);
    }

    fn table(&mut self, table: &NodeRef, depth: usize) {
        let mut rows: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        for row in rows_of(table) {
            let mut md_cells = Vec::new();
            let mut text_cells = Vec::new();
            for cell in row.element_children() {
                let n = cell.node_name().map(|n| n.to_ascii_lowercase());
                if !matches!(n.as_deref(), Some("td" | "th")) {
                    continue;
                }
                let saved_md = std::mem::take(&mut self.md);
                let saved_text = std::mem::take(&mut self.text);
                self.in_cell = true;
                self.children(&cell, depth + 1);
                self.in_cell = false;
                let md = std::mem::replace(&mut self.md, saved_md);
                let text = std::mem::replace(&mut self.text, saved_text);
                md_cells.push(md.split_whitespace().collect::<Vec<_>>().join(" "));
                text_cells.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            if text_cells.iter().any(|c| !c.is_empty()) {
                rows.push((md_cells, text_cells));
            }
        }
        let columns = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        if columns <= 1 {
            // A layout table: each row is a paragraph.
            for (md, text) in rows {
                let line = escape_line_start(&md.join(" "));
                self.push_block(vec![line], text.join(" "), BlockKind::Paragraph);
            }
            return;
        }
        let mut lines = Vec::new();
        let mut text = Vec::new();
        for (i, (mut md, t)) in rows.into_iter().enumerate() {
            md.resize(columns, String::new());
            lines.push(format!("| {} |", md.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
            text.push(t.join(" "));
        }
        self.push_block(lines, text.join("\n"), BlockKind::Table);
    }
}

/// A table's rows, not those of tables nested in its cells.
fn rows_of<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut rows = Vec::new();
    for child in table.element_children() {
        match child.node_name().map(|n| n.to_ascii_lowercase()).as_deref() {
            Some("tr") => rows.push(child),
            Some("thead" | "tbody" | "tfoot") => rows.extend(
                child
                    .element_children()
                    .into_iter()
                    .filter(|r| r.has_name("tr")),
            ),
            _ => {}
        }
    }
    rows
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// An address worth listing: absolute `http(s)` or `mailto`, or a path made
/// absolute against the page's own address. Fragments and scripts are not.
pub fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Some(h.to_string());
    }
    if h.is_empty() || h.starts_with('#') || lower.contains("javascript:") || lower.contains(':') {
        return None;
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    if let Some(rest) = h.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if h.starts_with('/') {
        return Some(format!("{}{h}", &base[..host_end]));
    }
    let dir_end = base[host_end..]
        .rfind('/')
        .map_or(base.len(), |i| host_end + i + 1);
    let dir = &base[..dir_end.max(host_end)];
    let sep = if dir.ends_with('/') { "" } else { "/" };
    Some(format!("{dir}{sep}{h}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn md(html: &str) -> (String, String, Vec<Link>) {
        let doc = Document::fragment(html);
        let (blocks, links) = render(&doc.root(), Some("https://news.example/a/b.html"));
        let (m, t) = join(&blocks, &links);
        (m, t, links)
    }

    #[test]
    fn structure_becomes_markdown() {
        let (m, t, _) = md("<h2>Port</h2><p>The <b>ferry</b> runs <i>again</i>.</p>\
             <ul><li>one</li><li>two</li></ul><ol start=3><li>three</li></ol>\
             <blockquote><p>Said so.</p></blockquote>");
        assert_eq!(
            m,
            "## Port\n\nThe **ferry** runs *again*.\n\n- one\n- two\n\n3. three\n\n> Said so."
        );
        assert_eq!(
            t,
            "Port\n\nThe ferry runs again.\n\none\ntwo\n\nthree\n\nSaid so."
        );
    }

    #[test]
    fn emphasis_left_open_over_the_blocks_after_it_is_no_panic() {
        // Found by the feed fuzz target: the paragraph ended inside the
        // <strong> took the text the emphasis meant to wrap.
        let (m, t, _) = md(
            "<t>The ferry will run a <strong>night crossing</str_ng> from April.\
             <p>The harbour master said so.</p><ul><li>Departures at midnight</li></ul>",
        );
        assert!(m.contains("night crossing"), "{m}");
        assert!(m.contains("from April"), "{m}");
        assert!(t.contains("The harbour master said so."), "{t}");
        assert!(t.contains("Departures at midnight"), "{t}");
    }

    #[test]
    fn a_link_left_open_over_the_blocks_after_it_is_no_panic() {
        // Found by the mail fuzz target: a paragraph ended inside an <a>
        // took the text the link meant to wrap, and the link sliced past
        // its end.
        let (m, t, _) = md("<div>Crossings resume <a href=\"/ferry\">in spring\
             <p>The harbour master said so.</p></a> after repairs.</div>");
        assert!(t.contains("Crossings resume"), "{t}");
        assert!(t.contains("The harbour master said so."), "{t}");
        assert!(m.contains("after repairs."), "{m}");
    }

    #[test]
    fn page_text_cannot_become_markup() {
        let (m, _, _) = md(
            "<p># not a heading *nor emphasis* [nor](link) <b>x</b></p><p>1. no list</p><p>- nor this</p><p>&lt;script&gt;</p>",
        );
        assert_eq!(
            m,
            "\\# not a heading \\*nor emphasis\\* \\[nor\\](link) **x**\n\n1\\. no list\n\n\\- nor this\n\n\\<script\\>"
        );
    }

    #[test]
    fn links_are_numbered_references_resolved_against_the_page() {
        let (m, _, links) = md(
            "<p>See <a href=\"/r/1\">the report</a> and <a href=\"https://x.example/\">this</a>, \
             <a href=\"#top\">top</a>, <a href=\"javascript:x()\">js</a>.</p>",
        );
        assert_eq!(
            m,
            "See [the report][1] and [this][2], top, js.\n\n[1]: <https://news.example/r/1>\n[2]: <https://x.example/>"
        );
        assert_eq!(links[0].text, "the report");
    }

    #[test]
    fn tables_keep_rows_and_columns() {
        let (m, t, _) =
            md("<table><tr><th>Team</th><th>Pts</th></tr><tr><td>A|B</td><td>3</td></tr></table>");
        assert_eq!(m, "| Team | Pts |\n| --- | --- |\n| A\\|B | 3 |");
        assert_eq!(t, "Team Pts\nA|B 3");
    }

    #[test]
    fn code_blocks_are_fenced_beyond_any_backticks_inside() {
        let (m, _, _) = md("<pre>let a = 1;\n```\n</pre>");
        assert_eq!(m, "````\nlet a = 1;\n```\n````");
    }

    #[test]
    fn nested_lists_indent() {
        let (m, _, _) = md("<ul><li>a<ul><li>b</li></ul></li></ul>");
        assert_eq!(m, "- a\n  - b");
    }

    #[test]
    fn relative_addresses() {
        let base = Some("https://h.example/x/y.html");
        assert_eq!(
            absolute("z.html", base).as_deref(),
            Some("https://h.example/x/z.html")
        );
        assert_eq!(
            absolute("//cdn.example/a", base).as_deref(),
            Some("https://cdn.example/a")
        );
        assert_eq!(
            absolute("mailto:a@b.c", None).as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(absolute("/a", None), None);
    }
}
