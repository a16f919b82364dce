//! E-mail: any bytes hold what `collection::check_message_invariants` says
//! as an `.eml` (an article with a title and the file's id, or an error)
//! and what `collection::check_invariants` says as an mbox (messages or
//! the reason, never a panic; keys kept when read again).
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::ingest::collection;

fuzz_target!(|bytes: &[u8]| {
    if let Err(broken) = collection::check_message_invariants("fuzz/letter.eml", bytes) {
        panic!("fuzz/letter.eml: {broken}");
    }
    if let Err(broken) = collection::check_invariants("fuzz/box.mbox", bytes) {
        panic!("fuzz/box.mbox: {broken}");
    }
});
