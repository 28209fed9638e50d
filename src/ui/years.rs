//! How the program writes the years it adds itself (an era's `start`/`end`
//! next to its label in the sidebar, after it in the heading, in the finder).
//! Labels from the dataset are shown as they are written.

use unicode_bidi::BidiClass;

use super::digits::Digits;
use crate::data::Direction;

/// The section's years when its label does not already say them (its start
/// year): `1945- 1948` needs none, `السبعينيات` gets `1970–1979`.
pub fn added_years(section: &crate::data::Section<'_>) -> Option<(i32, i32)> {
    let (start, end) = section.years?;
    (!section.label.contains(&start.to_string())).then_some((start, end))
}

/// An era's years as text, laid out so that the earlier year comes first in
/// the interface's reading direction: on the right in the right-to-left
/// interface (`1979–1970` on screen, read from the right as "1970 to 1979"),
/// on the left in the left-to-right one (`1970–1979`). That is how an Arabic
/// reader reads a range, and how the article's own labels (`1945- 1948`)
/// come out on screen, so every range on one screen faces the same way.
///
/// `reading` is the interface direction; `context` is the direction the
/// years land in: the last strong character before them, else the
/// paragraph's direction ([`context`] finds it). The en dash is a bidi
/// neutral, so the two numbers are ordered by that context (UAX #9 W7, N1);
/// a hyphen-minus between digits would join them into one left-to-right
/// number (W4). Bidi marks are not an option: the layout engine replaces
/// them, as it does in dataset text. So when the context runs against the
/// interface, the numbers are written end first and the bidi algorithm
/// puts them back in reading order, in the engine and in a bidi terminal
/// alike. One year (`start == end`) is written once.
///
/// `digits` writes the numbers. Arabic-Indic digits are Arabic numbers (AN)
/// in every context, and a neutral between two of them always resolves right
/// to left (N1), as between two European digits after an Arabic letter
/// (W2): they are ordered as in a right-to-left context.
pub fn year_range(
    (start, end): (i32, i32),
    reading: Direction,
    context: Direction,
    digits: Digits,
) -> String {
    if start == end {
        return digits.write(start);
    }
    let context = match digits {
        Digits::Latin => context,
        Digits::ArabicIndic => Direction::Rtl,
    };
    let (first, second) = if reading == context {
        (start, end)
    } else {
        (end, start)
    };
    format!("{}\u{2013}{}", digits.write(first), digits.write(second))
}

/// The direction text appended to `before` lands in: that of the last
/// strong character of `before`, else `paragraph`.
pub fn context(before: &str, paragraph: Direction) -> Direction {
    before
        .chars()
        .rev()
        .find_map(|c| match unicode_bidi::bidi_class(c) {
            BidiClass::L => Some(Direction::Ltr),
            BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
            _ => None,
        })
        .unwrap_or(paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BidiMode, DisplayLine, RTL_FENCE_END, RTL_FENCE_START, single_line};
    use Direction::{Ltr, Rtl};
    use unicode_bidi::{BidiInfo, Level};

    const MODES: [BidiMode; 4] = [
        BidiMode::App,
        BidiMode::Terminal,
        BidiMode::TerminalShaped,
        BidiMode::Kitty,
    ];

    /// What the screen shows for `before` + years in a paragraph of
    /// direction `paragraph`, laid out by the engine for `mode` and shown as
    /// that mode's terminal shows a row.
    fn shown(
        before: &str,
        reading: Direction,
        paragraph: Direction,
        digits: Digits,
        mode: BidiMode,
    ) -> String {
        let years = year_range((1970, 1979), reading, context(before, paragraph), digits);
        let text = format!("{before}{years}");
        terminal_shows(&single_line(&text, 80, mode, Some(paragraph)).0)
    }

    /// `line` as the terminal of its mode shows it: as sent in App mode;
    /// reordered as one left-to-right row, fenced when right-to-left, by a
    /// bidi terminal (Terminal, TerminalShaped); each word whose first
    /// character with a script of its own is Arabic (letters or
    /// Arabic-Indic digits) reversed by kitty's HarfBuzz.
    fn terminal_shows(line: &DisplayLine) -> String {
        match line.mode {
            // QTerminal's lines are App mode's (arranged once drawn).
            BidiMode::App | BidiMode::Qterminal | BidiMode::Mlterm => line.text.clone(),
            BidiMode::Terminal | BidiMode::TerminalShaped => {
                let (start, end) = if line.rtl {
                    (RTL_FENCE_START, RTL_FENCE_END)
                } else {
                    ("", "")
                };
                let row = format!("{start}{}{end}", line.text);
                let info = BidiInfo::new(&row, Some(Level::ltr()));
                let para = &info.paragraphs[0];
                info.reorder_line(para, para.range.clone())
                    .replace(['\u{200E}', '\u{200F}'], "")
            }
            BidiMode::Kitty => {
                let arabic = |c: char| {
                    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{06D3}'
                        | '\u{06F0}'..='\u{06F9}' | '\u{FB50}'..='\u{FDFF}'
                        | '\u{FE70}'..='\u{FEFC}')
                };
                let word = |w: &str| match w.chars().find(|c| arabic(*c) || c.is_alphabetic()) {
                    Some(c) if arabic(c) => w.chars().rev().collect(),
                    _ => w.to_owned(),
                };
                line.text.split(' ').map(word).collect::<Vec<_>>().join(" ")
            }
        }
    }

    #[test]
    fn the_earlier_year_is_at_the_reading_start_in_every_context() {
        for before in ["", "السبعينيات (", "The seventies (", "سبعينيات Putin ("]
        {
            for paragraph in [Ltr, Rtl] {
                let rtl = shown(before, Rtl, paragraph, Digits::Latin, BidiMode::App);
                let ltr = shown(before, Ltr, paragraph, Digits::Latin, BidiMode::App);
                assert!(rtl.contains("1979–1970"), "{before:?} {paragraph:?}: {rtl}");
                assert!(ltr.contains("1970–1979"), "{before:?} {paragraph:?}: {ltr}");
            }
        }
    }

    /// Arabic-Indic digits are Arabic numbers (AN): the dash between them
    /// resolves right to left in every context; the range still reads
    /// earlier year first, in every bidi mode as its terminal shows it.
    #[test]
    fn arabic_indic_years_read_earlier_year_first_in_every_mode() {
        for mode in MODES {
            for before in ["", "السبعينيات (", "The seventies (", "سبعينيات Putin ("]
            {
                for paragraph in [Ltr, Rtl] {
                    let d = Digits::ArabicIndic;
                    let rtl = shown(before, Rtl, paragraph, d, mode);
                    let ltr = shown(before, Ltr, paragraph, d, mode);
                    let what = format!("{mode:?} {before:?} {paragraph:?}");
                    assert!(rtl.contains("١٩٧٩–١٩٧٠"), "{what}: {rtl}");
                    assert!(ltr.contains("١٩٧٠–١٩٧٩"), "{what}: {ltr}");
                }
            }
        }
    }

    #[test]
    fn one_year_is_written_once() {
        assert_eq!(year_range((2022, 2022), Rtl, Ltr, Digits::Latin), "2022");
        assert_eq!(
            year_range((2022, 2022), Rtl, Ltr, Digits::ArabicIndic),
            "٢٠٢٢"
        );
    }
}
