//! Glyph ink that crosses cell edges: after a frame, the unchanged
//! neighbours of every changed cell are sent again, so a terminal paints
//! them whole (xterm's dots in blank cells, mlterm's tick beside the
//! sidebar's marker). Read from the bytes the program writes, as a terminal
//! places them.

mod pty;

use std::collections::{HashMap, HashSet};

use pty::Session;
use unicode_width::UnicodeWidthChar;

/// The cells (column, row; from 0) that `bytes` write a glyph into, with the
/// cursor followed as a terminal does: CUP/HVP, CHA, CUF, CR, LF, and each
/// printed character's width; the cells an ECH erases count as written.
/// Other sequences write nothing.
fn written(bytes: &[u8]) -> HashSet<(u16, u16)> {
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    let (mut col, mut row) = (0u16, 0u16);
    let mut cells = HashSet::new();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut last = None;
                    for c in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&c) {
                            last = Some(c);
                            break;
                        }
                        params.push(c);
                    }
                    let nums: Vec<u16> = params
                        .split(';')
                        .map(|p| p.trim_start_matches('?').parse().unwrap_or(1).max(1))
                        .collect();
                    let n = |i: usize| nums.get(i).copied().unwrap_or(1);
                    match last {
                        Some('H' | 'f') => (row, col) = (n(0) - 1, n(1) - 1),
                        Some('G') => col = n(0) - 1,
                        Some('C') => col += n(0),
                        // ECH: the cells erased are written (blank).
                        Some('X') => {
                            cells.extend((col..col + n(0)).map(|x| (x, row)));
                        }
                        _ => {}
                    }
                }
                // OSC, DCS: up to BEL or ST.
                Some(']' | 'P') => {
                    while let Some(c) = chars.next() {
                        if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' => col = 0,
            '\n' => row += 1,
            c if c < ' ' => {}
            c => {
                let width = c.width().unwrap_or(0) as u16;
                if width > 0 {
                    cells.insert((col, row));
                    col += width;
                }
            }
        }
    }
    cells
}

/// Where the sidebar's selection marker is: (column, row).
fn marker(screen: &vt100::Screen) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    (0..rows.get()).find_map(|row| {
        (0..cols.get()).find_map(|col| {
            let cell = screen.cell(row, col)?;
            (cell.contents() == "◀").then_some((col, row))
        })
    })
}

#[test]
fn written_follows_the_cursor() {
    let cells = written("\x1b[2;3Hab\x1b[0m\x1b[5Gc\r\nd\u{64e}\x1b]52;c;eA==\x07e".as_bytes());
    let want: HashSet<_> = [(2, 1), (3, 1), (4, 1), (0, 2), (1, 2)].into();
    assert_eq!(cells, want);
}

#[test]
fn the_border_beside_the_old_marker_is_painted_again() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    let (col, row) = marker(s.parser.screen()).expect("a marker on the first screen");
    assert_eq!(
        s.parser
            .screen()
            .cell(row, col + 1)
            .map(|c| c.contents().to_string())
            .as_deref(),
        Some("│"),
        "the sidebar's border is beside the marker"
    );
    let from = s.raw.len();
    s.send(b"\x1b[B");
    s.wait_for("the marker one row down", |screen| {
        marker(screen) == Some((col, row + 1))
    });
    // A second move: the first frame is then whole in the output.
    s.send(b"\x1b[B");
    s.wait_for("the marker two rows down", |screen| {
        marker(screen) == Some((col, row + 2))
    });
    let cells = written(&s.raw[from..]);
    assert!(
        cells.contains(&(col, row)),
        "the old marker cell is cleared"
    );
    for neighbour in [(col + 1, row), (col + 1, row + 1)] {
        assert!(
            cells.contains(&neighbour),
            "{neighbour:?}, unchanged beside a changed cell, is painted again"
        );
    }
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn in_terminal_mode_a_changed_row_is_erased_and_sent_whole() {
    let mut s = Session::start_fresh(&[], &[("NKRU_BIDI", "terminal")]);
    s.wait_for("the first frame", |screen| marker(screen).is_some());
    let (col, row) = marker(s.parser.screen()).expect("a marker");
    let from = s.raw.len();
    s.send(b"\x1b[B");
    s.wait_for("the marker one row down", |screen| {
        marker(screen).is_some_and(|(_, r)| r == row + 1)
    });
    s.send(b"\x1b[B");
    s.wait_for("the marker two rows down", |screen| {
        marker(screen).is_some_and(|(_, r)| r == row + 2)
    });
    let out = &s.raw[from..];
    let erase = format!("\x1b[{};1H\x1b[2K", row + 1);
    assert!(
        pty::find(out, erase.as_bytes()).is_some(),
        "row {row} (the old selection) erased from its first cell"
    );
    let cells = written(out);
    let width = s.parser.screen().size().1;
    let missing: Vec<u16> = (0..width.get())
        .filter(|&x| !cells.contains(&(x, row)))
        .collect();
    assert!(
        missing.is_empty(),
        "row {row} sent whole; not sent: {missing:?} (marker at {col})"
    );
    // Once a frame: the rows go whole, not also cell by cell before.
    let markers = String::from_utf8_lossy(out).matches('◀').count();
    assert_eq!(markers, 2, "the marker's row sent once in each of 2 frames");
    s.send(b"q");
    s.wait_exit();
}

/// A cell as mlterm compares it: its character, and its bold and italic
/// and colours packed (bits 0–1 bold and italic, from bit 8 the foreground,
/// from bit 24 the background; 0 the default colour).
type MlCell = (char, u64);

const BLANK: MlCell = (' ', 0);
const BOLD: u64 = 1;
const ITALIC: u64 = 2;

/// mlterm's cells as its redraw compares them, and the cells it repaints.
struct Mlterm {
    width: u16,
    grid: HashMap<(u16, u16), MlCell>,
    repainted: HashSet<(u16, u16)>,
    /// The grid before the counted bytes.
    before: HashMap<(u16, u16), MlCell>,
    counting: bool,
    /// The attributes characters are written with.
    pen: u64,
}

impl Mlterm {
    fn at(&self, x: u16, y: u16) -> MlCell {
        self.grid.get(&(x, y)).copied().unwrap_or(BLANK)
    }

    fn paint(&mut self, x: u16, y: u16, c: MlCell) {
        self.grid.insert((x, y), c);
        if self.counting {
            self.repainted.insert((x, y));
        }
    }

    /// An erase of `cols` on row `y`: the cells it changes, from the first
    /// to one past the last.
    fn fill(&mut self, y: u16, cols: std::ops::Range<u16>) {
        let differ: Vec<u16> = cols.filter(|&x| self.at(x, y) != BLANK).collect();
        if let (Some(&b), Some(&e)) = (differ.first(), differ.last()) {
            for x in b..=e {
                self.paint(x, y, BLANK);
            }
            // One past them is marked too, and keeps what it holds.
            if e + 1 < self.width {
                self.paint(e + 1, y, self.at(e + 1, y));
            }
        }
    }

    /// SGR: bold, italic and the colours followed.
    fn sgr(&mut self, params: &str) {
        const FG: u64 = 0xffff << 8;
        const BG: u64 = 0xffff << 24;
        let mut nums = params.split(';').map(|p| p.parse::<u64>().unwrap_or(0));
        while let Some(n) = nums.next() {
            match n {
                0 => self.pen = 0,
                1 => self.pen |= BOLD,
                22 => self.pen &= !BOLD,
                3 => self.pen |= ITALIC,
                23 => self.pen &= !ITALIC,
                30..=37 | 90..=97 => self.pen = (self.pen & !FG) | (n << 8),
                39 => self.pen &= !FG,
                40..=47 | 100..=107 => self.pen = (self.pen & !BG) | (n << 24),
                49 => self.pen &= !BG,
                38 | 48 => {
                    let colour = match nums.next() {
                        Some(5) => 256 + nums.next().unwrap_or(0),
                        _ => 512 + nums.by_ref().take(3).fold(0, |a, c| (a * 31 + c) % 60000),
                    };
                    self.pen = if n == 38 {
                        (self.pen & !FG) | (colour << 8)
                    } else {
                        (self.pen & !BG) | (colour << 24)
                    };
                }
                _ => {}
            }
        }
    }
}

/// The cells mlterm repaints for `bytes[from..]`, by its redraw rules
/// (`vtemu/vt_line.c`, `OPTIMIZE_REDRAWING`): a character written over the
/// same character repaints nothing; a different one repaints its cells; an
/// erase (ECH `CSI n X`, EL `CSI 2 K`) repaints the cells it changes from
/// the first to one past the last (`vt_line_fill` marks `beg + num`).
/// Characters are compared by their first char, bold, italic and colours;
/// zero-width ones are left out.
fn mlterm_repaints(bytes: &[u8], from: usize, width: u16) -> HashSet<(u16, u16)> {
    mlterm_frames(bytes, from, width).repainted
}

/// mlterm's model after `bytes[..from]` (`before`) and after all of
/// `bytes`, with the cells repainted for `bytes[from..]`
/// ([`mlterm_repaints`]).
fn mlterm_frames(bytes: &[u8], from: usize, width: u16) -> Mlterm {
    let mut term = Mlterm {
        width,
        grid: HashMap::new(),
        repainted: HashSet::new(),
        before: HashMap::new(),
        counting: false,
        pen: 0,
    };
    let (mut col, mut row) = (0u16, 0u16);
    for (part, counting) in [(&bytes[..from], false), (&bytes[from..], true)] {
        if counting {
            term.before = term.grid.clone();
        }
        term.counting = counting;
        let text = String::from_utf8_lossy(part);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let mut last = None;
                        for c in chars.by_ref() {
                            if ('\x40'..='\x7e').contains(&c) {
                                last = Some(c);
                                break;
                            }
                            params.push(c);
                        }
                        let nums: Vec<u16> = params
                            .split(';')
                            .map(|p| p.parse().unwrap_or(1).max(1))
                            .collect();
                        let n = |i: usize| nums.get(i).copied().unwrap_or(1);
                        match last {
                            _ if params.starts_with('?') => {}
                            Some('H' | 'f') => (row, col) = (n(0) - 1, n(1) - 1),
                            Some('G') => col = n(0) - 1,
                            Some('C') => col += n(0),
                            Some('X') => term.fill(row, col..(col + n(0)).min(width)),
                            Some('K') if params == "2" => term.fill(row, 0..width),
                            Some('J') if params == "2" => term.grid.clear(),
                            Some('m') => term.sgr(&params),
                            _ => {}
                        }
                    }
                    Some(']' | 'P') => {
                        while let Some(c) = chars.next() {
                            if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                '\r' => col = 0,
                '\n' => row += 1,
                c if c < ' ' => {}
                c => {
                    let w = c.width().unwrap_or(0) as u16;
                    if w > 0 {
                        let cell = (c, term.pen);
                        if term.at(col, row) != cell {
                            for x in col..col + w {
                                term.paint(x, row, if x == col { cell } else { ('\0', 0) });
                            }
                        }
                        col += w;
                    }
                }
            }
        }
    }
    term
}

#[test]
fn mlterm_repaints_the_border_beside_the_marker_it_left() {
    let mut s = Session::start_fresh(&[], &[]);
    s.wait_started();
    let (col, row) = marker(s.parser.screen()).expect("a marker on the first screen");
    let width = s.parser.screen().size().1.get();
    let from = s.raw.len();
    s.send(b"\x1b[B");
    s.wait_for("the marker one row down", |screen| {
        marker(screen) == Some((col, row + 1))
    });
    s.send(b"\x1b[B");
    s.wait_for("the marker two rows down", |screen| {
        marker(screen) == Some((col, row + 2))
    });
    let repainted = mlterm_repaints(&s.raw, from, width);
    for y in [row, row + 1] {
        assert!(
            repainted.contains(&(col, y)) && repainted.contains(&(col + 1, y)),
            "the marker left ({col}, {y}): it and the border after it are repainted"
        );
    }
    s.send(b"q");
    s.wait_exit();
}

/// Lets the program's output stop: the screen is read a few more times
/// (each read waits up to 50 ms for bytes), so a frame's last bytes, written
/// after the marker that was waited for, are in.
fn settle(s: &mut Session) {
    let reads = std::cell::Cell::new(0);
    s.wait_for("the output to settle", |_| {
        reads.set(reads.get() + 1);
        reads.get() > 6
    });
}

/// True when the cell left or right of (`x`, `y`) holds a glyph (not box
/// drawing) after the change: its ink may reach into (`x`, `y`).
fn beside_a_glyph(term: &Mlterm, x: u16, y: u16) -> bool {
    let at = |grid: &HashMap<(u16, u16), MlCell>, x, y| grid.get(&(x, y)).map_or(' ', |c| c.0);
    [x.checked_sub(1), x.checked_add(1)]
        .into_iter()
        .flatten()
        .any(|nx| {
            let now = at(&term.grid, nx, y);
            now != ' ' && !('\u{2500}'..='\u{257F}').contains(&now)
        })
}

#[test]
fn mlterm_repaints_the_blanks_around_what_an_era_change_changed() {
    // The mixed fixture: its first era's paragraphs reach the pane's left
    // margin (a final yeh there, whose tail crosses into the blank cell left
    // of it), the next eras' do not.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mixed.toml");
    let mut s = Session::start_fresh(&["--data", data], &[]);
    s.wait_for("the first frame", |screen| marker(screen).is_some());
    settle(&mut s);
    let (col, row) = marker(s.parser.screen()).expect("a marker on the first screen");
    let (height, width) = s.parser.screen().size();
    let from = s.raw.len();
    for step in 1..=2 {
        s.send(b"\x1b[B");
        s.wait_for("the marker a row down", |screen| {
            marker(screen) == Some((col, row + step))
        });
    }
    settle(&mut s);
    let term = mlterm_frames(&s.raw, from, width.get());
    let at = |grid: &HashMap<(u16, u16), MlCell>, x, y| grid.get(&(x, y)).map_or(' ', |c| c.0);
    // A glyph replaced: its ink outside its cell must go too.
    let changed = |x: u16, y: u16| at(&term.before, x, y) != at(&term.grid, x, y);
    let mut stale = Vec::new();
    for y in 0..height.get() {
        for x in 0..width.get() {
            let blank = |g| at(g, x, y) == ' ';
            if !blank(&term.before) || !blank(&term.grid) || term.repainted.contains(&(x, y)) {
                continue;
            }
            let beside = (x.saturating_sub(1)..=x + 1)
                .flat_map(|nx| (y.saturating_sub(1)..=y + 1).map(move |ny| (nx, ny)))
                .any(|(nx, ny)| (nx, ny) != (x, y) && changed(nx, ny));
            // Beside a glyph, the blank holds that glyph's tail, which a
            // repaint would wipe: it is left alone.
            if beside && !beside_a_glyph(&term, x, y) {
                stale.push((x, y));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "blank cells beside a replaced glyph, never repainted: {stale:?}"
    );
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn konsole_repaints_the_rows_around_what_an_era_change_changed() {
    // Konsole (and QTerminal) repaint a row only when one of its cells
    // differs from what they last drew: the rows around a changed row must
    // differ too, or the marks the old row's letters drew into them stay.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mixed.toml");
    let mut s = Session::start_fresh(&["--data", data], &[("KONSOLE_VERSION", "221203")]);
    s.wait_for("the first frame", |screen| marker(screen).is_some());
    settle(&mut s);
    let (col, row) = marker(s.parser.screen()).expect("a marker on the first screen");
    let (height, width) = s.parser.screen().size();
    let from = s.raw.len();
    s.send(b"\x1b[B");
    s.wait_for("the marker a row down", |screen| {
        marker(screen) == Some((col, row + 1))
    });
    settle(&mut s);
    // The same grid as mlterm's model: a character with its attributes.
    let term = mlterm_frames(&s.raw, from, width.get());
    let cell =
        |grid: &HashMap<(u16, u16), MlCell>, x, y| grid.get(&(x, y)).copied().unwrap_or(BLANK);
    let differs =
        |y: u16| (0..width.get()).any(|x| cell(&term.before, x, y) != cell(&term.grid, x, y));
    let replaced =
        |y: u16| (0..width.get()).any(|x| cell(&term.before, x, y).0 != cell(&term.grid, x, y).0);
    // A row whose every blank near a change sits beside a glyph holds
    // those glyphs' tails, which a repaint would wipe: it is left alone.
    let glyph_replaced = |x: u16, y: u16| cell(&term.before, x, y).0 != cell(&term.grid, x, y).0;
    let touchable = |y: u16| {
        (0..width.get()).any(|x| {
            let near_a_change = (x.saturating_sub(1)..=x + 1)
                .flat_map(|nx| [y.checked_sub(1), y.checked_add(1)].map(|ny| (nx, ny)))
                .any(|(nx, ny)| ny.is_some_and(|ny| glyph_replaced(nx, ny)));
            cell(&term.grid, x, y).0 == ' ' && near_a_change && !beside_a_glyph(&term, x, y)
        })
    };
    let stale: Vec<u16> = (0..height.get())
        .filter(|&y| !differs(y) && touchable(y))
        .filter(|&y| (y > 0 && replaced(y - 1)) || replaced(y + 1))
        .collect();
    assert!(
        stale.is_empty(),
        "rows beside a row whose glyphs were replaced, not repainted: {stale:?}"
    );
    s.send(b"q");
    s.wait_exit();
}
