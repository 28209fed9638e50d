//! Grapheme clusters with their cell widths and source ranges: the unit of
//! wrapping and reordering.
//!
//! Widths are measured per cluster with unicode-width, exactly as ratatui's
//! buffer measures the symbol of a cell, so the engine and the screen agree.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::mapped::Mapped;
use super::props;
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
    /// Holds a char that may have a mirrored glyph (a bracket…).
    pub mirror: bool,
    /// What to print instead of `text`, for clusters that would otherwise be
    /// zero cells wide (a lone mark gets a dotted circle, anything else
    /// U+FFFD) or wider than two cells (U+FFFD).
    pub replacement: Option<String>,
}

/// Spaces that separate words (bidi class WS minus the separators that
/// sanitizing already replaced). NBSP and the figure space do not break.
pub(super) fn is_space(c: char) -> bool {
    props::has(c, props::SPACE)
}

pub(super) fn clusters(mapped: &Mapped) -> Vec<Cluster> {
    let text = mapped.text.as_str();
    let mut out = Vec::with_capacity(mapped.chars.len());
    let mut next_char = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let flags = props::flags(c);
        let next = chars.peek().map(|&(_, n)| n);
        // Fast path: a simple char followed by a simple char (or the end)
        // is a one-cell cluster of its own (no UAX #29 rule joins them).
        if flags & props::SIMPLE != 0
            && next.is_none_or(is_simple)
            && let Some((b, src)) = mapped.chars.get(next_char)
            && *b == at
        {
            out.push(Cluster {
                text: at..at + c.len_utf8(),
                source: src.clone(),
                width: 1,
                space: flags & props::SPACE != 0,
                mirror: flags & props::MIRROR != 0,
                replacement: None,
            });
            next_char += 1;
            continue;
        }
        let end = at + cluster_len(c, &text[at..]);
        while chars.next_if(|&(b, _)| b < end).is_some() {}
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
        let g = &text[at..end];
        let space = g.len() == c.len_utf8() && is_space(c);
        let (width, replacement) = match cell_width(g) {
            // Its width is unicode-width's and the terminal's own, which differ.
            // (Prepended characters only ever open a cluster.)
            _ if is_prepend(c) && has_unmeasured_prepend(g) => (1, Some(PLACEHOLDER.to_string())),
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
            mirror: g.chars().any(|c| props::has(c, props::MIRROR)),
            replacement,
        });
    }
    out
}

/// Bytes of the grapheme cluster at the start of `rest`, which starts with
/// `c` at a cluster boundary. Fast path: a simple char carrying Arabic marks
/// (Extend), followed by a simple char or the end; else UAX #29 in full.
fn cluster_len(c: char, rest: &str) -> usize {
    if is_simple(c) {
        let after = c.len_utf8();
        match rest[after..]
            .char_indices()
            .find(|&(_, m)| !is_arabic_mark(m))
        {
            None => return rest.len(),
            Some((i, n)) if is_simple(n) => return after + i,
            _ => {}
        }
    }
    rest.graphemes(true).next().map_or(rest.len(), str::len)
}

/// Arabic harakat and the superscript alef: combining (Extend) marks.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}')
}

/// Characters that are one cell wide and never join a neighbour's cluster:
/// printable ASCII, Latin-1 and Latin Extended letters and signs (bar the
/// soft hyphen), Arabic letters, digits and punctuation, presentation forms
/// (none is Extend, SpacingMark, Prepend, ZWJ, a control, Hangul, emoji or
/// a regional indicator). Tests check this against unicode-segmentation
/// and unicode-width.
fn is_simple(c: char) -> bool {
    props::has(c, props::SIMPLE)
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

/// Prepended characters (grapheme cluster break class Prepend: they join
/// the character after them) that unicode-width measures as zero cells,
/// while terminals, which measure code point by code point, give each a cell
/// of its own (they are letters and signs with a glyph, e.g. U+0D4E
/// MALAYALAM LETTER DOT REPH). A cluster holding one has no width that the
/// engine and the screen agree on: it is shown as U+FFFD.
fn is_unmeasured_prepend(c: char) -> bool {
    is_prepend(c) && c.width() == Some(0)
}

/// True when `g` holds an [`is_unmeasured_prepend`] character (rare: kept
/// out of the hot loop).
#[cold]
#[inline(never)]
fn has_unmeasured_prepend(g: &str) -> bool {
    g.chars().any(is_unmeasured_prepend)
}

/// Every prepended character (grapheme cluster break class Prepend), as
/// unicode-segmentation has them (a test derives the list from it).
fn is_prepend(c: char) -> bool {
    matches!(c,
        '\u{600}'..='\u{605}' | '\u{6DD}' | '\u{70F}' | '\u{890}' | '\u{891}' | '\u{8E2}'
        | '\u{D4E}' | '\u{110BD}' | '\u{110CD}' | '\u{111C2}' | '\u{111C3}' | '\u{113D1}'
        | '\u{1193F}' | '\u{11941}' | '\u{11A84}'..='\u{11A89}' | '\u{11D46}' | '\u{11F02}')
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
        for c in ('\0'..=char::MAX).filter(|&c| is_simple(c)) {
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
            // Arabic marks after it join its cluster, and a simple char
            // after them starts the next (the marks fast path).
            for m in ('\u{64B}'..='\u{65F}').chain(['\u{670}']) {
                assert!(is_arabic_mark(m));
                assert_eq!(
                    format!("{c}{m}{m}").graphemes(true).count(),
                    1,
                    "{c:?} {m:?}"
                );
                for n in neighbours.iter().filter(|&&n| is_simple(n)) {
                    let s = format!("{c}{m}{n}");
                    let g: Vec<&str> = s.graphemes(true).collect();
                    assert_eq!(
                        g,
                        [format!("{c}{m}").as_str(), &n.to_string()],
                        "{c:?} {m:?} {n:?}"
                    );
                }
            }
        }
    }

    /// The list is exactly the prepended characters: those that join the
    /// char after them but not the one before.
    #[test]
    fn prepends_are_the_prepend_class() {
        for c in ('\0'..=char::MAX).filter(|c| !c.is_control()) {
            let prepend = format!("{c}a").graphemes(true).count() == 1
                && format!("a{c}").graphemes(true).count() == 2;
            assert_eq!(is_prepend(c), prepend, "U+{:04X}", u32::from(c));
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

    fn mapped(text: &str) -> Mapped {
        let mut mapped = Mapped::default();
        for (i, c) in text.char_indices() {
            mapped.push(c, i..i + c.len_utf8());
        }
        mapped
    }

    fn any_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        prop_oneof![
            4 => prop::char::range('\u{621}', '\u{64A}'),
            3 => prop::char::range('\u{64B}', '\u{672}'),
            2 => prop::char::range(' ', '~'),
            2 => prop::char::range('\u{A0}', '\u{3FF}'),
            2 => prop::char::range('\u{600}', '\u{6FF}'),
            2 => prop::sample::select(vec![
                '\u{200C}', '\u{200D}', '\u{FE0F}', '\u{301}', '\u{FF9E}', '\u{600}', '\u{1F1F0}',
                '\u{1F1F7}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{903}', '\u{915}', '\r', '\n',
                '\u{FE80}', '\u{FEFB}', '\u{FFFD}', '\u{25CC}',
            ]),
            1 => prop::char::range('\u{FB50}', '\u{FEFF}'),
            1 => any::<char>(),
        ]
    }

    proptest::proptest! {
        #![proptest_config(super::super::proptest_config())]

        /// The fast paths cut exactly where UAX #29 does, and every
        /// cluster's width is what the full measurement gives.
        #[test]
        fn clusters_agree_with_unicode_segmentation(chars in proptest::collection::vec(any_char(), 0..60)) {
            let text: String = chars.into_iter().collect();
            let ours = clusters(&mapped(&text));
            let cut: Vec<&str> = ours.iter().map(|c| &text[c.text.clone()]).collect();
            let theirs: Vec<&str> = text.graphemes(true).collect();
            proptest::prop_assert_eq!(&cut, &theirs);
            for (c, g) in ours.iter().zip(theirs) {
                let expected = match cell_width(g) {
                    _ if g.chars().any(is_unmeasured_prepend) => 1,
                    1 | 2 => cell_width(g),
                    _ => 1,
                };
                proptest::prop_assert_eq!(c.width, expected, "{:?}", g);
                proptest::prop_assert_eq!(c.source.clone(), c.text.clone());
            }
        }
    }
}
