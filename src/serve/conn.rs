//! One SSH connection: publickey authentication against the desk's
//! authorized_keys, one session channel with a pty running the reader,
//! and a refusal for everything else.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::server::{Auth, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelWriteHalf, Pty};

use super::input::Input;
use super::session::{self, Cut, Desk, Ending, Link};
use super::users;
use crate::state::Identity;
use crate::ui::Event;
use crate::ui::theme::TermEnv;

/// Failed tries (unknown keys, passwords) before the connection closes.
pub const MAX_TRIES: u32 = 3;

/// What every connection shares.
pub struct Shared {
    pub desk: Arc<Desk>,
    pub authorized_keys: std::path::PathBuf,
    pub max_sessions: usize,
    pub sessions: AtomicUsize,
    /// Failures per client address, to slow a guesser down.
    pub failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
    /// SIGTERM came: sessions say so as they end.
    pub stopping: Arc<AtomicBool>,
    /// Every running session's events, to end them all on SIGTERM.
    pub links: Mutex<HashMap<u64, std::sync::mpsc::Sender<Event>>>,
    pub next_id: AtomicUsize,
    /// A connection without a key from its client for this long is closed.
    pub idle_timeout: Option<Duration>,
}

impl Shared {
    /// The delay before a refusal to this address (see [`penalty`]).
    fn penalty(&self, ip: Option<IpAddr>) -> Duration {
        let Some(ip) = ip else { return Duration::ZERO };
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        penalty(&mut map, ip, Instant::now())
    }
}

/// Counts a failure from `ip` at `now`; the delay before its refusal:
/// none for the first [`MAX_TRIES`], then doubling from 500 ms up to 8 s.
/// An address quiet for 10 minutes is forgotten.
pub fn penalty(
    failures: &mut HashMap<IpAddr, (u32, Instant)>,
    ip: IpAddr,
    now: Instant,
) -> Duration {
    failures.retain(|_, (_, t)| now.duration_since(*t) < Duration::from_secs(600));
    let entry = failures.entry(ip).or_insert((0, now));
    entry.0 += 1;
    entry.1 = now;
    if entry.0 <= MAX_TRIES {
        Duration::ZERO
    } else {
        let n = (entry.0 - MAX_TRIES).min(5);
        Duration::from_millis(250 << n)
    }
}

/// What the server's task for a connection watches, beside russh: when
/// the client last did something, and how to end it.
pub struct Watch {
    started: Instant,
    /// Milliseconds from `started` to the client's last key or request.
    last: AtomicU64,
    pub ending: Ending,
    pub cut: Arc<Cut>,
    /// The reader running on the connection, if one is.
    pub reader: Mutex<Option<Arc<Link>>>,
}

impl Watch {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::SeqCst);
    }

    /// How long the client has done nothing.
    pub fn idle(&self) -> Duration {
        let last = Duration::from_millis(self.last.load(Ordering::SeqCst));
        self.started.elapsed().saturating_sub(last)
    }
}

pub struct Conn {
    shared: Arc<Shared>,
    watch: Arc<Watch>,
    peer: Option<SocketAddr>,
    started: Instant,
    tries: u32,
    user: Option<(Identity, String)>,
    env: TermEnv,
    pty: Option<(u32, u32)>,
    channel: Option<(ChannelId, ChannelWriteHalf<Msg>)>,
    input: Input,
    link: Option<(u64, Arc<Link>)>,
    counted: bool,
    ending: Ending,
}

impl Conn {
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>, cut: Arc<Cut>) -> Conn {
        let ending: Ending = Arc::new(Mutex::new(None));
        let watch = Arc::new(Watch {
            started: Instant::now(),
            last: AtomicU64::new(0),
            ending: Arc::clone(&ending),
            cut,
            reader: Mutex::new(None),
        });
        Conn {
            shared,
            watch,
            peer,
            started: Instant::now(),
            tries: 0,
            user: None,
            env: TermEnv {
                no_color: false,
                colorterm: None,
                term: None,
                locale: None,
            },
            pty: None,
            channel: None,
            input: Input::default(),
            link: None,
            counted: false,
            ending,
        }
    }

    pub fn watch(&self) -> Arc<Watch> {
        Arc::clone(&self.watch)
    }

    /// A refused channel gives its place back: the connection may open
    /// the reader on another, and it counts against no one's sessions.
    fn release(&mut self, channel: ChannelId) {
        if self.link.is_some() || !matches!(&self.channel, Some((id, _)) if *id == channel) {
            return;
        }
        self.channel = None;
        if self.counted {
            self.counted = false;
            self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
        }
    }

    pub fn ending(&self) -> Ending {
        Arc::clone(&self.ending)
    }

    async fn refuse(&mut self, why: &str) -> Result<Auth, anyhow::Error> {
        self.tries += 1;
        tokio::time::sleep(self.shared.penalty(self.peer.map(|p| p.ip()))).await;
        if self.tries >= MAX_TRIES {
            let why = format!("refused: {why}, {MAX_TRIES} tries");
            session::replace_ending(&self.ending, Some(&why));
            return Err(anyhow::anyhow!("too many failed tries"));
        }
        session::replace_ending(&self.ending, Some(&format!("refused: {why}")));
        Ok(Auth::Reject {
            proceed_with_methods: None,
            partial_success: false,
        })
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.watch
            .reader
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some((id, link)) = self.link.take() {
            // The client went: the reader saves and leaves.
            let _ = link.events.send(Event::Hangup);
            self.shared
                .links
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&id);
        }
        if self.counted {
            self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
        }
        let how = self
            .ending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .unwrap_or_else(|| "client disconnected".into());
        let (user, fp) = self
            .user
            .as_ref()
            .map(|(who, fp)| (who.name().to_string(), fp.clone()))
            .unwrap_or_else(|| ("-".into(), "-".into()));
        super::log::connection(&super::log::Line {
            user: &user,
            fingerprint: &fp,
            peer: self.peer,
            duration: self.started.elapsed(),
            how: &how,
        });
    }
}

fn reject() -> Auth {
    Auth::Reject {
        proceed_with_methods: None,
        partial_success: false,
    }
}

impl russh::server::Handler for Conn {
    type Error = anyhow::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        // The client's first question, "which methods?": not a try.
        Ok(reject())
    }

    async fn auth_password(&mut self, _: &str, _: &str) -> Result<Auth, Self::Error> {
        self.refuse("password").await
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _: &str,
        _: &str,
        _: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.refuse("keyboard-interactive").await
    }

    async fn auth_publickey_offered(
        &mut self,
        _: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if users::user_of(&self.shared.authorized_keys, offer.public_key).is_some() {
            Ok(Auth::Accept)
        } else {
            self.refuse("unknown key").await
        }
    }

    async fn auth_publickey(
        &mut self,
        _: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        match users::user_of(&self.shared.authorized_keys, key.public_key) {
            Some(name) => {
                self.user = Some((name, users::fingerprint(key.public_key)));
                // A key refused before this one is not how it ends.
                session::replace_ending(&self.ending, None);
                Ok(Auth::Accept)
            }
            None => self.refuse("unknown key").await,
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.user.is_none() || self.channel.is_some() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        if self.shared.sessions.fetch_add(1, Ordering::SeqCst) >= self.shared.max_sessions {
            self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
            session::set_ending(&self.ending, "refused: too many sessions");
            reply
                .reject(russh::ChannelOpenFailure::ResourceShortage)
                .await;
            return Ok(());
        }
        self.counted = true;
        let id = channel.id();
        // Input comes through the handler's callbacks; the read half
        // would only queue a copy of it.
        let (_read, write) = channel.split();
        self.channel = Some((id, write));
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.env.term = Some(
            term.chars()
                .filter(|c| c.is_ascii_graphic())
                .take(64)
                .collect(),
        );
        self.pty = Some((cols, rows));
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let value: String = value
            .chars()
            .filter(|c| !c.is_control())
            .take(128)
            .collect();
        let some = (!value.is_empty()).then_some(value);
        match name {
            "TERM" => self.env.term = some,
            "LANG" => self.env.locale = some,
            "NO_COLOR" => self.env.no_color = some.is_some(),
            "COLORTERM" => self.env.colorterm = some,
            _ => {
                session.channel_failure(channel)?;
                return Ok(());
            }
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(pty) = self.pty else {
            session.channel_failure(channel)?;
            let _ = session.data(
                channel,
                &b"brief serve needs a terminal: connect with ssh -t\r\n"[..],
            );
            session.close(channel)?;
            self.release(channel);
            session::set_ending(&self.ending, "refused: no pty");
            return Ok(());
        };
        let Some((id, write)) = self.channel.take() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        let Some((user, _)) = self.user.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let link = Arc::new(session::start(
            Arc::clone(&self.shared.desk),
            user,
            self.env.clone(),
            pty,
            (write, session.handle(), id),
            self.ending(),
            Arc::clone(&self.shared.stopping),
            Arc::clone(&self.watch.cut),
        ));
        self.watch.touch();
        let n = self.shared.next_id.fetch_add(1, Ordering::SeqCst) as u64;
        self.shared
            .links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(n, link.events.clone());
        *self.watch.reader.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&link));
        self.link = Some((n, link));
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let _ = session.data(channel, &b"brief serve runs the reader only\r\n"[..]);
        session.channel_failure(channel)?;
        session.close(channel)?;
        self.release(channel);
        session::set_ending(&self.ending, "refused: exec");
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        session.close(channel)?;
        self.release(channel);
        session::set_ending(&self.ending, "refused: subsystem");
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(&mut self, _: ChannelId, _: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _: &str,
        _: &mut u32,
        _: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.watch.touch();
        if let Some((_, link)) = &self.link {
            let keys = link.probe.take(data);
            if !keys.is_empty() {
                link.input(self.input.feed(keys));
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.watch.touch();
        if let Some((_, link)) = &self.link {
            link.resize(cols, rows);
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if let Some((_, link)) = &self.link {
            let _ = link.events.send(Event::Hangup);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_failures_from_one_address_are_slowed_and_forgotten_after_a_quiet_while() {
        let mut map = HashMap::new();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let t0 = Instant::now();
        let waits: Vec<u128> = (0..9)
            .map(|_| penalty(&mut map, a, t0).as_millis())
            .collect();
        assert_eq!(waits, [0, 0, 0, 500, 1000, 2000, 4000, 8000, 8000]);
        // Another address is not slowed by the first's failures.
        assert_eq!(penalty(&mut map, b, t0), Duration::ZERO);
        // Nine minutes later it is still remembered; after ten quiet
        // minutes it starts afresh.
        let later = t0 + Duration::from_secs(540);
        assert_eq!(penalty(&mut map, a, later), Duration::from_millis(8000));
        let quiet = later + Duration::from_secs(601);
        assert_eq!(penalty(&mut map, a, quiet), Duration::ZERO);
    }
}
