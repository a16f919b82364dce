//! The command line: arguments, settings, and one file per subcommand.

use clap::Parser;

#[derive(Debug, Parser)]
#[command(name = "brief", version, about = "Read briefings in the terminal")]
pub struct Args {}

pub fn run(args: Args) -> std::process::ExitCode {
    let _ = args;
    std::process::ExitCode::SUCCESS
}
