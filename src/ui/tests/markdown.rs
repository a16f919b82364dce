//! The reader on a Markdown brief holding every construct it renders, at
//! phone, laptop and wide sizes, page by page, against snapshots in
//! `snapshots/` (colours are checked separately below). After a deliberate
//! change of layout, `BRIEF_UPDATE_SNAPSHOTS=1 cargo test --lib markdown`
//! writes them again; review the diff.

use ratatui::style::Modifier;

use super::*;
use crate::ingest::{IngestRules, parse_article};
use crate::model::{ArticleDetail, ArticleSummary};
use crate::ui::layout;
use crate::ui::reader::plain;

const FIXTURE: &str = include_str!("fixtures/every_construct.md");

fn every_construct() -> ArticleDetail {
    let a = parse_article(
        "transport/ferries.md",
        FIXTURE.as_bytes(),
        &IngestRules::default(),
    )
    .expect("fixture parses");
    ArticleDetail {
        summary: ArticleSummary {
            id: a.id,
            path: a.path,
            title: a.title,
            date: a.date,
            topics: a.topics,
            tags: Vec::new(),
            bookmarked: false,
            read: false,
            source: a.source,
            desk_tags: Vec::new(),
        },
        url: a.url,
        body: a.body,
        raw: a.raw,
        entities: Vec::new(),
        position: 0,
        filed: None,
    }
}

fn opened(w: u16, h: u16) -> (FakeCatalog, App) {
    let cat = FakeCatalog::new(vec![every_construct()]);
    let mut app = app(&cat, w, h);
    keys(&mut app, &cat, &["Enter"]);
    (cat, app)
}

/// The reader pane's cells as text.
fn reader_text(app: &App) -> String {
    let buf = render(app);
    let areas = layout::areas(app.size, app.choices());
    let r = areas.reader.expect("a reader pane");
    let mut s = String::new();
    for y in r.y..r.y + r.height {
        let mut line = String::new();
        let mut x = r.x;
        while x < r.x + r.width {
            let symbol = visible(buf[(x, y)].symbol());
            line.push_str(symbol);
            // A wide character's second cell is its own, not a space; a
            // linked run covers its width.
            x += crate::text::display_width(symbol).max(1) as u16;
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// A cell's glyph without the OSC 8 sequence around it.
fn visible(symbol: &str) -> &str {
    match symbol.split_once("\x1b\\") {
        Some((_, rest)) => rest.split("\x1b]8;;").next().unwrap_or(rest),
        None => symbol,
    }
}

/// Every page of the article, from the top to the end.
fn pages(w: u16, h: u16) -> String {
    let (cat, mut app) = opened(w, h);
    let mut out = String::new();
    for page in 0..40 {
        out.push_str(&format!("--- page {} ---\n", page + 1));
        out.push_str(&reader_text(&app));
        if app.reader.scroll >= app.reader.max_scroll() {
            return out;
        }
        keys(&mut app, &cat, &["PageDown"]);
    }
    panic!("the article never ended:\n{out}");
}

fn check_snapshot(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/ui/tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("BRIEF_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from {}:\n{actual}\n(BRIEF_UPDATE_SNAPSHOTS=1 writes it after a deliberate change)",
        path.display()
    );
}

#[test]
fn reader_snapshots_at_every_size() {
    for (w, h) in [(40, 20), (60, 20), (80, 24), (120, 40), (200, 50)] {
        check_snapshot(&format!("markdown_reader_{w}x{h}"), &pages(w, h));
    }
}

#[test]
fn every_construct_is_shown_not_its_markup() {
    let (_, app) = opened(120, 40);
    let all: Vec<String> = app.reader.lines.iter().map(plain).collect();
    // Wrapped lines joined again, hanging indents folded to one space.
    let text = all
        .join(" ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    for shown in [
        "## What changes",
        "• Morning crossings",
        "◦ the Skerry Star",
        "10. Operators publish",
        "│ We asked for one timetable",
        "│ • even in storms",
        "the board's notice[2]",
        "fares table[3]",
        "https://help.example/ferries[4]",
        "note[^1]",
        "https://port.example/winter[5]",
        "\"overdue\" & long promised",
        "[x] Fares frozen",
        "[image: Map of the two routes]",
        "[^1] Published on 21 October",
        "https://news.example/ferries [1]",
    ] {
        assert!(text.contains(shown), "`{shown}` not in:\n{text}");
    }
    for markup in ["**", "&amp;", "```", "|:--", "[fares]:", "[^late]:"] {
        assert!(!text.contains(markup), "`{markup}` shown:\n{text}");
    }
    // Numbers as the links list has them.
    let urls: Vec<&str> = app.reader.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        &urls[..5],
        [
            "https://news.example/ferries",
            "https://board.example/notice?id=12&lang=en",
            "https://board.example/fares",
            "https://help.example/ferries",
            "https://port.example/winter",
        ]
    );
    assert_eq!(app.reader.links[1].text, "the board's notice");
}

#[test]
fn styles_mark_emphasis_code_links_and_headings() {
    let (_, app) = opened(120, 40);
    let span = |needle: &str| {
        app.reader
            .lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content.contains(needle))
            .unwrap_or_else(|| panic!("no span with {needle}"))
            .style
    };
    assert!(span("three").add_modifier.contains(Modifier::ITALIC));
    assert!(
        span("joint timetable")
            .add_modifier
            .contains(Modifier::BOLD)
    );
    assert!(span("What changes").add_modifier.contains(Modifier::BOLD));
    assert!(span("notice").add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(span("06:40").fg, Some(ratatui::style::Color::Cyan));
}

#[test]
fn code_lines_are_cut_with_a_mark_and_tables_fit_the_pane() {
    for (w, h) in [(40, 20), (60, 20), (80, 24)] {
        let (_, app) = opened(w, h);
        let width = app.reader.width;
        let lines: Vec<String> = app.reader.lines.iter().map(plain).collect();
        assert!(
            lines.iter().all(|l| crate::text::display_width(l) <= width),
            "{w}x{h}: a line wider than {width}:\n{}",
            lines.join("\n")
        );
        // The fixture's code lines are cut only where the pane is narrower.
        let longest_code = FIXTURE
            .lines()
            .filter(|l| l.starts_with("timetable"))
            .map(crate::text::display_width)
            .max()
            .unwrap_or(0);
        assert_eq!(
            lines.iter().any(|l| l.ends_with('↩')),
            longest_code > width,
            "{w}x{h}, code {longest_code} in {width}: {lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("┼")), "{lines:?}");
    }
}

#[test]
fn the_stored_text_is_the_documents_plain_text() {
    let d = every_construct();
    assert!(
        d.body
            .contains("The three operators signed the joint timetable")
    );
    assert!(!d.body.contains("[2]"), "link numbers are not text");
    assert!(crate::ui::reader::markdown_of(&d).is_some());
}

#[test]
fn link_text_cells_carry_their_hyperlink_and_nothing_else_does() {
    let (_, app) = opened(80, 24);
    let buf = render(&app);
    let linked: Vec<String> = buf
        .content()
        .iter()
        .filter(|c| c.symbol().contains('\x1b'))
        .map(|c| c.symbol().to_string())
        .collect();
    let notice = "\x1b]8;id=0;https://board.example/notice?id=12&lang=en\x1b\\";
    let text: String = linked
        .iter()
        .filter(|s| s.starts_with(notice))
        .map(|s| visible(s))
        .collect();
    assert_eq!(
        text, "the board's notice",
        "one sequence per run of link text"
    );
    assert!(linked.iter().all(|s| s.ends_with("\x1b]8;;\x1b\\")));
    let mut off = app;
    off.hyperlinks = false;
    assert!(
        !render(&off)
            .content()
            .iter()
            .any(|c| c.symbol().contains('\x1b'))
    );
}
