//! The feed and mail readers on damaged input, a bounded number of cases
//! on every test run (the fuzz targets `feed` and `mail` search longer):
//! our fixtures with random bytes replaced, inserted and cut, and plain
//! random bytes. Whatever comes in, an item list or a reason, never a
//! panic; every item has a title and an id of its file, and read again
//! knowing every item, each keeps its key and none is extracted again.

use brief::ingest::collection;
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

/// What holds for any collection file: the library's own statement of
/// it, which the fuzz targets check too.
fn check_collection(path: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    collection::check_invariants(path, bytes).map_err(TestCaseError::fail)
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
            collection::check_message_invariants(rel, &bytes).map_err(TestCaseError::fail)?;
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
        collection::check_message_invariants("noise/letter.eml", &bytes)
            .map_err(TestCaseError::fail)?;
    }
}
