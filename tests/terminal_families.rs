//! Each terminal family, as the real binary talks to it in a pseudo-terminal:
//! the order of the bidi bytes at start-up and exit, what a VTE-like
//! terminal would show (a model of implicit bidi run over the real output),
//! the live mode switch and the clipboard.

mod pty;

use base64::Engine;
use pty::Session;
use unicode_bidi::{BidiInfo, Level};

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Where the first Arabic letter of the first frame was written.
fn first_arabic(raw: &[u8]) -> usize {
    let text = String::from_utf8_lossy(raw);
    let at = text
        .char_indices()
        .find(|(_, c)| matches!(*c as u32, 0x0600..=0x06FF | 0xFB50..=0xFEFF))
        .map(|(i, _)| i);
    // Lossy decoding keeps the byte offsets of valid UTF-8.
    at.expect("some Arabic was drawn")
}

fn started(s: &mut Session) {
    s.wait_for("the first frame", |sc| {
        let last = sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
        sc.alternate_screen() && sc.contents().contains("1948 -1945") && last.contains("tab")
    });
}

/// A terminal with implicit bidi (VTE's default): a row is reordered by the
/// Unicode bidi algorithm (paragraph direction left to right) unless the
/// explicit mode reached it. `CSI 8 l` reaches the cursor's row and rows
/// created later; an erase of the display or a switch of screen creates
/// every row anew, in the mode then current.
struct ImplicitTerminal {
    parser: vt100::Parser,
    explicit: bool,
    rows: Vec<bool>,
}

impl ImplicitTerminal {
    fn new(cols: u16, rows: u16) -> ImplicitTerminal {
        let nz = |n| std::num::NonZeroU16::new(n).expect("non-zero");
        ImplicitTerminal {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            explicit: false,
            rows: vec![false; usize::from(rows)],
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        const MARKS: [&[u8]; 5] = [
            b"\x1b[8l",
            b"\x1b[8h",
            b"\x1b[2J",
            b"\x1b[?1049h",
            b"\x1b[?1049l",
        ];
        let mut done = 0;
        let mut i = 0;
        while i < bytes.len() {
            let Some(mark) = MARKS.iter().find(|m| bytes[i..].starts_with(m)) else {
                i += 1;
                continue;
            };
            let end = i + mark.len();
            self.parser.process(&bytes[done..end]);
            done = end;
            i = end;
            let row = usize::from(self.parser.screen().cursor_position().0);
            match *mark {
                b"\x1b[8l" | b"\x1b[8h" => {
                    self.explicit = *mark == b"\x1b[8l";
                    if let Some(r) = self.rows.get_mut(row) {
                        *r = self.explicit;
                    }
                }
                _ => self.rows.iter_mut().for_each(|r| *r = self.explicit),
            }
        }
        self.parser.process(&bytes[done..]);
    }

    /// Each row as xterm shows it (the cells as written).
    fn cells(&self) -> Vec<String> {
        let screen = self.parser.screen();
        screen.rows(0, screen.size().1.get()).collect()
    }

    /// Each row as the implicit-bidi terminal shows it.
    fn shown(&self) -> Vec<String> {
        self.cells()
            .into_iter()
            .zip(&self.rows)
            .map(|(row, explicit)| if *explicit { row } else { reorder(&row) })
            .collect()
    }
}

fn reorder(row: &str) -> String {
    let info = BidiInfo::new(row, Some(Level::ltr()));
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

/// Asserts that the implicit-bidi model shows what xterm shows.
fn assert_reads_like_xterm(s: &Session, scene: &str) {
    let mut model = ImplicitTerminal::new(100, 30);
    model.feed(&s.raw);
    let (cells, shown) = (model.cells(), model.shown());
    let wrong: Vec<String> = cells
        .iter()
        .zip(&shown)
        .enumerate()
        .filter(|(_, (c, v))| c != v)
        .map(|(i, (c, v))| format!("row {i}:\n  xterm: {c}\n  vte:   {v}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{scene}: {} rows reordered again by implicit bidi:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

const DEFAULT_MODE: (&str, &str) = ("NKRU_BIDI", "");

#[test]
fn vte_switches_to_explicit_mode_before_the_clear_and_back_on_exit() {
    let mut s = Session::start_fresh(&[], &[DEFAULT_MODE]);
    started(&mut s);
    s.send(b"q");
    assert!(s.wait_exit().success());
    let raw = &s.raw;
    let alt = find(raw, b"\x1b[?1049h").expect("alternate screen");
    let explicit = find(raw, b"\x1b[8l").expect("CSI 8 l");
    let ltr = find(raw, b"\x1b[1 k").expect("CSI 1 SP k");
    let clear = find(&raw[ltr..], b"\x1b[2J")
        .map(|i| i + ltr)
        .expect("a clear after the switch");
    assert!(alt < explicit && explicit < ltr && ltr < clear);
    assert!(
        clear < first_arabic(raw),
        "the clear comes before the first text"
    );
    let implicit = rfind(raw, b"\x1b[8h").expect("CSI 8 h on exit");
    let leave = rfind(raw, b"\x1b[?1049l").expect("alternate screen left");
    assert!(clear < implicit && implicit < leave);
    assert!(rfind(raw, b"\x1b[0 k").is_some_and(|at| at > clear && at < leave));
}

#[test]
fn a_vte_like_terminal_shows_what_xterm_shows() {
    let mut s = Session::start_fresh(&[], &[DEFAULT_MODE]);
    started(&mut s);
    assert_reads_like_xterm(&s, "first screen");
    for _ in 0..4 {
        s.send(b"\x1b[B");
    }
    s.wait_for("the fifth era", |sc| sc.contents().contains("(1979–1970)"));
    assert_reads_like_xterm(&s, "after Down ×4");
    s.send(b"?");
    s.wait_for("help", |sc| sc.contents().contains("f2"));
    s.send(b"\x1b");
    s.wait_for("help closed", |sc| !sc.contents().contains("f2"));
    assert_reads_like_xterm(&s, "after help");
    s.resize(90, 25);
    s.wait_for("the resized frame", |sc| {
        sc.rows(0, 90).last().is_some_and(|r| r.contains("tab"))
    });
    s.resize(100, 30);
    s.wait_for("the frame at the first size", |sc| {
        sc.rows(0, 100).nth(29).is_some_and(|r| r.contains("tab"))
    });
    assert_reads_like_xterm(&s, "after a resize and back");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// A `tmux` first on the search path that says `allow-passthrough` is on;
/// returns the search path to run the program with.
fn tmux_allowing_passthrough(dir: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let tmux = dir.join("tmux");
    std::fs::write(&tmux, "#!/bin/sh\necho on\n").expect("write tmux");
    std::fs::set_permissions(&tmux, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = std::env::var("PATH").unwrap_or_default();
    format!("{}:{path}", dir.display())
}

#[test]
fn tmux_in_front_of_vte_passes_the_modes_through_after_the_switch_of_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = tmux_allowing_passthrough(dir.path());
    let env = [
        DEFAULT_MODE,
        ("TMUX", "/tmp/tmux-0/default,1,0"),
        ("PATH", path.as_str()),
    ];
    let mut s = Session::start_fresh(&[], &env);
    started(&mut s);
    s.send(b"q");
    assert!(s.wait_exit().success());
    let raw = &s.raw;
    let alt = find(raw, b"\x1b[?1049h").expect("alternate screen");
    let explicit = find(raw, b"\x1bPtmux;\x1b\x1b[8l\x1b\\").expect("CSI 8 l passed through");
    let ltr = find(raw, b"\x1bPtmux;\x1b\x1b[1 k\x1b\\").expect("CSI 1 SP k passed through");
    // The clear goes to tmux (it clears its pane alone), never through it:
    // the outer terminal's whole screen, tmux's status line with it, stays.
    assert_eq!(
        find(raw, b"\x1bPtmux;\x1b\x1b[2J"),
        None,
        "a clear passed through"
    );
    let clear = find(&raw[ltr..], b"\x1b[2J")
        .map(|i| i + ltr)
        .expect("the pane's clear");
    assert!(alt < explicit && explicit < ltr && ltr < clear);
    // Again at the start of every row, for rows a clear of a narrower pane
    // leaves as they were.
    let rows = find(
        raw,
        b"\x1bPtmux;\x1b\x1b[1;1H\x1b\x1b[8l\x1b\x1b[1 k\x1b\x1b[2;1H",
    )
    .expect("the settings at every row's start");
    assert!(ltr < rows && rows < clear);
    assert!(
        clear < first_arabic(raw),
        "the modes come before the first text"
    );
    let bare = raw
        .windows(4)
        .enumerate()
        .filter(|(i, w)| *w == b"\x1b[8l" && (*i == 0 || raw[i - 1] != 0x1b))
        .count();
    assert_eq!(bare, 0, "CSI 8 l only inside the passthrough");
    let implicit = rfind(raw, b"\x1bPtmux;\x1b\x1b[8h\x1b\\").expect("CSI 8 h on exit");
    let leave = rfind(raw, b"\x1b[?1049l").expect("alternate screen left");
    assert!(clear < implicit && implicit < leave);
}

#[test]
fn mlterm_loses_its_shaping_for_the_session_and_gets_it_back() {
    for (how, extra) in [("q", None), ("SIGTERM", Some(()))] {
        let mut s = Session::start_fresh(
            &[],
            &[DEFAULT_MODE, ("MLTERM", "3.9.0"), ("VTE_VERSION", "")],
        );
        started(&mut s);
        match extra {
            None => s.send(b"q"),
            Some(()) => {
                let pid = nix::unistd::Pid::from_raw(s.pid());
                nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("kill");
            }
        }
        s.wait_exit();
        let raw = &s.raw;
        let off = find(raw, b"\x1b]5379;use_ctl=false\x07").expect("use_ctl=false");
        let clear = find(&raw[off..], b"\x1b[2J")
            .map(|i| i + off)
            .expect("clear");
        assert!(
            clear < first_arabic(raw),
            "{how}: options set before drawing"
        );
        let on = rfind(raw, b"\x1b]5379;use_ctl=true\x07").expect("use_ctl=true");
        let leave = rfind(raw, b"\x1b[?1049l").expect("alternate screen left");
        assert!(off < on && on < leave, "{how}: options reset on exit");
        assert!(
            find(raw, b"\x1b[8l").is_none(),
            "{how}: no terminal-wg modes"
        );
        assert!(!s.parser.screen().alternate_screen());
    }
}

#[test]
fn a_terminal_without_bidi_is_sent_nothing_about_bidi() {
    let plain = [DEFAULT_MODE, ("VTE_VERSION", "")];
    let mut s = Session::start_fresh(&[], &plain);
    started(&mut s);
    s.send(b"q");
    assert!(s.wait_exit().success());
    for seq in [&b"\x1b[8l"[..], b"\x1b[8h", b" k", b"\x1b]5379"] {
        assert!(
            find(&s.raw, seq).is_none(),
            "{:?} sent",
            String::from_utf8_lossy(seq)
        );
    }
}

#[test]
fn f2_switches_the_mode_live_and_the_state_file_remembers_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let home = [
        DEFAULT_MODE,
        ("XDG_STATE_HOME", state.to_str().expect("utf-8 path")),
        ("XDG_CONFIG_HOME", "/nonexistent"),
    ];
    let mut s = Session::start(&[], home);
    started(&mut s);
    let before = s.raw.len();
    s.send(b"\x1bOQ"); // F2
    s.wait_for("logical text", |sc| sc.contents().contains("1945- 1948"));
    let after = &s.raw[before..];
    let implicit = find(after, b"\x1b[8h").expect("CSI 8 h on the switch");
    let clear = find(after, b"\x1b[2J").expect("then a clear");
    assert!(implicit < clear);
    let named = nkru_tui::ui::strings::MODE_TERMINAL.replace("{key}", "f2");
    s.wait_for("the mode named", |sc| sc.contents().contains(&named));
    s.send(b"q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(state.join("nkru-tui/state.toml")).expect("state");
    assert!(saved.contains("vte = \"terminal\""), "{saved}");
    // The next run in the same family starts in terminal mode.
    let mut s = Session::start(&[], home);
    s.wait_for("logical text", |sc| sc.contents().contains("1945- 1948"));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn y_copies_the_paragraph_as_the_dataset_has_it() {
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    let expected = data.eras[0].paragraphs[0].clone();
    let plain = [DEFAULT_MODE, ("VTE_VERSION", ""), ("NKRU_BIDI", "app")];
    let mut s = Session::start_fresh(&[], &plain);
    started(&mut s);
    s.send(b"y");
    let count = expected.chars().count().to_string();
    s.wait_for("the confirmation", |sc| sc.contents().contains(&count));
    s.send(b"q");
    assert!(s.wait_exit().success());
    let start = find(&s.raw, b"\x1b]52;c;").expect("OSC 52") + 7;
    let len = find(&s.raw[start..], b"\x07").expect("BEL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&s.raw[start..start + len])
        .expect("base64");
    assert_eq!(String::from_utf8(decoded).expect("utf-8"), expected);
}

/// A row as VTE shows it in implicit mode: the bidi algorithm over the
/// cells' text (paragraph left to right, isolates honoured), each cell
/// resolved right to left mirrored; then each cell that holds a zero-width
/// mark is drawn by Pango, which runs the bidi algorithm over that cell's
/// own text (direction from its first strong character): a bracket it
/// resolves right to left is mirrored again.
fn vte_shows(cells: &[String]) -> String {
    fn mirror(c: char) -> char {
        match c {
            '(' => ')',
            ')' => '(',
            '[' => ']',
            ']' => '[',
            '«' => '»',
            '»' => '«',
            c => c,
        }
    }
    let row: String = cells.concat();
    let mut starts = Vec::with_capacity(cells.len());
    let mut at = 0;
    for cell in cells {
        starts.push(at);
        at += cell.len();
    }
    let info = BidiInfo::new(&row, Some(Level::ltr()));
    let para = &info.paragraphs[0];
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    let mut shown = String::new();
    for run in runs {
        let mut in_run: Vec<usize> = (0..cells.len())
            .filter(|&i| run.contains(&starts[i]) && !cells[i].is_empty())
            .collect();
        let rtl = levels[run.start].is_rtl();
        if rtl {
            in_run.reverse();
        }
        for i in in_run {
            let mut chars = cells[i].chars();
            let Some(base) = chars.next() else { continue };
            let base = if rtl { mirror(base) } else { base };
            let rest: String = chars.collect();
            let drawn = if rest.is_empty() {
                base
            } else {
                let text = format!("{base}{rest}");
                let own = BidiInfo::new(&text, None);
                if own.levels[0].is_rtl() {
                    mirror(base)
                } else {
                    base
                }
            };
            shown.push(drawn);
        }
    }
    shown.replace(['\u{200E}', '\u{200F}', '\u{2067}', '\u{2069}'], "")
}

#[test]
fn vte_in_terminal_mode_shows_the_era_heading_s_brackets_the_right_way_round() {
    let mut s = Session::start_fresh(&[], &[("NKRU_BIDI", "terminal")]);
    s.wait_for("the first frame", |sc| sc.contents().contains("1945- 1948"));
    for _ in 0..4 {
        s.send(b"\x1b[B");
    }
    s.wait_for("the fifth era", |sc| sc.contents().contains("(1970–1979)"));
    let screen = s.parser.screen();
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    let heading = (0..rows)
        .map(|r| {
            (0..cols)
                .filter_map(|c| screen.cell(r, c).map(|cell| cell.contents().to_string()))
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.concat().contains("(1970–1979)"))
        .expect("the heading's row");
    let shown = vte_shows(&heading);
    assert!(
        shown.contains("(1979–1970)"),
        "the heading as VTE shows it: {shown}"
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}
