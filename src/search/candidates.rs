//! The strings a query can match: every entity's name, aliases and Latin
//! spellings, every era's label, id, years and decades, folded once.

use std::ops::Range;

use super::letters::CodedText;
use super::matcher::{Field, Target};
use super::normalize::{Normalized, Scripts, normalize_into};
use super::skim::mask_of;
use crate::data::{Dataset, Era};

/// A string a query can match: what it belongs to, and where its original
/// is in [`Candidates::originals`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub target: Target,
    pub field: Field,
    original: (u32, u32),
}

/// What scoring reads of a candidate (every keystroke scans these, packed
/// side by side: the candidates themselves are larger and would cost a
/// cache miss each): its folded characters' place in [`Candidates::text`]
/// and what the scan checks before scoring.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// One bit per character class present in the folded string (see
    /// [`mask_of`]).
    pub mask: u64,
    /// Where its folded characters start in [`Candidates::text`], and how many.
    start: u32,
    len: u32,
    /// Number of the target (consecutive candidates of one target share it).
    group: u32,
    pub scripts: Scripts,
}

impl Shape {
    /// Its folded characters' place in [`Candidates::text`].
    pub(crate) fn range(&self) -> Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }

    /// Its length in folded characters.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// Number of its target.
    pub(crate) fn group(&self) -> usize {
        self.group as usize
    }
}

/// Every searchable string of a dataset, kept flat: the originals back to
/// back in one string, the folded characters in one array of two-byte codes
/// (one allocation each for the whole table rather than two a string).
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    pub list: Vec<Candidate>,
    pub shapes: Vec<Shape>,
    /// For each `Field::Years` candidate, by candidate number: the era's
    /// span, so any year inside it matches (kept aside: few candidates
    /// have one, and every [`Shape`] would carry the room for it).
    spans: Vec<(u32, (i32, i32))>,
    /// Every candidate's original (what highlights index into), back to back.
    originals: String,
    /// Every candidate's folded characters, back to back.
    pub text: CodedText,
}

impl Candidates {
    /// File `original` (folded through `scratch`) unless it folds to nothing.
    fn push(
        &mut self,
        target: Target,
        field: Field,
        original: &str,
        span: Option<(i32, i32)>,
        scratch: &mut Normalized,
    ) {
        normalize_into(original, scratch);
        if scratch.is_empty() {
            return;
        }
        let folded = scratch.text.as_str();
        let start = self.text.len();
        self.text.push_str(folded);
        let group = match (self.list.last(), self.shapes.last()) {
            (Some(last), Some(s)) if last.target == target => s.group,
            (Some(_), Some(s)) => s.group + 1,
            _ => 0,
        };
        self.shapes.push(Shape {
            mask: mask_of(folded),
            start: small(start),
            len: small(self.text.len() - start),
            group,
            scripts: Scripts::of(folded),
        });
        if let Some(span) = span {
            self.spans.push((small(self.list.len()), span));
        }
        let at = self.originals.len();
        self.originals.push_str(original);
        self.list.push(Candidate {
            target,
            field,
            original: (small(at), small(self.originals.len())),
        });
    }

    /// The original of a candidate.
    pub(crate) fn original(&self, c: &Candidate) -> &str {
        let (a, b) = c.original;
        self.originals.get(a as usize..b as usize).unwrap_or("")
    }

    /// The span of candidate `ci` (a `Field::Years` one), if it has one.
    pub(crate) fn span(&self, ci: usize) -> Option<(i32, i32)> {
        let ci = u32::try_from(ci).ok()?;
        let k = self.spans.binary_search_by_key(&ci, |&(c, _)| c).ok()?;
        self.spans.get(k).map(|&(_, span)| span)
    }

    fn shrink_to_fit(&mut self) {
        self.list.shrink_to_fit();
        self.shapes.shrink_to_fit();
        self.spans.shrink_to_fit();
        self.originals.shrink_to_fit();
        self.text.shrink_to_fit();
    }
}

/// `x` as a `u32`, saturating (the table's offsets and numbers fit one).
pub(crate) fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
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
pub(crate) fn candidates(data: &Dataset) -> Candidates {
    let mut out = Candidates::default();
    let scratch = &mut Normalized::default();
    for (i, e) in data.entities.iter().enumerate() {
        let t = Target::Entity(i);
        out.push(t, Field::Name, &e.name, None, scratch);
        for (k, a) in e.aliases.iter().enumerate() {
            out.push(t, Field::Alias(k), a, None, scratch);
        }
        for (k, l) in e.latin.iter().enumerate() {
            out.push(t, Field::Latin(k), l, None, scratch);
        }
    }
    for (i, era) in data.eras.iter().enumerate() {
        let t = Target::Era(i);
        out.push(t, Field::Label, &era.label, None, scratch);
        out.push(t, Field::EraId, &era.id, None, scratch);
        if let Some((s, e)) = era.years() {
            let years = if s == e {
                s.to_string()
            } else {
                format!("{s}-{e}")
            };
            let span = Some((s.min(e), s.max(e)));
            out.push(t, Field::Years, &years, span, scratch);
        }
        for (k, d) in decades(era).into_iter().enumerate() {
            out.push(t, Field::Decade(k), &d, None, scratch);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An era of up to four decades is found by each; a longer one by none.
    #[test]
    fn decades_of_an_era() {
        let era = |start: i32, end: Option<i32>| Era {
            id: "e".into(),
            label: "e".into(),
            start: Some(start),
            end,
            editorial: false,
            paragraphs: Vec::new(),
        };
        assert_eq!(decades(&era(1994, None)), ["1990s", "nineties"]);
        assert_eq!(
            decades(&era(1950, Some(1989))),
            [
                "1950s",
                "fifties",
                "1960s",
                "sixties",
                "1970s",
                "seventies",
                "1980s",
                "eighties"
            ]
        );
        assert_eq!(
            decades(&era(2009, Some(2011))),
            ["2000s", "noughties", "2010s", "tens"]
        );
        assert!(decades(&era(1950, Some(1999))).is_empty());
    }

    #[test]
    fn a_shape_takes_24_bytes() {
        // Every candidate has one, read on every keystroke.
        assert!(std::mem::size_of::<Shape>() <= 24);
    }
}
