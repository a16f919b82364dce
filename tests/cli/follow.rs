//! `brief related`, `brief entity` and the user's entity corrections from
//! the command line, with their JSON read strictly.

use serde::Deserialize;

use crate::util::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Related {
    id: String,
    title: String,
    date: Option<String>,
    score: f64,
    shared: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Period {
    period: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct With {
    key: String,
    name: String,
    kind: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    source: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    key: String,
    name: String,
    kind: String,
    aliases: Vec<String>,
    count: usize,
    articles: Vec<String>,
    first: Option<String>,
    last: Option<String>,
    timeline: Vec<Period>,
    undated: usize,
    cooccurring: Vec<With>,
    cooccurring_from: usize,
    sources: Vec<Source>,
}

fn story() -> Fixture {
    let f = Fixture::new();
    let brief = |id: &str, date: &str, source: &str, text: &str| {
        let date = if date.is_empty() {
            String::new()
        } else {
            format!("date = {date}\n")
        };
        format!(
            "+++\nid = \"{id}\"\ntitle = \"Brief {id}\"\n{date}source = \"{source}\"\n+++\n\n{text}\n"
        )
    };
    f.write(
        "a.md",
        &brief(
            "a",
            "2025-01-10",
            "Wire",
            "Maria Lindqvist met Tomas Berglund in Geneva. Oslo was quiet.",
        ),
    );
    f.write(
        "b.md",
        &brief(
            "b",
            "2025-01-20",
            "Wire",
            "Maria Lindqvist spoke in Geneva on Tuesday.",
        ),
    );
    f.write(
        "c.md",
        &brief(
            "c",
            "2025-06-02",
            "Daily",
            "Tomas Berglund flew from Oslo to Geneva.",
        ),
    );
    f.write(
        "d.md",
        &brief(
            "d",
            "2025-06-05",
            "Daily",
            "Ministers gathered in Geneva and Oslo.",
        ),
    );
    f.write(
        "e.md",
        &brief("e", "", "Wire", "Crowds in Geneva and Oslo."),
    );
    f
}

#[test]
fn related_ranks_the_article_sharing_a_rare_name_first() {
    let f = story();
    let related: Vec<Related> = serde_json::from_str(&f.ok(&["related", "b", "--json"])).unwrap();
    assert_eq!(related[0].id, "a", "{related:?}");
    assert_eq!(related[0].shared, ["Maria Lindqvist", "Geneva"]);
    assert_eq!(related[0].title, "Brief a");
    assert_eq!(related[0].date.as_deref(), Some("2025-01-10"));
    assert!(related[0].score > related[1].score);
    let one: Vec<Related> =
        serde_json::from_str(&f.ok(&["related", "b", "--limit", "1", "--json"])).unwrap();
    assert_eq!(one.len(), 1);
    let text = f.ok(&["related", "b"]);
    assert!(text.contains("shared: Maria Lindqvist, Geneva"), "{text}");
    assert!(!f.run(&["related", "nope"]).status.success());
}

#[test]
fn an_entity_page_adds_up() {
    let f = story();
    let page: Page = serde_json::from_str(&f.ok(&["entity", "geneva", "--json"])).unwrap();
    assert_eq!(
        (page.key.as_str(), page.name.as_str(), page.kind.as_str()),
        ("place:geneva", "Geneva", "place")
    );
    assert_eq!(page.count, 5);
    assert_eq!(page.articles.len(), 5);
    assert_eq!(page.aliases, ["Geneva"]);
    assert_eq!(
        page.timeline.iter().map(|p| p.count).sum::<usize>(),
        page.count
    );
    let periods: Vec<&str> = page.timeline.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(
        periods,
        [
            "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "undated"
        ]
    );
    assert_eq!(page.undated, 1);
    assert_eq!(
        (page.first.as_deref(), page.last.as_deref()),
        (Some("2025-01-10"), Some("2025-06-05"))
    );
    assert_eq!(page.cooccurring[0].name, "Oslo");
    assert_eq!(page.cooccurring[0].count, 4);
    assert_eq!(page.cooccurring[0].kind, "place");
    assert_eq!(page.cooccurring[0].key, "place:oslo");
    assert_eq!(page.cooccurring_from, 5);
    assert_eq!(
        (page.sources[0].source.as_str(), page.sources[0].count),
        ("Wire", 3)
    );
    let text = f.ok(&["entity", "Geneva"]);
    assert!(
        text.contains("5 articles, 2025-01-10 to 2025-06-05 (1 undated)"),
        "{text}"
    );
    let out = f.run(&["entity", "Nobody At All"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entity named `Nobody At All`"));
    let help = f.ok(&["--help"]);
    assert!(
        help.contains("entities") && help.contains("entity "),
        "{help}"
    );
}

#[test]
fn corrections_hold_after_the_cache_is_deleted_and_travel_with_an_export() {
    let f = story();
    f.ok(&["entity", "merge", "Tomas Berglund", "Maria Lindqvist"]);
    f.ok(&["entity", "kind", "Oslo", "org"]);
    f.ok(&["entity", "rename", "Geneva", "Genève"]);
    let check = |f: &Fixture| {
        let page: Page =
            serde_json::from_str(&f.ok(&["entity", "Maria Lindqvist", "--json"])).unwrap();
        assert_eq!(page.count, 3, "{page:?}");
        assert!(page.aliases.contains(&"Tomas Berglund".to_string()));
        let oslo: Page = serde_json::from_str(&f.ok(&["entity", "oslo", "--json"])).unwrap();
        assert_eq!(oslo.kind, "org");
        let geneva: Page =
            serde_json::from_str(&f.ok(&["entity", "place:geneva", "--json"])).unwrap();
        assert_eq!(geneva.name, "Genève");
    };
    check(&f);
    std::fs::remove_dir_all(f.root().join("cache")).unwrap();
    check(&f);
    let listed = f.ok(&["entity", "corrections"]);
    assert!(
        listed.contains("merge Tomas Berglund (person) into Maria Lindqvist (person)"),
        "{listed}"
    );

    // Exported, then imported into an empty state: the same corrections.
    let exported = f.ok(&["state", "export"]);
    let g = story();
    std::fs::write(g.root().join("state.json"), &exported).unwrap();
    let imported = g.ok(&[
        "state",
        "import",
        g.root().join("state.json").to_str().unwrap(),
    ]);
    assert!(imported.contains("3 new entity corrections"), "{imported}");
    check(&g);

    // Its entity gone, a correction is kept and reported.
    std::fs::remove_file(f.root().join("briefs/c.md")).unwrap();
    std::fs::remove_file(f.root().join("briefs/a.md")).unwrap();
    let out = f.run(&["check"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("matches nothing now (kept): merge Tomas Berglund"),
        "{said}"
    );
    assert!(
        f.ok(&["entity", "corrections"])
            .contains("(matches nothing now)")
    );
    f.ok(&["entity", "forget", "1"]);
    assert!(!f.ok(&["entity", "corrections"]).contains("merge"));
}
