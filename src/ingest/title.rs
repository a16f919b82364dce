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

/// The title of a text that states none (an untitled entry, a message
/// without a subject): its first line that is not blank, as
/// [`display_title`] shows it.
pub fn first_line_title(text: &str) -> Option<String> {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| display_title(l).0)
}

/// Separators a site puts between a headline and its own name, and
/// whether they say so alone: a bar or a dot does, a dash also joins a
/// headline to whoever it quotes (`Taxes must fall - Minister`).
const SITE_SEPARATORS: &[(&str, bool)] = &[
    (" | ", true),
    (" · ", true),
    (" • ", true),
    (" - ", false),
    (" – ", false),
    (" — ", false),
];

/// Most words and characters a site's name has.
const SITE_MAX_WORDS: usize = 5;
const SITE_MAX_CHARS: usize = 40;
/// Most words of a section between the headline and the site
/// (`Headline | Markets | Site`).
const SECTION_MAX_WORDS: usize = 3;

/// Words that name a publication, so a name after a dash is the site's
/// rather than a person's or a body's being quoted.
#[rustfmt::skip]
const PUBLICATION_WORDS: &[&str] = &[
    "news", "times", "post", "herald", "journal", "tribune", "gazette", "guardian", "telegraph",
    "chronicle", "observer", "express", "mail", "daily", "weekly", "magazine", "press", "wire",
    "media", "online", "today", "insider", "agency", "network", "radio", "tv", "television",
    "broadcasting", "bulletin", "monitor", "standard", "independent", "review", "report",
    "reuters", "bloomberg", "bbc", "cnn", "afp", "ap", "xinhua", "yonhap", "kyodo", "tass",
    "zeitung", "nachrichten", "presse", "diario", "noticias", "notizie", "corriere", "gazeta",
    "gazete", "gazetesi", "haber", "dagblad", "tidning", "avisen",
];

/// Small words a name may have in lower case (`Times of India`).
const NAME_PARTICLES: &[&str] = &[
    "of", "the", "and", "&", "de", "la", "le", "du", "der", "des", "di", "del", "da", "y", "on",
    "for", "in", "am",
];

/// What a page says an article is, never whose it is (`| Video`).
const CONTENT_KINDS: &[&str] = &[
    "live",
    "video",
    "videos",
    "photos",
    "pictures",
    "in pictures",
    "gallery",
    "opinion",
    "analysis",
    "explainer",
    "interview",
    "podcast",
    "watch",
    "update",
    "updated",
    "exclusive",
    "breaking",
    "editorial",
    "comment",
    "review",
    "live updates",
    "latest",
];

/// `Headline | Site` or `Headline - Site` as the headline and the site's
/// name, when the part after the last separator is a short name. After a
/// dash the name must also be a web address, name a publication, or be
/// one the page gives itself (`names_itself`: its address, its copyright
/// line), so `Taxes must fall - Minister` keeps its dash. A wire headline
/// in capitals is never cut.
pub fn site_suffix(title: &str, names_itself: impl Fn(&str) -> bool) -> Option<(String, String)> {
    if !title.chars().any(char::is_lowercase) {
        return None;
    }
    let (at, sep, alone) = last_separator(title)?;
    let head = title[..at].trim();
    let site = title[at + sep.len()..].trim();
    if !is_site_name(site)
        || head.split_whitespace().nth(1).is_none()
        || head.chars().count() <= site.chars().count()
    {
        return None;
    }
    let vouched = || is_web_address(site) || names_publication(site) || names_itself(site);
    if !alone && !vouched() {
        return None;
    }
    // A section between them goes too: `Headline | Markets | Site`.
    let head = match last_separator(head) {
        Some((at, sep, true)) if alone => {
            let section = head[at + sep.len()..].trim();
            let before = head[..at].trim();
            let is_section = section.split_whitespace().nth(SECTION_MAX_WORDS).is_none()
                && is_site_name(section)
                && before.split_whitespace().nth(1).is_some();
            if is_section { before } else { head }
        }
        _ => head,
    };
    Some((head.to_string(), site.to_string()))
}

/// The last separator in `title`: where, which, and whether it is a bar.
fn last_separator(title: &str) -> Option<(usize, &'static str, bool)> {
    SITE_SEPARATORS
        .iter()
        .filter_map(|&(sep, alone)| title.rfind(sep).map(|at| (at, sep, alone)))
        .max_by_key(|&(at, _, _)| at)
}

/// A short name in title case (`The Daily Ledger`, `Coast News 24`) or a
/// web address (`example.com`), not a phrase (`what it means for you`).
fn is_site_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty()
        || words.len() > SITE_MAX_WORDS
        || s.chars().count() > SITE_MAX_CHARS
        || s.ends_with(['.', ',', ';', ':', '?', '!', '…'])
        || s.contains(['"', '“', '”', '?', '!'])
        || CONTENT_KINDS.contains(&s.to_lowercase().as_str())
    {
        return false;
    }
    if is_web_address(s) {
        return true;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    capital(words[0])
        && words.iter().all(|w| {
            capital(w)
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

/// `example.com`, `Example.co.uk`: one word with a dot and a short
/// top-level domain of letters.
fn is_web_address(s: &str) -> bool {
    !s.contains(char::is_whitespace)
        && s.rsplit_once('.').is_some_and(|(name, tld)| {
            name.chars().any(char::is_alphanumeric)
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

fn names_publication(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| PUBLICATION_WORDS.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_page_name(_: &str) -> bool {
        false
    }

    fn split(title: &str) -> Option<(String, String)> {
        site_suffix(title, no_page_name)
    }

    #[test]
    fn a_site_after_a_bar_is_cut_off() {
        assert_eq!(
            split("Ferry crews end strike | The Daily Ledger"),
            Some(("Ferry crews end strike".into(), "The Daily Ledger".into()))
        );
        assert_eq!(
            split("Ferry crews end strike · Harbour Voice"),
            Some(("Ferry crews end strike".into(), "Harbour Voice".into()))
        );
        assert_eq!(
            split("Tin prices climb | Markets | Example Wire"),
            Some(("Tin prices climb".into(), "Example Wire".into()))
        );
        assert_eq!(
            split("Tin prices climb | example.com"),
            Some(("Tin prices climb".into(), "example.com".into()))
        );
    }

    #[test]
    fn a_site_after_a_dash_needs_more_than_a_name() {
        assert_eq!(
            split("Bridge opens to traffic - Valley Times"),
            Some(("Bridge opens to traffic".into(), "Valley Times".into()))
        );
        assert_eq!(
            split("Bridge opens to traffic – Example.org"),
            Some(("Bridge opens to traffic".into(), "Example.org".into()))
        );
        // A name the page gives itself (its address, its copyright line).
        assert_eq!(
            site_suffix("Bridge opens to traffic - Lumen", |n| n == "Lumen"),
            Some(("Bridge opens to traffic".into(), "Lumen".into()))
        );
        // Who is quoted, not whose page it is.
        assert_eq!(split("Taxes must be cut - Minister"), None);
        assert_eq!(split("Port deal 'a mistake' - Harbour Board"), None);
        assert_eq!(split("Choose growth over fear - Okafor"), None);
    }

    #[test]
    fn headlines_with_a_real_dash_or_bar_stay_whole() {
        for title in [
            "Rates rise - what it means for your mortgage",
            "Left - right politics explained",
            "Vale - an old mining town reinvents itself",
            "RATES RISE AGAIN - CENTRAL BANK NEWS",
            "Storm hits the coast | Live",
            "Storm hits the coast | Video",
            "Storm hits the coast | Is this the end?",
            "Ports | Harbour Times",
            "Stocks fall - Markets Daily says rates will rise.",
            "Council votes on the plan — Elena Duarte",
        ] {
            assert_eq!(split(title), None, "{title}");
        }
    }

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

    #[test]
    fn an_untitled_text_is_titled_by_its_first_line_that_is_not_blank() {
        assert_eq!(
            first_line_title("\n  \n  Harbour   fees rise \nmore").as_deref(),
            Some("Harbour fees rise")
        );
        assert_eq!(first_line_title(" \n\t\n"), None);
    }
}
