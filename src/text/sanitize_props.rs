//! Property tests of the sanitisers' guarantees, on text weighted towards
//! what attacks a terminal: ESC, C0 and C1 controls, CR, tabs and bidi
//! controls mixed into ordinary and wide characters.

use proptest::prelude::*;

use super::{bidi_name, is_terminal_safe, sanitize, sanitize_line};

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::char::range('\u{0}', '\u{9f}'),
        1 => prop::sample::select(vec![
            '\x1b', '\r', '\n', '\t', '\x08', '\x07', '\x7f', '\u{9b}', '\u{9d}', '\u{90}',
            '\u{9c}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', ' ', '[', ']', ';',
            '서', '👍', '\u{301}', '\u{200b}', '\u{2028}', '\u{feff}',
        ]),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

/// Text with nothing for the sanitiser to change.
fn printable_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        any::<char>().prop_filter("printable", |c| !c.is_control() && bidi_name(*c).is_none()),
        0..80,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn sanitized_text_has_no_control_but_newline(text in hostile_text()) {
        let out = sanitize(&text);
        prop_assert!(is_terminal_safe(&out, true), "{:?} -> {:?}", text, out);
    }

    #[test]
    fn sanitized_line_has_no_control_at_all(text in hostile_text()) {
        let out = sanitize_line(&text);
        prop_assert!(is_terminal_safe(&out, false), "{:?} -> {:?}", text, out);
        prop_assert!(!out.contains("  ") && out.trim() == out, "{:?}", out);
    }

    #[test]
    fn sanitizing_is_idempotent(text in hostile_text()) {
        let once = sanitize(&text);
        prop_assert_eq!(sanitize(&once), once);
        let line = sanitize_line(&text);
        prop_assert_eq!(sanitize_line(&line), line);
    }

    #[test]
    fn printable_text_passes_through_unchanged(text in printable_text()) {
        prop_assert_eq!(sanitize(&text), text.clone());
        // One-line form: the same text once trimmed and single-spaced.
        let single: String = text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if single.trim() == single {
            prop_assert_eq!(sanitize_line(&single), single);
        }
    }

    #[test]
    fn escapes_are_never_dropped_silently(text in hostile_text()) {
        // Every ESC and C1 control leaves a visible ␛.
        let escapes = text.chars().filter(|c| *c == '\x1b' || ('\u{80}'..='\u{9f}').contains(c)).count();
        let shown = sanitize(&text).matches('␛').count();
        prop_assert!(shown >= escapes, "{:?}", text);
    }
}
