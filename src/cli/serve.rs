//! `brief serve`: the reader as an SSH service (see `src/serve/`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::Settings;
use crate::serve::{self, Desk, Options, Overrides};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (default: `[serve] listen`, 127.0.0.1:2222).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// OpenSSH authorized_keys file: one line per user (default: in the state folder).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// The server's ed25519 host key, made on first run (default: in the state folder).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// Sessions open at once (default 50).
    #[arg(long, value_name = "N")]
    pub max_sessions: Option<usize>,
    /// Close a connection with no input for this long: 90s, 30m, 2h, 0 for never (default 1h).
    #[arg(long, value_name = "DUR")]
    pub idle_timeout: Option<String>,
    /// Print the host key's fingerprint and the users, then exit.
    #[arg(long)]
    pub check: bool,
}

pub fn run(settings: &Settings, args: &ServeArgs) -> Result<ExitCode> {
    let overrides = Overrides {
        listen: args.listen.clone(),
        authorized_keys: args.authorized_keys.clone(),
        host_key: args.host_key.clone(),
        max_sessions: args.max_sessions,
        idle_timeout: args.idle_timeout.clone(),
    };
    let options = Options::resolve(&settings.config, &settings.state_dir, &overrides)?;
    if args.check {
        print!("{}", serve::check(&options)?);
        return Ok(ExitCode::SUCCESS);
    }
    // Opened once here, so a missing folder or a broken index is said at
    // start, not to the first user.
    drop(settings.open_for_reading()?);
    let desk = Desk {
        config: settings.config.clone(),
        briefs: settings.briefs.clone(),
        index_path: settings.index_path(),
        state_dir: settings.state_dir.clone(),
    };
    serve::run(desk, &options, settings.index_job()?)?;
    Ok(ExitCode::SUCCESS)
}
