//! The finder popup: a query line, ranked results, and a preview.
//!
//! Self-contained: it owns the query, the mode (names or full text), the
//! results and the selection; the application opens it, sends it keys while
//! it is open ([`Finder::handle_key`]), draws it over everything
//! ([`Finder::render`], given the whole frame area: the popup centres itself)
//! and performs what [`FinderOutcome::Jump`] asks for.
//!
//! All text goes through the layout engine (`crate::text`) and is drawn glyph
//! by glyph ([`super::laid_text`]), so Arabic typed into the query line reads
//! right to left, and highlights reach the right cells through the offset map.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::laid_text::{Highlight, render_line};
use super::strings::Lang;
use super::theme::Theme;
use crate::data::{Direction, SectionRef};
use crate::search::{Hit, Index, Narrowing, Target, TextHit, capped};
use crate::text::{BidiMode, single_line};

/// Most name results kept per keystroke (the list scrolls within them).
pub const NAME_LIMIT: usize = 200;
/// Most full-text results kept.
pub const TEXT_LIMIT: usize = 500;
/// The longest query the finder holds, in characters: typing and pasting
/// stop there. Search reads the first [`crate::search::QUERY_LIMIT`] of it;
/// the rest is drawn struck through, so the reader sees what is ignored.
pub const QUERY_CAP: usize = 4 * crate::search::QUERY_LIMIT;

/// What the popup searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FinderMode {
    /// Names, aliases, Latin spellings and eras (fuzzy).
    #[default]
    Names,
    /// Every paragraph (folded substring).
    FullText,
}

/// A place in the text: a paragraph of a section and bytes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub section: SectionRef,
    /// Paragraph index within its era or related item.
    pub paragraph: usize,
    /// Bytes of the original paragraph.
    pub range: Range<usize>,
}

/// Where Enter takes the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JumpTarget {
    /// An entity: go to `spots[0]` (its first mention, in reading order),
    /// highlight every spot, and let `n`/`N` cycle through them. `spots` is
    /// empty when the text never mentions it.
    Entity { entity: usize, spots: Vec<Spot> },
    /// An era (index into `Dataset::eras`): select it, nothing to highlight.
    Era(usize),
    /// A full-text result: go to `spots[current]`, highlight every spot,
    /// `n`/`N` cycle from there.
    Text {
        query: String,
        spots: Vec<Spot>,
        current: usize,
    },
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderOutcome {
    /// Still open (redraw).
    Continue,
    /// Esc: close, nothing else.
    Close,
    /// Enter on a result: close and jump.
    Jump(JumpTarget),
}

/// What drawing needs from the application.
#[derive(Debug, Clone, Copy)]
pub struct FinderContext<'a> {
    pub index: &'a Index,
    /// Language of the interface strings (kind tags, titles).
    pub lang: Lang,
    /// Direction of the interface: columns are mirrored in RTL.
    pub chrome: Direction,
    /// The dataset's direction for its text without letters (an era label
    /// such as `1945- 1948`), so that it reads as in the sidebar.
    pub letterless: Direction,
    pub mode: BidiMode,
    pub theme: &'a Theme,
}

/// The popup's state.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    query: String,
    /// Byte offset of the cursor in `query` (always a char boundary).
    cursor: usize,
    mode: FinderMode,
    selected: usize,
    hits: Vec<Hit>,
    text_hits: Vec<TextHit>,
    narrowing: Narrowing,
}

impl Finder {
    /// An empty finder listing every entity.
    pub fn new(index: &Index) -> Finder {
        let mut f = Finder::default();
        f.refresh(index);
        f
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Byte offset of the cursor in [`Finder::query`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn mode(&self) -> FinderMode {
        self.mode
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Current name results (names mode).
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Current full-text results (full-text mode).
    pub fn text_hits(&self) -> &[TextHit] {
        &self.text_hits
    }

    fn result_count(&self) -> usize {
        match self.mode {
            FinderMode::Names => self.hits.len(),
            FinderMode::FullText => self.text_hits.len(),
        }
    }

    /// One key press. Release events are ignored.
    pub fn handle_key(&mut self, key: KeyEvent, index: &Index) -> FinderOutcome {
        if key.kind == KeyEventKind::Release {
            return FinderOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FinderOutcome::Close,
            KeyCode::Enter => return self.jump(index),
            KeyCode::Tab | KeyCode::BackTab => {
                self.mode = match self.mode {
                    FinderMode::Names => FinderMode::FullText,
                    FinderMode::FullText => FinderMode::Names,
                };
                self.refresh(index);
            }
            KeyCode::Up => self.move_selection(-1),
            KeyCode::Down => self.move_selection(1),
            KeyCode::PageUp => self.move_selection(-10),
            KeyCode::PageDown => self.move_selection(10),
            KeyCode::Char('p') if ctrl => self.move_selection(-1),
            KeyCode::Char('n') if ctrl => self.move_selection(1),
            KeyCode::Left => self.move_visually(true),
            KeyCode::Right => self.move_visually(false),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.query.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.query.len(),
            KeyCode::Char('w') if ctrl => self.edit(index, delete_word),
            KeyCode::Char('u') if ctrl => self.edit(index, |q, c| {
                q.replace_range(..*c, "");
                *c = 0;
            }),
            KeyCode::Backspace => self.edit(index, |q, c| {
                if let Some(prev) = prev_boundary(q, *c) {
                    q.replace_range(prev..*c, "");
                    *c = prev;
                }
            }),
            KeyCode::Delete => self.edit(index, |q, c| {
                if let Some(next) = next_boundary(q, *c) {
                    q.replace_range(*c..next, "");
                }
            }),
            KeyCode::Char(ch)
                if !ctrl
                    && !key.modifiers.contains(KeyModifiers::ALT)
                    && !ch.is_control()
                    && self.query.chars().count() < QUERY_CAP =>
            {
                self.edit(index, |q, c| {
                    q.insert(*c, ch);
                    *c += ch.len_utf8();
                });
            }
            _ => {}
        }
        FinderOutcome::Continue
    }

    /// A paste, inserted at the cursor as one line (line breaks and tabs
    /// become spaces, other controls are dropped), as much as fits in
    /// [`QUERY_CAP`].
    pub fn paste(&mut self, text: &str, index: &Index) {
        let room = QUERY_CAP.saturating_sub(self.query.chars().count());
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .take(room)
            .collect();
        self.edit(index, |q, c| {
            q.insert_str(*c, &clean);
            *c += clean.len();
        });
    }

    /// Change the query (and cursor), then re-rank.
    fn edit(&mut self, index: &Index, f: impl FnOnce(&mut String, &mut usize)) {
        let before = self.query.clone();
        f(&mut self.query, &mut self.cursor);
        if self.query != before {
            self.refresh(index);
        }
    }

    /// ←/→ move the cursor the way the arrow points: in a right-to-left query
    /// ← goes forward in the text.
    fn move_visually(&mut self, left: bool) {
        let rtl = first_strong_rtl(&self.query);
        let forward = left == rtl;
        let to = if forward {
            next_boundary(&self.query, self.cursor)
        } else {
            prev_boundary(&self.query, self.cursor)
        };
        if let Some(to) = to {
            self.cursor = to;
        }
    }

    fn move_selection(&mut self, by: isize) {
        let n = self.result_count();
        if n == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(by).min(n - 1);
    }

    /// Recompute the results for the current query and mode.
    fn refresh(&mut self, index: &Index) {
        self.selected = 0;
        match self.mode {
            FinderMode::Names => {
                self.hits = index.find_narrowing(&self.query, NAME_LIMIT, &mut self.narrowing);
            }
            FinderMode::FullText => {
                self.text_hits = index.full_text_limit(&self.query, TEXT_LIMIT);
            }
        }
    }

    fn jump(&self, index: &Index) -> FinderOutcome {
        let target = match self.mode {
            FinderMode::Names => match self.hits.get(self.selected).map(|h| h.target) {
                Some(Target::Entity(entity)) => {
                    let spots = index
                        .mentions_of(entity)
                        .map(|m| spot(m.section, m.paragraph, &m.range))
                        .collect();
                    JumpTarget::Entity { entity, spots }
                }
                Some(Target::Era(era)) => JumpTarget::Era(era),
                None => return FinderOutcome::Continue,
            },
            FinderMode::FullText => {
                if self.text_hits.is_empty() {
                    return FinderOutcome::Continue;
                }
                let spots = self
                    .text_hits
                    .iter()
                    .map(|h| spot(h.section, h.paragraph, &h.range))
                    .collect();
                JumpTarget::Text {
                    query: self.query.clone(),
                    spots,
                    current: self.selected,
                }
            }
        };
        FinderOutcome::Jump(target)
    }

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

    /// Draws the popup centred over `area` (the whole frame).
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let popup = Finder::popup_area(area.intersection(buf.area));
        if popup.width < 6 || popup.height < 4 {
            return;
        }
        Clear.render(popup, buf);
        let s = ui_strings(ctx.lang);
        let title = match self.mode {
            FinderMode::Names => s.title_names,
            FinderMode::FullText => s.title_text,
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
        let (line, _) = single_line(
            &format!(" {title} "),
            usize::from(title_row.width),
            ctx.mode,
            None,
        );
        let dir = ctx.chrome;
        render_line(
            &line,
            dir,
            title_row,
            buf,
            ctx.theme.popup.patch(ctx.theme.title),
            &[],
        );
        self.render_inner(inner, buf, ctx);
    }

    fn render_inner(&self, inner: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let row = |i: u16| Rect {
            y: inner.y + i,
            height: 1,
            ..inner
        };
        self.render_query(row(0), buf, ctx);
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
    /// right to left), with the cursor shown in reverse video.
    fn render_query(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let base = ctx.theme.popup;
        let (prompt_x, text_area) = match ctx.chrome {
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
        buf.set_style(area, base);
        if let Some(cell) = buf.cell_mut((prompt_x, area.y)) {
            cell.set_symbol(if ctx.chrome == Direction::Rtl {
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
        // Past the length search reads: struck through and dimmed.
        let read = capped(&self.query).len();
        if read < self.query.len() {
            let ignored = ctx.theme.dim.add_modifier(Modifier::CROSSED_OUT);
            highlights.push((read..self.query.len(), ignored));
        }
        render_line(&line, dir, text_area, buf, base, &highlights);
        if at_end {
            // After the logical end: left of an RTL line in App mode, else right.
            let indent = line.indent(usize::from(text_area.width), dir);
            let x = match (ctx.mode, dir) {
                (BidiMode::App, Direction::Rtl) => indent
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

    fn visible(&self, rows: u16) -> Range<usize> {
        let rows = usize::from(rows).max(1);
        let first = self.selected.saturating_sub(rows - 1);
        first..(first + rows).min(self.result_count())
    }

    fn render_names(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        if self.hits.is_empty() {
            return no_results(area, buf, ctx);
        }
        let cols = Columns::new(area, ctx.chrome);
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
            let tag = kind_tag(ctx.lang, ctx.index.kind_of(hit.target));
            label(
                buf,
                cols.tag.with_y(y),
                tag,
                ctx,
                style.patch(ctx.theme.dim),
                ctx.chrome,
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
                Target::Entity(e) => ctx.index.mention_count(e).to_string(),
                Target::Era(_) => String::new(),
            };
            // Numbers sit against the outer edge (padded here: the engine
            // leaves alignment to the terminal in Terminal mode).
            let w = usize::from(cols.count.width);
            let count = match ctx.chrome {
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
        let cols = Columns::new(area, ctx.chrome);
        // Full text: the section label in the tag column, the snippet across the rest.
        let snippet_col = match ctx.chrome {
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
                style.patch(ctx.theme.dim),
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
                ctx.chrome,
                &[(range, hl)],
            );
        }
    }

    fn render_preview(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext) {
        let row = |i: u16| Rect {
            y: area.y + i,
            height: 1,
            ..area
        };
        let s = ui_strings(ctx.lang);
        match self.mode {
            FinderMode::Names => {
                let Some(hit) = self.hits.get(self.selected) else {
                    return;
                };
                match hit.target {
                    Target::Entity(e) => {
                        let note = ctx.index.entity(e).map_or("", |x| x.note.as_str());
                        label(buf, row(0), note, ctx, ctx.theme.popup, ctx.chrome, &[]);
                        if area.height > 1 {
                            self.render_sparkline(row(1), buf, ctx, e);
                        }
                    }
                    Target::Era(i) => {
                        let years = ctx.index.eras().get(i).and_then(|e| e.years);
                        let prefix = format!("{}: ", s.era);
                        let context = crate::ui::years::context(&prefix, ctx.chrome);
                        let text = years.map_or(String::new(), |y| {
                            crate::ui::years::year_range(y, ctx.chrome, context)
                        });
                        label(
                            buf,
                            row(0),
                            &format!("{prefix}{text}"),
                            ctx,
                            ctx.theme.popup,
                            ctx.chrome,
                            &[],
                        );
                    }
                }
            }
            FinderMode::FullText => {
                let summary = format!("{} {}", self.text_hits.len(), s.matches);
                label(buf, row(0), &summary, ctx, ctx.theme.dim, ctx.chrome, &[]);
            }
        }
    }

    /// One cell per era, in timeline order along the interface direction:
    /// the height of the bar is the entity's mentions in that era.
    fn render_sparkline(&self, area: Rect, buf: &mut Buffer, ctx: &FinderContext, entity: usize) {
        let per_era = ctx.index.mentions_per_era(entity);
        let bars = sparkline(&per_era);
        let s = ui_strings(ctx.lang);
        let total = ctx.index.mention_count(entity);
        let eras_with = per_era.iter().filter(|&&n| n > 0).count();
        let caption = format!(
            "{total} {} · {eras_with}/{} {}",
            s.mentions,
            per_era.len(),
            s.eras
        );
        let bars_w = bars.chars().count() as u16;
        let (bar_x, cap) = match ctx.chrome {
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
        let ordered: Vec<char> = match ctx.chrome {
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
        label(buf, cap, &caption, ctx, ctx.theme.dim, ctx.chrome, &[]);
    }
}

fn spot(section: SectionRef, paragraph: usize, range: &Range<usize>) -> Spot {
    Spot {
        section,
        paragraph,
        range: range.clone(),
    }
}

/// The result list's columns: kind tag, Arabic name, Latin name, count;
/// mirrored when the interface is right to left.
struct Columns {
    tag: Rect,
    name: Rect,
    latin: Rect,
    count: Rect,
}

impl Columns {
    fn new(area: Rect, chrome: Direction) -> Columns {
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
        if chrome == Direction::Rtl {
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

trait WithY {
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

/// Lay out and draw one short string (sanitized by the engine) in `area`,
/// aligned per its own direction; without a letter, `align` is both its
/// direction and its alignment.
fn label(
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
    // Without a letter (`1945- 1948`, a count) the text also takes `align`
    // as its direction, so an era's years read as in the sidebar.
    let has_strong = text.chars().any(char::is_alphabetic);
    let direction = (!has_strong).then_some(align);
    let (line, found) = single_line(text, usize::from(area.width), ctx.mode, direction);
    render_line(&line, found, area, buf, style, hl);
}

fn row_style(ctx: &FinderContext, selected: bool) -> Style {
    if selected {
        ctx.theme.popup.patch(ctx.theme.selected)
    } else {
        ctx.theme.popup
    }
}

/// Fills result row `y` of `area` with its row style; returns that style and
/// the one for match highlights (bold + underline on the selected row, the
/// theme's highlight elsewhere). Shared by the names and full-text lists.
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
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        ctx.theme.highlight
    };
    (style, hl)
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
            ui_strings(ctx.lang).no_results,
            ctx,
            ctx.theme.dim,
            ctx.chrome,
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

fn first_strong_rtl(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(crate::search::normalize::is_arabic)
}

fn prev_boundary(s: &str, at: usize) -> Option<usize> {
    s.get(..at)?.char_indices().next_back().map(|(i, _)| i)
}

fn next_boundary(s: &str, at: usize) -> Option<usize> {
    s.get(at..)?.chars().next().map(|c| at + c.len_utf8())
}

/// Ctrl-W: delete the spaces before the cursor, then the word before them.
fn delete_word(q: &mut String, cursor: &mut usize) {
    let before = q.get(..*cursor).unwrap_or("");
    let trimmed = before.trim_end();
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    q.replace_range(start..*cursor, "");
    *cursor = start;
}

struct UiStrings {
    title_names: &'static str,
    title_text: &'static str,
    no_results: &'static str,
    mentions: &'static str,
    eras: &'static str,
    era: &'static str,
    matches: &'static str,
}

fn ui_strings(lang: Lang) -> &'static UiStrings {
    static AR: UiStrings = UiStrings {
        title_names: "بحث: الأسماء · Tab: النص الكامل",
        title_text: "بحث: النص الكامل · Tab: الأسماء",
        no_results: "لا نتائج",
        mentions: "ذكر",
        eras: "حقب",
        era: "حقبة",
        matches: "موضع",
    };
    static EN: UiStrings = UiStrings {
        title_names: "Find: names · Tab: full text",
        title_text: "Find: full text · Tab: names",
        no_results: "No results",
        mentions: "mentions",
        eras: "eras",
        era: "Era",
        matches: "matches",
    };
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}

/// The kind tag in the interface language.
pub fn kind_tag(lang: Lang, kind: &str) -> &'static str {
    match (lang, kind) {
        (Lang::Ar, "person") => "شخص",
        (Lang::Ar, "place") => "مكان",
        (Lang::Ar, "organization") => "منظمة",
        (Lang::Ar, "era") => "حقبة",
        (Lang::En, "person") => "person",
        (Lang::En, "place") => "place",
        (Lang::En, "organization") => "org",
        (Lang::En, "era") => "era",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, Entity, EntityKind, Era, Meta};

    fn data() -> Dataset {
        let era = |id: &str, label: &str, y: i32, p: &str| Era {
            id: id.into(),
            label: label.into(),
            start: Some(y),
            end: Some(y + 9),
            editorial: false,
            paragraphs: vec![p.into()],
        };
        let ent = |id: &str, kind, name: &str, alias: &[&str], latin: &str| Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: alias.iter().map(|s| s.to_string()).collect(),
            latin: vec![latin.into()],
            note: format!("ملاحظة {id}"),
        };
        Dataset {
            schema: 1,
            meta: Meta::minimal("t", "s", "ar"),
            eras: vec![
                era(
                    "1980s",
                    "الثمانينيات",
                    1980,
                    "بعد صعود ميخائيل غورباتشوف إلى السلطة زار موسكو.",
                ),
                era(
                    "1990s",
                    "التسعينيات",
                    1990,
                    "في موسكو بقيادة الرئيس بوريس يلتسين، وموسكو.",
                ),
            ],
            related: Vec::new(),
            entities: vec![
                ent(
                    "gorbachev",
                    EntityKind::Person,
                    "ميخائيل غورباتشوف",
                    &["غورباتشوف"],
                    "Mikhail Gorbachev",
                ),
                ent(
                    "yeltsin",
                    EntityKind::Person,
                    "بوريس يلتسين",
                    &["يلتسين"],
                    "Boris Yeltsin",
                ),
                ent("moscow", EntityKind::Place, "موسكو", &[], "Moscow"),
            ],
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn type_str(f: &mut Finder, ix: &Index, s: &str) {
        for c in s.chars() {
            assert_eq!(
                f.handle_key(key(KeyCode::Char(c)), ix),
                FinderOutcome::Continue
            );
        }
    }

    fn draw(f: &Finder, ix: &Index, lang: Lang, chrome: Direction, mode: BidiMode) -> Buffer {
        let theme = Theme::mono();
        let ctx = FinderContext {
            index: ix,
            lang,
            chrome,
            letterless: chrome,
            mode,
            theme: &theme,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 64, 16));
        f.render(buf.area, &mut buf, &ctx);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    fn find_row(buf: &Buffer, needle: &str) -> Option<u16> {
        (0..buf.area.height).find(|&y| row(buf, y).contains(needle))
    }

    #[test]
    fn typing_ranks_and_enter_jumps_to_the_mentions() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        assert_eq!(f.hits().len(), 3, "the empty query lists every entity");
        type_str(&mut f, &ix, "gorba");
        assert_eq!(f.query(), "gorba");
        assert_eq!(f.hits()[0].target, Target::Entity(0));
        let FinderOutcome::Jump(JumpTarget::Entity { entity, spots }) =
            f.handle_key(key(KeyCode::Enter), &ix)
        else {
            panic!("Enter should jump");
        };
        assert_eq!(entity, 0);
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].section, SectionRef::Era(0));
        let p = &data().eras[0].paragraphs[0];
        assert_eq!(&p[spots[0].range.clone()], "ميخائيل غورباتشوف");
        assert_eq!(f.handle_key(key(KeyCode::Esc), &ix), FinderOutcome::Close);
    }

    #[test]
    fn selection_moves_and_clamps() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        f.handle_key(key(KeyCode::Down), &ix);
        f.handle_key(ctrl('n'), &ix);
        f.handle_key(ctrl('n'), &ix);
        assert_eq!(f.selected(), 2);
        f.handle_key(key(KeyCode::Up), &ix);
        assert_eq!(f.selected(), 1);
        f.handle_key(ctrl('p'), &ix);
        f.handle_key(ctrl('p'), &ix);
        assert_eq!(f.selected(), 0);
        type_str(&mut f, &ix, "zzzz");
        assert!(f.hits().is_empty());
        f.handle_key(key(KeyCode::Down), &ix);
        assert_eq!(
            f.handle_key(key(KeyCode::Enter), &ix),
            FinderOutcome::Continue
        );
    }

    #[test]
    fn line_editing() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "kim jong");
        f.handle_key(ctrl('w'), &ix);
        assert_eq!(f.query(), "kim ");
        f.handle_key(key(KeyCode::Backspace), &ix);
        assert_eq!(f.query(), "kim");
        // Latin query: ← goes back in the text.
        f.handle_key(key(KeyCode::Left), &ix);
        f.handle_key(key(KeyCode::Left), &ix);
        assert_eq!(f.cursor(), 1);
        type_str(&mut f, &ix, "X");
        assert_eq!(f.query(), "kXim");
        f.handle_key(key(KeyCode::Right), &ix);
        f.handle_key(key(KeyCode::Delete), &ix);
        assert_eq!(f.query(), "kXi");
        f.handle_key(key(KeyCode::Left), &ix);
        f.handle_key(ctrl('u'), &ix);
        assert_eq!((f.query(), f.cursor()), ("i", 0));
        // Arabic query: ← goes forward in the text (the line reads right to left).
        f.handle_key(ctrl('e'), &ix);
        f.handle_key(ctrl('u'), &ix);
        type_str(&mut f, &ix, "موسكو");
        f.handle_key(key(KeyCode::Home), &ix);
        f.handle_key(key(KeyCode::Left), &ix);
        assert_eq!(f.cursor(), "م".len());
        f.handle_key(key(KeyCode::Right), &ix);
        assert_eq!(f.cursor(), 0);
        f.handle_key(key(KeyCode::Backspace), &ix);
        assert_eq!(f.query(), "موسكو");
    }

    #[test]
    fn tab_switches_to_full_text_and_enter_jumps_there() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "موسكو");
        f.handle_key(key(KeyCode::Tab), &ix);
        assert_eq!(f.mode(), FinderMode::FullText);
        assert_eq!(f.text_hits().len(), 3);
        f.handle_key(key(KeyCode::Down), &ix);
        let FinderOutcome::Jump(JumpTarget::Text { spots, current, .. }) =
            f.handle_key(key(KeyCode::Enter), &ix)
        else {
            panic!("Enter should jump");
        };
        assert_eq!((spots.len(), current), (3, 1));
        assert_eq!(spots[1].section, SectionRef::Era(1));
        f.handle_key(key(KeyCode::Tab), &ix);
        assert_eq!(f.mode(), FinderMode::Names);
        assert_eq!(f.hits()[0].target, Target::Entity(2));
    }

    #[test]
    fn renders_results_with_tags_names_counts_and_highlights() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "gorba");
        // Terminal mode: cells hold the logical, unshaped text.
        let buf = draw(&f, &ix, Lang::En, Direction::Ltr, BidiMode::Terminal);
        let y = find_row(&buf, "Mikhail Gorbachev").unwrap_or_else(|| panic!("no result row"));
        let line = row(&buf, y);
        assert!(line.contains("person"), "{line}");
        assert!(line.contains("ميخائيل غورباتشوف"), "{line}");
        assert!(
            line.trim_end().trim_end_matches('│').ends_with(" 1"),
            "mention count: {line}"
        );
        // The five matched Latin letters are highlighted (the row is selected: underlined).
        // Found by cell (RTL text in Terminal mode carries zero-width fence marks).
        let start = (0..buf.area.width)
            .find(|&x| buf[(x, y)].symbol() == "G" && buf[(x + 1, y)].symbol() == "o")
            .unwrap_or(0);
        for dx in 0..9 {
            let lit = buf[(start + dx, y)].modifier.contains(Modifier::UNDERLINED);
            assert_eq!(lit, dx < 5, "cell {dx}");
        }
        // Query line.
        assert!(find_row(&buf, "> gorba").is_some());
        // Preview: note and a sparkline over the two eras (mentioned in the first only).
        assert!(find_row(&buf, "ملاحظة gorbachev").is_some());
        assert!(
            find_row(&buf, "█· 1 mentions · 1/2 eras").is_some(),
            "{:?}",
            (0..16).map(|y| row(&buf, y)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn arabic_interface_tags_and_mirrored_columns() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "يلتسين");
        let buf = draw(&f, &ix, Lang::Ar, Direction::Rtl, BidiMode::Terminal);
        let y = find_row(&buf, "Boris Yeltsin").unwrap_or_else(|| panic!("no result row"));
        let line = row(&buf, y);
        let tag = line.find("شخص").unwrap_or(0);
        let latin = line.find("Boris").unwrap_or(usize::MAX);
        assert!(tag > latin, "the kind tag sits on the right in RTL: {line}");
    }

    #[test]
    fn arabic_query_reads_right_to_left_in_app_mode() {
        let ix = Index::build(&data());
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "بوب");
        let buf = draw(&f, &ix, Lang::Ar, Direction::Ltr, BidiMode::App);
        let y = find_row(&buf, ">").unwrap_or(0);
        let cells: Vec<String> = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        // Shaped بوب: initial beh (U+FE91), final waw (U+FEEE), isolated beh (U+FE8F);
        // in visual order the first letter is rightmost.
        let letters: String = cells
            .concat()
            .chars()
            .filter(|c| ('\u{FE70}'..='\u{FEFF}').contains(c))
            .collect();
        assert_eq!(letters, "\u{FE8F}\u{FEEE}\u{FE91}");
        // The cursor (at the logical end) is the reversed cell just left of the text.
        let first = cells.iter().position(|c| c == "\u{FE8F}").unwrap_or(0) as u16;
        assert!(buf[(first - 1, y)].modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn hostile_names_do_not_reach_the_buffer_as_controls() {
        let mut d = data();
        d.entities[0].name = "غورباتشوف\u{1b}[2J\t\n".into();
        d.entities[0].note = "\u{1b}]0;x\u{7}".into();
        let ix = Index::build(&d);
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, "gorba");
        let buf = draw(&f, &ix, Lang::En, Direction::Ltr, BidiMode::App);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "{:?}",
                cell.symbol()
            );
        }
    }

    #[test]
    fn sparkline_scales_to_the_maximum() {
        assert_eq!(sparkline(&[0, 1, 2, 8]), "·▁▂█");
        assert_eq!(sparkline(&[]), "");
        assert_eq!(sparkline(&[3, 3]), "██");
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let ix = Index::build(&data());
        let f = Finder::new(&ix);
        let theme = Theme::mono();
        let ctx = FinderContext {
            index: &ix,
            lang: Lang::Ar,
            chrome: Direction::Rtl,
            letterless: Direction::Rtl,
            mode: BidiMode::App,
            theme: &theme,
        };
        for (w, h) in [(0, 0), (1, 1), (5, 3), (10, 5), (24, 8), (30, 9)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            f.render(buf.area, &mut buf, &ctx);
        }
    }
}
