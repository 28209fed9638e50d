//! Character properties the hot loops ask about, answered from
//! direct-indexed tables for the chars below U+0800 (ASCII, Latin, Arabic)
//! and from U+FB00 to U+FFFF (Arabic presentation forms: the shaped text),
//! nearly every char of the data, and by the defining predicates elsewhere.
//! The table is built at compile time from those same predicates, so the
//! two cannot disagree.

use super::bidi::mirror_candidate_slow;
use super::clusters::{is_simple_slow, is_space_slow};
use super::sanitize::is_unsafe_slow;

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
}
