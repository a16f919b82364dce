//! Site furniture in scraped pages: navigation, share buttons, footers,
//! breadcrumb trails. Built-in phrases plus the user's own from the config.

use std::sync::LazyLock;

use super::IngestRules;

/// Whole lines (any case) that are page furniture, never article text.
#[rustfmt::skip]
const BUILT_IN_LINES: &[&str] = &[
    "go to contents", "go to navigation", "skip to content", "skip to main content",
    "skip to navigation", "jump to navigation", "back to top", "back to top of page", "top",
    "send feedback", "feedback", "most popular", "most read", "most viewed", "trending",
    "trending now", "share", "share this", "share this article", "share this story",
    "share this page", "share on facebook", "share on twitter", "share on linkedin",
    "share via email", "tweet", "email", "e-mail", "copy link", "link copied", "print",
    "print this article", "print this page", "advertisement", "advertising", "sponsored",
    "sponsored content", "subscribe", "subscribe now", "sign in", "sign up", "log in", "login",
    "logout", "log out", "register", "menu", "main menu", "close", "close menu", "search", "home",
    "homepage", "next", "previous", "next article", "previous article", "related",
    "related articles", "related stories", "related news", "read more", "read next", "see also",
    "more", "more stories", "more news", "comments", "leave a comment", "show comments",
    "hide comments", "font size", "text size", "listen", "listen to this article",
    "cookie settings", "accept cookies", "accept all cookies", "all rights reserved", "follow us",
    "newsletter", "sign up for our newsletter", "continue reading", "view comments", "photo",
    "video",
    // Share bars and site footers.
    "facebook", "twitter", "linkedin", "whatsapp", "instagram", "youtube", "pinterest", "reddit",
    "tiktok", "flipboard", "share on whatsapp", "share on x", "share on reddit",
    "share on pinterest", "share by email", "share via whatsapp", "share via facebook",
    "share via twitter", "email this article", "email this page", "terms of use",
    "terms of service", "terms and conditions", "terms & conditions", "privacy policy",
    "privacy notice", "privacy statement", "cookie policy", "cookies policy", "manage cookies",
    "cookie preferences", "contact us", "about us", "advertise with us", "work with us",
    "do not sell my personal information", "do not sell or share my personal information",
    "your privacy choices",
    // The same furniture in other languages.
    "aller au contenu", "aller au menu", "zum inhalt springen", "zur navigation springen",
    "ir al contenido", "saltar al contenido", "vai al contenuto", "salta al contenuto",
    "ir para o conteúdo", "naar inhoud", "spring naar inhoud", "içeriğe geç", "içeriğe atla",
    "przejdź do treści", "hoppa till innehållet", "startseite", "accueil", "inicio", "portada", "anasayfa", "ana sayfa", "strona główna",
    "menü", "suche", "rechercher", "buscar", "teilen", "partager", "compartir", "condividi",
    "paylaş", "drucken", "imprimer", "imprimir", "stampa", "werbung", "anzeige", "publicité",
    "publicidad", "pubblicità", "reklam", "nach oben", "zurück nach oben", "haut de page",
    "retour en haut", "volver arriba", "torna su", "abonnieren", "s'abonner", "suscribirse",
    "abbonati", "abone ol",
];

/// Words that are furniture only beside other furniture on a line split by
/// bars or dots (`About | Help | Privacy`): alone, `Privacy` may be a
/// heading of the article.
#[rustfmt::skip]
const BUILT_IN_MENU_WORDS: &[&str] = &[
    "about", "help", "privacy", "terms", "cookies", "contact", "jobs", "careers", "advertise",
    "sitemap", "site map", "rss", "faq", "faqs", "accessibility", "imprint", "impressum", "legal",
    "disclaimer", "x", "store", "shop", "events", "podcasts", "newsletters", "archive",
    "masthead", "corrections", "subscriptions", "datenschutz", "kontakt", "mentions légales",
    "contacto", "aviso legal", "contatti",
];

/// Gaps that make a line a list of separate items (`Share | Print`).
fn is_item_bar(c: char) -> bool {
    matches!(c, '|' | '·' | '•')
}

/// Lines starting with these (any case) are furniture too.
#[rustfmt::skip]
const BUILT_IN_PREFIXES: &[&str] = &[
    "copyright ©", "copyright (c)", "© ", "(c) copyright", "all rights reserved", "click here to",
    "sign up for our", "subscribe to our", "follow us on", "share this on", "we use cookies",
    "this website uses cookies", "this site uses cookies", "related articles:", "related stories:",
    "read more:", "advertisement -",
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
    /// Each phrase, and whether it counts only beside others ([`BUILT_IN_MENU_WORDS`]).
    lines: Vec<(String, bool)>,
    /// Each prefix with its first character, compared before the rest.
    prefixes: Vec<(char, String)>,
    /// The first word of every line phrase: a cheap test before lower-casing.
    first_words: Vec<String>,
    /// ASCII first letters of the phrases (non-ASCII ones are not filtered).
    first_letters: [bool; 128],
    /// Lines longer than this are only checked for prefixes.
    max_line: usize,
}

impl Rules {
    fn new<'a>(
        lines: impl Iterator<Item = &'a str>,
        menu_words: impl Iterator<Item = &'a str>,
        prefixes: impl Iterator<Item = &'a str>,
    ) -> Self {
        let mut lines: Vec<(String, bool)> = lines
            .map(|s| (s, false))
            .chain(menu_words.map(|s| (s, true)))
            .map(|(s, menu)| (s.trim().to_lowercase(), menu))
            .filter(|(s, _)| !s.is_empty())
            .collect();
        lines.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let prefixes: Vec<(char, String)> = prefixes
            .map(|s| s.trim_start().to_lowercase())
            .filter_map(|s| Some((s.chars().next()?, s)))
            .collect();
        let mut first_words: Vec<String> = lines
            .iter()
            .map(|(l, _)| first_word(l).to_string())
            .collect();
        first_words.sort();
        first_words.dedup();
        let mut first_letters = [false; 128];
        for w in &first_words {
            if let Some(&b) = w.as_bytes().first()
                && b.is_ascii()
            {
                first_letters[usize::from(b)] = true;
            }
        }
        let longest = lines
            .iter()
            .map(|(l, _)| l)
            .chain(prefixes.iter().map(|(_, p)| p))
            .map(String::len)
            .max()
            .unwrap_or(0);
        Self {
            lines,
            prefixes,
            first_words,
            first_letters,
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
            .any(|(c, p)| *c == first && starts_with_folded(line, p))
    }

    fn may_start_phrase(&self, line: &str) -> bool {
        if line.len() > self.max_line {
            return false;
        }
        let line = line.trim_start_matches(is_gap);
        // Most lines fail on their first letter.
        if let Some(&b) = line.as_bytes().first()
            && b.is_ascii()
            && !self.first_letters[usize::from(b.to_ascii_lowercase())]
        {
            return false;
        }
        // Lower-case the first word on the stack, then look it up.
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

    /// The longest phrase `rest` (lower case) starts with, as whole words,
    /// and whether it is a menu word.
    fn phrase_at(&self, rest: &str) -> Option<(usize, bool)> {
        self.lines
            .iter()
            .find(|(p, _)| {
                rest.starts_with(p.as_str())
                    && rest[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|(p, menu)| (p.len(), *menu))
    }
}

/// The built-in rules are compiled once: they are the same for every file.
static BUILT_IN: LazyLock<Rules> = LazyLock::new(|| {
    Rules::new(
        BUILT_IN_LINES.iter().copied(),
        BUILT_IN_MENU_WORDS.iter().copied(),
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
            std::iter::empty(),
            rules.boilerplate_prefixes.iter().map(String::as_str),
        );
        Self { configured }
    }

    /// True for a line made only of furniture phrases, or starting with a
    /// furniture prefix. Menu words count among two or more items split by
    /// bars or dots (`About | Privacy | Contact Us`).
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
        let (mut items, mut menu_words) = (0, false);
        loop {
            rest = rest.trim_start_matches(is_gap);
            if rest.is_empty() {
                return items > 0 && (!menu_words || items >= 2 && lower.contains(is_item_bar));
            }
            match both.iter().filter_map(|r| r.phrase_at(rest)).max() {
                Some((len, menu)) => {
                    rest = &rest[len..];
                    items += 1;
                    menu_words |= menu;
                }
                None => return false,
            }
        }
    }
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
        assert!(b.is_furniture("Startseite"));
        assert!(b.is_furniture("PAYLAŞ"));
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
        assert!(b.is_furniture("| Share | Print |"));
        assert!(!b.is_furniture("Share prices fell sharply"));
        assert!(!b.is_furniture("Print works by local artists go on show"));
        assert!(!b.is_furniture("Homeowners face higher bills"));
    }

    #[test]
    fn share_bars_and_footer_lines() {
        let b = built_in();
        for line in [
            "Facebook",
            "Twitter",
            "Share this article",
            "Facebook Twitter LinkedIn",
            "Share on WhatsApp · Share by email",
            "Terms of Use | Privacy Policy | Contact Us",
            "About | Help | Privacy | Terms | Cookies",
            "Contact Us · About Us · Careers",
            "Facebook | X | Instagram",
            "• Privacy Policy • Terms & Conditions •",
        ] {
            assert!(b.is_furniture(line), "{line}");
        }
    }

    #[test]
    fn menu_words_alone_or_in_prose_stay() {
        let b = built_in();
        for line in [
            "Privacy",
            "Help",
            "X",
            "About the author",
            "Privacy and terms",
            "Contact lenses recalled",
            "Facebook shares fell on Tuesday",
            "Twitter users protest the change",
            "Terms of use changed by the regulator",
            "Jobs | Work | Life",
        ] {
            assert!(!b.is_furniture(line), "{line}");
        }
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
}
