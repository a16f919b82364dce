//! Front matter at the top of Markdown briefs: `+++` TOML, or `---` YAML
//! (in `yaml`) read into the same fields.
//!
//! Strict on purpose: a misspelt key (`tpoics`) or a wrong type is an error
//! naming the line and the key, because silently ignoring it loses the
//! author's data without a word.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::IngestError;
use super::dates::date_line;
use crate::model::FileWarning;

mod yaml;

/// What the author stated in front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<Value>>,
    date: Option<Spanned<Value>>,
    topics: Option<Spanned<Value>>,
    tags: Option<Spanned<Value>>,
    source: Option<Spanned<Value>>,
    url: Option<Spanned<Value>>,
    id: Option<Spanned<Value>>,
}

/// A document split into its front matter and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: Option<FrontMatter>,
    pub body: &'a str,
    /// Faults read around (an unreadable date, a YAML key brief does not read).
    pub warnings: Vec<FileWarning>,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end() == fence
}

/// Separates and parses front matter. Text without a leading `+++` (or
/// `---` YAML) block has none and is returned whole.
pub fn split(text: &str) -> Result<Split<'_>, IngestError> {
    // A byte order mark left by an editor must not hide the fence.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    if is_fence(first_line, "---") && looks_like_yaml(text) {
        return yaml(text);
    }
    if !is_fence(first_line, "+++") {
        return Ok(Split {
            front_matter: None,
            body: text,
            warnings: Vec::new(),
        });
    }
    let toml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if is_fence(line, "+++") {
            let (front_matter, warnings) = parse(&text[toml_start..offset])?;
            return Ok(Split {
                front_matter: Some(front_matter),
                body: &text[offset + line.len()..],
                warnings,
            });
        }
        offset += line.len();
    }
    Err(IngestError::FrontMatter {
        line: 1,
        message: "front matter opened with +++ is never closed by a +++ line".into(),
    })
}

/// `---` YAML front matter up to the closing `---` line.
fn yaml(text: &str) -> Result<Split<'_>, IngestError> {
    let block_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = block_start;
    for line in text[block_start..].split_inclusive('\n') {
        if is_fence(line, "---") {
            let (front_matter, warnings) = yaml::parse(&text[block_start..offset])?;
            return Ok(Split {
                front_matter: Some(front_matter),
                body: &text[offset + line.len()..],
                warnings,
            });
        }
        offset += line.len();
    }
    Err(IngestError::FrontMatter {
        line: 1,
        message: "front matter opened with --- is never closed by a --- line".into(),
    })
}

/// `---` then `key: value` lines then `---`: YAML front matter, where a
/// lone `---` is a Markdown rule.
fn looks_like_yaml(text: &str) -> bool {
    let mut lines = text.lines().skip(1);
    let first = lines.next().unwrap_or("");
    first
        .split_once(':')
        .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '))
        && lines.any(|l| is_fence(l, "---"))
}

/// The 1-based file line of a byte offset inside the TOML (which starts on line 2).
fn file_line(toml: &str, offset: usize) -> usize {
    let end = toml.floor_char_boundary(offset);
    toml[..end].matches('\n').count() + 2
}

/// The TOML read strictly, except that a `date = …` line TOML itself
/// refuses (`2024-02-30`) is set aside with a warning, like any other
/// unreadable date.
fn read_toml(toml_text: &str) -> Result<(RawFrontMatter, Vec<FileWarning>), IngestError> {
    let error = match toml::from_str(toml_text) {
        Ok(raw) => return Ok((raw, Vec::new())),
        Err(e) => e,
    };
    let line = error.span().map_or(2, |s| file_line(toml_text, s.start));
    let refused = IngestError::FrontMatter {
        line,
        message: error.message().trim().to_string(),
    };
    let Some(date_line) = toml_text.lines().nth(line - 2).filter(|l| is_date_key(l)) else {
        return Err(refused);
    };
    let without: String = toml_text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| if i == line - 2 { "\n" } else { l })
        .collect();
    match toml::from_str(&without) {
        Ok(raw) => Ok((
            raw,
            vec![FileWarning {
                line,
                message: format!(
                    "`{}`: {}; the article is read without the date",
                    date_line.trim(),
                    error.message().trim()
                ),
            }],
        )),
        Err(_) => Err(refused),
    }
}

/// `date = …` (a top-level key line).
fn is_date_key(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("date")
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

fn parse(toml_text: &str) -> Result<(FrontMatter, Vec<FileWarning>), IngestError> {
    let (raw, mut warnings) = read_toml(toml_text)?;
    let err = |v: &Spanned<Value>, message: String| IngestError::FrontMatter {
        line: file_line(toml_text, v.span().start),
        message,
    };
    let text = |key: &str, v: Option<Spanned<Value>>| -> Result<Option<String>, IngestError> {
        let Some(v) = v else { return Ok(None) };
        match v.get_ref() {
            Value::String(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
            Value::String(_) => Err(err(&v, format!("`{key}` is empty"))),
            other => Err(err(
                &v,
                format!("`{key}` must be a string, found {}", other.type_str()),
            )),
        }
    };
    let list = |key: &str, v: Option<Spanned<Value>>| -> Result<Vec<String>, IngestError> {
        let Some(v) = v else { return Ok(Vec::new()) };
        let wrong = |found: &str| {
            err(
                &v,
                format!("`{key}` must be a list of strings, found {found}"),
            )
        };
        match v.get_ref() {
            Value::String(s) => Ok(vec![s.trim().to_string()]),
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Ok(s.trim().to_string()),
                    other => Err(wrong(&format!("a list holding {}", other.type_str()))),
                })
                .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
                .collect(),
            other => Err(wrong(other.type_str())),
        }
    };
    // A date that cannot be read loses only the date: the article is
    // read as if it had none, and `check` names the field.
    let date = match raw.date.map(|v| read_date(&v).map_err(|m| (v, m))) {
        None => None,
        Some(Ok(day)) => Some(day),
        Some(Err((v, message))) => {
            warnings.push(FileWarning {
                line: file_line(toml_text, v.span().start),
                message: format!("{message}; the article is read without it"),
            });
            None
        }
    };
    let front_matter = FrontMatter {
        title: text("title", raw.title)?,
        date,
        topics: list("topics", raw.topics)?,
        tags: list("tags", raw.tags)?,
        source: text("source", raw.source)?,
        url: text("url", raw.url)?,
        id: text("id", raw.id)?,
    };
    Ok((front_matter, warnings))
}

/// A front matter `date`, or why it cannot be read.
fn read_date(v: &Spanned<Value>) -> Result<NaiveDate, String> {
    match v.get_ref() {
        Value::Datetime(dt) => match dt.date {
            Some(d) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| format!("`date` {dt} is not a real day"))
            }
            None => Err(format!("`date` {dt} has a time but no day")),
        },
        Value::String(s) => date_line(s.trim()).ok_or_else(|| {
            format!("`date` \"{s}\" is not a date I can read (write it as 2024-03-01)")
        }),
        other => Err(format!(
            "`date` must be a date such as 2024-03-01, found {}",
            other.type_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> FrontMatter {
        split(text).unwrap().front_matter.unwrap()
    }

    fn error(text: &str) -> (usize, String) {
        match split(text) {
            Err(IngestError::FrontMatter { line, message }) => (line, message),
            other => panic!("expected a front matter error, got {other:?}"),
        }
    }

    #[test]
    fn no_front_matter_returns_the_text() {
        let s = split("# Title\n\nBody\n").unwrap();
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body, "# Title\n\nBody\n");
    }

    #[test]
    fn all_keys() {
        let text = "+++\ntitle = \"Grid deal\"\ndate = 2025-03-02\ntopics = [\"Energy\", \"europe\"]\ntags = [\"follow-up\"]\nsource = \"Example Wire\"\nurl = \"https://example.com/a\"\nid = \"grid-deal\"\n+++\n\nBody text.\n";
        let s = split(text).unwrap();
        assert_eq!(s.body, "\nBody text.\n");
        let f = s.front_matter.unwrap();
        assert_eq!(f.title.as_deref(), Some("Grid deal"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2025, 3, 2));
        assert_eq!(f.topics, vec!["Energy", "europe"]);
        assert_eq!(f.tags, vec!["follow-up"]);
        assert_eq!(f.source.as_deref(), Some("Example Wire"));
        assert_eq!(f.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(f.id.as_deref(), Some("grid-deal"));
    }

    #[test]
    fn dates_as_datetime_or_string() {
        assert_eq!(
            fm("+++\ndate = 2025-03-02T10:00:00Z\n+++\n").date,
            NaiveDate::from_ymd_opt(2025, 3, 2)
        );
        assert_eq!(
            fm("+++\ndate = \"March 2, 2025\"\n+++\n").date,
            NaiveDate::from_ymd_opt(2025, 3, 2)
        );
        assert_eq!(
            fm("+++\ndate = \"2 mars 2025\"\n+++\n").date,
            NaiveDate::from_ymd_opt(2025, 3, 2)
        );
    }

    #[test]
    fn a_single_topic_string_is_accepted() {
        assert_eq!(fm("+++\ntopics = \"energy\"\n+++\n").topics, vec!["energy"]);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let (line, message) = error("+++\ntitle = \"x\"\ntpoics = [\"energy\"]\n+++\n");
        assert_eq!(line, 3);
        assert!(message.contains("tpoics"), "{message}");
    }

    #[test]
    fn wrong_types_name_key_and_line() {
        let (line, message) = error("+++\ntitle = \"x\"\n\ntopics = 3\n+++\n");
        assert_eq!(line, 4);
        assert!(
            message.contains("topics") && message.contains("integer"),
            "{message}"
        );
        let (line, message) = error("+++\ntitle = 12\n+++\n");
        assert_eq!(line, 2);
        assert!(message.contains("title"), "{message}");
        let (_, message) = error("+++\ntags = [\"a\", 2]\n+++\n");
        assert!(message.contains("tags"), "{message}");
    }

    fn warning(text: &str) -> (usize, String) {
        let split = split(text).unwrap();
        assert_eq!(split.warnings.len(), 1, "{:?}", split.warnings);
        let w = &split.warnings[0];
        (w.line, w.message.clone())
    }

    #[test]
    fn issue_13_an_unreadable_date_loses_only_the_date() {
        let text = "+++\ntitle = \"Kept\"\n\ndate = \"soon\"\ntags = [\"a\"]\n+++\nBody\n";
        let s = split(text).unwrap();
        let f = s.front_matter.unwrap();
        assert_eq!((f.title.as_deref(), f.date), (Some("Kept"), None));
        assert_eq!(f.tags, ["a"]);
        assert_eq!(s.body, "Body\n");
        let (line, message) = warning(text);
        assert_eq!(line, 4);
        assert!(
            message.contains("`date`") && message.contains("soon"),
            "{message}"
        );
        let (_, message) = warning("+++\ndate = \"February 30, 2024\"\n+++\n");
        assert!(message.contains("date"), "{message}");
        let (line, message) = warning("+++\ntitle = \"x\"\ndate = 2024-02-30\n+++\n");
        assert_eq!(line, 3);
        assert!(message.contains("2024-02-30"), "{message}");
        // Broken TOML elsewhere is still the file's failure.
        assert!(split("+++\ndate = 2024-02-30\ntitle = = 2\n+++\n").is_err());
        let (_, message) = warning("+++\ndate = 10:30:00\n+++\n");
        assert!(message.contains("no day"), "{message}");
        let (_, message) = warning("+++\ndate = 3\n+++\n");
        assert!(message.contains("integer"), "{message}");
        assert!(
            split("+++\ndate = 2024-02-03\n+++\n")
                .unwrap()
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn broken_toml_and_unclosed_fence() {
        let (line, _) = error("+++\ntitle = \"x\"\ntopics = = 2\n+++\n");
        assert_eq!(line, 3);
        let (line, message) = error("+++\ntitle = \"x\"\n\nBody without a closing fence\n");
        assert_eq!(line, 1);
        assert!(message.contains("never closed"));
    }

    #[test]
    fn issue_18_yaml_front_matter_reads_every_field() {
        let text = "---\ntitle: Grid deal\ndate: 2025-03-02\ntopics: [Energy, europe]\ntags:\n  - follow-up\n  - \"budget\"\nsource: 'Example Wire'\nurl: https://example.com/a?b=1#c\nid: grid-deal\n---\n\nBody text.\n";
        let s = split(text).unwrap();
        assert_eq!(s.body, "\nBody text.\n");
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        let f = s.front_matter.unwrap();
        assert_eq!(f.title.as_deref(), Some("Grid deal"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2025, 3, 2));
        assert_eq!(f.topics, vec!["Energy", "europe"]);
        assert_eq!(f.tags, vec!["follow-up", "budget"]);
        assert_eq!(f.source.as_deref(), Some("Example Wire"));
        assert_eq!(f.url.as_deref(), Some("https://example.com/a?b=1#c"));
        assert_eq!(f.id.as_deref(), Some("grid-deal"));
        // A multi-line title, a single topic, numbers and words kept as written.
        let f = fm(
            "---\ntitle: >-\n  Port reopens\n  after strike\ntopics: shipping\ntags: [2024, no]\nid: 007\n---\n",
        );
        assert_eq!(f.title.as_deref(), Some("Port reopens after strike"));
        assert_eq!(f.topics, ["shipping"]);
        assert_eq!(f.tags, ["2024", "no"]);
        assert_eq!(f.id.as_deref(), Some("007"));
        // Empty values are absent fields.
        let f = fm("---\ntitle:\ndate: ~\ntags: []\n---\n");
        assert_eq!(f, FrontMatter::default());
    }

    #[test]
    fn issue_18_yaml_dates_in_every_form() {
        for (written, day) in [
            ("2025-03-02", (2025, 3, 2)),
            ("2025-03-02T10:00:00Z", (2025, 3, 2)),
            ("2025-03-02 10:00:00 +0000", (2025, 3, 2)),
            ("\"March 2, 2025\"", (2025, 3, 2)),
            ("2 mars 2025", (2025, 3, 2)),
        ] {
            let text = format!("---\ndate: {written}\n---\n");
            let s = split(&text).unwrap();
            assert!(s.warnings.is_empty(), "{written}: {:?}", s.warnings);
            let (y, m, d) = day;
            assert_eq!(
                s.front_matter.unwrap().date,
                NaiveDate::from_ymd_opt(y, m, d),
                "{written}"
            );
        }
    }

    #[test]
    fn issue_18_an_unreadable_yaml_date_loses_only_the_date() {
        let text = "---\ntitle: Kept\n\ndate: soon\ntags: [a]\n---\nBody\n";
        let s = split(text).unwrap();
        let f = s.front_matter.clone().unwrap();
        assert_eq!((f.title.as_deref(), f.date), (Some("Kept"), None));
        assert_eq!(f.tags, ["a"]);
        assert_eq!(s.body, "Body\n");
        let (line, message) = warning(text);
        assert_eq!(line, 4);
        assert!(
            message.contains("`date`") && message.contains("soon"),
            "{message}"
        );
        let (line, message) = warning("---\ntitle: x\ndate: 2024-02-30\n---\n");
        assert_eq!(line, 3);
        assert!(message.contains("2024-02-30"), "{message}");
        let (_, message) = warning("---\ndate: [2024, 3]\n---\n");
        assert!(message.contains("a list"), "{message}");
    }

    #[test]
    fn issue_18_yaml_faults_name_the_line() {
        // Malformed YAML is the file's failure, with the parser's reason.
        let (line, message) = error("---\ntitle: x\ntags: [a, b\n---\nBody\n");
        assert!(line >= 3, "{line}: {message}");
        assert!(message.contains("YAML"), "{message}");
        let (_, message) = error("---\ntitle: \"open\n---\n");
        assert!(message.contains("YAML"), "{message}");
        let (line, message) = error("---\ntitle: a\ntitle: b\n---\n");
        assert_eq!(line, 3);
        assert!(message.contains("duplicated"), "{message}");
        // Wrong types for fields brief reads.
        let (line, message) = error("---\ntitle: x\n\ntopics: {a: 1}\n---\n");
        assert_eq!(line, 4);
        assert!(
            message.contains("topics") && message.contains("mapping"),
            "{message}"
        );
        let (_, message) = error("---\ntags: [a, [b]]\n---\n");
        assert!(
            message.contains("tags") && message.contains("holding"),
            "{message}"
        );
        let (line, message) = error("---\ntitle:\n  - a\n---\n");
        assert_eq!(line, 3);
        assert!(message.contains("title"), "{message}");
        assert!(error("---\ntitle: \"\"\n---\n").1.contains("empty"));
        // A key brief does not read is set aside with a warning.
        let s = split("---\ntitle: x\nlayout: post\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter.unwrap().title.as_deref(), Some("x"));
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.warnings[0].line, 3);
        assert!(s.warnings[0].message.contains("layout"), "{:?}", s.warnings);
    }

    #[test]
    fn issue_18_yaml_with_bom_and_crlf() {
        let s = split(
            "\u{feff}---\r\ntitle: Grid deal\r\ndate: 2025-03-02\r\ntags: [a]\r\n---\r\nBody\r\n",
        )
        .unwrap();
        assert_eq!(s.body, "Body\r\n");
        let f = s.front_matter.unwrap();
        assert_eq!(f.title.as_deref(), Some("Grid deal"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2025, 3, 2));
        assert_eq!(f.tags, ["a"]);
        assert_eq!(
            fm("\u{feff}+++\ntitle = \"x\"\n+++\n").title.as_deref(),
            Some("x")
        );
    }

    #[test]
    fn issue_18_yaml_alias_bomb_and_deep_nesting_are_refused() {
        // Billion laughs: nine levels of nine aliases each.
        let mut bomb = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(",");
            bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
        }
        bomb.push_str("title: x\n---\nBody\n");
        let (_, message) = error(&bomb);
        assert!(message.contains("alias"), "{message}");
        // One long string copied many times is a bomb too.
        let long = format!(
            "---\na: &a {}\ntags: [{}]\n---\n",
            "x".repeat(10_000),
            vec!["*a"; 100].join(",")
        );
        assert!(error(&long).1.contains("alias"));
        // A few aliases are fine.
        let f = fm("---\ntopics: &t [energy]\ntags: *t\n---\n");
        assert_eq!(f.tags, ["energy"]);
        // Deep nesting, open or closed, flow or block: an error, no overflow.
        let n = 100_000;
        for text in [
            format!("---\ntags: {}\n---\nBody\n", "[".repeat(n)),
            format!(
                "---\ntags: {}a{}\n---\nBody\n",
                "[".repeat(n),
                "]".repeat(n)
            ),
            format!("---\ntags: {}\n---\nBody\n", "{a: ".repeat(n)),
            format!("---\ntags:\n{}a\n---\nBody\n", "- ".repeat(n)),
        ] {
            let (line, message) = error(&text);
            assert!(line >= 2, "{line}");
            assert!(!message.is_empty());
        }
    }

    #[test]
    fn a_markdown_rule_at_the_top_is_not_front_matter() {
        let s = split("---\n\nText\n").unwrap();
        assert!(s.warnings.is_empty() && s.front_matter.is_none() && s.body.starts_with("---"));
    }

    #[test]
    fn crlf_front_matter() {
        assert_eq!(
            fm("+++\r\ntitle = \"x\"\r\n+++\r\n").title.as_deref(),
            Some("x")
        );
    }

    #[test]
    fn deeply_nested_front_matter_is_an_error_not_a_stack_overflow() {
        for open in ["[", "{a="] {
            let text = format!("+++\ntags = {}\n+++\nBody\n", open.repeat(100_000));
            let (line, message) = error(&text);
            assert_eq!(line, 2);
            assert!(!message.is_empty());
        }
        // Closed nesting too: well-formed TOML, refused as a wrong type.
        let n = 100_000;
        let text = format!(
            "+++\ntags = {}1{}\n+++\nBody\n",
            "[".repeat(n),
            "]".repeat(n)
        );
        let (line, message) = error(&text);
        assert!(message.contains("recursion"), "{message}");
        assert_eq!(line, 2);
    }
}
