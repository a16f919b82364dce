//! The index on its own: entity counts, spellings and tidying follow the
//! files as they come and go.

use std::path::Path;

use super::{Index, IndexFilter, Toolkit};
use crate::config::Config;
use crate::entities::Extractor;
use crate::ingest::IngestRules;

fn toolkit() -> Toolkit {
    let config = Config::builtin();
    Toolkit {
        rules: IngestRules::from_config(&config),
        extractor: Extractor::new(&config.entities).unwrap(),
        fingerprint: "test".into(),
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn geneva(index: &Index) -> Option<(usize, Vec<String>)> {
    let all = index.entities(None).unwrap();
    all.into_iter()
        .find(|e| e.name == "Geneva")
        .map(|e| (e.count, e.articles))
}

#[test]
fn entity_counts_follow_articles_coming_and_going() {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    let kit = toolkit();

    write(
        &briefs,
        "a.txt",
        "Talks open\n\nEnvoys met in Geneva on Monday.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(geneva(&index), Some((1, vec!["a".to_string()])));

    write(
        &briefs,
        "b.txt",
        "Talks go on\n\nThe envoys stayed in Geneva on Tuesday.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    let (count, mut ids) = geneva(&index).unwrap();
    ids.sort();
    assert_eq!((count, ids), (2, vec!["a".to_string(), "b".to_string()]));
    let links = index.entity_links("a", Some(0)).unwrap();
    let link = links.iter().find(|l| l.name == "Geneva").unwrap();
    assert_eq!((link.count, link.articles.len()), (2, 0));
    assert_eq!(link.key, "place:geneva");
    let naming = index
        .rows(&IndexFilter {
            entity: Some(link.key.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(naming.len(), 2);

    std::fs::remove_file(briefs.join("a.txt")).unwrap();
    std::fs::remove_file(briefs.join("b.txt")).unwrap();
    let report = index.sync(&briefs, &kit).unwrap();
    assert_eq!(report.removed, 2);
    assert_eq!(
        geneva(&index),
        None,
        "an entity no article names is dropped"
    );
}

#[test]
fn a_changed_rule_fingerprint_reparses_everything() {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    write(&briefs, "a.txt", "Copper week\n\nCopper prices rose.\n");
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    let mut kit = toolkit();
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(index.sync(&briefs, &kit).unwrap().unchanged, 1);
    kit.rules
        .topic_keywords
        .insert("metals".into(), vec!["copper".into()]);
    kit.fingerprint = "test, with a metals rule".into();
    let report = index.sync(&briefs, &kit).unwrap();
    assert_eq!(report.added, 1);
    let rows = index
        .rows(&IndexFilter {
            topic: Some("metals".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows.len(), 1);
}

/// Ids of the articles whose text matches an FTS5 expression, sorted.
fn matching(index: &Index, fts: &str) -> Vec<String> {
    let mut stmt = index
        .conn
        .prepare(
            "SELECT a.id FROM article_text t JOIN articles a ON a.rowid = t.rowid
             WHERE article_text MATCH ?1 ORDER BY a.id",
        )
        .unwrap();
    stmt.query_map([fts], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_full_text_index_follows_changes_renames_deletions_and_rebuilds() {
    let root = tempfile::tempdir().unwrap();
    let briefs = root.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let mut index = Index::open(&root.path().join("index.db")).unwrap();
    let mut kit = toolkit();

    write(
        &briefs,
        "a.txt",
        "Harbour news\n\nThe ferry sails at dawn.\n",
    );
    write(
        &briefs,
        "b.txt",
        "Valley news\n\nA ferry crosses the lake.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(matching(&index, "ferry"), ["a", "b"]);
    assert_eq!(matching(&index, "fer*"), ["a", "b"]);
    assert_eq!(matching(&index, "ferr*"), ["a", "b"]);

    // A changed file: its old words are gone, its new ones found.
    write(
        &briefs,
        "a.txt",
        "Harbour news\n\nThe barge sails at dawn.\n",
    );
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(matching(&index, "ferry"), ["b"]);
    assert_eq!(matching(&index, "barge"), ["a"]);
    assert_eq!(matching(&index, "harbour"), ["a"]);

    // A moved file keeps its id and is found once.
    std::fs::rename(briefs.join("b.txt"), briefs.join("c.txt")).unwrap();
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(matching(&index, "ferry"), ["b"]);
    assert_eq!(matching(&index, "lake"), ["b"]);

    // A deleted file is no longer found.
    std::fs::remove_file(briefs.join("a.txt")).unwrap();
    index.sync(&briefs, &kit).unwrap();
    assert!(matching(&index, "barge").is_empty());
    assert!(matching(&index, "harbour").is_empty());
    assert_eq!(matching(&index, "news"), ["b"]);

    // New rules index everything again, each article once (under the id
    // its path now gives it; user state follows it by content hash).
    kit.fingerprint = "other rules".into();
    index.sync(&briefs, &kit).unwrap();
    assert_eq!(matching(&index, "news"), ["c"]);
    assert_eq!(matching(&index, "ferry"), ["c"]);
    assert!(matching(&index, "barge").is_empty());
}

#[test]
fn a_new_index_uses_pages_that_hold_several_bodies() {
    let root = tempfile::tempdir().unwrap();
    let index = Index::open(&root.path().join("index.db")).unwrap();
    let page: i64 = index
        .conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 8192);
}
