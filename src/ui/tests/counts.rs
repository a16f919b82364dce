//! A long list counted only in part: its first screen does not wait for
//! the whole count, which comes when the list is scrolled near that end,
//! sent to its bottom, or the reader is idle; and a search typed faster
//! than it runs is run for the last key only.

use super::*;
use crate::ui::list::FIRST_COUNT;
use crate::ui::testing::{detail, summary};

fn many(n: usize) -> FakeCatalog {
    let articles = (0..n)
        .map(|i| {
            detail(
                summary(&format!("n{i:05}"), &format!("Report {i}"), None, &[]),
                "Text.",
            )
        })
        .collect();
    FakeCatalog {
        counts_in_part: true,
        ..FakeCatalog::new(articles)
    }
}

fn title_line(app: &App) -> String {
    screen(app).lines().next().unwrap_or_default().to_string()
}

#[test]
fn a_long_list_opens_counted_in_part_and_its_bottom_counts_it_whole() {
    let n = FIRST_COUNT + 500;
    let cat = many(n);
    let mut app = app(&cat, 100, 30);
    assert!(!app.list.exact);
    assert_eq!(app.list.total(), FIRST_COUNT);
    assert_eq!(
        cat.whole_counts.get(),
        0,
        "no whole count before the first screen"
    );
    assert!(
        title_line(&app).contains(&format!("Articles {FIRST_COUNT}+")),
        "{}",
        title_line(&app)
    );
    keys(&mut app, &cat, &["G"]);
    assert!(app.list.exact);
    assert_eq!(cat.whole_counts.get(), 1);
    assert_eq!(app.list.total(), n);
    let last = crate::library::Catalog::list(&cat, &Default::default())
        .unwrap()
        .pop()
        .unwrap()
        .id;
    assert_eq!(app.list.selected_article().unwrap().id, last);
    assert!(title_line(&app).contains(&format!("Articles {n} ")));
}

#[test]
fn scrolling_near_the_end_of_what_is_counted_counts_the_rest() {
    let n = FIRST_COUNT + 500;
    let cat = many(n);
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["PageDown"]);
    assert!(!app.list.exact, "a page down is far from the end");
    let pages = FIRST_COUNT / 20;
    for _ in 0..pages {
        keys(&mut app, &cat, &["PageDown"]);
    }
    assert!(app.list.exact, "the end of the first count came near");
    // Past the first count: rows that were not counted at first.
    for _ in 0..pages / 2 {
        keys(&mut app, &cat, &["PageDown"]);
    }
    let at = app.list.selected_position().unwrap();
    assert!(at > FIRST_COUNT, "{at}");
    assert_eq!(app.list.selected_article().unwrap().id, format!("n{at:05}"));
}

#[test]
fn an_idle_reader_counts_the_list_whole_but_not_while_a_search_is_typed() {
    let n = FIRST_COUNT + 10;
    let cat = many(n);
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["/"]);
    for _ in 0..3 {
        update(&mut app, &cat, Event::Tick);
    }
    assert!(!app.list.exact, "typing: not counted");
    keys(&mut app, &cat, &["Esc"]);
    for _ in 0..3 {
        update(&mut app, &cat, Event::Tick);
    }
    assert!(app.list.exact);
    assert_eq!(app.list.total(), n);
}

#[test]
fn a_search_is_run_for_the_last_of_keys_read_together() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["/"]);
    let calls = cat.list_calls.get();
    app.input_waiting = true;
    type_text(&mut app, &cat, "tram");
    assert_eq!(cat.list_calls.get(), calls, "no search for a stale prefix");
    assert_eq!(app.list.total(), 4);
    app.input_waiting = false;
    assert!(crate::ui::search::settle(&mut app, &cat));
    let ids: Vec<_> = app.list.page.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec!["a3"]);
    assert!(!crate::ui::search::settle(&mut app, &cat), "owed once");
    // The last key of a run, applied with nothing behind it, searches.
    type_text(&mut app, &cat, "x");
    assert!(app.list.is_empty());
}
