//! skim's fuzzy score (`SkimMatcherV2`, case ignored), transcribed: the same
//! two-row scoring pass on characters and bonuses prepared once at build time,
//! with no allocation per candidate; and the bit masks that skip, before any
//! scoring, candidates lacking one of the query's characters.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::letters::Letter;

/// A skim matcher with our settings, new for each call: skim's cached score
/// matrix can leak a cell from one call into the next (see [`skim_score`]),
/// and its `use_cache(false)` panics (a double borrow in fuzzy-matcher 0.3.7).
pub(crate) fn fresh_skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}
/// The bit of a character in a candidate's or query's mask. Several
/// characters share a bit (so a mask test can only say "maybe"), but a
/// character and its ASCII case variant always share one, as skim ignores
/// ASCII case. Each ASCII letter, digit and the space has a bit no other
/// character has: a query of those passes only candidates holding each.
fn char_bit(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    let k = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        ' ' => 36,
        _ => 37 + u32::from(c) % 27,
    };
    1 << k
}

pub(crate) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

// skim v2's scoring (fuzzy-matcher 0.3.7, `SkimScoreConfig::default()`).
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_HEAD: i8 = 8;
const BONUS_BREAK: i8 = 7;
const BONUS_CAMEL: i8 = 6;
const BONUS_CONSECUTIVE: i32 = 4;
const PENALTY_CASE_MISMATCH: i32 = -2;
const FIRST_CHAR_MULTIPLIER: i8 = 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

/// skim's character classes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// skim's bonus for a character, from its class and the previous one's.
fn in_place_bonus(prev: CharType, cur: CharType) -> i8 {
    use CharType::{Empty, HardSep, Lower, Number, SoftSep, Upper};
    match (prev, cur) {
        (Empty | HardSep, _) => BONUS_HEAD,
        (SoftSep, _) => BONUS_BREAK,
        (Lower | Number, Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Append the in-place bonus of each of `chars` (the first one doubled).
pub(crate) fn push_bonuses(chars: &[char], out: &mut Vec<i8>) {
    let mut prev = '\0';
    for (j, &c) in chars.iter().enumerate() {
        let b = in_place_bonus(char_type(prev), char_type(c));
        out.push(if j == 0 { b * FIRST_CHAR_MULTIPLIER } else { b });
        prev = c;
    }
}

/// One cell of skim's score matrix: best score ending in a match (`m`) or
/// in a skip (`p`) here, and the consecutive-match bonus carried along.
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const RESET: Cell = Cell {
    m: NEG_INFINITY,
    p: NEG_INFINITY,
    bonus: 0,
};

/// Buffers reused from one candidate to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    rows: Vec<Cell>,
    first: Vec<usize>,
}

/// `SkimMatcherV2::default().ignore_case().fuzzy_match(choice, pattern)`,
/// computed the same way, step for step: the greedy first-match check, then
/// the two-row pass (rows alternate between pattern characters, and, as in
/// skim, a cell's `bonus` may carry over from two pattern rows before), then
/// the best `m` of the last row from the last pattern character's first
/// match on. `bonus[j]` is the in-place bonus of `choice[j]` ([`push_bonuses`]).
/// The matrix starts fresh on every call, as a new skim matcher's does (a
/// reused one may read a cell's `bonus` left over from the previous call).
pub(crate) fn skim_score<L: Letter>(
    choice: &[L],
    bonus: &[i8],
    pattern: &[L],
    s: &mut Scratch,
) -> Option<i64> {
    match pattern {
        [] => return Some(0),
        [p] => return skim_score_one(choice, bonus, *p),
        _ => {}
    }
    s.first.clear();
    for (idx, c) in choice.iter().enumerate() {
        match pattern.get(s.first.len()) {
            Some(&p) if c.eq_ignore_ascii_case(p) => s.first.push(idx),
            Some(_) => {}
            None => break,
        }
    }
    if s.first.len() < pattern.len() || bonus.len() < choice.len() {
        return None;
    }
    let cols = choice.len() + 1;
    s.rows.clear();
    s.rows.resize(2 * cols, RESET);
    for cell in &mut s.rows[..cols] {
        cell.p = GAP_EXTENSION;
    }
    for (i, &p) in pattern.iter().enumerate() {
        let row = ((i + 1) & 1) * cols;
        let prev = (i & 1) * cols;
        for col in s.first[i] + 1..cols {
            let c = choice[col - 1];
            let (last, cur, diag) = (row + col - 1, row + col, prev + col - 1);
            if c.eq_ignore_ascii_case(p) {
                let here = i32::from(bonus[col - 1]);
                let consecutive = s.rows[last].bonus.max(here.max(BONUS_CONSECUTIVE));
                s.rows[last].bonus = consecutive;
                let from_match = s.rows[diag].m + consecutive;
                let from_skip = s.rows[diag].p + here;
                let penalty = if c == p { 0 } else { PENALTY_CASE_MISMATCH };
                s.rows[cur].m = from_match.max(from_skip) + (SCORE_MATCH + penalty).max(0);
            } else {
                s.rows[cur].m = NEG_INFINITY;
                s.rows[cur].bonus = 0;
            }
            let open = GAP_START + GAP_EXTENSION + s.rows[last].m;
            let extend = GAP_EXTENSION + s.rows[last].p;
            s.rows[cur].p = open.max(extend);
        }
    }
    let row = (pattern.len() & 1) * cols;
    let from = s.first[pattern.len() - 1];
    s.rows[row + from..row + cols]
        .iter()
        .map(|c| c.m)
        .max()
        .map(i64::from)
}

/// [`skim_score`] for a one-character pattern, where the pass reduces to
/// this: each match scores the skip route from row 0 (`p = GAP_EXTENSION`)
/// plus its bonus and the match score (the `m` route starts at minus
/// infinity), and the result is the best of them.
fn skim_score_one<L: Letter>(choice: &[L], bonus: &[i8], p: L) -> Option<i64> {
    choice
        .iter()
        .zip(bonus)
        .filter(|(c, _)| c.eq_ignore_ascii_case(p))
        .map(|(&c, &b)| {
            let penalty = if c == p { 0 } else { PENALTY_CASE_MISMATCH };
            GAP_EXTENSION + i32::from(b) + (SCORE_MATCH + penalty).max(0)
        })
        .max()
        .map(i64::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_rng::Rng;
    use fuzzy_matcher::FuzzyMatcher;

    /// A Latin letter, a digit and the space each have a bit of their own,
    /// shared only with the letter's other case.
    #[test]
    fn ascii_letters_digits_and_space_have_their_own_bits() {
        let own: Vec<char> = ('a'..='z').chain('0'..='9').chain([' ']).collect();
        let bits: Vec<u64> = own.iter().map(|&c| char_bit(c)).collect();
        for (i, b) in bits.iter().enumerate() {
            assert_eq!(b.count_ones(), 1);
            assert!(bits[..i].iter().all(|o| o != b), "{:?}", own[i]);
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            let same = own.iter().position(|&o| o == c.to_ascii_lowercase());
            for (i, &b) in bits.iter().enumerate() {
                assert_eq!(char_bit(c) == b, same == Some(i), "{c:?} and {:?}", own[i]);
            }
        }
        assert_eq!(mask_of("Kim 2"), mask_of("k2mi "));
    }

    fn ours(choice: &[char], pattern: &[char], s: &mut Scratch) -> Option<i64> {
        let mut bonus = Vec::new();
        push_bonuses(choice, &mut bonus);
        skim_score(choice, &bonus, pattern, s)
    }

    /// Our scorer against skim itself, on strings from small alphabets (so
    /// repeats, gaps, separators, digits, case and Arabic all meet often).
    #[test]
    fn skim_score_equals_skim() {
        let skim = fresh_skim;
        let alphabets: [&[char]; 4] = [
            &['a', 'b', 'a', 'c', ' '],
            &['k', 'i', 'm', ' ', '-', '.', '1', '9', 'K', 'I', '('],
            &['ب', 'و', 'ت', 'ي', 'ن', ' ', 'ا', 'ل'],
            &['x', 'X', 'y', '/', '_', '0', 'é', '\0', 'ي', 'Y'],
        ];
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut s = Scratch::default();
        let mut matched = 0;
        for round in 0..40_000 {
            let alphabet = alphabets[round % alphabets.len()];
            let choice = rng.string(alphabet, 24);
            // Half the patterns are subsequences of the choice, so most match.
            let pattern: Vec<char> = if round % 2 == 0 {
                choice
                    .iter()
                    .copied()
                    .filter(|_| rng.below(3) == 0)
                    .collect()
            } else {
                rng.string(alphabet, 5)
            };
            let (c, p): (String, String) = (choice.iter().collect(), pattern.iter().collect());
            let want = skim().fuzzy_match(&c, &p);
            matched += usize::from(want.is_some());
            assert_eq!(ours(&choice, &pattern, &mut s), want, "{c:?} / {p:?}");
        }
        assert!(matched > 10_000, "too few matches to mean much: {matched}");
    }

    #[test]
    fn masks_never_reject_a_match() {
        let skim = fresh_skim;
        let alphabet = ['a', 'Z', 'z', 'ب', 'ة', 'ح', ' ', '9', 'ß', '\u{1F600}'];
        let mut rng = Rng(7);
        for _ in 0..5_000 {
            let choice: String = rng.string(&alphabet, 12).into_iter().collect();
            let pattern: String = rng.string(&alphabet, 3).into_iter().collect();
            if skim().fuzzy_match(&choice, &pattern).is_some() {
                assert_eq!(
                    mask_of(&pattern) & !mask_of(&choice),
                    0,
                    "{choice:?} / {pattern:?}"
                );
            }
        }
    }
}
