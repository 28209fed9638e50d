//! A byte code for folded text that keeps an Arabic letter to one byte.
//!
//! Folded text is mostly Arabic letters, two bytes each in UTF-8. This code
//! keeps ASCII as it is and gives each of U+0621–U+064A (the Arabic letters
//! a fold keeps) one byte, 0xC0–0xE9. Any other character is written as a
//! lead byte giving its UTF-8 length (0xFD, 0xFE, 0xFF for two, three, four
//! bytes), then its UTF-8 lead byte's low six bits as a continuation byte
//! (0x80–0xBF), then its UTF-8 continuation bytes: one byte more than UTF-8.
//!
//! Like UTF-8 it is self-synchronising: a character starts at a byte outside
//! 0x80–0xBF and its first byte gives its length, so a coded string found in
//! a coded text starts and ends on character boundaries, and searching the
//! bytes finds exactly the occurrences of the characters.

/// The first character with a one-byte code, and how many have one.
const FIRST: u32 = 0x0621;
const SINGLE: u32 = 0x064A - FIRST + 1;
/// The byte of [`FIRST`]; the next [`SINGLE`] bytes are the others'.
const SINGLE_BASE: u8 = 0xC0;
/// The lead byte of a character two bytes long in UTF-8 (three and four:
/// the next two).
const LEAD_2: u8 = 0xFD;

/// Append `c`, coded, to `out`.
pub(crate) fn push(out: &mut Vec<u8>, c: char) {
    let code = u32::from(c);
    if code < 0x80 {
        out.push(code as u8);
    } else if let Some(i) = code.checked_sub(FIRST).filter(|i| *i < SINGLE) {
        out.push(SINGLE_BASE + i as u8);
    } else {
        let mut buf = [0u8; 4];
        let utf8 = c.encode_utf8(&mut buf).as_bytes();
        out.push(LEAD_2 + (utf8.len() - 2) as u8);
        out.push(0x80 | (utf8[0] & 0x3F));
        out.extend_from_slice(&utf8[1..]);
    }
}

/// `text`, coded.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    text.chars().for_each(|c| push(&mut out, c));
    out
}

/// The UTF-8 length of the characters coded in `coded` (whole characters):
/// each byte stands for a fixed number of UTF-8 bytes.
pub(crate) fn utf8_len(coded: &[u8]) -> usize {
    coded
        .iter()
        .map(|&b| usize::from(UTF8_BYTES[usize::from(b)]))
        .sum()
}

/// UTF-8 bytes each coded byte stands for: ASCII and continuation bytes one
/// (a lead's continuation byte stands for the UTF-8 lead byte), one-byte
/// letters two, lead bytes none.
const UTF8_BYTES: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut i = 0;
    while i < SINGLE as usize {
        t[SINGLE_BASE as usize + i] = 2;
        i += 1;
    }
    t[LEAD_2 as usize] = 0;
    t[LEAD_2 as usize + 1] = 0;
    t[LEAD_2 as usize + 2] = 0;
    t
};

/// The text coded in `coded` (bytes that are no code are skipped).
#[cfg(test)]
pub(crate) fn decode(coded: &[u8]) -> String {
    let mut utf8 = Vec::with_capacity(coded.len() * 2);
    let mut i = 0;
    while let Some(&b) = coded.get(i) {
        i += 1;
        if b < 0x80 || (0x80..0xC0).contains(&b) {
            utf8.push(b);
        } else if b < SINGLE_BASE + SINGLE as u8 {
            let c = char::from_u32(FIRST + u32::from(b - SINGLE_BASE)).unwrap_or('\u{FFFD}');
            utf8.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        } else if let Some(&l) = coded.get(i).filter(|_| b >= LEAD_2) {
            utf8.push(0xC0 | (l & 0x3F));
            i += 1;
        }
    }
    String::from_utf8_lossy(&utf8).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_letters_take_one_byte_and_others_one_more() {
        assert_eq!(encode("بوتين putin").len(), 5 + 6);
        assert_eq!(encode("ءي").len(), 2);
        // The edge of ASCII.
        assert_eq!(encode("\u{7F}"), [0x7F]);
        assert_eq!(encode("\u{80}"), [LEAD_2, 0x82, 0x80]);
        assert_eq!(decode(&encode("\u{80}")), "\u{80}");
        // Just outside the range, and other scripts.
        assert_eq!(encode("\u{0620}\u{064B}").len(), 6);
        assert_eq!(encode("é中😀").len(), 3 + 4 + 5);
    }

    /// Any character, and text mixing the one-byte letters with the others.
    fn text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            any::<char>(),
            (0x0600u32..0x0700).prop_map(|c| char::from_u32(c).unwrap_or('ا')),
            (0x20u32..0x7F).prop_map(|c| char::from_u32(c).unwrap_or('a')),
        ];
        proptest::collection::vec(c, 0..24).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn decodes_back_with_its_utf8_length(s in text()) {
            let coded = encode(&s);
            prop_assert_eq!(decode(&coded), s.clone());
            prop_assert_eq!(utf8_len(&coded), s.len());
        }

        /// Searching the coded bytes finds what searching the text finds.
        #[test]
        fn coded_search_finds_what_text_search_finds(s in text(), at in 0usize..24, n in 1usize..4) {
            let chars: Vec<char> = s.chars().collect();
            let from = at.min(chars.len());
            let q: String = chars[from..(from + n).min(chars.len())].iter().collect();
            let q = if q.is_empty() { "ب".to_string() } else { q };
            let want: Vec<usize> = s.match_indices(q.as_str()).map(|(i, _)| i).collect();
            let coded = encode(&s);
            // Both find non-overlapping occurrences, left to right.
            let got: Vec<usize> = memchr::memmem::find_iter(&coded, &encode(&q))
                .map(|i| utf8_len(&coded[..i]))
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
