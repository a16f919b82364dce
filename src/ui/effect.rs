//! What `update` asks the outside world to do. `update` only queues these
//! on `App::effects`; the event loop runs them after the update and puts
//! any failure in the status line. Tests read the queue instead.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crate::open;

/// What openers said when they finished badly, after their effect was
/// run: the event loop shows these at its next wake-up.
#[derive(Debug, Clone, Default)]
pub struct Reports(Arc<Mutex<Vec<String>>>);

impl Reports {
    fn push(&self, message: String) {
        // A poisoned lock only means another waiter panicked mid-push.
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(message);
    }

    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Start this argument vector (the opener and a checked URL).
    Open(Vec<String>),
    /// Put this checked URL on the user's clipboard with OSC 52.
    Copy(String),
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; run by
    /// the event loop itself, which owns the screen to repaint after.
    Suspend,
}

/// Runs one effect; `terminal` is where an OSC 52 sequence goes. Returns
/// the message for the status line when it failed at once; an opener that
/// fails later says so in `reports`.
pub fn run(effect: Effect, terminal: &mut impl Write, reports: &Reports) -> Result<(), String> {
    match effect {
        Effect::Open(argv) => {
            let reports = reports.clone();
            open::spawn_then(&argv, move |m| reports.push(m))
                .map_err(|e| format!("not opened: {e}"))
        }
        Effect::Copy(url) => {
            // Checked when queued; checked again so nothing else can ever
            // reach the terminal this way.
            let url = open::check_url(&url).map_err(|e| format!("not copied: {e}"))?;
            // crossterm's OSC 52 command base64-encodes the text, so nothing
            // in it can end the sequence early or start another.
            ratatui::crossterm::execute!(
                terminal,
                ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(url)
            )
            .map_err(|e| format!("not copied: cannot write to the terminal: {e}"))
        }
        Effect::Suspend => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_writes_exactly_one_osc52_sequence() {
        let mut out = Vec::new();
        run(
            Effect::Copy("https://example.org/x".into()),
            &mut out,
            &Reports::default(),
        )
        .unwrap();
        assert_eq!(out, b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy94\x1b\\");
        // Only the opening ESC and the terminator's are controls.
        assert_eq!(out.iter().filter(|b| b.is_ascii_control()).count(), 2);
    }

    #[test]
    fn a_refused_copy_writes_nothing() {
        let mut out = Vec::new();
        let err = run(
            Effect::Copy("javascript:alert(1)".into()),
            &mut out,
            &Reports::default(),
        )
        .unwrap_err();
        assert!(err.contains("not copied"), "{err}");
        assert!(out.is_empty());
    }

    #[test]
    fn a_missing_opener_is_reported() {
        let mut out = Vec::new();
        let err = run(
            Effect::Open(vec![
                "/nonexistent/opener".into(),
                "https://example.org".into(),
            ]),
            &mut out,
            &Reports::default(),
        )
        .unwrap_err();
        assert!(
            err.contains("/nonexistent/opener") && err.contains("not found"),
            "{err}"
        );
    }

    #[test]
    fn an_opener_that_fails_later_is_reported() {
        let reports = Reports::default();
        let mut out = Vec::new();
        for (program, ok) in [("/bin/false", false), ("/bin/true", true)] {
            run(
                Effect::Open(vec![program.into(), "https://example.org".into()]),
                &mut out,
                &reports,
            )
            .unwrap();
            let started = std::time::Instant::now();
            let mut got = reports.take();
            while got.is_empty() && started.elapsed() < std::time::Duration::from_secs(2) {
                std::thread::sleep(std::time::Duration::from_millis(10));
                got = reports.take();
            }
            if ok {
                assert!(got.is_empty(), "{got:?}");
            } else {
                assert_eq!(
                    got,
                    ["the opener `/bin/false` exited with status 1: the link may not have opened"]
                );
            }
        }
    }
}
