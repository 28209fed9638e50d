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
//! digits = "arabic-indic"  # latin | arabic-indic (the interface's numbers)
//! [keys]
//! quit = ["q", "ctrl-q"]   # an action takes exactly the keys listed
//! next_era = "ctrl-n"
//! finder_close = ["esc", "ctrl-g"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::action::Action;
use super::digits::Digits;
use super::keymap::{Key, Keymap};
use super::strings::Lang;
use super::theme::ThemeName;
use crate::data::Position;
use crate::data::load::read_regular;

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
    digits: Option<Digits>,
    #[serde(default)]
    keys: BTreeMap<Action, OneOrMany>,
}

/// How right-to-left text reaches the terminal (see README, "Bidi modes"):
/// the `--bidi` flag, `NKRU_BIDI` and the config's `bidi` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiChoice {
    /// `terminal` where the terminal's own reordering cannot be turned off (Konsole, QTerminal,
    /// a VTE or mlterm behind a tmux that passes nothing), else `app`.
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
    /// The digits of the Arabic interface's own numbers.
    pub digits: Option<Digits>,
}

/// `$XDG_CONFIG_HOME/nkru-tui/config.toml`, else `~/.config/nkru-tui/config.toml`.
pub fn default_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    super::state::xdg_dir(&env, "XDG_CONFIG_HOME", ".config").map(|d| d.join("config.toml"))
}

/// A config file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as named on the command line or found at the default place.
    pub origin: String,
    pub position: Option<Position>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    /// `origin:line:column: message`, one line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(Position { line, column }) => {
                write!(f, "{}:{line}:{column}: {}", self.origin, self.message)
            }
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// `origin:line:column`, or `origin` for the file as a whole.
    pub fn origin_and_place(&self) -> String {
        match self.position {
            Some(Position { line, column }) => format!("{}:{line}:{column}", self.origin),
            None => self.origin.clone(),
        }
    }

    /// The short form a status bar has room for: the file's name (no
    /// directories, whose slashes a right-to-left line would move) and the
    /// line and column, where `nkru-tui config --check` says the rest; or,
    /// for the file as a whole, why it cannot be read.
    pub fn short(&self) -> String {
        let name = Path::new(&self.origin)
            .file_name()
            .map_or_else(|| self.origin.clone(), |n| n.to_string_lossy().into_owned());
        match self.position {
            Some(Position { line, column }) => format!("{name}:{line}:{column}"),
            None => format!("{name}: {}", self.message),
        }
    }
}

/// Parses a config file's text; `origin` names it in errors, which print
/// as one line: `origin:line:column: message`.
pub fn parse(source: &str, origin: &str) -> Result<Config, ConfigError> {
    // serde stops at the first mistake, in its own words: the check says the
    // first one in the reader's (the same as `config --check`).
    let file: ConfigFile = toml::from_str(source).map_err(|e| {
        problems(source, origin, false)
            .into_iter()
            .next()
            .unwrap_or_else(|| locate(source, origin, &e))
    })?;
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
        digits: file.digits,
    })
}

/// Config and state files are a few lines; anything larger is not one.
pub const MAX_SMALL_FILE_BYTES: u64 = 1024 * 1024;

/// The text of `path`; `Ok(None)` when the file does not exist. Only a
/// regular file is read: anything else is an error at once.
pub fn read(path: &Path) -> Result<Option<String>, ConfigError> {
    let origin = path.display().to_string();
    let fail = |position, message| ConfigError {
        origin: origin.clone(),
        position,
        message,
    };
    match read_regular(path, MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(e) => {
                let (at, message) = crate::data::load::utf8_error_at(&e);
                Err(fail(Some(at), format!("cannot read: {message}")))
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(fail(None, format!("cannot read: {e}"))),
    }
}

/// Reads and parses `path`; `Ok(None)` when the file does not exist.
pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
    match read(path)? {
        Some(text) => parse(&text, &path.display().to_string()).map(Some),
        None => Ok(None),
    }
}

/// A toml error at its line and column.
fn locate(source: &str, origin: &str, err: &toml::de::Error) -> ConfigError {
    let (at, message) = crate::data::load::toml_error_at(source, err);
    ConfigError {
        origin: origin.to_owned(),
        position: Some(at),
        message: one_line(&message),
    }
}

/// Every problem of a config file's text, in file order, each at its line
/// and column: a TOML mistake; an unknown setting, action or key name; a
/// value of the wrong kind; and each key bound to more than one action (in
/// the browser, or in the finder), which the browser would give to one of
/// them without a word. No problems: [`parse`] accepts the text.
pub fn check(source: &str, origin: &str) -> Vec<ConfigError> {
    problems(source, origin, true)
}

/// [`check`], with or without the keys bound to more than one action.
fn problems(source: &str, origin: &str, with_collisions: bool) -> Vec<ConfigError> {
    use toml::de::{DeTable, DeValue};
    let root = match DeTable::parse(source) {
        Ok(root) => root,
        Err(e) => return vec![locate(source, origin, &e)],
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    let settings: Vec<&str> = SETTINGS.iter().map(|(name, _, _)| *name).collect();
    // Per action given in the file: its keys as written and where they are.
    let mut bound: Vec<Bound> = Vec::new();
    let word = |v: &DeValue<'_>, words: &[&str], what: &str, at: usize, found: &mut Vec<_>| {
        if !v.as_str().is_some_and(|s| words.contains(&s)) {
            let shown = v
                .as_str()
                .map_or_else(|| kind_of(v).to_owned(), |s| format!("`{s}`"));
            found.push((
                at,
                format!("{what} must be one of {}, not {shown}", words.join(", ")),
            ));
        }
    };
    for (key, value) in root.get_ref().iter() {
        let (v, at) = (value.get_ref(), value.span().start);
        match key.get_ref().as_ref() {
            "theme" => word(v, &THEMES, "theme", at, &mut found),
            "bidi" => word(v, &["auto", "app", "terminal"], "bidi", at, &mut found),
            "mouse" if !v.is_bool() => {
                found.push((
                    at,
                    format!("mouse must be true or false, not {}", kind_of(v)),
                ));
            }
            "mouse" => {}
            "measure" => {
                let cells = v
                    .as_integer()
                    .and_then(|n| u16::from_str_radix(n.as_str(), n.radix()).ok());
                if cells.is_none() {
                    let shown = v
                        .as_integer()
                        .map_or_else(|| kind_of(v).to_owned(), |n| n.as_str().to_owned());
                    found.push((
                        at,
                        format!(
                            "measure must be a whole number of cells from 0 to 65535, not {shown}"
                        ),
                    ));
                }
            }
            "justify" => word(v, &["none", "spaces", "kashida"], "justify", at, &mut found),
            "digits" => word(v, &Digits::NAMES, "digits", at, &mut found),
            "keys" => match v.as_table() {
                Some(keys) => check_keys(keys, &mut bound, &mut found),
                None => found.push((
                    at,
                    format!("keys must be a table, [keys], not {}", kind_of(v)),
                )),
            },
            other => {
                let mut names = settings.clone();
                names.push("keys");
                let message = match closest(other, &names) {
                    Some(k) => format!("unknown setting `{other}`; did you mean `{k}`?"),
                    None => format!(
                        "unknown setting `{other}`; the settings are {}",
                        names.join(", ")
                    ),
                };
                found.push((key.span().start, message));
            }
        }
    }
    if with_collisions {
        collisions(&bound, &mut found);
    }
    found.sort_by_key(|f| f.0);
    let offsets: Vec<usize> = found.iter().map(|f| f.0).collect();
    crate::data::diag::positions_of(source, &offsets)
        .into_iter()
        .zip(found)
        .map(|(at, (_, message))| ConfigError {
            origin: origin.to_owned(),
            position: Some(at),
            message,
        })
        .collect()
}

/// An action the file binds: where its value starts, and its keys as written.
type Bound = (Action, usize, Vec<(String, Key)>);

/// The theme names, as [`ThemeName`] reads them.
const THEMES: [&str; 3] = ["dark", "light", "mono"];

/// What a value is, in a reader's words.
fn kind_of(v: &toml::de::DeValue<'_>) -> &'static str {
    use toml::de::DeValue;
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date or time",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The name in `names` one or two edits from `name`, if any.
fn closest<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .copied()
        .find(|k| strsim::damerau_levenshtein(k, name) <= 2.min(k.len() / 2))
}

/// The `[keys]` table: action names, key names and the kinds of values.
fn check_keys(
    keys: &toml::de::DeTable<'_>,
    bound: &mut Vec<Bound>,
    found: &mut Vec<(usize, String)>,
) {
    let names: Vec<&str> = Action::bindable().map(|a| a.name()).collect();
    for (key, value) in keys.iter() {
        let name: &str = key.get_ref();
        let Some(action) = Action::bindable().find(|a| a.name() == name) else {
            let message = match closest(name, &names) {
                Some(k) => format!("unknown action `{name}`; did you mean `{k}`?"),
                None => {
                    format!("unknown action `{name}`; `nkru-tui config --print-default` lists them")
                }
            };
            found.push((key.span().start, message));
            continue;
        };
        let items: Vec<&toml::Spanned<toml::de::DeValue<'_>>> = match value.get_ref().as_array() {
            Some(list) => list.iter().collect(),
            None => vec![value],
        };
        let mut keys = Vec::new();
        for item in items {
            let at = item.span().start;
            match item.get_ref().as_str() {
                Some(text) => match text.parse::<Key>() {
                    Ok(key) => keys.push((text.to_owned(), key)),
                    Err(e) => found.push((at, format!("{e}, for {name}"))),
                },
                None => found.push((
                    at,
                    format!(
                        "{name} takes a key name or a list of key names, not {}",
                        kind_of(item.get_ref())
                    ),
                )),
            }
        }
        bound.push((action, value.span().start, keys));
    }
}

/// Each key that more than one action takes once the file's bindings replace
/// the defaults, told at the first of those actions the file binds.
fn collisions(bound: &[Bound], found: &mut Vec<(usize, String)>) {
    let overrides: BTreeMap<Action, Vec<Key>> = bound
        .iter()
        .map(|(a, _, keys)| (*a, keys.iter().map(|(_, k)| *k).collect()))
        .collect();
    let keymap = Keymap::with_overrides(&overrides);
    for (action, at, keys) in bound {
        let mut told = Vec::new();
        for (text, key) in keys {
            if told.contains(key) {
                continue;
            }
            told.push(*key);
            let others: Vec<String> = Action::bindable()
                .filter(|a| a != action && a.is_finder() == action.is_finder())
                .filter(|a| keymap.keys(*a).contains(key))
                .map(|a| match bound.iter().find(|(b, _, _)| *b == a) {
                    Some(_) => format!("`{}`", a.name()),
                    None => format!("`{}` (by default)", a.name()),
                })
                .collect();
            // Told once, at the first action of the file that takes the key.
            let first = bound.iter().find(|(a, _, ks)| {
                a.is_finder() == action.is_finder() && ks.iter().any(|(_, k)| k == key)
            });
            if others.is_empty() || first.is_some_and(|(a, _, _)| a != action) {
                continue;
            }
            found.push((
                *at,
                format!(
                    "`{text}` is bound to `{}` and to {}; a key can do only one thing: \
                     give the others other keys",
                    action.name(),
                    others.join(" and ")
                ),
            ));
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The settings a config file can hold besides `[keys]`: name, default value
/// as TOML, and what it does. The tests check it against [`ConfigFile`].
const SETTINGS: [(&str, &str, &str); 6] = [
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
    (
        "digits",
        "\"latin\"",
        "Digits of the Arabic interface's own numbers (years it adds, the ruler,\n\
         counts, positions): latin | arabic-indic; the dataset's text keeps its own",
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
         # Delete a line to keep its default; `nkru-tui config --check` lists every\n\
         # problem of the file, with its line and column.\n",
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
    let bindings: Vec<(String, &str)> = super::keymap::defaults()
        .map(|(action, names)| {
            let keys: Vec<String> = names
                .iter()
                .map(|n| toml::Value::String((*n).to_owned()).to_string())
                .collect();
            let line = format!("{} = [{}]", action.name(), keys.join(", "));
            (line, action.about(Lang::En))
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
        for action in Action::bindable() {
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
        assert_eq!(printed.digits, Some(Digits::Latin));
    }

    #[test]
    fn every_action_appears_with_its_description() {
        let text = default_file();
        for action in Action::bindable() {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{} = [", action.name())))
                .unwrap_or_else(|| panic!("{} missing:\n{text}", action.name()));
            let about = action.about(Lang::En);
            assert!(!about.is_empty() && line.ends_with(about), "{line}");
        }
    }

    use crate::data::schema::tests::field_names;

    #[test]
    fn every_setting_is_printed() {
        let mut fields: Vec<&str> = field_names::<ConfigFile>().to_vec();
        fields.retain(|f| *f != "keys");
        let printed: Vec<&str> = SETTINGS.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(fields, printed, "a setting without a line in default_file");
    }
}
