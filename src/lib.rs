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
pub mod open;
pub mod paths;
pub mod query;
pub mod serve;
pub mod state;
pub mod store;
pub mod text;
pub mod ui;

/// The message a caught panic carried, for reporting it as an error.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic")
}

#[cfg(test)]
mod tests {
    #[test]
    fn panic_messages_are_recovered() {
        let owned = std::panic::catch_unwind(|| panic!("bad byte at {}", 7)).unwrap_err();
        assert_eq!(super::panic_message(owned.as_ref()), "bad byte at 7");
        let fixed = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(super::panic_message(fixed.as_ref()), "plain");
    }
}
