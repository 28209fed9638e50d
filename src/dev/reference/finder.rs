//! The finder written out from docs/search.md: every candidate string tried
//! against every reading of the query, every entry kept, one best per
//! target, the whole list sorted.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{Scripts, fold};
use super::reading::{QueryWord, Reading, query_words, to_arabic, to_latin};
use super::spelling::{allowed_edits, distance};
use super::strings::{Cand, Forms, NoteWord, candidates, note_words, plain_words};
use crate::data::Dataset;
use crate::search::{Field, Hit, Match, Target};

/// Where an entry came from, in the order that wins a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Whole,
    Words,
    Note,
}

/// One way a candidate matches a reading.
#[derive(Debug, Clone, Copy)]
struct Entry {
    tier: Match,
    dropped: usize,
    cost: usize,
    score: i64,
    ci: usize,
    /// The query words it matched (every bit for the whole query).
    words: u32,
    source: Source,
}

/// The finder over one dataset.
pub struct Finder {
    cands: Vec<Cand>,
    kinds: Vec<crate::data::EntityKind>,
    mentions: Vec<usize>,
    notes: Vec<Vec<NoteWord>>,
    /// Each entity's first string, if it has one.
    first: Vec<Option<usize>>,
}

impl Finder {
    pub fn new(data: &Dataset) -> Finder {
        let mut mentions = vec![0; data.entities.len()];
        for m in super::mentions::find_mentions(data) {
            mentions[m.entity] += 1;
        }
        let cands = candidates(data);
        let mut first = vec![None; data.entities.len()];
        for (ci, c) in cands.iter().enumerate().rev() {
            if let Target::Entity(e) = c.target {
                first[e] = Some(ci);
            }
        }
        Finder {
            first,
            cands,
            kinds: data.entities.iter().map(|e| e.kind).collect(),
            mentions,
            notes: data.entities.iter().map(|e| note_words(&e.note)).collect(),
        }
    }

    /// The ranked hits for `query`, at most `limit`.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let text: String = query.chars().take(256).collect();
        let typed = Reading::typed(&text, false);
        let folded = typed.folded();
        if folded.is_empty() {
            return self.every_entity(limit);
        }
        let direct = |hits: &[Hit]| {
            hits.iter()
                .any(|h| matches!(h.kind, Match::Exact | Match::Prefix | Match::Fuzzy))
        };
        let names_only = |hits: Vec<Hit>| -> Vec<Hit> {
            let named = |h: &Hit| matches!(h.kind, Match::Exact | Match::Prefix);
            hits.into_iter().filter(named).collect()
        };
        let (mut hits, _) = self.read(&typed, limit, true);
        if typed.only_stop_words() {
            return names_only(hits);
        }
        if direct(&hits) {
            return hits;
        }
        let mut understood = typed;
        let clean = Reading::typed(&text, true);
        if clean.folded() != folded && !clean.folded().is_empty() {
            let (other, _) = self.read(&clean, limit, true);
            if clean.only_stop_words() {
                return names_only(other);
            }
            if !other.is_empty() {
                (hits, understood) = (other, clean);
            }
        }
        if direct(&hits) || understood.folded().chars().count() < 3 {
            return hits;
        }
        for chars in to_arabic(&text).into_iter().chain(to_latin(&text)) {
            let slip = Reading::of(&chars, true);
            if slip.folded().is_empty() || slip.only_stop_words() {
                continue;
            }
            let (other, first) = self.read(&slip, limit, false);
            let wins = match first {
                Some((Match::Exact | Match::Prefix, _)) => true,
                Some((Match::Variant | Match::Partial, cost)) => cost == 0,
                _ => false,
            };
            if wins {
                let layout = |h: Hit| Hit {
                    kind: Match::Layout,
                    ..h
                };
                return other.into_iter().map(layout).collect();
            }
        }
        hits
    }

    /// The empty query: every entity by kind, the most mentioned first.
    fn every_entity(&self, limit: usize) -> Vec<Hit> {
        let mut order: Vec<usize> = (0..self.kinds.len()).collect();
        order.sort_by_key(|&e| (self.kinds[e], Reverse(self.mentions[e]), e));
        order.truncate(limit);
        let hit = |e: usize| Hit {
            target: Target::Entity(e),
            kind: Match::Prefix,
            score: 0,
            field: Field::Name,
            highlights: Vec::new(),
            name_highlights: Vec::new(),
            dropped: Vec::new(),
        };
        order.into_iter().map(hit).collect()
    }

    fn mentions_of(&self, t: Target) -> usize {
        match t {
            Target::Entity(e) => self.mentions[e],
            Target::Era(_) => 0,
        }
    }

    /// One reading: the whole query against every candidate, its words one
    /// by one, the notes; the hits and the first one's tier and cost.
    fn read(&self, r: &Reading, limit: usize, typos: bool) -> (Vec<Hit>, Option<(Match, usize)>) {
        let q: Vec<char> = fold(&r.folded()).chars().collect();
        let mut entries = self.whole(&q, typos);
        let words = query_words(r, typos);
        if q.len() >= 4 && !words.is_empty() {
            entries.extend(self.by_words(&words));
            entries.extend(self.by_notes(&words));
        }
        // One per target: the best, the whole query's before the words'
        // before the note's on a tie, then the earlier candidate.
        let own = |e: &Entry| {
            let c = &self.cands[e.ci];
            let key = (e.tier_class(), e.dropped, e.tier, e.cost, Reverse(e.score));
            (key, c.folded.chars.len(), e.source, e.ci)
        };
        let mut by_target: HashMap<Target, Entry> = HashMap::new();
        for e in entries {
            let t = self.cands[e.ci].target;
            match by_target.get_mut(&t) {
                Some(b) if own(&e) < own(b) => *b = e,
                Some(_) => {}
                None => {
                    by_target.insert(t, e);
                }
            }
        }
        let mut best: Vec<Entry> = by_target.into_values().collect();
        best.sort_by_key(|e| {
            let c = &self.cands[e.ci];
            let mentions = Reverse(self.mentions_of(c.target));
            let key = (e.tier_class(), e.dropped, e.tier, e.cost, mentions);
            (key, Reverse(e.score), c.folded.chars.len(), e.ci)
        });
        best.truncate(limit);
        let first = best.first().map(|e| (e.tier, e.cost));
        let q: String = q.iter().collect();
        let hits = best.iter().map(|e| self.hit(e, r, &words, &q)).collect();
        (hits, first)
    }

    /// Entries for the whole query: skim's match, else a spelling.
    fn whole(&self, q: &[char], typos: bool) -> Vec<Entry> {
        let scripts = Scripts::of(q);
        let year: Option<i32> = (q.len() == 4 && q.iter().all(char::is_ascii_digit))
            .then(|| q.iter().collect::<String>().parse().ok())
            .flatten();
        let qs: String = q.iter().collect();
        let mut out = Vec::new();
        for (ci, c) in self.cands.iter().enumerate() {
            if !eligible(c.scripts, scripts) {
                continue;
            }
            let fuzzy = skim().fuzzy_match(&c.text, &qs);
            let inside = matches!((c.span, year), (Some((s, e)), Some(y)) if s <= y && y <= e);
            let score = if inside {
                let exact = skim().fuzzy_match(&qs, &qs).unwrap_or(0);
                Some(fuzzy.map_or(exact, |f| f.max(exact)))
            } else {
                fuzzy
            };
            if let Some(score) = score {
                let tier = tier(&c.folded.chars, q, inside);
                out.push(Entry::whole(tier, 0, score, ci));
            }
        }
        let skim_found = !out.is_empty();
        let Some(spelled) = Spelled::of(q, scripts, typos) else {
            return out;
        };
        let mut guesses: Vec<Entry> = Vec::new();
        for (ci, c) in self.cands.iter().enumerate() {
            if let Some(cost) = spelled.same_script(&c.forms) {
                let tier = if cost == 0 {
                    Match::Variant
                } else {
                    Match::Typo
                };
                guesses.push(Entry::whole(tier, cost, 0, ci));
            }
        }
        if guesses.is_empty()
            && typos
            && !skim_found
            && spelled.forms.keys.iter().all(|k| k.len() >= 2)
        {
            for (ci, c) in self.cands.iter().enumerate() {
                let other = if scripts.arabic && !scripts.latin {
                    c.scripts.latin && !c.scripts.arabic
                } else {
                    c.scripts.arabic && !c.scripts.latin
                };
                if other && spelled.other_script(&c.forms) {
                    guesses.push(Entry::whole(Match::Variant, 1, 0, ci));
                }
            }
        }
        out.extend(guesses);
        out
    }

    /// Entries for a query of two words or more, word by word.
    fn by_words(&self, words: &[QueryWord]) -> Vec<Entry> {
        if words.len() < 2 {
            return Vec::new();
        }
        let all = (1u32 << words.len()) - 1;
        let counting = counting(words);
        let mut out = Vec::new();
        for (ci, c) in self.cands.iter().enumerate() {
            let cw = &c.forms.words;
            let mut mask = 0u32;
            let mut edits = vec![0usize; words.len()];
            for (i, w) in words.iter().enumerate().filter(|(_, w)| w.looked_for) {
                let least = cw
                    .iter()
                    .map(|x| distance(&w.skeleton, x, w.prefix))
                    .filter(|&d| d <= w.edits)
                    .min();
                if let Some(d) = least {
                    mask |= 1 << i;
                    edits[i] = d;
                }
            }
            let sum = |of: u32| -> usize {
                (0..words.len())
                    .filter(|i| of & (1 << i) != 0)
                    .map(|i| edits[i])
                    .sum()
            };
            let entry = |tier, dropped, cost| Entry {
                tier,
                dropped,
                cost,
                score: 0,
                ci,
                words: mask,
                source: Source::Words,
            };
            if mask == all {
                // Every word, in another order: one edit more.
                let cost = sum(all);
                let tier = if cost == 0 {
                    Match::Variant
                } else {
                    Match::Typo
                };
                out.push(entry(tier, 0, cost + 1));
                continue;
            }
            if mask & counting == 0 {
                continue;
            }
            let note = match c.target {
                Target::Entity(e) => self.note_mask(e, words),
                Target::Era(_) => 0,
            };
            let dropped = (counting & !(mask | note)).count_ones() as usize;
            out.push(entry(Match::Partial, dropped, sum(mask & counting)));
        }
        out
    }

    /// The query words that count and that entity `e`'s note has, whole.
    fn note_mask(&self, e: usize, words: &[QueryWord]) -> u32 {
        let note = &self.notes[e];
        let has = |w: &QueryWord| note.iter().any(|n| n.skeleton == w.skeleton);
        let found = words.iter().enumerate();
        found
            .filter(|(_, w)| w.counts() && w.skeleton.len() >= 3 && has(w))
            .fold(0, |m, (i, _)| m | 1 << i)
    }

    /// Entries for the notes: one per entity whose note has a word that counts.
    fn by_notes(&self, words: &[QueryWord]) -> Vec<Entry> {
        let counting = counting(words);
        let mut out = Vec::new();
        for (e, &first) in self.first.iter().enumerate() {
            let mask = self.note_mask(e, words);
            if let (Some(ci), true) = (first, mask != 0) {
                out.push(Entry {
                    tier: Match::Note,
                    dropped: (counting & !mask).count_ones() as usize,
                    cost: 0,
                    score: 0,
                    ci,
                    words: mask,
                    source: Source::Note,
                });
            }
        }
        out
    }

    fn hit(&self, e: &Entry, r: &Reading, words: &[QueryWord], q: &str) -> Hit {
        let c = &self.cands[e.ci];
        let matched: Vec<String> = match e.source {
            Source::Whole => vec![q.to_string()],
            _ => (0..words.len())
                .filter(|i| e.words & (1 << i) != 0)
                .map(|i| words[i].folded.iter().collect())
                .collect(),
        };
        let named = |x: &Cand| matches!(x.field, Field::Name | Field::Label);
        // The target's first candidate, when it is its name or label.
        let name = self.cands[..=e.ci]
            .iter()
            .rev()
            .take_while(|x| x.target == c.target)
            .last()
            .filter(|x| named(x));
        let mut hit = Hit {
            target: c.target,
            kind: e.tier,
            score: e.score,
            field: c.field,
            highlights: positions(c, &matched),
            name_highlights: name.map(|n| positions(n, &matched)).unwrap_or_default(),
            dropped: r.unmatched(e.words),
        };
        if e.source == Source::Note
            && let Target::Entity(x) = c.target
        {
            let sk: Vec<&Vec<char>> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| e.words & (1 << i) != 0)
                .map(|(_, w)| &w.skeleton)
                .collect();
            let note = self.notes[x].iter();
            hit.highlights = note
                .filter(|n| sk.contains(&&n.skeleton))
                .map(|n| n.range.clone())
                .collect();
            hit.field = Field::Note;
            hit.name_highlights = Vec::new();
        }
        hit
    }
}

impl Entry {
    fn whole(tier: Match, cost: usize, score: i64, ci: usize) -> Entry {
        Entry {
            tier,
            dropped: 0,
            cost,
            score,
            ci,
            words: u32::MAX,
            source: Source::Whole,
        }
    }

    /// A note match ranks with the partial ones.
    fn tier_class(&self) -> Match {
        match self.tier {
            Match::Note => Match::Partial,
            t => t,
        }
    }
}

/// The query words that count, one bit each.
fn counting(words: &[QueryWord]) -> u32 {
    let counted = words.iter().enumerate().filter(|(_, w)| w.counts());
    counted.fold(0, |m, (i, _)| m | 1 << i)
}

/// The bytes of `c`'s original that skim matches with any of `words`.
fn positions(c: &Cand, words: &[String]) -> Vec<Range<usize>> {
    let mut at: Vec<usize> = words
        .iter()
        .filter(|w| !w.is_empty())
        .filter_map(|w| skim().fuzzy_indices(&c.text, w))
        .flat_map(|(_, p)| p)
        .collect();
    at.sort_unstable();
    at.dedup();
    c.folded.source_of_positions(&at)
}

/// A new skim matcher for each call: one reused carries a cell of its
/// score matrix from one call into the next.
fn skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Skim is tried on a candidate that shares a script with the query, has
/// both or neither, or on any candidate when the query has no letter.
fn eligible(c: Scripts, q: Scripts) -> bool {
    let neutral = |s: Scripts| !s.arabic && !s.latin;
    neutral(c)
        || (c.arabic && c.latin)
        || (q.arabic && c.arabic)
        || (q.latin && c.latin)
        || neutral(q)
}

/// Exact: the whole string (or a year inside the era's span); prefix: the
/// query starts the string or one of its words; else fuzzy.
fn tier(c: &[char], q: &[char], inside: bool) -> Match {
    if inside || c == q {
        return Match::Exact;
    }
    let word_start = |i: usize| i == 0 || c[i - 1] == ' ';
    if (0..c.len()).any(|i| word_start(i) && c[i..].starts_with(q)) {
        Match::Prefix
    } else {
        Match::Fuzzy
    }
}

/// The whole query's spellings: its words' skeletons (each with its allowed
/// edits) and consonant outlines, and those of the words written as one.
struct Spelled {
    forms: Forms,
    edits: Vec<usize>,
}

impl Spelled {
    /// Only for 3 folded characters or more, letters, at most 8 words, a
    /// skeleton of 3 letters or more and every word's a third of its letters.
    fn of(q: &[char], scripts: Scripts, typos: bool) -> Option<Spelled> {
        let plain: Vec<&[char]> = plain_words(q).collect();
        let forms = Forms::of(q);
        let ok = q.len() >= 3
            && (scripts.arabic || scripts.latin)
            && plain.len() <= 8
            && forms.joined.len() >= 3
            && plain
                .iter()
                .zip(&forms.words)
                .all(|(w, s)| 3 * s.len() >= w.len());
        let edits: Vec<usize> = plain
            .iter()
            .zip(&forms.words)
            .map(|(w, s)| allowed_edits(w.len().min(s.len())) * usize::from(typos))
            .collect();
        ok.then_some(Spelled { forms, edits })
    }

    /// The fewest edits that match the query's words to consecutive words
    /// of the candidate (the last as a prefix), or one query word to the
    /// candidate's words written as one, or the query's words written as one
    /// to the start of the candidate's.
    fn same_script(&self, c: &Forms) -> Option<usize> {
        let (cw, cj) = (&c.words, &c.joined);
        let q = &self.forms;
        let n = q.words.len();
        let mut costs = Vec::new();
        for s in 0..(cw.len() + 1).saturating_sub(n) {
            let d: Vec<usize> = (0..n)
                .map(|j| distance(&q.words[j], &cw[s + j], j + 1 == n))
                .collect();
            if d.iter().zip(&self.edits).all(|(d, k)| d <= k) {
                costs.push(d.iter().sum());
            }
        }
        if n == 1 && cw.len() > 1 {
            let d = distance(&q.words[0], cj, true);
            if d <= self.edits[0] {
                costs.push(d);
            }
        }
        if n > 1 && q.joined.len() >= 3 && cj.starts_with(&q.joined) {
            costs.push(0);
        }
        costs.into_iter().min()
    }

    /// The query's outline equals the candidate's, word for word from some
    /// word on, or written as one.
    fn other_script(&self, c: &Forms) -> bool {
        let (ck, cj, q) = (&c.keys, &c.joined_key, &self.forms);
        let n = q.keys.len();
        let along = ck.windows(n).any(|w| w == q.keys.as_slice());
        let one = n == 1 && ck.len() > 1 && *cj == q.keys[0];
        let joined = n > 1 && q.joined_key.len() >= 3 && *cj == q.joined_key;
        along || one || joined
    }
}
