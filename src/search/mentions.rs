//! Finding where each entity is mentioned, from the text itself.
//!
//! Every paragraph is folded with [`normalize`]; every name and alias is
//! folded the same way and looked for at word boundaries. Arabic attaches
//! short words in front of a noun (proclitics): و ف (and, so) then ب ك ل (in,
//! like, to) then the article ال, so `وبالرئيس` holds `رئيس`, and ل + ال is
//! written لل (`للولايات` is ل + `الولايات`). Those prefixes are allowed before
//! a match; nothing else is, and nothing may follow it. Longer patterns claim
//! their text first, so `كيم جونغ أون` is never also counted as `كيم`.

use std::ops::Range;

use super::normalize::{Normalized, is_word_char, normalize};
use crate::data::{Dataset, SectionRef};

/// One occurrence of an entity's name (or alias) in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mention {
    pub entity: usize,
    pub section: SectionRef,
    /// Paragraph index within its era or related item.
    pub paragraph: usize,
    /// Bytes of the name in the original paragraph (proclitics excluded).
    pub range: Range<usize>,
}

/// A folded pattern to look for, and whose it is.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub entity: usize,
    /// Folded characters of the alias.
    pub chars: Vec<char>,
    /// The alias starts with the article ال (so `لل` + the rest also counts).
    pub has_article: bool,
}

/// Every entity's name and aliases, folded, longest first (ties: dataset order).
pub(crate) fn patterns(data: &Dataset) -> Vec<Pattern> {
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
    // Stable: equal lengths keep dataset order.
    out.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
    out
}

/// Every mention in every paragraph of every section, in reading order.
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

/// `(entity, original byte range)` for every mention in one folded paragraph.
pub(crate) fn mentions_in(norm: &Normalized, pats: &[Pattern]) -> Vec<(usize, Range<usize>)> {
    let text: Vec<char> = norm.text.chars().collect();
    let mut claimed = vec![false; text.len()];
    let mut found = Vec::new();
    for p in pats {
        for at in occurrences(&text, &p.chars) {
            let span = at..at + p.chars.len();
            let ok = ends_word(&text, span.end) && prefix_ok(&text, at, p.has_article, false);
            if ok && !claimed[span.clone()].contains(&true) {
                claimed[span.clone()].iter_mut().for_each(|c| *c = true);
                found.push((p.entity, norm.source_of_chars(span)));
            }
        }
        // ل + ال is spelled لل: look for the alias without its alef after a ل.
        if p.has_article {
            let rest = &p.chars[1..];
            for at in occurrences(&text, rest) {
                let span = at..at + rest.len();
                let ok = ends_word(&text, span.end) && prefix_ok(&text, at, false, true);
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

/// Start indices of `pat` in `text` (overlapping allowed; claims sort it out).
fn occurrences<'a>(text: &'a [char], pat: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let n = pat.len();
    let last = (text.len() + 1).saturating_sub(n);
    (0..last).filter(move |&i| n > 0 && text[i..i + n] == *pat)
}

fn ends_word(text: &[char], end: usize) -> bool {
    text.get(end).is_none_or(|&c| !is_word_char(c))
}

/// Whether the letters between the start of the word and `at` are proclitics.
/// `lam_article`: the match is an ال-alias with its alef dropped, so the
/// prefix must end in the preposition ل.
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
        // The alias brings its own article: only و ف ب ك ل may precede it.
        &["", "ب", "ك", "ل"]
    } else {
        &["", "ب", "ك", "ل", "ال", "بال", "كال", "لل"]
    };
    allowed.contains(&core) || prefix.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pats(aliases: &[(usize, &str)]) -> Vec<Pattern> {
        let mut out: Vec<Pattern> = aliases
            .iter()
            .map(|&(entity, a)| {
                let chars: Vec<char> = normalize(a).text.chars().collect();
                let has_article = chars.len() > 2 && chars[0] == 'ا' && chars[1] == 'ل';
                Pattern {
                    entity,
                    chars,
                    has_article,
                }
            })
            .collect();
        out.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
        out
    }

    fn found<'a>(text: &'a str, p: &[Pattern]) -> Vec<(usize, &'a str)> {
        let n = normalize(text);
        mentions_in(&n, p)
            .into_iter()
            .map(|(e, r)| (e, &text[r]))
            .collect()
    }

    #[test]
    fn proclitics() {
        let p = pats(&[
            (0, "موسكو"),
            (1, "بكين"),
            (2, "رئيس"),
            (3, "الصين"),
            (4, "الولايات المتحدة"),
        ]);
        assert_eq!(found("لموسكو وبكين", &p), vec![(0, "موسكو"), (1, "بكين")]);
        assert_eq!(found("فموسكو وبموسكو كموسكو", &p).len(), 3);
        assert_eq!(found("بالرئيس والرئيس وللرئيس", &p).len(), 3);
        assert_eq!(
            found("والصين وبالصين", &p),
            vec![(3, "الصين"), (3, "الصين")]
        );
        assert_eq!(found("للصين", &p), vec![(3, "لصين")]);
        assert_eq!(found("وللولايات المتحدة", &p), vec![(4, "لولايات المتحدة")]);
        assert_eq!(found("بالولايات المتحدة", &p), vec![(4, "الولايات المتحدة")]);
    }

    #[test]
    fn word_boundaries() {
        let p = pats(&[(0, "روسيا"), (1, "كيم"), (2, "سيول")]);
        assert!(
            found("الروسيه", &p).is_empty(),
            "no suffix, no article on a bare noun"
        );
        assert!(found("روسيات", &p).is_empty());
        assert!(found("تكيم", &p).is_empty(), "ت is not a proclitic");
        assert!(found("مسيول", &p).is_empty());
        assert_eq!(found("(روسيا)، كيم.", &p).len(), 2);
    }

    #[test]
    fn longest_alias_claims_first() {
        let p = pats(&[(0, "كيم"), (1, "كيم جونغ أون"), (2, "كيم إيل سونغ")]);
        let got = found("وخلفه ابنه كيم جونغ أون. ثم كيم وكيم إيل سونغ", &p);
        assert_eq!(
            got,
            vec![(1, "كيم جونغ أون"), (0, "كيم"), (2, "كيم إيل سونغ")]
        );
    }

    #[test]
    fn harakat_and_variants_in_text() {
        let p = pats(&[(0, "بوتين"), (1, "أوكرانيا")]);
        assert_eq!(
            found("بُوتِين في اوكرانيا", &p),
            vec![(0, "بُوتِين"), (1, "اوكرانيا")]
        );
    }
}
