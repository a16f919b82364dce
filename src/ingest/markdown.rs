//! Markdown briefs: the title is the front matter's, else the first
//! heading, else the first real line; the body is the rest, parsed once
//! into a [`Document`] whose plain text is what the index reads.

use super::dates::date_line;
use super::document::{self, Document};
use super::title::{Page, display_title};

/// A heading within this many leading non-empty lines still counts as the
/// title (a kicker or an image line may come first).
const HEADING_SEARCH_LINES: usize = 3;

/// `# Title`, `## Title #` → `Title`.
pub(super) fn heading_text(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// `Title` followed by a `===` or `---` underline.
fn setext(lines: &[&str], i: usize) -> bool {
    lines.get(i + 1).is_some_and(|u| {
        let u = u.trim();
        u.len() >= 2 && (u.bytes().all(|b| b == b'=') || u.bytes().all(|b| b == b'-'))
    })
}

/// Strips emphasis wrapping a whole title (`**Title**`).
fn plain(text: &str) -> &str {
    let t = text.trim();
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !inner.is_empty()
        {
            return inner.trim();
        }
    }
    t
}

/// A Markdown body's title and the document without it, by brief's own
/// title rules: the front matter's title, else the first heading, else the
/// first real line; a leading heading that says the title is dropped.
pub fn title_and_document(text: &str, front_title: Option<&str>) -> (String, Document) {
    let lines: Vec<&str> = text.lines().collect();
    let leading: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty() && date_line(lines[i].trim()).is_none())
        .take(HEADING_SEARCH_LINES)
        .collect();
    let heading = leading.iter().copied().find_map(|i| {
        let level_one = heading_text(lines[i])
            .filter(|(level, t)| (*level == 1 || i == leading[0]) && !t.is_empty());
        match level_one {
            Some((_, t)) => Some((i, 1, plain(t))),
            None if i == leading[0] && setext(&lines, i) => Some((i, 2, plain(lines[i]))),
            None => None,
        }
    });

    // (title, lines of the text that held it)
    let (title, drop): (String, Option<(usize, usize)>) = match (front_title, heading) {
        (Some(ft), Some((i, n, h))) if h.eq_ignore_ascii_case(ft) => (ft.to_string(), Some((i, n))),
        (Some(ft), _) => (ft.to_string(), None),
        (None, Some((i, n, h))) => (display_title(h).0, Some((i, n))),
        (None, None) => match leading.first() {
            Some(&i) => {
                let (t, whole) = display_title(plain(lines[i]));
                (t, whole.then_some((i, 1)))
            }
            None => (String::new(), None),
        },
    };

    let mut rest = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if drop.is_some_and(|(start, n)| i >= start && i < start + n) {
            // An empty line keeps what follows from joining what came before.
            rest.push('\n');
            continue;
        }
        rest.push_str(line);
        rest.push('\n');
    }
    (title, document::parse(&rest))
}

/// Reads a Markdown body (front matter already removed).
pub fn read(text: &str, front_title: Option<&str>) -> Page {
    let (title, doc) = title_and_document(text, front_title);
    Page {
        title,
        body: doc.plain(),
        url: None,
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_heading_is_the_title_and_leaves_the_body() {
        let p = read(
            "# Wind farm approved\n\nThe *council* voted.\n\n## Next steps\n\nBuilding starts.\n",
            None,
        );
        assert_eq!(p.title, "Wind farm approved");
        assert_eq!(
            p.body,
            "The council voted.\n\nNext steps\n\nBuilding starts."
        );
    }

    #[test]
    fn front_matter_title_wins_and_removes_a_matching_heading() {
        let p = read(
            "\n# Wind Farm Approved\n\nText.\n",
            Some("Wind farm approved"),
        );
        assert_eq!(p.title, "Wind farm approved");
        assert_eq!(p.body, "Text.");
        let p = read("# Background\n\nText.\n", Some("Wind farm approved"));
        assert_eq!(p.body, "Background\n\nText.");
    }

    #[test]
    fn heading_after_a_kicker_or_date() {
        let p = read(
            "March 2, 2025\n\n![map](grid.png)\n\n# Grid link opens\n\nPower flows.\n",
            None,
        );
        assert_eq!(p.title, "Grid link opens");
        assert_eq!(p.body, "March 2, 2025\n\nmap\n\nPower flows.");
    }

    #[test]
    fn setext_heading() {
        let p = read("Grid link opens\n===============\n\nPower flows.\n", None);
        assert_eq!(p.title, "Grid link opens");
        assert_eq!(p.body, "Power flows.");
    }

    #[test]
    fn first_real_line_without_headings() {
        let p = read("\n**Grid link opens**\n\nPower flows.\n", None);
        assert_eq!(p.title, "Grid link opens");
        assert_eq!(p.body, "Power flows.");
    }

    #[test]
    fn later_sections_are_not_titles() {
        let p = read(
            "Intro line.\n\nMore text.\n\nEven more.\n\n# Section\n",
            None,
        );
        assert_eq!(p.title, "Intro line.");
    }

    #[test]
    fn hashtags_are_not_headings() {
        assert_eq!(heading_text("#energy news"), None);
        assert_eq!(heading_text("### Three ###"), Some((3, "Three")));
    }

    #[test]
    fn blank_runs_collapse_outside_code() {
        let p = read("# T\n\na\n\n\n\nb\n```\nx\n\n\ny\n```\n", None);
        assert_eq!(p.body, "a\n\nb\n\nx\n\n\ny");
    }
}
