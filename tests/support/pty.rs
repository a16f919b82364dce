//! The real binary in a pseudo-terminal, for the end-to-end tests: spawn it
//! at a size, keep every byte it writes, read the screen back through a
//! terminal emulator (vt100), type keys, wait for it to end. Shared by the
//! pty suites through `#[path = "support/pty.rs"] mod pty;`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on a busy 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// What a terminal of this size shows after these bytes.
pub fn screen_of(bytes: &[u8], rows: u16, cols: u16) -> String {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(size(rows), size(cols), 0);
    parser.process(bytes);
    parser.screen().contents()
}

/// Whether the terminal is left on the alternate screen after these bytes.
pub fn on_alternate_screen(bytes: &[u8], rows: u16, cols: u16) -> bool {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(size(rows), size(cols), 0);
    parser.process(bytes);
    parser.screen().alternate_screen()
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Keeps everything written to the pty's master side, on a thread of its
/// own, until the pty closes or, once the flag is set, the next read.
/// Its copy of the master must close too for the pty to hang up (see
/// `Pty::vanish`), hence the flag.
pub fn capture(master: &dyn MasterPty) -> (Arc<Mutex<Vec<u8>>>, Arc<AtomicBool>) {
    let out = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (sink, stopped) = (Arc::clone(&out), Arc::clone(&stop));
    let mut reader = master.try_clone_reader().unwrap();
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
            if stopped.load(Ordering::SeqCst) {
                break;
            }
        }
    });
    (out, stop)
}

/// A program running in a pty, with everything it wrote so far.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    keys: Option<Box<dyn Write + Send>>,
    out: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    rows: u16,
    cols: u16,
}

impl Pty {
    /// Runs the brief binary with `args` in a `rows`×`cols` pty, with
    /// TERM=xterm-256color, a UTF-8 locale and `home` as HOME (so no user
    /// config of the machine running the test is read).
    pub fn brief(rows: u16, cols: u16, args: &[&str], home: &Path) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        Pty::spawn(rows, cols, cmd)
    }

    pub fn spawn(rows: u16, cols: u16, cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let (out, stop) = capture(pair.master.as_ref());
        let keys = pair.master.take_writer().unwrap();
        Pty {
            child,
            master: Some(pair.master),
            keys: Some(keys),
            out,
            stop,
            rows,
            cols,
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.out.lock().unwrap().clone()
    }

    pub fn screen(&self) -> String {
        screen_of(&self.bytes(), self.rows, self.cols)
    }

    pub fn on_alternate_screen(&self) -> bool {
        on_alternate_screen(&self.bytes(), self.rows, self.cols)
    }

    /// The screen once it shows `what`; fails the test after [`TIMEOUT`].
    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "`{what}` not on screen after {TIMEOUT:?}:\n{screen}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `keys`, then gives the program `pause` to answer.
    pub fn press(&mut self, keys: &[u8], pause: Duration) {
        let writer = self.keys.as_mut().expect("the terminal is open");
        writer.write_all(keys).unwrap();
        writer.flush().unwrap();
        thread::sleep(pause);
    }

    /// Waits for the program to end: its exit code and how long it took.
    pub fn wait_exit(&mut self) -> (u32, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let took = start.elapsed();
                self.drain();
                return (status.exit_code(), took);
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("brief did not exit:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Gives the capture thread what the program wrote just before it
    /// ended (still in the pty's buffer when the exit is seen): waits until
    /// nothing new has come for 200 ms, two seconds at most.
    fn drain(&self) {
        let until = Instant::now() + Duration::from_secs(2);
        let mut seen = self.out.lock().unwrap().len();
        let mut quiet_since = Instant::now();
        while Instant::now() < until && quiet_since.elapsed() < Duration::from_millis(200) {
            thread::sleep(Duration::from_millis(20));
            let now = self.out.lock().unwrap().len();
            if now != seen {
                seen = now;
                quiet_since = Instant::now();
            }
        }
    }

    /// What an SSH drop does to the pty: the output reader stops (after
    /// one more key wakes the program to write: `?`, which always changes
    /// the screen, since a key that changes nothing writes nothing), then
    /// every copy of the master side closes.
    pub fn vanish(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.press(b"?", Duration::from_millis(300));
        drop(self.keys.take());
        drop(self.master.take());
    }
}
