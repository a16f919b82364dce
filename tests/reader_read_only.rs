//! The reader started on a state folder that cannot be written: it opens
//! anyway, for reading, says that nothing will be saved, and quits cleanly.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn screen_of(bytes: &[u8]) -> String {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(size(24), size(140), 0);
    parser.process(bytes);
    parser.screen().contents()
}

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

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 140,
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
        blocker.join("state").to_str().unwrap(),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", tmp.path());
    cmd.env("XDG_CONFIG_HOME", tmp.path().join("config"));
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

    // The article is listed (the index is built) and the warning shown.
    wait_for("Ferry timetable cut");
    wait_for("read-only: changes will not be saved (cannot write the state: cannot create");
    // Opening it works; marking it read is reported as not saved.
    keys.write_all(b"\r").unwrap();
    keys.flush().unwrap();
    wait_for("The island ferry will run");
    wait_for("could not save the read mark");

    keys.write_all(b"q").unwrap();
    keys.flush().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < timeout, "brief did not exit after q");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    assert!(!blocker.join("state").exists());
}
