//! How the list is cut into groups, as plain positions: the same rules the
//! list pane shows (topic: each article under its first topic, topics by
//! name, untopical last; date: Today / This week / This month / Older /
//! Undated relative to today). The store computes the same in SQL; this is
//! the reference for in-memory catalogs.

use chrono::{Datelike, NaiveDate};

use crate::config::Grouping;
use crate::model::{ArticleSummary, Group};

/// The header of untopical articles when grouping by topic.
pub const NO_TOPIC: &str = "(no topic)";

/// Date buckets in display order.
pub const DATE_BUCKETS: [&str; 5] = ["Today", "This week", "This month", "Older", "Undated"];

/// The date bucket of an article, relative to `today`.
pub fn date_bucket(date: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    DATE_BUCKETS[date_bucket_index(date, today)]
}

/// Position of the article's bucket in [`DATE_BUCKETS`].
pub fn date_bucket_index(date: Option<NaiveDate>, today: NaiveDate) -> usize {
    let Some(d) = date else { return 4 };
    if d >= today {
        0
    } else if d >= week_start(today) {
        1
    } else if d >= month_start(today) {
        2
    } else {
        3
    }
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
            let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); DATE_BUCKETS.len()];
            for (i, a) in articles.iter().enumerate() {
                buckets[date_bucket_index(a.date, today)].push(i);
            }
            DATE_BUCKETS
                .iter()
                .zip(buckets)
                .filter(|(_, members)| !members.is_empty())
                .map(|(name, members)| (Some(name.to_string()), members))
                .collect()
        }
        Grouping::Topic => {
            let mut by_topic: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
            let mut untopical = Vec::new();
            for (i, a) in articles.iter().enumerate() {
                match a.topics.iter().min() {
                    Some(t) => by_topic.entry(t.as_str()).or_default().push(i),
                    None => untopical.push(i),
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
        }
    }

    #[test]
    fn date_buckets_follow_the_calendar() {
        let today = d("2026-11-19"); // a Thursday
        assert_eq!(date_bucket(Some(today), today), "Today");
        assert_eq!(date_bucket(Some(d("2026-11-16")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-11-15")), today), "This month");
        assert_eq!(date_bucket(Some(d("2026-10-31")), today), "Older");
        assert_eq!(date_bucket(None, today), "Undated");
        // A week that began last month: its days are "This week".
        let today = d("2026-12-02");
        assert_eq!(date_bucket(Some(d("2026-11-30")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-11-29")), today), "Older");
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
                (Some("trade".into()), vec![0, 3]),
                (Some(NO_TOPIC.into()), vec![1]),
            ]
        );
        let outline = outline_of(&groups);
        assert_eq!(outline[1].count, 2);
    }

    #[test]
    fn no_grouping_is_one_unnamed_group_even_when_empty() {
        let groups = group_positions(&[], Grouping::None, d("2026-01-05"));
        assert_eq!(groups, vec![(None, vec![])]);
        assert!(group_positions(&[], Grouping::Date, d("2026-01-05")).is_empty());
    }
}
