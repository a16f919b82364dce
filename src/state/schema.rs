//! The schema's history: each migration is a small SQL file under
//! `migrations/`, applied in order inside one immediate transaction, with
//! `PRAGMA user_version` recording how far a database has come.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Result, StateError, db_error_while, unusable};

/// Migration `i` takes a database from version `i` to `i + 1`. Never edit a
/// released one: add a new file instead.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_times_and_hashes.sql"),
    include_str!("migrations/0003_entity_corrections.sql"),
    // Follows 0003_entity_corrections.sql once that is merged.
    include_str!("migrations/0004_search_history.sql"),
];

/// The version this program writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// One database's history: the user's `state.db` and the desk's shared
/// `desk.db` are opened and migrated by the same careful code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schema {
    pub migrations: &'static [&'static str],
}

impl Schema {
    pub fn version(self) -> i64 {
        self.migrations.len() as i64
    }
}

/// The user's own `state.db`.
pub(crate) const STATE: Schema = Schema {
    migrations: MIGRATIONS,
};

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Refuses versions this program cannot handle, before anything is written.
pub(crate) fn check_version(schema: Schema, path: &Path, found: i64) -> Result<()> {
    if found > schema.version() {
        return Err(StateError::TooNew {
            path: path.to_path_buf(),
            found,
            known: schema.version(),
        });
    }
    if found < 0 {
        return Err(unusable(
            path,
            format!("its schema version {found} is not valid"),
        ));
    }
    Ok(())
}

/// Brings the database up to the schema's version; returns the version
/// found. All or nothing: a failed migration leaves the database as it was.
pub(crate) fn migrate(schema: Schema, conn: &mut Connection, path: &Path) -> Result<i64> {
    let before =
        user_version(conn).map_err(|e| db_error_while(path, "reading the schema version", e))?;
    check_version(schema, path, before)?;
    if before == schema.version() {
        return Ok(before);
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| db_error_while(path, "starting the migration", e))?;
    // Another session may have migrated while we waited for the lock.
    let found =
        user_version(&tx).map_err(|e| db_error_while(path, "reading the schema version", e))?;
    check_version(schema, path, found)?;
    // `found` is within 0..=version here, checked just above.
    for (index, sql) in schema.migrations.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql).map_err(|e| StateError::Db {
            path: path.to_path_buf(),
            message: format!("migration to schema version {} failed: {e}", index + 1),
        })?;
    }
    tx.pragma_update(None, "user_version", schema.version())
        .map_err(|e| db_error_while(path, "recording the schema version", e))?;
    tx.commit()
        .map_err(|e| db_error_while(path, "committing the migration", e))?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap();
        stmt.query_map([table], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn fresh_database_reaches_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let found = migrate(STATE, &mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(found, 0);
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        assert!(columns(&conn, "article_state").contains(&"content_hash".to_string()));
        assert!(columns(&conn, "article_tag").contains(&"added_at".to_string()));
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(STATE, &mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(
            migrate(STATE, &mut conn, Path::new(":memory:")).unwrap(),
            SCHEMA_VERSION
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(STATE, &mut conn, Path::new("/x/state.db")).unwrap_err();
        assert!(matches!(err, StateError::TooNew { found, .. } if found == SCHEMA_VERSION + 1));
        assert!(err.to_string().contains("/x/state.db"), "{err}");
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
    }

    #[test]
    fn failed_migration_leaves_old_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A v1 database that already has a column v2 wants to add: v2 fails.
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "ALTER TABLE article_state ADD COLUMN read_at TEXT; PRAGMA user_version = 1;",
        )
        .unwrap();
        let err = migrate(STATE, &mut conn, Path::new("s.db")).unwrap_err();
        assert!(err.to_string().contains("schema version 2"), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        assert!(!columns(&conn, "article_state").contains(&"content_hash".to_string()));
    }
}
