use super::*;
use crate::ingest::collection::Item;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/");

fn items(name: &str) -> Vec<Item> {
    let bytes = std::fs::read(format!("{FIXTURES}{name}")).unwrap();
    read(
        &format!("feeds/{name}"),
        &bytes,
        &IngestRules::default(),
        &HashMap::new(),
    )
    .unwrap()
    .items
}

fn article(i: &Item) -> &Article {
    i.article.as_ref().unwrap()
}

#[test]
fn rss2_items_have_title_date_source_link_and_content() {
    let items = items("rss2.rss");
    assert_eq!(items.len(), 3);
    let a = article(&items[0]);
    assert_eq!(a.title, "Ferry operator adds a night crossing to Tarnholm");
    // The day as the feed states it, in its own time zone.
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2025, 3, 4));
    assert_eq!(a.source.as_deref(), Some("Harbour Desk Wire"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://harbour-desk.example/2025/03/night-crossing")
    );
    assert_eq!(
        a.id,
        format!("feeds/rss2#{}", collection::key_of("harbour-desk-0001"))
    );
    assert!(a.body.contains("night crossing"), "{}", a.body);
    assert!(
        !a.body.contains("short summary"),
        "content:encoded wins: {}",
        a.body
    );
    assert!(a.topics.contains(&"shipping".to_string()));
    // The description when there is no content, its HTML read.
    assert!(
        article(&items[1])
            .body
            .contains("north basin work would now start in May")
    );
    // No guid: the key comes from the link.
    assert_eq!(
        items[2].key,
        collection::key_of("https://harbour-desk.example/2025/02/radios")
    );
    // The entry's own source reads back as a one-entry feed.
    let doc = entry_document(&a.raw).unwrap();
    assert_eq!(doc.plain(), a.body);
    assert!(
        a.raw.contains("harbour-desk-0001") && !a.raw.contains("p=1002"),
        "{}",
        a.raw
    );
}

#[test]
fn atom_json_feed_and_rss1_are_read() {
    let atom = items("atom.atom");
    assert_eq!(atom.len(), 2);
    assert_eq!(article(&atom[0]).title, "Barley prices & the spring sowing");
    assert_eq!(article(&atom[0]).date, NaiveDate::from_ymd_opt(2025, 3, 5));
    assert_eq!(article(&atom[1]).date, NaiveDate::from_ymd_opt(2025, 2, 27));
    assert!(article(&atom[0]).body.contains("frost to lift"));
    let json = items("jsonfeed.json");
    assert_eq!(json.len(), 2);
    assert_eq!(
        article(&json[0]).source.as_deref(),
        Some("Valley Power Notes")
    );
    assert!(article(&json[1]).body.contains("No outages are planned"));
    assert_eq!(
        entry_document(&article(&json[0]).raw).unwrap().plain(),
        article(&json[0]).body
    );
    let rdf = items("rss1.rdf");
    assert_eq!(rdf.len(), 2);
    assert_eq!(
        article(&rdf[0]).title,
        "Barge traffic resumes below the weir"
    );
    assert_eq!(article(&rdf[0]).date, NaiveDate::from_ymd_opt(2025, 3, 10));
}

#[test]
fn a_malformed_feed_gives_the_parsers_reason() {
    let bytes = std::fs::read(format!("{FIXTURES}malformed.xml")).unwrap();
    let err = read(
        "malformed.xml",
        &bytes,
        &IngestRules::default(),
        &HashMap::new(),
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Feed(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("not a readable feed: "),
        "{err}"
    );
}

#[test]
fn an_unchanged_entry_keeps_its_key_and_is_not_extracted_again() {
    let first = items("rss2.rss");
    let known: HashMap<String, String> = first
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    let bytes = std::fs::read(format!("{FIXTURES}rss2.rss")).unwrap();
    let again = read("feeds/rss2.rss", &bytes, &IngestRules::default(), &known)
        .unwrap()
        .items;
    assert!(again.iter().all(|i| i.article.is_none()));
    let keys: Vec<_> = again.iter().map(|i| &i.key).collect();
    assert_eq!(keys, first.iter().map(|i| &i.key).collect::<Vec<_>>());
}
