use serde::Deserialize;

use crate::util::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shown {
    id: String,
    path: String,
    title: String,
    date: Option<String>,
    topics: Vec<String>,
    tags: Vec<String>,
    bookmarked: bool,
    read: bool,
    source: Option<String>,
    url: Option<String>,
    encoding: String,
    filed: Option<String>,
    body: String,
    entities: Vec<ShownEntity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ShownEntity {
    name: String,
    kind: String,
    aliases: Vec<String>,
    articles: Vec<String>,
}

#[test]
fn show_json_has_the_cleaned_body() {
    let f = three_briefs();
    let shown: Shown =
        serde_json::from_str(&f.ok(&["show", "trade/harbour-strike", "--json"])).unwrap();
    assert_eq!(shown.id, "trade/harbour-strike");
    assert_eq!(shown.path, "trade/harbour-strike.txt");
    assert_eq!(shown.encoding, "UTF-8");
    assert_eq!(shown.title, "Harbour strike ends after nine days");
    assert_eq!(shown.date.as_deref(), Some("2026-04-14"));
    assert_eq!(shown.topics, ["trade"]);
    assert!(shown.tags.is_empty() && !shown.bookmarked && !shown.read);
    assert_eq!(shown.source, None);
    assert_eq!(shown.url, None);
    assert!(shown.filed.is_some());
    assert!(
        shown.body.contains("Dock workers in the port of Valmar"),
        "{}",
        shown.body
    );
    for furniture in ["Skip to content", "Home > World", "Most Popular"] {
        assert!(
            !shown.body.contains(furniture),
            "{furniture} left in {:?}",
            shown.body
        );
    }
    let _ = shown.entities;
}

#[test]
fn show_raw_prints_the_file_as_it_was() {
    let f = three_briefs();
    let raw = f.ok(&["show", "trade/harbour-strike", "--raw"]);
    assert!(
        raw.contains("Skip to content") && raw.contains("Most Popular"),
        "{raw}"
    );
    let clean = f.ok(&["show", "trade/harbour-strike"]);
    assert!(!clean.contains("Skip to content"), "{clean}");
    assert!(
        clean.starts_with("Harbour strike ends after nine days\n"),
        "{clean}"
    );
}

#[test]
fn show_unknown_id_fails_with_one_line() {
    let f = three_briefs();
    let out = f.run(&["show", "no/such-thing"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no/such-thing"), "{err}");
}

#[test]
fn entities_link_articles_that_name_the_same_organisation() {
    let f = Fixture::new();
    f.write(
        "a.txt",
        "Inspectors return to the reactor site\n\nThe International Atomic Energy Agency said on Monday that its inspectors would return to the site in Vantor.\n",
    )
    .write(
        "b.txt",
        "Agency report due next month\n\nDiplomats expect the International Atomic Energy Agency to publish its report in May.\n",
    );
    let shown: Shown = serde_json::from_str(&f.ok(&["show", "a", "--json"])).unwrap();
    let iaea = shown
        .entities
        .iter()
        .find(|e| e.name.contains("Atomic Energy"))
        .unwrap_or_else(|| panic!("IAEA not found in {:?}", shown.entities));
    assert_eq!(iaea.kind, "org");
    let mut ids = iaea.articles.clone();
    ids.sort();
    assert_eq!(ids, ["a", "b"]);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListedEntity {
    name: String,
    kind: String,
    aliases: Vec<String>,
    count: usize,
    articles: Vec<String>,
}

#[test]
fn entities_json_folds_spellings_across_articles() {
    let f = Fixture::new();
    f.write(
        "a.txt",
        "Envoys meet at the United Nations\n\nDiplomats gathered at the United Nations in Geneva on Monday.\n",
    )
    .write(
        "b.txt",
        "Budget talks stall\n\nThe U.N. budget committee failed to agree on Tuesday, officials in Geneva said.\n",
    );
    let all: Vec<ListedEntity> = serde_json::from_str(&f.ok(&["entities", "--json"])).unwrap();
    let un = all
        .iter()
        .find(|e| e.name == "United Nations")
        .unwrap_or_else(|| panic!("no United Nations in {all:?}"));
    assert_eq!(un.kind, "org");
    assert_eq!(un.count, 2);
    let mut ids = un.articles.clone();
    ids.sort();
    assert_eq!(ids, ["a", "b"]);
    assert!(un.aliases.contains(&"U.N.".to_string()), "{:?}", un.aliases);
    let places: Vec<ListedEntity> =
        serde_json::from_str(&f.ok(&["entities", "--kind", "place", "--json"])).unwrap();
    assert!(places.iter().all(|e| e.kind == "place"));
    assert!(
        places.iter().any(|e| e.name == "Geneva" && e.count == 2),
        "{places:?}"
    );
}

#[test]
fn show_json_lists_entities_with_their_articles() {
    let f = Fixture::new();
    f.write(
        "a.txt",
        "Talks in Geneva\n\nMinisters met in Geneva on Monday.\n",
    )
    .write(
        "b.txt",
        "Geneva summit ends\n\nThe summit in Geneva ended on Friday.\n",
    );
    let shown: Shown = serde_json::from_str(&f.ok(&["show", "a", "--json"])).unwrap();
    let geneva = shown.entities.iter().find(|e| e.name == "Geneva").unwrap();
    assert_eq!(geneva.kind, "place");
    let mut ids = geneva.articles.clone();
    ids.sort();
    assert_eq!(ids, ["a", "b"]);
}
