//! Finding the date an article states about itself.
//!
//! The rule that generalises across sites: a line that is essentially only
//! a date (a short label such as `Updated:` or `All News`, a weekday, a time
//! and a zone may stand around it) in the article's head or its last lines.
//! Next best is a news dateline opening the first paragraph
//! (`BERLIN, March 3, 2021 --`). Dates inside sentences are mentions, not
//! the article's date, and a date without a year is never completed by
//! guessing one.

use chrono::NaiveDate;

use super::date_phrase::{Kind, Tok, adjacent, phrase_at, tokenize};
use super::months::{fold, is_weekday};

/// How many non-empty lines count as the head of an article.
pub const HEAD_LINES: usize = 10;
/// How many non-empty lines count as its tail.
pub const TAIL_LINES: usize = 5;
/// A date line is short; longer lines are prose.
const MAX_DATE_LINE_CHARS: usize = 100;
/// Words other than the date, times, weekdays and zones a date line may carry.
const MAX_LABEL_WORDS: usize = 3;

/// Lines without four digits in a row cannot hold a dated phrase; most
/// lines are dismissed here without tokenizing.
fn may_hold_year(line: &str) -> bool {
    line.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Zone names that follow a time on date lines.
#[rustfmt::skip]
const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "UT", "Z", "CET", "CEST", "MEZ", "MESZ", "WET", "WEST", "EET", "EEST", "BST",
    "IST", "TRT", "MSK", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "PT", "CT",
    "MT", "KST", "JST", "HKT", "SGT", "AEST", "AEDT", "WIB",
];

/// Small words that join a label, a date and a time (`on`, `le`, `um`,
/// `saat`), folded.
#[rustfmt::skip]
const DATE_CONNECTORS: &[&str] = &[
    "am", "pm", "at", "on", "le", "la", "el", "de", "del", "den", "um", "om", "op", "kl", "alle",
    "h", "uhr", "saat",
];

/// Tokens that may stand around a date without making the line prose.
fn stands_around_a_date(t: &[Tok], k: usize) -> bool {
    let tok = &t[k];
    match tok.kind {
        Kind::Punct(_) => true,
        // Character references left by a scraper (`&#5;`) are noise.
        Kind::Num if k > 0 && t[k - 1].kind == Kind::Punct('#') && adjacent(&t[k - 1], tok) => true,
        // Times: 21:19, 15:01:01.79, 09.15
        Kind::Num => {
            let near = |j: Option<usize>| {
                j.and_then(|j| t.get(j)).is_some_and(|o| {
                    matches!(o.kind, Kind::Punct(':' | '.'))
                        && (adjacent(o, tok) || adjacent(tok, o))
                })
            };
            near(k.checked_sub(1)) || near(Some(k + 1))
        }
        Kind::Word => {
            let letters = tok.text.chars().count();
            letters == 1
                || is_weekday(tok.text)
                || TIME_ZONES.contains(&tok.text)
                || fold(tok.text).is_some_and(|f| DATE_CONNECTORS.contains(&f.as_str()))
        }
    }
}

/// True when the words just before a date say it is an update
/// (`Updated:`, `Last modified`, `Mis à jour le`, `Aktualisiert am`).
fn is_update_label(before: &[Tok]) -> bool {
    before
        .iter()
        .rev()
        .filter(|t| t.kind == Kind::Word)
        .take(3)
        .any(|t| fold(t.text).is_some_and(|f| is_update_word(f.as_str())))
}

/// Whether a line opens with a word saying publication (`Published`,
/// `Posted on`, `Publié le`, `Veröffentlicht am`).
pub fn says_published(line: &str) -> bool {
    tokenize(line)
        .iter()
        .find(|t| t.kind == Kind::Word)
        .and_then(|t| fold(t.text))
        .is_some_and(|f| {
            matches!(
                f.as_str(),
                "published"
                    | "posted"
                    | "publie"
                    | "publiee"
                    | "veroffentlicht"
                    | "publicado"
                    | "publicada"
                    | "pubblicato"
                    | "gepubliceerd"
                    | "opublikowano"
            )
        })
}

/// Whether one of a line's first words says update (`Updated`, `Last
/// modified`, `Mis à jour`).
pub fn says_updated(line: &str) -> bool {
    tokenize(line)
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .take(3)
        .any(|t| fold(t.text).is_some_and(|f| is_update_word(f.as_str())))
}

fn is_update_word(folded: &str) -> bool {
    matches!(
        folded,
        "updated"
            | "modified"
            | "revised"
            | "jour"
            | "aktualisiert"
            | "actualizado"
            | "aggiornato"
            | "atualizado"
            | "bijgewerkt"
    )
}

/// The date of a line that is essentially only a date.
pub fn date_line(line: &str) -> Option<NaiveDate> {
    date_line_labelled(line).map(|(d, _)| d)
}

/// [`date_line`], and whether the line says the date is an update
/// (`Updated September 28, 2025`).
pub fn date_line_labelled(line: &str) -> Option<(NaiveDate, bool)> {
    if line.len() > MAX_DATE_LINE_CHARS || !may_hold_year(line) {
        return None;
    }
    let toks = tokenize(line);
    // Every date phrase on the line (`Published: ... | Updated: ...`); the
    // first one is the article's.
    let mut in_date = vec![false; toks.len()];
    let mut first = None;
    let mut first_not_update = None;
    let mut prev_end = 0;
    let mut k = 0;
    while k < toks.len() {
        match phrase_at(&toks, k) {
            Some(hit) => {
                in_date[hit.first..=hit.last].fill(true);
                first.get_or_insert(hit.date);
                if !is_update_label(&toks[prev_end..hit.first]) {
                    first_not_update.get_or_insert(hit.date);
                }
                k = hit.last + 1;
                prev_end = k;
            }
            None => k += 1,
        }
    }
    // `Updated 5 May | Published 4 May`: the publication is the article's.
    let (date, update) = match (first_not_update, first) {
        (Some(d), _) => (d, false),
        (None, Some(d)) => (d, true),
        (None, None) => return None,
    };
    // `4 March 2025 by the desk`: a byline after the date is not a label.
    // `Dec 19, 2025 · Ana Ruiz`: a separator after the date starts the
    // next item of a byline.
    let byline = (prev_end..toks.len())
        .find(|&k| {
            matches!(toks[k].kind, Kind::Punct('·' | '|' | '•'))
                || toks[k].kind == Kind::Word
                    && fold(toks[k].text).is_some_and(|f| {
                        matches!(f.as_str(), "by" | "von" | "par" | "por" | "door")
                    })
        })
        .unwrap_or(toks.len());
    let labels = (0..byline)
        .filter(|&k| !in_date[k] && !stands_around_a_date(&toks, k))
        .count();
    (labels <= MAX_LABEL_WORDS).then_some((date, update))
}

/// The date of a news dateline opening a paragraph: `PARIS, May 3, 2021 --`
/// or `May 3, 2021 - The ...`. The place must be in capitals, as datelines
/// are, so a sentence that merely mentions a date does not qualify.
pub fn dateline(line: &str) -> Option<NaiveDate> {
    if !may_hold_year(&line[..line.floor_char_boundary(60)]) {
        return None;
    }
    let head = &line[..line.floor_char_boundary(80)];
    let toks = tokenize(head);
    let hit = (0..toks.len().min(6)).find_map(|i| phrase_at(&toks, i))?;
    let before = &toks[..hit.first];
    let place_ok = before.is_empty()
        || (matches!(
            before.last(),
            Some(Tok {
                kind: Kind::Punct(','),
                ..
            })
        ) && before[..before.len() - 1].iter().all(|t| {
            t.kind == Kind::Word && t.text.chars().all(|c| c.is_uppercase())
                || matches!(t.kind, Kind::Punct('.' | '-' | '\''))
        }));
    let after_ok = toks
        .get(hit.last + 1)
        .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '—' | '–' | '(' | ':')));
    (place_ok && after_ok).then_some(hit.date)
}

/// The date written in a file name: `2025-03-02-slug.md`, `20250302-x.txt`.
pub fn date_in_file_name(rel_path: &str) -> Option<NaiveDate> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let b = name.as_bytes();
    let digits_at = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let value = |i: usize, n: usize| name.get(i..i + n).and_then(|s| s.parse::<u32>().ok());
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() || !digits_at(i, 4) {
            continue;
        }
        let (m_at, d_at, end) = if digits_at(i, 8) {
            (i + 4, i + 6, i + 8)
        } else if matches!(b.get(i + 4), Some(b'-' | b'_' | b'.'))
            && digits_at(i + 5, 2)
            && b.get(i + 7) == b.get(i + 4)
            && digits_at(i + 8, 2)
        {
            (i + 5, i + 8, i + 10)
        } else {
            continue;
        };
        if b.get(end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let y = value(i, 4)? as i32;
        let date = (1900..=2100)
            .contains(&y)
            .then(|| NaiveDate::from_ymd_opt(y, value(m_at, 2)?, value(d_at, 2)?))
            .flatten();
        if date.is_some() {
            return date;
        }
    }
    None
}

/// The date an article states in its lines: a date line in the head, else
/// a dateline in the head, else a date line among the last lines.
pub fn stated_date<'a>(lines: impl Iterator<Item = &'a str> + Clone) -> Option<NaiveDate> {
    let non_empty = lines.filter(|l| !l.trim().is_empty());
    let head = non_empty.clone().take(HEAD_LINES);
    if let Some(d) = head.clone().find_map(|l| date_line(l.trim())) {
        return Some(d);
    }
    if let Some(d) = head.clone().find_map(|l| dateline(l.trim())) {
        return Some(d);
    }
    let count = non_empty.clone().count();
    non_empty
        .skip(count.saturating_sub(TAIL_LINES).max(HEAD_LINES.min(count)))
        .find_map(|l| date_line(l.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn date_lines_in_other_scripts_and_with_words_after() {
        assert_eq!(date_line("2025年3月4日"), d(2025, 3, 4));
        assert_eq!(date_line("2025년 3월 4일"), d(2025, 3, 4));
        assert_eq!(date_line("6 марта 2025 г."), d(2025, 3, 6));
        assert_eq!(
            date_line("Dec. 19, 2025 · Ana Ruiz on behalf of the desk"),
            d(2025, 3, 4).and(d(2025, 12, 19))
        );
        assert_eq!(
            date_line_labelled("Updated September 28, 2025"),
            d(2025, 9, 28).map(|d| (d, true))
        );
        assert_eq!(
            date_line_labelled("Published 4 March 2025 | Updated 5 May 2025"),
            d(2025, 3, 4).map(|d| (d, false))
        );
        assert!(says_published("Posted on April 13, 2023") && says_published("Publié le 3 mai"));
        assert!(!says_published("Updated April 13, 2023"));
        assert!(says_updated("Last updated: Sep 4") && !says_updated("Posted Sep 4 by the desk"));
        assert_eq!(
            date_line("Published 4 March 2025 by the desk"),
            d(2025, 3, 4)
        );
    }

    #[test]
    fn published_wins_over_updated() {
        assert_eq!(
            date_line("Updated 5 March 2025 | Published 4 March 2025"),
            d(2025, 3, 4)
        );
        assert_eq!(date_line("Updated: 5 March 2025"), d(2025, 3, 5));
    }

    #[test]
    fn wire_timestamp() {
        assert_eq!(date_line("26-FEB-1987 15:01:01.79"), d(1987, 2, 26));
        assert_eq!(date_line(" 3-MAR-1987 09:12:00.10"), d(1987, 3, 3));
        assert_eq!(
            date_line("4-MAR-1987 10:00:00.00&#2;&#2;&#2;XY"),
            d(1987, 3, 4)
        );
    }

    #[test]
    fn weekdays_labels_and_times_around() {
        assert_eq!(date_line("Wednesday, April 17, 2024"), d(2024, 4, 17));
        assert_eq!(date_line("All News 21:19 January 20, 2022"), d(2022, 1, 20));
        assert_eq!(date_line("Updated: 5 May 2023, 10:42 GMT"), d(2023, 5, 5));
        assert_eq!(
            date_line("Published: 12 May 2024 14:05 CET | Updated: 13 May 2024"),
            d(2024, 5, 12)
        );
        assert_eq!(
            date_line("Published on Tuesday 7 March 2023 at 9:30 am"),
            d(2023, 3, 7)
        );
        assert_eq!(
            date_line("Güncelleme Tarihi: 03 Mart 2019, 11:05"),
            d(2019, 3, 3)
        );
    }

    #[test]
    fn capitalised_headlines_with_a_date_are_not_date_lines() {
        assert_eq!(date_line("ACME CORP <ACM> YEAR ENDED DEC 31 1986"), None);
        assert_eq!(date_line("Posted 3 May 2021, 10:00 CEST"), d(2021, 5, 3));
    }

    #[test]
    fn prose_and_yearless_dates_are_not_date_lines() {
        assert_eq!(
            date_line("The talks held on Jan. 19, 2022, in the capital ended early."),
            None
        );
        assert_eq!(date_line("OSLO, Jan. 20 (Wire) -- Officials met."), None);
        assert_eq!(date_line("Revenue rose 2022 percent"), None);
    }

    #[test]
    fn datelines_open_a_paragraph() {
        assert_eq!(
            dateline("BERLIN, March 3, 2021 -- Ministers agreed on Friday to ..."),
            d(2021, 3, 3)
        );
        assert_eq!(
            dateline("NEW YORK, 4 May 2020 (Wire) - Shares fell."),
            d(2020, 5, 4)
        );
        assert_eq!(dateline("May 3, 2021 - The council voted."), d(2021, 5, 3));
        assert_eq!(
            dateline("The council met on May 3, 2021 - and voted."),
            None
        );
        assert_eq!(
            dateline("OSLO, Jan. 20 (Wire) -- Officials met on Jan. 19, 2022."),
            None
        );
    }

    #[test]
    fn multibyte_text_at_cut_points_does_not_panic() {
        for pad in 0..90 {
            let line = format!("{}£€ 2021 Ünïcode {}", "x".repeat(pad), "é".repeat(40));
            assert_eq!(dateline(&line), None);
            assert_eq!(date_line(&line), None);
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(
            date_in_file_name("energy/2025-03-02-grid-deal.md"),
            d(2025, 3, 2)
        );
        assert_eq!(date_in_file_name("20250302-x.txt"), d(2025, 3, 2));
        assert_eq!(date_in_file_name("notes_2021_11_30.txt"), d(2021, 11, 30));
        assert_eq!(date_in_file_name("2024/note.txt"), None);
        assert_eq!(date_in_file_name("reut-00001.txt"), None);
        assert_eq!(date_in_file_name("x-20251302.txt"), None);
        assert_eq!(date_in_file_name("id-123456789.txt"), None);
    }

    #[test]
    fn head_date_line_beats_tail_and_prose() {
        let text = "Title of the piece\nBy A. Writer\nMarch 1, 2020\n\nOn Feb. 2, 2019, something happened.\nUpdated: June 5, 2020";
        assert_eq!(stated_date(text.lines()), d(2020, 3, 1));
    }

    #[test]
    fn tail_date_line_is_used_when_head_has_none() {
        let mut text = String::from("A headline here\n\n");
        for i in 0..12 {
            text.push_str(&format!(
                "Paragraph {i} mentions March 1, 2020 in passing, as prose does.\n\n"
            ));
        }
        text.push_str("Last updated: 14 Eylül 2016, 09:15");
        assert_eq!(stated_date(text.lines()), d(2016, 9, 14));
    }

    #[test]
    fn body_mentions_alone_leave_the_article_undated() {
        let text = "Headline words\n\nThe deal signed on 3 May 2021 was praised.\nAnother line.";
        assert_eq!(stated_date(text.lines()), None);
    }
}
