//! The real binary in a pseudo-terminal: it opens the reader on three
//! fixture briefs, shows a title, picks up a briefing saved while it runs,
//! takes keys, and gives the terminal back.
//!
//! portable-pty gives a real pty (raw mode, window size, SIGWINCH work as
//! over SSH); vt100 renders what the program wrote into a screen, so the
//! test reads the screen a person would see, not escape codes.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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

/// Everything the program wrote, shared with the thread reading the pty.
struct Output(Arc<Mutex<Vec<u8>>>);

impl Output {
    fn screen(&self) -> String {
        let mut parser = parser();
        parser.process(&self.0.lock().unwrap());
        parser.screen().contents()
    }

    fn wait_for(&self, what: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < timeout,
                "`{what}` not on screen after {timeout:?}:\n{screen}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

fn parser() -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    vt100::Parser::new(size(ROWS), size(COLS), 0)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args([
        "--briefs",
        briefs.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    // No user config from the machine running the test.
    cmd.env("HOME", tmp.path());
    cmd.env("XDG_CONFIG_HOME", tmp.path().join("config"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);

    let out = Output(Arc::new(Mutex::new(Vec::new())));
    let sink = Arc::clone(&out.0);
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

    let screen = out.wait_for("Ferry timetable cut", timeout);
    assert!(screen.contains("Late frost hits orchard"), "{screen}");

    // A briefing saved while the reader is open appears without a restart,
    // and the selection stays on the article it was on.
    std::fs::write(
        briefs.join("2026-03-09-harbour-dredging.md"),
        "+++\ntitle = \"Harbour dredging starts early\"\ndate = 2026-03-09\n+++\n\nDredgers arrived on Monday.\n",
    )
    .unwrap();
    let screen = out.wait_for("Harbour dredging starts", timeout);
    assert!(screen.contains("Articles 4"), "{screen}");

    // The new article is listed first, but the selection stayed on the
    // ferry article: one j moves to the frost one, Enter opens it.
    keys.write_all(b"j").unwrap();
    keys.flush().unwrap();
    thread::sleep(Duration::from_millis(200));
    keys.write_all(b"\r").unwrap();
    keys.flush().unwrap();
    out.wait_for("Growers around Elmbrook", timeout);

    keys.write_all(b"q").unwrap();
    keys.flush().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < timeout,
            "brief did not exit after q:\n{}",
            out.screen()
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");

    // The alternate screen was entered, then left; the cursor shown again.
    thread::sleep(Duration::from_millis(100));
    let bytes = out.bytes();
    let entered = find(&bytes, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = find(&bytes, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        find(&bytes[left..], b"\x1b[?25h").is_some()
            || find(&bytes[..left], b"\x1b[?25h").is_some()
    );
    let mut parser = parser();
    parser.process(&bytes);
    assert!(
        !parser.screen().alternate_screen(),
        "terminal left on the alternate screen"
    );
}
