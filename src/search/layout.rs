//! The keyboard-layout slip: Arabic typed while a US layout is active
//! (`f,jdk` for بوتين), or Latin letters typed on the Arabic layout (`حعفهى`
//! for `putin`).
//!
//! [`KEYS`] is the one table: for each key of a US keyboard, what it types
//! there and what it types on the Arabic (101) layout, unshifted and
//! shifted, from the layouts' published key maps (Microsoft's "Arabic (101)"
//! and "US", as xkeyboard-config's `ara(basic)` and `us(basic)` give them).
//! Keys that type the same character on both (digits, `-`, `=`, most shifted
//! digits) are left out: they read as themselves.

use std::ops::Range;

/// `(US character, Arabic (101) characters)` for every key that differs.
/// `b` types two letters, lam and alef (ﻻ), and so do its shifted form and
/// `T` and `G` (لآ، لإ، لأ).
pub const KEYS: &[(char, &str)] = &[
    // The top row.
    ('`', "ذ"),
    ('~', "\u{651}"),
    ('(', ")"),
    (')', "("),
    // Q row, unshifted and shifted.
    ('q', "ض"),
    ('w', "ص"),
    ('e', "ث"),
    ('r', "ق"),
    ('t', "ف"),
    ('y', "غ"),
    ('u', "ع"),
    ('i', "ه"),
    ('o', "خ"),
    ('p', "ح"),
    ('[', "ج"),
    (']', "د"),
    ('Q', "\u{64e}"),
    ('W', "\u{64b}"),
    ('E', "\u{64f}"),
    ('R', "\u{64c}"),
    ('T', "لإ"),
    ('Y', "إ"),
    ('U', "`"),
    ('I', "÷"),
    ('O', "×"),
    ('P', "؛"),
    ('{', "<"),
    ('}', ">"),
    // A row.
    ('a', "ش"),
    ('s', "س"),
    ('d', "ي"),
    ('f', "ب"),
    ('g', "ل"),
    ('h', "ا"),
    ('j', "ت"),
    ('k', "ن"),
    ('l', "م"),
    (';', "ك"),
    ('\'', "ط"),
    ('A', "\u{650}"),
    ('S', "\u{64d}"),
    ('D', "]"),
    ('F', "["),
    ('G', "لأ"),
    ('H', "أ"),
    ('J', "ـ"),
    ('K', "،"),
    ('L', "/"),
    // Z row.
    ('z', "ئ"),
    ('x', "ء"),
    ('c', "ؤ"),
    ('v', "ر"),
    ('b', "لا"),
    ('n', "ى"),
    ('m', "ة"),
    (',', "و"),
    ('.', "ز"),
    ('/', "ظ"),
    ('Z', "~"),
    ('X', "\u{652}"),
    ('C', "}"),
    ('V', "{"),
    ('B', "لآ"),
    ('N', "آ"),
    ('M', "'"),
    ('<', ","),
    ('>', "."),
    ('?', "؟"),
];

/// A query read on the other layout: each character with the bytes of the
/// typed query its key stands for.
pub type Reading = Vec<(char, Range<usize>)>;

/// `query` (Latin keys) as the Arabic (101) layout types it, or `None` when
/// it is not a slip: it has a character no US key types, or no key that
/// types an Arabic letter.
pub fn to_arabic(query: &str) -> Option<Reading> {
    let mut out = Vec::new();
    let mut letters = false;
    for (i, c) in query.char_indices() {
        let at = i..i + c.len_utf8();
        if !c.is_ascii() {
            return None;
        }
        match KEYS.iter().find(|k| k.0 == c) {
            Some((_, typed)) => {
                for a in typed.chars() {
                    letters |= super::normalize::is_arabic(a);
                    out.push((a, at.clone()));
                }
            }
            None => out.push((c, at)),
        }
    }
    letters.then_some(out)
}

/// `query` (Arabic) as a US layout types the same keys: one reading, and a
/// second one when the query has لا, which is either `b` or `gh`. `None`
/// when it is not a slip: it has a Latin letter or a character the Arabic
/// layout does not type.
pub fn to_latin(query: &str) -> Vec<Reading> {
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    if !chars.iter().any(|&(_, c)| super::normalize::is_arabic(c))
        || chars.iter().any(|&(_, c)| c.is_ascii_alphabetic())
    {
        return Vec::new();
    }
    let mut readings = Vec::new();
    for lam_alef in [false, true] {
        let mut out = Vec::new();
        let mut k = 0;
        let mut used = false;
        while let Some(&(i, c)) = chars.get(k) {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let end = |n: usize| chars.get(n).map_or(query.len(), |&(j, _)| j);
            // The two letters of one key.
            if lam_alef && let Some(key) = two_letter_key(c, next) {
                out.push((key, i..end(k + 2)));
                used = true;
                k += 2;
                continue;
            }
            let key = presentation_key(c).or_else(|| key_of(c));
            match key {
                Some(key) => out.push((key, i..end(k + 1))),
                None if c.is_ascii() || c.is_whitespace() => out.push((c, i..end(k + 1))),
                None => return readings,
            }
            k += 1;
        }
        if !lam_alef || used {
            readings.push(out);
        }
    }
    readings
}

/// The US key that types the single character `c` on the Arabic layout.
fn key_of(c: char) -> Option<char> {
    KEYS.iter()
        .find(|(_, typed)| typed.chars().eq([c]))
        .map(|k| k.0)
}

/// The key that types lam followed by `next` (ا، آ، إ، أ) in one stroke.
fn two_letter_key(c: char, next: Option<char>) -> Option<char> {
    let next = next?;
    KEYS.iter()
        .find(|(_, typed)| typed.chars().eq([c, next]))
        .map(|k| k.0)
}

/// The lam-alef ligatures some systems type as one presentation form.
fn presentation_key(c: char) -> Option<char> {
    Some(match c {
        'ﻻ' | 'ﻼ' => 'b',
        'ﻵ' | 'ﻶ' => 'B',
        'ﻷ' | 'ﻸ' => 'G',
        'ﻹ' | 'ﻺ' => 'T',
        _ => return None,
    })
}

/// A reading as a string.
pub fn text(reading: &Reading) -> String {
    reading.iter().map(|(c, _)| *c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(s: &str) -> Option<String> {
        to_arabic(s).map(|r| text(&r))
    }

    fn la(s: &str) -> Vec<String> {
        to_latin(s).iter().map(text).collect()
    }

    #[test]
    fn slips_read_both_ways() {
        assert_eq!(ar("f,jdk").as_deref(), Some("بوتين"));
        assert_eq!(ar("l,s;,").as_deref(), Some("موسكو"));
        assert_eq!(ar(";dl").as_deref(), Some("كيم"));
        assert_eq!(ar("hgwdk").as_deref(), Some("الصين"));
        assert_eq!(ar("bbb").as_deref(), Some("لالالا"));
        assert_eq!(la("حعفهى"), vec!["putin".to_string()]);
        assert_eq!(la("؛عفهى"), vec!["Putin".to_string()]);
        // لا is one key (b) or two (g, h).
        assert_eq!(la("لاشؤن"), vec!["ghack".to_string(), "back".to_string()]);
        assert_eq!(la("ﻻشؤن"), vec!["back".to_string()]);
        // Not slips.
        assert_eq!(ar("1990"), None);
        assert_eq!(ar("putiné"), None);
        assert!(la("putin").is_empty());
        assert!(la("بوتين x").is_empty());
    }

    #[test]
    fn offsets_point_at_the_keys() {
        let r = to_arabic("b,").unwrap_or_default();
        let at: Vec<Range<usize>> = r.iter().map(|(_, r)| r.clone()).collect();
        assert_eq!(at, vec![0..1, 0..1, 1..2]);
        let r = to_latin("لا و");
        let at: Vec<Range<usize>> = r[1].iter().map(|(_, r)| r.clone()).collect();
        assert_eq!(at, vec![0..4, 4..5, 5..7]);
    }

    /// Each key once, and each Arabic character typed by one key only (so
    /// that reading back is well defined).
    #[test]
    fn the_table_is_one_to_one() {
        let mut keys: Vec<char> = KEYS.iter().map(|k| k.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), KEYS.len());
        let mut typed: Vec<&str> = KEYS.iter().map(|k| k.1).collect();
        typed.sort_unstable();
        typed.dedup();
        assert_eq!(typed.len(), KEYS.len());
    }
}
