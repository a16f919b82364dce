//! The whole ingest: a path and any bytes give an article or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::ingest::{IngestRules, parse_article};

fuzz_target!(|input: (bool, &[u8])| {
    let (markdown, bytes) = input;
    let path = if markdown { "fuzz/2024-03-01-case.md" } else { "fuzz/case.txt" };
    if let Ok(article) = parse_article(path, bytes, &IngestRules::default()) {
        assert!(!article.title.is_empty());
        assert!(!article.id.is_empty());
    }
});
