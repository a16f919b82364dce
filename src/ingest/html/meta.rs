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
    pub headline: Option<String>,
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
    if s.contains('&') && s.contains(';') {
        let decoded = Document::fragment(s.as_str()).root().text().to_string();
        return decoded.split_whitespace().collect::<Vec<_>>().join(" ");
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
    let site_key = site.map(fold).filter(|s| !s.is_empty());
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            let tail_key = fold(tail);
            let names_site = site_key
                .as_ref()
                .is_some_and(|s| tail_key == *s || s.contains(&tail_key) || tail_key.contains(s));
            let short = tail.split_whitespace().count() <= 4 && head.len() > tail.len() * 2;
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

/// Typographic apostrophes as typed: titles are searched and quoted on
/// the command line, where `’` is not what anyone types.
fn plain_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
}

/// The headline: the page's first `<h1>` where it is about what the
/// metadata says the page is (it shares a word with the stated title) and
/// is not the site's name; else the stated title without its site suffix.
pub fn headline(meta: &PageMeta) -> (String, Option<String>) {
    let stated = meta.headline.as_deref().or(meta.html_title.as_deref());
    let site = meta.site.as_deref();
    let site_key = site.map(fold).unwrap_or_default();
    let stated_words: Vec<String> = [meta.headline.as_deref(), meta.html_title.as_deref()]
        .into_iter()
        .flatten()
        .flat_map(content_words)
        .collect();
    let suffix = stated.and_then(|t| split_site_suffix(t, site).1);
    let h1 = meta.h1s.iter().find(|h| {
        let key = fold(h);
        key.len() >= 4
            && h.chars().count() <= 300
            && key != site_key
            && (stated.is_none() || content_words(h).iter().any(|w| stated_words.contains(w)))
    });
    let stated_head = stated.map(|t| split_site_suffix(t, site).0);
    if let Some(h1) = h1 {
        // An all-capitals `<h1>` is usually styled so; the stated title
        // has the letters as written.
        let shouted = h1.chars().any(char::is_alphabetic) && !h1.chars().any(char::is_lowercase);
        if let Some(head) = stated_head.filter(|h| shouted && fold(h) == fold(h1)) {
            return (plain_quotes(&head), suffix.or_else(|| meta.site.clone()));
        }
        return (plain_quotes(h1), suffix.or_else(|| meta.site.clone()));
    }
    match stated_head {
        Some(head) => (plain_quotes(&head), suffix.or_else(|| meta.site.clone())),
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
