//! End-to-end tests of the `brief` command line: each builds a briefs folder
//! in a temporary directory and runs the real binary on it.

mod util;

mod check;
mod collections;
mod desk;
mod docs;
mod export;
mod faults;
mod follow;
mod freshness;
mod hostile_input;
mod incremental;
mod list;
mod readme;
mod search;
mod show;
mod under_load;
mod user_state;
mod wrong_state;
