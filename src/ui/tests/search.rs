//! Searching from the reader: narrowing as you type, malformed queries,
//! Esc, marks and n/N in the article, `f` and the saved searches.

use super::*;

fn titles(app: &App) -> Vec<String> {
    app.list.page.iter().map(|a| a.id.clone()).collect()
}

#[test]
fn the_list_narrows_with_every_key_and_esc_brings_it_back() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["j"]);
    let before = app.list.selected_article().unwrap().id.clone();
    keys(&mut app, &cat, &["/"]);
    type_text(&mut app, &cat, "tra");
    // As typed, the last word is a prefix: "tra" finds the trader and
    // the tram line.
    assert_eq!(titles(&app), vec!["a2", "a3"]);
    for _ in 0..3 {
        keys(&mut app, &cat, &["Backspace"]);
    }
    assert_eq!(app.list.total(), 4, "nothing typed: every article");
    type_text(&mut app, &cat, "harbour");
    assert_eq!(titles(&app), vec!["a1", "a3"], "harbour: strike and tram");
    type_text(&mut app, &cat, " tram");
    assert_eq!(titles(&app), vec!["a3"]);
    let s = screen(&app);
    assert!(
        s.contains("/harbour tram_"),
        "the prompt shows the query: {s}"
    );
    keys(&mut app, &cat, &["Esc"]);
    assert_eq!(app.list.total(), 4, "Esc: every article again");
    assert_eq!(
        app.list.selected_article().unwrap().id,
        before,
        "and the selection where it was"
    );
    assert!(app.search.is_none());
}

#[test]
fn a_malformed_query_is_explained_in_the_prompt() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["/"]);
    type_text(&mut app, &cat, "grain");
    assert_eq!(app.list.total(), 2);
    type_text(&mut app, &cat, " topc");
    let narrowed = app.list.total();
    type_text(&mut app, &cat, ":x");
    let s = screen(&app);
    assert!(s.contains("column 7"), "the column of the problem: {s}");
    assert!(s.contains("topc"), "{s}");
    assert_eq!(app.list.total(), narrowed, "the list stays as it was");
    // Enter does not take a malformed query: the prompt stays open.
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.prompt.is_some());
    assert!(app.prompt.as_ref().unwrap().error.is_some());
    for _ in 0.." topc:x".len() {
        keys(&mut app, &cat, &["Backspace"]);
    }
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.prompt.is_none());
    assert_eq!(app.list.total(), 2);
    assert!(screen(&app).contains("Articles 2 · grain"));
}

#[test]
fn words_are_marked_in_the_article_and_n_jumps_between_them() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    keys(&mut app, &cat, &["/"]);
    type_text(&mut app, &cat, "grain");
    keys(&mut app, &cat, &["Enter"]);
    // The first match (a1) open in the reader: "grain" is in its body.
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(app.reader.id(), Some("a1"));
    let buf = render(&app);
    let s = text(&buf);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("grain shipments"))
        .expect("the body line with grain");
    let x = line.chars().collect::<Vec<_>>();
    let col = x
        .windows(5)
        .position(|w| w.iter().collect::<String>() == "grain")
        .unwrap();
    assert_eq!(
        buf[(col as u16, y as u16)].bg,
        ratatui::style::Color::Yellow,
        "marked in the reader:\n{s}"
    );
    // On a short screen the matching line is below the fold: n brings it
    // into view, N finds the same line going back.
    update(&mut app, &cat, Event::Resize(100, 10));
    let search = app.search.clone().unwrap();
    let m = (0..app.reader.lines.len())
        .find(|&i| search.hits(&crate::ui::reader::plain(&app.reader.lines[i])))
        .unwrap();
    assert!(m >= app.reader.height, "below the fold: {m}");
    assert_eq!(app.reader.scroll, 0);
    keys(&mut app, &cat, &["n"]);
    let r = &app.reader;
    assert!(r.scroll > 0 && r.scroll <= m && m < r.scroll + r.height);
    let hit = r.scroll;
    keys(&mut app, &cat, &["N"]);
    assert_eq!(app.reader.scroll, hit, "the only matching line: N stays");
}

#[test]
fn f_filters_to_the_entity_or_the_topic() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 30);
    keys(&mut app, &cat, &["Enter"]); // a1 in the reader
    assert_eq!(app.reader.id(), Some("a1"));
    keys(&mut app, &cat, &["f"]);
    let s = screen(&app);
    assert!(s.contains("Articles 1 · topic:labour"), "{s}");
    keys(&mut app, &cat, &["Esc"]);
    assert_eq!(app.list.total(), 4, "Esc comes back");
    // In the sidebar: the selected name.
    keys(&mut app, &cat, &["Enter", "Tab"]);
    assert_eq!(app.focus, crate::ui::layout::Pane::Sidebar);
    let name = {
        let i = app.sidebar.selected_entity().unwrap();
        app.reader.detail.as_ref().unwrap().entities[i].name.clone()
    };
    keys(&mut app, &cat, &["f"]);
    let s = screen(&app);
    assert!(s.contains("entity:"), "{s}");
    assert!(s.contains(&name), "{name}: {s}");
    let expected = cat
        .get("a1")
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap()
        .articles
        .len();
    assert_eq!(app.list.total(), expected);
}

#[test]
fn saved_searches_are_named_views() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    app.views = vec![
        ("Port watch".into(), "portmere OR harbour".into()),
        ("Undated".into(), "-after:1900".into()),
    ];
    keys(&mut app, &cat, &["V"]);
    let s = screen(&app);
    assert!(
        s.contains("Every article") && s.contains("Port watch"),
        "{s}"
    );
    keys(&mut app, &cat, &["Down", "Enter"]);
    let s = screen(&app);
    assert!(s.contains("Articles 3 · Port watch"), "{s}");
    keys(&mut app, &cat, &["V", "Down", "Down", "Enter"]);
    assert_eq!(titles(&app), vec!["a4"]);
    keys(&mut app, &cat, &["V", "Enter"]);
    assert_eq!(app.list.total(), 4, "every article");
}

/// Typing in the views picker narrows it fuzzily, best match first and
/// selected; Backspace widens it again; letters never act as their keys.
#[test]
fn the_views_picker_matches_what_is_typed_best_first() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 100, 30);
    app.views = vec![
        ("Port watch".into(), "portmere OR harbour".into()),
        ("Undated".into(), "-after:1900".into()),
        ("Weather watch".into(), "storm OR gale".into()),
        ("Pw".into(), "pw".into()),
    ];
    keys(&mut app, &cat, &["V", "w", "a", "t"]);
    assert_eq!(
        app.overlay,
        Some(crate::ui::app::Overlay::Views { selected: 0 })
    );
    // "wat": both watches, the one whose word starts the match first;
    // neither "Undated" nor "Every article" has w-a-t in order.
    let names = |app: &App| -> Vec<String> {
        app.picked_views()
            .into_iter()
            .map(|i| match i {
                0 => "Every article".to_string(),
                i => app.views[i - 1].0.clone(),
            })
            .collect()
    };
    let got = names(&app);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|n| n.ends_with("watch")), "{got:?}");
    let s = screen(&app);
    assert!(s.contains("Saved searches: wat"), "{s}");
    assert!(!s.contains("Undated"), "{s}");
    // "pw": the exact short name before the scattered "Port watch".
    keys(
        &mut app,
        &cat,
        &["Backspace", "Backspace", "Backspace", "p", "w"],
    );
    assert_eq!(names(&app)[..2], ["Pw", "Port watch"]);
    keys(&mut app, &cat, &["Down", "Enter"]);
    assert!(app.overlay.is_none());
    assert!(screen(&app).contains("Port watch"));
    assert_eq!(app.list.total(), 3);
    // Opened again, the picker starts from the whole list.
    keys(&mut app, &cat, &["V"]);
    assert_eq!(names(&app).len(), 5);
}
