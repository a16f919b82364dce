//! What the reader writes to the terminal, measured in a real pty: a
//! scrolled reader line costs about what `less` spends on it, the first
//! frame clears what an earlier session left on screen, a 16-colour
//! terminal gets 16-colour SGR only, a non-UTF-8 locale ASCII only, and a
//! terminal that cannot show the reader (or no terminal at all) gets a
//! message and exit status 2.

#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{Pty, find, screen_of};

/// A long article of our own words: a dozen paragraphs, each one long line
/// in the file, as scraped text comes (and as `less` was measured on).
fn long_article() -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "harbour",
        "said",
        "on",
        "Tuesday",
        "that",
        "ferry",
        "timetable",
        "would",
        "change",
        "after",
        "a",
        "review",
        "of",
        "winter",
        "traffic",
        "and",
        "growers",
        "in",
        "the",
        "valley",
        "reported",
        "frost",
        "damage",
        "to",
        "early",
        "blossom",
        "while",
        "officials",
        "met",
        "union",
        "leaders",
        "over",
        "pay",
        "for",
        "dock",
        "workers",
        "at",
        "Elmbrook",
        "port",
        "where",
        "dredging",
        "began",
        "earlier",
        "than",
        "planned",
    ];
    let mut seed: u64 = 14;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut body = String::from(
        "+++\ntitle = \"Harbour review: the long version\"\ndate = 2026-03-01\n+++\n\n",
    );
    for _ in 0..12 {
        let mut words = Vec::new();
        for s in 0..14 {
            let n = 8 + next() % 12;
            for i in 0..n {
                let w = WORDS[next() % WORDS.len()];
                words.push(if i == 0 && s > 0 {
                    capital(w)
                } else {
                    w.to_string()
                });
            }
            if let Some(last) = words.last_mut() {
                last.push('.');
            }
        }
        body.push_str(&capital(&words.join(" ")));
        body.push_str("\n\n");
    }
    body
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

struct Setup {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    args: Vec<String>,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let briefs = tmp.path().join("briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    let article = long_article();
    std::fs::write(briefs.join("2026-03-01-harbour-review.md"), &article).unwrap();
    // The same text for measuring `less` by hand (see LESS_LINE_BYTES).
    if let Some(out) = std::env::var_os("BRIEF_LINE_FIXTURE") {
        let body = article.split("+++\n\n").nth(1).unwrap_or_default();
        std::fs::write(out, body).unwrap();
    }
    let arg = |p: &Path| p.to_str().unwrap().to_string();
    let args = vec![
        "--briefs".into(),
        arg(&briefs),
        "--cache-dir".into(),
        arg(&tmp.path().join("cache")),
        "--state-dir".into(),
        arg(&tmp.path().join("state")),
    ];
    Setup {
        home: tmp.path().to_path_buf(),
        args,
        _tmp: tmp,
    }
}

fn spawn(s: &Setup, rows: u16, cols: u16, env: &[(&str, &str)]) -> Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(&s.args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", &s.home);
    cmd.env("XDG_CONFIG_HOME", s.home.join("config"));
    cmd.env_remove("COLORTERM");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_CTYPE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    Pty::spawn(rows, cols, cmd)
}

/// Waits until nothing more is written for a while; the bytes so far.
fn settled(p: &Pty) -> usize {
    let start = Instant::now();
    let mut last = p.bytes().len();
    let mut quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(400) {
        assert!(start.elapsed() < pty::TIMEOUT, "never settled");
        std::thread::sleep(Duration::from_millis(25));
        let now = p.bytes().len();
        if now != last {
            last = now;
            quiet_since = Instant::now();
        }
    }
    last
}

/// `less` on the same text, bytes per `j` (median of 30, measured with
/// /work/shared/tools/ttyprobe.py: `--repeat-key j --times 30 -- less FILE`,
/// FILE written by this test with BRIEF_LINE_FIXTURE=FILE).
const LESS_LINE_BYTES: [(u16, u16, usize); 2] = [(24, 80, 90), (20, 60, 70)];

#[test]
fn a_scrolled_reader_line_costs_at_most_twice_what_less_spends() {
    for (rows, cols, less) in LESS_LINE_BYTES {
        // A fresh state each time: the reader reopens where it was left.
        let s = setup();
        let mut p = spawn(&s, rows, cols, &[]);
        p.wait_for("Harbour review");
        p.press(b"\r", Duration::from_millis(100));
        p.wait_for("L 1/");
        let mut costs = Vec::new();
        let mut before = settled(&p);
        for _ in 0..9 {
            p.press(b"j", Duration::ZERO);
            let after = settled(&p);
            costs.push(after - before);
            before = after;
        }
        costs.sort_unstable();
        let median = costs[costs.len() / 2];
        eprintln!("{cols}x{rows}: {median} bytes a line; all: {costs:?}");
        assert!(
            median <= 2 * less,
            "{cols}x{rows}: {median} bytes a line (less: {less}); all: {costs:?}"
        );
        // And the text did move: the ninth line down is now at the top.
        let screen = p.screen();
        assert!(screen.contains("L 10/"), "{screen}");
        // Ctrl-C quits from anywhere (`q` goes back one level first).
        p.press(b"\x03", Duration::from_millis(100));
        p.wait_exit();
    }
}

#[test]
fn the_first_frame_clears_what_an_earlier_session_left() {
    let s = setup();
    let mut p = spawn(&s, 24, 80, &[]);
    p.wait_for("Harbour review");
    settled(&p);
    // A terminal without an alternate screen (or tmux after an SSH drop,
    // still on the old one): every cell full of the old session's text,
    // then our bytes, with the switch to the alternate screen doing nothing.
    let mut old = vec![b'#'; 24 * 80];
    let ours = p.bytes();
    let at = find(&ours, b"\x1b[?1049h").expect("asks for the alternate screen");
    old.extend_from_slice(&ours[..at]);
    old.extend_from_slice(&ours[at + 8..]);
    let screen = screen_of(&old, 24, 80);
    assert!(!screen.contains('#'), "old text shows through:\n{screen}");
    // Ctrl-C quits from anywhere (`q` goes back one level first).
    p.press(b"\x03", Duration::from_millis(100));
    p.wait_exit();
}

#[test]
fn sixteen_colour_terminals_get_sixteen_colour_sgr_only() {
    let s = setup();
    for term in ["xterm", "linux", "screen", "vt100"] {
        let mut p = spawn(&s, 24, 80, &[("TERM", term)]);
        p.wait_for("Harbour review");
        p.press(b"\r", Duration::from_millis(100));
        p.wait_for("L 1/");
        // Ctrl-C quits from anywhere (`q` goes back one level first).
        p.press(b"\x03", Duration::from_millis(100));
        p.wait_exit();
        let bytes = p.bytes();
        for deep in [&b"38;5;"[..], b"48;5;", b"38;2;", b"48;2;"] {
            assert!(
                find(&bytes, deep).is_none(),
                "TERM={term}: {} found",
                String::from_utf8_lossy(deep)
            );
        }
        // The theme's colours are still there, as 30–37/90–97.
        assert!(
            (30..=37).chain(90..=97).any(|c| {
                find(&bytes, format!("[{c}m").as_bytes()).is_some()
                    || find(&bytes, format!(";{c}m").as_bytes()).is_some()
                    || find(&bytes, format!(";{c};").as_bytes()).is_some()
                    || find(&bytes, format!("[{c};").as_bytes()).is_some()
            }),
            "TERM={term}: no colour at all"
        );
    }
}

#[test]
fn a_plain_locale_gets_ascii_only() {
    let s = setup();
    for (name, value) in [("LANG", "C"), ("LANG", "")] {
        let mut p = spawn(&s, 24, 100, &[(name, value)]);
        p.wait_for("Harbour review");
        p.press(b"\r", Duration::from_millis(100));
        p.wait_for("L 1/");
        // Ctrl-C quits from anywhere (`q` goes back one level first).
        p.press(b"\x03", Duration::from_millis(100));
        p.wait_exit();
        let bytes = p.bytes();
        assert!(
            bytes.is_ascii(),
            "{name}={value:?}: non-ASCII byte at {:?}",
            bytes.iter().position(|b| !b.is_ascii())
        );
    }
}

#[test]
fn a_terminal_that_cannot_place_the_cursor_gets_a_message_and_status_2() {
    let s = setup();
    let mut p = spawn(&s, 24, 80, &[("TERM", "dumb")]);
    let (code, _) = p.wait_exit();
    assert_eq!(code, 2);
    let text = String::from_utf8_lossy(&p.bytes()).to_string();
    assert!(text.contains("cannot place the cursor"), "{text}");
    assert!(text.contains("brief list"), "{text}");
    assert!(find(&p.bytes(), b"\x1b[?1049h").is_none(), "no full screen");
}

#[test]
fn no_terminal_at_all_says_the_reader_needs_one() {
    let s = setup();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(&s.args)
        .env("HOME", &s.home)
        .env("XDG_CONFIG_HOME", s.home.join("config"))
        .env("TERM", "xterm-256color")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("ssh -t"),
        "{err}"
    );
    assert!(err.contains("brief list"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

/// What brief asks an xterm-like terminal at start: DECRQM for left/right
/// margins mode (69), then DA1, whose reply ends the wait.
const MARGINS_QUERY: &[u8] = b"\x1b[?69$p\x1b[c";

/// Waits until the program has written `what`.
fn wait_for_bytes(p: &Pty, what: &[u8]) {
    let start = Instant::now();
    while find(&p.bytes(), what).is_none() {
        assert!(
            start.elapsed() < pty::TIMEOUT,
            "{:?} never written",
            String::from_utf8_lossy(what)
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Opens the article and scrolls it nine lines: the screen before the
/// scroll, and the bytes of each `j`.
fn scroll_nine(p: &mut Pty) -> (String, Vec<usize>) {
    p.wait_for("Harbour review");
    p.press(b"\r", Duration::from_millis(100));
    let opened = p.wait_for("L 1/");
    let mut costs = Vec::new();
    let mut before = settled(p);
    for _ in 0..9 {
        p.press(b"j", Duration::ZERO);
        let after = settled(p);
        costs.push(after - before);
        before = after;
    }
    (opened, costs)
}

fn median(mut costs: Vec<usize>) -> usize {
    costs.sort_unstable();
    costs[costs.len() / 2]
}

/// `less` at 160×48 on the same text (see LESS_LINE_BYTES).
const LESS_LINE_BYTES_WIDE: usize = 170;

/// A terminal that says it has left/right margins (xterm answers DECRQM 69
/// with "reset", i.e. known): at 160×48 the reader beside the list
/// scrolls between margins, mode 69 set for the scroll and reset after it,
/// and a line costs at most twice what `less` spends on it.
#[test]
fn a_terminal_with_margins_scrolls_the_reader_beside_the_list() {
    let s = setup();
    let mut p = spawn(&s, 48, 160, &[]);
    wait_for_bytes(&p, MARGINS_QUERY);
    p.press(b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22c", Duration::ZERO);
    let (opened, costs) = scroll_nine(&mut p);
    // The list is beside the reader (this is not the full-width one).
    let top = opened.lines().next().unwrap_or_default();
    assert!(
        top.starts_with("╭ Articles") && top.contains("Reader"),
        "{opened}"
    );
    // (The screen after the scroll is not read back here: the emulator
    // has no margins and scrolls whole rows. The unit tests of the output
    // layer check that the margins' scroll and the diff give the frame.)
    assert!(p.screen().contains("L 10/"));
    let bytes = p.bytes();
    let from = find(&bytes, b"L 1/").expect("the reader was drawn");
    let scrolled = &bytes[from..];
    let set = scrolled.windows(6).filter(|w| w == b"\x1b[?69h").count();
    let reset = scrolled.windows(6).filter(|w| w == b"\x1b[?69l").count();
    assert_eq!((set, reset), (9, 9), "mode 69 around each scroll");
    let median = median(costs.clone());
    eprintln!("160x48 with margins: {median} bytes a line; all: {costs:?}");
    assert!(
        median <= 2 * LESS_LINE_BYTES_WIDE,
        "160x48: {median} bytes a line (less: {LESS_LINE_BYTES_WIDE}); all: {costs:?}"
    );
    p.press(b"\x03", Duration::from_millis(100));
    p.wait_exit();
}

/// A terminal that ignores DECRQM answers only DA1: that ends the wait,
/// and the reader beside the list is repainted, never scrolled between
/// margins it does not have.
#[test]
fn a_terminal_without_margins_gets_no_margins() {
    let s = setup();
    let mut p = spawn(&s, 48, 160, &[]);
    wait_for_bytes(&p, MARGINS_QUERY);
    p.press(b"\x1b[?62;22c", Duration::ZERO);
    let (opened, costs) = scroll_nine(&mut p);
    let top = opened.lines().next().unwrap_or_default();
    assert!(
        top.starts_with("╭ Articles") && top.contains("Reader"),
        "{opened}"
    );
    let bytes = p.bytes();
    assert!(find(&bytes, b"\x1b[?69h").is_none(), "margins used");
    eprintln!("160x48 without margins: {costs:?}");
    // Repainted: far more than a scrolled line.
    assert!(
        median(costs.clone()) > 2 * LESS_LINE_BYTES_WIDE,
        "{costs:?}"
    );
    assert!(p.screen().contains("L 10/"));
    p.press(b"\x03", Duration::from_millis(100));
    p.wait_exit();
}

/// tmux and screen keep their own screen and have no margins, and a
/// terminal that is not xterm-like is not asked at all.
#[test]
fn tmux_screen_and_other_terminals_are_not_asked() {
    let s = setup();
    for env in [
        &[("TERM", "tmux-256color")][..],
        &[("TERM", "screen")],
        &[("TERM", "linux")],
        &[
            ("TERM", "xterm-256color"),
            ("TMUX", "/tmp/tmux-0/default,1,0"),
        ],
    ] {
        let mut p = spawn(&s, 24, 80, env);
        p.wait_for("Harbour review");
        settled(&p);
        p.press(b"\x03", Duration::from_millis(100));
        p.wait_exit();
        assert!(find(&p.bytes(), MARGINS_QUERY).is_none(), "{env:?} asked");
    }
}
