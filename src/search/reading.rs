//! From a typed query to ranked hits. The query is read as typed
//! ([`super::query`]) and matched whole ([`super::matcher`]), word by word
//! ([`super::bag`]) and in the notes ([`super::notes`]). When no hit matches
//! it directly (exact, prefix or fuzzy), it is read again without the
//! punctuation of its words, which replaces the first reading if it finds
//! anything; and, still without a direct hit, as typed on the other keyboard
//! layout ([`super::layout`]), which replaces it when that finds a sure match
//! ([`layout_wins`]); that reading allows no typos (a slip is not also a
//! typo) and no cross-script keys.

use super::bag::{MIN_CHARS, QueryWord, query_words};
use super::layout;
use super::matcher::{Best, Hit, Match, Source, merge_by_target};
use super::query::Understood;
use super::{Index, Narrowing, capped};

/// Queries shorter than this (folded characters) are never read on the
/// other layout.
pub const MIN_LAYOUT_CHARS: usize = 3;

/// The hits of one reading, and how its best one matched.
pub(crate) struct Read {
    pub hits: Vec<Hit>,
    pub first: Option<(Match, u8)>,
}

/// Whether a reading on the other layout replaces the query as typed: its
/// best hit matches exactly, as a prefix, or without any edit as a variant
/// or some of its words.
pub fn layout_wins(first: Option<(Match, u8)>) -> bool {
    match first {
        Some((Match::Exact | Match::Prefix, _)) => true,
        Some((Match::Variant | Match::Partial, cost)) => cost == 0,
        _ => false,
    }
}

/// A query of stop words only finds the names that are those words or
/// start with them, and nothing else.
fn names_only(hits: Vec<Hit>) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| matches!(h.kind, Match::Exact | Match::Prefix))
        .collect()
}

/// Some hit matched the query directly: exact, prefix or fuzzy.
pub fn is_direct(hits: &[Hit]) -> bool {
    hits.iter().any(|h| !h.kind.is_guess())
}

/// A query with no direct hit (checked before) and at least
/// [`MIN_LAYOUT_CHARS`] characters may be a layout slip.
pub fn may_be_a_slip(u: &Understood) -> bool {
    u.folded().chars().count() >= MIN_LAYOUT_CHARS
}

/// The readings of `typed` on the other layout, in the order they are tried.
pub fn layout_readings(typed: &str) -> Vec<Understood> {
    layout::to_arabic(typed)
        .into_iter()
        .chain(layout::to_latin(typed))
        .map(|r| Understood {
            layout: true,
            ..Understood::from_chars(r, true)
        })
        .filter(|u| !u.folded().is_empty() && !u.only_stop_words())
        .collect()
}

impl Index {
    /// [`Index::find_narrowing`], and the query as it was understood.
    pub fn find_understood(
        &self,
        query: &str,
        limit: usize,
        state: &mut Narrowing,
    ) -> (Vec<Hit>, Understood) {
        let typed_text = capped(query);
        let typed = Understood::as_typed(typed_text);
        let folded = typed.folded();
        if folded.is_empty() {
            *state = Narrowing::default();
            return (self.all_entities(limit), typed);
        }
        let mut read = self.read(&typed, &folded, limit, Some(state), true);
        if typed.only_stop_words() {
            return (names_only(read.hits), typed);
        }
        if is_direct(&read.hits) {
            return (read.hits, typed);
        }
        let mut understood = typed;
        // Without the punctuation around and inside the words.
        let clean = Understood::new(typed_text);
        let clean_folded = clean.folded();
        if clean_folded != folded && !clean_folded.is_empty() {
            let other = self.read(&clean, &clean_folded, limit, None, true);
            if clean.only_stop_words() {
                return (names_only(other.hits), clean);
            }
            if !other.hits.is_empty() {
                (read, understood) = (other, clean);
            }
        }
        if !is_direct(&read.hits) && may_be_a_slip(&understood) {
            for u in layout_readings(typed_text) {
                let other = self.read(&u, &u.folded(), limit, None, false);
                if layout_wins(other.first) {
                    let hits = other
                        .hits
                        .into_iter()
                        .map(|h| Hit {
                            kind: Match::Layout,
                            ..h
                        })
                        .collect();
                    return (hits, u);
                }
            }
        }
        (read.hits, understood)
    }

    /// One reading of a query: the whole (folded) query, its words and the
    /// notes, ranked; `state` narrows the fuzzy pass from the previous
    /// keystroke's (`None`: a fresh pass, state untouched). Without `typos`
    /// (a reading on the other layout): no edits, no cross-script keys.
    fn read(
        &self,
        u: &Understood,
        folded: &str,
        limit: usize,
        state: Option<&mut Narrowing>,
        typos: bool,
    ) -> Read {
        // A 4-digit year also matches eras by span, which is not monotone in the query.
        let is_year = folded.len() == 4 && folded.parse::<u16>().is_ok();
        let (mut best, text) = match state {
            Some(state) => {
                let extends = state
                    .folded
                    .as_deref()
                    .is_some_and(|prev| folded.starts_with(prev));
                let pool = (extends && !is_year).then_some(state.pool.as_slice());
                let (best, matched, text) = self.table.whole(pool, folded, limit, typos);
                *state = if is_year {
                    Narrowing::default()
                } else {
                    Narrowing {
                        folded: Some(folded.to_string()),
                        pool: matched,
                    }
                };
                (best, text)
            }
            None => {
                let (best, _, text) = self.table.whole(None, folded, limit, typos);
                (best, text)
            }
        };
        let mut words = query_words(u).unwrap_or_default();
        if !typos {
            words.iter_mut().for_each(|w| w.edits = 0);
        }
        if folded.chars().count() >= MIN_CHARS && !words.is_empty() {
            let notes = self.table.notes.matches(&words);
            best = merge_by_target(best, self.table.bag_best(&words, &notes));
            best = merge_by_target(best, self.table.note_best(&words, &notes));
        }
        self.table.top(&mut best, limit);
        let first = best.first().map(|b| (b.tier, b.cost));
        let hits = best
            .iter()
            .map(|b| self.hit_of(b, u, &words, &text))
            .collect();
        Read { hits, first }
    }

    /// The hit of a ranked entry, with the words it dropped.
    pub(crate) fn hit_of(&self, b: &Best, u: &Understood, words: &[QueryWord], text: &str) -> Hit {
        let mut hit = match b.source {
            Source::Whole => self.table.hit(b.ci, b.score, text, b.tier),
            Source::Words => {
                let matched: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| b.words & (1 << i) != 0)
                    .map(|(_, w)| w.folded.as_str())
                    .collect();
                self.table.hit_words(b.ci, &matched, b.tier)
            }
            Source::Note => self.table.note_hit(b, words),
        };
        hit.dropped = u.unmatched(b.words);
        hit
    }
}
