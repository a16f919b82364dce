//! The list pane's state: which articles are in view, how they are grouped,
//! which row is selected and which rows are on screen.
//!
//! The list never holds the whole collection: it knows the groups and
//! their sizes (the outline) and keeps one page of articles around the
//! rows on screen. `update` fills the page from the catalog when the
//! screen moves past it, so a list of 100,000 briefings costs what a
//! screenful costs. Pure: this only arranges what the catalog returned.

use crate::model::{ArticleSummary, Group};
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

/// A line of the list: a group header (index into the outline) or an
/// article (its position in the whole list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(usize),
    Article(usize),
}

/// Rows fetched beyond the screen on each side, so that moving a few rows
/// never waits for the catalog.
const MARGIN: usize = 64;

/// An ungrouped list is first counted only this far: its first screen
/// then costs a screenful whatever the search matches (the whole count of
/// a word in half of a million articles walks every match). The rest is
/// counted when the list is scrolled near that end, sent to its bottom,
/// or the reader is idle.
pub const FIRST_COUNT: usize = 1_000;

#[derive(Debug, Clone)]
pub struct ListPane {
    pub filter: ListFilter,
    /// The name of the saved search shown, if one is.
    pub view: Option<String>,
    pub grouping: Grouping,
    /// The groups of the whole list in order, with their sizes.
    pub groups: Vec<Group>,
    /// Whether `groups` counts the whole list; when not, the list holds
    /// more articles than its one group's count (see [`FIRST_COUNT`]).
    pub exact: bool,
    /// The articles at positions `page_start..page_start + page.len()`.
    pub page_start: usize,
    pub page: Vec<ArticleSummary>,
    /// Row index; always an article row when there is one.
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
}

impl ListPane {
    pub fn new(grouping: Grouping) -> ListPane {
        ListPane {
            filter: ListFilter::default(),
            view: None,
            grouping,
            groups: Vec::new(),
            exact: true,
            page_start: 0,
            page: Vec::new(),
            selected: 0,
            offset: 0,
        }
    }

    fn headers(&self) -> bool {
        self.grouping != Grouping::None
    }

    /// Articles in view.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Lines of the list, headers included.
    pub fn row_count(&self) -> usize {
        let headers = if self.headers() {
            self.groups.iter().filter(|g| g.count > 0).count()
        } else {
            0
        };
        self.total() + headers
    }

    /// What is on line `row`.
    pub fn row(&self, row: usize) -> Option<Row> {
        let mut line = 0;
        let mut position = 0;
        for (i, g) in self.groups.iter().enumerate() {
            if g.count == 0 {
                continue;
            }
            if self.headers() {
                if row == line {
                    return Some(Row::Header(i));
                }
                line += 1;
            }
            if row < line + g.count {
                return Some(Row::Article(position + row - line));
            }
            line += g.count;
            position += g.count;
        }
        None
    }

    /// The line showing the article at `position`.
    pub fn row_of(&self, position: usize) -> Option<usize> {
        let mut line = 0;
        let mut start = 0;
        for g in self.groups.iter().filter(|g| g.count > 0) {
            if self.headers() {
                line += 1;
            }
            if position < start + g.count {
                return Some(line + position - start);
            }
            line += g.count;
            start += g.count;
        }
        None
    }

    /// The header text of group `i`.
    pub fn group_name(&self, i: usize) -> &str {
        self.groups
            .get(i)
            .and_then(|g| g.name.as_deref())
            .unwrap_or("")
    }

    /// The article at a position, when it is in the page.
    pub fn article_at(&self, position: usize) -> Option<&ArticleSummary> {
        self.page.get(position.checked_sub(self.page_start)?)
    }

    pub fn selected_position(&self) -> Option<usize> {
        match self.row(self.selected)? {
            Row::Article(p) => Some(p),
            Row::Header(_) => None,
        }
    }

    pub fn selected_article(&self) -> Option<&ArticleSummary> {
        self.article_at(self.selected_position()?)
    }

    /// Takes a new outline (after a filter, grouping or index change). The
    /// page is dropped: `update` fetches the rows the screen needs.
    pub fn set_outline(&mut self, groups: Vec<Group>) {
        self.set_outline_counted(groups, true);
    }

    /// [`ListPane::set_outline`] with an outline that may count only the
    /// first articles of the list (`exact` false).
    pub fn set_outline_counted(&mut self, groups: Vec<Group>, exact: bool) {
        self.groups = groups;
        self.exact = exact;
        self.page.clear();
        self.page_start = 0;
        let last = self.row_count().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.offset = self.offset.min(last);
        self.snap(1);
    }

    /// Puts the selection on the article at `position`; false when there
    /// is no such position.
    pub fn select_position(&mut self, position: usize) -> bool {
        match self.row_of(position) {
            Some(row) => {
                self.selected = row;
                true
            }
            None => false,
        }
    }

    /// The positions the screen (rows `offset..offset + height`) and the
    /// selection need, when the page does not hold them all: what to fetch,
    /// as (first position, count), with a margin on each side.
    pub fn wanted(&self, height: usize) -> Option<(usize, usize)> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let positions = (self.offset..self.offset + height.max(1))
            .chain(std::iter::once(self.selected))
            .filter_map(|r| match self.row(r)? {
                Row::Article(p) => Some(p),
                Row::Header(_) => None,
            });
        let (mut lo, mut hi) = (usize::MAX, 0);
        for p in positions {
            lo = lo.min(p);
            hi = hi.max(p);
        }
        if lo == usize::MAX {
            return None;
        }
        let held = self.page_start..self.page_start + self.page.len();
        if held.contains(&lo) && held.contains(&hi) {
            return None;
        }
        let from = lo.saturating_sub(MARGIN);
        let to = (hi + 1 + MARGIN).min(total);
        Some((from, to - from))
    }

    /// The whole count of a list first counted only in part. The order is
    /// the same, so the page and the selection stay.
    pub fn set_whole_count(&mut self, groups: Vec<Group>) {
        self.groups = groups;
        self.exact = true;
        let last = self.row_count().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.offset = self.offset.min(last);
    }

    /// Whether the list is counted only in part and `to` (a position past
    /// the last one wanted) reaches the end of what is counted.
    pub fn needs_whole_count(&self, to: usize) -> bool {
        !self.exact && to >= self.total()
    }

    /// The list's size as its title shows it: `1000+` when counted only
    /// as far as that.
    pub fn total_label(&self) -> String {
        if self.exact {
            self.total().to_string()
        } else {
            format!("{}+", self.total())
        }
    }

    pub fn set_page(&mut self, start: usize, articles: Vec<ArticleSummary>) {
        self.page_start = start;
        self.page = articles;
    }

    /// Moves by `delta` article rows (headers are skipped).
    pub fn move_by(&mut self, delta: isize) {
        let rows = self.row_count();
        if rows == 0 {
            return;
        }
        let target = (self.selected as isize + delta).clamp(0, rows as isize - 1) as usize;
        self.selected = target;
        self.snap(if delta < 0 { -1 } else { 1 });
    }

    pub fn select_row(&mut self, row: usize) {
        if row < self.row_count() {
            self.selected = row;
            self.snap(1);
        }
    }

    /// Leaves the selection on an article row, looking first in `dir`.
    /// Groups are never empty, so an article is at most one row away.
    fn snap(&mut self, dir: isize) {
        if matches!(self.row(self.selected), Some(Row::Article(_)) | None) {
            return;
        }
        for d in [dir, -dir] {
            let r = self.selected as isize + d;
            if r >= 0 && matches!(self.row(r as usize), Some(Row::Article(_))) {
                self.selected = r as usize;
                return;
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
        self.offset = self.offset.min(self.row_count().saturating_sub(height));
    }

    /// The article with this id, when it is in the page.
    pub fn article_mut(&mut self, id: &str) -> Option<&mut ArticleSummary> {
        self.page.iter_mut().find(|a| a.id == id)
    }

    /// Every row of the page showing this article: grouped by topic, one
    /// per topic.
    pub fn copies_mut<'a>(
        &'a mut self,
        id: &'a str,
    ) -> impl Iterator<Item = &'a mut ArticleSummary> {
        self.page.iter_mut().filter(move |a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing::summary;

    fn group(name: Option<&str>, count: usize) -> Group {
        Group {
            name: name.map(str::to_string),
            count,
        }
    }

    fn pane(grouping: Grouping, groups: Vec<Group>) -> ListPane {
        let mut list = ListPane::new(grouping);
        list.set_outline(groups);
        list
    }

    #[test]
    fn rows_interleave_headers_and_positions() {
        let list = pane(
            Grouping::Topic,
            vec![group(Some("energy"), 2), group(Some("trade"), 1)],
        );
        let rows: Vec<_> = (0..list.row_count()).map(|r| list.row(r)).collect();
        assert_eq!(
            rows,
            vec![
                Some(Row::Header(0)),
                Some(Row::Article(0)),
                Some(Row::Article(1)),
                Some(Row::Header(1)),
                Some(Row::Article(2)),
            ]
        );
        assert_eq!(list.row(5), None);
        for p in 0..3 {
            let r = list.row_of(p).unwrap();
            assert_eq!(list.row(r), Some(Row::Article(p)));
        }
        assert_eq!(list.row_of(3), None);
        assert_eq!(list.group_name(1), "trade");
        assert_eq!(list.selected, 1, "the selection starts on an article");
    }

    #[test]
    fn without_grouping_rows_are_positions() {
        let list = pane(Grouping::None, vec![group(None, 3)]);
        assert_eq!(list.row_count(), 3);
        assert_eq!(list.row(2), Some(Row::Article(2)));
        assert_eq!(list.row_of(2), Some(2));
    }

    #[test]
    fn movement_skips_headers() {
        let mut list = pane(
            Grouping::Date,
            vec![group(Some("Today"), 1), group(Some("Older"), 1)],
        );
        assert_eq!(list.selected_position(), Some(0));
        list.move_by(1);
        assert_eq!(list.selected_position(), Some(1), "over the header");
        list.move_by(-1);
        assert_eq!(list.selected_position(), Some(0));
        list.move_by(-5);
        assert_eq!(list.selected_position(), Some(0));
    }

    #[test]
    fn only_the_rows_on_screen_are_wanted() {
        let mut list = pane(Grouping::None, vec![group(None, 100_000)]);
        list.scroll_into_view(20);
        assert_eq!(list.wanted(20), Some((0, 20 + MARGIN)));
        let page: Vec<_> = (0..20 + MARGIN)
            .map(|i| summary(&format!("a{i}"), "T", None, &[]))
            .collect();
        list.set_page(0, page);
        assert_eq!(list.wanted(20), None, "held");
        assert_eq!(list.selected_article().unwrap().id, "a0");
        list.move_by(30);
        list.scroll_into_view(20);
        assert_eq!(list.wanted(20), None, "still within the margin");
        list.move_by(99_000);
        list.scroll_into_view(20);
        let (from, count) = list.wanted(20).unwrap();
        let screen = list.offset..list.offset + 20;
        assert!(
            from <= screen.start && from + count >= screen.end,
            "{from} {count}"
        );
        assert!(
            count <= 20 + 2 * MARGIN,
            "{count}: the screen and margins only"
        );
        assert!(list.selected_article().is_none(), "not fetched yet");
        list.move_by(isize::MAX / 2);
        list.scroll_into_view(20);
        let (from, count) = list.wanted(20).unwrap();
        assert_eq!(from + count, 100_000, "the end of the list");
    }

    #[test]
    fn leaving_the_screen_jumps_half_a_screen() {
        let mut list = pane(Grouping::None, vec![group(None, 30)]);
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
    }

    #[test]
    fn a_new_outline_keeps_the_selection_in_range() {
        let mut list = pane(Grouping::None, vec![group(None, 30)]);
        list.move_by(25);
        list.set_outline(vec![group(None, 10)]);
        assert_eq!(list.selected, 9);
        list.set_outline(Vec::new());
        assert_eq!(list.selected, 0);
        assert!(list.selected_article().is_none());
        assert_eq!(list.wanted(10), None);
    }
}
