//! Where each pane goes for a terminal size. A pure function of the size and
//! a few choices, used both to draw and to tell which pane a click hit.
//!
//! The layout follows what the user is doing. Browsing the list, the list
//! gets room for whole titles and the reader a preview; reading, the reader
//! gets a text column of comfortable width (60–80 columns, never wider even
//! on a 200-column terminal) and the spare room goes to the list and the
//! sidebar. Below [`FULL_WIDTH_BELOW`] columns the focused pane takes the
//! whole width (Esc brings the list back). Zoom gives the focused pane the
//! whole screen at any width, the reader's text still at most
//! [`READER_MAX`] columns, centred.

use ratatui::layout::Rect;

/// Below this the panes cannot show anything useful.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this width the focused pane takes the whole width.
pub const FULL_WIDTH_BELOW: u16 = 100;
/// The reader pane's width (borders included) while reading: its text
/// column is two less.
pub const READER_MIN: u16 = 64;
pub const READER_MAX: u16 = 82;
/// While browsing, the reader keeps at least this much for its preview.
const PREVIEW_MIN: u16 = 36;
/// A list wider than this only adds blanks after the titles.
const LIST_MAX: u16 = 112;
/// The list beside the reader is not worth showing narrower than this.
const LIST_MIN: u16 = 24;
const SIDEBAR_MIN: u16 = 18;
const SIDEBAR_MAX: u16 = 32;
/// Below this width the reader takes the whole width while it has the
/// focus (Esc gives the list back): a narrow column is hard to read, and a
/// full-width reader scrolls with the terminal's own scrolling, which
/// moves whole rows (see `ui::output`).
pub const FULL_READER_BELOW: u16 = FULL_WIDTH_BELOW;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

/// What decides the layout besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices {
    pub focus: Pane,
    /// `[ui] sidebar`: show it where it fits.
    pub sidebar_default: bool,
    /// The user's toggle (`s`): shown or hidden whatever the width.
    pub sidebar_choice: Option<bool>,
    /// The focused pane has the whole screen (`z`).
    pub zoom: bool,
}

impl Choices {
    /// The default choices with `focus`: for tests and for sizing a pane
    /// that is not focused.
    pub fn focused(self, focus: Pane) -> Choices {
        Choices { focus, ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Option<Rect>,
    /// The sidebar would be shown but there is no room for it: the status
    /// line says which key shows it.
    pub sidebar_folded: bool,
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

/// Whether the focused pane takes the whole width: below 100 columns (an
/// 80-column terminal, a phone) two panes side by side are both too narrow.
pub fn full_width(width: u16) -> bool {
    width < FULL_WIDTH_BELOW
}

/// The reader's rectangle when it has `main` to itself: the whole of it on a
/// narrow screen, else a centred column of at most [`READER_MAX`].
fn reader_alone(main: Rect) -> Rect {
    if main.width <= READER_MAX + 8 {
        return main;
    }
    Rect {
        x: main.x + (main.width - READER_MAX) / 2,
        width: READER_MAX,
        ..main
    }
}

pub fn areas(area: Rect, choices: Choices) -> Areas {
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
    let mut a = Areas {
        status: Some(Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        }),
        ..Areas::default()
    };
    let sidebar_wanted = choices.sidebar_choice.unwrap_or(choices.sidebar_default);
    if choices.zoom || full_width(area.width) {
        match choices.focus {
            Pane::List => a.list = Some(main),
            Pane::Reader => a.reader = Some(reader_alone(main)),
            Pane::Sidebar => a.sidebar = Some(main),
        }
        // Reading is when the names matter: say then how to reach them.
        a.sidebar_folded = sidebar_wanted && choices.focus == Pane::Reader;
        return a;
    }
    let (list_w, reader_w, side_w) = split(area.width, choices, sidebar_wanted);
    a.sidebar_folded = sidebar_wanted && side_w == 0;
    let mut x = main.x;
    let mut take = |w: u16| {
        let r = (w > 0).then_some(Rect {
            x,
            width: w,
            ..main
        });
        x += w;
        r
    };
    a.list = take(list_w);
    a.reader = take(reader_w);
    a.sidebar = take(side_w);
    a
}

/// The widths of list, reader and sidebar (0: not shown), adding up to
/// `width`.
fn split(width: u16, choices: Choices, sidebar: bool) -> (u16, u16, u16) {
    let forced = choices.sidebar_choice == Some(true) || choices.focus == Pane::Sidebar;
    let side_for = |rest: u16, keep: u16| -> u16 {
        let fits = rest >= keep + SIDEBAR_MIN;
        if sidebar && (fits || forced) {
            (rest.saturating_sub(keep))
                .clamp(SIDEBAR_MIN, SIDEBAR_MAX)
                .min(rest / 2)
        } else {
            0
        }
    };
    match choices.focus {
        // Browsing: whole titles first, then the sidebar where the
        // preview keeps its room, the preview last.
        Pane::List => {
            let list = (width * 7 / 10).min(LIST_MAX);
            let rest = width - list;
            let side = side_for(rest, PREVIEW_MIN);
            (list, rest - side, side)
        }
        // Reading: a comfortable column, the rest to the sidebar (a third
        // of it) and the list.
        Pane::Reader | Pane::Sidebar => {
            let reader = (width * 11 / 20).clamp(READER_MIN, READER_MAX);
            let rest = width - reader;
            let side = if sidebar && (rest >= LIST_MIN + SIDEBAR_MIN || forced) {
                (rest / 2).clamp(SIDEBAR_MIN, SIDEBAR_MAX).min(rest)
            } else {
                0
            };
            let list = rest - side;
            if list < LIST_MIN {
                // Too narrow to read titles in: the reader takes it.
                (0, reader + list, side)
            } else {
                (list, reader, side)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(focus: Pane) -> Choices {
        Choices {
            focus,
            sidebar_default: true,
            sidebar_choice: None,
            zoom: false,
        }
    }

    fn at(w: u16, h: u16, c: Choices) -> Areas {
        areas(Rect::new(0, 0, w, h), c)
    }

    fn width(r: Option<Rect>) -> u16 {
        r.map_or(0, |r| r.width)
    }

    #[test]
    fn panes_fill_the_width_at_every_size() {
        for w in [100, 101, 120, 133, 160, 200, 255] {
            for focus in [Pane::List, Pane::Reader, Pane::Sidebar] {
                let a = at(w, 40, choices(focus));
                let total = width(a.list) + width(a.reader) + width(a.sidebar);
                assert_eq!(total, w, "{w} {focus:?} {a:?}");
                assert_eq!(a.status.unwrap().y, 39);
                assert!(a.of(focus).is_some(), "the focused pane shows");
            }
        }
        assert!(at(1, 1, choices(Pane::List)).too_small);
        assert!(at(80, 4, choices(Pane::List)).too_small);
    }

    #[test]
    fn browsing_gives_the_list_room_for_whole_titles() {
        // At 120x40 a title gets at least 60 columns (borders, markers and
        // a dated column take 17).
        let a = at(120, 40, choices(Pane::List));
        assert!(width(a.list) >= 60 + 17, "{a:?}");
        assert!(width(a.reader) >= PREVIEW_MIN, "a preview beside it");
        assert!(a.sidebar.is_none() && a.sidebar_folded, "folded for width");
        let a = at(200, 50, choices(Pane::List));
        assert!(width(a.list) >= 100 && a.sidebar.is_some(), "{a:?}");
    }

    #[test]
    fn reading_gets_a_comfortable_column_and_never_a_wide_one() {
        for w in [100, 120, 160, 200, 255] {
            let a = at(w, 40, choices(Pane::Reader));
            let text = width(a.reader) - 2;
            assert!((60..=90).contains(&text), "{w}: {text}");
        }
        let a = at(200, 50, choices(Pane::Reader));
        assert!(a.list.is_some() && a.sidebar.is_some(), "spare room shared");
        assert!(width(a.list) >= 60, "{a:?}");
    }

    #[test]
    fn below_100_columns_the_focused_pane_takes_the_width() {
        for (w, h) in [(80, 24), (60, 20), (40, 20)] {
            for focus in [Pane::List, Pane::Reader, Pane::Sidebar] {
                let a = at(w, h, choices(focus));
                assert_eq!(width(a.of(focus)), w, "{w} {focus:?}");
                let shown = [a.list, a.reader, a.sidebar].iter().flatten().count();
                assert_eq!(shown, 1);
            }
        }
        let a = at(80, 24, choices(Pane::Reader));
        assert!(width(a.reader) - 2 >= 60, "the reader's text at 80x24");
        assert!(a.sidebar_folded);
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_screen_and_the_reader_a_column() {
        let zoomed = |focus| Choices {
            zoom: true,
            ..choices(focus)
        };
        let a = at(200, 50, zoomed(Pane::List));
        assert_eq!((width(a.list), a.reader, a.sidebar), (200, None, None));
        let a = at(200, 50, zoomed(Pane::Reader));
        let r = a.reader.unwrap();
        assert_eq!(r.width, READER_MAX, "centred, not 200 wide");
        assert_eq!(r.x, (200 - READER_MAX) / 2);
        assert_eq!(at(80, 24, zoomed(Pane::Reader)).reader.unwrap().width, 80);
    }

    #[test]
    fn the_sidebar_toggle_wins_over_the_width() {
        let hidden = Choices {
            sidebar_choice: Some(false),
            ..choices(Pane::Reader)
        };
        let a = at(200, 50, hidden);
        assert!(a.sidebar.is_none() && !a.sidebar_folded);
        let shown = Choices {
            sidebar_choice: Some(true),
            ..choices(Pane::List)
        };
        let a = at(120, 40, shown);
        assert!(a.sidebar.is_some(), "{a:?}");
    }

    #[test]
    fn below_100_columns_the_focused_reader_takes_the_whole_width() {
        for width in [60, 80, 99] {
            let a = at(width, 24, choices(Pane::Reader));
            let reader = a.reader.unwrap();
            // Alone on its rows; centred at its comfortable width.
            assert_eq!(reader.width, width.min(READER_MAX), "{width}");
            assert_eq!((a.list, a.sidebar), (None, None));
            // The list's focus (Esc) brings the list back.
            let a = at(width, 24, choices(Pane::List));
            assert!(a.list.is_some(), "{width}");
        }
        let a = at(100, 24, choices(Pane::Reader));
        assert!(a.list.is_some() && a.reader.unwrap().x > 0);
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_pointer() {
        let a = at(200, 40, choices(Pane::Reader));
        assert_eq!(a.pane_at(1, 1), Some(Pane::List));
        assert_eq!(a.pane_at(199, 1), Some(Pane::Sidebar));
        assert_eq!(a.pane_at(60, 39), None);
    }
}
