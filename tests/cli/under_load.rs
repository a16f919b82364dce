//! Marks under load (issue 13): many `brief tag` processes at once while
//! `brief index` runs again and again on a growing folder and a reader
//! watches the state. No write may be refused, none lost, none stale.
//! A small size for CI; `examples/bench --writers` measures 16 writers.

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use brief::state::StateDb;

use crate::util::*;

const WRITERS: usize = 8;
const TAGS_EACH: usize = 6;
const ARTICLES: usize = 12;

fn brief_text(i: usize) -> String {
    format!(
        "+++\ntitle = \"Notice number {i}\"\ndate = 2026-01-{:02}\n+++\n\nThe council met on day {i} and agreed the harbour plan.\n",
        i % 28 + 1
    )
}

#[test]
fn tag_processes_beside_a_running_indexer_are_never_refused() {
    let f = Fixture::new();
    for i in 0..ARTICLES {
        f.write(&format!("note-{i:02}.md"), &brief_text(i));
    }
    f.ok(&["index"]);

    let stop = Arc::new(AtomicBool::new(false));
    // The indexer: the folder grows while `brief index` runs over and over.
    let indexer = {
        let stop = Arc::clone(&stop);
        let mut index = f.command();
        index.arg("index");
        let briefs = f.briefs.clone();
        thread::spawn(move || {
            let mut failures = Vec::new();
            let mut n = ARTICLES;
            while !stop.load(Ordering::SeqCst) {
                for _ in 0..5 {
                    std::fs::write(briefs.join(format!("new-{n:03}.md")), brief_text(n)).unwrap();
                    n += 1;
                }
                let out = index.stderr(Stdio::piped()).output().unwrap();
                if !out.status.success() {
                    failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
            failures
        })
    };
    // The reader: another session polling and reading the state throughout.
    let reader = {
        let stop = Arc::clone(&stop);
        let state = f.state.clone();
        thread::spawn(move || {
            let db = StateDb::open(&state).unwrap();
            let mut looks = 0;
            while !stop.load(Ordering::SeqCst) {
                db.version().unwrap();
                db.all().unwrap();
                looks += 1;
                thread::sleep(std::time::Duration::from_millis(5));
            }
            (db, looks)
        })
    };

    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let mut commands: Vec<_> = (0..TAGS_EACH)
                .map(|t| {
                    let mut cmd = f.command();
                    let id = format!("note-{:02}", (w + t) % ARTICLES);
                    cmd.args(["tag", &id, &format!("+w{w}-t{t}")]);
                    (id, format!("w{w}-t{t}"), cmd)
                })
                .collect();
            thread::spawn(move || {
                let mut refused = Vec::new();
                let mut written = Vec::new();
                for (id, tag, cmd) in &mut commands {
                    let out = cmd.output().unwrap();
                    if out.status.success() {
                        written.push((id.clone(), tag.clone()));
                    } else {
                        refused.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                (written, refused)
            })
        })
        .collect();

    let mut written = Vec::new();
    let mut refused = Vec::new();
    for w in writers {
        let (ok, bad) = w.join().unwrap();
        written.extend(ok);
        refused.extend(bad);
    }
    stop.store(true, Ordering::SeqCst);
    let index_failures = indexer.join().unwrap();
    let (reader_db, looks) = reader.join().unwrap();

    assert!(refused.is_empty(), "tag writes refused: {refused:#?}");
    assert!(
        index_failures.is_empty(),
        "index runs failed: {index_failures:#?}"
    );
    assert_eq!(written.len(), WRITERS * TAGS_EACH);
    assert!(looks > 0);
    // None lost, none stale: the reader's session, open all along, sees
    // every tag.
    let all = reader_db.all().unwrap();
    for (id, tag) in &written {
        let tags = all.get(id).map(|s| s.tags.clone()).unwrap_or_default();
        assert!(tags.contains(tag), "{id} lost {tag}: {tags:?}");
    }
}
