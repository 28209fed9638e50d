//! Terminal setup and restore: raw mode, alternate screen, mouse capture and
//! bracketed paste and the bidi settings of the detected terminal family
//! ([`family`]), undone on every exit path; the clipboard ([`clipboard`]);
//! and the keyboard, mouse and paste input ([`input`]).
//!
//! Three ways out share one idempotent [`restore`]: the [`TermGuard`]'s `Drop`
//! (normal return and `?` errors), a panic hook installed by [`enter`] (runs
//! before the panic message is printed, so the message lands on the normal
//! screen), and the signal path in `ui::run` (SIGTERM/SIGHUP become an event
//! that ends the loop, so the guard drops as on a normal quit).

use std::io::{self, Write};
use std::sync::{Mutex, Once};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};

pub mod child;
pub mod clipboard;
pub mod family;
pub mod input;

pub use family::{Family, Passthrough, TermKind};

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

/// `Some` while the terminal is in our modes. A mutex, not a thread-local:
/// the panic hook may run on any thread.
static ACTIVE: Mutex<Option<TermOptions>> = Mutex::new(None);
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

/// Puts the terminal in full-screen mode. On error, whatever was already done
/// is undone before returning.
pub fn enter(opts: TermOptions) -> io::Result<TermGuard> {
    install_panic_hook();
    // Recorded first so that a failure halfway is still undone.
    set_active(Some(opts));
    let guard = TermGuard { _private: () };
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    if opts.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let settle = opts.kind.settle_time();
    if !settle.is_zero() {
        out.flush()?;
        std::thread::sleep(settle);
    }
    // Straight to the terminal: ratatui would drop escape bytes inside cells.
    // The mode switch ends with a clear, so it reaches every row drawn later.
    out.write_all(opts.kind.mode_bytes(opts.mode).as_bytes())?;
    out.flush()?;
    opts.kind.redraw_tmux_status();
    Ok(guard)
}

/// Leaves full-screen mode if we are in it; a no-op otherwise. Every step is
/// attempted even when an earlier one fails; the first error is returned.
pub fn restore() -> io::Result<()> {
    let Some(opts) = set_active(None) else {
        return Ok(());
    };
    let mut out = io::stdout();
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
    keep(out.write_all(opts.kind.restore_bytes().as_bytes()));
    keep(execute!(out, LeaveAlternateScreen, cursor::Show));
    keep(out.flush());
    keep(disable_raw_mode());
    result
}

/// True between [`enter`] and [`restore`].
pub fn is_active() -> bool {
    lock().is_some()
}

fn set_active(value: Option<TermOptions>) -> Option<TermOptions> {
    std::mem::replace(&mut *lock(), value)
}

fn lock() -> std::sync::MutexGuard<'static, Option<TermOptions>> {
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
