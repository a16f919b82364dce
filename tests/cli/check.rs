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
