//! The query language, strict and as typed: any text gives a query or an
//! error pointing inside the text; a query's highlights find well-formed
//! ranges in any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::query::{QueryError, find_highlights, parse, parse_as_typed};

fn check_error(input: &str, e: &QueryError) {
    let len = input.chars().count();
    assert!(
        (1..=len + 1).contains(&e.column),
        "column {} outside 1..={} for {input:?}",
        e.column,
        len + 1
    );
    let _ = e.pointer(input);
}

fuzz_target!(|input: &str| {
    // The query is the first line; the rest is text to highlight in.
    let (query, text) = input.split_once('\n').unwrap_or((input, input));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("a real day");
    for result in [parse(query, today), parse_as_typed(query, today)] {
        match result {
            Ok(q) => {
                let ranges = find_highlights(text, &q.highlights());
                let mut end = 0;
                for r in ranges {
                    assert!(r.start >= end && r.start < r.end && r.end <= text.len());
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    end = r.end;
                }
            }
            Err(e) => check_error(query, &e),
        }
    }
});
