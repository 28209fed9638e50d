//! The timeline ruler: decade ticks over the dataset's years and each era's
//! span, the selected one highlighted. Time runs right to left in an RTL interface.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::BidiMode;
use crate::ui::digits::Digits;
use crate::ui::geometry::ruler::{Coverage, column, columns};
use crate::ui::view::Ctx;

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 2 {
        return;
    }
    app.ruler_coverage(area, |coverage| draw_spans(app, area, buf, coverage));
}

/// The axis, the decades, the eras' spans and the selected era's.
fn draw_spans(app: &Ctx<'_>, area: Rect, buf: &mut Buffer, coverage: &Coverage) {
    let layout_direction = app.opts().layout_direction;
    let span = coverage.span;
    let theme = &app.opts().theme;
    let axis = area.y + 1;
    for x in area.left()..area.right() {
        buf[(x, axis)].set_symbol("─").set_style(theme.ruler);
    }
    draw_decades(app, area, buf, span);
    let selected = app.data().eras.get(app.selected()).and_then(|e| e.years());
    let selected = selected.map(|years| columns(area, layout_direction, span, years));
    for (x, _) in (area.left()..).zip(&coverage.covered).filter(|(_, c)| **c) {
        buf[(x, axis)].set_symbol("━").set_style(theme.ruler_span);
    }
    // Drawn last so that it stays visible over overlapping spans.
    if let Some((l, r)) = selected {
        for x in l..=r {
            buf[(x, axis)]
                .set_symbol("█")
                .set_style(theme.ruler_selected);
        }
    }
}

/// Decade labels, each centered on its tick, skipped where they would overlap.
fn draw_decades(app: &Ctx<'_>, area: Rect, buf: &mut Buffer, span: (i32, i32)) {
    let theme = &app.opts().theme;
    let (min, max) = (i64::from(span.0), i64::from(span.1));
    // A multiple of ten, so a span of millennia still costs one tick a cell at most.
    let step = 10 * ((max - min) / (10 * i64::from(area.width.max(1))) + 1);
    let first = min.div_euclid(step) * step + if min.rem_euclid(step) == 0 { 0 } else { step };
    let mut taken: Vec<(u16, u16)> = Vec::new();
    for decade in (first..=max).step_by(step as usize) {
        let Ok(decade) = i32::try_from(decade) else {
            break;
        };
        let x = column(area, app.opts().layout_direction, span, decade);
        buf[(x, area.y + 1)].set_symbol("┴").set_style(theme.ruler);
        let text = label(app, decade);
        let w = text.chars().count() as u16;
        let start = x
            .saturating_sub(w / 2)
            .clamp(area.x, area.right().saturating_sub(w));
        let end = start + w;
        if taken.iter().any(|&(a, b)| start <= b && a <= end) {
            continue;
        }
        taken.push((start, end));
        buf.set_string(start, area.y, &text, theme.ruler);
        if app.opts().mode.is_terminal() && app.strings().digits == Digits::ArabicIndic {
            stand_apart(buf, end.saturating_sub(1), area.y);
        }
    }
}

/// A decade as sent: in the interface's digits; Arabic-Indic digits, of the
/// Arabic script, go reversed to kitty, which lays a run of them out right
/// to left (see `BidiMode::Kitty`), so that it shows them in order.
fn label(app: &Ctx<'_>, decade: i32) -> String {
    let text = app.strings().digits.write(decade);
    if app.opts().mode == BidiMode::Kitty && app.strings().digits == Digits::ArabicIndic {
        text.chars().rev().collect()
    } else {
        text
    }
}

/// Ends a decade label written in Arabic-Indic digits with a left-to-right
/// mark, for a terminal that reorders the row itself: without it the blanks
/// between two labels, neutrals between two Arabic numbers, would resolve
/// right to left (UAX #9 N1) and the terminal would swap the labels. The
/// mark is zero-width and rides in the label's last cell.
fn stand_apart(buf: &mut Buffer, x: u16, y: u16) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        let symbol = format!("{}\u{200E}", cell.symbol());
        cell.set_symbol(&symbol);
    }
}
