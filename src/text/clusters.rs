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
    /// Cells, at least 1.
    pub width: usize,
    /// A breakable space (dropped at a wrap point).
    pub space: bool,
    /// What to print instead of `text`, for clusters that would otherwise be
    /// zero cells wide (a lone mark gets a dotted circle, anything else U+FFFD).
    pub replacement: Option<String>,
}

/// Spaces that separate words (bidi class WS minus the separators that
/// sanitizing already replaced). NBSP and the figure space do not break.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

pub(super) fn clusters(mapped: &Mapped) -> Vec<Cluster> {
    let mut out = Vec::with_capacity(mapped.chars.len());
    let mut next_char = 0;
    for (at, g) in mapped.text.grapheme_indices(true) {
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
        let (width, replacement) = match cell_width(g) {
            0 => (1, Some(visible(g))),
            w => (w, None),
        };
        out.push(Cluster { text: at..end, source: source.unwrap_or(0..0), width, space, replacement });
    }
    out
}

/// Cells of a cluster exactly as ratatui's buffer counts them: unicode-width,
/// plus one per halfwidth (daku)ten mark U+FF9E/U+FF9F, which terminals draw
/// in a cell of their own.
pub(super) fn cell_width(g: &str) -> usize {
    g.width() + g.chars().filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}')).count()
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
