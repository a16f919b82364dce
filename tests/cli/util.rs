use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

/// A briefs folder, a cache and a state folder of a test's own.
pub struct Fixture {
    _root: tempfile::TempDir,
    pub briefs: PathBuf,
    pub cache: PathBuf,
    pub state: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let root = tempfile::tempdir().unwrap();
        let briefs = root.path().join("briefs");
        std::fs::create_dir_all(&briefs).unwrap();
        Fixture {
            briefs,
            cache: root.path().join("cache"),
            state: root.path().join("state"),
            _root: root,
        }
    }

    pub fn root(&self) -> &Path {
        self._root.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.briefs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.arg("--briefs")
            .arg(&self.briefs)
            .arg("--cache-dir")
            .arg(&self.cache)
            .arg("--state-dir")
            .arg(&self.state)
            .arg("--config")
            .arg(self.config_path());
        // Keep the user's real config and data out of every test.
        cmd.env("HOME", self.root()).env_remove("XDG_CONFIG_HOME");
        cmd
    }

    fn config_path(&self) -> PathBuf {
        let path = self.root().join("config.toml");
        if !path.exists() {
            std::fs::write(&path, "").unwrap();
        }
        path
    }

    pub fn set_config(&self, text: &str) {
        std::fs::write(self.root().join("config.toml"), text).unwrap();
    }

    /// Runs brief and returns its output whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs brief, insisting on success, and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "brief {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn list(&self, extra: &[&str]) -> Vec<ListItem> {
        let mut args = vec!["list", "--json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&self.ok(&args)).unwrap()
    }

    pub fn stats(&self) -> Stats {
        // One object and nothing else on stdout.
        serde_json::from_str(&self.ok(&["index", "--json"])).unwrap()
    }
}

/// `brief list --json`: strict, so a renamed or added field fails a test.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub bookmarked: bool,
    pub read: bool,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub seen: usize,
    pub added: usize,
    pub updated: usize,
    pub renamed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub seconds: f64,
    /// The index file.
    pub index: String,
    /// Articles the index holds after the update.
    pub articles: usize,
}

pub const FRONT_MATTER: &str = "+++
title = \"Grid operators plan winter reserve\"
date = 2026-03-02
topics = [\"energy\"]
tags = [\"grid\"]
source = \"Northern Wire\"
url = \"https://example.org/grid\"
+++

Operators of the northern grid said on Monday that they would hold back a winter reserve.
";

pub const SCRAPED: &str = "Skip to content
Home > World > Europe

Harbour strike ends after nine days

Tuesday, April 14, 2026

By Mira Holt

Dock workers in the port of Valmar returned to work on Tuesday after their union accepted a new pay offer.

Most Popular
";

pub const UNDATED: &str = "Quiet week for the copper market

Traders reported little movement in copper prices this week.
";

/// Three briefs: one dated by front matter, one by a prose date line, one undated.
pub fn three_briefs() -> Fixture {
    let f = Fixture::new();
    f.write("energy/grid-reserve.md", FRONT_MATTER)
        .write("trade/harbour-strike.txt", SCRAPED)
        .write("copper.txt", UNDATED);
    f
}
