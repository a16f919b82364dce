//! Lines of a news page that are neither furniture nor article text but
//! must not be taken for the headline: breadcrumb trails, bylines, web
//! addresses.

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
            && (line
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("home"))
                || (line.contains(POINTING_SEPARATORS) && !line.contains('<'))))
}

/// Separators that only ever point down a site's sections: two parts
/// joined by one (`Defence > Analysis`) already make a trail, where `A | B`
/// or `A / B` may be a headline's own words. A `>` closing a `<` is not one
/// (`<ACME CORP > SETS DIVIDEND`).
const POINTING_SEPARATORS: &[char] = &['>', '»', '›', '→'];

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
/// "By" in the languages whose dates are read too; the name after it must
/// start with a capital ("By the end..." is prose) and the line must not be
/// all capitals.
const BYLINE_WORDS: &[&str] = &["by", "von", "par", "por", "di", "door", "av", "przez"];

pub fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 160 || line.split_whitespace().nth(10).is_some() {
        return false;
    }
    // The name after "By " starts with a capital: "By the end..." is prose.
    // An all-capitals line is a wire headline (`DI GIORGIO CORP SETS...`).
    let shouting = !line.chars().any(char::is_lowercase);
    let by = !shouting
        && BYLINE_WORDS.iter().any(|word| {
            line.get(..word.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(word))
                && line[word.len()..]
                    .strip_prefix(' ')
                    .and_then(|rest| rest.trim_start().chars().next())
                    .is_some_and(char::is_uppercase)
        });
    by || [
        "news desk",
        "staff reporter",
        "staff writer",
        "correspondent",
    ]
    .iter()
    .any(|w| {
        line.len()
            .checked_sub(w.len())
            .and_then(|at| line.get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(w))
    })
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
