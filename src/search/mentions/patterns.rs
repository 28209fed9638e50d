//! The names and aliases to look for, folded, kept flat: every pattern's
//! folded text back to back in one string, and a small record each (one
//! allocation for the lot rather than one a pattern: a large dataset has
//! hundreds of thousands, built beside the name table and dropped after).

use std::cmp::Reverse;

use super::super::normalize::{Normalized, normalize_into};
use crate::data::Dataset;

/// A folded pattern to look for, and whose it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub entity: usize,
    /// Bytes of its folded text in [`Patterns::letters`].
    start: u32,
    end: u32,
    /// Its folded characters.
    pub chars: u32,
    /// The alias starts with the article ال (so `لل` + the rest also counts).
    pub has_article: bool,
}

/// Patterns, longest first (ties: in the order given), and their folded text.
#[derive(Debug, Default)]
pub(crate) struct Patterns {
    letters: String,
    pub list: Vec<Pattern>,
}

/// The article's alef, which the ل-form of an alias with the article drops.
const ALEF: char = 'ا';

impl Patterns {
    /// `(entity, alias)` pairs folded, entity by entity (an alias that folds
    /// to nothing, or as another of the same entity did, is left out).
    pub(crate) fn of<'a>(aliases: impl IntoIterator<Item = (usize, &'a str)>) -> Patterns {
        let mut out = Patterns::default();
        let mut norm = Normalized::default();
        // The entity of the patterns from `own` on.
        let (mut entity_now, mut own) = (None, 0);
        for (entity, alias) in aliases {
            if entity_now != Some(entity) {
                (entity_now, own) = (Some(entity), out.list.len());
            }
            normalize_into(alias, &mut norm);
            let folded = norm.text.as_str();
            let duplicate = out.list[own..].iter().any(|p| out.text(p) == folded);
            if folded.is_empty() || duplicate {
                continue;
            }
            let start = out.letters.len();
            out.letters.push_str(folded);
            let chars = folded.chars().count();
            out.list.push(Pattern {
                entity,
                start: small(start),
                end: small(out.letters.len()),
                chars: small(chars),
                has_article: chars > 2 && folded.starts_with("\u{0627}\u{0644}"),
            });
        }
        // Stable: equal lengths keep the order given.
        out.list.sort_by_key(|p| Reverse(p.chars));
        out.letters.shrink_to_fit();
        out.list.shrink_to_fit();
        out
    }

    /// The folded text of a pattern.
    pub(crate) fn text(&self, p: &Pattern) -> &str {
        self.letters
            .get(p.start as usize..p.end as usize)
            .unwrap_or("")
    }

    /// The folded text of a pattern, or of its ل-form (the alef of its
    /// article dropped) when `lam`, and its length in characters.
    pub(crate) fn form(&self, p: &Pattern, lam: bool) -> (&str, usize) {
        let text = self.text(p);
        match text.strip_prefix(ALEF).filter(|_| lam) {
            Some(rest) => (rest, (p.chars as usize).saturating_sub(1)),
            None => (text, p.chars as usize),
        }
    }

    pub(crate) fn get(&self, k: usize) -> Option<&Pattern> {
        self.list.get(k)
    }
}

/// Every entity's name and aliases, folded, longest first (ties: dataset order).
pub(crate) fn patterns(data: &Dataset) -> Patterns {
    Patterns::of(data.entities.iter().enumerate().flat_map(|(entity, e)| {
        std::iter::once(e.name.as_str())
            .chain(e.aliases.iter().map(String::as_str))
            .map(move |a| (entity, a))
    }))
}

pub(super) fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}
