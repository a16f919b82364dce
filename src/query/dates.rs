//! Dates in queries: `2022`, `2022-02`, `2022-02-14` name a period;
//! `-7d`, `-2w`, `-3m`, `-1y` name one day counted back from today.

use chrono::{Days, Months, NaiveDate};

/// A span of days: `from` inclusive, `until` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// Reads a query date; the error is the message to show.
pub fn parse_period(text: &str, today: NaiveDate) -> Result<Period, String> {
    if let Some(back) = text.strip_prefix('-') {
        let day = relative(back, today)?;
        return one_day(day);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let bad = || {
        format!("bad date `{text}`: use YYYY, YYYY-MM, YYYY-MM-DD or a relative -7d, -2w, -3m, -1y")
    };
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let impossible = || format!("no such date `{text}`");
    match parts.as_slice() {
        [y] => {
            let y = number(y, 4)? as i32;
            let from = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(impossible)?;
            let until = NaiveDate::from_ymd_opt(y + 1, 1, 1).ok_or_else(impossible)?;
            Ok(Period { from, until })
        }
        [y, m] => {
            let (y, m) = (number(y, 4)? as i32, number(m, 2)?);
            let from = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(impossible)?;
            let until = from
                .checked_add_months(Months::new(1))
                .ok_or_else(impossible)?;
            Ok(Period { from, until })
        }
        [y, m, d] => {
            let (y, m, d) = (number(y, 4)? as i32, number(m, 2)?, number(d, 2)?);
            let day = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(impossible)?;
            one_day(day)
        }
        _ => Err(bad()),
    }
}

fn one_day(day: NaiveDate) -> Result<Period, String> {
    let until = day
        .checked_add_days(Days::new(1))
        .ok_or_else(|| "date out of range".to_string())?;
    Ok(Period { from: day, until })
}

/// `7d` → today minus seven days.
fn relative(back: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let bad = || format!("bad relative date `-{back}`: use a number and d, w, m or y (`-7d`)");
    let unit = back.chars().last().ok_or_else(bad)?;
    let digits = &back[..back.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u32 = digits.parse().map_err(|_| bad())?;
    let out_of_range = || format!("`-{back}` is too far back");
    match unit {
        'd' => today.checked_sub_days(Days::new(n.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => n
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
        _ => return Err(bad()),
    }
    .ok_or_else(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
        parse_period(text, d("2026-03-31")).map(|p| (p.from, p.until))
    }

    #[test]
    fn absolute_periods() {
        assert_eq!(p("2022"), Ok((d("2022-01-01"), d("2023-01-01"))));
        assert_eq!(p("2022-12"), Ok((d("2022-12-01"), d("2023-01-01"))));
        assert_eq!(p("2024-02-29"), Ok((d("2024-02-29"), d("2024-03-01"))));
    }

    #[test]
    fn relative_days_count_back_from_today() {
        assert_eq!(p("-7d").unwrap().0, d("2026-03-24"));
        assert_eq!(p("-2w").unwrap().0, d("2026-03-17"));
        // Month arithmetic clamps to the month's last day.
        assert_eq!(p("-1m").unwrap().0, d("2026-02-28"));
        assert_eq!(p("-1y").unwrap().0, d("2025-03-31"));
        assert_eq!(p("-0d").unwrap().0, d("2026-03-31"));
    }

    #[test]
    fn bad_and_impossible_dates_are_refused() {
        assert!(p("2024-02-30").unwrap_err().contains("no such date"));
        assert!(p("2023-13").unwrap_err().contains("no such date"));
        assert!(p("22-01").unwrap_err().contains("bad date"));
        assert!(p("2022-1-1").unwrap_err().contains("bad date"));
        assert!(p("yesterday").unwrap_err().contains("bad date"));
        assert!(p("-7x").unwrap_err().contains("relative"));
        assert!(p("-d").unwrap_err().contains("relative"));
        assert!(p("-").unwrap_err().contains("relative"));
        assert!(p("-99999999999d").unwrap_err().contains("relative"));
        assert!(p("-4000000000y").is_err());
        assert!(p("-3000000y").unwrap_err().contains("too far"));
        assert!(p("-７d").is_err());
    }
}
