//! Scraped and wire text arrives wrapped by hand at 60-70 columns. Wrapped
//! again to a narrower pane, every such line leaves a ragged stub. Joining
//! the lines of a paragraph first lets the pane wrap it cleanly, while
//! tables, lists and indented lines are kept as they are.

use super::display_width;

/// A line at least this wide was most likely wrapped by its author because
/// it was full; a shorter one ends where the author meant it to (a table
/// row, a signature, a heading).
const FULL_LINE: usize = 40;

/// Paragraphs of `text`, each with the (0-based) line it starts on.
/// Blank lines are kept as empty paragraphs.
pub fn reflow(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut joinable = false;
    for (n, line) in text.split('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            out.push((n, String::new()));
            joinable = false;
            continue;
        }
        let continues = joinable && !starts_own_line(line);
        match out.last_mut() {
            Some((_, para)) if continues => {
                para.push(' ');
                para.push_str(trimmed.trim_start());
            }
            _ => out.push((n, trimmed.to_string())),
        }
        // A Markdown hard break (two trailing spaces) ends the line too.
        joinable = display_width(trimmed) >= FULL_LINE && !line.ends_with("  ");
    }
    out
}

/// Indented lines, list items and quotes start a line of their own.
fn starts_own_line(line: &str) -> bool {
    if line.starts_with([' ', '\t']) {
        return true;
    }
    let t = line.trim_start();
    if ["- ", "* ", "+ ", "• ", "> ", "|", "#"]
        .iter()
        .any(|m| t.starts_with(m))
    {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with([')', '.']) && t[digits + 1..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<String> {
        reflow(text).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn hand_wrapped_lines_become_one_paragraph() {
        let text = "The port authority said on Monday that it expected the\nstrike to end within a week, according to officials.\n\nNext paragraph.";
        assert_eq!(
            reflow(text),
            vec![
                (0, "The port authority said on Monday that it expected the strike to end within a week, according to officials.".to_string()),
                (2, String::new()),
                (3, "Next paragraph.".to_string()),
            ]
        );
    }

    #[test]
    fn indented_lines_start_new_paragraphs() {
        let text = "Growers reported damage to early blossom after the frost,\n    Officials said aid would follow within the month.";
        assert_eq!(paras(text).len(), 2);
    }

    #[test]
    fn short_lines_and_tables_are_kept() {
        let text = "Shr 22 cts vs 17 cts\nNet 1,234,000 vs 987,000\nRevs 5.6 mln vs 4.9 mln";
        assert_eq!(paras(text).len(), 3);
    }

    #[test]
    fn lists_quotes_and_hard_breaks_are_kept() {
        let long = "a line that is certainly long enough to have been wrapped";
        for second in [
            "- item",
            "* item",
            "1. item",
            "12) item",
            "> quote",
            "# Heading",
        ] {
            assert_eq!(paras(&format!("{long}\n{second}")).len(), 2, "{second}");
        }
        assert_eq!(paras(&format!("{long}  \nnext")).len(), 2);
        assert_eq!(paras(&format!("{long}\n2026 was a year")).len(), 1);
    }
}
