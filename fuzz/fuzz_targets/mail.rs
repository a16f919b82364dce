//! E-mail: any bytes as an `.eml` give an article or an error; as an mbox,
//! messages or the reason, never a panic; every message has a title, an id
//! of its file, and keeps its key when read again knowing it.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;

use brief::ingest::{IngestRules, collection, parse_article};

fuzz_target!(|bytes: &[u8]| {
    let rules = IngestRules::default();
    if let Ok(a) = parse_article("fuzz/letter.eml", bytes, &rules) {
        assert!(!a.title.is_empty());
        assert_eq!(a.id, "fuzz/letter");
    }
    let path = "fuzz/box.mbox";
    let Ok(read) = collection::read(path, bytes, &rules, &HashMap::new()) else {
        return;
    };
    for item in &read.items {
        let a = item.article.as_ref().expect("nothing was known: all extracted");
        assert!(!a.title.is_empty());
        assert!(a.id.starts_with("fuzz/box#"), "{}", a.id);
        // None only for a message that is not text (binary bytes).
        if let Some(source) = collection::item_source(path, bytes, item.start, item.end) {
            assert!(!source.is_empty());
        }
    }
    let known: HashMap<String, String> = read
        .items
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    if known.len() < read.items.len() {
        return;
    }
    let again = collection::read(path, bytes, &rules, &known).expect("read once, read again");
    assert_eq!(again.items.len(), read.items.len());
    for (a, b) in read.items.iter().zip(&again.items) {
        assert_eq!(a.key, b.key);
        assert!(b.article.is_none());
    }
});
