//! The terminal named by its answers, as through ssh (only `TERM`, `LANG`
//! and `PATH` in the environment): a pseudo-terminal that answers the
//! start-up queries as VTE, mlterm, Konsole or kitty gets the bytes that
//! family gets when its variable names it; late answers in pieces are still
//! used; keys typed during the wait arrive; answers after the wait are never
//! keys; `NKRU_BIDI` still wins; the queries are asked on the alternate
//! screen, so what a terminal prints for one it does not know never reaches
//! the shell; a tmux that cannot be asked about the terminal outside it
//! says so.

mod pty;

use std::time::{Duration, Instant};

use pty::{Session, find};

/// What the program asks (XTVERSION, DA2, DECRQM 8, DECRQM ?2026, DA1).
const QUERIES: &[u8] = b"\x1b[>0q\x1b[>c\x1b[8$p\x1b[?2026$p\x1b[c";

/// Each terminal's answers as measured (docs/terminals.md), and the
/// variable that names it in its own shells.
const VTE: (&[u8], (&str, &str)) = (
    b"\x1b[>65;7006;1c\x1b[8;1$y\x1b[?2026;4$y\x1b[?65;1;9c",
    ("VTE_VERSION", "7006"),
);
const MLTERM: (&[u8], (&str, &str)) = (
    b"\x1b[>24;279;0c\x1b[8;0$y\x1b[?2026;0$y\x1b[?63;1;2;3;4;6;7;15;18;22;29c",
    ("MLTERM", "3.9.0"),
);
const KONSOLE: (&[u8], (&str, &str)) = (
    b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62;1;4c",
    ("KONSOLE_VERSION", "221203"),
);
const KITTY: (&[u8], (&str, &str)) = (
    b"\x1bP>|kitty(0.26.5)\x1b\\\x1b[>1;4000;26c\x1b[8;0$y\x1b[?2026;2$y\x1b[?62;c",
    ("KITTY_WINDOW_ID", "1"),
);
/// QTerminal: DA2 and DA1; DECRQM unknown (it prints the final `p` of each).
const QTERMINAL: &[u8] = b"\x1b[>0;115;0c\x1b[?1;2c";
/// tmux 3.3a answers for itself, whatever terminal is outside it.
const TMUX: &[u8] = b"\x1bP>|tmux 3.3a\x1b\\\x1b[>84;0;0c\x1b[?1;2c";

/// The first frame is whole once the status bar, its last row, is drawn.
fn started(s: &mut Session) {
    s.wait_for("the first frame", |sc| {
        let last = sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
        sc.alternate_screen() && sc.contents().contains("1948") && last.contains("tab")
    });
}

/// Everything the program writes from start to exit after `q`, answering
/// the queries with `answers` (none: a terminal that answers nothing).
fn session_bytes(env: &[(&str, &str)], answers: Option<&[u8]>) -> Vec<u8> {
    let mut s = Session::start_bare(&[], env);
    s.wait_raw("the queries", QUERIES);
    if let Some(answers) = answers {
        s.send(answers);
    }
    started(&mut s);
    s.send(b"q");
    assert!(s.wait_exit().success());
    std::mem::take(&mut s.raw)
}

/// `bytes` without DEC mode 2026's frame brackets.
fn without_sync(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace("\x1b[?2026h", "")
        .replace("\x1b[?2026l", "")
}

#[test]
fn answers_alone_get_the_bytes_the_family_variable_gets() {
    let plain = session_bytes(&[], None);
    for (name, (answers, variable)) in [
        ("VTE", VTE),
        ("mlterm", MLTERM),
        ("Konsole", KONSOLE),
        ("kitty", KITTY),
    ] {
        let by_variable = session_bytes(&[variable], None);
        let by_answers = session_bytes(&[], Some(answers));
        // kitty holds frames back (it says so): every frame is bracketed.
        let synchronized = name == "kitty";
        assert_eq!(
            find(&by_answers, b"\x1b[?2026h").is_some(),
            synchronized,
            "{name}: synchronized output"
        );
        assert_eq!(
            without_sync(&by_answers),
            without_sync(&by_variable),
            "{name}: the answers give what {} gives",
            variable.0
        );
        assert_ne!(
            without_sync(&by_answers),
            without_sync(&plain),
            "{name} is not treated as a plain terminal"
        );
    }
}

#[test]
fn a_terminal_that_answers_nothing_gets_its_first_screen_within_a_second() {
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    let asked = Instant::now();
    started(&mut s);
    let waited = asked.elapsed();
    assert!(
        waited < Duration::from_secs(1),
        "the first frame waited {waited:?} for answers that never came"
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn answers_late_and_in_pieces_are_used_and_keys_typed_meanwhile_arrive() {
    let (answers, _) = VTE;
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    // `?` opens the help: typed before the terminal answered.
    s.send(b"?");
    std::thread::sleep(Duration::from_millis(250));
    for piece in answers.chunks(7) {
        s.send(piece);
        std::thread::sleep(Duration::from_millis(30));
    }
    s.wait_for("the help, opened by the key typed during the wait", |sc| {
        sc.contents().contains("f2")
    });
    assert!(
        find(&s.raw, b"\x1b[8l").is_some(),
        "VTE named by the late answers: explicit mode set"
    );
    s.send(b"\x1b");
    s.wait_for("the help closed", |sc| !sc.contents().contains("f2"));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn answers_after_the_wait_are_never_taken_as_keys() {
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    started(&mut s);
    // Too late to be used; `y` in `$y` would copy, `c`, digits…
    let before = s.text();
    s.send(VTE.0);
    s.send(KITTY.0);
    // `?` opens the help: once it is drawn, everything before it was read.
    s.send(b"?");
    s.wait_for("the help", |sc| sc.contents().contains("f2"));
    s.send(b"\x1b");
    // The screen as it was, or the deadline with what the answers changed.
    s.wait_for("the screen as before the late answers", |sc| {
        sc.contents() == before
    });
    assert!(find(&s.raw, b"\x1b[8l").is_none(), "late answers were used");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn nkru_bidi_wins_over_the_answers() {
    let (answers, _) = VTE;
    let raw = session_bytes(&[("NKRU_BIDI", "terminal")], Some(answers));
    assert!(find(&raw, b"\x1b[8l").is_none(), "explicit mode never set");
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\x1b[8h\x1b[0 k\x1b[2J"),
        "VTE put in its implicit mode (terminal mode)"
    );
}

#[test]
fn the_terminal_command_says_what_was_decided_and_from_what() {
    let (answers, _) = VTE;
    let mut s = Session::start_bare(&["terminal"], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(answers);
    assert!(s.wait_exit().success());
    let text = s.text();
    for expected in [
        "VTE, named by its answers",
        "DA2 65;7006;1",
        "mode 8 1",
        "TERM=xterm-256color",
        "family      vte",
        "bidi mode   app",
        "F2",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}

/// The DECRQM queries' final bytes, as QTerminal and zutty print them.
const PRINTED: &[u8] = b"pp";

#[test]
fn the_queries_are_asked_on_the_alternate_screen_and_what_they_print_is_cleared() {
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    // The terminal prints what it did not understand where the queries
    // reach it: at the cursor, which a terminal's switch of screen leaves
    // where the shell had it, here where the first frame has blank cells.
    s.parser.process(b"\x1b[23;71H");
    let (row, col) = s.parser.screen().cursor_position();
    s.parser.process(PRINTED);
    // No answer: the first frame comes at the end of the wait.
    started(&mut s);
    let left = s.parser.screen().contents_between(row, col, row, col + 2);
    assert_ne!(
        left.as_bytes(),
        PRINTED,
        "printed in reply to a query, left on the first frame:\n{}",
        s.text()
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
    let alt = find(&s.raw, b"\x1b[?1049h").expect("the alternate screen");
    for query in [&b"\x1b[>0q"[..], b"\x1b[>c", b"$p", b"\x1b[c"] {
        assert!(
            find(&s.raw[..alt], query).is_none(),
            "{} sent before the alternate screen",
            String::from_utf8_lossy(query).escape_debug()
        );
    }
    assert_eq!(s.text().trim(), "", "left on the shell's screen");
}

#[test]
fn the_terminal_command_asks_on_the_alternate_screen_too() {
    let mut s = Session::start_bare(&["terminal"], &[]);
    s.wait_raw("the queries", QUERIES);
    s.parser.process(PRINTED);
    s.send(QTERMINAL);
    assert!(s.wait_exit().success());
    let text = s.text();
    assert!(text.contains("QTerminal, named by its answers"), "{text}");
    assert!(text.starts_with("terminal "), "left on the screen:\n{text}");
    assert!(!s.alternate_screen());
}

#[test]
fn tmux_answering_without_tmux_set_says_the_outer_terminal_is_unknown() {
    // As through ssh from inside a tmux: tmux answers, `TMUX` is gone.
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(TMUX);
    let last = |s: &Session| {
        let screen = s.parser.screen();
        screen
            .rows(0, screen.size().1.get())
            .last()
            .unwrap_or_default()
    };
    s.wait_for("the first frame, with the notice", |sc| {
        sc.alternate_screen()
            && sc.contents().contains("1948")
            && sc.contents().contains("outer terminal unknown")
    });
    let shown = last(&s);
    assert!(
        shown.contains("Arabic unreadable? Press f2") && shown.contains("nkru-tui terminal"),
        "{shown}"
    );
    // Any other key: the usual keys come back, with the mode switch's in
    // Latin letters.
    s.send(b"\x1b[B");
    s.wait_for("the keys with the mode switch's", |sc| {
        let last = sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
        last.contains("f2 bidi mode") && last.contains("tab")
    });
    assert!(!s.text().contains("outer terminal unknown"), "{}", s.text());
    // F2 switches, and says the way back.
    s.send(b"\x1bOQ");
    s.wait_for("the way back in the status line", |sc| {
        sc.contents().contains("Press f2 to switch back")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());

    let mut s = Session::start_bare(&["terminal"], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(TMUX);
    assert!(s.wait_exit().success());
    let text = s.text();
    for expected in [
        "outside tmux: unknown",
        "TMUX is unset",
        "queries passed through it got no answer",
        "set -g allow-passthrough on",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}

#[test]
fn tmux_answering_keeps_the_mode_switch_key_with_a_dataset_without_arabic() {
    // Nothing Arabic on screen: no notice, but Arabic can be typed into the
    // finder, which a VTE outside would reverse: the key stays in sight.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/example-en.toml");
    let mut s = Session::start_bare(&["--data", data], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(TMUX);
    let last_row = |sc: &vt100::Screen| sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
    s.wait_for("the keys with the mode switch's", |sc| {
        let last = last_row(sc);
        sc.alternate_screen() && last.contains("f2 bidi mode") && last.contains("tab")
    });
    assert!(!s.text().contains("outer terminal unknown"), "{}", s.text());
    s.send("/غوربا".as_bytes());
    s.wait_for("the finder, with the mode switch's key", |sc| {
        let last = last_row(sc);
        last.contains("f2 bidi mode") && last.contains("esc") && !last.contains("quit")
    });
    s.send(b"\x1b");
    s.wait_for("the finder closed", |sc| last_row(sc).contains("quit"));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn tmux_passing_queries_through_names_the_terminal_outside_without_tmux_set() {
    // As through ssh from inside a tmux with allow-passthrough on: tmux
    // answers for itself, then passes the next queries to VTE outside.
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(TMUX);
    s.wait_raw(
        "the queries passed through tmux",
        b"\x1bPtmux;\x1b\x1b[>c\x1b\x1b[8$p\x1b\x1b[c\x1b\\",
    );
    s.send(b"\x1b[>65;7006;1c\x1b[8;1$y\x1b[?65;1;9c");
    started(&mut s);
    assert!(!s.text().contains("outer terminal unknown"), "{}", s.text());
    s.send(b"q");
    assert!(s.wait_exit().success());
    let explicit = find(&s.raw, b"\x1bPtmux;\x1b\x1b[8l\x1b\\").expect("CSI 8 l passed through");
    let alt = find(&s.raw, b"\x1b[?1049h").expect("the alternate screen");
    assert!(alt < explicit);
    assert!(
        find(&s.raw, b"\x1bPtmux;\x1b\x1b[8h\x1b\\").is_some(),
        "CSI 8 h passed through on exit"
    );
}

#[test]
fn the_notice_about_an_unknown_outer_terminal_goes_by_itself() {
    // Read on for a while without a key: the notice has been there long
    // enough to read, then the usual keys come back with the mode switch's.
    let mut s = Session::start_bare(&[], &[]);
    s.wait_raw("the queries", QUERIES);
    s.send(TMUX);
    s.wait_for("the notice", |sc| {
        sc.contents().contains("outer terminal unknown")
    });
    let shown = Instant::now();
    s.wait_for("the keys with the mode switch's, without a key", |sc| {
        let last = sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
        last.contains("f2 bidi mode") && last.contains("tab")
    });
    assert!(
        shown.elapsed() >= Duration::from_secs(8),
        "gone after {:?}",
        shown.elapsed()
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_size_set_while_the_program_starts_is_the_size_it_draws_at() {
    // A pseudo-terminal whose size is set just after its program started
    // (as a wrapper that copies its own size does; until then 0×0, here
    // 1×1): the program draws at that size, not at the first one (a blank
    // screen, then text wrapped one letter a line).
    let mut s = Session::start_sized(
        &[],
        [("NKRU_TUI_TEST_SLOW_START", "1500"), ("NKRU_BIDI", "app")],
        (1, 1),
    );
    std::thread::sleep(Duration::from_millis(700));
    s.resize(100, 30);
    s.wait_for("the frame at the size set", |sc| {
        let last = sc.rows(0, 100).nth(29).unwrap_or_default();
        last.contains("tab")
    });
    let text = s.text();
    assert!(text.contains("1948"), "{text}");
    s.send(b"q");
    assert!(s.wait_exit().success());
}
