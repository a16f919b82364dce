//! One line per connection on stderr: when, who, with which key, from
//! where, for how long, and how it ended. Never what was read.

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

pub struct Line<'a> {
    pub user: &'a str,
    pub fingerprint: &'a str,
    pub peer: Option<SocketAddr>,
    pub duration: Duration,
    pub how: &'a str,
}

pub fn format(line: &Line) -> String {
    let peer = line
        .peer
        .map(|p| p.to_string())
        .unwrap_or_else(|| "-".into());
    format!(
        "{} brief serve: user={} key={} from={} for={:.1}s ended: {}",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        crate::text::sanitize_line(line.user),
        crate::text::sanitize_line(line.fingerprint),
        peer,
        line.duration.as_secs_f64(),
        crate::text::sanitize_line(line.how),
    )
}

pub fn connection(line: &Line) {
    let _ = writeln!(std::io::stderr(), "{}", format(line));
}

pub fn note(message: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "{} brief serve: {}",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        crate::text::sanitize_line(message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_names_user_key_peer_duration_and_ending_sanitised() {
        let l = format(&Line {
            user: "ana",
            fingerprint: "SHA256:abc",
            peer: Some("127.0.0.1:5000".parse().unwrap()),
            duration: Duration::from_millis(1500),
            how: "quit\x1b[2J",
        });
        assert!(l.contains("user=ana key=SHA256:abc from=127.0.0.1:5000 for=1.5s ended: quit"));
        assert!(!l.contains('\x1b'));
    }
}
