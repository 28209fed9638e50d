//! The era sidebar: one row per era, a separator, then the related material.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Ctx;
use super::{aligned_x, draw_pane, put_title, rtl, scrollbar};
use crate::ui::app::Focus;
use crate::ui::geometry::{
    Geometry, SIDEBAR_GAP, SIDEBAR_LABEL_MIN, SIDEBAR_MARKER, SidebarRow, sidebar_row_text,
};

pub fn draw(app: &Ctx<'_>, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.opts().theme;
    let focused = app.focus() == Focus::Sidebar && app.popup().is_none();
    let border = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    draw_pane(g.sidebar, buf, border);
    let title = Rect::new(
        g.sidebar.x + 2,
        g.sidebar.y,
        g.sidebar.width.saturating_sub(4),
        1,
    );
    put_title(app, buf, title, app.strings().eras, border, rtl(app));
    let list = g.sidebar_list;
    let total = SidebarRow::count(app.data());
    for i in 0..list.height {
        let row = app.sidebar_top() + usize::from(i);
        let area = Rect::new(list.x, list.y + i, list.width, 1);
        match SidebarRow::at(app.data(), row) {
            Some(SidebarRow::Section(s)) => draw_section(app, area, buf, s),
            Some(SidebarRow::Separator) => draw_separator(app, area, buf),
            None => break,
        }
    }
    scrollbar(
        app,
        g.sidebar,
        buf,
        total,
        usize::from(list.height),
        app.sidebar_top(),
    );
}

/// One era (or related item): marker, label, and years when they fit.
fn draw_section(app: &Ctx<'_>, area: Rect, buf: &mut Buffer, index: usize) {
    let Some(section) = app.data().section_at(index) else {
        return;
    };
    let theme = &app.opts().theme;
    let selected = index == app.selected();
    let row_style = match (selected, app.focus()) {
        (true, Focus::Sidebar) => theme.selected,
        (true, Focus::Detail) => theme.selected_idle,
        (false, _) => Style::new(),
    };
    // Only the selected row has a style of its own (patching the empty one
    // changes nothing).
    if row_style != Style::new() {
        buf.set_style(area, row_style);
    }
    let right = rtl(app);
    // The marker keeps the selection visible without colour: ▶ or ◀ on the reading side.
    let marker = match (selected, right) {
        (false, _) => " ",
        (true, false) => "▶",
        (true, true) => "◀",
    };
    let marker_x = if right {
        area.right().saturating_sub(1)
    } else {
        area.x
    };
    buf.set_string(marker_x, area.y, marker, row_style);
    let body_x = if right {
        area.x
    } else {
        area.x + SIDEBAR_MARKER
    };
    let body = Rect::new(body_x, area.y, area.width.saturating_sub(SIDEBAR_MARKER), 1);
    let (label, years) = sidebar_row_text(&section, app.strings(), app.opts().layout_direction);
    let label_style = if section.editorial {
        row_style.patch(theme.editorial)
    } else {
        row_style
    };
    let direction = app.text_direction(&label);
    let full = app.label(&label, usize::from(body.width), Some(direction));
    // The years laid out in the interface direction, when they fit beside
    // at least the start of the label.
    let years = years.and_then(|years| {
        let laid = app.label(
            &years,
            usize::from(body.width),
            Some(app.opts().layout_direction),
        );
        let keep = full.0.width.min(usize::from(SIDEBAR_LABEL_MIN));
        let room = usize::from(body.width).saturating_sub(usize::from(SIDEBAR_GAP));
        (laid.0.width + keep <= room).then_some(laid)
    });
    let label_room = match &years {
        Some(y) => usize::from(body.width) - y.0.width - usize::from(SIDEBAR_GAP),
        None => usize::from(body.width),
    };
    let laid = if full.0.width <= label_room {
        full
    } else {
        app.label(&label, label_room, Some(direction))
    };
    let line = &laid.0;
    let x = aligned_x(body, line.width, right);
    app.put_line(buf, x, body.y, body.right(), line, |_| label_style);
    if let Some(years) = years {
        // At the far end of the row: a column of years.
        let line = &years.0;
        let x = if right {
            body.x
        } else {
            body.right() - line.width as u16
        };
        // Dimmed, but on the selected row as legible as its label (a dim
        // colour on the selection's background all but vanishes).
        let style = if selected {
            row_style
        } else {
            row_style.patch(theme.dim)
        };
        app.put_line(buf, x, body.y, body.right(), line, |_| style);
    }
}

/// `── إقرأ أيضاً ──` between the eras and the related material.
fn draw_separator(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let style = app.opts().theme.separator;
    for x in area.left()..area.right() {
        buf[(x, area.y)].set_symbol("─").set_style(style);
    }
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
    put_title(app, buf, inner, app.strings().related, style, rtl(app));
}
