//! Bad input from issue 8, through the real binary: each bad file gets a
//! clear report from `brief check` (path and reason), and the good articles
//! beside it are still indexed and listed.

use crate::util::*;

/// Files that must each be refused with a reason, and a word the reason holds.
const BAD: &[(&str, &[u8], &str)] = &[
    (
        "malformed.md",
        b"+++\ntitle = \"Fine\"\ntopics = = 2\n+++\nBody\n",
        "front matter line 3",
    ),
    (
        "nested.md",
        // Filled in by the test: 100,000 `[`.
        b"",
        "recursion",
    ),
    (
        "wrong-types.md",
        b"+++\ntitle = \"x\"\ntopics = 3\n+++\nBody\n",
        "`topics` must be a list of strings, found integer",
    ),
    ("empty.txt", b"", "no text"),
    ("blank.md", b" \n\r\n\t\n", "no text"),
    (
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
        "binary",
    ),
];

/// brief with the fixture's cache and state but the given briefs and config.
fn brief_with(
    f: &Fixture,
    briefs: &std::path::Path,
    config: &std::path::Path,
) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.arg("--briefs")
        .arg(briefs)
        .arg("--config")
        .arg(config)
        .arg("--cache-dir")
        .arg(&f.cache)
        .arg("--state-dir")
        .arg(&f.state)
        .env("HOME", f.root())
        .env_remove("XDG_CONFIG_HOME");
    cmd
}

fn failures(f: &Fixture) -> String {
    let out = f.run(&["check"]);
    assert!(!out.status.success(), "check must fail when files failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_bad_file_is_reported_with_its_reason_and_the_rest_is_listed() {
    let f = three_briefs();
    for (name, bytes, _) in BAD {
        if *name == "nested.md" {
            f.write(
                name,
                &format!("+++\ntags = {}\n+++\nBody\n", "[".repeat(100_000)),
            );
        } else {
            f.write_bytes(name, bytes);
        }
    }
    let report = failures(&f);
    for (name, _, reason) in BAD {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("{name} not reported:\n{report}"));
        assert!(line.contains(reason), "{name}: `{reason}` not in `{line}`");
    }
    assert_eq!(f.list(&[]).len(), 3, "the good briefs are still listed");
}

#[test]
fn bom_and_crlf_front_matter_are_read() {
    let f = Fixture::new();
    f.write_bytes(
        "bom.md",
        b"\xEF\xBB\xBF+++\ntitle = \"Marked by a BOM\"\ndate = 2026-01-05\n+++\nBody.\n",
    )
    .write(
        "crlf.md",
        "+++\r\ntitle = \"Written on Windows\"\r\ntags = [\"win\"]\r\n+++\r\nLine one.\r\nLine two.\r\n",
    );
    let list = f.list(&[]);
    let titles: Vec<&str> = list.iter().map(|a| a.title.as_str()).collect();
    assert!(titles.contains(&"Marked by a BOM"), "{titles:?}");
    assert!(titles.contains(&"Written on Windows"), "{titles:?}");
    let crlf = list.iter().find(|a| a.id == "crlf").unwrap();
    assert_eq!(crlf.tags, vec!["win"]);
    let shown = f.ok(&["show", "crlf", "--json"]);
    assert!(!shown.contains("\\r"), "{shown}");
}

#[test]
fn invalid_utf8_is_read_as_latin1_not_refused() {
    let f = Fixture::new();
    f.write_bytes(
        "odd.txt",
        b"Caf\xe9 owners protest\n\nThe caf\xe9 on the square \xc3\x28 closed early.\n",
    );
    let list = f.list(&[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Café owners protest");
}

#[test]
fn a_file_of_several_hundred_mb_is_refused_by_size_and_named() {
    let f = three_briefs();
    let big = std::fs::File::create(f.briefs.join("dump.txt")).unwrap();
    // Sparse: 300 MB that take no disk space.
    big.set_len(300 * 1024 * 1024).unwrap();
    let report = failures(&f);
    assert!(
        report.contains("dump.txt: too large for a briefing: 300 MB (limit 50 MB)"),
        "{report}"
    );
    assert_eq!(f.list(&[]).len(), 3);
}

#[test]
fn a_ten_mb_line_is_indexed() {
    let f = Fixture::new();
    let line = "and the of said river ".repeat(10 * 1024 * 1024 / 22);
    f.write("long.txt", &format!("One very long line\n\n{line}\n"));
    let list = f.list(&[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "One very long line");
}

#[cfg(unix)]
#[test]
fn fifo_device_loop_and_outside_links_follow_the_policy() {
    use std::os::unix::fs::symlink;
    let f = three_briefs();
    let fifo = f.briefs.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    symlink("/dev/zero", f.briefs.join("zero.md")).unwrap();
    symlink(&f.briefs, f.briefs.join("loop")).unwrap();
    // Outside the folder: a brief the user linked in is read (links are
    // followed; brief only ever reads, and only brief-named files).
    let outside = f.root().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("linked.txt"),
        "Linked from elsewhere\n\nA brief kept outside the folder.\n",
    )
    .unwrap();
    symlink(outside.join("linked.txt"), f.briefs.join("linked.txt")).unwrap();
    symlink(f.root().join("nowhere.txt"), f.briefs.join("dangling.txt")).unwrap();
    let report = failures(&f);
    if made {
        assert!(
            report.contains("pipe.txt: not a regular file (FIFO)"),
            "{report}"
        );
    }
    assert!(
        report.contains("zero.md: not a regular file (character device)"),
        "{report}"
    );
    assert!(report.contains("loop: symlink loop"), "{report}");
    assert!(report.contains("dangling.txt: broken symlink"), "{report}");
    let titles: Vec<String> = f.list(&[]).into_iter().map(|a| a.title).collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles.contains(&"Linked from elsewhere".to_string()));
}

#[test]
fn a_briefs_path_that_cannot_be_read_as_a_folder_is_a_clear_error() {
    // Running as root, permissions do not stop a read; a file where the
    // folder should be fails the same way, on every machine.
    let f = Fixture::new();
    let not_a_folder = f.root().join("briefs-file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let empty_config = f.root().join("empty.toml");
    std::fs::write(&empty_config, "").unwrap();
    let out = brief_with(&f, &not_a_folder, &empty_config)
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("briefs-file") && err.contains("not a folder"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_briefs_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let f = three_briefs();
    let mode = |m| std::fs::Permissions::from_mode(m);
    std::fs::set_permissions(&f.briefs, mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&f.briefs).is_ok();
    let out = f.run(&["list"]);
    std::fs::set_permissions(&f.briefs, mode(0o755)).unwrap();
    if readable_anyway {
        eprintln!(
            "running with permission to read anything (root): unreadable-folder test skipped"
        );
        return;
    }
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ermission denied"), "{err}");
}

#[test]
fn a_config_that_cannot_be_read_is_a_clear_error() {
    let f = three_briefs();
    // A folder where the config file should be: unreadable as a file, even to root.
    let config = f.root().join("config-dir");
    std::fs::create_dir_all(&config).unwrap();
    let out = brief_with(&f, &f.briefs, &config)
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config-dir"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_config_file_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let f = three_briefs();
    let config = f.root().join("locked.toml");
    std::fs::write(&config, "[ui]\nmouse = true\n").unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&config).is_ok() {
        eprintln!(
            "running with permission to read anything (root): unreadable-config test skipped"
        );
        return;
    }
    let out = brief_with(&f, &f.briefs, &config)
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("locked.toml") && err.contains("ermission denied"),
        "{err}"
    );
}

#[test]
fn a_config_with_a_wrong_type_or_bad_key_name_refuses_to_start_naming_the_line() {
    let f = three_briefs();
    for (config, line, word) in [
        (
            "[ui]\nsidebar = true\nmouse = \"yes\"\n",
            "config.toml:3",
            "mouse",
        ),
        ("[ui]\nrefresh_ms = -5\n", "config.toml:2", "refresh_ms"),
        (
            "[ui]\n\"bad key name!\" = 1\n",
            "config.toml:2",
            "bad key name!",
        ),
        ("[thmee]\nborder = \"red\"\n", "config.toml:1", "thmee"),
    ] {
        f.set_config(config);
        let out = f.run(&["list"]);
        assert!(!out.status.success(), "{config:?} was accepted");
        assert!(out.stdout.is_empty(), "{config:?}: printed a list anyway");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(line) && err.contains(word),
            "{config:?}: {err}"
        );
    }
}
