//! Arabic shaping in logical order, for terminals that draw one isolated
//! glyph per cell: each letter becomes the presentation form (Forms-B, or
//! Forms-A for Persian/Urdu letters) of its position in the word, lam + alef
//! becomes one ligature cell. There is deliberately no Allah ligature (U+FDF2):
//! common monospace fonts lack it. Letters without a presentation form are
//! kept as they are and treated as non-joining, so their neighbours do not
//! reach towards a glyph that will not reach back.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_joining_type::{JoiningType, get_joining_type};

use super::forms::{FORMS, LAM_ALEF};
use super::mapped::{Mapped, offset};

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

/// The Arabic block's joining types and forms, looked up once: the hot path.
struct Arabic {
    joins: [Join; 256],
    forms: [Forms; 256],
}

type Forms = Option<(char, char, char, char)>;

impl Arabic {
    fn get() -> &'static Arabic {
        static TABLES: OnceLock<Arabic> = OnceLock::new();
        TABLES.get_or_init(|| {
            let mut forms = [None; 256];
            for &(base, iso, fin, ini, med) in FORMS {
                if let Some(slot) = (base as usize)
                    .checked_sub(0x600)
                    .and_then(|i| forms.get_mut(i))
                {
                    *slot = Some((iso, fin, ini, med));
                }
            }
            let joins = std::array::from_fn(|i| {
                char::from_u32(0x600 + i as u32).map_or(Join::None, |c| Join::lookup(c, &forms))
            });
            Arabic { joins, forms }
        })
    }

    fn join(&self, c: char) -> Join {
        if c.is_ascii() || ('\u{FE70}'..='\u{FEFF}').contains(&c) {
            return Join::None; // Latin text, already shaped text: the common non-joining cases
        }
        match arabic_index(c) {
            Some(i) => self.joins[i],
            None => Join::lookup(c, &self.forms),
        }
    }

    /// (isolated, final, initial, medial) forms of `c`, `'\0'` where none exists.
    fn forms(&self, c: char) -> Forms {
        // Every letter of the table is in the Arabic block.
        self.forms[arabic_index(c)?]
    }

    /// The presentation form of `c` given whether it joins its neighbours.
    fn form(&self, c: char, join_prev: bool, join_next: bool) -> char {
        let Some((iso, fin, ini, med)) = self.forms(c) else {
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
}

fn arabic_index(c: char) -> Option<usize> {
    (c as usize).checked_sub(0x600).filter(|&i| i < 256)
}

impl Join {
    fn lookup(c: char, forms: &[Forms; 256]) -> Join {
        let has_forms = arabic_index(c).is_some_and(|i| forms[i].is_some());
        match get_joining_type(c) {
            JoiningType::Transparent => Join::Transparent,
            JoiningType::JoinCausing => Join::Causing,
            JoiningType::DualJoining if has_forms => Join::Dual,
            JoiningType::RightJoining if has_forms => Join::Right,
            JoiningType::LeftJoining if has_forms => Join::Left,
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

/// True when the shaper joins letter `a` to letter `b` written after it
/// (`a` reaches forward and `b` accepts it); false for Latin letters and
/// anything that does not join. Says nothing of lam-alef ligatures.
pub(super) fn joins(a: char, b: char) -> bool {
    let arabic = Arabic::get();
    arabic.join(a).reaches_next() && arabic.join(b).reaches_prev()
}

/// True for a mark, invisible to joining (harakat).
pub(super) fn is_transparent(c: char) -> bool {
    Arabic::get().join(c) == Join::Transparent
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}')
}

/// Shapes the (sanitized) paragraph; every output char keeps its source range.
pub(super) fn shape(input: Mapped) -> Mapped {
    shape_with(input, true)
}

/// Only the lam-alef ligatures, every other letter as it is (kitty: it
/// shapes the letters itself, but leaves a lam-alef it ligates two cells
/// wide with the glyph in one of them; its one-cell ligature joins its
/// neighbours as they are shaped).
pub(super) fn ligatures_only(input: Mapped) -> Mapped {
    shape_with(input, false)
}

fn shape_with(input: Mapped, letters: bool) -> Mapped {
    if !input.text.chars().any(is_arabic) {
        return input;
    }
    let arabic = Arabic::get();
    // Each char, its joining type and its source.
    let mut chars: Vec<(char, Join, Range<u32>)> = Vec::with_capacity(input.text.chars().count());
    for (i, (at, c)) in input.text.char_indices().enumerate() {
        let src = input.source(i, at, c).unwrap_or(0..0);
        chars.push((c, arabic.join(c), offset(src.start)..offset(src.end)));
    }
    let source = |i: usize| chars[i].2.start as usize..chars[i].2.end as usize;
    let mut out = Mapped::with_capacity(input.text.len() * 3 / 2, chars.len());
    drop(input);
    // Does the nearest non-transparent char before the current one reach forward?
    let mut prev_reaches = false;
    let mut i = 0;
    while i < chars.len() {
        let (c, join, _) = chars[i];
        let src = source(i);
        if c == LAM
            && let Some(j) = next_letter(&chars, i)
            && chars[i + 1..j].iter().all(|m| stays_with_base(m.0))
            && let Some(lig) = lam_alef(chars[j].0, prev_reaches)
        {
            // The ligature covers lam, alef and any marks between them;
            // the marks follow it, as they would follow the lam.
            out.push(lig, src.start..source(j).end);
            for (m, mark) in chars.iter().enumerate().take(j).skip(i + 1) {
                out.push(mark.0, source(m));
            }
            prev_reaches = chars[j].1.reaches_next();
            i = j + 1;
            continue;
        }
        let shaped = match join {
            _ if !letters => c,
            Join::Transparent | Join::Causing | Join::None => c,
            own => {
                let join_next = own.reaches_next()
                    && next_letter(&chars, i).is_some_and(|n| chars[n].1.reaches_prev());
                arabic.form(c, prev_reaches && own.reaches_prev(), join_next)
            }
        };
        out.push(shaped, src);
        if join != Join::Transparent {
            prev_reaches = join.reaches_next();
        }
        i += 1;
    }
    out
}

/// The lam-alef ligature for `alef`, final when the lam joins the letter before.
fn lam_alef(alef: char, join_prev: bool) -> Option<char> {
    let &(_, iso, fin) = LAM_ALEF.iter().find(|l| l.0 == alef)?;
    Some(if join_prev { fin } else { iso })
}

/// True when `mark`, transparent to joining, stays in the grapheme cluster
/// of the letter before it (an Extend mark such as a haraka). A ligature
/// covers the marks between its letters, so it is made only across such
/// marks: a transparent char that starts a cluster of its own (U+070F
/// SYRIAC ABBREVIATION MARK, a prepended char) would be covered twice.
fn stays_with_base(mark: char) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    matches!(mark, '\u{64B}'..='\u{65F}' | '\u{670}')
        || format!("{LAM}{mark}").graphemes(true).count() == 1
}

/// The index of the nearest non-transparent char after `i`.
fn next_letter(chars: &[(char, Join, Range<u32>)], i: usize) -> Option<usize> {
    chars[i + 1..]
        .iter()
        .position(|(_, j, _)| *j != Join::Transparent)
        .map(|p| i + 1 + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::sanitize;

    fn shaped(s: &str) -> String {
        shape(sanitize(s)).text
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
        let out = shape(sanitize("لَا"));
        assert_eq!(out.text, "\u{FEFB}\u{64E}");
        assert_eq!(out.source(0, 0, '\u{FEFB}'), Some(0..6));
        assert_eq!(out.source(1, 3, '\u{64E}'), Some(2..4));
    }

    #[test]
    fn no_ligature_across_a_char_that_starts_a_cluster() {
        // U+070F is transparent to joining but a prepended char: lam stays
        // a lam (initial, joining the alef madda after the mark).
        assert_eq!(shaped("ل\u{70F}آ"), "\u{FEDF}\u{70F}\u{FE82}");
        // A haraka between them keeps the ligature, and so does any other
        // mark that stays in the lam's cluster (U+0617 ARABIC SMALL HIGH ZAIN).
        assert_eq!(shaped("ل\u{650}آ"), "\u{FEF5}\u{650}");
        assert_eq!(shaped("ل\u{617}ا"), "\u{FEFB}\u{617}");
    }

    #[test]
    fn harakat_do_not_break_joining() {
        // سرَّع as the article spells it (fatha before shadda): seen initial,
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

    /// Letters that join but have no presentation form here (Kashmiri yeh
    /// U+0620, dual; Syriac alaph U+0710, right; Phags-pa superfixed ra
    /// U+A872, left) are drawn alone by the terminal: the beh beside them
    /// does not reach out to them.
    #[test]
    fn a_joining_letter_without_forms_joins_nothing() {
        assert_eq!(shaped("ب\u{620}"), "\u{FE8F}\u{620}");
        assert_eq!(shaped("\u{620}ب"), "\u{620}\u{FE8F}");
        assert_eq!(shaped("ب\u{710}"), "\u{FE8F}\u{710}");
        assert_eq!(shaped("\u{A872}ب"), "\u{A872}\u{FE8F}");
        // The first character past the Arabic block's table.
        assert_eq!(shaped("ب\u{700}ب"), "\u{FE8F}\u{700}\u{FE8F}");
    }

    /// Text without an Arabic letter is left as it is, its own source.
    #[test]
    fn latin_text_is_not_copied() {
        let out = shape(sanitize("Kim Jong Un (2019)"));
        assert!(out.is_identity());
        assert_eq!(out.text, "Kim Jong Un (2019)");
    }

    #[test]
    fn zwnj_breaks_and_zwj_keeps_joining() {
        assert_eq!(shaped("ب\u{200C}ب"), "\u{FE8F}\u{200C}\u{FE8F}");
        assert_eq!(shaped("ب\u{200D}ب"), "\u{FE91}\u{200D}\u{FE90}");
    }
}
