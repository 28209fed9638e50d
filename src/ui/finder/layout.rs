//! Where the finder's parts go: the popup in the frame, the result list's
//! columns, the rows that scroll into view.

use std::ops::Range;

use ratatui::layout::Rect;

use super::*;
use crate::data::Direction;

impl Finder {
    /// The popup's rectangle, centred in the frame `area`.
    pub fn popup_area(area: Rect) -> Rect {
        let width = area.width.saturating_sub(4).clamp(area.width.min(24), 84);
        let height = area.height.saturating_sub(2).clamp(area.height.min(8), 24);
        let x = area.x + (area.width - width) / 2;
        let y = area.y + (area.height - height) / 2;
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    pub(super) fn visible(&self, rows: u16) -> Range<usize> {
        let rows = usize::from(rows).max(1);
        let first = self.selected.saturating_sub(rows - 1);
        first..(first + rows).min(self.result_count())
    }
}

/// The result list's columns: kind tag, Arabic name, Latin name, count;
/// mirrored when the interface is right to left.
pub(super) struct Columns {
    pub(super) tag: Rect,
    pub(super) name: Rect,
    pub(super) latin: Rect,
    pub(super) count: Rect,
}

impl Columns {
    pub(super) fn new(area: Rect, layout_direction: Direction) -> Columns {
        let w = area.width;
        let tag_w = (w / 6).clamp(1, 12);
        let count_w = 4.min(w / 8);
        let rest = w.saturating_sub(tag_w + count_w + 3);
        let name_w = rest - rest / 2;
        let latin_w = rest / 2;
        // Left to right in LTR order: tag, name, latin, count (one-cell gaps).
        let widths = [tag_w, name_w, latin_w, count_w];
        let mut x = area.x;
        let mut rects = [Rect::default(); 4];
        for (r, &cw) in rects.iter_mut().zip(&widths) {
            *r = Rect {
                x,
                width: cw,
                ..area
            };
            x = x.saturating_add(cw + 1);
        }
        if layout_direction == Direction::Rtl {
            // Mirror every column around the centre of the area.
            for r in &mut rects {
                r.x = area.x + area.right().saturating_sub(r.right());
            }
        }
        let [tag, name, latin, count] = rects;
        Columns {
            tag,
            name,
            latin,
            count,
        }
    }
}

pub(super) trait WithY {
    fn with_y(self, y: u16) -> Rect;
}

impl WithY for Rect {
    fn with_y(self, y: u16) -> Rect {
        Rect {
            y,
            height: 1,
            ..self
        }
    }
}
