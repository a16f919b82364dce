//! Where names may be: runs of capitalised words (with `of`, `de`, `al`
//! between them), hashtags, and runs of scripts without capitals.

use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::lexicon::{Lexicon, WEAK_CONNECTORS, is_connector};
use super::tokens::{Shape, Token};

/// A stretch of tokens that may hold one or more names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// Capitalised words: token indices.
    Run(Range<usize>),
    Hashtag(usize),
    /// Hangul, Han or kana: token index.
    Unspaced(usize),
}

fn is_nameish(t: &Token) -> bool {
    matches!(
        t.shape,
        Shape::Title | Shape::Upper | Shape::Initial | Shape::Dotted
    )
}

/// Finds the candidates, in text order.
pub fn candidates(
    text: &str,
    tokens: &[Token],
    folds: &[&str],
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        match t.shape {
            Shape::Hashtag => out.push(Candidate::Hashtag(i)),
            Shape::Hangul | Shape::Cjk => out.push(Candidate::Unspaced(i)),
            _ if is_nameish(t) => {
                let end = run_end(text, tokens, folds, i, lex, gaz);
                out.push(Candidate::Run(i..end));
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The end (exclusive) of the run of capitalised words starting at `start`.
fn run_end(
    text: &str,
    tokens: &[Token],
    folds: &[&str],
    start: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> usize {
    let mut end = start + 1;
    let heads = |i: usize| {
        let f = folds[i];
        lex.org_heads.contains(f) || lex.other_heads.contains(f)
    };
    let mut has_head = heads(start);
    while let Some(next) = tokens.get(end) {
        if !next.joined || next.headline != tokens[start].headline {
            break;
        }
        // A short line is a headline, byline, table row or a paragraph's
        // end: a name does not run on past it (`By Jane Holt\nOslo said`).
        if next.line_start && short_line(text, tokens[end - 1].end) {
            break;
        }
        if is_nameish(next) {
            has_head |= heads(end);
            end += 1;
            continue;
        }
        // A run of connectors (`of the`) must lead to another capitalised
        // word. One opening with a weak connector (`for`, `and`) must follow
        // an organisation's head word (`Ministry for`, `Securities and`).
        // A company designator ends a name: `Acme Corp and Beta Bank` are two.
        let last = folds[end - 1];
        let designator = matches!(
            last,
            "corp" | "inc" | "ltd" | "plc" | "llc" | "co" | "gmbh" | "ag" | "sa" | "nv"
        );
        let after_head = (heads(end - 1) && !designator)
            // `Merrill Lynch and Co`
            || tokens
                .get(end + 1)
                .is_some_and(|n| matches!(n.text(text), "Co" | "Company" | "Sons"));
        let mut k = end;
        while let Some(c) = tokens.get(k) {
            let w = c.text(text);
            let weak = WEAK_CONNECTORS.contains(&w);
            let ok = c.shape == Shape::Lower
                && c.joined
                && is_connector(w)
                && (!weak
                    || k > end
                    || ((has_head || w == "and") && after_head)
                    || known_prefix(&folds[start..end], w, gaz));
            if !ok {
                break;
            }
            k += 1;
        }
        match tokens.get(k) {
            Some(n) if k > end && n.joined && is_nameish(n) => end = k,
            _ => break,
        }
    }
    end
}

/// Lines shorter than this are not wrapped prose.
const SHORT_LINE: usize = 40;

/// Whether the line ending at the first line break after `at` is short.
fn short_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    text[start..end].trim().chars().count() < SHORT_LINE
}

/// Whether the last words of `words` and then `connector` begin a
/// gazetteer spelling (`General Agreement on Tariffs and` ...).
fn known_prefix(folds: &[&str], connector: &str, gaz: &Gazetteer) -> bool {
    // Only the last words can begin one: joining the whole run at every
    // connector made a long run cost its square.
    let folds = &folds[folds.len().saturating_sub(gaz.max_words)..];
    (0..folds.len())
        .rev()
        .take(gaz.max_words)
        .any(|p| gaz.is_prefix(&format!("{} {connector}", folds[p..].join(" "))))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn runs(text: &str) -> Vec<String> {
        let lex = Lexicon::new();
        let gaz = Gazetteer::new(&crate::config::EntitiesConfig::default()).unwrap();
        let toks = tokenize(text);
        let folds = super::super::tokens::Folds::new(text, &toks);
        candidates(text, &toks, &folds.words(), &lex, &gaz)
            .into_iter()
            .map(|c| match c {
                Candidate::Run(r) => text[toks[r.start].start..toks[r.end - 1].end].to_string(),
                Candidate::Hashtag(i) | Candidate::Unspaced(i) => toks[i].text(text).to_string(),
            })
            .collect()
    }

    #[test]
    fn runs_join_capitalised_words_and_connectors() {
        assert_eq!(
            runs("the Bank of Korea and Russia and China met Charles de Gaulle."),
            vec!["Bank of Korea", "Russia", "China", "Charles de Gaulle"]
        );
    }

    #[test]
    fn weak_connectors_only_continue_organisations() {
        assert_eq!(
            runs("the Ministry for Foreign Affairs and the Bank of the Philippines"),
            vec!["Ministry for Foreign Affairs", "Bank of the Philippines"]
        );
        assert_eq!(
            runs("Russia and the United States"),
            vec!["Russia", "United States"]
        );
    }

    #[test]
    fn punctuation_and_blank_lines_break_runs() {
        assert_eq!(
            runs("Seoul, Tokyo\n\nBeijing"),
            vec!["Seoul", "Tokyo", "Beijing"]
        );
        // A wrapped line of prose joins; a short line does not.
        let wrapped = "In a statement issued on Tuesday evening, Secretary James\nBaker said";
        assert_eq!(
            runs(wrapped),
            vec!["In", "Tuesday", "Secretary James\nBaker"]
        );
        assert_eq!(
            runs("By Jane Holt\nOslo Harbour said"),
            vec!["By Jane Holt", "Oslo Harbour"]
        );
    }

    #[test]
    fn hashtags_and_unspaced_scripts_are_candidates() {
        assert_eq!(
            runs("#SecurityCouncil meets in 서울 and 東京"),
            vec!["#SecurityCouncil", "서울", "東京"]
        );
    }
}
