//! An entity's note, searched in the last tier ([`super::Match::Note`]):
//! whole words only. A note word matches a query word when their variant
//! skeletons are equal (spelling variants, no typos, no prefixes), after the
//! note word has lost its punctuation as a query word does
//! ([`super::query::clean_word`]). Only words that count match (not stop
//! words, nor words whose skeleton is short, see
//! [`super::bag::QueryWord::counts_in_notes`]); the more of them a note has,
//! the better it ranks, with the partial matches: by the words missing, and
//! at equal count after them. A partial match counts its note's words as
//! found too.

use std::collections::HashMap;
use std::ops::Range;

use super::bag::QueryWord;
use super::matcher::{Best, Field, Hit, Match, Source, Table, Target};
use super::normalize::normalize;
use super::query::clean_word;
use super::variants::skeleton;
use crate::data::Dataset;

/// The notes of every entity, their words filed by skeleton.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Each entity's note and its words.
    notes: Vec<(String, Vec<NoteWord>)>,
    /// The entities whose note has a word of this skeleton (each once, in order).
    by_skeleton: HashMap<Vec<char>, Vec<u32>>,
}

/// A word of a note: where it is in the note, and its skeleton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteWord {
    pub range: Range<usize>,
    pub skeleton: Vec<char>,
}

/// The words of a note (folded, split at spaces, cleaned of punctuation),
/// each with its bytes in the note and its skeleton; words whose skeleton
/// is empty are left out.
pub fn note_words(note: &str) -> Vec<NoteWord> {
    let norm = normalize(note);
    let chars: Vec<char> = norm.text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i] == ' ') {
        if end > start {
            let clean: Vec<char> = clean_word(&chars[start..end]).chars().collect();
            let mut sk = Vec::new();
            skeleton(&clean, &mut sk);
            if !sk.is_empty() {
                out.push(NoteWord {
                    range: norm.source_of_chars(start..end),
                    skeleton: sk,
                });
            }
        }
        start = end + 1;
    }
    out
}

impl Notes {
    pub(crate) fn build(data: &Dataset) -> Notes {
        let mut out = Notes::default();
        for (e, entity) in data.entities.iter().enumerate() {
            let words = note_words(&entity.note);
            let id = u32::try_from(e).unwrap_or(u32::MAX);
            for w in &words {
                let list = out.by_skeleton.entry(w.skeleton.clone()).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
            out.notes.push((entity.note.clone(), words));
        }
        out
    }

    /// Each entity whose note has a word of `words` (those that count),
    /// with the bits of the words it has, in entity order.
    pub(crate) fn matches(&self, words: &[QueryWord]) -> Vec<(usize, u32)> {
        let mut found: HashMap<u32, u32> = HashMap::new();
        for (i, w) in words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.counts_in_notes())
        {
            for &e in self.by_skeleton.get(&w.skeleton).into_iter().flatten() {
                *found.entry(e).or_default() |= 1 << i;
            }
        }
        let mut out: Vec<(usize, u32)> = found.into_iter().map(|(e, m)| (e as usize, m)).collect();
        out.sort_unstable();
        out
    }

    pub(crate) fn text(&self, entity: usize) -> Option<&str> {
        self.notes.get(entity).map(|n| n.0.as_str())
    }

    /// The bytes of the note's words that match one of `skeletons`.
    pub(crate) fn highlights(&self, entity: usize, skeletons: &[&[char]]) -> Vec<Range<usize>> {
        let Some((_, words)) = self.notes.get(entity) else {
            return Vec::new();
        };
        words
            .iter()
            .filter(|w| skeletons.contains(&w.skeleton.as_slice()))
            .map(|w| w.range.clone())
            .collect()
    }
}

impl Table {
    /// One entry per entity whose note has a word of the query that counts:
    /// the note tier, the words that count and are missing as `dropped`.
    /// `notes`: [`Notes::matches`] of the query's words.
    pub(crate) fn note_best(&self, words: &[QueryWord], notes: &[(usize, u32)]) -> Vec<Best> {
        let counting = super::bag::counting(words);
        notes
            .iter()
            .copied()
            .filter_map(|(e, mask)| {
                let (group, ci) = self.entity_group(e)?;
                let (len, _) = self.shape(ci)?;
                Some(Best {
                    tier: Match::Note,
                    dropped: (counting & !mask).count_ones() as u8,
                    cost: 0,
                    score: 0,
                    len,
                    ci,
                    group,
                    words: mask,
                    source: Source::Note,
                })
            })
            .collect()
    }

    /// The hit of a note match: the matched words of the note highlighted.
    pub(crate) fn note_hit(&self, b: &Best, words: &[QueryWord]) -> Hit {
        let mut hit = self.hit(b.ci, 0, "", Match::Note);
        let skeletons: Vec<&[char]> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| b.words & (1 << i) != 0)
            .map(|(_, w)| w.skeleton.as_slice())
            .collect();
        if let Target::Entity(e) = hit.target {
            hit.highlights = self.notes.highlights(e, &skeletons);
        }
        hit.field = Field::Note;
        hit.name_highlights = Vec::new();
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_words_lose_their_punctuation() {
        let note = "زعيم كوريا، منذ 2011. «ابن» كيم";
        let words = note_words(note);
        let texts: Vec<&str> = words.iter().map(|w| &note[w.range.clone()]).collect();
        assert_eq!(texts, ["زعيم", "كوريا،", "منذ", "2011.", "«ابن»", "كيم"]);
        let mut sk = Vec::new();
        skeleton(&['ك', 'و', 'ر', 'ي', 'ا'], &mut sk);
        assert_eq!(words[1].skeleton, sk);
    }
}
