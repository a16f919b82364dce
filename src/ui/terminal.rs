//! Taking the terminal and always giving it back: a guard that restores on
//! drop (quit, error, early return), and a panic hook that restores before
//! the message is printed. SIGHUP/SIGTERM reach the event loop as an event,
//! so those too leave through the guard.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};
use std::thread::ThreadId;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

fn on_ui_thread() -> bool {
    UI_THREAD.get() == Some(&std::thread::current().id())
}

pub struct TerminalGuard(());

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // A worker's panic is caught and reported on the status line
                // (a file the index could not read); printing it, or giving
                // the terminal back, would wreck the screen the reader is
                // still using.
                if ACTIVE.load(Ordering::SeqCst) && !on_ui_thread() {
                    return;
                }
                restore();
                previous(info);
            }));
        });
        let _ = UI_THREAD.set(std::thread::current().id());
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let guard = TerminalGuard(());
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, Hide)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor; runs at
/// most once however many paths call it.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}
