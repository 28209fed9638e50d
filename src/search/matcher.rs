//! Ranked matching of a query against names, aliases, Latin spellings and
//! eras (labels, years, decades).
//!
//! Results come in tiers ([`Match`]): exact, prefix of a word, fuzzy
//! subsequence, spelling variant, typo. Inside a tier, the fewest edits
//! first (a cross-script variant counts as one), then the most mentioned
//! target, then the fuzzy score, the shorter string and dataset order.
//! Variants and typos come from [`super::words`]; the rest from the fuzzy pass.
//! Below these come the matches of part of the query, words one by one
//! ([`super::bag`]) and notes ([`super::notes`]), and a query read on the
//! other keyboard layout says so ([`super::reading`]).
//!
//! Scores are skim's (`SkimMatcherV2`, case ignored): [`super::skim`] has a
//! transcription of its two-row scoring pass that works on characters and
//! bonuses prepared once at build time, with no allocation per candidate, so
//! one keystroke over 100,000 entities fits in a frame. A bit mask of each
//! candidate's characters skips, before any scoring, the candidates that lack
//! one of the query's characters (skim rejects those too). Long pools are
//! scored on two threads, split at a target boundary, so results stay the
//! same. Highlights (positions) still come from skim itself, for the few hits shown.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;

pub(crate) use super::candidates::{Candidate, Candidates, candidates};
use super::candidates::{Shape, eligible, small};
use super::letters::{CodedText, Letter, Letters};
use super::normalize::{Scripts, normalize};
use super::rank::keep_top;
pub(crate) use super::rank::{Best, Source, best_per_target, merge_by_target};
pub(crate) use super::skim::fresh_skim;
use super::skim::{Scratch, mask_of, push_bonuses, skim_score};
use super::words::{WordQuery, Words};
use crate::data::Dataset;

/// What a result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Index into `Dataset::entities`.
    Entity(usize),
    /// Index into `Dataset::eras`.
    Era(usize),
}

/// Which string of the target matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The entity's displayed name.
    Name,
    Alias(usize),
    Latin(usize),
    /// The era's label (its displayed name).
    Label,
    /// The era's years, e.g. `1945-1948`.
    Years,
    /// The era's id (an ASCII slug).
    EraId,
    /// A decade the era covers, e.g. `1990s` or `nineties`.
    Decade(usize),
    /// The entity's note (its words only: see [`Match::Note`]).
    Note,
}

/// Why a result matched: the ranking's tiers, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The whole (folded) string is the query.
    Exact,
    /// The query starts the string or one of its words.
    Prefix,
    /// The query's letters appear in order (skim's fuzzy subsequence).
    Fuzzy,
    /// Another accepted spelling: variant letters, long vowels written or
    /// not, words split or joined, or the name in the other script.
    Variant,
    /// Within a few typing mistakes, word by word.
    Typo,
    /// Some of the query's words, the others dropped (see [`super::bag`]).
    Partial,
    /// Words of the entity's note, whole (see [`super::notes`]).
    Note,
    /// The query read as typed on the other keyboard layout (see
    /// [`super::layout`]): every hit of that reading says so.
    Layout,
}

impl Match {
    /// The name used in `search --json`.
    pub fn name(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::Prefix => "prefix",
            Match::Fuzzy => "fuzzy",
            Match::Variant => "variant",
            Match::Typo => "typo",
            Match::Partial => "partial",
            Match::Note => "note",
            Match::Layout => "layout",
        }
    }

    /// What ranks first: the tier, except that a note match ranks with the
    /// partial matches (by the words missing, then a name before a note).
    pub(crate) fn class(self) -> Match {
        match self {
            Match::Note => Match::Partial,
            m => m,
        }
    }

    /// A guess at what the reader meant, rather than what they typed.
    pub fn is_guess(self) -> bool {
        !matches!(self, Match::Exact | Match::Prefix | Match::Fuzzy)
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// Why it matched.
    pub kind: Match,
    /// Fuzzy score (higher is better; 0 for the empty query).
    pub score: i64,
    /// The string that matched best.
    pub field: Field,
    /// Byte ranges of the matched characters in the original text of `field`
    /// (for `Name` and `Label`: the displayed name), merged where adjacent.
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges to highlight in the target's displayed name (entity name
    /// or era label): `highlights` when the name matched, else the query
    /// matched against the name on its own (empty when it does not match).
    pub name_highlights: Vec<Range<usize>>,
    /// Bytes of the typed query that this result did not match: the words
    /// dropped (empty when it matched the whole query).
    pub dropped: Vec<Range<usize>>,
}

/// What [`Table::entity_group`] keeps for an entity without candidates.
const NO_GROUP: (u32, u32) = (u32::MAX, u32::MAX);

/// Pools at least this long are scored on two threads.
const PARALLEL_MIN: usize = 20_000;

/// Every candidate, with what scoring needs laid out flat (the default: none).
#[derive(Default)]
pub(crate) struct Table {
    /// Every candidate, its original and its folded characters (its
    /// shapes moved to `hot`).
    cands: Candidates,
    /// skim's in-place bonus for each of `chars` (word starts and so on).
    bonus: Vec<i8>,
    /// What scanning reads of each candidate, packed (the candidates
    /// themselves are large and would cost a cache miss each).
    hot: Vec<Shape>,
    /// Mentions of each target, by target number (`Hot::group`).
    mentions: Vec<u32>,
    /// The target of each target number.
    groups: Vec<Target>,
    /// Each entity's target number and first candidate ([`NO_GROUP`] for
    /// an entity without candidates).
    entity_groups: Vec<(u32, u32)>,
    words: Words,
    pub(crate) notes: super::notes::Notes,
}

/// A folded query, prepared once per keystroke.
struct Query {
    text: String,
    chars: Vec<char>,
    /// `chars` in the candidates' codes.
    coded: Vec<u16>,
    mask: u64,
    scripts: Scripts,
    year: Option<i32>,
    /// The query's score against itself: what a year inside an era's span
    /// gets (computed for years only: it is quadratic in the query).
    exact: i64,
}

impl Query {
    fn new(query: &str, letters: &CodedText) -> Query {
        let text = normalize(query).text;
        let chars: Vec<char> = text.chars().collect();
        let coded = letters.code(&chars);
        let year = text.parse::<i32>().ok().filter(|_| text.len() == 4);
        let exact = if year.is_some() {
            let mut bonus = Vec::with_capacity(chars.len());
            push_bonuses(&chars, &mut bonus);
            skim_score(&chars, &bonus, &chars, &mut Scratch::default()).unwrap_or(0)
        } else {
            0
        };
        Query {
            mask: mask_of(&text),
            scripts: Scripts::of(&text),
            year,
            exact,
            chars,
            coded,
            text,
        }
    }
}

impl Table {
    pub(crate) fn build(data: &Dataset) -> Table {
        let mut cands = candidates(data);
        let hot = std::mem::take(&mut cands.shapes);
        let mut bonus = Vec::with_capacity(cands.text.len());
        let mut groups = Vec::new();
        let mut entity_groups = vec![NO_GROUP; data.entities.len()];
        let mut chars = Vec::new();
        for (ci, (c, s)) in cands.list.iter().zip(&hot).enumerate() {
            cands.text.decode(s.range(), &mut chars);
            push_bonuses(&chars, &mut bonus);
            let group = s.group();
            if groups.len() == group {
                groups.push(c.target);
                if let Target::Entity(e) = c.target
                    && let Some(slot) = entity_groups.get_mut(e)
                {
                    *slot = (small(group), small(ci));
                }
            }
        }
        groups.shrink_to_fit();
        let mut table = Table {
            bonus,
            hot,
            mentions: Vec::new(),
            groups,
            entity_groups,
            words: Words::default(),
            notes: super::notes::Notes::build(data),
            cands,
        };
        table.words = Words::build(table.folded_all());
        table.mentions = vec![0; table.groups.len()];
        table
    }

    /// Whether the candidates' letters are kept as codes.
    #[cfg(test)]
    pub(crate) fn letters_coded(&self) -> bool {
        matches!(self.cands.text.letters(), Letters::Coded(_))
    }

    /// Build the cross-script keys now rather than on the first query that
    /// needs them.
    pub(crate) fn prepare_keys(&self) {
        self.words.prepare_keys(|| self.folded_all());
    }

    /// Every candidate's folded characters and scripts, in candidate order.
    fn folded_all(&self) -> impl ExactSizeIterator<Item = (Vec<char>, Scripts)> {
        self.hot.iter().map(|h| {
            let mut chars = Vec::with_capacity(h.len());
            self.cands.text.decode(h.range(), &mut chars);
            (chars, h.scripts)
        })
    }

    /// Set each target's mention count (a ranking key inside a tier).
    pub(crate) fn set_mentions(&mut self, count: impl Fn(Target) -> usize) {
        self.mentions = self
            .groups
            .iter()
            .map(|&t| u32::try_from(count(t)).unwrap_or(u32::MAX))
            .collect();
    }

    /// The mention count of a target number.
    fn mentions_of(&self, group: usize) -> usize {
        self.mentions.get(group).map_or(0, |&n| n as usize)
    }

    pub(crate) fn candidates(&self) -> &[Candidate] {
        &self.cands.list
    }

    /// The original of a candidate (what highlights index into).
    pub(crate) fn original(&self, c: &Candidate) -> &str {
        self.cands.original(c)
    }

    /// The folded characters of a candidate in `letters` (the candidates'
    /// letters) and their bonuses.
    fn choice<'a, L>(&'a self, letters: &'a [L], h: &Shape) -> (&'a [L], &'a [i8]) {
        let range = h.range();
        match (letters.get(range.clone()), self.bonus.get(range)) {
            (Some(c), Some(b)) => (c, b),
            _ => (&[], &[]),
        }
    }

    /// Score every eligible candidate of `pool` (all when `None`) against
    /// the whole (folded) query; then, while fewer than `limit` targets
    /// matched, the variants and typos. One best entry per target, in target
    /// order; every candidate the fuzzy pass matched (the pool for a query
    /// that extends this one); and the query's normalized text. Without
    /// `typos`: variants only, no edits and no cross-script keys.
    pub(crate) fn whole(
        &self,
        pool: Option<&[usize]>,
        query: &str,
        limit: usize,
        typos: bool,
    ) -> (Vec<Best>, Vec<usize>, String) {
        let q = Query::new(query, &self.cands.text);
        let (mut best, matched) = self.scan_split(&q, pool);
        // Variants and typos rank below every fuzzy hit: with `limit`
        // targets matched already, none of them could be shown.
        let room = best.len() < limit;
        if let Some(mut wq) = WordQuery::new(&q.chars, q.scripts).filter(|_| room) {
            if !typos {
                wq.without_edits();
            }
            let found = !best.is_empty() || !typos;
            let guesses = self
                .words
                .matches(&wq, found, || self.folded_all())
                .into_iter()
                .filter_map(|m| {
                    let h = self.hot.get(m.cand)?;
                    let tier = if m.is_typo() {
                        Match::Typo
                    } else {
                        Match::Variant
                    };
                    Some(Best::whole(tier, m.cost, 0, h.len(), m.cand, h.group()))
                });
            best = merge_by_target(best, best_per_target(guesses));
        }
        (best, matched, q.text)
    }

    /// Keep the `limit` best of `best`, best first.
    pub(crate) fn top(&self, best: &mut Vec<Best>, limit: usize) {
        keep_top(best, limit, |g| self.mentions_of(g));
    }

    /// Length in characters and target number of a candidate.
    pub(crate) fn shape(&self, ci: usize) -> Option<(usize, usize)> {
        self.hot.get(ci).map(|h| (h.len(), h.group()))
    }

    pub(crate) fn words(&self) -> &Words {
        &self.words
    }

    /// The target number of an entity and its first candidate, if it has any.
    pub(crate) fn entity_group(&self, entity: usize) -> Option<(usize, usize)> {
        let &(group, first) = self.entity_groups.get(entity)?;
        ((group, first) != NO_GROUP).then_some((group as usize, first as usize))
    }

    /// [`Table::scan`] over the pool, on two threads when it is long. The
    /// pool is cut at a target boundary, so the halves' results concatenate
    /// to exactly what one pass would give.
    fn scan_split(&self, q: &Query, pool: Option<&[usize]>) -> (Vec<Best>, Vec<usize>) {
        let n = pool.map_or(self.hot.len(), <[usize]>::len);
        let id = |k: usize| pool.map_or(k, |p| p[k]);
        if n < PARALLEL_MIN {
            return self.scan(q, (0..n).map(id));
        }
        let target = |k: usize| self.hot.get(id(k)).map(|h| h.group());
        let mut mid = n / 2;
        while mid < n && target(mid) == target(mid - 1) {
            mid += 1;
        }
        std::thread::scope(|s| {
            let second =
                std::thread::Builder::new().spawn_scoped(s, || self.scan(q, (mid..n).map(id)));
            let (mut best, mut matched) = self.scan(q, (0..mid).map(id));
            let (b, m) = match second {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                // No thread to be had: do the second half here.
                Err(_) => self.scan(q, (mid..n).map(id)),
            };
            best.extend(b);
            matched.extend(m);
            (best, matched)
        })
    }

    /// Score the candidates `ids` (ascending): each target's best, and every
    /// candidate that matched.
    fn scan(&self, q: &Query, ids: impl Iterator<Item = usize>) -> (Vec<Best>, Vec<usize>) {
        let mut scratch = Scratch::default();
        let mut best: Vec<Best> = Vec::new();
        let mut matched = Vec::new();
        let mut last_group = None;
        for ci in ids {
            let Some(h) = self.hot.get(ci) else { continue };
            if !eligible(h.scripts, q.scripts) {
                continue;
            }
            let Some((score, inside)) = self.score(ci, h, q, &mut scratch) else {
                continue;
            };
            matched.push(ci);
            let entry = Best::whole(self.tier(h, q, inside), 0, score, h.len(), ci, h.group());
            // Candidates of one target are contiguous: keep the best of each.
            if last_group == Some(h.group())
                && let Some(b) = best.last_mut()
            {
                if entry.own_key() < b.own_key() {
                    *b = entry;
                }
            } else {
                best.push(entry);
                last_group = Some(h.group());
            }
        }
        (best, matched)
    }

    /// The fuzzy score; a year inside an era's span scores as an exact
    /// match of it (and says so).
    fn score(&self, ci: usize, h: &Shape, q: &Query, scratch: &mut Scratch) -> Option<(i64, bool)> {
        // A query character missing from the candidate: skim would say no.
        let fuzzy = if q.mask & !h.mask == 0 {
            match self.cands.text.letters() {
                Letters::Coded(all) => {
                    let (codes, bonus) = self.choice(all, h);
                    skim_score(codes, bonus, &q.coded, scratch)
                }
                Letters::Plain(all) => {
                    let (chars, bonus) = self.choice(all, h);
                    skim_score(chars, bonus, &q.chars, scratch)
                }
            }
        } else {
            None
        };
        let inside = q
            .year
            .is_some_and(|y| self.cands.span(ci).is_some_and(|(s, e)| s <= y && y <= e));
        if inside {
            return Some((fuzzy.map_or(q.exact, |f| f.max(q.exact)), true));
        }
        fuzzy.map(|f| (f, false))
    }

    /// The tier of a candidate the fuzzy pass matched.
    fn tier(&self, h: &Shape, q: &Query, inside: bool) -> Match {
        match self.cands.text.letters() {
            Letters::Coded(all) => tier_of(self.choice(all, h).0, &q.coded, inside),
            Letters::Plain(all) => tier_of(self.choice(all, h).0, &q.chars, inside),
        }
    }

    pub(crate) fn hit(&self, ci: usize, score: i64, q: &str, kind: Match) -> Hit {
        let cands = &self.cands.list;
        let c = &cands[ci];
        let highlights = self.positions(c, q);
        let name_highlights = if matches!(c.field, Field::Name | Field::Label) {
            highlights.clone()
        } else {
            // The name is the first candidate of its target.
            let name = cands[..ci]
                .iter()
                .rev()
                .take_while(|n| n.target == c.target)
                .last();
            let name = name.filter(|n| matches!(n.field, Field::Name | Field::Label));
            name.map(|n| self.positions(n, q)).unwrap_or_default()
        };
        Hit {
            target: c.target,
            kind,
            score,
            field: c.field,
            highlights,
            name_highlights,
            dropped: Vec::new(),
        }
    }

    /// [`Table::hit`] for a match of some of the query's words, one by one:
    /// the letters of each word skim finds are highlighted.
    pub(crate) fn hit_words(&self, ci: usize, words: &[&str], kind: Match) -> Hit {
        let mut hit = self.hit(ci, 0, "", kind);
        let Some(c) = self.cands.list.get(ci) else {
            return hit;
        };
        hit.highlights = self.word_positions(c, words);
        hit.name_highlights = if matches!(c.field, Field::Name | Field::Label) {
            hit.highlights.clone()
        } else {
            let name = self.cands.list[..ci]
                .iter()
                .rev()
                .take_while(|n| n.target == c.target)
                .last()
                .filter(|n| matches!(n.field, Field::Name | Field::Label));
            name.map(|n| self.word_positions(n, words))
                .unwrap_or_default()
        };
        hit
    }

    fn positions(&self, c: &Candidate, q: &str) -> Vec<Range<usize>> {
        self.word_positions(c, &[q])
    }

    /// Highlights of each of `words` matched on its own, merged.
    fn word_positions(&self, c: &Candidate, words: &[&str]) -> Vec<Range<usize>> {
        let norm = normalize(self.cands.original(c));
        let mut p: Vec<usize> = words
            .iter()
            .filter(|w| !w.is_empty())
            .filter_map(|w| fresh_skim().fuzzy_indices(&norm.text, w))
            .flat_map(|(_, p)| p)
            .collect();
        p.sort_unstable();
        p.dedup();
        norm.source_of_positions(&p)
    }
}

/// The tier of a fuzzy match of `q` in `chars` (`inside`: a year inside
/// the era's span, which counts as exact).
pub(crate) fn tier_of<L: Letter>(chars: &[L], q: &[L], inside: bool) -> Match {
    if inside || chars == q {
        return Match::Exact;
    }
    let word_start = |i: usize| i == 0 || chars[i - 1].is_space();
    if (0..chars.len()).any(|i| word_start(i) && chars[i..].starts_with(q)) {
        return Match::Prefix;
    }
    Match::Fuzzy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Entity, EntityKind, Meta};

    /// Past [`PARALLEL_MIN`] candidates the scan runs in two halves, cut
    /// between targets: it gives what one pass gives, even when a target's
    /// names straddle the middle.
    #[test]
    fn split_scan_equals_one_pass() {
        let entity = |i: usize| Entity {
            id: format!("e{i}"),
            kind: EntityKind::Person,
            name: format!("كيم {i}"),
            aliases: vec![format!("كيمو {i}")],
            latin: vec![format!("Kim {i}")],
            note: String::new(),
        };
        let data = Dataset {
            schema: 1,
            meta: Meta::minimal("t", "s", "ar"),
            eras: Vec::new(),
            related: Vec::new(),
            entities: (0..PARALLEL_MIN / 2 + 1).map(entity).collect(),
        };
        let t = Table::build(&data);
        let n = t.hot.len();
        // A pool without every fifth candidate, as a narrowed query has.
        let pool: Vec<usize> = (0..n).filter(|k| k % 5 != 0).collect();
        assert!(pool.len() >= PARALLEL_MIN);
        let group = |k: usize| t.hot[k].group();
        assert_eq!(
            group(n / 2),
            group(n / 2 - 1),
            "the middle is inside a target"
        );
        let m = pool.len() / 2;
        assert_eq!(group(pool[m]), group(pool[m - 1]), "the pool's too");
        for query in ["كيم", "kim 4", "كيمو 6666", "6"] {
            let q = Query::new(query, &t.cands.text);
            let one = t.scan(&q, 0..n);
            assert_eq!(t.scan_split(&q, None), one, "{query}");
            let narrowed = t.scan(&q, pool.iter().copied());
            assert_eq!(t.scan_split(&q, Some(&pool)), narrowed, "{query}");
            for (best, _) in [one, narrowed] {
                let targets: Vec<usize> = best.iter().map(|b| b.group).collect();
                assert!(targets.windows(2).all(|w| w[0] < w[1]), "{query}");
            }
        }
    }
}
