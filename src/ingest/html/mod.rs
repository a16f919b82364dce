//! Saved web pages: the article's main text found by `dom_smoothie` (a
//! port of Mozilla's Readability), written as escaped Markdown so the
//! reader shows its paragraphs, headings, lists, quotes and tables; the
//! metadata read from the page itself; brief's furniture rules applied on
//! top of the extraction.

mod meta;
pub mod to_markdown;

use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::boilerplate::Boilerplate;
use super::dates;
#[doc(hidden)]
pub use meta::{PageMeta, read as read_meta};
pub use meta::{parse_date, split_site_suffix};
pub use to_markdown::Link;
use to_markdown::{Block, BlockKind};

/// What a saved page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebPage {
    /// The headline, without `| Site`.
    pub title: String,
    pub date: Option<NaiveDate>,
    pub author: Option<String>,
    /// `og:site_name`, the publisher, or the suffix cut from the title.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The page's section (`article:section`), a topic.
    pub section: Option<String>,
    /// The main text as Markdown, page text escaped.
    pub markdown: String,
    /// The main text without markup.
    pub text: String,
    pub links: Vec<Link>,
}

/// Pages with more elements than this are not articles (a dump, an
/// archive page): the extractor reads only the first part of the work.
const MAX_ELEMENTS: usize = 60_000;

/// Reads a whole saved page.
pub fn read(html: &str, furniture: &Boilerplate) -> WebPage {
    let html = super::decode::repair_double_utf8(html);
    let html = html.as_ref();
    let doc = Document::from(html);
    let meta = meta::read(&doc);
    let base = meta.canonical.clone();
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let extracted = Readability::with_document(doc, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (content, fallback_title, fallback_date) = match extracted {
        Some(a) => (a.content.to_string(), a.title, a.published_time),
        None => (String::new(), String::new(), None),
    };
    let content_doc = if content.trim().is_empty() {
        // Nothing the extractor trusted: the page's body as it stands.
        let whole = Document::from(html);
        let body = whole
            .select("body")
            .nodes()
            .first()
            .map(|b| b.inner_html().to_string());
        Document::fragment(body.unwrap_or_default())
    } else {
        Document::fragment(content)
    };
    let (blocks, links) = to_markdown::render(&content_doc.root(), base.as_deref());
    let (mut title, suffix_source) = meta::headline(&meta);
    if title.is_empty() {
        title = meta::split_site_suffix(&fallback_title, meta.site.as_deref()).0;
    }
    let blocks = tidy(blocks, &title, furniture);
    // What the page states of its publication, else the date shown
    // beside the headline unless it is labelled an update, else a date
    // labelled as the publication anywhere, else any date shown there,
    // else a date line opening the text.
    let first = meta
        .published
        .or(meta.shown.filter(|_| !meta.shown_is_update))
        .or(meta.labelled)
        .or(meta.shown);
    let date = first
        .or_else(|| dates::stated_date(blocks.iter().take(6).map(|b| b.text.as_str())))
        .or_else(|| fallback_date.as_deref().and_then(parse_date));
    let blocks: Vec<Block> = blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| !(*i < 4 && dates::date_line(&b.text).is_some()))
        .map(|(_, b)| b)
        .collect();
    let (markdown, text) = to_markdown::join(&blocks, &links);
    WebPage {
        title,
        date,
        author: meta.author,
        source: meta.site.or(suffix_source),
        url: meta.canonical,
        section: meta.section,
        markdown,
        text,
        links,
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drops what extraction keeps of the page around the article: the
/// headline repeated as the first heading, share and footer lines.
fn tidy(blocks: Vec<Block>, title: &str, furniture: &Boilerplate) -> Vec<Block> {
    let title_key = fold(title);
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.into_iter().enumerate() {
        if i < 3
            && b.kind == BlockKind::Heading
            && !title_key.is_empty()
            && fold(&b.text) == title_key
        {
            continue;
        }
        if b.kind != BlockKind::Code && b.text.len() < 200 && furniture.is_furniture(&b.text) {
            continue;
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests;

/// [`read`] with the furniture rules of `rules`: for tools and benchmarks.
pub fn extract(html: &str, rules: &super::IngestRules) -> WebPage {
    read(html, &Boilerplate::new(rules))
}
