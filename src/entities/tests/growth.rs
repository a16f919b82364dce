//! The linking passes grow with the number of mentions, not its square:
//! an article of nothing but names once stalled indexing. Counted in
//! steps (`work`), never timed.

use super::*;
use crate::entities::work;

/// Names made up from a few syllables, so that many mentions share a
/// surname or a first word, which is what made the passes quadratic.
fn invented(k: usize) -> String {
    const SYLLABLES: [&str; 6] = ["ka", "lo", "vi", "ren", "dor", "mal"];
    let word = format!(
        "{}{}{}",
        SYLLABLES[k % 6],
        SYLLABLES[(k / 6) % 6],
        SYLLABLES[(k / 36) % 6]
    );
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `n` sentences, each a kind of mention one linking pass compares with
/// the others: cued and bare surnames, initials, companies and their short
/// forms, long runs of capitalised words.
fn hostile_article(n: usize) -> String {
    let mut text = String::new();
    let mut seed = 12345usize;
    let mut next = || {
        seed = seed.wrapping_mul(1103515245).wrapping_add(12345) % (1 << 31);
        invented((seed >> 8) % 40)
    };
    for i in 0..n {
        let (a, b, c) = (next(), next(), next());
        let sentence = match i % 6 {
            0 => format!("The report named {a} {b} today. {b} said it was late. "),
            1 => format!("Talks with Mr {a} {b} went on, and then {b} left. "),
            2 => format!("Shares in {a} {b} Corp rose, {a} {b} said, and {a} agreed. "),
            3 => format!("The deal with J. {b} and Mr {c} {b} closed. "),
            // Longer than the runs searched directly.
            4 => format!(
                "It went to {} and others. ",
                [&a, &b, &c]
                    .repeat(8)
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            _ => format!("They met {c} {a} Bank and {c} {a} in {b}. "),
        };
        text.push_str(&sentence);
    }
    text
}

fn steps_for(n: usize) -> u64 {
    let ex = extractor();
    let text = hostile_article(n);
    let before = work::steps();
    let found = ex.entities(&text);
    assert!(!found.is_empty(), "the article names somebody");
    work::steps() - before
}

#[test]
fn linking_work_grows_with_the_mentions_not_their_square() {
    let (small, large) = (steps_for(300), steps_for(1200));
    assert!(small > 300, "the passes were counted: {small}");
    // Four times the mentions: four times the work if linear, sixteen if
    // quadratic. A little slack for names still being met for the first time.
    assert!(
        large <= small * 5,
        "300 sentences took {small} steps, 1200 took {large}"
    );
}

/// One run of `n` capitalised words between plain ones, a weekday among
/// them now and then (each asks whether a head word follows).
fn one_long_run(n: usize) -> String {
    let names: Vec<String> = (0..n)
        .map(|k| match k % 4 {
            3 => "Monday".to_string(),
            _ => invented(k * 7 % 40),
        })
        .collect();
    format!("It went to {} and others.", names.join(" "))
}

#[test]
fn cutting_a_run_grows_with_its_length_not_its_square() {
    let ex = extractor();
    let steps = |n: usize| {
        let text = one_long_run(n);
        let before = work::steps();
        ex.entities(&text);
        work::steps() - before
    };
    let (small, large) = (steps(500), steps(2000));
    assert!(small > 500, "the run was counted: {small}");
    assert!(
        large <= small * 5,
        "a run of 500 words took {small} steps, 2000 took {large}"
    );
}
