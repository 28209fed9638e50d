//! How the program writes the years it adds itself (an era's `start`/`end`
//! next to its label in the sidebar, after it in the heading, in the finder).
//! Labels from the dataset are shown as they are written.

use unicode_bidi::BidiClass;

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
pub fn year_range((start, end): (i32, i32), reading: Direction, context: Direction) -> String {
    if start == end {
        return start.to_string();
    }
    let (first, second) = if reading == context {
        (start, end)
    } else {
        (end, start)
    };
    format!("{first}\u{2013}{second}")
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
    use crate::text::{BidiMode, single_line};
    use Direction::{Ltr, Rtl};

    /// What the engine shows for `before` + years in a paragraph of
    /// direction `paragraph`.
    fn shown(before: &str, reading: Direction, paragraph: Direction) -> String {
        let years = year_range((1970, 1979), reading, context(before, paragraph));
        let text = format!("{before}{years}");
        single_line(&text, 80, BidiMode::App, Some(paragraph))
            .0
            .text
    }

    #[test]
    fn the_earlier_year_is_at_the_reading_start_in_every_context() {
        for before in ["", "السبعينيات (", "The seventies (", "سبعينيات Putin ("]
        {
            for paragraph in [Ltr, Rtl] {
                let rtl = shown(before, Rtl, paragraph);
                let ltr = shown(before, Ltr, paragraph);
                assert!(rtl.contains("1979–1970"), "{before:?} {paragraph:?}: {rtl}");
                assert!(ltr.contains("1970–1979"), "{before:?} {paragraph:?}: {ltr}");
            }
        }
    }

    #[test]
    fn one_year_is_written_once() {
        assert_eq!(year_range((2022, 2022), Rtl, Ltr), "2022");
    }
}
