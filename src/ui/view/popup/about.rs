//! The about popup: the article's metadata and keywords, wrapped by the engine.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{centered, frame};
use crate::text::{DisplayLine, LayoutOptions, layout};
use crate::ui::app::App;
use crate::ui::view::{Ctx, aligned_x, lang_direction, rtl};

/// The paragraphs shown, in order (`label: value`).
pub fn paragraphs(app: &App) -> Vec<String> {
    let meta = &app.data().meta;
    let s = app.strings();
    let mut out = vec![
        meta.title.clone(),
        format!("{}: {}", s.about_source, meta.source),
    ];
    if let Some(a) = &meta.attribution {
        out.push(format!("{}: {a}", s.about_attribution));
    }
    if let Some(p) = &meta.published {
        out.push(format!("{}: {}", s.about_published, s.date(p)));
    }
    if let Some(k) = &meta.keywords {
        out.push(format!("{}: {k}", s.about_keywords));
    }
    let d = app.data();
    let names = d.entities.len();
    let n = s.digits;
    out.push(format!(
        "{}: {} / {} / {}",
        s.about_counts,
        n.write(d.eras.len()),
        n.write(d.paragraph_count()),
        n.write(names)
    ));
    out
}

/// The popup's lines (`None` between paragraphs) and its frame over `area`.
fn laid_out(app: &Ctx<'_>, area: Rect) -> (Vec<Option<DisplayLine>>, Rect) {
    let width = area.width.saturating_sub(8).min(70);
    let text_width = usize::from(width.saturating_sub(4)).max(1);
    let ui = LayoutOptions {
        width: text_width,
        mode: app.opts().mode,
        direction: Some(lang_direction(app)),
    };
    // The title is dataset text: its own direction.
    let title = LayoutOptions {
        direction: app.data().meta.direction,
        ..ui
    };
    let mut lines: Vec<Option<DisplayLine>> = Vec::new();
    for (i, p) in paragraphs(app).iter().enumerate() {
        if i > 0 {
            lines.push(None);
        }
        let opts = if i == 0 { &title } else { &ui };
        lines.extend(layout(p, opts).lines.into_iter().map(Some));
    }
    let outer = centered(area, width, lines.len() as u16 + 2);
    (lines, outer)
}

/// The popup's frame over `area`.
pub fn outer(app: &Ctx<'_>, area: Rect) -> Rect {
    laid_out(app, area).1
}

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let (lines, outer) = laid_out(app, area);
    let inner = frame(app, outer, buf, app.strings().about_title);
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        let Some(line) = line else { continue };
        let style = if i == 0 {
            app.opts().theme.heading
        } else {
            app.opts().theme.popup
        };
        let x = aligned_x(inner, line.width, rtl(app));
        app.put_line(buf, x, inner.y + i as u16, inner.right(), line, |_| style);
    }
}
