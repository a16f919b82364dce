//! Linking inside one article: acronyms to the long form they were defined
//! with, bare surnames to the one full name they can mean, and the choice
//! of which lone capitalised words to keep at all.
//!
//! The surname rule never merges two people: a bare `Kim` joins a full name
//! only when exactly one person named earlier in the article fits it (or,
//! when none was named earlier, exactly one in the whole article, for a
//! headline that uses the surname first). When two fit (`Kim Gunn` and
//! `Kim Jong-un` both named before), the bare `Kim` is dropped: it is
//! neither given to one of them nor kept under a key of its own that other
//! articles' `Kim`s would share.

use super::fast_hash::{FastMap, FastSet};

use super::classify::{Guess, Raw};
use super::lexicon::Lexicon;
use crate::model::EntityKind;

/// Who a name stands for after linking: a gazetteer entry or a full name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Known(usize),
    /// The index of the raw whose spelling names the entity.
    Named(usize),
}

/// For each raw, the entity it stands for, or `None` to drop it; and the
/// lone capitalised words dropped only for want of evidence in the article,
/// which the collection may show to be names (see `Extractor::read`).
pub fn link(
    text: &str,
    raws: &[Raw],
    lex: &Lexicon,
    known_person: &dyn Fn(usize) -> bool,
) -> Linked {
    let mut targets: Vec<Option<Target>> = raws
        .iter()
        .enumerate()
        .map(|(i, r)| match r.guess {
            Guess::Known(e) => Some(Target::Known(e)),
            _ if r.words > 1 => Some(Target::Named(i)),
            _ => None,
        })
        .collect();
    // Multi-word names first; the same folded spelling is one entity.
    let mut by_spelling: FastMap<String, usize> = FastMap::default();
    for (i, r) in raws.iter().enumerate() {
        if matches!(targets[i], Some(Target::Named(_))) {
            let owner = *by_spelling
                .entry(super::fold::fold_key(&r.spelling))
                .or_insert(i);
            targets[i] = Some(Target::Named(owner));
        }
    }
    let acronyms = link_acronyms(text, raws, &mut targets);
    super::people::join_initialled_names(raws, &mut targets);
    let ambiguous = link_surnames(raws, lex, known_person, &mut targets);
    super::companies::link_company_short_forms(raws, lex, &mut targets);
    let awaiting = keep_lone_words(text, raws, lex, &ambiguous, &mut targets);
    Linked {
        targets,
        awaiting,
        acronyms,
    }
}

/// What linking inside one article gives.
pub struct Linked {
    /// For each raw, the entity it stands for, or `None` to drop it.
    pub targets: Vec<Option<Target>>,
    /// Lone capitalised words the collection's case evidence decides.
    pub awaiting: Vec<usize>,
    /// Acronyms the article defines (`IAEA`, folded letters) and the long
    /// form's entity, in text order.
    pub acronyms: Vec<(String, Target)>,
}

/// The capitals of an acronym (`U.N.` → `UN`, `G-7` → `G7`).
fn acronym_letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `acronym` is made of the initials of `long`, with or without
/// its small words and the parts of its hyphenated words.
pub fn initials_match(acronym: &str, long: &str) -> bool {
    let want = acronym_letters(acronym);
    if want.chars().count() < 2 {
        return false;
    }
    let words: Vec<&str> = long.split_whitespace().collect();
    let initials = |skip_small: bool, split_hyphens: bool| -> String {
        words
            .iter()
            .flat_map(|w| {
                if split_hyphens {
                    w.split('-').collect::<Vec<_>>()
                } else {
                    vec![*w]
                }
            })
            .filter(|w| !(skip_small && w.starts_with(char::is_lowercase)))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    [(true, false), (true, true), (false, false), (false, true)]
        .into_iter()
        .any(|(a, b)| initials(a, b) == want)
}

/// `Qualifications and Curriculum Authority (QCA)`: a run of capitals cut
/// at `and` is joined again when the acronym after it spells the words
/// before the cut too.
pub fn join_defined_long_forms(text: &str, raws: &mut Vec<Raw>) {
    // Rebuilt in order rather than spliced in place, which moved every
    // later name at each join.
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len());
    let mut rest = std::mem::take(raws).into_iter().peekable();
    while let Some(b) = rest.next() {
        let Some(c) = rest.peek() else {
            out.push(b);
            break;
        };
        let defines = text.get(b.end..c.start).is_some_and(|g| g.trim() == "(")
            && text[c.end..].trim_start().starts_with(')')
            && c.words == 1
            && b.words > 1
            && !initials_match(&c.spelling, &b.spelling);
        let Some(start) = defines
            .then(|| extend_back(text, &b, &c.spelling))
            .flatten()
        else {
            out.push(b);
            continue;
        };
        // Whatever was found inside the joined name gives way to it; a
        // name reaching into it from before (`U.S. Department of
        // Housing` before `and Urban Development (HUD)`) keeps it apart.
        let before = out.iter().rposition(|r| {
            super::work::step();
            r.start < start
        });
        if before.is_some_and(|p| out[p].end > start) {
            out.push(b);
            continue;
        }
        let spelling = text[start..b.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words = spelling
            .split(' ')
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        let first = super::fold::fold_key(spelling.split(' ').next().unwrap_or(""));
        out.truncate(before.map_or(0, |p| p + 1));
        out.push(Raw {
            start,
            spelling,
            words,
            first: super::word::Word::new(&first),
            ..b
        });
    }
    *raws = out;
}

/// Where the long form of `acronym` starts if it reaches back over a
/// connector and capitalised words before `long`.
fn extend_back(text: &str, long: &Raw, acronym: &str) -> Option<usize> {
    let before = &text[..long.start];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut end = before.trim_end().len();
    for _ in 0..8 {
        let start = before[..end]
            .rfind(char::is_whitespace)
            .map_or(0, |p| p + 1);
        let w = &before[start..end];
        if w.is_empty() {
            break;
        }
        words.push((start, w));
        end = before[..start].trim_end().len();
    }
    let (_, connector) = words.first()?;
    if !matches!(*connector, "and" | "of" | "for" | "&") {
        return None;
    }
    for n in 2..words.len() + 1 {
        let (start, w) = words[n - 1];
        if !w.starts_with(char::is_uppercase) || !w.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            return None;
        }
        if initials_match(
            acronym,
            &format!("{} {}", text[start..long.start].trim(), long.spelling),
        ) {
            return Some(start);
        }
    }
    None
}

/// `Terminal High Altitude Area Defense (THAAD)` and `THAAD (Terminal High
/// Altitude Area Defense)`: every use of the acronym in the article joins
/// the long form's entity.
fn link_acronyms(
    text: &str,
    raws: &[Raw],
    targets: &mut [Option<Target>],
) -> Vec<(String, Target)> {
    let mut defined: FastMap<String, Target> = FastMap::default();
    let mut order: Vec<(String, Target)> = Vec::new();
    for k in 0..raws.len().saturating_sub(1) {
        let (a, b) = (&raws[k], &raws[k + 1]);
        let opens = text.get(a.end..b.start).is_some_and(|g| g.trim() == "(");
        let closes = text[b.end..].trim_start().starts_with(')');
        if !opens || !closes {
            continue;
        }
        let (short, long) = if b.words == 1 && a.words > 1 {
            (k + 1, k)
        } else {
            (k, k + 1)
        };
        if raws[short].words != 1 || raws[long].words < 2 {
            continue;
        }
        if !initials_match(&raws[short].spelling, &raws[long].spelling) {
            continue;
        }
        // A gazetteer entity wins over an unknown spelling, either side.
        let target = match (&targets[short], &targets[long]) {
            (Some(t @ Target::Known(_)), _) => t.clone(),
            (_, Some(t)) => t.clone(),
            _ => continue,
        };
        targets[long] = Some(target.clone());
        let letters = acronym_letters(&raws[short].spelling);
        order.push((super::fold::fold_key(&letters), target.clone()));
        defined.insert(letters, target);
    }
    for (i, r) in raws.iter().enumerate() {
        if r.words == 1
            && matches!(r.guess, Guess::Acronym | Guess::Known(_))
            && let Some(t) = defined.get(&acronym_letters(&r.spelling))
        {
            targets[i] = Some(t.clone());
        }
    }
    order
}

fn is_person(r: &Raw) -> bool {
    r.guess == Guess::Kind(EntityKind::Person)
}

/// Links bare surnames; returns the indices of those two people fit.
fn link_surnames(
    raws: &[Raw],
    lex: &Lexicon,
    known_person: &dyn Fn(usize) -> bool,
    targets: &mut [Option<Target>],
) -> FastSet<usize> {
    let people: Vec<(usize, Target)> = raws
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.words > 1
                && match r.guess {
                    Guess::Known(e) => known_person(e),
                    _ => is_person(r),
                }
        })
        .filter_map(|(i, _)| targets[i].clone().map(|t| (i, t)))
        .collect();
    // People by each word a bare mention could name them by: the last
    // word, or the first for an East Asian name (`Wang` for `Wang Yi`).
    // Per word, each person once with their first mention, in order.
    let mut by_surname: FastMap<&str, Vec<(usize, Target)>> = FastMap::default();
    let mut named: FastSet<(&str, &Target)> = FastSet::default();
    for (p, t) in &people {
        let person = &raws[*p];
        let east_asian =
            person.first != person.last && lex.east_asian.contains(person.first.as_str());
        for word in surname_forms(person, east_asian) {
            super::work::step();
            if named.insert((word, t)) {
                by_surname.entry(word).or_default().push((*p, t.clone()));
            }
        }
    }
    for (i, r) in raws.iter().enumerate() {
        if !is_bare(r) || targets[i].is_some() {
            continue;
        }
        let Some(candidates) = by_surname.get(r.surname.as_str()) else {
            continue;
        };
        super::work::step();
        // The people named before it; if none, everyone the article names.
        // Only the first two in order matter: two make it ambiguous.
        let earlier = candidates.iter().take(2).filter(|(p, _)| *p < i).count();
        let fits = if earlier == 0 {
            candidates.len()
        } else {
            earlier
        };
        targets[i] = match fits {
            1 => Some(candidates[0].1.clone()),
            // Ambiguous: mark as resolved-to-nothing so nothing keeps it.
            _ => Some(Target::Named(usize::MAX)),
        };
    }
    let mut ambiguous = FastSet::default();
    for (i, t) in targets.iter_mut().enumerate() {
        if *t == Some(Target::Named(usize::MAX)) {
            *t = None;
            ambiguous.insert(i);
        }
    }
    ambiguous
}

/// A single name that may be someone's surname said alone (`Meloni`,
/// `De Guindos`).
pub fn is_bare(r: &Raw) -> bool {
    r.words == 1
        && matches!(
            r.guess,
            Guess::Unknown | Guess::Kind(EntityKind::Person | EntityKind::Other)
        )
}

/// The words a bare mention may name a person by: the surname with its
/// particles (`de guindos`), the last word alone (`guindos`), that word
/// without its article (`assad` for `al-Assad`), and the first word of an
/// East Asian name (`wang` for `Wang Yi`).
pub fn surname_forms(person: &Raw, east_asian: bool) -> Vec<&str> {
    let mut forms = vec![person.surname.as_str(), person.last.as_str()];
    for article in ["al ", "el "] {
        if let Some(rest) = person.last.strip_prefix(article) {
            forms.push(rest);
        }
    }
    if east_asian {
        forms.push(person.first.as_str());
    }
    let mut seen = Vec::with_capacity(forms.len());
    forms.retain(|f| {
        let fresh = !f.is_empty() && !seen.contains(f);
        seen.push(*f);
        fresh
    });
    forms
}

fn is_roman_numeral(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

/// A lone capitalised word not in the gazetteer survives if a title or a
/// verb of saying marks it as a person, or if it is used more than once
/// and at least once away from a sentence start. A lone acronym survives
/// if it has three or more letters or is used more than once. A lone
/// capitalised word that fails only for want of such evidence (used once,
/// or only at sentence starts) is returned: the collection decides it.
fn keep_lone_words(
    text: &str,
    raws: &[Raw],
    lex: &Lexicon,
    ambiguous: &FastSet<usize>,
    targets: &mut [Option<Target>],
) -> Vec<usize> {
    let mut awaiting = Vec::new();
    // Per lone word: uses, whether one is mid-sentence, and the first use.
    let mut uses: FastMap<&str, (usize, bool, usize)> = FastMap::default();
    for (i, r) in raws.iter().enumerate().filter(|(_, r)| r.words == 1) {
        let e = uses.entry(r.first.as_str()).or_insert((0, false, i));
        e.0 += 1;
        e.1 |= !r.sentence_start;
    }
    for (i, r) in raws.iter().enumerate() {
        // `S and P`: one letter is never a name by itself.
        if targets[i].is_some() || r.words != 1 || r.spelling.chars().count() < 2 {
            continue;
        }
        // A title alone (`General`, `Chancellor`) is nobody in particular.
        if lex.is_lone_title(&r.first) {
            continue;
        }
        // A head or plain word alone (`Corp`, `Ministry`) names nothing.
        if lex.is_head(&r.first) || lex.stop.contains(r.first.as_str()) {
            continue;
        }
        let (count, mid_sentence, first_use) =
            uses.get(r.first.as_str()).copied().unwrap_or((0, false, i));
        let keep = match r.guess {
            Guess::Kind(_) => r.person_cue || r.team || (count > 1 && mid_sentence),
            Guess::Unknown => count > 1 && mid_sentence,
            // `<XON>`: a ticker symbol, not a name of its own.
            // `<XON>`, `<PORL.L>`.
            Guess::Acronym if text[..r.start].ends_with('<') => false,
            Guess::Acronym => {
                let letters = r.spelling.chars().filter(|c| c.is_alphabetic()).count();
                !is_roman_numeral(&r.spelling)
                    && !lex.stop.contains(r.first.as_str())
                    && (letters >= 3 || count > 1)
            }
            Guess::Known(_) => true,
        };
        if keep {
            // The first use of a spelling names it; later ones join it.
            targets[i] = Some(Target::Named(first_use));
        } else if matches!(r.guess, Guess::Unknown | Guess::Kind(_))
            && !ambiguous.contains(&i)
            && !is_roman_numeral(&r.spelling)
            && r.spelling.starts_with(char::is_uppercase)
            && r.spelling.chars().skip(1).any(char::is_lowercase)
        {
            awaiting.push(i);
        }
    }
    awaiting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_with_and_without_small_words() {
        assert!(initials_match(
            "THAAD",
            "Terminal High Altitude Area Defense"
        ));
        assert!(initials_match("UNSC", "United Nations Security Council"));
        assert!(initials_match("BOJ", "Bank of Japan"));
        assert!(initials_match("IAEA", "International Atomic Energy Agency"));
        assert!(
            initials_match("NPT", "Non-Proliferation Treaty")
                || initials_match("NPT", "Nuclear Non-Proliferation Treaty")
        );
        assert!(!initials_match("UNSC", "United Nations"));
        assert!(!initials_match("A", "Apple"));
    }

    #[test]
    fn roman_numerals_are_not_acronyms() {
        assert!(is_roman_numeral("III"));
        assert!(!is_roman_numeral("THAAD"));
    }
}
