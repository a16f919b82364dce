//! Guessing a name's kind from its own words and the cues around it, and
//! making the `Raw` record of it.

use std::ops::Range;

use super::{Guess, Raw, Run, Segmenter};
use crate::entities::lexicon::LEGAL_SUFFIXES;
use crate::entities::tokens::Shape;
use crate::entities::word::Word;
use crate::model::EntityKind;

impl Segmenter<'_> {
    /// The kind the words `r` suggest by themselves and their cues.
    pub(super) fn guess(&self, run: &Run, r: Range<usize>, person_cue: bool) -> Guess {
        let words: Vec<usize> = r.clone().filter(|&k| !run.is_connector(k)).collect();
        let folds = |k: usize| run.folds[k];
        let first = folds(words[0]);
        let last = folds(*words.last().unwrap_or(&words[0]));
        if words.len() > 1
            && (words.iter().any(|&k| self.lex.org_heads.contains(folds(k)))
                || self.ends_with_legal_suffix(run, &words)
                || self.weak_head_after_name(run, &words))
        {
            return Guess::Kind(EntityKind::Org);
        }
        if words.len() > 1 && self.lex.other_heads.contains(last) {
            return Guess::Kind(EntityKind::Other);
        }
        if words.len() > 1
            && (self.lex.place_heads.contains(last)
                || matches!(
                    first,
                    "mount" | "lake" | "gulf" | "cape" | "san" | "santa" | "sao" | "fort" | "port"
                ))
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

    /// `Nordvik Energy ASA`, `Hanil Gas Corporation`: a legal form, as
    /// written, closes the name.
    fn ends_with_legal_suffix(&self, run: &Run, words: &[usize]) -> bool {
        let Some(&last) = words.last() else {
            return false;
        };
        let written = run.toks[last].text(self.text);
        LEGAL_SUFFIXES.contains(&written) || LEGAL_SUFFIXES.contains(&written.trim_end_matches('.'))
    }

    /// `General Automation Inc`: an organisation head or legal form later in
    /// the same stretch of words, so the title word opens a company.
    pub(super) fn company_word_follows(&self, run: &Run, from: usize) -> bool {
        super::super::work::step();
        let company_word = |k: usize| {
            self.lex.org_heads.contains(run.folds[k])
                || LEGAL_SUFFIXES.contains(&run.toks[k].text(self.text))
        };
        if run.len() <= super::lookup::SHORT_RUN {
            let words: Vec<usize> = (from..run.len())
                .take_while(|&k| !run.is_connector(k))
                .collect();
            return words.len() > 1 && words.iter().skip(1).any(|&k| company_word(k));
        }
        let (next_connector, next_company_word) = run.company_ahead.get_or_init(|| {
            let n = run.len();
            let (mut connector, mut company) = (vec![n; n + 1], vec![n; n + 1]);
            for k in (0..n).rev() {
                super::super::work::step();
                connector[k] = if run.is_connector(k) {
                    k
                } else {
                    connector[k + 1]
                };
                company[k] = if company_word(k) { k } else { company[k + 1] };
            }
            (connector, company)
        });
        let n = run.len();
        // The words from `from` up to the next connector: more than one,
        // and a company word after the first.
        let end = next_connector[from.min(n)];
        end > from + 1 && next_company_word[from + 1] < end
    }

    /// `Danubia Gas` is a company, `Natural Gas` is not: every word before
    /// a weak head word must be a name the article never writes in lower
    /// case.
    fn weak_head_after_name(&self, run: &Run, words: &[usize]) -> bool {
        let plain_name = |w: usize| {
            super::super::work::step();
            let f = run.folds[w];
            let written = run.toks[w].text(self.text);
            !self.lower_words.contains(f)
                && !self.lower_words.contains(written.to_lowercase().as_str())
                && !self.lex.stop.contains(f)
                && !self.lex.commodity_words.contains(f)
                && !self.lex.is_head(f)
                && !self.lex.portfolios.contains(f)
        };
        // Every word before a weak head must pass, so the first weak head
        // decides: one pass over the name, not one per head.
        let Some(first_head) = words
            .iter()
            .skip(1)
            .position(|&k| self.lex.weak_org_heads.contains(run.folds[k]))
        else {
            return false;
        };
        words[..=first_head].iter().all(|&w| plain_name(w))
    }

    pub(super) fn raw(
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
        let spelling = crate::entities::fold::one_line(&self.text[start..end]);
        // The name's words, not counting connectors: counted, not listed,
        // as this runs for every name.
        let word = |k: &usize| !run.is_connector(*k);
        let count = r.clone().filter(word).count();
        // `De Guindos answered`: a capitalised particle opening a name is
        // the surname's, not a word of its own.
        let lead = r
            .clone()
            .filter(word)
            .take_while(|&k| is_leading_particle(run.folds[k]))
            .count();
        let skip = if lead > 0 && lead < count && matches!(guess, Guess::Unknown | Guess::Kind(_)) {
            lead
        } else {
            0
        };
        let words = count - skip;
        let first_word = r.clone().filter(word).nth(skip).unwrap_or(r.start);
        let last = r.clone().rev().find(word).unwrap_or(r.start);
        // The particles right before the last word belong to the surname.
        let mut from = last;
        while from > r.start && is_particle(run.folds[from - 1]) {
            from -= 1;
        }
        let surname = if from == last {
            Word::new(run.folds[last])
        } else {
            Word::new(&run.folds[from..=last].join(" "))
        };
        Raw {
            start,
            end,
            spelling,
            guess,
            words,
            first: Word::new(run.folds[first_word]),
            last: Word::new(run.folds[last]),
            definite_other: guess == Guess::Kind(EntityKind::Other)
                && words > 1
                && self.lex.other_heads.contains(run.folds[last]),
            surname,
            team: false,
            sentence_start: initial,
            person_cue,
            said_cue: false,
            hint: None,
        }
    }
}

/// Particles that belong to the surname after them (`de Guindos`, `van
/// Houten`, `bin Laden`), folded.
pub(in crate::entities) fn is_particle(fold: &str) -> bool {
    matches!(
        fold,
        "de" | "del"
            | "della"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
    )
}

/// Particles that, capitalised, open a surname said alone (`De Guindos`,
/// `Van Houten`); not `Al` or `Le`, which open given names and titles
/// (`Al Gore`, `Le Monde`).
pub(in crate::entities) fn is_leading_particle(fold: &str) -> bool {
    is_particle(fold) && !matches!(fold, "al" | "el" | "la" | "le" | "do")
}

/// `BAHIA BLANCA` → `Bahia Blanca`, for a name only ever seen in capitals.
pub(super) fn title_case(s: &str) -> String {
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

/// `YONHAP` → `Yonhap`; a name written in mixed case is kept as written.
pub(in crate::entities) fn title_case_if_shouting(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        s.to_string()
    } else {
        title_case(s)
    }
}
