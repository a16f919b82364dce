//! An article's document written back as Markdown for `brief export`:
//! headings, lists, quotes, code, tables, links and footnotes as real
//! Markdown, every piece of text escaped so that what an article says can
//! never become markup of the pack.

use crate::ingest::document::{Align, Block, BlockKind, Container, Document, Inline};

/// Characters that may start or end markup anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '!', '&', '#',
];

/// Text escaped so that it reads as itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line's start escaped where it would open a block (`- `, `+ `, `1. `,
/// `=`), given already inline-escaped text.
fn escape_start(line: &str) -> String {
    let t = line.trim_start();
    let lead = &line[..line.len() - t.len()];
    if let Some(first) = t.chars().next()
        && matches!(first, '-' | '+' | '=')
    {
        return format!("{lead}\\{t}");
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{lead}{}\\{}", &t[..digits], &t[digits..]);
    }
    line.to_string()
}

/// A title or a plain paragraph as one escaped Markdown line.
pub fn escape_line(text: &str) -> String {
    escape_start(&escape(text.trim()))
}

/// Plain text (a scraped brief's body) as paragraphs.
pub fn plain_text(body: &str) -> String {
    body.split('\n')
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("\n")
        .split("\n\n")
        .map(|p| p.lines().collect::<Vec<_>>().join("  \n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The document as Markdown. Headings move down by `shift` levels (the
/// pack's own headings sit above them); footnote labels get `label_prefix`
/// so two articles' footnotes stay apart.
pub fn document(doc: &Document, shift: u8, label_prefix: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for b in &doc.blocks {
        if let Some(p) = prev {
            out.push('\n');
            if let Some(depth) = b.blank_before(p) {
                out.push_str(&">".repeat(depth));
                out.push('\n');
            }
        }
        let (first, rest) = prefixes(b, label_prefix);
        let lines = block(doc, b, shift, label_prefix);
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let p = if i == 0 { &first } else { &rest };
            if l.is_empty() {
                out.push_str(p.trim_end());
            } else {
                out.push_str(p);
                out.push_str(l);
            }
        }
        prev = Some(b);
    }
    out
}

/// `•` → `-`, `3.` stays, `[^2]` is a footnote definition.
fn list_marker(marker: &str) -> String {
    let numbered = marker
        .strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if numbered || marker.starts_with("[^") {
        marker.to_string()
    } else {
        "-".to_string()
    }
}

fn prefixes(b: &Block, label_prefix: &str) -> (String, String) {
    let mut first = String::new();
    let mut rest = String::new();
    for c in &b.containers {
        match c {
            Container::Quote => {
                first.push_str("> ");
                rest.push_str("> ");
            }
            Container::Item { marker, first: f } => {
                let m = match marker.strip_prefix("[^").and_then(|r| r.strip_suffix(']')) {
                    Some(n) => format!("[^{label_prefix}{n}]:"),
                    None => list_marker(marker),
                };
                let pad = " ".repeat(if m.starts_with("[^") { 4 } else { m.len() + 1 });
                if *f {
                    first.push_str(&m);
                    first.push(' ');
                } else {
                    first.push_str(&pad);
                }
                rest.push_str(&pad);
            }
        }
    }
    (first, rest)
}

fn block(doc: &Document, b: &Block, shift: u8, label_prefix: &str) -> Vec<String> {
    match &b.kind {
        BlockKind::Paragraph(i) => {
            let text = inlines(doc, i, label_prefix);
            let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
            if let Some(first) = lines.first_mut() {
                *first = escape_start(first);
            }
            lines
        }
        BlockKind::Heading(level, i) => {
            let level = (*level + shift).min(6) as usize;
            vec![format!(
                "{} {}",
                "#".repeat(level),
                inlines(doc, i, label_prefix).replace('\n', " ")
            )]
        }
        BlockKind::Code(lines) => {
            let longest = lines
                .iter()
                .map(|l| l.trim_start().bytes().take_while(|&c| c == b'`').count())
                .max()
                .unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let mut out = vec![fence.clone()];
            out.extend(lines.iter().cloned());
            out.push(fence);
            out
        }
        BlockKind::Rule => vec!["***".to_string()],
        BlockKind::Table(t) => {
            let n = t.rows.iter().map(Vec::len).max().unwrap_or(0);
            let row = |r: &Vec<Vec<Inline>>| {
                let cells: Vec<String> = (0..n)
                    .map(|c| {
                        r.get(c)
                            .map(|cell| inlines(doc, cell, label_prefix).replace('\n', " "))
                            .unwrap_or_default()
                    })
                    .collect();
                format!("| {} |", cells.join(" | "))
            };
            let mut out = Vec::new();
            for (k, r) in t.rows.iter().enumerate() {
                out.push(row(r));
                if k == 0 {
                    let aligns: Vec<&str> = (0..n)
                        .map(|c| match t.aligns.get(c) {
                            Some(Align::Right) => "--:",
                            Some(Align::Center) => ":-:",
                            _ => "---",
                        })
                        .collect();
                    out.push(format!("| {} |", aligns.join(" | ")));
                }
            }
            out
        }
    }
}

/// Inline spans as Markdown; a hard break is `\n` (the caller indents).
fn inlines(doc: &Document, spans: &[Inline], label_prefix: &str) -> String {
    let mut out = String::new();
    let mut link_text = String::new();
    for s in spans {
        match s {
            Inline::Text {
                text,
                emphasis,
                link,
            } => {
                let mut t = if emphasis.code {
                    code_span(text)
                } else {
                    escape(text)
                };
                if emphasis.strike {
                    t = format!("~~{t}~~");
                }
                if emphasis.italic {
                    t = format!("*{t}*");
                }
                if emphasis.bold {
                    t = format!("**{t}**");
                }
                if link.is_some() {
                    link_text.push_str(&t);
                } else {
                    out.push_str(&t);
                }
            }
            Inline::LinkEnd(i) => {
                let url = doc.links.get(*i).map_or("", |l| l.url.as_str());
                let text = std::mem::take(&mut link_text);
                let safe = url.replace(['<', '>', '\n', ' '], "");
                if text == escape(url) {
                    out.push_str(&format!("<{safe}>"));
                } else {
                    out.push_str(&format!("[{text}](<{safe}>)"));
                }
            }
            Inline::Footnote(n) => out.push_str(&format!("[^{label_prefix}{}]", n + 1)),
            Inline::Mark(m) => out.push_str(&escape(m)),
            Inline::Break => out.push_str("\\\n"),
        }
    }
    out.push_str(&link_text);
    out
}

fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::document::parse;

    fn round_trip(md: &str) -> (String, String) {
        let doc = parse(md);
        let out = document(&doc, 0, "");
        (out.clone(), parse(&out).plain())
    }

    #[test]
    fn structure_and_links_survive() {
        let md = "## Head\n\nA *b* **c** `d` [link](https://e.org/x?a=1&b=2) and <https://e.org/y>.\n\n\
                  - one\n  - two\n\n3. three\n\n> quoted\n\n| A | B |\n|:-|-:|\n| x | y |\n\n```\ncode *x*\n```\n";
        let (out, plain) = round_trip(md);
        assert_eq!(plain, parse(md).plain(), "{out}");
        assert!(out.contains("[link](<https://e.org/x?a=1&b=2>)"), "{out}");
        assert!(out.contains("<https://e.org/y>"), "{out}");
        assert!(out.contains("- one\n  - two"), "{out}");
        assert!(out.contains("> quoted"), "{out}");
        assert!(out.contains("| A | B |\n| --- | --: |"), "{out}");
        assert!(out.contains("```\ncode *x*\n```"), "{out}");
    }

    #[test]
    fn article_text_cannot_become_markup() {
        let (out, plain) = round_trip(
            "Price \\*estimated\\* at \\<b\\> \\[1\\]\n\n\\# not a heading\n\n1\\. not a list\n",
        );
        assert_eq!(
            plain, "Price *estimated* at <b> [1]\n\n# not a heading\n\n1. not a list",
            "{out}"
        );
        assert_eq!(escape_line("- dash"), "\\- dash");
        assert_eq!(escape_line("2024. A year"), "2024\\. A year");
    }

    #[test]
    fn footnote_labels_are_kept_apart() {
        let doc = parse("Note[^a].\n\n[^a]: The note.\n");
        let out = document(&doc, 0, "3-");
        assert!(out.contains("Note[^3-1]."), "{out}");
        assert!(out.contains("[^3-1]: The note."), "{out}");
    }
}
