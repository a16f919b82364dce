//! The folding entity keys use (one rule for the index, the highlighter
//! and the keys: `text::fold_key`), and hashtag camel case.

pub use crate::text::fold_key;

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
    fn camel_case_hashtags_split_into_words() {
        assert_eq!(split_camel("SecurityCouncil"), "Security Council");
        assert_eq!(split_camel("UNSecurityCouncil"), "UN Security Council");
        assert_eq!(split_camel("China"), "China");
        assert_eq!(split_camel("G20Summit"), "G20 Summit");
        assert_eq!(split_camel("north_korea"), "north korea");
    }
}
