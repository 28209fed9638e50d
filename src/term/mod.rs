//! Terminal setup and restore: raw mode, alternate screen, mouse capture and
//! bracketed paste and the bidi settings of the detected terminal family
//! ([`family`]), undone on every exit path; the queries that name the
//! terminal ([`probe`]); the clipboard ([`clipboard`]); and the keyboard,
//! mouse and paste input ([`input`]).
//!
//! Start-up is three steps: [`begin`] puts the terminal in raw mode (so the
//! answers to the queries are neither echoed nor held for a line);
//! [`enter_probing`] switches to the alternate screen before the queries
//! are sent, so that whatever a terminal prints for a query it does not
//! know lands there, never in front of the shell's next output; then, once
//! the terminal is known, [`TermGuard::enter`] sets up the rest (mouse,
//! paste, the family's bidi mode) and clears the screen.
//!
//! The ways out share one idempotent [`restore`]: the [`TermGuard`]'s `Drop`
//! (normal return and `?` errors), a panic hook installed by [`begin`] (runs
//! before the panic message is printed, so the message lands on the normal
//! screen), and the signal path in `ui::run` (SIGTERM, SIGHUP and the other
//! ending signals become an event that ends the loop, so the guard drops as
//! on a normal quit). A suspend restores and later [`resume`]s; a terminal
//! that has gone away is [`abandon`]ed.

use std::io::{self, Write};
use std::sync::{Mutex, Once};
use std::time::Instant;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    DisableLineWrap, EnableLineWrap, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};
use crossterm::{cursor, execute};

pub mod child;
pub mod clipboard;
pub mod family;
pub mod fence;
pub mod input;
pub mod probe;

pub use family::{Detected, Family, Passthrough, Source, TermKind};

use crate::text::BidiMode;

/// What [`enter`] was asked to set up, hence what [`restore`] must undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOptions {
    pub mouse: bool,
    pub kind: TermKind,
    /// The bidi mode at start; a live switch changes the terminal through
    /// [`TermKind::mode_bytes`], and [`TermKind::restore_bytes`] undoes any mode.
    pub mode: BidiMode,
}

/// How far [`begin`], [`enter_probing`] and [`TermGuard::enter`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Raw,
    /// Raw mode, the alternate screen (entered at this instant), the cursor
    /// hidden: the terminal is being asked who it is.
    Probing(Instant),
    Screen(TermOptions),
}

/// `Some` while the terminal is in our modes. A mutex, not a thread-local:
/// the panic hook may run on any thread.
static ACTIVE: Mutex<Option<Stage>> = Mutex::new(None);
static PANIC_HOOK: Once = Once::new();

/// Restores the terminal when dropped.
#[derive(Debug)]
pub struct TermGuard {
    _private: (),
}

impl Drop for TermGuard {
    fn drop(&mut self) {
        // Nothing sensible to do with an error while unwinding or exiting.
        let _ = restore();
    }
}

/// Puts the terminal in raw mode, nothing else yet. On error, whatever was
/// already done is undone before returning.
pub fn begin() -> io::Result<TermGuard> {
    install_panic_hook();
    // Recorded first so that a failure halfway is still undone.
    set_active(Some(Stage::Raw));
    let guard = TermGuard { _private: () };
    enable_raw_mode()?;
    Ok(guard)
}

/// Switches to the alternate screen and hides the cursor, writing to `out`
/// (the terminal), before the start-up queries: a terminal that does not
/// know a query may print part of it (QTerminal and zutty print DECRQM's
/// final `p`), and there it is cleared by [`TermGuard::enter`] before the
/// first frame. After [`begin`]; a no-op at any other stage.
pub fn enter_probing(out: &mut impl Write) -> io::Result<()> {
    let mut active = lock();
    if *active != Some(Stage::Raw) {
        return Ok(());
    }
    *active = Some(Stage::Probing(Instant::now()));
    drop(active);
    crossterm::queue!(out, EnterAlternateScreen, cursor::Hide)?;
    out.flush()
}

/// Leaves what [`enter_probing`] entered, writing to `out`, when the
/// terminal was only asked and the program goes on on the main screen
/// (`nkru-tui terminal`). Raw mode stays until [`restore`].
pub fn leave_probing(out: &mut impl Write) -> io::Result<()> {
    let mut active = lock();
    if !matches!(*active, Some(Stage::Probing(_))) {
        return Ok(());
    }
    *active = Some(Stage::Raw);
    drop(active);
    crossterm::queue!(out, LeaveAlternateScreen, cursor::Show)?;
    out.flush()
}

impl TermGuard {
    /// Puts the terminal in full-screen mode (the alternate screen already
    /// there when [`enter_probing`] was called). On error, whatever was
    /// already done is undone before returning.
    pub fn enter(self, opts: TermOptions) -> io::Result<TermGuard> {
        let entered = match set_active(Some(Stage::Screen(opts))) {
            Some(Stage::Probing(at)) => Some(at),
            _ => None,
        };
        enable_raw_mode()?;
        enter_screen(opts, entered)?;
        Ok(self)
    }
}

/// Takes the full screen; `entered` is when the alternate screen was
/// entered, if it already was.
fn enter_screen(opts: TermOptions, entered: Option<Instant>) -> io::Result<()> {
    let mut out = io::stdout();
    if entered.is_none() {
        execute!(out, EnterAlternateScreen)?;
    }
    // Autowrap off: every cell is placed by a cursor move, and a row that
    // a terminal draws wider than the app laid it (its own shaping, a glyph
    // it takes as wide) is cut at the edge instead of wrapping into the
    // next row and scrolling the whole screen at the bottom one (mlterm).
    execute!(out, DisableLineWrap, cursor::Hide, EnableBracketedPaste)?;
    if opts.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // The time since the switch of screen counts: the wait for the answers
    // usually covers it.
    let since = entered.map_or(std::time::Duration::ZERO, |at| at.elapsed());
    let settle = opts.kind.settle_time().saturating_sub(since);
    if !settle.is_zero() {
        out.flush()?;
        std::thread::sleep(settle);
    }
    // Straight to the terminal: ratatui would drop escape bytes inside cells.
    // The mode switch comes before a clear, so it reaches every row drawn
    // later; the clear also erases whatever the terminal printed for a
    // query it did not know.
    out.write_all(opts.kind.mode_bytes(opts.mode).as_bytes())?;
    out.write_all(family::CLEAR.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Leaves full-screen mode if we are in it; a no-op otherwise. Every step is
/// attempted even when an earlier one fails; the first error is returned.
pub fn restore() -> io::Result<()> {
    let Some(stage) = set_active(None) else {
        return Ok(());
    };
    // Raw mode still on and the input reader still reading: answers still
    // on their way are swallowed instead of reaching the shell.
    probe::let_late_answers_come();
    let mut out = io::stdout();
    let opts = match stage {
        Stage::Raw => return disable_raw_mode(),
        Stage::Probing(_) => {
            let left = execute!(out, LeaveAlternateScreen, cursor::Show);
            let raw = disable_raw_mode();
            return left.and(raw);
        }
        Stage::Screen(opts) => opts,
    };
    let mut result = Ok(());
    let mut keep = |r: io::Result<()>| {
        if result.is_ok() {
            result = r;
        }
    };
    if opts.mouse {
        keep(execute!(out, DisableMouseCapture));
    }
    keep(execute!(out, DisableBracketedPaste));
    // A frame cut short (a panic inside a draw) must not leave the
    // terminal holding the screen back; ignored where unknown.
    keep(out.write_all(family::SYNC_END.as_bytes()));
    keep(out.write_all(opts.kind.restore_bytes().as_bytes()));
    keep(execute!(
        out,
        LeaveAlternateScreen,
        EnableLineWrap,
        cursor::Show
    ));
    keep(out.flush());
    keep(disable_raw_mode());
    result
}

/// Takes the terminal again after [`restore`] for a suspend (or after being stopped and
/// continued from outside): raw mode, the full screen, mouse, paste and
/// the bidi mode `opts.mode`, as [`TermGuard::enter`] does.
pub fn resume(opts: TermOptions) -> io::Result<()> {
    set_active(Some(Stage::Screen(opts)));
    enable_raw_mode()?;
    enter_screen(opts, None)
}

/// The terminal is gone (it hung up, or can be neither read nor written):
/// forget it without writing to it; nothing is left to restore.
pub fn abandon() {
    set_active(None);
    let _ = disable_raw_mode();
}

/// True between [`begin`] and [`restore`].
pub fn is_active() -> bool {
    lock().is_some()
}

fn set_active(value: Option<Stage>) -> Option<Stage> {
    std::mem::replace(&mut *lock(), value)
}

fn lock() -> std::sync::MutexGuard<'static, Option<Stage>> {
    // A poisoned lock still holds valid data (a Copy value): keep going.
    ACTIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Restore first, then let the previous hook print the panic on the normal screen.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_without_enter_is_a_no_op() {
        assert!(!is_active());
        assert!(restore().is_ok());
        assert!(!is_active());
    }
}
