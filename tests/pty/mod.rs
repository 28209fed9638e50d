//! The real binary in a pseudo-terminal (portable-pty), its screen read back
//! through vt100: shared by `tui_pty` and `hardening_tui`, each of which
//! uses part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Generous: CI machines are slow; nothing here measures speed.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The largest screen read back (a vt100 screen costs memory per cell): what
/// the program draws at most.
pub const SCREEN_CAP: (u16, u16) = nkru_tui::ui::view::MAX_AREA;

pub struct Session {
    rx: Receiver<Vec<u8>>,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    pub parser: vt100::Parser,
    /// Bytes for the program's input, written by a thread of their own so that
    /// a program that stops reading fails a test at its deadline instead of
    /// blocking it in `write`. `None` once [`Session::hang_up`] closed it.
    input: Option<Sender<Vec<u8>>>,
    pub child: Box<dyn Child + Send + Sync>,
    /// `None` once [`Session::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to close its end after its next read.
    closing: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The state and config folders of [`Session::start_fresh`].
    _home: Option<tempfile::TempDir>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// `nkru-tui args…` in a 100×30 terminal, in App bidi mode with colours,
    /// as in VTE (`VTE_VERSION`; no other terminal family, no tmux, no
    /// clipboard program), and `env` set on top.
    pub fn start<K, V>(args: &[&str], env: impl IntoIterator<Item = (K, V)>) -> Session
    where
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        Session::start_sized(args, env, (100, 30))
    }

    /// [`Session::start`] in a terminal of `cols`×`rows` cells; the screen
    /// read back is at most [`SCREEN_CAP`] of it (the top-left corner).
    pub fn start_sized<K, V>(
        args: &[&str],
        env: impl IntoIterator<Item = (K, V)>,
        (cols, rows): (u16, u16),
    ) -> Session
    where
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nkru-tui"));
        cmd.args(args);
        Session::default_env(&mut cmd);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::spawn(cmd, (cols, rows))
    }

    /// The environment of [`Session::start`].
    fn default_env(cmd: &mut CommandBuilder) {
        cmd.env("TERM", "xterm-256color");
        cmd.env("NKRU_BIDI", "app");
        cmd.env_remove("NO_COLOR");
        // A VTE terminal unless a test says otherwise: the terminal-wg bidi
        // sequences are sent, so every restore test checks them too.
        cmd.env("VTE_VERSION", "7006");
        for name in [
            "MLTERM",
            "KONSOLE_VERSION",
            "KITTY_WINDOW_ID",
            "TMUX",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ] {
            cmd.env_remove(name);
        }
    }

    /// `program args…` in a terminal of its own, `cols`×`rows` cells, with
    /// the environment of the tests (to test this harness itself).
    pub fn start_program(program: &str, args: &[&str], (cols, rows): (u16, u16)) -> Session {
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        Session::spawn(cmd, (cols, rows))
    }

    fn spawn(cmd: CommandBuilder, (cols, rows): (u16, u16)) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let mut writer = pair.master.take_writer().expect("writer");
        let (input, pending) = channel::<Vec<u8>>();
        std::thread::spawn(move || {
            for bytes in pending {
                if writer
                    .write_all(&bytes)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
        });
        let (tx, rx) = channel();
        let closing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let close = std::sync::Arc::clone(&closing);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0
                    || tx.send(buf[..n].to_vec()).is_err()
                    || close.load(std::sync::atomic::Ordering::SeqCst)
                {
                    break;
                }
            }
        });
        Session {
            rx,
            raw: Vec::new(),
            parser: vt100::Parser::new(nz(rows.min(SCREEN_CAP.1)), nz(cols.min(SCREEN_CAP.0)), 0),
            input: Some(input),
            child,
            master: Some(pair.master),
            closing,
            _home: None,
        }
    }

    /// `nkru-tui args…` in a 100×30 terminal with nothing in its environment
    /// but `TERM`, `LANG`, `PATH` and `env`, as a program started through
    /// ssh has: no terminal family variable, no home (nothing is saved).
    pub fn start_bare(args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nkru-tui"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::spawn(cmd, (100, 30))
    }

    /// [`Session::start`] with empty state and config folders of its own.
    pub fn start_fresh(args: &[&str], extra_env: &[(&str, &str)]) -> Session {
        Session::start_fresh_sized(args, extra_env, (100, 30))
    }

    /// [`Session::start_fresh`] in a terminal of `cols`×`rows` cells.
    pub fn start_fresh_sized(
        args: &[&str],
        extra_env: &[(&str, &str)],
        size: (u16, u16),
    ) -> Session {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = [
            ("XDG_STATE_HOME", dir.path().join("state")),
            ("XDG_CONFIG_HOME", dir.path().join("config")),
        ];
        let extra = extra_env
            .iter()
            .map(|(k, v)| (*k, std::path::PathBuf::from(v)));
        let mut session = Session::start_sized(args, home.into_iter().chain(extra), size);
        session._home = Some(dir);
        session
    }

    /// Feeds whatever arrived within `wait` to the parser.
    fn pump(&mut self, wait: Duration) -> Pumped {
        let bytes = match self.rx.recv_timeout(wait) {
            Ok(bytes) => bytes,
            Err(RecvTimeoutError::Timeout) => return Pumped::Nothing,
            Err(RecvTimeoutError::Disconnected) => return Pumped::Ended,
        };
        self.take(&bytes);
        while let Ok(more) = self.rx.try_recv() {
            self.take(&more);
        }
        Pumped::Some
    }

    fn take(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.parser.process(bytes);
    }

    /// Polls the screen until `ready` holds; panics with the screen after the deadline.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let end = Instant::now() + DEADLINE;
        while !ready(self.parser.screen()) {
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{}",
                self.text()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits until the program has written `needle`; its offset in [`Session::raw`].
    pub fn wait_raw(&mut self, what: &str, needle: &[u8]) -> usize {
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(at) = find(&self.raw, needle) {
                return at;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{}",
                self.text()
            );
            self.pump(Duration::from_millis(20));
        }
    }

    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.screen().alternate_screen()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        // The writer thread ends only when the program's side is gone, which
        // the deadlines of `wait_for` and `wait_exit` report.
        if let Some(input) = &self.input {
            let _ = input.send(bytes.to_vec());
        }
    }

    /// Closes the terminal under the program, as closing its window does:
    /// every descriptor of the master side is closed, so the program's
    /// terminal hangs up (SIGHUP, then reads and writes fail).
    pub fn hang_up(&mut self) {
        self.input = None;
        self.master = None;
        self.closing
            .store(true, std::sync::atomic::Ordering::SeqCst);
        // The reader thread holds the last descriptor, blocked in `read`:
        // a resize makes the program draw, and the thread closes it after
        // that read.
        let pid = nix::unistd::Pid::from_raw(self.pid());
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGWINCH);
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(master) = &self.master {
            master.resize(size(cols, rows)).expect("resize");
        }
        self.parser
            .set_size(nz(rows.min(SCREEN_CAP.1)), nz(cols.min(SCREEN_CAP.0)));
    }

    /// Waits for the first complete frame of the default dataset.
    pub fn wait_started(&mut self) {
        // The status bar is the last row drawn: once it is there, the frame is complete.
        self.wait_for("the first frame", |s| {
            let last = s.rows(0, s.size().1.get()).last().unwrap_or_default();
            s.alternate_screen() && s.contents().contains("1948 -1945") && last.contains("tab")
        });
    }

    /// The terminal is back to normal: main screen, cursor shown, mouse and
    /// bracketed paste off, autowrap and the implicit bidi mode restored
    /// after being switched off.
    pub fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "alternate screen left");
        assert!(!s.hide_cursor(), "cursor shown");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture off"
        );
        assert!(!s.bracketed_paste(), "bracketed paste off");
        let raw = &self.raw;
        let nowrap = find(raw, b"\x1b[?7l").expect("autowrap off at start");
        assert!(
            rfind(raw, b"\x1b[?7h").is_some_and(|at| at > nowrap),
            "autowrap on again on exit"
        );
        let explicit = find(raw, b"\x1b[8l").expect("CSI 8 l sent at start");
        assert!(find(raw, b"\x1b[1 k").is_some(), "CSI 1 SP k sent at start");
        let implicit = rfind(raw, b"\x1b[8h").expect("CSI 8 h sent on exit");
        assert!(implicit > explicit, "restored after being set");
        assert!(
            rfind(raw, b"\x1b[0 k").is_some_and(|at| at > explicit),
            "CSI 0 SP k sent on exit"
        );
    }

    /// Waits for the process to end, then reads its output to the end (the
    /// reader gets end of file once no process holds the terminal), so what
    /// it writes last (a warning on exit) is always there, however late.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                Instant::now() < end,
                "the process did not exit; screen:\n{}",
                self.text()
            );
            self.pump(Duration::from_millis(50));
        };
        while self.pump(Duration::from_millis(50)) != Pumped::Ended {
            assert!(
                Instant::now() < end,
                "the output did not end; screen:\n{}",
                self.text()
            );
        }
        status
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("pid") as i32
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a stray process behind a failed test.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// What [`Session::pump`] found.
#[derive(Debug, PartialEq, Eq)]
enum Pumped {
    Some,
    Nothing,
    /// The output ended: nobody holds the terminal any more.
    Ended,
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Words as App mode draws them, written out by hand: each letter is the
/// presentation form of its place in the word (whether it joins the letter
/// before it and the one after it, in logical order), and the word is read
/// backwards (left to right on screen is right to left in the text).
pub mod shown {
    /// السبعينيات: alef isolated (U+FE8D), lam initial (FEDF), seen, beh,
    /// ain, yeh, noon, yeh medial (FEB4 FE92 FECC FEF4 FEE8 FEF4), alef final
    /// (FE8E), teh isolated (FE95): alef does not join the letter after it.
    pub const SEVENTIES: &str =
        "\u{FE95}\u{FE8E}\u{FEF4}\u{FEE8}\u{FEF4}\u{FECC}\u{FE92}\u{FEB4}\u{FEDF}\u{FE8D}";
    /// الثمانينيات: alef isolated, lam initial, theh and meem medial (FE9C
    /// FEE4), alef final, noon initial (FEE7), yeh, noon, yeh medial, alef
    /// final, teh isolated.
    pub const EIGHTIES: &str =
        "\u{FE95}\u{FE8E}\u{FEF4}\u{FEE8}\u{FEF4}\u{FEE7}\u{FE8E}\u{FEE4}\u{FE9C}\u{FEDF}\u{FE8D}";
    /// الشيوعيين (in the 1970s era's text): alef isolated, lam initial,
    /// sheen and yeh medial (FEB8 FEF4), waw final (FEEE), ain initial
    /// (FECB: waw does not join forward), yeh, yeh medial, noon final (FEE6).
    pub const COMMUNISTS: &str =
        "\u{FEE6}\u{FEF4}\u{FEF4}\u{FECB}\u{FEEE}\u{FEF4}\u{FEB8}\u{FEDF}\u{FE8D}";
    /// المفاتيح (the help popup's title): alef isolated, lam initial, meem
    /// and feh medial (FEE4 FED4), alef final, teh initial (FE97), yeh
    /// medial, hah final (FEA2).
    pub const KEYS: &str = "\u{FEA2}\u{FEF4}\u{FE97}\u{FE8E}\u{FED4}\u{FEE4}\u{FEDF}\u{FE8D}";
    /// غورباتشوف: ghain initial (FECF), waw final, reh isolated (FEAD), beh
    /// initial (FE91), alef final, teh initial, sheen medial, waw final,
    /// feh isolated (FED1).
    pub const GORBACHEV: &str =
        "\u{FED1}\u{FEEE}\u{FEB8}\u{FE97}\u{FE8E}\u{FE91}\u{FEAD}\u{FEEE}\u{FECF}";
}
