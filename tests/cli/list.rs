use crate::util::*;

#[test]
fn list_json_is_newest_first_with_undated_last() {
    let f = three_briefs();
    let items = f.list(&[]);
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["trade/harbour-strike", "energy/grid-reserve", "copper"]
    );
    let grid = &items[1];
    assert_eq!(
        grid,
        &ListItem {
            id: "energy/grid-reserve".into(),
            path: "energy/grid-reserve.md".into(),
            title: "Grid operators plan winter reserve".into(),
            date: Some("2026-03-02".into()),
            topics: vec!["energy".into()],
            tags: vec!["grid".into()],
            bookmarked: false,
            read: false,
            source: Some("Northern Wire".into()),
        }
    );
    assert_eq!(items[0].title, "Harbour strike ends after nine days");
    assert_eq!(items[0].date.as_deref(), Some("2026-04-14"));
    assert_eq!(items[0].topics, ["trade"]);
    assert_eq!(items[2].date, None);
}

#[test]
fn list_filters_by_topic_and_dates() {
    let f = three_briefs();
    let ids = |extra: &[&str]| -> Vec<String> { f.list(extra).into_iter().map(|i| i.id).collect() };
    assert_eq!(ids(&["--topic", "energy"]), ["energy/grid-reserve"]);
    assert_eq!(ids(&["--topic", "ENERGY"]), ["energy/grid-reserve"]);
    assert_eq!(ids(&["--since", "2026-04-01"]), ["trade/harbour-strike"]);
    assert_eq!(ids(&["--until", "2026-03-31"]), ["energy/grid-reserve"]);
    assert!(ids(&["--topic", "sport"]).is_empty());
}

#[test]
fn issue_13_since_and_until_take_the_query_dates() {
    let f = three_briefs();
    let ids = |extra: &[&str]| -> Vec<String> { f.list(extra).into_iter().map(|i| i.id).collect() };
    let both = ["trade/harbour-strike", "energy/grid-reserve"];
    assert_eq!(ids(&["--since", "2026-04"]), ["trade/harbour-strike"]);
    assert_eq!(ids(&["--until", "2026-03"]), ["energy/grid-reserve"]);
    assert_eq!(ids(&["--since", "2026", "--until", "2026"]), both);
    assert!(ids(&["--until", "2025"]).is_empty());
    // A century back from today, whatever today is.
    assert_eq!(ids(&["--since", "-36500d"]), both);
    assert_eq!(ids(&["--since=-5200w"]), both);
    assert!(ids(&["--until", "-100y"]).is_empty());
}

#[test]
fn topic_keyword_rules_come_from_config() {
    let f = three_briefs();
    f.set_config("[topics]\nmetals = [\"copper\"]\n");
    let ids: Vec<String> = f
        .list(&["--topic", "metals"])
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["copper"]);
}

#[test]
fn plain_list_shows_dates_and_titles() {
    let f = three_briefs();
    let out = f.ok(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("2026-04-14") && lines[0].contains("Harbour strike ends"),
        "{out}"
    );
    assert!(lines[2].starts_with("undated"), "{out}");
}

#[test]
fn a_bad_date_argument_is_a_clear_error() {
    let f = three_briefs();
    let out = f.run(&["list", "--since", "last week"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("last week") && err.contains("YYYY-MM"),
        "{err}"
    );
}

#[test]
fn bad_config_names_file_line_and_key() {
    let f = three_briefs();
    f.set_config("[ui]\nmouse = true\nmosue = false\n");
    let out = f.run(&["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:3") && err.contains("ui.mosue"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn a_missing_briefs_folder_is_named() {
    let f = Fixture::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--briefs", "/nonexistent/briefs", "--cache-dir"])
        .arg(&f.cache)
        .arg("--state-dir")
        .arg(&f.state)
        .arg("list")
        .env("HOME", f.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/briefs"), "{err}");
}

#[test]
fn a_list_longer_than_its_first_pages_is_whole_and_in_order() {
    let f = Fixture::new();
    for i in 0..1_150 {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        f.write(
            &format!("b{i:04}.md"),
            &format!(
                "+++\ntitle = \"Brief {i}\"\ndate = 2024-{month:02}-{day:02}\n+++\nText {i}.\n"
            ),
        );
    }
    let items = f.list(&[]);
    assert_eq!(items.len(), 1_150);
    let mut ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    let dates: Vec<_> = items.iter().map(|i| i.date.clone()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1_150, "no article twice");
    let text = f.ok(&["list"]);
    assert_eq!(text.lines().count(), 1_150);
}
