//! `brief serve` under load: many SSH sessions at once, each scrolling.
//!
//! `cargo build --release && cargo run --release --example serve_bench --
//! [--articles N] [--sessions 20,50] [--keys K]`
//!
//! Generates N briefings (2,000 by default) in a temporary folder, indexes
//! them, starts the built `brief serve` on a free loopback port and opens
//! sessions with in-process russh clients (a pty of 100x30 each). For each
//! session count it prints the server's memory (VmRSS from
//! /proc/PID/status, after every session has drawn its first screen) and
//! the memory per session beyond the first, then has every session scroll
//! at once (K keys each, j and k in turn, 30 ms apart, as a held key) and
//! prints the median and 95th percentile key-to-frame time: from sending a
//! key to the first bytes of the frame that answers it. Asserts nothing.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/measure.rs"]
mod measure;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use russh::client::{self, Handle};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelReadHalf, ChannelWriteHalf};

use measure::{ms, percentile};

const COLS: u32 = 100;
const ROWS: u32 = 30;
/// How long a session's output must be quiet to count as drawn.
const QUIET: Duration = Duration::from_millis(300);
const KEY_GAP: Duration = Duration::from_millis(30);
/// Longer than the reader's refresh tick (`[ui] refresh_ms`, 2 s).
const SETTLED: Duration = Duration::from_millis(2_500);

struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn key(n: usize) -> PrivateKey {
    let mut seed = [7u8; 32];
    seed[..8].copy_from_slice(&(n as u64).to_le_bytes());
    PrivateKey::from(Ed25519Keypair::from_seed(&seed))
}

struct Session {
    n: usize,
    _handle: Handle<Trusting>,
    read: ChannelReadHalf,
    write: ChannelWriteHalf<client::Msg>,
}

impl Session {
    async fn open(addr: SocketAddr, n: usize) -> Result<Session> {
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(Duration::from_secs(600)),
            ..Default::default()
        });
        let mut handle = client::connect(config, addr, Trusting).await?;
        let auth = handle
            .authenticate_publickey(
                format!("u{n}"),
                PrivateKeyWithHashAlg::new(Arc::new(key(n)), None),
            )
            .await?;
        if !auth.success() {
            bail!("session {n}: login refused");
        }
        let channel = handle.channel_open_session().await?;
        channel
            .request_pty(false, "xterm-256color", COLS, ROWS, 0, 0, &[])
            .await?;
        channel.set_env(false, "LANG", "C.UTF-8").await?;
        channel.request_shell(false).await?;
        let (read, write) = channel.split();
        let mut s = Session {
            n,
            _handle: handle,
            read,
            write,
        };
        s.first_frame().await?;
        Ok(s)
    }

    /// Answers the reader's margins question as xterm does (the server
    /// asks an xterm-like TERM and waits 300 ms for a terminal that does
    /// not answer), waits for the first screen, then for the output to go
    /// quiet.
    async fn first_frame(&mut self) -> Result<()> {
        const QUESTION: &[u8] = b"\x1b[?69$p\x1b[c";
        let asked = async {
            let mut seen = Vec::new();
            loop {
                match self.read.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        seen.extend_from_slice(&data);
                        if seen.windows(QUESTION.len()).any(|w| w == QUESTION) {
                            return Ok(());
                        }
                    }
                    Some(ChannelMsg::Close) | Some(ChannelMsg::Eof) | None => {
                        bail!("the session ended")
                    }
                    Some(_) => {}
                }
            }
        };
        if !matches!(
            tokio::time::timeout(Duration::from_secs(60), asked).await,
            Ok(Ok(()))
        ) {
            bail!("not asked for margins within 60 s");
        }
        self.write
            .data(&b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;22c"[..])
            .await?;
        let first = tokio::time::timeout(Duration::from_secs(60), self.next_data()).await;
        if !matches!(first, Ok(Ok(()))) {
            bail!("no first screen within 60 s");
        }
        self.drain().await
    }

    async fn next_data(&mut self) -> Result<()> {
        loop {
            match self.read.wait().await {
                Some(ChannelMsg::Data { .. }) => return Ok(()),
                Some(ChannelMsg::Close) | Some(ChannelMsg::Eof) | None => {
                    bail!("the session ended")
                }
                Some(_) => {}
            }
        }
    }

    /// Reads until nothing has come for [`QUIET`].
    async fn drain(&mut self) -> Result<()> {
        while let Ok(r) = tokio::time::timeout(QUIET, self.next_data()).await {
            r?;
        }
        Ok(())
    }

    /// Scrolls `keys` times; each key's time to its frame.
    async fn scroll(mut self, keys: usize) -> Result<(Session, Vec<Duration>)> {
        // A reader redraws once by itself after its first screen: the
        // whole count on its first idle tick (`Articles 1000+` becomes the
        // count). Taken for a key's frame, it would shift every later key
        // onto the frame before it, and a `k` sent while the server still
        // held the `j` before it would be applied with it (nothing to
        // draw), so the output is first let go quiet for longer than a tick.
        while let Ok(r) = tokio::time::timeout(SETTLED, self.next_data()).await {
            r?;
        }
        let mut took = Vec::with_capacity(keys);
        for i in 0..keys {
            let key: &[u8] = if i % 2 == 0 { b"j" } else { b"k" };
            let sent = Instant::now();
            self.write.data(key).await?;
            match tokio::time::timeout(Duration::from_secs(10), self.next_data()).await {
                Ok(r) => r?,
                Err(_) => bail!(
                    "session {}: no frame within 10 s of key {i} ({})",
                    self.n,
                    String::from_utf8_lossy(key)
                ),
            }
            took.push(sent.elapsed());
            // The rest of the frame, if it came in more than one packet.
            while let Ok(r) = tokio::time::timeout(Duration::from_millis(2), self.next_data()).await
            {
                r?;
            }
            tokio::time::sleep(KEY_GAP).await;
        }
        Ok((self, took))
    }
}

fn rss_kb(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmRSS in /proc/PID/status")
}

/// The `brief` binary built beside this example (target/PROFILE/brief).
fn brief_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("BRIEF_BIN") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("brief"))
        .context("no target folder")?;
    if !bin.exists() {
        bail!(
            "{} not found: build it first (cargo build --release), or set BRIEF_BIN",
            bin.display()
        );
    }
    Ok(bin)
}

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(bin: &Path, root: &Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("--briefs")
        .arg(root.join("briefs"))
        .arg("--cache-dir")
        .arg(root.join("cache"))
        .arg("--state-dir")
        .arg(root.join("state"))
        .arg("--config")
        .arg(root.join("config.toml"))
        .env("HOME", root);
    cmd
}

fn start(bin: &Path, root: &Path, users: usize) -> Result<Server> {
    let mut keys = String::new();
    for n in 0..users {
        keys.push_str(&format!(
            "brief-user=u{n} {} u{n}@bench\n",
            key(n).public_key().to_openssh()?
        ));
    }
    std::fs::write(root.join("authorized_keys"), keys)?;
    let mut child = command(bin, root)
        .args(["serve", "--listen", "127.0.0.1:0", "--idle-timeout", "0"])
        .args(["--max-sessions", &(users + 1).to_string()])
        .arg("--authorized-keys")
        .arg(root.join("authorized_keys"))
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(root.join("serve.log"))?)
        .spawn()?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().context("the server said nothing")??;
    std::thread::spawn(move || for _ in lines {});
    let addr = first
        .split("listening on ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|a| a.parse().ok())
        .with_context(|| format!("no address in {first:?}"))?;
    Ok(Server { child, addr })
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let articles: usize = arg(&args, "--articles").unwrap_or(2000);
    let keys: usize = arg(&args, "--keys").unwrap_or(40);
    let counts: Vec<usize> = arg::<String>(&args, "--sessions")
        .unwrap_or_else(|| "20,50".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    let bin = brief_binary()?;
    let tmp = tempfile::tempdir()?;
    let root = tmp.path();
    std::fs::write(root.join("config.toml"), "")?;
    corpus::write(&root.join("briefs"), articles, 7)?;
    let started = Instant::now();
    let out = command(&bin, root).arg("index").output()?;
    if !out.status.success() {
        bail!("brief index: {}", String::from_utf8_lossy(&out.stderr));
    }
    println!(
        "{articles} articles indexed in {:.1} s; {} keys per session, {} ms apart, {COLS}x{ROWS}",
        started.elapsed().as_secs_f64(),
        keys,
        KEY_GAP.as_millis()
    );
    let server = start(&bin, root, most)?;
    let result = measure(&server, counts, keys).await;
    if result.is_err() {
        let log = std::fs::read_to_string(root.join("serve.log")).unwrap_or_default();
        eprintln!("the server's log:\n{log}");
        if let Ok(out) = command(&bin, root)
            .args(["serve", "--check", "--authorized-keys"])
            .arg(root.join("authorized_keys"))
            .output()
        {
            eprintln!("{}", String::from_utf8_lossy(&out.stdout));
        }
    }
    result
}

async fn measure(server: &Server, counts: Vec<usize>, keys: usize) -> Result<()> {
    let pid = server.child.id();
    let idle = rss_kb(pid)?;
    let mut sessions = vec![Session::open(server.addr, 0).await?];
    let one = rss_kb(pid)?;
    println!(
        "server VmRSS: {:.1} MB idle, {:.1} MB with 1 session",
        idle as f64 / 1024.0,
        one as f64 / 1024.0
    );
    for &count in &counts {
        while sessions.len() < count {
            let n = sessions.len();
            sessions.push(Session::open(server.addr, n).await?);
        }
        // Let the last screens settle before reading the memory.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let rss = rss_kb(pid)?;
        let per = (rss.saturating_sub(one)) as f64 / 1024.0 / (count.max(2) - 1) as f64;
        println!(
            "{count} sessions: server VmRSS {:.1} MB, {per:.2} MB per session beyond the first",
            rss as f64 / 1024.0
        );
        let mut running = tokio::task::JoinSet::new();
        for s in sessions.drain(..) {
            running.spawn(s.scroll(keys));
        }
        let mut all = Vec::new();
        while let Some(done) = running.join_next().await {
            let (s, took) = done??;
            sessions.push(s);
            all.extend(took);
        }
        all.sort();
        println!(
            "{count} sessions scrolling at once: key-to-frame median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} keys); server VmRSS after {:.1} MB",
            ms(percentile(&all, 50.0)),
            ms(percentile(&all, 95.0)),
            ms(*all.last().unwrap_or(&Duration::ZERO)),
            all.len(),
            rss_kb(pid)? as f64 / 1024.0
        );
    }
    Ok(())
}
