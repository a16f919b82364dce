//! What a tag is: free text as the user typed it, trimmed, with runs of
//! white space made single. Two tags that differ only in case are the same
//! tag; the first spelling given is the one kept and shown.

use super::error::{Result, StateError};

/// Long enough for any label, short enough to fit a list row.
pub const MAX_TAG_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// As shown: trimmed, inner white space collapsed, case as typed.
    pub text: String,
    /// The identity: `text` in lower case.
    pub fold: String,
}

pub(crate) fn normalize(raw: &str) -> Result<Tag> {
    let refuse = |reason: &str| StateError::InvalidTag {
        tag: raw.to_string(),
        reason: reason.to_string(),
    };
    if raw.contains(['\n', '\r']) {
        return Err(refuse("a tag must fit on one line"));
    }
    // Escape sequences would repaint the terminal when the tag is shown.
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(refuse("a tag cannot contain control characters"));
    }
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(refuse("a tag cannot be empty"));
    }
    if text.chars().count() > MAX_TAG_CHARS {
        return Err(refuse(&format!(
            "a tag can be at most {MAX_TAG_CHARS} characters long"
        )));
    }
    let fold = text.to_lowercase();
    Ok(Tag { text, fold })
}

/// Normalises a whole request before anything is written, so one bad tag
/// refuses the request rather than applying half of it. Duplicates (by
/// case) are dropped, keeping the first.
pub(crate) fn normalize_all(raw: &[String]) -> Result<Vec<Tag>> {
    let mut tags: Vec<Tag> = Vec::with_capacity(raw.len());
    for r in raw {
        let tag = normalize(r)?;
        if !tags.iter().any(|t| t.fold == tag.fold) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_space_keeping_case() {
        let t = normalize("  Foreign \t Policy ").unwrap();
        assert_eq!(t.text, "Foreign Policy");
        assert_eq!(t.fold, "foreign policy");
    }

    #[test]
    fn refuses_empty_with_a_clear_reason() {
        for raw in ["", "   ", "\t"] {
            let err = normalize(raw).unwrap_err();
            assert!(err.to_string().contains("cannot be empty"), "{err}");
        }
    }

    #[test]
    fn refuses_line_breaks_and_control_characters() {
        assert!(
            normalize("a\nb")
                .unwrap_err()
                .to_string()
                .contains("one line")
        );
        assert!(
            normalize("a\u{1b}[31m")
                .unwrap_err()
                .to_string()
                .contains("control")
        );
    }

    #[test]
    fn refuses_overlong_tags() {
        assert!(normalize(&"x".repeat(MAX_TAG_CHARS)).is_ok());
        let err = normalize(&"x".repeat(MAX_TAG_CHARS + 1)).unwrap_err();
        assert!(err.to_string().contains("at most"), "{err}");
    }

    #[test]
    fn folds_non_ascii_case() {
        assert_eq!(normalize("ÉNERGIE").unwrap().fold, "énergie");
    }

    #[test]
    fn request_keeps_first_spelling_and_fails_whole() {
        let tags = normalize_all(&["Energy".into(), "energy".into(), "oil".into()]).unwrap();
        let texts: Vec<_> = tags.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["Energy", "oil"]);
        assert!(normalize_all(&["ok".into(), " ".into()]).is_err());
    }
}
