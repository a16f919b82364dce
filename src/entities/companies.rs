//! Linking a company's shorter spellings inside one article: `Orion
//! Capital` and a bare `Orion` after `Orion Capital Corp`, `Nordvik` after
//! `Nordvik Energy ASA`, when exactly one organisation starts that way.

use std::collections::HashMap;

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
    // Longer short forms first, so `Orion Capital` has joined the company
    // before a bare `Orion` asks which organisations start with it.
    for single in [false, true] {
        // Organisations by their first word, so a long text stays linear.
        let mut orgs: HashMap<String, Vec<(usize, Vec<String>, Target)>> = HashMap::new();
        for (i, r) in raws.iter().enumerate() {
            if r.words < 2 || r.guess != Guess::Kind(EntityKind::Org) {
                continue;
            }
            let Some(t) = targets[i].clone() else {
                continue;
            };
            let words: Vec<String> = super::fold::fold_key(&r.spelling)
                .split(' ')
                .map(str::to_string)
                .collect();
            orgs.entry(words[0].clone())
                .or_default()
                .push((i, words, t));
        }
        if orgs.is_empty() {
            return;
        }
        for (i, r) in raws.iter().enumerate() {
            let open = matches!(
                r.guess,
                Guess::Unknown | Guess::Kind(EntityKind::Other | EntityKind::Org)
            );
            if !open || (r.words == 1) != single {
                continue;
            }
            let key = super::fold::fold_key(&r.spelling);
            let words: Vec<&str> = key.split(' ').collect();
            if single && (lex.stop.contains(words[0]) || lex.given.contains(words[0])) {
                continue;
            }
            let Some(starting) = orgs.get(words[0]) else {
                continue;
            };
            let mut found: Vec<&Target> = Vec::new();
            for (first_use, org, t) in starting {
                // Past a legal form, any leading words of a company named
                // earlier (`Danubia Gas` after `Danubia Gas Transmission`).
                let fits = org.len() > words.len()
                    && org.iter().zip(&words).all(|(a, b)| a == b)
                    && (single
                        || *first_use < i
                        || org[words.len()..].iter().all(|w| {
                            COMPANY_SUFFIXES.contains(&w.as_str()) || is_legal_suffix_fold(w)
                        }));
                if fits && !found.contains(&t) {
                    found.push(t);
                }
            }
            if let [only] = found[..] {
                targets[i] = Some(only.clone());
            }
        }
    }
}
