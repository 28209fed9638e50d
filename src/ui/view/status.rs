//! The status bar: the few keys that matter now, or a transient message, and
//! the mention position ("3/7") after a finder jump.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put_label, rtl};
use crate::ui::action::Action;
use crate::ui::app::App;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.opts.theme;
    buf.set_style(area, theme.status);
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
    let (text, style) = match (&app.message, &app.guidance) {
        (Some(message), _) | (None, Some(message)) => (message.clone(), theme.message),
        (None, None) => (hints(app), theme.status),
    };
    put_label(app, buf, inner, &text, style, rtl(app));
}

/// `label 3/7 · n/N · …` after a jump, else the context's key hints.
pub fn hints(app: &App) -> String {
    let s = app.strings;
    let key = |a: Action| {
        app.opts
            .keymap
            .keys(a)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let pair = |a: Action, text: &str| format!("{} {text}", key(a));
    if app.popup.is_some() || app.finder.is_some() {
        return pair(Action::Cancel, s.hint_close);
    }
    let mut parts = Vec::new();
    if let Some(h) = &app.highlights {
        let (at, of) = (h.current + 1, h.spots.len());
        parts.push(format!("{} {at}/{of}", h.label));
        parts.push(format!(
            "{}/{} {}",
            key(Action::NextMention),
            key(Action::PrevMention),
            s.hint_mention
        ));
        parts.push(pair(Action::Cancel, s.hint_close));
    }
    parts.push(pair(Action::Help, s.hint_help));
    parts.push(pair(Action::Finder, s.hint_finder));
    parts.push(pair(Action::FocusNext, s.hint_focus));
    parts.push(format!(
        "{}{} {}",
        key(Action::PrevEra),
        key(Action::NextEra),
        s.hint_era
    ));
    parts.push(pair(Action::Quit, s.hint_quit));
    parts.join(" · ")
}
