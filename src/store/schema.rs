//! The index schema. The index is a cache: when its version differs from
//! this one it is deleted and rebuilt rather than migrated.

/// Bump on any change below (or to what ingest stores: 9 made the body of
/// Markdown its parsed document's plain text, 17 reads YAML front matter,
/// 18 indexes text in `text::index_form`: accents folded as the
/// highlighter folds them, CJK runs as pairs, 19 reads feeds and mbox
/// files, many articles to a file, 20 ties short forms to the collection's
/// full names, 21 stores the texts compressed); old caches are rebuilt.
pub const VERSION: i64 = 21;

pub const CREATE: &str = r#"
CREATE TABLE meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per file seen, so an unchanged file (same size and mtime) is not
-- read again, and a changed mtime with the same hash is not parsed again.
-- `article` is the file's article; a collection (a feed, an mbox) has
-- `items` instead, the number of its articles in `collection_items`. A
-- file with neither failed (see `failures`) and is tried again.
CREATE TABLE files(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    article INTEGER,
    items INTEGER
) WITHOUT ROWID;

-- The articles of a collection file, each under a key that stays while
-- the item is in the file (its guid, link or Message-ID), and where its
-- source is in the file (offsets into the decoded text of a feed, the
-- bytes of an mbox), so `r` shows the item's own source.
CREATE TABLE collection_items(
    article INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    key TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    UNIQUE(path, key)
);

-- What was read around in a collection file without an article to hang
-- it on (a message in an mbox that is not one): `brief check` lists them
-- with the articles' warnings.
CREATE TABLE collection_faults(
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL
);

-- AUTOINCREMENT: a rowid is never used again, so "articles added since
-- the entity corrections were applied" is "rowid above the last"
-- (store/corrections.rs).
CREATE TABLE articles(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    -- Not unique: a collection file holds many articles.
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    -- The file's content hash; for an item of a collection, the item's
    -- own, so user state follows an item as it follows a file.
    hash TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    -- The encoding the file was read in when not UTF-8, and whether it
    -- was guessed (the file did not say): `brief check` lists those.
    encoding TEXT,
    encoding_guessed INTEGER NOT NULL DEFAULT 0,
    -- The first of its topics by name: the group it is listed under when
    -- the list is grouped by topic. Kept by the triggers below.
    primary_topic TEXT
);

-- The texts live apart so that listing 100,000 articles reads only the
-- small rows above.
CREATE TABLE article_bodies(
    article INTEGER PRIMARY KEY,
    -- The cleaned text, zstd-compressed (store/packed.rs). The file as
    -- written is read again when shown (store/raw.rs).
    body BLOB NOT NULL
);

CREATE TABLE article_topics(
    article INTEGER NOT NULL,
    topic TEXT NOT NULL,
    PRIMARY KEY(article, topic)
) WITHOUT ROWID;
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

-- Full text, ready for search. Contentless: the texts are already in
-- `articles` and `article_bodies`, and highlights and snippets are made
-- from those, so FTS5 keeps only its index (a copy would double what a
-- cold index writes); `contentless_delete` lets an article's row be
-- deleted by rowid alone. Only three-letter prefixes get their own index:
-- search as you type asks for a prefix once three letters are typed, and
-- each extra prefix length cost about a sixth of a cold index's writing.
-- Longer prefixes are read from the term index itself, which is sorted.
CREATE VIRTUAL TABLE article_text USING fts5(title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
-- A cold index writes the terms of 100,000 articles. A 4 MB in-memory
-- term table (not 1 MB) flushes fewer, larger segments, and merging eight
-- segments at a time (not four) rewrites each one less often: together
-- about a quarter of the writer's time at 10,000 articles.
INSERT INTO article_text(article_text, rank) VALUES('hashsize', 4194304);
INSERT INTO article_text(article_text, rank) VALUES('automerge', 8);

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
-- `by_evidence` marks a lone word named only because the collection shows
-- it to be a name (see `word_case`), so a change of evidence can take it out.
CREATE TABLE article_entities(
    eid INTEGER NOT NULL,
    article INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    spans TEXT NOT NULL,
    -- The article's date and source, copied here so an entity's timeline
    -- and sources read only its own rows: for the busiest of 100,000
    -- articles, 27,000 lookups of article rows took 35-150 ms.
    date TEXT,
    source TEXT,
    by_evidence INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(eid, article)
) WITHOUT ROWID;

-- Every folder the last full scan read, with its modification time: when
-- none has moved, commands that only read use the index without looking
-- at a million files (store/freshness.rs).
CREATE TABLE folders(
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;

-- Faults read around in an article's file (a front matter date that
-- cannot be read): `brief check` lists them; the article is indexed.
CREATE TABLE article_warnings(
    article INTEGER NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL
);

-- The user's entity corrections (kept in state.db) as applied here: for
-- each article they changed, its entities as found before correcting
-- (JSON), so that a changed set of corrections is undone and applied
-- again without reading the article; and which correction (by its id in
-- state.db) changed which article, so one that no longer matches
-- anything can be reported (store/corrections.rs).
CREATE TABLE entity_found(
    article INTEGER PRIMARY KEY,
    found TEXT NOT NULL
);
CREATE TABLE entity_correction_hits(
    correction INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY(correction, article)
) WITHOUT ROWID;

-- Collection-wide case evidence: per folded word, how many articles write
-- it in lower case and how many capitalise it mid-sentence. A sum over the
-- articles, so the same whatever order they were indexed in.
CREATE TABLE word_case(
    word TEXT PRIMARY KEY,
    lower INTEGER NOT NULL DEFAULT 0,
    capital INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Lone capitalised words an article names only where `word_case` says the
-- word is a name (`Equinor said` opening the only sentence naming it). The
-- key is the folded word; when its verdict changes, only the articles
-- listed here for it are touched.
CREATE TABLE article_candidates(
    article INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY(article, key)
) WITHOUT ROWID;

-- Short forms across the collection: per folded form (`reagan`, `iaea`)
-- and how it is formed (`surname`, `acronym`), each entity articles give
-- it (a person named in full, an acronym's defined long form) and how many
-- articles do. A sum over the articles, so the same in any order.
CREATE TABLE form_defs(
    form TEXT NOT NULL,
    via TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY(form, via, kind, key)
) WITHOUT ROWID;
-- What each article adds to `form_defs`, to take it out again.
CREATE TABLE article_forms(
    article INTEGER NOT NULL,
    form TEXT NOT NULL,
    via TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY(article, form, via, kind, key)
) WITHOUT ROWID;
-- Lone words an article never ties to a fuller name (`Reagan` alone): the
-- entity `form_defs` gives the form, or this one where it gives none. `eid`
-- is the entity its `article_entities` row (by_evidence = 1) now names.
CREATE TABLE article_short_forms(
    article INTEGER NOT NULL,
    form TEXT NOT NULL,
    via TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    spans TEXT NOT NULL,
    eid INTEGER,
    PRIMARY KEY(article, form, via, kind)
) WITHOUT ROWID;

-- Files that could not be ingested, and why.
CREATE TABLE failures(
    path TEXT PRIMARY KEY,
    reason TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// The secondary indexes, by name. A cold index drops them and builds them
/// again once every article is stored: one sort per index then costs far
/// less than keeping each up to date through 100,000 inserts.
pub const INDEXES: &[(&str, &str)] = &[
    // An article's warnings go when it is read again.
    ("article_warnings_by_article", "article_warnings(article)"),
    // The list's order: newest first, undated last.
    (
        "articles_by_date",
        "articles(date IS NULL, date DESC, title, id)",
    ),
    // The same order inside each topic group, so a page of a list grouped
    // by topic is read from an index, not sorted.
    (
        "articles_by_topic",
        "articles(primary_topic IS NULL, primary_topic, date IS NULL, date DESC, title, id)",
    ),
    // Counting the list's groups reads only these small indexes.
    ("articles_by_primary_topic", "articles(primary_topic, date)"),
    ("articles_by_day", "articles(date)"),
    ("topics_by_name", "article_topics(topic, article)"),
    // `entity:` looks entities up by key, and by any spelling folded (the
    // `fold_key` SQL function is registered on every index connection).
    ("entities_by_key", "entities(key)"),
    ("entities_by_folded_name", "entities(fold_key(name))"),
    ("aliases_by_fold", "entity_aliases(fold_key(alias))"),
    ("entities_by_article", "article_entities(article, eid)"),
    // The articles a word's change of verdict touches.
    ("candidates_by_key", "article_candidates(key, article)"),
    // The articles a short form's change of referent touches.
    (
        "short_forms_by_form",
        "article_short_forms(form, via, article)",
    ),
];

/// SQL creating every index in [`INDEXES`] that is missing.
pub fn create_indexes() -> String {
    INDEXES
        .iter()
        .map(|(name, on)| format!("CREATE INDEX IF NOT EXISTS {name} ON {on};\n"))
        .collect()
}

/// SQL dropping every index in [`INDEXES`].
pub fn drop_indexes() -> String {
    INDEXES
        .iter()
        .map(|(name, _)| format!("DROP INDEX IF EXISTS {name};\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_dropped_and_created_again() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::search::register_functions(&conn).unwrap();
        conn.execute_batch(CREATE).unwrap();
        conn.execute_batch(&create_indexes()).unwrap();
        let count = |conn: &rusqlite::Connection| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(count(&conn) as usize, INDEXES.len());
        conn.execute_batch(&drop_indexes()).unwrap();
        assert_eq!(count(&conn), 0);
        conn.execute_batch(&create_indexes()).unwrap();
        assert_eq!(count(&conn) as usize, INDEXES.len());
    }
}
