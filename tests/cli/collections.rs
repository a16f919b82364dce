//! Feeds and mbox files end to end: one file, many articles, each with an
//! id that stays while the item is in the file.

use crate::util::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{rel}")).unwrap()
}

/// Every feed and mailbox fixture, the broken feed among them.
fn collections() -> Fixture {
    let f = Fixture::new();
    for name in [
        "rss2.rss",
        "atom.atom",
        "jsonfeed.json",
        "rss1.rdf",
        "malformed.xml",
    ] {
        f.write(&format!("feeds/{name}"), &fixture(&format!("feeds/{name}")));
    }
    for name in ["digest.mbox", "bad-boundary.mbox"] {
        f.write(&format!("mail/{name}"), &fixture(&format!("mail/{name}")));
    }
    f.write("copper.txt", UNDATED);
    f
}

fn titles_of(items: &[ListItem], path: &str) -> Vec<String> {
    let mut t: Vec<String> = items
        .iter()
        .filter(|i| i.path == path)
        .map(|i| i.title.clone())
        .collect();
    t.sort();
    t
}

#[test]
fn each_item_of_a_feed_or_mailbox_is_an_article_and_a_broken_feed_is_reported() {
    let f = collections();
    let stats = f.stats();
    assert_eq!(stats.seen, 8, "{stats:?}");
    assert_eq!(stats.failed, 1, "{stats:?}");
    // 3 + 2 + 2 + 2 entries, 3 + 3 messages, one text file.
    assert_eq!(stats.articles, 16, "{stats:?}");
    let items = f.list(&[]);
    assert_eq!(items.len(), 16);
    assert_eq!(
        titles_of(&items, "feeds/rss2.rss"),
        [
            "Dredging of the north basin delayed by a month",
            "Ferry operator adds a night crossing to Tarnholm",
            "Pilot boats get new radios",
        ]
    );
    let ferry = items
        .iter()
        .find(|i| i.title.starts_with("Ferry operator"))
        .unwrap();
    assert!(ferry.id.starts_with("feeds/rss2#"), "{}", ferry.id);
    assert_eq!(ferry.source.as_deref(), Some("Harbour Desk Wire"));
    assert_eq!(ferry.date.as_deref(), Some("2025-03-04"));
    assert_eq!(
        titles_of(&items, "mail/bad-boundary.mbox"),
        [
            "Grain silo fire put out overnight",
            "Lock gates repaired ahead of schedule",
            "Pier lights switched to LED",
        ]
    );
    assert_eq!(titles_of(&items, "feeds/jsonfeed.json").len(), 2);
    assert_eq!(titles_of(&items, "feeds/atom.atom").len(), 2);
    assert_eq!(titles_of(&items, "feeds/rss1.rdf").len(), 2);

    // The broken feed: named with the parser's reason; the rest indexed.
    let out = f.run(&["check"]);
    assert!(!out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("feeds/malformed.xml: not a readable feed: ")),
        "{text}"
    );
    assert!(!text.contains("rss2.rss:"), "{text}");
}

#[test]
fn an_item_shows_its_text_and_its_own_source() {
    let f = collections();
    let items = f.list(&[]);
    let ferry = items
        .iter()
        .find(|i| i.title.starts_with("Ferry operator"))
        .unwrap();
    let shown = f.ok(&["show", &ferry.id]);
    assert!(shown.contains("night crossing"), "{shown}");
    assert!(!shown.contains("radios"), "another item's text: {shown}");
    let raw = f.ok(&["show", &ferry.id, "--raw"]);
    // The item's own element in the feed's envelope, not the other items.
    assert!(
        raw.contains("<guid isPermaLink=\"false\">harbour-desk-0001</guid>"),
        "{raw}"
    );
    assert!(raw.contains("<title>Harbour Desk Wire</title>"), "{raw}");
    assert!(!raw.contains("Pilot boats get new radios"), "{raw}");

    let fog = items
        .iter()
        .find(|i| i.title == "Fog closes the outer channel")
        .unwrap();
    let raw = f.ok(&["show", &fog.id, "--raw"]);
    assert!(raw.contains("Fog closed the outer channel"), "{raw}");
    assert!(!raw.contains("Tug crews"), "{raw}");
    let json: serde_json::Value =
        serde_json::from_str(&f.ok(&["show", &fog.id, "--json"])).unwrap();
    assert_eq!(json["source"], "Harbour Letter");
    assert_eq!(json["encoding"], "UTF-8");
}

#[test]
fn an_item_that_leaves_its_feed_leaves_the_index_and_its_marks_are_kept() {
    let f = collections();
    f.stats();
    let items = f.list(&[]);
    let id_of = |items: &[ListItem], title: &str| {
        items
            .iter()
            .find(|i| i.title == title)
            .map(|i| i.id.clone())
    };
    let dredging = id_of(&items, "Dredging of the north basin delayed by a month").unwrap();
    let ferry = id_of(&items, "Ferry operator adds a night crossing to Tarnholm").unwrap();
    f.ok(&["bookmark", &dredging]);
    f.ok(&["read", &ferry]);

    // The dredging item leaves the feed; the ferry item is rewritten.
    let feed = fixture("feeds/rss2.rss");
    let start = feed.find("    <item>\n      <title>Dredging").unwrap();
    let end = start + feed[start..].find("</item>\n").unwrap() + "</item>\n".len();
    let mut edited = format!("{}{}", &feed[..start], &feed[end..]);
    edited = edited.replace("from April", "from the first of April");
    f.write("feeds/rss2.rss", &edited);
    let stats = f.stats();
    assert_eq!((stats.updated, stats.failed), (1, 1), "{stats:?}");
    assert_eq!(stats.articles, 15, "{stats:?}");

    let items = f.list(&[]);
    assert_eq!(
        id_of(&items, "Dredging of the north basin delayed by a month"),
        None
    );
    // Same guid, same id: the rewritten item keeps its read mark.
    let after = items.iter().find(|i| i.id == ferry).unwrap();
    assert!(after.read);
    assert!(f.ok(&["show", &ferry]).contains("from the first of April"));
    // The bookmark of the item that left is kept in the state.
    let check = String::from_utf8(f.run(&["check"]).stdout).unwrap();
    assert!(
        check.contains(&format!("state kept for missing article `{dredging}`")),
        "{check}"
    );

    // Back in the feed: the same id, bookmarked as before.
    f.write("feeds/rss2.rss", &feed);
    f.stats();
    let items = f.list(&[]);
    let back = items.iter().find(|i| i.id == dredging).unwrap();
    assert!(back.bookmarked);
    assert_eq!(items.len(), 16);

    // The whole feed leaving takes its items with it.
    std::fs::remove_file(f.briefs.join("feeds/rss2.rss")).unwrap();
    let stats = f.stats();
    assert_eq!(stats.articles, 13, "{stats:?}");
    assert!(f.list(&[]).iter().all(|i| i.path != "feeds/rss2.rss"));
}

#[test]
fn an_unchanged_feed_is_not_read_again_and_a_touched_one_keeps_its_items() {
    let f = collections();
    f.stats();
    let before = f.list(&[]);
    let second = f.stats();
    assert_eq!(second.unchanged, 7, "{second:?}");
    // New mtime, same bytes.
    std::thread::sleep(std::time::Duration::from_millis(20));
    f.write("mail/digest.mbox", &fixture("mail/digest.mbox"));
    let third = f.stats();
    assert_eq!((third.updated, third.unchanged), (0, 7), "{third:?}");
    assert_eq!(f.list(&[]), before);
}

#[test]
fn a_message_that_is_not_one_is_reported_and_the_rest_of_the_mailbox_indexed() {
    let f = Fixture::new();
    let mut mbox = fixture("mail/digest.mbox");
    mbox.push_str("From nobody Thu Mar  6 08:00:00 2025\njust some words, no headers at all\n");
    f.write("digest.mbox", &mbox);
    let stats = f.stats();
    assert_eq!((stats.articles, stats.failed), (3, 0), "{stats:?}");
    let out = f.run(&["check", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{json}");
    assert_eq!(warnings[0]["path"], "digest.mbox");
    assert_eq!(warnings[0]["line"], 26);
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("message not read: not an e-mail message"),
        "{json}"
    );
}
