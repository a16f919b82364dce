//! What every kind of brief yields besides its date and topics, and how a
//! line becomes a title fit for a one-line list.

/// The readable parts of one brief.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Lines longer than this are paragraphs, not headlines.
const MAX_TITLE_CHARS: usize = 200;
/// Where a paragraph used as a title is cut.
const CUT_TITLE_CHARS: usize = 120;

/// The title shown for a line, and whether it is the whole line (a
/// headline) rather than the start of a paragraph cut short.
pub fn display_title(line: &str) -> (String, bool) {
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_TITLE_CHARS {
        return (line, true);
    }
    let cut = line
        .char_indices()
        .nth(CUT_TITLE_CHARS)
        .map_or(line.len(), |(i, _)| i);
    let head = &line[..cut];
    let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
    (
        format!("{}…", head.trim_end_matches([',', ';', ':', ' '])),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_kept_whole_with_spaces_tidied() {
        assert_eq!(
            display_title("  Rates  rise\tagain "),
            ("Rates rise again".to_string(), true)
        );
    }

    #[test]
    fn paragraphs_are_cut_at_a_word() {
        let line = "alpha beta, ".repeat(40);
        let (title, whole) = display_title(&line);
        assert!(!whole);
        assert!(
            title.ends_with("beta…") || title.ends_with("alpha…"),
            "{title}"
        );
        assert!(title.chars().count() <= CUT_TITLE_CHARS + 1);
    }
}
