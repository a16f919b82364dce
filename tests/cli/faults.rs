//! Marks from the command line when the state cannot be written: a clear
//! message and exit status 1, nothing printed as if it had worked.

use crate::util::*;

#[test]
fn marks_fail_with_a_clear_message_when_the_state_cannot_be_written() {
    let mut f = three_briefs();
    f.ok(&["bookmark", "copper"]);
    let saved = f.state.clone();
    // A regular file where the state folder's parent should be: no one,
    // root included, can create the folder.
    let blocker = f.root().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    f.state = blocker.join("state");
    for args in [
        &["bookmark", "copper"][..],
        &["tag", "copper", "+metals"],
        &["read", "copper"],
        &["read", "copper", "--unread"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(1), "brief {args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("brief: state database")
                && stderr.contains("cannot be written: cannot create its folder")
                && stderr.contains("Not a directory"),
            "brief {args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "brief {args:?} printed output");
    }
    // The state that was saved is where it was, still marked.
    f.state = saved;
    let copper = f.list(&[]).into_iter().find(|i| i.id == "copper").unwrap();
    assert!(copper.bookmarked);
}

#[test]
fn marks_fail_clearly_when_the_journal_cannot_be_created_and_saved_marks_stay() {
    let f = three_briefs();
    f.ok(&["bookmark", "copper"]);
    // Directories where SQLite's journal files go: as in a read-only
    // folder, for root too.
    let db = f.state.join("state.db");
    for suffix in ["-wal", "-shm"] {
        std::fs::create_dir(format!("{}{suffix}", db.display())).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = f.run(&["tag", "copper", "+metals"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot be written: cannot create its journal files")
            && stderr.contains("untouched"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&db).unwrap(), before, "state.db was modified");
    for suffix in ["-wal", "-shm"] {
        std::fs::remove_dir(format!("{}{suffix}", db.display())).unwrap();
    }
    let copper = f.list(&[]).into_iter().find(|i| i.id == "copper").unwrap();
    assert!(copper.bookmarked);
    assert!(copper.tags.is_empty());
}
