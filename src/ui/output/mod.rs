//! The terminal output layer: what the terminal can be told (colours, UTF-8,
//! cursor addressing), and drawing frames so that a reader scroll travels as
//! a terminal scroll and only the new lines.
//!
//! How a scroll stays in step with ratatui. ratatui draws by diffing the new
//! frame against the previous one, and believes the terminal shows that
//! previous frame. To scroll, [`Screen::draw`] first tells the terminal to
//! scroll the reader's rows (`DECSTBM` to set the region, `SU`/`SD`, reset:
//! ratatui's own `scrolling-regions` backend calls, which `TestBackend`
//! emulates too), then hands ratatui, as its previous frame, the last frame
//! shifted the same way. The diff then finds the moved lines already in
//! place and sends only the rows that came into view and whatever else
//! changed (the position label). Correctness never depends on the hint: if
//! it is wrong, the diff repaints what differs, as it always did.
//!
//! Why this and not the alternatives: `Terminal::insert_before` scrolls only
//! for inline viewports; a backend wrapper sees only the diff, so it would
//! have to guess a scroll from cells, after the fact, for every frame. The
//! event loop knows the reader moved by n lines, so it says so, and the only
//! buffer work is one row shift of the last frame (kept as a copy, since
//! ratatui does not lend out its previous buffer; `current_buffer_mut` and
//! `swap_buffers` install it).
//!
//! A region spans whole rows, so without more the scroll is used only when
//! the reader is as wide as the terminal (below 100 columns it is, while
//! focused). Beside the list it takes left and right margins (`DECSLRM`),
//! which only some terminals have, and a terminal without them would scroll
//! the list too: they are used where the terminal said at start that it has
//! them ([`margins`]), and elsewhere side-by-side panes are repainted.

pub mod ascii;
pub mod backend;
pub mod caps;
pub mod margins;
pub mod pacing;

use std::ops::Range;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

/// Rows of the screen whose contents moved by `delta` lines: positive when
/// the text moved up (reading on), negative when it moved down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    pub rows: Range<u16>,
    /// The columns that moved, when not whole rows: scrolled between left
    /// and right margins, where the terminal has them.
    pub cols: Option<Range<u16>>,
    pub delta: i32,
}

/// A backend that can scroll a block of rows between left and right
/// margins (`DECSLRM`), if its terminal has them.
pub trait Margins: Backend {
    /// Scrolls the block `rows` × `cols` by `delta` (up when positive);
    /// `false`, having written nothing, when the terminal has no margins.
    fn scroll_between(
        &mut self,
        rows: Range<u16>,
        cols: Range<u16>,
        delta: i32,
    ) -> Result<bool, Self::Error>;
}

/// The emulated terminal has margins: the block's cells are moved as a
/// terminal would move them, so tests see what the terminal would show.
impl Margins for ratatui::backend::TestBackend {
    fn scroll_between(
        &mut self,
        rows: Range<u16>,
        cols: Range<u16>,
        delta: i32,
    ) -> Result<bool, Self::Error> {
        let moved = shift_within(self.buffer(), rows.clone(), cols.clone(), delta);
        let width = moved.area.width;
        let cells: Vec<(u16, u16, Cell)> = rows
            .flat_map(|y| cols.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| x < width && y < moved.area.height)
            .map(|(x, y)| (x, y, moved[(x, y)].clone()))
            .collect();
        self.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        Ok(true)
    }
}

/// A ratatui terminal that clears the screen before its first frame and
/// scrolls in place when told a region moved.
pub struct Screen<B: Backend> {
    terminal: Terminal<B>,
    /// What the terminal shows: the last frame drawn, for shifting.
    last: Option<Buffer>,
    frames: u64,
}

impl<B: Backend> Screen<B> {
    pub fn new(backend: B) -> Result<Self, B::Error> {
        let options = TerminalOptions {
            viewport: Viewport::Fullscreen,
        };
        Ok(Screen {
            terminal: Terminal::with_options(backend, options)?,
            last: None,
            frames: 0,
        })
    }

    pub fn backend_mut(&mut self) -> &mut B {
        self.terminal.backend_mut()
    }

    pub fn backend(&self) -> &B {
        self.terminal.backend()
    }

    pub fn size(&self) -> Result<ratatui::layout::Size, B::Error> {
        self.terminal.size()
    }

    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Draws a frame; `scroll` says which rows moved since the last one.
    pub fn draw(
        &mut self,
        scroll: Option<Scroll>,
        render: impl FnOnce(&mut Frame),
    ) -> Result<(), B::Error>
    where
        B: Margins,
    {
        if self.frames == 0 {
            // The first frame starts from a clear screen: after an SSH drop
            // inside tmux, or on a terminal with no alternate screen, the
            // old session's text would show through every blank cell, since
            // ratatui believes a new terminal blank.
            self.terminal.backend_mut().clear()?;
        } else if let Some(scroll) = scroll {
            self.scroll(scroll)?;
        }
        let done = self.terminal.draw(render)?;
        self.last = Some(done.buffer.clone());
        self.frames += 1;
        Ok(())
    }

    /// The terminal was given back and taken again (Ctrl-Z, then `fg`):
    /// whatever it shows now is the shell's, so the next frame clears it
    /// and paints every cell, with no scroll region or hidden cursor
    /// assumed.
    pub fn repaint_all(&mut self) -> Result<(), B::Error>
    where
        B: Retaken,
    {
        self.terminal.backend_mut().retaken();
        self.last = None;
        // Not `Terminal::clear`: it asks the terminal where the cursor is,
        // and the answer would have to come through the input thread.
        self.terminal.backend_mut().clear()?;
        // Each swap blanks the buffer it leaves behind: after two, the
        // previous frame is blank, as the screen now is, and the diff
        // paints every cell that is not.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }

    fn scroll(&mut self, scroll: Scroll) -> Result<(), B::Error>
    where
        B: Margins,
    {
        let Some(last) = &self.last else {
            return Ok(());
        };
        let area = last.area;
        let size = self.terminal.size()?;
        let rows = scroll.rows.start..scroll.rows.end.min(area.height);
        let n = scroll.delta.unsigned_abs();
        let height = u32::from(rows.end.saturating_sub(rows.start));
        // The size changed (ratatui will clear and repaint), nothing moved,
        // or nothing stays on screen: a plain diff is as cheap.
        if (size.width, size.height) != (area.width, area.height) || n == 0 || n >= height {
            return Ok(());
        }
        let n = n as u16;
        let shifted = match scroll.cols {
            Some(cols) => {
                let moved = self.terminal.backend_mut().scroll_between(
                    rows.clone(),
                    cols.clone(),
                    scroll.delta,
                )?;
                if !moved {
                    return Ok(());
                }
                shift_within(last, rows, cols, scroll.delta)
            }
            None => {
                if scroll.delta > 0 {
                    self.terminal
                        .backend_mut()
                        .scroll_region_up(rows.clone(), n)?;
                } else {
                    self.terminal
                        .backend_mut()
                        .scroll_region_down(rows.clone(), n)?;
                }
                shift(last, rows, scroll.delta)
            }
        };
        *self.terminal.current_buffer_mut() = shifted;
        // The shifted frame becomes the one ratatui diffs against.
        self.terminal.swap_buffers();
        Ok(())
    }
}

/// A backend that keeps its own account of the terminal's modes, told
/// when the terminal was reset behind its back.
pub trait Retaken {
    fn retaken(&mut self);
}

impl Retaken for ratatui::backend::TestBackend {
    fn retaken(&mut self) {}
}

/// `buffer` as the terminal shows it after scrolling `rows` by `delta`:
/// the rows move, the rows scrolled in are blank.
pub fn shift(buffer: &Buffer, rows: Range<u16>, delta: i32) -> Buffer {
    let mut out = buffer.clone();
    let width = buffer.area.width as usize;
    let (top, bottom) = (rows.start as usize, rows.end as usize);
    let n = delta.unsigned_abs() as usize;
    let region = &mut out.content[top * width..bottom * width];
    let cells = (n * width).min(region.len());
    if delta > 0 {
        region.rotate_left(cells);
        let len = region.len();
        region[len - cells..].fill(Cell::default());
    } else {
        region.rotate_right(cells);
        region[..cells].fill(Cell::default());
    }
    out
}

/// `buffer` as the terminal shows it after scrolling the block `rows` ×
/// `cols` by `delta` between left and right margins: only those columns
/// move; the cells scrolled in are blank.
pub fn shift_within(buffer: &Buffer, rows: Range<u16>, cols: Range<u16>, delta: i32) -> Buffer {
    let mut out = buffer.clone();
    let width = buffer.area.width as usize;
    let (left, right) = (cols.start as usize, (cols.end as usize).min(width));
    if left >= right {
        return out;
    }
    let n = delta.unsigned_abs() as usize;
    let height = buffer.area.height;
    let rows: Vec<usize> = (rows.start as usize..rows.end.min(height) as usize).collect();
    // Read from the unshifted buffer, so the order of rows does not matter.
    for (i, &y) in rows.iter().enumerate() {
        let from = if delta > 0 {
            rows.get(i + n).copied()
        } else {
            i.checked_sub(n).map(|j| rows[j])
        };
        for x in left..right {
            out.content[y * width + x] = match from {
                Some(f) => buffer.content[f * width + x].clone(),
                None => Cell::default(),
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph};

    fn page(lines: &[&str], from: usize, f: &mut Frame) {
        let text: Vec<Line> = lines[from..].iter().map(|l| Line::raw(*l)).collect();
        let block = Block::default().borders(Borders::ALL).title("Reader");
        f.render_widget(Paragraph::new(text).block(block), f.area());
    }

    #[test]
    fn a_scroll_moves_the_rows_and_draws_only_the_new_one() {
        let lines: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut screen = Screen::new(TestBackend::new(12, 6)).unwrap();
        screen.draw(None, |f| page(&lines, 0, f)).unwrap();
        for (from, delta) in [(1, 1), (3, 2), (2, -1), (0, -2)] {
            screen
                .draw(
                    Some(Scroll {
                        rows: 1..5,
                        cols: None,
                        delta,
                    }),
                    |f| page(&lines, from, f),
                )
                .unwrap();
            // The emulated terminal, scrolled and patched, shows exactly
            // what a full repaint would.
            let mut fresh = Terminal::new(TestBackend::new(12, 6)).unwrap();
            fresh.draw(|f| page(&lines, from, f)).unwrap();
            assert_eq!(
                screen.backend().buffer(),
                fresh.backend().buffer(),
                "from {from}"
            );
        }
    }

    /// After Ctrl-Z and `fg` the terminal shows the shell's text; an
    /// unchanged frame must still be painted whole.
    #[test]
    fn after_the_terminal_is_retaken_every_cell_is_painted_again() {
        let lines = ["one", "two", "three"];
        let mut screen = Screen::new(TestBackend::new(12, 6)).unwrap();
        screen.draw(None, |f| page(&lines, 0, f)).unwrap();
        let drawn = screen.backend().buffer().clone();
        // The shell's screen, as far as the cells go.
        Backend::clear(screen.backend_mut()).unwrap();
        screen.repaint_all().unwrap();
        screen.draw(None, |f| page(&lines, 0, f)).unwrap();
        assert_eq!(screen.backend().buffer(), &drawn);
    }

    /// A list on the left, the reader on the right: the reader's block
    /// scrolls between margins and the list stays as it was.
    fn panes(lines: &[&str], from: usize, f: &mut Frame) {
        let [left, right] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Length(7),
            ratatui::layout::Constraint::Fill(1),
        ])
        .areas(f.area());
        let list: Vec<Line> = ["alpha", "beta", "gamma", "delta"]
            .iter()
            .map(|l| Line::raw(*l))
            .collect();
        f.render_widget(
            Paragraph::new(list).block(Block::default().borders(Borders::ALL)),
            left,
        );
        let text: Vec<Line> = lines[from..].iter().map(|l| Line::raw(*l)).collect();
        f.render_widget(
            Paragraph::new(text).block(Block::default().borders(Borders::ALL)),
            right,
        );
    }

    #[test]
    fn a_scroll_between_margins_moves_only_the_reader_columns() {
        let lines: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut screen = Screen::new(TestBackend::new(20, 7)).unwrap();
        screen.draw(None, |f| panes(&lines, 0, f)).unwrap();
        for (from, delta) in [(1, 1), (3, 2), (2, -1), (0, -2)] {
            let scroll = Scroll {
                rows: 1..6,
                cols: Some(8..19),
                delta,
            };
            screen
                .draw(Some(scroll), |f| panes(&lines, from, f))
                .unwrap();
            let mut fresh = Terminal::new(TestBackend::new(20, 7)).unwrap();
            fresh.draw(|f| panes(&lines, from, f)).unwrap();
            assert_eq!(
                screen.backend().buffer(),
                fresh.backend().buffer(),
                "from {from}"
            );
        }
    }

    #[test]
    fn shift_within_moves_the_block_and_blanks_what_scrolls_in() {
        let mut b = Buffer::empty(ratatui::layout::Rect::new(0, 0, 3, 4));
        for y in 0..4 {
            for x in 0..3 {
                b[(x, y)].set_symbol(&format!("{}", y * 3 + x));
            }
        }
        let grid = |b: &Buffer| {
            (0..4)
                .map(|y| {
                    (0..3)
                        .map(|x| b[(x, y)].symbol().to_string())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        assert_eq!(grid(&b), "012|345|678|91011");
        // Rows 1..4, column 1 only, up by one: column 0 and 2 stay.
        assert_eq!(grid(&shift_within(&b, 1..4, 1..2, 1)), "012|375|6108|9 11");
        assert_eq!(grid(&shift_within(&b, 0..3, 1..3, -2)), "0  |3  |612|91011");
        // Rows past the buffer are not touched (nor indexed).
        assert_eq!(grid(&shift_within(&b, 2..9, 0..3, 1)), "012|345|91011|   ");
    }

    #[test]
    fn shift_blanks_the_rows_scrolled_in() {
        let mut b = Buffer::empty(ratatui::layout::Rect::new(0, 0, 2, 4));
        for y in 0..4 {
            b[(0, y)].set_symbol(&y.to_string());
        }
        let up = shift(&b, 1..4, 1);
        let col = |b: &Buffer| {
            (0..4)
                .map(|y| b[(0, y)].symbol().to_string())
                .collect::<String>()
        };
        assert_eq!(col(&up), "023 ");
        let down = shift(&b, 0..3, -2);
        assert_eq!(col(&down), "  03");
    }
}
