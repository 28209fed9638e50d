//! Child programs that hang or flood, in a pseudo-terminal: a clipboard
//! program that never reads, a tmux that never answers or never stops
//! printing. The browser stays live, and says when a copy timed out.

mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A folder of stand-in programs, put first on `PATH`.
struct Bin {
    dir: tempfile::TempDir,
}

impl Bin {
    fn new(programs: &[(&str, &str)]) -> Bin {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, script) in programs {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        Bin { dir }
    }

    fn path_var(&self) -> String {
        let old = std::env::var("PATH").unwrap_or_default();
        format!("{}:{old}", self.dir.path().display())
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A dataset of one era holding one paragraph of about 100 KB.
fn big_paragraph(dir: &Path) -> PathBuf {
    let words = vec!["word"; 20_000].join(" ");
    let text = format!(
        "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"en\"\n\
         [[era]]\nid = \"only\"\nlabel = \"Only\"\nparagraphs = [\"{words}\"]\n"
    );
    let path = dir.join("big.toml");
    std::fs::write(&path, text).expect("write");
    path
}

/// The children of `pid` now, from `/proc`.
fn children(pid: i32) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat")).is_ok_and(|stat| {
                // `pid (comm) state ppid …`: comm may hold spaces, so after the last ')'.
                stat.rsplit(')')
                    .next()
                    .and_then(|rest| rest.split_whitespace().nth(1))
                    .and_then(|ppid| ppid.parse::<i32>().ok())
                    == Some(pid)
            })
        })
        .collect()
}

/// Waits for the first frame of the article (the status bar may hold the
/// tmux guidance instead of the keys).
fn first_screen(s: &mut pty::Session) {
    s.wait_for("the first frame", |t| {
        t.alternate_screen() && t.contents().contains("1948 -1945")
    });
}

/// Resident memory of `pid` in KiB.
fn rss_kib(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn y_with_a_clipboard_program_that_never_reads_leaves_q_working() {
    let bin = Bin::new(&[("xclip", "exec sleep 30")]);
    let data = big_paragraph(bin.dir.path());
    let data_arg = data.display().to_string();
    let path = bin.path_var();
    let mut s = pty::Session::start_fresh(
        &["--data", &data_arg, "--lang", "en"],
        &[("PATH", path.as_str()), ("DISPLAY", ":99")],
    );
    s.wait_for("the paragraph", |t| t.contents().contains("word word"));
    s.send(b"y");
    let pressed = Instant::now();
    s.send(b"q");
    let status = s.wait_exit();
    assert!(
        pressed.elapsed() < Duration::from_secs(3),
        "q took {:?}",
        pressed.elapsed()
    );
    assert!(status.success(), "exit 0, got {status:?}");
    s.assert_restored();
}

#[test]
fn a_copy_that_times_out_says_so_and_the_program_is_reaped() {
    let bin = Bin::new(&[(
        "xclip",
        "echo $$ > \"$(dirname \"$0\")/pid\"\nexec sleep 30",
    )]);
    let data = big_paragraph(bin.dir.path());
    let data_arg = data.display().to_string();
    let path = bin.path_var();
    let mut s = pty::Session::start_fresh(
        &["--data", &data_arg, "--lang", "en"],
        &[("PATH", path.as_str()), ("DISPLAY", ":99")],
    );
    s.wait_for("the paragraph", |t| t.contents().contains("word word"));
    s.send(b"y");
    // Keys are answered while the copy waits.
    s.send(b"?");
    s.wait_for("help", |t| {
        t.contents().contains("Keys") || t.contents().contains("Help")
    });
    s.send(b"\x1b");
    s.wait_for("the timeout notice", |t| {
        t.contents()
            .contains("Copy timed out: xclip did not answer")
    });
    let pid: i32 = std::fs::read_to_string(bin.file("pid"))
        .expect("the stand-in ran")
        .trim()
        .parse()
        .expect("pid");
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "the late program is killed and reaped (no zombie)"
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// Inside tmux with VTE outside, tmux is asked about passthrough before the
/// first frame: one that never answers must not hold it.
#[test]
fn a_tmux_that_never_answers_does_not_hold_the_first_screen() {
    let bin = Bin::new(&[("tmux", "exec sleep 30")]);
    let path = bin.path_var();
    let started = Instant::now();
    let mut s = pty::Session::start_fresh(
        &["--lang", "en"],
        &[("PATH", path.as_str()), ("TMUX", "/tmp/tmux-0/default,1,0")],
    );
    first_screen(&mut s);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "first screen after {:?}",
        started.elapsed()
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_tmux_that_never_stops_printing_leaves_memory_flat() {
    let bin = Bin::new(&[("tmux", "exec yes on")]);
    let path = bin.path_var();
    let started = Instant::now();
    let mut s = pty::Session::start_fresh(
        &["--lang", "en"],
        &[("PATH", path.as_str()), ("TMUX", "/tmp/tmux-0/default,1,0")],
    );
    first_screen(&mut s);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "first screen after {:?}",
        started.elapsed()
    );
    let rss = rss_kib(s.pid());
    assert!(rss < 150 * 1024, "{rss} KiB resident");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// A repaint runs no tmux (its clear goes to tmux in band): with a tmux
/// that never ends but for `show-options`, 50 F2 presses leave none waiting.
#[test]
fn fifty_f2_presses_leave_no_tmux_waiting() {
    let bin = Bin::new(&[(
        "tmux",
        "case \"$1\" in show-options) echo on ;; *) exec sleep 30 ;; esac",
    )]);
    let path = bin.path_var();
    let mut s = pty::Session::start_fresh(
        &["--lang", "en"],
        &[("PATH", path.as_str()), ("TMUX", "/tmp/tmux-0/default,1,0")],
    );
    s.wait_started();
    for _ in 0..50 {
        s.send(b"\x1bOQ");
    }
    std::thread::sleep(Duration::from_millis(800));
    let waiting = children(s.pid());
    assert!(waiting.is_empty(), "children: {waiting:?}");
    s.send(b"q");
    assert!(s.wait_exit().success());
}
