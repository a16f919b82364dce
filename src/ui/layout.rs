//! Where each pane goes for a terminal size. A pure function of the size and
//! a few choices, used both to draw and to tell which pane a click hit.

use ratatui::layout::Rect;

/// Below this the panes cannot show anything useful.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this width only the focused pane is shown.
pub const ONE_PANE_BELOW: u16 = 60;
/// Below this width the sidebar starts folded.
pub const SIDEBAR_BELOW: u16 = 100;
/// Below this width the reader takes the whole width while it has the
/// focus (Esc gives the list back): a narrow column is hard to read, and a
/// full-width reader scrolls with the terminal's own scrolling, which
/// moves whole rows (see `ui::output`).
pub const FULL_READER_BELOW: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Option<Rect>,
    /// The terminal is below the minimum: show only a message.
    pub too_small: bool,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Sidebar => self.sidebar,
        }
    }

    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position { x, y };
        [Pane::List, Pane::Reader, Pane::Sidebar]
            .into_iter()
            .find(|&p| self.of(p).is_some_and(|r| r.contains(pos)))
    }
}

pub fn one_pane(width: u16) -> bool {
    width < ONE_PANE_BELOW
}

pub fn areas(area: Rect, focus: Pane, sidebar: bool) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let main = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Some(Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    });
    if one_pane(area.width) || (focus == Pane::Reader && area.width < FULL_READER_BELOW) {
        let mut a = Areas {
            status,
            ..Areas::default()
        };
        match focus {
            Pane::List => a.list = Some(main),
            Pane::Reader => a.reader = Some(main),
            Pane::Sidebar => a.sidebar = Some(main),
        }
        return a;
    }
    let side_w = if sidebar {
        (area.width / 4).clamp(18, 32)
    } else {
        0
    };
    let rest = area.width - side_w;
    let list_w = rest * 9 / 20;
    let list = Rect {
        width: list_w,
        ..main
    };
    let reader = Rect {
        x: main.x + list_w,
        width: rest - list_w,
        ..main
    };
    let sidebar = sidebar.then_some(Rect {
        x: main.x + rest,
        width: side_w,
        ..main
    });
    Areas {
        list: Some(list),
        reader: Some(reader),
        sidebar,
        status,
        too_small: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_when_wide_one_when_narrow() {
        let a = areas(Rect::new(0, 0, 120, 40), Pane::List, true);
        assert!(a.list.is_some() && a.reader.is_some() && a.sidebar.is_some());
        let (l, r, s) = (a.list.unwrap(), a.reader.unwrap(), a.sidebar.unwrap());
        assert_eq!(l.width + r.width + s.width, 120);
        assert_eq!(a.status.unwrap().y, 39);
        let a = areas(Rect::new(0, 0, 40, 12), Pane::Reader, true);
        assert_eq!(
            (a.list, a.reader.map(|r| r.width), a.sidebar),
            (None, Some(40), None)
        );
        assert!(areas(Rect::new(0, 0, 1, 1), Pane::List, true).too_small);
        assert!(areas(Rect::new(0, 0, 80, 4), Pane::List, true).too_small);
    }

    #[test]
    fn below_100_columns_the_focused_reader_takes_the_whole_width() {
        for width in [60, 80, 99] {
            let a = areas(Rect::new(0, 0, width, 24), Pane::Reader, false);
            assert_eq!(a.reader, Some(Rect::new(0, 0, width, 23)), "{width}");
            assert_eq!(a.list, None);
            // The list's focus brings both panes back.
            let a = areas(Rect::new(0, 0, width, 24), Pane::List, false);
            assert!(a.list.is_some() && a.reader.is_some(), "{width}");
        }
        let a = areas(Rect::new(0, 0, 100, 24), Pane::Reader, false);
        assert!(a.list.is_some() && a.reader.unwrap().x > 0);
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_pointer() {
        let a = areas(Rect::new(0, 0, 120, 40), Pane::List, true);
        assert_eq!(a.pane_at(1, 1), Some(Pane::List));
        assert_eq!(a.pane_at(119, 1), Some(Pane::Sidebar));
        assert_eq!(a.pane_at(60, 39), None);
    }
}
