//! One reader session on an SSH channel: the reader's thread, its bounded
//! output to the channel, and its bounded input from it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use russh::ChannelId;
use russh::ChannelWriteHalf;
use russh::server::{Handle, Msg};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc as tmpsc;

use crate::config::Config;
use crate::library::Library;
use crate::state::Identity;
use crate::store::Index;
use crate::ui::output::margins;
use crate::ui::theme::TermEnv;
use crate::ui::{Console, Event, Remote, SharedSize, Suspended, Workers};

/// Output queued for a client and not yet taken by it: past this, the
/// reader waits for the client to catch up.
pub const MAX_QUEUED: usize = 1 << 20;
/// How long a client may take nothing of what is sent to it (its SSH
/// window stays shut, or its socket) before its session is closed.
pub const STALLED: Duration = Duration::from_secs(15);
/// Output goes to the channel in pieces of this size, each given
/// [`STALLED`] to be taken: a slow client that reads still progresses.
const PIECE: usize = 32 * 1024;
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
    /// A resize is on its way to the reader: more window changes only
    /// move the size it will read (one queued event, however many come).
    resize_queued: Arc<AtomicBool>,
    /// The reader's question to the terminal, whose answer comes in the
    /// client's input.
    pub probe: Arc<Probe>,
    /// What the reader says as it leaves when told to by the server.
    farewell: Arc<Mutex<Option<String>>>,
    /// The reader has left and its channel is closed.
    done: Arc<AtomicBool>,
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
        if !self.resize_queued.swap(true, Ordering::SeqCst) {
            let _ = self.events.send(Event::Resize(w, h));
        }
    }

    pub fn done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    /// Ends the reader, its marks saved, saying `message` to the client.
    pub fn leave(&self, message: &str) {
        *self.farewell.lock().unwrap_or_else(|p| p.into_inner()) = Some(message.to_string());
        let _ = self.events.send(Event::Hangup);
    }
}

/// The client's socket, kept to cut it: a client that takes nothing of
/// what it is sent cannot be told goodbye, and russh would wait for it.
pub struct Cut(Option<std::net::TcpStream>);

impl Cut {
    pub fn new(socket: Option<std::net::TcpStream>) -> Cut {
        Cut(socket)
    }

    /// Ends the connection at once, both ways.
    pub fn cut(&self) {
        if let Some(s) = &self.0 {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// The client's socket as russh writes to it, timing how long a write has
/// waited: a client that stops reading fills its socket's buffers before
/// its SSH window runs out (russh then waits in the write, reading
/// nothing more from the client, so no frame is asked for and no queue
/// of ours fills); [`Timed::stalled`] tells.
pub struct Timed<S> {
    inner: S,
    since: std::time::Instant,
    /// Milliseconds from `since` (plus one) when the write now waiting
    /// began; 0 while none waits.
    waiting: Arc<AtomicU64>,
}

/// How long the write waiting on a [`Timed`] socket has waited.
#[derive(Clone)]
pub struct Stall {
    since: std::time::Instant,
    waiting: Arc<AtomicU64>,
}

impl Stall {
    pub fn stalled(&self) -> Duration {
        match self.waiting.load(Ordering::SeqCst) {
            0 => Duration::ZERO,
            began => self
                .since
                .elapsed()
                .saturating_sub(Duration::from_millis(began - 1)),
        }
    }
}

impl<S> Timed<S> {
    pub fn new(inner: S) -> (Timed<S>, Stall) {
        let since = std::time::Instant::now();
        let waiting = Arc::new(AtomicU64::new(0));
        let stall = Stall {
            since,
            waiting: Arc::clone(&waiting),
        };
        (
            Timed {
                inner,
                since,
                waiting,
            },
            stall,
        )
    }

    fn note<T>(&self, polled: &Poll<T>) {
        if polled.is_pending() {
            if self.waiting.load(Ordering::SeqCst) == 0 {
                let ms = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX - 1);
                self.waiting.store(ms + 1, Ordering::SeqCst);
            }
        } else {
            self.waiting.store(0, Ordering::SeqCst);
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Timed<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Timed<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.note(&polled);
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_flush(cx);
        this.note(&polled);
        polled
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The margins question ([`margins`]) asked over the channel: the reader
/// asks and waits, the connection hands it the client's bytes meanwhile.
#[derive(Default)]
pub struct Probe {
    state: Mutex<Asking>,
    answered: Condvar,
}

#[derive(Default)]
enum Asking {
    #[default]
    No,
    Reading(margins::Replies),
    Answered(bool),
}

impl Probe {
    /// Asks the client's terminal through `out`; whether it has margins,
    /// [`margins::TIMEOUT`] at most.
    pub fn ask(&self, out: &mut dyn Write) -> bool {
        *self.lock() = Asking::Reading(margins::Replies::default());
        let margins = margins::ask(out, |until| {
            let wait = until.saturating_duration_since(std::time::Instant::now());
            let (state, _) = self
                .answered
                .wait_timeout_while(self.lock(), wait, |s| matches!(s, Asking::Reading(_)))
                .unwrap_or_else(|p| p.into_inner());
            match *state {
                Asking::Answered(m) => Some(m),
                _ => None,
            }
        });
        *self.lock() = Asking::No;
        margins
    }

    /// The client's bytes: those that answer the question are taken (and
    /// any key typed before the answer, as the local reader loses them),
    /// the rest given back.
    pub fn take<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        let mut state = self.lock();
        let Asking::Reading(replies) = &mut *state else {
            return bytes;
        };
        for (i, &b) in bytes.iter().enumerate() {
            if let Some(margins) = replies.take(b) {
                *state = Asking::Answered(margins);
                self.answered.notify_all();
                return &bytes[i + 1..];
            }
        }
        &[]
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Asking> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
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
    (channel, handle, id): (ChannelWriteHalf<Msg>, Handle, ChannelId),
    ending: Ending,
    stopping: Arc<AtomicBool>,
    cut: Arc<Cut>,
) -> Link {
    let (tx, rx) = mpsc::channel::<Event>();
    let (w, h) = clamp_size(cols, rows);
    let size = SharedSize::new(w, h);
    let out = ChannelOut::start(
        (channel, handle.clone(), id),
        Arc::clone(&ending),
        Arc::clone(&cut),
    );
    let link = Link {
        events: tx.clone(),
        size: size.clone(),
        backlog: Arc::new(AtomicUsize::new(0)),
        resize_queued: Arc::new(AtomicBool::new(false)),
        probe: Arc::new(Probe::default()),
        farewell: Arc::new(Mutex::new(None)),
        done: Arc::new(AtomicBool::new(false)),
    };
    let console = ChannelConsole {
        backlog: Arc::clone(&link.backlog),
        size: size.clone(),
        resize_queued: Arc::clone(&link.resize_queued),
        probe: Arc::clone(&link.probe),
        term: env.term.clone(),
    };
    let farewell = Arc::clone(&link.farewell);
    let done = Arc::clone(&link.done);
    let runtime = tokio::runtime::Handle::current();
    std::thread::spawn(move || {
        let mut out = out;
        let told = || farewell.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let why = match reader(&desk, &user, &env, &mut out, size, (tx, rx), console) {
            Ok(()) if stopping.load(Ordering::SeqCst) => {
                let _ = out.write_all(b"brief: the server is stopping; your marks are saved.\r\n");
                "server stopping".to_string()
            }
            Ok(()) => match told() {
                Some(message) => {
                    let _ = out.write_all(format!("brief: {message}\r\n").as_bytes());
                    "told to leave".to_string()
                }
                None => "quit".to_string(),
            },
            Err(Failure::Output(e)) => {
                // Nobody to say goodbye to: end the connection too.
                cut.cut();
                format!("client gone or not reading ({e})")
            }
            Err(Failure::Refused(message)) => {
                let _ = out.write_all(format!("brief: {message}\r\n").as_bytes());
                let line = crate::text::sanitize_line(&message);
                format!("refused: {line}")
            }
        };
        let _ = out.flush();
        set_ending(&ending, &why);
        out.finish(&runtime, done);
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
    console: ChannelConsole,
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
        console: Box::new(console),
    };
    crate::ui::run_remote(app, &library, &config, workers, speech, remote).map_err(Failure::Output)
}

struct ChannelConsole {
    backlog: Arc<AtomicUsize>,
    size: SharedSize,
    resize_queued: Arc<AtomicBool>,
    probe: Arc<Probe>,
    term: Option<String>,
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
    fn resized(&self, _: u16, _: u16) -> (u16, u16) {
        // Cleared before the size is read: a change after this read sends
        // a resize of its own.
        self.resize_queued.store(false, Ordering::SeqCst);
        let now = self.size.get();
        (now.width, now.height)
    }
    fn margins(&mut self, out: &mut dyn Write) -> bool {
        // The client's TERM says tmux or screen when it runs inside them
        // (their TMUX and STY are not sent).
        margins::worth_asking(self.term.as_deref(), false, false) && self.probe.ask(out)
    }
}

/// The reader's writer on a channel: each flush queues a frame for the
/// channel's writer task, which sends it as the client's window allows.
/// Bounded all the way: the queue holds at most [`MAX_QUEUED`] bytes (and
/// one frame) and the reader waits past that; the writer gives russh one
/// [`PIECE`] at a time, which waits for the client's window (russh sends
/// no more than the client's window; its queue of messages is bounded),
/// and a piece not taken within [`STALLED`] ends the session: the
/// connection is cut and the reader's next write fails.
pub struct ChannelOut {
    buf: Vec<u8>,
    queue: Arc<(Mutex<Queue>, Condvar)>,
    tx: Option<tmpsc::UnboundedSender<Vec<u8>>>,
    handle: Handle,
    id: ChannelId,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// What is queued for the channel and not yet taken by russh.
#[derive(Default)]
struct Queue {
    bytes: usize,
    /// The writer stopped: the client took nothing for too long, or the
    /// channel is closed.
    stopped: bool,
}

impl ChannelOut {
    fn start(
        (channel, handle, id): (ChannelWriteHalf<Msg>, Handle, ChannelId),
        ending: Ending,
        cut: Arc<Cut>,
    ) -> ChannelOut {
        // Unbounded in messages, bounded in bytes by `queue` (the reader
        // waits before it sends more than MAX_QUEUED).
        let (tx, mut rx) = tmpsc::unbounded_channel::<Vec<u8>>();
        let queue = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        let q = Arc::clone(&queue);
        let task = tokio::spawn(async move {
            let stop = |q: &(Mutex<Queue>, Condvar)| {
                q.0.lock().unwrap_or_else(|p| p.into_inner()).stopped = true;
                q.1.notify_all();
            };
            while let Some(bytes) = rx.recv().await {
                for piece in bytes.chunks(PIECE) {
                    match tokio::time::timeout(STALLED, channel.data_bytes(piece.to_vec())).await {
                        Ok(Ok(())) => {}
                        Ok(Err(_)) => {
                            stop(&q);
                            return;
                        }
                        Err(_) => {
                            set_ending(&ending, &not_reading());
                            stop(&q);
                            cut.cut();
                            return;
                        }
                    }
                    let (lock, cv) = &*q;
                    let mut left = lock.lock().unwrap_or_else(|p| p.into_inner());
                    left.bytes = left.bytes.saturating_sub(piece.len());
                    cv.notify_all();
                }
            }
        });
        ChannelOut {
            buf: Vec::with_capacity(1 << 14),
            queue,
            tx: Some(tx),
            handle,
            id,
            task: Some(task),
        }
    }

    /// Sends what is left, then closes the channel as a shell's end would.
    fn finish(mut self, runtime: &tokio::runtime::Handle, done: Arc<AtomicBool>) {
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
            done.store(true, Ordering::SeqCst);
        });
    }
}

/// How a session that was closed for taking nothing ended, for the log.
pub fn not_reading() -> String {
    format!(
        "client not reading (nothing taken for {} s)",
        STALLED.as_secs()
    )
}

fn closed() -> io::Error {
    io::Error::new(
        io::ErrorKind::BrokenPipe,
        "the channel is closed or its client took nothing for a while",
    )
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
        let (lock, cv) = &*self.queue;
        let full = |q: &mut Queue| !q.stopped && q.bytes > 0 && q.bytes + n > MAX_QUEUED;
        let (mut q, timeout) = cv
            .wait_timeout_while(
                lock.lock().unwrap_or_else(|p| p.into_inner()),
                STALLED,
                full,
            )
            .unwrap_or_else(|p| p.into_inner());
        if q.stopped {
            return Err(closed());
        }
        if timeout.timed_out() && full(&mut q) {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client has read nothing for a while",
            ));
        }
        q.bytes += n;
        drop(q);
        let bytes = std::mem::replace(&mut self.buf, Vec::with_capacity(1 << 14));
        match &self.tx {
            Some(tx) => tx.send(bytes).map_err(|_| closed()),
            None => Err(closed()),
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
