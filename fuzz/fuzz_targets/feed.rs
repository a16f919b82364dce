//! Feeds: any bytes give a feed's entries or the parser's reason, never a
//! panic; every entry has a title and an id of its file; its place in the
//! file gives back a source; read again knowing every entry, each keeps
//! its key and none is extracted again (the ids an update relies on).
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;

use brief::ingest::{IngestRules, collection};

fuzz_target!(|input: (bool, &[u8])| {
    let (json, bytes) = input;
    let path = if json { "fuzz/feed.json" } else { "fuzz/feed.xml" };
    let rules = IngestRules::default();
    let Ok(read) = collection::read(path, bytes, &rules, &HashMap::new()) else {
        return;
    };
    for item in &read.items {
        let a = item.article.as_ref().expect("nothing was known: all extracted");
        assert!(!a.title.is_empty());
        assert!(a.id.starts_with("fuzz/feed#"), "{}", a.id);
        assert!(item.start <= item.end);
        if item.end > item.start {
            assert!(collection::item_source(path, bytes, item.start, item.end).is_some());
        }
    }
    let known: HashMap<String, String> = read
        .items
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    if known.len() < read.items.len() {
        return; // two entries alike: only one of them is known by its hash
    }
    let again = collection::read(path, bytes, &rules, &known).expect("read once, read again");
    assert_eq!(again.items.len(), read.items.len());
    for (a, b) in read.items.iter().zip(&again.items) {
        assert_eq!(a.key, b.key);
        assert!(b.article.is_none());
    }
});
