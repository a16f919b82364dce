//! Issue 13: marks go to the state folder given on the line, wherever the
//! option stands, and nowhere else.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::*;

/// Runs brief with every XDG folder and HOME inside `sandbox`, passing only
/// the words given (no options added in front).
fn bare(f: &Fixture, sandbox: &Path, words: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(words)
        .env("HOME", sandbox)
        .env("XDG_DATA_HOME", sandbox.join("data"))
        .env("XDG_CACHE_HOME", sandbox.join("cache"))
        .env("XDG_CONFIG_HOME", sandbox.join("config"))
        .env("XDG_STATE_HOME", sandbox.join("xdg-state"))
        .current_dir(f.root())
        .output()
        .unwrap()
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn issue_13_state_dir_anywhere_on_the_line_is_the_only_state_written() {
    let f = three_briefs();
    let sandbox = f.root().join("home");
    std::fs::create_dir_all(&sandbox).unwrap();
    let state = f.root().join("given-state");
    let (briefs, cache) = (f.briefs.to_str().unwrap(), f.cache.to_str().unwrap());
    let d = state.to_str().unwrap();
    let attached = format!("--state-dir={d}");
    let lines: Vec<Vec<&str>> = vec![
        vec!["tag", "copper", "+first", "--state-dir", d],
        vec!["tag", "copper", "--state-dir", d, "+second", "-first"],
        vec!["tag", "--state-dir", d, "copper", "+third"],
        vec!["--state-dir", d, "tag", "copper", "+fourth"],
        vec!["tag", "copper", "+fifth", &attached],
        vec!["bookmark", "copper", "--state-dir", d],
        vec!["read", "copper", "--state-dir", d],
        vec!["bookmark", "--state-dir", d, "energy/grid-reserve"],
        vec!["read", "energy/grid-reserve", "--unread", "--state-dir", d],
        vec!["tags", "--state-dir", d],
        vec!["list", "--state-dir", d],
        vec!["check", "--state-dir", d],
    ];
    for line in &lines {
        let mut words = vec!["--briefs", briefs, "--cache-dir", cache];
        words.extend(line);
        let out = bare(&f, &sandbox, &words);
        assert!(
            out.status.success(),
            "brief {words:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let written = files_under(&sandbox);
    assert!(
        written.is_empty(),
        "nothing may be written outside the given folders: {written:?}"
    );
    // And the marks are all in the folder given.
    let out = bare(
        &f,
        &sandbox,
        &[
            "list",
            "--json",
            "--briefs",
            briefs,
            "--cache-dir",
            cache,
            "--state-dir",
            d,
        ],
    );
    let items: Vec<ListItem> = serde_json::from_slice(&out.stdout).unwrap();
    let copper = items.iter().find(|i| i.id == "copper").unwrap();
    assert_eq!(copper.tags, ["fifth", "fourth", "second", "third"]);
    assert!(copper.bookmarked && copper.read);
    let grid = items
        .iter()
        .find(|i| i.id == "energy/grid-reserve")
        .unwrap();
    assert!(grid.bookmarked && !grid.read);
    assert!(files_under(&sandbox).is_empty());
}
