//! Old databases and moved files: data survives a schema migration, and
//! state follows an article whose file was renamed.

use std::fs;
use std::path::Path;

use brief::state::{SCHEMA_VERSION, StateDb};
use rusqlite::Connection;

#[test]
fn old_schema_fixture_migrates_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state/v1.sql");
    let old = Connection::open(&path).unwrap();
    old.execute_batch(&fs::read_to_string(fixture).unwrap())
        .unwrap();
    let old_version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    drop(old);
    assert!(
        old_version < SCHEMA_VERSION,
        "the fixture must be older than the program"
    );

    let db = StateDb::open(dir.path()).unwrap();
    let version: i64 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);

    let harbour = db.get("harbour-strike-2024").unwrap();
    assert!(harbour.bookmarked && harbour.read);
    assert_eq!(harbour.position, 57);
    assert_eq!(harbour.tags, ["Follow up", "labour"]);
    assert_eq!(db.get("grain-prices-weekly").unwrap().tags, ["Markets"]);
    let council = db.get("council-vote").unwrap();
    assert!(council.bookmarked && !council.read && council.position == 12);
    assert_eq!(db.all().unwrap().len(), 4);
    assert_eq!(
        db.bookmarked_ids().unwrap(),
        ["council-vote", "harbour-strike-2024"]
    );
    assert_eq!(
        db.tag_counts().unwrap(),
        [
            ("Follow up".to_string(), 2),
            ("labour".to_string(), 1),
            ("Markets".to_string(), 1)
        ]
    );

    // The v2 columns work on migrated rows: a new spelling joins the old tag,
    // and reconcile can record hashes.
    db.change_tags("council-vote", &["MARKETS".to_string()], &[])
        .unwrap();
    assert_eq!(
        db.ids_with_tag("markets").unwrap(),
        ["council-vote", "grain-prices-weekly"]
    );
    let live = [("harbour-strike-2024".to_string(), "h1".to_string())];
    let r = db.reconcile(&live).unwrap();
    assert_eq!(r.orphans, ["council-vote", "grain-prices-weekly"]);
}

#[test]
fn state_follows_a_moved_file_and_orphans_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pair = |id: &str, hash: &str| (id.to_string(), hash.to_string());
    {
        let db = StateDb::open(dir.path()).unwrap();
        db.change_tags("notes/port.md", &["Shipping".to_string()], &[])
            .unwrap();
        db.set_position("notes/port.md", 33).unwrap();
        db.set_bookmarked("notes/gone.md", true).unwrap();
        let r = db
            .reconcile(&[
                pair("notes/port.md", "hash-port"),
                pair("notes/gone.md", "hash-gone"),
            ])
            .unwrap();
        assert_eq!(r, Default::default());
    }
    // A later session (the index rebuilt from scratch): port.md was renamed,
    // gone.md deleted.
    let db = StateDb::open(dir.path()).unwrap();
    let live = [
        pair("archive/port-2024.md", "hash-port"),
        pair("notes/other.md", "hash-other"),
    ];
    let r = db.reconcile(&live).unwrap();
    assert_eq!(
        r.moved,
        [(
            "notes/port.md".to_string(),
            "archive/port-2024.md".to_string()
        )]
    );
    assert_eq!(r.orphans, ["notes/gone.md"]);
    let moved = db.get("archive/port-2024.md").unwrap();
    assert_eq!(
        (moved.tags.as_slice(), moved.position),
        (["Shipping".to_string()].as_slice(), 33)
    );
    assert!(
        db.get("notes/gone.md").unwrap().bookmarked,
        "orphan state is kept"
    );

    // Asking again changes nothing and still reports the orphan.
    let again = db.reconcile(&live).unwrap();
    assert!(again.moved.is_empty());
    assert_eq!(again.orphans, ["notes/gone.md"]);
    // The deleted file comes back: its state is simply there again.
    let back = db.reconcile(&[pair("notes/gone.md", "hash-gone")]).unwrap();
    assert_eq!(back.orphans, ["archive/port-2024.md"]);
    assert!(db.get("notes/gone.md").unwrap().bookmarked);
}
