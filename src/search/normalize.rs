//! Folding text so that spelling variants compare equal, with a map back to the original.
//!
//! One function serves both the matcher and mention detection, so a query and
//! the text it should find are always folded the same way.
//!
//! Arabic: harakat (U+064B–U+065F, U+0670, Quranic marks) and tatweel are
//! dropped; alef forms (أ إ آ ٱ) become ا, ى and ئ and Persian ی become ي,
//! ة becomes ه, ؤ becomes و, Persian ک becomes ك; Arabic-Indic digits become
//! ASCII digits. Latin: lower case, diacritics stripped (a hand table for
//! Latin-1 and Latin Extended-A, plus combining marks U+0300–U+036F).
//! `-`, `_`, dashes and every kind of whitespace become one space; runs of them
//! collapse, and leading/trailing ones go.

use std::ops::Range;

/// A folded string and, for each of its characters, the bytes of the original
/// it came from.
///
/// Offsets are stored as `u32` (12 bytes per folded character rather than
/// 24): index building folds tens of megabytes of text. A string longer than
/// `u32::MAX` bytes is folded up to its last character that fits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// One entry per folded character (one vector, so that folding a
    /// character costs one push).
    chars: Vec<CharSpan>,
}

/// Where a folded character is: `offset` in the folded text, and its source
/// bytes `start..end` in the original (always on char boundaries;
/// non-decreasing; a mark that was dropped is folded into the range of the
/// character before it, a collapsed run of spaces is one range).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CharSpan {
    offset: u32,
    start: u32,
    end: u32,
}

/// Offsets fit: [`normalize`] never looks past `u32::MAX`.
fn wide(x: u32) -> usize {
    x as usize
}

impl Normalized {
    /// The source range of every folded character, in order.
    pub fn map(&self) -> Vec<Range<usize>> {
        (0..self.char_len())
            .filter_map(|i| self.source(i))
            .collect()
    }

    /// The source range of folded character `i`.
    pub fn source(&self, i: usize) -> Option<Range<usize>> {
        self.chars.get(i).map(|c| wide(c.start)..wide(c.end))
    }

    /// Number of folded characters.
    pub fn char_len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Byte offset in `text` of folded character `i` (`text.len()` past the end).
    pub fn byte_of_char(&self, i: usize) -> usize {
        self.chars
            .get(i)
            .map_or(self.text.len(), |c| wide(c.offset))
    }

    /// Index of the folded character starting at byte `b` of `text`, if any.
    pub fn char_at_byte(&self, b: usize) -> Option<usize> {
        let b = u32::try_from(b).ok()?;
        self.chars.binary_search_by_key(&b, |c| c.offset).ok()
    }

    /// The original bytes covering folded characters `chars` (empty range at
    /// the right place when `chars` is empty).
    pub fn source_of_chars(&self, chars: Range<usize>) -> Range<usize> {
        let first = self.source(chars.start);
        let last = chars.end.checked_sub(1).and_then(|i| self.source(i));
        match (first, last) {
            (Some(a), Some(b)) if chars.start < chars.end => a.start..b.end.max(a.start),
            (Some(a), _) => a.start..a.start,
            _ => {
                let end = self.chars.last().map_or(0, |c| wide(c.end));
                end..end
            }
        }
    }

    /// The original bytes covering the folded bytes `bytes` (which must start
    /// and end on character boundaries of `text`; otherwise rounded outward).
    pub fn source_of_bytes(&self, bytes: Range<usize>) -> Range<usize> {
        let start = self.chars.partition_point(|c| wide(c.offset) < bytes.start);
        let end = self.chars.partition_point(|c| wide(c.offset) < bytes.end);
        self.source_of_chars(start..end.max(start))
    }

    /// Index of the first folded character whose source starts at or after
    /// byte `b` of the original (`char_len()` if none does).
    pub(crate) fn first_char_from(&self, b: usize) -> usize {
        self.chars.partition_point(|c| wide(c.start) < b)
    }

    /// Original byte ranges of the folded characters at `positions` (char
    /// indices, ascending), merged where they touch: what to highlight.
    pub fn source_of_positions(&self, positions: &[usize]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in positions.iter().filter_map(|&p| self.source(p)) {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }

    /// Stretch the source of the last original character (every folded
    /// character it produced: ß gives two) to end at `end`.
    fn extend_last(&mut self, end: u32) {
        let Some(&last) = self.chars.last() else {
            return;
        };
        for c in self.chars.iter_mut().rev() {
            if (c.start, c.end) != (last.start, last.end) {
                break;
            }
            c.end = end;
        }
    }

    /// The folded text may outgrow the (cut) input slightly (`Ⱥ` → `ⱥ` takes
    /// one byte more): offsets saturate there rather than panic.
    #[inline]
    fn push(&mut self, c: char, start: u32, end: u32) {
        let offset = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push(c);
        self.chars.push(CharSpan { offset, start, end });
    }

    fn clear(&mut self) {
        self.text.clear();
        self.chars.clear();
    }
}

/// Fold `s` (see the module documentation).
pub fn normalize(s: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into `out`, reusing its buffers (index building folds
/// every paragraph; this saves an allocation per paragraph).
pub fn normalize_into(s: &str, out: &mut Normalized) {
    out.clear();
    let s = fitting(s);
    out.text.reserve(s.len());
    // Arabic letters take two bytes: a good guess at the character count.
    let guess = s.len() / 2 + 1;
    out.chars.reserve(guess);
    // A run of spaces waiting to see whether anything follows it.
    let mut pending: Option<(u32, u32)> = None;
    for (i, c) in s.char_indices() {
        // Both fit: `s` is at most `u32::MAX` bytes long.
        let start = u32::try_from(i).unwrap_or(u32::MAX);
        let end = u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX);
        if is_plain(c) {
            if pending.is_some() {
                flush_pending(out, &mut pending);
            }
            out.push(c, start, end);
            continue;
        }
        if is_dropped(c) {
            // Keep the mark with its base so highlights cover whole clusters.
            if let Some(p) = pending.as_mut() {
                p.1 = end;
            } else {
                out.extend_last(end);
            }
            continue;
        }
        if is_space_like(c) {
            pending = Some(pending.map_or((start, end), |p| (p.0, end)));
            continue;
        }
        flush_pending(out, &mut pending);
        fold_char(c, |f| out.push(f, start, end));
    }
}

/// A run of spaces followed by something becomes one space (never at the start).
fn flush_pending(out: &mut Normalized, pending: &mut Option<(u32, u32)>) {
    if let Some((s, e)) = pending.take()
        && !out.is_empty()
    {
        out.push(' ', s, e);
    }
}

/// The longest prefix of `s` that is at most `u32::MAX` bytes, cut on a
/// character boundary.
fn fitting(s: &str) -> &str {
    let max = u32::MAX as usize;
    if s.len() <= max {
        return s;
    }
    let cut = (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    &s[..cut]
}

/// Characters that fold to themselves: lower-case ASCII letters, digits, and
/// the basic Arabic letters that no rule touches (the common case, checked
/// before anything else).
#[inline]
fn is_plain(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
        && !matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ئ' | 'ة' | 'ؤ')
}

/// Whether `c` folds on its own: it is neither dropped nor a space, and
/// gives at least one folded character. Folding a text from such a
/// character, when a space-like character comes before it, gives what
/// folding the whole text gives from there (the run of spaces before it
/// becomes the whole fold's space, which ends the fold before it).
pub(crate) fn folds_alone(c: char) -> bool {
    let mut some = false;
    if !is_dropped(c) && !is_space_like(c) {
        fold_char(c, |_| some = true);
    }
    some
}

/// Just the folded text.
pub fn fold(s: &str) -> String {
    normalize(s).text
}

/// Characters that vanish: Arabic harakat and Quranic marks, tatweel,
/// Latin combining diacritics, and invisible format characters (bidi
/// controls, zero-width joiners, soft hyphen, BOM).
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{0300}'..='\u{036F}'
        | '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Characters that separate words the same way a space does.
pub(crate) fn is_space_like(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Emit the folded form of one character (zero, one or more characters).
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if let Some(a) = fold_arabic(c) {
        emit(a);
        return;
    }
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    // The Arabic block has no case and nothing to strip (its marks were
    // dropped before): skip Unicode's case tables.
    if ('\u{0600}'..='\u{06FF}').contains(&c) && !is_dropped(c) {
        emit(c);
        return;
    }
    for l in c.to_lowercase() {
        match fold_latin(l) {
            Some(base) => base.chars().for_each(&mut emit),
            None if is_dropped(l) => {}
            None => emit(l),
        }
    }
}

fn fold_arabic(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        _ => return None,
    })
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Base letters of lower-case Latin-1 Supplement and Latin Extended-A letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// True for a folded character that belongs to a word (letters, digits).
pub fn is_word_char(c: char) -> bool {
    // Fast paths for ASCII and the basic Arabic letters (all letters, so the
    // answer is the same); Unicode's tables for the rest.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => {
            true
        }
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// Which scripts a folded string contains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    pub arabic: bool,
    pub latin: bool,
}

impl Scripts {
    pub fn of(s: &str) -> Scripts {
        let mut out = Scripts::default();
        for c in s.chars() {
            // Arabic first: its letters would take Unicode's slow table.
            if is_arabic(c) {
                out.arabic = true;
            } else if c.is_ascii() {
                out.latin |= c.is_ascii_alphabetic();
            } else {
                out.latin |= c.is_alphabetic();
            }
        }
        out
    }
}

/// Arabic letters (the Arabic blocks, including presentation forms).
pub fn is_arabic(c: char) -> bool {
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src<'a>(orig: &'a str, n: &Normalized, i: usize) -> &'a str {
        &orig[n.map()[i].clone()]
    }

    fn assert_folds(cases: &[(&str, &str)]) {
        for (input, want) in cases {
            assert_eq!(fold(input), *want, "{input}");
        }
    }

    #[test]
    fn each_arabic_rule() {
        let cases = [
            ("بُوتِين", "بوتين"),
            ("مُحَمَّدٌ", "محمد"),
            ("الرحمٰن", "الرحمن"),
            ("كـــيم", "كيم"),
            ("أحمد إيل آمن ٱلله", "احمد ايل امن الله"),
            ("مصطفى", "مصطفي"),
            ("مدرسة", "مدرسه"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("الولایات", "الولايات"),
            ("کوریا", "كوريا"),
            ("١٩٩٠ ۲۰۰۰", "1990 2000"),
            ("  بيونغ \t\n يانغ  ", "بيونغ يانغ"),
        ];
        assert_folds(&cases);
    }

    #[test]
    fn each_latin_rule() {
        let cases = [
            ("Kim Jong-un", "kim jong un"),
            ("kim_jong un", "kim jong un"),
            ("kim  --  jong", "kim jong"),
            ("Gorbatchév", "gorbatchev"),
            ("Mikhaïl Gorbačëv", "mikhail gorbacev"),
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("Cafe\u{0301}", "cafe"),
            ("ÆSOP Œuvre", "aesop oeuvre"),
            ("PYONGYANG", "pyongyang"),
        ];
        assert_folds(&cases);
    }

    /// Every letter of the Latin table, one group of a base letter at a time.
    #[test]
    fn every_latin_letter_folds_to_its_base() {
        let cases = [
            ("àáâãäåāăą", "aaaaaaaaa"),
            ("ÀÅĄ", "aaa"),
            ("æ", "ae"),
            ("çćĉċč", "ccccc"),
            ("ďđð", "ddd"),
            ("èéêëēĕėęě", "eeeeeeeee"),
            ("ĝğġģ", "gggg"),
            ("ĥħ", "hh"),
            ("ìíîïĩīĭįı", "iiiiiiiii"),
            ("ĳ", "ij"),
            ("ĵ", "j"),
            ("ķĸ", "kk"),
            ("ĺļľŀł", "lllll"),
            ("ñńņňŉŋ", "nnnnnn"),
            ("òóôõöøōŏő", "ooooooooo"),
            ("œ", "oe"),
            ("ŕŗř", "rrr"),
            ("śŝşšſ", "sssss"),
            ("ß", "ss"),
            ("ţťŧ", "ttt"),
            ("ùúûüũūŭůűų", "uuuuuuuuuu"),
            ("ŵŴ", "ww"),
            ("ýÿŷ", "yyy"),
            ("źżž", "zzz"),
            ("þ", "th"),
        ];
        assert_folds(&cases);
    }

    #[test]
    fn char_at_a_byte_of_the_folded_text() {
        let n = normalize("بوتين putin");
        assert_eq!(n.text, "بوتين putin");
        assert_eq!(n.char_at_byte(0), Some(0));
        assert_eq!(n.char_at_byte(2), Some(1));
        assert_eq!(n.char_at_byte(1), None);
        assert_eq!(n.char_at_byte(11), Some(6));
        assert_eq!(n.char_at_byte(n.text.len()), None);
        assert_eq!(n.char_at_byte(usize::MAX), None);
    }

    #[test]
    fn map_points_back_to_original() {
        let orig = "بُوتِين";
        let n = normalize(orig);
        assert_eq!(n.char_len(), 5);
        assert_eq!(src(orig, &n, 0), "بُ");
        assert_eq!(src(orig, &n, 1), "و");
        assert_eq!(src(orig, &n, 2), "تِ");
        assert_eq!(src(orig, &n, 4), "ن");

        let orig = "Kim  Jong-Ün";
        let n = normalize(orig);
        assert_eq!(n.text, "kim jong un");
        assert_eq!(src(orig, &n, 3), "  ");
        assert_eq!(src(orig, &n, 8), "-");
        assert_eq!(src(orig, &n, 9), "Ü");

        let orig = "aß";
        let n = normalize(orig);
        assert_eq!(n.text, "ass");
        assert_eq!(src(orig, &n, 1), "ß");
        assert_eq!(src(orig, &n, 2), "ß");
    }

    #[test]
    fn ranges_from_positions_and_bytes() {
        let orig = "أوكرانيا";
        let n = normalize(orig);
        assert_eq!(n.text, "اوكرانيا");
        let ranges = n.source_of_positions(&[0, 1, 3]);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&orig[ranges[0].clone()], "أو");
        assert_eq!(&orig[ranges[1].clone()], "ر");
        let b = n.text.find("كرا").unwrap_or(0);
        let r = n.source_of_bytes(b..b + "كرا".len());
        assert_eq!(&orig[r], "كرا");
        assert_eq!(n.source_of_chars(2..2), 4..4);
    }

    #[test]
    fn leading_marks_and_spaces_vanish() {
        let n = normalize("\u{064E}  \u{200F}");
        assert_eq!(n.text, "");
        assert!(n.is_empty());
        assert_eq!(n.source_of_chars(0..0), 0..0);
    }

    #[test]
    fn arabic_block_has_no_case() {
        for c in ('\u{0600}'..='\u{06FF}').filter(|&c| !is_dropped(c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
            assert_eq!(fold_latin(c), None);
        }
        for c in ['\u{0621}', '\u{063A}', '\u{0641}', '\u{064A}'] {
            assert!(c.is_alphabetic() && is_arabic(c));
        }
    }

    #[test]
    fn word_char_fast_paths_agree_with_unicode() {
        for c in (0..0x0800).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(
            Scripts::of("putin"),
            Scripts {
                arabic: false,
                latin: true
            }
        );
        assert_eq!(
            Scripts::of("بوتين"),
            Scripts {
                arabic: true,
                latin: false
            }
        );
        assert_eq!(Scripts::of("1990"), Scripts::default());
        assert_eq!(
            Scripts::of("RT روسيا"),
            Scripts {
                arabic: true,
                latin: true
            }
        );
    }
}
