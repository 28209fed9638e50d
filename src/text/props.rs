//! Character properties the hot loops ask about, answered from
//! direct-indexed tables for the chars below U+0800 (ASCII, Latin, Arabic)
//! and from U+FB00 to U+FFFF (Arabic presentation forms: the shaped text),
//! nearly every char of the data, and by the defining predicates elsewhere.
//! The table is built at compile time from those same predicates, so the
//! two cannot disagree. The defining predicates live here too, so the
//! modules that ask (`bidi`, `clusters`, `sanitize`) depend on this one and
//! not the other way round.

/// `sanitize::is_unsafe` by definition: the one list of characters unsafe to
/// show, which messages escape too.
pub(super) use crate::data::diag::is_display_unsafe as is_unsafe_slow;

const LOW: usize = 0x800;
pub(super) const SIMPLE: u8 = 1;
pub(super) const SPACE: u8 = 2;
pub(super) const UNSAFE: u8 = 4;
pub(super) const MIRROR: u8 = 8;

const HIGH: usize = 0xFB00;
static TABLE: [u8; LOW] = build::<LOW>(0);
static TABLE_HIGH: [u8; 0x10000 - HIGH] = build::<{ 0x10000 - HIGH }>(HIGH);

const fn build<const N: usize>(first: usize) -> [u8; N] {
    let mut table = [0; N];
    let mut i = 0;
    while i < N {
        if let Some(c) = char::from_u32((first + i) as u32) {
            table[i] = flags_slow(c);
        }
        i += 1;
    }
    table
}

const fn flags_slow(c: char) -> u8 {
    (if is_simple_slow(c) { SIMPLE } else { 0 })
        | (if is_space_slow(c) { SPACE } else { 0 })
        | (if is_unsafe_slow(c) { UNSAFE } else { 0 })
        | (if mirror_candidate_slow(c) { MIRROR } else { 0 })
}

/// Does `c` have the property `flag`?
#[inline]
pub(super) fn has(c: char, flag: u8) -> bool {
    flags(c) & flag != 0
}

/// All the properties of `c`, as a set of flags.
#[inline]
pub(super) fn flags(c: char) -> u8 {
    let i = c as usize;
    match TABLE.get(i) {
        Some(&f) => f,
        None => match i.checked_sub(HIGH).and_then(|i| TABLE_HIGH.get(i)) {
            Some(&f) => f,
            None => flags_slow(c),
        },
    }
}

// --- the defining predicates -------------------------------------------------

/// `clusters::is_space` by definition (the property table is built from it).
pub(super) const fn is_space_slow(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// `clusters::is_simple` by definition (the property table is built from it).
pub(super) const fn is_simple_slow(c: char) -> bool {
    matches!(c,
        ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{2FF}'
        | '\u{60C}' | '\u{61B}' | '\u{61F}'
        | '\u{621}'..='\u{64A}' | '\u{660}'..='\u{66D}' | '\u{671}'..='\u{6D3}'
        | '\u{FB50}'..='\u{FBB1}' | '\u{FE80}'..='\u{FEFC}')
}

/// Can `c` have a mirrored glyph? Every pair of the table lies in these
/// ranges; letters (the bulk of an RTL run, presentation forms included)
/// are out at once.
pub(super) const fn mirror_candidate_slow(c: char) -> bool {
    matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»'
        | '\u{2039}'..='\u{30FF}' | '\u{FE59}'..='\u{FE65}' | '\u{FF08}'..='\u{FF63}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_predicates_agree_on_every_char() {
        for c in '\0'..=char::MAX {
            for (flag, slow) in [
                (SIMPLE, is_simple_slow as fn(char) -> bool),
                (SPACE, is_space_slow),
                (UNSAFE, is_unsafe_slow),
                (MIRROR, mirror_candidate_slow),
            ] {
                assert_eq!(has(c, flag), slow(c), "{c:?} {flag}");
            }
        }
    }

    /// The fast paths cover the letters of prose: ASCII, Arabic letters and
    /// their presentation forms are simple, and none is a mirror candidate.
    #[test]
    fn letters_take_the_fast_paths() {
        let letters = ('a'..='z')
            .chain('A'..='Z')
            .chain('\u{621}'..='\u{64A}')
            .chain('\u{FE80}'..='\u{FEFC}');
        for c in letters {
            assert!(is_simple_slow(c), "{c:?}");
            assert!(!mirror_candidate_slow(c), "{c:?}");
        }
        assert!(mirror_candidate_slow('(') && mirror_candidate_slow('»'));
    }
}
