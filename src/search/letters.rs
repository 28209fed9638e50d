//! Folded letters in two bytes: text kept as codes of its own alphabet.
//!
//! The candidates' folded letters are scanned on every keystroke; as `char`s
//! they took four bytes a letter. Here ASCII letters are their own codes and
//! every other letter gets the next free code when first seen, so a code is
//! two bytes and two codes are equal exactly when their letters are. A text
//! of more distinct letters than a code can number keeps them as `char`s.

use hashbrown::HashMap;
use std::ops::Range;

/// A letter as the scan compares it: a `char`, or its code in a
/// [`CodedText`] (where ASCII letters are their own codes).
pub(crate) trait Letter: Copy + Eq {
    /// `char::eq_ignore_ascii_case` of the letters.
    fn eq_ignore_ascii_case(self, other: Self) -> bool;
    /// Whether it is a space.
    fn is_space(self) -> bool;
}

impl Letter for char {
    fn eq_ignore_ascii_case(self, other: char) -> bool {
        char::eq_ignore_ascii_case(&self, &other)
    }

    fn is_space(self) -> bool {
        self == ' '
    }
}

impl Letter for u16 {
    fn eq_ignore_ascii_case(self, other: u16) -> bool {
        // As `char`'s: both lowered when ASCII capitals, then compared.
        let lower = |c: u16| match c {
            0x41..=0x5A => c + 0x20,
            _ => c,
        };
        lower(self) == lower(other)
    }

    fn is_space(self) -> bool {
        self == u16::from(b' ')
    }
}

/// The code of a letter the text has not got: equal to no other.
const ABSENT: u16 = u16::MAX;

/// Most codes: every code but [`ABSENT`].
const MAX_CODES: usize = u16::MAX as usize;

/// A text's letters.
#[derive(Debug)]
pub(crate) enum Letters {
    Coded(Vec<u16>),
    /// More distinct letters than codes.
    Plain(Vec<char>),
}

/// Letters appended string by string, kept as codes while they last.
#[derive(Debug)]
pub(crate) struct CodedText {
    letters: Letters,
    /// The letter of each code from 0x80 on (codes below are ASCII).
    alphabet: Vec<char>,
    /// The code of each letter of `alphabet`.
    codes: HashMap<char, u16>,
    max_codes: usize,
}

impl Default for CodedText {
    fn default() -> CodedText {
        CodedText::with_max_codes(MAX_CODES)
    }
}

impl CodedText {
    /// A text that codes at most `max_codes` letters (ASCII among them).
    pub(crate) fn with_max_codes(max_codes: usize) -> CodedText {
        CodedText {
            letters: Letters::Coded(Vec::new()),
            alphabet: Vec::new(),
            codes: HashMap::new(),
            max_codes: max_codes.clamp(0x80, MAX_CODES),
        }
    }

    pub(crate) fn letters(&self) -> &Letters {
        &self.letters
    }

    /// Number of letters.
    pub(crate) fn len(&self) -> usize {
        match &self.letters {
            Letters::Coded(c) => c.len(),
            Letters::Plain(c) => c.len(),
        }
    }

    /// Append the letters of `s`.
    pub(crate) fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            let code = match &self.letters {
                Letters::Coded(_) => self.code_or_new(c),
                Letters::Plain(_) => None,
            };
            match (&mut self.letters, code) {
                (Letters::Coded(codes), Some(code)) => codes.push(code),
                (Letters::Coded(_), None) => {
                    self.widen();
                    if let Letters::Plain(chars) = &mut self.letters {
                        chars.push(c);
                    }
                }
                (Letters::Plain(chars), _) => chars.push(c),
            }
        }
    }

    /// The code of `c`, a new one if it has none; `None` when codes ran out.
    fn code_or_new(&mut self, c: char) -> Option<u16> {
        if c.is_ascii() {
            return Some(c as u16);
        }
        if let Some(&code) = self.codes.get(&c) {
            return Some(code);
        }
        let code = 0x80 + self.alphabet.len();
        if code >= self.max_codes {
            return None;
        }
        let code = code as u16;
        self.alphabet.push(c);
        self.codes.insert(c, code);
        Some(code)
    }

    /// Keep the letters as `char`s from now on.
    fn widen(&mut self) {
        if let Letters::Coded(codes) = &self.letters {
            let chars = codes.iter().map(|&c| self.letter(c)).collect();
            self.letters = Letters::Plain(chars);
        }
        self.alphabet = Vec::new();
        self.codes = HashMap::new();
    }

    fn letter(&self, code: u16) -> char {
        match code {
            0..0x80 => char::from(code as u8),
            _ => self
                .alphabet
                .get(usize::from(code) - 0x80)
                .copied()
                .unwrap_or(char::REPLACEMENT_CHARACTER),
        }
    }

    /// The letters of `range`, as `char`s, in `out` (emptied first).
    pub(crate) fn decode(&self, range: Range<usize>, out: &mut Vec<char>) {
        out.clear();
        match &self.letters {
            Letters::Coded(c) => {
                let codes = c.get(range).unwrap_or(&[]);
                out.extend(codes.iter().map(|&c| self.letter(c)));
            }
            Letters::Plain(c) => out.extend_from_slice(c.get(range).unwrap_or(&[])),
        }
    }

    /// `q` in this text's codes (a letter it has not got: a code equal to
    /// none of its letters); empty when its letters are kept as `char`s.
    pub(crate) fn code(&self, q: &[char]) -> Vec<u16> {
        if let Letters::Plain(_) = self.letters {
            return Vec::new();
        }
        let code = |c: char| match c.is_ascii() {
            true => c as u16,
            false => self.codes.get(&c).copied().unwrap_or(ABSENT),
        };
        q.iter().map(|&c| code(c)).collect()
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match &mut self.letters {
            Letters::Coded(c) => c.shrink_to_fit(),
            Letters::Plain(c) => c.shrink_to_fit(),
        }
        self.alphabet.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::tier_of;
    use crate::search::skim::{Scratch, push_bonuses, skim_score};
    use proptest::prelude::*;

    /// Letters of both cases, spaces, Arabic, astral; and ones only a query has.
    fn text(letters: &'static [char]) -> impl Strategy<Value = Vec<char>> {
        proptest::collection::vec(proptest::sample::select(letters), 0..12)
    }
    const TEXT: &[char] = &['a', 'A', 'b', ' ', 'ك', 'ي', '😀', 'é', 'É', '1'];
    const QUERY: &[char] = &['a', 'B', ' ', 'ك', '😀', 'é', 'x', 'ش', '🙂'];

    proptest! {
        /// Texts coded (with 0x80 to 0x83 codes, so that some run out of
        /// codes midway and keep `char`s) decode to their letters, and the
        /// scan's skim score and tier of a query on the coded letters are
        /// those on the letters themselves.
        #[test]
        fn coded_letters_score_as_the_letters_do(
            strings in proptest::collection::vec(text(TEXT), 1..6),
            extra in 0usize..4,
            q in text(QUERY),
        ) {
            let mut t = CodedText::with_max_codes(0x80 + extra);
            let mut ranges = Vec::new();
            for s in &strings {
                let at = t.len();
                t.push_str(&s.iter().collect::<String>());
                ranges.push(at..t.len());
            }
            let coded_q = t.code(&q);
            let (mut buf, mut bonus) = (Vec::new(), Vec::new());
            let s = &mut Scratch::default();
            for (want, r) in strings.iter().zip(ranges) {
                t.decode(r.clone(), &mut buf);
                prop_assert_eq!(&buf, want);
                bonus.clear();
                push_bonuses(want, &mut bonus);
                let score = skim_score(want, &bonus, &q, s);
                let tier = tier_of(want, &q, false);
                match t.letters() {
                    Letters::Coded(c) => {
                        prop_assert_eq!(skim_score(&c[r.clone()], &bonus, &coded_q, s), score);
                        prop_assert_eq!(tier_of(&c[r], &coded_q, false), tier);
                    }
                    Letters::Plain(c) => {
                        prop_assert_eq!(skim_score(&c[r.clone()], &bonus, &q, s), score);
                        prop_assert_eq!(tier_of(&c[r], &q, false), tier);
                    }
                }
            }
        }
    }
}
