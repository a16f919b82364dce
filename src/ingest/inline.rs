//! Markdown's inline markup turned into the plain text a terminal reader
//! wants: `**Oil.**` reads `Oil.`, `[the report](https://…)` reads `the
//! report`, `## Next steps` reads `Next steps`. The file keeps the markup
//! (`brief show --raw`).

use super::markdown::heading_text;

/// One line of Markdown as plain text.
pub fn plain_line(line: &str) -> String {
    // `## Heading ##` → `Heading`.
    let line = heading_text(line).map_or(line, |(_, text)| text);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            // An image `![alt](src)` reads as its alt text, like a link.
            '[' | '!' => match link(&chars, if c == '!' { i + 1 } else { i }) {
                Some((text, end)) => {
                    out.push_str(&plain_line(&text));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => match closing(&chars, i + 1, "`") {
                Some(end) => {
                    out.extend(&chars[i + 1..end]);
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '*' | '_' => {
                let mark: &str = if chars.get(i + 1) == Some(&c) {
                    if c == '*' { "**" } else { "__" }
                } else if c == '*' {
                    "*"
                } else {
                    "_"
                };
                match emphasis(&chars, i, mark) {
                    Some(end) => {
                        let inner: String = chars[i + mark.len()..end].iter().collect();
                        out.push_str(&plain_line(&inner));
                        i = end + mark.len();
                    }
                    None => {
                        out.push_str(mark);
                        i += mark.len();
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `[text](target)` starting at `open`: the text and the index after it.
fn link(chars: &[char], open: usize) -> Option<(String, usize)> {
    if chars.get(open) != Some(&'[') {
        return None;
    }
    let close = closing(chars, open + 1, "]")?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = closing(chars, close + 2, ")")?;
    Some((chars[open + 1..close].iter().collect(), end + 1))
}

/// Index of the next `mark` at or after `from` on this line.
fn closing(chars: &[char], from: usize, mark: &str) -> Option<usize> {
    let m: Vec<char> = mark.chars().collect();
    (from..chars.len()).find(|&j| chars[j..].starts_with(&m))
}

/// Where emphasis opened by `mark` at `open` closes, following the
/// flanking rules closely enough that `3 * 4 * 5`, `snake_case_names`
/// and a lone `*` stay as written.
fn emphasis(chars: &[char], open: usize, mark: &str) -> Option<usize> {
    let len = mark.len();
    let underscore = mark.starts_with('_');
    let before = open.checked_sub(1).map(|j| chars[j]);
    let first = chars.get(open + len)?;
    if first.is_whitespace() || (underscore && before.is_some_and(char::is_alphanumeric)) {
        return None;
    }
    let m: Vec<char> = mark.chars().collect();
    let mut j = open + len + 1;
    while j + len <= chars.len() {
        if chars[j..].starts_with(&m) {
            let last = chars[j - 1];
            let after = chars.get(j + len);
            let doubled = after == Some(&m[0]) && len == 1;
            if !last.is_whitespace()
                && !doubled
                && (!underscore || !after.is_some_and(|a| a.is_alphanumeric()))
            {
                // `***x***`: the strong mark closes on the last two of the run.
                let mut end = j;
                while len == 2 && chars.get(end + len) == Some(&m[0]) {
                    end += 1;
                }
                return Some(end);
            }
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::plain_line;

    #[test]
    fn emphasis_markers_go_and_the_words_stay() {
        assert_eq!(
            plain_line("**Baltic gas.** Plans moved on."),
            "Baltic gas. Plans moved on."
        );
        assert_eq!(plain_line("A *very* __firm__ _no_."), "A very firm no.");
        assert_eq!(plain_line("***Both*** at once"), "Both at once");
    }

    #[test]
    fn arithmetic_snake_case_and_lone_marks_stay() {
        assert_eq!(
            plain_line("Output rose 3 * 4 * 5 units"),
            "Output rose 3 * 4 * 5 units"
        );
        assert_eq!(
            plain_line("see field gas_price_index"),
            "see field gas_price_index"
        );
        assert_eq!(plain_line("* a list item"), "* a list item");
        assert_eq!(plain_line("an unclosed **mark"), "an unclosed **mark");
    }

    #[test]
    fn links_and_images_keep_their_text() {
        assert_eq!(
            plain_line("Read [the full report](https://example.org/r?a=1) here."),
            "Read the full report here."
        );
        assert_eq!(
            plain_line("![Tanker at berth](img/t.jpg)"),
            "Tanker at berth"
        );
        assert_eq!(plain_line("[not a link] (really)"), "[not a link] (really)");
        assert_eq!(plain_line("Wow!x](y) stays"), "Wow!x](y) stays");
    }

    #[test]
    fn headings_code_and_escapes() {
        assert_eq!(plain_line("## Next steps ##"), "Next steps");
        assert_eq!(plain_line("#hashtag stays"), "#hashtag stays");
        assert_eq!(plain_line("run `brief list` now"), "run brief list now");
        assert_eq!(plain_line(r"price \*estimated\*"), "price *estimated*");
    }

    #[test]
    fn non_latin_text_passes_through() {
        assert_eq!(plain_line("**서울** and 東京 — ok"), "서울 and 東京 — ok");
    }
}
