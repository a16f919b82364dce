use clap::Parser;

fn main() -> std::process::ExitCode {
    brief::cli::run(brief::cli::Args::parse())
}
