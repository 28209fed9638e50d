//! Which terminal we run in, and the bytes that put it in a bidi mode and
//! back. Every sequence the program sends about bidi is built here, from the
//! detected [`TermKind`], so the start-up, repaint and exit paths agree.
//!
//! The terminal is named by its answers to the start-up queries
//! ([`crate::term::probe`]) when they name one, else by the variables it
//! sets (which ssh, sudo and containers drop), else taken as plain.
//!
//! - VTE (GNOME Terminal, Tilix, xfce4-terminal, Terminator; `VTE_VERSION`)
//!   implements the terminal-wg modes. `CSI 8 l` reaches only the paragraph
//!   the cursor is on and paragraphs created later, so every switch is
//!   followed by a clear (`CSI 2 J`), which makes every row a new paragraph.
//! - mlterm (`MLTERM`) shapes and reorders by itself; its own "set option"
//!   sequence `OSC 5379 ; use_ctl=false BEL` turns that off for the session.
//! - Konsole (`KONSOLE_VERSION`) has its own bidi and no mode switch: it
//!   gets its own form of terminal mode and nothing is sent.
//! - QTerminal (qtermwidget, Konsole's code) reorders as Konsole does, each
//!   run of cells of one style on its own; it sets no variable.
//! - kitty (`KITTY_WINDOW_ID`) shapes each right-to-left word itself and
//!   shows it right to left, but does not reorder words: it gets its own
//!   form of app mode and nothing is sent.
//! - tmux (`TMUX`) does no bidi and does not forward these sequences; they
//!   reach the outer terminal only wrapped in its passthrough (`ESC P tmux;`),
//!   which tmux honours only with `allow-passthrough` on.
//! - Everything else (xterm, alacritty, foot, WezTerm…) does no bidi
//!   and is sent nothing bidi-related.

use std::time::Duration;

use super::probe::{self, Answers};
use crate::text::BidiMode;

/// `CSI 8 l` (BDSM reset): explicit mode, the terminal must not reorder what we send.
pub const BIDI_EXPLICIT: &str = "\x1b[8l";
/// `CSI 1 SP k` (SCP 1): paragraph direction left to right, we position every cell.
pub const BIDI_LTR: &str = "\x1b[1 k";
/// `CSI 8 h` (BDSM set): back to the terminal's implicit (reordering) mode.
pub const BIDI_IMPLICIT: &str = "\x1b[8h";
/// `CSI 0 SP k` (SCP 0): back to the default paragraph direction.
pub const BIDI_DEFAULT_DIR: &str = "\x1b[0 k";
/// `CSI 2 J`: erase the display; in VTE every row becomes a new paragraph.
pub const CLEAR: &str = "\x1b[2J";
/// mlterm's option sequence: no shaping or bidi of its own.
pub const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x07";
/// mlterm's option sequence: its shaping and bidi back on (its default).
pub const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x07";
/// mlterm's options for its form of terminal mode: every stretch of a row
/// laid out left to right, and a space a bidi separator (as box drawing
/// already is): each word is laid out alone (`BidiMode::Mlterm`).
pub const MLTERM_WORDS: &str = "\x1b]5379;bidi_mode=left\x07\x1b]5379;bidi_separators=\\x20\x07";
/// mlterm's options back to its defaults: the direction of each row found
/// from its text, no bidi separator.
pub const MLTERM_ROWS: &str = "\x1b]5379;bidi_mode=normal\x07\x1b]5379;bidi_separators=\x07";
/// mintty's private mode 77096 set: no bidi of its own (its documented
/// switch; not measured here).
pub const MINTTY_BIDI_OFF: &str = "\x1b[?77096h";
/// mintty's private mode 77096 reset: its bidi back (its default).
pub const MINTTY_BIDI_ON: &str = "\x1b[?77096l";
/// DEC mode 2026 set: the terminal holds the screen until the frame is whole.
pub const SYNC_BEGIN: &str = "\x1b[?2026h";
/// DEC mode 2026 reset: the frame is whole, show it.
pub const SYNC_END: &str = "\x1b[?2026l";

/// See [`TermKind::settle_time`]: tmux redraws a pane within a few
/// milliseconds of the switch of screen; a pause at start-up of this length
/// is not noticed.
const TMUX_SETTLE: Duration = Duration::from_millis(150);

/// The terminal emulator that draws the cells (behind tmux, the outer one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// No bidi of its own: xterm, alacritty, foot, WezTerm, the console…
    Plain,
    Vte,
    Konsole,
    Mlterm,
    /// Shapes right-to-left words itself, never reorders them.
    Kitty,
    /// Konsole's reordering, each run of one style on its own.
    Qterminal,
    /// Implicit bidi of its own, switched off by its private mode 77096.
    Mintty,
}

impl Family {
    /// A short name for messages, the docs and the state file.
    pub fn name(self) -> &'static str {
        match self {
            Family::Plain => "plain",
            Family::Vte => "vte",
            Family::Konsole => "konsole",
            Family::Mlterm => "mlterm",
            Family::Kitty => "kitty",
            Family::Qterminal => "qterminal",
            Family::Mintty => "mintty",
        }
    }

    /// The terminal's name in sentences (`nkru-tui terminal`).
    pub fn label(self) -> &'static str {
        match self {
            Family::Plain => "a terminal without bidi",
            Family::Vte => "VTE",
            Family::Konsole => "Konsole",
            Family::Mlterm => "mlterm",
            Family::Kitty => "kitty",
            Family::Qterminal => "QTerminal",
            Family::Mintty => "mintty",
        }
    }

    /// The variables terminals set in the shells they start, in the order
    /// [`Family::from_env`] reads them (then kitty's `TERM`).
    pub const VARIABLES: [(&'static str, Family); 4] = [
        ("MLTERM", Family::Mlterm),
        ("KONSOLE_VERSION", Family::Konsole),
        ("VTE_VERSION", Family::Vte),
        ("KITTY_WINDOW_ID", Family::Kitty),
    ];

    /// The family the environment names: [`Family::VARIABLES`], and kitty's
    /// `TERM`.
    pub fn from_env(env: &impl Fn(&str) -> Option<String>) -> Option<(Family, &'static str)> {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        if let Some((name, family)) = Family::VARIABLES.iter().find(|(name, _)| set(name)) {
            return Some((*family, name));
        }
        (env("TERM").as_deref() == Some("xterm-kitty")).then_some((Family::Kitty, "TERM"))
    }
}

/// What named the terminal's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The terminal's answers to the queries named this terminal.
    Answers(&'static str),
    /// tmux's record of its client's XTVERSION answer named this terminal.
    TmuxClient(&'static str),
    /// Its answers to the queries passed through tmux named this terminal
    /// (so tmux passes sequences through).
    ThroughTmux(&'static str),
    /// This environment variable.
    Variable(&'static str),
    /// Nothing did: a terminal without bidi of its own is assumed.
    Nothing,
    /// Inside a tmux that answered the queries while `TMUX` is unset: not
    /// the tmux this program was started in (ssh from inside a tmux, or a
    /// cleared environment), whose server cannot be asked, and nothing else
    /// named the terminal outside it.
    TmuxNotOurs,
    /// Inside tmux, tmux was asked what its client is and did not answer
    /// (it failed or ran out of time), and nothing else named it.
    TmuxSilent,
}

impl Source {
    /// True when the terminal outside tmux could not be learned at all
    /// (tmux not ours or silent), as opposed to learned and plain.
    pub fn outer_unknown(self) -> bool {
        matches!(self, Source::TmuxNotOurs | Source::TmuxSilent)
    }
}

/// The outcome of detection: the terminal, whether it holds frames back
/// (DEC mode 2026), and what it was told by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub kind: TermKind,
    /// Synchronized output: every frame is wrapped in [`SYNC_BEGIN`] and
    /// [`SYNC_END`].
    pub sync: bool,
    pub source: Source,
    pub answers: Answers,
}

impl Detected {
    /// The bytes to send before a frame (empty without synchronized output).
    pub fn frame_begin(&self) -> &'static str {
        if self.sync { SYNC_BEGIN } else { "" }
    }

    /// The bytes to send after a frame.
    pub fn frame_end(&self) -> &'static str {
        if self.sync { SYNC_END } else { "" }
    }
}

/// What tmux lets through to the outer terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    /// `allow-passthrough` is on (or the tmux predates the option).
    Allowed,
    /// `allow-passthrough` is off (tmux's default): nothing gets through.
    Refused,
    /// The terminal outside could not be learned ([`Source::outer_unknown`]),
    /// so neither what it needs nor what tmux lets through is known:
    /// nothing is sent through, and the reader is told how to switch the
    /// bidi mode if the screen is unreadable.
    OuterUnknown,
}

/// The detected terminal: its family, and tmux in between if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermKind {
    pub family: Family,
    /// `Some` inside tmux.
    pub tmux: Option<Passthrough>,
}

impl TermKind {
    pub const PLAIN: TermKind = TermKind {
        family: Family::Plain,
        tmux: None,
    };

    /// From the environment alone (no answers): the family variables, and
    /// tmux from `TMUX`. `passthrough` asks tmux for `allow-passthrough`.
    pub fn from_env(
        env: impl Fn(&str) -> Option<String>,
        passthrough: impl FnOnce() -> Passthrough,
    ) -> TermKind {
        // Not asked: as a tmux that recorded nothing of its client.
        TermKind::detect(
            env,
            &Answers::default(),
            || Some(String::new()),
            passthrough,
        )
        .kind
    }

    /// The terminal, from its `answers` when they name one, else from the
    /// environment. Inside tmux the answers are tmux's own: the terminal
    /// outside is named by tmux's record of its client's XTVERSION answer
    /// (`outer_version`, asked only inside our own tmux, `TMUX` set; `None`
    /// when tmux did not answer, empty when it recorded nothing), else by
    /// the variables tmux's server inherited from the terminal it was
    /// started in; when tmux cannot be asked or does not answer and no
    /// variable names it, the terminal outside is unknown
    /// ([`Passthrough::OuterUnknown`]). `passthrough` asks tmux for
    /// `allow-passthrough`; it is only called inside tmux with a terminal
    /// outside that must be sent mode bytes.
    pub fn detect(
        env: impl Fn(&str) -> Option<String>,
        answers: &Answers,
        outer_version: impl FnOnce() -> Option<String>,
        passthrough: impl FnOnce() -> Passthrough,
    ) -> Detected {
        let by_env = || match Family::from_env(&env) {
            Some((family, variable)) => (family, Source::Variable(variable)),
            None => (Family::Plain, Source::Nothing),
        };
        let named = answers.terminal();
        // Our tmux, which can be asked about the terminal outside: a tmux
        // that answers while `TMUX` is unset is another machine's (ssh
        // from inside a local tmux), whose server knows nothing of ours.
        let our_tmux = env("TMUX").is_some_and(|v| !v.is_empty());
        let in_tmux = match named {
            Some(known) => known.family.is_none(),
            None => our_tmux,
        };
        let (family, source) = match named.and_then(|k| k.family.map(|f| (f, k.name))) {
            // Konsole before its XTVERSION answered DA2 as qtermwidget does.
            Some((Family::Qterminal, _))
                if Family::from_env(&env).is_some_and(|(f, _)| f == Family::Konsole) =>
            {
                (Family::Konsole, Source::Variable("KONSOLE_VERSION"))
            }
            Some((family, name)) => (family, Source::Answers(name)),
            None if our_tmux => match outer_version() {
                Some(version) => probe::by_version(&version)
                    .and_then(|k| k.family.map(|f| (f, Source::TmuxClient(k.name))))
                    .unwrap_or_else(by_env),
                None => unless_nothing(by_env(), Source::TmuxSilent),
            },
            None if in_tmux => match answers
                .outer
                .as_deref()
                .and_then(Answers::terminal)
                .and_then(|k| k.family.map(|f| (f, k.name)))
            {
                Some((family, name)) => (family, Source::ThroughTmux(name)),
                None => unless_nothing(by_env(), Source::TmuxNotOurs),
            },
            None => by_env(),
        };
        let tmux = match (in_tmux, family) {
            (false, _) => None,
            (true, _) if source.outer_unknown() => Some(Passthrough::OuterUnknown),
            // Its answers came through: so will the mode bytes.
            (true, _) if matches!(source, Source::ThroughTmux(_)) => Some(Passthrough::Allowed),
            (true, Family::Vte | Family::Mlterm | Family::Mintty) if our_tmux => {
                Some(passthrough())
            }
            // Another machine's tmux: nothing known of what it lets through.
            (true, Family::Vte | Family::Mlterm | Family::Mintty) => Some(Passthrough::Refused),
            // Nothing to pass through.
            (true, _) => Some(Passthrough::Allowed),
        };
        Detected {
            kind: TermKind { family, tmux },
            sync: answers.synchronized_output(),
            source,
            answers: answers.clone(),
        }
    }

    /// A short name for messages, the docs and the state file.
    pub fn name(self) -> &'static str {
        match (self.family, self.tmux.is_some()) {
            (family, false) => family.name(),
            (Family::Plain, true) => "tmux",
            (Family::Vte, true) => "tmux-vte",
            (Family::Konsole, true) => "tmux-konsole",
            (Family::Mlterm, true) => "tmux-mlterm",
            (Family::Kitty, true) => "tmux-kitty",
            (Family::Qterminal, true) => "tmux-qterminal",
            (Family::Mintty, true) => "tmux-mintty",
        }
    }

    /// The mode `--bidi auto` picks: app everywhere we can stop the terminal
    /// from reordering (or it does not), terminal mode in Konsole and
    /// QTerminal, which cannot be told, and behind a tmux that lets nothing
    /// through to a terminal that reorders (its own reordering is then on,
    /// as it starts).
    pub fn auto_mode(self) -> BidiMode {
        if self.unreachable() {
            return self.terminal_mode();
        }
        match self.family {
            Family::Konsole | Family::Qterminal => self.terminal_mode(),
            Family::Plain | Family::Vte | Family::Mlterm | Family::Kitty | Family::Mintty => {
                self.app_mode()
            }
        }
    }

    /// The app mode for this family: kitty shapes right-to-left words
    /// itself and gets its own form (`Kitty`); the rest get visual order,
    /// shaped (`App`).
    pub fn app_mode(self) -> BidiMode {
        match self.family {
            Family::Kitty => BidiMode::Kitty,
            _ => BidiMode::App,
        }
    }

    /// The terminal mode for this family: Konsole reorders but neither
    /// mirrors nor gives a lam-alef one cell, so it gets its text shaped and
    /// mirrored (`TerminalShaped`); QTerminal lays out each run of cells
    /// with the same attributes on its own (`Qterminal`); VTE and mlterm do
    /// both themselves.
    pub fn terminal_mode(self) -> BidiMode {
        match self.family {
            Family::Konsole => BidiMode::TerminalShaped,
            Family::Qterminal => BidiMode::Qterminal,
            // mlterm's options reach it: its form, each word laid out alone.
            Family::Mlterm if !self.unreachable() => BidiMode::Mlterm,
            Family::Plain | Family::Vte | Family::Mlterm | Family::Kitty | Family::Mintty => {
                BidiMode::Terminal
            }
        }
    }

    /// True when the outer terminal reorders and nothing we send can reach
    /// it (tmux without passthrough in front of a bidi terminal): the reader
    /// must be told how to fix it.
    pub fn unreachable(self) -> bool {
        self.tmux == Some(Passthrough::Refused)
    }

    /// The bytes that put the terminal in `mode` and make every row take it:
    /// sent after entering the alternate screen, after a resize, when a popup
    /// closes and on a live mode switch, before the full redraw. Empty for a
    /// terminal with nothing to switch.
    ///
    /// The settings are followed by a clear, which makes every row take
    /// them (VTE's `CSI 8 l` reaches only the rows created after it). Behind
    /// tmux the settings go through its passthrough, but the clear goes to
    /// tmux itself: passed through, it would blank the whole outer screen,
    /// tmux's status line and the other panes with it, behind tmux's back.
    /// tmux clears its pane by scrolling it away within a scroll region (a
    /// pane as wide as the window over a status line), and VTE gives the rows
    /// a scroll brings in the current settings, as a clear does. A narrower
    /// pane tmux clears cell by cell, which leaves VTE's rows as they were:
    /// so VTE behind tmux also gets the settings again at the start of every
    /// row ([`each_row`]), which applies them to that row.
    pub fn mode_bytes(self, mode: BidiMode) -> String {
        let settings: &[&str] = match (self.family, mode) {
            (Family::Vte, BidiMode::App | BidiMode::Kitty) => &[BIDI_EXPLICIT, BIDI_LTR],
            (
                Family::Vte,
                BidiMode::Terminal
                | BidiMode::TerminalShaped
                | BidiMode::Qterminal
                | BidiMode::Mlterm,
            ) => &[BIDI_IMPLICIT, BIDI_DEFAULT_DIR],
            (Family::Mlterm, BidiMode::App | BidiMode::Kitty) => &[MLTERM_CTL_OFF],
            (Family::Mlterm, BidiMode::Mlterm) => &[MLTERM_CTL_ON, MLTERM_WORDS],
            (
                Family::Mlterm,
                BidiMode::Terminal | BidiMode::TerminalShaped | BidiMode::Qterminal,
            ) => &[MLTERM_CTL_ON, MLTERM_ROWS],
            (Family::Mintty, BidiMode::App | BidiMode::Kitty) => &[MINTTY_BIDI_OFF],
            (
                Family::Mintty,
                BidiMode::Terminal
                | BidiMode::TerminalShaped
                | BidiMode::Qterminal
                | BidiMode::Mlterm,
            ) => &[MINTTY_BIDI_ON],
            (Family::Plain | Family::Konsole | Family::Kitty | Family::Qterminal, _) => &[],
        };
        let mut bytes = self.wrap(settings);
        if self.family == Family::Vte && self.passes_through() {
            bytes.push_str(&tmux_passthrough(&each_row(settings)));
        }
        if !bytes.is_empty() {
            bytes.push_str(CLEAR);
        }
        bytes
    }

    /// How long to wait after entering the alternate screen before sending
    /// the mode bytes. tmux answers a switch of screen with a full redraw of
    /// the pane from its own copy, and drops every passthrough that arrives
    /// while that redraw is pending (tmux 3.3, `allow-passthrough on`): the
    /// bytes written together with the switch would never reach the outer
    /// terminal. A pause puts them in a later read, after the redraw.
    pub fn settle_time(self) -> Duration {
        if self.passes_through() {
            TMUX_SETTLE
        } else {
            Duration::ZERO
        }
    }

    /// True when the mode bytes go to the outer terminal through tmux.
    fn passes_through(self) -> bool {
        self.tmux == Some(Passthrough::Allowed)
            && matches!(self.family, Family::Vte | Family::Mlterm | Family::Mintty)
    }

    /// The bytes that give the terminal back its own bidi, whatever mode was
    /// used last; sent before leaving the alternate screen.
    pub fn restore_bytes(self) -> String {
        let settings: &[&str] = match self.family {
            Family::Vte => &[BIDI_IMPLICIT, BIDI_DEFAULT_DIR],
            Family::Mlterm => &[MLTERM_CTL_ON, MLTERM_ROWS],
            Family::Mintty => &[MINTTY_BIDI_ON],
            Family::Plain | Family::Konsole | Family::Kitty | Family::Qterminal => &[],
        };
        self.wrap(settings)
    }

    /// True when right-to-left lines in terminal mode are fenced in VTE's
    /// form ([`super::fence`]): in VTE, and behind a tmux whose terminal
    /// outside is unknown, which may be VTE (tmux keeps the isolate marks
    /// with the cell before them, as VTE does; a terminal without bidi draws
    /// them as nothing, as it does the marks of the other form).
    pub fn isolates_lines(self) -> bool {
        self.family == Family::Vte || self.outer_unknown()
    }

    /// True inside tmux when the terminal outside could not be learned:
    /// the reader is told to switch the bidi mode if Arabic is unreadable.
    pub fn outer_unknown(self) -> bool {
        self.tmux == Some(Passthrough::OuterUnknown)
    }

    /// The sequences as they must be written: as they are, or each one in a
    /// tmux passthrough; nothing when tmux would drop them.
    fn wrap(self, sequences: &[&str]) -> String {
        match self.tmux {
            None => sequences.concat(),
            Some(Passthrough::Allowed) => sequences.iter().map(|s| tmux_passthrough(s)).collect(),
            Some(Passthrough::Refused | Passthrough::OuterUnknown) => String::new(),
        }
    }
}

/// True when the terminal outside tmux is to be asked through tmux's
/// passthrough ([`probe::OUTER_QUERIES`]): the answers, all in, name
/// tmux, and it cannot be asked by command (`TMUX` unset: not the tmux
/// this program was started in).
pub fn ask_through_tmux(env: impl Fn(&str) -> Option<String>, answers: &Answers) -> bool {
    let named_tmux = answers.terminal().is_some_and(|k| k.family.is_none());
    answers.complete() && named_tmux && env("TMUX").is_none_or(|v| v.is_empty())
}

/// Rows of the outer terminal [`each_row`] reaches: its size is not known
/// through ssh, and a cursor move past the last row stops there. As many as
/// the program draws at most.
const OUTER_ROWS: u16 = 200;

/// `settings` at the start of every row of the outer terminal, from the top:
/// VTE applies its bidi settings to the row the cursor is on when it is at
/// the row's start, and otherwise only to rows made later. Sent through
/// tmux, which then takes the cursor home and forgets where it was.
fn each_row(settings: &[&str]) -> String {
    let settings = settings.concat();
    (1..=OUTER_ROWS)
        .map(|row| format!("\x1b[{row};1H{settings}"))
        .collect()
}

/// `found`, unless it is the assumption made when nothing named the
/// terminal: then `instead`, which says why nothing could.
fn unless_nothing(found: (Family, Source), instead: Source) -> (Family, Source) {
    match found {
        (family, Source::Nothing) => (family, instead),
        named => named,
    }
}

/// `ESC P tmux; … ESC \` with every ESC inside doubled: tmux writes the
/// inside to the outer terminal as it is.
pub fn tmux_passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

/// What tmux recorded of its client's answer to XTVERSION
/// (`client_termtype`: `XTerm(379)`, `kitty(0.26.5)`; empty for a terminal
/// that has none, such as VTE), or `None` when tmux did not answer (it
/// failed, or not within its deadline).
pub fn ask_tmux_client_version() -> Option<String> {
    use super::child::{Job, Outcome, run};
    let output = run(&Job {
        program: "tmux",
        args: &["display-message", "-p", "#{client_termtype}"],
        input: None,
        deadline: std::time::Duration::from_secs(1),
        max_output: 4096,
    });
    match output {
        Outcome::Exited { status, stdout, .. } if status.success() => {
            Some(String::from_utf8_lossy(&stdout).trim().to_string())
        }
        _ => None,
    }
}

/// Asks the tmux server for `allow-passthrough`. A tmux older than the
/// option (3.3) passes everything through; a tmux that cannot be asked is
/// taken as refusing, so the reader gets the guidance rather than garbage.
pub fn ask_tmux_passthrough() -> Passthrough {
    use super::child::{Job, Outcome, run};
    // A tmux that does not answer within the deadline, or answers without
    // end, is one that passes nothing through.
    let output = run(&Job {
        program: "tmux",
        args: &["show-options", "-gv", "allow-passthrough"],
        input: None,
        deadline: std::time::Duration::from_secs(1),
        max_output: 4096,
    });
    match output {
        Outcome::Exited { status, stdout, .. } if status.success() => {
            match String::from_utf8_lossy(&stdout).trim() {
                "on" | "all" => Passthrough::Allowed,
                _ => Passthrough::Refused,
            }
        }
        Outcome::Exited { stderr, .. }
            if String::from_utf8_lossy(&stderr).contains("invalid option") =>
        {
            Passthrough::Allowed
        }
        _ => Passthrough::Refused,
    }
}

#[cfg(test)]
mod tests;
