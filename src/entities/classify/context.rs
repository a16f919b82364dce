//! The kind the words around a name give it when its own words give none:
//! `in X`, `near X`, `X-based` → place; `shares of X`, `stake in X`,
//! `X said it` → organisation; `X said he`, `X, who` → person.

use super::Segmenter;
use crate::entities::tokens::{Shape, Token};
use crate::model::EntityKind;

/// Lower-case words right before a name that say it is a place.
const PLACE_BEFORE: &[&str] = &["in", "near", "outside", "across", "throughout"];

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

/// Lower-case nouns right before a name that make it their apposition: a
/// company or body (`agency Eurostat`, `the oil company Petrobras`).
const ORG_NOUNS: &[&str] = &[
    "agency",
    "company",
    "firm",
    "group",
    "bank",
    "unit",
    "subsidiary",
    "newspaper",
    "daily",
    "weekly",
    "magazine",
    "airline",
    "carrier",
    "maker",
    "manufacturer",
    "producer",
    "retailer",
    "insurer",
    "broker",
    "brokerage",
    "utility",
    "conglomerate",
    "refiner",
    "distributor",
    "supplier",
    "concern",
    "party",
    "club",
    "house",
    "stockbrokers",
    "brokers",
    "bankers",
    "airlines",
    "carmaker",
    "automaker",
    "chipmaker",
    "publisher",
    "developer",
];

/// Lower-case nouns right after a name that make it a place (`Zhejiang
/// province`, `Donbass area`).
const PLACE_NOUNS: &[&str] = &[
    "province",
    "state",
    "region",
    "county",
    "district",
    "area",
    "city",
    "town",
    "village",
    "island",
    "river",
    "valley",
    "prefecture",
    "port",
    "airport",
    "field",
    "basin",
];

/// Lower-case nouns right after a name that make it a company (`Jacobs
/// Engineering group`, `Nikko unit`).
const ORG_NOUNS_AFTER: &[&str] = &[
    "group",
    "company",
    "unit",
    "division",
    "subsidiary",
    "corporation",
    "bank",
];

/// US state abbreviations after a town (`Springfield, Tenn.`), as written.
const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo",
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
    /// Whether the run of tokens `first..end` stands on a line of a
    /// results table: two names each followed by a score, and nothing else
    /// but a rank before and dashes or colons between (`Dinamo Zagreb 2
    /// Hajduk Split 1`, `3. Lyon 1 - Nantes 0`). Each name is a team's.
    pub(super) fn results_line(&self, first: usize, end: usize) -> bool {
        // Cheap first: a score follows the run on its line.
        let score = |t: &Token| {
            t.shape == Shape::Number
                && t.end - t.start <= 2
                && self.text[t.start..t.end]
                    .bytes()
                    .all(|b| b.is_ascii_digit())
        };
        if !self
            .tokens
            .get(end)
            .is_some_and(|t| !t.line_start && score(t))
        {
            return false;
        }
        let mut a = first;
        while a > 0 && !self.tokens[a].line_start {
            a -= 1;
        }
        let (mut names, mut scores) = (0, 0);
        // In a name; and whether it has a word that is no plain word
        // (`Feb 87 Jan 87` is dates).
        let (mut in_name, mut named) = (false, false);
        for (k, t) in self.tokens[a..].iter().enumerate() {
            if k > 0 && t.line_start {
                break;
            }
            let w = t.text(self.text);
            match t.shape {
                Shape::Title | Shape::Upper | Shape::Dotted | Shape::Initial => {
                    if !in_name {
                        names += 1;
                        in_name = true;
                        named = false;
                    }
                    named |= t.shape == Shape::Title
                        && !self.lex.stop.contains(&crate::entities::fold::fold_key(w));
                }
                Shape::Lower if in_name && crate::entities::lexicon::is_connector(w) => {}
                // A rank opening the line.
                Shape::Number if k == 0 => {}
                Shape::Number if in_name && named && score(t) => {
                    scores += 1;
                    in_name = false;
                }
                Shape::Punct if matches!(w, "-" | ":" | "–") && !in_name => {}
                Shape::Punct if w == "." && k == 1 => {}
                _ => return false,
            }
        }
        names == 2 && scores == 2 && !in_name
    }

    /// Whether the run of tokens `first..end` is the name on a row of a
    /// league table (standings): the line holds an optional rank, the name,
    /// then only the row's figures (`1. Dinamo Vrbovka 12 9 2 1 28-9 29`,
    /// `Hajduk Split 12 8 3 1 22 10 27`). The name is a team's.
    ///
    /// A figures table has the same shape (`Peru 56 28 238 104`), and no
    /// list of words tells a team from a country, so the figures must prove
    /// it. Wherever a standings table comes from (wire services, national
    /// papers, Wikipedia, kicker-style `90:20`), a row opens with played,
    /// won, drawn and lost, and played is the sum of the other three; goals
    /// come right after, for and against, often as one pair (`28-9`,
    /// `90:20`); points close the row, three for a win and one for a draw
    /// (two for a win before the mid-1990s, as in 1980s wire copy), where
    /// no points were taken off. A goal difference (`+12`, `-3`) may stand
    /// before the points. So a row is a standings row when played = won +
    /// drawn + lost and either its goals are a pair or its last figure is
    /// the points the first three give. A figures table's total that sums
    /// three parts is not enough: it must also have the goals or points. A
    /// row of tiny figures could pass by chance, so at least six figures.
    pub(super) fn standings_line(&self, first: usize, end: usize) -> bool {
        // Cheap first: a figure follows the run on its line, and the run
        // opens its line (after a rank).
        if !self
            .tokens
            .get(end)
            .is_some_and(|t| !t.line_start && t.shape == Shape::Number)
            || !self.opens_line_after_rank(first)
        {
            return false;
        }
        let small =
            |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
        let value = |s: &str| s.parse::<u32>().ok();
        // Far more than any row holds: what is longer is something else.
        const MOST: usize = 16;
        let mut figures = [0u32; MOST];
        let mut count = 0;
        // The goals as a pair right after `lost` (figures 4 and 5).
        let mut goals_pair = false;
        // A dash or colon read before a figure: the second of a pair, or a sign.
        #[derive(PartialEq)]
        enum Sep {
            None,
            Pair,
            Sign,
        }
        let mut sep = Sep::None;
        let mut k = end;
        while let Some(t) = self.tokens.get(k) {
            if t.line_start {
                break;
            }
            let w = t.text(self.text);
            match t.shape {
                Shape::Number => {
                    let (a, b) = match w.split_once(':') {
                        Some((a, b)) => (a, Some(b)),
                        None => (w, None),
                    };
                    if !small(a) || !b.is_none_or(small) || count + 2 > MOST {
                        return false;
                    }
                    match sep {
                        // A signed figure (goal difference) comes after `lost`.
                        Sep::Sign if count < 4 || b.is_some() => return false,
                        Sep::Pair if b.is_some() => return false,
                        Sep::Pair => goals_pair |= count == 5,
                        _ => {}
                    }
                    if b.is_some() {
                        goals_pair |= count == 4;
                    }
                    for part in std::iter::once(a).chain(b) {
                        let Some(v) = value(part) else {
                            return false;
                        };
                        figures[count] = v;
                        count += 1;
                    }
                    sep = Sep::None;
                }
                Shape::Punct if sep == Sep::None && matches!(w, "-" | "–" | "−" | ":" | "+") => {
                    let next = self
                        .tokens
                        .get(k + 1)
                        .filter(|n| !n.line_start && n.shape == Shape::Number);
                    let Some(next) = next else {
                        return false;
                    };
                    let glued_after = next.start == t.end;
                    let glued_before = self.tokens[k - 1].end == t.start;
                    sep = if w == "+" || (w != ":" && glued_after && !glued_before) {
                        if !glued_after {
                            return false;
                        }
                        Sep::Sign
                    } else if self.tokens[k - 1].shape == Shape::Number {
                        Sep::Pair
                    } else {
                        return false;
                    };
                }
                _ => return false,
            }
            k += 1;
        }
        if count < 6 || sep != Sep::None {
            return false;
        }
        let (played, won, drawn, lost) = (figures[0], figures[1], figures[2], figures[3]);
        let points = figures[count - 1];
        played > 0
            && played == won + drawn + lost
            && (goals_pair || points == 3 * won + drawn || points == 2 * won + drawn)
    }

    /// Whether token `first` opens its line, or follows only a rank
    /// opening it (`3`, `3.`, `3)`).
    fn opens_line_after_rank(&self, first: usize) -> bool {
        let t = &self.tokens;
        let rank = |i: usize| {
            t[i].line_start
                && t[i].shape == Shape::Number
                && t[i].end - t[i].start <= 3
                && t[i].text(self.text).bytes().all(|b| b.is_ascii_digit())
        };
        t[first].line_start
            || (first >= 1 && rank(first - 1))
            || (first >= 2
                && matches!(t[first - 1].text(self.text), "." | ")")
                && t[first - 1].start == t[first - 2].end
                && rank(first - 2))
    }

    fn tok(&self, i: Option<usize>) -> Option<&Token> {
        i.and_then(|i| self.tokens.get(i))
    }

    /// The lower-case word at token `i`, if it is one.
    fn lower_at(&self, i: Option<usize>) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.shape == Shape::Lower)
            .map(|t| t.text(self.text))
    }

    /// Whether the word before token `first` shows that a thing, not a
    /// person, follows: an article (`the Mint said`) or a company noun
    /// (`agency Eurostat said`).
    pub(super) fn thing_before(&self, first: usize) -> bool {
        self.tokens.get(first).is_some_and(|t| t.joined)
            && self
                .lower_at(first.checked_sub(1))
                .is_some_and(|p| matches!(p, "the" | "a" | "an") || ORG_NOUNS.contains(&p))
    }

    /// Whether the words from token `at` are a known place (or a state's
    /// abbreviation) that ends there: not `Japan's`, not `Japan Airlines`.
    fn place_follows(&self, at: usize) -> bool {
        let Some(t) = self.tok(Some(at)).filter(|t| t.joined) else {
            return false;
        };
        if STATE_ABBREVIATIONS.contains(&t.text(self.text)) {
            return true;
        }
        let mut key = String::new();
        for len in 1..=3.min(self.gaz.max_words) {
            let Some(w) = self.tok(Some(at + len - 1)) else {
                break;
            };
            if !matches!(w.shape, Shape::Title | Shape::Upper | Shape::Dotted)
                || (len > 1 && !w.joined)
            {
                break;
            }
            if len > 1 {
                key.push(' ');
            }
            key.push_str(&crate::entities::fold::fold_key(w.text(self.text)));
            let is_place = self.gaz.get(&key).is_some_and(|h| {
                !h.caps_only && self.gaz.entry(h.entry).kind == Some(EntityKind::Place)
            });
            let ends = self
                .tok(Some(at + len))
                .is_none_or(|n| n.shape == Shape::Punct && !matches!(n.text(self.text), "'" | "’"));
            if is_place && ends {
                return true;
            }
        }
        false
    }

    /// The kind the context of the name on tokens `first..end` suggests.
    pub(super) fn context_kind(&self, first: usize, end: usize) -> Option<EntityKind> {
        let joined_to_name = self.tokens.get(first).is_some_and(|t| t.joined);
        let before = first.checked_sub(1);
        let before2 = first.checked_sub(2);
        let name = &self.text[self.tokens[first].start..self.tokens[end - 1].end];
        // `Springfield, Tenn.`
        if end == first + 1
            && STATE_ABBREVIATIONS.contains(&name)
            && self.tok(Some(end)).map(|t| t.text(self.text)) == Some(".")
            && self.tok(before).map(|t| t.text(self.text)) == Some(",")
        {
            return Some(EntityKind::Place);
        }
        if joined_to_name && let Some(p) = self.lower_at(before) {
            if ORG_NOUNS.contains(&p) {
                return Some(EntityKind::Org);
            }
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
            if ORG_AFTER.contains(&w) || (!possessive && ORG_NOUNS_AFTER.contains(&w)) {
                return Some(EntityKind::Org);
            }
            if !possessive && PLACE_NOUNS.contains(&w) {
                return Some(EntityKind::Place);
            }
            if !possessive && matches!(w, "said" | "says") {
                match self.lower_at(Some(after + 1)) {
                    Some("it" | "its") => return Some(EntityKind::Org),
                    Some("he" | "she" | "his" | "her") => return Some(EntityKind::Person),
                    _ => {}
                }
            }
        }
        // `Grangemouth, Scotland`, `Danbury, Conn`: a town, then where it is.
        if next_text == Some(",") && self.place_follows(end + 1) {
            return Some(EntityKind::Place);
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
