//! What can go wrong with the user's state, worded for the person who owns
//! the file: every message names the database and says what to do.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// A database operation failed on a database that opened fine (locked
    /// for too long, disk full, ...). Nothing was half-written: the
    /// transaction was rolled back.
    #[error("state database {path}: {message}")]
    Db { path: PathBuf, message: String },

    /// The file exists but cannot be used: not SQLite, truncated, damaged,
    /// unreadable or read-only. It has not been modified.
    #[error(
        "state database {path} cannot be used: {problem}. \
         It has been left untouched; restore a backup or move it aside to start afresh"
    )]
    Unusable { path: PathBuf, problem: String },

    /// The database or its folder cannot be written (read-only file or
    /// folder, no room to create it). Nothing has been modified.
    #[error(
        "state database {path} cannot be written: {problem}. \
         It has been left untouched; check the permissions of it and its folder, and free space"
    )]
    NotWritable { path: PathBuf, problem: String },

    /// This session opened the state read-only (see
    /// [`StateDb::open_or_read_only`](super::StateDb::open_or_read_only)):
    /// nothing can be saved until brief is started again.
    #[error("changes are not saved this session: {reason}")]
    ReadOnlySession { path: PathBuf, reason: String },

    /// Written by a newer brief; this one will not guess at its meaning.
    #[error(
        "state database {path} has schema version {found}, but this brief only knows up to \
         {known}. It has been left untouched; use a newer brief"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    /// A tag the user typed that cannot be kept as given.
    #[error("tag {tag:?} refused: {reason}")]
    InvalidTag { tag: String, reason: String },

    /// An entity correction that cannot be kept as given (an empty name,
    /// an import file that is not brief's).
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StateError>;

impl StateError {
    /// What went wrong without the database's path, short enough for a
    /// status line ("the disk is full: nothing was written").
    pub fn cause(&self) -> String {
        match self {
            StateError::Db { message, .. } => message.clone(),
            StateError::NotWritable { problem, .. } => format!("cannot write the state: {problem}"),
            StateError::Unusable { problem, .. } => format!("the state cannot be used: {problem}"),
            other => other.to_string(),
        }
    }

    /// Whether the database is sound but cannot be written (so it may
    /// still be read), as opposed to damaged, foreign or too new.
    pub fn is_write_problem(&self) -> bool {
        matches!(
            self,
            StateError::NotWritable { .. }
                | StateError::Db { .. }
                | StateError::ReadOnlySession { .. }
        )
    }
}

/// Wraps a SQLite error that happened after a successful open.
pub(crate) fn db_error(path: &Path, err: rusqlite::Error) -> StateError {
    let message = match &err {
        rusqlite::Error::SqliteFailure(code, _)
            if code.code == rusqlite::ErrorCode::DatabaseBusy
                || code.code == rusqlite::ErrorCode::DatabaseLocked =>
        {
            format!(
                "{err} (another brief session kept it busy too long; nothing was written, try again)"
            )
        }
        rusqlite::Error::SqliteFailure(code, _) if code.code == rusqlite::ErrorCode::DiskFull => {
            "the disk is full: nothing was written (free some space and try again)".to_string()
        }
        rusqlite::Error::SqliteFailure(code, _) if code.code == rusqlite::ErrorCode::ReadOnly => {
            "the database is read-only: nothing was written (check the permissions of it and its folder)"
                .to_string()
        }
        _ => err.to_string(),
    };
    StateError::Db {
        path: path.to_path_buf(),
        message,
    }
}

/// Like [`db_error`], saying what was being done.
pub(crate) fn db_error_while(path: &Path, doing: &str, err: rusqlite::Error) -> StateError {
    match db_error(path, err) {
        StateError::Db { path, message } => StateError::Db {
            path,
            message: format!("{doing}: {message}"),
        },
        other => other,
    }
}

/// The database or its folder cannot be written.
pub(crate) fn not_writable(path: &Path, problem: impl Into<String>) -> StateError {
    StateError::NotWritable {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// Wraps a problem found while opening an existing file.
pub(crate) fn unusable(path: &Path, problem: impl Into<String>) -> StateError {
    StateError::Unusable {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}
