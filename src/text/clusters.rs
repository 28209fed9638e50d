//! Grapheme clusters with their cell widths and source ranges: the unit of
//! wrapping and reordering.
//!
//! Widths are measured per cluster with unicode-width, exactly as ratatui's
//! buffer measures the symbol of a cell, so the engine and the screen agree.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::mapped::{Mapped, offset};
use super::props;
use super::sanitize::PLACEHOLDER;

/// Shown under a combining mark that has no base (start of a paragraph).
const DOTTED_CIRCLE: char = '\u{25CC}';

/// One grapheme cluster: 16 bytes (offsets as `u32`, see `mapped`); its
/// text ends where the next cluster's starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cluster {
    /// Byte offset in the mapped (sanitized, maybe shaped) text.
    start: u32,
    /// Bytes of the original paragraph.
    source_start: u32,
    source_end: u32,
    /// Cells, 1 or 2.
    width: u8,
    flags: u8,
}

/// A breakable space (dropped at a wrap point).
const SPACE: u8 = 1;
/// Holds a char that may have a mirrored glyph (a bracket…).
const MIRROR: u8 = 2;
/// Printed as U+FFFD: its width is one no terminal agrees on.
const AS_PLACEHOLDER: u8 = 4;
/// Zero cells wide: printed after a dotted circle ([`visible`]).
const AS_VISIBLE: u8 = 8;
/// Opens with a prepended char ([`is_prepend`]).
const PREPENDED: u8 = 16;

impl Cluster {
    /// Cells, 1 or 2.
    #[inline]
    pub fn width(&self) -> usize {
        usize::from(self.width)
    }

    /// A breakable space (dropped at a wrap point).
    #[inline]
    pub fn space(&self) -> bool {
        self.flags & SPACE != 0
    }

    /// Holds a char that may have a mirrored glyph (a bracket…).
    #[inline]
    pub fn mirror(&self) -> bool {
        self.flags & MIRROR != 0
    }

    /// The byte of the mapped `text` whose bidi level the cluster takes,
    /// the cluster's text being `range`: its first char's, or, when it opens
    /// with prepended chars, the level of the char they are prepended to
    /// (its base), as a mark takes its base's.
    #[inline]
    pub fn level_byte(&self, text: &str, range: Range<usize>) -> usize {
        if self.flags & PREPENDED == 0 {
            return range.start;
        }
        let base = text
            .get(range.clone())
            .and_then(|g| g.char_indices().find(|&(_, c)| !is_prepend(c)));
        base.map_or(range.start, |(i, _)| range.start + i)
    }

    /// Bytes of the original paragraph.
    #[inline]
    pub fn source(&self) -> Range<usize> {
        self.source_start as usize..self.source_end as usize
    }

    /// What to print for the cluster whose text is `g`: `g` itself, or a
    /// stand-in for clusters that would otherwise be zero cells wide (a
    /// lone mark gets a dotted circle, anything else U+FFFD) or that no
    /// terminal measures as the engine does (U+FFFD).
    #[inline]
    pub fn display<'a>(&self, g: &'a str) -> Cow<'a, str> {
        if self.flags & AS_PLACEHOLDER != 0 {
            Cow::Owned(PLACEHOLDER.to_string())
        } else if self.flags & AS_VISIBLE != 0 {
            Cow::Owned(visible(g))
        } else {
            Cow::Borrowed(g)
        }
    }
}

/// The clusters of a mapped text, in logical order.
#[derive(Debug, Clone, Default)]
pub(super) struct Clusters {
    list: Vec<Cluster>,
    /// Where the last cluster's text ends.
    end: u32,
}

impl std::ops::Deref for Clusters {
    type Target = [Cluster];
    fn deref(&self) -> &[Cluster] {
        &self.list
    }
}

impl Clusters {
    /// The clusters `range` (indices), with the end of the last one's text.
    pub fn run(&self, range: Range<usize>) -> Run<'_> {
        let end = self.list.get(range.end).map_or(self.end, |c| c.start);
        Run {
            list: self.list.get(range).unwrap_or(&[]),
            end: end as usize,
        }
    }
}

/// Consecutive clusters (a line), each with its text range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run<'a> {
    pub list: &'a [Cluster],
    end: usize,
}

impl Run<'_> {
    /// Bytes of the mapped text of cluster `i` of the run.
    #[inline]
    pub fn text(&self, i: usize) -> Range<usize> {
        let end = self.list.get(i + 1).map_or(self.end, |c| c.start as usize);
        self.list[i].start as usize..end
    }
}

/// Spaces that separate words (bidi class WS minus the separators that
/// sanitizing already replaced). NBSP and the figure space do not break.
pub(super) fn is_space(c: char) -> bool {
    props::has(c, props::SPACE)
}

pub(super) fn clusters(mapped: &Mapped) -> Clusters {
    let text = mapped.text.as_str();
    let mut out = Vec::with_capacity(text.chars().count());
    let mut next_char = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let flags = props::flags(c);
        let next = chars.peek().map(|&(_, n)| n);
        // Fast path: a simple char followed by a simple char (or the end)
        // is a one-cell cluster of its own (no UAX #29 rule joins them).
        if flags & props::SIMPLE != 0
            && next.is_none_or(is_simple)
            && let Some(src) = mapped.source(next_char, at, c)
        {
            out.push(Cluster {
                start: offset(at),
                source_start: offset(src.start),
                source_end: offset(src.end),
                width: 1,
                flags: if flags & props::SPACE != 0 { SPACE } else { 0 }
                    | if flags & props::MIRROR != 0 {
                        MIRROR
                    } else {
                        0
                    },
            });
            next_char += 1;
            continue;
        }
        let end = at + cluster_len(c, &text[at..]);
        let mut source: Option<Range<usize>> = None;
        // The cluster's chars: `c` at `at`, then those before `end`.
        let mut inside = Some((at, c));
        while let Some((b, d)) = inside
            && let Some(src) = mapped.source(next_char, b, d)
        {
            source = Some(match source {
                None => src,
                Some(s) => s.start.min(src.start)..s.end.max(src.end),
            });
            next_char += 1;
            inside = chars.next_if(|&(b, _)| b < end);
        }
        while chars.next_if(|&(b, _)| b < end).is_some() {}
        let g = &text[at..end];
        let space = g.len() == c.len_utf8() && is_space(c);
        let (width, shown) = match cell_width(g) {
            // Its width is unicode-width's and the terminal's own, which differ.
            // (Prepended characters only ever open a cluster.)
            _ if is_prepend(c) && has_unmeasured_prepend(g) => (1, AS_PLACEHOLDER),
            0 => (1, AS_VISIBLE),
            w @ (1 | 2) => (w as u8, 0),
            // Unusual sequences (prepended marks, halfwidth sound marks
            // after a letter) that no terminal draws predictably.
            _ => (1, AS_PLACEHOLDER),
        };
        let source = source.unwrap_or(0..0);
        out.push(Cluster {
            start: offset(at),
            source_start: offset(source.start),
            source_end: offset(source.end),
            width,
            flags: shown
                | if space { SPACE } else { 0 }
                | if is_prepend(c) { PREPENDED } else { 0 }
                | if g.chars().any(|c| props::has(c, props::MIRROR)) {
                    MIRROR
                } else {
                    0
                },
        });
    }
    Clusters {
        list: out,
        end: offset(text.len()),
    }
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
        let all = clusters(&mapped);
        let run = all.run(0..all.len());
        let ours: Vec<&str> = (0..all.len()).map(|i| &text[run.text(i)]).collect();
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
            let run = ours.run(0..ours.len());
            let cut: Vec<&str> = (0..ours.len()).map(|i| &text[run.text(i)]).collect();
            let theirs: Vec<&str> = text.graphemes(true).collect();
            proptest::prop_assert_eq!(&cut, &theirs);
            for (i, (c, g)) in ours.iter().zip(theirs).enumerate() {
                let expected = match cell_width(g) {
                    _ if g.chars().any(is_unmeasured_prepend) => 1,
                    1 | 2 => cell_width(g),
                    _ => 1,
                };
                proptest::prop_assert_eq!(c.width(), expected, "{:?}", g);
                proptest::prop_assert_eq!(c.source(), run.text(i));
            }
        }
    }
}
