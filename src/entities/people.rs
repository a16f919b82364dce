//! Evidence inside one article that a name of no definite kind is a
//! person's.

use std::collections::HashSet;

use super::classify::{Guess, Raw};
use crate::model::EntityKind;

/// Multi-word names of no definite kind (`Ingrid Halvorsen`) that a later
/// bare surname marked as a person (`Halvorsen said`, `said Halvorsen`,
/// `Mr Halvorsen`) shows to be people. The surname must fit exactly one
/// earlier full name, person or not, so two people are never merged
/// through it; every spelling of that name becomes a person.
pub fn promote_people(raws: &mut [Raw]) {
    let mut promoted: HashSet<String> = HashSet::new();
    for (i, r) in raws.iter().enumerate() {
        let cued = r.person_cue || r.said_cue;
        let open = matches!(r.guess, Guess::Unknown | Guess::Kind(EntityKind::Person));
        if r.words != 1 || !cued || !open {
            continue;
        }
        let mut fits: Vec<(String, bool)> = Vec::new();
        for full in &raws[..i] {
            if full.words < 2 || full.last != r.first {
                continue;
            }
            let key = super::fold::fold_key(&full.spelling);
            let other = full.guess == Guess::Kind(EntityKind::Other);
            if !fits.iter().any(|(k, _)| *k == key) {
                fits.push((key, other));
            }
        }
        if let [(key, true)] = &fits[..] {
            promoted.insert(key.clone());
        }
    }
    if promoted.is_empty() {
        return;
    }
    for r in raws.iter_mut() {
        if r.words > 1
            && r.guess == Guess::Kind(EntityKind::Other)
            && promoted.contains(&super::fold::fold_key(&r.spelling))
        {
            r.guess = Guess::Kind(EntityKind::Person);
        }
    }
}
