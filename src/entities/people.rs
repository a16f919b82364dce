//! Evidence inside one article that a name of no definite kind is a
//! person's.

use std::collections::HashSet;

use super::classify::{Guess, Raw};
use super::fold::fold_key;
use super::resolve::Target;
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

/// The given-name parts of a person's spelling, each folded, with `J.K.`
/// read as two initials: `Joseph K. Osei` → `[joseph, k]`.
fn given_parts(spelling: &str) -> Vec<String> {
    let words: Vec<&str> = spelling.split_whitespace().collect();
    let Some((_, given)) = words.split_last() else {
        return Vec::new();
    };
    given
        .iter()
        .flat_map(|w| {
            let letters: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
            if w.contains('.') && letters.iter().all(|p| p.chars().count() == 1) {
                letters
            } else {
                vec![*w]
            }
        })
        .map(fold_key)
        .collect()
}

/// Whether every given part of `short` is the same as, or the initial of,
/// the part of `long` in its place (`J. K.` fits `Joseph K.`).
fn initials_fit(short: &[String], long: &[String]) -> bool {
    short.len() == long.len()
        && short
            .iter()
            .zip(long)
            .all(|(s, l)| s == l || (s.chars().count() == 1 && l.starts_with(s.as_str())))
}

/// `J. K. Osei` and `Joseph K. Osei` in one article are one person: same
/// surname, initials that fit the fuller spelling, and no second fuller
/// spelling they could also stand for. Across articles they stay apart,
/// since only the article shows that the initials are his.
pub fn join_initialled_names(raws: &[Raw], targets: &mut [Option<Target>]) {
    let people: Vec<(usize, Vec<String>)> = raws
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.words > 1 && r.guess == Guess::Kind(EntityKind::Person) && targets[*i].is_some()
        })
        .map(|(i, r)| (i, given_parts(&r.spelling)))
        .collect();
    let mut moves: Vec<(Target, Target)> = Vec::new();
    for (i, short) in &people {
        if !short.iter().any(|p| p.chars().count() == 1) {
            continue;
        }
        let mut fuller: Vec<&Target> = Vec::new();
        for (j, long) in &people {
            let (a, b) = (&raws[*i], &raws[*j]);
            if a.last == b.last
                && targets[*i] != targets[*j]
                && long.iter().map(|p| p.chars().count()).sum::<usize>()
                    > short.iter().map(|p| p.chars().count()).sum::<usize>()
                && initials_fit(short, long)
                && let Some(t) = &targets[*j]
                && !fuller.contains(&t)
            {
                fuller.push(t);
            }
        }
        if let ([only], Some(from)) = (&fuller[..], &targets[*i]) {
            moves.push((from.clone(), (*only).clone()));
        }
    }
    for (from, to) in moves {
        for t in targets.iter_mut() {
            if t.as_ref() == Some(&from) {
                *t = Some(to.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_parts_split_joined_initials() {
        assert_eq!(given_parts("J.K. Mensah"), vec!["j", "k"]);
        assert_eq!(given_parts("Kwabena T. Mensah"), vec!["kwabena", "t"]);
        assert!(given_parts("Mensah").is_empty());
    }

    #[test]
    fn initials_fit_only_in_place() {
        let p = |s: &str| given_parts(s);
        assert!(initials_fit(&p("K. T. X"), &p("Kwabena T. X")));
        assert!(!initials_fit(&p("T. K. X"), &p("Kwabena T. X")));
        assert!(!initials_fit(&p("K. X"), &p("Kwabena T. X")));
    }
}
