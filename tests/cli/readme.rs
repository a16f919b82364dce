//! Issue 13: the README tells the truth about the command line.

use std::process::Command;

const README: &str = include_str!("../../README.md");

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "brief {args:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// The subcommands `brief --help` lists.
fn subcommands() -> Vec<String> {
    let top = help(&[]);
    let commands = &top[top.find("Commands:").expect("a Commands section")..];
    commands
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn issue_13_one_code_section_and_one_benchmarks_section() {
    for heading in ["## The code\n", "## Benchmarks\n"] {
        assert_eq!(README.matches(heading).count(), 1, "{heading:?}");
    }
}

#[test]
fn issue_13_every_command_and_flag_in_the_readme_table_is_real() {
    let section =
        &README[README.find("## Command line").unwrap()..README.find("## Searching").unwrap()];
    let subs = subcommands();
    for sub in &subs {
        assert!(
            section.contains(&format!("`brief {sub}"))
                || section.contains(&format!("/ `brief {sub}")),
            "`brief {sub}` is not in the README's command table"
        );
    }
    for row in section.lines().filter(|l| l.starts_with("| `brief ")) {
        let first = row.split('|').nth(1).unwrap();
        // Each `brief CMD …` in the first column, with the flags after it.
        for usage in first.split("`brief ").skip(1) {
            let usage = usage.split('`').next().unwrap();
            let cmd = usage.split_whitespace().next().unwrap();
            let page = if cmd.starts_with("--") {
                help(&[])
            } else {
                assert!(subs.iter().any(|s| s == cmd), "README names `brief {cmd}`");
                help(&[cmd])
            };
            for flag in usage
                .split(|c: char| c.is_whitespace() || "[]|".contains(c))
                .filter(|w| w.starts_with("--") && w.len() > 2)
            {
                assert!(page.contains(flag), "`brief {cmd}` has no {flag}");
            }
        }
    }
}
