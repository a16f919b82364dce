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
}

pub type Result<T> = std::result::Result<T, StateError>;

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

/// Wraps a problem found while opening an existing file.
pub(crate) fn unusable(path: &Path, problem: impl Into<String>) -> StateError {
    StateError::Unusable {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}
