//! The plain data every layer shares: an ingested article, the rows the
//! reader and the command line show, and the entities that link articles.
//! Nothing here touches a file, a database or the screen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One briefing as ingest understood it, before anything is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identity: front matter `id`, else derived from the path.
    pub id: String,
    /// Path relative to the briefs folder, always with `/` separators.
    pub path: String,
    pub title: String,
    /// Only a date the article states (front matter, head, file name).
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Sorted, deduplicated, lower case.
    pub topics: Vec<String>,
    /// Tags written by the author in front matter (user tags live in state).
    pub tags: Vec<String>,
    /// Cleaned text: no front matter, no boilerplate, no repeated lines,
    /// title line removed.
    pub body: String,
    /// The decoded file as it was.
    pub raw: String,
    /// The encoding the file was read in, when not UTF-8 (`Shift_JIS`).
    pub encoding: Option<String>,
    /// True when the file did not say its encoding and it was guessed.
    pub encoding_guessed: bool,
    /// What was read around rather than refused (a front matter date that
    /// cannot be read): `brief check` reports these.
    pub warnings: Vec<FileWarning>,
}

/// A fault in a file that did not stop it being read, with the file line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileWarning {
    pub line: usize,
    pub message: String,
}

/// The kind of a named thing, as scripts see it in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [Self::Person, Self::Org, Self::Place, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Org => "org",
            Self::Place => "place",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One occurrence of a name in an article's cleaned body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte span into the text that was given to the extractor.
    pub start: usize,
    pub end: usize,
    /// The text as written (`UNSC`, `Lavrov`).
    pub text: String,
    pub kind: EntityKind,
    /// The canonical display name (`United Nations Security Council`).
    pub name: String,
    /// The folding key that ties this entity across articles.
    pub key: String,
}

/// All mentions of one entity in one article, grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundEntity {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Distinct spellings seen in this article, in order of first use.
    pub aliases: Vec<String>,
    /// Byte spans into the cleaned body.
    pub spans: Vec<(usize, usize)>,
}

/// A row of the list: what `brief list --json` prints and the list pane shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub path: String,
    pub title: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    pub topics: Vec<String>,
    /// Front matter tags, the user's tags and the desk's `@tags` together,
    /// sorted.
    pub tags: Vec<String>,
    pub bookmarked: bool,
    pub read: bool,
    pub source: Option<String>,
    /// The shared `@tags` among `tags`, each with who set it and when.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub desk_tags: Vec<crate::state::DeskTag>,
}

/// An entity as seen from one article, with the collection-wide links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityLink {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Every spelling seen across the collection.
    pub aliases: Vec<String>,
    /// How many articles name it (this one included).
    pub count: usize,
    /// Ids of articles naming it, newest first (this one included); may be
    /// fewer than `count` where the caller asked for a bounded list.
    pub articles: Vec<String>,
    /// Times this article names it (a name only its title gives counts once).
    #[serde(skip)]
    pub mentions: usize,
    /// How much it matters to this article, in thousandths: mentions here
    /// weighed against how many articles name it (`entities::salience`),
    /// so a name found everywhere sinks. The sidebar ranks by it.
    #[serde(skip)]
    pub salience: u64,
}

/// Everything the reader pane and `brief show` need about one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDetail {
    pub summary: ArticleSummary,
    pub url: Option<String>,
    pub body: String,
    pub raw: String,
    pub entities: Vec<EntityLink>,
    /// Line the reader last stopped at (0 when never opened).
    pub position: u32,
    /// The file's modification time, shown as "filed", never as the date.
    pub filed: Option<chrono::DateTime<chrono::Utc>>,
}

pub fn serialize_date<S: serde::Serializer>(
    d: &Option<NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// One group of the list as the list pane shows it: a topic, a date
/// bucket, or (ungrouped) the whole list with no name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: Option<String>,
    pub count: usize,
}
