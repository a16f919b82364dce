//! Date phrases in the forms news pages print them: `January 20, 2022`,
//! `Jan. 20 2022`, `20 de enero de 2022`, `14. März 2024`, `2022-01-20`,
//! `20.01.2022`, `26-FEB-1987`. Only whole dates with a year; impossible
//! days (Feb 30) are not dates.

use chrono::NaiveDate;

use super::months::{fold, month_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

pub(super) fn tokenize(line: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut iter = line.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            toks.push(Tok {
                kind: Kind::Punct(c),
                text: &line[start..start + c.len_utf8()],
                start,
                end: start + c.len_utf8(),
            });
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = iter.peek() {
            let same = match kind {
                Kind::Num => n.is_ascii_digit(),
                _ => n.is_alphabetic() || n == '\u{307}',
            };
            if !same {
                break;
            }
            end = i + n.len_utf8();
            iter.next();
        }
        toks.push(Tok {
            kind,
            text: &line[start..end],
            start,
            end,
        });
    }
    toks
}

/// A date phrase found at tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub date: NaiveDate,
    pub first: usize,
    pub last: usize,
}

fn num(t: Option<&Tok>, max_digits: usize) -> Option<u32> {
    let t = t?;
    (t.kind == Kind::Num && t.text.len() <= max_digits).then(|| t.text.parse().ok())?
}

fn year(t: Option<&Tok>) -> Option<i32> {
    let t = t?;
    if t.kind != Kind::Num || t.text.len() != 4 {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn is_punct(t: Option<&Tok>, chars: &[char]) -> bool {
    matches!(t, Some(Tok { kind: Kind::Punct(c), .. }) if chars.contains(c))
}

pub(super) fn adjacent(a: &Tok, b: &Tok) -> bool {
    a.end == b.start
}

fn is_ordinal_suffix(t: &Tok) -> bool {
    matches!(
        fold(t.text).as_ref().map(|f| f.as_str()),
        Some("st" | "nd" | "rd" | "th" | "er" | "eme" | "o" | "a")
    )
}

fn is_particle(t: &Tok) -> bool {
    matches!(
        fold(t.text).as_ref().map(|f| f.as_str()),
        Some("de" | "del" | "di" | "of")
    )
}

/// Day and month given as numbers in either order: resolved only when the
/// separator or the values leave no doubt (a dot means day first).
fn numeric_day_month(a: u32, b: u32, sep: char) -> Option<(u32, u32)> {
    match (a > 12, b > 12) {
        (true, false) => Some((a, b)),
        (false, true) => Some((b, a)),
        (false, false) if sep == '.' => Some((a, b)),
        _ => None,
    }
}

/// `2025年3月4日` (Chinese, Japanese) or `2025년 3월 4일` (Korean), the
/// year at token `i`.
fn cjk_date(t: &[Tok], i: usize, y: i32) -> Option<Hit> {
    let unit = |k: usize, names: &[&str]| {
        t.get(k)
            .is_some_and(|x| x.kind == Kind::Word && names.contains(&x.text))
    };
    if !unit(i + 1, &["年", "년"]) || !unit(i + 3, &["月", "월"]) {
        return None;
    }
    let m = num(t.get(i + 2), 2)?;
    let d = num(t.get(i + 4), 2)?;
    // The day's sign may run into the next word (`4日東京`).
    if !t.get(i + 5).is_some_and(|x| {
        x.kind == Kind::Word && (x.text.starts_with('日') || x.text.starts_with('일'))
    }) {
        return None;
    }
    Some(Hit {
        date: NaiveDate::from_ymd_opt(y, m, d)?,
        first: i,
        last: i + 5,
    })
}

/// A date phrase starting exactly at token `i`.
pub(super) fn phrase_at(t: &[Tok], i: usize) -> Option<Hit> {
    let at = |k: usize| t.get(k);
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let first = at(i)?;
    match first.kind {
        Kind::Num if first.text.len() == 4 => {
            let y = year(Some(first))?;
            // 2025年3月4日, 2025년 3월 4일
            if let Some(date) = cjk_date(t, i, y) {
                return Some(date);
            }
            // 2022-01-20, 2022/01/20
            let sep = at(i + 1)?;
            let Kind::Punct(s @ ('-' | '/' | '.')) = sep.kind else {
                return None;
            };
            let m = num(at(i + 2), 2)?;
            if !is_punct(at(i + 3), &[s]) || !adjacent(first, sep) {
                return None;
            }
            let d = num(at(i + 4), 2)?;
            Some(Hit {
                date: ymd(y, m, d)?,
                first: i,
                last: i + 4,
            })
        }
        Kind::Num if first.text.len() <= 2 => {
            let a = num(Some(first), 2)?;
            let mut k = i + 1;
            // 20.01.2022, 26/02/1987 (only when unambiguous)
            if let Some(Tok {
                kind: Kind::Punct(s @ ('.' | '/' | '-')),
                ..
            }) = at(k)
                && let Some(b) = num(at(k + 1), 2)
                && is_punct(at(k + 2), &[*s])
                && let Some(y) = year(at(k + 3))
                && adjacent(first, &t[k])
                && adjacent(&t[k + 2], &t[k + 3])
            {
                let (d, m) = numeric_day_month(a, b, *s)?;
                return Some(Hit {
                    date: ymd(y, m, d)?,
                    first: i,
                    last: k + 3,
                });
            }
            // 20 January 2022, 20th Jan. 2022, 14. März 2024, 20 de enero de 2022, 26-FEB-1987
            if at(k)
                .is_some_and(|x| x.kind == Kind::Word && adjacent(first, x) && is_ordinal_suffix(x))
            {
                k += 1;
            }
            if is_punct(at(k), &['.', '-', '/', 'º']) {
                k += 1;
            }
            if at(k).is_some_and(is_particle) {
                k += 1;
            }
            let m = at(k)
                .filter(|x| x.kind == Kind::Word)
                .and_then(|x| month_number(x.text))?;
            k += 1;
            while is_punct(at(k), &['.', ',', '-', '/']) || at(k).is_some_and(is_particle) {
                k += 1;
            }
            let y = year(at(k))?;
            Some(Hit {
                date: ymd(y, m, a)?,
                first: i,
                last: k,
            })
        }
        Kind::Word => {
            // January 20, 2022; Jan. 20 2022; January 20th, 2022
            let m = month_number(first.text)?;
            let mut k = i + 1;
            if is_punct(at(k), &['.']) {
                k += 1;
            }
            let d = num(at(k), 2)?;
            k += 1;
            if at(k).is_some_and(|x| {
                x.kind == Kind::Word && adjacent(&t[k - 1], x) && is_ordinal_suffix(x)
            }) {
                k += 1;
            }
            if is_punct(at(k), &[',']) {
                k += 1;
            }
            let y = year(at(k))?;
            Some(Hit {
                date: ymd(y, m, d)?,
                first: i,
                last: k,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn phrase(line: &str) -> Option<NaiveDate> {
        let toks = tokenize(line);
        (0..toks.len())
            .find_map(|i| phrase_at(&toks, i))
            .map(|h| h.date)
    }

    #[test]
    fn english_forms() {
        assert_eq!(phrase("January 20, 2022"), d(2022, 1, 20));
        assert_eq!(phrase("Jan. 20, 2022"), d(2022, 1, 20));
        assert_eq!(phrase("Jan 20 2022"), d(2022, 1, 20));
        assert_eq!(phrase("20 January 2022"), d(2022, 1, 20));
        assert_eq!(phrase("March 3rd, 2021"), d(2021, 3, 3));
        assert_eq!(phrase("1st Sept. 2019"), d(2019, 9, 1));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(phrase("2022-01-20"), d(2022, 1, 20));
        assert_eq!(phrase("2022/01/20 08:00"), d(2022, 1, 20));
        assert_eq!(phrase("20.01.2022"), d(2022, 1, 20));
        assert_eq!(phrase("25/12/2020"), d(2020, 12, 25));
        assert_eq!(phrase("12/25/2020"), d(2020, 12, 25));
        // Day and month could be either way round: no date rather than a guess.
        assert_eq!(phrase("03/04/2020"), None);
    }

    #[test]
    fn cjk_and_cyrillic_forms() {
        assert_eq!(phrase("2025年3月4日"), d(2025, 3, 4));
        assert_eq!(phrase("2025년 3월 4일"), d(2025, 3, 4));
        assert_eq!(phrase("6 марта 2025 г."), d(2025, 3, 6));
        assert_eq!(phrase("2025年13月4日"), None);
    }

    #[test]
    fn european_month_names() {
        assert_eq!(phrase("14 Eylül 2016"), d(2016, 9, 14));
        assert_eq!(phrase("le 3 février 2021"), d(2021, 2, 3));
        assert_eq!(phrase("14. März 2024"), d(2024, 3, 14));
        assert_eq!(phrase("20 de enero de 2022"), d(2022, 1, 20));
        assert_eq!(phrase("5 maggio 2020"), d(2020, 5, 5));
        assert_eq!(phrase("9 de março de 2021"), d(2021, 3, 9));
        assert_eq!(phrase("12 maart 2022"), d(2022, 3, 12));
        assert_eq!(phrase("14 września 2016"), d(2016, 9, 14));
        assert_eq!(phrase("2 augusti 2018"), d(2018, 8, 2));
        assert_eq!(phrase("1er janvier 2020"), d(2020, 1, 1));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(phrase("February 30, 2022"), None);
        assert_eq!(phrase("2022-13-01"), None);
        assert_eq!(phrase("31.04.2021"), None);
    }
}
