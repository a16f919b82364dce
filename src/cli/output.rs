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
    write_more(text).map(drop)
}

/// Writes one part of a longer output; false once the reader has gone
/// (`| head`), so the caller stops producing the rest.
fn write_more(text: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        other => other.map(|()| true).map_err(Into::into),
    }
}

/// [`print`] for one part of a longer output: false once the reader has gone.
pub fn print_more(text: &str) -> Result<bool> {
    write_more(&crate::text::sanitize(text))
}

/// A JSON array written element by element, byte for byte what [`json`]
/// writes for the whole array, so a long list starts at once and stops
/// when the reader goes.
#[derive(Default)]
pub struct JsonArray {
    started: bool,
}

impl JsonArray {
    /// Writes these elements; false once the reader has gone.
    pub fn extend<T: serde::Serialize>(&mut self, items: &[T]) -> Result<bool> {
        let text = self.render(items)?;
        write_more(&crate::text::escape_json_for_terminal(&text))
    }

    fn render<T: serde::Serialize>(&mut self, items: &[T]) -> Result<String> {
        let mut text = String::new();
        for item in items {
            text.push_str(if self.started { ",\n" } else { "[\n" });
            self.started = true;
            // Inside the array each line is indented once more; a JSON
            // string holds no raw newline, so lines are the value's own.
            let pretty = serde_json::to_string_pretty(item)?;
            for (i, line) in pretty.split('\n').enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str("  ");
                text.push_str(line);
            }
        }
        Ok(text)
    }

    fn closing(&self) -> &'static str {
        if self.started { "\n]\n" } else { "[]\n" }
    }

    /// Closes the array (`[]` when nothing was written).
    pub fn finish(self) -> Result<()> {
        write_out(self.closing())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        id: String,
        tags: Vec<String>,
        date: Option<String>,
    }

    fn rows(n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| Row {
                id: format!("a\"{i}\n"),
                tags: (0..i % 3).map(|t| format!("t{t}")).collect(),
                date: (i % 2 == 0).then(|| "2025-03-04".into()),
            })
            .collect()
    }

    #[test]
    fn a_json_array_written_in_parts_is_what_serde_writes_for_the_whole() {
        for (n, cut) in [(0, 0), (1, 0), (1, 1), (5, 2), (7, 7)] {
            let all = rows(n);
            let mut array = JsonArray::default();
            let mut text = array.render(&all[..cut]).unwrap();
            text.push_str(&array.render(&all[cut..]).unwrap());
            text.push_str(array.closing());
            assert_eq!(
                text,
                serde_json::to_string_pretty(&all).unwrap() + "\n",
                "{n}/{cut}"
            );
        }
    }
}
