//! Corrections made in one running reader show in a second one at its
//! next refresh, both real binaries in pseudo-terminals over the same
//! state and cache; and they outlive the cache.

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use pty::Pty;

const ROWS: u16 = 40;
const COLS: u16 = 120;

fn reader(dirs: &[&str], home: &Path) -> Pty {
    Pty::brief(ROWS, COLS, dirs, home)
}

/// The screen once `ok` holds for it; fails after 20 s.
fn wait_until(p: &Pty, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let s = p.screen();
        if ok(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{what}:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_correction_in_one_reader_shows_in_another_and_survives_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let (briefs, cache, state) = (
        tmp.path().join("briefs"),
        tmp.path().join("cache"),
        tmp.path().join("state"),
    );
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::write(
        briefs.join("talks.md"),
        "+++\ntitle = \"Envoys meet by the lake\"\ndate = 2026-03-04\n+++\n\nTomas Berglund met envoys in Geneva on Monday.\n",
    )
    .unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(&config, "[ui]\nrefresh_ms = 200\n").unwrap();
    let args = [
        "--briefs",
        briefs.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ];
    let pause = Duration::from_millis(300);
    // One after the other, so the second opens on the index the first built.
    let mut a = reader(&args, tmp.path());
    a.wait_for("Envoys meet by the lake");
    let mut b = reader(&args, tmp.path());
    b.wait_for("Envoys meet by the lake");
    for p in [&mut a, &mut b] {
        p.press(b"\r", pause);
        p.wait_for("Tomas Berglund");
    }
    let named_people = |s: &str| s.lines().any(|l| l.contains("│People"));
    let s = b.screen();
    assert!(named_people(&s), "{s}");
    // In a: the sidebar, the page of its first name, "not an entity".
    a.press(b"\t", pause);
    a.press(b"\r", pause);
    a.wait_for("Tomas Berglund · person");
    a.press(b"x", pause);
    // The sidebar's People (Tomas Berglund alone) are gone; the article
    // text still names him, as written.
    wait_until(&a, "a drops the name", |s| {
        s.contains("Geneva") && !named_people(s) && s.contains("not an entity")
    });
    // b was not touched: it sees the change at its next refresh.
    wait_until(&b, "b drops the name", |s| {
        s.contains("Geneva") && !named_people(s)
    });

    for p in [&mut a, &mut b] {
        p.press(b"q", pause);
        p.press(b"q", pause);
        p.wait_exit();
    }
    // The cache deleted: the index is rebuilt, the correction still holds.
    std::fs::remove_dir_all(&cache).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .args(["entities"])
        .env("HOME", tmp.path())
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("Geneva") && !listed.contains("Berglund"),
        "{listed}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .args(["entity", "corrections"])
        .env("HOME", tmp.path())
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("ignore Tomas Berglund (person): not an entity"),
        "{listed}"
    );
}
