//! The finder's preview under the result list: an entity's note and its
//! mentions per era as a sparkline, an era's years, or the number of
//! full-text matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::label;
use super::*;
use crate::search::Target;

impl Finder {
    pub(super) fn render_preview(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let row = |i: u16| Rect {
            y: area.y + i,
            height: 1,
            ..area
        };
        let s = ctx.strings();
        match self.mode {
            FinderMode::Names => {
                let Some(hit) = self.hits.get(self.selected) else {
                    return;
                };
                match hit.target {
                    Target::Entity(e) => {
                        let note = ctx.index.entity(e).map_or("", |x| x.note.as_str());
                        label(
                            buf,
                            row(0),
                            note,
                            ctx,
                            ctx.theme.popup,
                            ctx.layout_direction,
                            &[],
                        );
                        if area.height > 1 {
                            self.render_sparkline(row(1), buf, ctx, e);
                        }
                    }
                    Target::Era(i) => {
                        let years = ctx.index.eras().get(i).and_then(|e| e.years);
                        let prefix = format!("{}: ", s.finder_era);
                        let context = crate::ui::years::context(&prefix, ctx.layout_direction);
                        let text = years.map_or(String::new(), |y| {
                            crate::ui::years::year_range(y, ctx.layout_direction, context, s.digits)
                        });
                        label(
                            buf,
                            row(0),
                            &format!("{prefix}{text}"),
                            ctx,
                            ctx.theme.popup,
                            ctx.layout_direction,
                            &[],
                        );
                    }
                }
            }
            FinderMode::FullText => {
                let summary = format!(
                    "{} {}",
                    s.digits.write(self.text_hits.len()),
                    s.finder_matches
                );
                label(
                    buf,
                    row(0),
                    &summary,
                    ctx,
                    ctx.theme.dim,
                    ctx.layout_direction,
                    &[],
                );
            }
        }
    }

    /// One cell per era, in timeline order along the interface direction:
    /// the height of the bar is the entity's mentions in that era.
    fn render_sparkline(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext, entity: usize) {
        let per_era = ctx.index.mentions_per_era(entity);
        let bars = sparkline(&per_era);
        let s = ctx.strings();
        let total = ctx.index.mention_count(entity);
        let eras_with = per_era.iter().filter(|&&n| n > 0).count();
        let caption = format!(
            "{} · {}/{} {}",
            s.mentions(total),
            s.digits.write(eras_with),
            s.digits.write(per_era.len()),
            s.finder_eras
        );
        let bars_w = bars.chars().count() as u16;
        let (bar_x, cap) = match ctx.layout_direction {
            Direction::Ltr => (
                area.x,
                Rect {
                    x: area.x + bars_w + 1,
                    width: area.width.saturating_sub(bars_w + 1),
                    ..area
                },
            ),
            Direction::Rtl => (
                area.right().saturating_sub(bars_w),
                Rect {
                    width: area.width.saturating_sub(bars_w + 1),
                    ..area
                },
            ),
        };
        let ordered: Vec<char> = match ctx.layout_direction {
            Direction::Ltr => bars.chars().collect(),
            Direction::Rtl => bars.chars().rev().collect(),
        };
        for (dx, c) in (0u16..).zip(ordered) {
            if let Some(cell) = buf.cell_mut((bar_x + dx, area.y)) {
                let style = if c == '·' {
                    ctx.theme.dim
                } else {
                    ctx.theme.popup.patch(ctx.theme.title)
                };
                cell.set_char(c).set_style(style);
            }
        }
        label(
            buf,
            cap,
            &caption,
            ctx,
            ctx.theme.dim,
            ctx.layout_direction,
            &[],
        );
    }
}

/// Bars for counts: `·` for none, else one of ▁▂▃▄▅▆▇█ scaled to the maximum.
pub fn sparkline(counts: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&n| {
            if n == 0 {
                '·'
            } else {
                BARS[((n * 8).div_ceil(max)).clamp(1, 8) - 1]
            }
        })
        .collect()
}
