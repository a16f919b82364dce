//! Fitting text to columns. Widths are display widths of grapheme clusters
//! (CJK, Hangul and emoji take two columns, combining marks none), which is
//! how the terminal and ratatui lay out cells.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on screen.
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Cuts `text` to at most `width` columns, marking a cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Wraps at word boundaries to `width` display columns. Source line breaks
/// are kept; a word longer than a line is broken between graphemes; CJK
/// text (no spaces) may break between any two ideographs.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if width == 0 {
            out.push(String::new());
            continue;
        }
        wrap_line(line, width, &mut out);
    }
    out
}

/// A piece that is never split unless it alone is wider than a line.
enum Unit<'a> {
    Space(&'a str),
    Word(String),
}

/// A single wide grapheme (a Han character, an emoji): a break is allowed
/// on either side of it, as CJK text has no spaces.
fn breaks_freely(token: &str) -> bool {
    let mut gs = token.graphemes(true);
    matches!((gs.next(), gs.next()), (Some(g), None) if g.width() >= 2)
}

fn units(line: &str) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut last_free = false;
    for token in line.split_word_bounds() {
        if token.chars().all(char::is_whitespace) {
            units.push(Unit::Space(token));
            last_free = false;
            continue;
        }
        let free = breaks_freely(token);
        match units.last_mut() {
            // Glue punctuation to its word: "end." must not break before ".".
            Some(Unit::Word(w)) if !free && !last_free => w.push_str(token),
            _ => units.push(Unit::Word(token.to_string())),
        }
        last_free = free;
    }
    units
}

fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut used = 0usize;
    let mut wrapped = false;
    let flush = |current: &mut String, used: &mut usize, out: &mut Vec<String>| {
        out.push(current.trim_end().to_string());
        current.clear();
        *used = 0;
    };
    for unit in units(line) {
        match unit {
            Unit::Space(s) => {
                let w = display_width(s);
                if current.is_empty() && wrapped {
                    continue; // no leading space on a continuation line
                }
                if used + w <= width {
                    current.push_str(s);
                    used += w;
                } else {
                    flush(&mut current, &mut used, out);
                    wrapped = true;
                }
            }
            Unit::Word(word) => {
                let w = display_width(&word);
                if used + w <= width {
                    current.push_str(&word);
                    used += w;
                    continue;
                }
                if !current.trim_end().is_empty() {
                    flush(&mut current, &mut used, out);
                    wrapped = true;
                } else {
                    current.clear();
                    used = 0;
                }
                if w <= width {
                    current.push_str(&word);
                    used = w;
                    continue;
                }
                for g in word.graphemes(true) {
                    let gw = g.width();
                    if used + gw > width && !current.is_empty() {
                        flush(&mut current, &mut used, out);
                        wrapped = true;
                    }
                    current.push_str(g);
                    used += gw;
                }
            }
        }
    }
    out.push(current.trim_end().to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[String]) -> Vec<usize> {
        lines.iter().map(|l| display_width(l)).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
    }

    #[test]
    fn keeps_source_lines_and_blank_lines() {
        assert_eq!(wrap("a b\n\nc", 10), vec!["a b", "", "c"]);
    }

    #[test]
    fn punctuation_stays_with_its_word() {
        assert_eq!(wrap("aaaa bbbb.", 9), vec!["aaaa", "bbbb."]);
    }

    #[test]
    fn long_word_is_broken_by_graphemes() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn cjk_counts_two_columns_and_breaks_between_ideographs() {
        let lines = wrap("東京都の天気は晴れです", 8);
        assert!(lines.len() > 1);
        assert!(widths(&lines).iter().all(|&w| w <= 8), "{lines:?}");
        assert_eq!(lines.concat(), "東京都の天気は晴れです");
        assert_eq!(display_width("東京"), 4);
    }

    #[test]
    fn hangul_words_wrap_at_spaces() {
        let lines = wrap("서울 날씨 맑음", 9);
        assert_eq!(lines, vec!["서울 날씨", "맑음"]);
        assert_eq!(widths(&lines), vec![9, 4]);
    }

    #[test]
    fn emoji_are_two_columns_and_never_split() {
        let text = "go 👍🏽 team 👨‍👩‍👧 now";
        for width in 2..12 {
            let lines = wrap(text, width);
            assert!(
                widths(&lines).iter().all(|&w| w <= width),
                "{width}: {lines:?}"
            );
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
        assert_eq!(display_width("👍🏽"), 2);
    }

    #[test]
    fn combining_marks_take_no_column() {
        let e = "e\u{301}";
        assert_eq!(display_width(e), 1);
        let lines = wrap("cafe\u{301} cafe\u{301}", 5);
        assert_eq!(lines, vec!["cafe\u{301}", "cafe\u{301}"]);
    }

    #[test]
    fn no_line_exceeds_width_for_mixed_text() {
        let text = "Officials in 서울 met 東京 delegates 🎉 to discuss a ver\u{301}y long-running agreement.";
        for width in 2..40 {
            for l in wrap(text, width) {
                assert!(display_width(&l) <= width, "{width}: {l:?}");
            }
        }
    }

    #[test]
    fn zero_width_does_not_loop() {
        assert_eq!(wrap("abc\ndef", 0), vec!["", ""]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("headline", 5), "head…");
        assert_eq!(truncate("東京東京", 5), "東京…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
    }
}
