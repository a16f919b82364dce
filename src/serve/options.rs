//! `brief serve`'s options: the command line over `[serve]` in the config.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};

use crate::config::Config;

#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    pub authorized_keys: PathBuf,
    pub host_key: PathBuf,
    pub max_sessions: usize,
    /// `None`: sessions are never closed for idling.
    pub idle_timeout: Option<Duration>,
}

/// What the command line said; `None` leaves the config's value.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub listen: Option<String>,
    pub authorized_keys: Option<PathBuf>,
    pub host_key: Option<PathBuf>,
    pub max_sessions: Option<usize>,
    pub idle_timeout: Option<String>,
}

impl Options {
    pub fn resolve(config: &Config, state_dir: &Path, cli: &Overrides) -> Result<Options> {
        let s = &config.serve;
        let listen = cli.listen.clone().unwrap_or_else(|| s.listen.clone());
        let listen: SocketAddr = listen
            .parse()
            .with_context(|| format!("serve: `{listen}` is not an address:port to listen on"))?;
        let path = |cli: &Option<PathBuf>, configured: &str, default: &str| match cli {
            Some(p) => p.clone(),
            None if configured.is_empty() => state_dir.join(default),
            None => config.relative_to_file(configured),
        };
        let idle = cli
            .idle_timeout
            .clone()
            .unwrap_or_else(|| s.idle_timeout.clone());
        let max_sessions = cli.max_sessions.unwrap_or(s.max_sessions);
        if max_sessions == 0 {
            anyhow::bail!("serve: max_sessions must be at least 1");
        }
        Ok(Options {
            listen,
            authorized_keys: path(&cli.authorized_keys, &s.authorized_keys, "authorized_keys"),
            host_key: path(&cli.host_key, &s.host_key, "host_key"),
            max_sessions,
            idle_timeout: parse_duration(&idle)?,
        })
    }
}

/// "90s", "30m", "2h", "1d", a bare number of seconds; "0" is none.
pub fn parse_duration(text: &str) -> Result<Option<Duration>> {
    let t = text.trim();
    let bad = || anyhow!("serve: `{t}` is not a duration (90s, 30m, 2h, 0 for none)");
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let n: u64 = number.parse().map_err(|_| bad())?;
    let secs = match unit.trim() {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86400),
        _ => return Err(bad()),
    };
    Ok((secs > 0).then(|| Duration::from_secs(secs)))
}

/// A duration as [`parse_duration`] reads it: "1h", "30m", "90s".
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0 => "0s".into(),
        _ if s.is_multiple_of(86400) => format!("{}d", s / 86400),
        _ if s.is_multiple_of(3600) => format!("{}h", s / 3600),
        _ if s.is_multiple_of(60) => format!("{}m", s / 60),
        _ => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(
            parse_duration("90s").unwrap(),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_duration("30m").unwrap(),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(
            parse_duration("2h").unwrap(),
            Some(Duration::from_secs(7200))
        );
        assert_eq!(parse_duration("45").unwrap(), Some(Duration::from_secs(45)));
        assert_eq!(parse_duration("0").unwrap(), None);
        assert!(parse_duration("soon").is_err());
        for text in ["90s", "30m", "2h", "1d", "45s"] {
            let d = parse_duration(text).unwrap().unwrap();
            assert_eq!(format_duration(d), text);
        }
        assert!(parse_duration("5 weeks").is_err());
    }

    #[test]
    fn the_command_line_wins_over_the_config_and_paths_default_to_the_state_folder() {
        let config = Config::default();
        let cli = Overrides {
            listen: Some("127.0.0.1:0".into()),
            max_sessions: Some(3),
            ..Overrides::default()
        };
        let o = Options::resolve(&config, Path::new("/st"), &cli).unwrap();
        assert_eq!(o.listen.port(), 0);
        assert_eq!(o.max_sessions, 3);
        assert_eq!(o.host_key, Path::new("/st/host_key"));
        assert_eq!(o.authorized_keys, Path::new("/st/authorized_keys"));
        assert_eq!(o.idle_timeout, Some(Duration::from_secs(3600)));
        // The [serve] section, and the command line over it.
        let mut config = Config::default();
        config.serve.max_sessions = 7;
        config.serve.idle_timeout = "2m".into();
        config.serve.listen = "0.0.0.0:2200".into();
        let o = Options::resolve(&config, Path::new("/st"), &Overrides::default()).unwrap();
        assert_eq!(o.max_sessions, 7);
        assert_eq!(o.idle_timeout, Some(Duration::from_secs(120)));
        assert_eq!(o.listen.port(), 2200);
        let never = Overrides {
            idle_timeout: Some("0".into()),
            ..Overrides::default()
        };
        let o = Options::resolve(&config, Path::new("/st"), &never).unwrap();
        assert_eq!(o.idle_timeout, None);
        let bad = Overrides {
            listen: Some("nowhere".into()),
            ..Overrides::default()
        };
        assert!(Options::resolve(&config, Path::new("/st"), &bad).is_err());
    }
}
