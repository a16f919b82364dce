//! The kind the words around a name give it when its own words give none:
//! `in X`, `near X`, `X-based` → place; `shares of X`, `stake in X`,
//! `X said it` → organisation; `X said he`, `X, who` → person.

use super::Segmenter;
use crate::entities::tokens::{Shape, Token};
use crate::model::EntityKind;

/// Lower-case words right before a name that say it is a place.
const PLACE_BEFORE: &[&str] = &[
    "in",
    "near",
    "outside",
    "across",
    "throughout",
];

/// Words before `of`, `in`, `for`, `with` that make what follows a company
/// (`shares of X`, `stake in X`, `bid for X`, `merger with X`): `in` after
/// them is no place.
const ORG_BEFORE: &[&str] = &[
    "shares",
    "stake",
    "stakes",
    "interest",
    "unit",
    "subsidiary",
    "division",
    "affiliate",
    "takeover",
    "acquisition",
    "bid",
    "merger",
    "shareholders",
    "stockholders",
    "investment",
    "holding",
    "holdings",
    "offer",
    "management",
    "chairman",
    "president",
    "spokesman",
    "spokeswoman",
];

/// Words right after a name (or after its possessive `'s`) that make it a
/// company (`X shares`, `X's board`).
const ORG_AFTER: &[&str] = &[
    "shares",
    "stock",
    "shareholders",
    "stockholders",
    "board",
    "subsidiary",
    "unit",
    "spokesman",
    "spokeswoman",
    "management",
];

impl Segmenter<'_> {
    fn tok(&self, i: Option<usize>) -> Option<&Token> {
        i.and_then(|i| self.tokens.get(i))
    }

    /// The lower-case word at token `i`, if it is one.
    fn lower_at(&self, i: Option<usize>) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.shape == Shape::Lower)
            .map(|t| t.text(self.text))
    }

    /// The kind the context of the name on tokens `first..end` suggests.
    pub(super) fn context_kind(&self, first: usize, end: usize) -> Option<EntityKind> {
        let joined_to_name = self.tokens.get(first).is_some_and(|t| t.joined);
        let before = first.checked_sub(1);
        let before2 = first.checked_sub(2);
        if joined_to_name && let Some(p) = self.lower_at(before) {
            let p2 = self.lower_at(before2);
            let org_owner = p2.is_some_and(|w| ORG_BEFORE.contains(&w));
            if matches!(p, "of" | "in" | "for" | "with") && org_owner {
                return Some(EntityKind::Org);
            }
            if PLACE_BEFORE.contains(&p) {
                return Some(EntityKind::Place);
            }
        }
        let next = self.tok(Some(end));
        let next_text = next.map(|t| t.text(self.text));
        let glued = next.is_some_and(|n| self.tokens[end - 1].end == n.start);
        // `X-based`: the tokenizer leaves the hyphen and the modifier apart.
        if glued && next_text == Some("-") && self.lower_at(Some(end + 1)) == Some("based") {
            return Some(EntityKind::Place);
        }
        // `X's board`: past the possessive.
        let possessive = glued
            && matches!(next_text, Some("'" | "’"))
            && self.lower_at(Some(end + 1)) == Some("s");
        let after = if possessive { end + 2 } else { end };
        if let Some(w) = self.lower_at(Some(after))
            && self.tok(Some(after)).is_some_and(|t| t.joined)
        {
            if ORG_AFTER.contains(&w) {
                return Some(EntityKind::Org);
            }
            if !possessive && matches!(w, "said" | "says") {
                match self.lower_at(Some(after + 1)) {
                    Some("it" | "its") => return Some(EntityKind::Org),
                    Some("he" | "she" | "his" | "her") => return Some(EntityKind::Person),
                    _ => {}
                }
            }
        }
        // `X, who`, `X, which`, `X, 45,`.
        if next_text == Some(",") {
            let w = self.tok(Some(end + 1));
            match w.map(|t| (t.shape, t.text(self.text))) {
                Some((Shape::Lower, "who")) => return Some(EntityKind::Person),
                Some((Shape::Lower, "which")) => return Some(EntityKind::Org),
                Some((Shape::Number, n))
                    if n.len() == 2
                        && self.tok(Some(end + 2)).map(|t| t.text(self.text)) == Some(",") =>
                {
                    return Some(EntityKind::Person);
                }
                _ => {}
            }
        }
        None
    }
}
