//! Full-text search: a folded substring anywhere in any paragraph.
//!
//! Text and query are folded as everywhere ([`super::normalize`]), then
//! their Arabic variant letters to one of each group
//! ([`super::variants::arabic_letter`]: `جورباتشوف` finds `غورباتشوف`).
//! Those are letter-for-letter and byte-for-byte, so offsets into the
//! folded text stay those of the plain fold. The other variant rules
//! (long vowels left out, `تش`/`ش`, Latin digraphs, doubled letters) change
//! lengths: they are for names, not here; nor are typos (a substring
//! search with edits would not stay within a frame on large texts).
//!
//! Memory and speed on large datasets: every paragraph's folded text is kept
//! back to back in one byte string (a line break after each: folded text and
//! folded queries never hold one, so no hit spans two paragraphs), coded
//! with an Arabic letter in one byte ([`super::packed`]; the query coded the
//! same way), searched in one pass with `memchr::memmem`. No offset map is
//! kept: the few paragraphs with a hit that is shown are folded again to map
//! it back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::normalize::{Normalized, normalize, normalize_into};
use super::packed;
use super::variants::arabic_letter;
use crate::data::{Dataset, SectionRef};

/// Where one paragraph's text sits in [`Texts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub section: SectionRef,
    pub paragraph: usize,
    /// Bytes in `Texts::original`.
    pub original: Range<usize>,
    /// Bytes in `Texts::folded`, coded (the line break after it excluded).
    pub folded: Range<usize>,
}

/// Paragraphs, original and folded, back to back: the index keeps the text
/// in a few such chunks (as folded, on several threads), searched in turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    pub original: String,
    /// The folded text, coded ([`packed`]).
    pub folded: Vec<u8>,
    pub paras: Vec<Paragraph>,
}

/// Ends every folded paragraph in `Texts::folded`.
const SEPARATOR: u8 = b'\n';

impl Texts {
    pub(crate) fn with_capacity(original: usize, bytes: usize, paragraphs: usize) -> Texts {
        Texts {
            original: String::with_capacity(original),
            folded: Vec::with_capacity(bytes + paragraphs),
            paras: Vec::with_capacity(paragraphs),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.original.shrink_to_fit();
        self.folded.shrink_to_fit();
        self.paras.shrink_to_fit();
    }

    /// Add one paragraph, its folded text empty until [`Texts::extend_last`]
    /// adds to it; its original too unless it is `None` (the index then
    /// reads it from the dataset it shares).
    pub(crate) fn push(&mut self, section: SectionRef, paragraph: usize, original: Option<&str>) {
        let o = self.original.len();
        self.original.push_str(original.unwrap_or(""));
        let f = self.folded.len();
        self.folded.push(SEPARATOR);
        self.paras.push(Paragraph {
            section,
            paragraph,
            original: o..self.original.len(),
            folded: f..f,
        });
    }

    /// Append `folded` to the folded text of the last paragraph pushed.
    pub(crate) fn extend_last(&mut self, folded: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        self.folded.pop();
        for c in folded.chars() {
            packed::push(&mut self.folded, arabic_letter(c));
        }
        p.folded.end = self.folded.len();
        self.folded.push(SEPARATOR);
    }

    /// Append `other` (the next paragraphs in reading order).
    #[cfg(test)]
    pub(crate) fn append(&mut self, other: Texts) {
        let (o, f) = (self.original.len(), self.folded.len());
        self.original.push_str(&other.original);
        self.folded.extend_from_slice(&other.folded);
        self.paras
            .extend(other.paras.into_iter().map(|p| Paragraph {
                original: p.original.start + o..p.original.end + o,
                folded: p.folded.start + f..p.folded.end + f,
                ..p
            }));
    }

    /// The folded text, decoded.
    #[cfg(test)]
    pub(crate) fn folded_text(&self) -> String {
        packed::decode(&self.folded)
    }

    /// A paragraph's original: kept here, or read from `shared`.
    fn original_of<'t>(&'t self, p: &Paragraph, shared: Option<&'t Dataset>) -> &'t str {
        match shared {
            Some(data) => data
                .section(p.section)
                .and_then(|s| s.paragraphs.get(p.paragraph))
                .map_or("", String::as_str),
            None => self.original.get(p.original.clone()).unwrap_or(""),
        }
    }
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

/// The first `limit` non-overlapping occurrences of the folded `query`, in
/// reading order (`chunks` in reading order; their originals in `shared`
/// when they do not keep them).
pub(crate) fn search(
    chunks: &[Texts],
    shared: Option<&Dataset>,
    query: &str,
    limit: usize,
) -> Vec<TextHit> {
    let q: String = normalize(query).text.chars().map(arabic_letter).collect();
    if q.is_empty() || q.contains(char::from(SEPARATOR)) {
        return Vec::new();
    }
    let coded = packed::encode(&q);
    let finder = memchr::memmem::Finder::new(&coded);
    let mut out = Vec::new();
    // A paragraph ends with a separator, so no hit spans two chunks.
    for texts in chunks {
        search_in(texts, shared, &finder, (q.len(), limit), &mut out);
    }
    out
}

/// [`search`] in one chunk, appending to `out` until it holds `limit` hits.
fn search_in(
    texts: &Texts,
    shared: Option<&Dataset>,
    finder: &memchr::memmem::Finder<'_>,
    (q_len, limit): (usize, usize),
    out: &mut Vec<TextHit>,
) {
    if out.len() >= limit {
        return;
    }
    let mut para = 0;
    // The paragraph last folded again, and its fold; how far into its coded
    // text the last hit was, and the UTF-8 length of the fold up to there.
    let mut folded_again: Option<usize> = None;
    let mut norm = Normalized::default();
    let (mut coded_at, mut local) = (0, 0);
    for at in finder.find_iter(&texts.folded) {
        while texts.paras.get(para).is_some_and(|p| p.folded.end <= at) {
            para += 1;
        }
        let Some(p) = texts.paras.get(para) else {
            break;
        };
        let original = texts.original_of(p, shared);
        if folded_again != Some(para) {
            normalize_into(original, &mut norm);
            folded_again = Some(para);
            (coded_at, local) = (p.folded.start, 0);
        }
        local += packed::utf8_len(texts.folded.get(coded_at..at).unwrap_or_default());
        coded_at = at;
        let range = norm.source_of_bytes(local..local + q_len);
        let (snippet, snippet_range) = snippet(original, range.clone());
        out.push(TextHit {
            section: p.section,
            paragraph: p.paragraph,
            range,
            snippet,
            snippet_range,
        });
        if out.len() >= limit {
            break;
        }
    }
}

/// An excerpt of `text` around `hit` (bytes), and where the hit sits in it.
/// It is cut between grapheme clusters, so a letter keeps its harakat.
pub fn snippet(text: &str, hit: Range<usize>) -> (String, Range<usize>) {
    let hit = hit.start.min(text.len())..hit.end.min(text.len());
    let hit = floor_boundary(text, hit.start)..floor_boundary(text, hit.end).max(hit.start);
    // The SNIPPET_CONTEXT-th cluster before the hit, if there are that many.
    let start = text[..hit.start]
        .grapheme_indices(true)
        .rev()
        .nth(SNIPPET_CONTEXT.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after_end = text[hit.end..]
        .grapheme_indices(true)
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

/// The nearest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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

    /// A cut before the hit never separates a letter from its harakat.
    #[test]
    fn snippet_cuts_between_clusters() {
        // Counted in characters, the 30th before the hit is a fatha.
        let before = "نَوَوِيٌّ ".repeat(10);
        let text = format!("{before}بب نووي");
        let at = text.rfind("نووي").unwrap_or(0);
        let (s, r) = snippet(&text, at..text.len());
        assert_eq!(&s[r], "نووي");
        let first = s.trim_start_matches('…').chars().next().unwrap_or(' ');
        assert!(!('\u{064B}'..='\u{065F}').contains(&first), "{s}");
    }

    /// A hit whose ends fall inside a character starts and ends at that
    /// character's start.
    #[test]
    fn snippet_hit_inside_a_character() {
        let (s, r) = snippet("باب", 1..5);
        assert_eq!(s, "باب");
        assert_eq!(r, 0..4);
        let (s, r) = snippet("aب", 2..3);
        assert_eq!((s.as_str(), r), ("aب", 1..3));
    }

    #[test]
    fn snippet_is_one_line() {
        let (s, r) = snippet("a\tb\nc\u{1b}[31m", 2..3);
        assert_eq!(s, "a b c [31m");
        assert_eq!(&s[r], "b");
    }
}
