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
//! the clock; then send `q` and wait for the exit. Two warm-up runs, then
//! `NKRU_STARTUP_RUNS` (default 20) measured ones; prints min, median, p90
//! and max. For scale, the same is measured for `nkru-tui --version` (spawn
//! to exit: the cost of starting any process here).
//!
//! A plain `main` (harness = false) rather than criterion: one sample is a
//! whole process, and twenty of them say what there is to say.

use std::io::Read;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use nkru_tui::text::{BidiMode, single_line};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_nkru-tui");
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// A run that takes longer than this is reported as failed, not waited on.
const DEADLINE: Duration = Duration::from_secs(10);

struct Run {
    child: Box<dyn Child + Send + Sync>,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn std::io::Write + Send>,
    parser: vt100::Parser,
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
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("NKRU_BIDI", "app");
    cmd.env_remove("NO_COLOR");
    let child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("spawn {BIN}: {e}"))?;
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
                Ok(bytes) => self.parser.process(&bytes),
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
    let start = Instant::now();
    let mut run = spawn(&[], home)?;
    run.until(start, first_frame(title))?;
    let elapsed = start.elapsed();
    run.quit()?;
    Ok(elapsed)
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
            println!("startup: {BIN} in a {COLS}×{ROWS} pseudo-terminal");
            measure("spawn → first frame (seed)", runs, || {
                startup(&title, home.path())
            })?;
            measure("spawn → exit (--version)", runs, || version(home.path()))
        });
    if let Err(e) = result {
        eprintln!("startup: {e}");
        std::process::exit(1);
    }
}
