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
use std::ops::Range;
use std::sync::OnceLock;

use super::normalize::Scripts;
use super::typo::allowed_edits;
use super::variants::{key, skeleton};
use super::vocab::{JOINED, Vocab, VocabBuilder};

/// What a cross-script match costs (more than a direct variant, so a name
/// found in its own script ranks first).
pub const CROSS_SCRIPT_COST: u8 = 1;

/// Most query words compared (a name has fewer; a longer query is not a name).
pub const MAX_WORDS: usize = 8;

/// Queries shorter than this (in folded characters) match only directly.
pub const MIN_QUERY: usize = 3;

/// The variant and cross-script vocabularies of every candidate.
#[derive(Debug, Default)]
pub(crate) struct Words {
    skeletons: Vocab,
    /// Built on the first query that needs them (one that matches nothing
    /// directly): most never do.
    keys: OnceLock<Keys>,
}

/// Keys of the candidates written in Arabic only, and of those in Latin
/// letters only (a query's keys are looked up in the other script's).
#[derive(Debug, Default)]
struct Keys {
    arabic: Vocab,
    latin: Vocab,
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
    /// Fold `folded` both ways (the skeletons and the keys).
    #[cfg(test)]
    fn fold(&mut self, folded: &[char]) {
        self.fold_skeletons(folded);
        self.fold_keys();
    }

    /// Cut `folded` into words and fold them (and the joined form) to
    /// skeletons; the keys are left empty.
    fn fold_skeletons(&mut self, folded: &[char]) {
        self.cut(folded);
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
    }

    /// Cut `folded` into words and fold them (and the joined form) to keys;
    /// the skeletons are left empty.
    fn fold_only_keys(&mut self, folded: &[char]) {
        self.cut(folded);
        self.fold_keys();
    }

    /// Empty every buffer and cut `folded` into its words.
    fn cut(&mut self, folded: &[char]) {
        self.plain.clear();
        self.bounds.clear();
        self.chars.clear();
        self.words.clear();
        self.keys.clear();
        self.joined = 0..0;
        self.joined_key = 0..0;
        for w in plain(folded) {
            let at = self.plain.len();
            self.plain.extend_from_slice(w);
            self.bounds.push(at..self.plain.len());
        }
    }

    /// The keys of the words cut by the last fold.
    fn fold_keys(&mut self) {
        self.keys.clear();
        let one = self.bounds.len() == 1;
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
    /// Fold and file every candidate's skeletons (`folded`: each
    /// candidate's folded letters and scripts, in candidate order); the
    /// cross-script keys wait for [`Words::matches`] to need them.
    pub(crate) fn build<C: AsRef<[char]>>(folded: impl Iterator<Item = (C, Scripts)>) -> Words {
        // Room for two forms a candidate (a word and the joined form).
        let mut sk = VocabBuilder::with_capacity(2 * folded.size_hint().0);
        let mut f = FlatForms::default();
        for (chars, _) in folded {
            f.fold_skeletons(chars.as_ref());
            sk.candidate(&f.chars, &f.words, f.joined.clone());
        }
        Words {
            skeletons: sk.finish(),
            keys: OnceLock::new(),
        }
    }

    /// The cross-script keys, built from `folded` (as for [`Words::build`])
    /// the first time.
    fn keys<C, I>(&self, folded: impl FnOnce() -> I) -> &Keys
    where
        I: Iterator<Item = (C, Scripts)>,
        C: AsRef<[char]>,
    {
        self.keys.get_or_init(|| Keys::build(folded()))
    }

    /// Build the cross-script keys now (from `folded`, as for
    /// [`Words::build`]), if not yet built.
    pub(crate) fn prepare_keys<C, I>(&self, folded: impl FnOnce() -> I)
    where
        I: Iterator<Item = (C, Scripts)>,
        C: AsRef<[char]>,
    {
        self.keys(folded);
    }

    /// Whether the skeletons' letters are kept as codes.
    #[cfg(test)]
    pub(crate) fn letters_coded(&self) -> bool {
        self.skeletons.letters_coded()
    }

    /// Whether the cross-script keys have been built.
    #[cfg(test)]
    pub(crate) fn has_keys(&self) -> bool {
        self.keys.get().is_some()
    }

    /// Every candidate the query matches by variant or typo, each once
    /// with its fewest edits, in candidate order. Only when nothing
    /// matched at all (`found`: the fuzzy pass found something), the
    /// candidates it matches across scripts.
    /// `folded` gives every candidate's folded letters and scripts, for the
    /// keys when they are needed first.
    pub(crate) fn matches<C, I>(
        &self,
        q: &WordQuery,
        found: bool,
        folded: impl FnOnce() -> I,
    ) -> Vec<WordMatch>
    where
        I: Iterator<Item = (C, Scripts)>,
        C: AsRef<[char]>,
    {
        let words: Vec<(&[char], u8)> = q.words.iter().map(|(w, k)| (w.as_slice(), *k)).collect();
        let direct = along(&self.skeletons, &words, &q.joined, true);
        let keys: Vec<(&[char], u8)> = q.keys.iter().map(|k| (k.as_slice(), 0)).collect();
        let cross = !found && direct.is_empty() && keys.iter().all(|k| k.0.len() >= 2);
        let mut all: Vec<WordMatch> = if cross {
            let built = self.keys(folded);
            let other = if q.arabic {
                &built.latin
            } else {
                &built.arabic
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
            for (cand, pos) in v.occurrences(f as usize) {
                if pos != JOINED {
                    out.push((cand as usize, d));
                }
            }
        }
        out
    }
}

impl Keys {
    /// File every candidate's keys: those in Arabic only in `arabic`, those
    /// in Latin letters only in `latin` (every candidate has its place in
    /// both, empty in one).
    fn build<C: AsRef<[char]>>(folded: impl Iterator<Item = (C, Scripts)>) -> Keys {
        // Room for a key of each Arabic candidate and of half as many Latin ones.
        let n = folded.size_hint().0;
        let (mut ar, mut la) = (
            VocabBuilder::with_capacity(n),
            VocabBuilder::with_capacity(n / 2),
        );
        let mut f = FlatForms::default();
        for (chars, scripts) in folded {
            f.fold_only_keys(chars.as_ref());
            let (for_ar, for_la) = match (scripts.arabic, scripts.latin) {
                (true, false) => (&f.keys[..], &[][..]),
                (false, true) => (&[][..], &f.keys[..]),
                _ => (&[][..], &[][..]),
            };
            ar.candidate(&f.chars, for_ar, f.joined_key.clone());
            la.candidate(&f.chars, for_la, f.joined_key.clone());
        }
        Keys {
            arabic: ar.finish(),
            latin: la.finish(),
        }
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
        for (cand, pos) in v.occurrences(f as usize) {
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
            for (cand, pos) in v.occurrences(f as usize) {
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

    /// The cross-script keys are built by the first query that matches
    /// nothing directly, not before, and then find the other script's names.
    #[test]
    fn keys_wait_for_a_query_that_needs_them() {
        let names = ["غورباتشوف", "بوتين", "kim jong un"];
        let folded: Vec<Vec<char>> = names
            .iter()
            .map(|s| crate::search::fold(s).chars().collect())
            .collect();
        let all = || {
            folded
                .iter()
                .map(|f| (f.as_slice(), Scripts::of(&f.iter().collect::<String>())))
        };
        let words = Words::build(all());
        assert!(!words.has_keys());
        let query = |s: &str| {
            let f: Vec<char> = crate::search::fold(s).chars().collect();
            let scripts = Scripts::of(&f.iter().collect::<String>());
            WordQuery::new(&f, scripts)
        };
        let q = query("kim jong").map(|q| words.matches(&q, false, all));
        let cands = q.map(|m| m.iter().map(|m| m.cand).collect::<Vec<_>>());
        assert_eq!(cands, Some(vec![2]));
        // Found by the fuzzy pass: no look across scripts.
        let found = query("gorbatshof").map(|q| words.matches(&q, true, all));
        assert_eq!(found.map(|m| m.is_empty()), Some(true));
        assert!(!words.has_keys(), "no query so far needed the keys");
        let cross = query("gorbatshof").map(|q| words.matches(&q, false, all));
        let cands: Option<Vec<(usize, bool)>> =
            cross.map(|m| m.iter().map(|m| (m.cand, m.cross_script)).collect());
        assert_eq!(cands, Some(vec![(0, true)]));
        assert!(words.has_keys());
    }
}
