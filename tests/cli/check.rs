use crate::util::*;

#[test]
fn check_is_clean_on_good_briefs() {
    let f = three_briefs();
    let out = f.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn check_reports_a_binary_file_and_the_rest_still_lists() {
    let f = three_briefs();
    f.write_bytes(
        "broken.txt",
        &[0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f, 0x00],
    );
    let out = f.run(&["check"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("broken.txt"), "{text}");
    assert_eq!(f.list(&[]).len(), 3);
}

#[test]
fn latin1_file_is_read_not_skipped() {
    let f = Fixture::new();
    f.write_bytes(
        "price.txt",
        b"Ticket prices rise\n\nA seat now costs \xa315 at the gate.\n",
    );
    let shown = f.ok(&["show", "price", "--json"]);
    assert!(shown.contains("costs \u{a3}15"), "{shown}");
}

#[test]
fn other_files_are_ignored() {
    let f = three_briefs();
    f.write("photo.jpg", "not a brief")
        .write("notes.pdf", "not a brief either");
    let out = f.run(&["check"]);
    assert!(out.status.success());
    assert_eq!(f.list(&[]).len(), 3);
}

#[test]
fn duplicate_front_matter_ids_are_reported() {
    let f = Fixture::new();
    f.write("a.md", "+++\nid = \"same\"\ntitle = \"First\"\n+++\nOne.\n")
        .write(
            "b.md",
            "+++\nid = \"same\"\ntitle = \"Second\"\n+++\nTwo.\n",
        );
    let out = f.run(&["check"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("b.md") && text.contains("duplicate id"),
        "{text}"
    );
    assert_eq!(f.list(&[]).len(), 1);
    // The refused file is counted once, as failed, not also as added.
    std::fs::remove_dir_all(&f.cache).unwrap();
    let s = f.stats();
    assert_eq!((s.seen, s.added, s.failed), (2, 1, 1));
    // Once the first is gone, the second is indexed though it did not change.
    std::fs::remove_file(f.briefs.join("a.md")).unwrap();
    let titles: Vec<String> = f.list(&[]).into_iter().map(|i| i.title).collect();
    assert_eq!(titles, ["Second"]);
}

/// `brief check --json`: strict, so a renamed or added field fails a test.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckJson {
    files: usize,
    failures: Vec<CheckFailure>,
    warnings: Vec<CheckWarning>,
    orphans: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFailure {
    path: String,
    reason: String,
}

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct CheckWarning {
    path: String,
    line: usize,
    message: String,
}

fn with_read_around_files() -> Fixture {
    let f = three_briefs();
    f.write(
        "soon.md",
        "+++\ntitle = \"Budget talks resume\"\ntags = [\"budget\"]\ndate = \"soon\"\n+++\nThe talks resume.\n",
    )
    .write(
        "leap.md",
        "+++\ntitle = \"Leap day vote\"\ndate = 2024-02-30\n+++\nA vote.\n",
    )
    .write(
        "yaml.md",
        "---\ntitle: Port reopens\ntags: [shipping]\ndate: next week\n---\nThe port reopened.\n",
    );
    f
}

#[test]
fn issue_13_an_unreadable_front_matter_date_is_read_as_undated_and_warned() {
    let f = with_read_around_files();
    let items = f.list(&[]);
    let soon = items
        .iter()
        .find(|i| i.id == "soon")
        .expect("soon.md is listed");
    assert_eq!(
        (soon.title.as_str(), soon.date.as_deref()),
        ("Budget talks resume", None)
    );
    assert_eq!(soon.tags, ["budget"]);
    let leap = items
        .iter()
        .find(|i| i.id == "leap")
        .expect("leap.md is listed");
    assert_eq!(leap.date, None);
    let yaml = items
        .iter()
        .find(|i| i.id == "yaml")
        .expect("yaml.md is listed");
    assert_eq!(
        (yaml.title.as_str(), yaml.date.as_deref()),
        ("Port reopens", None)
    );
    assert_eq!(yaml.tags, ["shipping"]);

    let out = f.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "warnings are not failures: {text}");
    let line = |prefix: &str| {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` in:\n{text}"))
            .to_string()
    };
    assert!(
        line("soon.md:4: warning:").contains("`date` \"soon\""),
        "{text}"
    );
    assert!(line("leap.md:3: warning:").contains("2024-02-30"), "{text}");
    assert!(
        line("yaml.md:4: warning:").contains("`date` \"next week\""),
        "{text}"
    );
    assert!(
        text.contains("0 could not be ingested, 3 with warnings"),
        "{text}"
    );
}

#[test]
fn issue_13_check_json_lists_failures_warnings_and_orphans() {
    let f = with_read_around_files();
    f.write_bytes("broken.txt", &[0, 1, 2, 0xff, 0]);
    f.ok(&["tag", "copper", "+keep"]);
    std::fs::remove_file(f.briefs.join("copper.txt")).unwrap();
    let out = f.run(&["check", "--json"]);
    assert!(!out.status.success(), "a failure still fails check --json");
    let report: CheckJson = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.files, 6);
    assert_eq!(report.failures.len(), 1);
    assert_eq!(report.failures[0].path, "broken.txt");
    assert!(report.failures[0].reason.contains("binary"));
    let at: Vec<(&str, usize)> = report
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.line))
        .collect();
    assert_eq!(at, [("leap.md", 3), ("soon.md", 4), ("yaml.md", 4)]);
    assert!(report.warnings[1].message.contains("soon"));
    assert_eq!(report.orphans, ["copper"]);
}
