//! The opener run for real, with a recording fake in place of a browser: a
//! small script (the fake may be a script; brief itself never runs a
//! shell) that writes each argument it gets on its own line.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use brief::open::{OpenError, Refusal, command_line, spawn};

struct Fake {
    dir: tempfile::TempDir,
    program: PathBuf,
}

impl Fake {
    /// A fake opener that appends its arguments to `args-<pid>` and notes
    /// where its standard streams point, then writes `done-<pid>`.
    fn new() -> Fake {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("fake-opener");
        let out = dir.path().display().to_string();
        assert!(!out.contains(['\'', ' ']), "temp dir must be plain: {out}");
        let script = format!(
            "#!/bin/sh\n\
             for a in \"$@\"; do printf '%s\\n' \"$a\" >> '{out}/args-'$$; done\n\
             s0=$(readlink /proc/$$/fd/0); s1=$(readlink /proc/$$/fd/1); s2=$(readlink /proc/$$/fd/2)\n\
             printf '%s\\n' \"$s0\" \"$s1\" \"$s2\" > '{out}/fds-'$$\n\
             echo 'this must not reach the terminal'\n\
             echo 'nor this' >&2\n\
             : > '{out}/done-'$$\n"
        );
        fs::write(&program, script).unwrap();
        fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).unwrap();
        Fake { dir, program }
    }

    fn command(&self) -> Vec<String> {
        vec![self.program.display().to_string()]
    }

    /// Waits for one run to finish; its pid and its arguments.
    fn wait_for_run(&self) -> (u32, Vec<String>) {
        let started = Instant::now();
        loop {
            let done = fs::read_dir(self.dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_prefix("done-")?
                        .parse::<u32>()
                        .ok()
                })
                .next();
            if let Some(pid) = done {
                let args = fs::read_to_string(self.dir.path().join(format!("args-{pid}")))
                    .unwrap_or_default();
                return (pid, args.lines().map(str::to_string).collect());
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the fake opener never ran"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Runs the opener on `url` and returns the arguments the fake received.
fn open_with_fake(url: &str) -> (Fake, u32, Vec<String>) {
    let fake = Fake::new();
    let argv = command_line(&fake.command(), url).unwrap();
    spawn(&argv).unwrap();
    let (pid, args) = fake.wait_for_run();
    (fake, pid, args)
}

fn wait_until_gone(pid: u32) -> bool {
    let started = Instant::now();
    let stat = PathBuf::from(format!("/proc/{pid}/stat"));
    while started.elapsed() < Duration::from_secs(10) {
        if !stat.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn the_url_arrives_as_one_exact_argument() {
    let url = "https://example.org/a?b=1&c=%20d#frag";
    let (_fake, _, args) = open_with_fake(url);
    assert_eq!(args, [url]);
}

#[test]
fn shell_syntax_in_a_url_runs_nothing() {
    let probe = tempfile::tempdir().unwrap();
    let p = probe.path().display().to_string();
    let urls = [
        format!("https://example.org/$(touch${{IFS}}{p}/dollar)"),
        format!("https://example.org/;touch${{IFS}}{p}/semicolon"),
        format!("https://example.org/`touch${{IFS}}{p}/backtick`"),
        format!("https://example.org/&&touch${{IFS}}{p}/and"),
        format!("https://example.org/|touch${{IFS}}{p}/pipe"),
        format!("https://example.org/'\"$(touch${{IFS}}{p}/quotes)\"'"),
    ];
    for url in &urls {
        let (_fake, _, args) = open_with_fake(url);
        assert_eq!(args, [url.as_str()], "arrived whole and unchanged");
    }
    // `$(touch x)` with its space is not a URL at all: refused, never run.
    let spaced = format!("https://example.org/$(touch {p}/spaced)");
    assert!(matches!(
        command_line(&["/bin/true".into()], &spaced),
        Err(OpenError::Refused(Refusal::WhiteSpace))
    ));
    let made: Vec<_> = fs::read_dir(probe.path()).unwrap().collect();
    assert!(made.is_empty(), "a command in a URL ran: {made:?}");
    assert!(!Path::new("x").exists());
}

#[test]
fn the_url_replaces_a_placeholder_element() {
    let fake = Fake::new();
    let command = vec![
        fake.program.display().to_string(),
        "--new-tab".into(),
        "{url}".into(),
        "--then".into(),
    ];
    let argv = command_line(&command, "HTTPS://Example.org/x").unwrap();
    spawn(&argv).unwrap();
    let (_, args) = fake.wait_for_run();
    assert_eq!(args, ["--new-tab", "HTTPS://Example.org/x", "--then"]);
}

#[test]
fn refused_links_never_start_the_opener() {
    let fake = Fake::new();
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "-oProxyCommand=touch${IFS}x",
        "--help",
        "https://example.org/\x1b]52;c;eA==\x07",
        "https://example.org/\r\nx",
        "https://example.org/a\u{9b}2J",
    ] {
        let result = command_line(&fake.command(), url);
        assert!(matches!(result, Err(OpenError::Refused(_))), "{url:?}");
    }
    std::thread::sleep(Duration::from_millis(100));
    let entries: Vec<_> = fs::read_dir(fake.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["fake-opener"], "the opener ran");
}

#[test]
fn the_opener_gets_null_streams_and_is_reaped() {
    let (fake, pid, _) = open_with_fake("https://example.org/");
    // Reading the fds file right after `done-` appears: it was written first.
    let fds = fs::read_to_string(fake.path(&format!("fds-{pid}"))).unwrap();
    let fds: Vec<&str> = fds.lines().collect();
    assert_eq!(fds, ["/dev/null", "/dev/null", "/dev/null"]);
    // Reaped: a zombie would keep its /proc entry until its parent waits.
    assert!(wait_until_gone(pid), "the opener {pid} was left a zombie");
}

#[test]
fn spawning_does_not_wait_for_the_opener() {
    let dir = tempfile::tempdir().unwrap();
    let slow = dir.path().join("slow-opener");
    fs::write(&slow, "#!/bin/sh\nsleep 5\n").unwrap();
    fs::set_permissions(&slow, fs::Permissions::from_mode(0o755)).unwrap();
    let argv = command_line(&[slow.display().to_string()], "https://example.org/").unwrap();
    let started = Instant::now();
    spawn(&argv).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the reader waited for the opener"
    );
}
