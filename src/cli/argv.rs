//! The command line put in the order clap reads without surprises.
//!
//! clap lets a positional that takes `-words` (`brief tag ID +x -old`)
//! swallow everything after its first value: `--state-dir D` became two
//! tag changes and the marks went to the default state. So before clap
//! sees the line, each word of a subcommand is sorted, using that
//! subcommand's own clap definition: a known option (with its value) is
//! an option wherever it stands; `--` ends the options; a `-word` that is
//! no known option goes to a positional that takes such words, if the
//! subcommand has one. The options are then handed to clap first and the
//! positionals after a `--`, in their order, so no positional needs
//! `allow_hyphen_values` at parse time and none can swallow an option.
//! An unknown `--word` is left for clap to refuse: a mistyped option must
//! not become a mark change.

use std::ffi::OsString;

use clap::{Arg, Command};

/// `args` (program name first) in the order clap should read them.
pub fn normalise(args: Vec<OsString>, command: &Command) -> Vec<OsString> {
    let mut command = command.clone();
    command.build();
    let mut words = args.into_iter();
    let mut out: Vec<OsString> = words.next().into_iter().collect();
    // The words before the subcommand are the program's own options.
    while let Some(word) = words.next() {
        let name = word.to_str().unwrap_or_default().to_string();
        out.push(word);
        if name == "--" {
            out.extend(words);
            return out;
        }
        if let Some(sub) = subcommand(&command, &name) {
            out.extend(sort_words(sub, words));
            return out;
        }
        if let Some(opt) = option(&command, &name)
            && takes_separate_value(opt, &name)
        {
            out.extend(words.next());
        }
    }
    out
}

fn subcommand<'c>(command: &'c Command, name: &str) -> Option<&'c Command> {
    // clap's own `help NAME` takes subcommand names, not options.
    if name == "help" || name.starts_with('-') {
        return None;
    }
    command.find_subcommand(name)
}

/// A subcommand's words: its options first, then `--` and its positionals.
fn sort_words(sub: &Command, words: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let hyphen_positional = sub
        .get_positionals()
        .any(|p| p.is_allow_hyphen_values_set());
    let mut options = Vec::new();
    let mut positionals = Vec::new();
    let mut words = words.peekable();
    while let Some(word) = words.next() {
        let Some(text) = word.to_str().map(str::to_string) else {
            positionals.push(word);
            continue;
        };
        if text == "--" {
            positionals.extend(words.by_ref());
            break;
        }
        if !looks_like_option(&text) {
            positionals.push(word);
            continue;
        }
        match option(sub, &text) {
            Some(opt) => {
                let value = takes_separate_value(opt, &text);
                options.push(word);
                if value {
                    options.extend(words.next());
                }
            }
            // `-old` on `brief tag`: a tag change.
            None if hyphen_positional && !text.starts_with("--") => positionals.push(word),
            // Left for clap to name as unknown, with its suggestions.
            None => options.push(word),
        }
    }
    if !positionals.is_empty() {
        options.push(OsString::from("--"));
        options.extend(positionals);
    }
    options
}

/// `-x…` or `--x…`; a lone `-` (standard input) is a value.
fn looks_like_option(word: &str) -> bool {
    word.len() > 1 && word.starts_with('-')
}

/// The option a word names: `--long`, `--long=value`, `-s`, `-svalue` or
/// `-abc` (flags together, the first decides).
fn option<'c>(command: &'c Command, word: &str) -> Option<&'c Arg> {
    if let Some(long) = word.strip_prefix("--") {
        let name = long.split_once('=').map_or(long, |(n, _)| n);
        if name.is_empty() {
            return None;
        }
        return command.get_arguments().find(|a| {
            a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name))
        });
    }
    let short = word.strip_prefix('-')?.chars().next()?;
    command.get_arguments().find(|a| {
        a.get_short() == Some(short)
            || a.get_all_short_aliases()
                .is_some_and(|al| al.contains(&short))
    })
}

/// True when the option's value is the next word (`--state-dir D`, `-q x`),
/// not attached to it (`--state-dir=D`, `-qx`).
fn takes_separate_value(opt: &Arg, word: &str) -> bool {
    let attached = if word.starts_with("--") {
        word.contains('=')
    } else {
        word.chars().count() > 2
    };
    opt.get_action().takes_values() && !attached
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::super::{Args, Command as Sub};
    use super::*;

    fn normalised_strs(args: &[&str], command: &Command) -> Vec<String> {
        normalise(args.iter().map(OsString::from).collect(), command)
            .into_iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    fn parse(line: &[&str]) -> Args {
        let words = normalise(line.iter().map(OsString::from).collect(), &Args::command());
        Args::try_parse_from(words).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    fn tag_of(args: &Args) -> (&str, Vec<&str>) {
        match &args.command {
            Some(Sub::Tag(t)) => (
                t.id.as_str(),
                t.changes.iter().map(String::as_str).collect(),
            ),
            other => panic!("not a tag command: {other:?}"),
        }
    }

    #[test]
    fn options_after_the_tag_changes_are_options() {
        for line in [
            &["brief", "tag", "ID", "+x", "--state-dir", "D"][..],
            &["brief", "tag", "ID", "--state-dir", "D", "+x"],
            &["brief", "tag", "--state-dir", "D", "ID", "+x"],
            &["brief", "--state-dir", "D", "tag", "ID", "+x"],
            &["brief", "tag", "ID", "+x", "--state-dir=D"],
        ] {
            let args = parse(line);
            assert_eq!(
                args.global.state_dir.as_deref(),
                Some("D".as_ref()),
                "{line:?}"
            );
            assert_eq!(tag_of(&args), ("ID", vec!["+x"]), "{line:?}");
        }
    }

    #[test]
    fn a_hyphen_word_that_is_no_option_is_a_tag_change() {
        let args = parse(&["brief", "tag", "ID", "-old", "+new", "--briefs", "B", "-x"]);
        assert_eq!(tag_of(&args), ("ID", vec!["-old", "+new", "-x"]));
        assert_eq!(args.global.briefs.as_deref(), Some("B".as_ref()));
    }

    #[test]
    fn double_dash_ends_the_options() {
        let args = parse(&["brief", "tag", "ID", "--", "--state-dir", "-h"]);
        assert_eq!(tag_of(&args), ("ID", vec!["--state-dir", "-h"]));
        assert_eq!(args.global.state_dir, None);
    }

    #[test]
    fn a_mistyped_long_option_is_refused_not_taken_as_a_tag() {
        let words = normalise(
            ["brief", "tag", "ID", "+x", "--state-dri", "D"]
                .iter()
                .map(OsString::from)
                .collect(),
            &Args::command(),
        );
        assert!(Args::try_parse_from(words).is_err());
    }

    #[test]
    fn every_command_takes_options_after_its_positionals() {
        for (line, check) in [
            (
                &["brief", "show", "ID", "--state-dir", "D", "--raw"][..],
                "show",
            ),
            (&["brief", "bookmark", "ID", "--state-dir", "D"], "bookmark"),
            (
                &["brief", "read", "ID", "--unread", "--state-dir", "D"],
                "read",
            ),
            (&["brief", "extract", "-", "--state-dir", "D"], "extract"),
        ] {
            let args = parse(line);
            assert_eq!(
                args.global.state_dir.as_deref(),
                Some("D".as_ref()),
                "{check}"
            );
        }
        match parse(&["brief", "list", "-q", "-energy", "--state-dir", "D"]).command {
            Some(Sub::List(l)) => assert_eq!(l.query.as_deref(), Some("-energy")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn words_keep_their_order() {
        assert_eq!(
            normalised_strs(
                &["brief", "tag", "ID", "+a", "--json", "-b", "c"],
                &Args::command()
            ),
            ["brief", "tag", "--json", "--", "ID", "+a", "-b", "c"]
        );
    }
}
