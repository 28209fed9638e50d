//! Putting text on the system clipboard: OSC 52 where the terminal takes it
//! (kitty, alacritty, foot, WezTerm, xterm when its window ops allow it), and
//! a clipboard program where one is installed (tmux's buffer, `wl-copy`,
//! `xclip`, `xsel`): VTE and Konsole have no OSC 52.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;

use super::family::{Family, TermKind};

/// How the text left: the routes that took it, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Characters (Unicode scalar values) copied.
    pub chars: usize,
    /// `OSC 52`, `wl-copy`, … in the order they were used; empty when
    /// nothing could be reached.
    pub routes: Vec<&'static str>,
}

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
pub fn programs(
    env: &impl Fn(&str) -> Option<String>,
) -> Vec<(&'static str, &'static [&'static str])> {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let mut list: Vec<(&'static str, &'static [&'static str])> = Vec::new();
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
pub fn copy(
    kind: TermKind,
    text: &str,
    out: &mut impl Write,
    env: &impl Fn(&str) -> Option<String>,
) -> io::Result<Copied> {
    let mut routes = Vec::new();
    if takes_osc52(kind) {
        out.write_all(osc52(text).as_bytes())?;
        out.flush()?;
        routes.push("OSC 52");
    }
    let mut desktop_done = false;
    for (program, args) in programs(env) {
        let desktop = program != "tmux";
        if desktop && desktop_done {
            continue;
        }
        if run(program, args, text) {
            routes.push(program);
            desktop_done |= desktop;
        }
    }
    Ok(Copied {
        chars: text.chars().count(),
        routes,
    })
}

/// Runs `program args`, feeding it `text`; true when it exits successfully
/// within a second (the X11 tools fork a child that keeps the selection).
fn run(program: &str, args: &[&str], text: &str) -> bool {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let fed = child
        .stdin
        .take()
        .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
    let end = Instant::now() + Duration::from_secs(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return fed && status.success(),
            Ok(None) if Instant::now() < end => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
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
                routes: vec!["OSC 52"]
            })
        );
        assert_eq!(String::from_utf8_lossy(&out), osc52("ab ج"));
    }
}
