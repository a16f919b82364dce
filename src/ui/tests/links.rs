//! The links overlay (`o`): listed, shown in full, confirmed, and turned
//! into an `Effect` for the event loop, never run from `update`.

use super::*;
use crate::ui::effect::Effect;
use crate::ui::layout::Pane;
use crate::ui::testing::{FakeCatalog, detail, summary};

fn linked_catalog() -> FakeCatalog {
    let mut a = detail(
        summary("l1", "Ferry timetable changes", Some("2026-11-20"), &[]),
        "The operator published a new timetable.",
    );
    a.url = Some("https://news.example/ferry".into());
    a.raw = "+++\ntitle = \"Ferry timetable changes\"\nurl = \"https://news.example/ferry\"\n+++\n\
             The operator published [a new timetable](https://ferries.example/winter.pdf).\n\
             More at https://ferries.example/faq, and the old one (https://ferries.example/winter.pdf).\n\
             Odd: https://ferries.example/$(touch${IFS}x);touch${IFS}y&&z\n"
        .into();
    let mut hostile = detail(
        summary("l2", "A bad link", Some("2026-11-19"), &[]),
        "Nothing to see.",
    );
    hostile.url = Some("javascript:alert(1)".into());
    hostile.raw = "Go to https://evil.example/\x1b]0;pwned\x07now\n".into();
    let plain = detail(
        summary("l3", "No links here", Some("2026-11-18"), &[]),
        "Just text.",
    );
    FakeCatalog::new(vec![a, hostile, plain])
}

#[test]
fn o_lists_the_links_numbered_source_first_without_repeats() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["o"]);
    let overlay = app.links.as_ref().expect("overlay open");
    assert_eq!(
        overlay.links,
        [
            "https://news.example/ferry",
            "https://ferries.example/winter.pdf",
            "https://ferries.example/faq",
            "https://ferries.example/$(touch${IFS}x);touch${IFS}y&&z",
        ]
    );
    let s = screen(&app);
    assert!(s.contains(" Links "), "{s}");
    assert!(s.contains("  1 https://news.example/ferry"), "{s}");
    assert!(s.contains("  3 https://ferries.example/faq"), "{s}");
    assert!(app.effects.is_empty());
    keys(&mut app, &cat, &["Esc"]);
    assert!(app.links.is_none(), "Esc closes");
    assert!(!screen(&app).contains(" Links "));
}

#[test]
fn a_digit_shows_the_link_in_full_and_enter_queues_the_opener() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["Enter", "o", "2"]);
    assert_eq!(app.focus, Pane::Reader);
    let s = screen(&app);
    assert!(s.contains("Open this link?"), "{s}");
    assert!(s.contains("https://ferries.example/winter.pdf"), "{s}");
    assert!(s.contains("host: ferries.example"), "{s}");
    assert!(app.effects.is_empty(), "nothing runs before confirming");
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(
        app.effects,
        [Effect::Open(vec![
            "xdg-open".into(),
            "https://ferries.example/winter.pdf".into()
        ])]
    );
    assert!(app.links.is_none());
    assert!(screen(&app).contains("opening https://ferries.example/winter.pdf"));
}

#[test]
fn j_k_enter_then_y_opens_with_the_configured_argument_vector() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    app.open.command = vec!["firefox".into(), "--new-tab".into(), "{url}".into()];
    keys(&mut app, &cat, &["o", "j", "j", "j", "k", "Enter"]);
    assert!(app.links.as_ref().unwrap().confirming);
    keys(&mut app, &cat, &["Esc"]);
    assert!(
        !app.links.as_ref().unwrap().confirming,
        "Esc goes back to the list"
    );
    keys(&mut app, &cat, &["j", "Enter", "y"]);
    assert_eq!(
        app.effects,
        [Effect::Open(vec![
            "firefox".into(),
            "--new-tab".into(),
            "https://ferries.example/$(touch${IFS}x);touch${IFS}y&&z".into()
        ])],
        "shell characters stay inside the one argument"
    );
}

#[test]
fn copy_needs_osc52_turned_on_and_then_queues_the_url() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["o", "c"]);
    assert!(app.effects.is_empty());
    let message = app.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("osc52 = true"),
        "{message:?}"
    );
    app.open.osc52 = true;
    keys(&mut app, &cat, &["3", "c"]);
    assert_eq!(
        app.effects,
        [Effect::Copy("https://ferries.example/faq".into())]
    );
    assert!(app.links.is_some(), "copying leaves the overlay open");
}

#[test]
fn refused_links_are_marked_and_never_queued() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    app.open.osc52 = true;
    keys(&mut app, &cat, &["j", "o"]);
    let s = screen(&app);
    assert!(s.contains("✗ javascript:alert(1)"), "{s}");
    // The escape in the second link is drawn as a picture, not sent.
    assert!(s.contains("https://evil.example/␛]0;pwned␇now"), "{s}");
    assert!(!s.contains('\x1b'));
    keys(&mut app, &cat, &["1"]);
    let s = screen(&app);
    assert!(s.contains("Refused: only http and https"), "{s}");
    keys(&mut app, &cat, &["Enter", "y", "c"]);
    assert!(app.effects.is_empty(), "{:?}", app.effects);
    assert!(app.message.as_ref().unwrap().error);
    keys(&mut app, &cat, &["Esc", "2", "Enter", "c"]);
    assert!(app.effects.is_empty(), "{:?}", app.effects);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("control characters"),
        "{:?}",
        app.message
    );
}

#[test]
fn an_article_without_links_says_so() {
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["G", "o"]);
    assert!(app.links.is_none());
    assert!(screen(&app).contains("this article has no links"));
}

#[test]
fn the_overlay_fits_small_screens_and_scrolls_to_the_selection() {
    let mut a = detail(summary("many", "Many links", None, &[]), "x");
    a.raw = (1..=40)
        .map(|i| format!("https://example.org/page-{i}\n"))
        .collect();
    let cat = FakeCatalog::new(vec![a]);
    let mut app = app(&cat, 40, 12);
    keys(&mut app, &cat, &["o", "G"]);
    let s = screen(&app);
    assert!(s.contains("40 https://example.org/page-40"), "{s}");
    for (w, h) in [(1, 1), (10, 4), (20, 8)] {
        app.size = ratatui::layout::Rect::new(0, 0, w, h);
        screen(&app);
    }
}

#[test]
fn the_mouse_does_not_move_the_panes_under_the_overlay() {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let cat = linked_catalog();
    let mut app = app(&cat, 100, 30);
    app.mouse = true;
    keys(&mut app, &cat, &["o"]);
    let click = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 5,
            row: 4,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert!(!update(&mut app, &cat, click(MouseEventKind::ScrollDown)));
    assert_eq!(app.list.selected, 0);
    keys(&mut app, &cat, &["Esc"]);
    assert!(update(&mut app, &cat, click(MouseEventKind::ScrollDown)));
    assert_ne!(app.list.selected, 0, "the wheel works once it is closed");
}
