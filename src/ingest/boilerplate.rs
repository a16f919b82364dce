//! Site furniture in scraped pages: navigation, share buttons, footers,
//! breadcrumb trails. Built-in phrases plus the user's own from the config.

use std::sync::LazyLock;

use super::IngestRules;

/// Whole lines (any case) that are page furniture, never article text.
const BUILT_IN_LINES: &[&str] = &[
    "go to contents",
    "go to navigation",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "jump to navigation",
    "back to top",
    "back to top of page",
    "top",
    "send feedback",
    "feedback",
    "most popular",
    "most read",
    "most viewed",
    "trending",
    "trending now",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share on facebook",
    "share on twitter",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "copy link",
    "link copied",
    "print",
    "print this article",
    "print this page",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "subscribe",
    "subscribe now",
    "sign in",
    "sign up",
    "log in",
    "login",
    "logout",
    "log out",
    "register",
    "menu",
    "main menu",
    "close",
    "close menu",
    "search",
    "home",
    "homepage",
    "next",
    "previous",
    "next article",
    "previous article",
    "related",
    "related articles",
    "related stories",
    "related news",
    "read more",
    "read next",
    "see also",
    "more",
    "more stories",
    "more news",
    "comments",
    "leave a comment",
    "show comments",
    "hide comments",
    "font size",
    "text size",
    "listen",
    "listen to this article",
    "cookie settings",
    "accept cookies",
    "accept all cookies",
    "all rights reserved",
    "follow us",
    "newsletter",
    "sign up for our newsletter",
    "continue reading",
    "view comments",
    "photo",
    "video",
];

/// Lines starting with these (any case) are furniture too.
const BUILT_IN_PREFIXES: &[&str] = &[
    "copyright ©",
    "copyright (c)",
    "© ",
    "(c) copyright",
    "all rights reserved",
    "click here to",
    "sign up for our",
    "subscribe to our",
    "follow us on",
    "share this on",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "related articles:",
    "related stories:",
    "read more:",
    "advertisement -",
];

/// Separators that may stand between furniture phrases on one line
/// (`Go to Contents Go to Navigation`, `Share | Print | Email`).
fn is_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '·' | '•' | '-' | '–' | '/' | ',' | '>' | '»')
}

/// Furniture phrases are short; longer lines are never checked in full.
const MAX_FURNITURE_LINE: usize = 120;

/// One set of furniture rules, lower-cased, phrases longest first (so
/// "share this article" wins over "share").
struct Rules {
    lines: Vec<String>,
    prefixes: Vec<String>,
    /// The first word of every line phrase: a cheap test before lower-casing.
    first_words: Vec<String>,
    /// Lines longer than this are only checked for prefixes.
    max_line: usize,
}

impl Rules {
    fn new<'a>(
        lines: impl Iterator<Item = &'a str>,
        prefixes: impl Iterator<Item = &'a str>,
    ) -> Self {
        let mut lines: Vec<String> = lines
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        lines.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let prefixes: Vec<String> = prefixes
            .map(|s| s.trim_start().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        let mut first_words: Vec<String> =
            lines.iter().map(|l| first_word(l).to_string()).collect();
        first_words.sort();
        first_words.dedup();
        let longest = lines
            .iter()
            .chain(&prefixes)
            .map(String::len)
            .max()
            .unwrap_or(0);
        Self {
            lines,
            prefixes,
            first_words,
            max_line: longest.max(MAX_FURNITURE_LINE),
        }
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.prefixes.is_empty()
    }

    fn has_prefix(&self, line: &str) -> bool {
        let first = match line.as_bytes().first() {
            Some(b) if b.is_ascii() => char::from(b.to_ascii_lowercase()),
            Some(_) => line
                .chars()
                .flat_map(char::to_lowercase)
                .next()
                .unwrap_or(' '),
            None => return false,
        };
        self.prefixes
            .iter()
            .any(|p| p.starts_with(first) && starts_with_folded(line, p))
    }

    fn may_start_phrase(&self, line: &str) -> bool {
        if line.len() > self.max_line {
            return false;
        }
        // Lower-case the first word on the stack: most lines fail here.
        let mut buf = [0u8; 32];
        let mut len = 0;
        for c in first_word(line).chars().flat_map(char::to_lowercase) {
            if len + c.len_utf8() > buf.len() {
                return false;
            }
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        let first = std::str::from_utf8(&buf[..len]).unwrap_or("");
        self.first_words
            .binary_search_by(|w| w.as_str().cmp(first))
            .is_ok()
    }

    /// The longest phrase `rest` (lower case) starts with, as whole words.
    fn phrase_at(&self, rest: &str) -> Option<usize> {
        self.lines
            .iter()
            .find(|p| {
                rest.starts_with(p.as_str())
                    && rest[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(String::len)
    }
}

/// The built-in rules are compiled once: they are the same for every file.
static BUILT_IN: LazyLock<Rules> = LazyLock::new(|| {
    Rules::new(
        BUILT_IN_LINES.iter().copied(),
        BUILT_IN_PREFIXES.iter().copied(),
    )
});

/// The built-in furniture plus the user's, ready to test lines.
pub struct Boilerplate {
    configured: Rules,
}

fn first_word(s: &str) -> &str {
    s.split(is_gap).next().unwrap_or("")
}

/// `text` lower-cased starts with `lower`, without allocating.
fn starts_with_folded(text: &str, lower: &str) -> bool {
    let mut folded = text.chars().flat_map(char::to_lowercase);
    lower.chars().all(|c| folded.next() == Some(c))
}

impl Boilerplate {
    pub fn new(rules: &IngestRules) -> Self {
        let configured = Rules::new(
            rules.boilerplate.iter().map(String::as_str),
            rules.boilerplate_prefixes.iter().map(String::as_str),
        );
        Self { configured }
    }

    /// True for a line made only of furniture phrases, or starting with a
    /// furniture prefix.
    pub fn is_furniture(&self, line: &str) -> bool {
        let line = line.trim();
        if line.is_empty() {
            return false;
        }
        let both = [&*BUILT_IN, &self.configured];
        let both = &both[..if self.configured.is_empty() { 1 } else { 2 }];
        if both.iter().any(|r| r.has_prefix(line)) {
            return true;
        }
        if !both.iter().any(|r| r.may_start_phrase(line)) {
            return false;
        }
        let lower = line.to_lowercase();
        let mut rest = lower.as_str();
        let mut found = false;
        loop {
            rest = rest.trim_start_matches(is_gap);
            if rest.is_empty() {
                return found;
            }
            match both.iter().filter_map(|r| r.phrase_at(rest)).max() {
                Some(len) => {
                    rest = &rest[len..];
                    found = true;
                }
                None => return false,
            }
        }
    }
}

/// Separators of breadcrumb trails.
const CRUMB_SEPARATORS: &[char] = &['>', '»', '›', '|', '/', '→', '»'];

/// A breadcrumb trail: `Home > World > Asia`, `Home | News`, or the glued
/// form a scraper leaves when it drops the separators
/// (`HomeWorldAsiaSome headline...`).
pub fn is_breadcrumb(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    is_separated_trail(line) || is_glued_trail(line)
}

/// Longest line taken for a separated trail: a handful of short parts.
const MAX_TRAIL_CHARS: usize = 160;

/// Separators stand between spaces in a trail (`World > Asia`); glued
/// ones belong to the text (`<ACME>`, `1986/87`, `and/or`).
fn is_separated_trail(line: &str) -> bool {
    if line.len() > MAX_TRAIL_CHARS || !line.contains(CRUMB_SEPARATORS) {
        return false;
    }
    let mut parts = 0;
    let mut rest = line;
    loop {
        let cut = rest.char_indices().find(|&(i, c)| {
            CRUMB_SEPARATORS.contains(&c)
                && rest[..i].ends_with(' ')
                && rest[i + c.len_utf8()..].starts_with(' ')
        });
        let (part, next) = match cut {
            Some((i, c)) => (&rest[..i], Some(&rest[i + c.len_utf8()..])),
            None => (rest, None),
        };
        let part = part.trim();
        if part.is_empty() || part.split_whitespace().nth(4).is_some() {
            return false;
        }
        parts += 1;
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    parts >= 3
        || (parts == 2
            && line
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("home")))
}

/// The first word of a glued trail is made of letters only and turns from
/// lower to upper case inside itself at least twice, after runs of three
/// letters or more (`HomeWorldAsia`). Names such as `McDonald`, `YouTube`
/// or `McMoRan` do not, nor `GlaxoSmithKline` with its two humps alone.
fn is_glued_trail(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    if !first
        .trim_end_matches(['.', '…'])
        .chars()
        .all(char::is_alphabetic)
    {
        return false;
    }
    let mut humps = 0;
    let mut run = 0;
    let mut prev_lower = false;
    for c in first.chars() {
        if prev_lower && c.is_uppercase() {
            if run >= 3 {
                humps += 1;
            }
            run = 0;
        }
        run += 1;
        prev_lower = c.is_lowercase();
    }
    // Two humps also fit company names (`GlaxoSmithKline`): ask for a
    // third, or the trail's usual start or cut-off end.
    humps >= 3
        || (humps == 2
            && (first.starts_with("Home") || line.ends_with("...") || line.ends_with('…')))
}

/// A byline or desk credit: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`,
/// `World Desk / News Desk`, `Staff Reporter`.
pub fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 160 || line.split_whitespace().nth(10).is_some() {
        return false;
    }
    let lower = line.to_lowercase();
    // The name after "By " starts with a capital: "By the end..." is prose.
    let by = line.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "))
        && line[3..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    by || [
        "news desk",
        "staff reporter",
        "staff writer",
        "correspondent",
    ]
    .iter()
    .any(|w| lower.ends_with(w))
}

/// A line that is only a web address.
pub fn is_url_line(line: &str) -> Option<&str> {
    let line = line.trim();
    let url = line
        .strip_prefix("URL:")
        .or_else(|| line.strip_prefix("Source URL:"))
        .map(str::trim)
        .unwrap_or(line);
    ((url.starts_with("http://") || url.starts_with("https://"))
        && !url.contains(char::is_whitespace))
    .then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Boilerplate {
        Boilerplate::new(&IngestRules::default())
    }

    #[test]
    fn built_in_phrases_in_any_case() {
        let b = built_in();
        for line in [
            "Go to Contents",
            "BACK TO TOP",
            "  send feedback ",
            "Most Popular",
            "Advertisement",
            "Share",
        ] {
            assert!(b.is_furniture(line), "{line}");
        }
    }

    #[test]
    fn several_phrases_on_one_line() {
        let b = built_in();
        assert!(b.is_furniture("Go to Contents Go to Navigation"));
        assert!(b.is_furniture("Share | Print | Email"));
        assert!(!b.is_furniture("Share prices fell sharply"));
        assert!(!b.is_furniture("Print works by local artists go on show"));
        assert!(!b.is_furniture("Homeowners face higher bills"));
    }

    #[test]
    fn prefixes() {
        let b = built_in();
        assert!(b.is_furniture("Copyright © 2024 Example Media. All rights reserved."));
        assert!(b.is_furniture("Click here to read the full report"));
        assert!(!b.is_furniture("Clicking here is fine"));
    }

    #[test]
    fn configured_lines_and_prefixes() {
        let rules = IngestRules {
            boilerplate: vec!["Download Our App".into()],
            boilerplate_prefixes: vec!["Photo credit:".into()],
            ..IngestRules::default()
        };
        let b = Boilerplate::new(&rules);
        assert!(b.is_furniture("download our app"));
        assert!(b.is_furniture("PHOTO CREDIT: someone"));
        assert!(!built_in().is_furniture("download our app"));
        assert!(!b.is_furniture("Download our app and more to come, said the firm."));
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("Home > World > Asia"));
        assert!(is_breadcrumb("Home | News"));
        assert!(is_breadcrumb("News » Business » Markets"));
        assert!(is_breadcrumb(
            "HomeWorldAsiaSome long headline about talks..."
        ));
        assert!(is_breadcrumb("HomeNewsLocal"));
        assert!(is_breadcrumb("News / World / Asia"));
        assert!(!is_breadcrumb("ACME <ACM> BUYS WIDGET <WID> UNIT"));
        assert!(!is_breadcrumb("GRAIN/OILSEED 1986/87 TOTALS/RESULTS"));
        assert!(!is_breadcrumb("HomeKit gets an update"));
        assert!(!is_breadcrumb("Freeport-McMoRan Inc said it"));
        assert!(!is_breadcrumb("McMoRan Oil said"));
        assert!(!is_breadcrumb("GlaxoSmithKline saw its profits fall"));
        assert!(is_breadcrumb("NewsWorldAsiaFloods hit the coast"));
        assert!(!is_breadcrumb("Ministers meet in Vienna | Example Times"));
        assert!(!is_breadcrumb("McDonald's profits rise in Europe"));
        assert!(!is_breadcrumb("YouTube rolls out new tools"));
        assert!(!is_breadcrumb(
            "Exports rose 3% in the year to March, the ministry said."
        ));
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Jane Doe"));
        assert!(is_byline("By Jane Doe and John Roe"));
        assert!(is_byline("Example Wire / News Desk"));
        assert!(!is_byline("By the end of the year, prices had doubled"));
        assert!(!is_byline("Bypass road opens"));
    }

    #[test]
    fn url_lines() {
        assert_eq!(
            is_url_line("https://example.com/a/b"),
            Some("https://example.com/a/b")
        );
        assert_eq!(
            is_url_line("URL: https://example.com/x"),
            Some("https://example.com/x")
        );
        assert_eq!(is_url_line("See https://example.com for more"), None);
    }
}
