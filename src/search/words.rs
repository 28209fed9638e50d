//! Variant and typo matching, word by word.
//!
//! At build time every candidate string is cut into words; each word (and
//! the whole string with its spaces taken out, so that `بيونغ يانغ` and
//! `بيونغيانغ` meet) is folded to its variant [`skeleton`] and to its
//! cross-script [`key`], and each distinct form is filed once in a
//! vocabulary with the places it occurs. A query compares its own words
//! with the vocabulary (distinct forms, not every candidate: this is what
//! keeps a keystroke within a frame on 100,000 entities), then checks the
//! words that follow in the candidates where its first word occurs.
//!
//! A candidate matches when its words, from some word on, match the query's
//! words in order: each within its allowed edits ([`allowed_edits`]), the
//! last one as a prefix (it may still be being typed). The cost is the sum
//! of the edits; a match with no edit is a variant, one with edits a typo.
//! When nothing matches at all, a query in one script may match a candidate
//! in the other through the keys: whole words, no edits, a variant of cost
//! [`CROSS_SCRIPT_COST`] (keys are short and vowel-free: as anything more
//! than a last resort, or any looser, they would find noise, such as
//! `gorba` finding `الغرب`).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::normalize::Scripts;
use super::typo::{allowed_edits, walk_sorted};
use super::variants::{key, skeleton};

/// What a cross-script match costs (more than a direct variant, so a name
/// found in its own script ranks first).
pub const CROSS_SCRIPT_COST: u8 = 1;

/// Most query words compared (a name has fewer; a longer query is not a name).
pub const MAX_WORDS: usize = 8;

/// Queries shorter than this (in folded characters) match only directly.
pub const MIN_QUERY: usize = 3;

/// `pos` of the whole string with its spaces removed.
const JOINED: u16 = u16::MAX;

/// Distinct folded forms and where they occur.
#[derive(Debug, Default)]
struct Vocab {
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
struct VocabBuilder {
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
    fn with_capacity(forms: usize) -> VocabBuilder {
        VocabBuilder {
            ids: HashTable::with_capacity(forms),
            ..VocabBuilder::default()
        }
    }

    fn form(&mut self, f: &[char]) -> u32 {
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
    /// `f.chars`).
    fn candidate(
        &mut self,
        cand: usize,
        f: &FlatForms,
        words: &[Range<usize>],
        joined: Range<usize>,
    ) {
        let c = small(cand);
        for (pos, w) in words.iter().enumerate() {
            let id = self.form(&f.chars[w.clone()]);
            self.vocab.words.push(id);
            self.occ
                .push((id, c, u16::try_from(pos).unwrap_or(JOINED - 1)));
        }
        if words.len() > 1 {
            let id = self.form(&f.chars[joined]);
            self.occ.push((id, c, JOINED));
        }
        self.vocab.word_start.push(small(self.vocab.words.len()));
    }

    fn finish(mut self) -> Vocab {
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
    fn form(&self, f: usize) -> &[char] {
        let (s, l) = self.forms[f];
        &self.chars[s as usize..(s + l) as usize]
    }

    fn occurrences(&self, f: usize) -> &[(u32, u16)] {
        let (a, b) = (self.occ_start[f] as usize, self.occ_start[f + 1] as usize);
        &self.occ[a..b]
    }

    fn words_of(&self, cand: usize) -> &[u32] {
        let a = if cand == 0 {
            0
        } else {
            self.word_start[cand - 1] as usize
        };
        &self.words[a..self.word_start[cand] as usize]
    }

    /// Every form within `k` edits of `q` (`prefix`: of a prefix of it),
    /// with its distance.
    fn close(&self, q: &[char], k: u8, prefix: bool) -> Vec<(u32, u8)> {
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

/// The variant and cross-script vocabularies of every candidate.
#[derive(Debug, Default)]
pub(crate) struct Words {
    skeletons: Vocab,
    /// Keys of the candidates written in Arabic only, and of those in Latin
    /// letters only (a query's keys are looked up in the other script's).
    arabic_keys: Vocab,
    latin_keys: Vocab,
}

/// How a candidate matched through [`Words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct WordMatch {
    pub cand: usize,
    /// Edits (0: a variant), or [`CROSS_SCRIPT_COST`] for a key match.
    pub cost: u8,
    pub cross_script: bool,
}

/// A query cut into words and folded both ways.
pub(crate) struct WordQuery {
    words: Vec<(Vec<char>, u8)>,
    joined: Vec<char>,
    keys: Vec<Vec<char>>,
    joined_key: Vec<char>,
    arabic: bool,
}

/// A folded string's words, each as its skeleton and as its key; and the
/// string with its spaces removed, both ways.
pub(crate) struct Forms {
    pub words: Vec<Vec<char>>,
    pub joined: Vec<char>,
    pub keys: Vec<Vec<char>>,
    pub joined_key: Vec<char>,
}

/// The straightforward folding, for a query (and the reference); the index
/// folds its candidates through [`FlatForms`], which gives the same forms.
pub(crate) fn forms(folded: &[char]) -> Forms {
    let plain: Vec<&[char]> = plain(folded).collect();
    let fold_with = |f: fn(&[char], &mut Vec<char>), w: &[char]| {
        let mut out = Vec::new();
        f(w, &mut out);
        out
    };
    let all: Vec<char> = plain.concat();
    Forms {
        words: plain.iter().map(|w| fold_with(skeleton, w)).collect(),
        joined: fold_with(skeleton, &all),
        keys: plain.iter().map(|w| fold_with(key, w)).collect(),
        joined_key: fold_with(key, &all),
    }
}

/// [`Forms`] in two buffers, reused from string to string (the index folds
/// every candidate: one allocation per word would dominate its build).
#[derive(Default)]
struct FlatForms {
    /// The string's words run together (`bounds`: each word's letters).
    plain: Vec<char>,
    bounds: Vec<Range<usize>>,
    /// Every form's letters.
    chars: Vec<char>,
    words: Vec<Range<usize>>,
    joined: Range<usize>,
    keys: Vec<Range<usize>>,
    joined_key: Range<usize>,
}

impl FlatForms {
    fn fold(&mut self, folded: &[char]) {
        self.plain.clear();
        self.bounds.clear();
        self.chars.clear();
        self.words.clear();
        self.keys.clear();
        for w in plain(folded) {
            let at = self.plain.len();
            self.plain.extend_from_slice(w);
            self.bounds.push(at..self.plain.len());
        }
        for b in &self.bounds {
            let r = fold_into(skeleton, &self.plain[b.clone()], &mut self.chars);
            self.words.push(r);
        }
        // One word is its own joined form.
        let one = self.bounds.len() == 1;
        self.joined = match &self.words[..] {
            [w] if one => w.clone(),
            _ => fold_into(skeleton, &self.plain, &mut self.chars),
        };
        for b in &self.bounds {
            let r = fold_into(key, &self.plain[b.clone()], &mut self.chars);
            self.keys.push(r);
        }
        self.joined_key = match &self.keys[..] {
            [k] if one => k.clone(),
            _ => fold_into(key, &self.plain, &mut self.chars),
        };
    }
}

/// `f(w)` appended to `out`, and where it is.
fn fold_into(f: fn(&[char], &mut Vec<char>), w: &[char], out: &mut Vec<char>) -> Range<usize> {
    let at = out.len();
    f(w, out);
    at..out.len()
}

/// The query's words, as folded.
fn plain(folded: &[char]) -> impl Iterator<Item = &[char]> {
    folded.split(|&c| c == ' ').filter(|w| !w.is_empty())
}

/// Whether the skeletons of the query `folded` still spell something: the
/// whole is at least [`MIN_QUERY`] letters, and each word keeps a third of
/// its letters (`qqqqqq` folds to `k`, which would start half the names;
/// `الغارديان` keeps `كردن`).
pub(crate) fn plausible(folded: &[char], f: &Forms) -> bool {
    f.joined.len() >= MIN_QUERY
        && plain(folded)
            .zip(&f.words)
            .all(|(w, s)| 3 * s.len() >= w.len())
}

/// The edits allowed for each query word: by its skeleton's length, or
/// the word's own if shorter (`x` folds to `ks`, and a 3-letter query
/// never gets typos).
pub(crate) fn edits(folded: &[char], f: &Forms) -> Vec<u8> {
    plain(folded)
        .zip(&f.words)
        .map(|(w, s)| allowed_edits(w.len().min(s.len())))
        .collect()
}

impl WordQuery {
    /// `None` for a query too short or too long for variants.
    pub(crate) fn new(folded: &[char], scripts: Scripts) -> Option<WordQuery> {
        if folded.len() < MIN_QUERY || !(scripts.arabic || scripts.latin) {
            return None;
        }
        if folded
            .split(|&c| c == ' ')
            .filter(|w| !w.is_empty())
            .count()
            > MAX_WORDS
        {
            return None;
        }
        let f = forms(folded);
        if !plausible(folded, &f) {
            return None;
        }
        let edits = edits(folded, &f);
        let Forms {
            words,
            joined,
            keys,
            joined_key,
        } = f;
        let words = words.into_iter().zip(edits).collect();
        Some(WordQuery {
            words,
            joined,
            keys,
            joined_key,
            // A mixed query looks for Latin candidates through its keys.
            arabic: scripts.arabic && !scripts.latin,
        })
    }
}

impl WordQuery {
    /// Allow no edits in any word.
    pub(crate) fn without_edits(&mut self) {
        self.words.iter_mut().for_each(|w| w.1 = 0);
    }
}

impl Words {
    /// Fold and file every candidate (in candidate order).
    pub(crate) fn build<'a>(folded: impl Iterator<Item = &'a str>) -> Words {
        // Room for two forms a candidate (a word and the joined form), and for
        // a key of each Arabic candidate and of half as many Latin ones.
        let n = folded.size_hint().0;
        let mut sk = VocabBuilder::with_capacity(2 * n);
        let (mut ar, mut la) = (
            VocabBuilder::with_capacity(n),
            VocabBuilder::with_capacity(n / 2),
        );
        let (mut chars, mut f) = (Vec::new(), FlatForms::default());
        for (c, text) in folded.enumerate() {
            chars.clear();
            chars.extend(text.chars());
            f.fold(&chars);
            sk.candidate(c, &f, &f.words, f.joined.clone());
            let scripts = Scripts::of(text);
            let (for_ar, for_la) = match (scripts.arabic, scripts.latin) {
                (true, false) => (&f.keys[..], &[][..]),
                (false, true) => (&[][..], &f.keys[..]),
                _ => (&[][..], &[][..]),
            };
            ar.candidate(c, &f, for_ar, f.joined_key.clone());
            la.candidate(c, &f, for_la, f.joined_key.clone());
        }
        Words {
            skeletons: sk.finish(),
            arabic_keys: ar.finish(),
            latin_keys: la.finish(),
        }
    }

    /// Every candidate the query matches by variant or typo, each once
    /// with its fewest edits, in candidate order. Only when nothing
    /// matched at all (`found`: the fuzzy pass found something), the
    /// candidates it matches across scripts.
    pub(crate) fn matches(&self, q: &WordQuery, found: bool) -> Vec<WordMatch> {
        let words: Vec<(&[char], u8)> = q.words.iter().map(|(w, k)| (w.as_slice(), *k)).collect();
        let direct = along(&self.skeletons, &words, &q.joined, true);
        let keys: Vec<(&[char], u8)> = q.keys.iter().map(|k| (k.as_slice(), 0)).collect();
        let cross = !found && direct.is_empty() && keys.iter().all(|k| k.0.len() >= 2);
        let mut all: Vec<WordMatch> = if cross {
            let other = if q.arabic {
                &self.latin_keys
            } else {
                &self.arabic_keys
            };
            let found = along(other, &keys, &q.joined_key, false);
            found
                .into_iter()
                .map(|(cand, _)| WordMatch {
                    cand,
                    cost: CROSS_SCRIPT_COST,
                    cross_script: true,
                })
                .collect()
        } else {
            direct
                .into_iter()
                .map(|(cand, cost)| WordMatch {
                    cand,
                    cost,
                    cross_script: false,
                })
                .collect()
        };
        all.sort_unstable_by_key(|m| (m.cand, m.cost));
        all.dedup_by_key(|m| m.cand);
        all
    }
}

impl Words {
    /// Every candidate one of whose words is within `k` edits of the
    /// skeleton `w` (with `prefix`: a prefix of it within `k`), with the
    /// edits, in no particular order; a candidate may come more than once.
    pub(crate) fn word_occurrences(&self, w: &[char], k: u8, prefix: bool) -> Vec<(usize, u8)> {
        let v = &self.skeletons;
        let mut out = Vec::new();
        for (f, d) in v.close(w, k, prefix) {
            for &(cand, pos) in v.occurrences(f as usize) {
                if pos != JOINED {
                    out.push((cand as usize, d));
                }
            }
        }
        out
    }
}

impl WordMatch {
    /// A direct match that needed edits.
    pub(crate) fn is_typo(&self) -> bool {
        !self.cross_script && self.cost > 0
    }
}

/// Candidates whose words match `words` in order from some position (with
/// `prefix`, the last one as a prefix), or whose joined form is `joined`
/// (or starts with it); with the cheapest total edits.
fn along(v: &Vocab, words: &[(&[char], u8)], joined: &[char], prefix: bool) -> Vec<(usize, u8)> {
    let Some(last) = words.len().checked_sub(1) else {
        return Vec::new();
    };
    // Edits of each vocabulary form for each query word (few forms each).
    let close_to = |j: usize| {
        let (w, k) = words[j];
        v.close(w, k, prefix && j == last)
    };
    let first = close_to(0);
    // The later words are looked up by form.
    let close: Vec<HashMap<u32, u8>> = (0..=last)
        .map(|j| match j {
            0 => HashMap::new(),
            _ => close_to(j).into_iter().collect(),
        })
        .collect();
    let mut out: Vec<(usize, u8)> = Vec::new();
    for &(f, d0) in &first {
        for &(cand, pos) in v.occurrences(f as usize) {
            let cand = cand as usize;
            if pos == JOINED {
                // The whole name as one word: only a one-word query.
                if last == 0 {
                    out.push((cand, d0));
                }
                continue;
            }
            let ws = v.words_of(cand);
            let p = usize::from(pos);
            let mut total = d0;
            let ok = (1..=last).all(|j| {
                let d = ws.get(p + j).and_then(|f| close[j].get(f));
                d.map(|d| total = total.saturating_add(*d)).is_some()
            });
            if ok {
                out.push((cand, total));
            }
        }
    }
    // Several query words written as one candidate word, or the other way
    // round: the joined forms, without edits.
    if last > 0 && joined.len() >= MIN_QUERY {
        for (f, _) in v.close(joined, 0, prefix) {
            for &(cand, pos) in v.occurrences(f as usize) {
                let single = v.words_of(cand as usize).len() == 1;
                if pos == JOINED || (pos == 0 && single) {
                    out.push((cand as usize, 0));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index's folding gives [`forms`]'s forms, one string after another
    /// in the same buffers.
    #[test]
    fn flat_forms_equal_the_straightforward_ones() {
        let mut f = FlatForms::default();
        for s in [
            "غورباتشوف",
            "ميخائيل غورباتشوف",
            "  بيونغ   يانغ ",
            "الصين",
            "gorbatchev",
            "kim jong un",
            "poutine",
            "tschernenko x",
            "rt روسيا",
            "1990s",
            "",
            " ",
            "a",
        ] {
            let chars: Vec<char> = crate::search::fold(s).chars().collect();
            let want = forms(&chars);
            f.fold(&chars);
            let got = |r: &Range<usize>| f.chars[r.clone()].to_vec();
            let words: Vec<Vec<char>> = f.words.iter().map(got).collect();
            let keys: Vec<Vec<char>> = f.keys.iter().map(got).collect();
            assert_eq!(words, want.words, "{s:?}");
            assert_eq!(got(&f.joined), want.joined, "{s:?}");
            assert_eq!(keys, want.keys, "{s:?}");
            assert_eq!(got(&f.joined_key), want.joined_key, "{s:?}");
        }
    }
}
