//! Free text for FTS5: the user's words always quoted (so they are never
//! query syntax), and a query's pure-text parts as one FTS5 expression.

use crate::query::{Expr, Query, Term};
use crate::text::{cjk, index_form};

/// Free text as an FTS5 string: quoted, so the user's text is only ever
/// words to the tokenizer, never query syntax. Put in the form the index
/// holds ([`index_form`]: accents off, CJK runs as pairs), so `東京` is the
/// pair the index has; a lone CJK character is looked for as the start of
/// a pair, as the highlighter looks for it.
pub fn fts_string(text: &str, prefix: bool) -> String {
    let text = index_form(text);
    let mut s = format!("\"{}\"", text.replace('"', "\"\""));
    if prefix || cjk::ends_in_lone_character(&text) {
        s.push_str(" *");
    }
    s
}

pub fn fts_of(term: &Term) -> Option<String> {
    match term {
        Term::Word(w) | Term::Phrase(w) => Some(fts_string(w, false)),
        Term::Prefix(p) => Some(fts_string(p, true)),
        _ => None,
    }
}

/// A free-text expression in FTS5 syntax, when `expr` has nothing but
/// words, prefixes and phrases (FTS5's NOT is binary, so a negation must
/// sit in an AND beside something positive).
pub fn fts_expr(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Term(t) => fts_of(t),
        Expr::Or(parts) => {
            let parts: Option<Vec<String>> = parts.iter().map(fts_expr).collect();
            Some(format!("({})", parts?.join(" OR ")))
        }
        Expr::And(parts) => fts_and(parts),
        Expr::Not(_) => None,
    }
}

/// `parts` ANDed, as FTS5, when every part is free text or a negated one
/// and at least one is positive.
fn fts_and(parts: &[Expr]) -> Option<String> {
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    for p in parts {
        match p {
            Expr::Not(inner) => negative.push(fts_expr(inner)?),
            other => positive.push(fts_expr(other)?),
        }
    }
    core_of(positive, negative)
}

pub fn core_of(positive: Vec<String>, negative: Vec<String>) -> Option<String> {
    if positive.is_empty() {
        return None;
    }
    let mut s = format!("({})", positive.join(" AND "));
    if !negative.is_empty() {
        s = format!("({s} NOT ({}))", negative.join(" OR "));
    }
    Some(s)
}

/// The FTS5 expression that ranks a search: its positive free-text terms,
/// any of them. None when there is nothing to rank by.
pub fn ranking(query: Option<&Query>) -> Option<String> {
    let terms: Vec<String> = query?
        .positive_text()
        .into_iter()
        .filter_map(fts_of)
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_quoted_for_fts() {
        assert_eq!(fts_string("port", false), "\"port\"");
        assert_eq!(fts_string("say \"hi\" OR", true), "\"say \"\"hi\"\" OR\" *");
    }

    #[test]
    fn free_text_is_put_in_the_index_form() {
        assert_eq!(fts_string("Łódź", false), "\"Lodz\"");
        assert_eq!(fts_string("東京都", false), "\" 東京 京都 \"");
        assert_eq!(fts_string("都", false), "\" 都 \" *");
    }
}
