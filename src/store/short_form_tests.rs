//! Short forms across the collection: a surname alone links to the one
//! person of the collection it fits, an acronym alone to the one long form
//! it was defined with; two that fit comparably leave it as it is; and the
//! index gives the same entities however its articles arrived.

use std::collections::BTreeMap;
use std::path::Path;

use super::Index;
use super::evidence_tests::{cold, snapshot, toolkit};

// Names made up for these tests: in no list the extractor knows.
const FULL_A: &str = "Budget talks\n\nThe finance minister Ottavia Brenzoni met bankers on Monday. \
     Ottavia Brenzoni said the budget would pass.\n";
const FULL_A2: &str = "Rates\n\nOttavia Brenzoni, the finance minister, spoke in Rome.\n";
const FULL_A3: &str = "Coalition\n\nOttavia Brenzoni met party leaders.\n";
const BARE: &str = "Reply\n\nThe opposition attacked the plan. Later Minister Brenzoni \
     defended it, and Mr Brenzoni said more was to come.\n";
const FULL_B: &str = "Football\n\nThe striker Marco Brenzoni scored twice on Sunday.\n";
const FULL_B2: &str = "Transfer\n\nMarco Brenzoni signed for a new club.\n";
const DEFINED: &str =
    "Fish quotas\n\nThe Nordic Fisheries Authority (NFA) cut the quotas on Friday.\n";
const ALONE: &str =
    "Boats\n\nFishermen protested outside the NFA offices. The NFA did not reply.\n";
const DEFINED_OTHER: &str =
    "Flights\n\nThe National Flight Agency (NFA) grounded two planes on Monday.\n";

fn keys(snap: &BTreeMap<String, Vec<String>>, id: &str) -> Vec<String> {
    snap.get(id).cloned().unwrap_or_default()
}

fn write_all(dir: &Path, texts: &[(&str, &str)]) {
    for (name, text) in texts {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn a_surname_alone_links_to_the_one_person_the_collection_names_in_full() {
    let kit = toolkit();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &[("a.txt", FULL_A), ("bare.txt", BARE)]);
    let snap = cold(dir.path(), &kit);
    assert!(
        keys(&snap, "bare").contains(&"person:ottavia brenzoni".to_string()),
        "{snap:?}"
    );
    assert!(!keys(&snap, "bare").iter().any(|k| k.ends_with(":brenzoni")));

    // A second person of that surname named as often: it stays unresolved,
    // and the two full names stay apart.
    write_all(dir.path(), &[("b.txt", FULL_B)]);
    let snap = cold(dir.path(), &kit);
    let bare = keys(&snap, "bare");
    assert!(
        !bare.iter().any(|k| k.ends_with("ottavia brenzoni")),
        "{bare:?}"
    );
    assert!(
        !bare.iter().any(|k| k.ends_with("marco brenzoni")),
        "{bare:?}"
    );
    assert!(bare.contains(&"person:brenzoni".to_string()), "{bare:?}");
    assert!(keys(&snap, "a").contains(&"person:ottavia brenzoni".to_string()));
    assert!(keys(&snap, "b").contains(&"person:marco brenzoni".to_string()));

    // Named by far the most: Ottavia in three articles, Marco in one.
    write_all(dir.path(), &[("a2.txt", FULL_A2), ("a3.txt", FULL_A3)]);
    let snap = cold(dir.path(), &kit);
    assert!(
        keys(&snap, "bare").contains(&"person:ottavia brenzoni".to_string()),
        "{snap:?}"
    );
    // Comparably again (three against two).
    write_all(dir.path(), &[("b2.txt", FULL_B2)]);
    let snap = cold(dir.path(), &kit);
    assert!(
        keys(&snap, "bare").contains(&"person:brenzoni".to_string()),
        "{snap:?}"
    );
}

#[test]
fn an_acronym_defined_once_in_the_collection_is_that_entity_wherever_alone() {
    let kit = toolkit();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &[("def.txt", DEFINED), ("alone.txt", ALONE)]);
    let snap = cold(dir.path(), &kit);
    assert!(
        keys(&snap, "alone").contains(&"org:nordic fisheries authority".to_string()),
        "{snap:?}"
    );
    // Defined two ways: it means neither.
    write_all(dir.path(), &[("other.txt", DEFINED_OTHER)]);
    let snap = cold(dir.path(), &kit);
    let alone = keys(&snap, "alone");
    assert!(
        !alone
            .iter()
            .any(|k| k.contains("authority") || k.contains("agency")),
        "{alone:?}"
    );
    assert!(alone.iter().any(|k| k.ends_with(":nfa")), "{alone:?}");
}

#[test]
fn any_order_of_updates_gives_the_cold_index_for_short_forms() {
    let texts = [
        ("a.txt", FULL_A),
        ("bare.txt", BARE),
        ("b.txt", FULL_B),
        ("a2.txt", FULL_A2),
        ("def.txt", DEFINED),
        ("alone.txt", ALONE),
        ("other.txt", DEFINED_OTHER),
    ];
    let kit = toolkit();
    let all = tempfile::tempdir().unwrap();
    write_all(all.path(), &texts);
    let expected = cold(all.path(), &kit);
    // Ottavia named in two articles, Marco in one; the NFA defined two ways.
    assert!(keys(&expected, "bare").contains(&"person:ottavia brenzoni".to_string()));
    assert!(
        keys(&expected, "alone").iter().any(|k| k.ends_with(":nfa")),
        "{expected:?}"
    );
    for order in [
        [0, 1, 2, 3, 4, 5, 6],
        [6, 5, 4, 3, 2, 1, 0],
        [1, 5, 2, 0, 6, 3, 4],
        [3, 1, 6, 4, 0, 5, 2],
    ] {
        let root = tempfile::tempdir().unwrap();
        let briefs = root.path().join("briefs");
        std::fs::create_dir(&briefs).unwrap();
        let mut index = Index::open(&root.path().join("index.db")).unwrap();
        for i in order {
            let (name, text) = texts[i];
            std::fs::write(briefs.join(name), text).unwrap();
            index.sync(&briefs, &kit).unwrap();
            // Every step equals the cold index of what is there so far.
            assert_eq!(
                snapshot(&index),
                cold(&briefs, &kit),
                "order {order:?} at {name}"
            );
        }
        assert_eq!(snapshot(&index), expected, "order {order:?}");
    }
    // Taking articles away gives the cold index of what is left.
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    write_all(&briefs, &texts);
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    index.sync(&briefs, &kit).unwrap();
    for name in ["other.txt", "b.txt", "def.txt", "a.txt"] {
        std::fs::remove_file(briefs.join(name)).unwrap();
        index.sync(&briefs, &kit).unwrap();
        assert_eq!(snapshot(&index), cold(&briefs, &kit), "without {name}");
    }
}
