//! Feeds: any bytes hold what `collection::check_invariants` says (items
//! or the parser's reason, never a panic; titles, ids of the file, sources
//! found, keys kept when read again), as RSS/Atom and as a JSON Feed.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::ingest::collection;

fuzz_target!(|input: (bool, &[u8])| {
    let (json, bytes) = input;
    let path = if json { "fuzz/feed.json" } else { "fuzz/feed.xml" };
    if let Err(broken) = collection::check_invariants(path, bytes) {
        panic!("{path}: {broken}");
    }
});
