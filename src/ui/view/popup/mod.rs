//! Popups drawn over the app: help, about, and the finder.

pub mod about;
pub mod help;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::{draw_pane, put_title, rtl};
use crate::ui::app::Popup;
use crate::ui::view::Ctx;

pub fn draw(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    match app.popup() {
        Some(Popup::Help { scroll }) => help::draw(app, area, buf, scroll),
        Some(Popup::About) => about::draw(app, area, buf),
        None => {}
    }
    if let Some(finder) = app.finder() {
        crate::ui::finder::route::draw(app, finder, area, buf);
    }
}

/// The areas the popups open over the screen `area` cover (none in App
/// mode, where what is under them needs no care: see
/// [`crate::ui::laid_text::put_line_under`]).
pub fn areas(app: &Ctx<'_>, area: Rect) -> Vec<Rect> {
    let mut out = Vec::new();
    if app.opts().mode == crate::text::BidiMode::App {
        return out;
    }
    match app.popup() {
        Some(Popup::Help { .. }) => {
            let rows = crate::ui::help::rows(&app.opts().keymap, app.strings());
            out.push(crate::ui::help::outer(area, rows.len()));
        }
        Some(Popup::About) => out.push(about::outer(app, area)),
        None => {}
    }
    if app.finder().is_some() {
        let popup = crate::ui::finder::Finder::popup_area(area);
        if popup.width >= 6 && popup.height >= 4 {
            out.push(popup);
        }
    }
    out
}

pub use crate::ui::geometry::centered;

/// Clears `frame`, draws its border with `title` and returns the inside
/// (one cell of padding left and right).
pub fn frame(app: &Ctx<'_>, frame: Rect, buf: &mut Buffer, title: &str) -> Rect {
    Clear.render(frame, buf);
    buf.set_style(frame, app.opts().theme.popup);
    draw_pane(frame, buf, app.opts().theme.border_focused);
    let title_row = Rect::new(frame.x + 2, frame.y, frame.width.saturating_sub(4), 1);
    put_title(app, buf, title_row, title, app.opts().theme.title, rtl(app));
    Rect::new(
        frame.x + 2,
        frame.y + 1,
        frame.width.saturating_sub(4),
        frame.height.saturating_sub(2),
    )
}
