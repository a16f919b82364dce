//! One reader session on an SSH channel: the reader's thread, its bounded
//! output to the channel, and its bounded input from it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use russh::ChannelId;
use russh::ChannelWriteHalf;
use russh::server::{Handle, Msg};
use tokio::sync::mpsc as tmpsc;

use crate::config::Config;
use crate::library::Library;
use crate::state::Identity;
use crate::store::Index;
use crate::ui::theme::TermEnv;
use crate::ui::{Console, Event, Remote, SharedSize, Suspended, Workers};

/// Output queued for a client and not yet taken by it: past this, the
/// reader waits for the client to catch up.
pub const MAX_QUEUED: usize = 1 << 20;
/// How long the reader waits for a client that reads nothing before it
/// closes the session.
pub const STALLED: Duration = Duration::from_secs(15);
/// Key events sent to the reader and not yet taken: past this, input is
/// dropped (a flood), not queued.
pub const MAX_BACKLOG: usize = 512;
/// The largest window a client gets: a bigger request is clamped (every
/// cell costs memory, four times over).
pub const MAX_COLS: u16 = 400;
pub const MAX_ROWS: u16 = 200;

/// A window size from a client's request, within what the reader draws.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    // RFC 4254: zero means the client did not say.
    let cols = if cols == 0 {
        80
    } else {
        cols.min(u32::from(MAX_COLS))
    };
    let rows = if rows == 0 {
        24
    } else {
        rows.min(u32::from(MAX_ROWS))
    };
    (cols as u16, rows as u16)
}

/// Where the reader lives and what it reads: shared by every session.
#[derive(Clone)]
pub struct Desk {
    pub config: Config,
    pub briefs: PathBuf,
    pub index_path: PathBuf,
    pub state_dir: PathBuf,
}

/// What the connection keeps of its running session.
pub struct Link {
    pub events: Sender<Event>,
    pub size: SharedSize,
    pub backlog: Arc<AtomicUsize>,
}

impl Link {
    /// Passes input on, unless the reader is behind by too much.
    pub fn input(&self, events: Vec<Event>) {
        for e in events {
            if self.backlog.load(Ordering::SeqCst) >= MAX_BACKLOG {
                return;
            }
            self.backlog.fetch_add(1, Ordering::SeqCst);
            if self.events.send(e).is_err() {
                return;
            }
        }
    }

    pub fn resize(&self, cols: u32, rows: u32) {
        let (w, h) = clamp_size(cols, rows);
        self.size.set(w, h);
        let _ = self.events.send(Event::Resize(w, h));
    }
}

/// How a session ended, for the log line.
pub type Ending = Arc<Mutex<Option<String>>>;

/// Says how the connection ends now, whatever was said before (a later
/// try at logging in says more than an earlier one).
pub fn replace_ending(ending: &Ending, why: Option<&str>) {
    *ending.lock().unwrap_or_else(|p| p.into_inner()) = why.map(str::to_string);
}

/// Says how the connection ended, unless that was said already.
pub fn set_ending(ending: &Ending, why: &str) {
    let mut e = ending.lock().unwrap_or_else(|p| p.into_inner());
    if e.is_none() {
        *e = Some(why.to_string());
    }
}

/// Starts the reader for `user` on `channel`. The returned link feeds it.
#[allow(clippy::too_many_arguments)]
pub fn start(
    desk: Arc<Desk>,
    user: Identity,
    env: TermEnv,
    (cols, rows): (u32, u32),
    channel: ChannelWriteHalf<Msg>,
    handle: Handle,
    id: ChannelId,
    ending: Ending,
    stopping: Arc<std::sync::atomic::AtomicBool>,
) -> Link {
    let (tx, rx) = mpsc::channel::<Event>();
    let (w, h) = clamp_size(cols, rows);
    let size = SharedSize::new(w, h);
    let backlog = Arc::new(AtomicUsize::new(0));
    let out = ChannelOut::start(channel, handle.clone(), id);
    let link = Link {
        events: tx.clone(),
        size: size.clone(),
        backlog: Arc::clone(&backlog),
    };
    let runtime = tokio::runtime::Handle::current();
    std::thread::spawn(move || {
        let mut out = out;
        let why = match reader(&desk, &user, &env, &mut out, size, (tx, rx), backlog) {
            Ok(()) if stopping.load(Ordering::SeqCst) => {
                let _ = out.write_all(b"brief: the server is stopping; your marks are saved.\r\n");
                "server stopping".to_string()
            }
            Ok(()) => "quit".to_string(),
            Err(Failure::Output(e)) => format!("client gone or not reading ({e})"),
            Err(Failure::Refused(message)) => {
                let _ = out.write_all(format!("brief: {message}\r\n").as_bytes());
                let line = crate::text::sanitize_line(&message);
                format!("refused: {line}")
            }
        };
        let _ = out.flush();
        set_ending(&ending, &why);
        out.finish(&runtime);
    });
    link
}

enum Failure {
    Output(io::Error),
    Refused(String),
}

fn reader(
    desk: &Desk,
    user: &Identity,
    env: &TermEnv,
    out: &mut ChannelOut,
    size: SharedSize,
    events: (Sender<Event>, mpsc::Receiver<Event>),
    backlog: Arc<AtomicUsize>,
) -> Result<(), Failure> {
    // A broken state of one user shuts out that user, nobody else.
    let state = crate::state::open_served(&desk.state_dir, user).map_err(|e| {
        Failure::Refused(format!(
            "your marks cannot be opened ({e}); nothing was changed: ask the desk's admin"
        ))
    })?;
    let index = Index::open(&desk.index_path)
        .map_err(|e| Failure::Refused(format!("the index cannot be opened: {e:#}")))?;
    let library = Library {
        index,
        state,
        briefs: desk.briefs.clone(),
        entity_article_limit: Some(0),
    };
    let (mut app, speech) =
        crate::ui::reader_for(&desk.config, env).map_err(|e| Failure::Refused(format!("{e:#}")))?;
    app.user = Some(user.name().to_string());
    // The server's index is kept current by the server, once for all.
    let mut config = desk.config.clone();
    config.ui.watch = false;
    let (root, who) = (desk.state_dir.clone(), user.clone());
    let marks: crate::ui::MarkJob =
        Arc::new(move |work| work.run(&crate::state::open_served(&root, &who)?));
    let workers = Workers {
        indexer: None,
        marks: Some(marks),
    };
    let remote = Remote {
        out: &mut *out,
        size,
        events,
        console: Box::new(ChannelConsole { backlog }),
    };
    crate::ui::run_remote(app, &library, &config, workers, speech, remote).map_err(Failure::Output)
}

struct ChannelConsole {
    backlog: Arc<AtomicUsize>,
}

impl Console for ChannelConsole {
    fn suspend(&mut self) -> Suspended {
        Suspended::Cannot("not suspended: the reader is served over SSH (q quits)".into())
    }
    fn cannot_open(&self) -> Option<&'static str> {
        Some("the reader runs on the server, not on your machine (c copies a link if osc52 is on)")
    }
    fn took_input(&self) {
        let _ = self
            .backlog
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    }
}

/// The reader's writer on a channel: each flush queues a frame for the
/// channel's writer task, which sends it as the client's window allows.
/// The queue is bounded in bytes; a client that reads nothing for
/// [`STALLED`] fails the write, which ends the session.
pub struct ChannelOut {
    buf: Vec<u8>,
    queued: Arc<(Mutex<usize>, Condvar)>,
    tx: Option<tmpsc::UnboundedSender<Vec<u8>>>,
    handle: Handle,
    id: ChannelId,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl ChannelOut {
    fn start(channel: ChannelWriteHalf<Msg>, handle: Handle, id: ChannelId) -> ChannelOut {
        let (tx, mut rx) = tmpsc::unbounded_channel::<Vec<u8>>();
        let queued = Arc::new((Mutex::new(0usize), Condvar::new()));
        let q = Arc::clone(&queued);
        let task = tokio::spawn(async move {
            while let Some(bytes) = rx.recv().await {
                let n = bytes.len();
                let sent = channel.data_bytes(bytes).await;
                let (lock, cv) = &*q;
                let mut left = lock.lock().unwrap_or_else(|p| p.into_inner());
                *left = left.saturating_sub(n);
                cv.notify_all();
                drop(left);
                if sent.is_err() {
                    break;
                }
            }
        });
        ChannelOut {
            buf: Vec::with_capacity(1 << 14),
            queued,
            tx: Some(tx),
            handle,
            id,
            task: Some(task),
        }
    }

    /// Sends what is left, then closes the channel as a shell's end would.
    fn finish(mut self, runtime: &tokio::runtime::Handle) {
        let _ = self.flush();
        self.tx = None;
        let task = self.task.take();
        let handle = self.handle.clone();
        let id = self.id;
        runtime.spawn(async move {
            if let Some(task) = task {
                // A client that reads nothing does not hold the close up.
                let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
            }
            let _ = handle.exit_status_request(id, 0).await;
            let _ = handle.eof(id).await;
            let _ = handle.close(id).await;
        });
    }
}

impl Write for ChannelOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if self.buf.len() > MAX_QUEUED {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let n = self.buf.len();
        let (lock, cv) = &*self.queued;
        let mut queued = lock.lock().unwrap_or_else(|p| p.into_inner());
        let (mut q, timeout) = cv
            .wait_timeout_while(queued, STALLED, |q| *q > 0 && *q + n > MAX_QUEUED)
            .unwrap_or_else(|p| p.into_inner());
        if timeout.timed_out() && *q > 0 && *q + n > MAX_QUEUED {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client has read nothing for a while",
            ));
        }
        *q += n;
        queued = q;
        drop(queued);
        let bytes = std::mem::replace(&mut self.buf, Vec::with_capacity(1 << 14));
        match &self.tx {
            Some(tx) => tx
                .send(bytes)
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the channel is closed")),
            None => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the channel is closed",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_window_sizes_are_clamped() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(100_000, 100_000), (MAX_COLS, MAX_ROWS));
        assert_eq!(clamp_size(120, 40), (120, 40));
    }
}
