//! The index schema. The index is a cache: when its version differs from
//! this one it is deleted and rebuilt rather than migrated.

/// Bump on any change below; old caches are then rebuilt.
pub const VERSION: i64 = 2;

pub const CREATE: &str = r#"
CREATE TABLE meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per file seen, so an unchanged file (same size and mtime) is not
-- read again, and a changed mtime with the same hash is not parsed again.
CREATE TABLE files(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    article INTEGER
) WITHOUT ROWID;

CREATE TABLE articles(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    hash TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    latin1 INTEGER NOT NULL DEFAULT 0
);
-- The list's order: newest first, undated last.
CREATE INDEX articles_by_date ON articles(date IS NULL, date DESC, title, id);

-- The texts live apart so that listing 100,000 articles reads only the
-- small rows above.
CREATE TABLE article_bodies(
    article INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX articles_by_hash ON articles(hash);

CREATE TABLE article_topics(
    article INTEGER NOT NULL,
    topic TEXT NOT NULL,
    PRIMARY KEY(article, topic)
) WITHOUT ROWID;
CREATE INDEX topics_by_name ON article_topics(topic, article);

-- Tags written in front matter; the user's own tags live in state.db.
CREATE TABLE article_tags(
    article INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY(article, tag)
) WITHOUT ROWID;

-- Full text, ready for search.
CREATE VIRTUAL TABLE article_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE entities(
    eid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Articles naming it, kept so the sidebar's counts cost nothing.
    articles INTEGER NOT NULL DEFAULT 0,
    UNIQUE(kind, key)
);

-- Every spelling seen for an entity across the collection.
CREATE TABLE entity_aliases(
    eid INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY(eid, alias)
) WITHOUT ROWID;

-- Which article names which entity, with the spellings and spans used there.
CREATE TABLE article_entities(
    eid INTEGER NOT NULL,
    article INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY(eid, article)
) WITHOUT ROWID;
CREATE INDEX entities_by_article ON article_entities(article, eid);

-- Files that could not be ingested, and why.
CREATE TABLE failures(
    path TEXT PRIMARY KEY,
    reason TEXT NOT NULL
) WITHOUT ROWID;
"#;
