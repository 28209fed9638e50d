//! Arabic shaping in logical order, for terminals that draw one isolated
//! glyph per cell: each letter becomes the presentation form (Forms-B, or
//! Forms-A for Persian/Urdu letters) of its position in the word, lam + alef
//! becomes one ligature cell. There is deliberately no Allah ligature (U+FDF2):
//! common monospace fonts lack it. Letters without a presentation form are
//! kept as they are and treated as non-joining, so their neighbours do not
//! reach towards a glyph that will not reach back.

use std::sync::OnceLock;

use unicode_joining_type::{JoiningType, get_joining_type};

use super::forms::{FORMS, LAM_ALEF};
use super::mapped::Mapped;

const LAM: char = '\u{644}';

/// Joining behaviour as the shaper uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Dual-joining: joins on both sides.
    Dual,
    /// Right-joining: joins only to the preceding letter (alef, dal, reh, waw…).
    Right,
    /// Left-joining (no presentation forms exist; kept for completeness).
    Left,
    /// Join-causing: tatweel, ZWJ.
    Causing,
    /// Marks: invisible to joining.
    Transparent,
    None,
}

impl Join {
    fn of(c: char) -> Join {
        if c.is_ascii() || ('\u{FE70}'..='\u{FEFF}').contains(&c) {
            return Join::None; // Latin text, already shaped text: the common non-joining cases
        }
        // The Arabic block, looked up once: this is the hot path.
        static ARABIC: OnceLock<[Join; 256]> = OnceLock::new();
        if let Some(i) = (c as u32).checked_sub(0x600).filter(|&i| i < 256) {
            let table = ARABIC.get_or_init(|| {
                std::array::from_fn(|i| {
                    char::from_u32(0x600 + i as u32).map_or(Join::None, Join::lookup)
                })
            });
            return table[i as usize];
        }
        Join::lookup(c)
    }

    fn lookup(c: char) -> Join {
        match get_joining_type(c) {
            JoiningType::Transparent => Join::Transparent,
            JoiningType::JoinCausing => Join::Causing,
            JoiningType::DualJoining if forms(c).is_some() => Join::Dual,
            JoiningType::RightJoining if forms(c).is_some() => Join::Right,
            JoiningType::LeftJoining if forms(c).is_some() => Join::Left,
            _ => Join::None,
        }
    }

    /// Does a letter of this type join to the letter after it?
    fn reaches_next(self) -> bool {
        matches!(self, Join::Dual | Join::Left | Join::Causing)
    }

    /// Does a letter of this type accept a join from the letter before it?
    fn reaches_prev(self) -> bool {
        matches!(self, Join::Dual | Join::Right | Join::Causing)
    }
}

/// (isolated, final, initial, medial) forms of `c`, `'\0'` where none exists.
fn forms(c: char) -> Option<(char, char, char, char)> {
    let i = FORMS.binary_search_by_key(&c, |f| f.0).ok()?;
    let (_, iso, fin, ini, med) = FORMS[i];
    Some((iso, fin, ini, med))
}

/// The presentation form of `c` given whether it joins its neighbours.
fn form(c: char, join_prev: bool, join_next: bool) -> char {
    let Some((iso, fin, ini, med)) = forms(c) else {
        return c;
    };
    let f = match (join_prev, join_next) {
        (false, false) => iso,
        (true, false) => fin,
        (false, true) => ini,
        (true, true) => med,
    };
    if f == '\0' { c } else { f }
}

fn has_arabic(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}'))
}

/// Shapes the (sanitized) paragraph; every output char keeps its source range.
pub(super) fn shape(input: &Mapped) -> Mapped {
    if !has_arabic(&input.text) {
        return input.clone();
    }
    let chars: Vec<char> = input.text.chars().collect();
    let joins: Vec<Join> = chars.iter().map(|&c| Join::of(c)).collect();
    let prev = neighbours(&joins, false);
    let next = neighbours(&joins, true);
    let mut out = Mapped::with_capacity(input.text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let src = input.chars[i].1.clone();
        let join_prev = prev[i].is_some_and(|p| joins[p].reaches_next());
        let next_letter = next[i];
        if c == LAM
            && let Some(j) = next_letter
            && let Some(lig) = lam_alef(chars[j], join_prev)
        {
            // The ligature covers lam, alef and any marks between them;
            // the marks follow it, as they would follow the lam.
            let end = input.chars[j].1.end;
            out.push(lig, src.start..end);
            for (&mark, (_, mark_src)) in chars[i + 1..j].iter().zip(&input.chars[i + 1..j]) {
                out.push(mark, mark_src.clone());
            }
            i = j + 1;
            continue;
        }
        let shaped = match joins[i] {
            Join::Transparent | Join::Causing | Join::None => c,
            own => {
                let join_next =
                    own.reaches_next() && next_letter.is_some_and(|n| joins[n].reaches_prev());
                let join_prev = join_prev && own.reaches_prev();
                form(c, join_prev, join_next)
            }
        };
        out.push(shaped, src);
        i += 1;
    }
    out
}

/// The lam-alef ligature for `alef`, final when the lam joins the letter before.
fn lam_alef(alef: char, join_prev: bool) -> Option<char> {
    let &(_, iso, fin) = LAM_ALEF.iter().find(|l| l.0 == alef)?;
    Some(if join_prev { fin } else { iso })
}

/// For each char, the index of the nearest non-transparent char before it
/// (or after it when `forward`).
fn neighbours(joins: &[Join], forward: bool) -> Vec<Option<usize>> {
    let mut out = vec![None; joins.len()];
    let mut last = None;
    let order: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new((0..joins.len()).rev())
    } else {
        Box::new(0..joins.len())
    };
    for i in order {
        out[i] = last;
        if joins[i] != Join::Transparent {
            last = Some(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::sanitize;

    fn shaped(s: &str) -> String {
        shape(&sanitize(s)).text
    }

    #[test]
    fn forms_table_is_sorted() {
        assert!(FORMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn beh_in_four_positions() {
        // بببب: initial, medial, medial, final; ب alone: isolated.
        assert_eq!(shaped("بببب"), "\u{FE91}\u{FE92}\u{FE92}\u{FE90}");
        assert_eq!(shaped("ب"), "\u{FE8F}");
    }

    #[test]
    fn right_joining_letters_break_the_word() {
        // دار: dal isolated (nothing before), alef final? no: dal does not
        // reach forward, so alef is isolated; reh isolated.
        assert_eq!(shaped("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        // باب: beh initial, alef final, beh isolated.
        assert_eq!(shaped("باب"), "\u{FE91}\u{FE8E}\u{FE8F}");
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(shaped("لا"), "\u{FEFB}");
        assert_eq!(shaped("علاقات"), "\u{FECB}\u{FEFC}\u{FED7}\u{FE8E}\u{FE95}");
        assert_eq!(shaped("لأ"), "\u{FEF7}");
        assert_eq!(shaped("لإ"), "\u{FEF9}");
        assert_eq!(shaped("لآ"), "\u{FEF5}");
    }

    #[test]
    fn lam_alef_with_a_mark_keeps_the_mark_after_the_ligature() {
        // لَا: lam, fatha, alef.
        let out = shape(&sanitize("لَا"));
        assert_eq!(out.text, "\u{FEFB}\u{64E}");
        assert_eq!(out.chars[0].1, 0..6);
        assert_eq!(out.chars[1].1, 2..4);
    }

    #[test]
    fn harakat_do_not_break_joining() {
        // سرَّع as the seed spells it (fatha before shadda): seen initial,
        // reh final with both marks after it, ain isolated (reh does not reach forward).
        let input = "\u{633}\u{631}\u{64E}\u{651}\u{639}";
        assert_eq!(shaped(input), "\u{FEB3}\u{FEAE}\u{64E}\u{651}\u{FEC9}");
    }

    #[test]
    fn tatweel_joins_and_persian_letters_use_forms_a() {
        // بـب: beh initial, tatweel, beh final.
        assert_eq!(shaped("بـب"), "\u{FE91}\u{640}\u{FE90}");
        // کی (keheh, farsi yeh): keheh initial, yeh final.
        assert_eq!(shaped("کی"), "\u{FB90}\u{FBFD}");
        // پچ: peh initial, tcheh final.
        assert_eq!(shaped("پچ"), "\u{FB58}\u{FB7B}");
    }

    #[test]
    fn no_allah_ligature() {
        // الله: alef isolated, lam initial, lam medial, heh final.
        assert_eq!(shaped("الله"), "\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA}");
    }

    #[test]
    fn zwnj_breaks_and_zwj_keeps_joining() {
        assert_eq!(shaped("ب\u{200C}ب"), "\u{FE8F}\u{200C}\u{FE8F}");
        assert_eq!(shaped("ب\u{200D}ب"), "\u{FE91}\u{200D}\u{FE90}");
    }
}
