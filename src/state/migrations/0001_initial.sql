-- v1, the first release. One row per article the user has touched, keyed by
-- the stable article id: never a path or a rowid of the index cache, so the
-- index can be deleted and rebuilt without touching any of this.
CREATE TABLE article_state (
    id TEXT PRIMARY KEY NOT NULL,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);

-- One row per tag on an article, so that two sessions adding or removing
-- different tags each touch only their own rows and never overwrite each
-- other. `fold` (lower case) is the identity, `tag` the spelling shown.
CREATE TABLE article_tag (
    article_id TEXT NOT NULL,
    fold TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, fold)
) WITHOUT ROWID;
