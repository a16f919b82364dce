//! Site furniture in scraped pages: navigation, share buttons, footers,
//! breadcrumb trails. Built-in phrases plus the user's own from the config.

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

/// The built-in and configured furniture, lower-cased once per parse.
pub struct Boilerplate {
    lines: Vec<String>,
    prefixes: Vec<String>,
    /// Lines longer than this are only checked for prefixes.
    max_line: usize,
}

impl Boilerplate {
    pub fn new(rules: &IngestRules) -> Self {
        let mut lines: Vec<String> = BUILT_IN_LINES.iter().map(|s| s.to_string()).collect();
        lines.extend(
            rules
                .boilerplate
                .iter()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty()),
        );
        // Longest first, so "share this article" wins over "share".
        lines.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut prefixes: Vec<String> = BUILT_IN_PREFIXES.iter().map(|s| s.to_string()).collect();
        prefixes.extend(
            rules
                .boilerplate_prefixes
                .iter()
                .map(|s| s.trim_start().to_lowercase())
                .filter(|s| !s.is_empty()),
        );
        let longest = lines
            .iter()
            .chain(&prefixes)
            .map(String::len)
            .max()
            .unwrap_or(0);
        Self {
            lines,
            prefixes,
            max_line: longest.max(MAX_FURNITURE_LINE),
        }
    }

    /// True for a line made only of furniture phrases, or starting with a
    /// furniture prefix.
    pub fn is_furniture(&self, line: &str) -> bool {
        let line = line.trim();
        if line.is_empty() {
            return false;
        }
        if line.len() > self.max_line {
            return self.has_prefix(line);
        }
        let lower = line.to_lowercase();
        if self.prefixes.iter().any(|p| lower.starts_with(p.as_str())) {
            return true;
        }
        let mut rest = lower.as_str();
        let mut found = false;
        loop {
            rest = rest.trim_start_matches(is_gap);
            if rest.is_empty() {
                return found;
            }
            let next = self.lines.iter().find(|p| {
                rest.starts_with(p.as_str())
                    && rest[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            });
            match next {
                Some(p) => {
                    rest = &rest[p.len()..];
                    found = true;
                }
                None => return false,
            }
        }
    }

    fn has_prefix(&self, line: &str) -> bool {
        // Lower-casing may change byte lengths, so take a generous head.
        let lower = line[..line.floor_char_boundary(self.max_line * 2)].to_lowercase();
        self.prefixes.iter().any(|p| lower.starts_with(p.as_str()))
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
    let parts: Vec<&str> = line.split(CRUMB_SEPARATORS).map(str::trim).collect();
    let separated = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
        && (parts.len() >= 3 || parts[0].eq_ignore_ascii_case("home"));
    separated || is_glued_trail(line)
}

/// The first word of a glued trail changes from lower to upper case inside
/// itself at least twice (`HomeWorldAsia`), or starts with `Home` glued to
/// the next word. Names such as `McDonald` or `YouTube` change only once.
fn is_glued_trail(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let chars: Vec<char> = first.chars().collect();
    let humps = chars
        .windows(2)
        .filter(|w| w[0].is_lowercase() && w[1].is_uppercase())
        .count();
    humps >= 2 || (first.starts_with("Home") && chars.get(4).is_some_and(|c| c.is_uppercase()))
}

/// A byline or desk credit: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`,
/// `World Desk / News Desk`, `Staff Reporter`.
pub fn is_byline(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words > 10 {
        return false;
    }
    let lower = line.to_lowercase();
    let by = lower
        .strip_prefix("by ")
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
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
