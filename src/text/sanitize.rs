//! Control and invisible formatting characters become a visible placeholder.
//!
//! A dataset is untrusted input: an ESC would reach the terminal as an escape
//! sequence, a newline would break the row grid, and bidi embeddings,
//! overrides, isolates and marks would reorder text invisibly (the "Trojan
//! Source" trick). Each such character is replaced by U+FFFD, one cell wide,
//! keeping its source range. ZWJ and ZWNJ stay: they are part of Persian
//! spelling and emoji sequences, are zero-width and reorder nothing.

use super::mapped::Mapped;
use super::props;

/// What a replaced character shows as.
pub(super) const PLACEHOLDER: char = '\u{FFFD}';

/// True for characters that must not reach the terminal or the bidi algorithm.
pub(super) fn is_unsafe(c: char) -> bool {
    props::has(c, props::UNSAFE)
}

/// True when [`sanitize`] would leave `text` as it is.
pub(super) fn is_clean(text: &str) -> bool {
    !text.chars().any(is_unsafe)
}

/// The paragraph with unsafe characters replaced; CR LF becomes one placeholder.
pub(super) fn sanitize(paragraph: &str) -> Mapped {
    if is_clean(paragraph) {
        // The common case: every char stands for itself.
        return Mapped::identity(paragraph.to_string());
    }
    let mut out = Mapped::with_capacity(paragraph.len(), paragraph.chars().count());
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if !is_unsafe(c) {
            out.push(c, i..end);
            continue;
        }
        // CR LF is one grapheme cluster: keep it one placeholder.
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            end += 1;
        }
        out.push(PLACEHOLDER, i..end);
    }
    out
}

/// A copy of `s` safe to print on one line: control and invisible formatting
/// characters replaced by U+FFFD (for labels, messages and other short UI strings).
pub fn display_safe(s: &str) -> String {
    s.chars()
        .map(|c| if is_unsafe(c) { PLACEHOLDER } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clean paragraph (nearly every one) is kept as it is: no copy, no map.
    #[test]
    fn a_clean_paragraph_is_its_own_source() {
        assert!(is_clean("كيم جونغ أون (2019)"));
        assert!(sanitize("كيم جونغ أون (2019)").is_identity());
        assert!(!is_clean("a\u{202E}b"));
    }

    /// CR LF is one placeholder whose source is both bytes.
    #[test]
    fn cr_lf_is_one_placeholder_over_both_bytes() {
        let out = sanitize("a\r\nb");
        assert_eq!(out.text, "a\u{FFFD}b");
        assert_eq!(out.source(1, 1, PLACEHOLDER), Some(1..3));
        assert_eq!(out.source(2, 4, 'b'), Some(3..4));
    }
}
