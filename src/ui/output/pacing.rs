//! Frame pacing: never send frames faster than the link can carry them.
//!
//! Over SSH nothing tells the program how far behind the terminal is: sshd,
//! the network and the client buffer megabytes, so a write returns at once
//! and a held key's frames queue up on the wire (the reader was 1.6 s behind
//! at 256 kbit/s). The terminal's own replies could tell, but the input
//! reader (crossterm) keeps such replies to itself. So the decision is made
//! from what is known for sure, the bytes written and the time: a token
//! bucket of `[ui] link_kbit`. Every frame's bytes are a debt that drains
//! at the link rate (taken as 90% of the figure: TCP and SSH framing cost
//! the rest); a frame is drawn at once while the debt is under 50 ms of
//! link (so after a pause a key is never delayed, however big its frame),
//! else the loop keeps applying events and draws the latest state once the
//! debt has drained. The wire then holds at most one frame and 50 ms more,
//! whatever the key rate: at 256 kbit/s a 3 KB frame and 1.4 KB.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Pacer {
    /// Bytes per second the link is assumed to carry; 0 turns pacing off.
    rate: f64,
    /// Debt allowed before a frame waits.
    burst: f64,
    debt: f64,
    at: Option<Instant>,
}

impl Pacer {
    pub fn new(link_kbit: u32) -> Pacer {
        let rate = f64::from(link_kbit) * 1000.0 / 8.0 * 0.9;
        Pacer {
            rate,
            burst: rate * 0.05,
            debt: 0.0,
            at: None,
        }
    }

    fn drain(&mut self, now: Instant) {
        if let Some(at) = self.at {
            let paid = now.saturating_duration_since(at).as_secs_f64() * self.rate;
            self.debt = (self.debt - paid).max(0.0);
        }
        self.at = Some(now);
    }

    /// A frame of `bytes` went out at `now`.
    pub fn wrote(&mut self, bytes: u64, now: Instant) {
        if self.rate <= 0.0 {
            return;
        }
        self.drain(now);
        self.debt += bytes as f64;
    }

    /// How long the next frame should wait; zero means draw now.
    pub fn wait(&mut self, now: Instant) -> Duration {
        if self.rate <= 0.0 {
            return Duration::ZERO;
        }
        self.drain(now);
        if self.debt <= self.burst {
            Duration::ZERO
        } else {
            Duration::from_secs_f64((self.debt - self.burst) / self.rate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_wait_only_once_the_burst_is_spent() {
        // 800 kbit/s: 90,000 bytes a second carried, a burst of 4,500.
        let mut p = Pacer::new(800);
        let t0 = Instant::now();
        assert_eq!(p.wait(t0), Duration::ZERO);
        p.wrote(3000, t0);
        assert_eq!(p.wait(t0), Duration::ZERO);
        // A big frame after a small one: drawn at once all the same.
        p.wrote(24000, t0);
        // 27,000 owed, 22,500 over the burst: 0.25 s at 90,000 bytes/s.
        let w = p.wait(t0);
        assert!((w.as_secs_f64() - 0.25).abs() < 1e-6, "{w:?}");
        assert_eq!(p.wait(t0 + Duration::from_millis(250)), Duration::ZERO);
    }

    #[test]
    fn small_frames_at_a_steady_rate_never_wait_and_zero_turns_it_off() {
        let mut p = Pacer::new(256);
        let t0 = Instant::now();
        // A reader line scrolled 30 times a second: far under the link.
        for i in 0..300 {
            let now = t0 + Duration::from_millis(33 * i);
            assert_eq!(p.wait(now), Duration::ZERO);
            p.wrote(200, now);
        }
        let mut off = Pacer::new(0);
        off.wrote(1 << 30, t0);
        assert_eq!(off.wait(t0), Duration::ZERO);
    }
}
