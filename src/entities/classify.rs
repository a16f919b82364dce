//! Cutting a run of capitalised words into names and guessing each one's
//! kind: the gazetteer first (longest spelling wins), then demonyms, titles
//! and head words, then given names and surnames.
//!
//! `South Korean Foreign Minister Yun Byung-se said` becomes the place
//! South Korea (from the demonym), a title that is dropped but announces a
//! person, and the person `Yun Byung-se`.

use std::collections::HashSet;
use std::ops::Range;

use super::fold::fold_key;
use super::gazetteer::Gazetteer;
use super::lexicon::{CONNECTORS, Lexicon};
use super::tokens::{Shape, Token};
use crate::model::EntityKind;

/// What the rules guessed about one name before linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// A gazetteer entry (a demonym gives its place).
    Known(usize),
    Kind(EntityKind),
    /// An all-capitals word not in the gazetteer (`THAAD`).
    Acronym,
    /// A capitalised word with no evidence either way.
    Unknown,
}

/// One name found in the text, before linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    pub start: usize,
    pub end: usize,
    /// The spelling to name it by (`Security Council` for `#SecurityCouncil`).
    pub spelling: String,
    pub guess: Guess,
    /// Words in the name, not counting connectors.
    pub words: usize,
    pub first: String,
    pub last: String,
    /// The name opens a sentence, so its capital proves nothing.
    pub sentence_start: bool,
    /// A title or a verb of saying marks it as a person.
    pub person_cue: bool,
    /// A demonym standing for its place (`Chinese`).
    pub demonym: bool,
}

pub struct Segmenter<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub gaz: &'a Gazetteer,
    pub lex: &'a Lexicon,
    pub link_demonyms: bool,
    /// Every word the text writes in lower case.
    pub lower_words: &'a HashSet<&'a str>,
}

/// The folded words of one run, with their tokens.
struct Run<'b> {
    toks: &'b [Token],
    folds: Vec<String>,
    headline: bool,
}

impl Run<'_> {
    fn len(&self) -> usize {
        self.folds.len()
    }
    fn is_connector(&self, i: usize) -> bool {
        self.toks[i].shape == Shape::Lower && CONNECTORS.contains(&self.folds[i].as_str())
    }
}

impl Segmenter<'_> {
    /// The names in the run of tokens `range`, appended to `out`.
    pub fn segment(&self, range: Range<usize>, out: &mut Vec<Raw>) {
        let toks = &self.tokens[range.clone()];
        let run = Run {
            toks,
            folds: toks.iter().map(|t| fold_key(t.text(self.text))).collect(),
            // A table row (`Shr 1.20 dlrs vs 1.10`) or a label opening a
            // line (`Updated: ...`) says as little about names as a headline.
            headline: toks[0].headline
                || (toks[0].line_start
                    && self.tokens.get(range.end).is_some_and(|t| {
                        !t.line_start
                            && (t.shape == Shape::Number
                                || (t.shape == Shape::Punct && t.text(self.text) == ":"))
                    })),
        };
        let n = run.len();
        if self.dateline_place(&run, range.end) {
            let mut raw = self.raw(&run, 0..n, Guess::Kind(EntityKind::Place), false, false);
            if let Some((len, hit)) = self.gazetteer_match(&run, 0).filter(|(len, _)| *len == n) {
                raw = self.raw(&run, 0..len, Guess::Known(hit), false, false);
            } else {
                raw.spelling = title_case(&raw.spelling);
            }
            out.push(raw);
            return;
        }
        let prev = range.start.checked_sub(1).map(|p| &self.tokens[p]);
        let lower_cue = prev.is_some_and(|p| {
            p.shape == Shape::Lower
                && toks[0].joined
                && self.lex.cues_before.contains(&fold_key(p.text(self.text)))
        });
        // `Mr. Moon`, `Gen. Milley`: the dot cut the title from the name.
        let dotted_title = range.start >= 2 && {
            let (title, dot) = (&self.tokens[range.start - 2], &self.tokens[range.start - 1]);
            dot.shape == Shape::Punct
                && dot.text(self.text) == "."
                && dot.start == title.end
                && title.shape == Shape::Title
                && self.lex.titles.contains(&fold_key(title.text(self.text)))
        };
        let mut cue = lower_cue || dotted_title;
        let mut initial = toks[0].sentence_start;
        let said_after = self.tokens.get(range.end).is_some_and(|t| {
            t.shape == Shape::Lower && t.joined && self.lex.cues_after.contains(t.text(self.text))
        });
        // Whether a name or title came before in this run.
        let mut spoken_for = false;
        let mut i = 0;
        while i < n {
            if run.is_connector(i) {
                i += 1;
                continue;
            }
            let mut whole_name = false;
            if let Some((len, hit)) = self.gazetteer_match(&run, i) {
                let is_place = self.gaz.entry(hit).kind == Some(EntityKind::Place);
                // `Gulf of Aden` is not the Gulf: a head word with `of` after
                // it starts a longer name.
                let head_of =
                    len == 1 && self.is_head(&run.folds[i]) && i + 2 < n && run.is_connector(i + 1);
                let head_after = self.head_follows(&run, i + len) || head_of;
                if run.headline || !is_place || !head_after {
                    out.push(self.raw(&run, i..i + len, Guess::Known(hit), initial, false));
                    spoken_for = true;
                    i += len;
                    initial = false;
                    cue = false;
                    continue;
                }
                whole_name = true;
            } else if run.headline {
                i += 1;
                continue;
            }
            if !whole_name {
                if let Some((len, place)) = self.demonym_match(&run, i)
                    && !self.head_follows(&run, i + len)
                {
                    if self.link_demonyms {
                        let mut raw =
                            self.raw(&run, i..i + len, Guess::Known(place), initial, false);
                        raw.demonym = true;
                        out.push(raw);
                    }
                    spoken_for = true;
                    i += len;
                    initial = false;
                    continue;
                }
                let f = run.folds[i].as_str();
                let starts_company = (self.lex.titles.contains(f)
                    || self.lex.stop.contains(f)
                    || self.lex.portfolios.contains(f))
                    && !self.lex.function_words.contains(f)
                    && self.head_follows(&run, i + 1);
                // `Settlement of the CBOE` opening a sentence: the article
                // also writes `settlement` in lower case, so it is a plain word.
                // So is `Shares of ...`: a name starting `X of` has a head word
                // as X (`Bank of Korea`), which this is not.
                let plain_opener = initial
                    && ((self.lower_words.contains(f) && !self.head_follows(&run, i + 1))
                        || (i + 1 < n && run.is_connector(i + 1) && !self.is_head(f)))
                    && !self.lex.given.contains(f)
                    && !self.lex.surnames.contains(f);
                if starts_company {
                    // `General Motors Corp`, `First Boston Corp`: a name below.
                } else if self.lex.titles.contains(f) {
                    spoken_for = true;
                    initial = false;
                    i += 1;
                    // `Secretary of State George Shultz`: skip the portfolio.
                    // `Lord of the Rings` has none: no person follows.
                    let (mut connectors, mut portfolio) = (false, false);
                    while i < n {
                        if run.is_connector(i) {
                            connectors = true;
                        } else if self.lex.portfolios.contains(&run.folds[i]) {
                            portfolio = true;
                        } else {
                            break;
                        }
                        i += 1;
                    }
                    cue = portfolio || !connectors;
                    continue;
                } else if self.lex.stop.contains(f)
                    || self.lex.portfolios.contains(f)
                    || plain_opener
                {
                    i += 1;
                    continue;
                }
            }
            let end = self.name_end(&run, i);
            let mut stop = end;
            while stop > i && run.is_connector(stop - 1) {
                stop -= 1;
            }
            let before_title = end < n && self.lex.titles.contains(&run.folds[end]);
            let has_head = (i..stop).any(|k| self.lex.org_heads.contains(&run.folds[k]));
            // Words right before a title are its portfolio (`Unification
            // Minister`), unless they name an organisation.
            if (has_head || !before_title) && stop > i {
                // `Experts said`: a verb of saying after one sentence-opening
                // word proves nothing.
                // Nor does one after another name (`China Daily said`).
                let said = end == n && said_after && !spoken_for && !(initial && stop - i == 1);
                let person_cue = cue || said;
                let guess = self.guess(&run, i..stop, person_cue);
                out.push(self.raw(&run, i..stop, guess, initial, person_cue));
            }
            cue = false;
            initial = false;
            spoken_for = true;
            i = end.max(i + 1);
        }
    }

    /// `BAHIA BLANCA, March 3 -`: capitals opening a line, then a comma and
    /// a month, are a dateline's place.
    fn dateline_place(&self, run: &Run, after: usize) -> bool {
        const MONTHS: &[&str] = &[
            "jan",
            "january",
            "feb",
            "february",
            "mar",
            "march",
            "apr",
            "april",
            "may",
            "jun",
            "june",
            "jul",
            "july",
            "aug",
            "august",
            "sep",
            "sept",
            "september",
            "oct",
            "october",
            "nov",
            "november",
            "dec",
            "december",
        ];
        let caps = run
            .toks
            .iter()
            .all(|t| matches!(t.shape, Shape::Upper | Shape::Dotted));
        let comma = self
            .tokens
            .get(after)
            .is_some_and(|t| t.text(self.text) == ",");
        let month = self
            .tokens
            .get(after + 1)
            .is_some_and(|t| MONTHS.contains(&fold_key(t.text(self.text)).as_str()));
        run.toks[0].line_start && caps && comma && month && run.len() <= 4
    }

    /// The longest gazetteer spelling starting at word `i`.
    fn gazetteer_match(&self, run: &Run, i: usize) -> Option<(usize, usize)> {
        let longest = (run.len() - i).min(self.gaz.max_words);
        let mut key = String::new();
        let mut best = None;
        for len in 1..=longest {
            if len > 1 {
                key.push(' ');
            }
            key.push_str(&run.folds[i + len - 1]);
            if run.is_connector(i + len - 1) {
                continue;
            }
            let Some(hit) = self.gaz.get(&key) else {
                continue;
            };
            let written = &run.toks[i..i + len];
            let all_caps = written
                .iter()
                .all(|t| !t.text(self.text).chars().any(char::is_lowercase));
            if hit.caps_only && !all_caps {
                continue;
            }
            // In a shouting headline `US` or `WHO` may be plain words.
            let dotted = written.iter().any(|t| t.shape == Shape::Dotted);
            if hit.caps_only && run.headline && !dotted && self.lex.stop.contains(&key) {
                continue;
            }
            best = Some((len, hit.entry));
        }
        best
    }

    fn demonym_match(&self, run: &Run, i: usize) -> Option<(usize, usize)> {
        if let Some(second) = run.folds.get(i + 1) {
            let two = format!("{} {}", run.folds[i], second);
            if let Some(place) = self.gaz.demonym(&two) {
                return Some((2, place));
            }
        }
        self.gaz.demonym(&run.folds[i]).map(|p| (1, p))
    }

    fn is_head(&self, fold: &str) -> bool {
        self.lex.org_heads.contains(fold)
            || self.lex.other_heads.contains(fold)
            || self.lex.place_heads.contains(fold)
    }

    /// Whether the words from `k` on end in a head word before any title or
    /// plain word, so a place or demonym before them is part of one name
    /// (`Tokyo Stock Exchange`, `Chinese Foreign Ministry`).
    fn head_follows(&self, run: &Run, k: usize) -> bool {
        for f in &run.folds[k.min(run.len())..] {
            if self.is_head(f) {
                return true;
            }
            // Capitalised plain words may sit inside a company name
            // (`International Business Machines Corp`); titles and
            // function words may not.
            if self.lex.titles.contains(f) || self.lex.function_words.contains(f) {
                return false;
            }
        }
        false
    }

    /// Where the name starting at word `s` ends (exclusive).
    fn name_end(&self, run: &Run, s: usize) -> usize {
        let mut has_head = self.lex.org_heads.contains(&run.folds[s]);
        let mut has_any_head = self.is_head(&run.folds[s]);
        let single_given = self.lex.given.contains(&run.folds[s]);
        let mut j = s + 1;
        while j < run.len() {
            let f = &run.folds[j];
            if run.is_connector(j) {
                // `Bank of Korea`, but `David Larner of Lloyds` is two names:
                // `of` and its kind only continue a name with a head word.
                let company_next = run
                    .folds
                    .get(j + 1)
                    .is_some_and(|n| matches!(n.as_str(), "co" | "company" | "sons"));
                if matches!(f.as_str(), "of" | "for" | "on" | "and" | "the")
                    && !has_any_head
                    && !company_next
                {
                    break;
                }
                j += 1;
                continue;
            }
            has_any_head |= self.is_head(f);
            if self.is_head(f) {
                has_head |= self.lex.org_heads.contains(f);
                j += 1;
                continue;
            }
            let plain = self.lex.titles.contains(f) || self.lex.stop.contains(f);
            // `International Business Machines Corp`: a plain word inside a
            // company name does not end it.
            if plain && !self.lex.function_words.contains(f) && self.head_follows(run, j + 1) {
                j += 1;
                continue;
            }
            if plain || self.demonym_match(run, j).is_some() {
                break;
            }
            let known_inside = self
                .gazetteer_match(run, j)
                .is_some_and(|(len, _)| !self.head_follows(run, j + len));
            if !(has_head || (single_given && j == s + 1)) && known_inside {
                break;
            }
            j += 1;
        }
        j
    }

    /// The kind the words `r` suggest by themselves and their cues.
    fn guess(&self, run: &Run, r: Range<usize>, person_cue: bool) -> Guess {
        let words: Vec<usize> = r.clone().filter(|&k| !run.is_connector(k)).collect();
        let folds = |k: usize| run.folds[k].as_str();
        let first = folds(words[0]);
        let last = folds(*words.last().unwrap_or(&words[0]));
        if words.iter().any(|&k| self.lex.org_heads.contains(folds(k))) && words.len() > 1 {
            return Guess::Kind(EntityKind::Org);
        }
        if words.len() > 1 && self.lex.other_heads.contains(last) {
            return Guess::Kind(EntityKind::Other);
        }
        if words.len() > 1
            && (self.lex.place_heads.contains(last)
                || matches!(first, "mount" | "lake" | "gulf" | "cape"))
        {
            return Guess::Kind(EntityKind::Place);
        }
        let shapes: Vec<Shape> = words.iter().map(|&k| run.toks[k].shape).collect();
        if words.len() == 1 {
            return match shapes[0] {
                // An acronym has two to six capitals; a longer all-caps word
                // is a name shouted, which must earn its place like any other.
                Shape::Upper | Shape::Dotted if first.chars().count() <= 6 => Guess::Acronym,
                // `the Ministry said`: a head word alone is nobody.
                _ if self.is_head(first) || self.lex.stop.contains(first) => Guess::Unknown,
                _ if person_cue => Guess::Kind(EntityKind::Person),
                _ => Guess::Unknown,
            };
        }
        let plain = shapes
            .iter()
            .all(|s| matches!(s, Shape::Title | Shape::Initial));
        let hyphenated_given = words[1..].iter().any(|&k| {
            let w = run.toks[k].text(self.text);
            w.split_once('-')
                .is_some_and(|(a, b)| a.len() > 1 && b.starts_with(char::is_lowercase))
        });
        let person = person_cue
            || (plain
                && words.len() <= 4
                && (self.lex.given.contains(first)
                    || (words.len() <= 3
                        && (self.lex.east_asian.contains(first) || hyphenated_given))
                    || (shapes.contains(&Shape::Initial) && shapes.last() == Some(&Shape::Title))
                    || (words.len() == 2 && self.lex.surnames.contains(last))));
        Guess::Kind(if person {
            EntityKind::Person
        } else {
            EntityKind::Other
        })
    }

    fn raw(
        &self,
        run: &Run,
        r: Range<usize>,
        guess: Guess,
        initial: bool,
        person_cue: bool,
    ) -> Raw {
        let toks = &run.toks[r.clone()];
        let start = toks[0].start;
        let end = toks[toks.len() - 1].end;
        let spelling = self.text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<usize> = r.filter(|&k| !run.is_connector(k)).collect();
        Raw {
            start,
            end,
            spelling,
            guess,
            words: words.len(),
            first: run.folds[words[0]].clone(),
            last: run.folds[*words.last().unwrap_or(&words[0])].clone(),
            sentence_start: initial,
            person_cue,
            demonym: false,
        }
    }
}

/// `BAHIA BLANCA` → `Bahia Blanca`, for a name only ever seen in capitals.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
