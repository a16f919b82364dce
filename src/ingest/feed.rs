//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) read by `feed-rs`: a feed file
//! is a collection, each entry an article whose HTML content goes through
//! the same extraction as a saved web page.
//!
//! Besides what `feed-rs` gives, each entry's place in the file is found
//! (its `<item>`/`<entry>` element, or its object in a JSON Feed's
//! `items`), so that `r` shows the entry's own source and an update knows
//! an entry that did not change without extracting it again.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use feed_rs::model::{Entry, Feed, Text};
use serde::Deserialize;

use super::boilerplate::Boilerplate;
use super::collection::{self, Collection, Found};
use super::{IngestError, IngestRules, decode, document, html, html_entities, topics};
use crate::model::Article;

/// Entries read from one feed file at most: a file with more is not a
/// briefing feed (an archive dump); the first ones are read.
const MAX_ENTRIES: usize = 10_000;

/// True for the extensions read as feeds.
pub fn is_feed(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    [".xml", ".rss", ".atom", ".rdf", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Every entry of a feed file. `known` maps the content hash of an entry
/// the index already holds to its key: such an entry keeps its key and is
/// not extracted again (its `article` is `None`).
pub fn read(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
    known: &HashMap<String, String>,
) -> Result<Collection, IngestError> {
    let decoded = decode::decode(bytes)?;
    let text = decoded.text.as_str();
    let feed = parse(text)?;
    let spans = entry_spans(text);
    let spans = spans.filter(|s| s.len() == feed.entries.len());
    let source = feed_title(&feed);
    let furniture = Boilerplate::new(rules);
    let found: Vec<Found> = feed
        .entries
        .iter()
        .enumerate()
        .take(MAX_ENTRIES)
        .map(|(i, entry)| {
            let (start, end) = spans.as_ref().map_or((0, 0), |s| s[i]);
            let hash = entry_hash(&text[start..end], entry, source.as_deref());
            Found { start, end, hash }
        })
        .collect();
    let mut faults = Vec::new();
    if feed.entries.len() > MAX_ENTRIES {
        let at = spans.as_ref().map_or(0, |s| s[MAX_ENTRIES].0);
        faults.push(collection::past_limit(
            collection::line_at(text.as_bytes(), at),
            feed.entries.len(),
            MAX_ENTRIES,
            "entries",
        ));
    }
    let items = collection::gather(found, known, |i, item, keys| {
        let entry = feed.entries.get(i)?;
        let key = keys.claim(&entry_key_basis(entry, &item.hash));
        let mut a = entry_article(rel_path, &key, entry, source.as_deref(), &furniture);
        a.topics = topics::of_article(&a, rel_path, &rules.topic_keywords);
        a.encoding = decoded.encoding.map(str::to_string);
        a.encoding_guessed = decoded.guessed;
        a.raw = if item.end > item.start {
            envelope(
                text,
                spans.as_deref().unwrap_or(&[]),
                (item.start, item.end),
            )
        } else {
            decoded.text.clone()
        };
        Some((key, a))
    });
    Ok(Collection { items, faults })
}

/// The source of one entry as `r` shows it: the feed's head (its channel
/// title, the namespaces), the entry, and the feed's close, so it reads,
/// and parses, as a feed of that one entry. `span` is where the entry
/// is in the file's decoded text; an empty span gives the whole file.
pub fn entry_source(text: &str, span: (usize, usize)) -> Option<String> {
    if span.1 <= span.0 {
        return Some(text.to_string());
    }
    text.get(span.0..span.1)?;
    let spans = entry_spans(text)?;
    Some(envelope(text, &spans, span))
}

/// The entry of a one-entry feed (as [`entry_source`] writes it) as a
/// Markdown document, extracted as at indexing (built-in furniture rules).
pub fn entry_document(raw: &str) -> Option<document::Document> {
    let feed = parse(raw).ok()?;
    let [entry] = feed.entries.as_slice() else {
        return None;
    };
    let page = entry_page(entry, &Boilerplate::new(&IngestRules::default()));
    Some(document::parse(&page.markdown))
}

fn envelope(text: &str, spans: &[(usize, usize)], own: (usize, usize)) -> String {
    let head_end = spans.first().map_or(own.0, |s| s.0);
    let tail_start = spans.last().map_or(own.1, |s| s.1);
    let mut out = String::with_capacity(head_end + (own.1 - own.0) + (text.len() - tail_start));
    out.push_str(&text[..head_end]);
    out.push_str(&text[own.0..own.1]);
    out.push_str(&text[tail_start..]);
    out
}

/// The feed, or the parser's reason it is not one.
fn parse(text: &str) -> Result<Feed, IngestError> {
    let input = without_declared_encoding(text);
    feed_rs::parser::Builder::new()
        // Entries without an id get none here: brief makes its own key
        // from the link or title (feed-rs would make a random one).
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(stated_time)
        .sanitize_content(false)
        .build()
        .parse(input.as_bytes())
        .map_err(|e| IngestError::Feed(e.to_string()))
}

/// The text is UTF-8 by now (ingest decoded it), whatever the XML
/// declaration says: a declared `encoding` would make the parser decode
/// it a second time.
fn without_declared_encoding(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with("<?xml") {
        return text.into();
    }
    let lead = text.len() - trimmed.len();
    let Some(close) = trimmed.find("?>") else {
        return text.into();
    };
    let decl = &trimmed[..close];
    let Some(at) = decl.find("encoding") else {
        return text.into();
    };
    let rest = &decl[at + "encoding".len()..];
    let value_start = rest.find(['"', '\'']);
    let Some(q) = value_start else {
        return text.into();
    };
    let quote = rest.as_bytes()[q];
    let Some(len) = rest[q + 1..].find(quote as char) else {
        return text.into();
    };
    let cut_end = at + "encoding".len() + q + 1 + len + 1;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..lead + at]);
    out.push_str(&text[lead + cut_end..]);
    out.into()
}

/// A feed's date as the feed states it: the day in the writer's own time
/// zone (`Tue, 04 Mar 2025 23:30:00 -0500` is the 4th, not the 5th), kept
/// as a wall-clock time.
fn stated_time(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    let local = DateTime::parse_from_rfc2822(value)
        .or_else(|_| DateTime::parse_from_rfc3339(value))
        .map(|d| d.naive_local())
        .ok()
        .or_else(|| html::parse_date(value).and_then(|d: NaiveDate| d.and_hms_opt(0, 0, 0)))?;
    Some(Utc.from_utc_datetime(&local))
}

/// Byte spans of the entries in the text, in document order: `<item>` or
/// `<entry>` elements near the root, or the objects of a JSON Feed's
/// `items`. `None` when the text cannot be walked.
fn entry_spans(text: &str) -> Option<Vec<(usize, usize)>> {
    if text.trim_start().starts_with('{') {
        return json_spans(text);
    }
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<(usize, usize)> = None; // (start, depth)
    loop {
        let before = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let after = usize::try_from(reader.buffer_position()).ok()?;
        match event {
            Event::Start(e) => {
                if open.is_none() && depth <= 2 && is_entry_name(e.local_name().into_inner()) {
                    open = Some((before, depth));
                }
                depth += 1;
            }
            Event::Empty(e)
                if open.is_none() && depth <= 2 && is_entry_name(e.local_name().into_inner()) =>
            {
                spans.push((before, after));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some((start, d)) = open
                    && d == depth
                {
                    spans.push((start, after));
                    open = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Spans must be slices of the text: the reader counts bytes of it.
    spans
        .iter()
        .all(|&(s, e)| text.get(s..e).is_some())
        .then_some(spans)
}

fn is_entry_name(local: &str) -> bool {
    local == "item" || local == "entry"
}

fn json_spans(text: &str) -> Option<Vec<(usize, usize)>> {
    #[derive(Deserialize)]
    struct Items<'a> {
        #[serde(borrow, default)]
        items: Vec<&'a serde_json::value::RawValue>,
    }
    let parsed: Items = serde_json::from_str(text).ok()?;
    let base = text.as_ptr() as usize;
    parsed
        .items
        .iter()
        .map(|raw| {
            let s = raw.get();
            let start = (s.as_ptr() as usize).checked_sub(base)?;
            Some((start, start + s.len()))
        })
        .collect()
}

/// What an entry's article depends on: its own source and the feed's
/// title (its source); the same hash means the same article.
fn entry_hash(own: &str, entry: &Entry, source: Option<&str>) -> String {
    let mut h = blake3::Hasher::new();
    h.update(source.unwrap_or("").as_bytes());
    h.update(&[0]);
    if own.is_empty() {
        // No span found: the parsed entry stands for its source.
        h.update(format!("{entry:?}").as_bytes());
    } else {
        h.update(own.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// What an entry's key is made from: its guid or id, else its link, else
/// its title and date, else its content.
fn entry_key_basis(entry: &Entry, hash: &str) -> String {
    if !entry.id.trim().is_empty() {
        return entry.id.trim().to_string();
    }
    if let Some(link) = link_of(entry) {
        return link;
    }
    let title = entry.title.as_ref().map(plain_text).unwrap_or_default();
    if !title.is_empty() {
        let when = entry
            .published
            .or(entry.updated)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default();
        return format!("{title}\u{1f}{when}");
    }
    hash.to_string()
}

fn link_of(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(plain_text)
        .filter(|t| !t.is_empty())
}

/// A title or other short text: markup dropped and references decoded
/// when it says it is HTML, white space squeezed.
fn plain_text(t: &Text) -> String {
    let is_html = t.content_type.subty().as_str().contains("html");
    let text = if is_html {
        let doc = dom_query::Document::fragment(t.content.as_str());
        doc.root().text().to_string()
    } else {
        html_entities::decode(&t.content).into_owned()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The entry's content as a page: `content:encoded` or Atom `content`,
/// else the description or summary, through the web-page extraction.
fn entry_page(entry: &Entry, furniture: &Boilerplate) -> html::WebPage {
    let title = entry.title.as_ref().map(plain_text).unwrap_or_default();
    let link = link_of(entry);
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            let is_html = c.content_type.subty().as_str().contains("html")
                || c.content_type.ty().as_str() != "text";
            Some((body.to_string(), is_html))
        })
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| {
            let s = entry.summary.as_ref()?;
            Some((
                s.content.clone(),
                s.content_type.subty().as_str().contains("html"),
            ))
        })
        .unwrap_or_default();
    let body = if content.1 {
        content.0
    } else {
        text_as_html(&content.0)
    };
    html::read(&fragment_page(&title, link.as_deref(), &body), furniture)
}

/// An entry's HTML as a whole page, so the web extraction reads it with
/// its headline and its address (to resolve relative links).
pub(super) fn fragment_page(title: &str, url: Option<&str>, body: &str) -> String {
    let esc = |s: &str| html_escape::encode_double_quoted_attribute(s).into_owned();
    let canonical = url
        .map(|u| format!("<link rel=\"canonical\" href=\"{}\">", esc(u)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title>{canonical}</head>\
         <body><article>{body}</article></body></html>",
        html_escape::encode_text(title)
    )
}

/// Plain text as HTML paragraphs (blank lines part them), escaped.
pub(super) fn text_as_html(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        out.push_str("<p>");
        out.push_str(&html_escape::encode_text(para).replace('\n', "<br>"));
        out.push_str("</p>\n");
    }
    out
}

fn entry_article(
    rel_path: &str,
    key: &str,
    entry: &Entry,
    source: Option<&str>,
    furniture: &Boilerplate,
) -> Article {
    let page = entry_page(entry, furniture);
    let mut title = entry.title.as_ref().map(plain_text).unwrap_or_default();
    let body = document::parse(&page.markdown).plain();
    if title.is_empty() {
        title =
            super::title::first_line_title(&body).unwrap_or_else(|| "(untitled entry)".to_string());
    }
    let date = entry
        .published
        .or(entry.updated)
        .map(|d| d.date_naive())
        .or(page.date);
    let mut given: Vec<String> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty() && t.chars().count() <= 60)
        .collect();
    given.truncate(12);
    Article {
        id: collection::item_id(rel_path, key),
        path: rel_path.to_string(),
        title,
        date,
        source: source.map(str::to_string),
        url: link_of(entry).or(page.url),
        topics: given,
        tags: Vec::new(),
        body,
        raw: String::new(),
        encoding: None,
        encoding_guessed: false,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
