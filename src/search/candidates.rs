//! The strings a query can match: every entity's name, aliases and Latin
//! spellings, every era's label, id, years and decades, folded once.

use super::matcher::{Field, Target};
use super::normalize::{Normalized, Scripts, normalize_into};
use super::skim::mask_of;
use crate::data::{Dataset, Era};

/// A string a query can match.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub target: Target,
    pub field: Field,
    /// The original (what highlights index into).
    pub original: String,
    /// `original` folded (its offset map is rebuilt for the few hits shown:
    /// keeping one per candidate costs an allocation each at load).
    pub folded: String,
    pub scripts: Scripts,
    pub chars: usize,
    /// For `Field::Years`: the era's span, so any year inside it matches.
    pub span: Option<(i32, i32)>,
    /// One bit per character class present in `norm.text` (see [`char_bit`]).
    pub mask: u64,
}

impl Candidate {
    fn new(
        target: Target,
        field: Field,
        original: String,
        scratch: &mut Normalized,
    ) -> Option<Candidate> {
        normalize_into(&original, scratch);
        if scratch.is_empty() {
            return None;
        }
        let folded = scratch.text.as_str().to_owned();
        Some(Candidate {
            target,
            field,
            scripts: Scripts::of(&folded),
            chars: scratch.char_len(),
            mask: mask_of(&folded),
            original,
            folded,
            span: None,
        })
    }
}

/// Whether a query in `query` script may match a candidate in `cand`'s:
/// Latin queries look at strings with Latin letters, Arabic at Arabic ones;
/// digits and mixed-script strings are open to every query.
pub(crate) fn eligible(cand: Scripts, query: Scripts) -> bool {
    let neutral = !cand.arabic && !cand.latin;
    let mixed = cand.arabic && cand.latin;
    neutral
        || mixed
        || (query.arabic && cand.arabic)
        || (query.latin && cand.latin)
        || (!query.arabic && !query.latin)
}

/// Every searchable string of the dataset, in dataset order (entities, then eras).
pub(crate) fn candidates(data: &Dataset) -> Vec<Candidate> {
    let mut out = Vec::new();
    let scratch = &mut Normalized::default();
    for (i, e) in data.entities.iter().enumerate() {
        let t = Target::Entity(i);
        out.extend(Candidate::new(t, Field::Name, e.name.clone(), scratch));
        for (k, a) in e.aliases.iter().enumerate() {
            out.extend(Candidate::new(t, Field::Alias(k), a.clone(), scratch));
        }
        for (k, l) in e.latin.iter().enumerate() {
            out.extend(Candidate::new(t, Field::Latin(k), l.clone(), scratch));
        }
    }
    for (i, era) in data.eras.iter().enumerate() {
        let t = Target::Era(i);
        out.extend(Candidate::new(t, Field::Label, era.label.clone(), scratch));
        out.extend(Candidate::new(t, Field::EraId, era.id.clone(), scratch));
        if let Some((s, e)) = era.years() {
            let years = if s == e {
                s.to_string()
            } else {
                format!("{s}-{e}")
            };
            let cand = Candidate::new(t, Field::Years, years, scratch);
            out.extend(cand.map(|c| Candidate {
                span: Some((s.min(e), s.max(e))),
                ..c
            }));
        }
        for (k, d) in decades(era).into_iter().enumerate() {
            out.extend(Candidate::new(t, Field::Decade(k), d, scratch));
        }
    }
    out.shrink_to_fit();
    out
}

/// `1990s`, `nineties`-style names for every decade an era touches.
fn decades(era: &Era) -> Vec<String> {
    const WORDS: [&str; 10] = [
        "noughties",
        "tens",
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    let Some((s, e)) = era.years() else {
        return Vec::new();
    };
    let (first, last) = (s.min(e).div_euclid(10), s.max(e).div_euclid(10));
    // A label like "1945-2023" is not a decade; keep the list short.
    if last - first > 3 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for d in first..=last {
        out.push(format!("{}s", d * 10));
        if let Some(w) = usize::try_from(d.rem_euclid(10))
            .ok()
            .and_then(|k| WORDS.get(k))
        {
            out.push((*w).to_string());
        }
    }
    out
}
