//! What the screen shows, at 80x24, 120x40, 40x12 and 1x1.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use super::*;
use crate::config::Config;
use crate::ui::testing::{FakeCatalog, detail, summary};
use crate::ui::theme::Theme;
use crate::ui::{Event, update, view};

#[test]
fn at_80x24_list_then_reader_and_the_sidebar_folded() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    let s = screen(&app);
    assert!(s.contains("Articles 4 · all"), "{s}");
    let (a, b, d) = (
        row_of(&s, "Harbour strike").unwrap(),
        row_of(&s, "Grain prices").unwrap(),
        row_of(&s, "Notes on a").unwrap(),
    );
    assert!(a < b && b < d, "newest first, undated last:\n{s}");
    assert!(
        s.lines().nth(a).unwrap().contains("20 Nov"),
        "compact dates in a narrow list:\n{s}"
    );
    assert!(s.lines().nth(d).unwrap().contains(" -- "), "{s}");
    assert!(s.contains("●"), "unread markers:\n{s}");
    assert!(
        !s.contains("Named"),
        "sidebar folded below 100 columns:\n{s}"
    );
    assert!(s.lines().nth(23).unwrap().contains("LIST"), "{s}");
    assert!(s.lines().nth(23).unwrap().contains("? help"), "{s}");

    keys(&mut app, &cat, &["j", "Enter"]);
    let s = screen(&app);
    assert!(s.contains("Grain prices climb"), "{s}");
    assert!(s.contains("Ana Vell, a trader"), "the body is shown:\n{s}");
    assert!(s.contains("L 1/"), "scroll position shown:\n{s}");
    assert!(s.lines().nth(23).unwrap().contains("READ"), "{s}");
    assert!(cat.get("a2").summary.read, "opening marks read");
    assert!(
        !s.contains("18 Nov"),
        "the reader has the whole width:\n{s}"
    );
    assert!(s.lines().nth(23).unwrap().contains("s names"), "{s}");
    keys(&mut app, &cat, &["Esc"]);
    let s = screen(&app);
    let row = s.lines().find(|l| l.contains("18 Nov")).unwrap();
    assert!(
        row.starts_with("│   18 Nov Grain"),
        "unread marker gone at once: {row}"
    );

    keys(&mut app, &cat, &["s"]);
    assert!(screen(&app).contains("Named"), "toggle shows the sidebar");
}

#[test]
fn at_120x40_three_panes_with_entities_grouped_and_counted() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["Enter"]);
    let s = screen(&app);
    assert!(s.contains("Named"), "{s}");
    let people = row_of(&s, "People").unwrap();
    let places = row_of(&s, "Places").unwrap();
    assert!(people < places, "{s}");
    let ana = s.lines().nth(row_of(&s, "Ana Vell").unwrap()).unwrap();
    assert!(
        ana.trim_end().ends_with(" 2│"),
        "two other articles name her: {ana:?}"
    );
    let union = s.lines().nth(row_of(&s, "Dockers Union").unwrap()).unwrap();
    assert!(union.trim_end().ends_with(" 0│"), "{union:?}");
}

#[test]
fn at_40x12_one_pane_at_a_time() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 40, 12);
    let s = screen(&app);
    assert!(s.contains("Harbour strike"), "{s}");
    assert!(!s.contains("Reader"), "{s}");
    keys(&mut app, &cat, &["Enter"]);
    let s = screen(&app);
    assert!(s.contains("Reader") && s.contains("Dock workers"), "{s}");
    assert!(!s.contains("Articles"), "{s}");
    keys(&mut app, &cat, &["Tab"]);
    assert!(
        screen(&app).contains("Portmere"),
        "the sidebar gets the screen"
    );
    keys(&mut app, &cat, &["Esc"]);
    assert!(screen(&app).contains("Articles 4"));
}

#[test]
fn at_1x1_and_tiny_sizes_say_too_small() {
    let cat = FakeCatalog::sample();
    let app1 = app(&cat, 1, 1);
    assert_eq!(screen(&app1), "t\n");
    let app2 = app(&cat, 19, 6);
    assert!(screen(&app2).contains("terminal"), "{}", screen(&app2));
}

#[test]
fn resizing_through_many_sizes_never_panics() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["Enter", "Tab", "s"]);
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for (i, (w, h)) in (0..140u16)
        .step_by(3)
        .flat_map(|w| (0..50u16).step_by(4).map(move |h| (w, h)))
        .enumerate()
    {
        update(&mut app, &cat, Event::Resize(w, h));
        if i % 7 == 0 {
            keys(&mut app, &cat, &["?"]);
        }
        terminal.backend_mut().resize(w, h);
        terminal.draw(|f| view(&app, f)).unwrap();
        keys(&mut app, &cat, &["Esc", "j", "G", "Tab"]);
        terminal.draw(|f| view(&app, f)).unwrap();
    }
}

#[test]
fn help_is_generated_from_the_live_keymap() {
    let cat = FakeCatalog::sample();
    let config = Config::parse("[keys]\nbookmark = [\"x\", \"F2\"]\n", None).unwrap();
    let mut app = app_for(&cat, 100, 45, &config);
    keys(&mut app, &cat, &["?"]);
    let s = screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("bookmark / unbookmark"))
        .unwrap();
    assert!(line.contains("x F2"), "{line}");
    assert!(
        s.lines()
            .any(|l| l.contains("j Down") && l.contains("move down")),
        "{s}"
    );
    keys(&mut app, &cat, &["x"]);
    assert!(
        app.overlay.is_some(),
        "keys other than close do nothing in help"
    );
    let mut small = app.clone();
    update(&mut small, &cat, Event::Resize(80, 24));
    let s = screen(&small);
    assert!(s.contains("1-19 of 40 · j/k scroll · Esc closes"), "{s}");
    keys(&mut small, &cat, &["G", "j", "j", "k"]);
    let s = screen(&small);
    assert!(
        s.contains("this help") && s.contains("21-39 of 40"),
        "clamped, then one up: {s}"
    );
    keys(&mut app, &cat, &["Esc"]);
    assert!(app.overlay.is_none());
    keys(&mut app, &cat, &["x"]);
    assert!(cat.get("a1").summary.bookmarked, "rebound key works");
    assert!(
        screen(&app).contains("x bookmark"),
        "status hint follows the keymap"
    );
}

#[test]
fn article_text_cannot_reach_the_terminal_as_controls() {
    let mut d = detail(
        summary("evil", "Red \x1b[31malert\u{9b}2J \u{202e}txet", None, &[]),
        "body \x1b]0;title\x07 end",
    );
    d.summary.tags = vec!["t\x1bag".into()];
    let cat = FakeCatalog::new(vec![d]);
    let mut app = app(&cat, 100, 24);
    assert!(screen(&app).contains("#t␛ag"), "the list row's tag");
    keys(&mut app, &cat, &["Enter"]);
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains("Red ␛[31malert␛[2J <RLO>txet"), "{s}");
    assert!(s.contains("body ␛]0;title␇ end"), "{s}");
    assert!(s.contains("tags: t␛ag"), "{s}");
    for cell in buf.content() {
        assert!(
            cell.symbol()
                .chars()
                .all(|c| !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c))
        );
    }
}

#[test]
fn status_shows_indexing_then_its_summary_and_failures() {
    let mut cat = FakeCatalog::sample();
    cat.failures = vec![("bad.md".into(), "front matter: expected `=`".into())];
    let mut app = app(&cat, 100, 24);
    app.indexing = true;
    assert!(screen(&app).contains("indexing…"));
    assert!(screen(&app).contains("1 failed (F)"));
    update(
        &mut app,
        &cat,
        Event::JobDone(Ok("indexed 4 articles".into())),
    );
    let s = screen(&app);
    assert!(
        s.contains("indexed 4 articles") && !s.contains("indexing…"),
        "{s}"
    );
    keys(&mut app, &cat, &["F"]);
    assert!(screen(&app).contains("front matter: expected"));
}

#[test]
fn selection_is_highlighted_and_borders_follow_the_locale() {
    let cat = FakeCatalog::sample();
    let app_utf8 = app(&cat, 80, 24);
    let buf = render(&app_utf8);
    let y = text(&buf)
        .lines()
        .position(|l| l.contains("Harbour"))
        .unwrap() as u16;
    assert!(buf[(2, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(0, 0)].symbol(), "╭");
    let config = Config::builtin();
    let mut ascii = app_utf8.clone();
    ascii.theme = Theme::from_config(&config, &env(false)).unwrap();
    let s = screen(&ascii);
    assert!(s.starts_with('+'), "{s}");
    assert!(s.contains("* "), "ASCII unread marker: {s}");
}

#[test]
fn status_line_keeps_its_hints_while_indexing() {
    let mut cat = FakeCatalog::sample();
    cat.failures = vec![("bad.md".into(), "unreadable".into())];
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["Enter"]);
    app.indexing = true;
    let s = screen(&app);
    let status = s.lines().nth(23).unwrap();
    assert!(
        status.contains("READ indexing…")
            && status.contains("1 failed (F)")
            && status.contains("? help"),
        "{status:?}"
    );
}

#[test]
fn snapshot_40x12_list_then_reader() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 40, 12);
    let expected = [
        "╭ Articles 4 · all ────────────────────╮",
        "│●  20 Nov Harbour strike enters…      │",
        "│●  18 Nov Grain prices climb on port… │",
        "│●   2 Oct Council approves new tram…  │",
        "│●    --   Notes on a quiet week       │",
        "│                                      │",
        "│                                      │",
        "│                                      │",
        "│                                      │",
        "│                                      │",
        "╰──────────────────────────────────────╯",
        " LIST j/k move Enter open ? help q quit ",
    ];
    assert_eq!(screen(&app).lines().collect::<Vec<_>>(), expected);
    keys(&mut app, &cat, &["Enter"]);
    let expected = [
        "╭ Reader ──────────────────────────────╮",
        "│Harbour strike enters second week     │",
        "│2026-11-20                            │",
        "│source: Wire                          │",
        "│topics: labour                        │",
        "│                                      │",
        "│Dock workers in Portmere stayed away  │",
        "│for a second week.                    │",
        "│                                      │",
        "│The union said talks would resume on  │",
        "╰────────────────────────── L 1/11 81% ╯",
        " READ j/k scroll Esc list ? help q quit ",
    ];
    assert_eq!(screen(&app).lines().collect::<Vec<_>>(), expected);
}
