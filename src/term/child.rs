//! Running a child program (a clipboard tool, tmux) with a deadline for the
//! whole exchange: starting it, writing its input and its exit. Its output is
//! read up to a bound and the rest refused (the pipe is closed); a program
//! still running at the deadline is killed and reaped, so no call waits for
//! ever and none leaves a zombie behind.
//!
//! [`Slot`]s keep to one program at a time of a kind: a caller that finds the
//! slot taken does without rather than start another.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// The program exited within the deadline; `stdout` and `stderr` hold at
    /// most the bound each.
    Exited {
        status: ExitStatus,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
    /// Still running at the deadline: killed and reaped.
    Late,
    /// It could not be started (not installed, not executable).
    NotStarted,
}

impl Outcome {
    /// True when the program exited with status 0.
    pub fn succeeded(&self) -> bool {
        matches!(self, Outcome::Exited { status, .. } if status.success())
    }
}

/// What to run.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub program: &'a str,
    pub args: &'a [&'a str],
    /// Written to the program's standard input, which is then closed; `None`
    /// gives it no input at all.
    pub input: Option<&'a [u8]>,
    /// For the whole exchange, from the start.
    pub deadline: Duration,
    /// At most this many bytes of each of stdout and stderr are kept; `0`
    /// sends them to `/dev/null`.
    pub max_output: usize,
}

/// How often a running program is looked at.
const POLL: Duration = Duration::from_millis(5);

/// Runs `job` to its end or its deadline.
pub fn run(job: &Job<'_>) -> Outcome {
    let end = Instant::now() + job.deadline;
    let output = || {
        if job.max_output == 0 {
            Stdio::null()
        } else {
            Stdio::piped()
        }
    };
    let spawned = Command::new(job.program)
        .args(job.args)
        .stdin(if job.input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(output())
        .stderr(output())
        .spawn();
    let Ok(mut child) = spawned else {
        return Outcome::NotStarted;
    };
    // The input is written on a thread of its own: a program that does not
    // read blocks that write, never the caller. Killing the program closes
    // the pipe, which ends the write (EPIPE) and the thread.
    if let (Some(input), Some(mut stdin)) = (job.input, child.stdin.take()) {
        let input = input.to_vec();
        let _ = std::thread::Builder::new()
            .name("nkru-child-in".into())
            .spawn(move || {
                let _ = stdin.write_all(&input);
            });
    }
    let stdout = child.stdout.take().map(|r| collect(r, job.max_output));
    let stderr = child.stderr.take().map(|r| collect(r, job.max_output));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < end => std::thread::sleep(POLL),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Late;
            }
        }
    };
    // The readers end when the pipes close; a grandchild still holding one
    // open cannot keep the caller past the deadline.
    let take = |rx: Option<mpsc::Receiver<Vec<u8>>>| {
        rx.and_then(|rx| {
            rx.recv_timeout(end.saturating_duration_since(Instant::now()))
                .ok()
        })
        .unwrap_or_default()
    };
    Outcome::Exited {
        status,
        stdout: take(stdout),
        stderr: take(stderr),
    }
}

/// Reads `from` on a thread, keeping at most `max` bytes; at the bound the
/// pipe is closed, so a program that prints without end gets EPIPE rather
/// than our memory.
fn collect(from: impl Read + Send + 'static, max: usize) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("nkru-child-out".into())
        .spawn(move || {
            let mut kept = Vec::new();
            let _ = from.take(max as u64).read_to_end(&mut kept);
            let _ = tx.send(kept);
        });
    rx
}

/// One program at a time of a kind.
#[derive(Debug)]
pub struct Slot(AtomicBool);

impl Slot {
    pub const fn new() -> Slot {
        Slot(AtomicBool::new(false))
    }

    /// The slot while the guard lives, or `None` when it is taken.
    pub fn take(&self) -> Option<SlotGuard<'_>> {
        self.0
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| SlotGuard(self))
    }
}

impl Default for Slot {
    fn default() -> Slot {
        Slot::new()
    }
}

/// Frees its [`Slot`] when dropped.
#[derive(Debug)]
pub struct SlotGuard<'a>(&'a Slot);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        self.0.0.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, input: Option<&[u8]>, deadline_ms: u64, max: usize) -> Outcome {
        run(&Job {
            program: "sh",
            args: &["-c", script],
            input,
            deadline: Duration::from_millis(deadline_ms),
            max_output: max,
        })
    }

    #[test]
    fn a_quick_program_gives_its_status_and_output() {
        let out = sh("cat; echo err >&2", Some(b"hello"), 5_000, 100);
        match out {
            Outcome::Exited {
                status,
                stdout,
                stderr,
            } => {
                assert!(status.success());
                assert_eq!(stdout, b"hello");
                assert_eq!(stderr, b"err\n");
            }
            other => panic!("{other:?}"),
        }
        assert!(!sh("exit 3", None, 5_000, 0).succeeded());
    }

    /// A program that never reads a large input: the write does not hold
    /// the caller; the program is killed at the deadline.
    #[test]
    fn a_program_that_never_reads_is_killed_at_the_deadline() {
        let input = vec![b'x'; 1 << 20];
        let start = Instant::now();
        let out = sh("sleep 30", Some(&input), 300, 0);
        assert!(matches!(out, Outcome::Late), "{out:?}");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }

    /// Endless output is cut at the bound; the program ends (EPIPE) or is
    /// killed, and memory holds the bound.
    #[test]
    fn endless_output_is_bounded() {
        let start = Instant::now();
        let out = sh("yes", None, 1_000, 4096);
        assert!(start.elapsed() < Duration::from_secs(3));
        if let Outcome::Exited { stdout, .. } = out {
            assert!(stdout.len() <= 4096);
        }
    }

    #[test]
    fn a_missing_program_is_not_started() {
        let out = run(&Job {
            program: "/nonexistent/nkru-no-such-program",
            args: &[],
            input: Some(b"x"),
            deadline: Duration::from_secs(1),
            max_output: 0,
        });
        assert!(matches!(out, Outcome::NotStarted));
    }

    #[test]
    fn a_slot_is_held_once() {
        let slot = Slot::new();
        let first = slot.take();
        assert!(first.is_some());
        assert!(slot.take().is_none());
        drop(first);
        assert!(slot.take().is_some());
    }
}
