//! Key bindings as data: key → [`Action`], bound by key code, with aliases
//! for the Arabic keyboard layout so the same physical keys work whichever
//! layout the reader types on.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

use super::action::Action;

/// One key with its modifiers, in the normalized form [`Key::from_event`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// The default bindings, in config-file notation, from the action table:
/// the browser's, then the finder's (see [`Action::is_finder`]), which apply
/// only while it is open.
pub fn defaults() -> impl Iterator<Item = (Action, &'static [&'static str])> {
    super::action::ACTIONS.iter().map(|a| (a.action, a.keys))
}

/// The character the Arabic (101/X11 "ara") layout produces on the physical
/// key that gives `latin` on a US layout. Keys whose Arabic output is more
/// than one character (b → لا, G → لأ) have no alias: crossterm would see two keys.
pub fn arabic_alias(latin: char) -> Option<char> {
    const TABLE: &[(char, char)] = &[
        ('q', 'ض'),
        ('w', 'ص'),
        ('e', 'ث'),
        ('r', 'ق'),
        ('t', 'ف'),
        ('y', 'غ'),
        ('u', 'ع'),
        ('i', 'ه'),
        ('o', 'خ'),
        ('p', 'ح'),
        ('[', 'ج'),
        (']', 'د'),
        ('a', 'ش'),
        ('s', 'س'),
        ('d', 'ي'),
        ('f', 'ب'),
        ('g', 'ل'),
        ('h', 'ا'),
        ('j', 'ت'),
        ('k', 'ن'),
        ('l', 'م'),
        (';', 'ك'),
        ('\'', 'ط'),
        ('z', 'ئ'),
        ('x', 'ء'),
        ('c', 'ؤ'),
        ('v', 'ر'),
        ('n', 'ى'),
        ('m', 'ة'),
        (',', 'و'),
        ('.', 'ز'),
        ('/', 'ظ'),
        ('?', '؟'),
        ('N', 'آ'),
    ];
    TABLE.iter().find(|(l, _)| *l == latin).map(|(_, a)| *a)
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    /// The key of a terminal event, or `None` for a release: the one place
    /// where terminal key events are read (see [`Key::normalized`]).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        Some(Key::normalized(ev.code, ev.modifiers))
    }

    /// The key in the form bindings compare by, from an event or a key
    /// name alike: only Ctrl, Alt and Shift count; Shift is dropped where
    /// the code already says it (`G`, `?`, BackTab), and a Ctrl-letter is
    /// lowercase (terminals send it so; Ctrl-Shift-K is Ctrl-K).
    pub fn normalized(code: KeyCode, mods: KeyModifiers) -> Key {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut mods = mods & relevant;
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key { code, mods }
    }

    /// True for Ctrl-C, which always quits and cannot be rebound.
    pub fn is_ctrl_c(&self) -> bool {
        self.code == KeyCode::Char('c') && self.mods == KeyModifiers::CONTROL
    }
}

/// Why a key name did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(pub String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Key {
    type Err = KeyParseError;

    /// `j`, `G`, `?`, `space`, `pageup`, `f1`, `ctrl-k`, `alt-x`, `shift-left`…
    fn from_str(s: &str) -> Result<Key, KeyParseError> {
        let bad = || {
            KeyParseError(format!(
                "unknown key {s:?} (examples: j, G, ctrl-k, pagedown, f1)"
            ))
        };
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        // A lone "-" is a key, "ctrl--" is Ctrl and "-".
        while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, t)| !t.is_empty()) {
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "a" | "m" | "meta" => mods |= KeyModifiers::ALT,
                "shift" | "s" => mods |= KeyModifiers::SHIFT,
                _ => return Err(bad()),
            }
            rest = tail;
        }
        let code = parse_code(rest).ok_or_else(bad)?;
        Ok(Key::normalized(code, mods))
    }
}

fn parse_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let code = match name.to_ascii_lowercase().as_str() {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        other => {
            let n: u8 = other.strip_prefix('f')?.parse().ok()?;
            return (1..=24).contains(&n).then_some(KeyCode::F(n));
        }
    };
    Some(code)
}

impl fmt::Display for Key {
    /// The config-file notation, also used by the help popup.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The bindings in effect.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per action, the keys the user sees in help (no Arabic aliases).
    bindings: BTreeMap<Action, Vec<Key>>,
    /// The browser's keys.
    lookup: std::collections::HashMap<Key, Action>,
    /// The finder's keys, while it is open.
    finder: std::collections::HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::with_overrides(&BTreeMap::new())
    }
}

impl Keymap {
    /// The defaults, with each action in `overrides` bound to exactly the
    /// given keys instead of its defaults.
    pub fn with_overrides(overrides: &BTreeMap<Action, Vec<Key>>) -> Keymap {
        let mut bindings = BTreeMap::new();
        for (action, names) in defaults() {
            let keys = match overrides.get(&action) {
                Some(keys) => keys.clone(),
                // The defaults are constants that the tests parse.
                None => names.iter().filter_map(|n| n.parse().ok()).collect(),
            };
            bindings.insert(action, keys);
        }
        let (finder, browser): (BTreeMap<_, _>, BTreeMap<_, _>) = bindings
            .iter()
            .map(|(a, k)| (*a, k.clone()))
            .partition(|(a, _)| a.is_finder());
        let lookup = build_lookup(&browser, true);
        let finder = build_lookup(&finder, false);
        Keymap {
            bindings,
            lookup,
            finder,
        }
    }

    /// The browser's action bound to a key, if any (Ctrl-C is not looked
    /// up: the app quits on it before any binding, see [`Key::is_ctrl_c`]).
    pub fn action(&self, key: Key) -> Option<Action> {
        self.lookup.get(&key).copied()
    }

    /// The finder's action bound to a key while it is open, if any
    /// (Ctrl-C is not one: it quits before the finder sees it). No Arabic
    /// aliases here: with the finder open, a letter types itself.
    pub fn finder_action(&self, key: Key) -> Option<Action> {
        self.finder.get(&key).copied()
    }

    /// The keys bound to an action, as help shows them.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Explicit bindings first (the last action listed wins a conflict), then
/// (with `aliases`) the Arabic-layout aliases wherever they do not collide
/// with an explicit key.
fn build_lookup(
    bindings: &BTreeMap<Action, Vec<Key>>,
    aliases: bool,
) -> std::collections::HashMap<Key, Action> {
    let mut lookup = std::collections::HashMap::new();
    for (action, keys) in bindings {
        for key in keys {
            lookup.insert(*key, *action);
        }
    }
    for (action, keys) in bindings.iter().filter(|_| aliases) {
        for key in keys {
            let KeyCode::Char(c) = key.code else { continue };
            if let Some(alias) = arabic_alias(c) {
                let alias = Key::new(KeyCode::Char(alias), key.mods);
                lookup.entry(alias).or_insert(*action);
            }
        }
    }
    lookup
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> Key {
        Key::normalized(code, mods)
    }

    #[test]
    fn shift_is_folded_into_characters() {
        let k = Key::from_event(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(k, Some(Key::new(KeyCode::Char('G'), KeyModifiers::NONE)));
        let k = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(k, Some(Key::new(KeyCode::BackTab, KeyModifiers::NONE)));
        let k = Key::from_event(&ev(
            KeyCode::Char('K'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ));
        assert_eq!(k, Some(Key::new(KeyCode::Char('k'), KeyModifiers::CONTROL)));
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(&e), None);
    }

    #[test]
    fn arabic_aliases_follow_the_bindings() {
        let km = Keymap::default();
        let arabic = |c| km.action(key(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(arabic('ت'), Some(Action::Down));
        assert_eq!(arabic('ن'), Some(Action::Up));
        assert_eq!(arabic('ض'), Some(Action::Quit));
        assert_eq!(arabic('ل'), Some(Action::First));
        assert_eq!(arabic('ج'), Some(Action::PrevEra));
        assert_eq!(arabic('د'), Some(Action::NextEra));
        assert_eq!(arabic('ه'), Some(Action::About));
        assert_eq!(arabic('ظ'), Some(Action::Finder));
        assert_eq!(arabic('؟'), Some(Action::Help));
        assert_eq!(arabic('ى'), Some(Action::NextMention));
        assert_eq!(arabic('آ'), Some(Action::PrevMention));
        assert_eq!(arabic('ص'), None, "w is unbound, so is its Arabic key");
    }

    #[test]
    fn an_explicit_binding_wins_over_an_alias() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            Action::Help,
            vec![Key::new(KeyCode::Char('ت'), KeyModifiers::NONE)],
        );
        let km = Keymap::with_overrides(&overrides);
        assert_eq!(
            km.action(key(KeyCode::Char('ت'), KeyModifiers::NONE)),
            Some(Action::Help)
        );
        assert_eq!(
            km.action(key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
    }
}
