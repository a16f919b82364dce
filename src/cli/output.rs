//! Printing for scripts and people: plain text always made safe, JSON
//! exact (its escapes keep every character), raw bytes only when asked.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use chrono::NaiveDate;

/// Prints a value as pretty JSON. serde escapes C0 controls; the C1 and
/// bidi controls it leaves raw are written as `\uXXXX` escapes too, piped
/// or not: a script decodes the same string, and `brief list --json | cat`
/// cannot drive the terminal.
pub fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_out(&crate::text::escape_json_for_terminal(&text))
}

/// Article-derived text made safe for wherever it goes (stderr included).
pub fn safe(text: &str) -> String {
    crate::text::sanitize(text)
}

/// Writes plain text, sanitised whether it goes to a terminal or a pipe
/// (`brief list | head` ends on a terminal too), treating a closed pipe as
/// done. Every command's text passes here, so none can forget.
pub fn print(text: &str) -> Result<()> {
    write_out(&crate::text::sanitize(text))
}

/// The bytes as they are, for `show --raw` into a pipe or file; on a
/// terminal they are sanitised still, since a person reads them there.
pub fn print_raw(text: &str) -> Result<()> {
    if std::io::stdout().is_terminal() {
        return print(text);
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

/// `--since`: the first day of a query date (`2025-03-02`, `2025-03`,
/// `2025`, `-7d`), read by the query language's own date parser.
pub fn since_date(s: &str) -> std::result::Result<NaiveDate, String> {
    Ok(crate::query::parse_period(s, today())?.from)
}

/// `--until`: the last day of a query date, so `--until 2025-03` keeps
/// all of March.
pub fn until_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let period = crate::query::parse_period(s, today())?;
    period
        .until
        .pred_opt()
        .ok_or_else(|| format!("no such date `{s}`"))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
