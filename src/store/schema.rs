//! The index schema. The index is a cache: when its version differs from
//! this one it is deleted and rebuilt rather than migrated.

/// Bump on any change below; old caches are then rebuilt.
pub const VERSION: i64 = 5;

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
    latin1 INTEGER NOT NULL DEFAULT 0,
    -- The first of its topics by name: the group it is listed under when
    -- the list is grouped by topic. Kept by the triggers below.
    primary_topic TEXT
);
-- The list's order: newest first, undated last.
CREATE INDEX articles_by_date ON articles(date IS NULL, date DESC, title, id);
-- The same order inside each topic group, so a page of a list grouped by
-- topic is read from an index, not sorted.
CREATE INDEX articles_by_topic ON articles(primary_topic IS NULL, primary_topic, date IS NULL, date DESC, title, id);
-- Counting the list's groups reads only these small indexes.
CREATE INDEX articles_by_primary_topic ON articles(primary_topic);
CREATE INDEX articles_by_day ON articles(date);

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
CREATE TRIGGER primary_topic_added AFTER INSERT ON article_topics BEGIN
    UPDATE articles SET primary_topic = NEW.topic
    WHERE rowid = NEW.article AND (primary_topic IS NULL OR primary_topic > NEW.topic);
END;
CREATE TRIGGER primary_topic_removed AFTER DELETE ON article_topics BEGIN
    UPDATE articles SET primary_topic =
        (SELECT min(topic) FROM article_topics WHERE article = OLD.article)
    WHERE rowid = OLD.article AND primary_topic = OLD.topic;
END;

-- Tags written in front matter; the user's own tags live in state.db.
CREATE TABLE article_tags(
    article INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY(article, tag)
) WITHOUT ROWID;

-- Full text, ready for search.
-- Prefix indexes for one to three letters: search as you type asks for
-- `g*`, `gr*`, `gra*` at every key.
CREATE VIRTUAL TABLE article_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');

CREATE TABLE entities(
    eid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Articles naming it, kept so the sidebar's counts cost nothing.
    articles INTEGER NOT NULL DEFAULT 0,
    UNIQUE(kind, key)
);
-- `entity:` looks entities up by key, and by any spelling folded (the
-- `fold_key` SQL function is registered on every index connection).
CREATE INDEX entities_by_key ON entities(key);
CREATE INDEX entities_by_folded_name ON entities(fold_key(name));

-- Every spelling seen for an entity across the collection.
CREATE TABLE entity_aliases(
    eid INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY(eid, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_by_fold ON entity_aliases(fold_key(alias));

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
