//! A fast UAX #9 level resolver for the paragraphs the engine sees.
//!
//! Sanitizing replaces every explicit embedding, override, isolate,
//! paragraph and segment separator, so a sanitized paragraph is a single
//! level run at the paragraph level: one isolating run sequence with
//! sos = eos = the paragraph direction. For that case the rules W1–W7,
//! N0–N2 and I1–I2 reduce to a few passes over one class per char, which is
//! what this module does, mirroring unicode-bidi 0.3.18 rule by rule (its
//! `implicit.rs`), including its reading of the rules where the spec leaves
//! room. Anything else (a boundary-neutral char such as ZWJ, or any
//! explicit formatting char, B or S) returns `None` and the caller asks
//! unicode-bidi itself. A property test checks both agree on arbitrary text.

use std::sync::OnceLock;

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData};

/// Levels of one paragraph, as unicode-bidi's `ParagraphBidiInfo` gives them.
pub(super) struct Resolved {
    /// Level per byte of the text.
    pub levels: Vec<u8>,
    pub para_level: u8,
    /// No R, AL or AN char (unicode-bidi's `!has_rtl()`).
    pub pure_ltr: bool,
}

/// The bidi class of `c`, from a direct-indexed table below U+0800 (Latin,
/// Arabic and their punctuation: nearly every char of the data), else from
/// unicode-bidi's tables.
pub(super) fn class(c: char) -> BidiClass {
    class_in(low_table(), c)
}

fn low_table() -> &'static [BidiClass; 0x800] {
    static LOW: OnceLock<[BidiClass; 0x800]> = OnceLock::new();
    LOW.get_or_init(|| {
        std::array::from_fn(|i| {
            char::from_u32(i as u32).map_or(BidiClass::BN, |c| HardcodedBidiData.bidi_class(c))
        })
    })
}

fn class_in(low: &[BidiClass; 0x800], c: char) -> BidiClass {
    if let Some(&k) = low.get(c as usize) {
        return k;
    }
    match c {
        '\u{FE80}'..='\u{FEFC}' | '\u{FB50}'..='\u{FBB1}' => AL,
        _ => HardcodedBidiData.bidi_class(c),
    }
}

/// Resolves the levels of `text` at `para_level` (P2/P3 when `None`), or
/// `None` when the text holds a class this resolver does not handle.
pub(super) fn resolve(text: &str, para_level: Option<u8>) -> Option<Resolved> {
    let low = low_table();
    let mut classes = Vec::with_capacity(text.len());
    let mut first_strong = None;
    let mut pure_ltr = true;
    // (char index, char) of the ON chars that may be brackets, for N0.
    let mut brackets = Vec::new();
    for c in text.chars() {
        let k = class_in(low, c);
        match k {
            L => {
                first_strong.get_or_insert(0);
            }
            R | AL => {
                pure_ltr = false;
                first_strong.get_or_insert(1);
            }
            AN => pure_ltr = false,
            ON if maybe_bracket(c) => brackets.push((classes.len(), c)),
            EN | ES | ET | CS | NSM | WS | ON => {}
            B | S | BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI => return None,
        }
        classes.push(k);
    }
    let para = para_level.unwrap_or(first_strong.unwrap_or(0));
    let mut levels = vec![para; text.len()];
    if para == 0 && pure_ltr {
        return Some(Resolved {
            levels,
            para_level: 0,
            pure_ltr,
        });
    }
    let e = if para % 2 == 1 { R } else { L };
    // N0 looks at the classes before W1 (marks after a bracket).
    let original = if brackets.is_empty() {
        Vec::new()
    } else {
        classes.clone()
    };
    resolve_weak(&mut classes, e);
    if !brackets.is_empty() {
        resolve_brackets(&brackets, &mut classes, &original, e);
    }
    resolve_neutrals(&mut classes, e);
    // Each char's level on each of its bytes (a byte that starts a char is
    // not a UTF-8 continuation byte).
    let mut k = classes.iter();
    let mut level = para;
    for (slot, &byte) in levels.iter_mut().zip(text.as_bytes()) {
        if byte & 0xC0 != 0x80 {
            level = k.next().map_or(para, |&k| implicit_level(para, k));
        }
        *slot = level;
    }
    Some(Resolved {
        levels,
        para_level: para,
        pure_ltr,
    })
}

/// I1, I2.
fn implicit_level(para: u8, k: BidiClass) -> u8 {
    match (para % 2 == 1, k) {
        (false, AN | EN) => para + 2,
        (false, R) | (true, L | EN | AN) => para + 1,
        _ => para,
    }
}

/// W1–W7 over the one run sequence (sos = eos = `e`), in a single pass as
/// unicode-bidi does it, then W7.
fn resolve_weak(classes: &mut [BidiClass], e: BidiClass) {
    let mut prev_w1 = e;
    let mut prev_w4 = e;
    let mut prev_w5 = e;
    let mut last_strong_is_al = false;
    // Start of a pending run of ETs (W5), turned into EN or ON later.
    let mut et_run: Option<usize> = None;
    for i in 0..classes.len() {
        let mut k = classes[i];
        // W1: a mark takes the class of what precedes it.
        if k == NSM {
            k = prev_w1;
        }
        let strong_before_w3 = k;
        prev_w1 = k;
        // W2, W3.
        match k {
            EN if last_strong_is_al => k = AN,
            AL => k = R,
            _ => {}
        }
        match strong_before_w3 {
            L | R => last_strong_is_al = false,
            AL => last_strong_is_al = true,
            _ => {}
        }
        let before_w4 = k;
        match k {
            EN => flush(classes, &mut et_run, i, EN),
            // W4, W6 (separators): the next char is looked at unresolved.
            ES | CS => {
                let mut next = classes.get(i + 1).copied().unwrap_or(e);
                if next == EN && last_strong_is_al {
                    next = AN;
                }
                k = match (prev_w4, k, next) {
                    (EN, ES | CS, EN) => EN,
                    (AN, CS, AN) => AN,
                    _ => ON,
                };
            }
            // W5.
            ET if prev_w5 == EN => k = EN,
            ET => {
                et_run.get_or_insert(i);
            }
            _ => {}
        }
        classes[i] = k;
        prev_w5 = k;
        if k != ET {
            // W6 (terminators): no EN came, the run is neutral.
            flush(classes, &mut et_run, i, ON);
        }
        prev_w4 = before_w4;
    }
    let len = classes.len();
    flush(classes, &mut et_run, len, ON);
    // W7.
    let mut last_strong_is_l = e == L;
    for k in classes.iter_mut() {
        match *k {
            EN if last_strong_is_l => *k = L,
            L => last_strong_is_l = true,
            R | AL => last_strong_is_l = false,
            _ => {}
        }
    }
}

/// Gives the pending ET run (up to `end`) the class `to`.
fn flush(classes: &mut [BidiClass], run: &mut Option<usize>, end: usize, to: BidiClass) {
    if let Some(start) = run.take() {
        classes[start..end].fill(to);
    }
}

/// The EN/AN-as-R reading of a resolved class inside N0.
fn strong_or_number(k: BidiClass) -> Option<BidiClass> {
    match k {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    }
}

/// N0: bracket pairs (BD16) take the direction of what they enclose.
fn resolve_brackets(
    candidates: &[(usize, char)],
    classes: &mut [BidiClass],
    original: &[BidiClass],
    e: BidiClass,
) {
    let pairs = bracket_pairs(candidates, classes);
    for (open, close) in pairs {
        let mut found_opposite = false;
        let mut to = None;
        for &k in &classes[open + 1..close] {
            match strong_or_number(k) {
                Some(s) if s == e => {
                    to = Some(e);
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        if to.is_none() && found_opposite {
            // Context before the opening bracket decides (sos when none).
            let before = classes[..open]
                .iter()
                .rev()
                .find_map(|&k| strong_or_number(k));
            to = Some(before.unwrap_or(e));
        }
        let Some(to) = to else { continue };
        for at in [open, close] {
            classes[at] = to;
            // Marks that followed the bracket follow its new class.
            for i in at + 1..classes.len() {
                if original[i] != NSM {
                    break;
                }
                classes[i] = to;
            }
        }
    }
}

/// BD16 over the candidate chars whose resolved class is still ON, as
/// (open, close) char indices sorted by the opening bracket.
fn bracket_pairs(candidates: &[(usize, char)], classes: &[BidiClass]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for &(i, c) in candidates {
        if classes[i] != ON {
            continue;
        }
        let Some(b) = HardcodedBidiData.bidi_matched_opening_bracket(c) else {
            continue;
        };
        if b.is_open {
            if stack.len() >= 63 {
                break;
            }
            stack.push((b.opening, i));
        } else if let Some(at) = stack.iter().rposition(|&(o, _)| o == b.opening) {
            pairs.push((stack[at].1, i));
            stack.truncate(at);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// False for the ON chars that are surely no bracket (the common ASCII and
/// Arabic punctuation), which spares the bracket table's linear scan.
fn maybe_bracket(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '(' | ')' | '[' | ']' | '{' | '}');
    }
    !matches!(c, '\u{80}'..='\u{F39}' | '\u{F3E}'..='\u{169A}' | '\u{169D}'..='\u{2044}')
}

/// N1, N2: runs of neutrals between two like strong types (numbers count
/// as R) take that type, others the embedding direction.
fn resolve_neutrals(classes: &mut [BidiClass], e: BidiClass) {
    let mut prev = e;
    let mut i = 0;
    while i < classes.len() {
        if matches!(classes[i], WS | ON) {
            let start = i;
            while i < classes.len() && matches!(classes[i], WS | ON) {
                i += 1;
            }
            let next = classes.get(i).copied().unwrap_or(e);
            let to = match (prev, next) {
                (L, L) => L,
                (R | AN | EN, R | AN | EN) => R,
                _ => e,
            };
            classes[start..i].fill(to);
            if i == classes.len() {
                break;
            }
        }
        prev = classes[i];
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_bidi::{Level, ParagraphBidiInfo};

    /// What unicode-bidi says: (levels per byte, paragraph level, pure LTR).
    fn reference(text: &str, para: Option<u8>) -> (Vec<u8>, u8, bool) {
        let level = para.map(|p| Level::new(p).unwrap_or_else(|_| Level::ltr()));
        let info = ParagraphBidiInfo::new(text, level);
        let levels = info.levels.iter().map(|l| l.number()).collect();
        (levels, info.paragraph_level.number(), !info.has_rtl())
    }

    fn check(text: &str, para: Option<u8>) -> Result<bool, TestCaseError> {
        let Some(ours) = resolve(text, para) else {
            return Ok(false);
        };
        let (levels, para_level, pure_ltr) = reference(text, para);
        prop_assert_eq!(ours.levels, levels, "{:?}", text);
        prop_assert_eq!(ours.para_level, para_level);
        prop_assert_eq!(ours.pure_ltr, pure_ltr);
        Ok(true)
    }

    #[test]
    fn classes_agree_with_unicode_bidi() {
        for c in ('\0'..='\u{FFFF}').chain('\u{10000}'..='\u{10FFF}') {
            assert_eq!(class(c), HardcodedBidiData.bidi_class(c), "{c:?}");
        }
    }

    #[test]
    fn the_bracket_prefilter_skips_no_bracket() {
        for c in '\0'..=char::MAX {
            if HardcodedBidiData.bidi_matched_opening_bracket(c).is_some() {
                assert!(maybe_bracket(c), "{c:?}");
            }
        }
    }

    #[test]
    fn hand_picked_cases_agree() {
        let cases = [
            "",
            "abc",
            "قال (بوتين) 2.8% a",
            "1945- 1948 كوريا",
            "(a) ب",
            "ب (a) c",
            "a [ب (c) د] e",
            "ب 1,2 3.4 5+6 ٣,٤ $5 5% %%1 ##",
            "ب َ(َ ج )َ",
            "١٢ 12 ب 12",
            "«سلام» \"hi\"",
            "a ب 1",
            ",,,",
            "ب.1",
            "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((ب))",
        ];
        for text in cases {
            for para in [None, Some(0), Some(1)] {
                assert!(check(text, para).unwrap(), "{text:?} not handled");
            }
        }
    }

    /// Every bidi class, weighted to what resolution cares about.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::char::range('\u{621}', '\u{64A}'),
            2 => prop::char::range('\u{64B}', '\u{65F}'),
            2 => prop::sample::select(vec![' ', ' ', '\u{A0}', '\u{3000}']),
            2 => prop::char::range('0', '9'),
            2 => prop::char::range('\u{660}', '\u{669}'),
            1 => prop::char::range('\u{6F0}', '\u{6F9}'),
            3 => prop::sample::select(vec![
                '(', ')', '[', ']', '{', '}', '«', '»', '\u{2329}', '\u{232A}', '\u{3008}', '\u{3009}',
                '+', '-', ',', '.', ':', '/', '%', '$', '#', '\u{60C}', '\u{66B}', '\u{66C}', '\u{B0}',
                '\u{20AC}', '!', '"', '\u{5D0}', '\u{5D1}', '\u{7C0}', '\u{300}', '\u{301}', '\u{FE80}',
                '\u{FEFB}', '\u{FB8E}', 'a', 'b', 'Z',
            ]),
            2 => prop::char::range('a', 'z'),
            1 => prop::char::range('!', '~'),
            1 => prop::char::range('\u{590}', '\u{8FF}'),
            1 => prop::char::range('\u{2000}', '\u{206F}'),
            1 => prop::char::range('\u{0}', '\u{A0}'),
            1 => any::<char>(),
        ]
    }

    /// True for the classes the resolver leaves to unicode-bidi.
    fn unhandled(c: char) -> bool {
        matches!(
            class(c),
            B | S | BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
        )
    }

    /// [`any_char`] with the classes the resolver leaves to unicode-bidi
    /// made rare: about one text in six holds one.
    fn mostly_handled_char() -> impl Strategy<Value = char> {
        let handled = any_char().prop_filter("a class resolved here", |&c| !unhandled(c));
        let other = prop::sample::select(vec![
            '\n', '\t', '\r', '\u{1F}', '\u{85}', '\u{AD}', '\u{200B}', '\u{200D}', '\u{2029}',
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{FEFF}',
        ]);
        prop_oneof![200 => handled, 1 => other]
    }

    /// The fast resolver gives unicode-bidi's levels wherever it answers,
    /// and it answers for nearly every text: the texts it leaves to
    /// unicode-bidi (a `None`) are counted, and more than a quarter of them
    /// fails the test (the generator puts an unhandled class in about one
    /// text in six).
    #[test]
    fn agrees_with_unicode_bidi() {
        let mut runner = proptest::test_runner::TestRunner::new(super::super::proptest_config());
        let strategy = (
            prop::collection::vec(mostly_handled_char(), 0..80),
            prop_oneof![Just(None), Just(Some(0u8)), Just(Some(1u8))],
        );
        let (cases, unanswered) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
        let result = runner.run(&strategy, |(chars, para)| {
            let text: String = chars.into_iter().collect();
            cases.set(cases.get() + 1);
            if !check(&text, para)? {
                unanswered.set(unanswered.get() + 1);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        let (cases, unanswered) = (cases.get(), unanswered.get());
        assert!(
            unanswered * 4 <= cases,
            "{unanswered} of {cases} texts left to unicode-bidi"
        );
    }

    proptest! {
        #![proptest_config(super::super::proptest_config())]

        /// Same on text free of the unhandled classes, so it always answers.
        #[test]
        fn answers_for_sanitized_text(
            chars in prop::collection::vec(any_char(), 0..80),
            para in prop_oneof![Just(None), Just(Some(0u8)), Just(Some(1u8))],
        ) {
            let text: String = chars.into_iter().collect();
            let clean = crate::text::sanitize::sanitize(&text).text;
            let handled = clean.chars().all(|c| !matches!(class(c), BN));
            prop_assert_eq!(check(&clean, para)?, handled);
        }
    }
}
