//! Asking the terminal who it is. Environment variables name the terminal
//! only where it started the shell: through ssh, sudo, a container or
//! `env -i` they are gone, and the terminal's own answers are what is left.
//!
//! At start-up, in raw mode, on the alternate screen (so that what a
//! terminal prints for a query it does not know is cleared with it) and
//! before the first frame, [`QUERIES`] asks for
//! XTVERSION (`CSI > 0 q`), the secondary device attributes (DA2,
//! `CSI > c`), the state of ANSI mode 8 (BDSM, the terminal-wg bidi mode)
//! and of DEC mode 2026 (synchronized output), and last the primary device
//! attributes (DA1, `CSI c`), which every terminal answers, after the rest.
//! The input reader ([`crate::term::input`]) cuts the answers out of the
//! input as [`Reply`]s (never as keys); [`Answers`] gathers them, and
//! [`Answers::terminal`] names the terminal from one table, [`TERMINALS`].
//! Inside a tmux that cannot be asked by command, [`OUTER_QUERIES`] go on
//! through its passthrough to the terminal outside.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::family::Family;

/// XTVERSION, DA2, DECRQM 8, DECRQM ?2026, then DA1 (answered last).
pub const QUERIES: &str = "\x1b[>0q\x1b[>c\x1b[8$p\x1b[?2026$p\x1b[c";

/// DA2, DECRQM 8, then DA1: asked of the terminal outside a tmux that
/// answered [`QUERIES`] itself and cannot be asked by command (`TMUX`
/// unset), through tmux's passthrough. tmux (3.3a measured) writes them
/// to its client only with `allow-passthrough` on, and hands the answers
/// to the program as input once it has its own; otherwise nothing comes.
pub const OUTER_QUERIES: &str = "\x1b[>c\x1b[8$p\x1b[c";

/// How long to wait when nothing at all answers: the first frame is late by
/// at most this much in a terminal that answers no query.
pub const FIRST_ANSWER_WAIT: Duration = Duration::from_millis(400);

/// How long to wait for DA1 once some answer has come: a far link delivers
/// the answers late and in pieces, and they are still used.
pub const ALL_ANSWERS_WAIT: Duration = Duration::from_millis(2000);

/// True while some answers came but not DA1: the rest may still be on its
/// way, and must not reach the shell as typed text after exit. Cleared by
/// the input reader when DA1 comes.
pub static AWAITING_DA1: AtomicBool = AtomicBool::new(false);

/// How long [`crate::term::restore`] lets the rest of the answers come (and
/// the input reader swallow them) before giving the terminal back.
pub const LATE_ANSWERS_WAIT: Duration = Duration::from_millis(1000);

/// One answer of the terminal's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// XTVERSION: `DCS > | text ST`, the terminal's name and version.
    Version(String),
    /// DA2: `CSI > Pp ; Pv ; Pc c`.
    Secondary(Vec<u32>),
    /// DECRPM: `CSI [?] Pd ; Ps $ y`, the state of a mode (`dec`: a DEC
    /// private mode). State 0: not recognized; 1 set; 2 reset;
    /// 3 permanently set; 4 permanently reset.
    Mode { dec: bool, mode: u32, state: u32 },
    /// DA1: `CSI ? … c`. Every terminal answers it, after the others.
    Primary(Vec<u32>),
}

impl Reply {
    /// The answer a complete CSI sequence is (its parameter and
    /// intermediate bytes, its final byte), if it is one.
    pub fn from_csi(params: &[u8], fin: u8) -> Option<Reply> {
        let text = std::str::from_utf8(params).ok()?;
        let numbers = |s: &str| -> Option<Vec<u32>> {
            s.split(';')
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().ok())
                .collect()
        };
        match fin {
            b'c' => {
                if let Some(rest) = text.strip_prefix('>') {
                    Some(Reply::Secondary(numbers(rest)?))
                } else {
                    text.strip_prefix('?').and_then(numbers).map(Reply::Primary)
                }
            }
            b'y' => {
                let body = text.strip_suffix('$')?;
                let (dec, body) = match body.strip_prefix('?') {
                    Some(rest) => (true, rest),
                    None => (false, body),
                };
                let (mode, state) = body.split_once(';')?;
                Some(Reply::Mode {
                    dec,
                    mode: mode.parse().ok()?,
                    state: state.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

/// What the terminal answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub version: Option<String>,
    pub secondary: Option<Vec<u32>>,
    /// The state of ANSI mode 8 (BDSM).
    pub bidi_mode: Option<u32>,
    /// The state of DEC mode 2026 (synchronized output).
    pub sync_mode: Option<u32>,
    pub primary: Option<Vec<u32>>,
    /// Inside a tmux that cannot be asked by command: the answers to
    /// [`OUTER_QUERIES`] passed through it, when they were asked.
    pub outer: Option<Box<Answers>>,
}

/// A terminal as its answers name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// Its name, for `nkru-tui terminal` and the docs.
    pub name: &'static str,
    /// Its family, or `None` for tmux (whose answers say nothing of the
    /// terminal outside it).
    pub family: Option<Family>,
}

/// How an answer names a terminal.
#[derive(Debug, Clone, Copy)]
pub enum Sign {
    /// XTVERSION starts with this.
    Version(&'static str),
    /// DA2's first two numbers (the second `None`: any).
    Secondary(u32, Option<u32>),
    /// ANSI mode 8 is recognized (set or reset): the terminal-wg bidi modes.
    BidiModes,
}

/// Every terminal the answers can name, first match wins; what each answers
/// is in docs/terminals.md. XTVERSION names a terminal best, so its rows
/// come first; DA2 numbers are the fallback for terminals without it.
pub const TERMINALS: &[(Sign, Known)] = {
    const fn known(name: &'static str, family: Family) -> Known {
        Known {
            name,
            family: Some(family),
        }
    }
    const TMUX: Known = Known {
        name: "tmux",
        family: None,
    };
    &[
        (Sign::Version("tmux "), TMUX),
        (Sign::Version("XTerm("), known("xterm", Family::Plain)),
        (Sign::Version("kitty("), known("kitty", Family::Kitty)),
        (Sign::Version("Konsole "), known("Konsole", Family::Konsole)),
        (Sign::Version("WezTerm "), known("WezTerm", Family::Plain)),
        (Sign::Version("foot("), known("foot", Family::Plain)),
        (Sign::Version("ghostty "), known("Ghostty", Family::Plain)),
        (Sign::Version("iTerm2 "), known("iTerm2", Family::Plain)),
        (Sign::Version("mintty "), known("mintty", Family::Mintty)),
        (Sign::Secondary(84, None), TMUX),
        (Sign::BidiModes, known("VTE", Family::Vte)),
        (Sign::Secondary(65, None), known("VTE", Family::Vte)),
        (Sign::Secondary(24, None), known("mlterm", Family::Mlterm)),
        (
            Sign::Secondary(1, Some(4000)),
            known("kitty", Family::Kitty),
        ),
        (
            Sign::Secondary(1, Some(115)),
            known("Konsole", Family::Konsole),
        ),
        (
            Sign::Secondary(0, Some(115)),
            known("QTerminal", Family::Qterminal),
        ),
        (Sign::Secondary(41, None), known("xterm", Family::Plain)),
        (
            Sign::Secondary(0, Some(1700)),
            known("alacritty", Family::Plain),
        ),
        (Sign::Secondary(85, None), known("urxvt", Family::Plain)),
        (Sign::Secondary(64, Some(0)), known("zutty", Family::Plain)),
        (
            Sign::Secondary(83, None),
            known("GNU screen", Family::Plain),
        ),
        (Sign::Secondary(77, None), known("mintty", Family::Mintty)),
    ]
};

impl Answers {
    /// Keeps `reply` (a repeated answer replaces the earlier one).
    pub fn take(&mut self, reply: Reply) {
        match reply {
            Reply::Version(v) => self.version = Some(v),
            Reply::Secondary(n) => self.secondary = Some(n),
            Reply::Mode {
                dec: false,
                mode: 8,
                state,
            } => self.bidi_mode = Some(state),
            Reply::Mode {
                dec: true,
                mode: 2026,
                state,
            } => self.sync_mode = Some(state),
            Reply::Mode { .. } => {}
            Reply::Primary(n) => self.primary = Some(n),
        }
    }

    /// True once DA1 has come: nothing more will.
    pub fn complete(&self) -> bool {
        self.primary.is_some()
    }

    /// True when nothing has come.
    pub fn is_empty(&self) -> bool {
        *self == Answers::default()
    }

    /// The terminal the answers name, from [`TERMINALS`].
    pub fn terminal(&self) -> Option<Known> {
        TERMINALS
            .iter()
            .find(|(sign, _)| self.shows(*sign))
            .map(|(_, known)| *known)
    }

    fn shows(&self, sign: Sign) -> bool {
        match sign {
            Sign::Version(prefix) => self
                .version
                .as_deref()
                .is_some_and(|v| v.starts_with(prefix)),
            Sign::Secondary(kind, version) => match self.secondary.as_deref() {
                Some([k, v, ..]) => *k == kind && version.is_none_or(|want| *v == want),
                Some([k]) => *k == kind && version.is_none(),
                _ => false,
            },
            Sign::BidiModes => matches!(self.bidi_mode, Some(1 | 2)),
        }
    }

    /// True when the terminal can hold a frame back until it is complete
    /// (DEC mode 2026 recognized and changeable).
    pub fn synchronized_output(&self) -> bool {
        matches!(self.sync_mode, Some(1 | 2))
    }

    /// The answers as they came, one line for `nkru-tui terminal`; every
    /// byte display-safe.
    pub fn describe(&self) -> String {
        let numbers = |n: &Option<Vec<u32>>| {
            n.as_ref().map_or("–".to_string(), |n| {
                n.iter().map(u32::to_string).collect::<Vec<_>>().join(";")
            })
        };
        let state = |s: Option<u32>| s.map_or("–".to_string(), |s| s.to_string());
        let mut text = format!(
            "XTVERSION {} · DA2 {} · mode 8 {} · ?2026 {} · DA1 {}",
            self.version
                .as_deref()
                .map_or("–".to_string(), crate::text::display_safe),
            numbers(&self.secondary),
            state(self.bidi_mode),
            state(self.sync_mode),
            numbers(&self.primary),
        );
        if let Some(outer) = &self.outer {
            let outer = if outer.is_empty() {
                "none (allow-passthrough off)".to_string()
            } else {
                format!(
                    "DA2 {} · mode 8 {} · DA1 {}",
                    numbers(&outer.secondary),
                    state(outer.bidi_mode),
                    numbers(&outer.primary)
                )
            };
            text.push_str(&format!("; through tmux: {outer}"));
        }
        text
    }
}

/// Gathers the answers to [`QUERIES`] (already sent at `start`): `next`
/// gives the next answer to arrive before the deadline it is given, or
/// `None` when that deadline passed first. Waits [`FIRST_ANSWER_WAIT`] for
/// a first answer, then up to [`ALL_ANSWERS_WAIT`] for DA1, which ends it.
pub fn gather(start: Instant, mut next: impl FnMut(Instant) -> Option<Reply>) -> Answers {
    let mut answers = Answers::default();
    while !answers.complete() {
        let wait = if answers.is_empty() {
            FIRST_ANSWER_WAIT
        } else {
            ALL_ANSWERS_WAIT
        };
        match next(start + wait) {
            Some(reply) => answers.take(reply),
            None => break,
        }
    }
    AWAITING_DA1.store(!answers.is_empty() && !answers.complete(), Ordering::SeqCst);
    answers
}

/// Waits, at most [`LATE_ANSWERS_WAIT`], while [`AWAITING_DA1`] holds.
pub fn let_late_answers_come() {
    let end = Instant::now() + LATE_ANSWERS_WAIT;
    while AWAITING_DA1.load(Ordering::SeqCst) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The terminal an XTVERSION text alone names (tmux keeps its client's
/// answer as `client_termtype`), if [`TERMINALS`] knows it.
pub fn by_version(text: &str) -> Option<Known> {
    Answers {
        version: Some(text.to_string()),
        ..Answers::default()
    }
    .terminal()
    .filter(|known| known.family.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each terminal's answers as measured (docs/terminals.md), as raw bytes.
    const MEASURED: &[(&str, &[u8])] = &[
        (
            "xterm",
            b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[8;0$y\x1b[?2026;0$y\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c",
        ),
        ("VTE", b"\x1b[>65;7006;1c\x1b[8;1$y\x1b[?2026;4$y\x1b[?65;1;9c"),
        ("Konsole", b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62;1;4c"),
        (
            "mlterm",
            b"\x1b[>24;279;0c\x1b[8;0$y\x1b[?2026;0$y\x1b[?63;1;2;3;4;6;7;15;18;22;29c",
        ),
        (
            "kitty",
            b"\x1bP>|kitty(0.26.5)\x1b\\\x1b[>1;4000;26c\x1b[8;0$y\x1b[?2026;2$y\x1b[?62;c",
        ),
        ("QTerminal", b"\x1b[>0;115;0c\x1b[?1;2c"),
        ("alacritty", b"\x1b[>0;1700;1c\x1b[?6c"),
        ("urxvt", b"\x1b[>85;95;0c\x1b[?2026;0$y\x1b[?1;2c"),
        ("zutty", b"\x1b[>64;0;0c\x1b[?64;1;9;15;21;22c"),
        ("tmux", b"\x1bP>|tmux 3.3a\x1b\\\x1b[>84;0;0c\x1b[?1;2c"),
    ];

    fn answers(bytes: &[u8]) -> (Answers, Vec<crossterm::event::Event>) {
        let mut parser = crate::term::input::Parser::new();
        let mut events = Vec::new();
        parser.feed(bytes, &mut events);
        let mut answers = Answers::default();
        for reply in parser.take_replies() {
            answers.take(reply);
        }
        (answers, events)
    }

    #[test]
    fn every_measured_terminal_is_named_by_its_answers() {
        for (name, bytes) in MEASURED {
            let (answers, events) = answers(bytes);
            assert!(
                events.is_empty(),
                "{name}: answers read as keys: {events:?}"
            );
            assert!(answers.complete(), "{name}: DA1 seen");
            let known = answers.terminal().map(|k| k.name);
            assert_eq!(known, Some(*name), "{name}: {}", answers.describe());
        }
    }

    /// mintty's answers as its documentation gives them (not measured here).
    #[test]
    fn mintty_is_named_by_its_documented_answers() {
        let (full, _) = answers(
            b"\x1bP>|mintty 3.1.5\x1b\\\x1b[>77;30105;0c\x1b[?65;1;2;3;4;6;9;11;15;21;22;28;29;52c",
        );
        assert_eq!(full.terminal().and_then(|k| k.family), Some(Family::Mintty));
        let (by_da2, _) = answers(b"\x1b[>77;30105;0c\x1b[?65;1c");
        assert_eq!(by_da2.terminal().map(|k| k.name), Some("mintty"));
    }

    #[test]
    fn the_families_follow_the_terminals() {
        let family = |bytes: &[u8]| answers(bytes).0.terminal().and_then(|k| k.family);
        let of = |name: &str| {
            MEASURED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| family(b))
        };
        assert_eq!(of("VTE"), Some(Some(Family::Vte)));
        assert_eq!(of("mlterm"), Some(Some(Family::Mlterm)));
        assert_eq!(of("Konsole"), Some(Some(Family::Konsole)));
        assert_eq!(of("kitty"), Some(Some(Family::Kitty)));
        assert_eq!(of("QTerminal"), Some(Some(Family::Qterminal)));
        assert_eq!(of("xterm"), Some(Some(Family::Plain)));
        assert_eq!(of("tmux"), Some(None));
        // st answers DA1 alone: nothing is known, detection goes on.
        assert_eq!(family(b"\x1b[?6c"), None);
    }

    #[test]
    fn only_a_terminal_that_can_hold_frames_gets_synchronized_output() {
        for (name, bytes) in MEASURED {
            assert_eq!(
                answers(bytes).0.synchronized_output(),
                *name == "kitty",
                "{name}"
            );
        }
    }

    #[test]
    fn answers_in_pieces_and_among_keys_are_cut_out_and_keys_kept() {
        let (_, kitty) = MEASURED[4];
        let mut with_keys = b"j".to_vec();
        with_keys.extend_from_slice(kitty);
        with_keys.extend_from_slice(b"k");
        for at in 0..with_keys.len() {
            let mut parser = crate::term::input::Parser::new();
            let mut events = Vec::new();
            parser.feed(&with_keys[..at], &mut events);
            parser.feed(&with_keys[at..], &mut events);
            let mut got = Answers::default();
            for reply in parser.take_replies() {
                got.take(reply);
            }
            assert_eq!(
                got.terminal().map(|k| k.name),
                Some("kitty"),
                "split at {at}"
            );
            let keys: Vec<_> = events
                .iter()
                .filter_map(|e| match e {
                    crossterm::event::Event::Key(k) => Some(k.code),
                    _ => None,
                })
                .collect();
            use crossterm::event::KeyCode::Char;
            assert_eq!(keys, vec![Char('j'), Char('k')], "split at {at}");
        }
    }

    #[test]
    fn gathering_ends_at_da1_or_at_the_deadline() {
        let start = Instant::now();
        let mut replies = vec![Reply::Primary(vec![6]), Reply::Secondary(vec![65, 7006, 1])];
        let mut deadlines = Vec::new();
        let got = gather(start, |deadline| {
            deadlines.push(deadline - start);
            replies.pop()
        });
        assert_eq!(got.secondary, Some(vec![65, 7006, 1]));
        assert!(got.complete());
        assert_eq!(deadlines, vec![FIRST_ANSWER_WAIT, ALL_ANSWERS_WAIT]);
        let mut asked = 0;
        let none = gather(start, |_| {
            asked += 1;
            None
        });
        assert!(none.is_empty());
        assert_eq!(asked, 1);
    }

    #[test]
    fn an_escape_cutting_an_answer_is_a_key_again() {
        // `ESC [ A` (Up) typed into an unfinished XTVERSION answer.
        let (_, events) = answers(b"\x1bP>|kit\x1b[A");
        let up = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Up,
            crossterm::event::KeyModifiers::NONE,
        ));
        assert_eq!(events, vec![up]);
    }

    #[test]
    fn an_xtversion_alone_names_the_terminal_behind_tmux() {
        assert_eq!(by_version("XTerm(379)").map(|k| k.name), Some("xterm"));
        assert_eq!(
            by_version("kitty(0.26.5)").and_then(|k| k.family),
            Some(Family::Kitty)
        );
        assert_eq!(by_version("tmux 3.3a"), None);
        assert_eq!(by_version(""), None);
    }
}
