//! Where the reader was, kept between runs in
//! `$XDG_STATE_HOME/nkru-tui/state.toml`: a place (era, scroll, and the
//! justification chosen with its key) per dataset, and the bidi mode chosen
//! with the live switch per terminal family.
//!
//! ```toml
//! [bidi]
//! vte = "terminal"
//! [places."<embedded nkru.toml>"]
//! era = "1970s"
//! scroll = 3
//! justify = "kashida"
//! [places."/home/reader/notes/other.toml"]
//! era = "intro"
//! ```
//!
//! The embedded dataset's place is keyed by its name, a file's by its
//! canonical path ([`place_key`]). A file of the older form, one place at
//! the top (`era = …`, `scroll = …`), is read once: its place goes to the
//! embedded article, or to a file dataset opened first that has its era, and
//! moves under `places` when the state is saved.
//!
//! Only a regular file is read or written (a FIFO, a device or a directory
//! in its place gets a notice, at once). A state file that cannot be read is
//! reported and never overwritten, so a reader's place is never lost
//! silently. Saving is atomic (a temporary file in the same directory, then
//! a rename), goes through a symbolic link to the file it names, and keeps
//! every key this build does not know.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::config::MAX_SMALL_FILE_BYTES;
use crate::data::load::read_regular;
use crate::text::BidiMode;

/// One dataset's place and the bidi choices, as the browser uses them.
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
    /// The justification the reader chose with its key for this dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justify: Option<crate::text::Justify>,
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
            BidiMode::Terminal
            | BidiMode::TerminalShaped
            | BidiMode::Qterminal
            | BidiMode::Mlterm => SavedMode::Terminal,
        }
    }
}

/// Why the state file cannot be read: each names the file, on one line.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: {error}", path = .0.display(), error = .1)]
    Io(PathBuf, std::io::Error),
    #[error("{}: not UTF-8", .0.display())]
    NotUtf8(PathBuf),
    /// Not TOML, or not the state file's form: where, and the mistake (its
    /// whitespace folded to single spaces).
    #[error("{}:{}:{}: {message}", .path.display(), .at.line, .at.column)]
    Toml {
        path: PathBuf,
        at: crate::data::diag::Position,
        message: String,
    },
}

/// Why the state was not saved: the file is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The reader made the file read-only: theirs to keep.
    #[error("{}: read-only file, left as it is", .0.display())]
    ReadOnly(PathBuf),
    /// The file there cannot be read, so what else it holds would be lost.
    #[error("{0}; left as it is")]
    Unreadable(ReadError),
    #[error("{path}: {error}", path = .0.display(), error = .1)]
    Serialize(PathBuf, toml::ser::Error),
    #[error("{path}: {error}", path = .0.display(), error = .1)]
    Write(PathBuf, std::io::Error),
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

/// The file as written: what this build reads of it (serde ignores the rest,
/// which [`save_place`] keeps).
#[derive(Debug, Default, Deserialize)]
struct FileForm {
    /// The older form's one place.
    #[serde(default)]
    era: Option<String>,
    #[serde(default)]
    scroll: Option<usize>,
    #[serde(default)]
    bidi: BTreeMap<String, SavedMode>,
    #[serde(default)]
    places: BTreeMap<String, Place>,
}

#[derive(Debug, Default, Deserialize)]
struct Place {
    #[serde(default)]
    era: Option<String>,
    #[serde(default)]
    scroll: usize,
    #[serde(default)]
    justify: Option<crate::text::Justify>,
}

/// The key of a dataset's place: the embedded dataset's name, or the
/// canonical path of the file (as given when it cannot be resolved).
pub fn place_key(file: Option<&Path>) -> String {
    match file {
        None => crate::data::EMBEDDED_NAME.to_owned(),
        Some(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
    }
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

/// The embedded dataset's place and the bidi choices: [`load_place`] for it.
pub fn load(path: &Path) -> Loaded {
    load_place(path, crate::data::EMBEDDED_NAME, |_| true)
}

/// The place of the dataset keyed `key` and the bidi choices. The older
/// form's place stands in for a dataset that has none of its own when
/// `has_era` knows its era.
pub fn load_place(path: &Path, key: &str, has_era: impl Fn(&str) -> bool) -> Loaded {
    let form = match read_form(path) {
        Ok(Some((form, _))) => form,
        Ok(None) => return Loaded::Missing,
        Err(why) => return Loaded::Unreadable(SaveError::Unreadable(why).to_string()),
    };
    let justify = form.places.get(key).and_then(|p| p.justify);
    let (era, scroll) = match form.places.get(key) {
        Some(place) => (place.era.clone(), place.scroll),
        None if form
            .era
            .as_deref()
            .is_some_and(|era| legacy_fits(key, era, &has_era)) =>
        {
            (form.era.clone(), form.scroll.unwrap_or(0))
        }
        None => (None, 0),
    };
    Loaded::Found(SavedState {
        era,
        scroll,
        bidi: form.bidi,
        justify,
    })
}

/// True when the older form's place, at `era`, belongs to the dataset keyed
/// `key`: it was the embedded article's, or a file's that has that era.
fn legacy_fits(key: &str, era: &str, has_era: &impl Fn(&str) -> bool) -> bool {
    key == crate::data::EMBEDDED_NAME || has_era(era)
}

/// The file read as this build knows it and as a whole table; `None` when
/// there is none; `Err` a one-line reason naming it.
fn read_form(path: &Path) -> Result<Option<(FileForm, toml::Table)>, ReadError> {
    let bytes = match read_regular(path, MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(path.to_path_buf(), e)),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(ReadError::NotUtf8(path.to_path_buf()));
    };
    let located = |e: toml::de::Error| {
        let (at, message) = crate::data::load::toml_error_at(&text, &e);
        ReadError::Toml {
            path: path.to_path_buf(),
            at,
            message: message.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    };
    let form = toml::from_str::<FileForm>(&text).map_err(located)?;
    let table = toml::from_str::<toml::Table>(&text).map_err(located)?;
    Ok(Some((form, table)))
}

/// Saves the embedded dataset's place: [`save_place`] for it.
pub fn save(path: &Path, state: &SavedState) -> Result<(), SaveError> {
    save_place(path, crate::data::EMBEDDED_NAME, state, |_| true)
}

/// Writes the place of the dataset keyed `key` and the bidi choices into the
/// state file, keeping what else it holds (other datasets' places, keys this
/// build does not know). The older form's place is dropped once it has
/// moved: when this dataset had no place of its own and `has_era` knows it.
///
/// Written atomically through a symbolic link; a file that cannot be read,
/// is not a regular file or is read-only is left as it is (`Err`).
pub fn save_place(
    path: &Path,
    key: &str,
    state: &SavedState,
    has_era: impl Fn(&str) -> bool,
) -> Result<(), SaveError> {
    let target = link_target(path);
    // A state file the reader made read-only is theirs to keep: the rename
    // below would replace it regardless of its mode, so refuse instead.
    if std::fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
        return Err(SaveError::ReadOnly(path.to_path_buf()));
    }
    let (form, mut table) = read_form(&target)
        .map_err(SaveError::Unreadable)?
        .unwrap_or_default();
    let mut places = match table.remove("places") {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    let legacy_moves = !form.places.contains_key(key)
        && form
            .era
            .as_deref()
            .is_none_or(|era| legacy_fits(key, era, &has_era))
        && (form.era.is_some() || form.scroll.is_some());
    if legacy_moves {
        table.remove("era");
        table.remove("scroll");
    }
    let mut place = match places.remove(key) {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    match &state.era {
        Some(era) => place.insert("era".into(), toml::Value::String(era.clone())),
        None => place.remove("era"),
    };
    let scroll = i64::try_from(state.scroll).unwrap_or(i64::MAX);
    place.insert("scroll".into(), toml::Value::Integer(scroll));
    if let Some(justify) = state.justify {
        place.insert("justify".into(), toml::Value::String(justify.name().into()));
    }
    places.insert(key.to_owned(), toml::Value::Table(place));
    let mut bidi = match table.remove("bidi") {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    for (family, mode) in &state.bidi {
        let word = match mode {
            SavedMode::App => "app",
            SavedMode::Terminal => "terminal",
        };
        bidi.insert(family.clone(), toml::Value::String(word.into()));
    }
    if !bidi.is_empty() {
        table.insert("bidi".into(), toml::Value::Table(bidi));
    }
    table.insert("places".into(), toml::Value::Table(places));
    let text = toml::to_string(&table).map_err(|e| SaveError::Serialize(path.to_path_buf(), e))?;
    write_atomically(&target, text.as_bytes()).map_err(|e| SaveError::Write(path.to_path_buf(), e))
}

/// The file a symbolic link names (followed to the end; a dangling link's
/// own target), or `path` itself.
fn link_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // A loop of links ends here rather than spinning.
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(next) => {
                at = match at.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => break,
        }
    }
    at
}

/// A temporary file in `path`'s directory, synced, then renamed over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent directory"))?;
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "state.toml".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let done = written.and_then(|()| std::fs::rename(&tmp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}
