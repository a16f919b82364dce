//! The folding entity keys use (one rule for the index, the highlighter
//! and the keys: `text::fold_key`), and hashtag camel case.

pub use crate::text::fold_key;

/// `fold_key` of one word, borrowed where folding would not change it (a
/// lower-case ASCII word, most of prose).
pub fn fold_word(w: &str) -> std::borrow::Cow<'_, str> {
    if !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(fold_key(w))
    }
}

/// `s` with every stretch of white space (a line break inside a name) read
/// as one space; without allocating twice for the common name already
/// written so.
pub fn one_line(s: &str) -> String {
    let mut spaced = false;
    let plain = s.bytes().all(|b| {
        let ok = !(b == b'\n' || b == b'\t' || b == b'\r' || (b == b' ' && spaced) || b >= 0x80);
        spaced = b == b' ';
        ok
    }) && !s.starts_with(' ')
        && !s.ends_with(' ');
    if plain {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `SecurityCouncil` → `Security Council`, `UNSecurityCouncil` →
/// `UN Security Council`, `NorthKorea2024` → `North Korea 2024`.
pub fn split_camel(tag: &str) -> String {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = String::with_capacity(tag.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            let prev = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let lower_to_upper = prev.is_lowercase() && c.is_uppercase();
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digit_edge = prev.is_alphanumeric()
                && c.is_alphanumeric()
                && prev.is_alphabetic() != c.is_alphabetic()
                && !(prev.is_uppercase() && c.is_ascii_digit());
            if c == '_' {
                out.push(' ');
                continue;
            }
            if lower_to_upper || acronym_end || digit_edge {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_reads_any_white_space_as_one_space() {
        for s in [
            "Bank of Korea",
            "Secretary James\nBaker",
            "A  B",
            " Oslo ",
            "Jos\u{e9}\u{a0}Maria",
            "X\r\n\tY",
            "",
        ] {
            assert_eq!(
                one_line(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn camel_case_hashtags_split_into_words() {
        assert_eq!(split_camel("SecurityCouncil"), "Security Council");
        assert_eq!(split_camel("UNSecurityCouncil"), "UN Security Council");
        assert_eq!(split_camel("China"), "China");
        assert_eq!(split_camel("G20Summit"), "G20 Summit");
        assert_eq!(split_camel("north_korea"), "north korea");
    }
}
