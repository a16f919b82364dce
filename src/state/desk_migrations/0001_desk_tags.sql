-- desk.db v1: tags written `@name` are shared by everyone on the server
-- (`brief serve`) or by the one local user. One row per tag on an article,
-- so two people flagging different articles never touch each other's rows;
-- `fold` (lower case, with its `@`) is the identity, `tag` the spelling.
CREATE TABLE desk_tag (
    article_id TEXT NOT NULL,
    fold TEXT NOT NULL,
    tag TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL,
    PRIMARY KEY (article_id, fold)
) WITHOUT ROWID;
CREATE INDEX desk_tag_by_fold ON desk_tag (fold, tag);

-- Who set or removed which desk tag, and when: a removal leaves no row in
-- desk_tag, so the desk can still see who took the flag down.
CREATE TABLE desk_event (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set', 'removed')),
    by TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX desk_event_by_article ON desk_event (article_id, seq);
