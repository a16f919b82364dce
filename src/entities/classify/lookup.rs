//! Looking words up while cutting a run: the gazetteer, demonyms, head
//! words, and where a name ends.

use super::{Run, Segmenter};
use crate::entities::fold::fold_key;
use crate::entities::tokens::Shape;

/// Runs up to this many words are searched directly, not through the
/// tables `Run` keeps for long ones: most runs are a name or two.
pub(super) const SHORT_RUN: usize = 16;

impl Segmenter<'_> {
    /// `BAHIA BLANCA, March 3 -`: capitals opening a line, then a comma and
    /// a month, are a dateline's place.
    pub(super) fn dateline_place(&self, run: &Run, after: usize) -> bool {
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
        // Cheapest first: the month is folded only after the rest holds.
        let caps = || {
            run.toks
                .iter()
                .all(|t| matches!(t.shape, Shape::Upper | Shape::Dotted))
        };
        let comma = || {
            self.tokens
                .get(after)
                .is_some_and(|t| t.text(self.text) == ",")
        };
        let month = || {
            self.tokens
                .get(after + 1)
                .is_some_and(|t| MONTHS.contains(&fold_key(t.text(self.text)).as_str()))
        };
        run.toks[0].line_start && run.len() <= 4 && caps() && comma() && month()
    }

    /// `Cibona Zagreb`: a known town closing the words `s..end` of a run
    /// after one or two words no list knows and the text never writes in
    /// lower case is part of that name, a team's or a company's, not a
    /// place of its own. A country (a place with a demonym) stays itself:
    /// `Texaco Canada` names Canada too, as readers and taggers take it.
    pub(super) fn place_closes_name(&self, run: &Run, s: usize, end: usize) -> bool {
        (s + 1..end.min(s + 3)).any(|k| {
            (s..k).all(|w| self.unknown_word(run, w))
                && self.gazetteer_match(run, k).is_some_and(|(len, hit)| {
                    k + len == end
                        && self.gaz.entry(hit).kind == Some(crate::model::EntityKind::Place)
                        && !self.gaz.has_demonym(hit)
                })
        })
    }

    /// A capitalised word no list knows: no title, plain word, given name,
    /// surname, head word or demonym, not in the gazetteer, and never
    /// written in lower case in the text.
    fn unknown_word(&self, run: &Run, w: usize) -> bool {
        let f = run.folds[w];
        run.toks[w].shape == Shape::Title
            && !run.is_connector(w)
            && !self.lex.titles.contains(f)
            && !self.lex.stop.contains(f)
            && !self.lex.portfolios.contains(f)
            && !self.lex.given.contains(f)
            && !self.lex.surnames.contains(f)
            && !self.is_head(f)
            && self.gaz.demonym(f).is_none()
            && self.gaz.get(f).is_none()
            && !self
                .lower_words
                .contains(&run.toks[w].text(self.text).to_lowercase())
    }

    /// The longest gazetteer spelling starting at word `i`.
    pub(super) fn gazetteer_match(&self, run: &Run, i: usize) -> Option<(usize, usize)> {
        let longest = (run.len() - i).min(self.gaz.max_words);
        // Built only past the first word, and only while some spelling
        // goes on: most words are in no spelling of several words.
        let mut longer = String::new();
        let mut best = None;
        for len in 1..=longest {
            let key: &str = if len == 1 {
                run.folds[i]
            } else {
                if len == 2 {
                    longer.push_str(run.folds[i]);
                }
                longer.push(' ');
                longer.push_str(run.folds[i + len - 1]);
                &longer
            };
            let more = len < longest && self.gaz.is_prefix(key);
            let hit = if run.is_connector(i + len - 1) {
                None
            } else {
                self.gaz.get(key)
            };
            let Some(hit) = hit else {
                if more {
                    continue;
                }
                break;
            };
            let written = &run.toks[i..i + len];
            let all_caps = written
                .iter()
                .all(|t| !t.text(self.text).chars().any(char::is_lowercase));
            // In a shouting headline `US` or `WHO` may be plain words.
            let dotted = || written.iter().any(|t| t.shape == Shape::Dotted);
            let shouted_word = || run.headline && !dotted() && self.lex.stop.contains(key);
            if !(hit.caps_only && (!all_caps || shouted_word())) {
                best = Some((len, hit.entry));
            }
            if !more {
                break;
            }
        }
        best
    }

    pub(super) fn demonym_match(&self, run: &Run, i: usize) -> Option<(usize, usize)> {
        if let Some(second) = run.folds.get(i + 1)
            && self.gaz.opens_demonym(run.folds[i])
        {
            let two = format!("{} {}", run.folds[i], second);
            if let Some(place) = self.gaz.demonym(&two) {
                return Some((2, place));
            }
        }
        self.gaz.demonym(run.folds[i]).map(|p| (1, p))
    }

    pub(super) fn is_head(&self, fold: &str) -> bool {
        self.lex.org_heads.contains(fold)
            || self.lex.other_heads.contains(fold)
            || self.lex.place_heads.contains(fold)
    }

    /// Whether the words from `k` on end in a head word before any title or
    /// plain word, so a place or demonym before them is part of one name
    /// (`Tokyo Stock Exchange`, `Chinese Foreign Ministry`).
    pub(super) fn head_follows(&self, run: &Run, k: usize) -> bool {
        super::super::work::step();
        if run.len() <= SHORT_RUN {
            return self.head_follows_from(&run.folds[k.min(run.len())..]);
        }
        let ahead = run.heads_ahead.get_or_init(|| {
            let mut ahead = vec![false; run.len() + 1];
            for (k, &f) in run.folds.iter().enumerate().rev() {
                super::super::work::step();
                ahead[k] = if self.is_head(f) {
                    true
                } else if self.lex.titles.contains(f) || self.lex.function_words.contains(f) {
                    // Capitalised plain words may sit inside a company name
                    // (`International Business Machines Corp`); titles and
                    // function words may not.
                    false
                } else {
                    ahead[k + 1]
                };
            }
            ahead
        });
        ahead[k.min(run.len())]
    }

    /// `head_follows` by looking: cheaper than the table in a short run.
    fn head_follows_from(&self, folds: &[&str]) -> bool {
        for &f in folds {
            super::super::work::step();
            if self.is_head(f) {
                return true;
            }
            if self.lex.titles.contains(f) || self.lex.function_words.contains(f) {
                return false;
            }
        }
        false
    }

    /// Where the name starting at word `s` ends (exclusive).
    pub(super) fn name_end(&self, run: &Run, s: usize) -> usize {
        let mut has_head = self.lex.org_heads.contains(run.folds[s]);
        let mut has_any_head = self.is_head(run.folds[s]);
        let single_given = self.lex.given.contains(run.folds[s]);
        let mut j = s + 1;
        while j < run.len() {
            let f = run.folds[j];
            if run.is_connector(j) {
                // `Bank of Korea`, but `David Larner of Lloyds` is two names:
                // `of` and its kind only continue a name with a head word.
                let company_next = run
                    .folds
                    .get(j + 1)
                    .is_some_and(|n| matches!(*n, "co" | "company" | "sons"));
                if matches!(f, "of" | "for" | "on" | "and" | "the")
                    && !has_any_head
                    && !company_next
                {
                    break;
                }
                // `Tarrow Shipping and Quillon Steel` is two companies: a
                // name already closed by a head word, then a new name. (`Oil
                // and Gas`, `Securities and Exchange` go on: a head follows.)
                let closed = j > s && self.lex.org_heads.contains(run.folds[j - 1]);
                let fresh_name = run
                    .folds
                    .get(j + 1)
                    .is_some_and(|n| !self.is_head(n) && !company_next);
                if f == "and" && closed && fresh_name {
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
                if self.place_closes_name(run, s, run.len()) {
                    return run.len();
                }
                break;
            }
            j += 1;
        }
        j
    }
}
