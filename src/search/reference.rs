//! Straightforward versions of mention detection and ranking, kept as the
//! specification the fast paths in [`super::mentions`] and [`super::matcher`]
//! are tested against (same results, by construction simple): every pattern
//! scanned over every paragraph; every candidate scored with skim itself and
//! the whole hit list sorted. Not for production use: quadratic.

use std::cmp::Reverse;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;

use super::matcher::{Candidate, Hit, fresh_skim};
use super::mentions::Mention;
use super::normalize::{Normalized, Scripts, is_word_char, normalize};
use super::{Index, fold};
use crate::data::Dataset;

/// A folded pattern to look for, and whose it is.
struct Pattern {
    entity: usize,
    chars: Vec<char>,
    has_article: bool,
}

fn patterns(data: &Dataset) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = Vec::new();
    for (entity, e) in data.entities.iter().enumerate() {
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            let chars: Vec<char> = normalize(alias).text.chars().collect();
            let duplicate = out.iter().any(|p| p.entity == entity && p.chars == chars);
            if chars.is_empty() || duplicate {
                continue;
            }
            let has_article = chars.len() > 2 && chars[0] == 'ا' && chars[1] == 'ل';
            out.push(Pattern {
                entity,
                chars,
                has_article,
            });
        }
    }
    out.sort_by_key(|p| Reverse(p.chars.len()));
    out
}

/// Every mention, found by scanning every pattern over every paragraph.
pub fn find_mentions(data: &Dataset) -> Vec<Mention> {
    let pats = patterns(data);
    let mut out = Vec::new();
    for section in data.sections() {
        for (paragraph, text) in section.paragraphs.iter().enumerate() {
            let norm = normalize(text);
            for (entity, range) in mentions_in(&norm, &pats) {
                out.push(Mention {
                    entity,
                    section: section.at,
                    paragraph,
                    range,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.section, a.paragraph, a.range.start).cmp(&(b.section, b.paragraph, b.range.start))
    });
    out
}

fn mentions_in(norm: &Normalized, pats: &[Pattern]) -> Vec<(usize, Range<usize>)> {
    let text: Vec<char> = norm.text.chars().collect();
    let mut claimed = vec![false; text.len()];
    let mut found = Vec::new();
    for p in pats {
        let variants: [(&[char], bool); 2] = [(&p.chars, false), (&p.chars[1..], true)];
        for (pat, lam) in variants {
            if lam && !p.has_article {
                continue;
            }
            for at in occurrences(&text, pat) {
                let span = at..at + pat.len();
                let ok =
                    ends_word(&text, span.end) && prefix_ok(&text, at, p.has_article && !lam, lam);
                if ok && !claimed[span.clone()].contains(&true) {
                    claimed[span.clone()].iter_mut().for_each(|c| *c = true);
                    found.push((p.entity, norm.source_of_chars(span)));
                }
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

fn occurrences<'a>(text: &'a [char], pat: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let n = pat.len();
    let last = (text.len() + 1).saturating_sub(n);
    (0..last).filter(move |&i| n > 0 && text[i..i + n] == *pat)
}

fn ends_word(text: &[char], end: usize) -> bool {
    text.get(end).is_none_or(|&c| !is_word_char(c))
}

fn prefix_ok(text: &[char], at: usize, has_article: bool, lam_article: bool) -> bool {
    let mut start = at;
    while start > 0 && is_word_char(text[start - 1]) {
        start -= 1;
    }
    let prefix: String = text[start..at].iter().collect();
    let core = prefix.strip_prefix(['و', 'ف']).unwrap_or(&prefix);
    if lam_article {
        return core == "ل";
    }
    let allowed: &[&str] = if has_article {
        &["", "ب", "ك", "ل"]
    } else {
        &["", "ب", "ك", "ل", "ال", "بال", "كال", "لل"]
    };
    allowed.contains(&core) || prefix.is_empty()
}

/// [`Index::find`] the plain way: skim on every eligible candidate, every
/// hit sorted, one best per target.
pub fn find(index: &Index, query: &str, limit: usize) -> Vec<Hit> {
    let folded = fold(query);
    if folded.is_empty() {
        return index.find(query, limit);
    }
    let cands = index.table.candidates();
    let q = normalize(&folded).text;
    let scripts = Scripts::of(&q);
    let year = q.parse::<i32>().ok().filter(|_| q.len() == 4);
    let mut best: Vec<(i64, usize, usize)> = Vec::new();
    let mut last_target = None;
    for (ci, c) in cands.iter().enumerate() {
        if !c.eligible(scripts) {
            continue;
        }
        let Some(score) = score(c, &q, year) else {
            continue;
        };
        let entry = (score, c.chars, ci);
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
    best.into_iter()
        .map(|(score, _, ci)| index.table.hit(ci, score, &q))
        .collect()
}

/// Scored by a new skim matcher each time: a reused one carries a little
/// state from call to call (see `matcher::skim_score`).
fn score(c: &Candidate, q: &str, year: Option<i32>) -> Option<i64> {
    let m = fresh_skim();
    let fuzzy = m.fuzzy_match(&c.folded, q);
    let inside = matches!((c.span, year), (Some((s, e)), Some(y)) if s <= y && y <= e);
    if inside {
        let exact = m.fuzzy_match(q, q).unwrap_or(0);
        return Some(fuzzy.map_or(exact, |f| f.max(exact)));
    }
    fuzzy
}
