//! `brief completions SHELL` and `brief man`: both generated from the clap
//! definitions that parse the line, so they cannot drift from it.

use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::CommandFactory;
use clap_complete::Shell;

use super::Args;
use super::output;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand's own page (`brief man tag` is brief-tag(1)); the
    /// program's page without it.
    pub command: Option<String>,
}

/// The completion script for a shell, as text.
pub fn completion_script(shell: Shell) -> Result<String> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "brief", &mut buf);
    Ok(String::from_utf8(buf)?)
}

/// The man page (roff) of brief or of one subcommand.
pub fn man_page(subcommand: Option<&str>) -> Result<String> {
    let mut command = Args::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => {
                let full = format!("brief-{}", sub.get_name());
                sub.clone().name(full.clone()).bin_name(full)
            }
            None => bail!("`{name}` is not a brief command (see `brief --help`)"),
        },
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .manual("brief manual")
        .render(&mut buf)?;
    Ok(String::from_utf8(buf)?)
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    output::print_raw(&completion_script(args.shell)?)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> Result<ExitCode> {
    output::print_raw(&man_page(args.command.as_deref())?)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let script = completion_script(shell).unwrap();
            for sub in [
                "index",
                "list",
                "show",
                "tag",
                "bookmark",
                "completions",
                "man",
            ] {
                assert!(script.contains(sub), "{shell:?} lacks {sub}");
            }
            assert!(script.contains("state-dir"), "{shell:?} lacks --state-dir");
        }
    }

    #[test]
    fn the_man_page_names_the_subcommands_and_options() {
        let page = man_page(None).unwrap();
        assert!(
            page.starts_with(".ie") || page.contains(".TH brief"),
            "{page}"
        );
        for sub in ["index", "list", "show", "tag", "export", "completions"] {
            assert!(page.contains(sub), "man page lacks {sub}");
        }
        let tag = man_page(Some("tag")).unwrap();
        assert!(
            tag.contains(".TH brief\\-tag") || tag.contains("brief\\-tag"),
            "{tag}"
        );
        assert!(man_page(Some("nope")).is_err());
    }
}
