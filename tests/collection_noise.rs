//! The feed and mail readers on damaged input, a bounded number of cases
//! on every test run (the fuzz targets `feed` and `mail` search longer):
//! our fixtures with random bytes replaced, inserted and cut, and plain
//! random bytes. Whatever comes in, an item list or a reason, never a
//! panic; every item has a title and an id of its file, and read again
//! knowing every item, each keeps its key and none is extracted again.

use std::collections::HashMap;

use brief::ingest::{IngestRules, collection, parse_article};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

const FEEDS: &[&str] = &[
    "feeds/rss2.rss",
    "feeds/atom.atom",
    "feeds/jsonfeed.json",
    "feeds/rss1.rdf",
    "feeds/malformed.xml",
];
const MAIL: &[&str] = &[
    "mail/digest.mbox",
    "mail/bad-boundary.mbox",
    "mail/newsletter.eml",
    "mail/latin1-qp.eml",
];

/// (where, byte, what): 0 replaces, 1 inserts, 2 cuts a run up to the byte.
type Edit = (usize, u8, u8);

fn damaged(rel: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = std::fs::read(format!("{FIXTURES}{rel}")).unwrap();
    for &(at, byte, what) in edits {
        let at = at % (bytes.len() + 1);
        match what {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                let end = (at + usize::from(byte)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 0..12)
}

/// What holds for any collection file: see the module comment.
fn check_collection(path: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let rules = IngestRules::default();
    let Ok(read) = collection::read(path, bytes, &rules, &HashMap::new()) else {
        return Ok(());
    };
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    for item in &read.items {
        let a = item.article.as_ref().expect("nothing known: all extracted");
        prop_assert!(!a.title.is_empty());
        prop_assert!(a.id.starts_with(&format!("{stem}#")), "{}", a.id);
        prop_assert!(item.start <= item.end);
        // Never a panic; a feed entry found in the file gives its source
        // (a message's may be binary, which is not shown).
        let source = collection::item_source(path, bytes, item.start, item.end);
        if !path.ends_with(".mbox") && item.end > item.start {
            prop_assert!(source.is_some());
        }
    }
    let known: HashMap<String, String> = read
        .items
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    if known.len() < read.items.len() {
        return Ok(()); // two items alike: only one is known by its hash
    }
    let again = collection::read(path, bytes, &rules, &known);
    prop_assert!(again.is_ok(), "read once, not again: {again:?}");
    let again = again.unwrap();
    prop_assert_eq!(again.items.len(), read.items.len());
    for (a, b) in read.items.iter().zip(&again.items) {
        prop_assert_eq!(&a.key, &b.key);
        prop_assert!(b.article.is_none());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn a_damaged_feed_gives_items_or_a_reason(which in 0..FEEDS.len(), edits in edits()) {
        let rel = FEEDS[which];
        check_collection(rel, &damaged(rel, &edits))?;
    }

    #[test]
    fn a_damaged_mailbox_or_message_gives_items_or_a_reason(
        which in 0..MAIL.len(),
        edits in edits(),
    ) {
        let rel = MAIL[which];
        let bytes = damaged(rel, &edits);
        if rel.ends_with(".eml") {
            if let Ok(a) = parse_article(rel, &bytes, &IngestRules::default()) {
                prop_assert!(!a.title.is_empty());
            }
            // The same message as the only one of a mailbox.
            let mut boxed = b"From someone Mon Mar  3 08:00:00 2025\n".to_vec();
            boxed.extend_from_slice(&bytes);
            check_collection("mail/one.mbox", &boxed)?;
        } else {
            check_collection(rel, &bytes)?;
        }
    }

    #[test]
    fn random_bytes_give_items_or_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for path in ["noise/feed.xml", "noise/feed.json", "noise/box.mbox"] {
            check_collection(path, &bytes)?;
        }
        let _ = parse_article("noise/letter.eml", &bytes, &IngestRules::default());
    }
}
