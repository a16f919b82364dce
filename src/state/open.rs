//! Opening `state.db` without ever harming it: an existing file is first
//! examined through a read-only connection (header, schema version,
//! `quick_check`), and only a file that passes is opened for writing.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::{Result, StateError, db_error, db_error_while, not_writable, unusable};
use super::schema::{self, Schema};

/// How long a write waits for other sessions' writes to finish, in all.
/// User actions are tiny transactions that wait their turn; this is only
/// reached when the disk is stuck, and the refusal then says that nothing
/// was written.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite's own busy timeout sleeps ever longer (up to 100 ms a try)
/// between looks at the lock, so a session that has waited a while looks
/// seldom and a newcomer, looking after 1 ms, takes the lock first: under
/// steady writing one writer starved past the 5 s it was given and its tag
/// was refused (issue 13). This handler looks every 0.25–1.25 ms however
/// long it has waited (jittered, so waiting sessions do not wake in step),
/// which keeps the chances even, for [`BUSY_TIMEOUT`] in all, measured in
/// time rather than in tries.
fn wait_turn(attempt: i32) -> bool {
    thread_local! {
        static WAITING_SINCE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
    }
    let now = Instant::now();
    let since = WAITING_SINCE.with(|since| {
        if attempt == 0 || since.get().is_none() {
            since.set(Some(now));
        }
        since.get().unwrap_or(now)
    });
    if now.duration_since(since) >= BUSY_TIMEOUT {
        return false;
    }
    // Jitter from the clock and the process, not a random crate: only the
    // spread matters.
    let seed = u64::from(now.duration_since(since).subsec_nanos())
        ^ u64::from(std::process::id()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::try_from(attempt)
            .unwrap_or(0)
            .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let micros = 250 + (seed >> 7) % 1000;
    std::thread::sleep(Duration::from_micros(micros));
    true
}

/// Sets the fair busy handler on a connection.
fn wait_for_others(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.busy_handler(Some(wait_turn))
        .map_err(|e| db_error(path, e))
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Opens (creating if absent) the database at `path`, migrated and ready.
pub(crate) fn connect(path: &Path, schema: Schema) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| {
            not_writable(
                path,
                format!("cannot create its folder {}: {e}", dir.display()),
            )
        })?;
    }
    let exists = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(unusable(path, "it is not a regular file")),
        // An empty file holds nothing to lose; SQLite starts a database in it.
        Ok(meta) => meta.len() > 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(unusable(path, format!("cannot read it: {e}"))),
    };
    if exists {
        examine(path, schema)?;
    }

    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !exists {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| {
        if exists {
            unusable(path, format!("cannot open it: {e}"))
        } else {
            not_writable(path, format!("cannot create it: {e}"))
        }
    })?;
    // SQLite quietly falls back to read-only on a write-protected file;
    // every user action would then fail, so say so now.
    if conn.is_readonly("main").map_err(|e| db_error(path, e))? {
        return Err(not_writable(
            path,
            "it is read-only (no permission to write it)",
        ));
    }
    configure(&mut conn, path)?;
    schema::migrate(schema, &mut conn, path)?;
    Ok(conn)
}

/// Opens the database at `path` for reading only, for a session that
/// cannot write it: the file as it is, or an empty in-memory state when
/// there is no file. Writes are refused by SQLite too (`query_only`).
pub(crate) fn connect_read_only(path: &Path, schema: Schema) -> Result<Connection> {
    let exists = fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
    let mut conn = if exists {
        examine(path, schema)?;
        let conn = open_for_reading(path)?;
        let version =
            schema::user_version(&conn).map_err(|e| unusable(path, format!("damaged ({e})")))?;
        if version != schema.version() {
            return Err(not_writable(
                path,
                format!(
                    "it must be upgraded to schema version {}, which needs writing it",
                    schema.version()
                ),
            ));
        }
        conn
    } else {
        let mut conn = Connection::open_in_memory().map_err(|e| db_error(path, e))?;
        schema::migrate(schema, &mut conn, path)?;
        conn
    };
    wait_for_others(&mut conn, path)?;
    conn.pragma_update(None, "query_only", true)
        .map_err(|e| db_error(path, e))?;
    Ok(conn)
}

/// A read-only connection. A WAL database in a folder that cannot be
/// written may not be readable the usual way (SQLite cannot create its
/// shared-memory file), so then the file is read as it stands on disk.
fn open_for_reading(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let usual =
        Connection::open_with_flags(path, flags).and_then(|c| schema::user_version(&c).map(|_| c));
    match usual {
        Ok(conn) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if !matches!(e.code, ErrorCode::CannotOpen | ErrorCode::ReadOnly) =>
        {
            Err(unusable(path, format!("damaged ({e})")))
        }
        Err(first) => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .and_then(|c| schema::user_version(&c).map(|_| c))
                .map_err(|_| unusable(path, format!("cannot open it to read: {first}")))
        }
    }
}

/// A path as the path part of a SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'%' | b'?' | b'#' | 0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(char::from(*b)),
        }
    }
    out
}

/// Durability and sharing settings, per connection.
fn configure(conn: &mut Connection, path: &Path) -> Result<()> {
    wait_for_others(conn, path)?;
    switch_to_wal(conn, path)?;
    // FULL, not NORMAL: in WAL mode NORMAL already survives a killed
    // process, but FULL also syncs the WAL at every commit, so a committed
    // tag survives a power cut too. One fsync per user action is cheap.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(|e| db_error_while(path, "setting synchronous=FULL", e))?;
    Ok(())
}

/// Switching a new database to WAL needs it to itself for a moment, and
/// SQLite reports "locked" at once instead of waiting when another session
/// is creating the same new database: wait and retry, as the busy timeout
/// would.
fn switch_to_wal(conn: &Connection, path: &Path) -> Result<()> {
    let started = Instant::now();
    loop {
        let mode = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0));
        let busy = match &mode {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) => true,
            Err(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            }
            Err(_) => false,
        };
        if let Err(rusqlite::Error::SqliteFailure(e, _)) = &mode
            && matches!(e.code, ErrorCode::CannotOpen | ErrorCode::ReadOnly)
        {
            let folder = path
                .parent()
                .map_or_else(String::new, |d| d.display().to_string());
            return Err(not_writable(
                path,
                format!("cannot create its journal files in {folder} (is the folder read-only?)"),
            ));
        }
        if !busy || started.elapsed() > BUSY_TIMEOUT {
            return match mode {
                Err(e) => Err(db_error_while(path, "switching to WAL journaling", e)),
                Ok(other) => Err(StateError::Db {
                    path: path.to_path_buf(),
                    message: format!("could not switch to WAL journaling (still {other:?})"),
                }),
            };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Checks an existing file without writing to it.
fn examine(path: &Path, schema: Schema) -> Result<()> {
    let mut header = Vec::with_capacity(HEADER_LEN);
    fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut header))
        .map_err(|e| unusable(path, format!("cannot read it: {e}")))?;
    if let Some(problem) = header_problem(&header) {
        return Err(unusable(path, problem));
    }

    // Read as it stands on disk if need be: a sound file in a folder that
    // cannot be written is not damaged, and is reported as what it is
    // when it is opened for writing.
    let mut conn = open_for_reading(path)?;
    wait_for_others(&mut conn, path)?;
    let version =
        schema::user_version(&conn).map_err(|e| unusable(path, format!("damaged ({e})")))?;
    schema::check_version(schema, path, version)?;
    let mut report: Vec<String> = Vec::new();
    conn.pragma_query(None, "quick_check", |row| {
        report.push(row.get(0)?);
        Ok(())
    })
    .map_err(|e| unusable(path, format!("damaged ({e})")))?;
    if report != ["ok"] {
        let shown: Vec<&str> = report.iter().take(3).map(String::as_str).collect();
        return Err(unusable(
            path,
            format!("damaged (quick_check: {})", shown.join("; ")),
        ));
    }
    Ok(())
}

/// Why the first bytes of a non-empty file are not a SQLite database.
fn header_problem(header: &[u8]) -> Option<String> {
    if !header.starts_with(SQLITE_MAGIC) {
        let looks_truncated = header.len() < SQLITE_MAGIC.len() && SQLITE_MAGIC.starts_with(header);
        return Some(if looks_truncated {
            format!("truncated to {} bytes", header.len())
        } else {
            "not a SQLite database (wrong header)".to_string()
        });
    }
    if header.len() < HEADER_LEN {
        return Some(format!(
            "truncated to {} bytes, shorter than a SQLite header",
            header.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_check_tells_garbage_from_truncation() {
        assert!(
            header_problem(b"hello world, not a db")
                .unwrap()
                .contains("not a SQLite")
        );
        assert!(header_problem(b"SQLite for").unwrap().contains("truncated"));
        assert!(
            header_problem(b"SQLite format 3\0abc")
                .unwrap()
                .contains("truncated")
        );
        let mut good = SQLITE_MAGIC.to_vec();
        good.resize(HEADER_LEN, 0);
        assert_eq!(header_problem(&good), None);
    }

    #[test]
    fn creates_directory_and_wal_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/state.db");
        let conn = connect(&path, schema::STATE).unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(schema::user_version(&conn).unwrap(), schema::SCHEMA_VERSION);
    }

    #[test]
    fn reopens_a_closed_wal_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        drop(connect(&path, schema::STATE).unwrap());
        // The -wal and -shm files are gone after a clean close; the
        // read-only examination must still work.
        drop(connect(&path, schema::STATE).unwrap());
    }

    #[test]
    fn empty_file_becomes_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        fs::write(&path, b"").unwrap();
        connect(&path, schema::STATE).unwrap();
        assert!(fs::metadata(&path).unwrap().len() > 0);
    }

    #[test]
    fn directory_in_place_of_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        fs::create_dir(&path).unwrap();
        let err = connect(&path, schema::STATE).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}
