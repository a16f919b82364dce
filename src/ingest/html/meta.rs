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
    /// Whether each `<h1>` holds a block glued to the line before it: a
    /// headline with its standfirst, not the headline as stated.
    pub h1_broken: Vec<bool>,
    pub published: Option<NaiveDate>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical: Option<String>,
    pub section: Option<String>,
    /// The date shown beside the headline.
    pub shown: Option<NaiveDate>,
    /// A date anywhere in the page labelled as the publication.
    pub labelled: Option<NaiveDate>,
    /// Whether the page labels the date it shows as an update.
    pub shown_is_update: bool,
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

    /// A date under any name saying publication (`published`,
    /// `citation_publication_date`, `w-published-date`), not an update.
    fn any_publication(&self) -> Option<NaiveDate> {
        let mut keys: Vec<&String> = self
            .0
            .keys()
            .filter(|k| {
                k.contains("publi")
                    && !["modif", "updat", "revis", "publisher", "expir"]
                        .iter()
                        .any(|w| k.contains(w))
            })
            .collect();
        // The map has no order; the shortest name, then by name, is the
        // same answer every time.
        keys.sort_by_key(|k| (k.len(), k.as_str()));
        keys.into_iter().find_map(|k| parse_date(&self.0[k]))
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
    for node in doc.select("h1").nodes() {
        let (text, lines) = h1_text(node);
        if let Some(text) = non_empty(Some(text)) {
            meta.h1s.push(text);
            meta.h1_broken.push(lines > 1);
        }
    }
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
        .or_else(|| time_element(doc))
        .or_else(|| metas.any_publication());

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
    let (headline, _) = choose_headline(&meta);
    let shown = visible_date(doc, &headline);
    if let Some((date, update)) = shown.by_headline {
        meta.shown = Some(date);
        meta.shown_is_update = update;
    }
    meta.labelled = shown.labelled;
    meta.section = ld
        .section
        .clone()
        .or_else(|| metas.get(&["article:section", "parsely-section", "section"]));
    meta
}

/// An `<h1>`'s text, a `<br>` as a space, and how many lines it has: an
/// element starting with a capital right after a letter with no space
/// between (`Alternatives<span>Top`) is a second line the style sheet sets
/// as a block, a standfirst under the headline.
fn h1_text(h1: &dom_query::NodeRef) -> (String, usize) {
    let mut text = String::new();
    let mut lines = 1;
    for node in h1.descendants_it() {
        if node.is_element() && node.has_name("br") {
            // A line break the headline was set with: a space in the text.
            text.push(' ');
        } else if node.is_text() {
            let t = node.text();
            // After a lower-case letter or a closing bracket (`(US)Your
            // Guide`); not after a capital, which an acronym ends with.
            let glued = text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase() || matches!(c, ')' | ']'))
                && t.chars().next().is_some_and(char::is_uppercase)
                && node.parent().is_some_and(|p| {
                    p.id != h1.id && p.first_child().is_some_and(|c| c.id == node.id)
                });
            if glued {
                lines += 1;
                text.push(' ');
            }
            text.push_str(&t);
        }
    }
    (text, lines)
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

/// Whether a `<time>` is marked as an update: by its class or itemprop
/// (`updated`, `dateModified`), or by the short line it stands in
/// (`Updated <time>…</time>`).
fn time_says_update(time: &dom_query::NodeRef) -> bool {
    let marked = ["class", "itemprop"].iter().any(|a| {
        time.attr(a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("updat") || v.contains("modif")
        })
    });
    marked
        || time.parent().is_some_and(|p| {
            let line = squash(&p.text());
            line.len() <= MAX_DATE_TEXT && dates::says_updated(&line)
        })
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
    // `2019/1/22`, as citation metadata writes it.
    let parts: Vec<&str> = v.split('/').collect();
    if parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && let (Ok(y), Ok(m), Ok(d)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return Some(date);
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

/// `Headline – Site` → `Headline` when the part after the dash is the
/// site's name: an `<h1>` repeating the site after its headline.
fn cut_site_name<'a>(h1: &'a str, site_key: &str) -> &'a str {
    if site_key.is_empty() {
        return h1;
    }
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = h1.rsplit_once(sep)
            && fold(tail) == site_key
            && head.split_whitespace().count() >= 2
        {
            return head.trim();
        }
    }
    h1
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

/// Quote marks as typed: titles are searched and quoted on the command
/// line, where `’` is not what anyone types.
fn plain_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
}

/// `8 Trends in Photography` for an `<h1>` `Trends in Photography`: the
/// stated title is the `<h1>` with a count or a year around it (`in 2025`,
/// `(2025)`), which a theme sets apart from the headline.
fn adds_count_or_year(stated: &str, h1: &str) -> bool {
    let extra = if let Some(rest) = stated.strip_prefix(h1) {
        rest
    } else if let Some(rest) = stated.strip_suffix(h1) {
        rest
    } else {
        return false;
    };
    let words: Vec<&str> = extra
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    !words.is_empty()
        && numbers >= 1
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || matches!(*w, "in" | "of" | "for" | "to")
        })
        // The headline stays a headline: a word boundary where they meet.
        && (extra.starts_with(' ') || extra.ends_with(' '))
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
    // `example.com Headline`: a host name needs no separator.
    let host_first = |t: &'a String| {
        t.strip_prefix(h1)
            .and_then(|r| r.strip_prefix(' '))
            .filter(|_| is_domain(h1))
            .filter(longer)
    };
    stated.iter().find_map(|t| {
        host_first(t).or_else(|| {
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
    })
}

/// An `<h1>` longer than this is a paragraph set large, not a headline
/// (the length past which `title::display_title` takes a line for a
/// paragraph).
const MAX_H1_CHARS: usize = 200;

/// Among several `<h1>`s, one sharing a single word with the stated title
/// is a section's heading (`Discord` under `How we pwned X, Discord, …`);
/// it takes two.
const SHARED_WORDS_AMONG_SEVERAL: usize = 2;

/// The `<h1>` most about the stated title: the largest share of its words
/// in it, the first on a tie. Any `<h1>` when nothing is stated.
fn most_about<'a>(
    candidates: &[&'a str],
    stated_words: &[String],
    nothing_stated: bool,
) -> Option<&'a str> {
    if nothing_stated {
        return candidates.first().copied();
    }
    let needed = if candidates.len() > 1 {
        SHARED_WORDS_AMONG_SEVERAL
    } else {
        1
    };
    let mut best: Option<(&str, f64)> = None;
    for h in candidates {
        let mut words = content_words(h);
        words.sort();
        words.dedup();
        let shared = words.iter().filter(|w| stated_words.contains(w)).count();
        if shared < needed {
            continue;
        }
        let share = shared as f64 / words.len() as f64;
        if best.is_none_or(|(_, b)| share > b) {
            best = Some((h, share));
        }
    }
    best.map(|(h, _)| h)
}

/// How many of the page's statements read exactly `form`: its `<h1>`s and
/// its JSON-LD, social and `<title>` titles, each with its site cut off.
fn votes(meta: &PageMeta, form: &str, site: Option<&str>) -> usize {
    let site_key = site.map(fold).unwrap_or_default();
    let h1s = meta
        .h1s
        .iter()
        .filter(|h| cut_site_name(cut_at_bar(h), &site_key) == form)
        .count();
    let stated = [
        meta.ld_headline.as_deref(),
        meta.social_title.as_deref(),
        meta.html_title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|t| cut_at_bar(&split_site_suffix(t, site).0) == form)
    .count();
    h1s + stated
}

/// A title whose bracket never closes was cut short by whoever wrote it.
fn cut_short(title: &str) -> bool {
    let count = |c: char| title.chars().filter(|&x| x == c).count();
    count('(') > count(')') || count('[') > count(']')
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
        .zip(meta.h1_broken.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, broken)| !**broken)
        .map(|(h, _)| cut_site_name(cut_at_bar(h), &site_key))
        .filter(|h| {
            let key = fold(h);
            key.len() >= 4
                && h.chars().count() <= MAX_H1_CHARS
                && key != site_key
                && !is_domain(h)
                // An `<h1>` that is itself a stated title is the headline,
                // never the blog part of a longer one.
                && (stated_keys.contains(&key) || !is_segment_of(h, &stated))
        })
        .collect();
    // An `<h1>` that is a stated title wins over one that merely shares
    // words with one (a page with several `<h1>`s).
    let h1 = candidates
        .iter()
        .find(|h| stated_keys.contains(&fold(h)))
        .copied()
        .or_else(|| most_about(&candidates, &stated_words, stated.is_empty()));
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
        // The same words in other capitals: the form most of the page's
        // statements share. On a tie an `<h1>` in capitals or starting in
        // lower case is set so for display; the stated title has the
        // letters as written.
        if let Some(head) = stated.iter().find(|s| differs_in_case_only(h1, s)) {
            let (for_h1, for_head) = (votes(meta, h1, site), votes(meta, head, site));
            let styled = !h1.chars().any(char::is_lowercase)
                || h1
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase);
            if for_head > for_h1 || (for_head == for_h1 && styled) {
                return (head.clone(), source());
            }
            return (h1.to_string(), source());
        }
        // The title as stated where it is the `<h1>` with a count or a
        // year.
        if let Some(head) = stated.iter().find(|s| adds_count_or_year(s, h1)) {
            return (head.clone(), source());
        }
        return (h1.to_string(), source());
    }
    if let Some(rest) = meta.h1s.iter().find_map(|h| rest_of_segment(h, &stated)) {
        return (rest.trim().to_string(), source());
    }
    // A stated title cut short (`… (Including`) gives way to one that is
    // whole.
    match stated.iter().find(|s| !cut_short(s)).or(stated.first()) {
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

/// Dates the page prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// Shown with the headline, and whether labelled an update.
    pub by_headline: Option<(NaiveDate, bool)>,
    /// The first date anywhere labelled as the publication (`Posted on
    /// April 13, 2023`, `Published` just before it).
    pub labelled: Option<NaiveDate>,
}

/// The date shown with the headline: a `<time datetime>` or a date line
/// (`Published 4 March 2025 by the desk`, `2025年3月4日`) just after the
/// headline, else just before it. The headline is the heading that reads
/// as the chosen `headline`, else the first text reading so, else the
/// first `<h1>`.
pub fn visible_date(doc: &Document, headline: &str) -> Shown {
    let mut shown = Shown::default();
    let body = doc.select("body");
    let Some(body) = body.nodes().first().cloned() else {
        return shown;
    };
    let key = fold(headline);
    let reads_as_headline = |text: &str| !key.is_empty() && fold(text) == key;
    let headings = doc.select("h1, h2, h3");
    let anchor = headings
        .nodes()
        .iter()
        .find(|h| reads_as_headline(&h.text()))
        .map(|h| h.id)
        .or_else(|| {
            body.descendants_it()
                .find(|n| n.is_text() && n.text().len() < 400 && reads_as_headline(&n.text()))
                .map(|n| n.id)
        })
        .or_else(|| doc.select("h1").nodes().first().map(|h| h.id));
    // The last date before the headline, by the text piece it was in.
    let mut before: Option<(usize, (NaiveDate, bool))> = None;
    let mut seen_h1 = false;
    let mut pieces = 0usize;
    let mut h1_piece = 0usize;
    let mut previous_text = String::new();
    for node in body.descendants_it() {
        if !seen_h1 && Some(node.id) == anchor {
            seen_h1 = true;
            h1_piece = pieces;
            if node.is_element() {
                continue;
            }
        }
        let window_open = anchor.is_some() && shown.by_headline.is_none();
        let date = if node.is_element() && node.has_name("time") {
            node.attr("datetime")
                .and_then(|d| parse_date(&d))
                .map(|d| (d, time_says_update(&node)))
        } else if node.is_text() {
            let t = node.text();
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            pieces += 1;
            if seen_h1 && pieces > h1_piece + DATE_WINDOW_AFTER && shown.by_headline.is_none() {
                shown.by_headline = before
                    .take()
                    .filter(|(at, _)| h1_piece.saturating_sub(*at) <= DATE_WINDOW_BEFORE)
                    .map(|(_, d)| d);
                seen_h1 = false;
                h1_piece = usize::MAX;
            }
            if t.len() > MAX_DATE_TEXT
                || node
                    .ancestors_it(Some(3))
                    .any(|a| a.has_name("script") || a.has_name("style"))
            {
                None
            } else {
                let line = squash(t);
                let d = dates::date_line_labelled(&line);
                if shown.labelled.is_none()
                    && let Some((date, false)) = d
                    && (dates::says_published(&line) || dates::says_published(&previous_text))
                {
                    shown.labelled = Some(date);
                }
                previous_text = line;
                d
            }
        } else {
            None
        };
        if let Some(d) = date
            && window_open
        {
            if seen_h1 {
                shown.by_headline = Some(d);
            } else if h1_piece != usize::MAX {
                before = Some((pieces, d));
            }
        }
        if shown.by_headline.is_some() && shown.labelled.is_some() {
            break;
        }
    }
    if shown.by_headline.is_none() && h1_piece != usize::MAX {
        shown.by_headline = before
            .filter(|(at, _)| h1_piece.saturating_sub(*at) <= DATE_WINDOW_BEFORE)
            .map(|(_, d)| d);
    }
    shown
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
    fn a_standfirst_glued_to_the_h1_and_the_site_after_it_are_not_the_headline() {
        let m = page(
            r#"<head><title>Harbour guide: ferries and tides | Coast Weekly</title></head>
            <body><h1>The harbour guide<span class="block">Ferries, tides and moorings</span></h1></body>"#,
        );
        assert_eq!(m.h1_broken, vec![true]);
        assert_eq!(headline(&m).0, "Harbour guide: ferries and tides");
        // A line break is a space, and does not part the headline.
        let m = page(
            r#"<head><title>Other</title></head><body><h1>Nets mended<br>before the storm</h1></body>"#,
        );
        assert_eq!(m.h1s, vec!["Nets mended before the storm"]);
        assert_eq!(m.h1_broken, vec![false]);
        let m = page(
            r#"<head><meta property="og:site_name" content="Quay Post">
            <title>Best harbour walks of the year</title></head>
            <body><h1>Best harbour walks of the year – Quay Post</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Best harbour walks of the year");
    }

    #[test]
    fn a_stated_title_adding_a_count_or_year_to_the_h1_is_the_headline() {
        let m = page(
            r#"<head><title>8 Harbour Walks Worth the Climb - Quay Post</title></head>
            <body><h1>Harbour Walks Worth the Climb</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "8 Harbour Walks Worth the Climb");
        let m = page(
            r#"<head><title>Best Ferry Passes in 2025</title></head><body><h1>Best Ferry Passes</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Best Ferry Passes in 2025");
        // Words added are a different headline: the `<h1>` stays.
        let m = page(
            r#"<head><title>Best Ferry Passes, Tested by Sailors</title></head><body><h1>Best Ferry Passes</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Best Ferry Passes");
    }

    #[test]
    fn a_standfirst_glued_after_a_bracket_is_not_the_headline() {
        let m = page(
            r#"<head><title>Best harbour walks of 2025: routes and tides</title></head>
            <body><h1>Best harbour walks of 2025 (UK)<span>Your guide to the coast</span></h1></body>"#,
        );
        assert_eq!(m.h1_broken, vec![true]);
        assert_eq!(
            headline(&m).0,
            "Best harbour walks of 2025: routes and tides"
        );
    }

    #[test]
    fn an_h1_as_long_as_a_paragraph_is_not_the_headline() {
        let long = "Learn which harbour walks suit you best and why. ".repeat(5);
        let m = page(&format!(
            r#"<head><title>The 10 Best Harbour Walks | Quay Post</title></head><body><h1>{long}</h1></body>"#
        ));
        assert_eq!(headline(&m).0, "The 10 Best Harbour Walks");
        // Shorter, it is the headline.
        let m = page(
            r#"<head><title>The 10 Best Harbour Walks | Quay Post</title></head><body><h1>Harbour walks that suit you best</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Harbour walks that suit you best");
    }

    #[test]
    fn an_h1_that_is_a_stated_title_is_not_a_blog_name() {
        let m = page(
            r#"<head><title>Nets mended! – Quay Log of the Harbour</title>
            <meta property="og:title" content="Nets mended!"></head>
            <body><h1>Nets mended!</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Nets mended!");
        // Without the social title saying so, it names the blog.
        let m = page(
            r#"<head><meta property="og:title" content="Quay Log: Nets mended before the storm"></head>
            <body><h1>Quay Log</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Nets mended before the storm");
    }

    #[test]
    fn among_several_h1s_the_one_most_about_the_title_is_the_headline() {
        // Each section's heading shares one word with the title: none is it.
        let m = page(
            r#"<head><meta property="og:title" content="How we mended the nets of Porthmellin, Trevose and Polkerris"></head>
            <body><h1>quay-notes/log.md</h1><h1>Porthmellin</h1><h1>Trevose</h1></body>"#,
        );
        assert_eq!(
            headline(&m).0,
            "How we mended the nets of Porthmellin, Trevose and Polkerris"
        );
        // The second shares all its words, the first only the author's name.
        let m = page(
            r#"<head><title>The Knot-and-Splice Puzzle (Ana Ruiz)</title></head>
            <body><h1>Ana Ruiz's Rope and Sailing Pages:</h1><h1>The Knot-and-Splice Puzzle</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "The Knot-and-Splice Puzzle");
        // One `<h1>` sharing one word is still the headline.
        let m = page(
            r#"<head><title>Storm damage: what the harbour lost</title></head><body><h1>Counting the storm's cost</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Counting the storm's cost");
    }

    #[test]
    fn other_capitals_follow_most_statements_or_the_stated_title() {
        let m = page(
            r#"<head><title>History of the harbour | Origins, Trade, Facts | Quay Post</title>
            <meta property="og:title" content="History of the harbour | Origins, Trade, Facts | Quay Post"></head>
            <body><h1>history of the harbour</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "History of the harbour");
        // Two `<h1>`s and the social title in capitals outvote `<title>`.
        let m = page(
            r#"<head><title>Harbour Dues vs Mooring Fees | Quay Post</title>
            <meta property="og:title" content="HARBOUR DUES VS. MOORING FEES"></head>
            <body><h1>HARBOUR DUES VS. MOORING FEES</h1><h1>HARBOUR DUES VS. MOORING FEES</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "HARBOUR DUES VS. MOORING FEES");
        // Alone in capitals, the `<h1>` is styled: the title as written.
        let m = page(
            r#"<head><title>Harbour Dues vs Mooring Fees | Quay Post</title></head>
            <body><h1>HARBOUR DUES VS MOORING FEES</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Harbour Dues vs Mooring Fees");
    }

    #[test]
    fn a_stated_title_cut_short_gives_way_to_a_whole_one() {
        let m = page(
            r#"<head><meta property="og:site_name" content="Quay Post">
            <script type="application/ld+json">{"@type":"BlogPosting","headline":"Nets mended before the storm (and one trick"}</script>
            <meta property="og:title" content="Nets mended before the storm (and one trick that works) - Quay Post"></head><body></body>"#,
        );
        assert_eq!(
            headline(&m).0,
            "Nets mended before the storm (and one trick that works)"
        );
    }

    #[test]
    fn a_host_name_before_the_headline_is_the_site() {
        let m = page(
            r#"<head><title>quaypost.example Nets mended</title></head><body><h1>quaypost.example</h1></body>"#,
        );
        assert_eq!(headline(&m).0, "Nets mended");
    }

    #[test]
    fn the_date_is_read_by_the_heading_that_is_the_headline() {
        // The first <h1> is the site's; the headline is further down.
        let m = page(
            r#"<head><title>Nets mended before the storm | Quay Post</title></head><body>
            <h1>Quay Post</h1><p>Menu</p><p>2020-01-01</p>
            <p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>g</p><p>h</p><p>i</p><p>j</p><p>k</p><p>l</p>
            <p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>g</p><p>h</p><p>i</p><p>j</p><p>k</p><p>l</p>
            <p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>g</p><p>h</p><p>i</p><p>j</p><p>k</p><p>l</p>
            <p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>g</p><p>h</p><p>i</p><p>j</p><p>k</p><p>l</p>
            <h2>Nets mended before the storm</h2><p>Dec. 19, 2025 · Ana Ruiz on behalf of the desk</p></body>"#,
        );
        assert_eq!(m.shown, NaiveDate::from_ymd_opt(2025, 12, 19));
        assert!(!m.shown_is_update);
        let m = page(
            r#"<body><h1>Nets mended</h1><p>Updated <time datetime="2025-09-28">Sep 28</time></p></body>"#,
        );
        assert_eq!(m.shown, NaiveDate::from_ymd_opt(2025, 9, 28));
        assert!(m.shown_is_update);
    }

    #[test]
    fn a_date_labelled_as_the_publication_is_found_anywhere() {
        let filler = "<p>Some text of the page.</p>".repeat(60);
        let m = page(&format!(
            r#"<body><h1>Nets mended</h1>{filler}<span>Posted on April 13, 2023</span></body>"#
        ));
        assert_eq!(m.shown, None);
        assert_eq!(m.labelled, NaiveDate::from_ymd_opt(2023, 4, 13));
        let m = page(&format!(
            r#"<body><h1>Nets mended</h1>{filler}<span>Published</span><span>Feb 2, 2023</span></body>"#
        ));
        assert_eq!(m.labelled, NaiveDate::from_ymd_opt(2023, 2, 2));
        // A date in a sentence is a mention, not the article's date.
        let m = page(&format!(
            r#"<body><h1>Nets mended</h1>{filler}<p>Posted prices rose on April 13, 2023 after the storm closed the quay for a week.</p></body>"#
        ));
        assert_eq!(m.labelled, None);
    }

    #[test]
    fn a_publication_date_under_any_publication_name() {
        let m = page(r#"<head><meta name="citation_publication_date" content="2019/1/22"></head>"#);
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2019, 1, 22));
        let m = page(r#"<head><meta name="publisher" content="2019/1/22"></head>"#);
        assert_eq!(m.published, None);
    }

    #[test]
    fn dates_in_several_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 4);
        assert_eq!(parse_date("2025-03-04T10:00:00Z"), d);
        assert_eq!(parse_date("20250304"), d);
        assert_eq!(parse_date("Tue, 04 Mar 2025 10:00:00 GMT"), d);
        assert_eq!(parse_date("March 4, 2025"), d);
        assert_eq!(parse_date("2025/3/4"), d);
        assert_eq!(parse_date("2025/3/44"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("2025-03-0é"), None);
    }
}
