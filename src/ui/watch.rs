//! Watching the briefs folder, so that a briefing saved while the reader is
//! open shows up without a restart. The kernel tells us (inotify through
//! `notify`); a burst of changes (a sync tool copying a thousand files)
//! becomes one signal once the folder has been quiet for a moment, so the
//! index is updated once, not a thousand times.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before the index is updated.
pub const QUIET: Duration = Duration::from_millis(400);
/// Under a steady stream of changes, update at least this often.
pub const AT_MOST: Duration = Duration::from_secs(3);

/// Whether a file system event can change what the index holds. Opening
/// and reading files (which the index update itself does) must not count,
/// or every update would set off the next.
pub fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => true,
    }
}

/// Calls `changed` once per burst of changes: when no change came for
/// `quiet`, or `at_most` after the first change of the burst. Ends when
/// the sending side is dropped or `changed` returns false.
pub fn debounce(
    changes: mpsc::Receiver<()>,
    quiet: Duration,
    at_most: Duration,
    mut changed: impl FnMut() -> bool,
) {
    while changes.recv().is_ok() {
        let first = Instant::now();
        loop {
            let left = at_most.saturating_sub(first.elapsed());
            match changes.recv_timeout(quiet.min(left)) {
                Ok(()) if !left.is_zero() => continue,
                Ok(()) | Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    changed();
                    return;
                }
            }
        }
        if !changed() {
            return;
        }
    }
}

/// Starts watching `dir` (and every folder below it); `tell` is called
/// once per burst of relevant changes, from a thread of its own. Keep the
/// returned watcher: dropping it stops the watch.
pub fn watch(
    dir: &Path,
    tell: impl FnMut() -> bool + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<()>();
    let forward: Sender<()> = tx;
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // An error from the watcher (an overflowed queue, say) may hide a
        // change: treat it as one, so the index is brought up to date.
        let relevant = res.as_ref().map_or(true, |e| matters(&e.kind));
        if relevant {
            let _ = forward.send(());
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    thread::spawn(move || debounce(rx, QUIET, AT_MOST, tell));
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};
    use std::sync::{Arc, Mutex};

    #[test]
    fn reading_does_not_count_writing_does() {
        assert!(!matters(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!matters(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(matters(&EventKind::Create(CreateKind::File)));
        assert!(matters(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(matters(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn a_burst_is_one_signal() {
        let (tx, rx) = mpsc::channel();
        let (calls_tx, calls) = mpsc::channel();
        let worker = thread::spawn(move || {
            debounce(
                rx,
                Duration::from_millis(50),
                Duration::from_secs(60),
                || calls_tx.send(()).is_ok(),
            )
        });
        for _ in 0..20 {
            tx.send(()).unwrap();
        }
        let wait = Duration::from_secs(10);
        calls.recv_timeout(wait).expect("the burst is reported");
        assert!(
            calls.recv_timeout(Duration::from_millis(200)).is_err(),
            "twenty queued changes, one update"
        );
        tx.send(()).unwrap();
        calls
            .recv_timeout(wait)
            .expect("a later change is a new burst");
        drop(tx);
        worker.join().unwrap();
    }

    #[test]
    fn a_steady_stream_still_updates() {
        let (tx, rx) = mpsc::channel();
        let calls = Arc::new(Mutex::new(0));
        let seen = calls.clone();
        let worker = thread::spawn(move || {
            debounce(
                rx,
                Duration::from_millis(200),
                Duration::from_millis(100),
                || {
                    *seen.lock().unwrap() += 1;
                    true
                },
            )
        });
        // A change every 20 ms never leaves 200 ms of quiet, but the cap
        // of 100 ms fires anyway.
        for _ in 0..30 {
            tx.send(()).unwrap();
            thread::sleep(Duration::from_millis(20));
        }
        drop(tx);
        worker.join().unwrap();
        assert!(*calls.lock().unwrap() >= 2, "{}", calls.lock().unwrap());
    }

    #[test]
    fn a_new_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("energy")).unwrap();
        let (tx, rx) = mpsc::channel();
        let _watcher = watch(dir.path(), move || tx.send(()).is_ok()).unwrap();
        std::fs::write(dir.path().join("energy/new.md"), "a new briefing\n").unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("a file written in a sub-folder is reported");
    }
}
