//! The real binary in a pseudo-terminal (portable-pty + vt100): it starts,
//! draws the eras, reacts to keys and resizes, and always leaves the terminal
//! as it found it (on `q`, SIGTERM, SIGHUP and a panic).

mod pty;

use pty::{Session, find, shown};

#[test]
fn browse_with_keys_then_quit_restores_the_terminal() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    let screen = s.text();
    assert!(
        screen.contains("2017 -2016"),
        "the sidebar lists the eras:\n{screen}"
    );
    assert!(
        screen.contains(shown::SEVENTIES),
        "Arabic labels are shaped and reordered:\n{screen}"
    );

    // ↓ four times from a fresh start: the 1970s era's text is in the pane.
    let seventies_word = shown::COMMUNISTS;
    assert!(!screen.contains(seventies_word));
    s.send(b"\x1b[B\x1b[B\x1b[B\x1b[B");
    s.wait_for("the 1970s text", |sc| {
        sc.contents().contains(seventies_word)
    });

    // j then k: one era on and back.
    s.send(b"j");
    s.wait_for("the 1980s text", |sc| {
        !sc.contents().contains(seventies_word)
    });
    s.send(b"k");
    s.wait_for("the 1970s text again", |sc| {
        sc.contents().contains(seventies_word)
    });

    // ? shows the help, Esc closes it.
    let help_title = shown::KEYS;
    s.send(b"?");
    s.wait_for("the help popup", |sc| {
        sc.contents().contains(help_title) && sc.contents().contains("ctrl-k")
    });
    s.send(b"\x1b");
    s.wait_for("help closed", |sc| !sc.contents().contains("ctrl-k"));

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    s.assert_restored();
}

#[test]
fn resize_to_60x20_and_back_redraws() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    // The panes' bottom border is 4 rows from the bottom of the screen.
    let bottom_border = |rows: u16| {
        move |sc: &vt100::Screen| {
            let row = sc
                .rows(0, sc.size().1.get())
                .nth(usize::from(rows - 4))
                .unwrap_or_default();
            row.starts_with('╰') && row.ends_with('╯')
        }
    };
    s.resize(60, 20);
    s.wait_for("the 60x20 layout", bottom_border(20));
    s.resize(100, 30);
    s.wait_for("the 100x30 layout", bottom_border(30));
    assert!(s.text().contains("1948 -1945"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    let pid = nix::unistd::Pid::from_raw(s.pid());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("kill");
    let status = s.wait_exit();
    assert!(!status.success(), "dies of the signal, got {status:?}");
    s.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    let pid = nix::unistd::Pid::from_raw(s.pid());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGHUP).expect("kill");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_then_reports() {
    let mut s = Session::start_fresh(&[], &[("NKRU_TUI_TEST_PANIC", "1")]);
    s.wait_started();
    s.send(b"j");
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let restored_at = raw.rfind("\x1b[8h").expect("restore");
    let message_at = raw.rfind("forced panic").expect("panic message printed");
    assert!(
        message_at > restored_at,
        "the message lands on the restored screen"
    );
}

#[test]
fn mouse_is_captured_by_default_and_not_with_no_mouse() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    assert_ne!(
        s.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.send(b"q");
    assert!(s.wait_exit().success());

    let mut s = Session::start_fresh(&["--no-mouse"], &[]);
    s.wait_started();
    assert_eq!(
        s.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn terminal_mode_sends_no_bidi_sequences() {
    let mut s = Session::start_fresh(&["--bidi", "terminal"], &[("VTE_VERSION", "")]);
    s.wait_for("the era list", |sc| sc.contents().contains("1945- 1948"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert!(find(&s.raw, b"\x1b[8l").is_none() && find(&s.raw, b"\x1b[8h").is_none());
    assert!(find(&s.raw, b" k").is_none(), "no SCP sequence");
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn unknown_era_fails_before_touching_the_terminal() {
    let mut s = Session::start_fresh(&["--era", "nope"], &[]);
    let status = s.wait_exit();
    assert!(!status.success());
    let text = s.text();
    assert!(
        text.contains("unknown era `nope`") && text.contains("1970s"),
        "{text}"
    );
    assert!(
        find(&s.raw, b"\x1b[?1049h").is_none(),
        "never entered the alternate screen"
    );
}

/// Text of the cells drawn with background `bg`, row by row.
fn cells_with_bg(screen: &vt100::Screen, bg: vt100::Color) -> String {
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    let mut out = String::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = screen.cell(r, c)
                && cell.bgcolor() == bg
            {
                out.push_str(cell.contents());
            }
        }
    }
    out
}

#[test]
fn finder_jump_highlights_then_n_and_esc() {
    // The dark theme draws the current mention on light green (ANSI 10).
    const CURRENT: vt100::Color = vt100::Color::Idx(10);
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    s.send(b"/");
    s.wait_for("the finder", |sc| sc.contents().contains("Tab"));
    s.send(b"gorba");
    s.wait_for("the Gorbachev result", |sc| {
        sc.contents().contains("Gorbachev")
    });
    s.send(b"\r");
    let (heading, name) = (shown::EIGHTIES, shown::GORBACHEV);
    // The status bar is drawn last: waiting for it means the frame is complete.
    let at_the_mention = |sc: &vt100::Screen| {
        let text = sc.contents();
        !text.contains("Gorbachev")
            && text.contains(heading)
            && cells_with_bg(sc, CURRENT).contains(name)
            && text.contains("1/1")
    };
    s.wait_for("the 1980s era with the mention highlighted", at_the_mention);
    // `]` goes to the next era, the highlights kept; `n` comes back to the
    // only mention.
    s.send(b"]");
    s.wait_for("the next era, no mention in view", |sc| {
        cells_with_bg(sc, CURRENT).is_empty() && sc.contents().contains("1/1")
    });
    s.send(b"n");
    s.wait_for("n back at the only mention", at_the_mention);
    s.send(b"\x1b");
    s.wait_for("highlights cleared", |sc| {
        cells_with_bg(sc, CURRENT).is_empty() && !sc.contents().contains("1/1")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The status bar names the bidi mode after F2 and clears it by itself a
/// few seconds later, with no key pressed.
#[test]
fn the_bidi_mode_message_goes_away_by_itself() {
    const MESSAGE: &str = "Bidi mode: terminal";
    let mut s = Session::start_fresh(&["--lang", "en"], &[]);
    s.wait_for("the first frame", |sc| sc.contents().contains("1948 -1945"));
    s.send(b"\x1bOQ");
    s.wait_for("the mode message", |sc| sc.contents().contains(MESSAGE));
    s.wait_for("the message cleared", |sc| !sc.contents().contains(MESSAGE));
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The harness reads a session's output to its end, not for a while after
/// the process exits: here the shell exits at once and what it left behind
/// (deaf to the hang-up signal its exit sends) writes half a second later,
/// still on the terminal.
#[test]
fn the_harness_reads_the_output_to_its_end() {
    let mut s = Session::start_program(
        "sh",
        &["-c", "trap '' HUP; (sleep 0.5; printf late) & printf early"],
        (40, 5),
    );
    s.wait_exit();
    let text = s.raw_text();
    assert!(text.contains("early") && text.contains("late"), "{text:?}");
}

/// The first screen does not wait for the index: with the build held back
/// (`NKRU_TUI_TEST_HOLD_INDEX`, debug builds only: the build waits until the
/// file it names exists) the browser draws, the finder opens, takes a query
/// and says it is indexing; once the build goes ahead the finder answers
/// the query with no further key. Then `q` quits at once.
#[test]
fn the_first_screen_comes_before_the_index_and_the_finder_answers_when_ready() {
    let dir = tempfile::tempdir().expect("tempdir");
    let release = dir.path().join("go");
    let hold = release.display().to_string();
    let mut s = Session::start_fresh(
        &["--lang", "en", "--layout", "ltr"],
        &[("NKRU_TUI_TEST_HOLD_INDEX", &hold)],
    );
    s.wait_started();
    s.send(b"/");
    s.wait_for("the finder, indexing", |sc| {
        sc.contents().contains("Indexing…")
    });
    s.send(b"Putin");
    s.wait_for("the query typed while indexing", |sc| {
        sc.contents().contains("Putin")
    });
    let waiting = s.text();
    assert!(waiting.contains("Indexing…"), "{waiting}");
    assert!(!waiting.contains("mentions"), "no results yet:\n{waiting}");
    std::fs::write(&release, b"").expect("release the build");
    s.wait_for("the answer, with no further key", |sc| {
        let text = sc.contents();
        text.contains("mentions") && !text.contains("Indexing")
    });
    s.send(b"\x1b");
    s.wait_for("the finder closed", |sc| {
        !sc.contents().contains("esc close")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

/// Ctrl-C while the index is still being built (held back for good)
/// quits: the index thread does not keep the process alive (else
/// `wait_exit` would time out).
#[test]
fn quitting_while_indexing_does_not_wait_for_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hold = dir.path().join("never").display().to_string();
    let mut s = Session::start_fresh(&[], &[("NKRU_TUI_TEST_HOLD_INDEX", &hold)]);
    s.wait_started();
    s.send(b"\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}
