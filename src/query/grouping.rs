//! How the list is cut into groups, as plain positions: the same rules the
//! list pane shows (topic: each article under each of its topics, topics by
//! name, untopical last; date: Today / This week / This month, then each
//! earlier month of this year ("March 2026"), then each earlier year
//! ("1987"), then Undated, relative to today). The store computes the same
//! in SQL; this is the reference for in-memory catalogs.

use chrono::{Datelike, NaiveDate};

use crate::config::Grouping;
use crate::model::{ArticleSummary, Group};

/// The header of untopical articles when grouping by topic.
pub const NO_TOPIC: &str = "(no topic)";

/// The recent date buckets in display order; months and years follow.
pub const RECENT_BUCKETS: [&str; 3] = ["Today", "This week", "This month"];
pub const UNDATED: &str = "Undated";

/// Where a date group sorts: recent buckets 0..3, then this year's months
/// (latest first), then years (latest first), Undated last. The store's
/// SQL computes the same number (see `store::search`).
pub fn date_rank(date: Option<NaiveDate>, today: NaiveDate) -> i64 {
    let Some(d) = date else { return UNDATED_RANK };
    if d >= today {
        0
    } else if d >= week_start(today) {
        1
    } else if d >= month_start(today) {
        2
    } else if d.year() == today.year() {
        3 + (12 - d.month() as i64)
    } else {
        YEARS_RANK + (9999 - d.year() as i64)
    }
}

pub const YEARS_RANK: i64 = 20;
pub const UNDATED_RANK: i64 = 100_000;

/// The header of a date group from its rank: "This week", "March 2026",
/// "1987".
pub fn date_group_name(rank: i64, today: NaiveDate) -> String {
    match rank {
        0..=2 => RECENT_BUCKETS[rank as usize].to_string(),
        3..YEARS_RANK => {
            let month = (12 - (rank - 3)) as u32;
            NaiveDate::from_ymd_opt(today.year(), month, 1).map_or_else(
                || format!("{}-{month:02}", today.year()),
                |d| d.format("%B %Y").to_string(),
            )
        }
        UNDATED_RANK => UNDATED.to_string(),
        r => (9999 - (r - YEARS_RANK)).to_string(),
    }
}

/// The date group of an article, relative to `today`.
pub fn date_bucket(date: Option<NaiveDate>, today: NaiveDate) -> String {
    date_group_name(date_rank(date, today), today)
}

/// Monday of today's week.
pub fn week_start(today: NaiveDate) -> NaiveDate {
    today - chrono::Days::new(today.weekday().num_days_from_monday() as u64)
}

/// The first of today's month.
pub fn month_start(today: NaiveDate) -> NaiveDate {
    today.with_day(1).unwrap_or(today) // day 1 exists in every month
}

/// The articles (given in list order) regrouped: each group's name and
/// the positions of its articles, in display order. Order inside a group
/// is the given order.
pub fn group_positions(
    articles: &[ArticleSummary],
    grouping: Grouping,
    today: NaiveDate,
) -> Vec<(Option<String>, Vec<usize>)> {
    match grouping {
        Grouping::None => vec![(None, (0..articles.len()).collect())],
        Grouping::Date => {
            let mut groups: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
            for (i, a) in articles.iter().enumerate() {
                groups.entry(date_rank(a.date, today)).or_default().push(i);
            }
            groups
                .into_iter()
                .map(|(rank, members)| (Some(date_group_name(rank, today)), members))
                .collect()
        }
        Grouping::Topic => {
            let mut by_topic: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
            let mut untopical = Vec::new();
            for (i, a) in articles.iter().enumerate() {
                // Under each of its topics, not only the first.
                for t in &a.topics {
                    by_topic.entry(t.as_str()).or_default().push(i);
                }
                if a.topics.is_empty() {
                    untopical.push(i);
                }
            }
            let mut groups: Vec<(Option<String>, Vec<usize>)> = by_topic
                .into_iter()
                .map(|(t, members)| (Some(t.to_string()), members))
                .collect();
            if !untopical.is_empty() {
                groups.push((Some(NO_TOPIC.to_string()), untopical));
            }
            groups
        }
    }
}

/// The groups' names and sizes.
pub fn outline_of(groups: &[(Option<String>, Vec<usize>)]) -> Vec<Group> {
    groups
        .iter()
        .map(|(name, members)| Group {
            name: name.clone(),
            count: members.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn art(id: &str, date: Option<&str>, topics: &[&str]) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            path: format!("{id}.md"),
            title: id.into(),
            date: date.map(d),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            tags: Vec::new(),
            bookmarked: false,
            read: false,
            source: None,
            desk_tags: Vec::new(),
        }
    }

    #[test]
    fn date_buckets_follow_the_calendar() {
        let today = d("2026-11-19"); // a Thursday
        assert_eq!(date_bucket(Some(today), today), "Today");
        assert_eq!(date_bucket(Some(d("2026-11-16")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-11-15")), today), "This month");
        assert_eq!(date_bucket(Some(d("2026-10-31")), today), "October 2026");
        assert_eq!(date_bucket(Some(d("2026-01-01")), today), "January 2026");
        assert_eq!(date_bucket(Some(d("2025-12-31")), today), "2025");
        assert_eq!(date_bucket(Some(d("1987-10-20")), today), "1987");
        assert_eq!(date_bucket(None, today), "Undated");
        // A week that began last month: its days are "This week".
        let today = d("2026-12-02");
        assert_eq!(date_bucket(Some(d("2026-11-30")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-11-29")), today), "November 2026");
        // In the first days of a year the week may reach into the last.
        let today = d("2027-01-01");
        assert_eq!(date_bucket(Some(d("2026-12-28")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-12-27")), today), "2026");
    }

    #[test]
    fn date_groups_run_recent_then_months_then_years_each_counted() {
        let today = d("2026-11-19");
        let arts = vec![
            art("a", Some("2026-11-19"), &[]),
            art("b", Some("2026-03-04"), &[]),
            art("c", Some("2026-03-01"), &[]),
            art("d", Some("2025-07-01"), &[]),
            art("e", Some("1987-10-20"), &[]),
            art("f", None, &[]),
        ];
        let outline = outline_of(&group_positions(&arts, Grouping::Date, today));
        let got: Vec<(String, usize)> = outline
            .into_iter()
            .map(|g| (g.name.unwrap(), g.count))
            .collect();
        let want = [
            ("Today", 1),
            ("March 2026", 2),
            ("2025", 1),
            ("1987", 1),
            ("Undated", 1),
        ];
        assert_eq!(got, want.map(|(n, c)| (n.to_string(), c)).to_vec());
    }

    #[test]
    fn topic_groups_put_untopical_last_and_keep_order() {
        let arts = vec![
            art("a", Some("2026-01-03"), &["trade"]),
            art("b", Some("2026-01-02"), &[]),
            art("c", Some("2026-01-01"), &["energy", "trade"]),
            art("d", None, &["trade"]),
        ];
        let groups = group_positions(&arts, Grouping::Topic, d("2026-01-05"));
        assert_eq!(
            groups,
            vec![
                (Some("energy".into()), vec![2]),
                (Some("trade".into()), vec![0, 2, 3]),
                (Some(NO_TOPIC.into()), vec![1]),
            ]
        );
        let outline = outline_of(&groups);
        assert_eq!(outline[1].count, 3);
    }

    #[test]
    fn no_grouping_is_one_unnamed_group_even_when_empty() {
        let groups = group_positions(&[], Grouping::None, d("2026-01-05"));
        assert_eq!(groups, vec![(None, vec![])]);
        assert!(group_positions(&[], Grouping::Date, d("2026-01-05")).is_empty());
    }
}
