//! The user's state survives what real sessions do to it: being killed
//! mid-write, two sessions writing at once, an old schema, files that move,
//! and a damaged database file. Child processes are this test binary run
//! again (`child_process_entry`, told what to do through the environment),
//! so no extra binary or hidden command is needed.
//!
//! Figures: `cargo test --test state_durability -- --nocapture`.
//! `BRIEF_KILL_CYCLES` sets the number of SIGKILL cycles (default 200),
//! `BRIEF_KILL_SEED` replays a run, `BRIEF_CREATE_ROUNDS` sets how often two
//! processes race to create a new database (default 10).

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use brief::state::StateDb;
use rusqlite::Connection;

// Cargo does not take files in a subfolder of tests/ as test targets of
// their own: these are parts of this one binary.
#[path = "state_durability/damaged.rs"]
mod damaged;
#[path = "state_durability/migration.rs"]
mod migration;

const CHILD_MODE: &str = "BRIEF_STATE_CHILD";
const CHILD_DIR: &str = "BRIEF_STATE_CHILD_DIR";
const CHILD_PREFIX: &str = "BRIEF_STATE_CHILD_PREFIX";
const CHILD_COUNT: &str = "BRIEF_STATE_CHILD_COUNT";
const CHILD_GO: &str = "BRIEF_STATE_CHILD_GO";
/// What a child prints after each write's call has returned (committed).
const COMMITTED: &str = "COMMITTED";

// ---------------------------------------------------------------- child side

/// Not a test: the body of the child processes. Returns at once when run
/// without the environment a parent test gives it.
#[test]
#[ignore = "child process entry point, run by the other tests"]
fn child_process_entry() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} missing"));
    let dir = PathBuf::from(var(CHILD_DIR));
    let prefix = var(CHILD_PREFIX);
    let count: usize = var(CHILD_COUNT).parse().unwrap();
    if let Ok(go) = std::env::var(CHILD_GO) {
        wait_for_file(Path::new(&go));
    }
    let db = StateDb::open(&dir).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let tag = format!("{prefix}-{i}");
        // tag-stream: spread over a few articles; concurrent: the same tag on
        // an article both processes write and on one of this process's own.
        let articles = match mode.as_str() {
            "tag-stream" => vec![format!("article-{}", i % 7)],
            "concurrent" => vec!["shared".to_string(), format!("own-{prefix}")],
            other => panic!("unknown child mode {other}"),
        };
        for article in articles {
            db.change_tags(&article, std::slice::from_ref(&tag), &[])
                .unwrap();
            if mode == "concurrent" && i % 10 == 0 {
                // Flags too, so tag rows and flag rows are written interleaved.
                db.set_bookmarked("shared", i % 20 == 0).unwrap();
            }
            // The call returned: the write is committed. Say so, and make
            // sure the parent can read it even if we are killed next.
            if writeln!(out, "{COMMITTED} {article} {tag}")
                .and_then(|_| out.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

fn wait_for_file(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !path.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
}

// --------------------------------------------------------------- parent side

fn spawn_child(mode: &str, dir: &Path, prefix: &str, count: usize, go: Option<&Path>) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "child_process_entry",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ])
    .env(CHILD_MODE, mode)
    .env(CHILD_DIR, dir)
    .env(CHILD_PREFIX, prefix)
    .env(CHILD_COUNT, count.to_string())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    if let Some(go) = go {
        cmd.env(CHILD_GO, go);
    }
    cmd.spawn().unwrap()
}

/// (article, tag) from a child's `COMMITTED` line; other lines are libtest's.
fn committed(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix(COMMITTED)?.strip_prefix(' ')?;
    let (article, tag) = rest.split_once(' ')?;
    Some((article.to_string(), tag.to_string()))
}

fn integrity_check(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// The (article, tag) pairs in `expected` that the database does not have.
fn missing(db: &StateDb, expected: &HashSet<(String, String)>) -> usize {
    let all = db.all().unwrap();
    expected
        .iter()
        .filter(|(article, tag)| !all.get(article).is_some_and(|s| s.tags.contains(tag)))
        .count()
}

/// xorshift64*: enough randomness to pick kill moments, no extra crate.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn sigkill_during_tag_writes_loses_nothing_committed() {
    let cycles: u64 = env_or("BRIEF_KILL_CYCLES", 200);
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let seed: u64 = env_or("BRIEF_KILL_SEED", clock.as_nanos() as u64 | 1);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();

    let mut reported: HashSet<(String, String)> = HashSet::new();
    let (mut killed_mid_stream, mut lost, mut unreported) = (0, 0, 0);
    for cycle in 0..cycles {
        let mut child = spawn_child("tag-stream", dir.path(), &format!("c{cycle}"), 10_000, None);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it commit a random number of writes (0: kill while it is still
        // opening or migrating), then a random moment more.
        let wait_for = rng.below(25);
        let mut seen = 0;
        while seen < wait_for {
            match lines.next() {
                Some(Ok(line)) => {
                    seen += u64::from(committed(&line).map(|w| reported.insert(w)).is_some())
                }
                _ => break,
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(3_000)));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        killed_mid_stream += u64::from(!status.success());
        // Everything it printed before dying was committed before printing.
        for line in lines.map_while(|l| l.ok()) {
            if let Some(write) = committed(&line) {
                reported.insert(write);
            }
        }

        // Opened first, while the killed child's WAL and shared memory are
        // still there: the read-only examination must cope with them.
        let db = StateDb::open(dir.path())
            .unwrap_or_else(|e| panic!("cycle {cycle} (seed {seed}): {e}"));
        let check = integrity_check(db.path());
        assert_eq!(
            check,
            ["ok"],
            "cycle {cycle} (seed {seed}): integrity_check"
        );
        lost = missing(&db, &reported);
        assert_eq!(
            lost, 0,
            "cycle {cycle} (seed {seed}): committed writes lost"
        );
        // Writes that committed but were killed before they could report:
        // evidence that kills land between commit and print, not only idle.
        let prefix = format!("c{cycle}-");
        let all = db.all().unwrap();
        let present = all
            .values()
            .flat_map(|s| &s.tags)
            .filter(|t| t.starts_with(&prefix))
            .count();
        let said = reported
            .iter()
            .filter(|(_, t)| t.starts_with(&prefix))
            .count();
        unreported += present - said;
    }
    eprintln!(
        "sigkill: {cycles} cycles survived ({killed_mid_stream} killed mid-stream), \
         {} committed tag writes checked, {lost} lost, integrity ok every cycle, \
         {unreported} more committed but killed before reporting, {:.1} s, seed {seed}",
        reported.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        cycles < 10 || !reported.is_empty(),
        "the children must have written something"
    );
}

#[test]
fn two_processes_creating_the_database_at_once_both_succeed() {
    let rounds: usize = env_or("BRIEF_CREATE_ROUNDS", 10);
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let state_dir = dir.path().join("new/state");
        let go = dir.path().join("go");
        let children: Vec<Child> = ["p0", "p1"]
            .iter()
            .map(|prefix| spawn_child("concurrent", &state_dir, prefix, 5, Some(&go)))
            .collect();
        std::thread::sleep(Duration::from_millis(50));
        fs::write(&go, b"").unwrap();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success(),
                "round {round}: child failed: {stderr}"
            );
        }
        let db = StateDb::open(&state_dir).unwrap();
        assert_eq!(db.get("shared").unwrap().tags.len(), 10, "round {round}");
    }
    eprintln!("create race: {rounds} rounds of two processes creating state.db at once, all ok");
}

#[test]
fn two_processes_writing_hundreds_of_tags_keep_all() {
    const PER_PROCESS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let observer = StateDb::open(dir.path()).unwrap();
    let version_before = observer.version().unwrap();
    let go = dir.path().join("go");
    let children: Vec<Child> = ["p0", "p1"]
        .iter()
        .map(|prefix| spawn_child("concurrent", dir.path(), prefix, PER_PROCESS, Some(&go)))
        .collect();
    std::thread::sleep(Duration::from_millis(200)); // let both open and wait
    let started = Instant::now();
    fs::write(&go, b"").unwrap();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reported = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(committed)
            .count();
        assert_eq!(reported, 2 * PER_PROCESS);
    }
    let elapsed = started.elapsed();

    assert_ne!(
        observer.version().unwrap(),
        version_before,
        "other sessions' commits are seen"
    );
    let shared = observer.get("shared").unwrap();
    let own0 = observer.get("own-p0").unwrap();
    let own1 = observer.get("own-p1").unwrap();
    fn expect(prefix: &'static str) -> impl Iterator<Item = String> {
        (0..PER_PROCESS).map(move |i| format!("{prefix}-{i}"))
    }
    let shared_tags: HashSet<&String> = shared.tags.iter().collect();
    let shared_missing = expect("p0")
        .chain(expect("p1"))
        .filter(|t| !shared_tags.contains(t))
        .count();
    assert_eq!(shared_missing, 0, "tags lost on the shared article");
    assert_eq!(shared.tags.len(), 2 * PER_PROCESS);
    assert_eq!(own0.tags.len(), PER_PROCESS);
    assert!(expect("p0").all(|t| own0.tags.contains(&t)));
    assert!(expect("p1").all(|t| own1.tags.contains(&t)));
    assert_eq!(integrity_check(observer.path()), ["ok"]);
    eprintln!(
        "concurrent: 2 processes x {} tag writes in {:.2} s ({:.0} commits/s), {} lost",
        2 * PER_PROCESS,
        elapsed.as_secs_f64(),
        (4 * PER_PROCESS) as f64 / elapsed.as_secs_f64(),
        shared_missing
    );
}
