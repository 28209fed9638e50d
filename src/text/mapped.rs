//! Text that remembers, for every character, which bytes of the original
//! paragraph it stands for.

use std::ops::Range;

/// A string plus, per character, the source range it came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Mapped {
    pub text: String,
    /// One entry per char of `text`, in order: (byte offset in `text`, source range).
    pub chars: Vec<(usize, Range<usize>)>,
}

impl Mapped {
    pub fn with_capacity(bytes: usize, chars: usize) -> Self {
        Mapped {
            text: String::with_capacity(bytes),
            chars: Vec::with_capacity(chars),
        }
    }

    #[inline]
    pub fn push(&mut self, c: char, source: Range<usize>) {
        self.chars.push((self.text.len(), source));
        self.text.push(c);
    }
}
