//! brief: a terminal briefing reader.
//!
//! Files flow one way: `ingest` turns them into articles, `entities` finds
//! names in them, `store` indexes both in a rebuildable cache, `state` keeps
//! what the user did, `library` joins the two for the `ui` and the `cli`.

pub mod cli;
pub mod config;
pub mod entities;
pub mod ingest;
pub mod library;
pub mod model;
pub mod paths;
pub mod query;
pub mod state;
pub mod store;
pub mod text;
pub mod ui;
