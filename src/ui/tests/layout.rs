//! Issue 15's layout at the five sizes people use (phones, 80x24, 120x40,
//! 200x50): whole titles while browsing, a comfortable reader column, list
//! rows with years and `+N` tags. Each size is also a snapshot in
//! `snapshots/` (the characters; styles are asserted separately), written
//! afresh when `BRIEF_SNAPSHOTS=write` is set.

use super::*;
use crate::model::EntityKind;
use crate::ui::testing::{FakeCatalog, detail, entity, summary};

const LONG: &str =
    "Nordvik signs 15-year LNG supply deal with Baltic utilities as winter demand forecasts rise";

fn fixture() -> FakeCatalog {
    let mut long = summary("n1", LONG, Some("2026-11-20"), &["energy", "trade"]);
    long.tags = vec![
        "follow-up".into(),
        "lng".into(),
        "nordics".into(),
        "winter".into(),
    ];
    let mut old = summary(
        "w1",
        "Grain futures slide as Gulf shipments resume after the strike",
        Some("1987-10-20"),
        &["commodities", "labour", "trade"],
    );
    old.read = true;
    old.bookmarked = true;
    let mut last_year = summary(
        "y1",
        "Port authority publishes its annual review",
        Some("2025-03-04"),
        &["transport"],
    );
    last_year.tags = vec!["ports".into(), "review".into()];
    let undated = summary("u1", "Notes from the harbour desk", None, &[]);
    let mut first = detail(
        long,
        "Nordvik Energy signed a fifteen-year agreement on Tuesday to supply liquefied natural gas to three Baltic utilities, the company said, as forecasters warned that a cold winter would lift demand across the region.\n\nThe deal covers deliveries from the autumn of next year.",
    );
    first.entities = vec![
        entity(
            "nordvik energy",
            "Nordvik Energy",
            EntityKind::Org,
            &["n1", "y1"],
        ),
        entity("baltic", "Baltic", EntityKind::Place, &["n1"]),
    ];
    FakeCatalog::new(vec![
        first,
        detail(last_year, "The port authority published its review."),
        detail(
            old,
            "Grain futures fell on Tuesday as shipments from Gulf ports resumed.",
        ),
        detail(undated, "Nothing much happened."),
    ])
}

const SIZES: [(u16, u16); 5] = [(40, 20), (60, 20), (80, 24), (120, 40), (200, 50)];

/// Compares the screen with `snapshots/<name>.txt`, or writes it when
/// `BRIEF_SNAPSHOTS=write`.
fn snapshot(name: &str, screen: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/ui/tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var("BRIEF_SNAPSHOTS").as_deref() == Ok("write") {
        std::fs::write(&path, screen).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (BRIEF_SNAPSHOTS=write makes it)", path.display()));
    assert_eq!(screen, want, "{name}: the screen changed:\n{screen}");
}

#[test]
fn the_list_at_every_size_matches_its_snapshot() {
    let cat = fixture();
    for (w, h) in SIZES {
        let app = app(&cat, w, h);
        snapshot(&format!("list_{w}x{h}"), &screen(&app));
    }
}

#[test]
fn the_reader_at_every_size_matches_its_snapshot() {
    let cat = fixture();
    for (w, h) in SIZES {
        let mut app = app(&cat, w, h);
        keys(&mut app, &cat, &["Enter"]);
        snapshot(&format!("reader_{w}x{h}"), &screen(&app));
    }
}

#[test]
fn at_120x40_a_title_shows_at_least_60_characters() {
    let cat = fixture();
    let app = app(&cat, 120, 40);
    let s = screen(&app);
    let row = s.lines().find(|l| l.contains("Nordvik")).unwrap();
    let shown: String = LONG.chars().take(60).collect();
    assert!(row.contains(&shown), "{row}");
}

#[test]
fn rows_show_the_year_when_it_is_not_this_year() {
    let cat = fixture();
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&app(&cat, w, h));
        let old = s.lines().find(|l| l.contains("Grain futures")).unwrap();
        assert!(old.contains("20 Oct 1987"), "{old}");
        let this = s.lines().find(|l| l.contains("Nordvik")).unwrap();
        assert!(this.contains("20 Nov ") && !this.contains("2026"), "{this}");
    }
    // On a phone the year alone says it.
    let s = screen(&app(&cat, 40, 20));
    let old = s.lines().find(|l| l.contains("Grain")).unwrap();
    assert!(old.contains("1987 Grain"), "{old}");
}

#[test]
fn tags_that_do_not_fit_are_counted() {
    let cat = fixture();
    let s = screen(&app(&cat, 200, 50));
    let row = s.lines().find(|l| l.contains("Nordvik")).unwrap();
    assert!(row.contains(LONG), "the whole title at 200: {row}");
    assert!(row.contains(" +"), "{row}");
    let s = screen(&app(&cat, 120, 40));
    let row = s.lines().find(|l| l.contains("Nordvik")).unwrap();
    assert!(row.contains("… +4"), "the title first, then a count: {row}");
    let row = s.lines().find(|l| l.contains("Port authority")).unwrap();
    assert!(
        row.contains("review #ports #review"),
        "tags that fit: {row}"
    );
    let s = screen(&app(&cat, 80, 24));
    let row = s.lines().find(|l| l.contains("Nordvik")).unwrap();
    assert!(row.contains("with… #follow-up #lng +2"), "{row}");
}

#[test]
fn the_reader_text_is_60_columns_or_more_at_80x24_and_at_most_90() {
    let cat = fixture();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.reader.width >= 60, "{}", app.reader.width);
    for (w, h) in [(120, 40), (200, 50)] {
        let mut app = super::app(&cat, w, h);
        keys(&mut app, &cat, &["Enter"]);
        assert!(
            (60..=90).contains(&app.reader.width),
            "{w}: {}",
            app.reader.width
        );
    }
}

#[test]
fn z_zooms_the_focused_pane_and_stays_for_the_session() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["z"]);
    assert!(app.zoom);
    let a = app.areas();
    assert_eq!((a.list.map(|r| r.width), a.reader), (Some(120), None));
    keys(&mut app, &cat, &["Enter"]);
    let a = app.areas();
    assert_eq!(a.list, None, "still zoomed in the reader");
    assert!(a.reader.is_some_and(|r| r.width <= 92));
    keys(&mut app, &cat, &["Esc", "z"]);
    assert!(!app.zoom);
    assert!(app.areas().reader.is_some(), "shared again");
}

#[test]
fn selecting_previews_without_marking_read() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    assert_eq!(app.reader.id(), Some("n1"), "the first article is shown");
    keys(&mut app, &cat, &["j"]);
    assert_eq!(app.reader.id(), Some("y1"));
    assert!(screen(&app).contains("The port authority published"));
    assert!(!cat.get("y1").summary.read, "a preview is not reading");
    keys(&mut app, &cat, &["Enter"]);
    assert!(cat.get("y1").summary.read);

    let mut config = crate::config::Config::builtin();
    config.ui.preview = false;
    let app = app_for(&cat, 120, 40, &config);
    assert_eq!(app.reader.id(), None, "[ui] preview = false");
}

#[test]
fn the_sidebar_says_what_it_counts_and_dims_names_seen_nowhere_else() {
    let cat = fixture();
    let mut app = app(&cat, 200, 50);
    keys(&mut app, &cat, &["Enter"]);
    let buf = render(&app);
    let s = text(&buf);
    assert!(s.contains("Named · other articles"), "{s}");
    let look = |name: &str| {
        // The sidebar's row: the name after its indent.
        let needle = format!("│  {name} ");
        let y = row_of(&s, &needle).unwrap();
        let line = s.lines().nth(y).unwrap();
        let x = line[..line.find(&needle).unwrap()].chars().count() + 3;
        let cell = &buf[(x as u16, y as u16)];
        (cell.fg, cell.modifier)
    };
    let meta = app.theme.style(crate::ui::theme::Role::Meta);
    let (fg, modifier) = look("Baltic");
    assert!(
        meta.fg.is_none_or(|c| c == fg) && modifier.contains(meta.add_modifier),
        "named nowhere else: dimmed"
    );
    assert_ne!(
        look("Nordvik Energy"),
        (fg, modifier),
        "named elsewhere: not dimmed"
    );
}

#[test]
fn the_status_line_says_how_to_show_a_folded_sidebar() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    assert!(app.areas().sidebar_folded);
    let s = screen(&app);
    assert!(s.lines().nth(39).unwrap().contains("s names"), "{s}");
    keys(&mut app, &cat, &["s"]);
    assert!(app.sidebar_on());
    assert!(!screen(&app).lines().nth(39).unwrap().contains("s names"));
}

#[test]
fn q_goes_back_one_level_and_quits_from_the_list() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["Enter", "?"]);
    keys(&mut app, &cat, &["q"]);
    assert!(app.overlay.is_none() && !app.quit, "the overlay closes");
    keys(&mut app, &cat, &["q"]);
    assert_eq!(
        (app.focus, app.quit),
        (crate::ui::layout::Pane::List, false)
    );
    keys(&mut app, &cat, &["q"]);
    assert!(app.quit, "from the list q quits");
    let mut app = super::app(&cat, 120, 40);
    keys(&mut app, &cat, &["Enter", "?", "C-c"]);
    assert!(app.quit, "quit_now quits from anywhere");
}

#[test]
fn slash_opens_on_the_last_query_selected() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["/"]);
    type_text(&mut app, &cat, "grain");
    keys(&mut app, &cat, &["Enter", "a"]);
    assert_eq!(app.list.total(), 4, "the search is cleared");
    keys(&mut app, &cat, &["/"]);
    let p = app.prompt.as_ref().unwrap();
    assert_eq!((p.text(), p.selected), ("grain", true));
    type_text(&mut app, &cat, "port");
    assert_eq!(
        app.prompt.as_ref().unwrap().text(),
        "port",
        "typing replaces"
    );
    keys(&mut app, &cat, &["Esc", "/", "End"]);
    type_text(&mut app, &cat, "s");
    assert_eq!(
        app.prompt.as_ref().unwrap().text(),
        "grains",
        "End keeps it"
    );
}

#[test]
fn searches_are_kept_in_the_state_and_up_brings_them_back() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    for q in ["grain", "port"] {
        keys(&mut app, &cat, &["/", "C-u"]);
        type_text(&mut app, &cat, q);
        keys(&mut app, &cat, &["Enter"]);
    }
    assert_eq!(*cat.searches.borrow(), vec!["port", "grain"]);
    keys(&mut app, &cat, &["a", "/", "C-u", "Up", "Up"]);
    assert_eq!(app.prompt.as_ref().unwrap().text(), "grain");
    assert!(app.list.total() < 4, "the list follows the entry shown");
}

#[test]
fn a_paste_goes_into_the_prompt_whole_and_is_ignored_elsewhere() {
    let cat = fixture();
    let mut app = app(&cat, 120, 40);
    let before = app.list.selected;
    assert!(!update(&mut app, &cat, Event::Paste("jjjq".into())));
    assert!(!app.quit && app.list.selected == before, "not run as keys");
    keys(&mut app, &cat, &["/"]);
    update(&mut app, &cat, Event::Paste("grain\n".into()));
    let p = app.prompt.as_ref().unwrap();
    assert_eq!(p.text(), "grain ", "its newline is not Enter");
    assert_eq!(app.list.total(), 1, "the list follows the pasted query");
}

/// Grouped by topic, an article with several topics is listed under each
/// of them (the 1987 story under commodities, labour and trade), and each
/// header shows its count; at every size.
#[test]
fn the_list_grouped_by_topic_at_every_size_matches_its_snapshot() {
    let cat = fixture();
    for (w, h) in SIZES {
        let mut app = app(&cat, w, h);
        keys(&mut app, &cat, &["v"]);
        let shown = screen(&app);
        // Three times in the list (and once more where the reader
        // previews it beside the list).
        let grain = shown.matches("Grain").count();
        assert!(grain >= 3, "{w}x{h}: under each of its topics\n{shown}");
        for topic in ["commodities", "labour", "trade"] {
            assert!(shown.contains(topic), "{w}x{h}: no {topic} header\n{shown}");
        }
        snapshot(&format!("list_by_topic_{w}x{h}"), &shown);
    }
}
