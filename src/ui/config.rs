//! The user's configuration file: key overrides, theme, default bidi mode.
//! `nkru-tui config --print-default` prints every setting and key at its
//! default ([`default_file`]).
//!
//! ```toml
//! theme = "light"          # dark | light | mono
//! bidi = "terminal"        # auto | app | terminal (the --bidi flag and NKRU_BIDI win)
//! mouse = false            # like --no-mouse
//! measure = 66             # cells of the text column at most (0: the whole pane)
//! justify = "kashida"      # none | spaces | kashida
//! [keys]
//! quit = ["q", "ctrl-q"]   # an action takes exactly the keys listed
//! next_era = "ctrl-n"
//! finder_close = ["esc", "ctrl-g"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::action::Action;
use super::keymap::{DEFAULTS, Key, Keymap};
use super::strings::{Lang, Strings};
use super::theme::ThemeName;
use crate::data::Position;
use crate::data::load::read_bounded;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    theme: Option<ThemeName>,
    #[serde(default)]
    bidi: Option<BidiChoice>,
    #[serde(default)]
    mouse: Option<bool>,
    #[serde(default)]
    measure: Option<u16>,
    #[serde(default)]
    justify: Option<crate::text::Justify>,
    #[serde(default)]
    keys: BTreeMap<Action, OneOrMany>,
}

/// How right-to-left text reaches the terminal (see README, "Bidi modes"):
/// the `--bidi` flag, `NKRU_BIDI` and the config's `bidi` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiChoice {
    /// `terminal` on terminals known to reorder by themselves (mlterm, Konsole), else `app`.
    #[default]
    Auto,
    /// nkru-tui shapes and reorders; the terminal is put in explicit mode.
    App,
    /// The terminal shapes and reorders; nkru-tui sends logical order.
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
    /// Cells of the detail pane's text column at most (`0`: the whole pane).
    pub measure: Option<u16>,
    /// How the detail pane fills its paragraphs' lines.
    pub justify: Option<crate::text::Justify>,
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
        bidi: file.bidi,
        mouse: file.mouse,
        measure: file.measure,
        justify: file.justify,
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

/// The settings a config file can hold besides `[keys]`: name, default value
/// as TOML, and what it does. The tests check it against [`ConfigFile`].
const SETTINGS: [(&str, &str, &str); 5] = [
    (
        "theme",
        "\"dark\"",
        "Colours: dark | light | mono (NO_COLOR in the environment forces mono)",
    ),
    (
        "bidi",
        "\"auto\"",
        "Who orders and shapes right-to-left text: auto | app | terminal\n\
         (the --bidi option and the NKRU_BIDI variable win over this)",
    ),
    (
        "mouse",
        "true",
        "false leaves the mouse to the terminal, like --no-mouse",
    ),
    (
        "measure",
        "72",
        "Cells of the detail pane's text column at most (0: the whole pane);\n\
         the column keeps to the side where the text's lines begin",
    ),
    (
        "justify",
        "\"none\"",
        "Fill each paragraph's lines but its last to the column: none | spaces |\n\
         kashida (Arabic joins lengthened with tatweel, spaces for the rest);\n\
         the cycle_justify key switches it while reading",
    ),
];

/// A config file holding every setting and every action with its default
/// keys, each explained by a comment; [`parse`] reads it back as the defaults.
/// Generated from the keymap's own tables, so a new action appears here.
pub fn default_file() -> String {
    let mut out = String::from(
        "# nkru-tui configuration, with every setting at its default.\n\
         # The program reads $XDG_CONFIG_HOME/nkru-tui/config.toml (else\n\
         # ~/.config/nkru-tui/config.toml), or the file given with --config FILE.\n\
         # Delete a line to keep its default.\n",
    );
    for (name, value, about) in SETTINGS {
        out.push('\n');
        for line in about.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("{name} = {value}\n"));
    }
    out.push_str(
        "\n[keys]\n\
         # An action takes exactly the keys listed; Ctrl-C always quits.\n\
         # Key names: one character (j, G, ?, /), space, up, down, left, right, pageup,\n\
         # pagedown, home, end, tab, backtab, esc, enter, backspace, delete, insert,\n\
         # f1 to f24; prefixes ctrl-, alt-, shift- (ctrl-k).\n\
         # On the Arabic keyboard layout, a key works like the Latin key it shares.\n\
         # The finder_* keys act while the finder is open, where any other key\n\
         # without ctrl- or alt- types into the query.\n\n",
    );
    let strings = Strings::for_lang(Lang::En);
    let bindings: Vec<(String, &str)> = DEFAULTS
        .iter()
        .map(|(action, names)| {
            let keys: Vec<String> = names
                .iter()
                .map(|n| toml::Value::String((*n).to_owned()).to_string())
                .collect();
            let line = format!("{} = [{}]", action.name(), keys.join(", "));
            (line, strings.action(*action))
        })
        .collect();
    let width = bindings.iter().map(|(l, _)| l.chars().count()).max();
    let width = width.unwrap_or(0);
    for (line, about) in bindings {
        out.push_str(&format!("{line:width$}  # {about}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::Theme;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let printed = parse(&default_file(), "default.toml").expect("valid");
        let default = Config::default();
        for action in Action::BINDABLE {
            assert_eq!(
                printed.keymap.keys(action),
                default.keymap.keys(action),
                "keys of {}",
                action.name()
            );
        }
        assert_eq!(
            Theme::resolve(printed.theme, false).name,
            Theme::resolve(default.theme, false).name
        );
        // `auto` is what no setting means (see `ui::prepare`).
        assert_eq!(printed.bidi, Some(BidiChoice::Auto));
        assert_eq!(default.bidi, None);
        assert_eq!(printed.mouse, Some(true));
        assert_eq!(
            printed.measure,
            Some(crate::ui::geometry::DEFAULT_MEASURE),
            "the printed measure is the default"
        );
        assert_eq!(printed.justify, Some(crate::text::Justify::None));
    }

    #[test]
    fn every_action_appears_with_its_description() {
        let text = default_file();
        assert_eq!(DEFAULTS.len(), Action::BINDABLE.len());
        for action in Action::BINDABLE {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{} = [", action.name())))
                .unwrap_or_else(|| panic!("{} missing:\n{text}", action.name()));
            let about = Strings::for_lang(Lang::En).action(action);
            assert!(!about.is_empty() && line.ends_with(about), "{line}");
        }
    }

    /// The field names of a struct, as serde's derive lists them.
    fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        use serde::de::{self, Visitor};
        struct Names<'a>(&'a mut &'static [&'static str]);
        impl<'de> de::Deserializer<'de> for Names<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("only structs"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                *self.0 = fields;
                Err(de::Error::custom("names taken"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut names: &'static [&'static str] = &[];
        let _ = T::deserialize(Names(&mut names));
        names
    }

    #[test]
    fn every_setting_is_printed() {
        let mut fields: Vec<&str> = field_names::<ConfigFile>().to_vec();
        fields.retain(|f| *f != "keys");
        let printed: Vec<&str> = SETTINGS.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(fields, printed, "a setting without a line in default_file");
    }
}
