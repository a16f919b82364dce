//! Following a story through the index: related articles, an entity's
//! page, and the user's corrections surviving a rebuilt index.

use std::path::Path;

use super::{Index, Toolkit};
use crate::config::Config;
use crate::entities::Extractor;
use crate::ingest::IngestRules;
use crate::model::EntityKind;
use crate::state::{Correction, CorrectionAction, EntityRef, StateDb};

fn toolkit() -> Toolkit {
    let config = Config::builtin();
    Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities).unwrap(),
        fingerprint: "test".into(),
    }
}

fn article(dir: &Path, id: &str, date: &str, source: &str, text: &str) {
    let body = format!(
        "+++\nid = \"{id}\"\ntitle = \"Brief {id}\"\ndate = {date}\nsource = \"{source}\"\n+++\n\n{text}\n"
    );
    std::fs::write(dir.join(format!("{id}.md")), body).unwrap();
}

/// Six articles: Geneva in all of them, Oslo in four, Maria Lindqvist in
/// two (a and b), Tomas Berglund in two (a and c).
fn collection(dir: &Path) {
    article(
        dir,
        "a",
        "2025-01-10",
        "Wire",
        "Maria Lindqvist met Tomas Berglund in Geneva. Oslo was quiet.",
    );
    article(
        dir,
        "b",
        "2025-01-20",
        "Wire",
        "Maria Lindqvist spoke in Geneva on Tuesday. Lindqvist left early.",
    );
    article(
        dir,
        "c",
        "2025-03-02",
        "Daily",
        "Tomas Berglund flew from Oslo to Geneva.",
    );
    article(
        dir,
        "d",
        "2025-03-05",
        "Daily",
        "Ministers gathered in Geneva and Oslo.",
    );
    article(dir, "e", "2025-06-01", "Wire", "Crowds in Geneva and Oslo.");
    std::fs::write(
        dir.join("f.md"),
        "+++\nid = \"f\"\ntitle = \"Brief f\"\n+++\n\nRain fell on Geneva.\n",
    )
    .unwrap();
}

fn indexed() -> (tempfile::TempDir, std::path::PathBuf, Index) {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    collection(&briefs);
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    index.sync(&briefs, &toolkit()).unwrap();
    (root, briefs, index)
}

fn ids(related: &[super::Related]) -> Vec<&str> {
    related.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn shared_rare_names_rank_above_shared_common_ones() {
    let (_root, _, index) = indexed();
    let related = index.related("b", 10).unwrap();
    // b shares Maria Lindqvist (two articles) and Geneva (all six) with a;
    // only Geneva with the rest.
    assert_eq!(related[0].id, "a");
    assert_eq!(related[0].shared, ["Maria Lindqvist", "Geneva"]);
    assert!(related[0].score > related[1].score);
    assert!(!ids(&related).contains(&"b"), "never itself");

    let related = index.related("a", 10).unwrap();
    // c shares Tomas Berglund (2 articles), Oslo (4) and Geneva; d and e
    // share only the common Oslo and Geneva; b shares Lindqvist (2) and Geneva.
    let order = ids(&related);
    let at = |id: &str| order.iter().position(|x| *x == id).unwrap();
    assert!(at("c") < at("d") && at("c") < at("e"), "{order:?}");
    assert!(at("b") < at("d"), "{order:?}");
    assert_eq!(at("f"), order.len() - 1, "{order:?}");
    assert_eq!(related.len(), 5);
    assert_eq!(
        related[at("c")].date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-02")
    );
}

#[test]
fn reading_few_postings_gives_the_same_ranking_as_reading_all() {
    let (_root, _, index) = indexed();
    let full = index.related("a", 10).unwrap();
    for budget in [1, 2, 3] {
        assert_eq!(
            index.related_within("a", 10, budget).unwrap(),
            full,
            "{budget}"
        );
    }
}

#[test]
fn an_entity_page_counts_its_articles_by_period_and_its_company() {
    let (_root, _, index) = indexed();
    let (kind, key) = index.find_entity("geneva").unwrap().unwrap();
    assert_eq!(kind, EntityKind::Place);
    let page = index.entity_page(kind, &key, None).unwrap().unwrap();
    assert_eq!(page.count, 6);
    assert_eq!(page.undated, 1);
    assert_eq!(page.first.unwrap().to_string(), "2025-01-10");
    assert_eq!(page.last.unwrap().to_string(), "2025-06-01");
    let periods: Vec<(&str, usize)> = page
        .timeline
        .iter()
        .map(|p| (p.period.as_str(), p.count))
        .collect();
    assert_eq!(
        periods,
        [
            ("2025-01", 2),
            ("2025-02", 0),
            ("2025-03", 2),
            ("2025-04", 0),
            ("2025-05", 0),
            ("2025-06", 1),
            ("undated", 1)
        ]
    );
    assert_eq!(
        page.timeline.iter().map(|p| p.count).sum::<usize>(),
        page.count
    );
    let with: Vec<(&str, usize)> = page
        .cooccurring
        .iter()
        .map(|c| (c.name.as_str(), c.count))
        .collect();
    assert_eq!(
        with,
        [("Oslo", 4), ("Maria Lindqvist", 2), ("Tomas Berglund", 2)]
    );
    assert_eq!(page.cooccurring_from, 6);
    assert_eq!(
        page.sources,
        [("Wire".to_string(), 3), ("Daily".to_string(), 2)]
    );
    assert_eq!(page.articles.len(), 6);
    assert_eq!(page.articles[0], "e", "newest first");
    for limit in 1..=7 {
        let few = index.entity_page(kind, &key, Some(limit)).unwrap().unwrap();
        assert_eq!(few.articles, page.articles[..limit.min(6)], "{limit}");
    }

    let lindqvist = index.find_entity("maria LINDQVIST").unwrap();
    assert_eq!(
        lindqvist,
        Some((EntityKind::Person, "maria lindqvist".into()))
    );
    assert_eq!(index.find_entity("Nobody Atall").unwrap(), None);
}

fn names_of(index: &Index, id: &str) -> Vec<(String, EntityKind)> {
    let mut v: Vec<_> = index
        .entity_links(id, Some(0))
        .unwrap()
        .into_iter()
        .map(|l| (l.name, l.kind))
        .collect();
    v.sort();
    v
}

fn person(name: &str) -> EntityRef {
    EntityRef {
        kind: EntityKind::Person,
        key: crate::entities::fold_key(name),
        name: name.into(),
    }
}

/// Applies `c`, checks, deletes the index, rebuilds it, checks again.
fn survives_rebuild(c: CorrectionAction, who: EntityRef, check: impl Fn(&Index)) {
    let (root, briefs, index) = indexed();
    let state = StateDb::open(&root.path().join("state")).unwrap();
    state
        .add_correction(&Correction::new(who.clone(), vec![who.name.clone()], c))
        .unwrap();
    let corrections = state.corrections().unwrap();
    let applied = index.apply_corrections(&corrections).unwrap();
    assert!(applied.corrected > 0, "{applied:?}");
    check(&index);
    assert!(
        index
            .unmatched_corrections(&corrections)
            .unwrap()
            .is_empty()
    );
    // Applying again changes nothing.
    assert_eq!(index.apply_corrections(&corrections).unwrap().corrected, 0);
    check(&index);

    drop(index);
    std::fs::remove_file(root.path().join("index.db")).unwrap();
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    index.sync(&briefs, &toolkit()).unwrap();
    index
        .apply_corrections(&state.corrections().unwrap())
        .unwrap();
    check(&index);

    // A new article naming the entity is corrected as it is indexed.
    article(
        &briefs,
        "g",
        "2025-07-01",
        "Wire",
        "Maria Lindqvist met Tomas Berglund.",
    );
    index.sync(&briefs, &toolkit()).unwrap();
    index
        .apply_corrections(&state.corrections().unwrap())
        .unwrap();
    check(&index);
}

#[test]
fn a_merge_survives_a_rebuilt_index() {
    survives_rebuild(
        CorrectionAction::Merge {
            into: person("Maria Lindqvist"),
        },
        person("Tomas Berglund"),
        |index| {
            let names = names_of(index, "a");
            assert!(names.contains(&("Maria Lindqvist".into(), EntityKind::Person)));
            assert!(
                !names.iter().any(|(n, _)| n == "Tomas Berglund"),
                "{names:?}"
            );
            let (k, key) = index.find_entity("Maria Lindqvist").unwrap().unwrap();
            let page = index.entity_page(k, &key, None).unwrap().unwrap();
            assert!(page.aliases.contains(&"Tomas Berglund".to_string()));
            assert_eq!(
                page.count,
                index
                    .entity_page(k, &key, None)
                    .unwrap()
                    .unwrap()
                    .articles
                    .len()
            );
            assert!(page.articles.contains(&"c".to_string()));
        },
    );
}

#[test]
fn ignore_kind_and_rename_survive_a_rebuilt_index() {
    survives_rebuild(
        CorrectionAction::Ignore,
        person("Tomas Berglund"),
        |index| {
            assert!(
                !names_of(index, "c")
                    .iter()
                    .any(|(n, _)| n == "Tomas Berglund")
            );
            assert_eq!(index.find_entity("Tomas Berglund").unwrap(), None);
        },
    );
    survives_rebuild(
        CorrectionAction::Kind {
            kind: EntityKind::Org,
        },
        person("Tomas Berglund"),
        |index| {
            assert!(names_of(index, "c").contains(&("Tomas Berglund".into(), EntityKind::Org)));
        },
    );
    survives_rebuild(
        CorrectionAction::Rename {
            name: "Tom Berglund".into(),
        },
        person("Tomas Berglund"),
        |index| {
            assert!(names_of(index, "a").contains(&("Tom Berglund".into(), EntityKind::Person)));
        },
    );
}

#[test]
fn a_split_survives_a_rebuilt_index() {
    // In b, "Lindqvist" alone is taken to be someone else.
    survives_rebuild(
        CorrectionAction::Split {
            spelling: "Lindqvist".into(),
        },
        person("Maria Lindqvist"),
        |index| {
            let names = names_of(index, "b");
            assert!(
                names.iter().any(|(n, _)| n == "Maria Lindqvist"),
                "{names:?}"
            );
            assert!(names.iter().any(|(n, _)| n == "Lindqvist"), "{names:?}");
            let split = index
                .entity_page(EntityKind::Person, "lindqvist", None)
                .unwrap()
                .unwrap();
            assert_eq!(
                (split.count, split.aliases.clone()),
                (1, vec!["Lindqvist".to_string()])
            );
            let links = index.entity_links("b", Some(0)).unwrap();
            let spans = |name: &str| {
                links
                    .iter()
                    .find(|l| l.name == name)
                    .map(|l| l.aliases.clone())
            };
            assert_eq!(
                spans("Maria Lindqvist"),
                Some(vec!["Maria Lindqvist".to_string()])
            );
        },
    );
}

#[test]
fn changed_corrections_are_undone_and_one_matching_nothing_is_reported() {
    let (root, _briefs, index) = indexed();
    let state = StateDb::open(&root.path().join("state")).unwrap();
    let ignore = Correction::new(person("Tomas Berglund"), vec![], CorrectionAction::Ignore);
    let id = state.add_correction(&ignore).unwrap();
    index
        .apply_corrections(&state.corrections().unwrap())
        .unwrap();
    assert!(
        !names_of(&index, "c")
            .iter()
            .any(|(n, _)| n == "Tomas Berglund")
    );
    let before = index.corrections_generation();

    // Taken back: the entity is back as it was found.
    state.remove_correction(id).unwrap();
    let applied = index
        .apply_corrections(&state.corrections().unwrap())
        .unwrap();
    assert_eq!(applied.restored, 2);
    assert!(
        names_of(&index, "c")
            .iter()
            .any(|(n, _)| n == "Tomas Berglund")
    );
    assert_ne!(index.corrections_generation(), before);

    let gone = Correction::new(person("Nobody Known"), vec![], CorrectionAction::Ignore);
    state.add_correction(&gone).unwrap();
    let all = state.corrections().unwrap();
    index.apply_corrections(&all).unwrap();
    let unmatched = index.unmatched_corrections(&all).unwrap();
    assert_eq!(unmatched.len(), 1);
    assert_eq!(unmatched[0].entity.name, "Nobody Known");
}

#[test]
fn unchanged_corrections_cost_no_write_lock_and_a_busy_index_is_left_for_later() {
    let (root, _briefs, index) = indexed();
    let state = StateDb::open(&root.path().join("state")).unwrap();
    let ignore = Correction::new(person("Tomas Berglund"), vec![], CorrectionAction::Ignore);
    state.add_correction(&ignore).unwrap();
    let all = state.corrections().unwrap();
    index.apply_corrections(&all).unwrap();

    // Another session holds the write lock (an index update running).
    let other = rusqlite::Connection::open(root.path().join("index.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let quick = std::time::Duration::from_millis(10);
    assert_eq!(
        index.apply_corrections_waiting(&all, quick).unwrap(),
        super::Applied::default(),
        "nothing changed: nothing to write"
    );
    // A new correction cannot be applied now; it is, once the lock goes.
    let kind = Correction::new(
        person("Maria Lindqvist"),
        vec![],
        CorrectionAction::Kind {
            kind: EntityKind::Org,
        },
    );
    state.add_correction(&kind).unwrap();
    let all = state.corrections().unwrap();
    assert!(index.apply_corrections_waiting(&all, quick).is_err());
    other.execute_batch("COMMIT").unwrap();
    assert!(
        index
            .apply_corrections_waiting(&all, quick)
            .unwrap()
            .corrected
            > 0
    );
    assert!(names_of(&index, "b").contains(&("Maria Lindqvist".into(), EntityKind::Org)));
}

/// The entity picker's names: every entity some article names, with the
/// key its page opens by, most named first.
#[test]
fn entity_names_are_listed_most_named_first_with_their_page_keys() {
    let (_root, _, index) = indexed();
    let names = index.entity_names().unwrap();
    let first = &names[0];
    assert_eq!((first.name.as_str(), first.articles), ("Geneva", 6));
    assert!(
        names.windows(2).all(|w| w[0].articles >= w[1].articles),
        "{names:?}"
    );
    let lindqvist = names
        .iter()
        .find(|n| n.name == "Maria Lindqvist")
        .expect("Maria Lindqvist is listed");
    assert_eq!(lindqvist.articles, 2);
    // The key opens the same page as the name does.
    let (kind, key) = index.find_entity(&lindqvist.key).unwrap().unwrap();
    let page = index.entity_page(kind, &key, None).unwrap().unwrap();
    assert_eq!(page.name, "Maria Lindqvist");
}
