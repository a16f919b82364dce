//! The reader driven like a user would: key events into `update`, the
//! screen read back from a `TestBackend`, at several sizes.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::keymap::{Key, Keymap};
use super::layout::Pane;
use super::testing::{FakeCatalog, detail, summary};
use super::theme::{TermEnv, Theme};
use super::{App, Event, update, view};
use crate::config::Config;
use crate::library::Catalog;

fn env(utf8: bool) -> TermEnv {
    TermEnv {
        locale: Some(if utf8 { "C.UTF-8" } else { "C" }.into()),
        term: Some("xterm".into()),
        ..Default::default()
    }
}

fn app_for(cat: &FakeCatalog, w: u16, h: u16, config: &Config) -> App {
    let keymap = Keymap::from_config(config).unwrap();
    let theme = Theme::from_config(config, &env(true)).unwrap();
    let mut app = App::new(keymap, theme, &config.ui, "2026-11-21".parse().unwrap());
    app.size = Rect::new(0, 0, w, h);
    super::update::start(&mut app, cat);
    app.relayout();
    app
}

fn app(cat: &FakeCatalog, w: u16, h: u16) -> App {
    app_for(cat, w, h, &Config::builtin())
}

/// Types keys given by their `[keys]` names, or text for a prompt.
fn keys(app: &mut App, cat: &FakeCatalog, names: &[&str]) {
    for name in names {
        let key = Key::parse(name).unwrap_or_else(|| panic!("key {name}"));
        update(app, cat, Event::Key(KeyEvent::new(key.code, key.mods)));
    }
}

fn type_text(app: &mut App, cat: &FakeCatalog, text: &str) {
    for c in text.chars() {
        let name = if c == ' ' {
            "Space".to_string()
        } else {
            c.to_string()
        };
        keys(app, cat, &[&name]);
    }
}

fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn screen(app: &App) -> String {
    text(&render(app))
}

fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

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
fn entity_jump_lists_the_articles_naming_it_and_esc_comes_back() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["j", "Enter", "Tab"]);
    assert_eq!(app.focus, Pane::Sidebar);
    // a2's sidebar: Ana Vell (people) first.
    keys(&mut app, &cat, &["Enter"]);
    let s = screen(&app);
    assert!(s.contains("Articles 3 · naming:ana vell"), "{s}");
    assert!(!s.contains("Notes on a quiet"), "{s}");
    assert_eq!(app.focus, Pane::List);
    keys(&mut app, &cat, &["G", "Enter"]);
    assert!(screen(&app).contains("tram line linking"), "jumped to a3");
    keys(&mut app, &cat, &["Esc", "Esc"]);
    let s = screen(&app);
    assert!(s.contains("Articles 4 · all"), "{s}");
    assert_eq!(
        app.list.selected_article().unwrap().id,
        "a2",
        "selection restored"
    );
}

#[test]
fn bookmark_read_and_tags_show_at_once_and_are_saved() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["b"]);
    assert!(cat.get("a1").summary.bookmarked);
    let s = screen(&app);
    assert!(
        s.lines()
            .nth(row_of(&s, "Harbour").unwrap())
            .unwrap()
            .contains("★"),
        "{s}"
    );
    keys(&mut app, &cat, &["m"]);
    assert!(cat.get("a1").summary.read);
    keys(&mut app, &cat, &["m"]);
    assert!(!cat.get("a1").summary.read, "m toggles back");

    keys(&mut app, &cat, &["t"]);
    type_text(&mut app, &cat, "+urgent");
    assert!(screen(&app).contains("tags (+add -remove): +urgent"));
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(cat.get("a1").summary.tags, ["urgent"]);
    assert!(screen(&app).contains("#urgent"), "{}", screen(&app));

    keys(&mut app, &cat, &["j", "t"]);
    type_text(&mut app, &cat, "+ur");
    keys(&mut app, &cat, &["Tab", "Enter"]);
    assert_eq!(
        cat.get("a2").summary.tags,
        ["urgent"],
        "Tab completed from tags in use"
    );

    keys(&mut app, &cat, &["T"]);
    type_text(&mut app, &cat, "weekly -urgent");
    keys(&mut app, &cat, &["Enter"]);
    for id in ["a1", "a2", "a3", "a4"] {
        assert_eq!(cat.get(id).summary.tags, ["weekly"], "{id}");
    }
}

#[test]
fn views_bookmarked_per_tag_unread_and_mark_all_read() {
    let cat = FakeCatalog::sample();
    cat.change_tags("a3", &["city".into()], &[]).unwrap();
    cat.set_bookmarked("a2", true).unwrap();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["B"]);
    let s = screen(&app);
    assert!(
        s.contains("Articles 1 · bookmarked") && s.contains("Grain prices"),
        "{s}"
    );
    keys(&mut app, &cat, &["#"]);
    type_text(&mut app, &cat, "ci");
    keys(&mut app, &cat, &["Tab", "Enter"]);
    let s = screen(&app);
    assert!(
        s.contains("Articles 1 · tag:city") && s.contains("Council"),
        "{s}"
    );
    keys(&mut app, &cat, &["a", "M"]);
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| a.read)
    );
    assert!(!screen(&app).contains("●"));
    keys(&mut app, &cat, &["U"]);
    assert!(screen(&app).contains("Articles 0 · unread"));
}

#[test]
fn reading_position_is_saved_on_leaving_and_restored_on_reopening() {
    let body = (1..=60)
        .map(|i| format!("Paragraph number {i}."))
        .collect::<Vec<_>>()
        .join("\n");
    let cat = FakeCatalog::new(vec![
        detail(
            summary("long", "A long read", Some("2026-11-20"), &[]),
            &body,
        ),
        detail(
            summary("short", "A short one", Some("2026-11-19"), &[]),
            "Brief.",
        ),
    ]);
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["Enter", "j", "j", "j", "C-d"]);
    let at = app.reader.scroll;
    assert!(at > 3, "{at}");
    keys(&mut app, &cat, &["Esc"]);
    // Four header lines (title, date, source, blank), then text line 1.
    let paragraph = at - 3;
    assert_eq!(cat.get("long").position as usize, paragraph);
    keys(&mut app, &cat, &["j", "Enter", "Esc", "k", "Enter"]);
    assert_eq!(app.reader.scroll, at, "resumed where it stopped");
    let s = screen(&app);
    assert!(
        s.contains(&format!("│Paragraph number {paragraph}.")),
        "{s}"
    );
    // A narrower terminal next time: the same paragraph on top.
    keys(&mut app, &cat, &["Esc", "j", "Enter"]);
    update(&mut app, &cat, Event::Resize(30, 12));
    keys(&mut app, &cat, &["Esc", "k", "Enter"]);
    let s = screen(&app);
    let top = s.lines().nth(1).unwrap();
    assert!(
        top.starts_with(&format!("│Paragraph number {paragraph}")),
        "{s}"
    );
}

#[test]
fn another_session_s_changes_show_on_the_next_tick() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    let calls = cat.list_calls.get();
    assert!(
        !update(&mut app, &cat, Event::Tick),
        "nothing changed: no reload, no redraw"
    );
    assert_eq!(cat.list_calls.get(), calls);
    cat.set_bookmarked("a3", true).unwrap();
    assert!(update(&mut app, &cat, Event::Tick));
    let s = screen(&app);
    assert!(
        s.lines()
            .nth(row_of(&s, "Council").unwrap())
            .unwrap()
            .contains("★"),
        "{s}"
    );
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
    keys(&mut app, &cat, &["Enter"]);
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains("Red ␛[31malert␛[2J <RLO>txet"), "{s}");
    assert!(s.contains("body ␛]0;title␇ end"), "{s}");
    assert!(s.contains("#t␛ag"), "{s}");
    for cell in buf.content() {
        assert!(
            cell.symbol()
                .chars()
                .all(|c| !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c))
        );
    }
}

#[test]
fn only_key_presses_count() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    let mut release = KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('j'),
        KeyModifiers::NONE,
    );
    release.kind = KeyEventKind::Release;
    assert!(!update(&mut app, &cat, Event::Key(release)));
    assert_eq!(app.list.selected_article().unwrap().id, "a1");
}

#[test]
fn grouping_raw_text_and_search() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["o"]);
    let s = screen(&app);
    assert!(
        row_of(&s, "labour").unwrap() < row_of(&s, "(no topic)").unwrap(),
        "{s}"
    );
    keys(&mut app, &cat, &["o"]);
    let s = screen(&app);
    for h in ["This week", "Older", "Undated"] {
        assert!(s.contains(h), "{h}: {s}");
    }
    keys(&mut app, &cat, &["o", "/"]);
    type_text(&mut app, &cat, "grain");
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(app.list.selected_article().unwrap().id, "a2");
    let buf = render(&app);
    let y = text(&buf)
        .lines()
        .position(|l| l.contains("18 Nov Grain"))
        .unwrap() as u16;
    let x = text(&buf)
        .lines()
        .nth(y as usize)
        .unwrap()
        .chars()
        .position(|c| c == 'G')
        .unwrap() as u16;
    assert_eq!(
        buf[(x, y)].bg,
        ratatui::style::Color::Yellow,
        "the match is marked"
    );
    assert_ne!(
        buf[(x + 6, y)].bg,
        ratatui::style::Color::Yellow,
        "only the match"
    );
    keys(&mut app, &cat, &["n"]);
    assert_eq!(
        app.list.selected_article().unwrap().id,
        "a2",
        "only match: n stays"
    );
    keys(&mut app, &cat, &["Enter", "r"]);
    assert!(screen(&app).contains("RAW FILE"));
    assert!(screen(&app).contains("Raw text"));
}

#[test]
fn mouse_is_ignored_unless_enabled() {
    let cat = FakeCatalog::sample();
    let click = |row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let mut off = app(&cat, 80, 24);
    assert!(!update(&mut off, &cat, Event::Mouse(click(3))));
    let config = Config::parse("[ui]\nmouse = true\n", None).unwrap();
    let mut on = app_for(&cat, 80, 24, &config);
    assert!(update(&mut on, &cat, Event::Mouse(click(3))));
    assert_eq!(
        on.list.selected_article().unwrap().id,
        "a3",
        "row 3 is the third article"
    );
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 5,
        row: 3,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut on, &cat, Event::Mouse(wheel));
    assert_eq!(on.list.selected_article().unwrap().id, "a1");
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
fn hangup_saves_and_quits() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 12);
    keys(&mut app, &cat, &["Enter", "j"]);
    update(&mut app, &cat, Event::Hangup);
    assert!(app.quit);
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
