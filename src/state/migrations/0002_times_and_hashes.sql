-- v2: when things happened, and what the article looked like.
-- read_at / bookmarked_at: when the flag was last turned on, NULL while it is
-- off. Rows carried over from v1 keep their flags with an unknown time (NULL).
ALTER TABLE article_state ADD COLUMN read_at TEXT;
ALTER TABLE article_state ADD COLUMN bookmarked_at TEXT;
-- The article's content hash at the last reconcile: lets the state follow a
-- file that was moved or renamed (its id changed, its content did not).
ALTER TABLE article_state ADD COLUMN content_hash TEXT;
ALTER TABLE article_tag ADD COLUMN added_at TEXT;

-- The tag views and the tag counts look articles up by tag, not by article;
-- with `tag` (and the key's `article_id`) in it, both read only this index.
CREATE INDEX article_tag_by_fold ON article_tag (fold, tag);
-- Reconcile looks for a moved article by its hash.
CREATE INDEX article_state_by_hash ON article_state (content_hash)
    WHERE content_hash IS NOT NULL;
