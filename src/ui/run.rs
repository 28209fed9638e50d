//! The event loop. Input and signals arrive on one channel, from the
//! terminal reader ([`crate::term::input`]), a signal thread and the index
//! thread ([`spawn_index`]), so the loop blocks in `recv` (no polling: zero
//! CPU when idle) and redraws only after input, a resize or a signal; and,
//! while the finder waits for the index, every [`INDEX_TICK`] to show
//! the build's progress.

use std::io::{Stdout, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;

use std::sync::Arc;

use super::UiError;
use super::action::Action;
use super::app::{App, Effect, Msg};
use super::backend::InkBackend;
use super::ink::{Ink, Policy};
use super::view::{self, Painter};
use crate::data::Dataset;
use crate::search::{Index, IndexBuilder};
use crate::term::input::Incoming;
use crate::term::probe::Reply;
use crate::term::{Detected, TermKind};

/// How long the status bar names the bidi mode after a live switch (and
/// how to switch back): long enough to read it twice.
const MODE_MESSAGE_TIME: Duration = Duration::from_secs(10);

/// How often the open finder is redrawn while it waits for the index.
pub const INDEX_TICK: Duration = Duration::from_millis(150);

/// What wakes the loop.
#[derive(Debug)]
pub enum Input {
    Term(Event),
    /// An answer of the terminal's to the start-up queries.
    Reply(Reply),
    /// SIGTERM, SIGHUP, SIGINT…, leave as on `q`; SIGTSTP: suspend;
    /// SIGCONT: take the terminal again.
    Signal(i32),
    /// The terminal cannot be read any more (e.g. it went away).
    Failed(String),
    /// A copy through the clipboard programs has ended (see [`copy`]).
    Copied(crate::term::clipboard::Copied),
    /// The index built by [`spawn_index`] is ready.
    Indexed(Arc<Index>),
}

/// Where a copy's thread reports back: the loop's own channel.
static REPORTS: std::sync::OnceLock<Sender<Input>> = std::sync::OnceLock::new();

/// Starts the input and signal threads. They live until the process exits;
/// when the loop has ended nobody reads their messages, which is harmless.
pub fn spawn_inputs() -> Result<Receiver<Input>, UiError> {
    let (tx, rx) = mpsc::channel();
    let _ = REPORTS.set(tx.clone());
    spawn_signals(tx.clone())?;
    let fail = tx.clone();
    crate::term::input::spawn(
        move |read| {
            let input = match read {
                Incoming::Event(ev) => Input::Term(ev),
                Incoming::Reply(reply) => Input::Reply(reply),
            };
            tx.send(input).is_ok()
        },
        move |message| {
            let _ = fail.send(Input::Failed(message));
        },
    )
    .map_err(UiError::ReadTerminal)?;
    Ok(rx)
}

/// Builds the index on a thread of its own, which sends it to the loop's
/// channel ([`Input::Indexed`]) when it is done. The thread is detached: the
/// program ends without waiting for it. Before [`spawn_inputs`] there is no
/// channel, and the index would never arrive: an error.
pub fn spawn_index(builder: IndexBuilder, data: Arc<Dataset>) -> Result<(), UiError> {
    let tx = REPORTS.get().cloned().ok_or(UiError::InputEnded)?;
    std::thread::Builder::new()
        .name("nkru-index".into())
        .spawn(move || {
            let index = builder.build_shared(data);
            // The loop may have ended meanwhile: nobody to tell.
            let _ = tx.send(Input::Indexed(Arc::new(index)));
        })
        .map_err(UiError::IndexThread)?;
    Ok(())
}

/// The signals that end the program as `q` does (the place saved, the
/// terminal restored), then with the signal's own exit status.
const ENDING: [i32; 7] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
];

/// SIGWINCH becomes a resize event; SIGTSTP and SIGCONT suspend and resume;
/// the others ([`ENDING`]) end the loop.
fn spawn_signals(tx: Sender<Input>) -> Result<(), UiError> {
    use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
    let watched = ENDING.iter().copied().chain([SIGWINCH, SIGTSTP, SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(watched).map_err(UiError::Signals)?;
    std::thread::Builder::new()
        .name("nkru-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let input = if signal == SIGWINCH {
                    match crossterm::terminal::size() {
                        Ok((width, height)) => Input::Term(Event::Resize(width, height)),
                        Err(_) => continue,
                    }
                } else {
                    Input::Signal(signal)
                };
                if tx.send(input).is_err() {
                    return;
                }
            }
        })
        .map_err(UiError::SignalThread)?;
    Ok(())
}

/// The action a terminal event asks for, if any (keys go through `App::key`).
pub fn mouse_action(ev: &MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        _ => None,
    }
}

/// Applies one terminal event to the app.
pub fn apply(app: &mut App, ev: Event) {
    // Debug builds only: lets the pseudo-terminal tests check that a panic
    // still restores the terminal. Release builds have no such switch.
    #[cfg(debug_assertions)]
    if matches!(ev, Event::Key(_)) && std::env::var_os("NKRU_TUI_TEST_PANIC").is_some() {
        panic!("forced panic (NKRU_TUI_TEST_PANIC)");
    }
    match ev {
        Event::Key(key) => app.update(&key),
        Event::Mouse(m) if app.opts().mouse => {
            if let Some(action) = mouse_action(&m) {
                app.update(action);
            }
        }
        Event::Resize(width, height) => {
            let area = view::capped(width, height);
            app.update(Action::Resize {
                width: area.width,
                height: area.height,
            });
        }
        Event::Paste(text) => app.update(Msg::Paste(text)),
        _ => {}
    }
}

/// Gathers the terminal's answers to the queries sent at `start`
/// ([`crate::term::probe::gather`]). Whatever else comes meanwhile (keys
/// typed during the wait, a signal) is given back in order, for the loop.
pub fn gather_answers(
    rx: &Receiver<Input>,
    start: Instant,
) -> (crate::term::probe::Answers, Vec<Input>) {
    let mut early = Vec::new();
    let answers = crate::term::probe::gather(start, |deadline| {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(Input::Reply(reply)) => return Some(reply),
                Ok(other) => {
                    // A signal or a dead terminal ends the wait: nothing is
                    // worth waiting for then.
                    let stop = !matches!(other, Input::Term(_));
                    early.push(other);
                    if stop {
                        return None;
                    }
                }
                Err(_) => return None,
            }
        }
    });
    (answers, early)
}

/// Draws a frame; with `full`, first puts the terminal in the app's bidi
/// mode and paints every cell ([`repaint`]). With synchronized output the
/// terminal shows the frame only once it is whole.
fn frame(
    terminal: &mut Terminal<InkBackend<Stdout>>,
    painter: &mut Painter,
    app: &App,
    detected: &Detected,
    ink: &mut Ink,
    full: bool,
) -> Result<(), UiError> {
    let draw_err = UiError::Draw;
    let begin = detected.frame_begin();
    terminal
        .backend_mut()
        .write_all(begin.as_bytes())
        .map_err(draw_err)?;
    if full {
        repaint(terminal, detected.kind, app).map_err(draw_err)?;
        ink.forget();
    }
    // A terminal that reorders rows itself gets changed rows whole, with no
    // cursor move inside them: blanks are written, not erased. (Konsole
    // joins a zero-width mark to the last cell it holds before the cursor:
    // after a cursor move over unwritten cells, the border before them.)
    let rows = sends_rows_whole(app.opts().mode);
    let backend = terminal.backend_mut();
    backend.erase_blanks = !rows;
    backend.isolate_fences = rows && detected.kind.isolates_lines();
    // Such rows go once, whole, after the frame (below), not also cell by
    // cell from ratatui's diff.
    backend.rows_only = rows;
    let drawn = terminal.draw(|f| painter.draw(f, app)).map_err(draw_err)?;
    let policy = Policy::for_mode(app.opts().mode, rows);
    let resend = ink.after(drawn.buffer, policy);
    let backend = terminal.backend_mut();
    backend.rows_only = false;
    if !resend.is_empty() {
        for &y in &resend.erase {
            crossterm::queue!(
                backend,
                crossterm::cursor::MoveTo(0, y),
                crossterm::terminal::Clear(crossterm::terminal::ClearType::CurrentLine)
            )
            .map_err(draw_err)?;
        }
        let cells = resend.cells.iter().map(|(x, y, cell)| (*x, *y, cell));
        ratatui::backend::Backend::draw(backend, cells).map_err(draw_err)?;
        Write::flush(backend).map_err(draw_err)?;
    }
    let end = detected.frame_end();
    if !end.is_empty() {
        backend.write_all(end.as_bytes()).map_err(draw_err)?;
        backend.flush().map_err(draw_err)?;
    }
    Ok(())
}

/// Runs until the app quits. Returns the signal that ended it, if one did.
/// `early` is what came during the wait for the terminal's answers.
pub fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<InkBackend<Stdout>>,
    rx: &Receiver<Input>,
    detected: &Detected,
    early: Vec<Input>,
) -> Result<Option<i32>, UiError> {
    let draw_err = UiError::Draw;
    let kind = detected.kind;
    // What drawing keeps between frames: the loop's, not the state's.
    let mut painter = Painter::new();
    let mut ink = Ink::default();
    let mut early = early.into_iter();
    // True from our own stop until the SIGCONT that ended it is read.
    let mut own_stop = false;
    // When the current message (the bidi mode's name) is to be cleared.
    let mut expire: Option<(Instant, String)> = None;
    // What the last batch of input (at first: preparing the app) asks for.
    let mut resized = None;
    let mut full = false;
    let mut stop = false;
    let mut draw = true;
    loop {
        if let Some(area) = resized.take() {
            terminal.resize(area).map_err(draw_err)?;
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Quit => return Ok(None),
                Effect::Repaint => full = true,
                Effect::Suspend => stop = true,
                Effect::Copy(text) => copy(terminal, kind, app, &text),
                Effect::ExpireMessage => {
                    expire = app
                        .message()
                        .map(|m| (Instant::now() + MODE_MESSAGE_TIME, m.to_string()));
                }
            }
        }
        if std::mem::take(&mut stop) {
            if suspend(app, kind).map_err(draw_err)? {
                own_stop = true;
                full = true;
            } else {
                app.update(Msg::CannotSuspend);
            }
        }
        if std::mem::take(&mut draw) | full {
            frame(terminal, &mut painter, app, detected, &mut ink, full)?;
            full = false;
        }
        // Block for the first input (or until a timed message expires, or
        // the finder waiting for the index is to show its progress), then
        // take whatever else is queued so a burst (a resize storm, a held
        // key) costs one redraw.
        let tick = app.awaits_index().then(|| Instant::now() + INDEX_TICK);
        let wake = match (expire.as_ref().map(|(at, _)| *at), tick) {
            (Some(at), Some(tick)) => Some(at.min(tick)),
            (at, tick) => at.or(tick),
        };
        let first = match (early.next(), wake) {
            (Some(input), _) => input,
            (None, None) => rx.recv().map_err(|_| UiError::InputEnded)?,
            (None, Some(wake)) => {
                match rx.recv_timeout(wake.saturating_duration_since(Instant::now())) {
                    Ok(input) => input,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some((_, shown)) = expire.take_if(|(at, _)| *at <= Instant::now()) {
                            app.update(Msg::Expire(shown));
                        }
                        draw = true;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err(UiError::InputEnded);
                    }
                }
            }
        };
        // The index arriving changes the screen only in a finder waiting
        // for it: otherwise it costs no frame.
        let queued: Vec<Input> = early.by_ref().collect();
        for input in std::iter::once(first).chain(queued).chain(rx.try_iter()) {
            draw |= !matches!(input, Input::Indexed(_)) || app.awaits_index();
            match input {
                Input::Term(ev) => {
                    if let Event::Resize(width, height) = ev {
                        resized = Some(view::capped(width, height));
                    }
                    apply(app, ev);
                }
                // Late answers to the start-up queries: the decision is made.
                Input::Reply(_) => {}
                Input::Signal(signal_hook::consts::SIGTSTP) => stop = true,
                // The continue after our own stop: already taken care of.
                Input::Signal(signal_hook::consts::SIGCONT) if own_stop => own_stop = false,
                Input::Signal(signal_hook::consts::SIGCONT) => {
                    // Stopped and continued from outside: the shell may have
                    // reset the terminal meanwhile.
                    crate::term::resume(term_options(app, kind)).map_err(draw_err)?;
                    full = true;
                }
                Input::Signal(signal) => return Ok(Some(signal)),
                Input::Failed(message) => {
                    // The terminal cannot be read (it hung up, EOF or EIO):
                    // nothing more is written to it.
                    crate::term::abandon();
                    return Err(UiError::TerminalLost(message));
                }
                Input::Copied(copied) => app.update(Msg::Copied(copied)),
                Input::Indexed(index) => app.update(Msg::IndexReady(index)),
            }
            if app.quit() {
                return Ok(None);
            }
        }
    }
}

/// What [`crate::term::TermGuard::enter`] and [`crate::term::resume`]
/// need to take the terminal as the app has it now.
pub fn term_options(app: &App, kind: TermKind) -> crate::term::TermOptions {
    crate::term::TermOptions {
        mouse: app.opts().mouse,
        kind,
        mode: app.opts().mode,
    }
}

/// Ctrl-Z or SIGTSTP: the terminal back to the shell as on exit, the whole
/// process group stopped (as the terminal's own Ctrl-Z would: a `cargo run`
/// or a wrapper script stops with us, so the shell gets the terminal back),
/// and once the shell resumes it, the terminal taken again; the caller
/// repaints. Without a job-control shell (the program leads its session:
/// `kitty -e nkru-tui`, `exec nkru-tui`) nothing could resume it: false,
/// and nothing is done.
fn suspend(app: &App, kind: TermKind) -> std::io::Result<bool> {
    use nix::unistd::{getpgrp, getsid};
    let group = getpgrp();
    if getsid(None).map_or(true, |session| session == group) {
        return Ok(false);
    }
    crate::term::restore()?;
    nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGSTOP)
        .map_err(std::io::Error::from)?;
    crate::term::resume(term_options(app, kind))?;
    Ok(true)
}

/// Puts the terminal in the app's bidi mode (the switch comes before the
/// clear, so it reaches every row) and makes the next draw paint every cell.
fn repaint(
    terminal: &mut Terminal<InkBackend<Stdout>>,
    kind: TermKind,
    app: &App,
) -> std::io::Result<()> {
    let backend = terminal.backend_mut();
    backend.write_all(kind.mode_bytes(app.opts().mode).as_bytes())?;
    backend.flush()?;
    // `resize` clears the screen and forgets the last frame without asking
    // the terminal for its cursor (`clear` would, and the input thread would
    // take the answer).
    let size = terminal.size()?;
    terminal.resize(view::capped(size.width, size.height))
}

/// Copies `text` to the clipboard and says how in the status bar: OSC 52
/// here (a write to the terminal), the clipboard programs on a thread of
/// their own that reports back ([`Input::Copied`]), so a program that does
/// not read nor exit never holds the loop.
fn copy(terminal: &mut Terminal<InkBackend<Stdout>>, kind: TermKind, app: &mut App, text: &str) {
    use crate::term::clipboard;
    let env = |k: &str| std::env::var(k).ok();
    let osc52 = clipboard::copy_osc52(kind, text, terminal.backend_mut()).unwrap_or(false);
    let programs = clipboard::programs(&env);
    let now = clipboard::Copied {
        chars: text.chars().count(),
        routes: if osc52 { vec!["OSC 52"] } else { Vec::new() },
        ..clipboard::Copied::default()
    };
    if programs.is_empty() || osc52 {
        app.update(Msg::Copied(now.clone()));
    }
    if programs.is_empty() {
        return;
    }
    let report = REPORTS.get().cloned();
    let text = text.to_owned();
    let _ = std::thread::Builder::new()
        .name("nkru-copy".into())
        .spawn(move || {
            let mut copied = clipboard::copy_programs(&text, &programs);
            copied.routes.splice(0..0, now.routes);
            if let Some(report) = report {
                let _ = report.send(Input::Copied(copied));
            }
        });
}

/// Whether the terminal of `mode` reorders rows itself, and so gets each
/// changed row whole, from its first cell, blanks written.
pub fn sends_rows_whole(mode: crate::text::BidiMode) -> bool {
    matches!(
        mode,
        crate::text::BidiMode::Terminal | crate::text::BidiMode::TerminalShaped
    )
}
