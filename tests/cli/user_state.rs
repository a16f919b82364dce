use serde::Deserialize;

use crate::util::*;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct TagCount {
    tag: String,
    count: usize,
}

fn tags_of(f: &Fixture, id: &str) -> Vec<String> {
    f.list(&[]).into_iter().find(|i| i.id == id).unwrap().tags
}

#[test]
fn tag_adds_and_removes() {
    let f = three_briefs();
    f.ok(&["tag", "copper", "+metals", "+watch"]);
    assert_eq!(tags_of(&f, "copper"), ["metals", "watch"]);
    f.ok(&["tag", "copper", "-watch"]);
    assert_eq!(tags_of(&f, "copper"), ["metals"]);
    let counts: Vec<TagCount> = serde_json::from_str(&f.ok(&["tags", "--json"])).unwrap();
    assert!(
        counts.contains(&TagCount {
            tag: "metals".into(),
            count: 1
        }),
        "{counts:?}"
    );
    assert!(
        counts.contains(&TagCount {
            tag: "grid".into(),
            count: 1
        }),
        "{counts:?}"
    );
    let tagged: Vec<String> = f
        .list(&["--tag", "metals"])
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(tagged, ["copper"]);
}

#[test]
fn tagging_an_unknown_article_fails() {
    let f = three_briefs();
    let out = f.run(&["tag", "nope", "+x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn bookmark_and_read_show_in_the_list() {
    let f = three_briefs();
    f.ok(&["bookmark", "copper"]);
    f.ok(&["read", "energy/grid-reserve"]);
    let items = f.list(&[]);
    let get = |id: &str| items.iter().find(|i| i.id == id).unwrap();
    assert!(get("copper").bookmarked && !get("copper").read);
    assert!(get("energy/grid-reserve").read);
    let bookmarked: Vec<String> = f
        .list(&["--bookmarked"])
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(bookmarked, ["copper"]);
    assert_eq!(f.list(&["--unread"]).len(), 2);
    f.ok(&["bookmark", "copper", "--remove"]);
    f.ok(&["read", "energy/grid-reserve", "--unread"]);
    assert!(f.list(&[]).iter().all(|i| !i.bookmarked && !i.read));
}

#[test]
fn state_survives_cache_rebuild_and_rename() {
    let f = three_briefs();
    f.ok(&["tag", "copper", "+metals"]);
    f.ok(&["bookmark", "copper"]);
    std::fs::remove_dir_all(&f.cache).unwrap();
    assert_eq!(tags_of(&f, "copper"), ["metals"]);
    // Move the file and rebuild the cache from scratch: the id changes, the
    // state follows the unchanged content.
    std::fs::rename(
        f.briefs.join("copper.txt"),
        f.briefs.join("copper-moved.txt"),
    )
    .unwrap();
    std::fs::remove_dir_all(&f.cache).unwrap();
    let items = f.list(&[]);
    let moved = items.iter().find(|i| i.path == "copper-moved.txt").unwrap();
    assert_eq!(moved.tags, ["metals"]);
    assert!(moved.bookmarked);
}

#[test]
fn state_of_a_deleted_article_is_kept_and_listed_by_check() {
    let f = three_briefs();
    f.ok(&["tag", "copper", "+metals"]);
    std::fs::remove_file(f.briefs.join("copper.txt")).unwrap();
    let out = f.ok(&["check"]);
    assert!(out.contains("copper"), "{out}");
    // Put it back: the tag is still there.
    f.write("copper.txt", UNDATED);
    assert_eq!(tags_of(&f, "copper"), ["metals"]);
}

/// `tag`, `bookmark` and `read --json`: the article's marks after the change.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Marks {
    id: String,
    tags: Vec<String>,
    bookmarked: bool,
    read: bool,
}

fn marks(f: &Fixture, args: &[&str]) -> Marks {
    serde_json::from_str(&f.ok(args)).unwrap()
}

#[test]
fn issue_13_mark_commands_print_the_marks_as_json() {
    let f = three_briefs();
    let grid = "energy/grid-reserve";
    let m = marks(&f, &["tag", grid, "+watch", "--json"]);
    assert_eq!(
        m,
        Marks {
            id: grid.into(),
            tags: vec!["grid".into(), "watch".into()],
            bookmarked: false,
            read: false
        }
    );
    let m = marks(&f, &["bookmark", grid, "--json"]);
    assert!(m.bookmarked && !m.read);
    let m = marks(&f, &["read", "--json", grid]);
    assert!(m.bookmarked && m.read);
    let m = marks(&f, &["read", grid, "--unread", "--json"]);
    assert!(!m.read);
    let m = marks(&f, &["bookmark", grid, "--remove", "--json"]);
    assert!(!m.bookmarked && m.tags == ["grid", "watch"]);
    // Without --json, bookmark and read stay quiet for scripts.
    assert_eq!(f.ok(&["bookmark", grid]), "");
}

#[test]
fn issue_13_index_json_is_one_object_and_stats_is_text() {
    let f = three_briefs();
    let stats = f.stats();
    assert_eq!((stats.seen, stats.added, stats.articles), (3, 3, 3));
    assert!(stats.index.ends_with(".db"), "{}", stats.index);
    let text = f.ok(&["index", "--stats"]);
    assert!(!text.contains('{'), "--stats is text: {text}");
    assert!(text.contains("articles: 3"), "{text}");
}
