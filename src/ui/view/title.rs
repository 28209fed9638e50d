//! The title bar: article title, source, attribution and publication date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put_label_in, rtl};
use crate::ui::app::App;
use crate::ui::strings::{Lang, Strings};
use crate::ui::view::Ctx;

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let theme = &app.opts().theme;
    buf.set_style(area, theme.title);
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height,
    );
    // Dataset text: its own direction (the override, else the first strong character).
    let direction = app.data().meta.direction;
    put_label_in(
        app,
        buf,
        inner,
        &title_text(app),
        theme.title,
        rtl(app),
        direction,
    );
}

/// `title · source · attribution · date`, the parts that exist.
pub fn title_text(app: &App) -> String {
    let meta = &app.data().meta;
    let mut parts = vec![meta.title.clone(), meta.source.clone()];
    parts.extend(meta.attribution.clone());
    // The date sits inside dataset text, so it is spelled in the dataset's
    // language: an English date inside an Arabic line would be reordered.
    let dates = Strings::for_lang(if meta.language.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    });
    parts.extend(meta.published.as_ref().map(|d| dates.date(d)));
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" · ")
}
