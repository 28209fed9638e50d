//! Mentions, from docs/search.md's "Mentions": every name and alias of
//! every entity, folded, looked for at every place of every folded
//! paragraph, the longest first, at word boundaries, with the proclitics
//! the rules allow.

use std::cmp::Reverse;
use std::ops::Range;

use super::fold::{Folded, fold_map};
use crate::data::Dataset;
use crate::search::Mention;

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
            let chars: Vec<char> = fold_map(alias).chars;
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
            let norm = fold_map(text);
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

fn mentions_in(norm: &Folded, pats: &[Pattern]) -> Vec<(usize, Range<usize>)> {
    let text = &norm.chars;
    let mut claimed = vec![false; text.len()];
    let mut found = Vec::new();
    for p in pats {
        let variants: [(&[char], bool); 2] = [(&p.chars, false), (&p.chars[1..], true)];
        for (pat, lam) in variants {
            if lam && !p.has_article {
                continue;
            }
            for at in occurrences(text, pat) {
                let span = at..at + pat.len();
                let ok =
                    ends_word(text, span.end) && prefix_ok(text, at, p.has_article && !lam, lam);
                if ok && !claimed[span.clone()].contains(&true) {
                    claimed[span.clone()].iter_mut().for_each(|c| *c = true);
                    found.push((p.entity, norm.source(span)));
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
    text.get(end).is_none_or(|&c| !c.is_alphanumeric())
}

fn prefix_ok(text: &[char], at: usize, has_article: bool, lam_article: bool) -> bool {
    let mut start = at;
    while start > 0 && text[start - 1].is_alphanumeric() {
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
