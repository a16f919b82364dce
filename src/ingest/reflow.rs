//! Joining hard-wrapped lines back into paragraphs, so the reader can wrap
//! them to the pane's width instead of showing a ragged right edge.
//!
//! Wire copy and hand-written Markdown are often wrapped at ~70 columns;
//! scraped web text has one paragraph per line. Only the first is joined,
//! and only where a line is long enough to have been wrapped: a short line
//! (a caption, a signature, a table row) keeps its own line.

use unicode_width::UnicodeWidthStr;

/// Documents whose typical line is longer than this were not hard-wrapped.
const WRAPPED_MAX: usize = 100;

/// A wrapped line runs to at least this share of the wrap width.
const FULL_SHARE: f64 = 0.6;

/// Paragraphs of `text` with soft line breaks joined by a space, and a
/// first line cut short joined to the rest of its sentence.
pub fn reflow(text: &str) -> String {
    let joined = join_wrapped(text);
    rejoin_cut_first_line(&joined).unwrap_or(joined)
}

/// Lines of a hard-wrapped text joined into their paragraphs.
fn join_wrapped(text: &str) -> String {
    let width = wrap_width(text);
    if width == 0 || width > WRAPPED_MAX {
        return text.to_string();
    }
    let full = (width as f64 * FULL_SHARE) as usize;
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed_end = line.trim_end();
        if trimmed_end.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let joins = !in_fence
            && prev.is_some_and(|p| continues(p, line, full))
            && !trimmed_end.trim_start().starts_with("```");
        if joins {
            out.push(' ');
            out.push_str(trimmed_end.trim_start());
        } else {
            if prev.is_some() {
                out.push('\n');
                if starts_indented_paragraph(line) && prev.is_some_and(|p| !p.trim().is_empty()) {
                    out.push('\n');
                }
            }
            if starts_indented_paragraph(line) {
                out.push_str(trimmed_end.trim_start());
            } else {
                out.push_str(trimmed_end);
            }
        }
        prev = Some(line);
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Whether `line` is the next piece of the paragraph `prev` belongs to.
fn continues(prev: &str, line: &str, full: usize) -> bool {
    let p = prev.trim_end();
    if p.trim().is_empty() || line.trim().is_empty() {
        return false;
    }
    if prev.ends_with("  ") || p.ends_with('\\') || starts_block(prev) && !is_list_item(prev) {
        return false;
    }
    if starts_block(line) || starts_indented_paragraph(line) {
        return false;
    }
    p.width() >= full
}

/// One-line paragraphs above the text (a byline, a kicker) looked past
/// for its first line.
const LEADING_SHORT_PARAGRAPHS: usize = 3;

/// Words a sentence never ends on: a line ending on one was cut.
#[rustfmt::skip]
const JOINING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "nor", "to", "for", "in", "on", "at", "by",
    "with", "from", "into", "onto", "over", "under", "about", "after", "before", "between",
    "against", "than", "that", "as", "its", "his", "her", "their", "our", "said", "told",
    "de", "la", "le", "les", "des", "du", "et", "der", "die", "das", "und", "von", "el", "los",
    "las", "y", "con", "para",
];

/// `text` with its first line joined to the next when the line was cut
/// short: wire copy whose dateline was taken off starts mid-sentence on a
/// short line (`Brazil has no set target for` / `its coffee exports ...`),
/// which the wrapped-line test cannot see. The line is cut when it ends
/// without sentence punctuation and the next, right under it and not a
/// new paragraph, goes on in lower case, or the line ends on a word no
/// sentence ends on. `None` when nothing changes.
pub fn rejoin_cut_first_line(text: &str) -> Option<String> {
    let starts: Vec<usize> = text
        .split_inclusive('\n')
        .scan(0, |offset, l| {
            let start = *offset;
            *offset += l.len();
            Some(start)
        })
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    // The first paragraph of two lines or more, past one-line ones.
    let mut i = 0;
    for _ in 0..=LEADING_SHORT_PARAGRAPHS {
        while lines.get(i).is_some_and(|l| l.trim().is_empty()) {
            i += 1;
        }
        let next = lines.get(i + 1)?;
        if !next.trim().is_empty() {
            break;
        }
        i += 1;
    }
    let (first, next) = (*lines.get(i)?, *lines.get(i + 1)?);
    if !is_cut(first, next) {
        return None;
    }
    let start = *starts.get(i)?;
    let rest = text.get(*starts.get(i + 1)?..)?;
    Some(format!(
        "{} {}",
        &text[..start + first.trim_end().len()],
        rest.trim_start()
    ))
}

fn is_cut(first: &str, next: &str) -> bool {
    let line = first.trim();
    if line.is_empty()
        || starts_block(first)
        || starts_block(next)
        || starts_indented_paragraph(next)
        || next.starts_with(char::is_whitespace)
        || line.ends_with(['.', '!', '?', ':', ';', '…', '"', '”', '’', '\'', ')', ']'])
    {
        return false;
    }
    let Some(start) = next.chars().next() else {
        return false;
    };
    let last_word = line
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    start.is_lowercase() || (start.is_alphanumeric() && JOINING_WORDS.contains(&last_word.as_str()))
}

/// Markdown and table structure that always starts its own line.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    line.starts_with('\t')
        || t.starts_with('#')
        || t.starts_with('|')
        || t.starts_with('>')
        || is_list_item(line)
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// Wire copy marks a new paragraph by indenting its first line.
fn starts_indented_paragraph(line: &str) -> bool {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (2..=8).contains(&spaces)
        && line[spaces..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '"')
}

/// The width most lines are wrapped at: the 90th percentile of line widths.
fn wrap_width(text: &str) -> usize {
    let mut widths: Vec<usize> = text
        .lines()
        .map(|l| l.trim_end().width())
        .filter(|&w| w > 0)
        .collect();
    if widths.len() < 3 {
        return 0;
    }
    widths.sort_unstable();
    widths[(widths.len() * 9 / 10).min(widths.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_lead_cut_short_is_rejoined() {
        let text = "Peru has set no quota for\n\
                    its copper exports this year, the mining ministry said on\n\
                    Tuesday, and output should rise by a tenth.\n";
        assert_eq!(
            reflow(text),
            "Peru has set no quota for its copper exports this year, the mining ministry said on Tuesday, and output should rise by a tenth.\n"
        );
        // A capital after a word no sentence ends on.
        let text = "The board of Harbour Tools and\n\
                    Valley Metals Inc said they had agreed to merge in a deal\n\
                    worth about forty million dollars.\n";
        assert!(
            reflow(text).starts_with("The board of Harbour Tools and Valley Metals Inc said"),
            "{}",
            reflow(text)
        );
    }

    #[test]
    fn a_cut_lead_under_a_byline_is_rejoined() {
        let text = "By Ana Lopes\n\nFerry crews will not\nreturn to work before Monday.\n";
        assert_eq!(
            rejoin_cut_first_line(text).as_deref(),
            Some("By Ana Lopes\n\nFerry crews will not return to work before Monday.\n")
        );
    }

    #[test]
    fn first_lines_that_end_where_they_should_stay() {
        for text in [
            // A heading over a new paragraph.
            "Background\nThe dispute began in the spring when the port raised its fees.\n",
            "Key figures\n\nprices rose in every region this month.\n",
            // A finished sentence.
            "Tin rose sharply.\nthen it fell back again in late trade.\n",
            // A table under its title row.
            "Shr 52 cts vs 40 cts\n    Net 4.1 mln vs 3.3 mln\n",
            "Results for the year\n- revenue up ten percent\n",
            // A name on its own line over the next paragraph.
            "Harbour Tools Inc\nValley Metals Inc said it would buy the firm.\n",
        ] {
            assert_eq!(rejoin_cut_first_line(text), None, "{text}");
        }
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        let text = "The ministry said on Monday that the new terminal would open\n\
                    in the spring, a year later than planned, because of delays\n\
                    in the delivery of its cranes.\n\
                    \n\
                    A second phase is planned for the following year, officials\n\
                    said.\n";
        assert_eq!(
            reflow(text),
            "The ministry said on Monday that the new terminal would open in the spring, a year later than planned, because of delays in the delivery of its cranes.\n\
             \n\
             A second phase is planned for the following year, officials said.\n"
        );
    }

    #[test]
    fn indented_wire_paragraphs_become_separate_paragraphs() {
        let text = "Rain fell across the growing region this week, easing the\n\
                    drought that began in early spring, traders said on Friday.\n    \
                    Shipments for the week came to twelve thousand bags, against\n\
                    ten thousand a year earlier.\n";
        let out = reflow(text);
        assert_eq!(
            out,
            "Rain fell across the growing region this week, easing the drought that began in early spring, traders said on Friday.\n\
             \n\
             Shipments for the week came to twelve thousand bags, against ten thousand a year earlier.\n"
        );
    }

    #[test]
    fn one_paragraph_per_line_text_is_left_alone() {
        let text = "Officials met in the capital on Tuesday to discuss the plan, which would change how ports charge ships for berths, according to two people who were at the meeting and asked not to be named.\n\
                    Harbour master at work\n\
                    The harbour master checks a berth in this photo taken on Monday, supplied by the port authority to news agencies.\n\
                    The plan is due to be published next month after a final round of talks with unions and shipping lines.\n";
        assert_eq!(reflow(text), text);
    }

    #[test]
    fn short_lines_lists_and_tables_keep_their_breaks() {
        let text = "Prices rose again this week across most of the region, the\n\
                    survey found:\n\
                    - crude up three percent\n\
                    - gas flat\n\
                    \tRoute\tRate\n\
                    \tNorth\t12\n\
                    Signed,\n\
                    The desk\n";
        let out = reflow(text);
        assert!(
            out.starts_with(
                "Prices rose again this week across most of the region, the survey found:\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("\n- crude up three percent\n- gas flat\n\tRoute\tRate\n\tNorth\t12\n"),
            "{out}"
        );
        assert!(out.ends_with("Signed,\nThe desk\n"), "{out}");
    }

    #[test]
    fn fenced_code_is_untouched() {
        let text = "A long enough line of prose to count as wrapped text here\n\
                    ```\n\
                    let x = 1; a long enough line of code that is wrapped\n\
                    let y = 2;\n\
                    ```\n";
        let out = reflow(text);
        assert!(
            out.contains(
                "```\nlet x = 1; a long enough line of code that is wrapped\nlet y = 2;\n```"
            ),
            "{out}"
        );
    }
}
