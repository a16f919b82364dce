//! Names in scripts without capitals. Hangul, Han and kana give no capital
//! letter to go by, so two rules only, both cheap to defend:
//!
//! - a gazetteer spelling (`서울`, `東京`, `北京`): in Hangul at the start
//!   of a word (particles follow a name: `서울에서`), in Han/kana anywhere;
//! - a person before a title: a Hangul word of 2–4 syllables starting with
//!   a common Korean surname, followed by a title word (`윤석열 대통령`);
//!   2–4 Han characters right before a title suffix (`岸田文雄首相`).

use super::classify::{Guess, Raw};
use super::gazetteer::Gazetteer;
use super::tokens::{Shape, Token};
use super::word::Word;
use crate::model::EntityKind;

const KOREAN_SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄변채원방천공현함여염석추도소설선마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉";

const KOREAN_TITLES: &[&str] = &[
    "대통령",
    "장관",
    "위원장",
    "총리",
    "대사",
    "의원",
    "대표",
    "씨",
    "사무총장",
    "국무위원장",
    "외무상",
    "주석",
    "총비서",
    "특별대표",
    "본부장",
    "대변인",
    "총장",
    "회장",
    "당선인",
    "부총리",
];

const HAN_TITLES: &[&str] = &[
    "国家主席",
    "総書記",
    "总书记",
    "委員長",
    "委员长",
    "大統領",
    "总统",
    "総統",
    "首相",
    "主席",
    "総理",
    "总理",
    "外相",
    "外長",
    "外长",
    "大使",
    "長官",
    "部长",
    "議員",
    "议员",
    "先生",
    "女士",
    "氏",
    "さん",
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn raw(text: &str, start: usize, end: usize, guess: Guess, person: bool) -> Raw {
    let spelling = text[start..end].to_string();
    Raw {
        start,
        end,
        first: Word::new(&spelling),
        last: Word::new(&spelling),
        surname: Word::new(&spelling),
        spelling,
        guess,
        words: 1,
        sentence_start: false,
        person_cue: person,
        said_cue: false,
        hint: None,
        definite_other: false,
        team: false,
    }
}

/// Names in the unspaced token at `index`, appended to `out`.
pub fn unspaced_names(
    text: &str,
    tokens: &[Token],
    index: usize,
    gaz: &Gazetteer,
    out: &mut Vec<Raw>,
) {
    let tok = &tokens[index];
    match tok.shape {
        Shape::Hangul => hangul(text, tokens, index, gaz, out),
        Shape::Cjk => han(text, tok, gaz, out),
        _ => {}
    }
}

/// Byte offsets of every char boundary in `s`, plus its end.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

fn longest_known(
    word: &str,
    from: usize,
    bounds: &[usize],
    gaz: &Gazetteer,
) -> Option<(usize, usize)> {
    let most = (bounds.len() - 1 - from).min(gaz.max_unspaced_chars);
    (1..=most).rev().find_map(|n| {
        gaz.unspaced(&word[bounds[from]..bounds[from + n]])
            .map(|e| (n, e))
    })
}

fn hangul(text: &str, tokens: &[Token], index: usize, gaz: &Gazetteer, out: &mut Vec<Raw>) {
    let tok = &tokens[index];
    let word = tok.text(text);
    let bounds = boundaries(word);
    if let Some((n, entry)) = longest_known(word, 0, &bounds, gaz) {
        out.push(raw(
            text,
            tok.start,
            tok.start + bounds[n],
            Guess::Known(entry),
            false,
        ));
        return;
    }
    let syllables = bounds.len() - 1;
    let surname = word
        .chars()
        .next()
        .is_some_and(|c| KOREAN_SURNAMES.contains(c));
    let title_next = tokens.get(index + 1).is_some_and(|t| {
        t.shape == Shape::Hangul
            && KOREAN_TITLES
                .iter()
                .any(|title| t.text(text).starts_with(title))
    });
    if surname && (2..=4).contains(&syllables) && title_next {
        out.push(raw(
            text,
            tok.start,
            tok.end,
            Guess::Kind(EntityKind::Person),
            true,
        ));
    }
}

fn han(text: &str, tok: &Token, gaz: &Gazetteer, out: &mut Vec<Raw>) {
    let word = tok.text(text);
    let bounds = boundaries(word);
    let chars: Vec<char> = word.chars().collect();
    // Han characters not yet claimed by a gazetteer match start here.
    let mut free_from = 0;
    let mut k = 0;
    while k < chars.len() {
        if let Some((n, entry)) = longest_known(word, k, &bounds, gaz) {
            out.push(raw(
                text,
                tok.start + bounds[k],
                tok.start + bounds[k + n],
                Guess::Known(entry),
                false,
            ));
            k += n;
            free_from = k;
            continue;
        }
        if let Some(title) = HAN_TITLES
            .iter()
            .find(|t| word[bounds[k]..].starts_with(*t))
        {
            let name_len = k - free_from;
            let all_han = chars[free_from..k].iter().all(|&c| is_han(c));
            if (2..=4).contains(&name_len) && all_han {
                out.push(raw(
                    text,
                    tok.start + bounds[free_from],
                    tok.start + bounds[k],
                    Guess::Kind(EntityKind::Person),
                    true,
                ));
            }
            k += title.chars().count();
            free_from = k;
            continue;
        }
        if !is_han(chars[k]) {
            free_from = k + 1;
        }
        k += 1;
    }
}
