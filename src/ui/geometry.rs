//! Where each part of the screen goes, computed from the terminal size and
//! the width the sidebar's rows ask for, so that drawing and mouse
//! hit-testing always agree.

pub mod ruler;

use std::borrow::Cow;

use ratatui::layout::Rect;

use super::strings::Strings;
use super::years::{added_years, year_range};
use crate::data::{Dataset, Direction, Section};
use crate::text::{BidiMode, single_line};

/// Below this the layout would break: a short message is shown instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Cells a sidebar row gives the selection marker and its gap.
pub const SIDEBAR_MARKER: u16 = 2;
/// Cells between a sidebar label and its years.
pub const SIDEBAR_GAP: u16 = 1;
/// A label keeps at least this many cells (or all of it, when shorter)
/// before the years take the rest of the row.
pub const SIDEBAR_LABEL_MIN: u16 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub area: Rect,
    pub too_small: bool,
    pub title: Rect,
    /// The sidebar with its border.
    pub sidebar: Rect,
    /// The rows of the era list (inside the border).
    pub sidebar_list: Rect,
    /// The detail pane with its border.
    pub detail: Rect,
    /// Where text goes in the detail pane (inside the border, one cell of
    /// padding each side): its width is the layout width.
    pub detail_text: Rect,
    /// The timeline ruler (two rows), with a one-cell margin each side.
    pub ruler: Rect,
    pub status: Rect,
}

impl Geometry {
    /// `sidebar_content`: the cells the widest sidebar row asks for (see
    /// [`sidebar_content_width`]).
    pub fn new(area: Rect, layout_direction: Direction, sidebar_content: u16) -> Geometry {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let (w, h) = (area.width, area.height);
        let row = |y: u16, height: u16| {
            Rect::new(
                area.x,
                area.y + y.min(h),
                w,
                height.min(h.saturating_sub(y)),
            )
        };
        let title = row(0, 1);
        let status = row(h.saturating_sub(1), 1);
        let ruler_full = row(h.saturating_sub(3), 2);
        let ruler = Rect::new(
            ruler_full.x + 1,
            ruler_full.y,
            w.saturating_sub(2),
            ruler_full.height,
        );
        let main = row(1, h.saturating_sub(4));
        let sidebar_w = sidebar_width(w, sidebar_content);
        let detail_w = w - sidebar_w;
        let (sidebar_x, detail_x) = match layout_direction {
            Direction::Ltr => (main.x, main.x + sidebar_w),
            Direction::Rtl => (main.x + detail_w, main.x),
        };
        let sidebar = Rect::new(sidebar_x, main.y, sidebar_w, main.height);
        let detail = Rect::new(detail_x, main.y, detail_w, main.height);
        let detail_inner = inner(detail);
        let detail_text = Rect::new(
            detail_inner.x + 1,
            detail_inner.y,
            detail_inner.width.saturating_sub(2),
            detail_inner.height,
        );
        Geometry {
            area,
            too_small,
            title,
            sidebar,
            sidebar_list: inner(sidebar),
            detail,
            detail_text,
            ruler,
            status,
        }
    }
}

/// The sidebar's width on a screen `w` columns wide: what its rows ask for
/// plus the border, never less than a quarter of the screen (18 to 32
/// columns, its width when it did not measure its content) and never more
/// than two fifths of it, so the detail pane keeps at least three fifths.
pub fn sidebar_width(w: u16, content: u16) -> u16 {
    let floor = (w / 4).clamp(18, 32).min(w);
    let ceiling = u16::try_from(u32::from(w) * 2 / 5)
        .unwrap_or(u16::MAX)
        .max(floor);
    content.saturating_add(2).clamp(floor, ceiling)
}

/// What a section's sidebar row shows: its label (with the editorial mark)
/// and the years the program adds to it, read in the interface direction.
pub fn sidebar_row_text<'a>(
    section: &Section<'a>,
    strings: &Strings,
    layout_direction: Direction,
) -> (Cow<'a, str>, Option<String>) {
    let label = if section.editorial {
        format!("{} {}", section.label, strings.editorial_mark).into()
    } else {
        section.label.into()
    };
    let years = added_years(section)
        .map(|y| year_range(y, layout_direction, layout_direction, strings.digits));
    (label, years)
}

/// The cells the widest sidebar row asks for, without the border: marker,
/// label, gap and years, each measured by the layout engine; the pane's
/// titles count too.
pub fn sidebar_content_width(
    data: &Dataset,
    strings: &Strings,
    mode: BidiMode,
    layout_direction: Direction,
) -> u16 {
    const UNBOUNDED: usize = 4096;
    let cells = |text: &str| single_line(text, UNBOUNDED, mode, None).0.width;
    let rows = data.sections().map(|section| {
        let (label, years) = sidebar_row_text(&section, strings, layout_direction);
        let years = years.map_or(0, |y| usize::from(SIDEBAR_GAP) + cells(&y));
        usize::from(SIDEBAR_MARKER) + cells(&label) + years
    });
    // Titles sit between two cells of border line and a space each side.
    let titles = [strings.eras, strings.related].map(|t| cells(t) + 4);
    let widest = rows.chain(titles).max().unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

/// Inside a one-cell border.
fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// A row of the sidebar: eras, then (when there are any) a separator and the
/// related items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// Index into `Dataset::sections()`.
    Section(usize),
    Separator,
}

impl SidebarRow {
    pub fn count(data: &Dataset) -> usize {
        match data.related.len() {
            0 => data.eras.len(),
            n => data.eras.len() + 1 + n,
        }
    }

    pub fn at(data: &Dataset, row: usize) -> Option<SidebarRow> {
        let eras = data.eras.len();
        if row < eras {
            Some(SidebarRow::Section(row))
        } else if row >= Self::count(data) {
            None
        } else if row == eras {
            Some(SidebarRow::Separator)
        } else {
            Some(SidebarRow::Section(row - 1))
        }
    }

    /// The row that shows section `index`.
    pub fn row_of(data: &Dataset, index: usize) -> usize {
        if index < data.eras.len() {
            index
        } else {
            index + 1
        }
    }
}

/// A centered rectangle at most `width` × `height`, inside a 2-cell margin.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(4));
    let h = height.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The default `measure`: the cells of the detail pane's text column. Near
/// the 45–75 characters typographers give a comfortable line, and wider than
/// the text column at 100 columns and less, so only wide screens change.
pub const DEFAULT_MEASURE: u16 = 72;

/// The detail pane's text column: `detail_text` narrowed to `measure` cells
/// (`0`: all of it), against the edge where the text's lines begin (the right
/// one for right-to-left text), so the eye finds each line's start in the
/// same place and the ragged ends face the free space.
pub fn text_column(detail_text: Rect, measure: u16, rtl: bool) -> Rect {
    if measure == 0 || measure >= detail_text.width {
        return detail_text;
    }
    let x = if rtl {
        detail_text.right() - measure
    } else {
        detail_text.x
    };
    Rect::new(x, detail_text.y, measure, detail_text.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_chrome_mirrors_the_panes() {
        let area = Rect::new(0, 0, 100, 30);
        let ltr = Geometry::new(area, Direction::Ltr, 0);
        let rtl = Geometry::new(area, Direction::Rtl, 0);
        assert_eq!(ltr.sidebar.x, 0);
        assert_eq!(rtl.sidebar.right(), 100);
        assert_eq!(rtl.detail.x, 0);
        assert_eq!(ltr.sidebar.width, rtl.sidebar.width);
        assert_eq!(ltr.detail_text.width, rtl.detail_text.width);
        assert_eq!(ltr.status.y, 29);
        assert_eq!(ltr.ruler.y, 27);
        assert!(!ltr.too_small);
    }

    #[test]
    fn below_40x12_is_too_small_and_nothing_overflows() {
        for (w, h) in [(39, 30), (100, 11), (1, 1), (0, 0)] {
            let g = Geometry::new(Rect::new(0, 0, w, h), Direction::Rtl, 200);
            assert!(g.too_small);
            for r in [
                g.title,
                g.sidebar,
                g.detail,
                g.ruler,
                g.status,
                g.detail_text,
            ] {
                assert!(
                    r.right() <= w.max(r.x) && r.bottom() <= h.max(r.y),
                    "{r:?} in {w}x{h}"
                );
            }
        }
        assert!(!Geometry::new(Rect::new(0, 0, 40, 12), Direction::Ltr, 0).too_small);
    }

    #[test]
    fn the_sidebar_takes_what_it_needs_between_a_quarter_and_two_fifths() {
        // (screen width, content) → sidebar width
        for (w, content, want) in [
            (80, 0, 20),    // the floor: a quarter of the screen
            (80, 25, 27),   // content plus the border
            (80, 70, 32),   // the ceiling: two fifths
            (200, 40, 42),  // content plus the border (32 before)
            (200, 70, 72),  // room for the whole row
            (200, 100, 80), // two fifths
            (40, 70, 18),   // the narrowest screen keeps 18
            (10, 70, 10),   // never wider than the screen
        ] {
            assert_eq!(
                sidebar_width(w, content),
                want,
                "{w} columns, {content} cells"
            );
        }
        for w in [80, 120, 200, 1000] {
            let g = Geometry::new(Rect::new(0, 0, w, 30), Direction::Rtl, u16::MAX);
            assert!(g.detail.width >= w - w * 2 / 5, "{w}: {g:?}");
            assert_eq!(g.sidebar.width + g.detail.width, w);
        }
    }
}
