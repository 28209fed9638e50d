//! Ranking: one best entry per target, and the order of the results
//! (tier, words dropped, edits, mentions, score, length, dataset order).

use std::cmp::Reverse;

use super::matcher::Match;

/// One target's best candidate: how it matched, its edits, fuzzy score
/// (0 when not fuzzy), length in chars, index, and its target's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Best {
    pub tier: Match,
    /// Words of the query that count and were not matched (partial and note matches).
    pub dropped: u8,
    pub cost: u8,
    pub score: i64,
    pub len: usize,
    pub ci: usize,
    pub group: usize,
    /// The query's words it matched, a bit each ([`ALL_WORDS`]: the whole query).
    pub words: u32,
    pub source: Source,
}

/// What a [`Best`] matched: the whole query, its words one by one, or the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    Whole,
    Words,
    Note,
}

/// [`Best::words`] of a match of the whole query.
pub(crate) const ALL_WORDS: u32 = u32::MAX;

impl Best {
    /// A match of the whole query.
    pub(crate) fn whole(
        tier: Match,
        cost: u8,
        score: i64,
        len: usize,
        ci: usize,
        group: usize,
    ) -> Best {
        Best {
            tier,
            dropped: 0,
            cost,
            score,
            len,
            ci,
            group,
            words: ALL_WORDS,
            source: Source::Whole,
        }
    }

    /// Which of one target's candidates wins (smaller is better; equal
    /// keys keep the earlier candidate).
    pub(crate) fn own_key(&self) -> (Match, u8, Match, u8, Reverse<i64>, usize) {
        (
            self.tier.class(),
            self.dropped,
            self.tier,
            self.cost,
            Reverse(self.score),
            self.len,
        )
    }
}

/// The best of each target's entries (`entries` in candidate order).
pub(crate) fn best_per_target(entries: impl Iterator<Item = Best>) -> Vec<Best> {
    let mut out: Vec<Best> = Vec::new();
    for e in entries {
        match out.last_mut() {
            Some(b) if b.group == e.group => {
                if e.own_key() < b.own_key() {
                    *b = e;
                }
            }
            _ => out.push(e),
        }
    }
    out
}

/// Two lists of one best per target, both in target order, merged into
/// one (the better entry where both have a target).
pub(crate) fn merge_by_target(a: Vec<Best>, b: Vec<Best>) -> Vec<Best> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| y.group < x.group) {
            out.push(y);
        }
        match b.next_if(|y| y.group == x.group) {
            Some(y) if y.own_key() < x.own_key() => out.push(y),
            _ => out.push(x),
        }
    }
    out.extend(b);
    out
}

/// Tier class, words dropped, tier, edits, mentions, score, length, candidate.
pub(crate) type RankKey = (
    Match,
    u8,
    Match,
    u8,
    Reverse<usize>,
    Reverse<i64>,
    usize,
    usize,
);

/// The ranking key of a target's best entry (smaller ranks first).
pub(crate) fn rank_key(b: &Best, mentions: usize) -> RankKey {
    (
        b.tier.class(),
        b.dropped,
        b.tier,
        b.cost,
        Reverse(mentions),
        Reverse(b.score),
        b.len,
        b.ci,
    )
}

/// Keep the `limit` best of `best`, sorted best first (a selection, then a
/// sort of what is kept: the order is total, so this equals a full sort).
/// `mentions` gives a target number's mention count.
pub(crate) fn keep_top(best: &mut Vec<Best>, limit: usize, mentions: impl Fn(usize) -> usize) {
    let key = |b: &Best| rank_key(b, mentions(b.group));
    if best.len() > limit {
        if let Some(nth) = limit.checked_sub(1) {
            best.select_nth_unstable_by_key(nth, key);
        }
        best.truncate(limit);
    }
    best.sort_unstable_by_key(key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_rng::Rng;

    #[test]
    fn keep_top_equals_full_sort() {
        let mut rng = Rng(99);
        let tiers = [
            Match::Exact,
            Match::Prefix,
            Match::Fuzzy,
            Match::Variant,
            Match::Typo,
        ];
        let mentions = |g: usize| g % 3;
        for limit in [0, 1, 3, 50, 500] {
            let all: Vec<Best> = (0..300)
                .map(|ci| Best {
                    dropped: rng.below(2) as u8,
                    ..Best::whole(
                        tiers[rng.below(5)],
                        rng.below(2) as u8,
                        rng.below(5) as i64,
                        rng.below(4),
                        ci,
                        ci / 2,
                    )
                })
                .collect();
            let mut want = all.clone();
            want.sort_by_key(|b| rank_key(b, mentions(b.group)));
            want.truncate(limit);
            let mut got = all;
            keep_top(&mut got, limit, mentions);
            assert_eq!(got, want, "limit {limit}");
        }
    }
}
