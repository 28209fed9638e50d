//! Full-text search: a folded substring anywhere in any paragraph.

use std::ops::Range;

use super::normalize::{Normalized, normalize};
use crate::data::{Dataset, SectionRef};

/// A folded paragraph kept for substring search.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    pub section: SectionRef,
    pub paragraph: usize,
    pub original: String,
    pub norm: Normalized,
}

/// One occurrence of the query in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHit {
    pub section: SectionRef,
    /// Paragraph index within its era or related item.
    pub paragraph: usize,
    /// Bytes of the hit in the original paragraph.
    pub range: Range<usize>,
    /// A one-line excerpt around the hit (control characters and line breaks
    /// replaced by spaces), with `…` where it was cut.
    pub snippet: String,
    /// Bytes of the hit within `snippet`.
    pub snippet_range: Range<usize>,
}

/// Characters of context kept on each side of a hit in its snippet.
pub const SNIPPET_CONTEXT: usize = 30;

pub(crate) fn paragraphs(data: &Dataset) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for s in data.sections() {
        for (paragraph, text) in s.paragraphs.iter().enumerate() {
            let norm = normalize(text);
            out.push(Paragraph {
                section: s.at,
                paragraph,
                original: text.clone(),
                norm,
            });
        }
    }
    out
}

/// Every non-overlapping occurrence of the folded `query`, in reading order.
pub(crate) fn search(paras: &[Paragraph], query: &str) -> Vec<TextHit> {
    let q = normalize(query).text;
    if q.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for p in paras {
        for (at, _) in p.norm.text.match_indices(&q) {
            let range = p.norm.source_of_bytes(at..at + q.len());
            let (snippet, snippet_range) = snippet(&p.original, range.clone());
            out.push(TextHit {
                section: p.section,
                paragraph: p.paragraph,
                range,
                snippet,
                snippet_range,
            });
        }
    }
    out
}

/// An excerpt of `text` around `hit` (bytes), and where the hit sits in it.
pub fn snippet(text: &str, hit: Range<usize>) -> (String, Range<usize>) {
    let hit = hit.start.min(text.len())..hit.end.min(text.len());
    let before: Vec<(usize, char)> = text[..hit.start].char_indices().collect();
    let start = before
        .len()
        .checked_sub(SNIPPET_CONTEXT)
        .map_or(0, |k| before[k].0);
    let after_end = text[hit.end..]
        .char_indices()
        .nth(SNIPPET_CONTEXT)
        .map_or(text.len(), |(i, _)| hit.end + i);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&one_line(&text[start..hit.start]));
    let s = out.len();
    out.push_str(&one_line(&text[hit.clone()]));
    let e = out.len();
    out.push_str(&one_line(&text[hit.end..after_end]));
    if after_end < text.len() {
        out.push('…');
    }
    (out, s..e)
}

/// Control characters (tabs, line breaks, escapes) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_cuts_and_keeps_hit() {
        let text = format!("{}بوتين{}", "ا".repeat(50), "ب".repeat(50));
        let at = text.find("بوتين").unwrap_or(0);
        let (s, r) = snippet(&text, at..at + "بوتين".len());
        assert_eq!(&s[r], "بوتين");
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(s.chars().count(), 2 + 2 * SNIPPET_CONTEXT + 5);
    }

    #[test]
    fn snippet_is_one_line() {
        let (s, r) = snippet("a\tb\nc\u{1b}[31m", 2..3);
        assert_eq!(s, "a b c [31m");
        assert_eq!(&s[r], "b");
    }
}
