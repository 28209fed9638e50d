//! What to send a terminal that lays out each run of cells with the same
//! attributes on its own (QTerminal; `BidiMode::Qterminal`).
//!
//! qtermwidget draws every run of adjacent cells with the same colours and
//! attributes with one `QPainter::drawText` call from the run's first cell,
//! layout direction left to right: Qt runs the whole bidi algorithm over
//! the run's text alone (paragraph level 0), mirrors the characters at odd
//! levels and shapes it. It keeps no zero-width character: a combining mark
//! or a mark of direction is dropped as it arrives. So the screen is drawn
//! as App mode draws it (cells in visual order, shaped, mirrored), and each
//! such run of a row is then sent in the order, and with the mirroring,
//! that Qt's bidi of the run alone turns back into the run's cells.

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};
use unicode_width::UnicodeWidthChar;

use super::bidi::{mirror, visual_order};
use super::levels;

/// How to send the cells of one run (see [`for_run_bidi`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOrder {
    /// As they are: nothing right to left in them.
    AsIs,
    /// For each cell sent, left to right, the index of the cell in the run
    /// and whether its characters go mirrored.
    Arranged(Vec<(usize, bool)>),
    /// No order of these cells shows them: the terminal's bidi of the run
    /// alone cannot give them (`2023 سبتمبر 12`: digits after Arabic letters
    /// join their right-to-left run). The run must be cut into runs of
    /// their own (by an attribute that shows nothing, on a blank).
    Unreachable,
}

/// How to send the cells of one run, shown left to right as `cells`, so
/// that a terminal laying the run out as QTerminal does shows `cells`.
pub fn for_run_bidi(cells: &[&str]) -> RunOrder {
    let rtl = |c: char| {
        matches!(
            levels::class(c),
            BidiClass::R | BidiClass::AL | BidiClass::AN
        )
    };
    if !cells.iter().any(|cell| cell.chars().any(rtl)) {
        return RunOrder::AsIs;
    }
    // The cells read as logical text: their levels, and the order that
    // reverses each right-to-left run. Such a terminal reverses each run
    // of the sent text in place, the inverse when the runs are the same.
    let levels = cell_levels(cells);
    let order = visual_order(&levels);
    let wanted: Vec<String> = cells.iter().map(|c| visible(c)).collect();
    // Mirrored where the cell will be at an odd level (the terminal mirrors
    // it back), else as it is; the first one the terminal turns back into
    // the cells wins.
    let by_level: Vec<(usize, bool)> = order.iter().map(|&i| (i, levels[i] % 2 == 1)).collect();
    let plain: Vec<(usize, bool)> = order.iter().map(|&i| (i, false)).collect();
    for candidate in [by_level, plain] {
        let sent: Vec<String> = candidate
            .iter()
            .map(|&(i, m)| sent_cell(cells[i], m))
            .collect();
        let sent: Vec<&str> = sent.iter().map(String::as_str).collect();
        if shown_by_run_bidi(&sent) == wanted {
            return RunOrder::Arranged(candidate);
        }
    }
    RunOrder::Unreachable
}

/// A cell's text as it is sent, mirrored or not.
pub fn sent_cell(cell: &str, mirrored: bool) -> String {
    if mirrored {
        cell.chars().map(mirror).collect()
    } else {
        cell.to_owned()
    }
}

/// A cell without its zero-width characters (dropped by the terminal).
fn visible(cell: &str) -> String {
    cell.chars().filter(|c| c.width() != Some(0)).collect()
}

/// What the terminal shows for the cells of one run sent as `sent`, left
/// to right: the run's text (zero-width characters dropped) laid out by the
/// bidi algorithm with paragraph level 0, characters at odd levels mirrored.
fn shown_by_run_bidi(sent: &[&str]) -> Vec<String> {
    let levels = cell_levels(sent);
    visual_order(&levels)
        .into_iter()
        .map(|i| {
            let cell = visible(sent[i]);
            if levels[i] % 2 == 1 {
                cell.chars().map(mirror).collect()
            } else {
                cell
            }
        })
        .collect()
}

/// The level of each cell, the cells' visible text taken as one paragraph
/// of level 0: the level of its first character (0 for an empty cell).
fn cell_levels(cells: &[&str]) -> Vec<u8> {
    let visible: Vec<String> = cells.iter().map(|c| visible(c)).collect();
    let text: String = visible.concat();
    let info = ParagraphBidiInfo::new(&text, Some(Level::ltr()));
    let mut at = 0;
    visible
        .iter()
        .map(|cell| {
            let level = if cell.is_empty() {
                0
            } else {
                info.levels.get(at).map_or(0, |l| l.number())
            };
            at += cell.len();
            level
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BidiMode, single_line};

    fn cells(line: &str) -> Vec<String> {
        let (app, _) = single_line(line, 80, BidiMode::App, None);
        app.glyphs
            .iter()
            .map(|g| app.glyph_text(g).to_owned())
            .collect()
    }

    /// Sent as `for_run_bidi` says, a run shows its App-mode cells: brackets
    /// the right way round, the final full stop at the left, years as xterm.
    #[test]
    fn the_terminal_turns_what_is_sent_back_into_the_app_mode_cells() {
        for text in [
            "السبعينيات (1970–1979)",
            "انتهت المحادثات في 13 سبتمبر 2023.",
            "الحقبة السابقة (من أي مكان)",
            "1945- 1948",
            "مع [الاتحاد السوفيتي] عام 1949، ثم",
            "Talks in Moscow (موسكو) ended.",
            "ميخائيل غورباتشوف",
            "خروج (و Ctrl-C دائماً)",
        ] {
            let app = cells(text);
            let app: Vec<&str> = app.iter().map(String::as_str).collect();
            let sent: Vec<String> = match for_run_bidi(&app) {
                RunOrder::Arranged(order) => {
                    order.iter().map(|&(i, m)| sent_cell(app[i], m)).collect()
                }
                RunOrder::AsIs => app.iter().map(|c| c.to_string()).collect(),
                RunOrder::Unreachable => panic!("{text}: no order"),
            };
            let sent: Vec<&str> = sent.iter().map(String::as_str).collect();
            let want: Vec<String> = app.iter().map(|c| visible(c)).collect();
            assert_eq!(shown_by_run_bidi(&sent), want, "{text}");
        }
    }

    /// Brackets between Arabic words are at an odd level in the run, so
    /// the terminal mirrors them: each goes mirrored, to be mirrored back.
    #[test]
    fn brackets_inside_arabic_go_mirrored_for_the_terminal_to_mirror_back() {
        let app = cells("ب [ج] د");
        let app: Vec<&str> = app.iter().map(String::as_str).collect();
        assert_eq!(
            app,
            ["\u{FEA9}", " ", "[", "\u{FE9D}", "]", " ", "\u{FE8F}"]
        );
        let everything_mirrored: Vec<(usize, bool)> = (0..7).rev().map(|i| (i, true)).collect();
        assert_eq!(for_run_bidi(&app), RunOrder::Arranged(everything_mirrored));
    }

    #[test]
    fn a_run_without_right_to_left_text_goes_as_it_is() {
        assert_eq!(for_run_bidi(&["a", "(", "1", ")"]), RunOrder::AsIs);
    }

    /// Digits right of an Arabic word that follows Latin digits: in one
    /// run no order shows them so; cut at the blanks, each part can be.
    #[test]
    fn digits_after_a_word_after_digits_need_runs_of_their_own() {
        let app = cells("12 سبتمبر 2023");
        let app: Vec<&str> = app.iter().map(String::as_str).collect();
        assert_eq!(for_run_bidi(&app), RunOrder::Unreachable);
        for word in app.split(|c| *c == " ") {
            assert_ne!(for_run_bidi(word), RunOrder::Unreachable, "{word:?}");
        }
    }
}
