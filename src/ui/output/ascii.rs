//! Bringing a cell's symbol down to ASCII for a terminal whose locale is
//! not UTF-8 (`LANG=C`, or no LANG because sshd did not pass it): such a
//! terminal shows the bytes of `…` or `│` as two or three wrong characters
//! and the screen falls apart. The theme already picks ASCII borders and
//! markers; this is the last line for anything else (an article's own
//! punctuation, a letter with an accent), with the same width so the
//! cells after it stay where ratatui thinks they are.

use unicode_width::UnicodeWidthStr;

/// An ASCII stand-in as wide as `symbol`.
pub fn fold(symbol: &str) -> std::borrow::Cow<'_, str> {
    if symbol.is_ascii() {
        return symbol.into();
    }
    let width = symbol.width();
    let mut chars = symbol.chars();
    let first = chars.next().unwrap_or(' ');
    let one = fold_char(first);
    match width {
        0 => "".into(),
        1 => one.to_string().into(),
        n => "?".repeat(n).into(),
    }
}

fn fold_char(c: char) -> char {
    match c {
        '─' | '━' | '┄' | '┈' | '═' | '–' | '—' | '‐' | '‑' | '−' => '-',
        '│' | '┃' | '┆' | '┊' | '║' => '|',
        '╭' | '╮' | '╯' | '╰' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╔' | '╗'
        | '╚' | '╝' => '+',
        '…' | '·' | '•' | '∙' => '.',
        '★' | '☆' | '●' | '○' | '◆' | '■' => '*',
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' | '«' | '»' => '"',
        '▲' | '↑' => '^',
        '▼' | '↓' => 'v',
        '→' | '›' => '>',
        '←' | '‹' => '<',
        '\u{a0}' => ' ',
        c => latin(c).unwrap_or('?'),
    }
}

/// The base letter of a Latin letter with an accent (U+00C0–U+017F).
fn latin(c: char) -> Option<char> {
    const TABLE: &str = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYPsaaaaaaaceeeeiiiidnooooo/ouuuuypy\
                         AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    let i = (c as u32).checked_sub(0xC0)? as usize;
    TABLE.chars().nth(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_become_ascii_of_the_same_width() {
        assert_eq!(fold("a"), "a");
        assert_eq!(fold("…"), ".");
        assert_eq!(fold("│"), "|");
        assert_eq!(fold("é"), "e");
        assert_eq!(fold("Ž"), "Z");
        assert_eq!(fold("ß"), "s");
        assert_eq!(fold("中"), "??");
        assert_eq!(fold("\u{301}"), "");
        for s in ["★", "●", "·", "╰", "—", "€"] {
            let f = fold(s);
            assert!(f.is_ascii() && f.len() == 1, "{s} → {f}");
        }
    }
}
