//! Article text comes from scraped pages nobody vetted. Anything that could
//! drive the terminal (escape sequences, C0/C1 controls) or reorder what the
//! reader sees (bidi overrides) is turned into a visible placeholder, so the
//! reader sees that something was there and the terminal never acts on it.

use unicode_width::UnicodeWidthChar;

/// Columns between tab stops when a tab is expanded.
const TAB_STOP: usize = 4;

/// Neutralises control characters, escape sequences and bidi overrides.
/// Newlines are kept (a `\r\n` pair becomes `\n`), tabs become spaces up to
/// the next tab stop, every other control becomes a visible placeholder.
///
/// Guarantees, for any input (property-tested in `sanitize_props.rs`,
/// fuzzed by `fuzz/fuzz_targets/sanitize.rs`):
/// - the output holds no control character (Unicode `Cc`: C0, DEL, C1)
///   other than `\n`, and no bidi embedding, override or isolate
///   (U+202A–202E, U+2066–2069): [`is_terminal_safe`]`(out, true)`;
/// - it is idempotent: `sanitize(sanitize(x)) == sanitize(x)`;
/// - text holding none of those (and no tab) comes back unchanged;
/// - nothing is dropped silently: each control but CR-before-LF and tab
///   becomes a visible placeholder (␛, ␀..␟, ␡, `<RLO>`...).
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            _ => {}
        }
        let start = out.len();
        push_visible(&mut out, c);
        column += out[start..]
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum::<usize>();
    }
    out
}

/// Like [`sanitize`], for one-line fields (titles, tags, names): line breaks
/// become single spaces.
///
/// Guarantees: [`is_terminal_safe`]`(out, false)` (not even `\n`), no
/// leading or trailing whitespace and no two spaces in a row; idempotent;
/// text already so (no controls, no bidi controls, trimmed, single-spaced)
/// comes back unchanged.
pub fn sanitize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in sanitize(text).chars() {
        let c = if c == '\n' { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out.trim().to_string()
}

/// What the sanitisers promise about their output: no control character
/// (C0, DEL, C1; newline only when `newlines` is true) and no bidi
/// embedding, override or isolate. Tests and the fuzz target check
/// [`sanitize`] and [`sanitize_line`] against it.
pub fn is_terminal_safe(text: &str, newlines: bool) -> bool {
    text.chars()
        .all(|c| (!c.is_control() || (newlines && c == '\n')) && bidi_name(c).is_none())
}

/// JSON made safe to print on a terminal without changing what it means:
/// serde escapes C0 controls but writes DEL, the C1 controls (which a
/// terminal in UTF-8 mode may obey: U+009B is CSI) and bidi controls raw,
/// so those become `\uXXXX` escapes. They can only occur inside strings.
pub fn escape_json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if (c.is_control() && c != '\n') || bidi_name(c).is_some() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn push_visible(out: &mut String, c: char) {
    let code = c as u32;
    match code {
        // ESC: the rest of an escape sequence is printable, so showing ESC
        // as ␛ turns `\x1b[31m` into the harmless text `␛[31m`.
        0x1b => out.push('␛'),
        // Other C0 controls: the Unicode control pictures ␀..␟.
        0x00..=0x1f => out.push(char::from_u32(0x2400 + code).unwrap_or('?')),
        0x7f => out.push('␡'),
        // C1 controls are the 8-bit forms of ESC + a letter (0x9b is CSI,
        // ESC [), shown the same way.
        0x80..=0x9f => {
            out.push('␛');
            out.push(char::from_u32(code - 0x40).unwrap_or('?'));
        }
        _ => match bidi_name(c) {
            Some(name) => {
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
            None => out.push(c),
        },
    }
}

/// Explicit embeddings, overrides and isolates: they reorder the text
/// around them (the "Trojan Source" trick), so they are never passed on.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "LRE",
        '\u{202b}' => "RLE",
        '\u{202c}' => "PDF",
        '\u{202d}' => "LRO",
        '\u{202e}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

#[cfg(test)]
#[path = "sanitize_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn has_no_controls(s: &str) -> bool {
        is_terminal_safe(s, true)
    }

    fn bidi_free(s: &str) -> bool {
        s.chars().all(|c| bidi_name(c).is_none())
    }

    #[test]
    fn escape_sequences_become_visible_text() {
        let s = sanitize("red \x1b[31mALERT\x1b[0m end");
        assert_eq!(s, "red ␛[31mALERT␛[0m end");
        assert!(has_no_controls(&s));
    }

    #[test]
    fn osc_title_sequence_is_neutralised() {
        let s = sanitize("\x1b]0;pwned\x07text");
        assert_eq!(s, "␛]0;pwned␇text");
    }

    #[test]
    fn c1_csi_is_shown_as_esc_bracket() {
        let s = sanitize("a\u{9b}2Jb");
        assert_eq!(s, "a␛[2Jb");
        assert!(has_no_controls(&s));
    }

    #[test]
    fn bidi_overrides_and_isolates_are_visible() {
        let s = sanitize("abc\u{202e}fed\u{202c} \u{2066}x\u{2069}");
        assert_eq!(s, "abc<RLO>fed<PDF> <LRI>x<PDI>");
        assert!(bidi_free(&s));
    }

    #[test]
    fn newlines_kept_crlf_folded_lone_cr_shown() {
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb␍c");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("ab\tx"), "ab  x");
        assert_eq!(sanitize("a\nabcd\tx"), "a\nabcd    x");
    }

    #[test]
    fn nul_del_and_bell_are_pictures() {
        assert_eq!(sanitize("\0\x7f\x07"), "␀␡␇");
    }

    #[test]
    fn plain_text_and_unicode_pass_through() {
        let t = "Seoul 서울 — 東京 café 👍🏽";
        assert_eq!(sanitize(t), t);
    }

    #[test]
    fn json_for_a_terminal_escapes_c1_del_and_bidi_and_means_the_same() {
        let value = serde_json::json!({"title": "a\u{9b}2J\u{7f}\u{202e}b\u{1b}c"});
        let json = serde_json::to_string_pretty(&value).unwrap();
        let safe = escape_json_for_terminal(&json);
        assert!(is_terminal_safe(&safe, true), "{safe}");
        assert!(
            safe.contains("\\u009b") && safe.contains("\\u202e"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn one_line_fields_fold_newlines() {
        assert_eq!(sanitize_line(" Two\nlines \x1b[1m "), "Two lines ␛[1m");
    }
}
