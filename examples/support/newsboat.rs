//! The same articles as one local RSS file, and newsboat loading it, for a
//! side-by-side with brief.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use brief::library::Library;
use brief::store::IndexFilter;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes every indexed article as an item of one RSS 2.0 feed.
pub fn write_rss(library: &Library, path: &Path) -> Result<usize> {
    let rows = library.index.rows(&IndexFilter::default())?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n<title>Briefings</title><link>http://localhost/</link><description>brief bench</description>\n",
    );
    for row in &rows {
        let Some(stored) = library.index.article(&row.id)? else {
            continue;
        };
        let _ = write!(
            xml,
            "<item><title>{}</title><link>http://localhost/{}</link><guid>{}</guid>",
            escape(&row.title),
            escape(&row.id),
            escape(&row.id)
        );
        if let Some(d) = row.date {
            let _ = write!(
                xml,
                "<pubDate>{}</pubDate>",
                d.format("%a, %d %b %Y 12:00:00 +0000")
            );
        }
        let _ = writeln!(
            xml,
            "<description>{}</description></item>",
            escape(&stored.body)
        );
    }
    xml.push_str("</channel></rss>\n");
    std::fs::write(path, xml).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(rows.len())
}

/// newsboat's own files for one run, all inside `dir`.
pub struct NewsboatFiles {
    pub urls: std::path::PathBuf,
    pub cache: std::path::PathBuf,
    pub config: std::path::PathBuf,
}

pub fn prepare(dir: &Path, feed: &Path) -> Result<NewsboatFiles> {
    std::fs::create_dir_all(dir)?;
    let files = NewsboatFiles {
        urls: dir.join("urls"),
        cache: dir.join("cache.db"),
        config: dir.join("config"),
    };
    let feed = feed.canonicalize()?;
    std::fs::write(&files.urls, format!("file://{}\n", feed.display()))?;
    // Keep every item: newsboat's default keeps them all too, but say so.
    std::fs::write(&files.config, "max-items 0\nshow-read-feeds yes\n")?;
    Ok(files)
}

/// `newsboat -x reload` with its files in `dir` (HOME too, so it never
/// touches the user's own).
pub fn reload_command(files: &NewsboatFiles, home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new("newsboat");
    cmd.arg("-u")
        .arg(&files.urls)
        .arg("-c")
        .arg(&files.cache)
        .arg("-C")
        .arg(&files.config)
        .arg("-x")
        .arg("reload")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home);
    cmd
}
