//! What to highlight for a search, and where it is in a text. Words are
//! split and folded the way the full-text index (FTS5 `unicode61` with
//! diacritics removed) does, so what is highlighted is what matched:
//! `port` lights up `Port` and `port,` but not `Portmere`. CJK runs are
//! cut into the pairs of characters the index holds (`text::cjk`).

use std::ops::Range;

use super::ast::{Query, Term};
use crate::text::cjk;
use crate::text::fold_key;

/// One thing to find: words in a row, the last one a prefix when `prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Folded (lower case, no accents); never empty.
    pub words: Vec<String>,
    pub prefix: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F)
}

/// A word as the index compares it: lower case, accents removed.
pub fn fold_word(word: &str) -> String {
    fold_key(word)
}

/// The words of a text with their byte ranges, folded; a CJK run gives
/// its pairs of characters, overlapping.
pub fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    // The current run: its start and whether it is CJK.
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let kind = is_word_char(c).then(|| cjk::is_cjk(c));
        match (kind, start) {
            (Some(k), None) => start = Some((i, k)),
            (Some(k), Some((s, was))) if k != was => {
                push_run(text, s..i, was, &mut out);
                start = Some((i, k));
            }
            (None, Some((s, was))) => {
                push_run(text, s..i, was, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some((s, was)) = start {
        push_run(text, s..text.len(), was, &mut out);
    }
    out.retain(|(_, w)| !w.is_empty());
    out
}

fn push_run(text: &str, run: Range<usize>, is_cjk: bool, out: &mut Vec<(Range<usize>, String)>) {
    if !is_cjk {
        out.push((run.clone(), fold_word(&text[run])));
        return;
    }
    let base = run.start;
    for r in cjk::pairs(&text[run]) {
        let r = base + r.start..base + r.end;
        out.push((r.clone(), text[r].to_string()));
    }
}

impl Highlight {
    fn of(text: &str, prefix: bool) -> Option<Highlight> {
        let words: Vec<String> = words(text).into_iter().map(|(_, w)| w).collect();
        // A lone CJK character is the first half of a pair, as the
        // index is asked for it (store::fts).
        let prefix = prefix || cjk::ends_in_lone_character(text);
        (!words.is_empty()).then_some(Highlight { words, prefix })
    }

    /// Whether this matches the text's words starting at `at`; the number
    /// of words it covers.
    fn matches_at(&self, text: &[(Range<usize>, String)], at: usize) -> Option<usize> {
        let n = self.words.len();
        let run = text.get(at..at + n)?;
        let last = n - 1;
        let ok = run
            .iter()
            .zip(&self.words)
            .enumerate()
            .all(|(i, ((_, w), want))| {
                if i == last && self.prefix {
                    w.starts_with(want.as_str())
                } else {
                    w == want
                }
            });
        ok.then_some(n)
    }
}

impl Query {
    /// The free-text terms that are not excluded: words, prefixes and
    /// phrases for the list and the reader to highlight.
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        for term in self.positive_text() {
            let h = match term {
                Term::Word(w) => Highlight::of(w, false),
                Term::Prefix(p) => Highlight::of(p, true),
                Term::Phrase(p) => Highlight::of(p, false),
                _ => None,
            };
            if let Some(h) = h
                && !out.contains(&h)
            {
                out.push(h);
            }
        }
        out
    }
}

/// Byte ranges of `text` matching any highlight, in order, overlapping
/// ones merged.
pub fn find_highlights(text: &str, highlights: &[Highlight]) -> Vec<Range<usize>> {
    if highlights.is_empty() {
        return Vec::new();
    }
    let found = words(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for at in 0..found.len() {
        let longest = highlights
            .iter()
            .filter_map(|h| h.matches_at(&found, at))
            .max();
        if let Some(n) = longest {
            let range = found[at].0.start..found[at + n - 1].0.end;
            match ranges.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => ranges.push(range),
            }
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn hl(query: &str) -> Vec<Highlight> {
        parse(query, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap()
            .highlights()
    }

    fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        find_highlights(text, &hl(query))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn highlights_are_positive_text_terms_only() {
        let h = hl(r#"Grain -wheat sanct* "Port Strike" topic:trade -(-kept)"#);
        let words: Vec<(Vec<&str>, bool)> = h
            .iter()
            .map(|h| (h.words.iter().map(String::as_str).collect(), h.prefix))
            .collect();
        assert_eq!(
            words,
            vec![
                (vec!["grain"], false),
                (vec!["sanct"], true),
                (vec!["port", "strike"], false),
                (vec!["kept"], false),
            ]
        );
    }

    #[test]
    fn words_match_whole_words_any_case_and_accent() {
        assert_eq!(
            marked("Port of Portmere; the PORT, a passport.", "port"),
            vec!["Port", "PORT"]
        );
        assert_eq!(marked("Café in São Paulo", "cafe sao"), vec!["Café", "São"]);
        assert_eq!(marked("Ünïcode ok", "unicode"), vec!["Ünïcode"]);
    }

    #[test]
    fn prefixes_and_phrases() {
        assert_eq!(
            marked("New sanctions, sanctioned; insanct", "sanct*"),
            vec!["sanctions", "sanctioned"]
        );
        assert_eq!(
            marked(
                "a port strike, port\nstrike, strike port",
                "\"port strike\""
            ),
            vec!["port strike", "port\nstrike"]
        );
        // A word inside a phrase match does not split it.
        assert_eq!(
            marked("the port strike began", "\"port strike\" strike began"),
            vec!["port strike", "began"]
        );
    }

    #[test]
    fn cjk_words_inside_a_run_are_found() {
        assert_eq!(marked("昨日東京都庁に行った", "東京"), vec!["東京"]);
        assert_eq!(marked("서울에서 만나요", "서울"), vec!["서울"]);
        assert_eq!(marked("東京都庁", "京都庁"), vec!["京都庁"]);
        assert_eq!(
            marked("G7東京サミット", "サミット g7"),
            vec!["G7", "サミット"]
        );
        assert!(marked("京都", "東京").is_empty());
    }

    #[test]
    fn byte_ranges_are_on_char_boundaries() {
        let text = "Über die Brücke über";
        let ranges = find_highlights(text, &hl("über"));
        assert_eq!(ranges, vec![0..5, 18..23]);
        assert_eq!(&text[ranges[1].clone()], "über");
    }

    #[test]
    fn nothing_to_highlight_gives_nothing() {
        assert!(find_highlights("anything", &[]).is_empty());
        assert!(hl("topic:trade is:unread").is_empty());
    }
}
