//! Bulk marks from the reader (issue 13): one call however many articles,
//! a question first when the change reaches past the screen, `u` undoes
//! the last change, and mark all unread is `M`'s counterpart.

use super::*;
use crate::library::Catalog;
use crate::ui::testing::{detail, summary};

/// Forty articles: more than a 24-row screen shows.
fn many() -> FakeCatalog {
    let articles = (0..40)
        .map(|i| {
            detail(
                summary(
                    &format!("n{i:02}"),
                    &format!("Notice {i}"),
                    Some("2026-11-01"),
                    &[],
                ),
                "text",
            )
        })
        .collect();
    FakeCatalog::new(articles)
}

fn read_count(cat: &FakeCatalog) -> usize {
    cat.list(&Default::default())
        .unwrap()
        .iter()
        .filter(|a| a.read)
        .count()
}

#[test]
fn mark_all_read_over_a_screenful_asks_first_and_is_one_change() {
    let cat = many();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["M"]);
    assert_eq!(read_count(&cat), 0, "nothing before the answer");
    assert!(
        screen(&app).contains("mark 40 articles read? y/n"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["n"]);
    assert_eq!(read_count(&cat), 0, "n changes nothing");
    assert!(app.confirm.is_none());

    keys(&mut app, &cat, &["M", "y"]);
    assert_eq!(read_count(&cat), 40);
    assert_eq!(cat.mark_calls.get(), 1, "one call for forty articles");
    assert!(
        screen(&app).contains("marked 40 articles read"),
        "{}",
        screen(&app)
    );

    // The counterpart, then undo twice: back to read, then to unread.
    keys(&mut app, &cat, &["X", "y"]);
    assert_eq!(read_count(&cat), 0);
    keys(&mut app, &cat, &["u"]);
    assert_eq!(read_count(&cat), 40, "undo of mark all unread");
    assert!(screen(&app).contains("undone: marked 40 articles unread"));
    keys(&mut app, &cat, &["u"]);
    assert_eq!(read_count(&cat), 0, "undo of mark all read");
    keys(&mut app, &cat, &["u"]);
    assert!(screen(&app).contains("nothing to undo"));
}

#[test]
fn a_change_within_the_screen_is_made_at_once_and_undone() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["M"]);
    assert!(app.confirm.is_none(), "four articles fit the screen");
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| a.read)
    );
    keys(&mut app, &cat, &["u"]);
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| !a.read)
    );

    keys(&mut app, &cat, &["b"]);
    assert!(cat.get("a1").summary.bookmarked);
    keys(&mut app, &cat, &["t"]);
    type_text(&mut app, &cat, "watch");
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(cat.get("a1").summary.tags, ["watch"]);
    keys(&mut app, &cat, &["u"]);
    assert!(cat.get("a1").summary.tags.is_empty(), "the tag goes first");
    assert!(cat.get("a1").summary.bookmarked);
    keys(&mut app, &cat, &["u"]);
    assert!(!cat.get("a1").summary.bookmarked, "then the bookmark");
}

#[test]
fn tag_all_over_a_screenful_asks_then_undo_takes_it_back() {
    let cat = many();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["T"]);
    type_text(&mut app, &cat, "week");
    keys(&mut app, &cat, &["Enter"]);
    assert!(
        screen(&app).contains("change tags +week on 40 articles? y/n"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["y"]);
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| a.tags == ["week"])
    );
    assert_eq!(cat.mark_calls.get(), 1);
    keys(&mut app, &cat, &["u"]);
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| a.tags.is_empty())
    );
}
