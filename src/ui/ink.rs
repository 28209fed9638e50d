//! Glyph ink that crosses cell edges.
//!
//! Many terminals draw a glyph wider or taller than its cell: Arabic dots and
//! marks reach into the rows above and below, and a geometric shape from a
//! fallback font into the next column. When a cell changes, the terminal
//! paints that cell's rectangle again, but the ink its old glyph left in a
//! neighbour stays until the neighbour is painted too (xterm: dots in the
//! blank cells a popup or an era change left), and the ink a neighbour had
//! in the changed cell is wiped off it. (mlterm repaints no cell sent again
//! unchanged: there a cell that turns blank is erased instead,
//! [`super::backend`].)
//!
//! So after each frame the unchanged neighbours of every changed cell (the
//! eight around it) are sent again, with the same content: each terminal
//! paints them whole, as it would on a full repaint, at a small fraction of
//! a full repaint's bytes.
//!
//! A terminal that reorders each row itself keeps the row in logical order
//! and places what it is sent by its own bidi: a cursor move into a row
//! holding right-to-left text can land elsewhere than the column asked for
//! (mlterm), and a partly rewritten row can keep marks of the old one. For
//! those ([`Policy::Rows`]) every changed row is erased and sent again whole,
//! from its first cell, without a cursor move inside it.
//!
//! Many terminals repaint only what differs from what they last painted, so
//! a cell sent again unchanged is not painted again, and the ink an old
//! glyph left in it stays:
//! - urxvt and mlterm compare cell by cell (urxvt each cell with the one it
//!   drew, at each refresh; mlterm each written character with the cell's:
//!   `OPTIMIZE_REDRAWING`, even an erase of blank cells): the tail of a
//!   final yeh stays in the blank cell left of it after the yeh is gone;
//! - Konsole and QTerminal compare row by row and repaint every row with a
//!   changed cell whole, clipped to it, and no other: the hamza of a letter
//!   in a changed row stays in the unchanged blank row above it.
//!
//! So what must be painted again is made to differ, in a form that looks
//! the same: a blank neighbour goes bold (a bold space shows nothing), and
//! next time plain again ([`Ink`] keeps which cells the terminal holds in
//! that form); for the terminals that repaint rows and lay out each run of
//! one style on their own ([`Policy::Rows`], [`Policy::Lines`]), where a
//! bold space would cut a run, each unchanged row above and below a
//! changed row has its first box-drawing cell (drawn by those terminals
//! with their own lines, which take no italic, and laid out alone) go
//! italic, and back.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::BidiMode;

/// What is sent again after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The unchanged neighbours of every changed cell; a blank among them
    /// touched.
    Neighbours,
    /// Every changed row, erased first, then whole; the unchanged rows
    /// around them touched, sent whole too.
    Rows,
    /// The unchanged neighbours of every changed cell, and the unchanged
    /// rows around a changed row touched (QTerminal's form: rows repainted
    /// whole, runs of one style laid out on their own).
    Lines,
}

impl Policy {
    /// The policy for the terminal `mode` is sent in; `rows` when its
    /// changed rows go whole ([`super::run::sends_rows_whole`]).
    pub fn for_mode(mode: BidiMode, rows: bool) -> Policy {
        match mode {
            _ if rows => Policy::Rows,
            BidiMode::Qterminal => Policy::Lines,
            _ => Policy::Neighbours,
        }
    }
}

/// What to send after a frame: rows to erase (first), then cells.
#[derive(Debug, Default)]
pub struct Resend {
    pub erase: Vec<u16>,
    pub cells: Vec<(u16, u16, Cell)>,
}

impl Resend {
    pub fn is_empty(&self) -> bool {
        self.erase.is_empty() && self.cells.is_empty()
    }
}

/// The last frame the terminal was sent, to find what the next one changes.
#[derive(Debug, Default)]
pub struct Ink {
    last: Option<Buffer>,
    /// The cells the terminal holds in their touched form (bold or italic
    /// toggled), by content index of `last`.
    touched: Vec<bool>,
}

impl Ink {
    /// The screen was cleared and is painted whole: nothing stale remains.
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// Takes a frame just drawn; returns what to send again after it.
    pub fn after(&mut self, drawn: &Buffer, policy: Policy) -> Resend {
        let prev = match &self.last {
            Some(last) if last.area == drawn.area => Some(last),
            // After a clear the screen is blank and nothing is touched.
            _ => None,
        };
        if prev.is_none() {
            self.touched = vec![false; drawn.content.len()];
        }
        let resend = match (prev, policy) {
            (Some(last), Policy::Neighbours) => {
                let mut cells = stale_neighbours(last, drawn);
                touch_blanks(&mut cells, drawn, &mut self.touched, last);
                Resend {
                    erase: Vec::new(),
                    cells,
                }
            }
            (Some(last), Policy::Lines) => {
                let changed = changed_rows_of(last, drawn);
                untouch_changed(last, drawn, &mut self.touched);
                let mut cells = stale_neighbours(last, drawn);
                for y in rows_around(&changed, drawn) {
                    cells.extend(touch_row(drawn, y, &mut self.touched));
                }
                Resend {
                    erase: Vec::new(),
                    cells,
                }
            }
            (Some(last), Policy::Rows) => {
                let changed = changed_rows_of(last, drawn);
                let around = rows_around(&changed, drawn);
                let mut touches = Vec::new();
                for &y in &around {
                    touches.extend(touch_row(drawn, y, &mut self.touched));
                }
                for &y in &changed {
                    self.untouch_row(drawn, y);
                }
                let mut rows: Vec<u16> = changed.into_iter().chain(around).collect();
                rows.sort_unstable();
                let mut resend = whole_rows(drawn, rows);
                for (x, y, cell) in touches {
                    if let Some(sent) = resend
                        .cells
                        .iter_mut()
                        .find(|(sx, sy, _)| (*sx, *sy) == (x, y))
                    {
                        sent.2 = cell;
                    }
                }
                resend
            }
            // After a clear the screen is blank: ratatui sent only the cells
            // that are not, with cursor moves between them.
            (None, Policy::Rows) => changed_rows(&Buffer::empty(drawn.area), drawn),
            (None, _) => Resend::default(),
        };
        match &mut self.last {
            // One diff a frame (above); here the cells are copied into the
            // buffer already allocated.
            Some(last) if last.area == drawn.area => last.content.clone_from(&drawn.content),
            last => *last = Some(drawn.clone()),
        }
        resend
    }

    /// Row `y` of `drawn` is sent whole as it is: nothing in it is touched.
    fn untouch_row(&mut self, drawn: &Buffer, y: u16) {
        let width = usize::from(drawn.area.width);
        let start = usize::from(y - drawn.area.y) * width;
        self.touched[start..start + width].fill(false);
    }
}

/// The touched form of `cell`: a blank bold, box drawing italic (see the
/// module's text).
fn touched_form(cell: &Cell) -> Cell {
    let mut touched = cell.clone();
    touched.modifier ^= if box_drawing(cell) {
        Modifier::ITALIC
    } else {
        Modifier::BOLD
    };
    touched
}

/// A space whose bold shows nothing: no attribute that draws on a blank
/// (underline, strike-through, blink) or fills it with the foreground
/// (reverse video, whose colour bold can brighten).
fn touchable_blank(cell: &Cell) -> bool {
    let shows = Modifier::REVERSED
        | Modifier::UNDERLINED
        | Modifier::CROSSED_OUT
        | Modifier::SLOW_BLINK
        | Modifier::RAPID_BLINK;
    cell.symbol() == " " && !cell.modifier.intersects(shows)
}

/// A box-drawing character (U+2500–U+257F).
fn box_drawing(cell: &Cell) -> bool {
    cell.symbol()
        .chars()
        .next()
        .is_some_and(|c| ('\u{2500}'..='\u{257F}').contains(&c))
}

/// The cell at content index `i` sent in the form the terminal does not
/// hold: touched, or back from touched.
fn toggle(cell: &Cell, i: usize, touched: &mut [bool]) -> Cell {
    touched[i] = !touched[i];
    if touched[i] {
        touched_form(cell)
    } else {
        cell.clone()
    }
}

/// The changed cells of `next` are sent as they are: none is touched.
fn untouch_changed(prev: &Buffer, next: &Buffer, touched: &mut [bool]) {
    let width = usize::from(next.area.width);
    for (x, y, _) in prev.diff(next) {
        touched[usize::from(y - next.area.y) * width + usize::from(x - next.area.x)] = false;
    }
}

/// Every blank among the neighbours `cells` ([`touchable_blank`]) goes in
/// the form the terminal does not hold.
fn touch_blanks(
    cells: &mut [(u16, u16, Cell)],
    next: &Buffer,
    touched: &mut [bool],
    prev: &Buffer,
) {
    untouch_changed(prev, next, touched);
    let width = usize::from(next.area.width);
    for (x, y, cell) in cells.iter_mut() {
        if touchable_blank(cell) {
            let i = usize::from(*y - next.area.y) * width + usize::from(*x - next.area.x);
            if !beside_ink(next, *x, *y) {
                *cell = toggle(cell, i, touched);
            } else if touched[i] {
                // Sent in the form the terminal holds: nothing to paint.
                *cell = touched_form(cell);
            }
        }
    }
}

/// True when the cell left or right of (`x`, `y`) holds a glyph other than
/// box drawing (which stays inside its cell). The glyph's ink can reach
/// into the blank (the tail of a final ص or ي), and a blank painted again
/// after the glyph wipes the tail off, so such a blank is sent again as it
/// is, which these terminals leave alone; ink an old glyph left there may
/// stay, under the new glyph's own.
fn beside_ink(next: &Buffer, x: u16, y: u16) -> bool {
    let area = next.area;
    [x.checked_sub(1), x.checked_add(1)]
        .into_iter()
        .flatten()
        .filter(|&nx| nx >= area.x && nx < area.right())
        .any(|nx| {
            let cell = &next[(nx, y)];
            cell.symbol().trim() != "" && !box_drawing(cell)
        })
}

/// The rows of `next` with a cell that differs from `prev`, in order.
fn changed_rows_of(prev: &Buffer, next: &Buffer) -> Vec<u16> {
    let mut rows: Vec<u16> = prev.diff(next).iter().map(|&(_, y, _)| y).collect();
    rows.dedup();
    rows
}

/// The rows just above and below the rows `changed` that are not among
/// them, in order.
fn rows_around(changed: &[u16], buf: &Buffer) -> Vec<u16> {
    let area = buf.area;
    let mut around: Vec<u16> = changed
        .iter()
        .flat_map(|&y| [y.checked_sub(1), y.checked_add(1)])
        .flatten()
        .filter(|&y| y >= area.y && y < area.bottom() && changed.binary_search(&y).is_err())
        .collect();
    around.sort_unstable();
    around.dedup();
    around
}

/// Row `y`'s first box-drawing cell, toggled (none when the row has none).
fn touch_row(buf: &Buffer, y: u16, touched: &mut [bool]) -> Option<(u16, u16, Cell)> {
    let width = usize::from(buf.area.width);
    let start = usize::from(y - buf.area.y) * width;
    let i = (start..start + width).find(|&i| box_drawing(&buf.content[i]))?;
    let (x, y) = buf.pos_of(i);
    Some((x, y, toggle(&buf.content[i], i, touched)))
}

/// The cells of `next` around the cells that differ from `prev`, that do
/// not differ themselves, each once, in row order; a neighbour that is the
/// hidden half of a wide glyph is sent as the glyph's first cell.
pub fn stale_neighbours(prev: &Buffer, next: &Buffer) -> Vec<(u16, u16, Cell)> {
    let area = next.area;
    if prev.area != area || area.is_empty() {
        return Vec::new();
    }
    let width = usize::from(area.width);
    let index = |x: u16, y: u16| usize::from(y - area.y) * width + usize::from(x - area.x);
    let mut changed = vec![false; next.content.len()];
    let diff = prev.diff(next);
    for &(x, y, _) in &diff {
        changed[index(x, y)] = true;
    }
    let mut wanted = vec![false; next.content.len()];
    for &(x, y, _) in &diff {
        for ny in y.saturating_sub(1)..=y.saturating_add(1) {
            for nx in x.saturating_sub(1)..=x.saturating_add(1) {
                if nx < area.x || ny < area.y || nx >= area.right() || ny >= area.bottom() {
                    continue;
                }
                let i = covering(next, index(nx, ny), width);
                if !changed[i] {
                    wanted[i] = true;
                }
            }
        }
    }
    // Zero-width marks at the start of a cell's symbol join the cell before
    // it in the terminal (a line's fence, when the cell before the line is
    // a popup's): that cell sent again alone would lose them.
    for i in 0..wanted.len() {
        if !wanted[i] {
            continue;
        }
        let after = i + next.content[i].symbol().width().max(1);
        if after < wanted.len() && !after.is_multiple_of(width) {
            let leads = next.content[after].symbol().chars().next();
            if leads.is_some_and(|c| c.width() == Some(0)) {
                wanted[after] = true;
            }
        }
    }
    wanted
        .iter()
        .enumerate()
        .filter(|&(_, &w)| w)
        .map(|(i, _)| {
            let (x, y) = next.pos_of(i);
            (x, y, next.content[i].clone())
        })
        .collect()
}

/// Every row of `next` that differs from `prev`: to erase, then each of its
/// cells (but the hidden halves of wide glyphs), left to right.
pub fn changed_rows(prev: &Buffer, next: &Buffer) -> Resend {
    if prev.area != next.area || next.area.is_empty() {
        return Resend::default();
    }
    whole_rows(next, changed_rows_of(prev, next))
}

/// The rows `rows` of `next`: to erase, then each of their cells (but the
/// hidden halves of wide glyphs), left to right.
fn whole_rows(next: &Buffer, rows: Vec<u16>) -> Resend {
    let area = next.area;
    let width = usize::from(area.width);
    let mut cells = Vec::with_capacity(rows.len() * width);
    for &y in &rows {
        let start = usize::from(y - area.y) * width;
        let mut i = start;
        while i < start + width {
            let cell = &next.content[i];
            let (x, y) = next.pos_of(i);
            cells.push((x, y, cell.clone()));
            i += cell.symbol().width().max(1);
        }
    }
    Resend { erase: rows, cells }
}

/// The cell whose glyph shows at content index `i`: `i` itself, or the
/// first cell of a wide glyph that also covers `i`.
fn covering(buf: &Buffer, i: usize, width: usize) -> usize {
    (1..=(i % width).min(3))
        .find(|&k| buf.content[i - k].symbol().width() > k)
        .map_or(i, |k| i - k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn buf(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    fn positions(cells: &[(u16, u16, Cell)]) -> Vec<(u16, u16)> {
        cells.iter().map(|&(x, y, _)| (x, y)).collect()
    }

    #[test]
    fn the_eight_around_a_change_are_sent_again() {
        let prev = buf(&["abcd", "efgh", "ijkl"]);
        let next = buf(&["abcd", "eXgh", "ijkl"]);
        let sent = stale_neighbours(&prev, &next);
        assert_eq!(
            positions(&sent),
            vec![
                (0, 0),
                (1, 0),
                (2, 0),
                (0, 1),
                (2, 1),
                (0, 2),
                (1, 2),
                (2, 2)
            ]
        );
        // With their current content.
        assert_eq!(sent[3].2.symbol(), "e");
    }

    #[test]
    fn marks_leading_a_cell_go_again_after_the_cell_they_join() {
        let prev = buf(&["ab│xy", "....."]);
        let mut next = buf(&["aX│xy", "....."]);
        next[(3, 0)].set_symbol("\u{200E}\u{200F}x");
        let mut prev = prev;
        prev[(3, 0)].set_symbol("\u{200E}\u{200F}x");
        // The border is sent again as a neighbour of X: the marked cell too.
        let sent = positions(&stale_neighbours(&prev, &next));
        assert!(sent.contains(&(2, 0)) && sent.contains(&(3, 0)), "{sent:?}");
    }

    #[test]
    fn changed_cells_are_not_sent_twice_and_edges_hold() {
        let prev = buf(&["ab", "cd"]);
        let next = buf(&["XY", "cd"]);
        assert_eq!(
            positions(&stale_neighbours(&prev, &next)),
            vec![(0, 1), (1, 1)]
        );
    }

    #[test]
    fn nothing_changed_nothing_sent() {
        let prev = buf(&["abc", "def"]);
        assert!(stale_neighbours(&prev, &prev.clone()).is_empty());
    }

    #[test]
    fn a_wide_glyph_is_sent_from_its_first_cell() {
        let prev = buf(&["a界b", "cdef"]);
        let next = buf(&["a界b", "cdeX"]);
        // (2, 0) is the hidden half of 界: sent as (1, 0).
        assert_eq!(
            positions(&stale_neighbours(&prev, &next)),
            vec![(1, 0), (3, 0), (2, 1)]
        );
    }

    #[test]
    fn the_last_frame_is_kept_across_frames() {
        let n = Policy::Neighbours;
        let mut ink = Ink::default();
        let first = buf(&["abc", "def"]);
        assert!(ink.after(&first, n).is_empty());
        let second = buf(&["aXc", "def"]);
        assert_eq!(ink.after(&second, n).cells.len(), 5);
        // The same frame again: nothing changed since the last one.
        assert!(ink.after(&second, n).is_empty());
        ink.forget();
        assert!(ink.after(&buf(&["xyz", "uvw"]), n).is_empty());
    }

    #[test]
    fn a_resize_sends_nothing_extra() {
        let mut ink = Ink::default();
        ink.after(&Buffer::empty(Rect::new(0, 0, 3, 2)), Policy::Neighbours);
        assert!(
            ink.after(&Buffer::empty(Rect::new(0, 0, 4, 2)), Policy::Neighbours)
                .is_empty()
        );
    }

    #[test]
    fn rows_after_a_clear_are_the_rows_that_are_not_blank() {
        let mut ink = Ink::default();
        let frame = buf(&["ab", "  ", "cd"]);
        assert_eq!(ink.after(&frame, Policy::Rows).erase, vec![0, 2]);
        // A resize clears too.
        let wider = buf(&["abc", "   ", "   "]);
        assert_eq!(ink.after(&wider, Policy::Rows).erase, vec![0]);
        ink.forget();
        assert_eq!(ink.after(&wider, Policy::Rows).erase, vec![0]);
    }

    #[test]
    fn changed_rows_are_erased_and_sent_whole() {
        let prev = buf(&["abcd", "defg", "ghij"]);
        let next = buf(&["abcd", "dXfg", "gh界"]);
        let resend = changed_rows(&prev, &next);
        assert_eq!(resend.erase, vec![1, 2]);
        // The hidden half of 界 is not sent.
        assert_eq!(
            positions(&resend.cells),
            vec![(0, 1), (1, 1), (2, 1), (3, 1), (0, 2), (1, 2), (2, 2)]
        );
        assert_eq!(resend.cells[6].2.symbol(), "界");
    }
    #[test]
    fn a_blank_neighbour_goes_bold_then_plain_again() {
        let mut ink = Ink::default();
        let n = Policy::Neighbours;
        ink.after(&buf(&["a  ", "   "]), n);
        // `a` goes: the blanks around it, none beside a glyph, go bold.
        let sent = ink.after(&buf(&["   ", "   "]), n).cells;
        let bold: Vec<(u16, u16)> = sent
            .iter()
            .filter(|(_, _, c)| c.modifier.contains(Modifier::BOLD))
            .map(|&(x, y, _)| (x, y))
            .collect();
        assert_eq!(bold, vec![(1, 0), (0, 1), (1, 1)]);
        // Next time they are sent plain: the terminal holds them bold.
        let sent = ink.after(&buf(&["b  ", "   "]), n).cells;
        assert_eq!(positions(&sent), vec![(1, 0), (0, 1), (1, 1)]);
        let plain: Vec<(u16, u16)> = sent
            .iter()
            .filter(|(_, _, c)| c.modifier.is_empty())
            .map(|&(x, y, _)| (x, y))
            .collect();
        // (1, 0) is beside `b` now: it stays as the terminal holds it.
        assert_eq!(plain, vec![(0, 1), (1, 1)]);
        // A glyph neighbour is sent as it is.
        let sent = ink.after(&buf(&["bx ", "   "]), n).cells;
        let b = sent.iter().find(|&&(x, y, _)| (x, y) == (0, 0));
        assert!(b.is_some_and(|(_, _, c)| c.symbol() == "b" && c.modifier.is_empty()));
    }

    #[test]
    fn a_blank_beside_a_glyph_is_not_painted_again() {
        // The tail of a final ص reaches into the blank left of it; a blank
        // painted again after it (bold, or back from bold) wipes it off.
        let mut ink = Ink::default();
        let n = Policy::Neighbours;
        ink.after(&buf(&["  ص", "  a"]), n);
        let sent = ink.after(&buf(&["  ص", "  b"]), n).cells;
        let blank = sent.iter().find(|&&(x, y, _)| (x, y) == (1, 0));
        assert!(
            blank.is_some_and(|(_, _, c)| c.modifier.is_empty()),
            "{sent:?}"
        );
    }

    #[test]
    fn a_blank_that_shows_its_attributes_is_not_touched() {
        let mut ink = Ink::default();
        let mut before = buf(&["ab", "  "]);
        before[(0, 1)].set_style(Modifier::UNDERLINED);
        before[(1, 1)].set_style(Modifier::REVERSED);
        let mut after = before.clone();
        after[(0, 0)].set_symbol("X");
        ink.after(&before, Policy::Neighbours);
        let sent = ink.after(&after, Policy::Neighbours).cells;
        assert_eq!(positions(&sent), vec![(1, 0), (0, 1), (1, 1)]);
        for (_, y, c) in &sent {
            assert!(*y == 0 || !c.modifier.contains(Modifier::BOLD), "{c:?}");
        }
    }

    #[test]
    fn rows_around_a_changed_row_go_whole_with_their_border_italic() {
        let mut ink = Ink::default();
        let frame = |mid: &str| buf(&["│ab│", "│cd│", mid, "│gh│", "│ij│"]);
        ink.after(&frame("│ef│"), Policy::Rows);
        let resend = ink.after(&frame("│eX│"), Policy::Rows);
        assert_eq!(resend.erase, vec![1, 2, 3]);
        let italic: Vec<(u16, u16)> = resend
            .cells
            .iter()
            .filter(|(_, _, c)| c.modifier.contains(Modifier::ITALIC))
            .map(|&(x, y, _)| (x, y))
            .collect();
        // The first box-drawing cell of each row around, not of the row.
        assert_eq!(italic, vec![(0, 1), (0, 3)]);
        assert_eq!(resend.cells.len(), 12, "three rows whole");
        // Next time: plain again.
        let resend = ink.after(&frame("│eY│"), Policy::Rows);
        assert_eq!(resend.erase, vec![1, 2, 3]);
        assert!(resend.cells.iter().all(|(_, _, c)| c.modifier.is_empty()));
    }

    #[test]
    fn lines_touch_the_border_of_the_rows_around_without_cutting_runs() {
        let mut ink = Ink::default();
        let frame = |mid: &str| buf(&["│a b│", mid, "│c d│"]);
        ink.after(&frame("│e f│"), Policy::Lines);
        let sent = ink.after(&frame("│e X│"), Policy::Lines).cells;
        // No blank goes bold: QTerminal would cut its run there.
        assert!(
            !sent
                .iter()
                .any(|(_, _, c)| c.modifier.contains(Modifier::BOLD))
        );
        let italic: Vec<(u16, u16)> = sent
            .iter()
            .filter(|(_, _, c)| c.modifier.contains(Modifier::ITALIC))
            .map(|&(x, y, _)| (x, y))
            .collect();
        assert_eq!(italic, vec![(0, 0), (0, 2)]);
    }

    #[test]
    fn the_policy_follows_the_mode() {
        assert_eq!(Policy::for_mode(BidiMode::App, false), Policy::Neighbours);
        assert_eq!(Policy::for_mode(BidiMode::Qterminal, false), Policy::Lines);
        assert_eq!(
            Policy::for_mode(BidiMode::TerminalShaped, true),
            Policy::Rows
        );
    }
}
