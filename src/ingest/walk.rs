//! Finding briefing files under the briefs folder without hanging on FIFOs,
//! devices or symlink loops, and without ever writing there.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File, FileType, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// Files larger than this are not briefings (a log, a dump): reported, not read.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A candidate briefing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Relative to the briefs folder, `/` separators.
    pub rel_path: String,
    /// The folder scanned, shared by every file found in it: a scan of a
    /// million files holds a million of these through an update, and a
    /// full path of its own cost each about 80 bytes more.
    pub root: Arc<Path>,
    /// The file's own path, only where `root` and `rel_path` do not give
    /// it back (a name that is not UTF-8, which `rel_path` spells lossily).
    pub exact_path: Option<Box<Path>>,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: i64,
}

impl FoundFile {
    /// A file at `path` (a test's, or one looked up by path), as found.
    pub fn at(path: &Path, rel_path: &str) -> FoundFile {
        FoundFile {
            rel_path: rel_path.to_string(),
            root: Arc::from(Path::new("")),
            exact_path: Some(path.into()),
            size: 0,
            mtime_ns: 0,
        }
    }

    /// Where the file is.
    pub fn abs_path(&self) -> PathBuf {
        match &self.exact_path {
            Some(p) => p.to_path_buf(),
            None => self.root.join(&self.rel_path),
        }
    }
}

/// A file (or folder) that looked like a briefing but cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rel_path: String,
    pub reason: String,
}

/// A folder read by a scan, with its modification time: a file added,
/// removed or renamed in it moves that time, so commands that only read can
/// tell an unchanged folder from the folders alone (see `store::freshness`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// Relative to the briefs folder, `/` separators; "" for the folder itself.
    pub rel_path: String,
    pub mtime_ns: i64,
}

/// What a whole scan saw.
#[derive(Debug, Default)]
pub struct Scan {
    pub found: Vec<FoundFile>,
    pub skipped: Vec<Skipped>,
    /// Every folder read; `None` when one could not be read, as then an
    /// unchanged folder list proves nothing.
    pub folders: Option<Vec<Folder>>,
    /// Files not read, counted by extension (see [`scan_counting`]).
    pub not_read: BTreeMap<String, usize>,
}

/// True for the extensions brief reads (Maildir messages, which have
/// none, are found by their folders instead), feeds and mbox files
/// (`ingest::collection`, many articles to a file) among them.
pub fn is_brief_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md")
        || lower.ends_with(".markdown")
        || lower.ends_with(".txt")
        || lower.ends_with(".eml")
        || super::is_html(&lower)
        || super::collection::is_collection(&lower)
}

/// A Maildir: a folder with `cur/` and `new/` (and `tmp/`) in it.
fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// The `cur/` or `new/` folder of a Maildir, whose files are messages.
fn is_maildir_leaf(dir: &Path) -> bool {
    dir.file_name().is_some_and(|n| n == "cur" || n == "new")
        && dir.parent().is_some_and(is_maildir)
}

/// Every briefing file under `root`, sorted by path, and what was skipped.
///
/// Symlinks to files and folders are followed; a folder already being read
/// further up the same path is a loop and is reported; a folder reached a
/// second time by another route is read once. Hidden entries (`.name`) are
/// passed over without a word.
pub fn scan(root: &Path) -> (Vec<FoundFile>, Vec<Skipped>) {
    let scan = scan_all(root);
    (scan.found, scan.skipped)
}

/// [`scan`], also counting the files not read, by extension (`.pdf` → 3;
/// `""` for names without one), so none is passed over without a word.
pub fn scan_counting(root: &Path) -> (Vec<FoundFile>, Vec<Skipped>, BTreeMap<String, usize>) {
    let scan = scan_all(root);
    (scan.found, scan.skipped, scan.not_read)
}

/// [`scan`], with the folders it read and the files it did not.
pub fn scan_all(root: &Path) -> Scan {
    let mut not_read = BTreeMap::new();
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let canonical_root = match fs::canonicalize(root).and_then(|c| fs::metadata(&c).map(|m| (c, m)))
    {
        Ok((c, m)) if m.is_dir() => c,
        Ok(_) => {
            skipped.push(Skipped {
                rel_path: String::new(),
                reason: format!("{} is not a folder", root.display()),
            });
            return Scan {
                found,
                skipped,
                folders: None,
                not_read,
            };
        }
        Err(e) => {
            skipped.push(Skipped {
                rel_path: String::new(),
                reason: format!("cannot open the briefs folder {}: {e}", root.display()),
            });
            return Scan {
                found,
                skipped,
                folders: None,
                not_read,
            };
        }
    };
    let mut folders = Some(Vec::new());
    let mut walker = Walker {
        root: Arc::from(root),
        found: &mut found,
        skipped: &mut skipped,
        visited: HashSet::new(),
        folders: &mut folders,
        not_read: &mut not_read,
    };
    walker.visited.insert(canonical_root.clone());
    walker.dir(root, "", &mut vec![canonical_root]);
    found.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Scan {
        found,
        skipped,
        folders,
        not_read,
    }
}

/// The extension a file not read is counted under, lower case with its dot.
fn extension_of(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
            format!(".{}", ext.to_ascii_lowercase())
        }
        _ => String::new(),
    }
}

struct Walker<'a> {
    root: Arc<Path>,
    found: &'a mut Vec<FoundFile>,
    skipped: &'a mut Vec<Skipped>,
    /// Canonical folders already read, so no folder is read twice.
    visited: HashSet<PathBuf>,
    folders: &'a mut Option<Vec<Folder>>,
    not_read: &'a mut BTreeMap<String, usize>,
}

fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

impl Walker<'_> {
    fn skip(&mut self, rel_path: &str, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            rel_path: rel_path.to_string(),
            reason: reason.into(),
        });
    }

    /// Reads one folder; `ancestors` holds the canonical folders above it.
    fn dir(&mut self, abs: &Path, rel: &str, ancestors: &mut Vec<PathBuf>) {
        let entries = match fs::read_dir(abs) {
            Ok(entries) => entries,
            Err(e) => {
                *self.folders = None;
                return self.skip(rel, format!("cannot read folder: {e}"));
            }
        };
        // Taken before the listing: a file added while it is read moves
        // the time past what is recorded, and the next look reads again.
        match fs::metadata(abs) {
            Ok(meta) => {
                if let Some(folders) = self.folders.as_mut() {
                    folders.push(Folder {
                        rel_path: rel.to_string(),
                        mtime_ns: mtime_ns(&meta),
                    });
                }
            }
            Err(_) => *self.folders = None,
        }
        let mut entries: Vec<_> = entries
            .filter_map(|e| {
                e.map_err(|err| self.skip(rel, format!("cannot list folder: {err}")))
                    .ok()
            })
            .collect();
        entries.sort_by_key(|e| e.file_name());
        let messages_here = is_maildir_leaf(abs);
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel_path = join(rel, &name);
            let path = entry.path();
            let Ok(link_type) = entry.file_type() else {
                self.skip(&rel_path, "cannot tell what kind of file this is");
                continue;
            };
            // The type of what the entry stands for, symlinks followed.
            let meta = if link_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        if is_brief_name(&name) || !name.contains('.') {
                            self.skip(&rel_path, "broken symlink: its target does not exist");
                        }
                        continue;
                    }
                    Err(e) => {
                        self.skip(&rel_path, format!("cannot follow symlink: {e}"));
                        continue;
                    }
                }
            } else {
                match entry.metadata() {
                    Ok(m) => m,
                    Err(e) => {
                        self.skip(&rel_path, format!("cannot read file details: {e}"));
                        continue;
                    }
                }
            };
            if meta.is_dir() {
                // A Maildir's tmp/ holds messages still being delivered.
                if name == "tmp" && is_maildir(abs) {
                    continue;
                }
                self.subdir(&path, &rel_path, ancestors);
            } else if is_brief_name(&name) && is_other_json(&name, &path, &meta) {
                *self.not_read.entry(extension_of(&name)).or_default() += 1;
            } else if is_brief_name(&name) || messages_here {
                self.file(path, rel_path, &meta);
            } else {
                *self.not_read.entry(extension_of(&name)).or_default() += 1;
            }
        }
    }

    fn subdir(&mut self, path: &Path, rel_path: &str, ancestors: &mut Vec<PathBuf>) {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => return self.skip(rel_path, format!("cannot resolve folder: {e}")),
        };
        // Leading to a folder that contains this one (itself, the briefs
        // folder, or a parent of it) would read the same files forever.
        if ancestors.iter().any(|a| a.starts_with(&canonical)) {
            return self.skip(
                rel_path,
                "symlink loop: this folder leads back to one that contains it",
            );
        }
        // Reached before by another route: its files are already listed.
        if !self.visited.insert(canonical.clone()) {
            return;
        }
        ancestors.push(canonical);
        self.dir(path, rel_path, ancestors);
        ancestors.pop();
    }

    fn file(&mut self, path: PathBuf, rel_path: String, meta: &Metadata) {
        if !meta.is_file() {
            return self.skip(
                &rel_path,
                format!("not a regular file ({})", kind_name(&meta.file_type())),
            );
        }
        if meta.len() > MAX_FILE_BYTES {
            return self.skip(&rel_path, too_large(meta.len()));
        }
        // Not opened here: reading it (read_file) opens it and reports what
        // stops it, and a scan of a million unchanged files should cost a
        // stat each, not a stat, an open and two more stats.
        let exact_path = (self.root.join(&rel_path) != path).then(|| path.into_boxed_path());
        self.found.push(FoundFile {
            rel_path,
            root: self.root.clone(),
            exact_path,
            size: meta.len(),
            mtime_ns: mtime_ns(meta),
        });
    }
}

/// How far into a `.json` file a JSON Feed's `version` is looked for.
const JSON_FEED_SNIFF: u64 = 64 * 1024;

/// True for a `.json` file that does not say it is a JSON Feed (its
/// `version`, `https://jsonfeed.org/version/1.1`, in its first 64 KB):
/// JSON is mostly data and settings, which are counted as not read rather
/// than each reported as a feed that does not parse. The one kind of file
/// a scan opens; one it cannot open is left for the read to report.
fn is_other_json(name: &str, path: &Path, meta: &Metadata) -> bool {
    if !name.to_ascii_lowercase().ends_with(".json") || !meta.is_file() {
        return false;
    }
    let Ok(file) = open_regular(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(JSON_FEED_SNIFF).read_to_end(&mut head).is_err() {
        return false;
    }
    !head
        .windows(12)
        .any(|w| w.eq_ignore_ascii_case(b"jsonfeed.org"))
}

fn too_large(len: u64) -> String {
    format!(
        "too large for a briefing: {} MB (limit {} MB)",
        len / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn mtime_ns(meta: &Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(unix)]
fn kind_name(t: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "FIFO"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn kind_name(_: &FileType) -> &'static str {
    "special file"
}

/// Opens a path that must be a regular file. The type is checked before
/// opening, and again on the open handle in case the path was swapped in
/// between.
fn open_regular(path: &Path) -> Result<File, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "not a regular file ({})",
            kind_name(&meta.file_type())
        ));
    }
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(m) => Err(format!(
            "not a regular file ({})",
            kind_name(&m.file_type())
        )),
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// Reads a found file's bytes, refusing anything that is no longer a regular file.
pub fn read_file(file: &FoundFile) -> Result<Vec<u8>, super::IngestError> {
    let io = super::IngestError::Io;
    let f = open_regular(&file.abs_path()).map_err(io)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to notice a file that grew since the scan.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
