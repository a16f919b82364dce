//! The list pane's state: the articles in view, how they are grouped, which
//! row is selected and which rows are on screen. Pure: the catalog is asked
//! by `update`, this only arranges what it returned.

use chrono::{Datelike, NaiveDate};

use crate::model::ArticleSummary;
use crate::query::ListFilter;

pub use crate::config::Grouping;

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Topic,
            Grouping::Topic => Grouping::Date,
            Grouping::Date => Grouping::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grouping::None => "none",
            Grouping::Topic => "topic",
            Grouping::Date => "date",
        }
    }
}

/// A line of the list: a group header or an article (index into `articles`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Header(String),
    Article(usize),
}

#[derive(Debug, Clone)]
pub struct ListPane {
    pub filter: ListFilter,
    pub articles: Vec<ArticleSummary>,
    pub grouping: Grouping,
    pub rows: Vec<Row>,
    /// Index into `rows`; always an article row when there is one.
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
}

impl ListPane {
    pub fn new(grouping: Grouping) -> ListPane {
        ListPane {
            filter: ListFilter::default(),
            articles: Vec::new(),
            grouping,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        }
    }

    /// Replaces the articles, keeping the selection on the same article
    /// when it is still there, and the rows on screen where they were.
    pub fn set_articles(&mut self, articles: Vec<ArticleSummary>, today: NaiveDate) {
        let keep = self.selected_article().map(|a| a.id.clone());
        self.articles = articles;
        self.arrange(keep, today);
    }

    pub fn regroup(&mut self, today: NaiveDate) {
        let keep = self.selected_article().map(|a| a.id.clone());
        self.arrange(keep, today);
    }

    /// Rebuilds the rows. The offset is kept so that a refresh does not
    /// scroll (and repaint) the list; `scroll_into_view` fixes it up when
    /// the selection moved out of sight.
    fn arrange(&mut self, keep: Option<String>, today: NaiveDate) {
        let offset = self.offset;
        self.rows = group_rows(&self.articles, self.grouping, today);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        match keep {
            Some(id) => {
                self.select_id(&id);
            }
            None => self.snap(1),
        }
        self.offset = offset.min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_article(&self) -> Option<&ArticleSummary> {
        match self.rows.get(self.selected) {
            Some(Row::Article(i)) => self.articles.get(*i),
            _ => None,
        }
    }

    pub fn select_id(&mut self, id: &str) -> bool {
        let found = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Article(i) if self.articles[*i].id == id));
        match found {
            Some(row) => {
                self.selected = row;
                true
            }
            None => {
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                self.snap(1);
                false
            }
        }
    }

    /// Moves by `delta` article rows (headers are skipped).
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let target =
            (self.selected as isize + delta).clamp(0, self.rows.len() as isize - 1) as usize;
        self.selected = target;
        self.snap(if delta < 0 { -1 } else { 1 });
    }

    pub fn select_row(&mut self, row: usize) {
        if row < self.rows.len() {
            self.selected = row;
            self.snap(1);
        }
    }

    /// Leaves the selection on an article row, looking first in `dir`.
    fn snap(&mut self, dir: isize) {
        let is_article = |r: usize, rows: &[Row]| matches!(rows.get(r), Some(Row::Article(_)));
        if is_article(self.selected, &self.rows) {
            return;
        }
        for d in [dir, -dir] {
            let mut r = self.selected as isize;
            while r >= 0 && (r as usize) < self.rows.len() {
                if is_article(r as usize, &self.rows) {
                    self.selected = r as usize;
                    return;
                }
                r += d;
            }
        }
    }

    /// Keeps the selected row within `height` rows from `offset`. When the
    /// selection leaves the screen the list jumps by half a screen, not a
    /// row: over SSH a one-row scroll repaints the whole pane on every key,
    /// a half-screen jump does so once per half screen.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset || self.selected >= self.offset + height {
            self.offset = self.selected.saturating_sub(height / 2);
        }
        // No empty rows below the last article when the list is longer
        // than the screen.
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }

    /// Indices into `articles` of every article in view.
    pub fn ids(&self) -> Vec<String> {
        self.articles.iter().map(|a| a.id.clone()).collect()
    }

    pub fn article_mut(&mut self, id: &str) -> Option<&mut ArticleSummary> {
        self.articles.iter_mut().find(|a| a.id == id)
    }

    /// The next article row after (or before) the selection whose title
    /// contains `needle`, wrapping around.
    pub fn find(&self, needle: &str, forward: bool) -> Option<usize> {
        let needle = needle.to_lowercase();
        let n = self.rows.len();
        (1..=n)
            .map(|step| if forward { (self.selected + step) % n } else { (self.selected + n * 2 - step) % n })
            .find(|&r| matches!(&self.rows[r], Row::Article(i) if self.articles[*i].title.to_lowercase().contains(&needle)))
    }
}

/// The date bucket of an article, relative to `today`.
pub fn date_bucket(date: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    let Some(d) = date else { return "Undated" };
    let week_start = today - chrono::Days::new(today.weekday().num_days_from_monday() as u64);
    if d >= today {
        "Today"
    } else if d >= week_start {
        "This week"
    } else if d.year() == today.year() && d.month() == today.month() {
        "This month"
    } else {
        "Older"
    }
}

/// Rows for the list. The catalog gives newest first, undated last, so date
/// buckets come out in order; topics are sorted by name, each article under
/// its first topic, untopical ones last.
pub fn group_rows(articles: &[ArticleSummary], grouping: Grouping, today: NaiveDate) -> Vec<Row> {
    let mut rows = Vec::new();
    match grouping {
        Grouping::None => rows.extend((0..articles.len()).map(Row::Article)),
        Grouping::Date => {
            let mut last = None;
            for (i, a) in articles.iter().enumerate() {
                let bucket = date_bucket(a.date, today);
                if last != Some(bucket) {
                    rows.push(Row::Header(bucket.to_string()));
                    last = Some(bucket);
                }
                rows.push(Row::Article(i));
            }
        }
        Grouping::Topic => {
            let mut order: Vec<(Option<&str>, usize)> = articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.topics.first().map(String::as_str), i))
                .collect();
            // Stable: newest first within each topic; None sorts last.
            order.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            let mut last: Option<Option<&str>> = None;
            for (topic, i) in order {
                if last != Some(topic) {
                    rows.push(Row::Header(topic.unwrap_or("(no topic)").to_string()));
                    last = Some(topic);
                }
                rows.push(Row::Article(i));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing::summary;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn date_buckets_follow_the_calendar() {
        let today = d("2026-11-19"); // a Thursday
        assert_eq!(date_bucket(Some(today), today), "Today");
        assert_eq!(date_bucket(Some(d("2026-11-16")), today), "This week");
        assert_eq!(date_bucket(Some(d("2026-11-15")), today), "This month");
        assert_eq!(date_bucket(Some(d("2026-10-31")), today), "Older");
        assert_eq!(date_bucket(None, today), "Undated");
    }

    #[test]
    fn grouping_by_topic_puts_untopical_last_and_keeps_order() {
        let arts = vec![
            summary("a", "A", Some("2026-01-03"), &["trade"]),
            summary("b", "B", Some("2026-01-02"), &[]),
            summary("c", "C", Some("2026-01-01"), &["energy", "trade"]),
            summary("d", "D", None, &["trade"]),
        ];
        let rows = group_rows(&arts, Grouping::Topic, d("2026-01-05"));
        assert_eq!(
            rows,
            vec![
                Row::Header("energy".into()),
                Row::Article(2),
                Row::Header("trade".into()),
                Row::Article(0),
                Row::Article(3),
                Row::Header("(no topic)".into()),
                Row::Article(1),
            ]
        );
    }

    #[test]
    fn movement_skips_headers_and_keeps_selection_in_view() {
        let arts = vec![
            summary("a", "A", Some("2026-01-05"), &[]),
            summary("b", "B", Some("2025-01-02"), &[]),
        ];
        let mut list = ListPane::new(Grouping::Date);
        list.set_articles(arts, d("2026-01-05"));
        assert_eq!(list.selected_article().unwrap().id, "a");
        list.move_by(1);
        assert_eq!(list.selected_article().unwrap().id, "b");
        list.move_by(-1);
        assert_eq!(list.selected_article().unwrap().id, "a");
        list.scroll_into_view(2);
        assert_eq!(list.offset, 0);
    }

    #[test]
    fn leaving_the_screen_jumps_half_a_screen() {
        let arts: Vec<_> = (0..30)
            .map(|i| summary(&format!("a{i}"), "T", None, &[]))
            .collect();
        let mut list = ListPane::new(Grouping::None);
        list.set_articles(arts, d("2026-01-05"));
        let mut offsets = Vec::new();
        for _ in 0..29 {
            list.move_by(1);
            list.scroll_into_view(10);
            assert!(list.selected >= list.offset && list.selected < list.offset + 10);
            offsets.push(list.offset);
        }
        offsets.dedup();
        assert_eq!(offsets, vec![0, 5, 10, 15, 20], "a jump every five rows");
        list.move_by(-100);
        list.scroll_into_view(10);
        assert_eq!(list.offset, 0);
        list.move_by(25);
        list.scroll_into_view(10);
        assert_eq!(list.offset, 20, "no empty rows at the end");
        list.move_by(-3);
        list.scroll_into_view(10);
        assert_eq!(
            (list.selected, list.offset),
            (22, 20),
            "still in view: no jump"
        );
        list.move_by(-5);
        list.scroll_into_view(10);
        assert_eq!((list.selected, list.offset), (17, 12), "half a screen up");
        list.move_by(3);
        list.scroll_into_view(10);
        let same = list.articles.clone();
        list.set_articles(same, d("2026-01-05"));
        list.scroll_into_view(10);
        assert_eq!(
            (list.selected, list.offset),
            (20, 12),
            "a refresh neither moves nor scrolls"
        );
    }

    #[test]
    fn find_wraps_around() {
        let mut list = ListPane::new(Grouping::None);
        let arts = vec![
            summary("a", "Grain talks", None, &[]),
            summary("b", "Port strike", None, &[]),
            summary("c", "Grain prices", None, &[]),
        ];
        list.set_articles(arts, d("2026-01-05"));
        assert_eq!(list.find("grain", true), Some(2));
        list.selected = 2;
        assert_eq!(list.find("grain", true), Some(0));
        assert_eq!(list.find("GRAIN", false), Some(0));
        assert_eq!(list.find("absent", true), None);
    }
}
