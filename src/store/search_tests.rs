//! Searches over a small invented collection: every construct of the
//! language, user state joined from `state.db`, ranking, and the paged
//! list (outline, page, locate) against the in-memory reference grouping.

use chrono::NaiveDate;

use super::{Index, Toolkit};
use crate::config::{Config, Grouping};
use crate::entities::Extractor;
use crate::ingest::IngestRules;
use crate::library::{Catalog, Library};
use crate::query::grouping::{group_positions, outline_of};
use crate::query::{ListFilter, parse};
use crate::state::StateDb;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 4).unwrap() // a Wednesday
}

fn md(
    id: &str,
    date: Option<&str>,
    topics: &[&str],
    tags: &[&str],
    source: &str,
    title: &str,
    body: &str,
) -> String {
    let mut fm = format!("+++\nid = \"{id}\"\ntitle = \"{title}\"\nsource = \"{source}\"\n");
    if let Some(d) = date {
        fm.push_str(&format!("date = {d}\n"));
    }
    let list = |xs: &[&str]| {
        xs.iter()
            .map(|x| format!("\"{x}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    fm.push_str(&format!(
        "topics = [{}]\ntags = [{}]\n+++\n\n{body}\n",
        list(topics),
        list(tags)
    ));
    fm
}

struct Collection {
    _root: tempfile::TempDir,
    library: Library,
}

fn collection() -> Collection {
    collection_with(&[])
}

fn collection_with(extra: &[(&str, String)]) -> Collection {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let files = [
        md(
            "grain-deal",
            Some("2026-03-02"),
            &["trade"],
            &["Urgent"],
            "Northern Wire",
            "Grain corridor deal signed",
            "António Guterres met Wang Yi in Geneva on Monday. Guterres said the grain corridor must reopen, and grain ships would sail.",
        ),
        md(
            "port-visit",
            Some("2026-02-20"),
            &["transport", "trade"],
            &[],
            "Harbour Post",
            "Minister visits the port",
            "Antonio Guterres toured the port, where some grain is stored.",
        ),
        md(
            "drought",
            Some("2025-12-01"),
            &["farming"],
            &[],
            "Farm Weekly",
            "Drought hits wheat farms",
            "The drought cut wheat yields and raised grain prices; sanctions made it worse.",
        ),
        md(
            "notes",
            None,
            &[],
            &[],
            "Desk",
            "Notes from the desk",
            "Sanctioned firms and a sanctuary for birds.",
        ),
        md(
            "reactor",
            Some("2026-03-04"),
            &["energy"],
            &[],
            "Northern Wire",
            "Reactor restarts",
            "The reactor restarted after repairs.",
        ),
    ];
    let names = [
        "grain-deal.md",
        "port-visit.md",
        "drought.md",
        "notes.md",
        "reactor.md",
    ];
    for (name, text) in names.iter().zip(files) {
        std::fs::write(briefs.join(name), text).unwrap();
    }
    for (name, text) in extra {
        std::fs::write(briefs.join(name), text).unwrap();
    }
    let config = Config::builtin();
    let kit = Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities).unwrap(),
        fingerprint: "test".into(),
    };
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    index.sync(&briefs, &kit).unwrap();
    let state = StateDb::open(&root.path().join("state")).unwrap();
    let library = Library {
        index,
        state,
        briefs,
        entity_article_limit: Some(0),
    };
    library
        .change_tags("drought", &["Follow  Up".into()], &[])
        .unwrap();
    library.set_bookmarked("port-visit", true).unwrap();
    library.set_read("reactor", true).unwrap();
    Collection {
        _root: root,
        library,
    }
}

fn filter(query: &str) -> ListFilter {
    ListFilter {
        query: Some(parse(query, today()).unwrap_or_else(|e| panic!("{query}: {e}"))),
        ..Default::default()
    }
}

fn ids(c: &Collection, query: &str) -> Vec<String> {
    c.library
        .list(&filter(query))
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

fn sorted(c: &Collection, query: &str) -> Vec<String> {
    let mut v = ids(c, query);
    v.sort();
    v
}

#[test]
fn words_phrases_prefixes_and_exclusions() {
    let c = collection();
    assert_eq!(sorted(&c, "grain"), ["drought", "grain-deal", "port-visit"]);
    assert_eq!(sorted(&c, "GRAIN port"), ["port-visit"]);
    assert_eq!(ids(&c, "\"grain corridor\""), ["grain-deal"]);
    assert_eq!(ids(&c, "\"corridor grain\""), Vec::<String>::new());
    assert_eq!(sorted(&c, "sanct*"), ["drought", "notes"]);
    assert_eq!(sorted(&c, "grain -wheat"), ["grain-deal", "port-visit"]);
    assert_eq!(ids(&c, "\"say \"\"hi\"\" OR\""), Vec::<String>::new());
    // Accents fold like the index's tokenizer.
    assert_eq!(sorted(&c, "antonio"), ["grain-deal", "port-visit"]);
}

#[test]
fn cjk_words_are_found_inside_runs_without_a_star() {
    let c = collection_with(&[
        (
            "tokyo.md",
            md(
                "tokyo",
                Some("2026-03-01"),
                &[],
                &[],
                "Desk",
                "東京都庁で会議",
                "昨日、東京都庁で会議が開かれた。",
            ),
        ),
        (
            "seoul.md",
            md(
                "seoul",
                Some("2026-03-01"),
                &[],
                &[],
                "Desk",
                "서울에서 회의",
                "서울에서 회의가 열렸다.",
            ),
        ),
        (
            "kyoto.md",
            md(
                "kyoto",
                None,
                &[],
                &[],
                "Desk",
                "京都の秋",
                "京都は紅葉の季節。",
            ),
        ),
    ]);
    assert_eq!(ids(&c, "東京"), ["tokyo"]);
    assert_eq!(ids(&c, "서울"), ["seoul"]);
    assert_eq!(ids(&c, "会議"), ["tokyo"]);
    // A word across two pairs is their phrase: `京都` alone is in both.
    assert_eq!(sorted(&c, "京都"), ["kyoto", "tokyo"]);
    assert_eq!(ids(&c, "東京都"), ["tokyo"]);
    assert_eq!(ids(&c, "都京"), Vec::<String>::new());
    // A lone character starts a pair.
    assert_eq!(ids(&c, "紅"), ["kyoto"]);
    // What was found is what the highlighter marks.
    let q = parse("서울", today()).unwrap();
    let marked = crate::query::find_highlights("서울에서 회의가 열렸다.", &q.highlights());
    assert_eq!(marked, vec![0..6]);
}

#[test]
fn index_query_and_highlighter_fold_accents_alike() {
    let c = collection_with(&[
        (
            "hanoi.md",
            md(
                "hanoi",
                None,
                &[],
                &[],
                "Desk",
                "Nguyễn visits Łódź",
                "Talks in Timișoara and Straße.",
            ),
        ),
        (
            "cedilla.md",
            md(
                "cedilla",
                None,
                &[],
                &[],
                "Desk",
                "Timişoara fair",
                "Opened.",
            ),
        ),
    ]);
    assert_eq!(ids(&c, "Nguyen"), ["hanoi"]);
    assert_eq!(ids(&c, "nguyễn"), ["hanoi"]);
    assert_eq!(ids(&c, "lodz"), ["hanoi"]);
    assert_eq!(ids(&c, "strasse"), ["hanoi"]);
    // Romanian comma below and the cedilla written for it fold alike.
    assert_eq!(sorted(&c, "Timișoara"), ["cedilla", "hanoi"]);
    assert_eq!(sorted(&c, "Timişoara"), ["cedilla", "hanoi"]);
    for (text, query) in [
        ("Nguyễn visits Łódź", "nguyen lodz"),
        ("Timișoara", "timişoara"),
    ] {
        let q = parse(query, today()).unwrap();
        let found = crate::query::find_highlights(text, &q.highlights());
        assert_eq!(found.len(), 2.min(query.split(' ').count()), "{text}");
    }
    assert_eq!(
        crate::text::fold_key("Timișoara"),
        crate::text::fold_key("Timişoara")
    );
}

#[test]
fn or_not_and_parentheses() {
    let c = collection();
    assert_eq!(sorted(&c, "wheat OR reactor"), ["drought", "reactor"]);
    assert_eq!(ids(&c, "(wheat OR reactor) -topic:energy"), ["drought"]);
    assert_eq!(sorted(&c, "-(grain OR reactor)"), ["notes"]);
    assert_eq!(
        sorted(&c, "topic:trade -(port OR -guterres)"),
        ["grain-deal"]
    );
}

#[test]
fn ranking_puts_title_matches_first_else_newest_first() {
    let c = collection();
    // In the title (and twice in the text) beats once in the text.
    assert_eq!(ids(&c, "grain")[0], "grain-deal");
    assert_eq!(ids(&c, "reactor OR drought"), ["reactor", "drought"]);
    // No words: date order, undated last, whatever the fields.
    assert_eq!(
        ids(&c, "-topic:energy"),
        ["grain-deal", "port-visit", "drought", "notes"]
    );
    // Excluded words do not rank.
    assert_eq!(ids(&c, "-grain"), ["reactor", "notes"]);
}

#[test]
fn entity_matches_any_spelling_name_or_key() {
    let c = collection();
    for q in [
        "entity:\"Antonio Guterres\"",
        "entity:\"ANTÓNIO GUTERRES\"",
        "entity:guterres",
        "entity:person:antonio-guterres",
    ] {
        assert_eq!(sorted(&c, q), ["grain-deal", "port-visit"], "{q}");
    }
    assert_eq!(ids(&c, "entity:\"wang yi\""), ["grain-deal"]);
    assert_eq!(ids(&c, "entity:\"place:wang yi\""), Vec::<String>::new());
    assert_eq!(ids(&c, "entity:nobody"), Vec::<String>::new());
    assert_eq!(ids(&c, "kind:place"), ["grain-deal"]);
    assert_eq!(sorted(&c, "kind:person"), ["grain-deal", "port-visit"]);
    assert_eq!(sorted(&c, "-kind:person"), ["drought", "notes", "reactor"]);
}

#[test]
fn fields_and_user_state() {
    let c = collection();
    assert_eq!(sorted(&c, "topic:TRADE"), ["grain-deal", "port-visit"]);
    assert_eq!(ids(&c, "tag:urgent"), ["grain-deal"]);
    assert_eq!(ids(&c, "tag:\"follow up\""), ["drought"]);
    assert_eq!(
        sorted(&c, "tag:urgent OR tag:\"FOLLOW UP\""),
        ["drought", "grain-deal"]
    );
    assert_eq!(ids(&c, "is:bookmarked"), ["port-visit"]);
    assert_eq!(ids(&c, "is:read"), ["reactor"]);
    assert_eq!(ids(&c, "is:unread topic:energy"), Vec::<String>::new());
    assert_eq!(sorted(&c, "source:northern"), ["grain-deal", "reactor"]);
    assert_eq!(ids(&c, "-source:wire -source:post"), ["drought", "notes"]);
    // The list rows carry the user's state.
    let rows = c
        .library
        .list(&filter("is:bookmarked OR tag:\"follow up\""))
        .unwrap();
    assert!(rows[0].bookmarked && !rows[0].read);
    assert_eq!(rows[1].tags, ["Follow Up"]);
}

#[test]
fn dates_absolute_and_relative() {
    let c = collection();
    assert_eq!(
        ids(&c, "after:2026-02"),
        ["reactor", "grain-deal", "port-visit"]
    );
    assert_eq!(ids(&c, "before:2026"), ["drought"]);
    assert_eq!(ids(&c, "date:2026-02"), ["port-visit"]);
    assert_eq!(ids(&c, "date:2026-03-02"), ["grain-deal"]);
    assert_eq!(ids(&c, "after:-7d"), ["reactor", "grain-deal"]);
    assert_eq!(ids(&c, "after:-1m before:-7d"), ["port-visit"]);
    // Undated articles are neither before nor after; a negation keeps them.
    assert_eq!(ids(&c, "-after:2026"), ["drought", "notes"]);
}

#[test]
fn a_query_ands_with_the_filter_fields() {
    let c = collection();
    let f = ListFilter {
        topic: Some("trade".into()),
        ..filter("grain")
    };
    let got: Vec<String> = c
        .library
        .list(&f)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(got, ["grain-deal", "port-visit"]);
}

#[test]
fn paging_matches_the_reference_grouping() {
    // Ties on date and title, and a second undated article, so every
    // branch of the order is used.
    let c = collection_with(&[
        (
            "tie-a.md",
            md(
                "tie-a",
                Some("2025-12-01"),
                &["farming"],
                &[],
                "Desk",
                "Another drought",
                "Dry fields.",
            ),
        ),
        (
            "tie-b.md",
            md(
                "tie-b",
                Some("2025-12-01"),
                &["farming"],
                &[],
                "Desk",
                "Another drought",
                "Dry wells.",
            ),
        ),
        (
            "undated-2.md",
            md(
                "undated-2",
                None,
                &[],
                &[],
                "Desk",
                "Aside",
                "Nothing dated.",
            ),
        ),
    ]);
    let filters = [
        ListFilter::default(),
        filter("grain OR reactor"),
        filter("-topic:trade"),
        filter("nothing-here"),
    ];
    check_paging(&c, &filters);
    let topics = c
        .library
        .outline(&ListFilter::default(), Grouping::Topic, today())
        .unwrap();
    let names: Vec<_> = topics
        .iter()
        .map(|g| (g.name.clone().unwrap(), g.count))
        .collect();
    assert_eq!(
        names,
        [
            ("energy".into(), 1),
            ("farming".into(), 3),
            ("trade".into(), 2),
            // An article about trade and transport is under both.
            ("transport".into(), 1),
            ("(no topic)".to_string(), 2)
        ]
    );
    let dates = c
        .library
        .outline(&ListFilter::default(), Grouping::Date, today())
        .unwrap();
    let names: Vec<_> = dates
        .iter()
        .map(|g| (g.name.clone().unwrap(), g.count))
        .collect();
    assert_eq!(
        names,
        [
            ("Today".into(), 1),
            ("This week".into(), 1),
            ("February 2026".into(), 1),
            ("2025".into(), 3),
            ("Undated".to_string(), 2)
        ]
    );
}

/// outline, page and locate agree with the in-memory grouping of `list`
/// at every position, for each grouping.
fn check_paging(c: &Collection, filters: &[ListFilter]) {
    for f in filters {
        let all = c.library.list(f).unwrap();
        for g in [Grouping::None, Grouping::Topic, Grouping::Date] {
            let groups = group_positions(&all, g, today());
            let order: Vec<&str> = groups
                .iter()
                .flat_map(|(_, m)| m)
                .map(|&i| all[i].id.as_str())
                .collect();
            assert_eq!(
                c.library.outline(f, g, today()).unwrap(),
                outline_of(&groups),
                "{f:?} {g:?}"
            );
            let paged: Vec<String> = (0..order.len() + 1)
                .step_by(2)
                .flat_map(|o| c.library.page(f, g, today(), o, 2).unwrap())
                .map(|a| a.id)
                .collect();
            assert_eq!(paged, order, "{f:?} {g:?}");
            // Grouped by topic an article is listed once per topic: it is
            // located at its first row.
            for id in &order {
                let first = order.iter().position(|o| o == id);
                assert_eq!(c.library.locate(f, g, today(), id).unwrap(), first);
            }
            assert_eq!(c.library.locate(f, g, today(), "missing").unwrap(), None);
        }
    }
}

#[test]
fn searches_matching_too_many_to_rank_are_newest_first_and_page_alike() {
    let mut c = collection();
    let ranked = ids(&c, "grain OR reactor OR drought");
    c.library.index.set_rank_at_most(0);
    let filters = [
        filter("grain OR reactor OR drought"),
        filter("gra* OR dro*"),
        filter("grain -topic:trade"),
    ];
    check_paging(&c, &filters);
    let unranked = c.library.list(&filters[0]).unwrap();
    let mut by_id: Vec<String> = unranked.iter().map(|a| a.id.clone()).collect();
    by_id.sort();
    let mut same = ranked.clone();
    same.sort();
    assert_eq!(by_id, same, "the same articles match");
    let dates: Vec<_> = unranked.iter().map(|a| a.date).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    assert_eq!(dates, newest_first, "newest first, undated last");
}

#[test]
fn a_count_stopped_at_the_ranking_limit_still_gives_the_whole_count() {
    let mut c = collection();
    let f = filter("grain OR reactor OR drought");
    let all = c.library.list(&f).unwrap().len();
    assert!(all >= 2, "the collection has several matches");
    // Deciding not to rank counts only past the limit; the outline that
    // follows still counts every match, not the stopped count.
    c.library.index.set_rank_at_most(1);
    let outline = c.library.outline(&f, Grouping::None, today()).unwrap();
    assert_eq!(outline.iter().map(|g| g.count).sum::<usize>(), all);
    // Exactly at the limit: ranked (not more than the limit), and whole.
    c.library.index.set_rank_at_most(all);
    assert!(
        !c.library
            .index
            .fts_count_above("\"grain\" OR \"reactor\" OR \"drought\"", all)
            .unwrap()
    );
    assert!(
        c.library
            .index
            .fts_count_above("\"grain\" OR \"reactor\" OR \"drought\"", all - 1)
            .unwrap()
    );
    let outline = c.library.outline(&f, Grouping::None, today()).unwrap();
    assert_eq!(outline.iter().map(|g| g.count).sum::<usize>(), all);
    assert_eq!(c.library.list(&f).unwrap().len(), all);
}

#[test]
fn a_first_count_stops_at_its_cap_and_is_whole_below_it() {
    let c = collection();
    let filters = [
        ListFilter::default(),
        filter("grain OR reactor OR drought"),
        filter("gra* after:1987-01-01"),
        filter("grain is:unread"),
        filter("-grain"),
        filter("topic:trade"),
    ];
    for f in &filters {
        let all = c.library.list(f).unwrap().len();
        assert!(all >= 2, "{f:?} matches several: {all}");
        for cap in [0, 1, all - 1, all, all + 5] {
            let (outline, exact) = c
                .library
                .outline_upto(f, Grouping::None, today(), cap)
                .unwrap();
            let counted: usize = outline.iter().map(|g| g.count).sum();
            assert_eq!(exact, all <= cap, "{f:?} cap {cap}");
            assert_eq!(counted, all.min(cap), "{f:?} cap {cap}");
        }
        // Grouped lists are always counted whole.
        let (outline, exact) = c
            .library
            .outline_upto(f, Grouping::Topic, today(), 0)
            .unwrap();
        assert!(exact);
        assert_eq!(
            outline,
            c.library.outline(f, Grouping::Topic, today()).unwrap()
        );
    }
}
