-- v3: the user's corrections to the entities found in the briefs ("these
-- two are the same", "that is not a name", ...). They are the user's own
-- work, so they live here and not in the index, which is a cache deleted
-- and rebuilt at will; the index applies them at every update. Each names
-- its entity by kind, key and the spellings seen when it was made, never by
-- an index row id, so it still finds the entity after a rebuild.
-- action: merge | split | ignore | kind | rename. value: merge the target
-- `kind:key`; split the spelling taken off; kind the new kind; rename the
-- new name. value_name: merge the target's name as the user saw it.
CREATE TABLE entity_correction (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'ignore', 'kind', 'rename')),
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    spellings TEXT NOT NULL DEFAULT '[]',
    value TEXT,
    value_name TEXT,
    created_at TEXT NOT NULL
);
