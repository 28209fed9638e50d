//! Draws laid-out text (from `crate::text`) into a ratatui buffer.
//!
//! Cells are written glyph by glyph: ratatui's own wrapping and width
//! measuring never run, so what is on screen is exactly what the engine laid
//! out (the engine's widths are ratatui's per-cell widths). Highlights are
//! given as byte ranges of the original paragraph and reach the right cells
//! through [`Glyph::source`], whatever shaping and reordering did.

use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::data::Direction;
use crate::text::{
    BidiMode, DisplayLine, Glyph, Layout, intersects, kitty_reverses, visible_parts,
};

/// A highlight: bytes of the original paragraph and the style patched over them.
pub type Highlight = (Range<usize>, Style);

/// The lines of one paragraph, drawn top to bottom from `skip`, each aligned
/// per the paragraph direction (RTL lines right-aligned in App mode).
#[derive(Debug, Clone)]
pub struct LaidText<'a> {
    lines: &'a [DisplayLine],
    direction: Direction,
    style: Style,
    highlights: &'a [Highlight],
    skip: usize,
}

impl<'a> LaidText<'a> {
    pub fn new(layout: &'a Layout) -> Self {
        LaidText::from_lines(&layout.lines, layout.direction)
    }

    pub fn from_lines(lines: &'a [DisplayLine], direction: Direction) -> Self {
        LaidText {
            lines,
            direction,
            style: Style::default(),
            highlights: &[],
            skip: 0,
        }
    }

    /// Base style of the area the lines are drawn in.
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Styles patched over the glyphs whose source intersects each range
    /// (later entries win where they overlap).
    pub fn highlights(mut self, highlights: &'a [Highlight]) -> Self {
        self.highlights = highlights;
        self
    }

    /// Lines scrolled off the top.
    pub fn scroll(mut self, skip: usize) -> Self {
        self.skip = skip;
        self
    }
}

impl Widget for LaidText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let rows = self
            .lines
            .iter()
            .skip(self.skip)
            .take(usize::from(area.height));
        for (dy, line) in (0u16..).zip(rows) {
            let row = Rect {
                y: area.y + dy,
                height: 1,
                ..area
            };
            render_line(line, self.direction, row, buf, self.style, self.highlights);
        }
    }
}

/// Draws one line in the first row of `area`, aligned per `direction`;
/// glyphs that do not fit in the area are not drawn.
pub fn render_line(
    line: &DisplayLine,
    direction: Direction,
    area: Rect,
    buf: &mut Buffer,
    style: Style,
    highlights: &[Highlight],
) {
    render_line_under(line, direction, area, buf, style, highlights, &[]);
}

/// [`render_line`] under the areas `covered` (see [`put_line_under`]).
pub fn render_line_under(
    line: &DisplayLine,
    direction: Direction,
    area: Rect,
    buf: &mut Buffer,
    style: Style,
    highlights: &[Highlight],
    covered: &[Rect],
) {
    let area = area.intersection(buf.area);
    let Some(cells) = row_cells(buf, area) else {
        return;
    };
    let style = upright(line, style, &mut None);
    // Patching with the empty style changes nothing: most lines skip it.
    if style != Style::new() {
        cells.iter_mut().for_each(|c| {
            c.set_style(style);
        });
    }
    let x = line.indent(cells.len(), direction);
    let style = |glyph: &Glyph| highlighted(glyph, style, highlights);
    if cut_by(line, area.x + to_u16(x), area.y, area.right(), covered) {
        put_parts(
            buf,
            area.x + to_u16(x),
            area.y,
            area.right(),
            line,
            style,
            covered,
        );
    } else {
        put_glyphs(cells, x, line, style);
    }
}

/// `style` patched with every highlight whose range covers the glyph's source.
pub fn highlighted(glyph: &Glyph, style: Style, highlights: &[Highlight]) -> Style {
    highlights
        .iter()
        .filter(|(range, _)| intersects(&glyph.source, range))
        .fold(style, |s, (_, h)| s.patch(*h))
}

/// Where a one-line label sits in its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    /// At the end its own direction reads from (right for right to left).
    Reading(Direction),
}

/// The label painter: every one-line string the interface draws (sidebar
/// rows, pane and popup titles, status hints, popup lines, finder rows) is a
/// laid-out line put in the first row of `area` here. Only the glyphs' cells
/// are styled (`style` per glyph), so a label never repaints the row around
/// it. Returns the x after the line.
pub fn paint_label(
    buf: &mut Buffer,
    area: Rect,
    line: &DisplayLine,
    align: Align,
    style: impl Fn(&Glyph) -> Style,
) -> u16 {
    paint_label_under(buf, area, line, align, style, &[])
}

/// [`paint_label`] under the areas `covered` (see [`put_line_under`]).
pub fn paint_label_under(
    buf: &mut Buffer,
    area: Rect,
    line: &DisplayLine,
    align: Align,
    style: impl Fn(&Glyph) -> Style,
    covered: &[Rect],
) -> u16 {
    let width = usize::from(area.width);
    let offset = match align {
        Align::Left => 0,
        Align::Right => width.saturating_sub(line.width),
        Align::Reading(direction) => line.indent(width, direction),
    };
    let x = area.x.saturating_add(to_u16(offset));
    put_line_under(buf, x, area.y, area.right(), line, style, covered)
}

/// Writes a laid-out line at (`x`, `y`), glyph by glyph, stopping before
/// `right`; `style` gives each glyph its style. Returns the x after the line.
pub fn put_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    line: &DisplayLine,
    style: impl Fn(&Glyph) -> Style,
) -> u16 {
    put_line_under(buf, x, y, right, line, style, &[])
}

/// [`put_line`] for a line under the areas `covered`, which a popup drawn
/// later paints over: the cells there are left as they are. In App mode the
/// line is written whole (the popup's cells replace its covered ones). In
/// the other modes, where the terminal reorders or reverses what it is
/// sent, a covered line is sent as the parts of it that stay visible on
/// screen, each formed for the terminal on its own
/// ([`crate::text::visible_parts`]) and put where it shows in the whole
/// line, so the terminal shows the visible cells of the whole line.
pub fn put_line_under(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    line: &DisplayLine,
    style: impl Fn(&Glyph) -> Style,
    covered: &[Rect],
) -> u16 {
    if cut_by(line, x, y, right, covered) {
        return put_parts(buf, x, y, right, line, style, covered);
    }
    // The cell before the line comes along: a fenced line's opening marks
    // ride in it (see `put_glyphs`).
    let lead = u16::from(x > buf.area.x);
    let from = x - lead;
    let row = Rect::new(from, y, right.saturating_sub(from), 1).intersection(buf.area);
    if row.x != from || row.width <= lead {
        return x;
    }
    let Some(cells) = row_cells(buf, row) else {
        return x;
    };
    let end = put_glyphs(cells, usize::from(lead), line, style);
    from.saturating_add(u16::try_from(end).unwrap_or(u16::MAX))
}

/// True when `line`, put at (`x`, `y`) and stopping before `right`, is in a
/// mode whose terminal reorders what it is sent and has cells in `covered`,
/// or the cell before it is (where the opening marks of its fence ride).
fn cut_by(line: &DisplayLine, x: u16, y: u16, right: u16, covered: &[Rect]) -> bool {
    if line.mode == BidiMode::App || covered.is_empty() {
        return false;
    }
    let from = x.saturating_sub(1);
    let width = right.saturating_sub(x).min(to_u16(line.width));
    let span = Rect::new(from, y, width.saturating_add(x - from), 1);
    covered.iter().any(|c| c.intersects(span))
}

/// Writes the visible parts of `line` (see [`put_line_under`]). Each part
/// is fenced within its own cells, its opening marks riding in its first
/// cell: the cell before it may be under the popup. Returns the x after
/// the line.
fn put_parts(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    line: &DisplayLine,
    style: impl Fn(&Glyph) -> Style,
    covered: &[Rect],
) -> u16 {
    let hidden = |cells: Range<usize>| {
        let from = x.saturating_add(to_u16(cells.start));
        let to = x.saturating_add(to_u16(cells.end));
        to > right
            || covered
                .iter()
                .any(|c| c.intersects(Rect::new(from, y, to - from, 1)))
    };
    for (at, part) in visible_parts(line, hidden) {
        let from = x.saturating_add(to_u16(at));
        let row = Rect::new(from, y, to_u16(part.width), 1).intersection(buf.area);
        if row.x != from {
            continue;
        }
        if let Some(cells) = row_cells(buf, row) {
            put_glyphs(cells, 0, &part, &style);
        }
    }
    x.saturating_add(to_u16(line.width)).min(right.max(x))
}

/// A count of cells as a coordinate (saturating).
fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub use crate::text::{RTL_FENCE_END, RTL_FENCE_START};

/// Writes `line`'s glyphs into `cells` from index `x`, stopping at the first
/// glyph that does not fit; `style` gives each glyph its style. The cells a
/// wide glyph covers are reset, as ratatui itself does. Returns the index
/// after the last glyph written.
///
/// A right-to-left line in Terminal mode is fenced: a bidi terminal (VTE,
/// Konsole) reorders each row as one paragraph, left to right, so without
/// the fence neutrals between two RTL texts (a status-bar key between two
/// labels, the border between the sidebar and the detail pane) join them
/// into one run reversed across both. The fence makes the terminal reverse
/// the line within its own cells only. The marks are zero-width and ride in
/// the cell before the line (or its first glyph) and in its last glyph.
///
/// A line with Arabic in it is never italic: monospace fonts have no italic
/// Arabic, and a terminal that looks for one draws empty boxes (Konsole).
/// The whole line stays upright, so a bidi terminal, which lays out each
/// run of cells with the same attributes on its own, sees one run.
pub fn put_glyphs(
    cells: &mut [Cell],
    mut x: usize,
    line: &DisplayLine,
    style: impl Fn(&Glyph) -> Style,
) -> usize {
    let start = x;
    let fence = line.mode.is_terminal() && line.rtl;
    let mut last = None;
    // Looked at only when a style asks for italics.
    let mut arabic = None;
    let kitty = (line.mode == BidiMode::Kitty).then(|| kitty_cell_styles(line, &style));
    for (i, glyph) in line.glyphs.iter().enumerate() {
        let w = glyph.width.max(1);
        if x + w > cells.len() {
            break;
        }
        if let Some(cell) = cells.get_mut(x) {
            let style = match kitty.as_ref().and_then(|k| k.get(i)) {
                Some(style) => *style,
                None => style(glyph),
            };
            let style = upright(line, style, &mut arabic);
            cell.set_symbol(line.glyph_text(glyph)).set_style(style);
        }
        for covered in cells.iter_mut().skip(x + 1).take(w - 1) {
            covered.reset();
        }
        last = Some(x);
        x += w;
    }
    if let (true, Some(last)) = (fence, last) {
        fence_run(cells, start, last);
    }
    x
}

/// The style of each glyph's cell of a line in kitty's form. kitty shapes
/// each run of cells of one font between blanks on its own and, for a run
/// it lays right to left, draws the run's glyphs reversed into its cells,
/// each with the colours and underline of the cell it lands in. So in such
/// a word each cell takes the style of the glyph kitty draws there (the
/// glyph at the mirrored place), and a word with right-to-left letters
/// keeps only the faces (bold, italic: another font) all its glyphs have:
/// a face change inside it (a finder match) would cut it into runs laid
/// out apart, in the wrong order and unjoined. Colours and underlines do
/// not cut kitty's runs.
fn kitty_cell_styles(line: &DisplayLine, style: impl Fn(&Glyph) -> Style) -> Vec<Style> {
    const FACES: Modifier = Modifier::BOLD.union(Modifier::ITALIC);
    let styles: Vec<Style> = line.glyphs.iter().map(&style).collect();
    let blank = |g: &Glyph| matches!(line.glyph_text(g), " " | "\u{2002}");
    let mut out = styles.clone();
    let mut start = 0;
    for end in 0..=line.glyphs.len() {
        if line.glyphs.get(end).is_some_and(|g| !blank(g)) {
            continue;
        }
        let word = start..end;
        let faces = styles[word.clone()].iter().map(|s| s.add_modifier & FACES);
        let all = faces.clone().fold(FACES, |a, f| a & f);
        let any = faces.fold(Modifier::empty(), |a, f| a | f);
        let text: String = line.glyphs[word.clone()]
            .iter()
            .map(|g| line.glyph_text(g))
            .collect();
        let reversed = kitty_reverses(&text);
        // A word with no right-to-left letter is laid out left to right
        // whatever its runs: it keeps its faces.
        let one_face = reversed
            || text
                .chars()
                .any(|c| kitty_reverses(c.encode_utf8(&mut [0; 4])));
        let drop = if one_face {
            any - all
        } else {
            Modifier::empty()
        };
        for i in word {
            let shown = if reversed { start + end - 1 - i } else { i };
            out[i] = styles[shown].remove_modifier(drop);
        }
        start = end + 1;
    }
    out
}

/// `style` without italics when `line` holds Arabic (see [`put_glyphs`]);
/// `arabic` keeps the answer for the line, looked for only when a style
/// asks for italics.
fn upright(line: &DisplayLine, style: Style, arabic: &mut Option<bool>) -> Style {
    if style.add_modifier.contains(Modifier::ITALIC)
        && *arabic.get_or_insert_with(|| line.text.chars().any(arabic_script))
    {
        style.remove_modifier(Modifier::ITALIC)
    } else {
        style
    }
}

/// A letter or mark of the Arabic script, presentation forms included.
fn arabic_script(c: char) -> bool {
    matches!(c,
        '\u{600}'..='\u{6FF}'
        | '\u{750}'..='\u{77F}'
        | '\u{870}'..='\u{8FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Adds the RTL fence around the glyphs written from cell `first` to cell `last`.
fn fence_run(cells: &mut [Cell], first: usize, last: usize) {
    if let Some(cell) = cells.get_mut(last) {
        let end = format!("{}{RTL_FENCE_END}", cell.symbol());
        cell.set_symbol(&end);
    }
    let (at, before) = match first.checked_sub(1) {
        Some(pad) => (pad, true),
        None => (first, false),
    };
    if let Some(cell) = cells.get_mut(at) {
        let symbol = if before {
            format!("{}{RTL_FENCE_START}", cell.symbol())
        } else {
            format!("{RTL_FENCE_START}{}", cell.symbol())
        };
        cell.set_symbol(&symbol);
    }
}

/// The cells of the first row of `area` (which lies inside the buffer), as
/// one slice: a frame writes thousands of cells, and indexing the buffer by
/// position checks and converts the position for every one of them.
pub fn row_cells(buf: &mut Buffer, area: Rect) -> Option<&mut [Cell]> {
    if area.is_empty() {
        return None;
    }
    let (x, y) = (
        usize::from(area.x.saturating_sub(buf.area.x)),
        usize::from(area.y.saturating_sub(buf.area.y)),
    );
    let start = y * usize::from(buf.area.width) + x;
    buf.content.get_mut(start..start + usize::from(area.width))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BidiMode, LayoutOptions, layout, single_line};
    use ratatui::style::{Color, Modifier};

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn rtl_lines_are_right_aligned_and_ltr_left_aligned() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        let ar = layout("لا", &LayoutOptions::new(8, BidiMode::App));
        LaidText::new(&ar).render(Rect::new(0, 0, 8, 1), &mut buf);
        let en = layout("ab", &LayoutOptions::new(8, BidiMode::App));
        LaidText::new(&en).render(Rect::new(0, 1, 8, 1), &mut buf);
        assert_eq!(row(&buf, 0), "       \u{FEFB}");
        assert_eq!(row(&buf, 1), "ab      ");
    }

    #[test]
    fn highlights_follow_the_source_through_reordering() {
        // بب is source 0..4 (two letters of 2 bytes), then a space and "ab".
        let text = "بب ab";
        let laid = layout(text, &LayoutOptions::new(10, BidiMode::App));
        let hl = [(0..2, Style::default().fg(Color::Red))];
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        LaidText::new(&laid)
            .highlights(&hl)
            .style(Style::default().add_modifier(Modifier::BOLD))
            .render(buf.area, &mut buf);
        // RTL paragraph: visual "ﺐﺑ ab" right-aligned in 10 cells → starts at x = 5.
        assert_eq!(row(&buf, 0), "     ab \u{FE90}\u{FE91}");
        // The first logical beh (source 0..2) is the rightmost cell.
        assert_eq!(buf[(9, 0)].fg, Color::Red);
        assert_eq!(buf[(8, 0)].fg, Color::Reset);
        assert!(buf[(8, 0)].modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn lines_with_arabic_are_never_italic() {
        let italic = Style::new().add_modifier(Modifier::ITALIC | Modifier::BOLD);
        for mode in [BidiMode::App, BidiMode::Terminal, BidiMode::TerminalShaped] {
            for (text, upright) in [
                ("مقدمة", true),
                ("* (Introduction) مقدمة", true),
                ("Introduction *", false),
            ] {
                let laid = layout(text, &LayoutOptions::new(30, mode));
                let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
                LaidText::new(&laid)
                    .style(italic)
                    .render(buf.area, &mut buf);
                for x in 0..30 {
                    let cell = &buf[(x, 0)];
                    if cell.symbol() != " " {
                        let m = cell.modifier;
                        assert_eq!(!m.contains(Modifier::ITALIC), upright, "{text} {mode:?}");
                        assert!(m.contains(Modifier::BOLD), "other modifiers stay");
                    }
                }
            }
        }
    }

    #[test]
    fn wide_glyphs_reset_the_cell_they_cover() {
        let laid = layout("日本", &LayoutOptions::new(4, BidiMode::App));
        let mut buf = Buffer::with_lines(["xxxx"]);
        LaidText::new(&laid).render(buf.area, &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "日");
        assert_eq!(buf[(1, 0)].symbol(), " ");
        assert_eq!(buf[(2, 0)].symbol(), "本");
    }

    #[test]
    fn labels_are_truncated_at_their_logical_end() {
        let (line, dir) = single_line("abcdef", 4, BidiMode::App, None);
        assert_eq!((line.text.as_str(), dir), ("abc…", Direction::Ltr));
        // بببب shaped: initial, medial, medial, final. Truncated to 3 cells:
        // two logical letters kept (initial, medial), the ellipsis on the left.
        let (line, dir) = single_line("بببب", 3, BidiMode::App, None);
        assert_eq!(
            (line.text.as_str(), dir),
            ("…\u{FE92}\u{FE91}", Direction::Rtl)
        );
        assert_eq!(line.width, 3);
    }
}
