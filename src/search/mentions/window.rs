//! A paragraph folded and scanned a window at a time.
//!
//! Folding a paragraph whole keeps, besides its folded text, 12 bytes of
//! offsets and 4 bytes of scanned character for each of its characters:
//! 16 to 20 times the size of a long paragraph. The scan takes windows of
//! about [`WINDOW`] bytes instead, cut where folding starts afresh: at a
//! character that folds on its own ([`folds_alone`]) after a space-like one,
//! the start of a word. Folding the text from such a cut gives what folding
//! the whole paragraph gives from there; the run of spaces before the cut
//! is the whole fold's one space, which the window before keeps.
//!
//! Each window's core runs from its cut to the next cut. The window is
//! folded past its core, over at least the longest pattern, so every match
//! that starts in the core is seen whole and with the text around it as the
//! whole paragraph has it (before it, a word that starts after a space;
//! after it, the same character, or the end of the window where the whole
//! fold has a space). Only the matches that start in the core are kept, so
//! none is lost or counted twice at an edge. The claims (longest pattern
//! first) are then made over the whole paragraph's matches, as one pass
//! makes them: a claim can decide another one far away, along a chain of
//! overlapping matches.

use std::collections::BTreeMap;
use std::ops::Range;

use super::super::normalize::{Normalized, folds_alone, is_space_like, normalize_into};
use super::{PatternIndex, candidates};

/// Bytes of a paragraph folded at a time (the overlap comes on top): a
/// paragraph shorter than this is folded whole.
const WINDOW: usize = 1 << 16;

/// A match before claims: of `entity`'s pattern `k` (its ل-form if `lam`),
/// on the paragraph's folded characters `at..end`, from its original bytes
/// `source`.
struct Hit {
    k: usize,
    lam: bool,
    at: usize,
    end: usize,
    entity: usize,
    source: Range<usize>,
}

/// Finds the mentions in paragraphs, its buffers reused from one to the next.
#[derive(Default)]
pub(crate) struct Scan {
    norm: Normalized,
    chars: Vec<char>,
    hits: Vec<Hit>,
    /// Claimed spans of folded characters, start → end (disjoint).
    claimed: BTreeMap<usize, usize>,
}

impl Scan {
    /// `(entity, original byte range)` of every mention in `text`, appended to
    /// `found`, which is then in the order of the ranges' starts; `folded`
    /// is given the paragraph's folded text, in pieces, in order.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        ix: &PatternIndex,
        found: &mut Vec<(usize, Range<usize>)>,
        folded: impl FnMut(&str),
    ) {
        self.windowed(text, ix, WINDOW, found, folded);
    }

    /// [`Scan::paragraph`] with cores of about `window` bytes.
    pub(super) fn windowed(
        &mut self,
        text: &str,
        ix: &PatternIndex,
        window: usize,
        found: &mut Vec<(usize, Range<usize>)>,
        mut folded: impl FnMut(&str),
    ) {
        self.hits.clear();
        // The core's first byte, and the paragraph's folded characters before it.
        let (mut start, mut base) = (0, 0);
        while start < text.len() {
            let end = next_cut(text, start.saturating_add(window.max(1)));
            let core = self.fold_window(text, start..end, ix.longest);
            folded(
                self.norm
                    .text
                    .get(..self.norm.byte_of_char(core))
                    .unwrap_or(""),
            );
            self.find(ix, core, start, base);
            (start, base) = (end, base + core);
        }
        self.claim(found);
    }

    /// Fold the window of the core `bytes` of `text`: the core and at least
    /// `reach` folded characters after it (or the rest of the paragraph).
    /// Returns the core's number of folded characters.
    fn fold_window(&mut self, text: &str, bytes: Range<usize>, reach: usize) -> usize {
        // A folded character comes from at least one byte but for a few
        // Latin letters (ß → ss); too short an overlap is made longer.
        let mut extra = reach.saturating_mul(4).max(64);
        loop {
            let stop = if bytes.end >= text.len() {
                text.len()
            } else {
                next_cut(text, bytes.end.saturating_add(extra))
            };
            normalize_into(text.get(bytes.start..stop).unwrap_or(""), &mut self.norm);
            let core = self.norm.first_char_from(bytes.end - bytes.start);
            if stop >= text.len() || self.norm.char_len() - core >= reach {
                return core;
            }
            extra = extra.saturating_mul(2);
        }
    }

    /// Keep the matches of the folded window that start in its first `core`
    /// characters; the window starts at original byte `start` and folded
    /// character `base` of the paragraph.
    fn find(&mut self, ix: &PatternIndex, core: usize, start: usize, base: usize) {
        self.chars.clear();
        self.chars.extend(self.norm.text.chars());
        for (k, lam, at) in candidates(&self.norm, &self.chars, ix) {
            let Some(p) = ix.pats.get(k).filter(|_| at < core) else {
                continue;
            };
            let end = at + (p.chars as usize).saturating_sub(usize::from(lam));
            let source = self.norm.source_of_chars(at..end);
            self.hits.push(Hit {
                k,
                lam,
                at: base + at,
                end: base + end,
                entity: p.entity,
                source: source.start + start..source.end + start,
            });
        }
    }

    /// Claim the matches in the plain scan's order: pattern by pattern, its
    /// own form then its ل-form, each left to right; a match is a mention
    /// when no mention claimed before overlaps it.
    fn claim(&mut self, found: &mut Vec<(usize, Range<usize>)>) {
        if self.hits.is_empty() {
            return;
        }
        self.hits.sort_unstable_by_key(|h| (h.k, h.lam, h.at));
        self.claimed.clear();
        for h in self.hits.drain(..) {
            // Disjoint spans: only the last one starting before `h.end` may reach into it.
            let taken = self
                .claimed
                .range(..h.end)
                .next_back()
                .is_some_and(|(_, &end)| end > h.at);
            if !taken {
                self.claimed.insert(h.at, h.end);
                found.push((h.entity, h.source));
            }
        }
        found.sort_by_key(|(_, r)| r.start);
    }
}

/// The first cut at or after byte `from` of `text` (its length if none):
/// a character that folds on its own right after a space-like one.
fn next_cut(text: &str, from: usize) -> usize {
    let Some(at) = (from..text.len()).find(|&i| text.is_char_boundary(i)) else {
        return text.len();
    };
    let mut before = text.get(..at).and_then(|t| t.chars().next_back());
    for (i, c) in text.get(at..).unwrap_or("").char_indices() {
        if before.is_some_and(is_space_like) && folds_alone(c) {
            return at + i;
        }
        before = Some(c);
    }
    text.len()
}
