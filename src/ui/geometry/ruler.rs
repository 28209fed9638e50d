//! The ruler's geometry: which column a year falls in and which era a click
//! lands on. The view draws with it and the app hit-tests with it, so the two
//! agree and neither imports the other.

use ratatui::layout::Rect;

use crate::data::{Dataset, Direction};

/// The column of `year` in `area` for the span `(min, max)`.
pub fn column(area: Rect, layout_direction: Direction, (min, max): (i32, i32), year: i32) -> u16 {
    let cells = i64::from(area.width.saturating_sub(1));
    let span = (i64::from(max) - i64::from(min)).max(1);
    let from_min = i64::from(year.clamp(min, max)) - i64::from(min);
    let offset = u16::try_from(from_min * cells / span).unwrap_or(u16::MAX);
    match layout_direction {
        Direction::Ltr => area.x + offset,
        Direction::Rtl => area.x + area.width.saturating_sub(1) - offset,
    }
}

/// The columns an era's span covers, left to right.
pub(crate) fn columns(
    area: Rect,
    layout_direction: Direction,
    span: (i32, i32),
    years: (i32, i32),
) -> (u16, u16) {
    let a = column(area, layout_direction, span, years.0);
    let b = column(area, layout_direction, span, years.1);
    (a.min(b), a.max(b))
}

/// The era under a click at `x`: the narrowest span covering it, else the
/// nearest span within one cell.
pub fn era_at(data: &Dataset, area: Rect, layout_direction: Direction, x: u16) -> Option<usize> {
    let span = data.year_span()?;
    let mut best: Option<(u16, u16, usize)> = None; // (distance, width, era)
    for (i, era) in data.eras.iter().enumerate() {
        let Some(years) = era.years() else { continue };
        let (l, r) = columns(area, layout_direction, span, years);
        let distance = if x < l { l - x } else { x.saturating_sub(r) };
        let candidate = (distance, r - l, i);
        if distance <= 1 && best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
            best = Some(candidate);
        }
    }
    best.map(|b| b.2)
}

/// Which columns of a ruler the eras' spans cover. The dataset never
/// changes, so this is computed once per ruler size and direction (see
/// `view::Painter`) and a frame costs the same with 10 or 10,000 eras.
#[derive(Debug, Clone)]
pub struct Coverage {
    key: (Rect, Direction),
    /// The years the ruler spans, `(min, max)`.
    pub(crate) span: (i32, i32),
    /// One flag a column, left to right: does an era's span cover it?
    pub(crate) covered: Vec<bool>,
}

impl Coverage {
    pub(crate) fn new(
        data: &Dataset,
        area: Rect,
        layout_direction: Direction,
        span: (i32, i32),
    ) -> Coverage {
        let mut covered = vec![false; usize::from(area.width)];
        for years in data.eras.iter().filter_map(|e| e.years()) {
            let (l, r) = columns(area, layout_direction, span, years);
            covered[usize::from(l - area.x)..=usize::from(r - area.x)].fill(true);
        }
        Coverage {
            key: (area, layout_direction),
            span,
            covered,
        }
    }

    /// Was this computed for a ruler of `area` running in `direction`?
    pub(crate) fn fits(&self, area: Rect, direction: Direction) -> bool {
        self.key == (area, direction)
    }
}
