//! Marks from the command line when the state cannot be written: a clear
//! message and exit status 1, nothing printed as if it had worked.

use crate::util::*;

#[test]
fn marks_fail_with_a_clear_message_when_the_state_cannot_be_written() {
    let mut f = three_briefs();
    f.ok(&["bookmark", "copper"]);
    let saved = f.state.clone();
    // A regular file where the state folder's parent should be: no one,
    // root included, can create the folder.
    let blocker = f.root().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    f.state = blocker.join("state");
    for args in [
        &["bookmark", "copper"][..],
        &["tag", "copper", "+metals"],
        &["read", "copper"],
        &["read", "copper", "--unread"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(1), "brief {args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("brief: state database")
                && stderr.contains("cannot be written: cannot create its folder")
                && stderr.contains("Not a directory"),
            "brief {args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "brief {args:?} printed output");
    }
    // The state that was saved is where it was, still marked.
    f.state = saved;
    let copper = f.list(&[]).into_iter().find(|i| i.id == "copper").unwrap();
    assert!(copper.bookmarked);
}
