//! The detail pane: the era's heading, then its paragraphs as laid out by the
//! engine, with mentions highlighted, a scrollbar and a position indicator.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Ctx;
use super::{draw_pane, put_label_in, rtl, scrollbar};
use crate::ui::app::{DocLine, Focus, LineKind};
use crate::ui::geometry::Geometry;
use crate::ui::laid_text::Highlight;

pub fn draw(app: &Ctx<'_>, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.opts().theme;
    let focused = app.focus() == Focus::Detail && app.popup().is_none();
    let border = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    draw_pane(g.detail, buf, border);
    let area = app.text_column(g.detail_text);
    let visible = usize::from(area.height);
    let lines = app.doc().lines.iter().skip(app.scroll()).take(visible);
    for (i, doc_line) in lines.enumerate() {
        let row = Rect::new(area.x, area.y + i as u16, area.width, 1);
        draw_line(app, row, buf, doc_line);
    }
    let total = app.doc().lines.len();
    scrollbar(app, g.detail, buf, total, visible, app.scroll());
    draw_position(app, g.detail, buf, total, visible, border);
}

fn draw_line(app: &Ctx<'_>, row: Rect, buf: &mut Buffer, doc_line: &DocLine) {
    let Some(line) = &doc_line.line else { return };
    let theme = &app.opts().theme;
    match doc_line.kind {
        LineKind::Heading => {
            app.render_line(line, doc_line.direction, row, buf, theme.heading, &[])
        }
        LineKind::Paragraph(p) => {
            // The current mention last, so that its style wins where spots overlap.
            let mut marks: Vec<Highlight> = Vec::new();
            let found = app.highlights_in(p);
            marks.extend(
                found
                    .iter()
                    .filter(|m| !m.1)
                    .map(|m| (m.0.clone(), theme.highlight)),
            );
            marks.extend(
                found
                    .iter()
                    .filter(|m| m.1)
                    .map(|m| (m.0.clone(), theme.highlight_current)),
            );
            app.render_line(line, doc_line.direction, row, buf, Style::new(), &marks);
        }
        LineKind::Blank => {}
    }
}

/// ` 12–40/80 ` on the bottom border, at the end opposite the reading start.
fn draw_position(
    app: &Ctx<'_>,
    pane: Rect,
    buf: &mut Buffer,
    total: usize,
    visible: usize,
    style: Style,
) {
    if total == 0 || pane.height < 2 || pane.width < 12 {
        return;
    }
    let first = app.scroll() + 1;
    let last = (app.scroll() + visible).min(total);
    let d = app.strings().digits;
    let text = format!(" {}–{}/{} ", d.write(first), d.write(last), d.write(total));
    let row = Rect::new(
        pane.x + 2,
        pane.bottom() - 1,
        pane.width.saturating_sub(4),
        1,
    );
    put_label_in(
        app,
        buf,
        row,
        &text,
        style,
        !rtl(app),
        Some(crate::data::Direction::Ltr),
    );
}
