//! `brief serve`: the reader as an SSH service for a desk.
//!
//! One process serves every session: russh speaks SSH (options.rs,
//! host_key.rs), the authorized_keys file names the users (users.rs), each
//! connection is authenticated and confined to one reader (conn.rs), and
//! each reader runs the same event loop as the local one, on its own
//! thread, reading keys parsed from the channel (input.rs) and writing
//! frames back through a bounded queue (session.rs). The index is one for
//! all, kept current here; each user's marks are their own state database
//! under `<state>/users/<name>/`. log.rs writes one line per connection.
//! Connections are accepted here, not by russh's listener, so that each
//! one's socket can be timed (a client that stops reading) and cut, and
//! its client watched for idling.

pub mod conn;
pub mod host_key;
pub mod input;
pub mod log;
pub mod options;
pub mod session;
pub mod users;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::sync::broadcast;

pub use options::{Options, Overrides};
pub use session::Desk;

use crate::ui::{BackgroundJob, Event};

/// How long SIGTERM waits for sessions to save and say goodbye.
const STOP_WAIT: Duration = Duration::from_millis(1500);

/// `brief serve --check`: the host key (made if missing) and the users.
pub fn check(options: &Options) -> Result<String> {
    let key = host_key::load_or_create(&options.host_key)?;
    let mut out = format!(
        "host key {} ({})\n",
        host_key::fingerprint(&key),
        options.host_key.display()
    );
    match users::load(&options.authorized_keys) {
        Ok((list, problems)) => {
            out.push_str(&format!(
                "{} user(s) in {}\n",
                list.len(),
                options.authorized_keys.display()
            ));
            for u in &list {
                out.push_str(&format!("  {} {}\n", u.name, users::fingerprint(&u.key)));
            }
            for p in problems {
                out.push_str(&format!("  skipped {p}\n"));
            }
        }
        Err(e) => out.push_str(&format!(
            "no users: {}: {e}\n",
            options.authorized_keys.display()
        )),
    }
    Ok(out)
}

/// Serves until SIGTERM or SIGINT; `index` brings the shared index up to
/// date (run at start and whenever the briefs folder changes).
pub fn run(desk: Desk, options: &Options, index: BackgroundJob) -> Result<()> {
    let key = host_key::load_or_create(&options.host_key)?;
    if let Err(e) = users::load(&options.authorized_keys) {
        anyhow::bail!(
            "{}: cannot read the authorized keys ({e}); create it with one OpenSSH public key per user",
            options.authorized_keys.display()
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let config = russh::server::Config {
        methods: russh::MethodSet::from(&[russh::MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        // The idle timeout is the server's own (see `idled`: russh counts
        // keepalive replies as activity); russh's is the backstop.
        inactivity_timeout: options.idle_timeout.map(|d| d + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keys: vec![key.clone()],
        nodelay: true,
        ..Default::default()
    };
    let watch_dir = desk.config.ui.watch.then(|| desk.briefs.clone());
    let shared = Arc::new(conn::Shared {
        desk: Arc::new(desk),
        authorized_keys: options.authorized_keys.clone(),
        max_sessions: options.max_sessions,
        sessions: AtomicUsize::new(0),
        failures: Mutex::new(HashMap::new()),
        stopping: Arc::new(AtomicBool::new(false)),
        links: Mutex::new(HashMap::new()),
        next_id: AtomicUsize::new(0),
        idle_timeout: options.idle_timeout,
    });
    let _watcher = keep_index_current(index, watch_dir.as_deref());
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .with_context(|| format!("cannot listen on {}", options.listen))?;
        let local = listener.local_addr()?;
        // The first line says where and with which key: a test or an
        // admin reads it.
        println!(
            "brief serve: listening on {local}, host key {}",
            host_key::fingerprint(&key)
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let config = Arc::new(config);
        let (stopping, _) = broadcast::channel::<()>(1);
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        let mut int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((socket, peer)) => {
                        let (config, shared) = (Arc::clone(&config), Arc::clone(&shared));
                        tokio::spawn(connection(config, shared, socket, peer, stopping.subscribe()));
                    }
                    Err(e) => {
                        // Out of file descriptors, say: the server goes on.
                        log::note(&format!("cannot accept a connection: {e}"));
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
                _ = term.recv() => break,
                _ = int.recv() => break,
            }
        }
        drop(listener);
        stop(&shared, &stopping).await;
        anyhow::Ok(())
    })?;
    // Sessions' threads that are still running end with the process; each
    // has saved its marks (every mark is committed as it is made).
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(())
}

/// SIGTERM: no new connections; each reader is told to save and leave,
/// which tells its client the server is stopping.
async fn stop(shared: &conn::Shared, connections: &broadcast::Sender<()>) {
    log::note("stopping (signal)");
    shared.stopping.store(true, Ordering::SeqCst);
    for tx in shared
        .links
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .values()
    {
        let _ = tx.send(Event::Hangup);
    }
    let until = tokio::time::Instant::now() + STOP_WAIT;
    while shared.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = connections.send(());
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// How long a client has to say which SSH it speaks.
const HELLO_WAIT: Duration = Duration::from_secs(30);

/// One connection, from the accepted socket to its end: russh runs the
/// protocol; this ends it when the server stops or the client idles.
async fn connection(
    config: Arc<russh::server::Config>,
    shared: Arc<conn::Shared>,
    socket: tokio::net::TcpStream,
    peer: std::net::SocketAddr,
    mut stopping: broadcast::Receiver<()>,
) {
    let _ = socket.set_nodelay(true);
    limit_send_buffer(&socket);
    // A second handle on the socket, to cut it (see session::Cut).
    let (socket, cut) = match socket.into_std().and_then(|s| {
        let cut = s.try_clone()?;
        Ok((tokio::net::TcpStream::from_std(s)?, cut))
    }) {
        Ok((s, cut)) => (s, session::Cut::new(Some(cut))),
        Err(e) => {
            log::note(&format!("connection from {peer} dropped: {e}"));
            return;
        }
    };
    let idle_timeout = shared.idle_timeout;
    let handler = conn::Conn::new(shared, Some(peer), Arc::new(cut));
    let watch = handler.watch();
    let (socket, stall) = session::Timed::new(socket);
    let session = match tokio::time::timeout(
        HELLO_WAIT,
        russh::server::run_stream(config, socket, handler),
    )
    .await
    {
        Ok(Ok(session)) => session,
        // The handler has gone with its log line.
        Ok(Err(_)) | Err(_) => return,
    };
    let handle = session.handle();
    tokio::pin!(session);
    tokio::select! {
        _ = &mut session => {}
        _ = stopping.recv() => {
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, "the server is stopping".into(), String::new())
                .await;
        }
        _ = stalled(&stall) => {
            session::set_ending(&watch.ending, &session::not_reading());
            // russh waits in a write that will not end: the socket goes,
            // the write fails, and the connection ends with its log line.
            watch.cut.cut();
            let _ = tokio::time::timeout(Duration::from_secs(2), &mut session).await;
        }
        _ = idled(&watch, idle_timeout) => {
            let after = idle_timeout.map(options::format_duration).unwrap_or_default();
            session::set_ending(&watch.ending, &format!("idle for {after}"));
            let reader = watch.reader.lock().unwrap_or_else(|p| p.into_inner()).clone();
            if let Some(link) = reader {
                link.leave(&format!("closed after {after} without a key; your marks are saved."));
                // Its goodbye written and its channel closed.
                let until = tokio::time::Instant::now() + Duration::from_secs(2);
                while !link.done() && tokio::time::Instant::now() < until {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, format!("idle for {after}"), String::new())
                .await;
            if tokio::time::timeout(Duration::from_secs(1), &mut session).await.is_err() {
                watch.cut.cut();
            }
        }
    }
}

/// What the kernel holds for one client's socket, at most: frames for a
/// terminal need no more (128 KiB is 10 Mbit/s at 100 ms), and a client
/// that stops reading holds this much, not the megabytes the kernel's
/// tuning would give a fast loopback link.
const SEND_BUFFER: libc::c_int = 128 * 1024;

fn limit_send_buffer(socket: &tokio::net::TcpStream) {
    use std::os::fd::AsRawFd;
    let size = SEND_BUFFER;
    // SAFETY: a live socket's descriptor, an int option and its length.
    let done = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_SNDBUF,
            (&raw const size).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if done != 0 {
        log::note(&format!(
            "cannot limit a socket's send buffer: {}",
            std::io::Error::last_os_error()
        ));
    }
}

/// Resolves once a write to the client has waited [`session::STALLED`].
async fn stalled(stall: &session::Stall) {
    loop {
        let waited = stall.stalled();
        if waited >= session::STALLED {
            return;
        }
        let check = (session::STALLED - waited).min(Duration::from_secs(1));
        tokio::time::sleep(check).await;
    }
}

/// Resolves once the client has done nothing for `limit` (never without
/// one).
async fn idled(watch: &conn::Watch, limit: Option<Duration>) {
    let Some(limit) = limit else {
        return std::future::pending().await;
    };
    loop {
        let idle = watch.idle();
        if idle >= limit {
            return;
        }
        tokio::time::sleep(limit - idle).await;
    }
}

/// Runs the index update now and again whenever the folder changes, one
/// at a time, on a thread of its own; sessions see the new index at their
/// next refresh.
fn keep_index_current(
    job: BackgroundJob,
    watch: Option<&std::path::Path>,
) -> Option<notify::RecommendedWatcher> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let _ = tx.send(());
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Changes that came while it ran are one more run, not many.
            while rx.try_recv().is_ok() {}
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&|_, _| {}))) {
                Ok(Ok(summary)) if !summary.is_empty() => log::note(&format!("index: {summary}")),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => log::note(&format!("index update failed: {e:#}")),
                Err(_) => log::note("index update failed: internal error"),
            }
        }
    });
    let dir = watch?;
    match crate::ui::watch::watch(dir, move || tx.send(()).is_ok()) {
        Ok(w) => Some(w),
        Err(e) => {
            log::note(&format!(
                "not watching {} for new briefings: {e}",
                dir.display()
            ));
            None
        }
    }
}
