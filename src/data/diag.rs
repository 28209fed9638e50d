//! Diagnostics: one line each, `origin:line:column: error|warning: message`,
//! located by byte offsets into the source, never a Rust `Debug` dump.

use std::fmt;

/// How bad a diagnostic is: errors fail loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` of `source`, clamped to the source and
    /// moved back to a character boundary so it can never panic.
    pub fn of(source: &str, offset: usize) -> Position {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// The positions of many byte offsets in one pass over the source (a
/// position each by [`Position::of`] would be quadratic for many findings in
/// a large file). `offsets` must be sorted ascending.
pub fn positions_of(source: &str, offsets: &[usize]) -> Vec<Position> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut at, mut line, mut column) = (0, 1, 1);
    for &offset in offsets {
        let mut offset = offset.clamp(at, source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let chunk = source.get(at..offset).unwrap_or_default();
        match chunk.rfind('\n') {
            Some(i) => {
                line += chunk.bytes().filter(|&b| b == b'\n').count();
                column = chunk[i + 1..].chars().count() + 1;
            }
            None => column += chunk.chars().count(),
        }
        at = offset;
        out.push(Position { line, column });
    }
    out
}

/// One finding about a dataset. `position` is `None` for problems with the
/// file as a whole (missing, unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub origin: String,
    pub position: Option<Position>,
    pub severity: Severity,
    pub message: String,
}

/// What `parse`, `load_file` and `embedded` fail with: always an error-severity diagnostic.
pub type DataError = Diagnostic;

impl Diagnostic {
    pub fn error(origin: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            origin: origin.to_owned(),
            position,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(origin: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(origin, position, message)
        }
    }

    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.line)
    }

    pub fn column(&self) -> Option<usize> {
        self.position.map(|p| p.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // The origin comes from the command line and the message may quote the
        // dataset (an unknown key, a duplicate id): neither may reach the
        // terminal as a control character.
        write!(f, "{}", escape_controls(&self.origin))?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {severity}: {}", escape_controls(&self.message))
    }
}

impl std::error::Error for Diagnostic {}

/// True for the characters no dataset string may contain: C0 controls
/// (including tab and newline: every string is one line), DEL, C1 controls,
/// and the bidi embeddings, overrides and isolates ("Trojan Source").
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character of `s` and its character index, found on
/// the UTF-8 bytes (C0 and DEL are single bytes, C1 is `C2 80..9F`, the bidi
/// controls `E2 80 AA..AE` and `E2 81 A6..A9`), so clean text is never decoded.
pub fn first_forbidden(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let at = (0..b.len()).find(|&i| match b[i] {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })?;
    let c = s.get(at..)?.chars().next()?;
    Some((s.get(..at)?.chars().count(), c))
}

/// True when `s` holds a character [`is_forbidden`] rejects.
pub fn has_forbidden(s: &str) -> bool {
    first_forbidden(s).is_some()
}

/// A readable name for a forbidden character, for messages.
pub fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NUL",
        '\t' => "TAB",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{9b}' => "CONTROL SEQUENCE INTRODUCER",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// `U+202E (RIGHT-TO-LEFT OVERRIDE)`, or just `U+0001`.
pub fn describe_char(c: char) -> String {
    match char_name(c) {
        Some(name) => format!("U+{:04X} ({name})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// True for characters that must not reach the terminal as they are: every
/// [`is_forbidden`] one, and the invisible ones that break a line or reorder
/// text behind the reader's back (bidi marks, line and paragraph separators,
/// invisible format characters). The layout engine shows them as U+FFFD
/// (its property table is built from this function); messages escape them.
pub const fn is_display_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}'       // C0 (tab, newline, ESC…), DEL, C1
        | '\u{AD}'                                       // soft hyphen: invisible
        | '\u{61C}'                                      // Arabic letter mark
        | '\u{180E}'                                     // Mongolian vowel separator
        | '\u{200B}' | '\u{200E}' | '\u{200F}'           // ZWSP, LRM, RLM
        | '\u{2028}' | '\u{2029}'                        // line / paragraph separators
        | '\u{202A}'..='\u{202E}'                        // embeddings, overrides, PDF
        | '\u{2060}'..='\u{2064}'                        // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'                        // isolates, deprecated format chars
        | '\u{FEFF}'                                     // BOM / ZWNBSP
        | '\u{FFF9}'..='\u{FFFB}'                        // interlinear annotation
        | '\u{1D173}'..='\u{1D17A}'                      // musical format controls
        | '\u{E0000}'..='\u{E007F}'                      // tags (invisible ASCII smuggling)
    )
}

/// The text with every [`is_display_unsafe`] character written as a visible
/// `\u{..}` escape, so a message quoting the input (a dataset string, an
/// argument) stays one harmless line in any reader, Unicode-aware or not.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(is_display_unsafe) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| {
            if is_display_unsafe(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let src = "a = 1\nبب = \"x\"\n";
        let off = src.rfind('=').unwrap();
        assert_eq!(Position::of(src, off), Position { line: 2, column: 4 });
        assert_eq!(Position::of(src, 0), Position { line: 1, column: 1 });
        // Past the end and inside a character: clamped, never a panic.
        assert_eq!(Position::of(src, 10_000).line, 3);
        assert_eq!(Position::of(src, 7), Position { line: 2, column: 1 });
    }

    #[test]
    fn positions_of_agrees_with_position_of() {
        let src = "ab\nجدد = 1\r\n\nxyz\n";
        let offsets: Vec<usize> = (0..=src.len() + 3).collect();
        let many = positions_of(src, &offsets);
        for (&o, p) in offsets.iter().zip(&many) {
            assert_eq!(*p, Position::of(src, o), "offset {o}");
        }
    }

    #[test]
    fn display_is_one_line_without_controls() {
        let d = Diagnostic::error(
            "f\u{1b}.toml",
            Some(Position { line: 3, column: 2 }),
            "bad \u{202e}x\ny",
        );
        let shown = d.to_string();
        assert_eq!(shown, "f\\u{1b}.toml:3:2: error: bad \\u{202e}x\\u{a}y");
        assert!(!shown.chars().any(is_forbidden));
    }

    /// Marks and separators that a Unicode-aware reader would obey (a line
    /// break, a reordered quote) are escaped like the controls.
    #[test]
    fn display_escapes_bidi_marks_and_separators() {
        let d = Diagnostic::error(
            "f.toml",
            Some(Position { line: 3, column: 2 }),
            "id `a\u{2028}b\u{2029}c\u{200e}d\u{200f}e\u{61c}f` is bad",
        );
        assert_eq!(
            d.to_string(),
            "f.toml:3:2: error: id `a\\u{2028}b\\u{2029}c\\u{200e}d\\u{200f}e\\u{61c}f` is bad"
        );
        assert!(d.to_string().chars().all(|c| !is_display_unsafe(c)));
    }

    #[test]
    fn forbidden_set_matches_the_rules() {
        for c in [
            '\0', '\t', '\n', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{202a}', '\u{202e}',
            '\u{2066}', '\u{2069}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            ' ', 'a', '\u{a0}', 'ب', '\u{200f}', '\u{200e}', '\u{2065}', '\u{202f}', '\u{61c}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }
}

#[cfg(test)]
mod forbidden_tests {
    use super::*;

    /// The byte pre-scan never hides a forbidden character: every code point
    /// is checked alone and between Arabic letters.
    #[test]
    fn first_forbidden_agrees_with_is_forbidden_on_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("كيم{c}جونغ");
            let expected = is_forbidden(c).then_some((3, c));
            assert_eq!(first_forbidden(&s), expected, "U+{:04X}", u32::from(c));
        }
    }
}
