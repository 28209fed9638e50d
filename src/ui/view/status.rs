//! The status bar: the few keys that matter now, or a transient message, and
//! the mention position ("3/7") after a finder jump.
//!
//! Hints are laid out item by item, each key and each label a line of its
//! own placed in the cells it reads from: a bidi terminal reorders text only
//! within a label (see `put_glyphs`), so every key stays next to its label
//! in both bidi modes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{aligned_x, lang_direction, put_label, rtl};
use crate::data::Direction;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::view::Ctx;

/// Between two hints: a dot with a blank on each side.
const SEPARATOR: &str = "·";

/// One item of the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A key (or keys) and what it does.
    Keyed { key: String, label: String },
    /// Text without a key (the mention position).
    Text(String),
}

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let theme = &app.opts().theme;
    buf.set_style(area, theme.status);
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
    match app.message() {
        Some(message) => {
            put_label(app, buf, inner, message, theme.message, rtl(app));
        }
        None => draw_hints(app, inner, buf, &hint_items(app)),
    }
}

/// Places as many whole hints as fit: the block sits on the interface's reading
/// side, the items run in the reading order of the interface language.
fn draw_hints(app: &Ctx<'_>, area: Rect, buf: &mut Buffer, items: &[Hint]) {
    let style = app.opts().theme.status;
    let width = usize::from(area.width);
    let lang = lang_direction(app);
    // Each item as (key, label) lines, while they fit.
    let mut laid = Vec::new();
    let mut total = 0;
    for (i, item) in items.iter().enumerate() {
        let key = match item {
            Hint::Keyed { key, .. } => Some(app.label(key, width, Some(Direction::Ltr))),
            Hint::Text(_) => None,
        };
        let (Hint::Keyed { label: text, .. } | Hint::Text(text)) = item;
        let label = app.label(text, width, Some(lang));
        let gap = if i == 0 { 0 } else { 3 };
        let need = gap + key.as_ref().map_or(0, |k| k.0.width + 1) + label.0.width;
        if total + need > width {
            break;
        }
        total += need;
        laid.push((key, label));
    }
    let block = aligned_x(area, total, rtl(app));
    // Draws `line` `at` cells into the block from the language's reading side.
    let put = |buf: &mut Buffer, at: usize, line: &crate::text::DisplayLine| {
        let offset = match lang {
            Direction::Rtl => total - at - line.width,
            Direction::Ltr => at,
        };
        app.put_line(
            buf,
            block + offset as u16,
            area.y,
            area.right(),
            line,
            |_| style,
        );
    };
    let mut used = 0;
    for (i, (key, label)) in laid.iter().enumerate() {
        if i > 0 {
            let dot = app.label(SEPARATOR, width, Some(Direction::Ltr));
            put(buf, used + 1, &dot.0);
            used += 3;
        }
        if let Some(key) = key {
            put(buf, used, &key.0);
            used += key.0.width + 1;
        }
        put(buf, used, &label.0);
        used += label.0.width;
    }
}

/// `label 3/7 · n/N · …` after a jump, else the context's key hints, as one
/// string (what the status bar reads as).
pub fn hints(app: &App) -> String {
    hint_items(app)
        .iter()
        .map(|item| match item {
            Hint::Keyed { key, label } => format!("{key} {label}"),
            Hint::Text(text) => text.clone(),
        })
        .collect::<Vec<_>>()
        .join(&format!(" {SEPARATOR} "))
}

/// The status bar's items, in reading order: the context's, after the
/// mode switch's key behind a tmux that keeps the mode sequences from the
/// terminal outside ([`App::mode_hint`]; first, so the narrowest bar keeps it).
pub fn hint_items(app: &App) -> Vec<Hint> {
    let mut items = context_items(app);
    if app.mode_hint() {
        let hint = crate::ui::strings::MODE_HINT.replace("{key}", &app.toggle_key());
        items.insert(0, Hint::Text(hint));
    }
    items
}

/// The keys that matter in the current context, in reading order.
fn context_items(app: &App) -> Vec<Hint> {
    let lang = app.strings().lang;
    let key = |a: Action| {
        app.opts()
            .keymap
            .keys(a)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    // Keys, and the action's hint from the action table.
    let pair = |key: String, a: Action| Hint::Keyed {
        key,
        label: a.hint(lang).to_string(),
    };
    let hint = |a: Action| pair(key(a), a);
    if app.finder().is_some() {
        return vec![
            hint(Action::FinderJump),
            hint(Action::FinderSwitch),
            hint(Action::FinderCopy),
            hint(Action::FinderClose),
        ];
    }
    if app.popup().is_some() {
        return vec![hint(Action::Cancel)];
    }
    let mut items = Vec::new();
    if let Some(h) = &app.highlights() {
        let d = app.strings().digits;
        let (at, of) = (d.write(h.current + 1), d.write(h.spots.len()));
        items.push(Hint::Text(format!("{} {at}/{of}", h.label)));
        items.push(pair(
            format!("{}/{}", key(Action::NextMention), key(Action::PrevMention)),
            Action::NextMention,
        ));
        items.push(hint(Action::Cancel));
    }
    items.push(hint(Action::Help));
    items.push(hint(Action::Finder));
    items.push(hint(Action::FocusNext));
    items.push(pair(
        format!("{}{}", key(Action::PrevEra), key(Action::NextEra)),
        Action::PrevEra,
    ));
    items.push(hint(Action::Quit));
    items
}
