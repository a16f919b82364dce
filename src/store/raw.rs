//! An article's file as written, read from the briefs folder when asked
//! for: the index keeps only the cleaned text, since a second copy of
//! every file roughly doubled what a cold index writes.

use std::path::Path;

use super::StoredArticle;
use crate::ingest;
use crate::ingest::walk::{self, FoundFile};

/// The source of a stored article as `r` shows it: its file as written,
/// or for an item of a feed or mbox, the item's own part of its file.
pub fn stored_raw(briefs: &Path, stored: &StoredArticle) -> Result<String, String> {
    let Some(place) = &stored.item else {
        return raw_text(briefs, &stored.row.path, &stored.hash);
    };
    let rel_path = stored.row.path.as_str();
    let bytes = read_unchanged(briefs, rel_path, &place.file_hash)?;
    ingest::collection::item_source(rel_path, &bytes, place.start, place.end).ok_or_else(|| {
        format!("The source of this item cannot be shown: it is no longer where {rel_path} had it.")
    })
}

/// The text of the file at `rel_path` (decoded as ingest decodes it), when
/// its bytes still hash to `hash`; otherwise why it cannot be shown.
pub fn raw_text(briefs: &Path, rel_path: &str, hash: &str) -> Result<String, String> {
    let bytes = read_unchanged(briefs, rel_path, hash)?;
    ingest::decode_text(&bytes)
        .map_err(|e| format!("The file as written cannot be shown: {rel_path}: {e}."))
}

/// The bytes of the file at `rel_path` when they still hash to `hash`.
fn read_unchanged(briefs: &Path, rel_path: &str, hash: &str) -> Result<Vec<u8>, String> {
    let file = FoundFile::at(&briefs.join(rel_path), rel_path);
    let bytes = walk::read_file(&file).map_err(|e| {
        format!("The file as written cannot be shown: {rel_path}: {e} (it may have been moved or deleted since it was indexed).")
    })?;
    if blake3::hash(&bytes).to_hex().as_str() != hash {
        return Err(format!(
            "The file as written cannot be shown: {rel_path} has changed since it was indexed; \
             it will show once the index is updated (`brief index`)."
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(text: &str) -> String {
        blake3::hash(text.as_bytes()).to_hex().to_string()
    }

    #[test]
    fn an_unchanged_file_is_read_as_written_with_lf_endings() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Harbour reopens\r\n\r\nThe ferry runs again.\r\n";
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let raw = raw_text(dir.path(), "a.txt", &hash(text)).unwrap();
        assert_eq!(raw, "Harbour reopens\n\nThe ferry runs again.\n");
    }

    #[test]
    fn a_changed_file_is_not_passed_off_as_the_indexed_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "New text\n").unwrap();
        let why = raw_text(dir.path(), "a.txt", &hash("Old text\n")).unwrap_err();
        assert!(
            why.contains("a.txt has changed since it was indexed"),
            "{why}"
        );
    }

    #[test]
    fn a_vanished_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let why = raw_text(dir.path(), "gone.txt", &hash("x")).unwrap_err();
        assert!(why.contains("gone.txt"), "{why}");
        assert!(why.contains("moved or deleted"), "{why}");
    }
}
