//! Following a story: an entity's page with its chart, related articles,
//! and corrections made from the page.

use super::*;
use crate::model::EntityKind;
use crate::ui::testing::{detail, entity, summary};

/// Twelve articles over eight months naming Ana Vell, most with Portmere,
/// some with the Dockers Union; one undated.
fn story() -> FakeCatalog {
    let dates = [
        Some("2026-03-02"),
        Some("2026-03-20"),
        Some("2026-04-11"),
        Some("2026-06-01"),
        Some("2026-06-15"),
        Some("2026-06-28"),
        Some("2026-07-04"),
        Some("2026-09-09"),
        Some("2026-10-10"),
        Some("2026-10-12"),
        Some("2026-10-30"),
        None,
    ];
    let all = dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            let id = format!("s{i:02}");
            let mut d = detail(
                summary(&id, &format!("Harbour story part {i}"), *date, &["labour"]),
                "Ana Vell spoke in Portmere.",
            );
            let mut names = vec![entity("ana vell", "Ana Vell", EntityKind::Person, &[])];
            if i % 4 != 3 {
                names.push(entity("portmere", "Portmere", EntityKind::Place, &[]));
            }
            if i % 3 == 0 {
                names.push(entity(
                    "dockers union",
                    "Dockers Union",
                    EntityKind::Org,
                    &[],
                ));
            }
            d.entities = names;
            d
        })
        .collect();
    FakeCatalog::new(all)
}

/// Opens the first article and the page of its first sidebar entity.
fn page_of_ana(cat: &FakeCatalog, w: u16, h: u16) -> App {
    let mut app = app(cat, w, h);
    keys(&mut app, cat, &["Enter"]);
    if !app.sidebar_on() {
        keys(&mut app, cat, &["s"]);
    }
    for _ in 0..3 {
        if app.focus != crate::ui::layout::Pane::Sidebar {
            keys(&mut app, cat, &["Tab"]);
        }
    }
    assert_eq!(app.focus, crate::ui::layout::Pane::Sidebar);
    keys(&mut app, cat, &["Enter"]);
    assert!(app.entity_page.is_some(), "{}", screen(&app));
    app
}

/// The screen with trailing blanks cut, for comparing with a snapshot.
fn trimmed(app: &App) -> String {
    let s = screen(app);
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    format!("\n{}\n", lines.join("\n"))
}

const PAGE_80X24: &str = r#"
╭ Ana Vell · person ───────────────────────────────────────────────────────────╮
│12 articles · 2026-03-02 to 2026-10-30 · 1 undated                            │
│Spellings: Ana Vell                                                           │
│Sources: Wire 12                                                              │
│ Mentions per month · most 3 in 2026-10 ──────────────────────────────────────│
│                           ████████                            ████████       │
│▂▂▂▂▂▂▂▂                   ████████                            ████████       │
│████████                   ████████                            ████████       │
│████████ ▅▅▅▅▅▅▅▅          ████████ ▅▅▅▅▅▅▅▅          ▅▅▅▅▅▅▅▅ ████████       │
│████████ ████████          ████████ ████████          ████████ ████████       │
│2026-03  2026-04  2026-05  2026-06  2026-07  2026-08  2026-09  2026-10        │
│                                                                              │
│> List its 12 articles                                                        │
│Seen with                                                                     │
│  Portmere                                                       place       9│
│  Dockers Union                                                  org         4│
│                                                                              │
│                                                                              │
│                                                                              │
│                                                                              │
│                                                                              │
│                                                                              │
│                                                                              │
╰Enter/l articles · j/k names · m merge · s split · x not an entity · K kind ·…╯
"#;

const PAGE_120X40: &str = r#"
╭ Ana Vell · person ───────────────────────────────────────────────────────────────────────────────────────────────────╮
│12 articles · 2026-03-02 to 2026-10-30 · 1 undated                                                                    │
│Spellings: Ana Vell                                                                                                   │
│Sources: Wire 12                                                                                                      │
│ Mentions per month · most 3 in 2026-10 ──────────────────────────────────────────────────────────────────────────────│
│                                          █████████████                                           █████████████       │
│                                          █████████████                                           █████████████       │
│                                          █████████████                                           █████████████       │
│▅▅▅▅▅▅▅▅▅▅▅▅▅                             █████████████                                           █████████████       │
│█████████████                             █████████████                                           █████████████       │
│█████████████                             █████████████                                           █████████████       │
│█████████████ ▂▂▂▂▂▂▂▂▂▂▂▂▂               █████████████ ▂▂▂▂▂▂▂▂▂▂▂▂▂               ▂▂▂▂▂▂▂▂▂▂▂▂▂ █████████████       │
│█████████████ █████████████               █████████████ █████████████               █████████████ █████████████       │
│█████████████ █████████████               █████████████ █████████████               █████████████ █████████████       │
│█████████████ █████████████               █████████████ █████████████               █████████████ █████████████       │
│   2026-03       2026-04       2026-05       2026-06       2026-07       2026-08       2026-09       2026-10          │
│                                                                                                                      │
│> List its 12 articles                                                                                                │
│Seen with                                                                                                             │
│  Portmere                                                                                               place       9│
│  Dockers Union                                                                                          org         4│
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
│                                                                                                                      │
╰Enter/l articles · j/k names · m merge · s split · x not an entity · K kind · r rename · Esc back─────────────────────╯
"#;

#[test]
fn the_entity_page_with_its_chart_at_80x24() {
    let cat = story();
    let app = page_of_ana(&cat, 80, 24);
    assert_eq!(trimmed(&app), PAGE_80X24);
}

#[test]
fn the_entity_page_with_its_chart_at_120x40() {
    let cat = story();
    let app = page_of_ana(&cat, 120, 40);
    assert_eq!(trimmed(&app), PAGE_120X40);
    // The selected row stands out (colours are not in the snapshot).
    let buf = render(&app);
    let row = (0..40)
        .find(|&y| row_text(&buf, y).contains("List its 12 articles"))
        .unwrap();
    let other = (0..40)
        .find(|&y| row_text(&buf, y).contains("Portmere"))
        .unwrap();
    assert_ne!(buf[(3, row)].style(), buf[(3, other)].style());
    assert_eq!(
        buf[(3, row)].style(),
        buf[(3, row)]
            .style()
            .patch(app.theme.style(crate::ui::theme::Role::Selected))
    );
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn more_periods_than_columns_are_drawn_as_a_sparkline_of_the_latest() {
    // One article a month for six years: 72 periods in 78 columns do not
    // fit as bars with gaps.
    let all = (0..72)
        .map(|i| {
            let date = format!("{}-{:02}-15", 2020 + i / 12, i % 12 + 1);
            let mut d = detail(summary(&format!("m{i}"), "Monthly", Some(&date), &[]), "x");
            d.entities = vec![entity("ana vell", "Ana Vell", EntityKind::Person, &[])];
            d
        })
        .collect();
    let cat = FakeCatalog::new(all);
    let app = page_of_ana(&cat, 80, 24);
    let s = screen(&app);
    assert!(s.contains("2020-01") && s.contains("2025-12"), "{s}");
    assert!(s.contains("72 articles · 2020-01-15 to 2025-12-15"), "{s}");
    let page = &app.entity_page.as_ref().unwrap().page;
    assert_eq!(page.timeline.len(), 72);
    assert!(page.timeline.iter().all(|p| p.count == 1));
}

#[test]
fn a_name_seen_with_it_opens_its_own_page_and_esc_comes_back() {
    let cat = story();
    let mut app = page_of_ana(&cat, 120, 40);
    keys(&mut app, &cat, &["j", "Enter"]);
    assert!(
        screen(&app).contains("Portmere · place"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["Esc"]);
    assert!(screen(&app).contains("Ana Vell · person"));
    keys(&mut app, &cat, &["Esc"]);
    assert!(app.entity_page.is_none());
    // Enter on the page lists the entity's articles, as Enter did before.
    keys(&mut app, &cat, &["Enter", "l"]);
    assert!(app.entity_page.is_none());
    assert!(
        screen(&app).contains("naming:person:ana vell"),
        "{}",
        screen(&app)
    );
}

#[test]
fn related_articles_open_with_enter_and_esc_comes_back() {
    let cat = FakeCatalog::sample();
    let mut app = app(&cat, 120, 40);
    keys(&mut app, &cat, &["j", "R"]);
    let s = screen(&app);
    assert!(
        s.contains("Related to Grain prices climb on port delays (2)"),
        "{s}"
    );
    assert!(s.contains("shared: Portmere, Ana Vell"), "{s}");
    keys(&mut app, &cat, &["Esc"]);
    assert!(app.related.is_none());
    keys(&mut app, &cat, &["R", "j", "Enter"]);
    assert!(app.related.is_none());
    assert_eq!(app.reader.id(), Some("a3"), "the second related article");
    assert!(cat.get("a3").summary.read);
}

#[test]
fn corrections_made_on_the_page_are_saved_and_shown_at_once() {
    let cat = story();
    let mut app = page_of_ana(&cat, 120, 40);
    keys(&mut app, &cat, &["r"]);
    for _ in 0.."Ana Vell".len() {
        keys(&mut app, &cat, &["Backspace"]);
    }
    type_text(&mut app, &cat, "Anna Vell");
    assert!(
        screen(&app).contains("rename to: Anna Vell_"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["Enter"]);
    assert!(
        screen(&app).contains("Anna Vell · person"),
        "{}",
        screen(&app)
    );
    // Not an entity: the page closes and the sidebar drops it.
    keys(&mut app, &cat, &["x"]);
    assert!(app.entity_page.is_none());
    let names: Vec<String> = app
        .reader
        .detail
        .as_ref()
        .unwrap()
        .entities
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(names, ["Portmere", "Dockers Union"]);
    let made: Vec<_> = cat
        .corrections
        .borrow()
        .iter()
        .map(|c| c.describe())
        .collect();
    assert_eq!(
        made,
        [
            "rename Ana Vell (person) to Anna Vell",
            "ignore Anna Vell (person): not an entity"
        ]
    );
}

#[test]
fn a_split_of_a_spelling_it_never_had_is_refused_and_nothing_saved() {
    let cat = story();
    let mut app = page_of_ana(&cat, 120, 40);
    keys(&mut app, &cat, &["s"]);
    type_text(&mut app, &cat, "Vellini");
    keys(&mut app, &cat, &["Enter"]);
    assert!(
        screen(&app).contains("never spelled Vellini"),
        "{}",
        screen(&app)
    );
    keys(&mut app, &cat, &["K"]);
    type_text(&mut app, &cat, "robot");
    keys(&mut app, &cat, &["Enter"]);
    assert!(screen(&app).contains("a kind is person, org, place or other"));
    assert!(cat.corrections.borrow().is_empty());
    keys(&mut app, &cat, &["K"]);
    type_text(&mut app, &cat, "org");
    keys(&mut app, &cat, &["Enter"]);
    assert_eq!(cat.corrections.borrow().len(), 1);
}

/// `e` opens the entity picker over every name, most named first; typing
/// narrows it fuzzily (letters in order, any case), Enter opens the page.
#[test]
fn the_entity_picker_matches_fuzzily_and_opens_the_page() {
    let cat = story();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["e"]);
    let jump = app.entity_jump.as_ref().expect("the picker is open");
    let all: Vec<&str> = jump.picked().map(|n| n.name.as_str()).collect();
    assert_eq!(all, ["Ana Vell", "Portmere", "Dockers Union"]);
    let shown = screen(&app);
    assert!(shown.contains("Jump to a name (3 of 3)"), "{shown}");
    assert!(
        shown.contains("JUMP"),
        "the status line says where the keys go"
    );
    // Letters are typed, not taken as their keys (`j`, `k`, `u`...).
    type_text(&mut app, &cat, "DKu");
    let jump = app.entity_jump.as_ref().expect("still open");
    let picked: Vec<&str> = jump.picked().map(|n| n.name.as_str()).collect();
    assert_eq!(picked, ["Dockers Union"]);
    assert!(screen(&app).contains("Jump to a name (1 of 3)"));
    // Backspace widens it again.
    keys(&mut app, &cat, &["Backspace", "Backspace", "Backspace"]);
    let picked: Vec<&str> = app
        .entity_jump
        .as_ref()
        .unwrap()
        .picked()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(picked.len(), 3, "{picked:?}");
    type_text(&mut app, &cat, "ku");
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.entity_jump.is_none());
    let page = app.entity_page.as_ref().expect("its page is open");
    assert_eq!(page.page.name, "Dockers Union");
    assert_eq!(page.page.count, 4);
}

#[test]
fn the_entity_picker_closes_with_esc_and_says_when_nothing_matches() {
    let cat = story();
    let mut app = app(&cat, 80, 24);
    keys(&mut app, &cat, &["e"]);
    type_text(&mut app, &cat, "zzz");
    assert_eq!(app.entity_jump.as_ref().unwrap().picked_len(), 0);
    assert!(screen(&app).contains("no name matches"));
    // Enter on nothing opens nothing.
    keys(&mut app, &cat, &["Enter"]);
    assert!(app.entity_jump.is_none() && app.entity_page.is_none());
    keys(&mut app, &cat, &["e", "Down", "Esc"]);
    assert!(app.entity_jump.is_none() && app.entity_page.is_none());
    // An article's text never reaches the picker raw.
    let mut d = detail(summary("x", "X", None, &[]), "text");
    d.entities = vec![entity("evil", "Evil\x1b[2JName", EntityKind::Org, &[])];
    let cat = FakeCatalog::new(vec![d]);
    let mut app = app_for_size(&cat);
    keys(&mut app, &cat, &["e"]);
    let shown = screen(&app);
    assert!(!shown.contains('\x1b') && shown.contains("Evil"), "{shown}");
}

fn app_for_size(cat: &FakeCatalog) -> App {
    app(cat, 80, 24)
}
