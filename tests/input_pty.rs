//! Input that never wedges the browser, in a pseudo-terminal: bursts longer
//! than one read, escape sequences cut short (a pause gives them up, Ctrl-C
//! breaks them at once), bracketed paste, and absurd terminal sizes (the
//! drawn area is capped, nothing aborts, the terminal is restored).
//!
//! Pauses are slept on purpose (they are the input); nothing is timed.

mod pty;

use std::time::Duration;

use pty::Session;

/// Longer than every escape timeout of the input parser.
const PAUSE: Duration = Duration::from_millis(1500);

fn started() -> Session {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    s
}

fn assert_quits(s: &mut Session, what: &str) {
    let status = s.wait_exit();
    assert!(status.success(), "{what}: {status:?}");
    s.assert_restored();
}

#[test]
fn a_burst_longer_than_one_read_is_read_to_its_end() {
    let mut s = started();
    eprintln!("peak RSS at 100x30: {} MB", peak_rss_mb(s.pid()));
    // 3,001 bytes in one write: the `q` at the end must be seen.
    let mut burst = b"jk".repeat(1500);
    burst.push(b'q');
    s.send(&burst);
    assert_quits(&mut s, "q after a 3,000-byte burst");
}

#[test]
fn a_cut_sequence_then_a_pause_gives_the_next_keys_back() {
    for start in [&b"\x1b[<"[..], b"\x1b[?", b"\x1b[<0;12;", b"\x1b[200~"] {
        let mut s = started();
        s.send(start);
        std::thread::sleep(PAUSE);
        s.send(b"q");
        assert_quits(&mut s, &format!("q after {start:?} and a pause"));
    }
}

#[test]
fn ctrl_c_quits_whatever_came_before() {
    for start in [
        &b"\x1b[<"[..],
        b"\x1b[?",
        b"\x1b[<0;12;",
        b"\x1b[200~some text",
        b"\x1b",
    ] {
        let mut s = started();
        let mut bytes = start.to_vec();
        bytes.push(0x03);
        s.send(&bytes);
        assert_quits(&mut s, &format!("Ctrl-C after {start:?}"));
    }
}

#[test]
fn a_split_mouse_report_still_clicks() {
    let mut s = started();
    // The second era's row in the sidebar, clicked in two pieces.
    let before = s.text();
    s.send(b"\x1b[<0;");
    std::thread::sleep(Duration::from_millis(100));
    s.send(b"90;5M");
    s.wait_for("the click to select another era", |sc| {
        sc.contents() != before
    });
    s.send(b"q");
    assert_quits(&mut s, "q after a split click");
}

#[test]
fn bracketed_paste_is_on_and_a_paste_fills_the_finder_query() {
    let mut s = started();
    assert!(s.parser.screen().bracketed_paste(), "bracketed paste on");
    // Outside the finder a paste is ignored: its `q` does not quit.
    s.send(b"\x1b[200~q\x1b[201~/");
    s.wait_for("the finder", |sc| sc.contents().contains("Tab"));
    // Controls are dropped.
    s.send(b"\x1b[200~gorba\x07chev\x1b[201~");
    s.wait_for("the pasted query and its result", |sc| {
        let text = sc.contents();
        text.contains("gorbachev") && text.contains("Gorbachev")
    });
    // Line breaks become spaces; the paste is inserted at the cursor.
    s.send(b"\x15\x1b[200~one\r\ntwo\nthree\x1b[201~");
    s.wait_for("a one-line query", |sc| {
        sc.contents().contains("one two three")
    });
    s.send(b"\x1b");
    s.wait_for("the finder closed", |sc| !sc.contents().contains("one two"));
    s.send(b"q");
    assert_quits(&mut s, "q after pastes");
}

/// Thousands of characters typed into the finder (256-byte writes, as a
/// fast typist over a slow link or an unbracketed paste delivers them), then
/// an unbracketed 1 MB paste: the browser keeps up and quits on `q` after
/// Esc. Each keystroke's work is bounded by the query cap, so this ends well
/// within the session deadline; when every keystroke re-scored the whole
/// query it took minutes.
#[test]
fn thousands_of_typed_characters_and_a_long_unbracketed_paste_stay_responsive() {
    let mut s = started();
    s.send(b"/");
    s.wait_for("the finder", |sc| sc.contents().contains("Tab"));
    let typed = b"a".repeat(4000);
    for chunk in typed.chunks(256) {
        s.send(chunk);
    }
    s.send(b"\x15");
    let paste = b"kim jong un ".repeat((1 << 20) / 12);
    for chunk in paste.chunks(4096) {
        s.send(chunk);
    }
    s.send(b"\x1b");
    s.wait_for("the finder closed", |sc| !sc.contents().contains("Tab"));
    s.send(b"q");
    assert_quits(&mut s, "q after 4,000 typed characters and a 1 MB paste");
}

/// Peak resident memory of a running process, in MB.
fn peak_rss_mb(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kb / 1024
}

/// Generous (a debug build, the dataset and its index included), and far
/// below what an uncapped 65535×65535 frame would take (hundreds of GB).
const RSS_BOUND_MB: u64 = 400;

#[test]
fn a_resize_to_65535_square_neither_aborts_nor_grows_without_bound() {
    let mut s = started();
    s.resize(65535, 65535);
    // The capped area is drawn: its status bar is its last row.
    let (cols, rows) = nkru_tui::ui::view::MAX_AREA;
    s.wait_for("the capped frame", |sc| {
        sc.rows(0, cols)
            .nth(usize::from(rows - 1))
            .is_some_and(|r| r.contains("tab"))
    });
    let rss = peak_rss_mb(s.pid());
    eprintln!("peak RSS after a resize to 65535x65535: {rss} MB");
    assert!(rss < RSS_BOUND_MB, "peak RSS {rss} MB");
    s.resize(100, 30);
    s.wait_started();
    s.send(b"q");
    assert_quits(&mut s, "q after a 65535x65535 resize");
}

#[test]
fn starting_at_65535_square_draws_the_capped_area() {
    let mut s = Session::start_fresh_sized(&[], &[], (65535, 65535));
    s.wait_started();
    let rss = peak_rss_mb(s.pid());
    eprintln!("peak RSS when started at 65535x65535: {rss} MB");
    assert!(rss < RSS_BOUND_MB, "peak RSS {rss} MB");
    s.send(b"q");
    assert_quits(&mut s, "q at 65535x65535");
}
