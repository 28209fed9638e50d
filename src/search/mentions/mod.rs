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

use std::hash::{Hash, Hasher};
use std::ops::Range;

use hashbrown::HashTable;

use super::normalize::{Normalized, is_word_char};
use patterns::small;

mod patterns;
mod window;

use crate::data::SectionRef;
pub(crate) use patterns::{Patterns, patterns};

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

/// The patterns, filed under their first word, or their first two words
/// when they have two (so that a common first name does not bring every
/// pattern that starts with it to every place it occurs).
pub(crate) struct PatternIndex {
    /// In claim order: longest first.
    pats: Patterns,
    /// The keys (see [`key_len`]) of the patterns, and of their forms without
    /// the alef (`lam`: ل + ال spelled لل), back to back; key `i` is
    /// `key_text[keys[i].0..keys[i].1]`.
    key_text: String,
    keys: Vec<(u32, u32)>,
    /// Key ids by [`KeyFilter::hash`].
    ids: HashTable<u32>,
    /// `(index in pats, lam)` of key `i`: `entries[entry_start[i]..entry_start[i + 1]]`.
    entries: Vec<(u32, bool)>,
    entry_start: Vec<u32>,
    /// Which keys `ids` may hold.
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
    /// A filter of the keys with these [`KeyFilter::hash`]es.
    fn new(hashes: impl ExactSizeIterator<Item = u64>) -> KeyFilter {
        let len = (hashes.len() * 16).next_power_of_two().max(64);
        let mut filter = KeyFilter {
            bits: vec![0; len / 64],
            shift: 64 - len.trailing_zeros(),
        };
        hashes.for_each(|hash| filter.insert(hash));
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

    fn insert(&mut self, hash: u64) {
        let i = self.slot(hash);
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

/// How many leading bytes of a pattern's folded text file it: its first
/// word, and when a second word follows, the characters between and that
/// word too. The text's characters at a match are the pattern's, so a match
/// starting at `at` has the key the text has there (its word from `at`,
/// plus the separator and next word), as [`candidates`] looks it up.
/// Returns `(first word, key)` lengths; the key is longer when it has two words.
fn key_len(form: &str) -> (usize, usize) {
    // Bytes from `from` to the first character that is (or is not) a word character.
    let run = |from: usize, word: bool| {
        let rest = form.get(from..).unwrap_or("");
        rest.char_indices()
            .find(|&(_, c)| is_word_char(c) != word)
            .map_or(rest.len(), |(i, _)| i)
    };
    let head = run(0, true);
    let gap = run(head, false);
    let second = run(head + gap, true);
    if head == 0 || second == 0 {
        (head, head)
    } else {
        (head, head + gap + second)
    }
}

/// Key `id`'s text.
fn key_of<'a>(keys: &[(u32, u32)], text: &'a str, id: u32) -> &'a str {
    keys.get(id as usize)
        .and_then(|&(a, b)| text.get(a as usize..b as usize))
        .unwrap_or("")
}

impl PatternIndex {
    pub(crate) fn new(pats: Patterns) -> PatternIndex {
        let mut ids: HashTable<u32> = HashTable::with_capacity(pats.list.len());
        let (mut key_text, mut keys) = (String::new(), Vec::new());
        // `(key, pattern, lam)` in pattern order, grouped by key below.
        let mut filed: Vec<(u32, u32, bool)> = Vec::with_capacity(pats.list.len());
        let (mut heads, mut headless) = (Vec::new(), Vec::new());
        for (k, p) in pats.list.iter().enumerate() {
            for lam in [false, true] {
                if lam && !p.has_article {
                    continue;
                }
                let form = pats.form(p, lam).0;
                let (head, key) = key_len(form);
                if key == 0 {
                    headless.push(k);
                    continue;
                }
                if head < key {
                    heads.push(KeyFilter::hash(form.get(..head).unwrap_or("")));
                }
                let key = form.get(..key).unwrap_or("");
                let hash = KeyFilter::hash(key);
                let found = ids.find(hash, |&id| key_of(&keys, &key_text, id) == key);
                let id = match found {
                    Some(&id) => id,
                    None => {
                        let id = small(keys.len());
                        let start = small(key_text.len());
                        key_text.push_str(key);
                        keys.push((start, small(key_text.len())));
                        ids.insert_unique(hash, id, |&id| {
                            KeyFilter::hash(key_of(&keys, &key_text, id))
                        });
                        id
                    }
                };
                filed.push((id, small(k), lam));
            }
        }
        // Grouped by key with a counting sort (each key's in pattern order).
        let mut entry_start = vec![0u32; keys.len() + 1];
        for &(id, _, _) in &filed {
            entry_start[id as usize + 1] += 1;
        }
        for i in 0..keys.len() {
            entry_start[i + 1] += entry_start[i];
        }
        let mut next = entry_start.clone();
        let mut entries = vec![(0, false); filed.len()];
        for &(id, k, lam) in &filed {
            let at = &mut next[id as usize];
            entries[*at as usize] = (k, lam);
            *at += 1;
        }
        key_text.shrink_to_fit();
        PatternIndex {
            longest: pats
                .list
                .iter()
                .map(|p| p.chars as usize)
                .max()
                .unwrap_or(0),
            filter: KeyFilter::new(
                (0..keys.len()).map(|id| KeyFilter::hash(key_of(&keys, &key_text, small(id)))),
            ),
            heads: KeyFilter::new(heads.iter().copied()),
            pats,
            key_text,
            keys,
            ids,
            entries,
            entry_start,
            headless,
        }
    }

    /// The patterns (and forms) whose key is `key`, its [`KeyFilter::hash`] given.
    fn with_key(&self, key: &str, hash: u64) -> &[(u32, bool)] {
        if !self.filter.may_hold(hash) {
            return &[];
        }
        let found = self
            .ids
            .find(hash, |&id| key_of(&self.keys, &self.key_text, id) == key);
        let Some(&id) = found else {
            return &[];
        };
        let id = id as usize;
        match (self.entry_start.get(id), self.entry_start.get(id + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether pattern `k` (its ل-form if `lam`) is mentioned at `at` of
    /// the folded text (`text`: its characters).
    fn matches_at(&self, norm: &Normalized, text: &[char], k: usize, lam: bool, at: usize) -> bool {
        let Some(p) = self.pats.get(k) else {
            return false;
        };
        let (form, len) = self.pats.form(p, lam);
        let end = at + len;
        end <= text.len()
            && norm
                .text
                .get(norm.byte_of_char(at)..)
                .is_some_and(|t| t.starts_with(form))
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
                    let k = k as usize;
                    if ix.matches_at(norm, text, k, lam, at) {
                        hits.push((k, lam, at));
                    }
                }
            }
        }
    }
    // Every place of a headless pattern (overlapping ones too: claims sort them out).
    for &k in &ix.headless {
        let places = (0..text.len()).filter(|&at| ix.matches_at(norm, text, k, false, at));
        hits.extend(places.map(|at| (k, false, at)));
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
