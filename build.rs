//! Fingerprints the ingest and entity rules (their source and data), so a
//! cached index built by an older brief is re-parsed under the new rules.

use std::path::Path;

fn hash_tree(dir: &Path, hasher: &mut u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            // FNV-1a: enough to notice a change; this is not security.
            for b in path.to_string_lossy().bytes().chain(bytes) {
                *hasher ^= u64::from(b);
                *hasher = hasher.wrapping_mul(0x100_0000_01b3);
            }
        }
    }
}

fn main() {
    let mut hasher = 0xcbf2_9ce4_8422_2325_u64;
    for dir in [
        "src/ingest",
        "src/entities",
        "src/store",
        "src/text",
        "data",
    ] {
        println!("cargo:rerun-if-changed={dir}");
        hash_tree(Path::new(dir), &mut hasher);
    }
    println!("cargo:rustc-env=BRIEF_RULES_HASH={hasher:016x}");
}
