//! The links overlay through the real event loop, in a pseudo-terminal:
//! the opener (a recording fake) gets the URL as one argument after it was
//! confirmed, and `c` writes our own OSC 52 sequence, never the article's.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ARTICLE: &str = "+++\ntitle = \"Harbour dredging plan approved\"\ndate = 2026-05-02\n\
url = \"https://news.example/dredging\"\n+++\n\n\
The council approved the plan ([minutes](https://council.example/minutes?id=7&v=2)).\n\
A trick: https://evil.example/\x1b]52;c;cHduZWQ=\x07 ends here.\n";

fn screen_of(bytes: &[u8]) -> String {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(size(30), size(120), 0);
    parser.process(bytes);
    parser.screen().contents()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn a_confirmed_link_reaches_the_opener_whole_and_c_copies_with_osc52() {
    let tmp = tempfile::tempdir().unwrap();
    let briefs = tmp.path().join("briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::write(briefs.join("dredging.md"), ARTICLE).unwrap();
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
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[open]\ncommand = [\"{}\", \"--new\", \"{{url}}\"]\nosc52 = true\n",
            fake.display()
        ),
    )
    .unwrap();

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args([
        "--briefs",
        briefs.to_str().unwrap(),
        "--cache-dir",
        tmp.path().join("cache").to_str().unwrap(),
        "--state-dir",
        tmp.path().join("state").to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", tmp.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);

    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&out);
    let mut reader = pair.master.try_clone_reader().unwrap();
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let mut keys = pair.master.take_writer().unwrap();
    let timeout = Duration::from_secs(20);
    let wait_for = |what: &str| {
        let start = Instant::now();
        loop {
            let screen = screen_of(&out.lock().unwrap());
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < timeout,
                "`{what}` not on screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    };
    let mut press = |bytes: &[u8]| {
        keys.write_all(bytes).unwrap();
        keys.flush().unwrap();
        thread::sleep(Duration::from_millis(150));
    };

    wait_for("Harbour dredging plan");
    press(b"\r");
    press(b"o");
    let screen = wait_for(" Links ");
    assert!(
        screen.contains("1 https://news.example/dredging"),
        "{screen}"
    );
    assert!(
        screen.contains("2 https://council.example/minutes?id=7&v=2"),
        "{screen}"
    );
    assert!(
        screen.contains("3 ✗ https://evil.example/␛]52;c;cHduZWQ=␇"),
        "{screen}"
    );

    // Shown in full, not opened until confirmed.
    press(b"2");
    wait_for("Open this link?");
    assert!(!record.exists(), "opened before it was confirmed");
    press(b"\r");
    let start = Instant::now();
    while !record.exists() {
        assert!(start.elapsed() < timeout, "the opener never ran");
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(100));
    let args = std::fs::read_to_string(&record).unwrap();
    assert_eq!(args, "--new\nhttps://council.example/minutes?id=7&v=2\n");

    // c on the first link: our own sequence goes out.
    press(b"o");
    wait_for(" Links ");
    press(b"c");
    wait_for("sent to your clipboard: https://news.example/dredging");
    // The hostile link is refused for copying as for opening.
    press(b"3");
    press(b"c");
    wait_for("not copied: the link contains control characters");

    press(b"\x1b");
    press(b"\x1b");
    press(b"q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < timeout, "brief did not exit after q");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");

    let bytes = out.lock().unwrap().clone();
    let ours = b"\x1b]52;c;aHR0cHM6Ly9uZXdzLmV4YW1wbGUvZHJlZGdpbmc=\x07";
    assert!(find(&bytes, ours).is_some(), "our OSC 52 was not written");
    let osc52s = bytes.windows(5).filter(|w| w == b"\x1b]52;").count();
    assert_eq!(osc52s, 1, "exactly one OSC 52, ours");
    assert!(find(&bytes, b"\x1b]52;c;cHduZWQ").is_none());
}
