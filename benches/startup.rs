//! Start-up to the first drawn frame of the real release binary in a
//! pseudo-terminal (portable-pty + vt100), on the embedded dataset.
//!
//! `cargo bench --bench startup` (cargo builds `nkru-tui` with the bench
//! profile first, and hands its path in `CARGO_BIN_EXE_nkru-tui`). Target
//! (BENCHMARKS.md): under 30 ms.
//!
//! Each run: open a 100×30 pseudo-terminal, start the clock, spawn the
//! binary, parse everything it writes until the first frame is complete on
//! the parsed screen (the alternate screen is on, the article title is in
//! the title bar and the status bar, the last row drawn, is there), stop
//! the clock; then send `q` and wait for the exit. The pseudo-terminal
//! answers the start-up queries' DA1 (`CSI c`) as every terminal does, at
//! once: unanswered, the browser would wait `term::probe::FIRST_ANSWER_WAIT`
//! for it. Two warm-up runs, then
//! `NKRU_STARTUP_RUNS` (default 20) measured ones; prints min, median, p90
//! and max. For scale, the same is measured for `nkru-tui --version` (spawn
//! to exit: the cost of starting any process here).
//!
//! With `NKRU_STARTUP_DATA=<file>` (a large dataset, e.g. the generator's
//! large-vocabulary one, see BENCHMARKS.md), the same for `--data <file>`:
//! spawn to first frame, with the CPU time the process had used by then
//! (user + system, from `/proc`, in clock ticks), and, for scale, spawn to
//! exit of `list --data <file>` (parse + validate, output to /dev/null) with
//! its CPU time; the load average is printed before and after.
//! `NKRU_STARTUP_BIN=<binary>` measures another build of the program (the
//! one before a change) in the same sitting.
//!
//! A plain `main` (harness = false) rather than criterion: one sample is a
//! whole process, and twenty of them say what there is to say.

use std::io::Read;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use nkru_tui::text::{BidiMode, single_line};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BUILT: &str = env!("CARGO_BIN_EXE_nkru-tui");

/// The binary measured: `NKRU_STARTUP_BIN`, else the one cargo built.
fn bin() -> String {
    std::env::var("NKRU_STARTUP_BIN").unwrap_or_else(|_| BUILT.to_string())
}
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// A run that takes longer than this is reported as failed, not waited on.
const DEADLINE: Duration = Duration::from_secs(10);

struct Run {
    child: Box<dyn Child + Send + Sync>,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn std::io::Write + Send>,
    parser: vt100::Parser,
    /// Everything written so far, to find the DA1 query in.
    raw: Vec<u8>,
    answered: bool,
    // Kept open until the run ends: closing the master hangs the child up.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Spawns `BIN args` in a fresh pseudo-terminal with private state and
/// config directories under `home`.
fn spawn(args: &[&str], home: &std::path::Path) -> Result<Run, String> {
    let size = PtySize {
        rows: ROWS,
        cols: COLS,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system()
        .openpty(size)
        .map_err(|e| format!("openpty: {e}"))?;
    let mut cmd = CommandBuilder::new(bin());
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("NKRU_BIDI", "app");
    cmd.env_remove("NO_COLOR");
    let child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("spawn {}: {e}", bin()))?;
    drop(pair.slave);
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(|e| format!("reader: {e}"))?;
    let writer = pair
        .master
        .take_writer()
        .map_err(|e| format!("writer: {e}"))?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let nz = |n| std::num::NonZeroU16::new(n).ok_or("zero size");
    Ok(Run {
        child,
        rx,
        writer,
        parser: vt100::Parser::new(nz(ROWS)?, nz(COLS)?, 0),
        raw: Vec::new(),
        answered: false,
        _master: pair.master,
    })
}

impl Run {
    /// Parses output until `done` holds for the screen.
    fn until(
        &mut self,
        start: Instant,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        while !done(self.parser.screen()) {
            let left = DEADLINE.saturating_sub(start.elapsed());
            match self.rx.recv_timeout(left) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.answer_da1(&bytes)?;
                }
                Err(_) => {
                    return Err(format!(
                        "no first frame within {DEADLINE:?}; screen:\n{}",
                        self.parser.screen().contents()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Answers DA1 (`CSI c`, the last of the start-up queries) once, as an
    /// xterm does.
    fn answer_da1(&mut self, bytes: &[u8]) -> Result<(), String> {
        if self.answered {
            return Ok(());
        }
        self.raw.extend_from_slice(bytes);
        if self.raw.windows(3).any(|w| w == b"\x1b[c") {
            self.answered = true;
            self.writer
                .write_all(b"\x1b[?62;22c")
                .and_then(|()| self.writer.flush())
                .map_err(|e| format!("write: {e}"))?;
        }
        Ok(())
    }

    /// Sends `q` and waits for the process to end.
    fn quit(mut self) -> Result<(), String> {
        self.writer
            .write_all(b"q")
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("write: {e}"))?;
        let status = self.child.wait().map_err(|e| format!("wait: {e}"))?;
        match status.success() {
            true => Ok(()),
            false => Err(format!("exit status {status:?}")),
        }
    }
}

use std::io::Write as _;

/// True once the first frame is fully on screen.
fn first_frame(title: &str) -> impl Fn(&vt100::Screen) -> bool + '_ {
    move |s| {
        let contents = s.contents();
        let status_row = contents.lines().nth(usize::from(ROWS) - 1).unwrap_or("");
        s.alternate_screen() && contents.contains(title) && !status_row.trim().is_empty()
    }
}

/// Spawn to first frame, in the pseudo-terminal.
fn startup(title: &str, home: &std::path::Path) -> Result<Duration, String> {
    startup_cpu(&[], title, home).map(|(wall, _)| wall)
}

/// Spawn of `nkru-tui args` to its first frame, and the CPU time it had
/// used by then.
fn startup_cpu(
    args: &[&str],
    title: &str,
    home: &std::path::Path,
) -> Result<(Duration, Duration), String> {
    let start = Instant::now();
    let mut run = spawn(args, home)?;
    run.until(start, first_frame(title))?;
    let elapsed = start.elapsed();
    let cpu = run.child.process_id().and_then(cpu_of).unwrap_or_default();
    run.quit()?;
    Ok((elapsed, cpu))
}

/// User + system time of a running process, from `/proc/<pid>/stat`
/// (clock ticks, taken as 100 a second, as on every Linux here).
fn cpu_of(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state is field 3; utime and
    // stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Spawn to exit of `nkru-tui list --data file` (output to /dev/null), and
/// its CPU time.
fn list(file: &str) -> Result<(Duration, Duration), String> {
    use nix::sys::resource::{UsageWho, getrusage};
    let used = || {
        getrusage(UsageWho::RUSAGE_CHILDREN).map(|u| {
            let t = |tv: nix::sys::time::TimeVal| {
                Duration::new(tv.tv_sec() as u64, tv.tv_usec() as u32 * 1000)
            };
            t(u.user_time()) + t(u.system_time())
        })
    };
    let before = used().map_err(|e| format!("getrusage: {e}"))?;
    let start = Instant::now();
    let status = std::process::Command::new(bin())
        .args(["list", "--data", file])
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("list: {e}"))?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("list: {status}"));
    }
    let after = used().map_err(|e| format!("getrusage: {e}"))?;
    Ok((elapsed, after.saturating_sub(before)))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Two warm-up runs, then `runs` measured ones of `f` (wall and CPU time).
fn measure_cpu(
    name: &str,
    runs: usize,
    f: impl Fn() -> Result<(Duration, Duration), String>,
) -> Result<(), String> {
    for _ in 0..2 {
        f()?;
    }
    let times = (0..runs).map(|_| f()).collect::<Result<Vec<_>, _>>()?;
    summary(name, times.iter().map(|t| t.0).collect());
    summary("  CPU (user + system)", times.iter().map(|t| t.1).collect());
    Ok(())
}

/// The large dataset's first frame and `list`, in this order, twice.
fn large(file: &str, runs: usize, home: &std::path::Path) -> Result<(), String> {
    let data = nkru_tui::data::load_file(std::path::Path::new(file))
        .map_err(|e| format!("{file}: {e}"))?;
    let title = single_line(&data.meta.title, 200, BidiMode::App, None)
        .0
        .text;
    drop(data);
    println!("{file}, load average {}", load_average());
    for _ in 0..2 {
        measure_cpu("spawn → first frame (--data)", runs, || {
            startup_cpu(&["--data", file], &title, home)
        })?;
        measure_cpu("spawn → exit (list --data)", runs, || list(file))?;
    }
    println!("load average {}", load_average());
    Ok(())
}

/// Spawn to exit of `nkru-tui --version`: the floor any start-up pays here.
fn version(home: &std::path::Path) -> Result<Duration, String> {
    let start = Instant::now();
    let mut run = spawn(&["--version"], home)?;
    run.child.wait().map_err(|e| format!("wait: {e}"))?;
    let elapsed = start.elapsed();
    // Drain so the reader thread ends with the pty.
    while run.rx.try_recv().is_ok() {}
    Ok(elapsed)
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<28} n={:<3} min {:>7.2} ms  median {:>7.2} ms  p90 {:>7.2} ms  max {:>7.2} ms",
        times.len(),
        ms(times[0]),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(times[times.len() - 1]),
    );
}

fn measure(
    name: &str,
    runs: usize,
    f: impl Fn() -> Result<Duration, String>,
) -> Result<(), String> {
    for _ in 0..2 {
        f()?;
    }
    let times = (0..runs).map(|_| f()).collect::<Result<Vec<_>, _>>()?;
    summary(name, times);
    Ok(())
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // special either way, so a quick single run then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = match quick {
        true => 1,
        false => std::env::var("NKRU_STARTUP_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20),
    };
    let data = match nkru_tui::data::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("startup: the embedded dataset: {e}");
            std::process::exit(1);
        }
    };
    // The title as the engine sends it in App mode: shaped, in visual order.
    let title = single_line(&data.meta.title, 200, BidiMode::App, None)
        .0
        .text;
    let result = tempfile::tempdir()
        .map_err(|e| format!("tempdir: {e}"))
        .and_then(|home| {
            println!("startup: {} in a {COLS}×{ROWS} pseudo-terminal", bin());
            measure("spawn → first frame (seed)", runs, || {
                startup(&title, home.path())
            })?;
            measure("spawn → exit (--version)", runs, || version(home.path()))?;
            match std::env::var("NKRU_STARTUP_DATA") {
                Ok(file) => large(&file, runs.min(5), home.path()),
                Err(_) => Ok(()),
            }
        });
    if let Err(e) = result {
        eprintln!("startup: {e}");
        std::process::exit(1);
    }
}
