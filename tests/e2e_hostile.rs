//! Hostile articles and faults, with the real binary in a pseudo-terminal.
//!
//! Articles written to drive a terminal (clear the screen, set its title,
//! write the clipboard, DCS, the 8-bit C1 forms, CR and backspace tricks,
//! unterminated sequences, bidi overrides) in their title, body, tags and
//! file name are opened; every byte the program wrote is then checked. The
//! reader is then ended by SIGHUP or SIGTERM, or by its terminal vanishing,
//! and must exit with 128 + signal, promptly, with the bookmark kept.

#[path = "support/pty.rs"]
mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{PtySize, native_pty_system};

use pty::Pty;

const ROWS: u16 = 30;
const COLS: u16 = 100;
use pty::TIMEOUT;

/// Everything the hostile articles try to send to the terminal.
const PAYLOAD: &str = "clear\x1b[2J title\x1b]0;PWNED-TITLE\x07 clip\x1b]52;c;cm0gLXJm\x07 \
dcs\x1bP1$qm\x1b\\ c1csi\u{9b}2J c1osc\u{9d}0;C1-TITLE\u{9c} c1dcs\u{90}q\u{9c} \
cr\rOVER bs\x08\x08X bidi\u{202a}a\u{202b}b\u{202c}\u{202d}c\u{202e}d \u{2066}e\u{2067}f\u{2068}g\u{2069} \
open\x1b]0;never-closed \x1b[ \x1bP end";

/// TOML cannot hold raw controls: the same payload in `\u` escapes.
fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if c.is_control() || !c.is_ascii() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

struct Session {
    _root: tempfile::TempDir,
    briefs: PathBuf,
    cache: PathBuf,
    state: PathBuf,
}

impl Session {
    fn new() -> Session {
        let root = tempfile::tempdir().unwrap();
        let s = Session {
            briefs: root.path().join("briefs"),
            cache: root.path().join("cache"),
            state: root.path().join("state"),
            _root: root,
        };
        std::fs::create_dir_all(&s.briefs).unwrap();
        s
    }

    fn root(&self) -> &Path {
        self._root.path()
    }

    fn write_hostile_briefs(&self) {
        let md = format!(
            "+++\ntitle = \"Harbour {t} report\"\ndate = 2026-05-01\ntags = [\"{t}\", \"plain\"]\nsource = \"{t}\"\n+++\n\nThe body carries {p} and goes on.\n\n{p}\n",
            t = toml_escaped(PAYLOAD),
            p = PAYLOAD,
        );
        // The file name carries what a file name can: no NUL and no `/`.
        let name = "2026-05-01-\x1b]0;FILE-TITLE\x07-\u{9b}2J-\u{202e}txt.md";
        std::fs::write(self.briefs.join(name), md).unwrap();
        // A Latin-1 file with the raw 8-bit C1 bytes: 0x9B CSI, 0x9D OSC, 0x90 DCS.
        let mut latin1 = b"Latin \xe9t\xe9 \x9b2J \x9d0;RAW-C1-TITLE\x07 \x90q\x9c title\n\nOld text \xa3 \x1b]0;RAW-OSC\x07 here.\n\nJanuary 2, 2026\n".to_vec();
        latin1.extend_from_slice(b"More \x9b31mtext\r and \x08 more.\n");
        // Its name is not UTF-8 either: a raw OSC byte and a BEL.
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"old-\x9d0;latin1\x07.txt");
        std::fs::write(self.briefs.join(name), latin1).unwrap();
        // A file that fails, with a hostile name and a hostile reason.
        std::fs::write(
            self.briefs.join("broken-\x1b]0;FAIL-NAME\x07-\u{202e}.md"),
            "+++\ntitle = \"x\"\n\x1b]0;FAIL-REASON\x07 = 1\n+++\n",
        )
        .unwrap();
    }

    fn brief(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.arg("--briefs")
            .arg(&self.briefs)
            .arg("--cache-dir")
            .arg(&self.cache)
            .arg("--state-dir")
            .arg(&self.state)
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join("config"));
        cmd
    }

    fn bookmarked_titles(&self) -> Vec<String> {
        let out = self
            .brief()
            .args(["list", "--json", "--bookmarked"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.iter()
            .map(|r| r["title"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn open_reader(&self) -> Reader {
        Reader(Pty::brief(
            ROWS,
            COLS,
            &[
                "--briefs",
                self.briefs.to_str().unwrap(),
                "--cache-dir",
                self.cache.to_str().unwrap(),
                "--state-dir",
                self.state.to_str().unwrap(),
            ],
            self.root(),
        ))
    }
}

/// The reader in its pty, with the keys and signals these tests use.
struct Reader(Pty);

impl Reader {
    fn bytes(&self) -> Vec<u8> {
        self.0.bytes()
    }

    fn screen(&self) -> String {
        self.0.screen()
    }

    fn wait_for(&self, what: &str) -> String {
        self.0.wait_for(what)
    }

    fn press(&mut self, keys: &[u8]) {
        self.0.press(keys, Duration::from_millis(200));
    }

    fn signal(&self, name: &str) {
        let pid = self.0.child.process_id().expect("the child has a pid");
        let status = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the program to end; returns its exit code and how long it took.
    fn wait_exit(&mut self) -> (u32, Duration) {
        self.0.wait_exit()
    }
}

/// Checks every byte the program wrote: only its own CSI sequences, no
/// OSC (it sets no title), no DCS or other escape, no C1 control in either
/// form, no backspace or bidi control.
fn assert_terminal_safe(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the program writes UTF-8");
    for (i, c) in text.char_indices() {
        let context = || {
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
                .into_owned()
        };
        match c {
            '\x1b' => assert_eq!(
                bytes.get(i + 1),
                Some(&b'['),
                "an escape that is not the program's own CSI near {:?}",
                context()
            ),
            '\u{80}'..='\u{9f}' => panic!("C1 control U+{:04X} near {:?}", c as u32, context()),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                panic!("bidi control U+{:04X} near {:?}", c as u32, context())
            }
            '\x08' | '\x07' | '\x00' => panic!("control {c:?} near {:?}", context()),
            _ => {}
        }
    }
}

/// Opens the hostile article, the failures overlay and the Latin-1 file,
/// bookmarks the hostile article, and leaves the reader running.
fn read_hostile_articles(s: &Session) -> Reader {
    let mut r = s.open_reader();
    // The title in the list, its escapes shown as harmless text.
    let screen = r.wait_for("Harbour clear␛[2J");
    assert!(!screen.contains("PWNED-TITLE\n"), "{screen}");
    r.press(b"\r");
    r.wait_for("The body carries clear␛[2J");
    r.press(b"b");
    // Every hostile piece the body holds, made visible.
    let screen = r.screen();
    for visible in [
        "␛]0;PWNED-TITLE␇",
        "␛]52;c;",
        "␛P1$qm␛\\",
        "␛[2J",
        "<RLO>",
        "␍OVER",
    ] {
        assert!(screen.contains(visible), "`{visible}` not shown:\n{screen}");
    }
    // Prompt echo: what is typed is shown made safe, then searched for.
    r.press(b"\x1b");
    r.press(b"/");
    r.press("zz\u{9b}2J\u{202e}".as_bytes());
    r.wait_for("zz␛[2J<RLO>");
    r.press(b"\x1b");
    // A tag typed with a bidi isolate is saved, and shown made safe.
    r.press(b"t");
    r.press("\u{2066}mine".as_bytes());
    r.press(b"\r");
    // The list row may only count the tags; the reader lists them all.
    r.press(b"\r");
    r.wait_for("<LRI>mine");
    r.press(b"\x1b");
    // The failures overlay shows the hostile file name and reason.
    r.press(b"F");
    r.wait_for("FAIL-NAME");
    r.press(b"\x1b");
    // The Latin-1 file: its raw C1 bytes opened too.
    r.press(b"G\r");
    r.wait_for("Old text £");
    r.press(b"\x1b");
    // The bookmark is committed before any signal comes.
    let start = Instant::now();
    while s.bookmarked_titles().is_empty() {
        assert!(start.elapsed() < TIMEOUT, "the bookmark was never saved");
        thread::sleep(Duration::from_millis(100));
    }
    r
}

fn signal_ends_the_reader(signal: &str, expected: u32) {
    let s = Session::new();
    s.write_hostile_briefs();
    let mut r = read_hostile_articles(&s);
    r.signal(signal);
    let (code, _) = r.wait_exit();
    assert_eq!(code, expected, "exit code after SIG{signal}");
    thread::sleep(Duration::from_millis(100));
    let bytes = r.bytes();
    assert_terminal_safe(&bytes);
    // The terminal was given back: the alternate screen left at the end.
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    );
    parser.process(&bytes);
    assert!(!parser.screen().alternate_screen());
    let bookmarked = s.bookmarked_titles();
    assert_eq!(bookmarked.len(), 1, "{bookmarked:?}");
    assert!(bookmarked[0].starts_with("Harbour clear"), "{bookmarked:?}");
}

#[test]
fn hostile_article_never_reaches_the_terminal_and_sighup_exits_129_keeping_state() {
    signal_ends_the_reader("HUP", 129);
}

#[test]
fn sigterm_exits_143_keeping_state() {
    signal_ends_the_reader("TERM", 143);
}

#[test]
fn a_vanished_terminal_ends_the_reader_within_a_second() {
    let s = Session::new();
    s.write_hostile_briefs();
    let mut r = read_hostile_articles(&s);
    // Close every copy of the master side: what an SSH drop does to the pty.
    r.0.vanish();
    let closed = Instant::now();
    let (code, _) = r.wait_exit();
    let took = closed.elapsed();
    eprintln!("ended {took:?} after its terminal vanished");
    assert_eq!(code, 129, "a vanished terminal is a hangup");
    assert!(took < Duration::from_secs(1), "took {took:?} to notice");
    assert_eq!(s.bookmarked_titles().len(), 1);
}

#[test]
#[should_panic(expected = "not the program's own CSI")]
fn the_byte_check_catches_an_osc() {
    assert_terminal_safe(b"ok \x1b[1m \x1b]0;title\x07");
}

#[test]
#[should_panic(expected = "C1 control U+009B")]
fn the_byte_check_catches_a_c1_csi() {
    assert_terminal_safe("ok \u{9b}2J".as_bytes());
}

/// The terminal vanishes with no SIGHUP: the pty is not the program's
/// controlling terminal, as under some session managers and `nohup`-like
/// wrappers. crossterm's reader spins on the dead terminal rather than
/// failing, so only the watchdog can notice; it must, within a second.
#[test]
fn a_vanished_terminal_without_sighup_is_noticed_within_a_second() {
    let s = Session::new();
    s.write_hostile_briefs();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let name = pair.master.tty_name().expect("the pty has a name");
    let slave = || {
        std::fs::File::options()
            .read(true)
            .write(true)
            .open(&name)
            .unwrap()
    };
    // A plain spawn: no new session, so the pty never becomes the
    // program's controlling terminal and closing it sends no signal.
    let mut child = s
        .brief()
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .stdin(slave())
        .stdout(slave())
        .stderr(slave())
        .spawn()
        .unwrap();
    drop(pair.slave);
    let (out, stop) = pty::capture(pair.master.as_ref());
    let mut keys = pair.master.take_writer().unwrap();
    let start = Instant::now();
    while !String::from_utf8_lossy(&out.lock().unwrap()).contains("Harbour") {
        assert!(start.elapsed() < TIMEOUT, "the reader never drew");
        thread::sleep(Duration::from_millis(50));
    }
    thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::SeqCst);
    keys.write_all(b"j").unwrap();
    keys.flush().unwrap();
    thread::sleep(Duration::from_millis(300));
    let closed = Instant::now();
    drop(keys);
    drop(pair.master);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if closed.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("brief kept running on a vanished terminal");
        }
        thread::sleep(Duration::from_millis(10));
    };
    let took = closed.elapsed();
    eprintln!("ended {took:?} after its terminal vanished (no SIGHUP)");
    assert_eq!(status.code(), Some(129), "{status:?}");
    assert!(took < Duration::from_secs(1), "took {took:?} to notice");
}
