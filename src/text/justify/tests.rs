//! Justification: the fill, its places and its ranking.

use super::*;
use crate::text::{LayoutOptions, layout};
use proptest::prelude::*;

#[test]
fn the_key_cycles_none_spaces_kashida_and_each_name_reads_back() {
    let cycle: Vec<Justify> = std::iter::successors(Some(Justify::None), |j| Some(j.next()))
        .take(4)
        .collect();
    assert_eq!(
        cycle,
        [
            Justify::None,
            Justify::Spaces,
            Justify::Kashida,
            Justify::None
        ]
    );
    for j in Justify::ALL {
        assert_eq!(Justify::from_name(j.name()), Some(j));
    }
    assert_eq!(Justify::from_name("full"), None);
}

/// Filling a line and taking the fill out again keep its mode and
/// direction.
#[test]
fn filled_and_unfilled_lines_keep_mode_and_direction() {
    let text = "زار كيم موسكو ثم عاد إلى بيونغ يانغ في القطار";
    for mode in [BidiMode::Terminal, BidiMode::Kitty] {
        let laid = layout(text, &LayoutOptions::new(20, mode));
        let line = &laid.lines[0];
        assert!(line.rtl && line.width < 24, "{line:?}");
        for how in [Justify::Spaces, Justify::Kashida] {
            let filled = justify(line, text, 24, how);
            assert_eq!(filled.width, 24, "{mode:?} {how:?}");
            let back = unjustified(&filled);
            for out in [&filled, &back] {
                assert_eq!((out.mode, out.rtl), (mode, true), "{mode:?} {how:?}");
            }
        }
    }
}

/// Arabic and Latin words, with harakat, lam-alef, tatweel-less text.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(
            prop_oneof![
                prop::char::range('\u{621}', '\u{64A}'),
                Just('\u{644}'),
                Just('\u{627}'),
                Just('\u{64E}'),
            ],
            1..9
        )
        .prop_map(|c| c.into_iter().collect::<String>()),
        1 => "[A-Za-z0-9]{1,8}",
        1 => Just("«لا»".to_string()),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 1..30).prop_map(|w| w.join(" "))
}

fn mode() -> impl Strategy<Value = BidiMode> {
    prop_oneof![
        Just(BidiMode::App),
        Just(BidiMode::Terminal),
        Just(BidiMode::TerminalShaped),
        Just(BidiMode::Kitty),
    ]
}

fn glyph_texts(line: &DisplayLine) -> Vec<(&str, usize, std::ops::Range<usize>)> {
    line.glyphs
        .iter()
        .map(|g| (line.glyph_text(g), g.width, g.source.clone()))
        .collect()
}

proptest::proptest! {
    #![proptest_config(super::super::proptest_config())]

    /// Removing the fill gives back the unjustified line; a line with a
    /// gap or a join is filled exactly; the fill is spaces and tatweels
    /// only, every tatweel between two letters the shaper joins.
    #[test]
    fn removing_the_fill_gives_back_the_line(
        text in paragraph(),
        width in 8usize..60,
        mode in mode(),
        kashida in any::<bool>(),
    ) {
        let how = if kashida { Justify::Kashida } else { Justify::Spaces };
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        for line in &laid.lines {
            let filled = justify(line, &text, width, how);
            let back = unjustified(&filled);
            prop_assert_eq!(&back.text, &line.text);
            prop_assert_eq!(glyph_texts(&back), glyph_texts(line));
            prop_assert_eq!(back.width, line.width);
            prop_assert!(filled.width <= width.max(line.width));
            // Each fill glyph is one cell of the fill.
            let fill = filled.glyphs.iter().filter(|g| is_fill(g)).count();
            prop_assert_eq!(fill, filled.width - line.width);
            let gaps = line.glyphs.windows(2).any(|w| {
                line.glyph_text(&w[0]) == " " && line.glyph_text(&w[1]) != " "
            });
            if gaps {
                prop_assert_eq!(filled.width, width.max(line.width), "{:?}", filled.text);
                // No join lengthened past the cap when spaces can take the rest.
                let mut run = 0;
                for g in &filled.glyphs {
                    run = if is_fill(g) && filled.glyph_text(g) == "\u{640}" { run + 1 } else { 0 };
                    prop_assert!(run <= MAX_TATWEELS, "{:?}", filled.text);
                }
            }
            for (i, g) in filled.glyphs.iter().enumerate() {
                if !is_fill(g) {
                    continue;
                }
                let t = filled.glyph_text(g);
                prop_assert!(t == " " || t == "\u{640}", "{:?}", t);
                if t == "\u{640}" {
                    prop_assert!(kashida);
                    // The letters on either side, past other tatweels.
                    let real = |j: &usize| !is_fill(&filled.glyphs[*j]);
                    let before = (0..i).rev().find(real);
                    let after = (i + 1..filled.glyphs.len()).find(real);
                    let (Some(x), Some(y)) = (before, after) else {
                        return Err(TestCaseError::fail("a tatweel at a line's end"));
                    };
                    let (gx, gy) = (&filled.glyphs[x], &filled.glyphs[y]);
                    let (a, b) = if gx.source.end == gy.source.start { (gx, gy) } else { (gy, gx) };
                    prop_assert_eq!(a.source.end, b.source.start, "neighbours in the source");
                    let join = a.source.end;
                    prop_assert_eq!(g.source.clone(), join..join, "the tatweel sits at the join");
                    let (_, last) = letters(&text, a).unwrap_or(('a', 'a'));
                    let (first, _) = letters(&text, b).unwrap_or(('a', 'a'));
                    prop_assert!(shape::joins(last, first), "{:?} {:?}", last, first);
                    prop_assert!(!(last == LAM && is_alef(first)), "inside lam-alef");
                    prop_assert!(!last.is_ascii() && !first.is_ascii());
                }
            }
        }
    }
}

#[test]
fn none_and_full_lines_are_unchanged() {
    let text = "كان هذا هو الاجتماع";
    let laid = layout(text, &LayoutOptions::new(12, BidiMode::App));
    for line in &laid.lines {
        assert_eq!(&justify(line, text, 12, Justify::None), line);
        assert_eq!(&justify(line, text, line.width, Justify::Kashida), line);
    }
}

/// `text` laid out 40 cells wide in logical order (Terminal mode).
fn logical(text: &str) -> crate::text::Layout {
    layout(text, &LayoutOptions::new(40, BidiMode::Terminal))
}

#[test]
fn kashida_prefers_the_join_after_seen() {
    // «مسلم»: the join after seen ranks first; «كتب»: before the final beh.
    let text = "مسلم كتب";
    let laid = logical(text);
    let line = &laid.lines[0];
    let filled = justify(line, text, line.width + 1, Justify::Kashida);
    assert_eq!(filled.text, "مسـلم كتب");
    let filled = justify(line, text, line.width + 2, Justify::Kashida);
    assert_eq!(filled.text, "مسـلم كتـب");
    // A Latin line, and lam-alef alone, take spaces only.
    let text = "la la لا لا";
    let laid = logical(text);
    let filled = justify(&laid.lines[0], text, 14, Justify::Kashida);
    assert!(!filled.text.contains(TATWEEL), "{:?}", filled.text);
    assert_eq!(filled.width, 14);
}

#[test]
fn a_join_takes_at_most_the_cap_and_spaces_take_the_rest() {
    let text = "مسلم كتب";
    let laid = logical(text);
    let line = &laid.lines[0];
    let filled = justify(line, text, line.width + 10, Justify::Kashida);
    let tatweels = "\u{640}".repeat(MAX_TATWEELS);
    assert_eq!(filled.text, format!("مس{tatweels}لم     كت{tatweels}ب"));
    assert_eq!(filled.width, line.width + 10);
    // One word and no space: the tatweels fill the line past the cap.
    let text = "مسلم";
    let laid = logical(text);
    let filled = justify(&laid.lines[0], text, 10, Justify::Kashida);
    assert_eq!(filled.width, 10);
    assert_eq!(filled.text, format!("مس{}لم", "\u{640}".repeat(6)));
}

/// The tatweels' places, as byte offsets of the paragraph.
fn tatweel_places(line: &DisplayLine) -> Vec<usize> {
    let mut at: Vec<usize> = line
        .glyphs
        .iter()
        .filter(|g| is_fill(g) && line.glyph_text(g) == "\u{640}")
        .map(|g| g.source.start)
        .collect();
    at.sort_unstable();
    at
}

/// One word for each preference, from the most preferred: after a
/// tatweel, after seen, before a final heh, a final alef, a beh-like
/// letter before a final reh, a final waw, any other final letter (in
/// reading order among equals). Each cell more goes to the next word, the
/// same place in the text whatever the mode.
#[test]
fn each_cell_goes_to_the_most_preferred_join_left() {
    let text = "لم لو عمر كبر كا له سم بـم";
    let lengthened = ["بــم", "سـم", "لـه", "كـا", "كـبر", "لـو", "لـم", "عمـر"];
    let laid = layout(text, &LayoutOptions::new(60, BidiMode::Terminal));
    let line = &laid.lines[0];
    let mut want = text.to_string();
    for (k, word) in lengthened.iter().enumerate() {
        let plain = word.replacen('\u{640}', "", 1);
        want = want.replacen(&format!(" {plain}"), &format!(" {word}"), 1);
        if want.starts_with(&format!("{plain} ")) {
            want = want.replacen(&plain, word, 1);
        }
        let filled = justify(line, text, line.width + k + 1, Justify::Kashida);
        assert_eq!(filled.text, want, "{} cells", k + 1);
        let places = tatweel_places(&filled);
        for mode in [BidiMode::App, BidiMode::Kitty] {
            let laid = layout(text, &LayoutOptions::new(60, mode));
            let visual = &laid.lines[0];
            let filled = justify(visual, text, visual.width + k + 1, Justify::Kashida);
            assert_eq!(tatweel_places(&filled), places, "{mode:?}, {} cells", k + 1);
        }
    }
}

/// A join's letters are found past the harakat: «سَلم» is lengthened
/// after its seen, which carries a fatha.
#[test]
fn kashida_looks_past_harakat() {
    let text = "سَلم";
    let laid = logical(text);
    let filled = justify(
        &laid.lines[0],
        text,
        laid.lines[0].width + 1,
        Justify::Kashida,
    );
    assert_eq!(filled.text, "سَـلم");
}

/// The fill of a gap goes after its last space, beside the next word;
/// a space that opens the line is no gap.
#[test]
fn a_gap_is_filled_beside_the_next_word() {
    let text = " a  b c";
    let laid = logical(text);
    let line = &laid.lines[0];
    assert_eq!(line.text, text);
    let filled = justify(line, text, line.width + 2, Justify::Spaces);
    assert_eq!(filled.text, " a   b  c");
    let texts: Vec<(&str, bool)> = filled
        .glyphs
        .iter()
        .map(|g| (filled.glyph_text(g), is_fill(g)))
        .collect();
    assert_eq!(texts[3..6], [(" ", false), (" ", true), ("b", false)]);
}

#[test]
fn spaces_go_first_to_the_gaps_where_reading_starts() {
    let text = "a b c d";
    let laid = layout(text, &LayoutOptions::new(40, BidiMode::App));
    let filled = justify(&laid.lines[0], text, 9, Justify::Spaces);
    assert_eq!(filled.text, "a  b  c d");
    let text = "ا ب ت ث";
    let laid = layout(text, &LayoutOptions::new(40, BidiMode::App));
    let filled = justify(&laid.lines[0], text, 9, Justify::Spaces);
    // Visual order: the reading start is the right end.
    assert_eq!(filled.text.chars().filter(|c| *c == ' ').count(), 5);
    assert!(filled.text.ends_with("  ﺍ"), "{:?}", filled.text);
    // Logical order (Terminal mode): the reading start is the left end.
    let laid = logical(text);
    let filled = justify(&laid.lines[0], text, 9, Justify::Spaces);
    assert_eq!(filled.text, "ا  ب  ت ث");
}
