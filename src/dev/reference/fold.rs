//! Folding, written out from the table in docs/search.md: one character of
//! the original at a time, each giving zero, one or two folded characters,
//! each folded character remembering the bytes it came from.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folded text, and for each folded character the bytes of the original it
/// stands for (a mark dropped after a letter belongs to that letter; a run
/// of separators is one space).
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub chars: Vec<char>,
    pub from: Vec<Range<usize>>,
}

impl Folded {
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The original bytes of folded characters `chars` (empty range at the
    /// start of the first when `chars` is empty).
    pub fn source(&self, chars: Range<usize>) -> Range<usize> {
        match (self.from.get(chars.start), chars.end.checked_sub(1)) {
            (Some(a), Some(last)) if chars.start < chars.end => {
                let b = &self.from[last];
                a.start..b.end.max(a.start)
            }
            (Some(a), _) => a.start..a.start,
            _ => {
                let end = self.from.last().map_or(0, |r| r.end);
                end..end
            }
        }
    }

    /// The original bytes of the folded characters at `positions` (sorted),
    /// overlapping or touching ranges merged.
    pub fn source_of_positions(&self, positions: &[usize]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in positions.iter().filter_map(|&p| self.from.get(p)) {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r.clone()),
            }
        }
        out
    }
}

/// `s` folded, as a string.
pub fn fold(s: &str) -> String {
    fold_map(s).text()
}

/// `s` folded, with where each folded character comes from.
pub fn fold_map(s: &str) -> Folded {
    let mut out = Folded::default();
    let mut space: Option<Range<usize>> = None;
    for (i, c) in s.char_indices() {
        let at = i..i + c.len_utf8();
        if is_ignored(c) {
            // Part of what precedes it: the pending space, or the last
            // letter (both characters of a letter that folds to two).
            if let Some(sp) = space.as_mut() {
                sp.end = at.end;
            } else if let Some(last) = out.from.last().cloned() {
                for r in out.from.iter_mut().rev() {
                    if *r != last {
                        break;
                    }
                    r.end = at.end;
                }
            }
            continue;
        }
        if is_separator(c) {
            space = Some(space.map_or(at.clone(), |sp| sp.start..at.end));
            continue;
        }
        if let Some(sp) = space.take()
            && !out.chars.is_empty()
        {
            out.chars.push(' ');
            out.from.push(sp);
        }
        for f in fold_letter(c) {
            out.chars.push(f);
            out.from.push(at.clone());
        }
    }
    out
}

/// Read as nothing: harakat and the other Arabic marks, tatweel, Latin
/// combining accents, and the invisible format characters.
pub fn is_ignored(c: char) -> bool {
    let arabic_marks = [
        '\u{0610}'..='\u{061A}',
        '\u{064B}'..='\u{065F}',
        '\u{06D6}'..='\u{06ED}',
    ];
    let invisible = [
        '\u{200B}'..='\u{200F}',
        '\u{202A}'..='\u{202E}',
        '\u{2060}'..='\u{2064}',
        '\u{2066}'..='\u{2069}',
    ];
    arabic_marks.iter().any(|r| r.contains(&c))
        || invisible.iter().any(|r| r.contains(&c))
        || ('\u{0300}'..='\u{036F}').contains(&c)
        || matches!(c, '\u{0670}' | 'ـ' | '\u{00AD}' | '\u{061C}' | '\u{FEFF}')
}

/// Read as a space: whitespace, control characters, `-`, `_`, the dashes
/// and the minus sign.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// One character folded: the Arabic table, digits to ASCII, lower case,
/// Latin letters without their accents.
fn fold_letter(c: char) -> Vec<char> {
    let arabic = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' | 'ئ' | 'ی' => Some('ي'),
        'ة' => Some('ه'),
        'ؤ' => Some('و'),
        'ک' => Some('ك'),
        '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10),
        '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10),
        _ => None,
    };
    if let Some(a) = arabic {
        return vec![a];
    }
    if c.is_ascii() {
        return vec![c.to_ascii_lowercase()];
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return vec![c];
    }
    c.to_lowercase().flat_map(unaccented).collect()
}

/// A lower-case letter without its accents, when it is a Latin letter; the
/// letters with a stroke or joined, which have no accent to take off,
/// spelled out.
fn unaccented(c: char) -> Vec<char> {
    let spelled = match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        'þ' => "th",
        'ł' | 'ŀ' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ŧ' => "t",
        'ı' => "i",
        'ĸ' => "k",
        'ŋ' | 'ŉ' => "n",
        'ſ' => "s",
        _ => "",
    };
    if !spelled.is_empty() {
        return spelled.chars().collect();
    }
    if is_ignored(c) {
        return Vec::new();
    }
    if is_latin_letter(c) {
        return c.nfd().filter(|&m| !is_combining_mark(m)).collect();
    }
    vec![c]
}

/// A letter of the Latin blocks past ASCII (Latin-1 Supplement, Extended-A
/// and -B, Extended Additional).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && (('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// An Arabic letter, of the Arabic blocks and presentation forms.
pub fn is_arabic(c: char) -> bool {
    let blocks = [
        '\u{0600}'..='\u{06FF}',
        '\u{0750}'..='\u{077F}',
        '\u{08A0}'..='\u{08FF}',
        '\u{FB50}'..='\u{FDFF}',
        '\u{FE70}'..='\u{FEFF}',
    ];
    c.is_alphabetic() && blocks.iter().any(|b| b.contains(&c))
}

/// Which scripts a text's letters are in: Arabic, or any other alphabet
/// ("Latin": the finder treats every non-Arabic alphabet alike).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    pub arabic: bool,
    pub latin: bool,
}

impl Scripts {
    pub fn of(s: &[char]) -> Scripts {
        Scripts {
            arabic: s.iter().any(|&c| is_arabic(c)),
            latin: s.iter().any(|&c| c.is_alphabetic() && !is_arabic(c)),
        }
    }
}
