//! A drawn screen arranged for a terminal that lays out each run of cells
//! with the same attributes on its own (QTerminal; `BidiMode::Qterminal`).
//!
//! The screen is drawn as App mode draws it: its cells are what the eye
//! must read. qtermwidget then draws every run of adjacent cells with the
//! same colours and attributes (not box drawing, all one cell wide; a
//! wide character, box drawing: runs of their own) with one call to Qt,
//! which lays the run's text out with the bidi algorithm. So each such run
//! of a row is sent in the order [`crate::text::for_run_bidi`] gives, which
//! Qt's bidi of the run alone turns back into the drawn cells.
//!
//! mlterm, told `bidi_mode=left` and a space as its bidi separator
//! (`BidiMode::Mlterm`), lays out each word of a row alone, left to right:
//! its row is cut at every space and every box-drawing or block character
//! (U+2500–U+259F, which it always treats as separators), and each stretch
//! between them goes through the bidi algorithm at paragraph level 0, with
//! mirroring and shaping. So each word is sent in the order
//! [`crate::text::for_run_bidi`] gives ([`arrange_words`]), each cell with
//! its own colours and attributes: mlterm moves them with the character
//! (a word with a highlighted part is one stretch of two styles).

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use crate::text::{RunOrder, for_run_bidi, sent_cell};

/// Arranges every row of `buf` (see the module's documentation).
pub fn arrange(buf: &mut Buffer) {
    each_stretch(buf, |row, start| (run_end(row, start), 0), arrange_run);
}

/// Arranges every word of every row of `buf` for mlterm (see the module's
/// documentation). A word no order shows stays as it is.
pub fn arrange_words(buf: &mut Buffer) {
    each_stretch(
        buf,
        |row, start| {
            let len = row[start..].iter().take_while(|c| word_cell(c)).count();
            (start + len, 1)
        },
        |word| {
            arrange_alone(word);
        },
    );
}

/// Walks every row of `buf` in stretches: `end` gives where the stretch at
/// `start` ends and how many cells after it to skip; `arrange` gets each
/// stretch of more than one cell.
fn each_stretch(
    buf: &mut Buffer,
    end: impl Fn(&[Cell], usize) -> (usize, usize),
    mut arrange: impl FnMut(&mut [Cell]),
) {
    let width = usize::from(buf.area.width);
    if width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        let mut start = 0;
        while start < row.len() {
            let (stop, skip) = end(row, start);
            if stop - start > 1 {
                arrange(&mut row[start..stop]);
            }
            start = stop + skip;
        }
    }
}

/// A cell mlterm lays out with its neighbours: one cell wide, neither a
/// space nor box drawing or a block (U+2500–U+259F).
fn word_cell(cell: &Cell) -> bool {
    let symbol = cell.symbol();
    symbol.width() == 1
        && !symbol
            .chars()
            .next()
            .is_some_and(|c| c == ' ' || ('\u{2500}'..='\u{259F}').contains(&c))
}

/// The end of the run of cells that starts at `start`: cells one cell wide
/// with the attributes of the first, drawn as text (not box drawing).
fn run_end(row: &[Cell], start: usize) -> usize {
    let first = &row[start];
    if !text_cell(first) {
        return start + 1;
    }
    let same = |c: &Cell| {
        // qtermwidget's run: colours and rendition (it has no underline
        // colour).
        c.fg == first.fg && c.bg == first.bg && c.modifier == first.modifier && text_cell(c)
    };
    start + 1 + row[start + 1..].iter().take_while(|c| same(c)).count()
}

/// A cell qtermwidget puts in a run of text: one cell wide, not box
/// drawing (U+2500–U+257F, which it draws itself).
fn text_cell(cell: &Cell) -> bool {
    let symbol = cell.symbol();
    symbol.width() == 1
        && !symbol
            .chars()
            .next()
            .is_some_and(|c| ('\u{2500}'..='\u{257F}').contains(&c))
}

/// Puts the cells of one run in the order to send them in. A run no order
/// can show is cut into runs of its own at the blanks between its words:
/// each such blank takes bold, or loses it, which a blank does not show
/// but which ends a run in qtermwidget; each word is then arranged alone.
fn arrange_run(run: &mut [Cell]) {
    if arrange_alone(run) {
        return;
    }
    let blank = |c: &Cell| c.symbol() == " ";
    let (Some(first), Some(last)) = (
        run.iter().position(|c| !blank(c)),
        run.iter().rposition(|c| !blank(c)),
    ) else {
        return;
    };
    let cuts: Vec<bool> = (0..run.len())
        .map(|x| (first..last).contains(&x) && blank(&run[x]))
        .collect();
    let mut start = 0;
    for x in 0..=run.len() {
        if x < run.len() && !cuts[x] {
            continue;
        }
        if start < x {
            arrange_alone(&mut run[start..x]);
        }
        if let Some(cell) = run.get_mut(x) {
            cell.modifier.toggle(Modifier::BOLD);
        }
        start = x + 1;
    }
}

/// Puts the cells of `run` in the order that shows them when the run is
/// laid out alone; false when no order does.
fn arrange_alone(run: &mut [Cell]) -> bool {
    let symbols: Vec<&str> = run.iter().map(Cell::symbol).collect();
    let order = match for_run_bidi(&symbols) {
        RunOrder::AsIs => return true,
        RunOrder::Unreachable => return false,
        RunOrder::Arranged(order) => order,
    };
    // Each cell goes with its own style: the terminal moves a character's
    // colours and attributes with it.
    let sent: Vec<Cell> = order
        .iter()
        .map(|&(i, mirrored)| {
            let mut cell = run[i].clone();
            cell.set_symbol(&sent_cell(symbols[i], mirrored));
            cell
        })
        .collect();
    run.clone_from_slice(&sent);
    true
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use unicode_bidi::{BidiInfo, Level};

    use super::{arrange_words, word_cell};

    /// Words of a row, each with the logical range of its characters drawn
    /// in the highlight's style.
    type Words<'a> = Vec<(&'a str, std::ops::Range<usize>)>;

    /// What mlterm shows of `row` sent as it is, with `bidi_mode=left` and a
    /// space as separator: each word laid out alone, left to right, every
    /// character moved with its own style (the words here mirror nothing).
    fn shown_by_mlterm(row: &[ratatui::buffer::Cell]) -> Vec<(String, Style)> {
        let mut shown: Vec<(String, Style)> = row
            .iter()
            .map(|c| (c.symbol().to_owned(), c.style()))
            .collect();
        let mut start = 0;
        while start < row.len() {
            let len = row[start..].iter().take_while(|c| word_cell(c)).count();
            let word: String = row[start..start + len].iter().map(|c| c.symbol()).collect();
            let info = BidiInfo::new(&word, Some(Level::ltr()));
            if !info.paragraphs.is_empty() {
                let levels: Vec<Level> = word.char_indices().map(|(b, _)| info.levels[b]).collect();
                assert_eq!(levels.len(), len, "one character a cell");
                for (k, l) in BidiInfo::reorder_visual(&levels).into_iter().enumerate() {
                    let cell = &row[start + l];
                    shown[start + k] = (cell.symbol().to_owned(), cell.style());
                }
            }
            start += len + 1;
        }
        shown
    }

    /// One row of `words`, each drawn as App mode draws it (Arabic
    /// reversed), a space between them, on `ground`; in each word the
    /// characters of the logical range given are drawn `marked`.
    fn drawn(words: &Words<'_>, ground: Style, marked: Style) -> Buffer {
        let mut cells: Vec<(char, Style)> = Vec::new();
        for (n, (word, range)) in words.iter().enumerate() {
            if n > 0 {
                cells.push((' ', ground));
            }
            let logical: Vec<(char, Style)> = word
                .chars()
                .enumerate()
                .map(|(i, c)| (c, if range.contains(&i) { marked } else { ground }))
                .collect();
            if word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
                cells.extend(logical.into_iter().rev());
            } else {
                cells.extend(logical);
            }
        }
        let width = u16::try_from(cells.len()).unwrap_or(u16::MAX);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        for (x, (c, style)) in (0u16..).zip(cells) {
            if let Some(cell) = buf.cell_mut((x, 0)) {
                cell.set_char(c).set_style(style);
            }
        }
        buf
    }

    #[test]
    fn a_word_of_two_styles_keeps_each_style_on_its_letters() {
        let plain = Style::new();
        let row_bg = Style::new().fg(Color::Black).bg(Color::Cyan);
        let hl = Style::new()
            .fg(Color::Cyan)
            .bg(Color::Black)
            .add_modifier(Modifier::UNDERLINED);
        let word = "غورباتشوف";
        let cases: Vec<(Words<'_>, Style)> = vec![
            // The match at the start, in the middle and at the end of a word.
            (vec![("ميخائيل", 0..0), (word, 0..5)], plain),
            (vec![("ميخائيل", 0..0), (word, 2..5)], plain),
            (vec![("ميخائيل", 0..0), (word, 5..9)], plain),
            // The selected row: a background across it.
            (vec![("شخص", 0..0), ("ميخائيل", 0..0), (word, 0..5)], row_bg),
            (vec![(word, 3..9), ("ميخائيل", 1..4)], row_bg),
            // Latin words.
            (vec![("Mikhail", 0..0), ("Gorbachev", 0..5)], plain),
            (vec![("Gorbachev", 3..6), ("ميخائيل", 0..0)], row_bg),
        ];
        for (words, ground) in cases {
            let mut buf = drawn(&words, ground, hl);
            let want: Vec<(String, Style)> = buf
                .content
                .iter()
                .map(|c| (c.symbol().to_owned(), c.style()))
                .collect();
            arrange_words(&mut buf);
            assert_eq!(shown_by_mlterm(&buf.content), want, "{words:?}");
        }
    }
}
