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
use super::collection::{self, Collection, Found};
use super::{IngestError, IngestRules, decode, document, feed, topics};
use crate::model::{Article, FileWarning};

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
    let fault = boundary_fault(bytes);
    let repaired = fault.as_ref().map(|f| f.repaired.as_slice());
    let message = parse(repaired.unwrap_or(bytes))?;
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
    a.topics = topics::of_article(&a, rel_path, &rules.topic_keywords);
    let decoded = decode::decode(bytes)?;
    a.raw = decoded.text;
    if let Some(f) = fault {
        a.warnings.push(FileWarning {
            line: collection::line_at(bytes, f.at),
            message: f.message,
        });
    }
    Ok(a)
}

/// Every message of an mbox. `known` maps the hash of each message the
/// index holds for this file to its key; those are not parsed again.
pub fn read_mbox(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
    known: &HashMap<String, String>,
) -> Result<Collection, IngestError> {
    let spans = mbox_spans(bytes);
    if spans.is_empty() {
        return Err(IngestError::Mail(
            "not an mbox: no `From ` line opens a message".into(),
        ));
    }
    let furniture = Boilerplate::new(rules);
    let mut faults = Vec::new();
    if spans.len() > MAX_MESSAGES {
        faults.push(collection::past_limit(
            collection::line_at(bytes, spans[MAX_MESSAGES].0),
            spans.len(),
            MAX_MESSAGES,
            "messages",
        ));
    }
    let found: Vec<Found> = spans
        .into_iter()
        .take(MAX_MESSAGES)
        .map(|(start, end)| Found {
            start,
            end,
            hash: blake3::hash(&bytes[start..end]).to_hex().to_string(),
        })
        .collect();
    let items = collection::gather(found, known, |_, item, keys| {
        let (start, end) = (item.start, item.end);
        let own = unquote_from_lines(&bytes[start..end]);
        let fault = boundary_fault(&own);
        let repaired = fault.as_ref().map(|f| f.repaired.as_slice());
        let message = match parse(repaired.unwrap_or(&own)) {
            Ok(m) => m,
            Err(e) => {
                // One broken message costs that message, not the box.
                faults.push(FileWarning {
                    line: collection::line_at(bytes, start),
                    message: format!("message not read: {e}"),
                });
                return None;
            }
        };
        let key = match message.message_id() {
            Some(mid) => keys.claim(mid),
            None => keys.claim_key(item.hash[..12].to_string()),
        };
        let id = collection::item_id(rel_path, &key);
        let mut a = message_article(rel_path, id, &message, &furniture);
        a.topics = topics::of_article(&a, rel_path, &rules.topic_keywords);
        a.raw = decode::decode(&bytes[start..end])
            .map(|d| d.text)
            .unwrap_or_default();
        if let Some(f) = fault {
            // `own` lost only `>` quotes: its lines are the file's.
            a.warnings.push(FileWarning {
                line: collection::line_at(bytes, start) + collection::line_at(&own, f.at) - 1,
                message: f.message,
            });
        }
        Some((key, a))
    });
    Ok(Collection { items, faults })
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

/// A multipart message whose declared boundary never occurs in its body:
/// `mail-parser` then reads the whole body, part headers and all, as one
/// text. Where the parts do open with a boundary line of their own (a
/// `--name` line followed by a `Content-` header), the message is read
/// with that boundary instead, else its body as plain text; either way it
/// is reported.
struct BoundaryFault {
    /// Byte offset of the declared boundary in the message.
    at: usize,
    message: String,
    /// The message as it is read: with the boundary its parts use, or as
    /// plain text.
    repaired: Vec<u8>,
}

fn boundary_fault(bytes: &[u8]) -> Option<BoundaryFault> {
    let head_end = find(bytes, b"\n\r\n")
        .or_else(|| find(bytes, b"\n\n"))
        .map(|i| i + 1)?;
    let head = &bytes[..head_end];
    let lower = head.to_ascii_lowercase();
    let multipart = find(&lower, b"multipart/")?;
    let key = find(&lower, b"boundary=")? + b"boundary=".len();
    let (value_at, value) = match head.get(key) {
        Some(b'"') => {
            let len = head[key + 1..].iter().position(|&b| b == b'"')?;
            (key + 1, &head[key + 1..key + 1 + len])
        }
        _ => {
            let len = head[key..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b';')
                .unwrap_or(head.len() - key);
            (key, &head[key..key + len])
        }
    };
    if value.is_empty() {
        return None;
    }
    let body = &bytes[head_end..];
    let mut marker = b"--".to_vec();
    marker.extend_from_slice(value);
    if find(body, &marker).is_some() {
        return None;
    }
    let declared = String::from_utf8_lossy(value).into_owned();
    let used = used_boundary(body);
    let message = match &used {
        Some(u) => format!(
            "MIME boundary `{declared}` never occurs: read with `{}`, the boundary its parts have",
            String::from_utf8_lossy(u)
        ),
        None => format!("MIME boundary `{declared}` never occurs: the body is read as plain text"),
    };
    let (cut, with) = match &used {
        Some(u) => ((value_at, value_at + value.len()), u.as_slice()),
        // `mail-parser` would keep such a body as an unnamed attachment.
        None => {
            let sub = lower[multipart + b"multipart/".len()..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
            (
                (multipart, multipart + b"multipart/".len() + sub),
                &b"text/plain"[..],
            )
        }
    };
    let mut repaired = Vec::with_capacity(bytes.len() + with.len());
    repaired.extend_from_slice(&bytes[..cut.0]);
    repaired.extend_from_slice(with);
    repaired.extend_from_slice(&bytes[cut.1..]);
    Some(BoundaryFault {
        at: value_at,
        message,
        repaired,
    })
}

/// The boundary a body's parts open with: the first `--name` line that is
/// followed by a `Content-` header line.
fn used_boundary(body: &[u8]) -> Option<Vec<u8>> {
    let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    lines.windows(2).find_map(|pair| {
        let line = pair[0].strip_suffix(b"\r").unwrap_or(pair[0]);
        let name = line.strip_prefix(b"--")?;
        let name = name.strip_suffix(b"--").unwrap_or(name);
        let ok = !name.is_empty()
            && name.len() <= 70
            && name.iter().all(|&b| b.is_ascii_graphic() && b != b'"')
            && pair[1].to_ascii_lowercase().starts_with(b"content-");
        ok.then(|| name.to_vec())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    let fault = boundary_fault(&bytes);
    let repaired = fault.as_ref().map(|f| f.repaired.as_slice());
    let message = parse(repaired.unwrap_or(&bytes)).ok()?;
    let furniture = Boilerplate::new(&IngestRules::default());
    Some(document::parse(&message_markdown(&message, &furniture)))
}

fn message_article(rel_path: &str, id: String, m: &Message, furniture: &Boilerplate) -> Article {
    let markdown = message_markdown(m, furniture);
    let body = document::parse(&markdown).plain();
    let subject = m.subject().map(clean_subject).unwrap_or_default();
    let title = if subject.is_empty() {
        super::title::first_line_title(&body).unwrap_or_else(|| "(no subject)".to_string())
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
