//! However a session ends, the place is saved and the terminal left as it
//! should be: the window closed under the program, Ctrl-Z and `fg`, SIGTSTP
//! and SIGCONT from outside, and the signals that end a program.

mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use pty::{Session, find, rfind};

/// The browser with its state in `dir`, moved three eras down (to 1955–1969).
fn moved(dir: &Path) -> Session {
    let state = dir.display().to_string();
    let mut s = Session::start(
        &[],
        [
            ("XDG_STATE_HOME", state.as_str()),
            ("XDG_CONFIG_HOME", "/nonexistent"),
        ],
    );
    s.wait_started();
    for _ in 0..3 {
        s.send(b"\x1b[B");
    }
    s.wait_for("the fourth era selected", |sc| {
        sc.contents()
            .lines()
            .any(|row| row.contains("1969–1955") && row.contains('◀'))
    });
    s
}

fn saved_era(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("nkru-tui/state.toml")).unwrap_or_default()
}

#[test]
fn closing_the_window_keeps_the_place_and_ends_without_a_panic() {
    for run in 0..3 {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = moved(dir.path());
        s.hang_up();
        let status = s.wait_exit();
        assert_ne!(status.exit_code(), 101, "run {run}: a panic's status");
        let state = saved_era(dir.path());
        assert!(
            state.contains("era = \"1955-1969\""),
            "run {run}: the place saved; state file: {state:?}"
        );
    }
}

/// The process's state letter in /proc (`T`: stopped).
fn state_of(pid: i32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_state(pid: i32, want: char) {
    let end = Instant::now() + pty::DEADLINE;
    while state_of(pid) != want {
        assert!(
            Instant::now() < end,
            "process state {} never became {want}",
            state_of(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The browser started by a job-control shell, as from an interactive one:
/// `bash` with monitor mode puts it in a process group of its own, and
/// once it stops, reads a line, then brings it back with `fg`.
fn under_a_shell(dir: &Path) -> (Session, i32) {
    let script = format!(
        "export VTE_VERSION=7006 NKRU_BIDI=app TERM=xterm-256color XDG_STATE_HOME='{}' \\
         XDG_CONFIG_HOME=/nonexistent; set -m; \"$0\"; read -r line; fg",
        dir.display()
    );
    let mut s = Session::start_program(
        "bash",
        &["--norc", "-c", &script, env!("CARGO_BIN_EXE_nkru-tui")],
        (100, 30),
    );
    s.wait_started();
    let children = format!("/proc/{0}/task/{0}/children", s.pid());
    let pid = std::fs::read_to_string(children)
        .ok()
        .and_then(|c| c.split_whitespace().next()?.parse().ok())
        .expect("the browser's pid");
    (s, pid)
}

#[test]
fn ctrl_z_gives_the_terminal_back_then_the_screen_comes_back_whole() {
    for (how, stop) in [("Ctrl-Z", None), ("SIGTSTP", Some(Signal::SIGTSTP))] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, pid) = under_a_shell(dir.path());
        for _ in 0..3 {
            s.send(b"\x1b[B");
        }
        s.wait_for("the fourth era selected", |sc| {
            sc.contents()
                .lines()
                .any(|row| row.contains("1969–1955") && row.contains('◀'))
        });
        let before = s.raw.len();
        match stop {
            None => s.send(b"\x1a"),
            Some(signal) => kill(Pid::from_raw(pid), signal).expect("kill"),
        }
        wait_state(pid, 'T');
        s.wait_for("the normal screen", |sc| !sc.alternate_screen());
        let stopped = s.raw[before..].to_vec();
        assert!(
            find(&stopped, b"\x1b[?1049l").is_some(),
            "{how}: left the alternate screen before stopping"
        );
        assert!(
            find(&stopped, b"\x1b[8h").is_some(),
            "{how}: VTE's own bidi given back before stopping"
        );
        let at = s.raw.len();
        // The shell's `fg`.
        s.send(b"\n");
        s.wait_for("the screen back", |sc| {
            sc.alternate_screen()
                && sc
                    .contents()
                    .lines()
                    .any(|row| row.contains("1969–1955") && row.contains('◀'))
        });
        // Once, however the continue reached it.
        std::thread::sleep(Duration::from_millis(300));
        s.send(b"?");
        s.wait_for("help", |sc| sc.contents().contains("f2"));
        let back = &s.raw[at..];
        let entered = back.windows(8).filter(|w| *w == b"\x1b[?1049h").count();
        assert_eq!(entered, 1, "{how}: the terminal taken again once");
        let enter = find(back, b"\x1b[?1049h").expect("the alternate screen again");
        let explicit = find(back, b"\x1b[8l").expect("explicit bidi again");
        let clear = rfind(back, b"\x1b[2J").expect("a clear: every cell painted again");
        assert!(enter < explicit && explicit < clear, "{how}");
        s.send(b"\x1b");
        s.wait_for("help closed", |sc| !sc.contents().contains("f2"));
        s.send(b"q");
        assert!(s.wait_exit().success(), "{how}: q quits after the resume");
    }
}

#[test]
fn ctrl_z_without_a_shell_to_return_to_says_so_and_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    // portable-pty makes the program lead its session: nothing could resume it.
    let state = dir.path().display().to_string();
    let mut s = Session::start(
        &["--lang", "en"],
        [
            ("XDG_STATE_HOME", state.as_str()),
            ("XDG_CONFIG_HOME", "/nonexistent"),
        ],
    );
    s.wait_started();
    s.send(b"\x1a");
    s.wait_for("the notice", |sc| {
        sc.contents().contains("Nothing to suspend to")
    });
    assert_ne!(state_of(s.pid()), 'T', "never stopped");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn ending_signals_save_the_place_restore_and_die_of_the_signal() {
    for signal in [
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGALRM,
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = moved(dir.path());
        kill(Pid::from_raw(s.pid()), signal).expect("kill");
        let status = s.wait_exit();
        assert!(!status.success(), "{signal}: {status:?}");
        assert_eq!(
            status.signal(),
            Some(signal_name(signal)),
            "{signal}: {status:?}"
        );
        s.assert_restored();
        assert!(
            saved_era(dir.path()).contains("era = \"1955-1969\""),
            "{signal}: the place saved"
        );
    }
}

/// How portable-pty names a signal in an exit status.
fn signal_name(signal: Signal) -> &'static str {
    match signal {
        Signal::SIGQUIT => "Quit",
        Signal::SIGUSR1 => "User defined signal 1",
        Signal::SIGUSR2 => "User defined signal 2",
        Signal::SIGALRM => "Alarm clock",
        _ => "",
    }
}
