//! Every place the reader shows text it did not write, fed text written to
//! drive a terminal: entity names in the sidebar, file names and reasons in
//! the failures overlay, error messages in the status line, the topic a
//! folder name gives, and the filter and search shown in the list title.
//! What is drawn must hold no control or bidi control, and show the
//! hostile parts as visible text.

use super::*;
use crate::model::EntityKind;
use crate::ui::testing::{detail, entity, summary};

const HOSTILE: &str = "x\x1b]0;T\x07\u{9b}2J\u{202e}\r\x08y";
const SHOWN: &str = "x␛]0;T␇␛[2J<RLO>␍␈y";

fn assert_drawn_safe(buf: &Buffer) {
    for cell in buf.content() {
        assert!(
            crate::text::is_terminal_safe(cell.symbol(), false),
            "{:?} drawn",
            cell.symbol()
        );
    }
}

fn hostile_catalog() -> FakeCatalog {
    let mut d = detail(
        summary("a1", "Plain title", Some("2026-11-20"), &[HOSTILE]),
        "Body.",
    );
    d.entities = vec![entity(
        "k",
        &format!("E{HOSTILE}"),
        EntityKind::Person,
        &["a1", "a2"],
    )];
    let mut cat = FakeCatalog::new(vec![d]);
    cat.failures = vec![(format!("dir/{HOSTILE}.md"), format!("reason {HOSTILE}"))];
    cat
}

#[test]
fn entity_names_and_topics_are_drawn_safe() {
    let cat = hostile_catalog();
    let mut app = app(&cat, 140, 30);
    keys(&mut app, &cat, &["Enter"]);
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains(&format!("topics: {SHOWN}")), "{s}");
    assert!(s.contains(&format!("E{SHOWN}")), "{s}");
    assert_drawn_safe(&buf);
}

#[test]
fn failure_names_and_reasons_are_drawn_safe() {
    let cat = hostile_catalog();
    let mut app = app(&cat, 140, 30);
    keys(&mut app, &cat, &["F"]);
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains(&format!("dir/{SHOWN}.md")), "{s}");
    assert!(s.contains(&format!("reason {SHOWN}")), "{s}");
    assert_drawn_safe(&buf);
}

#[test]
fn error_messages_in_the_status_line_are_drawn_safe() {
    let cat = hostile_catalog();
    let mut app = app(&cat, 140, 30);
    update(
        &mut app,
        &cat,
        Event::JobDone(Err(format!("cannot index {HOSTILE}"))),
    );
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains(&format!("cannot index {SHOWN}")), "{s}");
    assert_drawn_safe(&buf);
}

#[test]
fn typed_search_is_echoed_and_shown_safe() {
    let cat = hostile_catalog();
    let mut app = app(&cat, 140, 30);
    keys(&mut app, &cat, &["/"]);
    type_text(&mut app, &cat, "q\u{9b}2J\u{2066}");
    let buf = render(&app);
    assert!(text(&buf).contains("q␛[2J<LRI>"), "{}", text(&buf));
    assert_drawn_safe(&buf);
    keys(&mut app, &cat, &["Enter"]);
    assert_drawn_safe(&render(&app));
}
