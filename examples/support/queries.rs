//! Query latency through the Catalog the reader uses: a query parsed, then
//! what its first screen needs (the outline and the first page of rows).

#![allow(dead_code)]

use std::time::{Duration, Instant};

use anyhow::Result;
use brief::config::Grouping;
use brief::library::Catalog;
use brief::query::{ListFilter, parse, parse_as_typed};
use brief::ui::list::FIRST_COUNT;
use chrono::NaiveDate;

/// Rows on a first screen (a 40-line terminal less borders and status).
pub const SCREEN_ROWS: usize = 37;

/// Five realistic searches: a word, a phrase, either/or with an
/// exclusion, a prefix with a date, a word with a state.
pub const QUERIES: [&str; 5] = [
    "talks",
    "\"interest rates\"",
    "grain OR rail -flood",
    "minist* after:2018-01-01",
    "government is:unread",
];

/// What typing a search asks for, keystroke by keystroke.
pub const TYPED: &str = "minister talks";

/// What the reader asks for a first screen: the list counted as far as
/// it counts before drawing (`FIRST_COUNT`, the rest when idle or
/// scrolled there), and the first page.
fn first_screen(cat: &dyn Catalog, filter: &ListFilter, today: NaiveDate) -> Result<usize> {
    let (outline, _) = cat.outline_upto(filter, Grouping::None, today, FIRST_COUNT)?;
    cat.page(filter, Grouping::None, today, 0, SCREEN_ROWS)?;
    Ok(outline.iter().map(|g| g.count).sum())
}

/// Each query `runs` times, strictly parsed: every latency, and how many
/// articles each query matches.
pub fn fixed(cat: &dyn Catalog, runs: usize) -> Result<(Vec<Duration>, Vec<usize>)> {
    let today = chrono::Local::now().date_naive();
    let mut all = Vec::new();
    let mut found = Vec::new();
    for q in QUERIES {
        for run in 0..runs {
            let t = Instant::now();
            let filter = ListFilter {
                query: Some(parse(q, today)?),
                ..ListFilter::default()
            };
            let n = first_screen(cat, &filter, today)?;
            all.push(t.elapsed());
            if run == 0 {
                found.push(n);
            }
        }
    }
    Ok((all, found))
}

/// Search as you type through the catalog: each prefix of TYPED parsed as
/// typed, then the first screen for it.
pub fn typed(cat: &dyn Catalog, rounds: usize) -> Result<Vec<Duration>> {
    let today = chrono::Local::now().date_naive();
    let mut all = Vec::new();
    for _ in 0..rounds {
        for end in TYPED.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let t = Instant::now();
            let filter = ListFilter {
                query: Some(parse_as_typed(&TYPED[..end], today)?),
                ..ListFilter::default()
            };
            first_screen(cat, &filter, today)?;
            all.push(t.elapsed());
        }
    }
    Ok(all)
}

/// Each fixed query's outline (the count) and first page timed apart,
/// median of `runs`: which half of a first screen a slow query spends in.
pub fn profile(cat: &dyn Catalog, runs: usize) -> Result<()> {
    use crate::measure::{ms, percentile};
    let today = chrono::Local::now().date_naive();
    for q in QUERIES {
        let filter = ListFilter {
            query: Some(parse(q, today)?),
            ..ListFilter::default()
        };
        let (mut firsts, mut outlines, mut pages) = (Vec::new(), Vec::new(), Vec::new());
        let mut count = 0;
        for _ in 0..runs {
            let t = Instant::now();
            cat.outline_upto(&filter, Grouping::None, today, FIRST_COUNT)?;
            firsts.push(t.elapsed());
            let t = Instant::now();
            let outline = cat.outline(&filter, Grouping::None, today)?;
            outlines.push(t.elapsed());
            let t = Instant::now();
            cat.page(&filter, Grouping::None, today, 0, SCREEN_ROWS)?;
            pages.push(t.elapsed());
            count = outline.iter().map(|g| g.count).sum();
        }
        println!(
            "  {q:<28} count to {FIRST_COUNT} {:>6.1} ms  whole count {:>7.1} ms  first page {:>7.1} ms  ({count} matches)",
            ms(percentile(&firsts, 50.0)),
            ms(percentile(&outlines, 50.0)),
            ms(percentile(&pages, 50.0)),
        );
    }
    Ok(())
}
