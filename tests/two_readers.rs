//! Two real readers on one state, each in its own pty: whatever one of
//! them saves, the other shows within `refresh_ms`, whoever wrote last
//! (issue 13). The bug this guards against: a session that wrote after the
//! other one took the other's commit for its own and never reloaded.

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::Pty;

const ROWS: u16 = 24;
const COLS: u16 = 140;
/// What the readers are configured with; the margin covers a debug build on
/// a busy machine drawing the change.
const REFRESH_MS: u64 = 500;
const MARGIN: Duration = Duration::from_millis(2500);

fn write_briefs(dir: &Path) {
    let briefs = [
        (
            "2026-03-04-ferry.md",
            "+++\ntitle = \"Ferry timetable cut\"\ndate = 2026-03-04\n+++\n\nThe island ferry will run twice a day.\n",
        ),
        (
            "2026-02-10-frost.md",
            "+++\ntitle = \"Late frost hits orchards\"\ndate = 2026-02-10\n+++\n\nGrowers reported damage to early blossom.\n",
        ),
    ];
    for (name, text) in briefs {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
}

struct Setup {
    _tmp: tempfile::TempDir,
    args: Vec<String>,
    home: std::path::PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let briefs = root.join("briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    write_briefs(&briefs);
    let config = root.join("config.toml");
    std::fs::write(
        &config,
        format!("[ui]\nrefresh_ms = {REFRESH_MS}\nwatch = false\nsidebar = false\n"),
    )
    .unwrap();
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let args = vec![
        "--config".into(),
        path(&config),
        "--briefs".into(),
        path(&briefs),
        "--cache-dir".into(),
        path(&root.join("cache")),
        "--state-dir".into(),
        path(&root.join("state")),
    ];
    Setup {
        home: root.to_path_buf(),
        args,
        _tmp: tmp,
    }
}

fn reader(setup: &Setup) -> Pty {
    let args: Vec<&str> = setup.args.iter().map(String::as_str).collect();
    let pty = Pty::brief(ROWS, COLS, &args, &setup.home);
    pty.wait_for("Ferry timetable cut");
    pty
}

/// The screen shows `what` within the refresh period and the margin.
fn shows_within(pty: &Pty, what: &str, since: Instant) {
    let limit = Duration::from_millis(REFRESH_MS) + MARGIN;
    loop {
        let screen = pty.screen();
        if screen.contains(what) {
            return;
        }
        assert!(
            since.elapsed() < limit,
            "`{what}` not shown {limit:?} after the other session wrote it:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn tag(pty: &mut Pty, name: &str) {
    pty.press(b"t", Duration::from_millis(150));
    pty.press(name.as_bytes(), Duration::from_millis(50));
    pty.press(b"\r", Duration::from_millis(0));
}

#[test]
fn each_reader_shows_the_others_tags_whoever_wrote_last() {
    let setup = setup();
    let mut a = reader(&setup);
    let mut b = reader(&setup);

    // A tags the first article, and B tags the same one right after, before
    // its next look for changes: B must still come to show A's tag.
    tag(&mut a, "alpha");
    a.wait_for("#alpha");
    let a_wrote = Instant::now();
    tag(&mut b, "beta");
    b.wait_for("#beta");
    shows_within(&b, "#alpha", a_wrote);
    let b_wrote = Instant::now();
    shows_within(&a, "#beta", b_wrote);

    // Now the other way round: B writes first, A last.
    tag(&mut b, "gamma");
    b.wait_for("#gamma");
    let b_wrote = Instant::now();
    tag(&mut a, "delta");
    a.wait_for("#delta");
    shows_within(&a, "#gamma", b_wrote);
    shows_within(&b, "#delta", Instant::now());

    for mut pty in [a, b] {
        pty.press(b"q", Duration::from_millis(100));
        let (code, _) = pty.wait_exit();
        assert_eq!(code, 0);
    }
}

#[test]
fn read_marks_and_bookmarks_reach_the_other_reader() {
    let setup = setup();
    let mut a = reader(&setup);
    let b = reader(&setup);
    // B shows only unread articles: A marking one read takes it off B's list.
    let mut b = b;
    b.press(b"U", Duration::from_millis(300));
    b.wait_for("Late frost hits orchards");
    a.press(b"j", Duration::from_millis(100));
    a.press(b"m", Duration::from_millis(0));
    let a_wrote = Instant::now();
    let limit = Duration::from_millis(REFRESH_MS) + MARGIN;
    while b.screen().contains("Late frost hits orchards") {
        assert!(
            a_wrote.elapsed() < limit,
            "B still lists the article A marked read:\n{}",
            b.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    for mut pty in [a, b] {
        pty.press(b"q", Duration::from_millis(100));
        pty.wait_exit();
    }
}
