//! Ranked fuzzy matching of a query against names, aliases, Latin spellings
//! and eras (labels, years, decades).

use std::cmp::Reverse;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::normalize::{Normalized, Scripts, normalize};
use crate::data::{Dataset, Era};

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
    Decade,
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
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
}

/// A string a query can match.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub target: Target,
    pub field: Field,
    /// The original (what highlights index into).
    pub original: String,
    pub norm: Normalized,
    pub scripts: Scripts,
    pub chars: usize,
    /// For `Field::Years`: the era's span, so any year inside it matches.
    pub span: Option<(i32, i32)>,
}

impl Candidate {
    fn new(target: Target, field: Field, original: String) -> Option<Candidate> {
        let norm = normalize(&original);
        if norm.is_empty() {
            return None;
        }
        let scripts = Scripts::of(&norm.text);
        let chars = norm.char_len();
        Some(Candidate {
            target,
            field,
            original,
            norm,
            scripts,
            chars,
            span: None,
        })
    }

    /// Whether a query in `query` script may match this candidate: Latin
    /// queries look at strings with Latin letters, Arabic at Arabic ones;
    /// digits and mixed-script strings are open to every query.
    fn eligible(&self, query: Scripts) -> bool {
        let neutral = !self.scripts.arabic && !self.scripts.latin;
        let mixed = self.scripts.arabic && self.scripts.latin;
        neutral
            || mixed
            || (query.arabic && self.scripts.arabic)
            || (query.latin && self.scripts.latin)
            || (!query.arabic && !query.latin)
    }
}

/// Every searchable string of the dataset, in dataset order (entities, then eras).
pub(crate) fn candidates(data: &Dataset) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, e) in data.entities.iter().enumerate() {
        let t = Target::Entity(i);
        out.extend(Candidate::new(t, Field::Name, e.name.clone()));
        for (k, a) in e.aliases.iter().enumerate() {
            out.extend(Candidate::new(t, Field::Alias(k), a.clone()));
        }
        for (k, l) in e.latin.iter().enumerate() {
            out.extend(Candidate::new(t, Field::Latin(k), l.clone()));
        }
    }
    for (i, era) in data.eras.iter().enumerate() {
        let t = Target::Era(i);
        out.extend(Candidate::new(t, Field::Label, era.label.clone()));
        out.extend(Candidate::new(t, Field::EraId, era.id.clone()));
        if let Some((s, e)) = era.years() {
            let years = if s == e {
                s.to_string()
            } else {
                format!("{s}-{e}")
            };
            let cand = Candidate::new(t, Field::Years, years);
            out.extend(cand.map(|c| Candidate {
                span: Some((s.min(e), s.max(e))),
                ..c
            }));
        }
        for d in decades(era) {
            out.extend(Candidate::new(t, Field::Decade, d));
        }
    }
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

/// The fuzzy matcher with our settings (queries and candidates are already folded).
pub(crate) fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Score every eligible candidate; one best hit per target, ranked: score,
/// then shorter candidate, then dataset order. Highlights are computed only
/// for the `limit` hits returned.
pub(crate) fn rank(
    m: &SkimMatcherV2,
    cands: &[Candidate],
    pool: Option<&[usize]>,
    query: &str,
    limit: usize,
) -> (Vec<Hit>, Vec<usize>) {
    let q = normalize(query).text;
    let scripts = Scripts::of(&q);
    let year = q.parse::<i32>().ok().filter(|_| q.len() == 4);
    // best[target] = (score, chars, candidate index)
    let mut best: Vec<(i64, usize, usize)> = Vec::new();
    let mut last_target = None;
    let mut matched = Vec::new();
    let all: Vec<usize>;
    let pool = match pool {
        Some(p) => p,
        None => {
            all = (0..cands.len()).collect();
            &all
        }
    };
    for &ci in pool {
        let Some(c) = cands.get(ci) else { continue };
        if !c.eligible(scripts) {
            continue;
        }
        let Some(score) = score(m, c, &q, year) else {
            continue;
        };
        matched.push(ci);
        let entry = (score, c.chars, ci);
        // Candidates of one target are contiguous: keep the best of each.
        if last_target == Some(c.target)
            && let Some(b) = best.last_mut()
        {
            if (score, Reverse(c.chars)) > (b.0, Reverse(b.1)) {
                *b = entry;
            }
        } else {
            best.push(entry);
            last_target = Some(c.target);
        }
    }
    best.sort_by_key(|&(score, chars, ci)| (Reverse(score), chars, ci));
    best.truncate(limit);
    let hits = best
        .into_iter()
        .map(|(score, _, ci)| hit(m, cands, ci, score, &q))
        .collect();
    (hits, matched)
}

/// The fuzzy score; a year inside an era's span scores as an exact match of it.
fn score(m: &SkimMatcherV2, c: &Candidate, q: &str, year: Option<i32>) -> Option<i64> {
    // Most candidates fail this allocation-free test; skim need not see them.
    let fuzzy = if is_subsequence(q, &c.norm.text) {
        m.fuzzy_match(&c.norm.text, q)
    } else {
        None
    };
    let inside = matches!((c.span, year), (Some((s, e)), Some(y)) if s <= y && y <= e);
    if inside {
        let exact = m.fuzzy_match(q, q).unwrap_or(0);
        return Some(fuzzy.map_or(exact, |f| f.max(exact)));
    }
    fuzzy
}

/// Whether every character of `q` appears in `text`, in order (both folded,
/// so plain equality is what skim's case-insensitive comparison would give).
fn is_subsequence(q: &str, text: &str) -> bool {
    let mut t = text.chars();
    q.chars().all(|qc| t.any(|tc| tc == qc))
}

fn hit(m: &SkimMatcherV2, cands: &[Candidate], ci: usize, score: i64, q: &str) -> Hit {
    let c = &cands[ci];
    let highlights = positions(m, c, q);
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
        name.map(|n| positions(m, n, q)).unwrap_or_default()
    };
    Hit {
        target: c.target,
        score,
        field: c.field,
        highlights,
        name_highlights,
    }
}

fn positions(m: &SkimMatcherV2, c: &Candidate, q: &str) -> Vec<Range<usize>> {
    let p = m
        .fuzzy_indices(&c.norm.text, q)
        .map(|(_, p)| p)
        .unwrap_or_default();
    c.norm.source_of_positions(&p)
}
