//! The ratatui backend brief draws through. It writes its own escape
//! sequences (crossterm only answers the terminal's size), so that the cells
//! say only what the terminal understands and cost as few bytes as they can.
//!
//! Why not crossterm's `draw`: it writes every colour as `38;5;N` (even the
//! sixteen ANSI ones, which a `TERM=linux`/`vt100`/`xterm` terminal may not
//! read), one escape per attribute, and knows nothing of the locale. Here a
//! style change is one SGR sequence from a reset (`ESC[0;1;33m`), colours are
//! fitted to the terminal's depth (30–37/90–97 for sixteen colours), and in a
//! non-UTF-8 locale every symbol is brought down to ASCII.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::ascii;
use crate::ui::colour::fit;
use crate::ui::theme::ColorDepth;

/// Counts the bytes written through it: what the link has to carry, for
/// the frame pacing and the measurements.
pub struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Counting<W> {
    pub fn new(inner: W) -> Self {
        Counting { inner, written: 0 }
    }
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What the cells may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speech {
    pub depth: ColorDepth,
    pub utf8: bool,
}

/// The size of a terminal this process cannot ask (a client's over SSH):
/// set from the client's requests, read by the backend at each frame.
#[derive(Debug, Clone, Default)]
pub struct SharedSize(Arc<AtomicU32>);

impl SharedSize {
    pub fn new(width: u16, height: u16) -> SharedSize {
        let size = SharedSize::default();
        size.set(width, height);
        size
    }

    pub fn set(&self, width: u16, height: u16) {
        self.0
            .store(u32::from(width) << 16 | u32::from(height), Ordering::SeqCst);
    }

    pub fn get(&self) -> Size {
        let v = self.0.load(Ordering::SeqCst);
        Size {
            width: (v >> 16) as u16,
            height: (v & 0xffff) as u16,
        }
    }
}

pub struct TermBackend<W: Write> {
    out: Counting<W>,
    /// Where the size comes from when it is not the process's terminal.
    size: Option<SharedSize>,
    speech: Speech,
    /// What the terminal shows, as far as this backend wrote it; empty
    /// (zero-sized) while that is not known, as before the first clear.
    shadow: Buffer,
    /// The scroll region in force, if one was set.
    region: Option<std::ops::Range<u16>>,
    /// The terminal said it has left/right margins (DECRQM mode 69).
    margins: bool,
    cursor_hidden: bool,
}

impl<W: Write> TermBackend<W> {
    pub fn new(writer: W, speech: Speech) -> Self {
        TermBackend {
            out: Counting::new(writer),
            size: None,
            speech,
            shadow: Buffer::empty(ratatui::layout::Rect::ZERO),
            region: None,
            margins: false,
            cursor_hidden: false,
        }
    }

    /// A backend whose terminal has left/right margins (it said so when
    /// asked, see [`super::margins`]): the reader scrolls beside the list.
    pub fn with_margins(mut self, margins: bool) -> Self {
        self.margins = margins;
        self
    }

    pub fn has_margins(&self) -> bool {
        self.margins
    }

    /// A backend for a terminal whose size it is told, not asks.
    pub fn sized_by(mut self, size: SharedSize) -> Self {
        self.size = Some(size);
        self
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.out.written
    }
}

impl<W: Write> Write for TermBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A cell's look, as one SGR sequence says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Look {
    const PLAIN: Look = Look {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };
}

const MODIFIER_SGR: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The SGR parameters of a colour at a depth (`base` 30 for foreground,
/// 40 for background); empty for the default colour or none at all.
fn colour_params(color: Color, depth: ColorDepth, base: u8, out: &mut String) {
    use std::fmt::Write as _;
    let Some(color) = fit(color, depth) else {
        return;
    };
    let ansi = |i: u8| if i < 8 { base + i } else { base + 60 + i - 8 };
    let _ = match color {
        Color::Reset => return,
        Color::Black => write!(out, ";{}", ansi(0)),
        Color::Red => write!(out, ";{}", ansi(1)),
        Color::Green => write!(out, ";{}", ansi(2)),
        Color::Yellow => write!(out, ";{}", ansi(3)),
        Color::Blue => write!(out, ";{}", ansi(4)),
        Color::Magenta => write!(out, ";{}", ansi(5)),
        Color::Cyan => write!(out, ";{}", ansi(6)),
        Color::Gray => write!(out, ";{}", ansi(7)),
        Color::DarkGray => write!(out, ";{}", ansi(8)),
        Color::LightRed => write!(out, ";{}", ansi(9)),
        Color::LightGreen => write!(out, ";{}", ansi(10)),
        Color::LightYellow => write!(out, ";{}", ansi(11)),
        Color::LightBlue => write!(out, ";{}", ansi(12)),
        Color::LightMagenta => write!(out, ";{}", ansi(13)),
        Color::LightCyan => write!(out, ";{}", ansi(14)),
        Color::White => write!(out, ";{}", ansi(15)),
        Color::Indexed(i) if i < 16 => write!(out, ";{}", ansi(i)),
        Color::Indexed(i) => write!(out, ";{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => write!(out, ";{};2;{r};{g};{b}", base + 8),
    };
}

/// The SGR sequence that turns look `from` into `to`: from a reset
/// (`ESC[0;…m`), so it never depends on attributes it would have to undo,
/// except that from the plain look no reset is needed.
fn sgr(from: Look, to: Look, depth: ColorDepth) -> String {
    let mut params = String::new();
    for (m, p) in MODIFIER_SGR {
        if to.modifier.contains(m) {
            params.push(';');
            params.push_str(p);
        }
    }
    colour_params(to.fg, depth, 30, &mut params);
    colour_params(to.bg, depth, 40, &mut params);
    if params.is_empty() {
        "\x1b[m".to_string()
    } else if from == Look::PLAIN {
        format!("\x1b[{}m", &params[1..])
    } else {
        format!("\x1b[0{params}m")
    }
}

/// The shortest way from where the cursor is (if known) to `(x, y)`.
fn move_to(from: Option<(u16, u16)>, x: u16, y: u16, out: &mut Vec<u8>) {
    match from {
        Some((fx, fy)) if fy == y && fx == x => {}
        Some((fx, fy)) if fy == y && x > fx => {
            let _ = if x - fx == 1 {
                write!(out, "\x1b[C")
            } else {
                write!(out, "\x1b[{}C", x - fx)
            };
        }
        _ if x == 0 => {
            let _ = write!(out, "\x1b[{}H", y + 1);
        }
        _ => {
            let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
        }
    }
}

fn look_of(cell: &Cell) -> Look {
    Look {
        fg: cell.fg,
        bg: cell.bg,
        modifier: cell.modifier,
    }
}

/// Gaps up to this wide are crossed by writing what the terminal already
/// shows there (one byte a cell) rather than by a cursor move (3–4 bytes).
const REWRITE_GAP: u16 = 3;

/// Turns changed cells into bytes, knowing what the terminal shows (the
/// shadow), so that a short gap between changes is crossed by rewriting
/// its characters instead of moving the cursor: a line of words drawn over
/// a blank row costs one byte a space, not three.
pub struct Encoder<'s> {
    pub shadow: &'s mut Buffer,
    pub speech: Speech,
}

impl Encoder<'_> {
    /// The characters of the gap `from..to` on row `y`, if they can be
    /// written in look `look` as they are (plain, one column each).
    fn gap_text(&self, from: u16, to: u16, y: u16, look: Look) -> Option<String> {
        let mut text = String::new();
        for x in from..to {
            let cell = self.shadow.cell((x, y))?;
            let symbol = cell.symbol();
            if look_of(cell) != look || symbol.len() != 1 || !symbol.is_ascii() {
                return None;
            }
            text.push_str(symbol);
        }
        Some(text)
    }

    /// The bytes for a run of changed cells, ending in the plain look.
    pub fn encode<'a>(&mut self, content: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut look = Look::PLAIN;
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            let want = look_of(cell);
            let gap = match cursor {
                Some((cx, cy)) if cy == y && x > cx && x - cx <= REWRITE_GAP => {
                    self.gap_text(cx, x, y, look)
                }
                _ => None,
            };
            match gap {
                Some(text) => out.extend_from_slice(text.as_bytes()),
                None => move_to(cursor, x, y, &mut out),
            }
            if want != look {
                out.extend_from_slice(sgr(look, want, self.speech.depth).as_bytes());
                look = want;
            }
            let symbol = cell.symbol();
            let width = if self.speech.utf8 {
                out.extend_from_slice(symbol.as_bytes());
                symbol.width()
            } else {
                let plain = ascii::fold(symbol);
                out.extend_from_slice(plain.as_bytes());
                plain.len()
            };
            if let Some(c) = self.shadow.cell_mut((x, y)) {
                *c = cell.clone();
            }
            cursor = Some((x.saturating_add(width.max(1) as u16), y));
        }
        if look != Look::PLAIN {
            out.extend_from_slice(b"\x1b[m");
        }
        out
    }
}

/// [`Encoder::encode`] onto a blank screen of `width`×`height`.
#[cfg(test)]
pub fn encode<'a>(content: impl Iterator<Item = (u16, u16, &'a Cell)>, speech: Speech) -> Vec<u8> {
    let mut shadow = Buffer::empty(ratatui::layout::Rect::new(0, 0, 200, 50));
    Encoder {
        shadow: &mut shadow,
        speech,
    }
    .encode(content)
}

impl<W: Write> Backend for TermBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = Backend::size(self)?;
        if (self.shadow.area.width, self.shadow.area.height) != (size.width, size.height) {
            self.forget();
        }
        let bytes = Encoder {
            shadow: &mut self.shadow,
            speech: self.speech,
        }
        .encode(content);
        self.out.write_all(&bytes)
    }

    // ratatui hides the cursor before every frame; once is enough.
    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden {
            return Ok(());
        }
        self.cursor_hidden = true;
        self.out.write_all(b"\x1b[?25l")
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        self.out.write_all(b"\x1b[?25h")
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = ratatui::crossterm::cursor::position()?;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        write!(self.out, "\x1b[{};{}H", p.y + 1, p.x + 1)
    }

    fn clear(&mut self) -> io::Result<()> {
        // In the plain look, so a terminal that clears with the current
        // background (most do) leaves no colour behind.
        self.blank()?;
        self.out.write_all(b"\x1b[m\x1b[H\x1b[2J")
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[m\x1b[2J",
            ClearType::AfterCursor => b"\x1b[m\x1b[J",
            ClearType::BeforeCursor => b"\x1b[m\x1b[1J",
            ClearType::CurrentLine => b"\x1b[m\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[m\x1b[K",
        };
        // Only a whole clear is followed exactly; the others forget the
        // screen, so nothing is rewritten from a wrong shadow.
        if clear_type == ClearType::All {
            self.blank()?;
        } else {
            self.forget();
        }
        self.out.write_all(code)
    }

    fn size(&self) -> io::Result<Size> {
        if let Some(size) = &self.size {
            return Ok(size.get());
        }
        let (width, height) = ratatui::crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(size) = &self.size {
            return Ok(WindowSize {
                columns_rows: size.get(),
                pixels: Size::default(),
            });
        }
        let w = ratatui::crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    // DECSTBM then SU or SD, left in the buffer so the scroll and the
    // frame's new lines go out in one write. The region stays set between
    // scrolls (cursor addressing is absolute either way, and nothing here
    // writes a line feed), so scrolling on costs `ESC[1S`; it is reset by
    // a clear and when the terminal is given back.
    fn scroll_region_up(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.set_region(&region)?;
        shift_rows(&mut self.shadow, region, i32::from(amount));
        write!(self.out, "\x1b[{amount}S")
    }

    fn scroll_region_down(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.set_region(&region)?;
        shift_rows(&mut self.shadow, region, -i32::from(amount));
        write!(self.out, "\x1b[{amount}T")
    }
}

impl<W: Write> TermBackend<W> {
    /// The screen is about to be cleared: blank, and no scroll region.
    fn blank(&mut self) -> io::Result<()> {
        let size = Backend::size(self)?;
        self.shadow = Buffer::empty(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        if self.region.take().is_some() {
            self.out.write_all(b"\x1b[r")?;
        }
        Ok(())
    }

    fn forget(&mut self) {
        self.shadow = Buffer::empty(ratatui::layout::Rect::ZERO);
    }

    fn set_region(&mut self, region: &std::ops::Range<u16>) -> io::Result<()> {
        if self.region.as_ref() == Some(region) {
            return Ok(());
        }
        self.region = Some(region.clone());
        write!(self.out, "\x1b[{};{}r", region.start + 1, region.end)
    }
}

// Mode 69 on, the margins, the region, the scroll, and mode 69 off again:
// off, `CSI s` means "save the cursor" again to anything else that writes
// here, and the margins go back to the whole width. About 24 bytes a
// scroll, against a repaint of every row of the pane.
impl<W: Write> super::Margins for TermBackend<W> {
    fn scroll_between(
        &mut self,
        rows: std::ops::Range<u16>,
        cols: std::ops::Range<u16>,
        delta: i32,
    ) -> io::Result<bool> {
        if !self.margins || cols.start >= cols.end || delta == 0 {
            return Ok(false);
        }
        let fits = rows.end <= self.shadow.area.height && cols.end <= self.shadow.area.width;
        if fits && rows.start < rows.end {
            self.shadow = super::shift_within(&self.shadow, rows.clone(), cols.clone(), delta);
        } else {
            self.forget();
        }
        write!(self.out, "\x1b[?69h\x1b[{};{}s", cols.start + 1, cols.end)?;
        // DECSLRM homes the cursor but keeps the region; the region is set
        // as for a whole-row scroll (once for a run of scrolls).
        self.set_region(&rows)?;
        let n = delta.unsigned_abs();
        if delta > 0 {
            write!(self.out, "\x1b[{n}S")?;
        } else {
            write!(self.out, "\x1b[{n}T")?;
        }
        self.out.write_all(b"\x1b[?69l")?;
        Ok(true)
    }
}

impl<W: Write> super::Retaken for TermBackend<W> {
    // Giving the terminal back reset its scroll region and showed the
    // cursor; what it shows is unknown.
    fn retaken(&mut self) {
        self.region = None;
        self.cursor_hidden = false;
        self.forget();
    }
}

/// The shadow after a scroll; forgotten if the region does not fit it.
fn shift_rows(shadow: &mut Buffer, region: std::ops::Range<u16>, delta: i32) {
    if region.end > shadow.area.height || region.start >= region.end {
        *shadow = Buffer::empty(ratatui::layout::Rect::ZERO);
        return;
    }
    // The terminal blanks the rows it scrolls in.
    *shadow = super::shift(shadow, region, delta);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn cell(symbol: &str, style: Style) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(symbol).set_style(style);
        c
    }

    fn text(cells: &[(u16, u16, Cell)], speech: Speech) -> String {
        String::from_utf8(encode(cells.iter().map(|(x, y, c)| (*x, *y, c)), speech)).unwrap()
    }

    const SIXTEEN: Speech = Speech {
        depth: ColorDepth::Ansi16,
        utf8: true,
    };

    #[test]
    fn sixteen_colours_are_written_as_30_to_37_and_90_to_97() {
        let cells = [
            (
                0,
                0,
                cell("a", Style::new().fg(Color::Yellow).bg(Color::Blue)),
            ),
            (1, 0, cell("b", Style::new().fg(Color::LightRed))),
            (2, 0, cell("c", Style::new().fg(Color::Indexed(208)))),
            (3, 0, cell("d", Style::new().fg(Color::Rgb(0, 0, 250)))),
        ];
        let out = text(&cells, SIXTEEN);
        assert_eq!(
            out,
            "\x1b[1H\x1b[33;44ma\x1b[0;91mb\x1b[0;33mc\x1b[0;34md\x1b[m"
        );
        assert!(!out.contains("38;"));
        let deep = Speech {
            depth: ColorDepth::Indexed256,
            utf8: true,
        };
        assert!(text(&cells, deep).contains("\x1b[0;38;5;208mc"));
    }

    #[test]
    fn runs_need_no_moves_and_gaps_move_forward() {
        let plain = Style::new();
        let cells = [
            (4, 2, cell("x", plain)),
            (5, 2, cell("y", plain)),
            (10, 2, cell("z", plain.add_modifier(Modifier::BOLD))),
            (0, 3, cell("w", plain)),
            (4, 3, cell("v", plain)),
        ];
        // A gap of four columns is a move; one of three (known blank) is
        // cheaper written out.
        assert_eq!(
            text(&cells, SIXTEEN),
            "\x1b[3;5Hxy\x1b[4C\x1b[1mz\x1b[4H\x1b[mw   v"
        );
    }

    #[test]
    fn a_plain_locale_gets_ascii_only() {
        let cells = [
            (0, 0, cell("╭", Style::new())),
            (1, 0, cell("…", Style::new())),
            (2, 0, cell("★", Style::new())),
        ];
        let out = text(
            &cells,
            Speech {
                depth: ColorDepth::None,
                utf8: false,
            },
        );
        assert!(out.is_ascii(), "{out:?}");
        assert_eq!(out, "\x1b[1H+.*");
    }

    #[test]
    fn the_scroll_region_is_set_once_for_a_run_of_scrolls() {
        let mut b = TermBackend::new(Vec::new(), SIXTEEN);
        b.scroll_region_up(1..22, 1).unwrap();
        b.scroll_region_up(1..22, 1).unwrap();
        b.scroll_region_down(1..22, 2).unwrap();
        b.scroll_region_up(2..22, 1).unwrap();
        assert_eq!(
            String::from_utf8(b.out.inner.clone()).unwrap(),
            "\x1b[2;22r\x1b[1S\x1b[1S\x1b[2T\x1b[3;22r\x1b[1S"
        );
        assert_eq!(b.written(), 30);
    }

    #[test]
    fn a_scroll_between_margins_is_bracketed_by_mode_69_where_the_terminal_has_it() {
        use super::super::Margins;
        let mut without = TermBackend::new(Vec::new(), SIXTEEN);
        assert!(!without.scroll_between(1..22, 41..79, 1).unwrap());
        assert!(
            without.out.inner.is_empty(),
            "nothing written without margins"
        );
        let mut b = TermBackend::new(Vec::new(), SIXTEEN).with_margins(true);
        assert!(b.scroll_between(1..22, 41..79, 1).unwrap());
        assert!(b.scroll_between(1..22, 41..79, -2).unwrap());
        assert_eq!(
            String::from_utf8(b.out.inner.clone()).unwrap(),
            "\x1b[?69h\x1b[42;79s\x1b[2;22r\x1b[1S\x1b[?69l\
             \x1b[?69h\x1b[42;79s\x1b[2T\x1b[?69l"
        );
    }

    /// Giving the terminal back reset its region and showed the cursor;
    /// once retaken, both are set again rather than assumed.
    #[test]
    fn a_retaken_terminal_gets_its_region_and_hidden_cursor_again() {
        use super::super::Retaken;
        let mut b = TermBackend::new(Vec::new(), SIXTEEN);
        b.hide_cursor().unwrap();
        b.scroll_region_up(1..22, 1).unwrap();
        b.retaken();
        b.hide_cursor().unwrap();
        b.scroll_region_up(1..22, 1).unwrap();
        assert_eq!(
            String::from_utf8(b.out.inner.clone()).unwrap(),
            "\x1b[?25l\x1b[2;22r\x1b[1S\x1b[?25l\x1b[2;22r\x1b[1S"
        );
    }

    #[test]
    fn no_colour_keeps_attributes_only() {
        let cells = [(0, 0, cell("a", Style::new().fg(Color::Red).reversed()))];
        let none = Speech {
            depth: ColorDepth::None,
            utf8: true,
        };
        assert_eq!(text(&cells, none), "\x1b[1H\x1b[7ma\x1b[m");
    }
}
