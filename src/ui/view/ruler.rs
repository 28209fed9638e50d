//! The timeline ruler: decade ticks over the dataset's years and each era's
//! span, the selected one highlighted. Time runs right to left in RTL chrome.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::data::{Dataset, Direction};
use crate::ui::app::App;

/// The column of `year` in `area` for the span `(min, max)`.
pub fn column(area: Rect, chrome: Direction, (min, max): (i32, i32), year: i32) -> u16 {
    let cells = i64::from(area.width.saturating_sub(1));
    let span = (i64::from(max) - i64::from(min)).max(1);
    let from_min = i64::from(year.clamp(min, max)) - i64::from(min);
    let offset = u16::try_from(from_min * cells / span).unwrap_or(u16::MAX);
    match chrome {
        Direction::Ltr => area.x + offset,
        Direction::Rtl => area.x + area.width.saturating_sub(1) - offset,
    }
}

/// The columns an era's span covers, left to right.
fn columns(area: Rect, chrome: Direction, span: (i32, i32), years: (i32, i32)) -> (u16, u16) {
    let a = column(area, chrome, span, years.0);
    let b = column(area, chrome, span, years.1);
    (a.min(b), a.max(b))
}

/// The era under a click at `x`: the narrowest span covering it, else the
/// nearest span within one cell.
pub fn era_at(data: &Dataset, area: Rect, chrome: Direction, x: u16) -> Option<usize> {
    let span = data.year_span()?;
    let mut best: Option<(u16, u16, usize)> = None; // (distance, width, era)
    for (i, era) in data.eras.iter().enumerate() {
        let Some(years) = era.years() else { continue };
        let (l, r) = columns(area, chrome, span, years);
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
/// `App::ruler`) and a frame costs the same with 10 or 10,000 eras.
#[derive(Debug, Clone)]
pub struct Coverage {
    key: (Rect, Direction),
    span: (i32, i32),
    covered: Vec<bool>,
}

impl Coverage {
    fn new(data: &Dataset, area: Rect, chrome: Direction, span: (i32, i32)) -> Coverage {
        let mut covered = vec![false; usize::from(area.width)];
        for years in data.eras.iter().filter_map(|e| e.years()) {
            let (l, r) = columns(area, chrome, span, years);
            covered[usize::from(l - area.x)..=usize::from(r - area.x)].fill(true);
        }
        Coverage {
            key: (area, chrome),
            span,
            covered,
        }
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 2 {
        return;
    }
    let chrome = app.opts.chrome;
    let mut cache = app.ruler.borrow_mut();
    if cache.as_ref().is_none_or(|c| c.key != (area, chrome)) {
        *cache = app
            .data
            .year_span()
            .map(|span| Coverage::new(&app.data, area, chrome, span));
    }
    let Some(coverage) = cache.as_ref() else {
        return;
    };
    let span = coverage.span;
    let theme = &app.opts.theme;
    let axis = area.y + 1;
    for x in area.left()..area.right() {
        buf[(x, axis)].set_symbol("─").set_style(theme.ruler);
    }
    draw_decades(app, area, buf, span);
    let selected = app.data.eras.get(app.selected).and_then(|e| e.years());
    let selected = selected.map(|years| columns(area, chrome, span, years));
    for (x, _) in (area.left()..).zip(&coverage.covered).filter(|(_, c)| **c) {
        buf[(x, axis)].set_symbol("━").set_style(theme.ruler_span);
    }
    // Drawn last so that it stays visible over overlapping spans.
    if let Some((l, r)) = selected {
        for x in l..=r {
            buf[(x, axis)]
                .set_symbol("█")
                .set_style(theme.ruler_selected);
        }
    }
}

/// Decade labels, each centered on its tick, skipped where they would overlap.
fn draw_decades(app: &App, area: Rect, buf: &mut Buffer, span: (i32, i32)) {
    let theme = &app.opts.theme;
    let (min, max) = (i64::from(span.0), i64::from(span.1));
    // A multiple of ten, so a span of millennia still costs one tick a cell at most.
    let step = 10 * ((max - min) / (10 * i64::from(area.width.max(1))) + 1);
    let first = min.div_euclid(step) * step + if min.rem_euclid(step) == 0 { 0 } else { step };
    let mut taken: Vec<(u16, u16)> = Vec::new();
    for decade in (first..=max).step_by(step as usize) {
        let Ok(decade) = i32::try_from(decade) else {
            break;
        };
        let x = column(area, app.opts.chrome, span, decade);
        buf[(x, area.y + 1)].set_symbol("┴").set_style(theme.ruler);
        let text = decade.to_string();
        let w = text.len() as u16;
        let start = x
            .saturating_sub(w / 2)
            .clamp(area.x, area.right().saturating_sub(w));
        let end = start + w;
        if taken.iter().any(|&(a, b)| start <= b && a <= end) {
            continue;
        }
        taken.push((start, end));
        buf.set_string(start, area.y, &text, theme.ruler);
    }
}
