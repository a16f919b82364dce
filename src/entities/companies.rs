//! Linking a company's shorter spellings inside one article: `Orion
//! Capital` and a bare `Orion` after `Orion Capital Corp`, `Nordvik` after
//! `Nordvik Energy ASA`, when exactly one organisation starts that way.

use super::fast_hash::FastMap;

use super::classify::{Guess, Raw};
use super::lexicon::{Lexicon, is_legal_suffix_fold};
use super::resolve::Target;
use crate::model::EntityKind;

/// Designators a company drops in later mentions (`Orion Capital Corp`,
/// then `Orion Capital`, then `Orion`).
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "group",
    "holdings",
    "sa",
    "ag",
    "nv",
    "spa",
    "gmbh",
    "kk",
    "bancorp",
    "of",
];

/// `Orion Capital` and a bare `Orion` join `Orion Capital Corp` named in
/// the same article, when exactly one organisation starts that way.
pub fn link_company_short_forms(raws: &[Raw], lex: &Lexicon, targets: &mut [Option<Target>]) {
    // The folded spelling of every organisation of two words or more.
    let orgs: Vec<(usize, String)> = raws
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.words >= 2 && r.guess == Guess::Kind(EntityKind::Org) && targets[*i].is_some()
        })
        .map(|(i, r)| (i, super::fold::fold_key(&r.spelling)))
        .collect();
    if orgs.is_empty() {
        return;
    }
    // Longer short forms first, so `Orion Capital` has joined the company
    // before a bare `Orion` asks which organisations start with it.
    for single in [false, true] {
        let starts = Starts::new(&orgs, targets, single);
        for (i, r) in raws.iter().enumerate() {
            let open = matches!(
                r.guess,
                Guess::Unknown | Guess::Kind(EntityKind::Other | EntityKind::Org)
            );
            if !open || (r.words == 1) != single {
                continue;
            }
            // A single ASCII word is folded already (`first`).
            let key = if r.spelling.is_ascii() && !r.spelling.contains(' ') {
                std::borrow::Cow::Borrowed(r.first.as_str())
            } else {
                std::borrow::Cow::Owned(super::fold::fold_key(&r.spelling))
            };
            let words: Vec<&str> = key.split(' ').collect();
            if single && (lex.stop.contains(words[0]) || lex.given.contains(words[0])) {
                continue;
            }
            if let Some(only) = starts.only_fit(&words, i) {
                targets[i] = Some(only.clone());
            }
        }
    }
}

/// The organisations of an article filed under every leading part of
/// their names (`orion` and `orion capital` for `Orion Capital Corp`), in a
/// tree of words, so a short form finds the companies it may stand for in
/// as many steps as it has words, however many the article names.
struct Starts<'a> {
    /// (node, next word) → node; the root is 0.
    children: FastMap<(usize, &'a str), usize>,
    /// Per node, the two companies going on past it that a short form fits
    /// soonest, soonest first: one at position `i` fits those whose `since`
    /// is at most `i`. Two are enough to tell one from many.
    soonest: FastMap<usize, Vec<(usize, Target)>>,
}

impl<'a> Starts<'a> {
    fn new(orgs: &'a [(usize, String)], targets: &[Option<Target>], single: bool) -> Self {
        let mut children: FastMap<(usize, &'a str), usize> = FastMap::default();
        let mut since: FastMap<(usize, Target), usize> = FastMap::default();
        for (first_use, key) in orgs {
            let Some(t) = &targets[*first_use] else {
                continue;
            };
            let words: Vec<&str> = key.split(' ').collect();
            // Whether every word from here on is a designator.
            let mut designators_after = vec![true; words.len() + 1];
            for k in (0..words.len()).rev() {
                let w = words[k];
                designators_after[k] = designators_after[k + 1]
                    && (COMPANY_SUFFIXES.contains(&w) || is_legal_suffix_fold(w));
            }
            let mut node = 0;
            for (len, w) in words.iter().enumerate().take(words.len() - 1) {
                super::work::step();
                let fresh = children.len() + 1;
                node = *children.entry((node, *w)).or_insert(fresh);
                // A bare word fits any company it starts; past a legal
                // form, any leading words fit (`Danubia Gas` after
                // `Danubia Gas Transmission`), else only one named earlier.
                let from = if single || designators_after[len + 1] {
                    0
                } else {
                    first_use + 1
                };
                since
                    .entry((node, t.clone()))
                    .and_modify(|s| *s = (*s).min(from))
                    .or_insert(from);
            }
        }
        let mut soonest: FastMap<usize, Vec<(usize, Target)>> = FastMap::default();
        for ((node, t), from) in since {
            let top = soonest.entry(node).or_default();
            top.push((from, t));
            top.sort_by_key(|(from, _)| *from);
            top.truncate(2);
        }
        Self { children, soonest }
    }

    /// The one company the short form `words` at position `i` can stand
    /// for, if exactly one.
    fn only_fit(&self, words: &[&str], i: usize) -> Option<&Target> {
        let mut node = 0;
        for w in words {
            super::work::step();
            node = *self.children.get(&(node, *w))?;
        }
        let mut fitting = self.soonest.get(&node)?.iter().filter(|(s, _)| *s <= i);
        match (fitting.next(), fitting.next()) {
            (Some((_, only)), None) => Some(only),
            _ => None,
        }
    }
}
