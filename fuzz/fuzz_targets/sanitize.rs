//! The sanitiser's promises, checked on any text: nothing that can drive a
//! terminal survives, and sanitising again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::text::{is_terminal_safe, sanitize, sanitize_line};

fuzz_target!(|text: &str| {
    let once = sanitize(text);
    assert!(is_terminal_safe(&once, true), "{once:?}");
    assert_eq!(sanitize(&once), once, "not idempotent");
    let line = sanitize_line(text);
    assert!(is_terminal_safe(&line, false), "{line:?}");
    assert_eq!(sanitize_line(&line), line, "line form not idempotent");
});
