//! Where the reader was: the last era and scroll position, kept between runs
//! in `$XDG_STATE_HOME/nkru-tui/state.toml`.
//!
//! A state file we cannot read is reported and left alone (never overwritten),
//! so a reader's place is never lost silently.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::config::MAX_SMALL_FILE_BYTES;
use crate::data::Position;
use crate::data::load::read_bounded;
use crate::text::BidiMode;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    /// Id of the selected era (or related item).
    #[serde(default)]
    pub era: Option<String>,
    /// First visible line of the detail pane.
    #[serde(default)]
    pub scroll: usize,
    /// The bidi mode the reader chose with the live switch, per terminal
    /// family (`vte`, `konsole`, `tmux-vte`… see `term::TermKind::name`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bidi: BTreeMap<String, SavedMode>,
}

/// A bidi mode as the state file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedMode {
    App,
    Terminal,
}

impl From<SavedMode> for BidiMode {
    fn from(mode: SavedMode) -> BidiMode {
        match mode {
            SavedMode::App => BidiMode::App,
            SavedMode::Terminal => BidiMode::Terminal,
        }
    }
}

impl From<BidiMode> for SavedMode {
    fn from(mode: BidiMode) -> SavedMode {
        match mode {
            BidiMode::App | BidiMode::Kitty => SavedMode::App,
            BidiMode::Terminal | BidiMode::TerminalShaped => SavedMode::Terminal,
        }
    }
}

/// The outcome of reading the state file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// No file yet (first run).
    Missing,
    Found(SavedState),
    /// The file exists but cannot be used: a one-line reason naming it.
    Unreadable(String),
}

/// `$XDG_STATE_HOME/nkru-tui/state.toml`, else `~/.local/state/nkru-tui/state.toml`.
pub fn default_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    xdg_dir(&env, "XDG_STATE_HOME", ".local/state").map(|d| d.join("state.toml"))
}

/// `$var/nkru-tui` when `var` is an absolute path (the XDG rule), else
/// `$HOME/fallback/nkru-tui`.
pub fn xdg_dir(
    env: &impl Fn(&str) -> Option<String>,
    var: &str,
    fallback: &str,
) -> Option<PathBuf> {
    let base = env(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(fallback))
        })?;
    Some(base.join("nkru-tui"))
}

pub fn load(path: &Path) -> Loaded {
    let origin = path.display();
    let text = match read_bounded(path, MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => return Loaded::Unreadable(format!("{origin}: {e}")),
    };
    let Ok(text) = String::from_utf8(text) else {
        return Loaded::Unreadable(format!("{origin}: not UTF-8"));
    };
    match toml::from_str::<SavedState>(&text) {
        Ok(state) => Loaded::Found(state),
        Err(e) => {
            let at = e.span().map(|s| {
                let p = Position::of(&text, s.start);
                (p.line, p.column)
            });
            let msg = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            Loaded::Unreadable(match at {
                Some((l, c)) => format!("{origin}:{l}:{c}: {msg}"),
                None => format!("{origin}: {msg}"),
            })
        }
    }
}

/// Writes `state` atomically: a temporary file in the same directory, then a
/// rename over the old one, so a crash mid-write never leaves half a file.
pub fn save(path: &Path, state: &SavedState) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    // A state file the reader made read-only is theirs to keep: the rename
    // below would replace it regardless of its mode, so refuse instead.
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(fail(&"read-only file, left as it is"));
    }
    let dir = path.parent().ok_or_else(|| fail(&"no parent directory"))?;
    std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    let text = toml::to_string(state).map_err(|e| fail(&e))?;
    let tmp = dir.join(format!(".state.toml.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(&e));
    }
    Ok(())
}
