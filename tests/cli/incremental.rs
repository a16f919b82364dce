use crate::util::*;

#[test]
fn second_run_reads_nothing_again() {
    let f = three_briefs();
    let first = f.stats();
    assert_eq!(
        (first.seen, first.added, first.unchanged, first.failed),
        (3, 3, 0, 0)
    );
    let second = f.stats();
    assert_eq!(
        (
            second.added,
            second.updated,
            second.removed,
            second.unchanged
        ),
        (0, 0, 0, 3)
    );
}

#[test]
fn changed_file_is_updated_and_removed_file_leaves() {
    let f = three_briefs();
    f.stats();
    f.write(
        "copper.txt",
        "Copper rallies at last\n\nPrices rose sharply.\n",
    );
    let s = f.stats();
    assert_eq!((s.updated, s.added, s.removed), (1, 0, 0));
    let titles: Vec<String> = f.list(&[]).into_iter().map(|i| i.title).collect();
    assert!(
        titles.contains(&"Copper rallies at last".to_string()),
        "{titles:?}"
    );

    std::fs::remove_file(f.briefs.join("copper.txt")).unwrap();
    let s = f.stats();
    assert_eq!((s.removed, s.unchanged), (1, 2));
    assert!(f.list(&[]).iter().all(|i| i.id != "copper"));
}

#[test]
fn touched_but_unchanged_file_is_not_reparsed() {
    let f = three_briefs();
    f.stats();
    // Same bytes, new mtime: the hash says nothing changed.
    let path = f.briefs.join("copper.txt");
    let bytes = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, bytes).unwrap();
    let s = f.stats();
    assert_eq!((s.updated, s.unchanged), (0, 3));
}

#[test]
fn renamed_file_keeps_its_id() {
    let f = three_briefs();
    f.stats();
    std::fs::create_dir_all(f.briefs.join("metals")).unwrap();
    std::fs::rename(
        f.briefs.join("copper.txt"),
        f.briefs.join("metals/copper-week.txt"),
    )
    .unwrap();
    let s = f.stats();
    assert_eq!((s.renamed, s.added, s.removed), (1, 0, 0));
    let items = f.list(&[]);
    let moved = items
        .iter()
        .find(|i| i.path == "metals/copper-week.txt")
        .unwrap();
    assert_eq!(moved.id, "copper");
}

#[test]
fn deleting_the_cache_rebuilds_it() {
    let f = three_briefs();
    let before = f.list(&[]);
    std::fs::remove_dir_all(&f.cache).unwrap();
    assert_eq!(f.list(&[]), before);
}

#[test]
fn a_corrupt_cache_is_rebuilt() {
    let f = three_briefs();
    let before = f.list(&[]);
    for entry in std::fs::read_dir(&f.cache).unwrap() {
        let path = entry.unwrap().path();
        std::fs::write(
            path,
            b"this is not a database, it is garbage that fills the page",
        )
        .unwrap();
    }
    assert_eq!(f.list(&[]), before);
}

#[test]
fn briefs_folder_is_never_written() {
    let f = three_briefs();
    let snapshot = |dir: &std::path::Path| -> Vec<(String, u64, std::time::SystemTime)> {
        let mut all = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let e = e.unwrap();
                let m = e.metadata().unwrap();
                all.push((
                    e.path().display().to_string(),
                    m.len(),
                    m.modified().unwrap(),
                ));
                if m.is_dir() {
                    stack.push(e.path());
                }
            }
        }
        all.sort();
        all
    };
    let before = snapshot(&f.briefs);
    f.stats();
    f.ok(&["tag", "copper", "+metals"]);
    f.ok(&["list"]);
    assert_eq!(snapshot(&f.briefs), before);
}
