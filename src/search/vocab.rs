//! A vocabulary of folded forms: each distinct form once, where it occurs
//! (candidate and word position), each candidate's forms in order, and the
//! forms sorted by their letters for prefix look-ups and the typo walk.
//!
//! The forms' letters are kept as two-byte codes of the vocabulary's own
//! alphabet (its distinct letters, sorted: codes compare as the letters
//! do), half the room of `char`s; a vocabulary of more distinct letters
//! than a code can number keeps them as `char`s.

use std::hash::{BuildHasher, Hash};
use std::ops::Range;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use super::typo::walk_sorted;

/// `pos` of the whole string with its spaces removed.
pub(super) const JOINED: u16 = u16::MAX;

/// Most distinct letters a vocabulary codes: [`ABSENT`] is never a code.
const MAX_CODES: usize = u16::MAX as usize;

/// The code of a query letter the vocabulary has not got (equal to none).
const ABSENT: u16 = u16::MAX;

/// No joined form (a candidate of fewer than two words).
const NO_FORM: u32 = u32::MAX;

/// The forms' letters, back to back.
#[derive(Debug)]
enum Letters {
    /// Codes, and the letter of each code (sorted once built; in order of
    /// first sight while building).
    Coded {
        codes: Vec<u16>,
        alphabet: Vec<char>,
    },
    /// More distinct letters than [`MAX_CODES`].
    Plain(Vec<char>),
}

impl Default for Letters {
    fn default() -> Letters {
        Letters::Coded {
            codes: Vec::new(),
            alphabet: Vec::new(),
        }
    }
}

/// What a vocabulary's letters can be.
trait Letter: Copy + Ord + Hash + Into<u32> {}
impl Letter for u16 {}
impl Letter for char {}

/// Distinct folded forms and where they occur.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    letters: Letters,
    /// `(start, len)` in `letters`.
    forms: Vec<(u32, u32)>,
    /// Where each form occurs: candidates and word positions (or JOINED),
    /// form `f`'s at `occ_cand[occ_start[f]..occ_start[f + 1]]` (and the
    /// same range of `occ_pos`).
    occ_cand: Vec<u32>,
    occ_pos: Vec<u16>,
    occ_start: Vec<u32>,
    /// Each candidate's word forms, in order: candidate `c`'s at
    /// `words[word_start[c - 1]..word_start[c]]` (from 0 for the first).
    words: Vec<u32>,
    word_start: Vec<u32>,
    /// Forms in the order of their letters, and the letters each shares
    /// with the one before (for the typo walk and for prefix look-ups).
    sorted: Vec<u32>,
    shared: Vec<u32>,
}

/// Builds a [`Vocab`].
pub(super) struct VocabBuilder {
    /// Form ids, found by the hash of their letters (the letters themselves
    /// are kept once, in `vocab.letters`).
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
    vocab: Vocab,
    /// While the letters are coded: each letter's code, and the form being
    /// looked up, coded.
    codes: HashMap<char, u16>,
    coded: Vec<u16>,
    max_codes: usize,
    /// Each candidate's joined form, or [`NO_FORM`].
    joined: Vec<u32>,
}

impl VocabBuilder {
    pub(super) fn with_capacity(forms: usize) -> VocabBuilder {
        VocabBuilder::coding(forms, MAX_CODES)
    }

    /// A builder that codes at most `max_codes` distinct letters.
    fn coding(forms: usize, max_codes: usize) -> VocabBuilder {
        VocabBuilder {
            ids: HashTable::with_capacity(forms),
            hasher: DefaultHashBuilder::default(),
            vocab: Vocab::default(),
            codes: HashMap::new(),
            coded: Vec::new(),
            max_codes: max_codes.min(MAX_CODES),
            joined: Vec::new(),
        }
    }

    pub(super) fn form(&mut self, f: &[char]) -> u32 {
        if matches!(self.vocab.letters, Letters::Coded { .. }) && !self.code(f) {
            self.widen();
        }
        let (ids, hasher, v) = (&mut self.ids, &self.hasher, &mut self.vocab);
        match &mut v.letters {
            Letters::Coded { codes, .. } => intern(ids, hasher, &mut v.forms, codes, &self.coded),
            Letters::Plain(chars) => intern(ids, hasher, &mut v.forms, chars, f),
        }
    }

    /// Code `f` into `self.coded`, giving new letters new codes; false when
    /// there are more letters than codes.
    fn code(&mut self, f: &[char]) -> bool {
        let Letters::Coded { alphabet, .. } = &mut self.vocab.letters else {
            return false;
        };
        self.coded.clear();
        for &c in f {
            let code = match self.codes.get(&c) {
                Some(&code) => code,
                None if alphabet.len() < self.max_codes => {
                    let code = alphabet.len() as u16;
                    alphabet.push(c);
                    self.codes.insert(c, code);
                    code
                }
                None => return false,
            };
            self.coded.push(code);
        }
        true
    }

    /// Keep the letters as `char`s from now on.
    fn widen(&mut self) {
        let v = &mut self.vocab;
        if let Letters::Coded { codes, alphabet } = &v.letters {
            let chars = codes.iter().map(|&c| alphabet[usize::from(c)]).collect();
            v.letters = Letters::Plain(chars);
        }
        self.codes = HashMap::new();
        let Letters::Plain(chars) = &v.letters else {
            return;
        };
        self.ids.clear();
        for id in 0..v.forms.len() {
            let hash = self.hasher.hash_one(slice(chars, &v.forms, id));
            self.ids.insert_unique(hash, small(id), |&id| {
                self.hasher.hash_one(slice(chars, &v.forms, id as usize))
            });
        }
    }

    /// File the next candidate's words and its joined form (folded forms,
    /// in `chars`): candidates are numbered in the order they are filed.
    pub(super) fn candidate(
        &mut self,
        chars: &[char],
        words: &[Range<usize>],
        joined: Range<usize>,
    ) {
        for w in words {
            let id = self.form(&chars[w.clone()]);
            self.vocab.words.push(id);
        }
        let id = if words.len() > 1 {
            self.form(&chars[joined])
        } else {
            NO_FORM
        };
        self.joined.push(id);
        self.vocab.word_start.push(small(self.vocab.words.len()));
    }

    pub(super) fn finish(mut self) -> Vocab {
        let v = &mut self.vocab;
        v.words.shrink_to_fit();
        v.word_start.shrink_to_fit();
        v.forms.shrink_to_fit();
        if let Letters::Coded { codes, alphabet } = &mut v.letters {
            // Codes in the order of their letters.
            let mut order: Vec<u16> = (0..alphabet.len()).map(|c| c as u16).collect();
            order.sort_unstable_by_key(|&c| alphabet[usize::from(c)]);
            let mut rank = vec![0u16; alphabet.len()];
            for (new, &old) in order.iter().enumerate() {
                rank[usize::from(old)] = new as u16;
            }
            codes.iter_mut().for_each(|c| *c = rank[usize::from(*c)]);
            alphabet.sort_unstable();
            codes.shrink_to_fit();
            alphabet.shrink_to_fit();
        }
        self.ids = HashTable::new();
        self.codes = HashMap::new();
        // Grouped by form with a counting sort, in filing order (candidate,
        // then position, the joined form last): `start[f + 1]` counts form
        // `f - 1`'s occurrences, then, summed, is where form `f`'s go, and
        // ends, once they are placed, where they end.
        let mut start = vec![0u32; v.forms.len() + 2];
        let filed = |c: usize| {
            let a = if c == 0 {
                0
            } else {
                v.word_start[c - 1] as usize
            };
            let words = v.words[a..v.word_start[c] as usize].iter().enumerate();
            let words = words.map(|(pos, &f)| (f, u16::try_from(pos).unwrap_or(JOINED - 1)));
            let joined = Some(self.joined[c]).filter(|&f| f != NO_FORM);
            words.chain(joined.map(|f| (f, JOINED)))
        };
        let mut total = 0;
        for c in 0..self.joined.len() {
            for (f, _) in filed(c) {
                start[f as usize + 2] += 1;
                total += 1;
            }
        }
        for f in 0..v.forms.len() {
            start[f + 2] += start[f + 1];
        }
        let (mut cands, mut poss) = (vec![0u32; total], vec![0u16; total]);
        for c in 0..self.joined.len() {
            for (f, pos) in filed(c) {
                let at = &mut start[f as usize + 1];
                cands[*at as usize] = small(c);
                poss[*at as usize] = pos;
                *at += 1;
            }
        }
        start.pop();
        self.joined = Vec::new();
        v.occ_cand = cands;
        v.occ_pos = poss;
        v.occ_start = start;
        (v.sorted, v.shared) = match &v.letters {
            Letters::Coded { codes, .. } => order(codes, &v.forms),
            Letters::Plain(chars) => order(chars, &v.forms),
        };
        self.vocab
    }
}

/// The id of form `f` in `letters`, filed there if new.
fn intern<L: Letter>(
    ids: &mut HashTable<u32>,
    hasher: &DefaultHashBuilder,
    forms: &mut Vec<(u32, u32)>,
    letters: &mut Vec<L>,
    f: &[L],
) -> u32 {
    let hash = hasher.hash_one(f);
    if let Some(&id) = ids.find(hash, |&id| slice(letters, forms, id as usize) == f) {
        return id;
    }
    let id = small(forms.len());
    let start = small(letters.len());
    letters.extend_from_slice(f);
    forms.push((start, small(f.len())));
    ids.insert_unique(hash, id, |&id| {
        hasher.hash_one(slice(letters, forms, id as usize))
    });
    id
}

/// Form `f`'s letters.
fn slice<'a, L>(letters: &'a [L], forms: &[(u32, u32)], f: usize) -> &'a [L] {
    let (s, l) = forms[f];
    &letters[s as usize..(s + l) as usize]
}

/// The forms in the order of their letters, and the letters each shares with
/// the one before. Sorted by their first three letters packed in an integer
/// (in the order of the letters), then by all of them: most comparisons are
/// of integers side by side rather than of letters elsewhere.
fn order<L: Letter>(letters: &[L], forms: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    let form = |f: u32| slice(letters, forms, f as usize);
    let mut keyed: Vec<(u64, u32)> = (0..forms.len())
        .map(|f| (prefix_key(form(small(f))), small(f)))
        .collect();
    keyed.sort_unstable_by(|a, b| (a.0.cmp(&b.0)).then_with(|| form(a.1).cmp(form(b.1))));
    let sorted: Vec<u32> = keyed.into_iter().map(|(_, f)| f).collect();
    let shared = (0..sorted.len())
        .map(|i| {
            let Some(p) = i.checked_sub(1) else { return 0 };
            let (a, b) = (form(sorted[p]), form(sorted[i]));
            small(a.iter().zip(b).take_while(|(x, y)| x == y).count())
        })
        .collect();
    (sorted, shared)
}

impl Vocab {
    /// Whether the letters are kept as codes.
    #[cfg(test)]
    pub(super) fn letters_coded(&self) -> bool {
        matches!(self.letters, Letters::Coded { .. })
    }

    pub(super) fn occurrences(&self, f: usize) -> impl Iterator<Item = (u32, u16)> + '_ {
        let (a, b) = (self.occ_start[f] as usize, self.occ_start[f + 1] as usize);
        self.occ_cand[a..b]
            .iter()
            .copied()
            .zip(self.occ_pos[a..b].iter().copied())
    }

    pub(super) fn words_of(&self, cand: usize) -> &[u32] {
        let a = if cand == 0 {
            0
        } else {
            self.word_start[cand - 1] as usize
        };
        &self.words[a..self.word_start[cand] as usize]
    }

    /// Every form within `k` edits of `q` (`prefix`: of a prefix of it),
    /// with its distance.
    pub(super) fn close(&self, q: &[char], k: u8, prefix: bool) -> Vec<(u32, u8)> {
        match &self.letters {
            Letters::Coded { codes, alphabet } => {
                let q: Vec<u16> = q
                    .iter()
                    .map(|c| alphabet.binary_search(c).map_or(ABSENT, |i| i as u16))
                    .collect();
                self.close_in(codes, &q, k, prefix)
            }
            Letters::Plain(chars) => self.close_in(chars, q, k, prefix),
        }
    }

    fn close_in<L: Letter>(&self, letters: &[L], q: &[L], k: u8, prefix: bool) -> Vec<(u32, u8)> {
        let form = |f: u32| slice(letters, &self.forms, f as usize);
        if k == 0 {
            // The forms equal to `q` or starting with it are one run of the sorted list.
            let from = self.sorted.partition_point(|&f| form(f) < q);
            let run = self.sorted[from..].iter().take_while(|&&f| {
                let w = form(f);
                if prefix { w.starts_with(q) } else { w == q }
            });
            return run.map(|&f| (f, 0)).collect();
        }
        let words = self
            .sorted
            .iter()
            .zip(&self.shared)
            .map(|(&f, &s)| (move || form(f), s as usize));
        walk_sorted(words, q, k, prefix)
            .into_iter()
            .map(|(pos, d)| (self.sorted[pos], d))
            .collect()
    }
}

/// The first three letters of `form`, 21 bits each, in their order (a
/// missing letter sorts first): forms in the order of these keys are in the
/// order of their letters, up to ties.
fn prefix_key<L: Letter>(form: &[L]) -> u64 {
    (0..3).fold(0, |key, i| {
        (key << 21) | form.get(i).map_or(0, |&c| u64::from(c.into()))
    })
}

fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::typo::distance;
    use proptest::prelude::*;

    /// Letters out of code order (astral ones, a nul) and one a query may
    /// hold that no form has.
    const LETTERS: [char; 7] = ['b', 'a', 'ي', 'ب', '😀', '\0', '\u{10FFFF}'];
    const ABSENT_LETTER: char = 'x';

    fn word(max: usize) -> impl Strategy<Value = Vec<char>> {
        proptest::collection::vec(proptest::sample::select(&LETTERS[..]), 0..max)
    }

    proptest! {
        /// Coded letters (an alphabet of 1 to 8 codes, so that some
        /// vocabularies run out of codes midway and keep `char`s) give
        /// what the forms' own letters give: the same forms, occurrences,
        /// and forms within `k` edits of a query, in the order of their
        /// letters, as the full distance matrix finds them.
        #[test]
        fn coded_letters_answer_as_the_letters_do(
            cands in proptest::collection::vec(proptest::collection::vec(word(5), 0..4), 0..12),
            max_codes in 1usize..9,
            queries in proptest::collection::vec(
                (proptest::collection::vec(
                    proptest::sample::select(&['a', 'b', 'ي', '😀', ABSENT_LETTER][..]), 0..5),
                 0u8..3, any::<bool>()),
                1..6),
        ) {
            let mut b = VocabBuilder::coding(4, max_codes);
            // The straightforward filing: distinct forms in order of first
            // sight, and `(form, candidate, position)` in filing order.
            let mut forms: Vec<Vec<char>> = Vec::new();
            let mut filed: Vec<(u32, u32, u16)> = Vec::new();
            let id_of = |f: &[char], forms: &mut Vec<Vec<char>>| {
                let at = forms.iter().position(|g| g == f).unwrap_or(forms.len());
                if at == forms.len() {
                    forms.push(f.to_vec());
                }
                at as u32
            };
            let mut cand_words: Vec<Vec<u32>> = Vec::new();
            for (c, words) in cands.iter().enumerate() {
                let mut chars: Vec<char> = words.concat();
                let mut ranges = Vec::new();
                let mut at = 0;
                for w in words {
                    ranges.push(at..at + w.len());
                    at += w.len();
                }
                chars.extend(words.concat());
                b.candidate(&chars, &ranges, at..2 * at);
                let ids: Vec<u32> = words.iter().map(|w| id_of(w, &mut forms)).collect();
                for (pos, &f) in ids.iter().enumerate() {
                    filed.push((f, c as u32, pos as u16));
                }
                if words.len() > 1 {
                    filed.push((id_of(&words.concat(), &mut forms), c as u32, JOINED));
                }
                cand_words.push(ids);
            }
            let v = b.finish();
            prop_assert_eq!(v.forms.len(), forms.len());
            for (c, ids) in cand_words.iter().enumerate() {
                prop_assert_eq!(v.words_of(c), &ids[..]);
            }
            for f in 0..forms.len() {
                let got: Vec<(u32, u16)> = v.occurrences(f).collect();
                let want: Vec<(u32, u16)> = filed
                    .iter()
                    .filter(|o| o.0 == f as u32)
                    .map(|o| (o.1, o.2))
                    .collect();
                prop_assert_eq!(got, want);
            }
            let mut by_letters: Vec<u32> = (0..forms.len() as u32).collect();
            by_letters.sort_by(|&a, &b| forms[a as usize].cmp(&forms[b as usize]));
            for (q, k, prefix) in queries {
                let want: Vec<(u32, u8)> = by_letters
                    .iter()
                    .filter_map(|&f| {
                        let d = distance(&q, &forms[f as usize], prefix);
                        (d <= usize::from(k)).then_some((f, d as u8))
                    })
                    .collect();
                prop_assert_eq!(v.close(&q, k, prefix), want, "{:?} {} {}", q, k, prefix);
            }
        }
    }
}
