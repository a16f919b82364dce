//! Desk tags (`@name`) from the command line: kept in the state folder's
//! `desk.db` with who set them, shared by every user of that folder, shown
//! and filtered like other tags; a user's own tags stay their own.

use serde_json::Value;

use crate::util::*;

/// `brief list --json` as raw JSON, run as the local user `user`.
fn list_as(f: &Fixture, user: &str, extra: &[&str]) -> Vec<Value> {
    let out = f
        .command()
        .env("USER", user)
        .args(["list", "--json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn run_as(f: &Fixture, user: &str, args: &[&str]) {
    let out = f.command().env("USER", user).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "brief {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn item<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {items:?}"))
}

#[test]
fn a_desk_tag_is_kept_with_its_setter_shown_filtered_and_taken_down_by_anyone() {
    let f = three_briefs();
    run_as(&f, "ana", &["tag", "copper", "+@Urgent", "+mine"]);
    assert!(
        f.state.join("desk.db").exists(),
        "no desk.db in the state folder"
    );

    let items = list_as(&f, "ben", &[]);
    let copper = item(&items, "copper");
    assert_eq!(copper["tags"], serde_json::json!(["@Urgent", "mine"]));
    let desk = copper["desk_tags"].as_array().unwrap();
    assert_eq!(desk.len(), 1, "{desk:?}");
    assert_eq!(desk[0]["tag"], "@Urgent");
    assert_eq!(desk[0]["set_by"], "ana");
    assert!(desk[0]["set_at"].as_str().unwrap().ends_with('Z'));
    // Only tagged articles carry the field.
    assert!(
        item(&items, "energy/grid-reserve")
            .get("desk_tags")
            .is_none()
    );

    // Filtered like any tag, in any case, by --tag and by the query.
    for args in [&["--tag", "@urgent"][..], &["--query", "tag:@URGENT"][..]] {
        let ids: Vec<String> = list_as(&f, "ben", args)
            .iter()
            .map(|i| i["id"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(ids, ["copper"], "{args:?}");
    }

    let shown: Value = serde_json::from_str(&f.ok(&["show", "copper", "--json"])).unwrap();
    assert_eq!(shown["desk_tags"][0]["set_by"], "ana");

    // Anyone takes it down; the user's own tag stays.
    run_as(&f, "ben", &["tag", "copper", "-@urgent"]);
    let items = list_as(&f, "ana", &[]);
    assert_eq!(item(&items, "copper")["tags"], serde_json::json!(["mine"]));
    assert!(list_as(&f, "ana", &["--tag", "@urgent"]).is_empty());
}

#[test]
fn a_bad_desk_tag_refuses_the_whole_change() {
    let f = three_briefs();
    let out = f.run(&["tag", "copper", "+fine", "+@"]);
    assert!(!out.status.success());
    let items = list_as(&f, "ana", &[]);
    assert_eq!(item(&items, "copper")["tags"], serde_json::json!([]));
}
