use serde::Deserialize;

use crate::util::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Packed {
    id: String,
    title: String,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    topics: Vec<String>,
    tags: Vec<String>,
    body: String,
}

#[test]
fn export_json_of_a_tag() {
    let f = three_briefs();
    f.ok(&["tag", "copper", "+pack"]);
    f.ok(&["tag", "energy/grid-reserve", "+pack"]);
    let packed: Vec<Packed> =
        serde_json::from_str(&f.ok(&["export", "--tag", "pack", "--format", "json"])).unwrap();
    let ids: Vec<&str> = packed.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["energy/grid-reserve", "copper"]);
    assert!(packed[0].body.contains("winter reserve"));
    assert_eq!(packed[0].url.as_deref(), Some("https://example.org/grid"));
}

#[test]
fn export_takes_a_query_and_explains_a_bad_one() {
    let f = three_briefs();
    let packed: Vec<Packed> =
        serde_json::from_str(&f.ok(&["export", "--query", "winter reserve", "--format", "json"]))
            .unwrap();
    let ids: Vec<&str> = packed.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["energy/grid-reserve"]);
    let out = f.run(&["export", "--query", "(winter", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("column 1"), "{err}");
    assert!(out.stdout.is_empty(), "nothing exported");
}

#[test]
fn export_markdown_of_bookmarks() {
    let f = three_briefs();
    f.ok(&["bookmark", "trade/harbour-strike"]);
    let md = f.ok(&["export", "--bookmarked", "--format", "markdown"]);
    assert!(
        md.contains("## Harbour strike ends after nine days"),
        "{md}"
    );
    assert!(md.contains("**Date:** 2026-04-14"), "{md}");
    assert!(!md.contains("Copper"), "{md}");
}

#[test]
fn extract_reads_standard_input() {
    use std::io::Write;
    let f = Fixture::new();
    let mut child = f
        .command()
        .args(["extract", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Officials in Berlin met envoys from the United Nations on Friday.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Berlin") && names.contains(&"United Nations"),
        "{names:?}"
    );
    let m = &v["mentions"][0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    let text = "Officials in Berlin met envoys from the United Nations on Friday.";
    assert_eq!(&text[s..e], m["text"].as_str().unwrap());
}

const STRUCTURED: &str = "+++\ntitle = \"Ferry timetable agreed\"\ndate = 2026-10-20\n\
tags = [\"islands\"]\n+++\n\n## What changes\n\n\
The *three* operators signed [the notice](https://board.example/n?id=1&x=2) &amp; more.\n\n\
- Morning crossings earlier\n  - shared boats\n\n\
> We asked for one timetable.\n\n\
| Route | Crossings |\n|:--|--:|\n| West | 6 |\n\n\
```\ntimetable --route west\n```\n\nA note[^n].\n\n[^n]: From the board.\n";

#[test]
fn export_markdown_keeps_structure_links_and_a_table_of_contents() {
    let f = three_briefs();
    f.write("ferries.md", STRUCTURED);
    let md = f.ok(&["export", "--format", "markdown"]);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(md.contains(&format!("Generated {today}")), "{md}");
    assert!(md.contains("## Contents"), "{md}");
    assert!(
        md.contains("[Ferry timetable agreed](#ferry-timetable-agreed) — 2026-10-20"),
        "{md}"
    );
    assert!(md.contains("## Ferry timetable agreed"), "{md}");
    for kept in [
        "#### What changes",
        "The *three* operators signed [the notice](<https://board.example/n?id=1&x=2>) \\& more.",
        "- Morning crossings earlier\n  - shared boats",
        "> We asked for one timetable.",
        "| Route | Crossings |\n| --- | --: |\n| West | 6 |",
        "```\ntimetable --route west\n```",
        "A note[^",
        "**Tags:** islands",
    ] {
        assert!(md.contains(kept), "`{kept}` not in:\n{md}");
    }
}

#[test]
fn export_leaves_the_users_tags_out_unless_asked() {
    let f = three_briefs();
    f.write("ferries.md", STRUCTURED);
    f.ok(&["tag", "ferries", "+private-lead"]);
    let md = f.ok(&["export", "--format", "markdown"]);
    assert!(!md.contains("private-lead"), "{md}");
    assert!(
        md.contains("**Tags:** islands"),
        "the file's own tags stay:\n{md}"
    );
    let md = f.ok(&["export", "--format", "markdown", "--with-tags"]);
    assert!(md.contains("**Tags:** islands, private-lead"), "{md}");
    let json = f.ok(&["export", "--format", "json"]);
    assert!(!json.contains("private-lead"), "{json}");
}

#[test]
fn export_markdown_escapes_what_articles_say() {
    let f = Fixture::new();
    f.write(
        "odd.txt",
        "Title with *stars* and [brackets](x)\n\n# not a heading\n- not a list\n",
    );
    let md = f.ok(&["export", "--format", "markdown"]);
    assert!(
        md.contains("## Title with \\*stars\\* and \\[brackets\\](x)"),
        "{md}"
    );
    assert!(!md.contains("\n# not a heading"), "{md}");
    assert!(!md.contains("\n- not a list"), "{md}");
}
