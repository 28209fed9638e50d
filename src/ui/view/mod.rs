//! Drawing: pure functions of the [`App`] state into a ratatui buffer.
//!
//! What drawing keeps between frames (labels laid out, the ruler's
//! coverage) is the [`Painter`]'s, owned by whoever draws (the event loop,
//! a test, a benchmark), never the state's: the views take a [`Ctx`], the
//! state and the painter's caches, and draw the same for the same state
//! whatever the caches hold.
//!
//! Every string drawn (dataset text and interface strings alike) goes through
//! the layout engine and is written glyph by glyph, so right-to-left text
//! reads correctly and widths always come from the engine.

pub mod detail;
pub mod popup;
pub mod ruler;
pub mod sidebar;
pub mod status;
pub mod title;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{
    Block, BorderType, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use std::cell::RefCell;

use super::app::App;
use super::geometry::ruler::Coverage;
use crate::data::Direction;
use crate::text::{BidiMode, DisplayLine, Glyph};
use crate::ui::laid_text::{
    Align, Highlight, paint_label_under, put_line_under, render_line_under,
};

/// The largest area drawn: a larger terminal is drawn in its top-left
/// corner and the rest stays blank, so a frame's buffers stay a few MB
/// whatever size the terminal claims (65535×65535 would need hundreds of
/// GB). 500×200 is more than a 4K screen holds at a readable font size.
pub const MAX_AREA: (u16, u16) = (500, 200);

/// The area drawn in a terminal of `width`×`height` cells.
pub fn capped(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_AREA.0), height.min(MAX_AREA.1))
}

/// A label laid out on one line, and its paragraph direction.
pub type Label = std::rc::Rc<(DisplayLine, Direction)>;

/// Labels by text (looked up by `&str`, so a hit allocates nothing), then by
/// width and direction: the sidebar asks again for every row of every frame.
type LabelCache = std::collections::HashMap<Box<str>, Vec<(usize, Option<Direction>, Label)>>;
/// Bounds the label cache (a resize storm must not grow it forever).
const LABEL_CACHE_CAPACITY: usize = 4096;

/// What drawing keeps from one frame to the next, for one app: single-line
/// layouts of labels (for the bidi mode they were laid out in) and the
/// ruler's span coverage (for its size and direction).
#[derive(Debug, Default)]
pub struct Painter {
    labels: RefCell<LabelCache>,
    /// The mode `labels` were laid out in.
    labels_mode: Option<BidiMode>,
    ruler: RefCell<Option<Coverage>>,
}

impl Painter {
    pub fn new() -> Painter {
        Painter::default()
    }

    /// Draws the whole screen.
    pub fn draw(&mut self, frame: &mut Frame<'_>, app: &App) {
        let area = frame.area();
        self.draw_into(app, area, frame.buffer_mut());
    }

    /// Draws the whole screen into `buf` (also used by benchmarks and tests).
    pub fn draw_into(&mut self, app: &App, area: Rect, buf: &mut Buffer) {
        // A live mode switch lays everything out again.
        let mode = app.opts().mode;
        if self.labels_mode != Some(mode) {
            self.labels.get_mut().clear();
            self.labels_mode = Some(mode);
        }
        draw_screen(
            &Ctx {
                app,
                painter: self,
                covered: Vec::new(),
            },
            area,
            buf,
        );
        match mode {
            BidiMode::Qterminal => crate::ui::style_runs::arrange(buf),
            BidiMode::Mlterm => crate::ui::style_runs::arrange_words(buf),
            _ => {}
        }
    }
}

/// What a view draws from: the state (which it derefs to), the painter's
/// caches, and the areas a popup will cover (computed once per frame, from
/// the state and the screen's size, before the panes under it are drawn).
pub struct Ctx<'a> {
    app: &'a App,
    painter: &'a Painter,
    covered: Vec<Rect>,
}

impl std::ops::Deref for Ctx<'_> {
    type Target = App;

    fn deref(&self) -> &App {
        self.app
    }
}

impl<'a> Ctx<'a> {
    /// This context for drawing under the popups open over `area`.
    fn under_popups(&self, area: Rect) -> Ctx<'a> {
        Ctx {
            app: self.app,
            painter: self.painter,
            covered: popup::areas(self, area),
        }
    }

    /// [`crate::ui::laid_text::put_line`], leaving the cells a popup will
    /// cover to it (see [`crate::ui::laid_text::put_line_under`]).
    pub fn put_line(
        &self,
        buf: &mut Buffer,
        x: u16,
        y: u16,
        right: u16,
        line: &DisplayLine,
        style: impl Fn(&Glyph) -> Style,
    ) -> u16 {
        put_line_under(buf, x, y, right, line, style, &self.covered)
    }

    /// [`crate::ui::laid_text::render_line`], leaving the cells a popup
    /// will cover to it.
    pub fn render_line(
        &self,
        line: &DisplayLine,
        direction: Direction,
        area: Rect,
        buf: &mut Buffer,
        style: Style,
        highlights: &[Highlight],
    ) {
        render_line_under(line, direction, area, buf, style, highlights, &self.covered);
    }

    /// A short string laid out on one line of at most `width` cells
    /// (truncated with `…`), RTL-correct, via the layout engine.
    pub fn label(&self, text: &str, width: usize, direction: Option<Direction>) -> Label {
        let mut labels = self.painter.labels.borrow_mut();
        let found = labels.get(text).and_then(|laid| {
            laid.iter()
                .find(|(w, d, _)| (*w, *d) == (width, direction))
                .map(|(_, _, laid)| Label::clone(laid))
        });
        if let Some(found) = found {
            return found;
        }
        let laid = Label::new(crate::text::single_line(
            text,
            width,
            self.opts().mode,
            direction,
        ));
        if labels.len() >= LABEL_CACHE_CAPACITY {
            labels.clear();
        }
        labels
            .entry(text.into())
            .or_default()
            .push((width, direction, Label::clone(&laid)));
        laid
    }

    /// The ruler's span coverage for a ruler of `area` (see [`Coverage`]),
    /// computed when the ruler's size or direction changed.
    pub fn ruler_coverage<R>(&self, area: Rect, use_it: impl FnOnce(&Coverage) -> R) -> Option<R> {
        let direction = self.opts().layout_direction;
        let mut cache = self.painter.ruler.borrow_mut();
        if cache.as_ref().is_none_or(|c| !c.fits(area, direction)) {
            *cache = self
                .data()
                .year_span()
                .map(|span| Coverage::new(self.data(), area, direction, span));
        }
        cache.as_ref().map(use_it)
    }
}

/// Draws the whole screen into `buf`.
fn draw_screen(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.opts().theme.base);
    let g =
        super::geometry::Geometry::new(area, app.opts().layout_direction, app.sidebar_content());
    if g.too_small {
        draw_too_small(app, area, buf);
        return;
    }
    let under = app.under_popups(area);
    title::draw(&under, g.title, buf);
    sidebar::draw(&under, &g, buf);
    detail::draw(&under, &g, buf);
    ruler::draw(&under, g.ruler, buf);
    status::draw(&under, g.status, buf);
    popup::draw(app, area, buf);
}

/// The "enlarge the terminal" message, centered and wrapped by the engine.
fn draw_too_small(app: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width).max(1);
    let opts = crate::text::LayoutOptions {
        width,
        mode: app.opts().mode,
        direction: Some(lang_direction(app)),
    };
    let laid = crate::text::layout(&app.strings().enlarge(), &opts);
    let top = area.y + area.height.saturating_sub(laid.lines.len() as u16) / 2;
    for (i, line) in laid.lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let pad = (area.width as usize).saturating_sub(line.width) / 2;
        let x = area.x + pad as u16;
        app.put_line(buf, x, y, area.right(), line, |_| app.opts().theme.message);
    }
}

/// The x where a line of `width` cells starts in `area`, aligned to the end
/// the interface reads from (the same in both modes, see `DisplayLine::indent`).
pub fn aligned_x(area: Rect, width: usize, right: bool) -> u16 {
    if right {
        area.x + (area.width as usize).saturating_sub(width) as u16
    } else {
        area.x
    }
}

/// A title set into a border: the label with one blank cell on each side
/// (drawn as cells, not as spaces in the text, which bidi would move).
pub fn put_title(
    app: &Ctx<'_>,
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    right: bool,
) {
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1);
    let laid = app.label(text, usize::from(inner.width), Some(lang_direction(app)));
    let line = &laid.0;
    if line.width == 0 {
        return;
    }
    // The blanks first: the label's fence marks may ride in the one before it.
    let x = aligned_x(inner, line.width, right);
    buf.set_string(x - 1, area.y, " ", style);
    let end = x + line.width as u16;
    if end < area.right() {
        buf.set_string(end, area.y, " ", style);
    }
    app.put_line(buf, x, area.y, inner.right(), line, |_| style);
}

/// Lays out `text` on one line of `area` (its first row) and draws it aligned
/// to the interface's reading side (or `right` explicitly); interface strings
/// read in the direction of their language. Returns the line's width.
pub fn put_label(
    app: &Ctx<'_>,
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    right: bool,
) -> usize {
    put_label_in(
        app,
        buf,
        area,
        text,
        style,
        right,
        Some(lang_direction(app)),
    )
}

/// [`put_label`] with an explicit paragraph direction (`None`: from the
/// first strong character, for dataset text).
pub fn put_label_in(
    app: &Ctx<'_>,
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    right: bool,
    direction: Option<Direction>,
) -> usize {
    let laid = app.label(text, usize::from(area.width), direction);
    let line = &laid.0;
    let align = if right { Align::Right } else { Align::Left };
    paint_label_under(buf, area, line, align, |_| style, &app.covered);
    line.width
}

/// The paragraph direction of interface strings: that of their language.
pub fn lang_direction(app: &Ctx<'_>) -> Direction {
    match app.opts().lang {
        crate::ui::strings::Lang::Ar => Direction::Rtl,
        crate::ui::strings::Lang::En => Direction::Ltr,
    }
}

/// True when the interface reads right to left.
pub fn rtl(app: &Ctx<'_>) -> bool {
    app.opts().layout_direction == Direction::Rtl
}

/// A bordered pane.
pub fn pane(style: Style) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(style)
}

/// A vertical scrollbar over the outer edge of `area` (left in an RTL interface).
pub fn scrollbar(
    app: &Ctx<'_>,
    area: Rect,
    buf: &mut Buffer,
    total: usize,
    visible: usize,
    position: usize,
) {
    if total <= visible || area.height < 3 {
        return;
    }
    let orientation = if rtl(app) {
        ScrollbarOrientation::VerticalLeft
    } else {
        ScrollbarOrientation::VerticalRight
    };
    let inner = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    let mut state = ScrollbarState::new(total.saturating_sub(visible)).position(position);
    Scrollbar::new(orientation)
        .begin_symbol(None)
        .end_symbol(None)
        .style(app.opts().theme.border_focused)
        .render(inner, buf, &mut state);
}

/// Draws a bordered block (ratatui draws only the border glyphs, no text).
pub fn draw_pane(area: Rect, buf: &mut Buffer, style: Style) {
    pane(style).render(area, buf);
}
