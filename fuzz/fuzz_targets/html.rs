//! Saved web pages: any bytes give an article or an error, never a panic;
//! a page's links are all absolute addresses.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::ingest::{IngestRules, html, parse_article};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(article) = parse_article("fuzz/page.html", bytes, &IngestRules::default()) {
        assert!(!article.title.is_empty());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let page = html::extract(text, &IngestRules::default());
        for link in &page.links {
            assert!(link.url.contains(':'), "{}", link.url);
        }
    }
});
