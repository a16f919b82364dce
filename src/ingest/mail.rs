//! E-mail newsletters: `.eml` files, mbox files (a collection, like a feed)
//! and Maildir messages, parsed by `mail-parser` (MIME, charsets,
//! quoted-printable and base64 are all the crate's). Each message is an
//! article: the Subject without `Re:`/`Fwd:` and list tags, the Date
//! header's day, the sender's name as source, the list as a topic, and the
//! HTML part through the web-page extraction (else the text part), with
//! the newsletter's own furniture (view in browser, unsubscribe) dropped.

use std::collections::HashMap;

use chrono::NaiveDate;
use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders};

use super::boilerplate::Boilerplate;
use super::collection::{self, Item};
use super::{IngestError, IngestRules, decode, document, feed, topics};
use crate::model::Article;

/// Messages read from one mbox at most (the first ones).
const MAX_MESSAGES: usize = 100_000;

/// True for files read as one message.
pub fn is_message_file(rel_path: &str) -> bool {
    rel_path.to_ascii_lowercase().ends_with(".eml") || maildir_of(rel_path).is_some()
}

/// True for mbox files: `.mbox`, `.mbx`, or a file named `mbox`.
pub fn is_mbox(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    lower.ends_with(".mbox") || lower.ends_with(".mbx") || name == "mbox"
}

/// For a message in a Maildir (`inbox/cur/1733.M1.host:2,S`), the Maildir
/// folder (`inbox`) and the message's unique name (`1733.M1.host`). The
/// walk only hands over such files from a folder with `cur/` and `new/`.
pub fn maildir_of(rel_path: &str) -> Option<(&str, &str)> {
    let (dir, name) = rel_path.rsplit_once('/')?;
    let (maildir, leaf) = match dir.rsplit_once('/') {
        Some((m, l)) => (m, l),
        None => ("", dir),
    };
    if leaf != "cur" && leaf != "new" {
        return None;
    }
    // Files of a known kind in those folders are read as that kind.
    if name.contains('.') && super::walk::is_brief_name(name) {
        return None;
    }
    let unique = name.split(':').next().unwrap_or(name);
    Some((maildir, unique))
}

/// One message file (`.eml`, a Maildir message) as an article.
pub fn read_message_file(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
) -> Result<Article, IngestError> {
    let message = parse(bytes)?;
    let id = match maildir_of(rel_path) {
        // A Maildir message moves from new/ to cur/ and changes its name
        // with every flag: its id follows the message, not the name.
        Some((maildir, unique)) => {
            let key = match message.message_id() {
                Some(mid) => collection::key_of(mid),
                None => collection::key_of(unique),
            };
            let folder = if maildir.is_empty() {
                "maildir"
            } else {
                maildir
            };
            format!("{folder}#{key}")
        }
        None => super::derive_id(rel_path),
    };
    let mut a = message_article(rel_path, id, &message, &Boilerplate::new(rules));
    a.topics = topics::topics(
        &a.topics,
        rel_path,
        &a.title,
        &a.body,
        &rules.topic_keywords,
    );
    let decoded = decode::decode(bytes)?;
    a.raw = decoded.text;
    Ok(a)
}

/// Every message of an mbox. `known` maps the hash of each message the
/// index holds for this file to its key; those are not parsed again.
pub fn read_mbox(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
    known: &HashMap<String, String>,
) -> Result<Vec<Item>, IngestError> {
    let spans = mbox_spans(bytes);
    if spans.is_empty() {
        return Err(IngestError::Mail(
            "not an mbox: no `From ` line opens a message".into(),
        ));
    }
    let furniture = Boilerplate::new(rules);
    let mut keys = collection::Keys::default();
    let planned: Vec<_> = spans
        .into_iter()
        .take(MAX_MESSAGES)
        .map(|(start, end)| {
            let hash = blake3::hash(&bytes[start..end]).to_hex().to_string();
            let old = known.get(&hash).filter(|k| keys.reserve(k)).cloned();
            (start, end, hash, old)
        })
        .collect();
    let mut items = Vec::with_capacity(planned.len());
    for (start, end, hash, old) in planned {
        let (key, article) = match old {
            Some(key) => (key, None),
            None => {
                let own = unquote_from_lines(&bytes[start..end]);
                let Ok(message) = parse(&own) else {
                    // One broken message costs that message, not the box.
                    continue;
                };
                let key = match message.message_id() {
                    Some(mid) => keys.claim(mid),
                    None => keys.claim_key(hash[..12].to_string()),
                };
                let id = collection::item_id(rel_path, &key);
                let mut a = message_article(rel_path, id, &message, &furniture);
                a.topics = topics::topics(
                    &a.topics,
                    rel_path,
                    &a.title,
                    &a.body,
                    &rules.topic_keywords,
                );
                a.raw = decode::decode(&bytes[start..end])
                    .map(|d| d.text)
                    .unwrap_or_default();
                (key, Some(a))
            }
        };
        items.push(Item {
            key,
            start,
            end,
            hash,
            article,
        });
    }
    Ok(items)
}

/// The byte spans of an mbox's messages, each after its `From ` line. As
/// `mail-parser`'s own mbox reader does, every line opening with `From `
/// starts a message (a body's own are quoted `>From `); its reader gives
/// no offsets, which an update and `r` need.
fn mbox_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let line_end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| at + i + 1);
        if bytes[at..].starts_with(b"From ") {
            if let Some(start) = open {
                spans.push((start, at));
            }
            open = Some(line_end);
        }
        at = line_end;
    }
    if let Some(start) = open {
        spans.push((start, bytes.len()));
    }
    spans.retain(|&(s, e)| bytes[s..e].iter().any(|b| !b.is_ascii_whitespace()));
    spans
}

/// mboxrd quoting undone: `>From ` (and `>>From `) lose one `>`.
fn unquote_from_lines(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

fn parse(bytes: &[u8]) -> Result<Message<'_>, IngestError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| IngestError::Mail("not an e-mail message".into()))?;
    let has_mail_header = message.subject().is_some()
        || message.from().is_some()
        || message.date().is_some()
        || message.message_id().is_some();
    if !has_mail_header {
        return Err(IngestError::Mail(
            "not an e-mail message: no Subject, From, Date or Message-ID header".into(),
        ));
    }
    Ok(message)
}

/// A message's text as a Markdown document, as at indexing (built-in
/// furniture rules): the reader lays messages out from it. `raw` is the
/// message as `r` shows it (in an mbox, its part of the file).
pub fn message_document(rel_path: &str, raw: &str) -> Option<document::Document> {
    let bytes = if is_mbox(rel_path) {
        unquote_from_lines(raw.as_bytes())
    } else {
        raw.as_bytes().to_vec()
    };
    let message = parse(&bytes).ok()?;
    let furniture = Boilerplate::new(&IngestRules::default());
    Some(document::parse(&message_markdown(&message, &furniture)))
}

fn message_article(rel_path: &str, id: String, m: &Message, furniture: &Boilerplate) -> Article {
    let markdown = message_markdown(m, furniture);
    let body = document::parse(&markdown).plain();
    let subject = m.subject().map(clean_subject).unwrap_or_default();
    let title = if subject.is_empty() {
        body.lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| super::title::display_title(l).0)
            .unwrap_or_else(|| "(no subject)".to_string())
    } else {
        subject
    };
    let date = m
        .date()
        .and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into()));
    let sender = m.from().and_then(|a| a.first());
    let source = sender
        .and_then(|s| s.name())
        .map(squash)
        .filter(|n| !n.is_empty())
        .or_else(|| sender.and_then(|s| s.address()).map(squash));
    let list = list_name(m.list_id());
    Article {
        id,
        path: rel_path.to_string(),
        title,
        date,
        source,
        url: None,
        topics: list.into_iter().collect(),
        tags: Vec::new(),
        body,
        raw: String::new(),
        encoding: None,
        encoding_guessed: false,
        warnings: Vec::new(),
    }
}

/// The list a message came through (`List-Id: Harbour Notes
/// <notes.harbour.example>`): its name, else its id.
fn list_name(value: &HeaderValue) -> Option<String> {
    let text = match value {
        HeaderValue::Address(a) => {
            let first = a.first()?;
            first
                .name()
                .map(squash)
                .filter(|n| !n.is_empty())
                .or_else(|| first.address().map(squash))
        }
        HeaderValue::Text(t) => Some(squash(t)),
        _ => None,
    }?;
    let text = text
        .trim_matches(|c| c == '<' || c == '>' || c == '"')
        .trim();
    (!text.is_empty() && text.chars().count() <= 80).then(|| text.to_string())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A subject as a headline: reply and forward marks (`Re:`, `Fwd:`,
/// `AW:`, `WG:`, `TR:`, `SV:`, `Fw:`, `Re[2]:`) and list tags (`[Harbour
/// Notes]`) taken off the front, however many; the subject itself when
/// nothing would be left.
pub fn clean_subject(subject: &str) -> String {
    let squashed = squash(subject);
    let mut rest = squashed.as_str();
    loop {
        let before = rest;
        rest = rest.trim_start();
        if let Some(tail) = rest.strip_prefix('[')
            && let Some(close) = tail.find(']')
            && close <= 60
        {
            rest = &tail[close + 1..];
            continue;
        }
        if let Some(colon) = rest.find(':') {
            let mark = rest[..colon].trim_end();
            let word = mark.split('[').next().unwrap_or(mark).trim_end();
            let counted = mark[word.len()..].trim();
            let is_count = counted.is_empty()
                || (counted.starts_with('[')
                    && counted.ends_with(']')
                    && counted[1..counted.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_digit()));
            let lower = word.to_ascii_lowercase();
            if is_count
                && matches!(
                    lower.as_str(),
                    "re" | "fwd" | "fw" | "aw" | "wg" | "tr" | "sv" | "vs" | "rif" | "r"
                )
            {
                rest = &rest[colon + 1..];
                continue;
            }
        }
        if rest == before {
            break;
        }
    }
    let rest = rest.trim();
    if rest.is_empty() {
        squashed
    } else {
        rest.to_string()
    }
}

/// The message's text as Markdown: the HTML part through the web-page
/// extraction, else the text part; newsletter furniture dropped; the
/// attachments named, never shown.
fn message_markdown(m: &Message, furniture: &Boilerplate) -> String {
    let subject = m.subject().map(clean_subject).unwrap_or_default();
    let html_part = m.html_part(0).filter(|p| p.is_text_html());
    let html = match html_part {
        Some(_) => m.body_html(0).map(|h| h.into_owned()),
        None => m.body_text(0).map(|t| feed::text_as_html(&t)),
    }
    .unwrap_or_default();
    let page = super::html::read(&feed::fragment_page(&subject, None, &html), furniture);
    let mut md = without_newsletter_furniture(&page.markdown);
    let attached: Vec<String> = m
        .attachments()
        .filter_map(|p| p.attachment_name().map(squash))
        .filter(|n| !n.is_empty())
        .collect();
    if !attached.is_empty() {
        let mut line = String::from("Attached (not shown): ");
        for (i, name) in attached.iter().enumerate() {
            if i > 0 {
                line.push_str(", ");
            }
            super::html::to_markdown::escape_inline(name, false, &mut line);
        }
        if !md.is_empty() {
            md.push_str("\n\n");
        }
        md.push_str(&line);
    }
    md
}

/// What newsletters put around their text: a line to see the message in
/// a browser, to unsubscribe or manage preferences, to forward it, why it
/// was received. Only short blocks, so a story that mentions unsubscribing
/// stays.
const NEWSLETTER_FURNITURE: &[&str] = &[
    "view in browser",
    "view in your browser",
    "view this email in your browser",
    "view this e-mail in your browser",
    "view it in your browser",
    "view online",
    "view the online version",
    "read online",
    "having trouble viewing",
    "trouble viewing this email",
    "unsubscribe",
    "manage preferences",
    "manage your preferences",
    "update your preferences",
    "email preferences",
    "manage your subscription",
    "forward to a friend",
    "forward this email",
    "you are receiving this",
    "you're receiving this",
    "you received this",
    "this email was sent to",
    "this e-mail was sent to",
    "no longer wish to receive",
    "add us to your address book",
];

/// Drops the Markdown blocks that are only newsletter furniture (the
/// reference definitions at the end are kept).
fn without_newsletter_furniture(markdown: &str) -> String {
    let blocks: Vec<&str> = markdown.split("\n\n").collect();
    let kept: Vec<&str> = blocks
        .into_iter()
        .filter(|b| !is_newsletter_furniture(b))
        .collect();
    kept.join("\n\n")
}

fn is_newsletter_furniture(block: &str) -> bool {
    let trimmed = block.trim_start();
    if trimmed.starts_with("```") || trimmed.starts_with("[1]: ") {
        return false;
    }
    let text = document::parse(block).plain();
    if text.chars().count() > 240 {
        return false;
    }
    let lower = text.to_lowercase();
    NEWSLETTER_FURNITURE.iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests;
