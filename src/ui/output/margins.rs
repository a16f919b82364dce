//! Left and right margins (`DECSLRM`): whether the terminal has them, so
//! that the reader beside the list can scroll with the terminal too.
//!
//! A scroll region alone spans whole rows: beside the list it would scroll
//! the list as well. With left/right margins mode (`DECLRMM`, mode 69) on,
//! `CSI l;r s` narrows the scroll to the reader's columns. A terminal
//! without the mode would read that `CSI s` as "save the cursor" and then
//! scroll the list with the reader, so margins are used only where the
//! terminal says it has them: asked once at start (`DECRQM`, `CSI ? 69 $
//! p`), with a primary device attributes request (`DA1`, `CSI c`) behind
//! it. Every terminal answers DA1, and answers in order, so the DA1 reply
//! ends the wait at once for a terminal that ignores DECRQM; a terminal
//! that answers neither ends it by the timeout. Only xterm-like terminals
//! are asked: tmux and screen keep their own screen and have no margins,
//! and some terminals print a query they do not know.
//!
//! What a terminal says it supports is what it gets; no list of terminal
//! names decides it. A reply that comes after the timeout is read (and
//! dropped) by crossterm's parser, which holds a `CSI ?` sequence until
//! the DA1 reply's final `c` and never turns it into keys.

use std::time::{Duration, Instant};

/// DECRQM for mode 69 (DECLRMM), then DA1.
pub const QUERY: &[u8] = b"\x1b[?69$p\x1b[c";

/// How long start-up waits for the replies when none come: over a slow
/// link a reply later than this means no margins, not a slower start.
pub const TIMEOUT: Duration = Duration::from_millis(300);

/// Whether a terminal of this name, in this environment, is worth asking:
/// xterm-like by name, and not inside tmux or screen (which answer for
/// themselves and have no margins).
pub fn worth_asking(term: Option<&str>, tmux: bool, screen: bool) -> bool {
    if tmux || screen {
        return false;
    }
    let Some(term) = term else { return false };
    const XTERM_LIKE: &[&str] = &["xterm", "wezterm", "mlterm", "contour", "iterm"];
    XTERM_LIKE.iter().any(|t| term.starts_with(t))
}

/// What the replies read so far say: `None` while the DA1 reply has not
/// come; then whether a DECRPM reply before it reported mode 69 as known
/// (set, reset, or permanently set: the mode can be turned on).
pub fn answer(replies: &[u8]) -> Option<bool> {
    let mut margins = false;
    let mut rest = replies;
    while let Some(at) = find(rest, b"\x1b[?") {
        let seq = &rest[at + 3..];
        // Parameters and intermediates, up to the final byte.
        let end = seq.iter().position(|b| (0x40..=0x7e).contains(b))?;
        let (params, last) = (&seq[..end], seq[end]);
        match last {
            b'c' => return Some(margins),
            b'y' => {
                if let Some(report) = params.strip_suffix(b"$")
                    && let Some(value) = report.strip_prefix(b"69;")
                {
                    margins = matches!(value, b"1" | b"2" | b"3");
                }
            }
            _ => {}
        }
        rest = &seq[end + 1..];
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The replies to [`QUERY`] as they come in, a byte at a time, from
/// whichever input the terminal answers on (the process's own, or a
/// client's SSH channel): the same reading for both.
#[derive(Debug, Default)]
pub struct Replies {
    bytes: Vec<u8>,
}

impl Replies {
    /// Takes the next byte of the terminal's input: the answer once the
    /// DA1 reply has come, `Some(false)` when nothing sensible is this
    /// long. A byte after the answer is not the replies' (so nothing the
    /// user typed after them is taken).
    pub fn take(&mut self, byte: u8) -> Option<bool> {
        self.bytes.push(byte);
        if let Some(margins) = answer(&self.bytes) {
            return Some(margins);
        }
        (self.bytes.len() > 4096).then_some(false)
    }
}

/// Asks a terminal through `out` and waits for its answer, which `wait`
/// reads from the terminal's input until the given moment ([`TIMEOUT`]
/// from now); no answer by then is no margins.
pub fn ask(out: &mut dyn std::io::Write, wait: impl FnOnce(Instant) -> Option<bool>) -> bool {
    if out.write_all(QUERY).and_then(|()| out.flush()).is_err() {
        return false;
    }
    wait(Instant::now() + TIMEOUT).unwrap_or(false)
}

/// Asks the process's terminal (in raw mode, before anything else reads
/// its input) and waits for the answer, [`TIMEOUT`] at most. Reads a byte
/// at a time, so nothing after the DA1 reply is taken from the input;
/// keys typed while the replies travel are lost, as they would be to any
/// program still starting.
pub fn ask_local() -> bool {
    ask(&mut std::io::stdout(), |until| {
        let mut replies = Replies::default();
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            let mut poll = libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = i32::try_from(left.as_millis()).unwrap_or(i32::MAX).max(1);
            // SAFETY: one valid pollfd, its count, a timeout.
            let ready = unsafe { libc::poll(&mut poll, 1, ms) };
            if ready < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return None;
            }
            if ready == 0 || poll.revents & libc::POLLIN == 0 {
                // Timed out, or the terminal hung up.
                return None;
            }
            let mut byte = 0u8;
            // SAFETY: reads at most one byte into a live u8.
            let n = unsafe { libc::read(libc::STDIN_FILENO, (&raw mut byte).cast(), 1) };
            if n != 1 {
                return None;
            }
            if let Some(margins) = replies.take(byte) {
                return Some(margins);
            }
        }
        None
    })
}

/// The length of the terminal report (`CSI ?` … final byte: a DECRPM or
/// DA1 reply, say) that `bytes` begin with, if they begin with a whole
/// one. No key a terminal sends begins with `CSI ?`, so a report that
/// comes late, after [`TIMEOUT`], can be told from keys and dropped.
pub fn report_len(bytes: &[u8]) -> Option<usize> {
    let rest = bytes.strip_prefix(b"\x1b[?")?;
    for (i, &b) in rest.iter().enumerate() {
        match b {
            // Parameters and intermediates.
            0x20..=0x3f => {}
            0x40..=0x7e => return Some(3 + i + 1),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_xterm_like_terminals_outside_tmux_and_screen_are_asked() {
        assert!(worth_asking(Some("xterm-256color"), false, false));
        assert!(worth_asking(Some("xterm"), false, false));
        assert!(!worth_asking(Some("xterm-256color"), true, false));
        assert!(!worth_asking(Some("xterm-256color"), false, true));
        for other in ["screen-256color", "tmux-256color", "linux", "vt100", "dumb"] {
            assert!(!worth_asking(Some(other), false, false), "{other}");
        }
        assert!(!worth_asking(None, false, false));
    }

    #[test]
    fn the_da1_reply_ends_the_wait_and_decrpm_before_it_decides() {
        // xterm: mode 69 known, reset.
        assert_eq!(answer(b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22c"), Some(true));
        assert_eq!(answer(b"\x1b[?69;1$y\x1b[?62c"), Some(true));
        assert_eq!(answer(b"\x1b[?69;3$y\x1b[?62c"), Some(true));
        // Known not to exist, or permanently off.
        assert_eq!(answer(b"\x1b[?69;0$y\x1b[?62c"), Some(false));
        assert_eq!(answer(b"\x1b[?69;4$y\x1b[?62c"), Some(false));
        // No DECRPM at all: the DA1 reply alone says no.
        assert_eq!(answer(b"\x1b[?1;2c"), Some(false));
        // Another mode's report says nothing of 69.
        assert_eq!(answer(b"\x1b[?6;2$y\x1b[?1;2c"), Some(false));
        // Still waiting: no DA1 reply yet, or half of one.
        assert_eq!(answer(b""), None);
        assert_eq!(answer(b"\x1b[?69;2$y"), None);
        assert_eq!(answer(b"\x1b[?69;2$y\x1b[?64;1"), None);
        // A key typed meanwhile does not confuse it.
        assert_eq!(answer(b"j\x1b[?69;2$yk\x1b[?64c"), Some(true));
    }

    #[test]
    fn replies_taken_a_byte_at_a_time_end_at_the_da1_reply() {
        let mut r = Replies::default();
        let input = b"\x1b[?69;2$y\x1b[?64;1c";
        let (last, head) = input.split_last().unwrap();
        assert!(head.iter().all(|&b| r.take(b).is_none()));
        assert_eq!(r.take(*last), Some(true));
        // Endless noise gives up rather than growing.
        let mut r = Replies::default();
        let verdict = (0..5000).find_map(|_| r.take(b'x'));
        assert_eq!(verdict, Some(false));
    }

    #[test]
    fn a_report_is_measured_and_keys_are_not_reports() {
        assert_eq!(report_len(b"\x1b[?64;1;2c"), Some(10));
        assert_eq!(report_len(b"\x1b[?69;2$yj"), Some(9));
        assert_eq!(report_len(b"\x1b[?69;2"), None, "not whole yet");
        for key in [
            &b"\x1b[A"[..],
            b"\x1bOA",
            b"\x1b[6~",
            b"j",
            b"\x1b",
            b"\x1b[?\x07",
        ] {
            assert_eq!(report_len(key), None, "{key:?}");
        }
    }
}
