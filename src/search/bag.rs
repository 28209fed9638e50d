//! A query's words one by one: words in any order, and words dropped.
//!
//! A query of several words is first matched whole (the tiers of
//! [`super::matcher`]). Then each of its words is looked for on its own, in
//! every word of every candidate: within the word's allowed edits on the
//! variant skeleton ([`super::typo::allowed_edits`]), the last query word as
//! a prefix (it may still be being typed) when its skeleton has
//! [`MIN_PREFIX`] letters. A candidate where every query word
//! is found, in any order, is a variant (a typo when a word needed edits)
//! with [`ORDER_COST`] more edits than its words needed. A candidate where
//! only some of the words that count are found is a partial match
//! ([`Match::Partial`]): the fewer such words are missing, the better, and
//! the words of its entity's note count as found (`الرئيس الروسي بوتين`:
//! Putin's name has بوتين, his note رئيس روسيا). Stop
//! words ([`super::query::STOP_WORDS`]) never count: a stop word found is not
//! a reason to match, one missing costs nothing.
//!
//! None of this applies to a query shorter than [`MIN_CHARS`] folded
//! characters: short queries are matched whole, as they always were.

use super::matcher::{Best, Match, Source, Table, Target, best_per_target};
use super::query::Understood;
use super::typo::allowed_edits;
use super::variants::skeleton;
use super::words::MAX_WORDS;

/// What a match of every word in another order costs, in edits.
pub const ORDER_COST: u8 = 1;

/// Queries shorter than this (folded characters, spaces included) are
/// matched whole only: no words dropped, no words in another order, no notes.
pub const MIN_CHARS: usize = 4;

/// Skeleton letters a last word needs to be matched as a prefix.
pub const MIN_PREFIX: usize = 3;

/// One word of a query, prepared for matching on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub folded: String,
    pub skeleton: Vec<char>,
    pub edits: u8,
    /// The last word, if its skeleton has [`MIN_PREFIX`] letters or more:
    /// matched as a prefix (a shorter one would start too many words).
    pub prefix: bool,
    pub stop: bool,
    /// Long enough to match on its own: two letters or more, and a
    /// skeleton that keeps a third of them (`qqqq` folds to `k`).
    pub matchable: bool,
}

impl QueryWord {
    /// A word that counts: it can match, and it is not a stop word.
    pub fn counts(&self) -> bool {
        self.matchable && !self.stop
    }

    /// A word that counts and may match a note's word: its skeleton has
    /// [`MIN_PREFIX`] letters or more (notes are free text: `رصاص` folds
    /// to `رس`, which is also `رئيس`).
    pub fn counts_in_notes(&self) -> bool {
        self.counts() && self.skeleton.len() >= MIN_PREFIX
    }
}

/// The words of `u` prepared for matching one by one, or `None` when the
/// query is too short for it ([`MIN_CHARS`]) or has more than
/// [`MAX_WORDS`] words.
pub fn query_words(u: &Understood) -> Option<Vec<QueryWord>> {
    let n = u.words.len();
    if n == 0 || n > MAX_WORDS || u.folded().chars().count() < MIN_CHARS {
        return None;
    }
    let words = u.words.iter().enumerate().map(|(i, w)| {
        let chars: Vec<char> = w.folded.chars().collect();
        let mut sk = Vec::new();
        skeleton(&chars, &mut sk);
        QueryWord {
            edits: allowed_edits(chars.len().min(sk.len())),
            prefix: i + 1 == n && sk.len() >= MIN_PREFIX,
            stop: w.stop,
            matchable: chars.len() >= 2 && !sk.is_empty() && 3 * sk.len() >= chars.len(),
            skeleton: sk,
            folded: w.folded.clone(),
        }
    });
    Some(words.collect())
}

/// The bits of the words that count.
pub fn counting(words: &[QueryWord]) -> u32 {
    bits(words, QueryWord::counts)
}

fn bits(words: &[QueryWord], pick: impl Fn(&QueryWord) -> bool) -> u32 {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| pick(w))
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// How a candidate matched, from the words it has (`mask`), their edits
/// (`edits[i]` for word `i`) and the words its entity's note has (`note`):
/// `(tier, dropped, cost)`, or `None` when it has no word that counts. Every
/// word in the candidate: a variant or typo in another order. Some: a
/// partial match, the note's words counted as found too.
pub fn judge(words: &[QueryWord], mask: u32, edits: &[u8], note: u32) -> Option<(Match, u8, u8)> {
    let all = bits(words, |_| true);
    let counting = counting(words);
    let sum = |of: u32| -> u8 {
        edits
            .iter()
            .enumerate()
            .filter(|(i, _)| of & (1 << i) != 0)
            .fold(0u8, |s, (_, &d)| s.saturating_add(d))
    };
    if words.len() > 1 && mask == all {
        let cost = sum(all);
        let tier = if cost == 0 {
            Match::Variant
        } else {
            Match::Typo
        };
        return Some((tier, 0, cost.saturating_add(ORDER_COST)));
    }
    let found = mask & counting;
    if found == 0 {
        return None;
    }
    let dropped = (counting & !(mask | note)).count_ones() as u8;
    Some((Match::Partial, dropped, sum(found)))
}

impl Table {
    /// Each candidate's match of the query's words one by one (a query of
    /// two words or more), the best per target, in target order.
    /// `notes`: each entity's note words ([`Table::note_masks`]).
    pub(crate) fn bag_best(&self, words: &[QueryWord], notes: &[(usize, u32)]) -> Vec<Best> {
        if words.len() < 2 {
            return Vec::new();
        }
        let note_of = |ci: usize| match self.candidates().get(ci).map(|c| c.target) {
            Some(Target::Entity(e)) => notes
                .binary_search_by_key(&e, |n| n.0)
                .map_or(0, |k| notes[k].1),
            _ => 0,
        };
        let n = self.candidates().len();
        // Per candidate: the words found (bits) and each word's least edits.
        let mut mask = vec![0u32; n];
        let mut edits = vec![[0u8; MAX_WORDS]; n];
        let mut touched: Vec<usize> = Vec::new();
        for (i, w) in words.iter().enumerate().filter(|(_, w)| w.matchable) {
            let bit = 1u32 << i;
            for (ci, d) in self
                .words()
                .word_occurrences(&w.skeleton, w.edits, w.prefix)
            {
                let (Some(m), Some(e)) = (mask.get_mut(ci), edits.get_mut(ci)) else {
                    continue;
                };
                if *m == 0 {
                    touched.push(ci);
                }
                if *m & bit == 0 || d < e[i] {
                    e[i] = d;
                }
                *m |= bit;
            }
        }
        touched.sort_unstable();
        let entries = touched.into_iter().filter_map(|ci| {
            let (tier, dropped, cost) = judge(words, mask[ci], &edits[ci], note_of(ci))?;
            let (len, group) = self.shape(ci)?;
            Some(Best {
                tier,
                dropped,
                cost,
                score: 0,
                len,
                ci,
                group,
                words: mask[ci],
                source: Source::Words,
            })
        });
        best_per_target(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<QueryWord> {
        query_words(&Understood::new(q)).unwrap_or_default()
    }

    #[test]
    fn judged_by_the_words_that_count() {
        let w = words("president putin");
        assert!(!w[0].counts() && w[1].counts());
        // Every word, in another order: a variant, one edit more.
        assert_eq!(judge(&w, 0b11, &[0, 0], 0), Some((Match::Variant, 0, 1)));
        assert_eq!(judge(&w, 0b11, &[0, 1], 0), Some((Match::Typo, 0, 2)));
        // The title missing costs nothing; the name missing is all.
        assert_eq!(judge(&w, 0b10, &[0, 0], 0), Some((Match::Partial, 0, 0)));
        assert_eq!(judge(&w, 0b01, &[0, 0], 0b10), None);
        let w = words("korea north");
        assert_eq!(judge(&w, 0b01, &[0, 0], 0), Some((Match::Partial, 1, 0)));
        // The note's words count as found, the name's edits alone as cost.
        assert_eq!(judge(&w, 0b01, &[1, 0], 0b10), Some((Match::Partial, 0, 1)));
        // A title found with an edit costs nothing in a partial match.
        let w = words("president putin moscow");
        assert!(w[2].counts());
        assert_eq!(
            judge(&w, 0b011, &[1, 0, 0], 0),
            Some((Match::Partial, 1, 0))
        );
    }

    #[test]
    fn short_and_long_queries_are_left_whole() {
        assert!(query_words(&Understood::new("a b")).is_none());
        assert!(query_words(&Understood::new("a b c d e f g h i")).is_none());
        let most = "korea north kim jong un putin moscow beijing";
        assert_eq!(most.split(' ').count(), MAX_WORDS);
        assert_eq!(words(most).len(), MAX_WORDS);
        assert!(query_words(&Understood::new("kim un")).is_some());
        // One letter never matches on its own.
        assert!(!words("korea n")[1].matchable);
    }
}
