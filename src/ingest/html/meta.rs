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

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| squash(&s)).filter(|s| !s.is_empty())
}

/// The value of the first `<meta>` whose `property` or `name` is one of `keys`.
fn meta_content(doc: &Document, keys: &[&str]) -> Option<String> {
    for key in keys {
        for attr in ["property", "name", "itemprop"] {
            let sel = format!("meta[{attr}=\"{key}\" i]");
            let found = doc.select(&sel);
            for node in found.nodes() {
                if let Some(v) = non_empty(node.attr("content").map(|c| c.to_string())) {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// Reads every statement the page makes about itself.
pub fn read(doc: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut ld = LdArticle::default();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = node.text();
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            ld.take(&value, 0);
        }
    }
    meta.html_title = non_empty(doc.select("title").nodes().first().map(|n| n.text().to_string()));
    meta.h1s = doc
        .select("h1")
        .nodes()
        .iter()
        .filter_map(|n| non_empty(Some(n.text().to_string())))
        .collect();
    meta.headline = ld
        .headline
        .clone()
        .or_else(|| meta_content(doc, &["og:title", "twitter:title", "dc.title", "headline"]));
    meta.published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            meta_content(
                doc,
                &[
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
                ],
            )
            .as_deref()
            .and_then(parse_date)
        })
        .or_else(|| ld.page_published.as_deref().and_then(parse_date))
        .or_else(|| time_element(doc));
    meta.author = ld.author.clone().or_else(|| {
        meta_content(doc, &["author", "article:author", "parsely-author", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
    });
    meta.site = meta_content(doc, &["og:site_name", "application-name"]).or(ld.publisher.clone());
    meta.canonical = doc
        .select("link[rel=\"canonical\" i]")
        .nodes()
        .first()
        .and_then(|n| non_empty(n.attr("href").map(|h| h.to_string())))
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta_content(doc, &["og:url"]).filter(|u| u.starts_with("http")));
    meta.section = ld
        .section
        .clone()
        .or_else(|| meta_content(doc, &["article:section", "parsely-section", "section"]));
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
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if let Ok(d) = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        if let Ok(d) = NaiveDate::parse_from_str(&v[..8], "%Y%m%d") {
            return Some(d);
        }
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
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " « ", " » "];

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

/// The headline: an `<h1>` the metadata agrees with, else the metadata
/// title without its site suffix.
pub fn headline(meta: &PageMeta) -> (String, Option<String>) {
    let stated = meta.headline.as_deref().or(meta.html_title.as_deref());
    let site = meta.site.as_deref();
    if let Some(stated) = stated {
        let stated_key = fold(stated);
        let title_key = meta.html_title.as_deref().map(fold).unwrap_or_default();
        // An h1 that the stated title starts with or equals is the headline
        // as shown, free of any suffix.
        if let Some(h1) = meta.h1s.iter().find(|h| {
            let k = fold(h);
            k.len() >= 8
                && (stated_key.starts_with(&k) || title_key.starts_with(&k) || k == stated_key)
        }) {
            let suffix = split_site_suffix(stated, site).1;
            return (h1.clone(), suffix.or_else(|| meta.site.clone()));
        }
        let (head, suffix) = split_site_suffix(stated, site);
        return (head, suffix.or_else(|| meta.site.clone()));
    }
    match meta.h1s.first() {
        Some(h1) => (h1.clone(), meta.site.clone()),
        None => (String::new(), meta.site.clone()),
    }
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
        let m = page(r#"<article><header><time datetime="2023-05-06">6 May</time></header></article>"#);
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2023, 5, 6));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = page(r#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script><title>Plain</title>"#);
        assert_eq!(m.headline, None);
        assert_eq!(headline(&m).0, "Plain");
    }

    #[test]
    fn site_suffix_is_cut_from_the_title() {
        assert_eq!(
            split_site_suffix("Rates rise again | The Daily Ledger", Some("The Daily Ledger")),
            ("Rates rise again".to_string(), Some("The Daily Ledger".to_string()))
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
    }
}
