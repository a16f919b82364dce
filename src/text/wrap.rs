//! Fitting text to columns. Widths are display widths of grapheme clusters
//! (CJK, Hangul and emoji take two columns, combining marks none), which is
//! how the terminal and ratatui lay out cells.

use std::ops::Range;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
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

/// Wraps to `width` display columns where UAX #14 allows a break: at
/// spaces, after a hyphen or a slash, between ideographs, never before
/// closing punctuation (`」`, `。`, `.`). Source line breaks are kept; a
/// piece wider than a line is broken between graphemes.
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

/// UAX #14 line breaking from ICU4X's compiled data. Thai, Lao, Khmer and
/// Burmese need a dictionary to find words; without it (megabytes of data
/// for scripts briefings rarely hold) they break where UAX #14 alone says.
const LINES: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());

/// Korean is set with spaces between words and a word kept whole, as
/// Korean typesetting does (CSS `keep-all`); UAX #14 alone would break
/// between any two syllables.
fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{D7B0}'..='\u{D7FF}')
}

/// The line cut where a break is allowed: each piece is its text and the
/// spaces after it. With `whole` ranges (web addresses), no cut inside
/// them.
fn pieces<'a>(line: &'a str, whole: &'a [Range<usize>]) -> impl Iterator<Item = &'a str> + 'a {
    let mut last = 0;
    LINES.segment_str(line).filter_map(move |at| {
        let inside_hangul = line[..at].chars().next_back().is_some_and(is_hangul)
            && line[at..].chars().next().is_some_and(is_hangul);
        let inside_whole = whole.iter().any(|r| r.start < at && at < r.end);
        if at == 0 || inside_hangul || inside_whole {
            return None;
        }
        let piece = &line[last..at];
        last = at;
        Some(piece)
    })
}

/// Where the web addresses of `line` are: each stays whole on a line when
/// it fits, so the terminal still finds it and a reader sees it at once;
/// only one wider than the line is cut, after a `/` where UAX #14 allows.
fn address_spans(line: &str) -> Vec<Range<usize>> {
    if !line.contains("://") {
        return Vec::new();
    }
    let mut spans = Vec::new();
    let mut from = 0;
    for url in super::urls::find_urls(line) {
        if let Some(i) = line[from..].find(url.as_str()) {
            spans.push(from + i..from + i + url.len());
            from += i + url.len();
        }
    }
    spans
}

/// A line being filled.
struct Filling<'o> {
    current: String,
    used: usize,
    wrapped: bool,
    width: usize,
    out: &'o mut Vec<String>,
}

impl Filling<'_> {
    fn flush(&mut self) {
        self.out.push(self.current.trim_end().to_string());
        self.current.clear();
        self.used = 0;
        self.wrapped = true;
    }

    /// A piece of text (no spaces after it) onto the line, or the next.
    /// `inner` says the piece may still be cut where UAX #14 allows
    /// before it is cut between graphemes.
    fn word(&mut self, word: &str, inner: bool) {
        let w = display_width(word);
        if self.used + w > self.width {
            if !self.current.trim_end().is_empty() {
                self.flush();
            } else {
                self.current.clear();
                self.used = 0;
            }
        }
        if self.used + w <= self.width {
            self.current.push_str(word);
            self.used += w;
        } else if inner {
            for piece in pieces(word, &[]) {
                self.word(piece, false);
            }
        } else {
            for g in word.graphemes(true) {
                let gw = g.width();
                if self.used + gw > self.width && !self.current.is_empty() {
                    self.flush();
                }
                self.current.push_str(g);
                self.used += gw;
            }
        }
    }

    fn space(&mut self, space: &str) {
        if self.current.is_empty() && self.wrapped {
            return; // no leading space on a continuation line
        }
        let w = display_width(space);
        if self.used + w <= self.width {
            self.current.push_str(space);
            self.used += w;
        } else {
            self.flush();
        }
    }
}

fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    let addresses = address_spans(line);
    let mut f = Filling {
        current: String::new(),
        used: 0,
        wrapped: false,
        width,
        out,
    };
    for piece in pieces(line, &addresses) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let space = &piece[word.len()..];
        if !word.is_empty() {
            f.word(word, !addresses.is_empty());
        }
        if !space.is_empty() {
            f.space(space);
        }
    }
    let last = f.current.trim_end().to_string();
    f.out.push(last);
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
    fn no_line_starts_with_closing_punctuation() {
        let text = "彼は「東京の天気」と言った。晴れです、と。";
        // From 4 columns: an ideograph and the mark after it fit a line.
        for width in 4..20 {
            let lines = wrap(text, width);
            assert_eq!(lines.concat(), text, "{width}");
            for l in &lines {
                assert!(display_width(l) <= width, "{width}: {lines:?}");
                assert!(!l.starts_with(['」', '。', '、']), "{width}: {lines:?}");
            }
        }
        // 「 stays with what it opens.
        assert!(wrap(text, 6).iter().all(|l| !l.ends_with('「')));
    }

    #[test]
    fn a_hyphen_is_a_place_to_break() {
        assert_eq!(
            wrap("a long-running agreement", 9),
            vec!["a long-", "running", "agreement"]
        );
    }

    #[test]
    fn ideographs_break_between_and_hangul_words_stay_whole() {
        assert_eq!(wrap("東京都の天気", 4), vec!["東京", "都の", "天気"]);
        assert_eq!(
            wrap("대한민국 서울특별시", 12),
            vec!["대한민국", "서울특별시"]
        );
    }

    #[test]
    fn a_url_stays_whole_when_it_fits() {
        assert_eq!(
            wrap("questions go to https://help.example/ferries now", 30),
            vec!["questions go to", "https://help.example/ferries", "now"]
        );
    }

    #[test]
    fn a_url_wider_than_the_line_breaks_after_its_slashes() {
        let url = "https://example.org/reports/2025/harbour-wall.html";
        let lines = wrap(&format!("see {url} today"), 24);
        assert!(lines.iter().all(|l| display_width(l) <= 24), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), format!("see{url}today"));
        // Every cut of the address is after a `/` or a `-`, never inside
        // a name.
        for l in &lines[..lines.len() - 1] {
            assert!(l == "see" || l.ends_with(['/', '-']), "{lines:?}");
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
