//! A reference for search, written from docs/search.md's rules and nothing
//! else of the search module: its own folding ([`fold`]), spellings
//! (skeletons, consonant outlines, edit distance: [`spelling`]), reading of
//! a query (words, punctuation, titles and function words, the other
//! keyboard layout: [`reading`]), mentions and ranking. Only the result
//! types (`Hit`, `Match`, `Field`, `Target`, `Mention`) come from
//! [`crate::search`], so that results compare. Slow and obvious on
//! purpose: every candidate, every paragraph and every reading is tried
//! the long way; `tests/search_props.rs` checks the index against it.

pub mod finder;
pub mod fold;
pub mod mentions;
pub mod reading;
pub mod spelling;
pub mod strings;

use std::ops::Range;

use crate::data::{Dataset, SectionRef};

pub use finder::Finder;
pub use mentions::find_mentions;

/// A full-text hit: the section, the paragraph and the bytes of the
/// paragraph the query was found at.
pub type TextFound = (SectionRef, usize, Range<usize>);

/// Full-text search: the query folded, Arabic variant letters read as one,
/// looked for in every folded paragraph in reading order, an occurrence
/// starting after the end of the one before.
pub fn full_text(data: &Dataset, query: &str) -> Vec<TextFound> {
    let classes =
        |s: &[char]| -> Vec<char> { s.iter().map(|&c| spelling::arabic_class(c)).collect() };
    let q = classes(&fold::fold_map(query).chars);
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    for section in data.sections() {
        for (paragraph, text) in section.paragraphs.iter().enumerate() {
            let folded = fold::fold_map(text);
            let t = classes(&folded.chars);
            let mut at = 0;
            while at + q.len() <= t.len() {
                if t[at..at + q.len()] == q[..] {
                    out.push((section.at, paragraph, folded.source(at..at + q.len())));
                    at += q.len();
                } else {
                    at += 1;
                }
            }
        }
    }
    out
}
