//! Hand-checked examples of the layout engine.
//!
//! Expected strings are written out by reasoning, with the presentation-form
//! code points spelled as escapes: a letter's form is chosen by whether it
//! joins the letter before / after it in logical order, then each RTL run is
//! read backwards (left to right on screen = right to left in the text).

use nkru_tui::data::Direction;
use nkru_tui::text::{BidiMode, DisplayLine, Layout, LayoutOptions, layout};

/// The article's lead sentence (era "intro", first paragraph).
const LEAD: &str = "التقى الزعيم الكوري الشمالي، كيم جونغ أون، بالرئيس الروسي، فلاديمير بوتين، في قاعدة فضائية في شرق روسيا. وكان هذا هو الاجتماع الثاني بين الزعيمين المعزولين.";

fn app(text: &str, width: usize) -> Layout {
    layout(text, &LayoutOptions::new(width, BidiMode::App))
}

fn texts(l: &Layout) -> Vec<&str> {
    l.lines.iter().map(|l| l.text.as_str()).collect()
}

/// Every line: width is the sum of glyph widths, within `width`; glyph text
/// ranges tile the line text.
fn check_invariants(l: &Layout, width: usize) {
    for line in &l.lines {
        assert!(line.width <= width, "{line:?}");
        assert_eq!(
            line.width,
            line.glyphs.iter().map(|g| g.width).sum::<usize>()
        );
        let mut at = 0;
        for g in &line.glyphs {
            assert_eq!(g.text.start, at);
            at = g.text.end;
        }
        assert_eq!(at, line.text.len());
    }
}

/// The (min, max) source bytes a line covers.
fn source_span(line: &DisplayLine) -> (usize, usize) {
    let start = line
        .glyphs
        .iter()
        .map(|g| g.source.start)
        .min()
        .unwrap_or(0);
    let end = line.glyphs.iter().map(|g| g.source.end).max().unwrap_or(0);
    (start, end)
}

/// No word is split: every line starts at a word start and ends at a word end.
fn check_no_word_split(text: &str, l: &Layout) {
    for line in &l.lines {
        let (start, end) = source_span(line);
        assert!(
            start == 0 || text[..start].ends_with(' '),
            "line starts mid-word at {start}"
        );
        assert!(
            end == text.len() || text[end..].starts_with(' '),
            "line ends mid-word at {end}"
        );
    }
}

// --- the lead sentence ------------------------------------------------------

/// "التقى الزعيم الكوري الشمالي، كيم جونغ" (37 cells: the next word "أون،"
/// would make 42) in visual order: جونغ leftmost, التقى rightmost.
/// التقى = alef isolated, lam initial, teh medial, qaf medial, alef maksura final;
/// الزعيم = alef, lam initial, zain final, ain initial, yeh medial, meem final;
/// الكوري = alef, lam initial, kaf medial, waw final, reh isolated, yeh isolated;
/// الشمالي، = alef, lam initial, sheen medial, meem medial, alef final,
///            lam initial, yeh final, Arabic comma;
/// كيم = kaf initial, yeh medial, meem final; جونغ = jeem initial, waw final,
/// noon initial, ghain final.
const LEAD_LINE_1_AT_40: &str = concat!(
    "\u{FECE}\u{FEE7}\u{FEEE}\u{FE9F}",
    " ",
    "\u{FEE2}\u{FEF4}\u{FEDB}",
    " ",
    "\u{060C}\u{FEF2}\u{FEDF}\u{FE8E}\u{FEE4}\u{FEB8}\u{FEDF}\u{FE8D}",
    " ",
    "\u{FEF1}\u{FEAD}\u{FEEE}\u{FEDC}\u{FEDF}\u{FE8D}",
    " ",
    "\u{FEE2}\u{FEF4}\u{FECB}\u{FEB0}\u{FEDF}\u{FE8D}",
    " ",
    "\u{FEF0}\u{FED8}\u{FE98}\u{FEDF}\u{FE8D}",
);

#[test]
fn lead_sentence_at_40_starts_at_the_right_edge() {
    let l = app(LEAD, 40);
    check_invariants(&l, 40);
    check_no_word_split(LEAD, &l);
    assert_eq!(l.direction, Direction::Rtl);
    let first = &l.lines[0];
    assert_eq!(first.text, LEAD_LINE_1_AT_40);
    assert_eq!(first.width, 37);
    // Right-aligned: 3 cells of padding, the first logical letter in the last cell.
    assert_eq!(first.indent(40, l.direction), 3);
    assert_eq!(first.glyphs.last().map(|g| g.source.clone()), Some(0..2));
    // The second line begins (at its right end) with "أون،": alef with hamza
    // above isolated, waw isolated, noon isolated, comma; read backwards.
    assert!(
        l.lines[1]
            .text
            .ends_with("\u{060C}\u{FEE5}\u{FEED}\u{FE83}"),
        "{:?}",
        l.lines[1].text
    );
}

#[test]
fn lead_sentence_at_80() {
    let l = app(LEAD, 80);
    check_invariants(&l, 80);
    check_no_word_split(LEAD, &l);
    let first = &l.lines[0];
    // Words up to "في" fill 76 cells (66 letters, one lam-alef cell in
    // فلاديمير, 11 spaces; "قاعدة" would make 82); التقى is on the right,
    // في (feh initial, yeh final) on the left.
    assert_eq!(first.width, 76);
    assert!(
        first.text.starts_with("\u{FEF2}\u{FED3} "),
        "{:?}",
        first.text
    );
    assert!(
        first
            .text
            .ends_with("\u{FEF0}\u{FED8}\u{FE98}\u{FEDF}\u{FE8D}")
    );
    assert_eq!(first.indent(80, l.direction), 4);
    // The sentence ends with a full stop: on the last line, at the far left.
    let last = l.lines.last().expect("lines");
    assert!(last.text.starts_with('.'), "{:?}", last.text);
}

#[test]
fn lead_sentence_terminal_mode_is_logical_and_unshaped() {
    let l = layout(LEAD, &LayoutOptions::new(40, BidiMode::Terminal));
    check_invariants(&l, 40);
    assert_eq!(l.lines[0].text, "التقى الزعيم الكوري الشمالي، كيم جونغ");
    // Right-aligned by padding: a bidi terminal reverses the line in place.
    assert_eq!(l.lines[0].indent(40, l.direction), 40 - l.lines[0].width);
    let joined: Vec<&str> = texts(&l);
    assert_eq!(joined.join(" "), LEAD);
}

// --- numbers, brackets, mixed scripts -----------------------------------------

#[test]
fn brackets_are_mirrored_in_rtl_runs() {
    // قال (بوتين) أمس: read backwards, the logical ")" comes first on screen
    // and is drawn mirrored as "(".
    // قال = qaf initial, alef final, lam isolated; بوتين = beh initial, waw
    // final, teh initial, yeh medial, noon final; أمس = alef hamza isolated,
    // meem initial, seen final.
    let l = app("قال (بوتين) أمس", 80);
    let expected = concat!(
        "\u{FEB2}\u{FEE3}\u{FE83}",
        " (",
        "\u{FEE6}\u{FEF4}\u{FE97}\u{FEEE}\u{FE91}",
        ") ",
        "\u{FEDD}\u{FE8E}\u{FED7}",
    );
    assert_eq!(texts(&l), vec![expected]);
}

#[test]
fn digits_percent_and_latin_keep_their_order() {
    // نما الاقتصاد 2.8% عام 2022 حسب RT اليوم
    // After Arabic letters, digits are Arabic numbers (W2): "2.8" stays one
    // number (W4, the dot between two numbers) but "%" does not join it (W5
    // is for European numbers), so it resolves RTL and is drawn on the left
    // of the number, "%2.8", as in any browser; read right to left: 2.8 %.
    // "2022" and "RT" are left-to-right runs inside the right-to-left line.
    let l = app("نما الاقتصاد 2.8% عام 2022 حسب RT اليوم", 80);
    let expected = concat!(
        "\u{FEE1}\u{FEEE}\u{FEF4}\u{FEDF}\u{FE8D}", // اليوم
        " RT ",
        "\u{FE90}\u{FEB4}\u{FEA3}", // حسب
        " 2022 ",
        "\u{FEE1}\u{FE8E}\u{FECB}", // عام
        " %2.8 ",
        // الاقتصاد: alef, lam-alef isolated ligature, qaf initial, teh medial,
        // sad medial, alef final, dal isolated.
        "\u{FEA9}\u{FE8E}\u{FEBC}\u{FE98}\u{FED7}\u{FEFB}\u{FE8D}",
        " ",
        "\u{FE8E}\u{FEE4}\u{FEE7}", // نما
    );
    assert_eq!(texts(&l), vec![expected]);
}

#[test]
fn year_range_reads_right_to_left_with_numbers_intact() {
    // في 1945- 1948 انقسمت: the "- " between the two numbers resolves to RTL
    // (N1), so on screen 1948 is on the left, 1945 (read first) on the right.
    let l = app("في 1945- 1948 انقسمت", 80);
    let expected = concat!(
        "\u{FE96}\u{FEE4}\u{FEB4}\u{FED8}\u{FEE7}\u{FE8D}", // انقسمت
        " 1948 -1945 ",
        "\u{FEF2}\u{FED3}", // في
    );
    assert_eq!(texts(&l), vec![expected]);
}

// --- marks, ligatures -------------------------------------------------------------

#[test]
fn harakat_stay_right_after_their_base() {
    // وثبَّت الجيش as the article spells it (fatha, then shadda, on the beh).
    // وثبَّت = waw isolated, theh initial, beh medial + marks, teh final;
    // الجيش = alef, lam initial, jeem medial, yeh medial, sheen final.
    let text = "\u{648}\u{62B}\u{628}\u{64E}\u{651}\u{62A} الجيش";
    let l = app(text, 80);
    let expected = concat!(
        "\u{FEB6}\u{FEF4}\u{FEA0}\u{FEDF}\u{FE8D}",
        " ",
        "\u{FE96}\u{FE92}\u{64E}\u{651}\u{FE9B}\u{FEED}",
    );
    assert_eq!(texts(&l), vec![expected]);
    // The beh and its two marks are one glyph, one cell wide.
    let beh = l.lines[0]
        .glyphs
        .iter()
        .find(|g| g.source.start == 4)
        .expect("beh glyph");
    assert_eq!((beh.source.clone(), beh.width), (4..10, 1));
}

#[test]
fn sarraa_keeps_both_marks_on_the_reh() {
    // سرَّع: seen initial, reh final + fatha + shadda, ain isolated.
    let l = app("\u{633}\u{631}\u{64E}\u{651}\u{639}", 10);
    assert_eq!(l.lines[0].text, "\u{FEC9}\u{FEAE}\u{64E}\u{651}\u{FEB3}");
    assert_eq!(l.lines[0].width, 3);
}

#[test]
fn lam_alef_is_one_cell() {
    let l = app("لا", 10);
    let line = &l.lines[0];
    assert_eq!(line.text, "\u{FEFB}");
    assert_eq!(line.width, 1);
    assert_eq!(line.glyphs.len(), 1);
    assert_eq!(line.glyphs[0].source, 0..4);
    // After a joining letter the final form: كلا = kaf initial, lam-alef final.
    assert_eq!(app("كلا", 10).lines[0].text, "\u{FEFC}\u{FEDB}");
}

#[test]
fn persian_keywords_use_their_own_forms() {
    // کیم (keheh, farsi yeh, meem): keheh initial FB90, yeh medial FBFF, meem final.
    assert_eq!(app("کیم", 10).lines[0].text, "\u{FEE2}\u{FBFF}\u{FB90}");
}

// --- LTR, edge cases ----------------------------------------------------------------

#[test]
fn english_paragraph_is_untouched_and_left_aligned() {
    let text = "North Korea and Russia (2023): a \"turbulent\" relationship.";
    let l = app(text, 80);
    assert_eq!(l.direction, Direction::Ltr);
    assert_eq!(texts(&l), vec![text]);
    assert_eq!(l.lines[0].indent(80, l.direction), 0);
    let l = app(text, 20);
    assert_eq!(
        texts(&l),
        vec![
            "North Korea and",
            "Russia (2023): a",
            "\"turbulent\"",
            "relationship."
        ]
    );
}

#[test]
fn over_long_words_break_between_clusters() {
    assert_eq!(
        texts(&app("ab abcdefghij", 5)),
        vec!["ab", "abcde", "fghij"]
    );
    // Six behs at width 4: the first four (initial, medial×3) on the first
    // line, read backwards; the joined forms carry over the break.
    let l = app("بببببب", 4);
    assert_eq!(
        texts(&l),
        vec!["\u{FE92}\u{FE92}\u{FE92}\u{FE91}", "\u{FE90}\u{FE92}"]
    );
}

#[test]
fn empty_and_blank_paragraphs_give_one_empty_line() {
    for text in ["", "   ", " \u{3000} "] {
        let l = app(text, 10);
        assert_eq!(l.lines.len(), 1, "{text:?}");
        assert_eq!((l.lines[0].text.as_str(), l.lines[0].width), ("", 0));
    }
}

#[test]
fn width_one() {
    assert_eq!(texts(&app("ab c", 1)), vec!["a", "b", "c"]);
    // A wide character cannot fit: a one-cell placeholder keeps its source.
    let l = app("日本", 1);
    assert_eq!(texts(&l), vec!["\u{FFFD}", "\u{FFFD}"]);
    assert_eq!(l.lines[1].glyphs[0].source, 3..6);
    // Arabic at width 1: one letter per line, in logical order top to bottom.
    assert_eq!(texts(&app("لام", 1)), vec!["\u{FEFB}", "\u{FEE1}"]);
    // Width 0 is treated as 1.
    assert_eq!(texts(&app("ab", 0)), vec!["a", "b"]);
}

#[test]
fn control_and_bidi_controls_become_placeholders() {
    let text = "a\u{1b}[31mb\u{202E}cd\u{2067}\n";
    let l = app(text, 80);
    let line = &l.lines[0];
    assert_eq!(line.text, "a\u{FFFD}[31mb\u{FFFD}cd\u{FFFD}\u{FFFD}");
    assert_eq!(line.glyphs[1].source, 1..2);
    assert!(!line.text.chars().any(char::is_control));
}

/// A cluster opened by a prepended char takes the bidi level of the char
/// it is prepended to, not the sign's own: U+070F SYRIAC ABBREVIATION MARK
/// is right-to-left, yet before a Latin letter in a left-to-right paragraph
/// the two clusters below stay in logical order.
#[test]
fn a_prepended_sign_takes_its_bases_level() {
    let text = "a \u{70F}b\u{70F}c d";
    let l = app(text, 80);
    let sources: Vec<usize> = l.lines[0].glyphs.iter().map(|g| g.source.start).collect();
    assert_eq!(sources, vec![0, 1, 2, 5, 8, 9], "{:?}", l.lines[0].text);
    // Before Arabic letters in a right-to-left paragraph the clusters are
    // reversed as the letters are.
    let text = "ب \u{600}ت\u{600}ث ج";
    let l = app(text, 80);
    let sources: Vec<usize> = l.lines[0].glyphs.iter().map(|g| g.source.start).collect();
    assert_eq!(sources, vec![12, 11, 7, 3, 2, 0], "{:?}", l.lines[0].text);
    // A Latin word in a right-to-left paragraph whose first letter carries
    // the sign: the word keeps its order («\u{70F}x» then «y»).
    let text = "ببب \u{70F}xy ب";
    let l = app(text, 80);
    let sources: Vec<usize> = l.lines[0].glyphs.iter().map(|g| g.source.start).collect();
    assert_eq!(
        sources,
        vec![12, 11, 7, 10, 6, 4, 2, 0],
        "{:?}",
        l.lines[0].text
    );
}

/// Spaces that open a paragraph stay when they fit on the first line
/// with its first word; when they do not, the line starts at the word.
#[test]
fn leading_spaces_stay_when_they_fit_with_the_first_word() {
    assert_eq!(texts(&app("  ab cd", 5)), ["  ab", "cd"]);
    assert_eq!(texts(&app("      abc de", 5)), ["abc", "de"]);
    assert_eq!(texts(&app(" abcde fg", 5)), ["abcde", "fg"]);
}

#[test]
fn a_lone_mark_gets_a_dotted_circle() {
    let l = app("\u{64E}ب", 10);
    assert_eq!(l.lines[0].text, "\u{FE8F}\u{25CC}\u{64E}");
    assert_eq!(l.lines[0].width, 2);
}

/// A zero-width character that a dotted circle does not carry (U+1160
/// HANGUL JUNGSEONG FILLER starts a cluster of its own) gets U+FFFD: with
/// the circle it would be two clusters in one cell.
#[test]
fn a_zero_width_char_no_circle_carries_is_a_replacement_char() {
    let l = app("a\u{1160}b", 10);
    assert_eq!(l.lines[0].text, "a\u{FFFD}b");
    assert_eq!(l.lines[0].width, 3);
}

#[test]
fn highlights_map_to_the_glyphs_of_a_logical_range() {
    // "كيم جونغ" in the lead: bytes of كيم.
    let start = LEAD.find("كيم").expect("in lead");
    let range = start..start + "كيم".len();
    let l = app(LEAD, 40);
    let hits: Vec<(usize, usize)> = l
        .lines
        .iter()
        .enumerate()
        .flat_map(|(n, line)| line.glyphs_in(range.clone()).map(move |g| (n, g)))
        .collect();
    // Three letters, on the first line, at the visual positions of كيم
    // (after "جونغ " = glyphs 0..=4, so glyphs 5, 6, 7), right to left.
    assert_eq!(hits, vec![(0, 5), (0, 6), (0, 7)]);
    let line = &l.lines[0];
    let shown: String = [5, 6, 7]
        .iter()
        .map(|&i| line.glyph_text(&line.glyphs[i]))
        .collect();
    assert_eq!(shown, "\u{FEE2}\u{FEF4}\u{FEDB}");
}

#[test]
fn direction_override_and_fallback() {
    let rtl = LayoutOptions {
        width: 20,
        mode: BidiMode::App,
        direction: Some(Direction::Rtl),
    };
    let l = layout("abc def", &rtl);
    assert_eq!(l.direction, Direction::Rtl);
    // Latin inside an RTL paragraph keeps its order (the space between two
    // LTR words is LTR too), it is only right-aligned.
    assert_eq!(texts(&l), vec!["abc def"]);
    assert_eq!(l.lines[0].indent(20, l.direction), 13);
    let l = layout("1945- 1948", &rtl);
    assert_eq!(texts(&l), vec!["1948 -1945"]);
    assert_eq!(
        nkru_tui::text::paragraph_direction("1945- 1948", None, Direction::Rtl),
        Direction::Rtl
    );
    assert_eq!(
        nkru_tui::text::paragraph_direction("abc", None, Direction::Rtl),
        Direction::Ltr
    );
    assert_eq!(nkru_tui::text::language_direction("ar"), Direction::Rtl);
    assert_eq!(nkru_tui::text::language_direction("en-GB"), Direction::Ltr);
}

#[test]
fn cache_lays_out_each_paragraph_once() {
    let mut cache = nkru_tui::text::LayoutCache::new();
    let opts = LayoutOptions::new(40, BidiMode::App);
    let a = cache.get(LEAD, &opts);
    let b = cache.get(LEAD, &opts);
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(cache.misses(), 1);
    let c = cache.get(LEAD, &LayoutOptions::new(41, BidiMode::App));
    assert_eq!(cache.misses(), 2);
    assert_eq!(*c, app(LEAD, 41));
}
