//! The help popup: every binding (from the keymap in effect) with what it
//! does, the browser's then the finder's.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::frame;
use crate::ui::view::{Ctx, aligned_x, put_label, rtl, scrollbar};

/// Cells of the key column.
const KEYS_WIDTH: u16 = 18;

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer, scroll: u16) {
    let rows = crate::ui::help::rows(&app.opts().keymap, app.strings());
    let outer = crate::ui::help::outer(area, rows.len());
    let inner = frame(app, outer, buf, app.strings().help_title);
    // The state keeps the scroll within `help::max_scroll`.
    let skip = usize::from(scroll);
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
            put_label(app, buf, full, text, app.opts().theme.dim, right);
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
        app.put_line(buf, kx, y, key_area.right(), key_line, |_| {
            app.opts().theme.key
        });
        put_label(app, buf, text_area, text, app.opts().theme.popup, right);
    }
}
