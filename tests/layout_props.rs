//! Property tests of the layout engine over arbitrary Unicode strings
//! (Arabic letters and marks, controls, bidi controls, CJK, emoji, any char)
//! and widths 1–200.
//!
//! Short mode: 256 cases per property (`cargo test --test layout_props`).
//! Long mode, ≥ 10,000 cases:
//!     PROPTEST_CASES=10000 cargo test --release --test layout_props

use std::ops::Range;

use nkru_tui::text::{BidiMode, Layout, LayoutOptions, layout, single_line};
use proptest::prelude::*;
use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Characters weighted towards what matters here.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{621}', '\u{64A}'),  // Arabic letters
        2 => prop::char::range('\u{64B}', '\u{65F}'),  // harakat
        3 => Just(' '),
        1 => prop::sample::select(vec!['\u{644}', '\u{627}', '\u{623}', '\u{640}', '\u{6CC}', '\u{6A9}', '\u{67E}', '\u{670}']),
        1 => prop::char::range('\u{660}', '\u{6FF}'),  // Arabic digits, extended letters, signs
        1 => prop::char::range('\u{750}', '\u{77F}'),
        2 => prop::char::range('!', '~'),              // printable ASCII
        1 => prop::char::range('\u{0}', '\u{1F}'),     // C0 controls
        1 => prop::char::range('\u{7F}', '\u{9F}'),    // DEL, C1
        1 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
            '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{61C}', '\u{FEFF}',
            '\u{A0}', '\u{3000}', '\u{2029}', '\u{FE0F}', '\u{301}', '\u{FF9E}', '\u{E0041}', '(', ')', '«', '»',
        ]),
        // Prepended characters: they join the char after them.
        1 => prop::sample::select(vec![
            '\u{600}', '\u{605}', '\u{6DD}', '\u{70F}', '\u{890}', '\u{8E2}', '\u{D4E}', '\u{110BD}',
            '\u{111C2}', '\u{11A84}', '\u{11F02}',
        ]),
        1 => prop::char::range('\u{4E00}', '\u{4E40}'), // CJK (wide)
        1 => prop::char::range('\u{1F300}', '\u{1F64F}'), // emoji
        1 => prop::char::range('\u{1100}', '\u{11FF}'), // Hangul jamo
        1 => prop::char::range('\u{2000}', '\u{206F}'), // spaces, format chars, punctuation
        1 => any::<char>(),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..120).prop_map(|v| v.into_iter().collect())
}

fn any_mode() -> impl Strategy<Value = BidiMode> {
    prop_oneof![Just(BidiMode::App), Just(BidiMode::Terminal)]
}

/// A grapheme made only of a breakable space: it may be dropped at a wrap point.
fn is_space_grapheme(g: &str) -> bool {
    // The engine's breakable spaces: bidi class WS bar the separators (NBSP
    // and the figure space U+2007 do not break).
    let breakable = |c: char| matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}');
    let mut chars = g.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if breakable(c))
}

fn check_lines(text: &str, laid: &Layout, width: usize) -> Result<(), TestCaseError> {
    prop_assert!(!laid.lines.is_empty());
    for line in &laid.lines {
        prop_assert!(line.width <= width, "line {} cells > {}", line.width, width);
        prop_assert_eq!(
            line.width,
            line.glyphs.iter().map(|g| g.width).sum::<usize>()
        );
        prop_assert!(
            !line.text.chars().any(|c| c.is_control()),
            "control char in {:?}",
            line.text
        );
        let mut at = 0;
        for g in &line.glyphs {
            prop_assert_eq!(g.text.start, at, "glyphs tile the line text");
            at = g.text.end;
            let shown = &line.text[g.text.clone()];
            // Each glyph is one cell or two, exactly as ratatui's buffer counts it.
            prop_assert!(
                g.width == 1 || g.width == 2,
                "glyph {:?} width {}",
                shown,
                g.width
            );
            prop_assert_eq!(
                usize::from(shown.cell_width()),
                g.width,
                "glyph {:?}",
                shown
            );
            prop_assert!(g.source.start < g.source.end && g.source.end <= text.len());
        }
        prop_assert_eq!(at, line.text.len());
    }
    Ok(())
}

/// Every byte of every non-space grapheme of `text` (bar its breakable
/// spaces) is covered by exactly one glyph's source; no byte is covered twice.
fn check_offsets(text: &str, laid: &Layout) -> Result<(), TestCaseError> {
    let mut count = vec![0u32; text.len()];
    for g in laid.lines.iter().flat_map(|l| &l.glyphs) {
        for b in g.source.clone() {
            count[b] += 1;
        }
    }
    prop_assert!(count.iter().all(|&c| c <= 1), "a byte is covered twice");
    for (at, g) in text.grapheme_indices(true) {
        if is_space_grapheme(g) {
            continue;
        }
        // A space that only shares a cluster with a character the sanitizer
        // replaced (" " + tag char) becomes a breakable space of its own.
        for (i, c) in g
            .char_indices()
            .filter(|&(_, c)| !is_space_grapheme(c.encode_utf8(&mut [0; 4])))
        {
            let bytes: Range<usize> = at + i..at + i + c.len_utf8();
            prop_assert!(
                bytes.clone().all(|b| count[b] == 1),
                "{:?} in grapheme {:?} at {} not accounted for",
                c,
                g,
                at
            );
        }
    }
    Ok(())
}

/// Cells a terminal gives the printed `text`, measured without the engine:
/// the larger of unicode-width over the whole text and the sum over its
/// grapheme clusters (segmented afresh) of each cluster's unicode-width,
/// where a prepended character (one that joins the char after it, not the
/// one before) that unicode-width measures as zero takes a cell of its own,
/// as in terminals, which measure code point by code point.
fn printed_width(text: &str) -> usize {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let prepend = |c: char| {
        !c.is_control()
            && format!("{c}a").graphemes(true).count() == 1
            && format!("a{c}").graphemes(true).count() == 2
    };
    let clusters: usize = text
        .graphemes(true)
        .map(|g| {
            let own_cells = g.chars().filter(|&c| prepend(c) && c.width() == Some(0));
            g.width() + own_cells.count()
        })
        .sum();
    clusters.max(text.width())
}

/// Every printed line fits its width by [`printed_width`].
fn check_printed_widths(laid: &Layout, width: usize) -> Result<(), TestCaseError> {
    for line in &laid.lines {
        let printed = printed_width(&line.text);
        prop_assert!(
            printed <= width,
            "{:?} prints {} cells > {}",
            line.text,
            printed,
            width
        );
    }
    Ok(())
}

/// U+0D4E MALAYALAM LETTER DOT REPH joins the letter after it into one
/// cluster that unicode-width measures as that letter alone; terminals
/// draw every reph in a cell of its own.
#[test]
fn prepended_characters_fit_the_width() {
    let text = format!("{}abc def \u{D4E}\u{111C2}x y\u{605}", "\u{D4E}".repeat(22));
    for mode in [BidiMode::App, BidiMode::Terminal] {
        for width in 1..=12 {
            let laid = layout(&text, &LayoutOptions::new(width, mode));
            for line in &laid.lines {
                assert!(
                    printed_width(&line.text) <= width,
                    "{mode:?} {width}: {:?}",
                    line.text
                );
            }
        }
        let (line, _) = single_line(&text, 3, mode, None);
        assert!(printed_width(&line.text) <= 3, "{:?}", line.text);
    }
}

proptest! {
    #![proptest_config(config())]

    /// What the engine emits takes no more cells than it measured, by a
    /// width function of its own.
    #[test]
    fn printed_lines_fit_the_width(text in any_text(), width in 1usize..=40, mode in any_mode()) {
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        check_printed_widths(&laid, width)?;
        let (line, _) = single_line(&text, width, mode, None);
        prop_assert!(printed_width(&line.text) <= width, "{:?}", line.text);
    }

    #[test]
    fn any_text_any_width(text in any_text(), width in 1usize..=200, mode in any_mode()) {
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        check_lines(&text, &laid, width)?;
        check_offsets(&text, &laid)?;
    }

    #[test]
    fn narrow_widths(text in any_text(), width in 1usize..=4, mode in any_mode()) {
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        check_lines(&text, &laid, width)?;
        check_offsets(&text, &laid)?;
    }

    #[test]
    fn ascii_words_round_trip(
        words in prop::collection::vec("[!-~]{1,12}", 1..30),
        width in 12usize..=200,
        mode in any_mode(),
    ) {
        let text = words.join(" ");
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        let lines: Vec<&str> = laid.lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert_eq!(lines.join(" "), text);
        for line in &laid.lines {
            prop_assert_eq!(line.indent(width, laid.direction), 0);
        }
    }

    #[test]
    fn labels_fit_their_width(text in any_text(), width in 0usize..=60, mode in any_mode()) {
        let (line, _) = single_line(&text, width, mode, None);
        prop_assert!(line.width <= width);
        prop_assert!(!line.text.chars().any(|c| c.is_control()));
    }
}
