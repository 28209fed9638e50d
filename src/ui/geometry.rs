//! Where each part of the screen goes, computed from the terminal size alone
//! so that drawing and mouse hit-testing always agree.

use ratatui::layout::Rect;

use crate::data::{Dataset, Direction};

/// Below this the layout would break: a short message is shown instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

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
    pub fn new(area: Rect, chrome: Direction) -> Geometry {
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
        let sidebar_w = (w / 4).clamp(18, 32).min(w);
        let detail_w = w - sidebar_w;
        let (sidebar_x, detail_x) = match chrome {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_chrome_mirrors_the_panes() {
        let area = Rect::new(0, 0, 100, 30);
        let ltr = Geometry::new(area, Direction::Ltr);
        let rtl = Geometry::new(area, Direction::Rtl);
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
            let g = Geometry::new(Rect::new(0, 0, w, h), Direction::Rtl);
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
        assert!(!Geometry::new(Rect::new(0, 0, 40, 12), Direction::Ltr).too_small);
    }
}
