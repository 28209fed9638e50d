//! The terminal backend: crossterm's, with blank cells erased rather than
//! written as spaces, and, for VTE in terminal mode, right-to-left lines'
//! fences in VTE's form ([`crate::term::fence`]).
//!
//! A terminal that skips cells written with what they already hold (mlterm
//! compares each written character with the cell's and repaints only those
//! that differ) repaints just the cells a frame changes. A glyph whose ink
//! crossed into its neighbour (the sidebar's `◀` into the border beside it)
//! then leaves that ink when it is overwritten with a space: the neighbour,
//! unchanged, is never repainted, even when sent again ([`super::ink`]).
//! Erasing the cell instead (ECH, `CSI n X`) repaints the erased cells and
//! the one after them in mlterm (`vt_line_fill` marks one cell past the
//! erased ones as modified), and is the same blank cell in every terminal.
//!
//! Only plain blanks are erased: a space in the default colours with no
//! attribute, so the erased cell is exactly the space it replaces whatever
//! the terminal's background-colour-erase. In terminal mode and Konsole's
//! form of it (rows the terminal reorders itself) nothing is erased this
//! way: those rows go from their first cell with no cursor move inside them
//! ([`super::ink::Policy::Rows`]).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Color;

use crate::term::fence::isolated;

/// Crossterm's backend, erasing blank cells (see the module's text).
pub struct InkBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether blank cells are erased (every mode but terminal mode).
    pub erase_blanks: bool,
    /// Whether right-to-left lines' fences go in VTE's form
    /// ([`crate::term::fence`]: VTE in terminal mode).
    pub isolate_fences: bool,
    /// Whether ratatui's cell-by-cell diff is dropped: rows the terminal
    /// reorders itself go whole, once, from [`super::ink`]'s row policy.
    pub rows_only: bool,
}

impl<W: Write> InkBackend<W> {
    pub fn new(writer: W) -> InkBackend<W> {
        InkBackend {
            inner: CrosstermBackend::new(writer),
            erase_blanks: true,
            isolate_fences: false,
            rows_only: false,
        }
    }

    /// Draws `content`, erasing plain blanks when asked.
    fn draw_cells<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if !self.erase_blanks {
            return self.inner.draw(content);
        }
        let mut blanks = Vec::new();
        self.inner.draw(content.filter(|&(x, y, cell)| {
            let blank = is_plain_blank(cell);
            if blank {
                blanks.push((x, y));
            }
            !blank
        }))?;
        // After the glyphs: their draw ends with every attribute reset, so
        // the erased cells take the default background.
        erase_runs(&mut self.inner, &blanks)
    }
}

/// A cell that an erase leaves exactly as it is: a space in the default
/// colours with no attribute (a terminal that lays out each run of one
/// style on its own, Konsole, QTerminal, sees the same runs).
fn is_plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.modifier.is_empty()
}

/// Writes the erases for `blanks` (cells in row order): one cursor move and
/// one ECH per run of adjacent cells.
fn erase_runs<W: Write>(w: &mut W, blanks: &[(u16, u16)]) -> io::Result<()> {
    let mut i = 0;
    while i < blanks.len() {
        let (x, y) = blanks[i];
        let mut n = 1u16;
        while blanks
            .get(i + usize::from(n))
            .is_some_and(|&(nx, ny)| ny == y && nx == x + n)
        {
            n += 1;
        }
        crossterm::queue!(w, crossterm::cursor::MoveTo(x, y))?;
        write!(w, "\x1b[{n}X")?;
        i += usize::from(n);
    }
    Ok(())
}

impl<W: Write> Write for InkBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for InkBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.rows_only {
            return Ok(());
        }
        if self.isolate_fences {
            let cells: Vec<(u16, u16, Cell)> = content
                .map(|(x, y, cell)| {
                    let mut cell = cell.clone();
                    if let Some(symbol) = isolated(cell.symbol()) {
                        cell.set_symbol(&symbol);
                    }
                    (x, y, cell)
                })
                .collect();
            return self.draw_cells(cells.iter().map(|(x, y, cell)| (*x, *y, cell)));
        }
        self.draw_cells(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Modifier, Style};

    fn drawn(erase: bool, cells: &[(u16, u16, Cell)]) -> String {
        let mut out = Vec::new();
        {
            let mut b = InkBackend::new(&mut out);
            b.erase_blanks = erase;
            b.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .expect("a Vec takes every byte");
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn cell(symbol: &str) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(symbol);
        c
    }

    #[test]
    fn runs_of_plain_blanks_are_erased() {
        let cells = [
            (0, 0, cell("a")),
            (1, 0, cell(" ")),
            (2, 0, cell(" ")),
            (5, 0, cell(" ")),
            (0, 1, cell(" ")),
        ];
        let out = drawn(true, &cells);
        assert!(!out.contains(' '), "no space written: {out:?}");
        assert!(out.contains("a"), "{out:?}");
        for erase in ["\x1b[1;2H\x1b[2X", "\x1b[1;6H\x1b[1X", "\x1b[2;1H\x1b[1X"] {
            assert!(out.contains(erase), "{erase:?} in {out:?}");
        }
    }

    #[test]
    fn blanks_that_show_are_written_and_terminal_mode_erases_nothing() {
        let mut reversed = cell(" ");
        reversed.set_style(Style::new().add_modifier(Modifier::REVERSED));
        let mut coloured = cell(" ");
        coloured.set_style(Style::new().bg(Color::Cyan));
        let out = drawn(true, &[(0, 0, reversed), (1, 0, coloured)]);
        assert!(
            !out.contains('X') && out.matches(' ').count() == 2,
            "{out:?}"
        );
        let out = drawn(false, &[(0, 0, cell(" "))]);
        assert!(!out.contains('X') && out.contains(' '), "{out:?}");
    }
}
