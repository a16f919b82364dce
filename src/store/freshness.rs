//! Knowing that the briefs folder is unchanged without looking at every
//! file in it.
//!
//! The contract: a file added, removed or renamed anywhere in the folder
//! moves the modification time of the folder holding it, so commands that
//! only read (`list`, `show`, ...) compare the folders the last full scan
//! read with their times now, and update the index only when one moved.
//! A file edited in place moves no folder: it is picked up by the next
//! `brief index`, by a running reader's watcher, or by the next command
//! that finds any folder changed (which scans everything). Saving through
//! a temporary file and a rename, as most editors do, moves the folder.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use rusqlite::{Connection, params};

use super::Index;
use crate::ingest::walk::Folder;

/// A folder whose time is this close to the scan that recorded it proves
/// nothing: on a file system with coarse times a file added in the same
/// tick leaves the time as it was (git's "racy" entries).
const RACY_NS: i64 = 2_000_000_000;

impl Index {
    /// True when the last full scan was made under `fingerprint` and no
    /// folder it read has moved since: the index holds what the folder does
    /// (but for files edited in place, see the module's contract).
    pub fn looks_fresh(&self, briefs: &Path, fingerprint: &str) -> Result<bool> {
        if self.meta("fingerprint")?.as_deref() != Some(fingerprint) {
            return Ok(false);
        }
        let Some(scanned_ns) = self.meta("scanned_ns")?.and_then(|v| v.parse::<i64>().ok()) else {
            return Ok(false);
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, mtime_ns FROM folders")?;
        let folders = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if folders.is_empty() {
            return Ok(false);
        }
        Ok(folders.iter().all(|(rel, recorded)| {
            let path = if rel.is_empty() {
                briefs.to_path_buf()
            } else {
                briefs.join(rel)
            };
            let Ok(meta) = std::fs::metadata(&path) else {
                return false;
            };
            let now = nanos(meta.modified().ok());
            now == *recorded && now < scanned_ns - RACY_NS
        }))
    }
}

/// Records what a full scan that started at `scanned` read; `None` (a
/// folder could not be read) records nothing, so the next look scans.
pub(super) fn record_scan(
    conn: &Connection,
    folders: Option<&[Folder]>,
    scanned: SystemTime,
) -> Result<()> {
    conn.execute("DELETE FROM folders", [])?;
    conn.execute("DELETE FROM meta WHERE key = 'scanned_ns'", [])?;
    let Some(folders) = folders else {
        return Ok(());
    };
    let mut insert =
        conn.prepare_cached("INSERT OR REPLACE INTO folders(path, mtime_ns) VALUES(?1, ?2)")?;
    for f in folders {
        insert.execute(params![f.rel_path, f.mtime_ns])?;
    }
    conn.execute(
        "INSERT INTO meta(key, value) VALUES('scanned_ns', ?1)",
        [nanos(Some(scanned)).to_string()],
    )?;
    Ok(())
}

fn nanos(t: Option<SystemTime>) -> i64 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::config::Config;
    use crate::entities::Extractor;
    use crate::ingest::IngestRules;
    use crate::store::Toolkit;

    fn kit(fingerprint: &str) -> Toolkit {
        let config = Config::builtin();
        Toolkit {
            rules: IngestRules::from_config(&config),
            extractor: Extractor::new(&config.entities).unwrap(),
            fingerprint: fingerprint.into(),
        }
    }

    /// Folders made by a test are younger than the racy margin; age them.
    fn age(dir: &Path) {
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::open(dir)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }

    #[test]
    fn an_unchanged_folder_is_fresh_and_a_new_file_or_new_rules_are_not() {
        let briefs = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let topic = briefs.path().join("energy");
        std::fs::create_dir(&topic).unwrap();
        std::fs::write(topic.join("a.txt"), "Pipeline deal\n\nSigned today.\n").unwrap();
        age(&topic);
        age(briefs.path());
        let mut index = Index::open(&cache.path().join("index.db")).unwrap();
        index.sync(briefs.path(), &kit("r1")).unwrap();
        assert!(index.looks_fresh(briefs.path(), "r1").unwrap());
        assert!(
            !index.looks_fresh(briefs.path(), "r2").unwrap(),
            "new rules"
        );

        // Edited in place: no folder moves; the contract leaves it to
        // `brief index`, which reads every file.
        std::fs::write(topic.join("a.txt"), "Pipeline deal off\n\nNot signed.\n").unwrap();
        assert!(index.looks_fresh(briefs.path(), "r1").unwrap());

        // A new file in a sub-folder moves that folder.
        std::fs::write(topic.join("b.txt"), "Second deal\n\nAlso signed.\n").unwrap();
        assert!(!index.looks_fresh(briefs.path(), "r1").unwrap());
        index.sync(briefs.path(), &kit("r1")).unwrap();
        // Just scanned, and the folder just moved: too close to trust.
        assert!(!index.looks_fresh(briefs.path(), "r1").unwrap());
        // Once the folder's time is well before a scan, it is trusted.
        age(&topic);
        assert!(!index.looks_fresh(briefs.path(), "r1").unwrap(), "moved");
        index.sync(briefs.path(), &kit("r1")).unwrap();
        assert!(index.looks_fresh(briefs.path(), "r1").unwrap());

        // A removed sub-folder is not fresh either.
        std::fs::remove_dir_all(&topic).unwrap();
        assert!(!index.looks_fresh(briefs.path(), "r1").unwrap());
    }

    #[test]
    fn a_new_index_is_never_fresh() {
        let briefs = tempfile::tempdir().unwrap();
        age(briefs.path());
        let cache = tempfile::tempdir().unwrap();
        let index = Index::open(&cache.path().join("index.db")).unwrap();
        assert!(!index.looks_fresh(briefs.path(), "r1").unwrap());
    }
}
