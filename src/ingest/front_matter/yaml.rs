//! `---` YAML front matter, read into the same fields as the TOML form.
//!
//! YAML blocks usually come from other tools (Jekyll, Hugo, Obsidian), so a
//! key brief does not read (`layout`, `draft`) is a warning, not a refusal;
//! a wrong type for a field brief does read is still the file's fault, and
//! a date that cannot be read loses only the date, as in TOML.
//!
//! Scalars are kept as written (no YAML 1.1 guessing): `title: 1984` is the
//! title "1984", `tags: [no, yes]` are the tags "no" and "yes".

use std::collections::HashMap;

use chrono::NaiveDate;
use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};
use saphyr_parser::{Event, Parser, ScanError};

use super::super::IngestError;
use super::super::dates::date_line;
use super::FrontMatter;
use crate::model::FileWarning;

/// Front matter is a flat list of fields; anything nested deeper than this
/// is hostile, and refusing it keeps building and dropping the tree shallow.
const MAX_DEPTH: usize = 32;

/// Bytes that aliases may copy in all (a billion-laughs block asks for
/// gigabytes from a few hundred bytes).
const MAX_ALIAS_EXPANSION: usize = 64 * 1024;

/// The 1-based file line of a parser line (the YAML starts on file line 2).
fn file_line(yaml_line: usize) -> usize {
    yaml_line.max(1) + 1
}

fn malformed(e: &ScanError) -> IngestError {
    IngestError::FrontMatter {
        line: file_line(e.marker().line()),
        message: format!("malformed YAML: {}", e.info()),
    }
}

/// Refuses, before any tree is built, nesting and alias expansion that
/// would cost more than a front matter block can reasonably need.
fn within_limits(yaml: &str) -> Result<(), IngestError> {
    let mut anchor_sizes: HashMap<usize, usize> = HashMap::new();
    // (anchor id, bytes so far) of each open sequence or mapping.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut copied = 0usize;
    for event in Parser::new_from_str(yaml) {
        let (event, span) = event.map_err(|e| malformed(&e))?;
        let line = file_line(span.start.line());
        let size = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_DEPTH {
                    return Err(IngestError::FrontMatter {
                        line,
                        message: format!("YAML front matter nested deeper than {MAX_DEPTH} levels"),
                    });
                }
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    continue;
                };
                if anchor > 0 {
                    anchor_sizes.insert(anchor, size);
                }
                size
            }
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() + 1;
                if anchor > 0 {
                    anchor_sizes.insert(anchor, size);
                }
                size
            }
            Event::Alias(anchor) => {
                let size = anchor_sizes.get(&anchor).copied().unwrap_or(1);
                copied = copied.saturating_add(size);
                if copied > MAX_ALIAS_EXPANSION {
                    return Err(IngestError::FrontMatter {
                        line,
                        message: format!(
                            "YAML aliases expand to more than {} KiB (an alias bomb?)",
                            MAX_ALIAS_EXPANSION / 1024
                        ),
                    });
                }
                size
            }
            _ => continue,
        };
        if let Some(parent) = open.last_mut() {
            parent.1 = parent.1.saturating_add(size);
        }
    }
    Ok(())
}

/// A node as front matter sees it.
enum Found<'a> {
    Nothing,
    Text(&'a str),
    Other(&'static str),
}

fn found<'a>(node: &'a MarkedYaml<'_>) -> Found<'a> {
    match &node.data {
        YamlData::Representation(s, style, _) => {
            let null = *style == ScalarStyle::Plain
                && matches!(s.as_ref(), "" | "~" | "null" | "Null" | "NULL");
            if null { Found::Nothing } else { Found::Text(s) }
        }
        YamlData::Value(saphyr::Scalar::String(s)) => Found::Text(s),
        YamlData::Value(saphyr::Scalar::Null) | YamlData::BadValue => Found::Nothing,
        YamlData::Tagged(_, inner) => found(inner),
        YamlData::Sequence(_) => Found::Other("a list"),
        YamlData::Mapping(_) => Found::Other("a mapping"),
        _ => Found::Other("a value that is not text"),
    }
}

fn line_of(node: &MarkedYaml<'_>) -> usize {
    file_line(node.span.start.line())
}

/// Parses the text between the `---` fences.
pub(super) fn parse(yaml: &str) -> Result<(FrontMatter, Vec<FileWarning>), IngestError> {
    within_limits(yaml)?;
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.early_parse(false);
    Parser::new_from_str(yaml)
        .load(&mut loader, false)
        .map_err(|e| malformed(&e))?;
    if let Some(e) = loader.error() {
        return Err(malformed(e));
    }
    let mut front_matter = FrontMatter::default();
    let mut warnings = Vec::new();
    let Some(root) = loader.into_documents().into_iter().next() else {
        return Ok((front_matter, warnings));
    };
    let fields = match (&root.data, found(&root)) {
        (YamlData::Mapping(fields), _) => fields,
        (_, Found::Nothing) => return Ok((front_matter, warnings)),
        (_, Found::Text(_) | Found::Other(_)) => {
            return Err(IngestError::FrontMatter {
                line: line_of(&root),
                message: "YAML front matter must be `key: value` lines".into(),
            });
        }
    };
    for (key, value) in fields {
        let err = |message: String| IngestError::FrontMatter {
            line: line_of(value),
            message,
        };
        let name = match found(key) {
            Found::Text(name) => name.trim(),
            _ => {
                return Err(IngestError::FrontMatter {
                    line: line_of(key),
                    message: "a YAML front matter key must be a word such as `title`".into(),
                });
            }
        };
        let text = || -> Result<Option<String>, IngestError> {
            match found(value) {
                Found::Nothing => Ok(None),
                Found::Text(s) if s.trim().is_empty() => Err(err(format!("`{name}` is empty"))),
                Found::Text(s) => Ok(Some(s.trim().to_string())),
                Found::Other(kind) => Err(err(format!("`{name}` must be text, found {kind}"))),
            }
        };
        match name {
            "title" => front_matter.title = text()?,
            "source" => front_matter.source = text()?,
            "url" => front_matter.url = text()?,
            "id" => front_matter.id = text()?,
            "topics" => front_matter.topics = list(name, value)?,
            "tags" => front_matter.tags = list(name, value)?,
            "date" => match read_date(value) {
                Ok(date) => front_matter.date = date,
                Err(message) => warnings.push(FileWarning {
                    line: line_of(value),
                    message: format!("{message}; the article is read without it"),
                }),
            },
            other => warnings.push(FileWarning {
                line: line_of(key),
                message: format!(
                    "`{other}` is not a field brief reads (title, date, topics, tags, source, \
                     url, id); it is ignored"
                ),
            }),
        }
    }
    Ok((front_matter, warnings))
}

/// `tags: budget`, `tags: [a, b]` or a `- a` list.
fn list(name: &str, value: &MarkedYaml<'_>) -> Result<Vec<String>, IngestError> {
    let wrong = |kind: &str| IngestError::FrontMatter {
        line: line_of(value),
        message: format!("`{name}` must be a list of strings, found {kind}"),
    };
    let items: Vec<&MarkedYaml<'_>> = match &value.data {
        YamlData::Sequence(items) => items.iter().collect(),
        _ => vec![value],
    };
    let mut out = Vec::new();
    for item in items {
        match found(item) {
            Found::Nothing => {}
            Found::Text(s) if s.trim().is_empty() => {}
            Found::Text(s) => out.push(s.trim().to_string()),
            Found::Other(kind) if std::ptr::eq(item, value) => return Err(wrong(kind)),
            Found::Other(kind) => return Err(wrong(&format!("a list holding {kind}"))),
        }
    }
    Ok(out)
}

/// A YAML `date`, nothing when it is left empty, or why it cannot be read.
/// YAML timestamps (`2025-03-02`, `2025-03-02T10:00:00Z`, Jekyll's
/// `2025-03-02 10:00:00 +0000`) give their day; other forms go through the
/// same date reader as the article text (`March 2, 2025`).
fn read_date(value: &MarkedYaml<'_>) -> Result<Option<NaiveDate>, String> {
    let s = match found(value) {
        Found::Nothing => return Ok(None),
        Found::Text(s) => s.trim(),
        Found::Other(kind) => {
            return Err(format!(
                "`date` must be a date such as 2024-03-01, found {kind}"
            ));
        }
    };
    if let Some(day) = iso_day(s) {
        return NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("`date` {s} is not a real day"));
    }
    date_line(s)
        .map(Some)
        .ok_or_else(|| format!("`date` \"{s}\" is not a date I can read (write it as 2024-03-01)"))
}

/// The `YYYY-MM-DD` that starts a YAML timestamp.
fn iso_day(s: &str) -> Option<&str> {
    let day = s.get(..10)?;
    let b = day.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    let rest = &s[10..];
    let time_follows = rest.is_empty() || rest.starts_with(['T', 't', ' ', '\t']);
    (shape && time_follows).then_some(day)
}
