-- v3 (0004 in the wave's numbering; 0003 is the entity corrections'): the
-- searches the user typed after `/`, so Up/Down in the prompt bring back
-- earlier ones in this and later sessions, as a shell's history does. It is
-- the user's own data, hence here and not in the rebuildable index.
-- One row per distinct query: searching it again moves it to the front
-- (it takes the next `seq`), so the history never fills with repeats. A
-- counter, not a time: two searches in one millisecond keep their order.
CREATE TABLE search_history (
    query TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
);
-- Up walks from the latest back.
CREATE INDEX search_history_by_seq ON search_history (seq);
