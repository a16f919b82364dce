//! Bytes and a path in, an [`Article`] out: decoding, front matter, title,
//! boilerplate, dates and topics. Pure functions, except [`walk`], which
//! finds the files safely.

mod boilerplate;
pub mod collection;
mod date_phrase;
mod dates;
mod decode;
pub mod document;
mod feed;
mod front_matter;
pub mod html;
mod html_entities;
mod mail;
mod markdown;
mod months;
mod page_parts;
mod reflow;
mod scraped;
mod title;
mod topics;
pub mod walk;

use std::collections::BTreeMap;

use boilerplate::Boilerplate;
pub use front_matter::FrontMatter;

use crate::config::Config;
use crate::model::Article;

/// The rules ingest applies beyond its built-in ones, from `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestRules {
    pub boilerplate: Vec<String>,
    pub boilerplate_prefixes: Vec<String>,
    /// topic → keywords.
    pub topic_keywords: BTreeMap<String, Vec<String>>,
}

impl IngestRules {
    pub fn from_config(config: &Config) -> Self {
        Self {
            boilerplate: config.ingest.boilerplate.clone(),
            boilerplate_prefixes: config.ingest.boilerplate_prefixes.clone(),
            topic_keywords: config.topics.clone(),
        }
    }
}

/// Why a file could not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("binary file (not text)")]
    Binary,
    #[error("front matter line {line}: {message}")]
    FrontMatter { line: usize, message: String },
    #[error("no text")]
    Empty,
    /// The feed parser's reason (`feed-rs`).
    #[error("not a readable feed: {0}")]
    Feed(String),
    #[error("{0}")]
    Mail(String),
    /// A collection file that holds no article.
    #[error("{0}")]
    NoItems(&'static str),
    #[error("{0}")]
    Io(String),
}

/// The stable id of an article without a front matter `id`: its path
/// relative to the briefs folder, without extension.
pub fn derive_id(rel_path: &str) -> String {
    match rel_path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.is_empty() => stem.to_string(),
        _ => rel_path.to_string(),
    }
}

/// True for the extensions read as Markdown (front matter, headings).
fn is_markdown(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

pub use mail::{clean_subject, is_mbox, is_message_file, maildir_of};

/// True for saved web pages.
pub fn is_html(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml")
}

/// Parses one file. `rel_path` uses `/` separators.
///
/// `raw` is the decoded text with line endings normalised to LF (a stray CR
/// would garble the terminal); everything else about it is as in the file.
pub fn parse_article(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
) -> Result<Article, IngestError> {
    if collection::is_collection(rel_path) {
        return Err(IngestError::Io(
            "holds many articles: read with ingest::collection::read".into(),
        ));
    }
    if mail::is_message_file(rel_path) {
        return mail::read_message_file(rel_path, bytes, rules);
    }
    let decoded = decode::decode(bytes)?;
    if is_html(rel_path) {
        return Ok(web_page(rel_path, decoded, rules));
    }
    let text = decoded.text.as_str();
    let (front, content, warnings) = if is_markdown(rel_path) {
        let split = front_matter::split(text)?;
        (
            split.front_matter.unwrap_or_default(),
            split.body,
            split.warnings,
        )
    } else {
        (FrontMatter::default(), text, Vec::new())
    };
    let page = if is_markdown(rel_path) {
        markdown::read(content, front.title.as_deref())
    } else {
        scraped::read(content, &Boilerplate::new(rules))
    };
    if page.title.is_empty() {
        return Err(IngestError::Empty);
    }
    let date = front
        .date
        .or_else(|| dates::stated_date(content.lines()))
        .or_else(|| dates::date_in_file_name(rel_path));
    let topics = topics::topics(
        &front.topics,
        rel_path,
        &page.title,
        &page.body,
        &rules.topic_keywords,
    );
    let mut tags = front.tags;
    tags.sort();
    tags.dedup();
    Ok(Article {
        id: front.id.unwrap_or_else(|| derive_id(rel_path)),
        path: rel_path.to_string(),
        title: page.title,
        date,
        source: front.source.or(page.source),
        url: front.url.or(page.url),
        topics,
        tags,
        body: if is_markdown(rel_path) {
            page.body
        } else {
            reflow::reflow(&page.body)
        },
        raw: decoded.text,
        encoding: decoded.encoding.map(str::to_string),
        encoding_guessed: decoded.guessed,
        warnings,
    })
}

/// The Markdown document of an article as [`parse_article`] read it (its
/// plain text is the stored body), for the reader to lay out; `None` for a
/// file that is not Markdown or whose front matter no longer parses.
pub fn markdown_document(rel_path: &str, raw: &str) -> Option<document::Document> {
    if is_html(rel_path) {
        // The page is extracted again (the built-in furniture rules only:
        // with rules of the user's own the plain text may differ from the
        // stored body, and the reader then shows the stored text).
        let page = html::read(raw, &Boilerplate::new(&IngestRules::default()));
        return Some(document::parse(&page.markdown));
    }
    if feed::is_feed(rel_path) {
        return feed::entry_document(raw);
    }
    if mail::is_mbox(rel_path) || mail::is_message_file(rel_path) {
        return mail::message_document(rel_path, raw);
    }
    if !is_markdown(rel_path) {
        return None;
    }
    let split = front_matter::split(raw).ok()?;
    let front = split.front_matter.unwrap_or_default();
    Some(markdown::title_and_document(split.body, front.title.as_deref()).1)
}

/// Markdown text (no front matter) as a document: the entry point for
/// formats that say themselves as Markdown.
pub fn parse_markdown(text: &str) -> document::Document {
    document::parse(text)
}

/// A saved web page as an article: its body is the extracted main text as
/// Markdown (page text escaped), its raw text the page source.
fn web_page(rel_path: &str, decoded: decode::Decoded, rules: &IngestRules) -> Article {
    let page = html::read(&decoded.text, &Boilerplate::new(rules));
    let title = if page.title.is_empty() {
        title::first_line_title(&page.text).unwrap_or_else(|| derive_id(rel_path))
    } else {
        page.title
    };
    let front_topics: Vec<String> = page.section.into_iter().collect();
    let topics = topics::topics(
        &front_topics,
        rel_path,
        &title,
        &page.text,
        &rules.topic_keywords,
    );
    Article {
        id: derive_id(rel_path),
        path: rel_path.to_string(),
        title,
        date: page.date.or_else(|| dates::date_in_file_name(rel_path)),
        source: page.source,
        url: page.url,
        topics,
        tags: Vec::new(),
        // As for Markdown: the document's plain text, which the reader
        // lays out from the same Markdown (`markdown_document`).
        body: document::parse(&page.markdown).plain(),
        raw: decoded.text,
        encoding: decoded.encoding.map(str::to_string),
        encoding_guessed: decoded.guessed,
        warnings: Vec::new(),
    }
}

/// Front matter and the body after it, as [`parse_article`] reads them from
/// a Markdown file's decoded text. Public for tools and the fuzz targets.
pub fn split_front_matter(text: &str) -> Result<(Option<FrontMatter>, &str), IngestError> {
    front_matter::split(text).map(|s| (s.front_matter, s.body))
}

/// Any text as ingest reads it (UTF-8, else the declared or detected
/// encoding; binary refused), for tools that take text from elsewhere.
pub fn decode_text(bytes: &[u8]) -> Result<String, IngestError> {
    decode::decode(bytes).map(|d| d.text)
}

#[cfg(test)]
mod tests;
