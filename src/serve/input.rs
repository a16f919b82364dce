//! A client's keystrokes, as bytes on the channel, turned into the
//! reader's key events by termwiz's parser (the one wezterm reads its
//! input with), not by hand.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use termwiz::input::{InputEvent, InputParser, KeyCode as K, Modifiers, MouseButtons};

use crate::ui::Event;
use crate::ui::output::margins;

/// Bytes held for an unfinished sequence (a paste never closed, say)
/// before the parser starts over: a flood cannot grow it without bound.
pub const MAX_PENDING: usize = 1 << 20;

pub struct Input {
    parser: InputParser,
    pending: usize,
    /// The start of a character cut by the packet's end.
    cut: Vec<u8>,
}

impl Default for Input {
    fn default() -> Self {
        Input {
            parser: InputParser::new(),
            pending: 0,
            cut: Vec::new(),
        }
    }
}

impl Input {
    /// Bytes held for an unfinished sequence (never much past [`MAX_PENDING`]).
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// The events in `bytes`; an escape sequence cut by the packet's end
    /// is kept for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        // A lone ESC at the end is the Esc key: a terminal sends a
        // sequence in one write, and the parser waits for more otherwise.
        let maybe_more = bytes.last() != Some(&0x1b);
        let bytes = without_reports(&self.valid_utf8(bytes));
        self.parser
            .parse(&bytes, |e| out.extend(convert(e)), maybe_more);
        if out.is_empty() {
            self.pending += bytes.len();
            if self.pending > MAX_PENDING {
                self.parser = InputParser::new();
                self.pending = 0;
            }
        } else {
            self.pending = 0;
        }
        out
    }
}

impl Input {
    /// `bytes` (after what the last packet cut) with every byte that is
    /// not UTF-8 replaced by U+FFFD, and a character cut by the packet's
    /// end kept for the next. termwiz measures a bracketed paste by its
    /// lossy text, so a paste holding invalid bytes made it consume more
    /// than its buffer held and panic (found by the ssh_input fuzz target).
    fn valid_utf8(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut data = std::mem::take(&mut self.cut);
        data.extend_from_slice(bytes);
        let mut out = Vec::with_capacity(data.len());
        let mut rest = &data[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.extend_from_slice(s.as_bytes());
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    out.extend_from_slice(valid);
                    match e.error_len() {
                        Some(n) => {
                            out.extend_from_slice("\u{FFFD}".as_bytes());
                            rest = &after[n..];
                        }
                        None => {
                            self.cut = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        out
    }
}

/// `bytes` without the terminal's reports in them (`CSI ?` …, see
/// [`margins::report_len`]): a reply to the margins question that came
/// after its wait would otherwise be typed as keys by termwiz, which
/// reads a sequence it does not know as the characters it is made of.
fn without_reports(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b
            && let Some(n) = margins::report_len(&bytes[i..])
        {
            i += n;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn modifiers(m: Modifiers) -> KeyModifiers {
    let mut out = KeyModifiers::NONE;
    if m.contains(Modifiers::SHIFT) {
        out |= KeyModifiers::SHIFT;
    }
    if m.contains(Modifiers::ALT) {
        out |= KeyModifiers::ALT;
    }
    if m.contains(Modifiers::CTRL) {
        out |= KeyModifiers::CONTROL;
    }
    out
}

fn convert(event: InputEvent) -> Option<Event> {
    match event {
        InputEvent::Key(k) => {
            let mut mods = modifiers(k.modifiers);
            let code = match k.key {
                K::Char(c) => {
                    // termwiz reports Ctrl-A as Char('\x01') on some paths.
                    if (c as u32) < 0x20 && !matches!(c, '\r' | '\n' | '\t' | '\x1b' | '\x08') {
                        // As crossterm reads them: Ctrl-Space, Ctrl-A..Z,
                        // Ctrl-4..7 (adding '`' made Ctrl-_ a DEL).
                        mods |= KeyModifiers::CONTROL;
                        let b = c as u8;
                        KeyCode::Char(match b {
                            0 => ' ',
                            0x01..=0x1a => (b - 1 + b'a') as char,
                            _ => (b - 0x1c + b'4') as char,
                        })
                    } else if c == '\r' || c == '\n' {
                        KeyCode::Enter
                    } else if c == '\t' {
                        KeyCode::Tab
                    } else if c == '\x1b' {
                        KeyCode::Esc
                    } else if c == '\x7f' || c == '\x08' {
                        KeyCode::Backspace
                    } else if c.is_control() {
                        // A C1 control is no key a person typed; as text
                        // it would reach a prompt.
                        return None;
                    } else {
                        KeyCode::Char(c)
                    }
                }
                K::Enter => KeyCode::Enter,
                K::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                K::Tab => KeyCode::Tab,
                K::Escape => KeyCode::Esc,
                K::Backspace => KeyCode::Backspace,
                K::Delete => KeyCode::Delete,
                K::Insert => KeyCode::Insert,
                K::Home | K::KeyPadHome => KeyCode::Home,
                K::End | K::KeyPadEnd => KeyCode::End,
                K::PageUp | K::KeyPadPageUp => KeyCode::PageUp,
                K::PageDown | K::KeyPadPageDown => KeyCode::PageDown,
                K::LeftArrow | K::ApplicationLeftArrow => KeyCode::Left,
                K::RightArrow | K::ApplicationRightArrow => KeyCode::Right,
                K::UpArrow | K::ApplicationUpArrow => KeyCode::Up,
                K::DownArrow | K::ApplicationDownArrow => KeyCode::Down,
                K::Function(n) => KeyCode::F(n),
                _ => return None,
            };
            // crossterm reports an upper-case letter with SHIFT; the
            // keymap matches letters by their case alone.
            if let KeyCode::Char(c) = code
                && c.is_uppercase()
            {
                mods |= KeyModifiers::SHIFT;
            }
            Some(Event::Key(KeyEvent::new(code, mods)))
        }
        InputEvent::Paste(text) => Some(Event::Paste(text)),
        InputEvent::Mouse(m) => {
            let b = m.mouse_buttons;
            let kind = if b.contains(MouseButtons::VERT_WHEEL) {
                if b.contains(MouseButtons::WHEEL_POSITIVE) {
                    MouseEventKind::ScrollUp
                } else {
                    MouseEventKind::ScrollDown
                }
            } else if b.contains(MouseButtons::LEFT) {
                MouseEventKind::Down(MouseButton::Left)
            } else if b.contains(MouseButtons::RIGHT) {
                MouseEventKind::Down(MouseButton::Right)
            } else if b.contains(MouseButtons::MIDDLE) {
                MouseEventKind::Down(MouseButton::Middle)
            } else {
                MouseEventKind::Up(MouseButton::Left)
            };
            Some(Event::Mouse(MouseEvent {
                kind,
                column: m.x.saturating_sub(1),
                row: m.y.saturating_sub(1),
                modifiers: modifiers(m.modifiers),
            }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<KeyEvent> {
        Input::default()
            .feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn letters_arrows_and_controls_become_the_keys_crossterm_would_report() {
        assert_eq!(
            keys(b"j"),
            [KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)]
        );
        assert_eq!(keys(b"G")[0].code, KeyCode::Char('G'));
        assert_eq!(keys(b"\x1b[B")[0].code, KeyCode::Down);
        assert_eq!(keys(b"\x1bOA")[0].code, KeyCode::Up);
        assert_eq!(keys(b"\r")[0].code, KeyCode::Enter);
        assert_eq!(keys(b"\x1b")[0].code, KeyCode::Esc);
        assert_eq!(keys(b"\x1b[6~")[0].code, KeyCode::PageDown);
        // Found by the ssh_input fuzz target: Ctrl-_ was a DEL character.
        for (byte, want) in [(0x1f, '7'), (0x1c, '4'), (0x00, ' '), (0x1a, 'z')] {
            let k = keys(&[byte]);
            assert_eq!(k[0].code, KeyCode::Char(want), "{byte:#x}");
            assert!(k[0].modifiers.contains(KeyModifiers::CONTROL));
        }
        let ctrl_c = keys(b"\x03");
        assert_eq!(ctrl_c[0].code, KeyCode::Char('c'));
        assert!(ctrl_c[0].modifiers.contains(KeyModifiers::CONTROL));
    }

    #[test]
    fn a_paste_holding_bytes_that_are_not_utf8_is_read_without_a_panic() {
        // Found by the ssh_input fuzz target: termwiz panicked here.
        let events = Input::default().feed(b"&\x01\x1b[200~pas\xe0\xe0\xe0ted\ntExt\x1b[201~q");
        let paste = events.iter().find_map(|e| match e {
            Event::Paste(t) => Some(t.as_str()),
            _ => None,
        });
        assert_eq!(paste, Some("pas\u{FFFD}\u{FFFD}\u{FFFD}ted\ntExt"));
        assert!(matches!(events.last(), Some(Event::Key(k)) if k.code == KeyCode::Char('q')));
    }

    #[test]
    fn a_late_reply_to_the_margins_question_is_no_key() {
        // As xterm answers, after the wait: DECRPM then DA1, then a key.
        let all = Input::default().feed(b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22cj");
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(matches!(&all[0], Event::Key(k) if k.code == KeyCode::Char('j')));
        assert!(Input::default().feed(b"\x1b[?62;22c").is_empty());
    }

    #[test]
    fn a_character_cut_between_packets_is_one_key() {
        let mut input = Input::default();
        let mut all = input.feed(&"é".as_bytes()[..1]);
        all.extend(input.feed(&"é".as_bytes()[1..]));
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(matches!(&all[0], Event::Key(k) if k.code == KeyCode::Char('é')));
    }

    #[test]
    fn a_sequence_cut_between_packets_is_one_key() {
        let mut input = Input::default();
        let mut all = input.feed(b"\x1b[");
        all.extend(input.feed(b"B"));
        assert_eq!(all.len(), 1);
        assert!(matches!(&all[0], Event::Key(k) if k.code == KeyCode::Down));
    }

    #[test]
    fn a_paste_arrives_whole_and_an_endless_one_is_dropped() {
        let events = Input::default().feed(b"\x1b[200~a b\nc\x1b[201~");
        assert!(matches!(&events[..], [Event::Paste(t)] if t == "a b\nc"));
        let mut input = Input::default();
        input.feed(b"\x1b[200~");
        for _ in 0..40 {
            input.feed(&[b'x'; 32 * 1024]);
        }
        // Started over: the next key is a key again.
        assert!(!input.feed(b"j").is_empty());
    }
}
