//! Property tests of the layout engine over arbitrary Unicode strings
//! (Arabic letters and marks, controls, bidi controls, CJK, emoji, any char)
//! and widths 1–200.
//!
//! Short mode: 256 cases per property (`cargo test --test layout_props`).
//! Long mode, ≥ 10,000 cases:
//!     PROPTEST_CASES=10000 cargo test --release --test layout_props

use std::ops::Range;

use nkru_tui::data::Direction;
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
    prop_oneof![
        Just(BidiMode::App),
        Just(BidiMode::Terminal),
        Just(BidiMode::TerminalShaped)
    ]
}

const MODES: [BidiMode; 3] = [BidiMode::App, BidiMode::Terminal, BidiMode::TerminalShaped];

/// Characters whose order is decided by UAX #9 alone: Arabic and Hebrew
/// letters and marks, Latin letters, European and Arabic-Indic digits,
/// spaces, punctuation and brackets (no control, no prepended char: a
/// cluster's chars then share one level, so clusters and chars order alike).
fn ordered_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('\u{621}', '\u{64A}'),
        1 => prop::char::range('\u{64B}', '\u{652}'),
        4 => Just(' '),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('0', '9'),
        1 => prop::char::range('\u{660}', '\u{669}'),
        1 => prop::char::range('\u{5D0}', '\u{5EA}'),
        2 => prop::sample::select(vec![
            '(', ')', '[', ']', '«', '»', '.', ',', '-', '%', '$', '+', '/', ':', '!', '"',
            '\u{60C}', '\u{61F}', '\u{640}', '\u{A0}', '\u{2013}',
        ]),
    ]
}

fn ordered_text() -> impl Strategy<Value = String> {
    prop::collection::vec(ordered_char(), 0..100).prop_map(|v| v.into_iter().collect())
}

/// Each line's glyphs are in the order unicode-bidi's own per-line
/// reordering (rules L1 and L2 over the line's source) puts their chars:
/// reading the source chars in that order and naming the glyph of each
/// gives the glyphs left to right, each once.
fn check_order(
    text: &str,
    laid: &Layout,
    direction: Option<Direction>,
) -> Result<(), TestCaseError> {
    use unicode_bidi::{BidiInfo, Level};
    let level = direction.map(|d| match d {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    });
    let info = BidiInfo::new(text, level);
    let Some(para) = info.paragraphs.first() else {
        return Ok(());
    };
    for line in laid.lines.iter().filter(|l| !l.glyphs.is_empty()) {
        let start = line
            .glyphs
            .iter()
            .map(|g| g.source.start)
            .min()
            .unwrap_or(0);
        let end = line.glyphs.iter().map(|g| g.source.end).max().unwrap_or(0);
        let (levels, runs) = info.visual_runs(para, start..end);
        let mut order: Vec<usize> = Vec::new();
        for run in runs {
            let mut chars: Vec<usize> = text[run.clone()]
                .char_indices()
                .map(|(i, _)| run.start + i)
                .collect();
            if levels[run.start].is_rtl() {
                chars.reverse();
            }
            for at in chars {
                let glyph = line.glyphs.iter().position(|g| g.source.contains(&at));
                if let Some(g) = glyph
                    && order.last() != Some(&g)
                {
                    order.push(g);
                }
            }
        }
        let expected: Vec<usize> = (0..line.glyphs.len()).collect();
        prop_assert_eq!(order, expected, "{:?}: line {:?}", text, line.text);
    }
    Ok(())
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
    for mode in MODES {
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

/// Lam, U+070F SYRIAC ABBREVIATION MARK (transparent to joining, but a
/// prepended char: it starts a cluster), alef madda: no ligature may cover
/// the mark, which is a glyph of its own.
#[test]
fn a_prepended_mark_between_lam_and_alef_is_covered_once() {
    for text in ["ل\u{70f}آ", "ل\u{70f}\u{64e}ا ب", "سل\u{70f}ا"] {
        for mode in MODES {
            for width in 1..=4 {
                let laid = layout(text, &LayoutOptions::new(width, mode));
                let what = format!("{text:?} {mode:?} {width}");
                check_lines(text, &laid, width).expect(&what);
                check_offsets(text, &laid).expect(&what);
            }
        }
    }
}

/// The ordering check agrees with hand-made cases, and fails on the
/// logical order of a right-to-left line.
#[test]
fn the_ordering_check_knows_right_to_left() {
    let text = "ab بت cd";
    let laid = layout(text, &LayoutOptions::new(80, BidiMode::App));
    assert!(check_order(text, &laid, None).is_ok());
    let logical = layout(text, &LayoutOptions::new(80, BidiMode::Terminal));
    assert!(check_order(text, &logical, None).is_err());
}

proptest! {
    #![proptest_config(config())]

    /// Lines come out in the visual order of UAX #9, as unicode-bidi
    /// reorders each line.
    #[test]
    fn lines_are_in_unicode_bidi_order(
        text in ordered_text(),
        width in 1usize..=60,
        direction in prop_oneof![Just(None), Just(Some(Direction::Ltr)), Just(Some(Direction::Rtl))],
    ) {
        let opts = LayoutOptions { width, mode: BidiMode::App, direction };
        let laid = layout(&text, &opts);
        check_order(&text, &laid, direction)?;
        // A label that fits is one such line.
        let (line, _) = single_line(&text, 1000, BidiMode::App, direction);
        let one = Layout { direction: laid.direction, lines: vec![line] };
        check_order(&text, &one, direction)?;
    }

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
