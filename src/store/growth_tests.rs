//! Nothing quadratic: four times the articles must cost at most five times
//! the work, for indexing (with its entity linking and case evidence), the
//! list's outline and its pages. Work is counted, not timed: SQLite's
//! virtual-machine instructions on the index connection (its progress
//! handler), which include the statements FTS5 runs inside, so the figures
//! are the same on a busy machine and a quiet one.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;

use super::{Index, Toolkit};
use crate::config::{Config, Grouping};
use crate::entities::Extractor;
use crate::ingest::IngestRules;
use crate::library::{Catalog, Library};
use crate::query::ListFilter;
use crate::state::StateDb;

/// Instructions between two calls of the counter: small enough that a
/// statement of a few rows still counts.
const OPS_PER_TICK: i32 = 100;

fn kit() -> Toolkit {
    let config = Config::builtin();
    Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities).unwrap(),
        fingerprint: "growth".into(),
    }
}

const GIVEN: [&str; 9] = [
    "Selin", "Marek", "Ines", "Tomas", "Aiko", "Daniel", "Lucia", "Pavel", "Nadia",
];
const FAMILY: [&str; 11] = [
    "Karadere",
    "Novak",
    "Ferreira",
    "Lindqvist",
    "Okafor",
    "Brandt",
    "Moreau",
    "Haddad",
    "Sorensen",
    "Castillo",
    "Weber",
];
const PLACES: [&str; 6] = ["Geneva", "Rotterdam", "Nairobi", "Lisbon", "Oslo", "Manila"];
const TOPICS: [&str; 5] = ["trade", "energy", "transport", "farming", "finance"];

/// `n` invented briefings: dated over a few years, in topic folders, each
/// naming two people (shared across the collection, so entities gather
/// many articles), a place and an organisation.
fn write_briefs(dir: &Path, n: usize) {
    write_range(dir, 0..n);
}

fn write_range(dir: &Path, range: std::ops::Range<usize>) {
    for i in range {
        let topic = TOPICS[i % TOPICS.len()];
        let folder = dir.join(topic);
        std::fs::create_dir_all(&folder).unwrap();
        let a = format!("{} {}", GIVEN[i % 9], FAMILY[i % 11]);
        let b = format!("{} {}", GIVEN[(i / 9) % 9], FAMILY[(i / 7) % 11]);
        let place = PLACES[i % PLACES.len()];
        let day =
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new((i % 900) as u64);
        let text = format!(
            "+++\ntitle = \"Harbour talks in {place}, round {i}\"\ndate = {day}\n+++\n\n\
             {a} met {b} in {place} on Monday to discuss grain shipments and port fees. \
             {a} said the Harbour Authority would publish new figures next week.\n\n\
             Officials from the Maritime Council of {place} attended the talks, \
             which ended without an agreement on tariffs.\n"
        );
        std::fs::write(folder.join(format!("talks-{i:05}.md")), text).unwrap();
    }
}

/// Counts the index connection's work while it is set.
struct Counter(Arc<AtomicU64>);

impl Counter {
    fn on(index: &mut Index) -> Counter {
        let ticks = Arc::new(AtomicU64::new(0));
        let t = ticks.clone();
        index
            .conn
            .progress_handler(
                OPS_PER_TICK,
                Some(move || {
                    t.fetch_add(1, Ordering::Relaxed);
                    false
                }),
            )
            .unwrap();
        Counter(ticks)
    }

    fn take(&self) -> u64 {
        self.0.swap(0, Ordering::Relaxed)
    }
}

/// The work of each measured step on a collection of `n` articles.
#[derive(Debug)]
struct Work {
    index: u64,
    linking: u64,
    date_outline: u64,
    topic_outline: u64,
    first_page: u64,
    middle_page: u64,
    search_screen: u64,
    entity_page: u64,
}

/// Articles added to an indexed collection in the update whose linking
/// is measured.
const ADDED: usize = 20;

fn work_at(n: usize) -> Work {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    write_briefs(&briefs, n);
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    let counter = Counter::on(&mut index);
    counter.take();
    let report = index.sync(&briefs, &kit()).unwrap();
    assert_eq!(report.added, n, "{report:?}");
    let indexing = counter.take();
    // New articles naming the collection's people: their entities are
    // linked to the ones the index holds, and the collection's evidence
    // settled again, without going over every article.
    write_range(&briefs, n..n + ADDED);
    let report = index.sync(&briefs, &kit()).unwrap();
    assert_eq!(report.added, ADDED, "{report:?}");
    let linking = counter.take();
    let library = Library {
        index,
        state: StateDb::open(&root.path().join("state")).unwrap(),
        briefs,
        entity_article_limit: Some(0),
    };
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let all = ListFilter::default();
    counter.take();
    let dates = library.outline(&all, Grouping::Date, today).unwrap();
    assert_eq!(dates.iter().map(|g| g.count).sum::<usize>(), n + ADDED);
    let date_outline = counter.take();
    let topics = library.outline(&all, Grouping::Topic, today).unwrap();
    assert_eq!(topics.len(), TOPICS.len());
    let topic_outline = counter.take();
    let page = library.page(&all, Grouping::Date, today, 0, 50).unwrap();
    assert_eq!(page.len(), 50);
    let first_page = counter.take();
    let page = library
        .page(&all, Grouping::Topic, today, n / 2, 50)
        .unwrap();
    assert_eq!(page.len(), 50);
    let middle_page = counter.take();
    // A search matching every article: its first screen as the reader
    // asks for it, counted only as far as the list counts first.
    let search = ListFilter {
        query: Some(crate::query::parse("harbour", today).unwrap()),
        ..ListFilter::default()
    };
    // Below the smaller collection's matches, so both are counted in part.
    let cap = 50;
    let (outline, exact) = library
        .outline_upto(&search, Grouping::None, today, cap)
        .unwrap();
    assert!(!exact && outline[0].count == cap, "{outline:?}");
    let page = library.page(&search, Grouping::None, today, 0, 40).unwrap();
    assert_eq!(page.len(), 40);
    let search_screen = counter.take();
    let entity = library.entity_page("Selin Karadere").unwrap().unwrap();
    assert!(entity.count >= n / 100, "{}", entity.count);
    let entity_page = counter.take();
    Work {
        index: indexing,
        linking,
        search_screen,
        entity_page,
        date_outline,
        topic_outline,
        first_page,
        middle_page,
    }
}

#[test]
fn four_times_the_articles_cost_at_most_five_times_the_work() {
    let small = work_at(200);
    let large = work_at(800);
    let steps = [
        ("indexing with entity linking", small.index, large.index),
        (
            "an update of 20 articles, entities linked",
            small.linking,
            large.linking,
        ),
        ("date outline", small.date_outline, large.date_outline),
        ("topic outline", small.topic_outline, large.topic_outline),
        ("first page", small.first_page, large.first_page),
        ("page in the middle", small.middle_page, large.middle_page),
        (
            "a search's first screen",
            small.search_screen,
            large.search_screen,
        ),
        (
            "the busiest person's page",
            small.entity_page,
            large.entity_page,
        ),
    ];
    for (step, s, l) in steps {
        // A step must do some work, or the counter counts nothing.
        eprintln!("{step}: {s} -> {l} ticks of {OPS_PER_TICK} instructions");
        assert!(s > 0, "{step}: no work counted at 200 ({small:?})");
        assert!(
            l <= s * 5,
            "{step}: {l} ticks at 800 articles against {s} at 200 (more than 5x)"
        );
    }
}
