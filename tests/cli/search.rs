//! `brief list --query`: the search language end to end (issue 6).

use crate::util::*;

fn ids(f: &Fixture, query: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--query", query];
    args.extend_from_slice(extra);
    f.list(&args).into_iter().map(|i| i.id).collect()
}

/// A day `days` before today, as front matter writes it.
fn days_ago(days: u64) -> String {
    let d = chrono::Local::now().date_naive() - chrono::Days::new(days);
    d.format("%Y-%m-%d").to_string()
}

fn recent_briefs() -> Fixture {
    let f = three_briefs();
    f.write(
        "fresh.md",
        &format!(
            "+++\ntitle = \"Copper smelter restarts\"\ndate = {}\ntopics = [\"metals\"]\n+++\n\nThe smelter restarted after a copper shortage.\n",
            days_ago(2)
        ),
    );
    f
}

#[test]
fn issue_6_query_finds_words_phrases_and_fields() {
    let f = recent_briefs();
    assert_eq!(ids(&f, "copper", &[]), ["fresh", "copper"]);
    assert_eq!(ids(&f, "\"winter reserve\"", &[]), ["energy/grid-reserve"]);
    assert_eq!(ids(&f, "copper -smelter", &[]), ["copper"]);
    let mut either = ids(&f, "strike OR grid", &[]);
    either.sort();
    assert_eq!(either, ["energy/grid-reserve", "trade/harbour-strike"]);
    assert_eq!(ids(&f, "after:-7d", &[]), ["fresh"]);
    assert_eq!(ids(&f, "date:2026-03", &[]), ["energy/grid-reserve"]);
    assert_eq!(
        ids(&f, "source:\"northern wire\"", &[]),
        ["energy/grid-reserve"]
    );
    assert!(ids(&f, "nothing-like-this", &[]).is_empty());
}

#[test]
fn issue_6_query_combines_with_the_other_flags_and_user_state() {
    let f = recent_briefs();
    assert_eq!(ids(&f, "copper", &["--topic", "metals"]), ["fresh"]);
    f.ok(&["tag", "copper", "+Watch List"]);
    f.ok(&["bookmark", "fresh"]);
    assert_eq!(ids(&f, "tag:\"watch list\"", &[]), ["copper"]);
    assert_eq!(
        ids(&f, "tag:grid OR tag:\"WATCH LIST\"", &[]),
        ["energy/grid-reserve", "copper"]
    );
    assert_eq!(ids(&f, "is:bookmarked OR -copper", &["--unread"]).len(), 3);
    assert_eq!(ids(&f, "-is:bookmarked copper", &[]), ["copper"]);
}

#[test]
fn issue_6_a_malformed_query_points_at_the_problem() {
    let f = three_briefs();
    let out = f.run(&["list", "--query", "grain (tpic:x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("brief: query: column 8: unknown field `tpic:`"),
        "{err}"
    );
    assert!(err.contains("grain (tpic:x\n       ^"), "{err}");
    assert!(out.stdout.is_empty());
    let out = f.run(&["list", "--query", "after:2024-02-30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("column 7: no such date `2024-02-30`"), "{err}");
}

#[test]
fn issue_6_ranked_results_put_title_matches_first() {
    let f = three_briefs();
    f.write(
        "mention.md",
        "+++\ntitle = \"Markets close higher\"\ndate = 2026-05-01\n+++\n\nShares rose; a harbour delay was noted in passing.\n",
    );
    // Newer, but the word is only in its text once.
    assert_eq!(ids(&f, "harbour", &[]), ["trade/harbour-strike", "mention"]);
}
