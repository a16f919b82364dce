//! The typed query: what a search asks for once the text is understood.
//! Dates are already resolved (relative ones against the day of parsing),
//! so a `Query` means the same thing wherever it is evaluated.

use chrono::NaiveDate;

use crate::model::EntityKind;

/// A parsed search. `expr` is `None` when the text asks for nothing in
/// particular (empty, or only punctuation): every article matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The text as the user typed it, for titles and saved searches.
    pub source: String,
    pub expr: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every part must match (at least two parts).
    And(Vec<Expr>),
    /// Any part may match (at least two parts).
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

/// Read state of an article, for `is:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Bookmarked,
    Unread,
    Read,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Bookmarked, Status::Unread, Status::Read];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Bookmarked => "bookmarked",
            Status::Unread => "unread",
            Status::Read => "read",
        }
    }
}

/// One condition on an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word of the title or text (as the full-text index splits words).
    Word(String),
    /// Words starting with this (`sanct*` is `Prefix("sanct")`).
    Prefix(String),
    /// These words in a row.
    Phrase(String),
    /// Lower case.
    Topic(String),
    /// A front matter or user tag, any case (kept as typed).
    Tag(String),
    /// An entity by name, any spelling seen or its key; `kind` when the
    /// value was written `kind:key` (as the sidebar's keys are).
    Entity {
        kind: Option<EntityKind>,
        /// `fold_key` of the value.
        fold: String,
    },
    /// The article names some entity of this kind.
    Kind(EntityKind),
    /// The source contains this text, any case (kept as typed).
    Source(String),
    Is(Status),
    /// Dated on or after this day.
    After(NaiveDate),
    /// Dated strictly before this day.
    Before(NaiveDate),
    /// Dated on or after `from` and strictly before `until`.
    During {
        from: NaiveDate,
        until: NaiveDate,
    },
}

impl Term {
    /// Whether this is a free-text term (searched in title and text).
    pub fn is_text(&self) -> bool {
        matches!(self, Term::Word(_) | Term::Prefix(_) | Term::Phrase(_))
    }
}

impl Expr {
    /// Whether the expression holds, given how each term is decided.
    pub fn eval(&self, term: &mut dyn FnMut(&Term) -> bool) -> bool {
        match self {
            Expr::And(parts) => parts.iter().all(|p| p.eval(term)),
            Expr::Or(parts) => parts.iter().any(|p| p.eval(term)),
            Expr::Not(inner) => !inner.eval(term),
            Expr::Term(t) => term(t),
        }
    }

    /// Visits every term with whether it counts positively (under an even
    /// number of negations).
    pub fn walk<'a>(&'a self, positive: bool, visit: &mut dyn FnMut(&'a Term, bool)) {
        match self {
            Expr::And(parts) | Expr::Or(parts) => {
                parts.iter().for_each(|p| p.walk(positive, visit));
            }
            Expr::Not(inner) => inner.walk(!positive, visit),
            Expr::Term(t) => visit(t, positive),
        }
    }
}

impl Query {
    /// A query matching everything.
    pub fn everything() -> Query {
        Query {
            source: String::new(),
            expr: None,
        }
    }

    /// The free-text terms that count positively: what ranking and
    /// highlighting look for.
    pub fn positive_text(&self) -> Vec<&Term> {
        let mut found = Vec::new();
        if let Some(e) = &self.expr {
            e.walk(true, &mut |t, positive| {
                if positive && t.is_text() {
                    found.push(t);
                }
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Expr {
        Expr::Term(Term::Word(w.into()))
    }

    #[test]
    fn eval_follows_and_or_not() {
        let e = Expr::And(vec![
            word("a"),
            Expr::Not(Box::new(Expr::Or(vec![word("b"), word("c")]))),
        ]);
        let has = |set: &'static [&'static str]| move |t: &Term| matches!(t, Term::Word(w) if set.contains(&w.as_str()));
        assert!(e.eval(&mut has(&["a"])));
        assert!(!e.eval(&mut has(&["a", "c"])));
        assert!(!e.eval(&mut has(&["b"])));
    }

    #[test]
    fn positive_text_skips_negated_and_field_terms() {
        let q = Query {
            source: String::new(),
            expr: Some(Expr::And(vec![
                word("grain"),
                Expr::Not(Box::new(word("wheat"))),
                Expr::Not(Box::new(Expr::Not(Box::new(word("port"))))),
                Expr::Term(Term::Topic("trade".into())),
            ])),
        };
        let words: Vec<_> = q.positive_text();
        assert_eq!(
            words,
            vec![&Term::Word("grain".into()), &Term::Word("port".into())]
        );
    }
}
