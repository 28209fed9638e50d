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
use std::hash::BuildHasher;
use std::ops::Range;

use super::bag::QueryWord;
use super::matcher::{Best, Field, Hit, Match, Source, Table, Target};
use super::normalize::normalize;
use super::query::clean_word;
use super::variants::skeleton;
use crate::data::Dataset;

/// The notes of every entity, their words filed by skeleton, kept flat:
/// each distinct skeleton once, and no allocation per note or per word.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Every note, back to back; entity `e`'s is `text[text_start[e]..text_start[e + 1]]`.
    text: String,
    text_start: Vec<u32>,
    /// Every note's words: `(start, end)` bytes in its note and the
    /// skeleton's id; entity `e`'s are `words[word_start[e]..word_start[e + 1]]`.
    words: Vec<(u32, u32, u32)>,
    word_start: Vec<u32>,
    /// The letters of every distinct skeleton; skeleton `k` is
    /// `letters[letter_start[k]..letter_start[k + 1]]`.
    letters: Vec<char>,
    letter_start: Vec<u32>,
    /// Skeleton ids by the hash of their letters.
    ids: hashbrown::HashTable<u32>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The entities whose note has a word of skeleton `k` (each once, in
    /// order): `owners[owner_start[k]..owner_start[k + 1]]`.
    owners: Vec<u32>,
    owner_start: Vec<u32>,
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

fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Notes {
    pub(crate) fn build(data: &Dataset) -> Notes {
        let mut out = Notes {
            text_start: vec![0],
            word_start: vec![0],
            letter_start: vec![0],
            ..Notes::default()
        };
        // `(skeleton, entity)` of every word, grouped by skeleton at the end.
        let mut filed: Vec<(u32, u32)> = Vec::new();
        for (e, entity) in data.entities.iter().enumerate() {
            out.text.push_str(&entity.note);
            out.text_start.push(small(out.text.len()));
            for w in note_words(&entity.note) {
                let k = out.intern(&w.skeleton);
                out.words
                    .push((small(w.range.start), small(w.range.end), k));
                filed.push((k, small(e)));
            }
            out.word_start.push(small(out.words.len()));
        }
        // By skeleton, then entity, each pair once.
        filed.sort_unstable();
        filed.dedup();
        let kinds = out.letter_start.len() - 1;
        out.owner_start = Vec::with_capacity(kinds + 1);
        out.owner_start.push(0);
        let mut at = 0;
        for k in 0..small(kinds) {
            while filed.get(at).is_some_and(|f| f.0 == k) {
                at += 1;
            }
            out.owner_start.push(small(at));
        }
        out.owners = filed.into_iter().map(|(_, e)| e).collect();
        out.text.shrink_to_fit();
        out.letters.shrink_to_fit();
        out.words.shrink_to_fit();
        out
    }

    fn skeleton(&self, k: usize) -> &[char] {
        match (self.letter_start.get(k), self.letter_start.get(k + 1)) {
            (Some(&a), Some(&b)) => self.letters.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The id of skeleton `sk`, filed if new.
    fn intern(&mut self, sk: &[char]) -> u32 {
        let hash = self.hasher.hash_one(sk);
        let (letters, starts) = (&self.letters, &self.letter_start);
        let same = |&k: &u32| {
            let (a, b) = (starts[k as usize] as usize, starts[k as usize + 1] as usize);
            &letters[a..b] == sk
        };
        if let Some(&k) = self.ids.find(hash, same) {
            return k;
        }
        let k = small(self.letter_start.len() - 1);
        self.letters.extend_from_slice(sk);
        self.letter_start.push(small(self.letters.len()));
        let (letters, starts, hasher) = (&self.letters, &self.letter_start, &self.hasher);
        self.ids.insert_unique(hash, k, |&k| {
            let (a, b) = (starts[k as usize] as usize, starts[k as usize + 1] as usize);
            hasher.hash_one(&letters[a..b])
        });
        k
    }

    /// The id of skeleton `sk`, if a note has it.
    fn find(&self, sk: &[char]) -> Option<usize> {
        let hash = self.hasher.hash_one(sk);
        let same = |&k: &u32| self.skeleton(k as usize) == sk;
        self.ids.find(hash, same).map(|&k| k as usize)
    }

    /// The entities whose note has a word of skeleton `sk`, in order.
    fn owners_of(&self, sk: &[char]) -> &[u32] {
        let Some(k) = self.find(sk) else { return &[] };
        match (self.owner_start.get(k), self.owner_start.get(k + 1)) {
            (Some(&a), Some(&b)) => self.owners.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
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
            for &e in self.owners_of(&w.skeleton) {
                *found.entry(e).or_default() |= 1 << i;
            }
        }
        let mut out: Vec<(usize, u32)> = found.into_iter().map(|(e, m)| (e as usize, m)).collect();
        out.sort_unstable();
        out
    }

    pub(crate) fn text(&self, entity: usize) -> Option<&str> {
        let (a, b) = (
            self.text_start.get(entity)?,
            self.text_start.get(entity + 1)?,
        );
        self.text.get(*a as usize..*b as usize)
    }

    /// The bytes of the note's words that match one of `skeletons`.
    pub(crate) fn highlights(&self, entity: usize, skeletons: &[&[char]]) -> Vec<Range<usize>> {
        let (Some(&a), Some(&b)) = (self.word_start.get(entity), self.word_start.get(entity + 1))
        else {
            return Vec::new();
        };
        let words = self.words.get(a as usize..b as usize).unwrap_or(&[]);
        words
            .iter()
            .filter(|w| skeletons.contains(&self.skeleton(w.2 as usize)))
            .map(|w| w.0 as usize..w.1 as usize)
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

    #[test]
    fn flat_notes_equal_the_straightforward_ones() {
        use crate::dev::synth::{Params, Vocabulary, generate_with};
        let params = Params {
            eras: 5,
            entities: 400,
            ..Params::default()
        };
        let mut data = generate_with(&params, Vocabulary::Zipf { forms: 300 });
        // A note with a word twice, an empty one, and one of punctuation only.
        data.entities[0].note = "كيم كوريا، كيم".to_string();
        data.entities[1].note = String::new();
        data.entities[2].note = "، .".to_string();
        let notes = Notes::build(&data);
        let mut want: HashMap<Vec<char>, Vec<u32>> = HashMap::new();
        for (e, entity) in data.entities.iter().enumerate() {
            let words = note_words(&entity.note);
            assert_eq!(notes.text(e), Some(entity.note.as_str()));
            for w in &words {
                let list = want.entry(w.skeleton.clone()).or_default();
                if list.last() != Some(&(e as u32)) {
                    list.push(e as u32);
                }
                let sk = [w.skeleton.as_slice()];
                let expected: Vec<Range<usize>> = words
                    .iter()
                    .filter(|x| x.skeleton == w.skeleton)
                    .map(|x| x.range.clone())
                    .collect();
                assert_eq!(notes.highlights(e, &sk), expected, "entity {e}");
            }
        }
        assert!(want.len() > 100, "{} skeletons", want.len());
        for (sk, owners) in &want {
            assert_eq!(notes.owners_of(sk), owners.as_slice(), "{sk:?}");
        }
        assert!(notes.owners_of(&['x', 'q', 'z', 'x']).is_empty());
        assert_eq!(notes.text(data.entities.len()), None);
    }
}
