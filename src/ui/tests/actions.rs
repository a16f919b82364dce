//! What the keys (and the mouse, the timer, the worker) do.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::*;
use crate::config::Config;
use crate::library::Catalog;
use crate::ui::layout::Pane;
use crate::ui::testing::{FakeCatalog, detail, summary};
use crate::ui::{Event, update};

#[test]
fn entity_jump_lists_the_articles_naming_it_and_esc_comes_back() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["j", "Enter", "Tab"]);
    assert_eq!(app.focus, Pane::Sidebar);
    // a2's sidebar: Ana Vell (people) first. Enter opens her page,
    // Enter again lists her articles.
    keys(&mut app, &cat, &["Enter"]);
    let s = screen(&app);
    assert!(
        s.contains("Ana Vell · person") && s.contains("3 articles"),
        "{s}"
    );
    keys(&mut app, &cat, &["Enter"]);
    let s = screen(&app);
    assert!(s.contains("Articles 3 · naming:person:ana vell"), "{s}");
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
    keys(&mut app, &cat, &["v"]);
    let s = screen(&app);
    assert!(
        row_of(&s, "labour").unwrap() < row_of(&s, "(no topic)").unwrap(),
        "{s}"
    );
    keys(&mut app, &cat, &["v"]);
    let s = screen(&app);
    for h in ["This week (2)", "October 2026 (1)", "Undated (1)"] {
        assert!(s.contains(h), "{h}: {s}");
    }
    keys(&mut app, &cat, &["v", "/"]);
    type_text(&mut app, &cat, "grain");
    keys(&mut app, &cat, &["Enter"]);
    // The list holds only the two articles that mention grain.
    let s = screen(&app);
    assert!(s.contains("Articles 2 · grain"), "{s}");
    assert!(!s.contains("tram line"), "{s}");
    assert_eq!(app.list.selected_article().unwrap().id, "a1");
    keys(&mut app, &cat, &["n"]);
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
        "last match: n stays"
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
fn hangup_saves_and_quits() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 12);
    keys(&mut app, &cat, &["Enter", "j"]);
    update(&mut app, &cat, Event::Hangup);
    assert!(app.quit);
}

#[test]
fn an_index_update_that_drops_entities_keeps_the_sidebar_sound() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["Enter", "Tab", "j", "j"]);
    assert_eq!(app.focus, Pane::Sidebar);
    cat.articles.borrow_mut()[0].entities.truncate(1);
    cat.version.set(cat.version.get() + 1);
    assert!(update(&mut app, &cat, Event::Tick));
    let s = screen(&app);
    assert!(s.contains("Portmere") && !s.contains("Ana Vell"), "{s}");
    keys(&mut app, &cat, &["Enter", "l"]);
    assert!(screen(&app).contains("naming:place:portmere"));
}

#[test]
fn esc_and_a_key_in_one_read_are_esc_then_the_key() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(app.focus, Pane::Reader);
    // A stall delivers Esc and j together: crossterm reads them as Alt+j.
    let alt_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
    update(&mut app, &cat, Event::Key(alt_j));
    assert_eq!(app.focus, Pane::List, "the Esc went back to the list");
    assert_eq!(
        app.list.selected_article().unwrap().id,
        "a2",
        "and the j moved the selection"
    );
}

#[test]
fn below_100_columns_the_reader_reads_full_width_and_esc_brings_the_list_back() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    // Browsing below 100 columns, the focused list has the width.
    assert!(app.areas().list.is_some());
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(app.areas().list, None);
    assert_eq!(app.areas().reader.map(|r| r.width), Some(80));
    assert_eq!(app.reader.width, 78, "laid out for the whole width");
    keys(&mut app, &cat, &["Esc"]);
    assert!(app.areas().list.is_some());
}

/// Ctrl-Z is for the event loop, which owns the terminal: from the list,
/// the reader or an overlay it queues one suspend and changes nothing else.
#[test]
fn ctrl_z_queues_a_suspend_from_anywhere() {
    use crate::ui::effect::Effect;
    let cat = FakeCatalog::sample();
    for before in [&[][..], &["Enter"][..], &["?"][..], &["V"][..]] {
        let mut app = app(&cat, 100, 30);
        keys(&mut app, &cat, before);
        let (focus, overlay) = (app.focus, app.overlay);
        keys(&mut app, &cat, &["C-z"]);
        assert_eq!(app.effects, [Effect::Suspend], "after {before:?}");
        assert_eq!(
            (app.focus, app.overlay),
            (focus, overlay),
            "after {before:?}"
        );
        assert!(!app.quit);
    }
}
