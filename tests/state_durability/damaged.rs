//! A damaged, foreign, unreadable or newer state database is reported with
//! its path and never modified.

use std::fs;
use std::path::Path;

use brief::state::{SCHEMA_VERSION, StateDb, StateError};
use rusqlite::Connection;

/// Opening must fail naming the file, and leave it byte for byte as it was.
fn assert_refused_untouched(path: &Path, expect_in_message: &str) -> StateError {
    let before = fs::read(path).unwrap();
    let err = StateDb::open_file(path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(expect_in_message), "{message}");
    assert!(message.contains("untouched"), "{message}");
    assert_eq!(fs::read(path).unwrap(), before, "the file was modified");
    err
}

/// A healthy database with enough rows to span many pages.
fn populated_db(path: &Path) -> u64 {
    let db = StateDb::open_file(path).unwrap();
    let ids: Vec<String> = (0..300)
        .map(|i| format!("some-article-with-a-long-id-{i:04}"))
        .collect();
    db.tag_many(
        &ids,
        &["weekly review".to_string(), "energy".to_string()],
        &[],
    )
    .unwrap();
    drop(db);
    fs::metadata(path).unwrap().len()
}

#[test]
fn garbage_file_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    fs::write(&path, "these are my notes, not a database\n".repeat(50)).unwrap();
    assert_refused_untouched(&path, "not a SQLite database");
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["state.db"], "no journal or replacement was created");
}

#[test]
fn truncated_database_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    let len = populated_db(&path);
    assert!(len > 8 * 4096, "fixture too small: {len}");
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    assert_refused_untouched(&path, "damaged");

    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(40)
        .unwrap();
    assert_refused_untouched(&path, "truncated");
}

#[test]
fn damaged_pages_fail_quick_check_and_are_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    let len = populated_db(&path);
    let mut bytes = fs::read(&path).unwrap();
    // Scribble over the middle of the file, well past the header page.
    let middle = (len / 2) as usize;
    bytes[middle..middle + 3000].fill(0xA5);
    fs::write(&path, &bytes).unwrap();
    let err = assert_refused_untouched(&path, "damaged");
    assert!(matches!(err, StateError::Unusable { .. }), "{err:?}");
}

#[test]
fn newer_schema_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    populated_db(&path);
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
        .unwrap();
    let err = StateDb::open_file(&path).unwrap_err();
    assert!(matches!(err, StateError::TooNew { .. }), "{err:?}");
    let before = fs::read(&path).unwrap();
    let message = StateDb::open_file(&path).unwrap_err().to_string();
    assert!(
        message.contains("newer brief") && message.contains(&path.display().to_string()),
        "{message}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn unreadable_database_is_reported_and_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    populated_db(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&path).is_ok() {
        // root reads anything: nothing to test here.
        eprintln!("unreadable: skipped, running with permission to read any file");
        return;
    }
    let err = StateDb::open_file(&path).unwrap_err();
    assert!(err.to_string().contains("Permission denied"), "{err}");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    assert_refused_untouched(&path, "read-only");
}
