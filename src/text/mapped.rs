//! Text that remembers, for every character, which bytes of the original
//! paragraph it stands for.
//!
//! Offsets are `u32`: a paragraph comes from a dataset file, which the
//! loader caps at 512 MiB, and the text made from it (a placeholder for a
//! control byte, a presentation form for an Arabic letter) is at most three
//! times as long, well under 4 GiB. The map costs nothing for the common
//! paragraph that sanitizing and shaping leave as it is (every char stands
//! for itself) and 12 bytes per char otherwise.

use std::ops::Range;

/// One char of a [`Mapped`] text and the source bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CharSource {
    /// Byte offset of the char in the mapped text.
    pub at: u32,
    pub start: u32,
    pub end: u32,
}

/// A string plus, per character, the source range it came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Mapped {
    pub text: String,
    /// One entry per char of `text`, in order; `None` when every char
    /// stands for its own bytes (the text is the source).
    map: Option<Vec<CharSource>>,
}

impl Mapped {
    pub fn with_capacity(bytes: usize, chars: usize) -> Self {
        Mapped {
            text: String::with_capacity(bytes),
            map: Some(Vec::with_capacity(chars)),
        }
    }

    /// `text` as its own source.
    pub fn identity(text: String) -> Self {
        Mapped { text, map: None }
    }

    /// True when every char stands for its own bytes (no map is kept).
    #[cfg(test)]
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }

    #[inline]
    pub fn push(&mut self, c: char, source: Range<usize>) {
        let at = offset(self.text.len());
        self.map.get_or_insert_with(Vec::new).push(CharSource {
            at,
            start: offset(source.start),
            end: offset(source.end),
        });
        self.text.push(c);
    }

    /// The source of char number `index`, which is at byte `at` of the text
    /// and is `c`; `None` when the map has no such char there.
    #[inline]
    pub fn source(&self, index: usize, at: usize, c: char) -> Option<Range<usize>> {
        match &self.map {
            None => Some(at..at + c.len_utf8()),
            Some(map) => {
                let s = map.get(index)?;
                (s.at as usize == at).then_some(s.start as usize..s.end as usize)
            }
        }
    }
}

// A dataset's text and three times its length (see the module doc) fit.
const _: () = assert!(crate::data::load::MAX_DATASET_BYTES * 3 < u32::MAX as u64);

/// A byte offset as the map stores it (saturating: never reached, see the
/// module doc).
#[inline]
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
