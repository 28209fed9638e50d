//! `nkru-tui terminal`: asks the terminal who it is, as the browser does at
//! start-up, and prints what was decided and from what: the terminal, its
//! answers, the variables, tmux, the bidi mode and why, and what the reader
//! can change. What a bug report about the screen needs.

use std::io::{IsTerminal, Write};

use crate::term::{Detected, Family, Passthrough, Source};
use crate::text::BidiMode;
use crate::ui::{Launch, ModeReason, UiError};

/// Why `nkru-tui terminal` could not report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("no terminal to ask (/dev/tty: {0})")]
    NoTty(std::io::Error),
    #[error("cannot ask the terminal: {0}")]
    Ask(std::io::Error),
    #[error(transparent)]
    Ui(#[from] UiError),
}

/// Asks the terminal and gives the report, or why it cannot.
pub fn report(launch: &Launch) -> Result<String, ReportError> {
    let env = |k: &str| std::env::var(k).ok();
    let tty_err = ReportError::Ask;
    let mut out: Box<dyn Write> = if std::io::stdout().is_terminal() {
        Box::new(std::io::stdout())
    } else {
        let tty = std::fs::OpenOptions::new().write(true).open("/dev/tty");
        Box::new(tty.map_err(ReportError::NoTty)?)
    };
    let detected = {
        let _guard = crate::term::begin().map_err(tty_err)?;
        let rx = crate::ui::run::spawn_inputs()?;
        let detected = crate::ui::identify(&rx, &env, &mut out).map_err(tty_err)?.0;
        crate::term::leave_probing(&mut out).map_err(tty_err)?;
        detected
    };
    let (mode, why) = crate::ui::mode_for(detected.kind, launch, &env)?;
    Ok(describe(&detected, mode, why, &env))
}

/// The report for what was decided.
pub fn describe(
    detected: &Detected,
    mode: BidiMode,
    why: ModeReason,
    env: &impl Fn(&str) -> Option<String>,
) -> String {
    let kind = detected.kind;
    let safe = crate::text::display_safe;
    let named = match detected.source {
        Source::Answers(name) => format!("{name}, named by its answers"),
        Source::TmuxClient(name) => {
            format!("{name}, named by tmux's record of its answer to XTVERSION")
        }
        Source::ThroughTmux(name) => format!(
            "{name}, named by its answers to the queries passed through tmux \
             (allow-passthrough is on)"
        ),
        Source::Variable(var) => format!(
            "{}, named by the variable {var} (its answers named no terminal)",
            kind.family.label()
        ),
        Source::Nothing => {
            "none named: taken as a terminal without bidi of its own (as xterm)".to_string()
        }
        Source::TmuxNotOurs => "unknown: this tmux answered the queries, but TMUX is unset \
             (a tmux on another machine, reached through ssh, or a cleared environment), so \
             its server cannot be asked which terminal it runs in, and the queries passed \
             through it got no answer; taken as a terminal without bidi of its own (as xterm)"
            .to_string(),
        Source::TmuxSilent => "unknown: tmux was asked which terminal it runs in \
             (`tmux display-message`) and did not answer; taken as a terminal without bidi \
             of its own (as xterm)"
            .to_string(),
    };
    let named = if kind.tmux.is_some() {
        format!("outside tmux: {named}")
    } else {
        named
    };
    // What detection reads, and what decides the mode.
    let variables: Vec<&str> = std::iter::once("TERM")
        .chain(Family::VARIABLES.iter().map(|(name, _)| *name))
        .chain(["TMUX", crate::cli::BIDI_ENV])
        .collect();
    let set: Vec<String> = variables
        .iter()
        .filter_map(|name| env(name).map(|v| format!("{name}={}", safe(&v))))
        .collect();
    let unset: Vec<&str> = variables
        .iter()
        .copied()
        .filter(|name| env(name).is_none())
        .collect();
    let tmux = match kind.tmux {
        None => "no".to_string(),
        Some(Passthrough::Allowed) => {
            "yes; the outer terminal is reached (or needs nothing)".into()
        }
        Some(Passthrough::Refused) => {
            "yes; allow-passthrough is off, so the outer terminal cannot be told anything \
             and its own reordering is used (terminal mode): for app mode, add \
             `set -g allow-passthrough on` to ~/.tmux.conf"
                .into()
        }
        Some(Passthrough::OuterUnknown) if detected.source == Source::TmuxNotOurs => {
            "yes; the outer terminal is unknown, so nothing is sent to it: with \
             `set -g allow-passthrough on` in that tmux (~/.tmux.conf where it runs) the \
             queries reach it and it is named"
                .into()
        }
        Some(Passthrough::OuterUnknown) => {
            "yes; the outer terminal is unknown, so nothing is sent to it".into()
        }
    };
    let mode_name = match mode {
        BidiMode::App => "app (this program shapes and orders the text)",
        BidiMode::Kitty => {
            "app, kitty's form (this program orders the words; kitty shapes each one)"
        }
        BidiMode::Terminal => "terminal (the terminal shapes and orders the text)",
        BidiMode::TerminalShaped => {
            "terminal (the terminal orders the text; this program shapes it)"
        }
        BidiMode::Qterminal => {
            "terminal, QTerminal's form (this program shapes and orders the text; \
             each run of one style is arranged for the terminal's own ordering)"
        }
        BidiMode::Mlterm => {
            "terminal, mlterm's form (this program shapes and orders the text; \
             each word is arranged for the terminal's own ordering)"
        }
    };
    let reason = match why {
        ModeReason::Flag => "chosen by --bidi or NKRU_BIDI",
        ModeReason::Saved => "the last F2 choice in this terminal family (the state file)",
        ModeReason::Config => "chosen by `bidi` in config.toml",
        ModeReason::Detected => "what this terminal needs",
    };
    let mut lines = vec![
        format!("terminal    {named}"),
        format!("answers     {}", detected.answers.describe()),
        format!(
            "variables   {}{}",
            if set.is_empty() {
                "none set".to_string()
            } else {
                set.join(" ")
            },
            if unset.is_empty() {
                String::new()
            } else {
                format!(" (unset: {})", unset.join(", "))
            }
        ),
        format!("tmux        {tmux}"),
        format!(
            "family      {} (F2 choices are saved under this name)",
            kind.name()
        ),
        format!("bidi mode   {mode_name}: {reason}"),
        format!(
            "frames      {}",
            if detected.sync {
                "synchronized (DEC mode 2026)"
            } else {
                "not synchronized"
            }
        ),
        "change it   F2 in the browser switches app/terminal mode and remembers it for this \
         family; --bidi app|terminal or NKRU_BIDI for one run; bidi = \"app\" or \"terminal\" \
         in config.toml"
            .to_string(),
    ];
    if kind.outer_unknown() {
        lines.push(
            "note        if the Arabic reads reversed, the terminal outside tmux reorders it \
             again (VTE, mlterm, Konsole, QTerminal): press F2 for terminal mode, or start \
             with --bidi terminal; see docs/terminals.md"
                .to_string(),
        );
    }
    if detected.source == Source::Nothing && kind.tmux.is_some() {
        lines.push(
            "note        inside tmux, a VTE, mlterm or QTerminal outside cannot be named \
             unless its variables reached tmux's server; see docs/terminals.md"
                .to_string(),
        );
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}
