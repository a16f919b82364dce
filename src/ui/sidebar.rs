//! The entity sidebar's state: the open article's entities grouped by kind.

use crate::model::{ArticleDetail, EntityKind, EntityLink};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideRow {
    Kind(EntityKind),
    /// Index into the article's entities.
    Entity(usize),
}

#[derive(Debug, Clone, Default)]
pub struct SidebarPane {
    pub rows: Vec<SideRow>,
    pub selected: usize,
    pub offset: usize,
}

pub fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Org => "Organisations",
        EntityKind::Place => "Places",
        EntityKind::Other => "Other",
    }
}

/// How many other articles name the entity. `articles` may be a bounded
/// list, so this comes from `count`, less the open article itself (an entity
/// is in its sidebar because it names it).
pub fn others(entity: &EntityLink) -> usize {
    entity.count.saturating_sub(1)
}

impl SidebarPane {
    pub fn build(detail: Option<&ArticleDetail>) -> SidebarPane {
        let mut rows = Vec::new();
        if let Some(d) = detail {
            for kind in EntityKind::ALL {
                let mut of_kind: Vec<usize> = (0..d.entities.len())
                    .filter(|&i| d.entities[i].kind == kind)
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                // Most salient first (mentioned here, rare elsewhere), then
                // most linked: those are the ones worth following.
                of_kind.sort_by_key(|&i| {
                    (
                        std::cmp::Reverse(d.entities[i].salience),
                        std::cmp::Reverse(others(&d.entities[i])),
                        d.entities[i].name.clone(),
                    )
                });
                rows.push(SideRow::Kind(kind));
                rows.extend(of_kind.into_iter().map(SideRow::Entity));
            }
        }
        let selected = rows
            .iter()
            .position(|r| matches!(r, SideRow::Entity(_)))
            .unwrap_or(0);
        SidebarPane {
            rows,
            selected,
            offset: 0,
        }
    }

    pub fn selected_entity(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(SideRow::Entity(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let entity_rows: Vec<usize> = (0..self.rows.len())
            .filter(|&r| matches!(self.rows[r], SideRow::Entity(_)))
            .collect();
        let Some(at) = entity_rows.iter().position(|&r| r >= self.selected) else {
            return;
        };
        let target = (at as isize + delta).clamp(0, entity_rows.len() as isize - 1) as usize;
        self.selected = entity_rows[target];
    }

    pub fn select_row(&mut self, row: usize) {
        if matches!(self.rows.get(row), Some(SideRow::Entity(_))) {
            self.selected = row;
        }
    }

    /// Keeps the selection in view with the heading of its kind above it
    /// when there is room, and no blank rows at the end: after a resize or
    /// `s` shows the pane taller, the first heading comes back into view.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        if self.offset == self.selected
            && height > 1
            && self.selected > 0
            && matches!(self.rows.get(self.selected - 1), Some(SideRow::Kind(_)))
        {
            self.offset -= 1;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing::FakeCatalog;

    #[test]
    fn the_first_heading_comes_back_when_the_pane_grows() {
        let d = FakeCatalog::sample().get("a1");
        let mut pane = SidebarPane::build(Some(&d));
        pane.move_by(5);
        pane.scroll_into_view(2);
        assert!(pane.offset > 0, "scrolled on a short pane");
        pane.move_by(-5);
        pane.scroll_into_view(2);
        assert_eq!(pane.offset, 0, "the heading above the first name");
        pane.move_by(5);
        pane.scroll_into_view(2);
        pane.scroll_into_view(20);
        assert_eq!(pane.offset, 0, "taller: everything from the top");
    }

    #[test]
    fn grouped_by_kind_with_counts_of_other_articles() {
        let d = FakeCatalog::sample().get("a1");
        let pane = SidebarPane::build(Some(&d));
        assert_eq!(
            pane.rows,
            vec![
                SideRow::Kind(EntityKind::Person),
                SideRow::Entity(2),
                SideRow::Kind(EntityKind::Org),
                SideRow::Entity(1),
                SideRow::Kind(EntityKind::Place),
                SideRow::Entity(0),
            ]
        );
        assert_eq!(others(&d.entities[2]), 2);
        assert_eq!(others(&d.entities[1]), 0);
        let mut pane = pane;
        assert_eq!(pane.selected_entity(), Some(2));
        pane.move_by(1);
        assert_eq!(pane.selected_entity(), Some(1));
        pane.move_by(5);
        assert_eq!(pane.selected_entity(), Some(0));
    }
}
