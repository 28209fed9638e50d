//! The help popup: every binding (from the keymap in effect) with what it
//! does, the browser's then the finder's.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{centered, frame};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::view::{aligned_x, put_label, put_line, rtl, scrollbar};

/// Cells of the key column.
const KEYS_WIDTH: u16 = 18;

/// The rows of the help popup: (keys, description); an empty key means a note.
pub fn rows(app: &App) -> Vec<(String, &'static str)> {
    let row = |a: Action| {
        let keys: Vec<String> = app
            .opts
            .keymap
            .keys(a)
            .iter()
            .map(ToString::to_string)
            .collect();
        (keys.join(" "), app.strings.action(a))
    };
    let (finder, browser): (Vec<Action>, Vec<Action>) =
        Action::BINDABLE.iter().partition(|a| a.is_finder());
    // First, readable in every mode: the way back from a mode this
    // terminal cannot show.
    let mut rows = vec![(row(Action::ToggleBidi).0, crate::ui::strings::MODE_ESCAPE)];
    rows.extend(browser.into_iter().map(row));
    rows.push((String::new(), app.strings.finder_keys));
    rows.extend(finder.into_iter().map(row));
    rows.push((String::new(), app.strings.mouse_keys));
    rows.push((String::new(), app.strings.editorial_note));
    rows
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, scroll: u16) {
    let rows = rows(app);
    let outer = centered(area, 72, rows.len() as u16 + 2);
    let inner = frame(app, outer, buf, app.strings.help_title);
    let skip = usize::from(scroll).min(rows.len().saturating_sub(usize::from(inner.height)));
    // On a short screen the last rows are below the border: the scrollbar says so.
    scrollbar(app, outer, buf, rows.len(), usize::from(inner.height), skip);
    let right = rtl(app);
    for (i, (keys, text)) in rows
        .iter()
        .skip(skip)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + i as u16;
        let full = Rect::new(inner.x, y, inner.width, 1);
        if keys.is_empty() {
            put_label(app, buf, full, text, app.opts.theme.dim, right);
            continue;
        }
        let kw = KEYS_WIDTH.min(inner.width / 2);
        let (key_area, text_area) = if right {
            (
                Rect::new(inner.right() - kw, y, kw, 1),
                Rect::new(inner.x, y, inner.width.saturating_sub(kw + 1), 1),
            )
        } else {
            (
                Rect::new(inner.x, y, kw, 1),
                Rect::new(inner.x + kw + 1, y, inner.width.saturating_sub(kw + 1), 1),
            )
        };
        let laid = app.label(keys, usize::from(kw), Some(crate::data::Direction::Ltr));
        let key_line = &laid.0;
        let kx = aligned_x(key_area, key_line.width, right);
        put_line(buf, kx, y, key_area.right(), key_line, |_| {
            app.opts.theme.key
        });
        put_label(app, buf, text_area, text, app.opts.theme.popup, right);
    }
}
