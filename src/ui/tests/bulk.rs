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

/// What the reader's worker does, here on the test's thread and the same
/// fake state (the worker opens its own connection to the same state).
fn fake_worker(cat: &FakeCatalog, work: crate::ui::marks::Work) -> crate::ui::marks::Finished {
    use crate::ui::marks::{Finished, Work};
    match work {
        Work::Mark { ids, mark, .. } => Finished::Marked(cat.mark(&ids, &mark).unwrap()),
        Work::Undo(undo) => {
            cat.undo(&undo).unwrap();
            Finished::Undone
        }
    }
}

/// The work the update handed to the worker, taken as the event loop does.
fn handed_over(app: &mut App) -> crate::ui::marks::Work {
    app.bulk
        .as_mut()
        .and_then(|r| r.work.take())
        .expect("a bulk change handed to the worker")
}

#[test]
fn with_a_worker_a_bulk_change_runs_off_the_screen_and_lands_when_done() {
    let cat = many();
    let mut app = app(&cat, 80, 24);
    app.bulk_worker = true;
    keys(&mut app, &cat, &["M", "y"]);
    assert_eq!(
        read_count(&cat),
        0,
        "nothing written on the reader's thread"
    );
    assert_eq!(cat.mark_calls.get(), 0);
    assert!(
        screen(&app).contains("marking 40 articles…"),
        "{}",
        screen(&app)
    );
    let work = handed_over(&mut app);
    assert!(
        matches!(&work, crate::ui::marks::Work::Mark { ids, .. } if ids.len() == 40),
        "{work:?}"
    );

    // Keys work meanwhile: moving, opening an article, going back.
    let first = app.list.selected_article().map(|a| a.id.clone());
    keys(&mut app, &cat, &["j", "j"]);
    assert_ne!(app.list.selected_article().map(|a| a.id.clone()), first);
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.reader.detail.is_some(), "an article opens meanwhile");
    assert_eq!(read_count(&cat), 1, "and is marked read as it opens");
    keys(&mut app, &cat, &["q"]);
    // A second bulk change, and undo, wait for the first.
    keys(&mut app, &cat, &["X"]);
    assert!(app.confirm.is_none(), "not even asked");
    assert!(
        screen(&app).contains("one bulk change at a time"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["u"]);
    assert!(screen(&app).contains("one bulk change at a time"));
    assert!(screen(&app).contains("marking 40 articles…"));

    // The worker reports back: saved, the rows show it, undo can take it.
    let calls = cat.mark_calls.get();
    let done = fake_worker(&cat, work);
    update(&mut app, &cat, Event::BulkDone(Ok(done)));
    assert!(app.bulk.is_none());
    assert_eq!(read_count(&cat), 40);
    assert_eq!(
        cat.mark_calls.get(),
        calls + 1,
        "one call for forty articles"
    );
    assert!(
        screen(&app).contains("marked 40 articles read"),
        "{}",
        screen(&app)
    );
    assert!(!screen(&app).contains("marking 40"));
    assert!(
        app.list.copies_mut("n05").all(|a| a.read),
        "the rows mirror the marks"
    );

    // Undo of a bulk change goes to the worker too.
    keys(&mut app, &cat, &["u"]);
    assert_eq!(read_count(&cat), 40, "not undone on the reader's thread");
    // The article opened meanwhile was read before the change reached it.
    assert!(
        screen(&app).contains("undoing 39 articles…"),
        "{}",
        screen(&app)
    );
    let work = handed_over(&mut app);
    assert!(matches!(work, crate::ui::marks::Work::Undo(_)));
    let done = fake_worker(&cat, work);
    update(&mut app, &cat, Event::BulkDone(Ok(done)));
    assert_eq!(read_count(&cat), 1, "undone, but for the article opened");
    assert!(
        screen(&app).contains("undone: marked 40 articles read"),
        "{}",
        screen(&app)
    );
    assert!(app.list.copies_mut("n05").all(|a| !a.read));
}

#[test]
fn a_bulk_change_that_fails_on_the_worker_says_so_and_changes_nothing() {
    let cat = many();
    let mut app = app(&cat, 80, 24);
    app.bulk_worker = true;
    keys(&mut app, &cat, &["T"]);
    type_text(&mut app, &cat, "week");
    keys(&mut app, &cat, &["Enter", "y"]);
    handed_over(&mut app);
    update(
        &mut app,
        &cat,
        Event::BulkDone(Err("database is locked".into())),
    );
    assert!(app.bulk.is_none());
    assert!(
        screen(&app).contains("could not save the tags: database is locked"),
        "{}",
        screen(&app)
    );
    assert!(app.undo.is_empty(), "nothing to undo");
    // The next bulk change is no longer refused.
    keys(&mut app, &cat, &["M"]);
    assert!(app.confirm.is_some());
}

#[test]
fn with_a_worker_a_change_within_the_screen_is_still_made_at_once() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 80, 24);
    app.bulk_worker = true;
    keys(&mut app, &cat, &["M"]);
    assert!(app.bulk.is_none());
    assert!(
        cat.list(&Default::default())
            .unwrap()
            .iter()
            .all(|a| a.read)
    );
}
