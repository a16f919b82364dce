//! A full disk or a state that cannot be written: the write that failed is
//! reported clearly, and nothing already saved is harmed.

use std::fs;
use std::path::Path;

use brief::state::{Fault, StateDb, StateError};
use rusqlite::Connection;

fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Some saved state to keep an eye on.
fn saved(db: &StateDb) {
    db.set_bookmarked("kept-1", true).unwrap();
    db.change_tags("kept-1", &["energy".into(), "weekly".into()], &[])
        .unwrap();
    db.set_read("kept-2", true).unwrap();
    db.set_position("kept-2", 42).unwrap();
}

fn assert_saved_intact(db: &StateDb) {
    let one = db.get("kept-1").unwrap();
    assert!(one.bookmarked);
    assert_eq!(one.tags, ["energy", "weekly"]);
    let two = db.get("kept-2").unwrap();
    assert!(two.read);
    assert_eq!(two.position, 42);
}

#[test]
fn a_full_disk_fails_the_write_clearly_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = StateDb::open(dir.path()).unwrap();
    saved(&db);
    db.inject_fault(Fault::DiskFull).unwrap();

    // Write until the file would have to grow.
    let mut written = Vec::new();
    let mut failure = None;
    for i in 0..10_000 {
        let id = format!("new-article-with-a-long-identifier-{i:05}");
        let tag = format!("tag number {i} with some length to it");
        match db.change_tags(&id, std::slice::from_ref(&tag), &[]) {
            Ok(()) => written.push((id, tag)),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let err = failure.expect("the disk never filled");
    assert!(matches!(err, StateError::Db { .. }), "{err:?}");
    assert!(err.cause().contains("the disk is full"), "{}", err.cause());
    assert!(
        err.to_string().contains(&db.path().display().to_string()),
        "{err}"
    );

    // Nothing already saved was harmed, and every write that said it was
    // saved is there.
    assert_saved_intact(&db);
    for (id, tag) in &written {
        assert_eq!(db.get(id).unwrap().tags, [tag.as_str()], "{id}");
    }
    assert_eq!(integrity(db.path()), "ok");

    // Room again: writing works, and a fresh session sees everything.
    db.inject_fault(Fault::None).unwrap();
    db.set_bookmarked("after", true).unwrap();
    let path = db.path().to_path_buf();
    drop(db);
    let again = StateDb::open_file(&path).unwrap();
    assert_saved_intact(&again);
    assert!(again.get("after").unwrap().bookmarked);
    assert_eq!(again.all().unwrap().len(), written.len() + 3);
}

#[test]
fn a_read_only_database_fails_the_write_clearly_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = StateDb::open(dir.path()).unwrap();
    saved(&db);
    db.inject_fault(Fault::ReadOnly).unwrap();
    let err = db.set_bookmarked("kept-2", true).unwrap_err();
    assert!(err.cause().contains("read-only"), "{}", err.cause());
    let err = db
        .change_tags("kept-1", &[], &["energy".into()])
        .unwrap_err();
    assert!(
        err.cause().contains("nothing was written"),
        "{}",
        err.cause()
    );
    assert_saved_intact(&db);
    assert!(!db.get("kept-2").unwrap().bookmarked);
    assert_eq!(integrity(db.path()), "ok");
}

#[test]
fn a_read_only_session_reads_the_saved_state_and_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let db = StateDb::open(dir.path()).unwrap();
        saved(&db);
        db.path().to_path_buf()
    };
    let before = fs::read(&path).unwrap();
    let db = StateDb::open_read_only(dir.path(), "the folder is read-only").unwrap();
    assert_eq!(db.read_only(), Some("the folder is read-only"));
    assert_saved_intact(&db);
    let version = db.version().unwrap();
    let writes: Vec<brief::state::Result<()>> = vec![
        db.set_bookmarked("kept-2", true),
        db.set_read("x", true),
        db.change_tags("kept-1", &["new".into()], &[]),
        db.set_position("kept-2", 7),
        db.reconcile(&[]).map(drop),
    ];
    for result in writes {
        let err = result.unwrap_err();
        assert!(matches!(err, StateError::ReadOnlySession { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("not saved this session: the folder is read-only"),
            "{err}"
        );
    }
    assert_eq!(db.version().unwrap(), version);
    assert_saved_intact(&db);
    drop(db);
    assert_eq!(fs::read(&path).unwrap(), before, "the file was modified");
}

#[test]
fn a_state_folder_that_cannot_be_made_opens_empty_and_read_only() {
    let root = tempfile::tempdir().unwrap();
    // A regular file where a folder should be: nobody, root included, can
    // create the state folder under it.
    let blocker = root.path().join("not-a-folder");
    fs::write(&blocker, "x").unwrap();
    let dir = blocker.join("brief");

    let err = StateDb::open(&dir).unwrap_err();
    assert!(matches!(err, StateError::NotWritable { .. }), "{err:?}");
    assert!(
        err.to_string().contains("cannot create its folder"),
        "{err}"
    );

    let db = StateDb::open_or_read_only(&dir).unwrap();
    let reason = db.read_only().expect("opened read-only");
    assert!(reason.contains("cannot create its folder"), "{reason}");
    assert!(db.all().unwrap().is_empty());
    assert!(db.tag_counts().unwrap().is_empty());
    let err = db.set_bookmarked("a", true).unwrap_err();
    assert!(err.to_string().contains("not saved"), "{err}");
    assert!(!dir.exists());
}

#[test]
fn a_read_only_file_opens_read_only_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let db = StateDb::open(dir.path()).unwrap();
        saved(&db);
        db.path().to_path_buf()
    };
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    if fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("read-only file: skipped, running with permission to write any file");
        return;
    }
    let err = StateDb::open(dir.path()).unwrap_err();
    assert!(matches!(err, StateError::NotWritable { .. }), "{err:?}");
    let db = StateDb::open_or_read_only(dir.path()).unwrap();
    assert!(db.read_only().unwrap().contains("read-only"));
    assert_saved_intact(&db);
}

#[test]
fn a_damaged_database_is_still_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(brief::state::FILE_NAME);
    fs::write(&path, "not a database at all, just notes\n".repeat(20)).unwrap();
    let err = StateDb::open_or_read_only(dir.path()).unwrap_err();
    assert!(matches!(err, StateError::Unusable { .. }), "{err:?}");
}

/// A folder the database's journal files cannot be created in (as in a
/// read-only folder), made in a way that holds for root too: directories
/// where SQLite's `-wal` and `-shm` files would go.
#[test]
fn a_folder_where_the_journal_cannot_be_created_still_reads_the_saved_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let db = StateDb::open(dir.path()).unwrap();
        saved(&db);
        db.path().to_path_buf()
    };
    let before = fs::read(&path).unwrap();
    for suffix in ["-wal", "-shm"] {
        fs::create_dir(format!("{}{suffix}", path.display())).unwrap();
    }
    let err = StateDb::open(dir.path()).unwrap_err();
    assert!(matches!(err, StateError::NotWritable { .. }), "{err:?}");
    assert!(
        err.to_string().contains("cannot create its journal files"),
        "{err}"
    );
    let db = StateDb::open_or_read_only(dir.path()).unwrap();
    assert!(
        db.read_only().unwrap().contains("is the folder read-only?"),
        "{:?}",
        db.read_only()
    );
    assert_saved_intact(&db);
    assert!(db.set_bookmarked("kept-2", true).is_err());
    drop(db);
    assert_eq!(fs::read(&path).unwrap(), before, "the file was modified");
}
