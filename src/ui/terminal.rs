//! Taking the terminal and always giving it back: a guard that restores on
//! drop (quit, error, early return), and a panic hook that restores before
//! the message is printed. SIGHUP/SIGTERM reach the event loop as an event,
//! so those too leave through the guard, and the program then exits with
//! 128 + the signal, as a shell expects of a program a signal ended.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};
use std::thread::ThreadId;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
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
        let guard = TerminalGuard(());
        take(mouse)?;
        Ok(guard)
    }
}

/// Raw mode, the alternate screen, no cursor, bracketed paste (and the
/// mouse if asked for): the terminal as the reader uses it.
fn take(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    enter_sequences(&mut io::stdout(), mouse)
}

/// What takes a terminal for the reader, written to any terminal: the
/// local one, or a client's over SSH (whose raw mode is the client's own).
pub fn enter_sequences(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    // Pasted text arrives whole, so a pasted query is one edit and
    // its newlines never act as Enter.
    execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// What gives a terminal back as it was: the mouse, any scroll region the
/// reader set (DECSTBM), bracketed paste, the main screen and the cursor.
pub fn leave_sequences(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    if mouse {
        execute!(out, DisableMouseCapture)?;
    }
    out.write_all(b"\x1b[r")?;
    execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show)?;
    out.flush()
}

/// Why the reader cannot be suspended here, if it cannot.
///
/// A stopped program needs a shell with job control to continue it. A
/// session leader has none above it: `ssh -t host brief` runs the reader
/// as the session's first process, and stopping it there would freeze the
/// connection with nothing to type `fg` into.
pub fn cannot_suspend() -> Option<&'static str> {
    // SAFETY: getsid and getpid take no pointers and cannot fail for 0.
    let leader = unsafe { libc::getsid(0) == libc::getpid() };
    leader.then_some("not suspended: no shell to return to (started without job control)")
}

/// Ctrl-Z: gives the terminal back as on quit, stops the process as a
/// shell's Ctrl-Z would, and when the shell continues it (`fg`, or
/// SIGCONT), takes the terminal again. The caller repaints the whole
/// screen: the shell has written over it.
pub fn suspend() -> io::Result<()> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    restore();
    // In raw mode the terminal sends no SIGTSTP of its own; this stops the
    // process as SIGTSTP's default action does (signal-hook raises
    // SIGSTOP, which also works in an orphaned process group), and returns
    // once the process is continued.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    take(mouse)
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
    let _ = leave_sequences(&mut io::stdout(), MOUSE.load(Ordering::SeqCst));
    let _ = disable_raw_mode();
}

/// The reader was ended by a signal (or its terminal went away, which is
/// reported as the hangup it is). Carried out of the reader as an error so
/// that every guard and database handle is dropped on the way; the command
/// line turns it into exit code 128 + signal without a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("ended by signal {0}")]
pub struct Signalled(pub i32);

impl Signalled {
    pub fn exit_code(self) -> u8 {
        u8::try_from(128 + self.0.clamp(0, 127)).unwrap_or(u8::MAX)
    }
}

/// Notices a terminal that is gone. crossterm's reader spins on a hung-up
/// terminal instead of reporting it (its read loop retries on EOF and EIO),
/// so the event loop asks this instead: once the pty is hung up (an SSH
/// drop, a closed terminal window), every write to it fails with EIO, even
/// a write of no bytes, which disturbs nothing while it is still there.
pub struct TerminalProbe(Option<File>);

impl TerminalProbe {
    pub fn new() -> Self {
        Self(
            io::stdout()
                .as_fd()
                .try_clone_to_owned()
                .ok()
                .map(File::from),
        )
    }

    pub fn is_gone(&self) -> bool {
        match &self.0 {
            Some(file) => match (&*file).write(&[]) {
                Ok(_) => false,
                Err(e) => e.kind() != io::ErrorKind::Interrupted,
            },
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        assert_eq!(Signalled(1).exit_code(), 129);
        assert_eq!(Signalled(2).exit_code(), 130);
        assert_eq!(Signalled(15).exit_code(), 143);
    }

    #[test]
    fn a_hung_up_terminal_is_gone_a_live_one_is_not() {
        use portable_pty::{PtySize, native_pty_system};
        let pair = native_pty_system().openpty(PtySize::default()).unwrap();
        let name = pair.master.tty_name().expect("the pty has a name");
        let slave = File::options().read(true).write(true).open(name).unwrap();
        let probe = TerminalProbe(Some(slave));
        assert!(!probe.is_gone());
        // Closing the master hangs the terminal up, as an SSH drop does.
        drop(pair);
        assert!(probe.is_gone());
    }
}
