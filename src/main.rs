fn main() -> std::process::ExitCode {
    brief::cli::install_panic_hook();
    brief::cli::run(brief::cli::Args::from_env())
}
