//! `brief serve` end to end: the built binary serves on 127.0.0.1:0 from a
//! temporary desk, and real SSH clients talk to it. An in-process russh
//! client covers what OpenSSH cannot be made to do on cue (refused keys,
//! passwords, exec, forwarding, twenty sessions, a dropped connection,
//! SIGTERM); the OpenSSH `ssh` client, driven in a pty, logs in as a person
//! would. Screens are read back through vt100, as in the other pty suites.

#[path = "support/pty.rs"]
mod pty;

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::{Duration, Instant};

use russh::client::{self, AuthResult, Handle};
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf};

use brief::state::StateDb;

const ROWS: u16 = 24;
const COLS: u16 = 100;
/// Long enough for a debug build on a busy 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(30);

const FERRY: &str = "Ferry timetable cut for the winter";
const FROST: &str = "Late frost hits orchard growers";

/// A user's key, the same for the same seed.
fn key(seed: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
}

fn ana() -> PrivateKey {
    key(1)
}
fn ben() -> PrivateKey {
    key(2)
}
/// A key nobody listed.
fn stranger() -> PrivateKey {
    key(9)
}

/// A desk in a temporary folder: briefs, cache, state, an empty config,
/// and an authorized_keys file naming ana and ben.
struct Desk {
    root: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk {
            root: tempfile::tempdir().unwrap(),
        };
        let briefs = desk.briefs();
        std::fs::create_dir_all(&briefs).unwrap();
        std::fs::write(
            briefs.join("2026-03-04-ferry.md"),
            format!(
                "+++\ntitle = \"{FERRY}\"\ndate = 2026-03-04\ntopics = [\"transport\"]\nsource = \"Coastal Courier\"\n+++\n\nThe island ferry will run twice a day until April, the operator said.\n"
            ),
        )
        .unwrap();
        std::fs::write(
            briefs.join("2026-02-10-frost.md"),
            format!(
                "+++\ntitle = \"{FROST}\"\ndate = 2026-02-10\ntopics = [\"farming\"]\nsource = \"Valley Post\"\n+++\n\nGrowers reported damage to early blossom after two nights below freezing.\n"
            ),
        )
        .unwrap();
        std::fs::write(desk.root.path().join("config.toml"), "").unwrap();
        std::fs::create_dir_all(desk.state()).unwrap();
        let line = |k: &PrivateKey, name: &str| {
            format!(
                "brief-user={name} {} {name}@laptop\n",
                k.public_key().to_openssh().unwrap()
            )
        };
        std::fs::write(
            desk.authorized_keys(),
            format!("# the desk\n{}{}", line(&ana(), "ana"), line(&ben(), "ben")),
        )
        .unwrap();
        let out = desk.command().arg("index").output().unwrap();
        assert!(
            out.status.success(),
            "brief index: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        desk
    }

    fn briefs(&self) -> PathBuf {
        self.root.path().join("briefs")
    }

    /// A briefing written into the folder and indexed.
    fn add_brief(&self, name: &str, text: &str) {
        std::fs::write(self.briefs().join(name), text).unwrap();
        let out = self.command().arg("index").output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    fn state(&self) -> PathBuf {
        self.root.path().join("state")
    }
    fn authorized_keys(&self) -> PathBuf {
        self.root.path().join("authorized_keys")
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.arg("--briefs")
            .arg(self.briefs())
            .arg("--cache-dir")
            .arg(self.root.path().join("cache"))
            .arg("--state-dir")
            .arg(self.state())
            .arg("--config")
            .arg(self.root.path().join("config.toml"));
        cmd.env("HOME", self.root.path())
            .env_remove("XDG_CONFIG_HOME");
        cmd
    }

    /// A user's own state, as the server keeps it.
    fn user_state(&self, user: &str) -> StateDb {
        StateDb::open(&self.state().join("users").join(user)).unwrap()
    }

    /// `key` written as an OpenSSH private key file, mode 0600 (ssh
    /// refuses one others can read).
    fn key_file(&self, k: &PrivateKey, name: &str) -> PathBuf {
        let path = self.root.path().join(name);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .unwrap();
        use std::io::Write;
        f.write_all(k.to_openssh(LineEnding::LF).unwrap().as_bytes())
            .unwrap();
        path
    }
}

/// `brief serve` running on a free loopback port, its stderr (the log)
/// kept.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
    /// The line it printed first: where it listens, with which host key.
    first: String,
}

impl Server {
    fn start(desk: &Desk) -> Server {
        Server::start_with(desk, &[])
    }

    fn start_with(desk: &Desk, args: &[&str]) -> Server {
        let mut child = desk
            .command()
            .args(["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
            .arg(desk.authorized_keys())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(first)) = lines.next() {
                let _ = tx.send(first);
            }
            // Keep reading so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let first = match rx.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("no listening line; log:\n{}", log.lock().unwrap());
            }
        };
        let addr = first
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        assert!(first.contains("host key SHA256:"), "{first}");
        Server {
            child,
            addr,
            log,
            first,
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it holds `what`.
    async fn wait_log(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(what) {
                return log;
            }
            assert!(start.elapsed() < TIMEOUT, "`{what}` not in the log:\n{log}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn still_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The server's resident memory, in kB.
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client that trusts any host key: the tests check the server, not
/// known_hosts.
struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn client_config() -> Arc<client::Config> {
    Arc::new(client::Config {
        inactivity_timeout: Some(TIMEOUT),
        ..Default::default()
    })
}

async fn connect(addr: SocketAddr) -> Handle<Trusting> {
    client::connect(client_config(), addr, Trusting)
        .await
        .unwrap()
}

async fn offer(handle: &mut Handle<Trusting>, user: &str, k: &PrivateKey) -> AuthResult {
    handle
        .authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(k.clone()), None))
        .await
        .unwrap()
}

/// Connected and logged in with `k`.
async fn login(addr: SocketAddr, k: &PrivateKey) -> Handle<Trusting> {
    let mut handle = connect(addr).await;
    let result = offer(&mut handle, "whoever", k).await;
    assert!(result.success(), "login refused: {result:?}");
    handle
}

/// What came back on one session channel.
#[derive(Default)]
struct Received {
    bytes: Vec<u8>,
    failures: usize,
    successes: usize,
    exit: Option<u32>,
    closed: bool,
}

/// A reader session as the client sees it: a terminal of ROWS×COLS fed by
/// everything the channel brought.
struct Term {
    write: ChannelWriteHalf<client::Msg>,
    got: Arc<Mutex<Received>>,
    size: (u16, u16),
}

/// Keeps every message of a channel's read half.
fn keep(mut read: russh::ChannelReadHalf) -> Arc<Mutex<Received>> {
    let got = Arc::new(Mutex::new(Received::default()));
    let sink = Arc::clone(&got);
    tokio::spawn(async move {
        while let Some(msg) = read.wait().await {
            let mut g = sink.lock().unwrap();
            match msg {
                ChannelMsg::Data { data } => g.bytes.extend_from_slice(&data),
                ChannelMsg::Failure => g.failures += 1,
                ChannelMsg::Success => g.successes += 1,
                ChannelMsg::ExitStatus { exit_status } => g.exit = Some(exit_status),
                ChannelMsg::Close => {
                    g.closed = true;
                    break;
                }
                _ => {}
            }
        }
        sink.lock().unwrap().closed = true;
    });
    got
}

/// Opens the reader on a logged-in connection.
async fn open_reader(handle: &Handle<Trusting>) -> Term {
    open_reader_on(handle, "xterm-256color", (COLS, ROWS)).await
}

/// Opens the reader in a terminal of this TERM and size.
async fn open_reader_on(handle: &Handle<Trusting>, term: &str, (cols, rows): (u16, u16)) -> Term {
    let channel = handle.channel_open_session().await.unwrap();
    channel
        .request_pty(false, term, u32::from(cols), u32::from(rows), 0, 0, &[])
        .await
        .unwrap();
    channel.set_env(false, "LANG", "C.UTF-8").await.unwrap();
    channel.request_shell(false).await.unwrap();
    let (read, write) = channel.split();
    Term {
        write,
        got: keep(read),
        size: (cols, rows),
    }
}

impl Term {
    fn bytes(&self) -> Vec<u8> {
        self.got.lock().unwrap().bytes.clone()
    }

    fn screen(&self) -> String {
        pty::screen_of(&self.bytes(), self.size.1, self.size.0)
    }

    async fn press(&self, keys: &str) {
        self.write.data(keys.as_bytes()).await.unwrap();
        // The reader answers each key; give it a moment.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }

    /// The screen once it shows `what`.
    async fn wait_for(&self, what: &str) -> String {
        self.wait_until(what, |s| s.contains(what)).await
    }

    async fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "{what}: not on screen after {TIMEOUT:?}:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the server to close the channel; its exit status.
    async fn wait_closed(&self) -> Option<u32> {
        let start = Instant::now();
        loop {
            {
                let g = self.got.lock().unwrap();
                if g.closed {
                    return g.exit;
                }
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the channel was not closed:\n{}",
                self.screen()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The list row showing `title`.
fn row_of<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no row for {title}:\n{screen}"))
}

/// Waits until `f` holds, polling.
async fn eventually(what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < TIMEOUT, "{what}: not within {TIMEOUT:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listed_key_gets_the_reader_and_quitting_ends_the_session_with_a_log_line() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let handle = login(server.addr, &ana()).await;
    let term = open_reader(&handle).await;
    let screen = term.wait_for(FERRY).await;
    assert!(screen.contains(FROST), "{screen}");
    term.press("q").await;
    assert_eq!(term.wait_closed().await, Some(0));
    let log = server.wait_log("ended: quit").await;
    let line = log
        .lines()
        .find(|l| l.contains("ended: quit"))
        .unwrap_or_default();
    let fingerprint = ana()
        .public_key()
        .fingerprint(russh::keys::ssh_key::HashAlg::Sha256)
        .to_string();
    assert!(
        line.contains("user=ana") && line.contains(&format!("key={fingerprint}")),
        "{line}"
    );
    assert!(line.contains("from=127.0.0.1:"), "{line}");
    assert!(line.contains(" for="), "{line}");
    // One line for the connection, when it ends.
    drop(handle);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = server.log();
    let lines = log.lines().filter(|l| l.contains("user=")).count();
    assert_eq!(lines, 1, "{log}");
    // Never article text in the log.
    assert!(
        !log.contains(FERRY) && !log.contains("island ferry"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_and_passwords_are_refused_and_three_failures_close_the_connection() {
    let desk = Desk::new();
    let server = Server::start(&desk);

    let mut handle = connect(server.addr).await;
    let none = handle.authenticate_none("ana").await.unwrap();
    assert!(!none.success(), "`none` authentication was accepted");
    let password = handle
        .authenticate_password("ana", "hunter2")
        .await
        .unwrap();
    assert!(!password.success(), "a password was accepted");
    if let AuthResult::Failure {
        remaining_methods, ..
    } = &password
    {
        let methods: Vec<russh::MethodKind> = remaining_methods.iter().copied().collect();
        assert_eq!(methods, [russh::MethodKind::PublicKey], "{methods:?}");
    }
    let unknown = offer(&mut handle, "ana", &stranger()).await;
    assert!(!unknown.success(), "an unknown key was accepted");
    // The third failure ends the connection: the try is refused or the
    // connection is gone, and a listed key gets no further on it.
    let third = handle
        .authenticate_publickey(
            "ana",
            PrivateKeyWithHashAlg::new(Arc::new(stranger()), None),
        )
        .await;
    assert!(!matches!(third, Ok(AuthResult::Success)));
    let after = handle
        .authenticate_publickey("ana", PrivateKeyWithHashAlg::new(Arc::new(ana()), None))
        .await;
    assert!(
        !matches!(after, Ok(AuthResult::Success)),
        "the connection stayed open after three failures"
    );
    let log = server.wait_log("3 tries").await;
    assert!(log.contains("refused: unknown key, 3 tries"), "{log}");

    // keyboard-interactive is not offered either.
    let mut handle = connect(server.addr).await;
    let ki = handle
        .authenticate_keyboard_interactive_start("ana", None::<String>)
        .await
        .unwrap();
    assert!(
        matches!(ki, client::KeyboardInteractiveAuthResponse::Failure { .. }),
        "{ki:?}"
    );
    // And the listed key still gets in on a fresh connection.
    let handle = login(server.addr, &ana()).await;
    drop(handle);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystems_and_forwarding_either_way_are_refused() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let handle = login(server.addr, &ana()).await;

    let channel = handle.channel_open_session().await.unwrap();
    channel.exec(true, "cat /etc/passwd").await.unwrap();
    let (read, _write) = channel.split();
    let got = keep(read);
    eventually("exec answered and closed", || {
        let g = got.lock().unwrap();
        g.closed && g.failures > 0
    })
    .await;
    let said = String::from_utf8_lossy(&got.lock().unwrap().bytes).into_owned();
    assert!(said.contains("runs the reader only"), "{said:?}");
    assert!(!said.contains("root:"), "a command ran: {said:?}");

    let channel = handle.channel_open_session().await.unwrap();
    channel.request_subsystem(true, "sftp").await.unwrap();
    let (read, _write) = channel.split();
    let got = keep(read);
    eventually("sftp refused", || got.lock().unwrap().failures > 0).await;

    // Local forwarding: the server must not connect anywhere for us.
    let target = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    target.set_nonblocking(true).unwrap();
    let port = u32::from(target.local_addr().unwrap().port());
    let direct = handle
        .channel_open_direct_tcpip("127.0.0.1", port, "127.0.0.1", 40000)
        .await;
    assert!(direct.is_err(), "direct-tcpip channel opened");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        target.accept().is_err(),
        "the server connected to the forwarding target"
    );
    // Remote forwarding: no port opened on the server.
    let remote = handle.tcpip_forward("127.0.0.1", 0).await;
    assert!(remote.is_err(), "tcpip-forward granted: {remote:?}");

    // The connection still works for what it is for.
    let term = open_reader(&handle).await;
    term.wait_for(FERRY).await;
    term.press("q").await;
    term.wait_closed().await;
    handle
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .unwrap();
    // The connection's one log line says what was refused first.
    let log = server.wait_log("user=ana").await;
    assert!(log.contains("ended: refused: exec"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_user_has_their_own_marks_and_desk_tags_are_shared() {
    let desk = Desk::new();
    let server = Server::start(&desk);

    let a = login(server.addr, &ana()).await;
    let ana_term = open_reader(&a).await;
    ana_term.wait_for(FERRY).await;
    // The first row is the newest: the ferry. Bookmark it and give it a
    // desk tag.
    ana_term.press("b").await;
    eventually("ana's bookmark saved", || {
        !desk.user_state("ana").bookmarked_ids().unwrap().is_empty()
    })
    .await;
    ana_term.press("t").await;
    ana_term.wait_for("tags (+add -remove)").await;
    ana_term.press("@x\r").await;
    ana_term
        .wait_until("@x on ana's ferry row", |s| {
            s.lines().any(|l| l.contains(FERRY) && l.contains("@x"))
        })
        .await;

    let b = login(server.addr, &ben()).await;
    let ben_term = open_reader(&b).await;
    // With who set it.
    let screen = ben_term
        .wait_until("@x(ana) on ben's ferry row", |s| {
            s.lines()
                .any(|l| l.contains(FERRY) && l.contains("#@x(ana)"))
        })
        .await;
    let ana_row = row_of(&ana_term.screen(), FERRY).to_string();
    let ben_row = row_of(&screen, FERRY).to_string();
    assert_ne!(
        ana_row, ben_row,
        "ben's row shows ana's bookmark:\n{ana_row}\n{ben_row}"
    );
    assert!(desk.user_state("ben").bookmarked_ids().unwrap().is_empty());
    // Ben's bookmarked view is empty; ana's holds the ferry.
    ben_term.press("B").await;
    ana_term.press("B").await;
    ana_term.wait_for(FERRY).await;
    let screen = ben_term
        .wait_until("ben's bookmarked view without the ferry", |s| {
            !s.contains(FERRY) && !s.contains(FROST)
        })
        .await;
    assert!(!screen.contains(FERRY), "{screen}");
    // The desk tag is in neither user's own state: it is the desk's, with
    // who set it.
    for user in ["ana", "ben"] {
        let own = desk.user_state(user).tag_counts().unwrap();
        assert!(
            own.iter().all(|(t, _)| !t.starts_with('@')),
            "{user}: {own:?}"
        );
    }
    let shared = brief::state::Desk::open(&desk.state())
        .unwrap()
        .all()
        .unwrap();
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert_eq!(
        (shared[0].1.tag.as_str(), shared[0].1.set_by.as_str()),
        ("@x", "ana")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_sessions_at_once_each_get_a_frame() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let addr = server.addr;
    let mut all = tokio::task::JoinSet::new();
    for n in 0..20 {
        all.spawn(async move {
            let k = if n % 2 == 0 { ana() } else { ben() };
            let handle = login(addr, &k).await;
            let term = open_reader(&handle).await;
            term.wait_for(FERRY).await;
            (handle, term)
        });
    }
    let mut open = Vec::new();
    while let Some(done) = all.join_next().await {
        open.push(done.unwrap());
    }
    assert_eq!(open.len(), 20);
    // All twenty are live at once: each still answers a key.
    let mut before = Vec::new();
    for (_, term) in &open {
        before.push(term.screen());
        term.write.data(&b"j"[..]).await.unwrap();
    }
    for ((_, term), before) in open.iter().zip(before) {
        term.wait_until("the cursor moved down", |s| s != before)
            .await;
    }
}

/// A connection whose socket the test can cut, as a network drop does.
async fn droppable(addr: SocketAddr) -> (Handle<Trusting>, std::net::TcpStream) {
    let std_stream = std::net::TcpStream::connect(addr).unwrap();
    let cut = std_stream.try_clone().unwrap();
    std_stream.set_nonblocking(true).unwrap();
    let stream = tokio::net::TcpStream::from_std(std_stream).unwrap();
    let handle = client::connect_stream(client_config(), stream, Trusting)
        .await
        .unwrap();
    (handle, cut)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_dropped_mid_prompt_keeps_its_committed_marks_and_the_server_keeps_serving() {
    let desk = Desk::new();
    let mut server = Server::start(&desk);
    let (mut handle, cut) = droppable(server.addr).await;
    assert!(offer(&mut handle, "ana", &ana()).await.success());
    let term = open_reader(&handle).await;
    term.wait_for(FERRY).await;
    term.press("b").await;
    eventually("the bookmark committed", || {
        !desk.user_state("ana").bookmarked_ids().unwrap().is_empty()
    })
    .await;
    term.press("t").await;
    term.wait_for("tags (+add -remove)").await;
    term.press("half-typed").await;
    cut.shutdown(std::net::Shutdown::Both).unwrap();
    drop(term);
    drop(handle);
    server.wait_log("user=ana").await;

    assert!(server.still_running(), "the server died with its client");
    let other = login(server.addr, &ana()).await;
    let again = open_reader(&other).await;
    again.wait_for(FERRY).await;
    let state = desk.user_state("ana");
    assert_eq!(state.bookmarked_ids().unwrap().len(), 1);
    let tags: Vec<String> = state
        .tag_counts()
        .unwrap()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(tags.is_empty(), "the dropped prompt was applied: {tags:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_tells_every_session_the_server_is_stopping_and_exits_0_within_2_s() {
    let desk = Desk::new();
    let mut server = Server::start(&desk);
    let a = login(server.addr, &ana()).await;
    let b = login(server.addr, &ben()).await;
    let terms = [open_reader(&a).await, open_reader(&b).await];
    for t in &terms {
        t.wait_for(FERRY).await;
    }
    terms[0].press("b").await;
    eventually("the bookmark committed", || {
        !desk.user_state("ana").bookmarked_ids().unwrap().is_empty()
    })
    .await;

    let pid = libc::pid_t::try_from(server.child.id()).unwrap();
    let sent = Instant::now();
    // SAFETY: a plain kill(2) of the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let took = sent.elapsed();
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert!(took < Duration::from_secs(2), "exit took {took:?}");
    for t in &terms {
        let said = String::from_utf8_lossy(&t.bytes()).into_owned();
        assert!(said.contains("the server is stopping"), "{}", t.screen());
    }
    assert_eq!(desk.user_state("ana").bookmarked_ids().unwrap().len(), 1);
    // A new connection is not accepted.
    assert!(
        tokio::net::TcpStream::connect(server.addr).await.is_err()
            || client::connect(client_config(), server.addr, Trusting)
                .await
                .is_err()
    );
}

/// OpenSSH's client, in a pty as a person runs it, logs in with a key
/// file, sees the list and quits.
#[test]
fn openssh_logs_in_with_a_key_sees_the_list_and_quits() {
    let Some(ssh) = find_in_path("ssh") else {
        println!("skipped: no `ssh` client on PATH (OpenSSH is not installed)");
        return;
    };
    let desk = Desk::new();
    let server = Server::start(&desk);
    let key = desk.key_file(&ana(), "ana_ed25519");
    let mut cmd = portable_pty::CommandBuilder::new(ssh);
    cmd.args([
        "-tt",
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-i",
    ]);
    cmd.arg(&key);
    cmd.args(["-p", &server.addr.port().to_string(), "ana@127.0.0.1"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", desk.root.path());
    let mut term = pty::Pty::spawn(ROWS, COLS, cmd);
    let screen = term.wait_for(FERRY);
    assert!(screen.contains(FROST), "{screen}");
    term.press(b"q", Duration::from_millis(100));
    let (code, _) = term.wait_exit();
    assert_eq!(code, 0, "ssh exit code:\n{}", term.screen());
    assert!(!term.on_alternate_screen(), "the terminal was not restored");
    let start = Instant::now();
    while !server.log().contains("ended: quit") {
        assert!(start.elapsed() < TIMEOUT, "no log line:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(server.log().contains("user=ana"), "{}", server.log());
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| is_executable(p))
    })
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_window_sizes_and_a_flood_of_input_leave_everyone_served() {
    let desk = Desk::new();
    let mut server = Server::start(&desk);
    let handle = login(server.addr, &ana()).await;
    let channel = handle.channel_open_session().await.unwrap();
    channel
        .request_pty(false, "xterm", 100_000, 100_000, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(false).await.unwrap();
    let (read, write) = channel.split();
    let got = keep(read);
    eventually("a frame for a huge window", || {
        String::from_utf8_lossy(&got.lock().unwrap().bytes).contains("Ferry")
    })
    .await;
    write.window_change(0, 0, 0, 0).await.unwrap();
    // A megabyte of keys at once: dropped past the backlog, not queued.
    write.data(&vec![b'j'; 1 << 20][..]).await.unwrap();

    let other = login(server.addr, &ben()).await;
    let term = open_reader(&other).await;
    term.wait_for(FERRY).await;
    let before = term.screen();
    term.press("j").await;
    term.wait_until("ben's key answered", |s| s != before).await;
    assert!(server.still_running());
    // The flooded session is still a session: once it has worked through
    // what it kept of the flood, a q (pressed again, as a person would,
    // since keys past the backlog are dropped) quits it.
    let start = Instant::now();
    while !got.lock().unwrap().closed {
        assert!(start.elapsed() < TIMEOUT, "the flooded session never quit");
        let _ = write.data(&b"q"[..]).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(got.lock().unwrap().exit, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_state_file_shuts_out_its_user_only_and_is_left_as_it_was() {
    let desk = Desk::new();
    let ana_dir = desk.state().join("users").join("ana");
    std::fs::create_dir_all(&ana_dir).unwrap();
    let garbage = b"this is not a database, whatever wrote it".repeat(200);
    std::fs::write(ana_dir.join("state.db"), &garbage).unwrap();
    let server = Server::start(&desk);

    let a = login(server.addr, &ana()).await;
    let ana_term = open_reader(&a).await;
    ana_term.wait_for("your marks cannot be opened").await;
    ana_term.wait_closed().await;

    let b = login(server.addr, &ben()).await;
    let ben_term = open_reader(&b).await;
    ben_term.wait_for(FERRY).await;
    ben_term.press("b").await;
    eventually("ben's bookmark saved", || {
        !desk.user_state("ben").bookmarked_ids().unwrap().is_empty()
    })
    .await;
    // Nothing was written over what ana had.
    assert_eq!(std::fs::read(ana_dir.join("state.db")).unwrap(), garbage);
}

/// A socket whose reading the test can stop, as a client that never reads
/// does: nothing more comes off the wire for russh (so no window
/// adjustment goes back), while what the client sends still goes out.
struct Deaf {
    inner: tokio::net::TcpStream,
    deaf: Arc<AtomicBool>,
}

impl tokio::io::AsyncRead for Deaf {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.deaf.load(Ordering::SeqCst) {
            // Never woken again: it reads nothing from now on.
            return Poll::Pending;
        }
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Deaf {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }
    fn poll_flush(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }
    fn poll_shutdown(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// A client logged in as `k` over a socket it can stop reading, with the
/// reader open in the largest window the server draws (every resize a big
/// frame); `window` is the SSH window it grants the server.
async fn deaf_reader(addr: SocketAddr, k: &PrivateKey, window: u32) -> (Term, Arc<AtomicBool>) {
    let deaf = Arc::new(AtomicBool::new(false));
    // A small receive buffer: the server's socket fills soon after.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(16 * 1024).unwrap();
    let stream = Deaf {
        inner: socket.connect(addr).await.unwrap(),
        deaf: Arc::clone(&deaf),
    };
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(TIMEOUT),
        window_size: window,
        ..Default::default()
    });
    let mut handle = client::connect_stream(config, stream, Trusting)
        .await
        .unwrap();
    assert!(offer(&mut handle, "whoever", k).await.success());
    let term = open_reader_on(&handle, "vt100", (400, 200)).await;
    term.wait_for(FERRY).await;
    // The connection lives as long as its channel is used.
    std::mem::forget(handle);
    (term, deaf)
}

/// Clients that stop reading while they keep asking for frames (window
/// changes, each a new screen, and keys): one whose SSH window runs out
/// first (a small one), one whose socket fills first (it grants a window
/// of a gigabyte, so russh would send on and wait in the socket's write). Their output is held in bounded queues, each
/// session is closed with a log line saying why, and another session
/// served meanwhile answers its keys as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_read_nothing_are_closed_with_a_reason_and_others_are_served_meanwhile() {
    let desk = Desk::new();
    // No pacing: frames as fast as the reader makes them, as many as the
    // deaf clients ask for.
    std::fs::write(
        desk.root.path().join("config.toml"),
        "[ui]\nlink_kbit = 0\n",
    )
    .unwrap();
    // A list that fills the largest window: every resize repaints it all.
    for n in 0..250 {
        std::fs::write(
            desk.briefs().join(format!("2025-01-{:02}-filler-{n}.md", n % 28 + 1)),
            format!(
                "+++\ntitle = \"Filler briefing number {n} about the harbour, the ferries, the orchards and the winter timetable\"\ndate = 2025-01-{:02}\nsource = \"Valley Post\"\n+++\n\nText {n}.\n",
                n % 28 + 1
            ),
        )
        .unwrap();
    }
    desk.add_brief(
        "2025-02-01-last.md",
        "+++\ntitle = \"Last filler\"\ndate = 2025-02-01\n+++\n\nEnd.\n",
    );
    let mut server = Server::start(&desk);
    let mut deaf = Vec::new();
    for window in [64 * 1024, 1 << 30] {
        deaf.push(deaf_reader(server.addr, &ana(), window).await);
    }
    let b = login(server.addr, &ben()).await;
    let ben_term = open_reader(&b).await;
    ben_term.wait_for(FERRY).await;

    let rss_before = server.rss_kb();
    let stop = Arc::new(AtomicBool::new(false));
    let mut asking = Vec::new();
    for (term, deaf) in deaf {
        deaf.store(true, Ordering::SeqCst);
        let stop = Arc::clone(&stop);
        asking.push(tokio::spawn(async move {
            let mut asked = 0u32;
            while !stop.load(Ordering::SeqCst) {
                asked += 1;
                let (c, r) = if asked.is_multiple_of(2) {
                    (400, 200)
                } else {
                    (300, 150)
                };
                let wait = Duration::from_secs(1);
                let _ = tokio::time::timeout(wait, term.write.window_change(c, r, 0, 0)).await;
                let _ = tokio::time::timeout(wait, term.write.data(&b"j"[..])).await;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            asked
        }));
    }

    // Ben keeps reading meanwhile: each of his keys answered.
    let start = Instant::now();
    let (mut slowest, mut answered, mut rss_peak) = (Duration::ZERO, 0, rss_before);
    let closed = |log: &str| log.lines().filter(|l| l.contains("user=ana")).count();
    while closed(&server.log()) < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "the stalled sessions were not closed:\n{}",
            server.log()
        );
        let before = ben_term.screen();
        let sent = Instant::now();
        let key = if answered % 2 == 0 {
            &b"j"[..]
        } else {
            &b"k"[..]
        };
        ben_term.write.data(key).await.unwrap();
        ben_term
            .wait_until("ben's key answered", |s| s != before)
            .await;
        slowest = slowest.max(sent.elapsed());
        answered += 1;
        rss_peak = rss_peak.max(server.rss_kb());
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let took = start.elapsed();
    stop.store(true, Ordering::SeqCst);
    let mut asked = Vec::new();
    for a in asking {
        asked.push(a.await.unwrap());
    }
    let log = server.log();
    for line in log.lines().filter(|l| l.contains("user=ana")) {
        assert!(
            line.contains("ended: client not reading (nothing taken for 15 s)"),
            "{line}"
        );
    }
    eprintln!(
        "stalled sessions closed within {took:?}; window changes asked: {asked:?}; ben: {answered} keys, slowest {slowest:?}; server VmRSS {rss_before} kB -> peak {rss_peak} kB"
    );
    // It was the stall that closed them (15 s without progress), not sooner.
    assert!(took >= Duration::from_secs(14), "{took:?}");
    // Ben was served all along, never held up by the stalled sessions.
    assert!(answered >= 10, "{answered}");
    assert!(slowest < Duration::from_secs(5), "{slowest:?}");
    // Bounded: the frames asked for were not kept.
    assert!(
        rss_peak < rss_before + 64 * 1024,
        "{rss_before} kB -> {rss_peak} kB"
    );
    assert!(server.still_running());
    let before = ben_term.screen();
    ben_term.press("j").await;
    ben_term
        .wait_until("ben still served", |s| s != before)
        .await;
}

/// What the reader asks an xterm-like terminal at start: DECRQM for
/// left/right margins mode (69), then DA1.
const MARGINS_QUERY: &[u8] = b"\x1b[?69$p\x1b[c";
const HARBOUR: &str = "Harbour works reach the second basin";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// A desk whose newest briefing is long enough to scroll.
fn desk_with_a_long_brief() -> Desk {
    let desk = Desk::new();
    let mut text = format!(
        "+++\ntitle = \"{HARBOUR}\"\ndate = 2026-03-06\ntopics = [\"transport\"]\nsource = \"Coastal Courier\"\n+++\n\n"
    );
    for n in 1..=80 {
        text.push_str(&format!(
            "Paragraph {n}: the dredgers moved along the quay wall while the pilots waited for the tide.\n\n"
        ));
    }
    desk.add_brief("2026-03-06-harbour.md", &text);
    desk
}

impl Term {
    /// The moment the client has received `what`.
    async fn wait_bytes(&self, what: &[u8]) -> Instant {
        let start = Instant::now();
        while find(&self.bytes(), what).is_none() {
            assert!(
                start.elapsed() < TIMEOUT,
                "{:?} never received",
                String::from_utf8_lossy(what)
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        Instant::now()
    }

    /// Opens the newest briefing beside the list and scrolls it five
    /// lines; the bytes from the opened reader on.
    async fn scroll_five(&self) -> Vec<u8> {
        self.wait_for(HARBOUR).await;
        self.press("\r").await;
        self.wait_for("L 1/").await;
        let from = find(&self.bytes(), b"L 1/").unwrap();
        for _ in 0..5 {
            self.press("j").await;
        }
        let screen = self.wait_for("L 6/").await;
        let top = screen.lines().next().unwrap_or_default();
        assert!(
            top.starts_with("╭ Articles") && top.contains("Reader"),
            "not beside the list:\n{screen}"
        );
        self.bytes()[from..].to_vec()
    }
}

/// A served xterm-like terminal is asked, as the local one is, whether it
/// has left/right margins; one that says so gets the reader beside the
/// list scrolled between margins.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_served_terminal_with_margins_gets_the_reader_scrolled_between_them() {
    let desk = desk_with_a_long_brief();
    let server = Server::start(&desk);
    let h = login(server.addr, &ana()).await;
    let t = open_reader_on(&h, "xterm-256color", (160, 48)).await;
    t.wait_bytes(MARGINS_QUERY).await;
    // As xterm answers: mode 69 known (reset), then DA1.
    t.write
        .data(&b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22c"[..])
        .await
        .unwrap();
    let scrolled = t.scroll_five().await;
    let (set, reset) = (
        count(&scrolled, b"\x1b[?69h"),
        count(&scrolled, b"\x1b[?69l"),
    );
    assert!(
        set >= 1 && set == reset,
        "mode 69 around each scroll: {set} set, {reset} reset"
    );
    // The reply was no key: the reader shows the sixth line, as five j's make.
    assert!(t.screen().contains("L 6/"));
}

/// One that does not answer gets the list after the wait (300 ms), not a
/// stall, and the reader repainted; its answer coming late is no key; and
/// a terminal inside tmux or screen is not asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_served_terminal_that_does_not_answer_is_repainted_after_the_wait() {
    let desk = desk_with_a_long_brief();
    let server = Server::start(&desk);
    let h = login(server.addr, &ana()).await;
    let t = open_reader_on(&h, "xterm-256color", (160, 48)).await;
    let asked = t.wait_bytes(MARGINS_QUERY).await;
    t.wait_for(HARBOUR).await;
    let waited = asked.elapsed();
    eprintln!("asked, no answer: the list came {waited:?} after the question");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    let scrolled = t.scroll_five().await;
    assert_eq!(count(&scrolled, b"\x1b[?69h"), 0, "margins used unasked");
    // The answer, late: dropped, not typed (`?` would open the help, `c`
    // copy, the digits and `j`-less text move nothing).
    let before = t.screen();
    t.write
        .data(&b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22c"[..])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(t.screen(), before, "the late reply was read as keys");

    let b = login(server.addr, &ben()).await;
    let inside_tmux = open_reader_on(&b, "tmux-256color", (100, 24)).await;
    inside_tmux.wait_for(HARBOUR).await;
    assert!(find(&inside_tmux.bytes(), MARGINS_QUERY).is_none());
}

/// Agent and X11 forwarding and every environment variable but TERM,
/// LANG, NO_COLOR and COLORTERM are refused; the four are taken (NO_COLOR
/// gives frames without colour).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_and_x11_forwarding_and_other_environment_variables_are_refused() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let handle = login(server.addr, &ana()).await;
    let channel = handle.channel_open_session().await.unwrap();
    channel
        .request_pty(true, "xterm-256color", 100, 24, 0, 0, &[])
        .await
        .unwrap();
    channel.agent_forward(true).await.unwrap();
    channel
        .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "0123456789abcdef", 0)
        .await
        .unwrap();
    let refused = [
        ("LD_PRELOAD", "/tmp/evil.so"),
        ("PATH", "/tmp"),
        ("LC_ALL", "C"),
        ("HOME", "/etc"),
    ];
    for (name, value) in refused {
        channel.set_env(true, name, value).await.unwrap();
    }
    let taken = [
        ("TERM", "xterm-256color"),
        ("LANG", "C.UTF-8"),
        ("NO_COLOR", "1"),
        ("COLORTERM", "truecolor"),
    ];
    for (name, value) in taken {
        channel.set_env(true, name, value).await.unwrap();
    }
    channel.request_shell(true).await.unwrap();
    let (read, write) = channel.split();
    let t = Term {
        write,
        got: keep(read),
        size: (100, 24),
    };
    t.wait_for(FERRY).await;
    eventually("every request answered", || {
        let g = t.got.lock().unwrap();
        g.failures + g.successes >= 2 + refused.len() + taken.len() + 2
    })
    .await;
    {
        let g = t.got.lock().unwrap();
        // Refused: agent, X11 and the four variables; taken: the pty, the
        // four variables and the shell.
        assert_eq!(
            (g.failures, g.successes),
            (2 + refused.len(), 1 + taken.len() + 1)
        );
    }
    assert_eq!(
        coloured_cells(&t.bytes(), 24, 100),
        0,
        "NO_COLOR: colour sent"
    );
    // Without NO_COLOR the same reader is in colour: the check above can fail.
    let other = login(server.addr, &ben()).await;
    let coloured = open_reader(&other).await;
    coloured.wait_for(FERRY).await;
    assert!(
        coloured_cells(&coloured.bytes(), ROWS, COLS) > 0,
        "no colour at all"
    );
    // LANG: a UTF-8 locale gets the box drawing, a plain one ASCII only.
    assert!(coloured.screen().contains('╭'), "{}", coloured.screen());
    let plain = login(server.addr, &ben()).await;
    let channel = plain.channel_open_session().await.unwrap();
    channel
        .request_pty(false, "xterm", 100, 24, 0, 0, &[])
        .await
        .unwrap();
    channel.set_env(false, "LANG", "C").await.unwrap();
    channel.request_shell(false).await.unwrap();
    let (read, write) = channel.split();
    let ascii = Term {
        write,
        got: keep(read),
        size: (100, 24),
    };
    ascii.wait_for(FERRY).await;
    let bytes = ascii.bytes();
    assert!(bytes.is_ascii(), "{}", ascii.screen());
}

/// Cells of the screen these bytes draw with a colour of their own.
fn coloured_cells(bytes: &[u8], rows: u16, cols: u16) -> usize {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(rows), size(cols), 0);
    parser.process(bytes);
    let screen = parser.screen();
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter_map(|(r, c)| screen.cell(r, c))
        .filter(|cell| {
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
        .count()
}

/// After three failures from one address, each further failure waits
/// longer before its refusal (500 ms, then 1 s, …); a listed key from the
/// same address still gets in at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_from_one_address_are_slowed_down() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let mut first = connect(server.addr).await;
    for _ in 0..3 {
        let _ = first
            .authenticate_publickey(
                "ana",
                PrivateKeyWithHashAlg::new(Arc::new(stranger()), None),
            )
            .await;
    }
    for at_least in [500, 1000] {
        let mut again = connect(server.addr).await;
        let tried = Instant::now();
        let result = again
            .authenticate_publickey(
                "ana",
                PrivateKeyWithHashAlg::new(Arc::new(stranger()), None),
            )
            .await;
        let took = tried.elapsed();
        assert!(!matches!(result, Ok(AuthResult::Success)));
        assert!(
            took >= Duration::from_millis(at_least),
            "refused after {took:?}, not slowed to {at_least} ms"
        );
    }
    let handle = login(server.addr, &ana()).await;
    let term = open_reader(&handle).await;
    term.wait_for(FERRY).await;
}

/// `[serve] idle_timeout` in the config: a session without a key for that
/// long is told and closed, with the log saying so; one whose user keeps
/// pressing keys stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_after_the_idle_timeout_and_a_busy_one_stays() {
    let desk = Desk::new();
    std::fs::write(
        desk.root.path().join("config.toml"),
        "[serve]\nidle_timeout = \"3s\"\n",
    )
    .unwrap();
    let server = Server::start(&desk);
    let a = login(server.addr, &ana()).await;
    let idle = open_reader(&a).await;
    let opened = Instant::now();
    idle.wait_for(FERRY).await;
    let b = login(server.addr, &ben()).await;
    let busy = open_reader(&b).await;
    busy.wait_for(FERRY).await;
    let mut down = true;
    while !idle.got.lock().unwrap().closed {
        assert!(
            opened.elapsed() < TIMEOUT,
            "the idle session was never closed"
        );
        busy.press(if down { "j" } else { "k" }).await;
        down = !down;
        tokio::time::sleep(Duration::from_millis(350)).await;
    }
    let closed_after = opened.elapsed();
    assert!(closed_after >= Duration::from_secs(3), "{closed_after:?}");
    let said = String::from_utf8_lossy(&idle.bytes()).into_owned();
    assert!(
        said.contains("closed after 3s without a key"),
        "{}",
        idle.screen()
    );
    let log = server.wait_log("ended: idle for 3s").await;
    assert!(
        log.lines()
            .any(|l| l.contains("user=ana") && l.contains("ended: idle for 3s")),
        "{log}"
    );
    // Ben, pressing keys all along, is still served.
    assert!(!busy.got.lock().unwrap().closed);
    let before = busy.screen();
    busy.press(if down { "j" } else { "k" }).await;
    busy.wait_until("ben still served", |s| s != before).await;
    assert!(!log.lines().any(|l| l.contains("user=ben")), "{log}");
}

/// `brief serve --check` prints the host key's fingerprint, the same the
/// server then listens with, and the users.
#[test]
fn serve_check_prints_the_fingerprint_the_server_uses_and_the_users() {
    let desk = Desk::new();
    let check = || {
        let out = desk
            .command()
            .args(["serve", "--check", "--authorized-keys"])
            .arg(desk.authorized_keys())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let said = check();
    let fingerprint = said
        .split("host key ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no fingerprint in {said:?}"))
        .to_string();
    assert!(fingerprint.starts_with("SHA256:"), "{said}");
    let ana_key = ana()
        .public_key()
        .fingerprint(russh::keys::ssh_key::HashAlg::Sha256)
        .to_string();
    assert!(said.contains("2 user(s)"), "{said}");
    assert!(said.contains(&format!("ana {ana_key}")), "{said}");
    // Made once: a second check and the server show the same key.
    assert!(check().contains(&fingerprint));
    let server = Server::start(&desk);
    assert!(server.first.contains(&fingerprint), "{}", server.first);
}

/// The same user in two sessions sees their own change in both; a window
/// change resizes the frame; a briefing that arrives in the folder is
/// indexed once by the server and listed in every session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_user_in_two_sessions_sees_their_changes_in_both_and_new_briefings_reach_everyone() {
    let desk = Desk::new();
    let server = Server::start(&desk);
    let first = login(server.addr, &ana()).await;
    let one = open_reader(&first).await;
    let second = login(server.addr, &ana()).await;
    let two = open_reader(&second).await;
    let b = login(server.addr, &ben()).await;
    let ben_term = open_reader(&b).await;
    for t in [&one, &two, &ben_term] {
        t.wait_for(FERRY).await;
    }
    let unmarked = row_of(&two.screen(), FERRY).to_string();
    one.press("b").await;
    let marked = row_of(
        &one.wait_until("the bookmark in the first session", |s| {
            row_of(s, FERRY) != unmarked
        })
        .await,
        FERRY,
    )
    .to_string();
    two.wait_until("the bookmark in the second session", |s| {
        row_of(s, FERRY) == marked
    })
    .await;
    assert_eq!(
        row_of(&ben_term.screen(), FERRY),
        unmarked,
        "ben sees ana's bookmark"
    );

    // A narrower window: the frame is drawn for 60 columns.
    two.write
        .window_change(60, ROWS.into(), 0, 0)
        .await
        .unwrap();
    two.wait_until("a frame 60 columns wide", |s| {
        let top = s.lines().next().unwrap_or_default();
        let width = top.trim_end().chars().count();
        top.contains("Articles") && width <= 60 && width > 40
    })
    .await;

    std::fs::write(
        desk.briefs().join("2026-03-08-bridge.md"),
        "+++\ntitle = \"Bridge reopens after repairs\"\ndate = 2026-03-08\n+++\n\nThe bridge reopened on Sunday.\n",
    )
    .unwrap();
    for t in [&one, &two, &ben_term] {
        t.wait_for("Bridge reopens").await;
    }
    let log = server.log();
    assert!(log.contains("index:"), "{log}");
}

/// `--max-sessions 1`: a second reader is refused as a resource shortage
/// while the first runs, and gets in once it has quit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_max_sessions_a_new_session_is_refused_until_one_ends() {
    let desk = Desk::new();
    let server = Server::start_with(&desk, &["--max-sessions", "1"]);
    let a = login(server.addr, &ana()).await;
    let first = open_reader(&a).await;
    first.wait_for(FERRY).await;
    let b = login(server.addr, &ben()).await;
    let refused = b.channel_open_session().await;
    assert!(
        matches!(
            refused,
            Err(russh::Error::ChannelOpenFailure(
                russh::ChannelOpenFailure::ResourceShortage
            ))
        ),
        "{:?}",
        refused.map(|_| ())
    );
    b.disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .unwrap();
    server.wait_log("refused: too many sessions").await;
    first.press("q").await;
    first.wait_closed().await;
    a.disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .unwrap();
    let start = Instant::now();
    let again = login(server.addr, &ben()).await;
    loop {
        match again.channel_open_session().await {
            Ok(_) => break,
            Err(_) => {
                // The first session's place comes back as its connection ends.
                assert!(start.elapsed() < TIMEOUT, "no place after the first quit");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}
