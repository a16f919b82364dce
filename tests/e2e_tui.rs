//! The real binary in a pseudo-terminal: it opens the reader on three
//! fixture briefs, shows a title, picks up a briefing saved while it runs,
//! takes keys, and gives the terminal back.
//!
//! portable-pty gives a real pty (raw mode, window size, SIGWINCH work as
//! over SSH); vt100 renders what the program wrote into a screen, so the
//! test reads the screen a person would see, not escape codes.

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use pty::{Pty, find};

const ROWS: u16 = 24;
const COLS: u16 = 80;

fn write_briefs(dir: &Path) {
    let briefs = [
        (
            "2026-03-04-ferry-timetable.md",
            "+++\ntitle = \"Ferry timetable cut for the winter\"\ndate = 2026-03-04\ntopics = [\"transport\"]\nsource = \"Coastal Courier\"\n+++\n\nThe island ferry will run twice a day until April, the operator Bluewake Lines said.\n",
        ),
        (
            "2026-02-10-orchard-frost.md",
            "+++\ntitle = \"Late frost hits orchard growers\"\ndate = 2026-02-10\ntopics = [\"farming\"]\nsource = \"Valley Post\"\n+++\n\nGrowers around Elmbrook reported damage to early blossom after two nights below freezing.\n",
        ),
        (
            "library-hours.txt",
            "Home | News | Local\n\nLibrary extends evening hours\n\nJanuary 15, 2026\n\nThe central library in Elmbrook will stay open until nine on weekdays.\n",
        ),
    ];
    for (name, text) in briefs {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
}

#[test]

fn reader_opens_on_fixture_briefs_takes_keys_and_restores_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let (briefs, cache, state) = (
        tmp.path().join("briefs"),
        tmp.path().join("cache"),
        tmp.path().join("state"),
    );
    std::fs::create_dir_all(&briefs).unwrap();
    write_briefs(&briefs);

    let mut reader = Pty::brief(
        ROWS,
        COLS,
        &[
            "--briefs",
            briefs.to_str().unwrap(),
            "--cache-dir",
            cache.to_str().unwrap(),
            "--state-dir",
            state.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let pause = Duration::from_millis(200);

    let screen = reader.wait_for("Ferry timetable cut");
    assert!(screen.contains("Late frost hits orchard"), "{screen}");

    // A briefing saved while the reader is open appears without a restart,
    // and the selection stays on the article it was on.
    std::fs::write(
        briefs.join("2026-03-09-harbour-dredging.md"),
        "+++\ntitle = \"Harbour dredging starts early\"\ndate = 2026-03-09\n+++\n\nDredgers arrived on Monday.\n",
    )
    .unwrap();
    let screen = reader.wait_for("Harbour dredging starts");
    assert!(screen.contains("Articles 4"), "{screen}");

    // The new article is listed first, but the selection stayed on the
    // ferry article: one j moves to the frost one, Enter opens it.
    reader.press(b"j", pause);
    reader.press(b"\r", pause);
    reader.wait_for("Growers around Elmbrook");

    // q leaves the reader for the list, q again quits.
    reader.press(b"qq", pause);
    let (code, _) = reader.wait_exit();
    assert_eq!(code, 0, "exit status");

    // The alternate screen was entered, then left; the cursor shown again.
    std::thread::sleep(Duration::from_millis(100));
    let bytes = reader.bytes();
    let entered = find(&bytes, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = find(&bytes, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        find(&bytes[left..], b"\x1b[?25h").is_some()
            || find(&bytes[..left], b"\x1b[?25h").is_some()
    );
    assert!(
        !reader.on_alternate_screen(),
        "terminal left on the alternate screen"
    );
}
