//! The strings a query is matched against: every name, alias, Latin
//! spelling, era label, id, years and decades, folded; and the words of the
//! entities' notes.

use std::ops::Range;

use super::fold::{Folded, Scripts, fold_map};
use super::reading::without_punctuation;
use super::spelling::{key, skeleton};
use crate::data::Dataset;
use crate::search::{Field, Target};

/// A string a query can match: an entity's name, alias or Latin spelling,
/// an era's label, id, years or decades.
pub struct Cand {
    pub target: Target,
    pub field: Field,
    pub folded: Folded,
    /// `folded`'s text, and its spellings.
    pub text: String,
    pub forms: Forms,
    pub scripts: Scripts,
    /// For the years: any year of the span is the era's exactly.
    pub span: Option<(i32, i32)>,
}

/// A word of an entity's note: its bytes and its skeleton.
pub struct NoteWord {
    pub range: Range<usize>,
    pub skeleton: Vec<char>,
}

/// A folded string's spellings: its words' skeletons and consonant
/// outlines, and those of its words written as one.
#[derive(Debug, Clone)]
pub struct Forms {
    pub words: Vec<Vec<char>>,
    pub joined: Vec<char>,
    pub keys: Vec<Vec<char>>,
    pub joined_key: Vec<char>,
}

impl Forms {
    pub fn of(folded: &[char]) -> Forms {
        let plain: Vec<&[char]> = plain_words(folded).collect();
        let all = plain.concat();
        Forms {
            words: plain.iter().map(|w| skeleton(w)).collect(),
            joined: skeleton(&all),
            keys: plain.iter().map(|w| key(w)).collect(),
            joined_key: key(&all),
        }
    }
}

/// The words of a folded string.
pub fn plain_words(folded: &[char]) -> impl Iterator<Item = &[char]> {
    folded.split(|&c| c == ' ').filter(|w| !w.is_empty())
}

/// Every searchable string of the dataset, in dataset order (an entity's
/// name, aliases, Latin spellings; an era's label, id, years, decades).
pub fn candidates(data: &Dataset) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut add = |target, field, original: String, span| {
        let folded = fold_map(&original);
        if !folded.chars.is_empty() {
            let scripts = Scripts::of(&folded.chars);
            out.push(Cand {
                target,
                field,
                text: folded.text(),
                forms: Forms::of(&folded.chars),
                folded,
                scripts,
                span,
            });
        }
    };
    for (i, e) in data.entities.iter().enumerate() {
        let t = Target::Entity(i);
        add(t, Field::Name, e.name.clone(), None);
        for (k, a) in e.aliases.iter().enumerate() {
            add(t, Field::Alias(k), a.clone(), None);
        }
        for (k, l) in e.latin.iter().enumerate() {
            add(t, Field::Latin(k), l.clone(), None);
        }
    }
    for (i, era) in data.eras.iter().enumerate() {
        let t = Target::Era(i);
        add(t, Field::Label, era.label.clone(), None);
        add(t, Field::EraId, era.id.clone(), None);
        let Some((a, b)) = era.years() else { continue };
        let (s, e) = (a.min(b), a.max(b));
        let years = if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        };
        add(t, Field::Years, years, Some((s, e)));
        let (first, last) = (s.div_euclid(10), e.div_euclid(10));
        if last - first <= 3 {
            let names = [
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
            let mut k = 0;
            for d in first..=last {
                add(t, Field::Decade(k), format!("{}s", d * 10), None);
                add(
                    t,
                    Field::Decade(k + 1),
                    names[d.rem_euclid(10) as usize].into(),
                    None,
                );
                k += 2;
            }
        }
    }
    out
}

/// A note's words: cut at spaces once folded, each without its punctuation.
pub fn note_words(note: &str) -> Vec<NoteWord> {
    let f = fold_map(note);
    let mut out = Vec::new();
    let mut start = 0;
    for end in 0..=f.chars.len() {
        if end < f.chars.len() && f.chars[end] != ' ' {
            continue;
        }
        if end > start {
            let clean: Vec<char> = without_punctuation(&f.chars[start..end]).chars().collect();
            let skeleton = skeleton(&clean);
            if !skeleton.is_empty() {
                out.push(NoteWord {
                    range: f.source(start..end),
                    skeleton,
                });
            }
        }
        start = end + 1;
    }
    out
}
