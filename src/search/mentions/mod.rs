//! Finding where each entity is mentioned, from the text itself.
//!
//! Every paragraph is folded with [`normalize`]; every name and alias is
//! folded the same way and looked for at word boundaries. Arabic attaches
//! short words in front of a noun (proclitics): و ف (and, so) then ب ك ل (in,
//! like, to) then the article ال, so `وبالرئيس` holds `رئيس`, and ل + ال is
//! written لل (`للولايات` is ل + `الولايات`). Those prefixes are allowed before
//! a match; nothing else is, and nothing may follow it. Longer patterns claim
//! their text first, so `كيم جونغ أون` is never also counted as `كيم`.
//!
//! Speed: rather than looking for every pattern in every paragraph, each
//! pattern is filed under its first word, or its first two words when it
//! has two (see `key_len`), and each word of the text (and the word with
//! each possible proclitic prefix cut off) is looked up alone and, when it
//! may start a two-word key, with the next word. A match must end at a word
//! end and start after a proclitic, so the text from the match start on
//! holds exactly the pattern's key there: no match is missed. A bit filter
//! small enough to stay in cache answers most lookups (most words are
//! nobody's name) before the map is touched. The matches found are then
//! claimed in the order the plain scan would claim them (pattern by pattern,
//! longest first), which gives the same result (see `dev::reference`).
//!
//! Memory: a long paragraph is folded and scanned a window at a time
//! ([`Scan`], in `window.rs`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Range;

use super::normalize::{Normalized, is_word_char, normalize};

mod window;
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
        let own = out.len();
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            let chars: Vec<char> = normalize(alias).text.chars().collect();
            let duplicate = out[own..].iter().any(|p| p.chars == chars);
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

/// The longest proclitic prefix, in characters (و or ف, then بال or كال).
const MAX_PREFIX: usize = 4;

/// FxHash (as in rustc): the keys are short words, and SipHash's defence
/// against chosen collisions costs more than it buys here.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The last bytes, zero-padded: shifted in rather than copied (a
        // copy of a variable length is a call to memcpy, on every word).
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.add(word);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The patterns, filed under their first word, or their first two words
/// when they have two (so that a common first name does not bring every
/// pattern that starts with it to every place it occurs).
pub(crate) struct PatternIndex {
    /// In claim order: longest first.
    pats: Vec<Pattern>,
    /// The key (see [`key_len`]) of a pattern, or of its form without the
    /// alef (`lam`: ل + ال spelled لل) → `(index in pats, lam)`.
    by_key: FxMap<String, Vec<(usize, bool)>>,
    /// Which keys `by_key` may hold.
    filter: KeyFilter,
    /// Which words may start a two-word key.
    heads: KeyFilter,
    /// Patterns that start with a non-word character: scanned the plain way.
    headless: Vec<usize>,
    /// Folded characters of the longest pattern.
    longest: usize,
}

/// One bit per hash of each key, 16 to 32 bits per key (a power of two in
/// all): small enough to stay in the processor's cache, where the map of a
/// large dataset's names does not. Most words of a text are no pattern's
/// key, and a clear bit says so without a trip to main memory (in a profile
/// of the large generated dataset, the map's cache misses were the largest
/// single cost of finding mentions).
struct KeyFilter {
    bits: Vec<u64>,
    /// 64 minus the number of index bits.
    shift: u32,
}

impl KeyFilter {
    fn new<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> KeyFilter {
        let len = (keys.len() * 16).next_power_of_two().max(64);
        let mut filter = KeyFilter {
            bits: vec![0; len / 64],
            shift: 64 - len.trailing_zeros(),
        };
        keys.for_each(|key| filter.insert(key));
        filter
    }

    fn hash(key: &str) -> u64 {
        let mut h = FxHasher::default();
        key.hash(&mut h);
        h.finish()
    }

    fn slot(&self, hash: u64) -> usize {
        // A Fibonacci multiply spreads every bit of the hash into the top ones.
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn insert(&mut self, key: &str) {
        let i = self.slot(Self::hash(key));
        if let Some(w) = self.bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// Whether a key with this [`KeyFilter::hash`] may be in the filter.
    fn may_hold(&self, hash: u64) -> bool {
        let i = self.slot(hash);
        self.bits
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
}

/// How many leading characters of a pattern file it: its first word, and
/// when a second word follows, the characters between and that word too.
/// The text's characters at a match are the pattern's, so a match starting
/// at `at` has the key the text has there (its word from `at`, plus the
/// separator and next word), as [`candidates`] looks it up.
/// Returns `(first word, key)` lengths; the key is longer when it has two words.
fn key_len(chars: &[char]) -> (usize, usize) {
    let word = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|&&c| is_word_char(c))
            .count()
    };
    let head = word(0);
    let gap = chars[head..]
        .iter()
        .take_while(|&&c| !is_word_char(c))
        .count();
    let second = word(head + gap);
    if head == 0 || second == 0 {
        (head, head)
    } else {
        (head, head + gap + second)
    }
}

impl PatternIndex {
    pub(crate) fn new(pats: Vec<Pattern>) -> PatternIndex {
        let mut by_key: FxMap<String, Vec<(usize, bool)>> = FxMap::default();
        let mut heads: Vec<String> = Vec::new();
        let mut headless = Vec::new();
        for (k, p) in pats.iter().enumerate() {
            let variants: [(&[char], bool); 2] = [(&p.chars, false), (&p.chars[1..], true)];
            for (chars, lam) in variants {
                if lam && !p.has_article {
                    continue;
                }
                let (head, key) = key_len(chars);
                if key == 0 {
                    headless.push(k);
                    continue;
                }
                if head < key {
                    heads.push(chars[..head].iter().collect());
                }
                let key = chars[..key].iter().collect();
                by_key.entry(key).or_default().push((k, lam));
            }
        }
        PatternIndex {
            longest: pats.iter().map(|p| p.chars.len()).max().unwrap_or(0),
            filter: KeyFilter::new(by_key.keys().map(String::as_str)),
            heads: KeyFilter::new(heads.iter().map(String::as_str)),
            pats,
            by_key,
            headless,
        }
    }

    /// The patterns (and forms) whose key is `key`, its [`KeyFilter::hash`] given.
    fn with_key(&self, key: &str, hash: u64) -> &[(usize, bool)] {
        if !self.filter.may_hold(hash) {
            return &[];
        }
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether pattern `k` (its ل-form if `lam`) is mentioned at `at`.
    fn matches_at(&self, text: &[char], k: usize, lam: bool, at: usize) -> bool {
        let Some(p) = self.pats.get(k) else {
            return false;
        };
        let chars = if lam { &p.chars[1..] } else { &p.chars[..] };
        let end = at + chars.len();
        text.get(at..end) == Some(chars)
            && ends_word(text, end)
            && prefix_ok(text, at, p.has_article && !lam, lam)
    }
}

pub use super::build::find_mentions;
pub(crate) use window::Scan;

/// Every `(pattern, lam, start)` that is a mention on its own (before claims).
fn candidates(norm: &Normalized, text: &[char], ix: &PatternIndex) -> Vec<(usize, bool, usize)> {
    let mut hits = Vec::new();
    let mut words = word_spans(text).peekable();
    while let Some((ws, we)) = words.next() {
        // Only non-word characters lie between a word and the next one.
        let next = words.peek().map(|w| w.1);
        for at in ws..we.min(ws + MAX_PREFIX + 1) {
            // The loosest prefix rule: nothing fails it that passes another.
            if at > ws && !proclitics_ok(&text[ws..at], false, false) {
                continue;
            }
            let from = norm.byte_of_char(at);
            let word = &norm.text[from..norm.byte_of_char(we)];
            let hash = KeyFilter::hash(word);
            // The two-word key only when the word may start one.
            let two = next.filter(|_| ix.heads.may_hold(hash)).map(|end| {
                let two = &norm.text[from..norm.byte_of_char(end)];
                (two, KeyFilter::hash(two))
            });
            for (key, hash) in std::iter::once((word, hash)).chain(two) {
                for &(k, lam) in ix.with_key(key, hash) {
                    if ix.matches_at(text, k, lam, at) {
                        hits.push((k, lam, at));
                    }
                }
            }
        }
    }
    for &k in &ix.headless {
        let Some(p) = ix.pats.get(k) else { continue };
        for at in occurrences(text, &p.chars) {
            if ix.matches_at(text, k, false, at) {
                hits.push((k, false, at));
            }
        }
    }
    hits
}

/// `(start, end)` of every run of word characters, in one pass.
fn word_spans(text: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() && !is_word_char(text[i]) {
            i += 1;
        }
        let start = i;
        while i < text.len() && is_word_char(text[i]) {
            i += 1;
        }
        (start < i).then_some((start, i))
    })
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
    proclitics_ok(&text[start..at], has_article, lam_article)
}

/// [`prefix_ok`] for the letters `prefix` before the match in its word.
fn proclitics_ok(prefix: &[char], has_article: bool, lam_article: bool) -> bool {
    let core = match prefix.split_first() {
        Some(('و' | 'ف', rest)) => rest,
        _ => prefix,
    };
    if lam_article {
        return matches!(core, ['ل']);
    }
    match core {
        [] | ['ب' | 'ك' | 'ل'] => true,
        // The alias brings its own article: only و ف ب ك ل may precede it.
        ['ا', 'ل'] | ['ب' | 'ك', 'ا', 'ل'] | ['ل', 'ل'] => !has_article,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
