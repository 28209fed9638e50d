//! Putting text on the system clipboard: OSC 52 where the terminal takes it
//! (kitty, alacritty, foot, WezTerm, xterm when its window ops allow it), and
//! a clipboard program where one is installed (tmux's buffer, `wl-copy`,
//! `xclip`, `xsel`): VTE and Konsole have no OSC 52. The programs run with
//! a deadline ([`PROGRAM_DEADLINE`], see [`super::child`]), one copy at a time.

use std::io::{self, Write};
use std::time::Duration;

use base64::Engine;

use super::child::{self, Job, Outcome, Slot};
use super::family::{Family, TermKind};

/// How the text left: the routes that took it, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Copied {
    /// Characters (Unicode scalar values) copied.
    pub chars: usize,
    /// `OSC 52`, `wl-copy`, … in the order they were used; empty when
    /// nothing could be reached.
    pub routes: Vec<&'static str>,
    /// The programs that had not finished at their deadline (killed).
    pub late: Vec<&'static str>,
    /// True when the programs were not tried: an earlier copy still ran.
    pub busy: bool,
}

/// How long a clipboard program has for the whole exchange: start, take the
/// text, exit (the X11 tools fork a child that keeps the selection).
pub const PROGRAM_DEADLINE: Duration = Duration::from_secs(2);

/// One copy through the programs at a time.
static PROGRAMS: Slot = Slot::new();

/// A clipboard program and its arguments.
pub type Program = (&'static str, &'static [&'static str]);

/// `OSC 52 ; c ; base64 BEL`: the terminal puts the text on the clipboard.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{payload}\x07")
}

/// True when the terminal (as far as we can tell) takes OSC 52. Inside tmux
/// the program route (`tmux load-buffer -w`) is used instead: tmux's default
/// `set-clipboard external` ignores OSC 52 from programs.
pub fn takes_osc52(kind: TermKind) -> bool {
    kind.tmux.is_none() && matches!(kind.family, Family::Plain | Family::Mlterm)
}

/// The clipboard programs to try, best first, from the environment: tmux's
/// buffer (which also sets the outer terminal's clipboard), then the first
/// of the Wayland or X11 tools that is installed.
pub fn programs(env: &impl Fn(&str) -> Option<String>) -> Vec<Program> {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let mut list: Vec<Program> = Vec::new();
    if set("TMUX") {
        list.push(("tmux", &["load-buffer", "-w", "-"]));
    }
    if set("WAYLAND_DISPLAY") {
        list.push(("wl-copy", &[]));
    }
    if set("DISPLAY") {
        list.push(("xclip", &["-selection", "clipboard", "-in"]));
        list.push(("xsel", &["--clipboard", "--input"]));
    }
    list
}

/// Copies `text`: OSC 52 written to `out` when the terminal takes it, and
/// through the first clipboard program (other than tmux) that accepts it.
/// The programs take up to [`PROGRAM_DEADLINE`] each: a caller that must
/// not wait calls [`copy_osc52`] and runs [`copy_programs`] on a thread.
pub fn copy(
    kind: TermKind,
    text: &str,
    out: &mut impl Write,
    env: &impl Fn(&str) -> Option<String>,
) -> io::Result<Copied> {
    let osc52 = copy_osc52(kind, text, out)?;
    let mut copied = copy_programs(text, &programs(env));
    if osc52 {
        copied.routes.insert(0, "OSC 52");
    }
    Ok(copied)
}

/// Writes OSC 52 to `out` when the terminal takes it; true when it did.
pub fn copy_osc52(kind: TermKind, text: &str, out: &mut impl Write) -> io::Result<bool> {
    if !takes_osc52(kind) {
        return Ok(false);
    }
    out.write_all(osc52(text).as_bytes())?;
    out.flush()?;
    Ok(true)
}

/// Feeds `text` to tmux's buffer and to the first desktop program that takes
/// it, one program at a time with a deadline each; `busy` and nothing tried
/// when another copy is still under way.
pub fn copy_programs(text: &str, programs: &[Program]) -> Copied {
    let mut copied = Copied {
        chars: text.chars().count(),
        ..Copied::default()
    };
    let Some(_slot) = PROGRAMS.take() else {
        copied.busy = !programs.is_empty();
        return copied;
    };
    let mut desktop_done = false;
    for &(program, args) in programs {
        let desktop = program != "tmux";
        if desktop && desktop_done {
            continue;
        }
        let job = Job {
            program,
            args,
            input: Some(text.as_bytes()),
            deadline: PROGRAM_DEADLINE,
            max_output: 0,
        };
        match child::run(&job) {
            out if out.succeeded() => {
                copied.routes.push(program);
                desktop_done |= desktop;
            }
            Outcome::Late => copied.late.push(program),
            _ => {}
        }
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        let text = "كوريا الشمالية وروسيا";
        let seq = osc52(text);
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap_or_default();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap_or_default();
        assert_eq!(String::from_utf8(decoded).as_deref(), Ok(text));
    }

    #[test]
    fn vte_konsole_and_tmux_get_no_osc52() {
        let vte = TermKind {
            family: Family::Vte,
            tmux: None,
        };
        assert!(!takes_osc52(vte));
        assert!(takes_osc52(TermKind::PLAIN));
        let tmux = TermKind {
            tmux: Some(super::super::Passthrough::Allowed),
            ..TermKind::PLAIN
        };
        assert!(!takes_osc52(tmux));
    }

    #[test]
    fn programs_follow_the_session() {
        let env = |k: &str| match k {
            "TMUX" | "DISPLAY" => Some("x".to_string()),
            _ => None,
        };
        let names: Vec<_> = programs(&env).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["tmux", "xclip", "xsel"]);
        assert!(programs(&|_: &str| None).is_empty());
    }

    #[test]
    fn copy_to_a_plain_terminal_writes_osc52() {
        let mut out = Vec::new();
        let copied = copy(TermKind::PLAIN, "ab ج", &mut out, &|_: &str| None);
        let copied = copied.ok();
        assert_eq!(
            copied,
            Some(Copied {
                chars: 4,
                routes: vec!["OSC 52"],
                ..Copied::default()
            })
        );
        assert_eq!(String::from_utf8_lossy(&out), osc52("ab ج"));
    }
}
