//! Files that hold many articles: a feed's entries, an mbox's messages.
//! Each item has a key that stays the same while the item is in the file
//! (from its guid or Message-ID), so its id (`file-id#key`) and the user's
//! marks on it survive every update of the file.

use std::collections::{HashMap, HashSet};

use super::{IngestError, IngestRules, feed, mail};
use crate::model::{Article, FileWarning};

/// One article of a collection file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Stable within the file (see the module comment).
    pub key: String,
    /// Where the item's source is in the file: offsets into the decoded
    /// text of a feed, into the bytes of an mbox. Only a hint for showing
    /// it (`r`): `start == end` when it could not be found.
    pub start: usize,
    pub end: usize,
    /// The item's content hash: the same hash, the same article.
    pub hash: String,
    /// The article; `None` for an item the index already holds under this
    /// hash (it was not extracted again).
    pub article: Option<Article>,
}

/// What a collection file gave: its items, and what was read around (a
/// message that is not one, entries past the limit), with the file line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collection {
    pub items: Vec<Item>,
    pub faults: Vec<FileWarning>,
}

/// An item's place in its file and its content hash, found before
/// anything of it is extracted.
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub hash: String,
}

/// The items of a collection file, in file order. The keys of the items
/// the index holds unchanged (`known` maps a hash to its key) are taken
/// first, so that a new item whose guid or Message-ID collides cannot take
/// an old item's key, and those items are not extracted again. `extract`
/// gives each other item (by its index in `found`) its key, claimed from
/// `keys`, and its article; `None` for one that could not be read leaves
/// it out.
pub(super) fn gather(
    found: Vec<Found>,
    known: &HashMap<String, String>,
    mut extract: impl FnMut(usize, &Found, &mut Keys) -> Option<(String, Article)>,
) -> Vec<Item> {
    let mut keys = Keys::default();
    let unchanged: Vec<Option<String>> = found
        .iter()
        .map(|f| known.get(&f.hash).filter(|k| keys.reserve(k)).cloned())
        .collect();
    let mut items = Vec::with_capacity(found.len());
    for (i, (f, old)) in found.into_iter().zip(unchanged).enumerate() {
        let (key, article) = match old {
            Some(key) => (key, None),
            None => match extract(i, &f, &mut keys) {
                Some((key, a)) => (key, Some(a)),
                None => continue,
            },
        };
        items.push(Item {
            key,
            start: f.start,
            end: f.end,
            hash: f.hash,
            article,
        });
    }
    items
}

/// The fault a file with more items than are read reports at the first
/// one left unread (`what` names them: entries, messages).
pub(super) fn past_limit(line: usize, count: usize, limit: usize, what: &str) -> FileWarning {
    FileWarning {
        line,
        message: format!(
            "{} {what} past the first {limit} not read",
            count.saturating_sub(limit)
        ),
    }
}

/// True for files read as collections of articles.
pub fn is_collection(rel_path: &str) -> bool {
    feed::is_feed(rel_path) || mail::is_mbox(rel_path)
}

/// The items of a collection file. `known` maps the content hash of each
/// item the index holds for this file to its key.
pub fn read(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
    known: &HashMap<String, String>,
) -> Result<Collection, IngestError> {
    let read = if mail::is_mbox(rel_path) {
        mail::read_mbox(rel_path, bytes, rules, known)?
    } else {
        feed::read(rel_path, bytes, rules, known)?
    };
    if read.items.is_empty() {
        if let Some(first) = read.faults.first() {
            return Err(IngestError::Mail(format!(
                "nothing could be read (line {}: {})",
                first.line, first.message
            )));
        }
        return Err(IngestError::NoItems(if mail::is_mbox(rel_path) {
            "no messages in this mailbox"
        } else {
            "no entries in this feed"
        }));
    }
    Ok(read)
}

/// The line (from 1) that byte `at` of `text` is on.
pub(super) fn line_at(text: &[u8], at: usize) -> usize {
    1 + text[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The source of one item as `r` shows it, from the file's bytes and the
/// item's place in it; `None` when that place is not in the file.
pub fn item_source(rel_path: &str, bytes: &[u8], start: usize, end: usize) -> Option<String> {
    if mail::is_mbox(rel_path) {
        let own = bytes.get(start..end)?;
        return super::decode::decode(own).ok().map(|d| d.text);
    }
    let text = super::decode::decode(bytes).ok()?.text;
    feed::entry_source(&text, (start, end))
}

/// What holds for whatever bytes a collection file has, checked by the
/// fuzz targets and the damaged-input tests alike: an item list or a
/// reason, never a panic; every item has a title and an id of its file; a
/// feed entry found in the file gives back its source (a message's may be
/// binary, and then is not shown, but is never empty when it is); read
/// again knowing every item, each keeps its key and none is extracted
/// again, which is what an update relies on. `Err` says which failed.
pub fn check_invariants(rel_path: &str, bytes: &[u8]) -> Result<(), String> {
    let rules = IngestRules::default();
    let Ok(read) = read(rel_path, bytes, &rules, &HashMap::new()) else {
        return Ok(());
    };
    let stem = super::derive_id(rel_path);
    for item in &read.items {
        let Some(a) = item.article.as_ref() else {
            return Err(format!(
                "item {} not extracted with nothing known",
                item.key
            ));
        };
        if a.title.is_empty() {
            return Err(format!("item {} has no title", a.id));
        }
        if !a.id.starts_with(&format!("{stem}#")) {
            return Err(format!("item id {} is not of {stem}", a.id));
        }
        if item.start > item.end {
            return Err(format!("item {} ends before it starts", a.id));
        }
        let source = item_source(rel_path, bytes, item.start, item.end);
        if mail::is_mbox(rel_path) {
            if source.is_some_and(|s| s.is_empty()) {
                return Err(format!("message {} has an empty source", a.id));
            }
        } else if item.end > item.start && source.is_none() {
            return Err(format!("entry {} found but its source not", a.id));
        }
    }
    let known: HashMap<String, String> = read
        .items
        .iter()
        .map(|i| (i.hash.clone(), i.key.clone()))
        .collect();
    if known.len() < read.items.len() {
        return Ok(()); // two items alike: only one is known by its hash
    }
    let again = read_again(rel_path, bytes, &rules, &known)?;
    if again.items.len() != read.items.len() {
        return Err(format!(
            "{} items, {} read again",
            read.items.len(),
            again.items.len()
        ));
    }
    for (a, b) in read.items.iter().zip(&again.items) {
        if a.key != b.key {
            return Err(format!("key {} became {}", a.key, b.key));
        }
        if b.article.is_some() {
            return Err(format!("known item {} extracted again", b.key));
        }
    }
    Ok(())
}

/// What holds for whatever bytes a single message (`.eml`) has: an
/// article with a title and the file's id, or an error, never a panic.
pub fn check_message_invariants(rel_path: &str, bytes: &[u8]) -> Result<(), String> {
    let Ok(a) = super::parse_article(rel_path, bytes, &IngestRules::default()) else {
        return Ok(());
    };
    if a.title.is_empty() {
        return Err(format!("message {} has no title", a.id));
    }
    let id = super::derive_id(rel_path);
    if a.id != id {
        return Err(format!("message id {} is not its file's {id}", a.id));
    }
    Ok(())
}

fn read_again(
    rel_path: &str,
    bytes: &[u8],
    rules: &IngestRules,
    known: &HashMap<String, String>,
) -> Result<Collection, String> {
    read(rel_path, bytes, rules, known).map_err(|e| format!("read once, not again: {e}"))
}

/// An item's id: the file's id, `#`, the item's key.
pub fn item_id(rel_path: &str, key: &str) -> String {
    format!("{}#{key}", super::derive_id(rel_path))
}

/// A short key made from what identifies an item (a guid, a Message-ID):
/// twelve hex digits of its BLAKE3 hash, safe in a shell and a URL.
pub fn key_of(basis: &str) -> String {
    blake3::hash(basis.as_bytes()).to_hex()[..12].to_string()
}

/// The keys given so far in one file, so two items never share one (a
/// feed that repeats a guid, a message kept twice): the second gets `-2`.
#[derive(Default)]
pub struct Keys {
    used: HashSet<String>,
}

impl Keys {
    /// Takes a key an unchanged item already had; false when taken.
    pub fn reserve(&mut self, key: &str) -> bool {
        self.used.insert(key.to_string())
    }

    /// The key for an item identified by `basis`.
    pub fn claim(&mut self, basis: &str) -> String {
        self.claim_key(key_of(basis))
    }

    /// `key` itself, or with `-2`, `-3`… when taken.
    pub fn claim_key(&mut self, key: String) -> String {
        if self.used.insert(key.clone()) {
            return key;
        }
        let mut n = 2;
        loop {
            let next = format!("{key}-{n}");
            if self.used.insert(next.clone()) {
                return next;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_gets_a_suffix_and_a_reserved_one_is_not_given_again() {
        let mut keys = Keys::default();
        let first = keys.claim("urn:item:1");
        assert_eq!(first.len(), 12);
        assert_eq!(keys.claim("urn:item:1"), format!("{first}-2"));
        assert_eq!(keys.claim("urn:item:1"), format!("{first}-3"));
        assert!(keys.reserve("abc"));
        assert!(!keys.reserve("abc"));
        assert_eq!(keys.claim_key("abc".into()), "abc-2");
    }

    #[test]
    fn an_item_id_is_the_file_id_and_the_key() {
        assert_eq!(
            item_id("feeds/world.rss", "0123abcd4567"),
            "feeds/world#0123abcd4567"
        );
    }
}
