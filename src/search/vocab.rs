//! A vocabulary of folded forms: each distinct form once, where it occurs
//! (candidate and word position), each candidate's forms in order, and the
//! forms sorted by their letters for prefix look-ups and the typo walk.

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::typo::walk_sorted;

/// `pos` of the whole string with its spaces removed.
pub(super) const JOINED: u16 = u16::MAX;

/// Distinct folded forms and where they occur.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    chars: Vec<char>,
    /// `(start, len)` in `chars`.
    forms: Vec<(u32, u32)>,
    /// Where each form occurs: `(candidate, word position or JOINED)`,
    /// form `f`'s at `occ[occ_start[f]..occ_start[f + 1]]`.
    occ: Vec<(u32, u16)>,
    occ_start: Vec<u32>,
    /// Each candidate's word forms, in order: candidate `c`'s at
    /// `words[word_start[c]..word_start[c + 1]]`.
    words: Vec<u32>,
    word_start: Vec<u32>,
    /// Forms in the order of their letters, and the letters each shares
    /// with the one before (for the typo walk and for prefix look-ups).
    sorted: Vec<u32>,
    shared: Vec<u32>,
}

/// Builds a [`Vocab`].
#[derive(Default)]
pub(super) struct VocabBuilder {
    /// Form ids, found by the hash of their letters (the letters themselves
    /// are kept once, in `vocab.chars`).
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
    vocab: Vocab,
    /// `(form, candidate, pos)` in filing order (candidate, then position),
    /// grouped by form into `occ` at the end.
    occ: Vec<(u32, u32, u16)>,
}

impl VocabBuilder {
    pub(super) fn with_capacity(forms: usize) -> VocabBuilder {
        VocabBuilder {
            ids: HashTable::with_capacity(forms),
            ..VocabBuilder::default()
        }
    }

    pub(super) fn form(&mut self, f: &[char]) -> u32 {
        let hash = self.hasher.hash_one(f);
        let v = &mut self.vocab;
        if let Some(&id) = self.ids.find(hash, |&id| v.form(id as usize) == f) {
            return id;
        }
        let id = small(v.forms.len());
        let start = small(v.chars.len());
        v.chars.extend_from_slice(f);
        v.forms.push((start, small(f.len())));
        let (v, hasher) = (&self.vocab, &self.hasher);
        self.ids
            .insert_unique(hash, id, |&id| hasher.hash_one(v.form(id as usize)));
        id
    }

    /// File candidate `cand`'s words and its joined form (folded forms, in
    /// `chars`).
    pub(super) fn candidate(
        &mut self,
        cand: usize,
        chars: &[char],
        words: &[Range<usize>],
        joined: Range<usize>,
    ) {
        let c = small(cand);
        for (pos, w) in words.iter().enumerate() {
            let id = self.form(&chars[w.clone()]);
            self.vocab.words.push(id);
            self.occ
                .push((id, c, u16::try_from(pos).unwrap_or(JOINED - 1)));
        }
        if words.len() > 1 {
            let id = self.form(&chars[joined]);
            self.occ.push((id, c, JOINED));
        }
        self.vocab.word_start.push(small(self.vocab.words.len()));
    }

    pub(super) fn finish(mut self) -> Vocab {
        let v = &mut self.vocab;
        // Grouped by form with a counting sort: each form's occurrences stay
        // in filing order, which is `(candidate, pos)` order.
        let mut start = vec![0u32; v.forms.len() + 1];
        for &(f, _, _) in &self.occ {
            start[f as usize + 1] += 1;
        }
        for f in 0..v.forms.len() {
            start[f + 1] += start[f];
        }
        let mut next = start.clone();
        v.occ = vec![(0, 0); self.occ.len()];
        for &(f, c, p) in &self.occ {
            let at = &mut next[f as usize];
            v.occ[*at as usize] = (c, p);
            *at += 1;
        }
        v.occ_start = start;
        // Sorted by their first three letters packed in an integer (in the
        // order of the letters), then by all of them: most comparisons are
        // of integers side by side rather than of letters elsewhere.
        let mut keyed: Vec<(u64, u32)> = (0..v.forms.len())
            .map(|f| (prefix_key(v.form(f)), small(f)))
            .collect();
        keyed.sort_unstable_by(|a, b| {
            (a.0.cmp(&b.0)).then_with(|| v.form(a.1 as usize).cmp(v.form(b.1 as usize)))
        });
        let sorted: Vec<u32> = keyed.into_iter().map(|(_, f)| f).collect();
        v.shared = (0..sorted.len())
            .map(|i| {
                let Some(p) = i.checked_sub(1) else { return 0 };
                let (a, b) = (v.form(sorted[p] as usize), v.form(sorted[i] as usize));
                small(a.iter().zip(b).take_while(|(x, y)| x == y).count())
            })
            .collect();
        v.sorted = sorted;
        // Grown by doubling: up to half of each would be room never used.
        v.chars.shrink_to_fit();
        v.forms.shrink_to_fit();
        v.words.shrink_to_fit();
        v.word_start.shrink_to_fit();
        self.vocab
    }
}

impl Vocab {
    pub(super) fn form(&self, f: usize) -> &[char] {
        let (s, l) = self.forms[f];
        &self.chars[s as usize..(s + l) as usize]
    }

    pub(super) fn occurrences(&self, f: usize) -> &[(u32, u16)] {
        let (a, b) = (self.occ_start[f] as usize, self.occ_start[f + 1] as usize);
        &self.occ[a..b]
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
        if k == 0 {
            // The forms equal to `q` or starting with it are one run of the sorted list.
            let from = self.sorted.partition_point(|&f| self.form(f as usize) < q);
            let run = self.sorted[from..].iter().take_while(|&&f| {
                let w = self.form(f as usize);
                if prefix { w.starts_with(q) } else { w == q }
            });
            return run.map(|&f| (f, 0)).collect();
        }
        let words = self
            .sorted
            .iter()
            .zip(&self.shared)
            .map(|(&f, &s)| (self.form(f as usize), s as usize));
        walk_sorted(words, q, k, prefix)
            .into_iter()
            .map(|(pos, d)| (self.sorted[pos], d))
            .collect()
    }
}

/// The first three letters of `form`, 21 bits each, in their order (a
/// missing letter sorts first): forms in the order of these keys are in the
/// order of their letters, up to ties.
fn prefix_key(form: &[char]) -> u64 {
    (0..3).fold(0, |key, i| {
        (key << 21) | form.get(i).map_or(0, |&c| u64::from(c))
    })
}

fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}
