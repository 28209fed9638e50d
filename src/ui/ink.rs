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

use ratatui::buffer::{Buffer, Cell};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What is sent again after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The unchanged neighbours of every changed cell.
    Neighbours,
    /// Every changed row, erased first, then whole.
    Rows,
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
}

impl Ink {
    /// The screen was cleared and is painted whole: nothing stale remains.
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// Takes a frame just drawn; returns what to send again after it.
    pub fn after(&mut self, drawn: &Buffer, policy: Policy) -> Resend {
        let resend = match (&self.last, policy) {
            (Some(last), Policy::Neighbours) if last.area == drawn.area => Resend {
                erase: Vec::new(),
                cells: stale_neighbours(last, drawn),
            },
            (Some(last), Policy::Rows) if last.area == drawn.area => changed_rows(last, drawn),
            // After a clear the screen is blank: ratatui sent only the cells
            // that are not, with cursor moves between them.
            (_, Policy::Rows) => changed_rows(&Buffer::empty(drawn.area), drawn),
            _ => Resend::default(),
        };
        match &mut self.last {
            // One diff a frame (above); here the cells are copied into the
            // buffer already allocated.
            Some(last) if last.area == drawn.area => last.content.clone_from(&drawn.content),
            last => *last = Some(drawn.clone()),
        }
        resend
    }
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
    let area = next.area;
    if prev.area != area || area.is_empty() {
        return Resend::default();
    }
    let width = usize::from(area.width);
    let mut rows: Vec<u16> = prev.diff(next).iter().map(|&(_, y, _)| y).collect();
    rows.dedup();
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
}
