//! Grapheme clusters with their cell widths and source ranges: the unit of
//! wrapping and reordering.
//!
//! Widths are measured per cluster with unicode-width, exactly as ratatui's
//! buffer measures the symbol of a cell, so the engine and the screen agree.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::mapped::Mapped;
use super::sanitize::PLACEHOLDER;

/// Shown under a combining mark that has no base (start of a paragraph).
const DOTTED_CIRCLE: char = '\u{25CC}';

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cluster {
    /// Bytes of the mapped (sanitized, maybe shaped) text.
    pub text: Range<usize>,
    /// Bytes of the original paragraph.
    pub source: Range<usize>,
    /// Cells, 1 or 2.
    pub width: usize,
    /// A breakable space (dropped at a wrap point).
    pub space: bool,
    /// What to print instead of `text`, for clusters that would otherwise be
    /// zero cells wide (a lone mark gets a dotted circle, anything else
    /// U+FFFD) or wider than two cells (U+FFFD).
    pub replacement: Option<String>,
}

/// Spaces that separate words (bidi class WS minus the separators that
/// sanitizing already replaced). NBSP and the figure space do not break.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

pub(super) fn clusters(mapped: &Mapped) -> Vec<Cluster> {
    let text = mapped.text.as_str();
    let mut out = Vec::with_capacity(mapped.chars.len());
    let mut next_char = 0;
    let mut at = 0;
    while at < text.len() {
        let (g, simple) = next_cluster(&text[at..]);
        let end = at + g.len();
        let mut source: Option<Range<usize>> = None;
        while let Some((b, src)) = mapped.chars.get(next_char) {
            if *b >= end {
                break;
            }
            source = Some(match source {
                None => src.clone(),
                Some(s) => s.start.min(src.start)..s.end.max(src.end),
            });
            next_char += 1;
        }
        let mut chars = g.chars();
        let space = matches!((chars.next(), chars.next()), (Some(c), None) if is_space(c));
        let (width, replacement) = match if simple { 1 } else { cell_width(g) } {
            0 => (1, Some(visible(g))),
            w @ (1 | 2) => (w, None),
            // Unusual sequences (prepended marks, halfwidth sound marks
            // after a letter) that no terminal draws predictably.
            _ => (1, Some(PLACEHOLDER.to_string())),
        };
        out.push(Cluster {
            text: at..end,
            source: source.unwrap_or(0..0),
            width,
            space,
            replacement,
        });
        at = end;
    }
    out
}

/// The grapheme cluster at the start of `rest` (which starts at a cluster
/// boundary), and whether it is one simple character. Fast path: a simple
/// character followed by a simple character or the end is a cluster of its
/// own (no UAX #29 rule joins two of them).
fn next_cluster(rest: &str) -> (&str, bool) {
    let mut chars = rest.chars();
    if let Some(c) = chars.next()
        && is_simple(c)
        && chars.next().is_none_or(is_simple)
    {
        return (&rest[..c.len_utf8()], true);
    }
    (rest.graphemes(true).next().unwrap_or(rest), false)
}

/// Characters that are one cell wide and never join a neighbour's cluster:
/// printable ASCII, NBSP, Arabic letters and digits, presentation forms
/// (none is Extend, SpacingMark, Prepend, ZWJ, a control, Hangul, emoji or
/// a regional indicator). Tests check this against unicode-segmentation
/// and unicode-width.
fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='~' | '\u{A0}'
        | '\u{621}'..='\u{64A}' | '\u{660}'..='\u{669}' | '\u{671}'..='\u{6D3}'
        | '\u{FB50}'..='\u{FBB1}' | '\u{FE80}'..='\u{FEFC}')
}

/// Cells of a cluster exactly as ratatui's buffer counts them: unicode-width,
/// plus one per halfwidth (daku)ten mark U+FF9E/U+FF9F, which terminals draw
/// in a cell of their own.
pub(super) fn cell_width(g: &str) -> usize {
    g.width()
        + g.chars()
            .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// A one-cell stand-in for a zero-width cluster.
fn visible(g: &str) -> String {
    let mut with_base = String::with_capacity(g.len() + 3);
    with_base.push(DOTTED_CIRCLE);
    with_base.push_str(g);
    if with_base.graphemes(true).count() == 1 && cell_width(&with_base) == 1 {
        with_base
    } else {
        PLACEHOLDER.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_chars_are_one_cell_and_stand_alone() {
        let neighbours = [
            'a', ' ', '\u{628}', '\u{FE8F}', '\u{64E}', '\u{200D}', '\u{301}',
        ];
        for c in ('\0'..='\u{FFFF}').filter(|&c| is_simple(c)) {
            assert_eq!(cell_width(c.encode_utf8(&mut [0; 4])), 1, "{c:?}");
            for n in neighbours {
                // A simple char never attaches to what precedes it (bar a
                // Prepend char, which the slow path takes with what follows)...
                assert_eq!(format!("{n}{c}").graphemes(true).count(), 2, "{n:?} {c:?}");
            }
            for n in neighbours.iter().filter(|&&n| is_simple(n)) {
                // ...nor to a simple char after it.
                assert_eq!(format!("{c}{n}").graphemes(true).count(), 2, "{c:?} {n:?}");
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_unicode_segmentation() {
        let text = "قال (بوتين) 2.8% a\u{301}b سرَّع\r\n🇰🇷🇷🇺 ﻻ\u{64E} e\u{200D}\u{A0}x\u{600}1";
        let mut mapped = Mapped::default();
        for (i, c) in text.char_indices() {
            mapped.push(c, i..i + c.len_utf8());
        }
        let ours: Vec<&str> = clusters(&mapped)
            .iter()
            .map(|c| &text[c.text.clone()])
            .collect();
        let theirs: Vec<&str> = text.graphemes(true).collect();
        assert_eq!(ours, theirs);
    }
}
