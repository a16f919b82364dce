//! `--version`, `completions` and `man`, from the real binary.

use std::process::Command;

fn brief(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    // No config, no briefs: these describe the program and read neither.
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("nowhere"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "brief {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn version_names_the_release() {
    let out = brief(&["--version"]);
    assert_eq!(out.trim(), format!("brief {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = brief(&["completions", shell]);
        for sub in ["list", "show", "tag", "bookmark", "read", "export", "man"] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let page = brief(&["man"]);
    assert!(page.contains(".TH brief 1"), "{page}");
    for sub in ["index", "check", "tag", "completions"] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
    assert!(brief(&["man", "tag"]).contains("brief\\-tag"));
}
