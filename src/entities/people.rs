//! Evidence inside one article that a name of no definite kind is a
//! person's.

use super::fast_hash::{FastMap, FastSet};

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
    let cued = |r: &Raw| {
        r.words == 1
            && (r.person_cue || r.said_cue)
            && matches!(r.guess, Guess::Unknown | Guess::Kind(EntityKind::Person))
    };
    if !raws.iter().any(cued) {
        return;
    }
    // Per surname, the first two distinct full names ending in it so far,
    // each with whether its first spelling is of no definite kind. A third
    // changes nothing (two already make the surname ambiguous), so each
    // mention costs the same however many names the article holds.
    let mut by_last: FastMap<&str, Vec<(String, bool)>> = FastMap::default();
    let mut promoted: FastSet<String> = FastSet::default();
    for r in raws.iter() {
        super::work::step();
        if cued(r) {
            if let Some([(key, true)]) = by_last.get(r.first.as_str()).map(Vec::as_slice) {
                promoted.insert(key.clone());
            }
        } else if r.words >= 2 {
            let fits = by_last.entry(r.last.as_str()).or_default();
            if fits.len() < 2 {
                let key = fold_key(&r.spelling);
                if !fits.iter().any(|(k, _)| *k == key) {
                    fits.push((key, r.guess == Guess::Kind(EntityKind::Other)));
                }
            }
        }
    }
    if promoted.is_empty() {
        return;
    }
    for r in raws.iter_mut() {
        if r.words > 1
            && r.guess == Guess::Kind(EntityKind::Other)
            && promoted.contains(&fold_key(&r.spelling))
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
    let moves = initialled_moves(raws, targets);
    if moves.is_empty() {
        return;
    }
    // Which original targets each target now stands for. A move hands all
    // of `from`'s over to `to`, the smaller group into the larger, so even
    // a long chain of moves costs little; later moves see earlier ones.
    let mut holders: FastMap<Target, Vec<Target>> = FastMap::default();
    for t in targets.iter().flatten() {
        holders.entry(t.clone()).or_insert_with(|| vec![t.clone()]);
    }
    for (from, to) in moves {
        super::work::step();
        if from == to {
            continue;
        }
        let Some(mut moved) = holders.remove(&from) else {
            continue;
        };
        let into = holders.entry(to).or_default();
        if into.len() < moved.len() {
            std::mem::swap(into, &mut moved);
        }
        into.extend(moved);
    }
    let now: FastMap<Target, Target> = holders
        .into_iter()
        .flat_map(|(to, olds)| olds.into_iter().map(move |o| (o, to.clone())))
        .collect();
    for t in targets.iter_mut().flatten() {
        if let Some(to) = now.get(t) {
            *t = to.clone();
        }
    }
}

/// The first letter of each given part: the same in a spelling and in any
/// fuller spelling its initials fit.
fn initials_of(parts: &[String]) -> Vec<Option<char>> {
    parts.iter().map(|p| p.chars().next()).collect()
}

fn letters(parts: &[String]) -> usize {
    parts.iter().map(|p| p.chars().count()).sum()
}

/// For each initialled mention in text order, the target it leaves and the
/// one fuller spelling it joins.
fn initialled_moves(raws: &[Raw], targets: &[Option<Target>]) -> Vec<(Target, Target)> {
    let people: Vec<(usize, Vec<String>)> = raws
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.words > 1 && r.guess == Guess::Kind(EntityKind::Person) && targets[*i].is_some()
        })
        .map(|(i, r)| (i, given_parts(&r.spelling)))
        .collect();
    // Each distinct spelling of a person once, filed by surname and the
    // initials of its given parts: the only spellings an initialled one
    // can fit, so a mention is not compared with every other.
    type Shape<'a> = (&'a str, Vec<Option<char>>);
    let mut by_shape: FastMap<Shape, Vec<(&Target, &[String])>> = FastMap::default();
    let mut distinct: FastSet<(&str, &[String], &Target)> = FastSet::default();
    for (j, long) in &people {
        let Some(t) = &targets[*j] else { continue };
        let last = raws[*j].last.as_str();
        if distinct.insert((last, long, t)) {
            by_shape
                .entry((last, initials_of(long)))
                .or_default()
                .push((t, long));
        }
    }
    // The same spelling of the same target always joins the same one.
    let mut answers: FastMap<(&str, &[String], &Target), Option<&Target>> = FastMap::default();
    let mut moves: Vec<(Target, Target)> = Vec::new();
    for (i, short) in &people {
        if !short.iter().any(|p| p.chars().count() == 1) {
            continue;
        }
        let Some(from) = &targets[*i] else { continue };
        let last = raws[*i].last.as_str();
        let only = *answers.entry((last, short, from)).or_insert_with(|| {
            let mut fuller: Vec<&Target> = Vec::new();
            let same_shape = by_shape.get(&(last, initials_of(short)));
            for (t, long) in same_shape.into_iter().flatten() {
                super::work::step();
                if *t != from
                    && letters(long) > letters(short)
                    && initials_fit(short, long)
                    && !fuller.contains(t)
                {
                    fuller.push(t);
                    // Two already make it ambiguous.
                    if fuller.len() > 1 {
                        break;
                    }
                }
            }
            match fuller[..] {
                [only] => Some(only),
                _ => None,
            }
        });
        if let Some(to) = only {
            moves.push((from.clone(), to.clone()));
        }
    }
    moves
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
