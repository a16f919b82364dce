//! `index.db`: the rebuildable cache of ingested articles, their topics,
//! dates and entities, kept up to date incrementally.
