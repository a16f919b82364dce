//! The links overlay through the real event loop, in a pseudo-terminal:
//! the opener (a recording fake) gets the URL as one argument after it was
//! confirmed, and `c` writes our own OSC 52 sequence, never the article's;
//! the reader's link numbers are the list's and link text is an OSC 8
//! hyperlink to the checked URL.

#[path = "support/pty.rs"]
mod pty;

use std::os::unix::fs::PermissionsExt;
use std::thread;
use std::time::{Duration, Instant};

use pty::{Pty, TIMEOUT, find};

const ARTICLE: &str = "+++\ntitle = \"Harbour dredging plan approved\"\ndate = 2026-05-02\n\
url = \"https://news.example/dredging\"\n+++\n\n\
The council approved the plan ([minutes](https://council.example/minutes?id=7&v=2)).\n\
A trick: https://evil.example/\x1b]52;c;cHduZWQ=\x07 ends here.\n\n\
The [caf\u{e9} menu](https://council.example/caf\u{e9}) is up.\n";

/// The reader in a pty on one article, with `config`.
struct Session(Pty);

impl Session {
    fn start(tmp: &std::path::Path, config: &str) -> Session {
        let briefs = tmp.join("briefs");
        std::fs::create_dir_all(&briefs).unwrap();
        std::fs::write(briefs.join("dredging.md"), ARTICLE).unwrap();
        let config_path = tmp.join("config.toml");
        std::fs::write(&config_path, config).unwrap();
        Session(Pty::brief(
            30,
            120,
            &[
                "--briefs",
                briefs.to_str().unwrap(),
                "--cache-dir",
                tmp.join("cache").to_str().unwrap(),
                "--state-dir",
                tmp.join("state").to_str().unwrap(),
                "--config",
                config_path.to_str().unwrap(),
            ],
            tmp,
        ))
    }

    fn wait_for(&self, what: &str) -> String {
        self.0.wait_for(what)
    }

    fn press(&mut self, bytes: &[u8]) {
        self.0.press(bytes, Duration::from_millis(150));
    }

    /// Quits with q and returns everything written.
    fn quit(mut self) -> Vec<u8> {
        // q goes back a level at a time (overlay, reader), then quits.
        self.press(b"qqq");
        let (code, _) = self.0.wait_exit();
        assert_eq!(code, 0, "exit status");
        self.0.bytes()
    }
}

#[test]
fn a_confirmed_link_reaches_the_opener_whole_and_c_copies_with_osc52() {
    let tmp = tempfile::tempdir().unwrap();
    let record = tmp.path().join("opened");
    let fake = tmp.path().join("fake-opener");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = format!(
        "[open]\ncommand = [\"{}\", \"--new\", \"{{url}}\"]\nosc52 = true\n",
        fake.display()
    );
    let mut s = Session::start(tmp.path(), &config);

    s.wait_for("Harbour dredging plan");
    s.press(b"\r");
    // The reader numbers each link as the list does: the source URL is
    // [1], the Markdown link [2], the bare (hostile) URL [3].
    let reader = s.wait_for("minutes[2]");
    assert!(
        reader.contains("https://news.example/dredging [1]"),
        "{reader}"
    );
    assert!(reader.contains("[3]"), "{reader}");
    assert!(reader.contains("café menu[4]"), "{reader}");
    s.press(b"o");
    let screen = s.wait_for(" Links ");
    assert!(
        screen.contains("1 https://news.example/dredging"),
        "{screen}"
    );
    assert!(
        screen.contains("2 minutes https://council.example/minutes?id=7&v=2"),
        "{screen}"
    );
    assert!(
        screen.contains("3 ✗ https://evil.example/␛]52;c;cHduZWQ=␇"),
        "{screen}"
    );
    assert!(
        screen.contains("4 café menu https://council.example/café"),
        "{screen}"
    );

    // Shown in full, not opened until confirmed.
    s.press(b"2");
    s.wait_for("Open this link?");
    assert!(!record.exists(), "opened before it was confirmed");
    s.press(b"\r");
    let start = Instant::now();
    while !record.exists() {
        assert!(start.elapsed() < TIMEOUT, "the opener never ran");
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(100));
    let args = std::fs::read_to_string(&record).unwrap();
    assert_eq!(args, "--new\nhttps://council.example/minutes?id=7&v=2\n");

    // c on the first link: our own sequence goes out.
    s.press(b"o");
    s.wait_for(" Links ");
    s.press(b"c");
    s.wait_for("sent to the terminal's clipboard (tmux needs set-clipboard on)");
    // The hostile link is refused for copying as for opening.
    s.press(b"3");
    s.press(b"c");
    s.wait_for("not copied: the link contains control characters");
    s.press(b"\x1b");
    s.press(b"\x1b");

    let bytes = s.quit();
    let ours = b"\x1b]52;c;aHR0cHM6Ly9uZXdzLmV4YW1wbGUvZHJlZGdpbmc=\x1b\\";
    assert!(find(&bytes, ours).is_some(), "our OSC 52 was not written");
    let osc52s = bytes.windows(5).filter(|w| w == b"\x1b]52;").count();
    assert_eq!(osc52s, 1, "exactly one OSC 52, ours");
    assert!(find(&bytes, b"\x1b]52;c;cHduZWQ").is_none());

    // The link read as "minutes[2]" went out as an OSC 8 hyperlink to the
    // checked URL; the hostile URL never did.
    let minutes =
        b"\x1b]8;id=0;https://council.example/minutes?id=7&v=2\x1b\\minutes\x1b]8;;\x1b\\";
    assert!(find(&bytes, minutes).is_some(), "no OSC 8 for the link");
    assert!(
        find(&bytes, b"\x1b]8;id=1;").is_none(),
        "the hostile link was linked"
    );
    // Outside printable ASCII the URL is percent-encoded in the sequence
    // (the link read as "café menu[4]").
    let cafe = "\x1b]8;id=2;https://council.example/caf%C3%A9\x1b\\café menu\x1b]8;;\x1b\\";
    assert!(
        find(&bytes, cafe.as_bytes()).is_some(),
        "no percent-encoded OSC 8 for the café link"
    );
    assert!(find(&bytes, "]8;id=2;https://council.example/café".as_bytes()).is_none());
    let osc8_opens = bytes.windows(5).filter(|w| w == b"\x1b]8;i").count();
    let osc8_closes = bytes.windows(7).filter(|w| w == b"\x1b]8;;\x1b\\").count();
    assert_eq!(osc8_opens, osc8_closes, "every link closed");
}

#[test]
fn a_missing_opener_and_copying_turned_off_are_reported_in_the_status_line() {
    let tmp = tempfile::tempdir().unwrap();
    let config = "[open]\ncommand = [\"/nonexistent/brief-test-opener\"]\n";
    let mut s = Session::start(tmp.path(), config);
    s.wait_for("Harbour dredging plan");
    s.press(b"o");
    s.wait_for(" Links ");
    s.press(b"c");
    s.wait_for("copying is off: set `osc52 = true` under [open]");
    s.press(b"1");
    s.press(b"y");
    s.wait_for("not opened: the opener `/nonexistent/brief-test-opener` was not found");
    let bytes = s.quit();
    assert!(
        find(&bytes, b"\x1b]52;").is_none(),
        "copied while turned off"
    );
}

#[test]
fn an_opener_that_fails_is_reported_at_the_next_wake_up() {
    let tmp = tempfile::tempdir().unwrap();
    let config = "[ui]\nrefresh_ms = 200\n\n[open]\ncommand = [\"/bin/false\"]\n";
    let mut s = Session::start(tmp.path(), config);
    s.wait_for("Harbour dredging plan");
    s.press(b"o");
    s.press(b"1");
    s.press(b"\r");
    s.wait_for("the opener `/bin/false` exited with status 1: the link may not have opened");
    s.quit();
}
