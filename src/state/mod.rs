//! The user's own data: tags, bookmarks, read state and reading position,
//! in `state.db`, durable and shared safely between sessions. Keyed by
//! article id; never rebuilt, never silently replaced.
//!
//! How it is kept:
//! - WAL journaling with `synchronous=FULL`: every call that changes
//!   something runs in its own `BEGIN IMMEDIATE` transaction and is committed
//!   (and synced to disk) before it returns; nothing waits for quit.
//! - Several sessions may have the database open at once. Writes wait up to
//!   [`BUSY_TIMEOUT`] for each other; tags are one row each, so adding and
//!   removing never rewrites another session's tags. [`StateDb::version`]
//!   changes when any session commits, so a UI can poll it cheaply.
//! - An existing file is examined read-only first; a damaged, foreign,
//!   unreadable, read-only or newer-schema file is reported as a
//!   [`StateError`] with its path and is never modified.
//! - A database that is sound but cannot be written (read-only file or
//!   folder, full disk) is [`StateError::NotWritable`]; the reader then
//!   opens it read-only ([`StateDb::open_or_read_only`]) and every write
//!   fails with [`StateError::ReadOnlySession`]. A write that fails later
//!   (the disk filled up) rolls back whole and says why
//!   ([`StateError::cause`]), so nothing already saved is touched.
//! - Tags are free text, trimmed with inner white space collapsed, at most
//!   [`MAX_TAG_CHARS`] characters, one line; an empty tag is refused. They
//!   are unique regardless of case and keep the first spelling given: a new
//!   tag that differs from an existing one only in case takes the existing
//!   spelling, so `Energy` and `energy` never show as two tags.

mod bulk;
mod corrections;
mod desk;
mod error;
mod history;
mod identity;
mod open;
mod reads;
mod reconcile;
mod schema;
mod tags;
#[cfg(test)]
mod testing;
mod transfer;
mod writes;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use bulk::{Flag, Mark, Undo};
pub use corrections::{Correction, CorrectionAction, EntityRef};
pub use desk::{DESK_FILE, Desk, DeskEvent, DeskTag, desk_schema_version, is_desk_tag};
pub use error::{Result, StateError};
pub use identity::{Identity, MAX_USER_CHARS};
pub use open::BUSY_TIMEOUT;
pub use schema::SCHEMA_VERSION;
pub use tags::MAX_TAG_CHARS;
pub use transfer::{Exported, ImportReport};

use error::db_error;

/// The file name inside the state directory.
pub const FILE_NAME: &str = "state.db";

/// What the user did to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleState {
    /// Sorted case-insensitively.
    pub tags: Vec<String>,
    pub bookmarked: bool,
    pub read: bool,
    pub position: u32,
    /// The desk's shared `@tags` on it (when the state has a desk), with
    /// who set them; not among `tags`, which are the user's own.
    pub desk: Vec<DeskTag>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// (old id, new id) pairs whose state followed a moved file.
    pub moved: Vec<(String, String)>,
    /// Ids with user state but no article.
    pub orphans: Vec<String>,
}

/// The user's state database. `Send + Sync`: calls from several threads
/// are serialised on one connection.
pub struct StateDb {
    path: PathBuf,
    inner: Mutex<Inner>,
    /// Why this session cannot save anything, when it opened read-only.
    read_only: Option<String>,
    /// The shared desk and who this session is: `@tags` go there (see
    /// [`StateDb::with_desk`]).
    desk: Option<(Desk, Identity)>,
}

/// A fault a test can put on an open database, to see how failures are
/// reported. Not for use outside tests.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The file may not grow: writes needing a new page fail as on a full disk.
    DiskFull,
    /// Every write is refused as on a read-only file.
    ReadOnly,
    /// Back to normal.
    None,
}

struct Inner {
    conn: Connection,
    /// What [`StateDb::version`] returns; bumped by own writes that changed
    /// something and by commits of other connections.
    generation: u64,
    /// Last `PRAGMA data_version` seen: it changes only when another
    /// connection commits.
    data_version: i64,
}

impl fmt::Debug for StateDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StateDb")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl StateDb {
    /// Opens (creating if needed) `state.db` in `dir`, creating `dir` and
    /// its parents.
    pub fn open(dir: &Path) -> Result<StateDb> {
        Self::open_file(&dir.join(FILE_NAME))
    }

    /// Opens (creating if needed) the database file at `path`.
    pub fn open_file(path: &Path) -> Result<StateDb> {
        let conn = open::connect(path, schema::STATE)?;
        Self::with_connection(path, conn, None)
    }

    /// Opens the state in `dir` for reading only: what is saved there can
    /// be read, every write fails with [`StateError::ReadOnlySession`]
    /// giving `reason`. With no file, the state is empty.
    pub fn open_read_only(dir: &Path, reason: &str) -> Result<StateDb> {
        let path = dir.join(FILE_NAME);
        let conn = open::connect_read_only(&path, schema::STATE)?;
        Self::with_connection(&path, conn, Some(reason.to_string()))
    }

    /// Opens the state in `dir` for writing if it can be written, else for
    /// reading only (see [`StateDb::read_only`]), so that a read-only or
    /// full disk does not keep the user from reading. A database that is
    /// damaged, foreign or too new is still an error.
    pub fn open_or_read_only(dir: &Path) -> Result<StateDb> {
        match Self::open(dir) {
            Ok(db) => Ok(db),
            Err(e) if e.is_write_problem() => {
                // The first error says best why; keep it if reading fails too.
                Self::open_read_only(dir, &e.cause()).map_err(|_| e)
            }
            Err(e) => Err(e),
        }
    }

    fn with_connection(
        path: &Path,
        conn: Connection,
        read_only: Option<String>,
    ) -> Result<StateDb> {
        let data_version = data_version(&conn).map_err(|e| db_error(path, e))?;
        Ok(StateDb {
            path: path.to_path_buf(),
            inner: Mutex::new(Inner {
                conn,
                generation: 0,
                data_version,
            }),
            read_only,
            desk: None,
        })
    }

    /// This state with the desk's shared tags: from now on a tag written
    /// `@name` is set on (or taken off) the desk as `who`, not kept in this
    /// user's own state, and reads give the desk's tags beside the user's.
    /// Without a desk, `@name` is an ordinary tag of the user's.
    pub fn with_desk(mut self, desk: Desk, who: Identity) -> StateDb {
        self.desk = Some((desk, who));
        self
    }

    /// The desk's file, when this state has one.
    pub fn desk_path(&self) -> Option<&Path> {
        self.desk.as_ref().map(|(d, _)| d.path())
    }

    pub(crate) fn desk(&self) -> Option<&(Desk, Identity)> {
        self.desk.as_ref()
    }

    /// Why nothing can be saved this session, when the state was opened
    /// read-only.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Puts a fault on this connection (see [`Fault`]). For tests only.
    #[doc(hidden)]
    pub fn inject_fault(&self, fault: Fault) -> Result<()> {
        let inner = self.lock();
        let conn = &inner.conn;
        let set = |pragma: &str, value: i64| {
            conn.pragma_update(None, pragma, value)
                .map_err(|e| db_error(&self.path, e))
        };
        match fault {
            Fault::DiskFull => {
                // SQLite keeps the limit at no less than the pages in use.
                set("max_page_count", 1)?;
            }
            Fault::ReadOnly => set("query_only", 1)?,
            Fault::None => {
                set("query_only", 0)?;
                set("max_page_count", 1 << 30)?;
            }
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever any session commits user state. Compare for
    /// equality only; it costs one tiny pragma, fine to poll.
    pub fn version(&self) -> Result<u64> {
        let mut inner = self.lock();
        let now = data_version(&inner.conn).map_err(|e| db_error(&self.path, e))?;
        if now != inner.data_version {
            inner.data_version = now;
            inner.generation += 1;
        }
        let generation = inner.generation;
        drop(inner);
        // Another user's desk tag is a change to show too.
        let desk = match &self.desk {
            Some((desk, _)) => desk.version()?,
            None => 0,
        };
        Ok(generation.wrapping_add(desk.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere while holding the lock cannot leave a half
        // transaction behind (it rolls back on drop), so the connection is
        // still sound.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` in a read transaction, so multi-query reads are consistent.
    fn read<T>(&self, f: impl FnOnce(&Transaction) -> rusqlite::Result<T>) -> Result<T> {
        let mut inner = self.lock();
        let tx = inner
            .conn
            .transaction()
            .map_err(|e| db_error(&self.path, e))?;
        let value = f(&tx).map_err(|e| db_error(&self.path, e))?;
        tx.finish().map_err(|e| db_error(&self.path, e))?;
        Ok(value)
    }

    /// Fails with [`StateError::ReadOnlySession`] in a read-only session.
    fn writable(&self) -> Result<()> {
        match &self.read_only {
            Some(reason) => Err(StateError::ReadOnlySession {
                path: self.path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Runs `f` in its own `BEGIN IMMEDIATE` transaction and commits before
    /// returning; on any error nothing of it is kept.
    fn write<T>(&self, f: impl FnOnce(&Transaction) -> rusqlite::Result<T>) -> Result<T> {
        self.writable()?;
        let mut inner = self.lock();
        let before = inner.conn.total_changes();
        let tx = inner
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&self.path, e))?;
        let value = f(&tx).map_err(|e| db_error(&self.path, e))?;
        tx.commit().map_err(|e| db_error(&self.path, e))?;
        if inner.conn.total_changes() != before {
            inner.generation += 1;
        }
        Ok(value)
    }
}

/// Opens `who`'s own state in a served state folder,
/// `<state_root>/users/<name>/state.db` (created with its folder), kept as
/// durably as the local `state.db`. A broken file is an error naming that
/// user's file only; other users' states and the desk are not touched. The
/// shared desk tags are [`Desk::open`]`(state_root)`.
pub fn open_for_user(state_root: &Path, who: &Identity) -> Result<StateDb> {
    StateDb::open(&who.state_dir(state_root))
}

/// The local reader's state in `dir` ([`StateDb::open`] or, with
/// `read_only_ok`, [`StateDb::open_or_read_only`]) with the desk in the
/// same folder, as the local user. A desk that cannot be opened (or a
/// state that can only be read) leaves `@tags` as the user's own, so a
/// fault in the desk never keeps anyone from reading.
pub fn open_local(dir: &Path, read_only_ok: bool) -> Result<StateDb> {
    let state = if read_only_ok {
        StateDb::open_or_read_only(dir)?
    } else {
        StateDb::open(dir)?
    };
    if state.read_only().is_some() {
        return Ok(state);
    }
    Ok(match Desk::open(dir) {
        Ok(desk) => state.with_desk(desk, Identity::local()),
        Err(_) => state,
    })
}

/// `who`'s own state under a served state folder with the server's desk
/// (`<state_root>/desk.db`), or read-only when it cannot be written. A
/// desk that cannot be opened is an error: the desk's tags would
/// otherwise land in the user's own state.
pub fn open_served(state_root: &Path, who: &Identity) -> Result<StateDb> {
    let state = StateDb::open_or_read_only(&who.state_dir(state_root))?;
    let desk = Desk::open(state_root)?;
    Ok(state.with_desk(desk, who.clone()))
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_sees_own_and_other_sessions_commits() {
        let dir = tempfile::tempdir().unwrap();
        let a = StateDb::open(dir.path()).unwrap();
        let b = StateDb::open(dir.path()).unwrap();
        let v0 = a.version().unwrap();
        assert_eq!(a.version().unwrap(), v0, "no change, same version");

        b.set_bookmarked("x", true).unwrap();
        let v1 = a.version().unwrap();
        assert_ne!(v1, v0, "another session's commit is seen");
        assert!(a.get("x").unwrap().bookmarked);

        a.set_read("x", true).unwrap();
        assert_ne!(a.version().unwrap(), v1, "own commit is seen");
    }

    #[test]
    fn a_write_that_changes_nothing_keeps_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        db.set_bookmarked("x", true).unwrap();
        let v = db.version().unwrap();
        db.set_bookmarked("x", true).unwrap();
        db.set_read("never-seen", false).unwrap();
        assert_eq!(db.version().unwrap(), v);
    }

    #[test]
    fn a_write_waits_its_turn_behind_a_slow_one() {
        // Another session holding the write lock for 6 s (a disk stalled by
        // a large index write): the old 5 s wait refused the mark; now it
        // waits and is written.
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(dir.path()).unwrap();
        let (held, hold) = std::sync::mpsc::channel();
        let path = db.path().to_path_buf();
        let slow = std::thread::spawn(move || {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO article_state (id) VALUES ('slow');")
                .unwrap();
            held.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_secs(6));
            conn.execute_batch("COMMIT").unwrap();
        });
        hold.recv().unwrap();
        db.set_bookmarked("x", true).unwrap();
        slow.join().unwrap();
        assert!(db.get("x").unwrap().bookmarked);
    }

    #[test]
    fn each_user_has_their_own_state_and_one_user_shares_it_between_sessions() {
        let root = tempfile::tempdir().unwrap();
        let ana = Identity::new("ana").unwrap();
        let ben = Identity::new("ben").unwrap();
        let ana_1 = open_for_user(root.path(), &ana).unwrap();
        let ana_2 = open_for_user(root.path(), &ana).unwrap();
        let ben_1 = open_for_user(root.path(), &ben).unwrap();
        assert_eq!(ana_1.path(), root.path().join("users/ana/state.db"));
        let seen = ana_2.version().unwrap();
        ana_1.change_tags("x", &["oil".into()], &[]).unwrap();
        ana_1.set_read("x", true).unwrap();
        assert_ne!(ana_2.version().unwrap(), seen);
        assert_eq!(ana_2.get("x").unwrap().tags, ["oil"]);
        assert!(ana_2.get("x").unwrap().read);
        assert_eq!(ben_1.get("x").unwrap(), ArticleState::default());
    }

    #[test]
    fn a_broken_state_of_one_user_is_that_users_error_only() {
        let root = tempfile::tempdir().unwrap();
        let ana = Identity::new("ana").unwrap();
        let ben = Identity::new("ben").unwrap();
        let broken = ana.state_dir(root.path()).join(FILE_NAME);
        std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
        std::fs::write(&broken, b"garbage, not SQLite").unwrap();
        let err = open_for_user(root.path(), &ana).unwrap_err().to_string();
        assert!(err.contains("users/ana/state.db"), "{err}");
        assert!(err.contains("cannot be used"), "{err}");
        let ben_state = open_for_user(root.path(), &ben).unwrap();
        ben_state.set_bookmarked("x", true).unwrap();
        Desk::open(root.path()).unwrap();
        assert_eq!(std::fs::read(&broken).unwrap(), b"garbage, not SQLite");
    }

    #[test]
    fn state_db_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<StateDb>();
    }

    #[test]
    fn open_creates_state_db_in_nested_dir() {
        let dir = tempfile::tempdir().unwrap();
        let db = StateDb::open(&dir.path().join("x/y")).unwrap();
        assert_eq!(db.path(), dir.path().join("x/y/state.db"));
        assert!(db.path().is_file());
    }
}
