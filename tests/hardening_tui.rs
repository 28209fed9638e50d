//! Hardening of the browser: bad state and config files, every
//! terminal size, and a storm of keys and resizes through the real keymap.
//!
//! Files: each case compares the file's bytes (and mode) before and after,
//! and checks the notice, the defaults and that the reader's place is kept
//! whenever it can be read. "Unreadable" is `chmod 000`, except when the
//! tests run as root (root reads a mode-000 file): then a directory stands
//! in its place, which `read` refuses to root too (see [`make_unreadable`]).
//! Likewise a read-only state directory does not stop root from writing, so
//! under root saving is blocked by a directory at the temporary file's name
//! (see [`block_saving`]).
//!
//! Sizes: every width 1–300 at heights 1–14, 24, 30, 60 and 100; every
//! height 1–100 at widths 1–45, 80, 100, 200 and 300; and a grid of every
//! third width by every third height over 1–300 × 1–100, with no popup,
//! the help popup and the finder (with a query) open.
//!
//! The tests run in a debug build in a few seconds each; no timing is asserted.
//!
//! Files: this one holds the helpers; `hardening_tui/files.rs` the state
//! and config files (and `--fresh`, and the same in a pseudo-terminal),
//! `hardening_tui/sizes.rs` the sizes and the storms.

use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use nkru_tui::cli::GlobalArgs;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::App;
use nkru_tui::ui::keymap::Key;
use nkru_tui::ui::run::apply;
use nkru_tui::ui::state::{self, Loaded, SavedState};
use nkru_tui::ui::theme::Theme;
use nkru_tui::ui::view::Painter;
use nkru_tui::ui::{Prepared, prepare};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

mod hostile;
/// The real binary in a pseudo-terminal.
mod pty;

#[path = "hardening_tui/files.rs"]
mod files;
#[path = "hardening_tui/sizes.rs"]
mod sizes;

// ---------------------------------------------------------------- helpers

/// A private home: `XDG_STATE_HOME` and `XDG_CONFIG_HOME` under a temp dir.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state").join("nkru-tui")
    }

    fn state(&self) -> PathBuf {
        self.state_dir().join("state.toml")
    }

    fn config(&self) -> PathBuf {
        self.dir
            .path()
            .join("config")
            .join("nkru-tui")
            .join("config.toml")
    }

    fn write(&self, path: &Path, bytes: &[u8]) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    fn env(&self) -> HashMap<String, String> {
        let mut env = HashMap::new();
        let d = self.dir.path();
        env.insert(
            "XDG_STATE_HOME".into(),
            d.join("state").display().to_string(),
        );
        env.insert(
            "XDG_CONFIG_HOME".into(),
            d.join("config").display().to_string(),
        );
        env
    }

    fn try_prepare(
        &self,
        global: &GlobalArgs,
        size: (u16, u16),
    ) -> Result<Prepared, nkru_tui::ui::UiError> {
        let data = nkru_tui::data::embedded().expect("embedded dataset");
        let env = self.env();
        let lookup = move |k: &str| env.get(k).cloned();
        prepare(data, &global.launch(), BidiMode::App, &lookup, size)
    }

    /// At 40×12, the smallest full layout, where the 1970s era is longer
    /// than the pane (so a saved scroll position shows).
    fn prepare(&self) -> Prepared {
        self.try_prepare(&GlobalArgs::default(), (40, 12))
            .expect("prepare")
    }
}

/// What a path holds, to prove a file was left untouched.
#[derive(Debug, PartialEq, Eq)]
enum Snap {
    File { bytes: Vec<u8>, mode: u32 },
    Dir { entries: Vec<String>, mode: u32 },
}

fn snap(path: &Path) -> Snap {
    let meta = std::fs::symlink_metadata(path).expect("stat");
    let mode = meta.permissions().mode();
    if meta.is_dir() {
        let mut entries: Vec<String> = std::fs::read_dir(path)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        entries.sort();
        return Snap::Dir { entries, mode };
    }
    // A mode-000 file: read it with the permission back on, then restore the mode.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let bytes = std::fs::read(path).expect("read");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    Snap::File { bytes, mode }
}

/// Makes `path` (holding `bytes`) unreadable and says how. `chmod 000`
/// when that stops reads; as root it does not, so a directory takes the
/// file's place (reading a directory fails for everyone).
fn make_unreadable(home: &Home, path: &Path, bytes: &[u8]) -> &'static str {
    home.write(path, bytes);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(path).is_err() {
        return "chmod 000";
    }
    std::fs::remove_file(path).expect("rm");
    std::fs::create_dir(path).expect("mkdir");
    "a directory in place of the file (running as root)"
}

/// Makes saving into `dir` fail and says how: `chmod 555` on the directory
/// when that stops writes; as root it does not, so a directory squats on
/// the name of the temporary file `state::save` writes first (the name
/// holds the process id: `pid`).
fn block_saving(dir: &Path, pid: u32) -> &'static str {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.join(".probe");
    if std::fs::write(&probe, b"x").is_err() {
        return "chmod 555 on the state directory";
    }
    std::fs::remove_file(&probe).expect("rm probe");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::create_dir(dir.join(format!(".state.toml.{pid}.tmp"))).expect("mkdir blocker");
    "a directory at the temporary file's name (running as root)"
}

/// Cells holding a control character (C0, DEL, C1) or any other char the
/// hostile dataset injects (bidi controls, tags…): must be none.
fn control_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    hostile::unsafe_cells(buf)
}

/// Draws the app at its own size into a fresh buffer, as a frame does.
fn draw(app: &App) -> Buffer {
    let area = Rect::new(0, 0, app.size().0, app.size().1);
    let mut buf = Buffer::empty(area);
    Painter::new().draw_into(app, area, &mut buf);
    buf
}

fn label(app: &App) -> String {
    app.data()
        .section_at(app.selected())
        .expect("section")
        .label
        .to_string()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
