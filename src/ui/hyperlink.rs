//! OSC 8 hyperlinks on link text in ratatui's buffer.
//!
//! ratatui has no hyperlink in its cells, and an escape sequence in a
//! span is cut into cells and counted as columns. What works (as in
//! tui-link): after drawing, the first cell of each run of link text on a
//! row gets a symbol that opens the link, shows the run's text and closes
//! it, with `CellDiffOption::ForcedWidth` telling the diff the run's true
//! width (the diff then passes over the cells it covers). A run is written
//! whole or not at all, so a partial redraw never leaves a link open, and
//! the URL is sent once per run, not once per cell (a link-dense page
//! would otherwise cost several times the bytes over SSH). The shared
//! `id=` makes the terminal treat a link's runs on several rows as one; it
//! is a bare number, one per link on the page, as it travels with every run:
//! a terminal joins runs only when both id and URL match, so a number
//! another program also uses joins nothing of ours.
//!
//! The URL comes from an article: only a checked http(s) URL is used, and
//! every byte outside printable ASCII is percent-encoded, so nothing in it
//! can end the sequence or start another.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use crate::open::check_url;
use crate::text::display_width;

/// Terminals that show OSC 8 as garbage, or have no use for it.
pub fn terminal_allows(term: Option<&str>) -> bool {
    !matches!(term, Some("linux" | "dumb"))
}

/// The URL as it may appear inside the sequence, or None when it is not
/// one we would open. Bytes outside `!`..`~` are percent-encoded (a URL
/// with `%` already encoded keeps it).
pub fn osc8_target(url: &str) -> Option<String> {
    let url = check_url(url).ok()?;
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..=0x7e).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// One cell's symbol: open the link, the glyph, close it.
pub fn wrap_symbol(id: usize, target: &str, glyph: &str) -> String {
    format!("\x1b]8;id={id};{target}\x1b\\{glyph}\x1b]8;;\x1b\\")
}

/// Makes columns `from..to` of row `y` (relative to `area`) link to
/// `target`: the run's first cell carries open + the run's text + close
/// and is `ForcedWidth` of the run, so the diff writes the run at once or
/// not at all and never splits a link. Cells outside `area` are left alone.
pub fn link_cells(buf: &mut Buffer, area: Rect, y: u16, cols: (u16, u16), id: usize, target: &str) {
    if y >= area.height {
        return;
    }
    let (from, to) = (cols.0, cols.1.min(area.width));
    let mut text = String::new();
    let mut x = from;
    while x < to {
        let glyph = buf[(area.x + x, area.y + y)].symbol();
        if glyph.contains('\x1b') {
            return;
        }
        text.push_str(glyph);
        x += display_width(glyph).max(1) as u16;
    }
    let width = x.saturating_sub(from);
    let Some(w) = NonZeroU16::new(width) else {
        return;
    };
    let cell = &mut buf[(area.x + from, area.y + y)];
    cell.set_symbol(&wrap_symbol(id, target, &text));
    cell.set_diff_option(CellDiffOption::ForcedWidth(w));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::{Backend, CrosstermBackend};

    #[test]
    fn hostile_urls_never_carry_escapes() {
        assert_eq!(
            osc8_target("https://e.org/a?q=ü").as_deref(),
            Some("https://e.org/a?q=%C3%BC")
        );
        assert_eq!(osc8_target("https://e.org/\x1b]52;c;eA==\x07"), None);
        assert_eq!(osc8_target("javascript:alert(1)"), None);
        for url in ["https://e.org/\u{9b}31m", "https://e.org/\u{202e}x"] {
            if let Some(t) = osc8_target(url) {
                assert!(t.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{t:?}");
            }
        }
    }

    #[test]
    fn linked_cells_keep_their_width_and_reach_the_terminal_whole() {
        let area = Rect::new(0, 0, 10, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "ab東c", ratatui::style::Style::default());
        link_cells(&mut buf, area, 0, (0, 5), 7, "https://e.org/x");
        assert_eq!(
            buf[(0, 0)].symbol(),
            "\x1b]8;id=7;https://e.org/x\x1b\\ab東c\x1b]8;;\x1b\\"
        );
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(5).unwrap()),
            "the run's true width"
        );
        let mut out = Vec::new();
        {
            let mut backend = CrosstermBackend::new(&mut out);
            let content: Vec<_> = (0..10u16).map(|x| (x, 0u16, &buf[(x, 0u16)])).collect();
            backend.draw(content.into_iter()).unwrap();
        }
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("\x1b]8;id=7;https://e.org/x\x1b\\ab東c\x1b]8;;\x1b\\"),
            "{text:?}"
        );
        assert_eq!(text.matches("]8;id=").count(), 1, "{text:?}");
        assert!(
            !text.contains("東c "),
            "covered cells are not written again"
        );
        assert!(terminal_allows(Some("xterm-256color")));
        assert!(!terminal_allows(Some("linux")) && !terminal_allows(Some("dumb")));
    }
}
