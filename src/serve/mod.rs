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
use russh::server::Server as _;

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

struct Acceptor(Arc<conn::Shared>);

impl russh::server::Server for Acceptor {
    type Handler = conn::Conn;
    fn new_client(&mut self, peer: Option<std::net::SocketAddr>) -> conn::Conn {
        conn::Conn::new(Arc::clone(&self.0), peer)
    }
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
        inactivity_timeout: options.idle_timeout,
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
        let mut acceptor = Acceptor(Arc::clone(&shared));
        let server = acceptor.run_on_socket(Arc::new(config), &listener);
        let handle = server.handle();
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        let mut int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        tokio::select! {
            r = server => r.context("the server stopped")?,
            _ = term.recv() => stop(&shared, &handle).await,
            _ = int.recv() => stop(&shared, &handle).await,
        }
        anyhow::Ok(())
    })?;
    // Sessions' threads that are still running end with the process; each
    // has saved its marks (every mark is committed as it is made).
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(())
}

/// SIGTERM: no new connections; each reader is told to save and leave,
/// which tells its client the server is stopping.
async fn stop(shared: &conn::Shared, handle: &russh::server::RunningServerHandle) {
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
    handle.shutdown("the server is stopping".into());
    tokio::time::sleep(Duration::from_millis(100)).await;
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
