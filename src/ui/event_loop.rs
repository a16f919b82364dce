//! The edge: terminal input, the refresh timer, signals and the worker all
//! feed one channel; the loop blocks on it (idle costs nothing), applies
//! every queued event, then draws once if anything changed. ratatui sends
//! only the cells that differ from the last frame.

use std::io::{BufWriter, Stdout};
use std::mem::ManuallyDrop;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self as term_event, Event as TermEvent};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::effect::{Effect, Reports};
use super::output::backend::{Speech, TermBackend};
use super::output::pacing::Pacer;
use super::output::{Screen, Scroll, margins};
use super::terminal::{self, Signalled, TerminalGuard, TerminalProbe};
use super::{App, BackgroundJob, Event, MarkJob, Workers, update, view};
use crate::config::Config;
use crate::library::Catalog;

/// The terminal the reader runs on, as the shared loop needs to know it:
/// the local one, or a client's over SSH. Its keys reach the loop as
/// events on the loop's channel and its frames go out through the screen;
/// this is the rest.
pub trait Console {
    /// Ctrl-Z: gives the terminal to a shell until it is continued.
    fn suspend(&mut self) -> Suspended;
    /// Why a link cannot be opened by a program started here, if it
    /// cannot (the reader runs on a server, the user is elsewhere).
    fn cannot_open(&self) -> Option<&'static str> {
        None
    }
    /// The loop took a key, mouse or paste event off its channel: a console
    /// that bounds its backlog of input counts it down.
    fn took_input(&self) {}
    /// The loop took a resize off its channel: the size to lay out for now
    /// (a console that sends one resize for many gives the latest).
    fn resized(&self, width: u16, height: u16) -> (u16, u16) {
        (width, height)
    }
    /// Whether the terminal has left/right margins ([`margins`]): asked
    /// once, with the terminal entered (raw, alternate screen) and before
    /// its input is read as keys; `out` is the terminal's output.
    fn margins(&mut self, _out: &mut dyn std::io::Write) -> bool {
        false
    }
}

/// What came of Ctrl-Z.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suspended {
    /// The shell had the terminal and gave it back: paint it anew.
    Resumed,
    /// There is nothing to suspend to; the message says why.
    Cannot(String),
    /// Suspending failed.
    Failed(String),
}

/// The process's own terminal.
struct LocalConsole;

impl Console for LocalConsole {
    fn suspend(&mut self) -> Suspended {
        if let Some(why) = terminal::cannot_suspend() {
            return Suspended::Cannot(why.to_string());
        }
        match terminal::suspend() {
            Ok(()) => Suspended::Resumed,
            Err(e) => Suspended::Failed(format!("not suspended: {e}")),
        }
    }

    fn margins(&mut self, _out: &mut dyn std::io::Write) -> bool {
        let var = |name: &str| std::env::var_os(name).is_some();
        let term = std::env::var("TERM").ok();
        margins::worth_asking(term.as_deref(), var("TMUX"), var("STY")) && margins::ask_local()
    }
}

pub fn run(
    mut app: App,
    cat: &dyn Catalog,
    config: &Config,
    workers: Workers,
    speech: Speech,
) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Event>();
    // The signal that ends the reader, if one does: the first one wins.
    let ended_by = Arc::new(AtomicI32::new(0));
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    let signal_handle = signals.handle();
    let signal_tx = tx.clone();
    let signal_seen = Arc::clone(&ended_by);
    thread::spawn(move || {
        for signal in signals.forever() {
            let _ = signal_seen.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
            if signal_tx.send(Event::Hangup).is_err() {
                break;
            }
        }
    });

    let guard = TerminalGuard::enter(config.ui.mouse)?;
    // Asked in raw mode and before the input thread reads anything, so
    // the replies are ours to read.
    let margins = LocalConsole.margins(&mut std::io::stdout());
    // One write per frame: the whole diff goes out in a single syscall.
    let backend = TermBackend::new(BufWriter::with_capacity(1 << 16, std::io::stdout()), speech)
        .with_margins(margins);
    // Never dropped: ratatui's Drop shows the cursor and, if the terminal
    // is gone, reports that with eprintln!, which panics when stderr is the
    // same closed terminal. The guard restores the cursor instead, quietly.
    let mut screen: ManuallyDrop<Screen<TermBackend<BufWriter<Stdout>>>> =
        ManuallyDrop::new(Screen::new(backend)?);
    let size = screen.size()?;
    app.size = Rect::new(0, 0, size.width, size.height);

    spawn_input(tx.clone(), Arc::clone(&ended_by));
    spawn_watchdog(tx.clone(), Arc::clone(&ended_by));
    let drawn = drive(
        app,
        cat,
        config,
        workers,
        &mut screen,
        (tx, rx),
        &mut LocalConsole,
    );
    if drawn.is_err() {
        hung_up(&ended_by);
    }
    signal_handle.close();
    drop(guard);
    match ended_by.load(Ordering::SeqCst) {
        0 => Ok(()),
        signal => Err(Signalled(signal).into()),
    }
}

/// The reader on a terminal that is not the process's own: a client's
/// over SSH. Its keys come as events on `events` (sent by whoever reads
/// the client; [`Event::Hangup`] ends the reader, its marks saved); its
/// frames are written to `out`, sized by `size`. Takes the terminal for
/// the reader and gives it back; `Err` when `out` failed (the client is
/// gone or stopped reading), after the reader saved what it had.
pub fn run_remote<W: std::io::Write>(
    mut app: App,
    cat: &dyn Catalog,
    config: &Config,
    workers: Workers,
    speech: Speech,
    remote: Remote<W>,
) -> std::io::Result<()> {
    let Remote {
        mut out,
        size,
        events,
        mut console,
    } = remote;
    let mouse = config.ui.mouse;
    terminal::enter_sequences(&mut out, mouse)?;
    let margins = console.margins(&mut out);
    let backend = TermBackend::new(out, speech)
        .sized_by(size.clone())
        .with_margins(margins);
    let mut screen = Screen::new(backend)?;
    let now = size.get();
    app.size = Rect::new(0, 0, now.width, now.height);
    let drawn = drive(
        app,
        cat,
        config,
        workers,
        &mut screen,
        events,
        console.as_mut(),
    );
    let left = terminal::leave_sequences(screen.backend_mut(), mouse);
    drawn.and(left)
}

/// A terminal the reader is handed: see [`run_remote`].
pub struct Remote<W> {
    pub out: W,
    pub size: super::output::backend::SharedSize,
    /// The loop's channel: its sender is cloned for the timer and workers.
    pub events: (Sender<Event>, mpsc::Receiver<Event>),
    pub console: Box<dyn Console + Send>,
}

/// The loop every reader runs, on whatever terminal: applies each event,
/// draws when something changed, until the user quits or the terminal
/// goes. `Err` when a frame could not be written (the terminal is gone):
/// the reader has then been told [`Event::Hangup`] and saved its state.
fn drive<W: std::io::Write>(
    mut app: App,
    cat: &dyn Catalog,
    config: &Config,
    workers: Workers,
    screen: &mut Screen<TermBackend<W>>,
    (tx, rx): (Sender<Event>, mpsc::Receiver<Event>),
    console: &mut dyn Console,
) -> std::io::Result<()> {
    let Workers { indexer, marks } = workers;
    app.bulk_worker = marks.is_some();
    spawn_timer(
        tx.clone(),
        Duration::from_millis(config.ui.refresh_ms.max(100)),
    );
    let mut jobs = Jobs::new(tx.clone(), indexer.as_ref().map(|i| i.job.clone()), marks);
    // Kept for as long as the loop runs: dropping it ends the watch.
    let _watcher = match indexer.as_ref().and_then(|i| i.watch.as_deref()) {
        Some(dir) => {
            let watch_tx = tx.clone();
            match super::watch::watch(dir, move || watch_tx.send(Event::FilesChanged).is_ok()) {
                Ok(w) => Some(w),
                Err(e) => {
                    app.complain(format!(
                        "not watching {} for new briefings: {e}",
                        crate::text::sanitize_line(&dir.display().to_string())
                    ));
                    None
                }
            }
        }
        None => None,
    };
    if jobs.request() {
        app.indexing = true;
    }
    drop(tx);

    update::start(&mut app, cat);
    app.relayout();
    let reports = Reports::default();
    let mut painter = Painter::new(config.ui.link_kbit);
    let mut drawn = painter.draw(screen, &app);
    // A frame owed but held back by the pacing: drawn when the link has
    // caught up, from the state as it is then.
    let mut owed = false;
    while !app.quit && drawn.is_ok() {
        let first = if owed {
            match rx.recv_timeout(painter.wait()) {
                Ok(event) => Some(event),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            // Every sender lives as long as its thread; if all are gone
            // there is nothing left to wait for.
            let Ok(event) = rx.recv() else { break };
            Some(event)
        };
        let mut dirty = owed;
        // Everything already sent is taken before any of it is applied,
        // so a key knows whether more input waits behind it (see
        // `App::input_waiting`).
        let mut queue: std::collections::VecDeque<Event> = first.into_iter().collect();
        // Key presses and pastes in the queue, kept as it changes (a flood
        // of keys must not be searched through for every key).
        let mut inputs = queue.iter().filter(|e| is_input(e)).count();
        while !app.quit {
            for event in rx.try_iter() {
                inputs += usize::from(is_input(&event));
                queue.push_back(event);
            }
            let Some(event) = queue.pop_front() else {
                break;
            };
            inputs -= usize::from(is_input(&event));
            app.input_waiting = inputs > 0;
            dirty |= take(&mut app, cat, &mut jobs, &*console, event);
        }
        app.input_waiting = false;
        if !app.quit && super::search::settle(&mut app, cat) {
            super::ops::fill_list(&mut app, cat);
            dirty = true;
        }
        if app.effects.contains(&Effect::Suspend) {
            app.effects.retain(|e| *e != Effect::Suspend);
            suspend(&mut app, cat, screen, &mut painter, console);
            dirty = true;
        }
        if let Some(why) = console.cannot_open()
            && app.effects.iter().any(|e| matches!(e, Effect::Open(_)))
        {
            app.effects.retain(|e| !matches!(e, Effect::Open(_)));
            app.complain(format!("not opened: {why}"));
            dirty = true;
        }
        dirty |= run_effects(&mut app, screen.backend_mut(), &reports);
        owed = false;
        if dirty && !app.quit {
            if painter.wait().is_zero() {
                drawn = painter.draw(screen, &app);
            } else {
                owed = true;
            }
        }
    }
    if app.bulk.is_some() {
        // A bulk change still running is saved before the reader leaves,
        // not cut off (its transaction would be rolled back).
        wait_for_bulk(&rx);
    }
    if drawn.is_err() {
        // The terminal cannot be written to: it is gone (an SSH drop).
        // Keep what the reader did and leave; there is no one to tell.
        update(&mut app, cat, Event::Hangup);
    }
    drawn
}

/// Draws frames: tells the screen when the reader scrolled since the last
/// frame (so the terminal scrolls it), and keeps the pacing's account of
/// the bytes each frame cost.
struct Painter {
    pacer: Pacer,
    /// The reader as the last frame showed it.
    shown: Option<ReaderShown>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ReaderShown {
    id: String,
    raw: bool,
    width: usize,
    area: Rect,
    /// No other pane shares its rows (the full-width reader, centred at
    /// its comfortable width on wider screens: the margins are blank on
    /// every row, so whole rows still scroll as they are).
    alone: bool,
    scroll: usize,
}

impl ReaderShown {
    fn of(app: &App) -> Option<ReaderShown> {
        let areas = app.areas();
        let area = areas.reader?;
        Some(ReaderShown {
            alone: areas.list.is_none() && areas.sidebar.is_none(),
            id: app.reader.id()?.to_string(),
            raw: app.reader.raw,
            width: app.reader.width,
            area,
            scroll: app.reader.scroll,
        })
    }

    /// The terminal scroll that turns `before` into `self`: the same text
    /// laid out the same way in the same place, only scrolled. A scroll
    /// region spans whole rows, so the reader must be as wide as the
    /// terminal, unless the terminal has left/right margins (`margins`),
    /// which scroll the pane's columns alone.
    fn scroll_from(&self, before: &ReaderShown, term_width: u16, margins: bool) -> Option<Scroll> {
        let same = self.id == before.id
            && self.raw == before.raw
            && self.width == before.width
            && self.area == before.area;
        let whole_rows = self.alone || (self.area.x == 0 && self.area.width == term_width);
        if !same || (!whole_rows && !margins) || self.area.height < 3 || self.area.width < 3 {
            return None;
        }
        let delta = i32::try_from(self.scroll as i64 - before.scroll as i64).ok()?;
        // The rows and columns inside the pane's frame.
        let rows = self.area.y + 1..self.area.y + self.area.height - 1;
        let cols = (!whole_rows).then(|| self.area.x + 1..self.area.x + self.area.width - 1);
        (delta != 0).then_some(Scroll { rows, cols, delta })
    }
}

impl Painter {
    fn new(link_kbit: u32) -> Painter {
        Painter {
            pacer: Pacer::new(link_kbit),
            shown: None,
        }
    }

    fn wait(&mut self) -> Duration {
        self.pacer.wait(Instant::now())
    }

    fn draw<W: std::io::Write>(
        &mut self,
        screen: &mut Screen<TermBackend<W>>,
        app: &App,
    ) -> std::io::Result<()> {
        let now = ReaderShown::of(app);
        let scroll = match (&now, &self.shown) {
            (Some(now), Some(before))
                if app.overlay.is_none()
                    && app.links.is_none()
                    && app.related.is_none()
                    && app.entity_page.is_none()
                    && app.entity_jump.is_none() =>
            {
                now.scroll_from(before, app.size.width, screen.backend().has_margins())
            }
            _ => None,
        };
        let before = screen.backend().written();
        screen.draw(scroll, |f| view(app, f))?;
        std::io::Write::flush(screen.backend_mut())?;
        self.pacer
            .wrote(screen.backend().written() - before, Instant::now());
        self.shown = now;
        Ok(())
    }
}

/// How long quitting waits for a bulk change to be saved.
const BULK_WAIT: Duration = Duration::from_secs(30);

fn wait_for_bulk(rx: &mpsc::Receiver<Event>) {
    let until = Instant::now() + BULK_WAIT;
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(Event::BulkDone(_)) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Ctrl-Z: the shell gets the terminal until `fg`; then every cell is
/// painted again, at the terminal's size then.
fn suspend<W: std::io::Write>(
    app: &mut App,
    cat: &dyn Catalog,
    screen: &mut Screen<TermBackend<W>>,
    painter: &mut Painter,
    console: &mut dyn Console,
) {
    // What the last frame left in the buffer goes out before the shell
    // takes over.
    let _ = std::io::Write::flush(screen.backend_mut());
    match console.suspend() {
        Suspended::Resumed => {}
        Suspended::Cannot(why) => return app.inform(why),
        // The terminal was given back and taken again, or not given at
        // all: either way it is painted anew.
        Suspended::Failed(why) => app.complain(why),
    }
    // The next frame scrolls nothing: it paints everything.
    painter.shown = None;
    let _ = screen.repaint_all();
    if let Ok(size) = screen.size() {
        update(app, cat, Event::Resize(size.width, size.height));
    }
}

/// The terminal went away: the same as the SIGHUP that usually comes with it.
fn hung_up(ended_by: &AtomicI32) {
    let _ = ended_by.compare_exchange(0, SIGHUP, Ordering::SeqCst, Ordering::SeqCst);
}

/// A key press or a paste: what can change a prompt's text.
fn is_input(event: &Event) -> bool {
    match event {
        Event::Key(k) => k.kind == ratatui::crossterm::event::KeyEventKind::Press,
        Event::Paste(_) => true,
        _ => false,
    }
}

/// Applies an event taken off the loop's channel, telling the console
/// when it took input.
fn take(
    app: &mut App,
    cat: &dyn Catalog,
    jobs: &mut Jobs,
    console: &dyn Console,
    event: Event,
) -> bool {
    let event = match event {
        Event::Key(_) | Event::Mouse(_) | Event::Paste(_) => {
            console.took_input();
            event
        }
        Event::Resize(w, h) => {
            let (w, h) = console.resized(w, h);
            Event::Resize(w, h)
        }
        other => other,
    };
    apply(app, cat, jobs, event)
}

fn apply(app: &mut App, cat: &dyn Catalog, jobs: &mut Jobs, event: Event) -> bool {
    match event {
        Event::Tick => app.today = chrono::Local::now().date_naive(),
        Event::FilesChanged if !jobs.request() => return false,
        Event::JobDone(_) => {
            let dirty = update(app, cat, event);
            // Files changed while it ran: go again, so nothing is missed.
            if jobs.finished() {
                app.indexing = true;
            }
            return dirty;
        }
        _ => {}
    }
    let dirty = update(app, cat, event);
    // A bulk change the update handed over goes to its worker now.
    if let Some(work) = app.bulk.as_mut().and_then(|r| r.work.take()) {
        jobs.mark(work);
    }
    dirty
}

/// The index update on its worker: at most one at a time, and one more
/// queued when files change while it runs.
struct Jobs {
    tx: Sender<Event>,
    job: Option<BackgroundJob>,
    marks: Option<MarkJob>,
    running: bool,
    again: bool,
}

impl Jobs {
    fn new(tx: Sender<Event>, job: Option<BackgroundJob>, marks: Option<MarkJob>) -> Jobs {
        Jobs {
            tx,
            job,
            marks,
            running: false,
            again: false,
        }
    }

    /// Runs a bulk change on a thread of its own; it reports back with
    /// [`Event::BulkDone`] (the update allows one at a time).
    fn mark(&self, work: super::marks::Work) {
        let tx = self.tx.clone();
        let Some(job) = self.marks.clone() else {
            let _ = tx.send(Event::BulkDone(Err("no worker for bulk changes".into())));
            return;
        };
        thread::spawn(move || {
            let _ = tx.send(Event::BulkDone(run_mark_job(&job, work)));
        });
    }

    /// Starts an update now, or after the running one. Whether one started.
    fn request(&mut self) -> bool {
        if self.running {
            self.again = true;
            return false;
        }
        let Some(job) = self.job.clone() else {
            return false;
        };
        self.running = true;
        let tx = self.tx.clone();
        thread::spawn(move || {
            let throttle = std::cell::RefCell::new(Throttle::new(PROGRESS_EVERY));
            let progress = |done: usize, total: usize| {
                let due = throttle.borrow_mut().due(Instant::now()) || done == total;
                if due {
                    let _ = tx.send(Event::IndexProgress(done, total));
                }
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&progress)))
                .unwrap_or_else(|panic| {
                    Err(anyhow::anyhow!(
                        "indexing stopped by an internal error: {}",
                        crate::panic_message(panic.as_ref())
                    ))
                })
                .map_err(|e| format!("{e:#}"));
            let _ = tx.send(Event::JobDone(result));
        });
        true
    }

    /// The running update ended; starts the queued one. Whether it did.
    fn finished(&mut self) -> bool {
        self.running = false;
        std::mem::take(&mut self.again) && self.request()
    }
}

/// Runs one bulk change; a panic in it is a failure reported like any other.
fn run_mark_job(job: &MarkJob, work: super::marks::Work) -> Result<super::marks::Finished, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(work)))
        .unwrap_or_else(|panic| {
            Err(anyhow::anyhow!(
                "the change stopped by an internal error: {}",
                crate::panic_message(panic.as_ref())
            ))
        })
        .map_err(|e| format!("{e:#}"))
}

/// Runs what the updates queued (open a link, copy one), after them and
/// before the next draw; a failure goes to the status line. Openers that
/// failed since are reported at the next wake-up (the
/// refresh timer wakes the loop).
fn run_effects(app: &mut App, terminal: &mut impl std::io::Write, reports: &Reports) -> bool {
    let effects = std::mem::take(&mut app.effects);
    let mut dirty = false;
    for effect in effects {
        if let Err(message) = super::effect::run(effect, terminal, reports) {
            app.complain(message);
            dirty = true;
        }
    }
    for message in reports.take() {
        app.complain(message);
        dirty = true;
    }
    dirty
}

/// Progress is passed on to the screen at most this often: a few redraws a
/// second, not one per file.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Lets through one event per period.
struct Throttle {
    every: Duration,
    last: Option<Instant>,
}

impl Throttle {
    fn new(every: Duration) -> Throttle {
        Throttle { every, last: None }
    }

    /// Whether an event at `now` should pass; the first always does.
    fn due(&mut self, now: Instant) -> bool {
        if self
            .last
            .is_some_and(|l| now.duration_since(l) < self.every)
        {
            return false;
        }
        self.last = Some(now);
        true
    }
}

/// Reads the terminal. A read error (the terminal is gone) ends the
/// program instead of spinning on it.
fn spawn_input(tx: Sender<Event>, ended_by: Arc<AtomicI32>) {
    thread::spawn(move || {
        loop {
            let event = match term_event::read() {
                Ok(TermEvent::Key(k)) => Event::Key(k),
                Ok(TermEvent::Mouse(m)) => Event::Mouse(m),
                Ok(TermEvent::Resize(w, h)) => Event::Resize(w, h),
                Ok(TermEvent::Paste(text)) => Event::Paste(text),
                Ok(_) => continue,
                Err(_) => {
                    hung_up(&ended_by);
                    let _ = tx.send(Event::Hangup);
                    break;
                }
            };
            if tx.send(event).is_err() {
                break;
            }
        }
    });
}

/// How often the watchdog looks for a vanished terminal.
const WATCHDOG_EVERY: Duration = Duration::from_millis(250);

/// Ends the reader within a fraction of a second of its terminal going
/// away, whether or not a SIGHUP comes with it (crossterm's reader never
/// reports it: it spins). Sleeping between looks, it costs nothing.
fn spawn_watchdog(tx: Sender<Event>, ended_by: Arc<AtomicI32>) {
    let probe = TerminalProbe::new();
    thread::spawn(move || {
        loop {
            thread::sleep(WATCHDOG_EVERY);
            if probe.is_gone() {
                hung_up(&ended_by);
                let _ = tx.send(Event::Hangup);
                break;
            }
        }
    });
}

/// Wakes the loop to look for changes by other sessions. Sleeping, not
/// polling: between ticks the process uses no CPU.
fn spawn_timer(tx: Sender<Event>, every: Duration) {
    thread::spawn(move || {
        loop {
            thread::sleep(every);
            if tx.send(Event::Tick).is_err() {
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_change_runs_on_its_worker_and_reports_back() {
        use crate::state::Mark;
        use crate::ui::marks::{Finished, Work};
        let (tx, rx) = mpsc::channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let go_rx = std::sync::Mutex::new(go_rx);
        let job: MarkJob = Arc::new(move |work| {
            // Held until the test lets it go: the caller must not wait.
            go_rx.lock().unwrap().recv().unwrap();
            match work {
                Work::Mark { ids, .. } if ids.len() == 2 => Ok(Finished::Undone),
                _ => panic!("the wrong work"),
            }
        });
        let jobs = Jobs::new(tx, None, Some(job));
        let work = |n: usize| Work::Mark {
            ids: (0..n).map(|i| i.to_string()).collect(),
            mark: Mark::Read(true),
            hashes: Vec::new(),
        };
        jobs.mark(work(2));
        assert!(rx.try_recv().is_err(), "returned before the work is done");
        go_tx.send(()).unwrap();
        let done = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(
            matches!(done, Event::BulkDone(Ok(Finished::Undone))),
            "{done:?}"
        );
        // A panic in the job is a failure reported, not a lost event.
        jobs.mark(work(3));
        go_tx.send(()).unwrap();
        let done = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(
            matches!(&done, Event::BulkDone(Err(e)) if e.contains("the wrong work")),
            "{done:?}"
        );
    }

    #[test]
    fn throttle_passes_one_event_per_period() {
        let mut t = Throttle::new(Duration::from_millis(250));
        let t0 = Instant::now();
        assert!(t.due(t0));
        assert!(!t.due(t0 + Duration::from_millis(100)));
        assert!(!t.due(t0 + Duration::from_millis(249)));
        assert!(t.due(t0 + Duration::from_millis(250)));
        assert!(!t.due(t0 + Duration::from_millis(400)));
        assert!(t.due(t0 + Duration::from_millis(600)));
    }

    fn shown(area: Rect, alone: bool, scroll: usize) -> ReaderShown {
        ReaderShown {
            id: "a".into(),
            raw: false,
            width: 60,
            area,
            alone,
            scroll,
        }
    }

    /// Beside the list the reader scrolls only between margins, and only
    /// where the terminal has them; alone on its rows it scrolls whole rows.
    #[test]
    fn a_reader_beside_the_list_scrolls_between_margins_only_where_there_are_some() {
        let beside = Rect::new(46, 0, 80, 46);
        let (before, after) = (shown(beside, false, 3), shown(beside, false, 4));
        assert_eq!(after.scroll_from(&before, 160, false), None);
        assert_eq!(
            after.scroll_from(&before, 160, true),
            Some(Scroll {
                rows: 1..45,
                cols: Some(47..125),
                delta: 1
            })
        );
        let whole = Rect::new(0, 0, 80, 23);
        let (before, after) = (shown(whole, true, 5), shown(whole, true, 3));
        for margins in [false, true] {
            assert_eq!(
                after.scroll_from(&before, 80, margins),
                Some(Scroll {
                    rows: 1..22,
                    cols: None,
                    delta: -2
                })
            );
        }
        // Another article, or the same place: nothing to scroll.
        let mut other = shown(beside, false, 4);
        other.id = "b".into();
        assert_eq!(other.scroll_from(&shown(beside, false, 3), 160, true), None);
        assert_eq!(
            shown(beside, false, 3).scroll_from(&shown(beside, false, 3), 160, true),
            None
        );
    }
}
