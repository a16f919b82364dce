//! What a saved page says about itself: JSON-LD, `<meta>` tags, `<time>`,
//! the headline and the site. Read before extraction, which prunes the
//! document.

use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

use crate::ingest::dates;

/// The page's own statements about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// JSON-LD `headline`, else the social title (og/twitter), else `dc.title`.
    pub headline: Option<String>,
    /// JSON-LD `headline` of the article alone.
    pub ld_headline: Option<String>,
    /// `og:title`, else `twitter:title` (sites fill one from the other).
    pub social_title: Option<String>,
    /// `<title>`, kept to tell the headline from `Headline | Site`.
    pub html_title: Option<String>,
    pub h1s: Vec<String>,
    pub published: Option<NaiveDate>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical: Option<String>,
    pub section: Option<String>,
    /// The date shown beside the headline.
    pub shown: Option<NaiveDate>,
}

/// Schema.org types whose `headline`/`datePublished` describe the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "posting",
    "socialmediaposting",
    "webpage",
    "medicalwebpage",
    "review",
    "recipe",
    "howto",
    "pressrelease",
];

/// White space squashed, and entities a CMS escaped twice (`&amp;#8211;`
/// arrives as `&#8211;`) decoded.
pub(super) fn squash(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s = s;
    // Twice: `&amp;#8230;` is `&#8230;` after one pass.
    for _ in 0..2 {
        if !(s.contains('&') && s.contains(';')) {
            break;
        }
        let decoded = Document::fragment(s.as_str()).root().text().to_string();
        s = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    s
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| squash(&s)).filter(|s| !s.is_empty())
}

/// Every `<meta>` of the page by its lower-cased `property`, `name` or
/// `itemprop`, first value kept: read in one pass over the document.
struct Metas(std::collections::HashMap<String, String>);

impl Metas {
    fn of(doc: &Document) -> Self {
        let mut map = std::collections::HashMap::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = non_empty(node.attr("content").map(|c| c.to_string())) else {
                continue;
            };
            for attr in ["property", "name", "itemprop"] {
                if let Some(key) = node.attr(attr) {
                    map.entry(key.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        Self(map)
    }

    /// The value of the first of `keys` the page has.
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.get(&k.to_ascii_lowercase()).cloned())
    }
}

/// Reads every statement the page makes about itself.
pub fn read(doc: &Document) -> PageMeta {
    let metas = Metas::of(doc);
    let mut meta = PageMeta::default();
    let mut ld = LdArticle::default();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = node.text();
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            ld.take(&value, 0);
        }
    }
    meta.html_title = non_empty(
        doc.select("title")
            .nodes()
            .first()
            .map(|n| n.text().to_string()),
    );
    meta.h1s = doc
        .select("h1")
        .nodes()
        .iter()
        .filter_map(|n| non_empty(Some(n.text().to_string())))
        .collect();
    meta.ld_headline = ld.headline.clone();
    meta.social_title = metas.get(&["og:title", "twitter:title"]);
    meta.headline = ld
        .headline
        .clone()
        .or_else(|| metas.get(&["og:title", "twitter:title", "dc.title", "headline"]));
    meta.published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            metas
                .get(&[
                    "article:published_time",
                    "og:article:published_time",
                    "datePublished",
                    "parsely-pub-date",
                    "sailthru.date",
                    "pubdate",
                    "publish-date",
                    "publish_date",
                    "date",
                    "dc.date.issued",
                    "dc.date",
                    "dcterms.created",
                    "article.published",
                    "cxenseparse:recs:publishtime",
                ])
                .as_deref()
                .and_then(parse_date)
        })
        .or_else(|| ld.page_published.as_deref().and_then(parse_date))
        .or_else(|| time_element(doc));
    meta.author = ld.author.clone().or_else(|| {
        metas
            .get(&["author", "article:author", "parsely-author", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
    });
    meta.site = metas
        .get(&["og:site_name", "application-name"])
        .or(ld.publisher.clone());
    meta.canonical = doc
        .select("link[rel=\"canonical\" i]")
        .nodes()
        .first()
        .and_then(|n| non_empty(n.attr("href").map(|h| h.to_string())))
        .filter(|u| u.starts_with("http"))
        .or_else(|| metas.get(&["og:url"]).filter(|u| u.starts_with("http")));
    meta.shown = visible_date(doc);
    meta.section = ld
        .section
        .clone()
        .or_else(|| metas.get(&["article:section", "parsely-section", "section"]));
    meta
}

/// `<time datetime>` marked as the publication, else the first in an
/// article header.
fn time_element(doc: &Document) -> Option<NaiveDate> {
    for sel in [
        "time[itemprop=\"datePublished\"]",
        "[itemprop=\"datePublished\"]",
        "time[pubdate]",
        "time.published",
        "time.entry-date",
        "article header time[datetime]",
        "article time[datetime]",
        "main time[datetime]",
    ] {
        for node in doc.select(sel).nodes() {
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| node.text().to_string());
            if let Some(d) = parse_date(&value) {
                return Some(d);
            }
        }
    }
    None
}

/// `2025-03-04`, `2025-03-04T10:00:00Z`, `20250304`, or any date phrase
/// brief reads in text (`March 4, 2025`, `Tue, 04 Mar 2025 10:00:00 GMT`).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let Some(Ok(d)) = v
            .get(..10)
            .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
    {
        return Some(d);
    }
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && let Some(Ok(d)) = v.get(..8).map(|s| NaiveDate::parse_from_str(s, "%Y%m%d"))
    {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(v) {
        return Some(dt.date_naive());
    }
    dates::date_line(&squash(v))
}

/// What the page's JSON-LD says of its main article.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    /// A WebPage's date, used only when no article states one.
    page_published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    section: Option<String>,
}

fn ld_types(obj: &serde_json::Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_ascii_lowercase))
            .collect(),
        _ => Vec::new(),
    }
}

fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(Some(s.clone())),
        Value::Object(o) => o.get("name").and_then(ld_name),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn ld_first_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(Some(s.clone())),
        Value::Array(a) => a.iter().find_map(ld_first_string),
        _ => None,
    }
}

impl LdArticle {
    /// Walks one JSON-LD value; nested `@graph`s and arrays included. The
    /// first article-like object wins each field (a page's own article is
    /// listed before the ones it links to).
    fn take(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.take(i, depth + 1)),
            Value::Object(obj) => {
                if let Some(graph) = obj.get("@graph") {
                    self.take(graph, depth + 1);
                }
                let types = ld_types(obj);
                let article_like = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
                let is_page = types.iter().all(|t| t.ends_with("webpage"));
                if article_like {
                    // A WebPage's headline is often the site's title.
                    if !is_page && let Some(h) = obj.get("headline").and_then(ld_first_string) {
                        self.headline.get_or_insert(h);
                    }
                    if let Some(d) = obj.get("datePublished").and_then(ld_first_string) {
                        if is_page {
                            self.page_published.get_or_insert(d);
                        } else {
                            self.published.get_or_insert(d);
                        }
                    }
                    if !is_page && let Some(a) = obj.get("author").and_then(ld_name) {
                        self.author.get_or_insert(a);
                    }
                    if let Some(p) = obj.get("publisher").and_then(ld_name) {
                        self.publisher.get_or_insert(p);
                    }
                    if let Some(s) = obj.get("articleSection").and_then(ld_first_string) {
                        self.section.get_or_insert(s);
                    }
                }
                if let Some(main) = obj.get("mainEntity") {
                    self.take(main, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Separators sites put between a headline and their name.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " « ", " » ",
];

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `Headline | Site` → (`Headline`, `Site`), when the part cut off is the
/// site: it names the site or is much shorter than what remains.
pub fn split_site_suffix(title: &str, site: Option<&str>) -> (String, Option<String>) {
    // `Headline - Site | Tagline of the site`: cut until nothing is cut.
    let (mut head, mut cut) = split_site_suffix_once(title, site);
    for _ in 0..2 {
        match split_site_suffix_once(&head, site) {
            (h, Some(_))
                if h != head
                    && !h.is_empty()
                    && site.is_some_and(|s| fold(s).contains(&fold(&head[h.len()..]))) =>
            {
                head = h;
                cut = cut.or_else(|| site.map(str::to_string));
            }
            _ => break,
        }
    }
    (head, cut)
}

fn split_site_suffix_once(title: &str, site: Option<&str>) -> (String, Option<String>) {
    let site_key = site.map(fold).filter(|s| !s.is_empty());
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            let tail_key = fold(tail);
            let names_site = site_key
                .as_ref()
                .is_some_and(|s| tail_key == *s || s.contains(&tail_key) || tail_key.contains(s));
            let short = (tail.split_whitespace().count() <= 4 && head.len() > tail.len() * 2)
                || is_domain(tail);
            if !head.is_empty() && (names_site || short) {
                return (head.to_string(), Some(tail.to_string()));
            }
            // `Site | Headline`
            if let Some(s) = &site_key {
                let head_key = fold(head);
                if head_key == *s && !tail.is_empty() {
                    return (tail.to_string(), Some(head.to_string()));
                }
            }
        }
    }
    (title.to_string(), None)
}

/// Words that say something (not `the`, `and`, `2025`), folded.
fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// A bare host name (`Newegg.com`, `news.example.org`): a site, not words.
fn is_domain(s: &str) -> bool {
    let s = s.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']'));
    let mut parts = s.split('.');
    let labels = s.split('.').count();
    !s.contains(char::is_whitespace)
        && labels >= 2
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && s.rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// `Headline | Tagline | Site` → `Headline`: a bar never belongs to a
/// headline, whatever follows it (a section, a tagline, a site).
fn cut_at_bar(title: &str) -> &str {
    match title.split_once(" | ") {
        Some((head, _)) if head.split_whitespace().count() >= 2 => head.trim(),
        _ => title,
    }
}

/// What the page states as its title, site and tagline cut off.
fn stated_titles(meta: &PageMeta) -> Vec<String> {
    let site = meta.site.as_deref();
    [
        meta.ld_headline.as_deref(),
        meta.social_title.as_deref(),
        meta.html_title.as_deref(),
        meta.headline.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| cut_at_bar(&split_site_suffix(t, site).0).to_string())
    .filter(|t| !t.is_empty())
    .collect()
}

/// Around a headline in an `<h1>`, what is page furniture: a date
/// (`Dec 18 2025 Headline`), a label (`Blog: Headline`), a host name and
/// a count (`Headline (example.com) 87`).
fn is_furniture_around(extra: &str) -> bool {
    let e =
        extra.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·'));
    if e.is_empty() {
        return false;
    }
    // A whole date, not a bare year (`2025 Price Guide` is a headline).
    if e.split_whitespace().count() >= 2 && dates::date_line(e).is_some() {
        return true;
    }
    if let Some(label) = e.strip_suffix(':') {
        return label.split_whitespace().count() <= 2;
    }
    e.split_whitespace().any(is_domain)
        && e.split_whitespace()
            .all(|w| is_domain(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// Typographic apostrophes as typed: titles are searched and quoted on
/// the command line, where `’` is not what anyone types.
fn plain_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
}

/// Between a blog's name and its headline in a stated title.
const SEGMENT_SEPARATORS: &[&str] = &[": ", " | ", " - ", " – ", " — ", " · "];

/// The `<h1>` is one part of a stated `Part: Rest` or `Rest | Part`
/// title (site suffix already cut) whose other part is the longer: the
/// `<h1>` names the blog, the rest is the headline.
fn is_segment_of(h1: &str, stated: &[String]) -> bool {
    rest_of_segment(h1, stated).is_some()
}

/// The headline part of a stated title the `<h1>` is the blog part of.
fn rest_of_segment<'a>(h1: &str, stated: &'a [String]) -> Option<&'a str> {
    let h1_words = h1.split_whitespace().count();
    let longer = |r: &&str| {
        let words = r.split_whitespace().count();
        words >= 2 && words > h1_words
    };
    stated.iter().find_map(|t| {
        SEGMENT_SEPARATORS.iter().find_map(|sep| {
            t.strip_prefix(h1)
                .and_then(|r| r.strip_prefix(sep))
                .filter(longer)
                .or_else(|| {
                    t.strip_suffix(h1)
                        .and_then(|r| r.strip_suffix(sep))
                        .filter(longer)
                })
        })
    })
}

/// Same letters, other capitals: `HOW TO` or `how to` for `How To`.
fn differs_in_case_only(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let (la, lb) = (letters(a), letters(b));
    la != lb && la.to_lowercase() == lb.to_lowercase()
}

/// The headline: the page's `<h1>` where it is about what the metadata
/// says the page is (it equals a stated title or shares a word with one)
/// and is not the site's name; else the stated title without its site
/// suffix.
pub fn headline(meta: &PageMeta) -> (String, Option<String>) {
    let (title, source) = choose_headline(meta);
    (plain_quotes(&title), source)
}

fn choose_headline(meta: &PageMeta) -> (String, Option<String>) {
    let stated = stated_titles(meta);
    let site = meta.site.as_deref();
    let site_key = site.map(fold).unwrap_or_default();
    let stated_keys: Vec<String> = stated.iter().map(|t| fold(t)).collect();
    let stated_words: Vec<String> = stated.iter().flat_map(|t| content_words(t)).collect();
    let first_stated = meta.headline.as_deref().or(meta.html_title.as_deref());
    let suffix = first_stated.and_then(|t| split_site_suffix(t, site).1);
    let source = || suffix.clone().or_else(|| meta.site.clone());
    let candidates: Vec<&str> = meta
        .h1s
        .iter()
        .map(|h| cut_at_bar(h))
        .filter(|h| {
            let key = fold(h);
            key.len() >= 4
                && h.chars().count() <= 300
                && key != site_key
                && !is_domain(h)
                && !is_segment_of(h, &stated)
        })
        .collect();
    // An `<h1>` that is a stated title wins over the first `<h1>` that
    // merely shares a word with one (a page with several `<h1>`s).
    let h1 = candidates
        .iter()
        .find(|h| stated_keys.contains(&fold(h)))
        .or_else(|| {
            candidates.iter().find(|h| {
                stated.is_empty() || content_words(h).iter().any(|w| stated_words.contains(w))
            })
        })
        .copied();
    if let Some(h1) = h1 {
        // The stated title inside the `<h1>`, with a date, a label or a
        // host name around it: the stated title.
        if let Some(inner) = stated.iter().find(|s| {
            s.split_whitespace().count() >= 3
                && s.len() < h1.len()
                && (h1.strip_prefix(s.as_str()).is_some_and(is_furniture_around)
                    || h1.strip_suffix(s.as_str()).is_some_and(is_furniture_around))
        }) {
            return (inner.clone(), source());
        }
        // An all-capitals `<h1>` is usually styled so; the stated title
        // has the letters as written.
        let shouted = h1.chars().any(char::is_alphabetic) && !h1.chars().any(char::is_lowercase);
        if shouted && let Some(head) = stated.iter().find(|s| differs_in_case_only(h1, s)) {
            return (head.clone(), source());
        }
        return (h1.to_string(), source());
    }
    if let Some(rest) = meta.h1s.iter().find_map(|h| rest_of_segment(h, &stated)) {
        return (rest.trim().to_string(), source());
    }
    match stated.first() {
        Some(head) => (head.clone(), source()),
        None => (String::new(), meta.site.clone()),
    }
}

/// How many text pieces after the headline are searched for its date.
const DATE_WINDOW_AFTER: usize = 40;
/// And before it (a date line above the headline).
const DATE_WINDOW_BEFORE: usize = 12;
/// Text pieces longer than this are prose, not a date line.
const MAX_DATE_TEXT: usize = 120;

/// The date shown with the headline: a `<time datetime>` or a date line
/// (`Published 4 March 2025 by the desk`, `2025年3月4日`) just after the
/// first `<h1>`, else just before it.
pub fn visible_date(doc: &Document) -> Option<NaiveDate> {
    let body = doc.select("body");
    let body = body.nodes().first()?;
    let h1 = doc.select("h1");
    let h1 = h1.nodes().first()?;
    // The last date before the headline, by the text piece it was in.
    let mut before: Option<(usize, NaiveDate)> = None;
    let mut seen_h1 = false;
    let mut pieces = 0usize;
    let mut h1_piece = 0usize;
    for node in body.descendants_it() {
        if !seen_h1 && node.id == h1.id {
            seen_h1 = true;
            h1_piece = pieces;
            continue;
        }
        let date = if node.is_element() && node.has_name("time") {
            node.attr("datetime").and_then(|d| parse_date(&d))
        } else if node.is_text() {
            let t = node.text();
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            pieces += 1;
            if seen_h1 && pieces > h1_piece + DATE_WINDOW_AFTER {
                break;
            }
            if t.len() > MAX_DATE_TEXT
                || node
                    .ancestors_it(Some(3))
                    .any(|a| a.has_name("script") || a.has_name("style"))
            {
                None
            } else {
                dates::date_line(&squash(t))
            }
        } else {
            None
        };
        if let Some(d) = date {
            if seen_h1 {
                return Some(d);
            }
            before = Some((pieces, d));
        }
    }
    before
        .filter(|(at, _)| h1_piece.saturating_sub(*at) <= DATE_WINDOW_BEFORE)
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> PageMeta {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_gives_headline_date_author_section() {
        let m = page(
            r#"<html><head><title>Harbour reopens | Coast News</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","datePublished":"2020-01-01"},
              {"@type":"NewsArticle","headline":"Harbour reopens","datePublished":"2025-03-04T08:00:00+01:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"}],"articleSection":["Local"],
               "publisher":{"@type":"Organization","name":"Coast News"}}]}</script>
            </head><body><h1>Harbour reopens</h1></body></html>"#,
        );
        assert_eq!(m.headline.as_deref(), Some("Harbour reopens"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(m.section.as_deref(), Some("Local"));
        assert_eq!(m.site.as_deref(), Some("Coast News"));
    }

    #[test]
    fn meta_tags_when_there_is_no_json_ld() {
        let m = page(
            r#"<head><meta property="og:title" content="Ferry returns">
            <meta property="article:published_time" content="2024-11-02T10:00:00Z">
            <meta property="og:site_name" content="The Bay">
            <link rel="canonical" href="https://bay.example/ferry"></head>"#,
        );
        assert_eq!(m.headline.as_deref(), Some("Ferry returns"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 11, 2));
        assert_eq!(m.canonical.as_deref(), Some("https://bay.example/ferry"));
        assert_eq!(m.site.as_deref(), Some("The Bay"));
    }

    #[test]
    fn time_element_marked_as_published() {
        let m =
            page(r#"<article><header><time datetime="2023-05-06">6 May</time></header></article>"#);
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2023, 5, 6));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = page(
            r#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script><title>Plain</title>"#,
        );
        assert_eq!(m.headline, None);
        assert_eq!(headline(&m).0, "Plain");
    }

    #[test]
    fn site_suffix_is_cut_from_the_title() {
        assert_eq!(
            split_site_suffix(
                "Rates rise again | The Daily Ledger",
                Some("The Daily Ledger")
            ),
            (
                "Rates rise again".to_string(),
                Some("The Daily Ledger".to_string())
            )
        );
        assert_eq!(
            split_site_suffix("Rates rise again as inflation bites - Ledger", None).0,
            "Rates rise again as inflation bites"
        );
        // A dash inside a headline with no site after it stays.
        assert_eq!(
            split_site_suffix("Left - right politics explained in depth today", None).0,
            "Left - right politics explained in depth today"
        );
    }

    #[test]
    fn headline_furniture_bars_and_blog_names_are_cut() {
        let m = page(
            r#"<head><title>Tide tables return | Harbour Notes | Coast Weekly</title></head>
            <body><h1>Mar 4 2025 Tide tables return</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Tide tables return");
        let m = page(
            r#"<head><meta property="og:title" content="Quay Log: Nets mended before the storm"></head>
            <body><h1>Quay Log</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Nets mended before the storm");
        let m = page(r#"<head><title>Lanterns lit | bay.example</title></head><body></body>"#);
        assert_eq!(headline(&m).0, "Lanterns lit");
    }

    #[test]
    fn dates_in_several_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 4);
        assert_eq!(parse_date("2025-03-04T10:00:00Z"), d);
        assert_eq!(parse_date("20250304"), d);
        assert_eq!(parse_date("Tue, 04 Mar 2025 10:00:00 GMT"), d);
        assert_eq!(parse_date("March 4, 2025"), d);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("2025-03-0é"), None);
    }
}
