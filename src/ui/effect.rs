//! What `update` asks the outside world to do. `update` only queues these
//! on `App::effects`; the event loop runs them after the update and puts
//! any failure in the status line. Tests read the queue instead.

use std::io::Write;

use crate::open;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Start this argument vector (the opener and a checked URL).
    Open(Vec<String>),
    /// Put this checked URL on the user's clipboard with OSC 52.
    Copy(String),
}

/// Runs one effect; `terminal` is where an OSC 52 sequence goes. Returns
/// the message for the status line when it failed.
pub fn run(effect: Effect, terminal: &mut impl Write) -> Result<(), String> {
    match effect {
        Effect::Open(argv) => open::spawn(&argv).map_err(|e| format!("not opened: {e}")),
        Effect::Copy(url) => {
            // Checked when queued; checked again so nothing else can ever
            // reach the terminal this way.
            let url = open::check_url(&url).map_err(|e| format!("not copied: {e}"))?;
            terminal
                .write_all(open::osc52(url).as_bytes())
                .and_then(|()| terminal.flush())
                .map_err(|e| format!("not copied: cannot write to the terminal: {e}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_writes_exactly_one_osc52_sequence() {
        let mut out = Vec::new();
        run(Effect::Copy("https://example.org/x".into()), &mut out).unwrap();
        assert_eq!(out, b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy94\x07");
    }

    #[test]
    fn a_refused_copy_writes_nothing() {
        let mut out = Vec::new();
        let err = run(Effect::Copy("javascript:alert(1)".into()), &mut out).unwrap_err();
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
        )
        .unwrap_err();
        assert!(
            err.contains("/nonexistent/opener") && err.contains("not found"),
            "{err}"
        );
    }
}
