//! Painting the finder: the frame and title, the query line, the result
//! rows, the preview and the sparkline.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::layout::{Columns, WithY};
use super::*;
use crate::data::Direction;
use crate::search::{Hit, Index, Target, capped};
use crate::text::{BidiMode, single_line};
use crate::ui::laid_text::{Align, Highlight, highlighted, paint_label, render_line};

impl Finder {
    /// Draws the popup centred over `area` (the whole frame).
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        if let Some(inner) = self.render_frame(area, buf, &ctx.look()) {
            self.render_inner(inner, buf, ctx);
        }
    }

    /// Draws the popup while the index is being built: the frame, the query
    /// line (typing works) and `waiting` (what is being done, and how far)
    /// where the results go.
    pub fn render_indexing(&self, area: Rect, buf: &mut Buffer, look: &Look, waiting: &str) {
        let Some(inner) = self.render_frame(area, buf, look) else {
            return;
        };
        self.render_query(Rect { height: 1, ..inner }, buf, look);
        if inner.height < 2 {
            return;
        }
        let row = Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        };
        let style = look.theme.popup.patch(look.theme.dim);
        interface_line(buf, row, waiting, look, style);
    }

    /// The cleared popup, its border and title; the area inside, or `None`
    /// when the screen has no room for it.
    fn render_frame(&self, area: Rect, buf: &mut Buffer, ctx: &Look) -> Option<Rect> {
        let popup = Finder::popup_area(area.intersection(buf.area));
        if popup.width < 6 || popup.height < 4 {
            return None;
        }
        Clear.render(popup, buf);
        let s = ctx.strings();
        let title = match self.mode {
            FinderMode::Names => s.finder_names,
            FinderMode::FullText => s.finder_text,
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.border_focused)
            .style(ctx.theme.popup);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let title_row = Rect {
            x: popup.x + 2,
            y: popup.y,
            width: popup.width.saturating_sub(4),
            height: 1,
        };
        // The title with a blank cell before it, drawn as a cell: a space
        // at the end of the text would be moved by a bidi terminal.
        let width = title_row.width.saturating_sub(1);
        let (line, direction) = single_line(title, usize::from(width), ctx.mode, None);
        let inside = match direction {
            Direction::Rtl => Rect { width, ..title_row },
            Direction::Ltr => Rect {
                x: title_row.x + 1,
                width,
                ..title_row
            },
        };
        let style = ctx.theme.popup.patch(ctx.theme.title);
        if line.width > 0 {
            let indent = line.indent(usize::from(width), ctx.layout_direction);
            let x = inside.x + u16::try_from(indent).unwrap_or(0);
            let blank = match direction {
                Direction::Rtl => x + u16::try_from(line.width).unwrap_or(0),
                Direction::Ltr => x - 1,
            };
            buf.set_string(blank, inside.y, " ", style);
            paint_label(
                buf,
                inside,
                &line,
                Align::Reading(ctx.layout_direction),
                |_| style,
            );
        }
        Some(inner)
    }

    fn render_inner(&self, inner: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let row = |i: u16| Rect {
            y: inner.y + i,
            height: 1,
            ..inner
        };
        self.render_query(row(0), buf, &ctx.look());
        let preview_rows: u16 = if inner.height >= 9 { 3 } else { 0 };
        let list_top = 1;
        let list_rows = inner.height.saturating_sub(list_top + preview_rows);
        let list = Rect {
            y: inner.y + list_top,
            height: list_rows,
            ..inner
        };
        match self.mode {
            FinderMode::Names => self.render_names(list, buf, ctx),
            FinderMode::FullText => self.render_text_hits(list, buf, ctx),
        }
        if preview_rows > 0 {
            let top = inner.y + inner.height - preview_rows;
            rule(
                Rect {
                    y: top,
                    height: 1,
                    ..inner
                },
                buf,
                ctx.theme.dim,
            );
            let preview = Rect {
                y: top + 1,
                height: preview_rows - 1,
                ..inner
            };
            self.render_preview(preview, buf, ctx);
        }
    }

    /// The prompt and the query, laid out by the engine (RTL queries read
    /// right to left), with the cursor shown in reverse video; the words the
    /// selected result did not match dimmed; and, when the query was read
    /// on the other keyboard layout, that reading after `=`, dimmed.
    fn render_query(&self, area: Rect, buf: &mut Buffer, ctx: &Look) {
        let base = ctx.theme.popup;
        let (prompt_x, mut text_area) = match ctx.layout_direction {
            Direction::Ltr => (
                area.x,
                Rect {
                    x: area.x + 2,
                    width: area.width.saturating_sub(3),
                    ..area
                },
            ),
            Direction::Rtl => (
                area.right().saturating_sub(1),
                Rect {
                    x: area.x + 1,
                    width: area.width.saturating_sub(3),
                    ..area
                },
            ),
        };
        let names = self.mode == FinderMode::Names;
        if names && self.understood.layout {
            let half = usize::from(text_area.width / 2);
            let (reading, _) =
                single_line(&format!("= {}", self.understood.text), half, ctx.mode, None);
            let w = u16::try_from(reading.width)
                .unwrap_or(0)
                .min(text_area.width);
            let room = text_area.width.saturating_sub(w + 1);
            let label = match ctx.layout_direction {
                Direction::Ltr => Rect {
                    x: text_area.x + room + 1,
                    width: w,
                    ..text_area
                },
                Direction::Rtl => Rect {
                    width: w,
                    ..text_area
                },
            };
            if ctx.layout_direction == Direction::Rtl {
                text_area.x += w + 1;
            }
            text_area.width = room;
            buf.set_style(area, base);
            let dim = base.patch(ctx.theme.dim);
            paint_label(buf, label, &reading, Align::Left, |_| dim);
        }
        buf.set_style(area, base);
        if let Some(cell) = buf.cell_mut((prompt_x, area.y)) {
            cell.set_symbol(if ctx.layout_direction == Direction::Rtl {
                "<"
            } else {
                ">"
            })
            .set_style(base.patch(ctx.theme.title));
        }
        let (line, dir) = single_line(&self.query, usize::from(text_area.width), ctx.mode, None);
        let caret = Style::new().add_modifier(Modifier::REVERSED);
        let at_end = self.cursor >= self.query.len();
        let mut highlights: Vec<Highlight> = if at_end {
            Vec::new()
        } else {
            vec![(self.cursor..self.cursor, caret)]
        };
        // The words the selected result did without: dimmed.
        if let Some(hit) = self.hits.get(self.selected).filter(|_| names) {
            let dim = ctx.theme.dim;
            highlights.extend(hit.dropped.iter().map(|r| (r.clone(), dim)));
        }
        // Past the length search reads: struck through and dimmed.
        let read = capped(&self.query).len();
        if read < self.query.len() {
            let ignored = ctx.theme.dim.add_modifier(Modifier::CROSSED_OUT);
            highlights.push((read..self.query.len(), ignored));
        }
        render_line(&line, dir, text_area, buf, base, &highlights);
        if at_end {
            // After the logical end: left of an RTL line where the line is
            // shown as sent or turned into it (every mode but plain Terminal,
            // where the terminal places it), else right.
            let indent = line.indent(usize::from(text_area.width), dir);
            let x = match (ctx.mode, dir) {
                (
                    BidiMode::App
                    | BidiMode::Kitty
                    | BidiMode::TerminalShaped
                    | BidiMode::Qterminal
                    | BidiMode::Mlterm,
                    Direction::Rtl,
                ) => indent
                    .checked_sub(1)
                    .map(|i| text_area.x.saturating_add(i as u16)),
                _ => Some(text_area.x.saturating_add((indent + line.width) as u16)),
            };
            let x = x.unwrap_or(text_area.x.saturating_sub(1));
            if let Some(cell) = buf.cell_mut((x, area.y)) {
                cell.set_symbol(" ").set_style(base.patch(caret));
            }
        }
    }

    fn render_names(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        if self.hits.is_empty() {
            return no_results(area, buf, ctx);
        }
        let cols = Columns::new(area, ctx.layout_direction);
        for (dy, i) in (0u16..).zip(self.visible(area.height)) {
            let Some(hit) = self.hits.get(i) else { break };
            let y = area.y + dy;
            let (row, hl) = paint_row(area, buf, ctx, y, i == self.selected);
            // A variant or typo is a guess: its name and spelling are quieter.
            let style = if hit.kind.is_guess() && i != self.selected {
                row.patch(ctx.theme.dim)
            } else {
                row
            };
            let tag = ctx.strings().kind_tag(ctx.index.kind_of(hit.target));
            label(
                buf,
                cols.tag.with_y(y),
                tag,
                ctx,
                tag_style(ctx, row, i == self.selected),
                ctx.layout_direction,
                &[],
            );
            let name_hl: Vec<Highlight> = hit
                .name_highlights
                .iter()
                .map(|r| (r.clone(), hl))
                .collect();
            let name = ctx.index.display_name(hit.target);
            label(
                buf,
                cols.name.with_y(y),
                name,
                ctx,
                style,
                ctx.letterless,
                &name_hl,
            );
            let (latin, latin_hl) = latin_of(ctx.index, hit);
            let latin_hl: Vec<Highlight> = latin_hl.iter().map(|r| (r.clone(), hl)).collect();
            label(
                buf,
                cols.latin.with_y(y),
                latin,
                ctx,
                style,
                Direction::Ltr,
                &latin_hl,
            );
            let count = match hit.target {
                Target::Entity(e) => ctx.digits.write(ctx.index.mention_count(e)),
                Target::Era(_) => String::new(),
            };
            // Numbers sit against the outer edge (padded here: the engine
            // leaves alignment to the terminal in Terminal mode).
            let w = usize::from(cols.count.width);
            let count = match ctx.layout_direction {
                Direction::Ltr => format!("{count:>w$}"),
                Direction::Rtl => format!("{count:<w$}"),
            };
            label(
                buf,
                cols.count.with_y(y),
                &count,
                ctx,
                style,
                Direction::Ltr,
                &[],
            );
        }
    }

    fn render_text_hits(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        if self.text_hits.is_empty() {
            return no_results(area, buf, ctx);
        }
        let cols = Columns::new(area, ctx.layout_direction);
        // Full text: the section label in the tag column, the snippet across the rest.
        let snippet_col = match ctx.layout_direction {
            Direction::Ltr => Rect {
                x: cols.name.x,
                width: area.right().saturating_sub(cols.name.x),
                ..area
            },
            Direction::Rtl => Rect {
                x: area.x,
                width: cols.name.right().saturating_sub(area.x),
                ..area
            },
        };
        for (dy, i) in (0u16..).zip(self.visible(area.height)) {
            let Some(hit) = self.text_hits.get(i) else {
                break;
            };
            let y = area.y + dy;
            let (style, hl) = paint_row(area, buf, ctx, y, i == self.selected);
            let section = ctx.index.section(hit.section).map_or("", |s| s.1);
            label(
                buf,
                cols.tag.with_y(y),
                section,
                ctx,
                tag_style(ctx, style, i == self.selected),
                ctx.letterless,
                &[],
            );
            // Centre the snippet on the hit when it is too long for the column.
            let (text, range) = fit_snippet(
                &hit.snippet,
                hit.snippet_range.clone(),
                usize::from(snippet_col.width),
            );
            label(
                buf,
                snippet_col.with_y(y),
                &text,
                ctx,
                style,
                ctx.layout_direction,
                &[(range, hl)],
            );
        }
    }
}

/// Lay out one short string (sanitized by the engine) and draw it in `area`
/// with the label painter,
/// aligned per its own direction; without a letter, `align` is both its
/// direction and its alignment.
pub(super) fn label(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    ctx: &FinderContext,
    style: Style,
    align: Direction,
    hl: &[Highlight],
) {
    if area.width == 0 {
        return;
    }
    // Without a strong character (`1945- 1948`, a count) the text takes `align`
    // as its direction, so an era's years read as in the sidebar.
    let direction = crate::text::first_strong(text).is_none().then_some(align);
    let (line, found) = single_line(text, usize::from(area.width), ctx.mode, direction);
    paint_label(buf, area, &line, Align::Reading(found), |g| {
        highlighted(g, style, hl)
    });
}

fn row_style(ctx: &FinderContext, selected: bool) -> Style {
    if selected {
        ctx.theme.popup.patch(ctx.theme.selected)
    } else {
        ctx.theme.popup
    }
}

/// The quiet first column (entity type, section): dimmed, but on the
/// selected row as legible as the rest of it (a dim colour on the selection's
/// background all but vanishes).
fn tag_style(ctx: &FinderContext, row: Style, selected: bool) -> Style {
    if selected {
        row
    } else {
        row.patch(ctx.theme.dim)
    }
}

/// Fills result row `y` of `area` with its row style; returns that style and
/// the one for match highlights (the theme's match on the selected row, its
/// highlight elsewhere). Shared by the names and full-text lists.
fn paint_row(
    area: Rect,
    buf: &mut Buffer,
    ctx: &FinderContext,
    y: u16,
    selected: bool,
) -> (Style, Style) {
    let style = row_style(ctx, selected);
    buf.set_style(
        Rect {
            y,
            height: 1,
            ..area
        },
        style,
    );
    let hl = if selected {
        ctx.theme.selected_match
    } else {
        ctx.theme.highlight
    };
    (style, hl)
}

/// One line of the interface's own text in `area`, from the edge the
/// interface reads from, in `style`.
fn interface_line(buf: &mut Buffer, area: Rect, text: &str, look: &Look, style: Style) {
    let (line, _) = single_line(text, usize::from(area.width), look.mode, None);
    paint_label(
        buf,
        area,
        &line,
        Align::Reading(look.layout_direction),
        |_| style,
    );
}

fn rule(area: Rect, buf: &mut Buffer, style: Style) {
    for x in area.x..area.right() {
        if let Some(cell) = buf.cell_mut((x, area.y)) {
            cell.set_symbol("─").set_style(style);
        }
    }
}

fn no_results(area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
    if area.height > 0 {
        let row = Rect { height: 1, ..area };
        label(
            buf,
            row,
            ctx.strings().no_results,
            ctx,
            ctx.theme.dim,
            ctx.layout_direction,
            &[],
        );
    }
}

/// The Latin spelling to show and the highlights in it: the matched Latin
/// spelling when the match was on one, else the first.
fn latin_of<'a>(index: &'a Index, hit: &Hit) -> (&'a str, Vec<Range<usize>>) {
    let Target::Entity(e) = hit.target else {
        return ("", Vec::new());
    };
    let Some(entity) = index.entity(e) else {
        return ("", Vec::new());
    };
    if let crate::search::Field::Latin(k) = hit.field
        && let Some(l) = entity.latin.get(k)
    {
        return (l.as_str(), hit.highlights.clone());
    }
    (entity.latin.first().map_or("", String::as_str), Vec::new())
}

/// Cut a snippet to about `width` characters around its hit, keeping the
/// hit's byte range correct.
fn fit_snippet(snippet: &str, hit: Range<usize>, width: usize) -> (String, Range<usize>) {
    let chars: Vec<(usize, char)> = snippet.char_indices().collect();
    if chars.len() <= width || width < 8 {
        return (snippet.to_string(), hit);
    }
    let hit_char = chars.iter().position(|&(b, _)| b >= hit.start).unwrap_or(0);
    let first = hit_char.saturating_sub(width / 3).min(chars.len() - width);
    let start = chars[first].0;
    let end = chars.get(first + width).map_or(snippet.len(), |&(b, _)| b);
    let text = snippet[start..end].to_string();
    let range = hit.start.saturating_sub(start).min(text.len())
        ..hit.end.saturating_sub(start).min(text.len());
    (text, range)
}
