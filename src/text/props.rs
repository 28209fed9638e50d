//! Character properties the hot loops ask about, answered from one
//! direct-indexed table for the chars below U+0800 (ASCII, Latin, Arabic:
//! nearly every char of the data) and by the defining predicates above it.
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

static TABLE: [u8; LOW] = build();

const fn build() -> [u8; LOW] {
    let mut table = [0; LOW];
    let mut i = 0;
    while i < LOW {
        if let Some(c) = char::from_u32(i as u32) {
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
    let flags = match TABLE.get(c as usize) {
        Some(&f) => f,
        None => flags_slow(c),
    };
    flags & flag != 0
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
