//! Front matter: any text, split and parsed, must give a front matter, a
//! body or an error, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((_, body)) = brief::ingest::split_front_matter(text) {
        // The body is a tail of the input, never invented text.
        assert!(text.ends_with(body));
    }
});
