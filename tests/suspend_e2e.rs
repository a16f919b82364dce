//! Ctrl-Z in a real pty: the reader gives the terminal back and stops, and
//! when continued takes it again and paints the whole screen; started as a
//! session's first process (no shell to return to), it refuses instead of
//! freezing the terminal.

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{Pty, TIMEOUT, find};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const CTRL_Z: &[u8] = b"\x1a";

fn write_briefs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("2026-03-04-ferry-timetable.md"),
        "+++\ntitle = \"Ferry timetable cut for the winter\"\ndate = 2026-03-04\n+++\n\nThe island ferry will run twice a day until April.\n",
    )
    .unwrap();
}

fn args(tmp: &Path) -> Vec<String> {
    let dir = |name: &str| tmp.join(name).to_str().unwrap().to_string();
    vec![
        "--briefs".into(),
        dir("briefs"),
        "--cache-dir".into(),
        dir("cache"),
        "--state-dir".into(),
        dir("state"),
    ]
}

/// The state letter of /proc/PID/stat (R, S, T, …).
fn state_of(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses, which may hold spaces.
    stat[stat.rfind(')')? + 1..].trim_start().chars().next()
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 1..]
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The child process of `parent`, once it has one.
fn child_of(parent: u32) -> u32 {
    let start = Instant::now();
    loop {
        let found = std::fs::read_dir("/proc").unwrap().find_map(|e| {
            let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
            (parent_of(pid) == Some(parent)).then_some(pid)
        });
        if let Some(pid) = found {
            return pid;
        }
        assert!(start.elapsed() < TIMEOUT, "no child of {parent}");
        thread::sleep(Duration::from_millis(20));
    }
}

fn wait_state(pid: u32, want: impl Fn(char) -> bool, what: &str) -> char {
    let start = Instant::now();
    loop {
        if let Some(state) = state_of(pid).filter(|s| want(*s)) {
            return state;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "brief not {what}: {:?}",
            state_of(pid)
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_stops_with_the_terminal_restored_and_continuing_repaints_it() {
    let tmp = tempfile::tempdir().unwrap();
    write_briefs(&tmp.path().join("briefs"));
    // Under a shell, as a user runs it: brief is then not the session's
    // leader, so it has a shell to return to.
    let mut cmd = CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg("\"$0\" \"$@\"; echo \"brief ended $?\"");
    cmd.arg(env!("CARGO_BIN_EXE_brief"));
    cmd.args(args(tmp.path()));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", tmp.path());
    cmd.env("XDG_CONFIG_HOME", tmp.path().join("config"));
    let mut reader = Pty::spawn(ROWS, COLS, cmd);
    let shell = reader.child.process_id().expect("the shell has a pid");
    let brief = child_of(shell);

    reader.wait_for("Ferry timetable cut");
    assert!(reader.on_alternate_screen());
    reader.press(CTRL_Z, Duration::from_millis(100));
    wait_state(brief, |s| s == 'T', "stopped");
    let stopped = reader.bytes();
    assert!(!reader.on_alternate_screen(), "the shell's screen is back");
    let tail = &stopped[stopped.len().saturating_sub(64)..];
    assert!(
        find(tail, b"\x1b[?25h").is_some() && find(tail, b"\x1b[r").is_some(),
        "cursor shown and scroll region reset: {tail:?}"
    );

    // What the shell's `fg` does.
    let status = std::process::Command::new("kill")
        .args(["-CONT", &brief.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_state(brief, |s| s != 'T', "continued");
    let start = Instant::now();
    loop {
        let after = &reader.bytes()[stopped.len()..];
        // Nothing changed while it was stopped, so only a full repaint
        // writes the title again.
        if find(after, b"Ferry timetable cut").is_some() {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "not repainted: {after:?}");
        thread::sleep(Duration::from_millis(50));
    }
    assert!(reader.on_alternate_screen());
    let screen = reader.wait_for("Ferry timetable cut");
    assert!(screen.contains("Articles 1"), "{screen}");

    // It still takes keys, and quits as usual.
    reader.press(b"q", Duration::from_millis(100));
    let (code, _) = reader.wait_exit();
    assert_eq!(code, 0);
    assert!(
        reader.screen().contains("brief ended 0"),
        "{}",
        reader.screen()
    );
}

#[test]
fn with_no_shell_to_return_to_ctrl_z_says_so_and_keeps_reading() {
    let tmp = tempfile::tempdir().unwrap();
    write_briefs(&tmp.path().join("briefs"));
    let args = args(tmp.path());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Spawned straight into the pty, brief leads its own session, as
    // under `ssh -t host brief`.
    let mut reader = Pty::brief(ROWS, COLS, &args, tmp.path());
    let pid = reader.child.process_id().expect("brief has a pid");
    reader.wait_for("Ferry timetable cut");
    reader.press(CTRL_Z, Duration::from_millis(100));
    let screen = reader.wait_for("not suspended");
    assert!(screen.contains("Ferry timetable cut"), "{screen}");
    assert_ne!(state_of(pid), Some('T'));
    assert!(reader.on_alternate_screen());
    reader.press(b"q", Duration::from_millis(100));
    assert_eq!(reader.wait_exit().0, 0);
}
