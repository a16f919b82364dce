//! The command line printing to a terminal: every command that shows
//! article text (titles, bodies, tags, entity names, file names, failure
//! reasons, JSON) is run with its stdout on a pseudo-terminal, over briefs
//! written to drive a terminal, and every byte it wrote is checked. Piped,
//! plain text is sanitised the same (it ends on a terminal through `head`
//! or `cat`); only `show --raw` is byte-faithful, and JSON exact once
//! decoded. Error messages, which quote files, are sanitised wherever they go.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const PAYLOAD: &str = "clear\x1b[2J title\x1b]0;PWNED\x07 clip\x1b]52;c;cm0=\x07 dcs\x1bP1$qm\x1b\\ \
c1\u{9b}2J\u{9d}0;T\u{9c}\u{90}q cr\rX bs\x08 bidi\u{202e}d\u{2066}e\u{2069} open\x1b]0;";

fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if c.is_control() || !c.is_ascii() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

struct Fixture {
    root: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            root: tempfile::tempdir().unwrap(),
        };
        let briefs = f.briefs();
        std::fs::create_dir_all(&briefs).unwrap();
        let md = format!(
            "+++\nid = \"hostile\"\ntitle = \"Council {t} vote\"\ndate = 2026-05-01\ntags = [\"{t}\"]\nsource = \"{t}\"\nurl = \"https://example.org/{t}\"\n+++\n\nThe mayor Ada Quillfeather said {p} on Monday.\n\nThe council in Elmbrook agreed.\n",
            t = toml_escaped(PAYLOAD),
            p = PAYLOAD,
        );
        std::fs::write(briefs.join("hostile-\x1b]0;NAME\x07\u{202e}.md"), md).unwrap();
        std::fs::write(
            briefs.join("broken-\x1b]0;FAILNAME\x07.md"),
            "+++\n\x1b]0;REASON\x07 = 1\n+++\n",
        )
        .unwrap();
        f
    }

    fn briefs(&self) -> PathBuf {
        self.root.path().join("briefs")
    }

    fn args(&self) -> Vec<String> {
        let p = |rel: &str| self.root.path().join(rel).to_string_lossy().into_owned();
        vec![
            "--briefs".into(),
            p("briefs"),
            "--cache-dir".into(),
            p("cache"),
            "--state-dir".into(),
            p("state"),
            "--config".into(),
            self.config(),
        ]
    }

    fn config(&self) -> String {
        let path = self.root.path().join("config.toml");
        if !path.exists() {
            std::fs::write(&path, "").unwrap();
        }
        path.to_string_lossy().into_owned()
    }

    fn home(&self) -> &Path {
        self.root.path()
    }

    /// Runs brief with its stdout (and stderr) on a terminal; returns all it wrote.
    fn on_tty(&self, args: &[&str]) -> Vec<u8> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(self.args());
        cmd.args(args);
        cmd.env("HOME", self.home());
        cmd.env("LANG", "C.UTF-8");
        let mut child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let reading = std::thread::spawn(move || {
            let mut all = Vec::new();
            let mut buf = [0u8; 4096];
            // EIO once the child is gone and the pty drained.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                all.extend_from_slice(&buf[..n]);
            }
            all
        });
        let status = child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        drop(pair.master);
        let out = reading.join().unwrap();
        assert!(
            status.success() || args == ["check"],
            "brief {args:?}: {status:?}\n{}",
            String::from_utf8_lossy(&out)
        );
        out
    }

    fn piped(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(self.args())
            .args(args)
            .env("HOME", self.home())
            .output()
            .unwrap()
    }
}

/// No escape of any kind (these commands draw nothing), no C1 control in
/// either form, no backspace, bell or bidi control. The pty turns `\n`
/// into `\r\n`; any other CR is the article's.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !bytes.contains(&0x1b),
        "{what}: an escape reached the terminal:\n{text}"
    );
    for c in text.chars() {
        assert!(
            !matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\x08' | '\x07'),
            "{what}: U+{:04X} reached the terminal:\n{text}",
            c as u32
        );
    }
    assert!(
        !text.replace("\r\n", "\n").contains('\r'),
        "{what}: a lone CR reached the terminal:\n{text}"
    );
}

#[test]
fn every_command_that_prints_article_text_is_safe_on_a_terminal() {
    let f = Fixture::new();
    f.piped(&["index"]);
    f.piped(&["tag", "hostile", &format!("+{}", "x\u{202e}y")]);
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["show", "hostile"],
        &["show", "hostile", "--raw"],
        &["show", "hostile", "--json"],
        &["check"],
        &["entities"],
        &["entities", "--json"],
        &["tags"],
        &["export", "--format", "markdown"],
        &["export", "--format", "json"],
    ];
    for args in commands {
        let out = f.on_tty(args);
        assert!(!out.is_empty(), "brief {args:?} printed nothing");
        assert_terminal_safe(&format!("brief {args:?}"), &out);
    }
    // The hostile parts are visible, not dropped.
    let shown = String::from_utf8(f.on_tty(&["show", "hostile"])).unwrap();
    assert!(
        shown.contains("␛]0;PWNED␇") && shown.contains("<RLO>"),
        "{shown}"
    );
    let failures = String::from_utf8(f.on_tty(&["check"])).unwrap();
    assert!(failures.contains("broken-␛]0;FAILNAME␇.md"), "{failures}");
}

#[test]
fn issue_13_piped_plain_output_is_sanitised_too() {
    let f = Fixture::new();
    f.piped(&["index"]);
    f.piped(&["tag", "hostile", &format!("+{}", "x\u{202e}y")]);
    let commands: &[&[&str]] = &[
        &["list"],
        &["show", "hostile"],
        &["check"],
        &["entities"],
        &["tags"],
        &["export", "--format", "markdown"],
    ];
    for args in commands {
        let out = f.piped(args);
        assert!(!out.stdout.is_empty(), "brief {args:?} printed nothing");
        assert_terminal_safe(&format!("brief {args:?} | cat"), &out.stdout);
    }
    let shown = String::from_utf8(f.piped(&["show", "hostile"]).stdout).unwrap();
    assert!(shown.contains("␛]0;PWNED␇"), "{shown}");
}

#[test]
fn piped_raw_stays_byte_faithful_and_json_exact() {
    let f = Fixture::new();
    let out = f.piped(&["show", "hostile", "--raw"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(PAYLOAD), "{text:?}");
    let out = f.piped(&["list", "--json"]);
    // Exact once decoded, and safe as bytes: serde escapes C0, brief the rest.
    assert_terminal_safe("brief list --json | cat", &out.stdout);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["title"].as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains("\u{9b}2J")), "{titles:?}");
}

#[test]
fn a_config_error_quoting_hostile_text_is_sanitised_on_stderr() {
    let f = Fixture::new();
    std::fs::write(
        f.config(),
        "[ui]\n\"\x1b]0;CONFIG-TITLE\x07\u{9b}2J\u{202e}\" = 1\n",
    )
    .unwrap();
    let out = f.piped(&["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2") || err.contains(":2"), "{err}");
    assert!(
        !err.contains('\x1b') && !err.contains('\u{9b}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    assert!(err.contains("␛]0;CONFIG-TITLE"), "{err}");
}
