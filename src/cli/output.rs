//! Printing for scripts and people: JSON as is, plain text made safe when
//! it goes to a terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use chrono::NaiveDate;

/// Prints a value as pretty JSON. serde escapes C0 controls; on a terminal
/// the C1 and bidi controls it leaves raw are escaped too.
pub fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    if std::io::stdout().is_terminal() {
        text = crate::text::escape_json_for_terminal(&text);
    }
    write_out(&text)
}

/// Article-derived text for plain output: neutralised when a person will
/// see it on a terminal, byte-faithful when piped to a script.
pub fn safe(text: &str) -> String {
    if std::io::stdout().is_terminal() {
        crate::text::sanitize(text)
    } else {
        text.to_string()
    }
}

/// Writes plain text, treating a closed pipe (`brief list | head`) as done.
/// On a terminal it is sanitised whatever the caller did: every command's
/// text passes here, so none can forget.
pub fn print(text: &str) -> Result<()> {
    if std::io::stdout().is_terminal() {
        return write_out(&crate::text::sanitize(text));
    }
    write_out(text)
}

fn write_out(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    )
}

/// `YYYY-MM-DD` from the command line.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-03-02"))
}
