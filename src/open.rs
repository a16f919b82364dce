//! Handing a link to the world outside: the configured opener program, or
//! the user's own clipboard through the terminal (OSC 52).
//!
//! A link comes from an article nobody vetted, so it is checked before it
//! goes anywhere: only `http`/`https`, nothing an opener could read as an
//! option, nothing invisible. The opener is run with an argument vector,
//! never through a shell, so no character in a URL has any meaning to
//! anything but the browser.

use std::io;
use std::process::{Command, Stdio};

/// Longer links are refused: no real page needs more, and some terminals
/// drop (or choke on) a longer OSC 52 sequence.
pub const MAX_URL_BYTES: usize = 4096;

/// The element of `[open] command` that the URL replaces; without one the
/// URL is appended as the last argument.
pub const URL_PLACEHOLDER: &str = "{url}";

/// Why a link is not opened or copied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the link is empty")]
    Empty,
    #[error("the link starts with '-', which a program could take for an option")]
    LeadingDash,
    #[error("the link contains white space")]
    WhiteSpace,
    #[error("the link contains control characters")]
    Control,
    #[error("the link contains invisible or direction-changing characters")]
    Invisible,
    #[error("the link is longer than {MAX_URL_BYTES} bytes")]
    TooLong,
    #[error("only http and https links are opened, not {0}")]
    Scheme(String),
    #[error("the link names no host")]
    NoHost,
}

/// Accepts a URL that is safe to hand to an opener or the clipboard.
pub fn check_url(url: &str) -> Result<&str, Refusal> {
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if url.starts_with('-') {
        return Err(Refusal::LeadingDash);
    }
    if url.len() > MAX_URL_BYTES {
        return Err(Refusal::TooLong);
    }
    if url.chars().any(char::is_control) {
        return Err(Refusal::Control);
    }
    if url.chars().any(char::is_whitespace) {
        return Err(Refusal::WhiteSpace);
    }
    if url.chars().any(invisible) {
        return Err(Refusal::Invisible);
    }
    let scheme = match url.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() => scheme,
        _ => return Err(Refusal::Scheme("a link without a scheme".into())),
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        // The scheme is shown to the user: keep it short and plain.
        let shown: String = scheme.chars().take(20).collect();
        return Err(Refusal::Scheme(format!("{shown}:")));
    }
    let rest = &url[scheme.len() + 1..];
    let host = rest
        .strip_prefix("//")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if !h.is_empty() => Ok(url),
        _ => Err(Refusal::NoHost),
    }
}

/// Zero-width and bidi formatting characters: they make a link read as
/// something other than what it is.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Why the opener could not be started.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Refused(#[from] Refusal),
    #[error("no opener: set `command` under [open] in the config")]
    NoCommand,
    #[error("the opener `{0}` was not found: set `command` under [open] in the config")]
    NotFound(String),
    #[error("cannot start the opener `{program}`: {source}")]
    Spawn { program: String, source: io::Error },
}

/// The opener's argument vector for one checked URL: `command` with the
/// `{url}` element replaced, or the URL appended.
pub fn command_line(command: &[String], url: &str) -> Result<Vec<String>, OpenError> {
    let url = check_url(url)?;
    if command.first().is_none_or(|p| p.is_empty()) {
        return Err(OpenError::NoCommand);
    }
    let mut argv: Vec<String> = command
        .iter()
        .map(|a| {
            if a == URL_PLACEHOLDER {
                url.to_string()
            } else {
                a.clone()
            }
        })
        .collect();
    if !command.iter().any(|a| a == URL_PLACEHOLDER) {
        argv.push(url.to_string());
    }
    Ok(argv)
}

/// Starts the opener and returns at once. Its standard streams are null
/// so it cannot draw over the reader; it runs in its own process group so
/// the terminal's signals are not its; a thread waits for it so it never
/// lingers as a zombie.
pub fn spawn(argv: &[String]) -> Result<(), OpenError> {
    spawn_then(argv, |_| {})
}

/// Like [`spawn`], calling `finished` (on the waiting thread) with a
/// message when the opener exits unsuccessfully, as `xdg-open` does when
/// no browser can be found (over SSH).
pub fn spawn_then(
    argv: &[String],
    finished: impl FnOnce(String) + Send + 'static,
) -> Result<(), OpenError> {
    use std::os::unix::process::CommandExt;
    let Some((program, args)) = argv.split_first() else {
        return Err(OpenError::NoCommand);
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => OpenError::NotFound(program.clone()),
            _ => OpenError::Spawn {
                program: program.clone(),
                source,
            },
        })?;
    let program = program.clone();
    std::thread::spawn(move || {
        let failure = match child.wait() {
            Ok(status) if status.success() => return,
            Ok(status) => match status.code() {
                Some(code) => format!("exited with status {code}"),
                None => "was stopped by a signal".to_string(),
            },
            Err(e) => format!("could not be waited for: {e}"),
        };
        finished(format!(
            "the opener `{program}` {failure}: the link may not have opened"
        ));
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_in_any_case_are_accepted() {
        for url in [
            "http://example.org",
            "https://example.org/a/b?c=d#e",
            "HTTPS://Example.org/",
            "hTTp://localhost:8080/x",
            "https://example.org/$(touch%20x)",
        ] {
            assert_eq!(check_url(url), Ok(url));
        }
    }

    #[test]
    fn other_schemes_are_refused() {
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.org/x",
            "data:text/html,hi",
            "mailto:someone@example.org",
        ] {
            assert!(
                matches!(check_url(url), Err(Refusal::Scheme(_))),
                "{url}: {:?}",
                check_url(url)
            );
        }
        assert!(matches!(
            check_url("example.org/page"),
            Err(Refusal::Scheme(_))
        ));
        assert_eq!(check_url("https:nohost"), Err(Refusal::NoHost));
        assert_eq!(check_url("https:///path"), Err(Refusal::NoHost));
    }

    #[test]
    fn options_white_space_controls_and_invisibles_are_refused() {
        assert_eq!(
            check_url("-oProxyCommand=touch x"),
            Err(Refusal::LeadingDash)
        );
        assert_eq!(check_url("--help"), Err(Refusal::LeadingDash));
        assert_eq!(check_url(""), Err(Refusal::Empty));
        assert_eq!(
            check_url("https://example.org/a b"),
            Err(Refusal::WhiteSpace)
        );
        assert_eq!(
            check_url("https://example.org/\u{a0}x"),
            Err(Refusal::WhiteSpace)
        );
        for c in ['\x1b', '\x07', '\n', '\r', '\0', '\u{9b}', '\u{7f}'] {
            let url = format!("https://example.org/{c}[2J");
            assert_eq!(check_url(&url), Err(Refusal::Control), "{c:?}");
        }
        for c in ['\u{202e}', '\u{200b}', '\u{2066}', '\u{feff}'] {
            let url = format!("https://exa{c}mple.org/");
            assert_eq!(check_url(&url), Err(Refusal::Invisible), "{c:?}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(check_url(&long), Err(Refusal::TooLong));
    }

    #[test]
    fn the_url_is_appended_or_replaces_the_placeholder_element() {
        let cmd = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            command_line(&cmd(&["xdg-open"]), "https://example.org").unwrap(),
            ["xdg-open", "https://example.org"]
        );
        assert_eq!(
            command_line(
                &cmd(&["firefox", "--new-tab", "{url}", "--x"]),
                "https://e.org"
            )
            .unwrap(),
            ["firefox", "--new-tab", "https://e.org", "--x"]
        );
        // Only a whole element is a placeholder.
        assert_eq!(
            command_line(&cmd(&["b", "--url={url}"]), "https://e.org").unwrap(),
            ["b", "--url={url}", "https://e.org"]
        );
        assert!(matches!(
            command_line(&[], "https://e.org"),
            Err(OpenError::NoCommand)
        ));
        assert!(matches!(
            command_line(&cmd(&["xdg-open"]), "file:///etc/passwd"),
            Err(OpenError::Refused(Refusal::Scheme(_)))
        ));
    }

    #[test]
    fn a_missing_opener_is_named() {
        let argv = vec![
            "/nonexistent/brief-opener".to_string(),
            "https://e.org".to_string(),
        ];
        let err = spawn(&argv).unwrap_err();
        assert!(matches!(err, OpenError::NotFound(_)), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains("/nonexistent/brief-opener") && message.contains("[open]"),
            "{message}"
        );
    }
}
