//! The user's configuration file: key overrides, theme, default bidi mode.
//!
//! ```toml
//! theme = "light"          # dark | light | mono
//! bidi = "terminal"        # auto | app | terminal (the --bidi flag and NKRU_BIDI win)
//! mouse = false            # like --no-mouse
//! [keys]
//! quit = ["q", "ctrl-q"]   # an action takes exactly the keys listed
//! next_era = "ctrl-n"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::action::Action;
use super::keymap::{Key, Keymap};
use super::theme::ThemeName;
use crate::cli::BidiChoice;
use crate::data::Position;
use crate::data::load::read_bounded;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    theme: Option<ThemeName>,
    #[serde(default)]
    bidi: Option<BidiSetting>,
    #[serde(default)]
    mouse: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<Action, OneOrMany>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum BidiSetting {
    Auto,
    App,
    Terminal,
}

/// `"j"` or `["j", "down"]`. Written by hand rather than `untagged` so that a
/// bad key name keeps its own message (and its position).
#[derive(Debug)]
struct OneOrMany(Vec<Key>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<OneOrMany, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key name or a list of key names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                v.parse().map(|k| OneOrMany(vec![k])).map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<Key>()? {
                    keys.push(k);
                }
                Ok(OneOrMany(keys))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The configuration in effect.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Option<ThemeName>,
    pub bidi: Option<BidiChoice>,
    pub mouse: Option<bool>,
}

/// `$XDG_CONFIG_HOME/nkru-tui/config.toml`, else `~/.config/nkru-tui/config.toml`.
pub fn default_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    super::state::xdg_dir(&env, "XDG_CONFIG_HOME", ".config").map(|d| d.join("config.toml"))
}

/// Parses a config file's text; `origin` names it in errors, which are one
/// line: `origin:line:column: message`.
pub fn parse(source: &str, origin: &str) -> Result<Config, String> {
    let file: ConfigFile = toml::from_str(source).map_err(|e| locate(source, origin, &e))?;
    let overrides = file
        .keys
        .into_iter()
        .map(|(action, keys)| (action, keys.0))
        .collect();
    Ok(Config {
        keymap: Keymap::with_overrides(&overrides),
        theme: file.theme,
        bidi: file.bidi.map(|b| match b {
            BidiSetting::Auto => BidiChoice::Auto,
            BidiSetting::App => BidiChoice::App,
            BidiSetting::Terminal => BidiChoice::Terminal,
        }),
        mouse: file.mouse,
    })
}

/// Config and state files are a few lines; anything larger is not one.
pub const MAX_SMALL_FILE_BYTES: u64 = 1024 * 1024;

/// Reads and parses `path`; `Ok(None)` when the file does not exist.
pub fn load(path: &Path) -> Result<Option<Config>, String> {
    let origin = path.display().to_string();
    match read_bounded(path, MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, &origin).map(Some),
            Err(_) => Err(format!("{origin}: cannot read: not UTF-8")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{origin}: cannot read: {e}")),
    }
}

/// `origin:line:column: message` from a toml error's span.
fn locate(source: &str, origin: &str, err: &toml::de::Error) -> String {
    let message = one_line(err.message());
    match err.span() {
        Some(span) => {
            let Position { line, column } = Position::of(source, span.start);
            format!("{origin}:{line}:{column}: {message}")
        }
        None => format!("{origin}: {message}"),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
