//! What a reader or a script asks of the collection, as typed values:
//! the list filter and the search language (`grain -wheat topic:trade
//! after:-7d`). The store turns these into SQL with bound parameters.

mod ast;
mod dates;
mod error;
pub mod grouping;
mod highlight;
mod lex;
mod parse;
#[cfg(test)]
mod parse_tests;

use chrono::NaiveDate;

pub use ast::{Expr, Query, Status, Term};
pub use dates::{Period, parse_period};
pub use error::QueryError;
pub use highlight::{Highlight, find_highlights, fold_word, words};
pub use parse::{FIELDS, parse, parse_as_typed};

/// A filter over the article list. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub topic: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// A user or front matter tag.
    pub tag: Option<String>,
    pub bookmarked_only: bool,
    pub unread_only: bool,
    /// Articles naming this entity (by folding key).
    pub entity: Option<String>,
    /// A search, ANDed with the fields above.
    pub query: Option<Query>,
}

impl ListFilter {
    /// A short human description for pane titles and the status line.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = &self.topic {
            parts.push(format!("topic:{t}"));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("tag:{t}"));
        }
        if let Some(d) = self.since {
            parts.push(format!("since:{d}"));
        }
        if let Some(d) = self.until {
            parts.push(format!("until:{d}"));
        }
        if self.bookmarked_only {
            parts.push("bookmarked".into());
        }
        if self.unread_only {
            parts.push("unread".into());
        }
        if let Some(e) = &self.entity {
            parts.push(format!("naming:{e}"));
        }
        if let Some(q) = &self.query
            && !q.source.trim().is_empty()
        {
            parts.push(q.source.trim().to_string());
        }
        if parts.is_empty() {
            "all".into()
        } else {
            parts.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_lists_active_parts() {
        assert_eq!(ListFilter::default().describe(), "all");
        let f = ListFilter {
            topic: Some("energy".into()),
            bookmarked_only: true,
            ..Default::default()
        };
        assert_eq!(f.describe(), "topic:energy bookmarked");
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let f = ListFilter {
            unread_only: true,
            query: Some(parse(" grain -wheat ", today).unwrap()),
            ..Default::default()
        };
        assert_eq!(f.describe(), "unread grain -wheat");
    }
}
