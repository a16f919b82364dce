//! The reader started on a state folder that cannot be written: it opens
//! anyway, for reading, says that nothing will be saved, and quits cleanly.

#[path = "support/pty.rs"]
mod pty;

use std::time::Duration;

use pty::Pty;

#[test]
fn an_unwritable_state_folder_opens_the_reader_read_only_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let briefs = tmp.path().join("briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::write(
        briefs.join("ferry.md"),
        "+++\ntitle = \"Ferry timetable cut for the winter\"\ndate = 2026-03-04\n+++\n\nThe island ferry will run twice a day.\n",
    )
    .unwrap();
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();

    let mut reader = Pty::brief(
        24,
        140,
        &[
            "--briefs",
            briefs.to_str().unwrap(),
            "--cache-dir",
            tmp.path().join("cache").to_str().unwrap(),
            "--state-dir",
            blocker.join("state").to_str().unwrap(),
        ],
        tmp.path(),
    );
    let pause = Duration::from_millis(50);

    // The article is listed (the index is built) and the warning shown.
    reader.wait_for("Ferry timetable cut");
    reader.wait_for("read-only: changes will not be saved (cannot write the state: cannot create");
    // Opening it works; marking it read is reported as not saved.
    reader.press(b"\r", pause);
    reader.wait_for("The island ferry will run");
    reader.wait_for("could not save the read mark");

    // q back to the list, q quits.
    reader.press(b"qq", pause);
    let (code, _) = reader.wait_exit();
    assert_eq!(code, 0, "exit status");
    assert!(!blocker.join("state").exists());
}
