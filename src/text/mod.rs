//! The text layout engine: shaping, wrapping and bidi reordering with an
//! offset map back to the original text. Pure: no ratatui, no terminal.
//!
//! Pipeline, per paragraph:
//! 1. [`sanitize`]: control and invisible bidi/format characters become a
//!    visible placeholder (U+FFFD), so nothing from a dataset can reach the
//!    terminal as a control character or reorder text behind our back;
//! 2. `shape` (App and TerminalShaped modes): Arabic joining in logical
//!    order, mapped to presentation forms, lam-alef ligatures, no Allah
//!    ligature;
//! 3. `wrap`: greedy word wrap of the grapheme clusters at spaces, to the width
//!    in terminal cells, over-long words broken between clusters;
//! 4. `bidi` (App mode; TerminalShaped mode resolves the levels only, to
//!    mirror what the terminal will reverse): UAX #9 levels for the whole paragraph once
//!    (`levels`: a fast resolver for sanitized text, property-tested equal to
//!    unicode-bidi, which handles whatever the fast one does not), then each
//!    line is reordered by grapheme cluster (marks stay after their base) and
//!    brackets are mirrored in right-to-left runs.
//!
//! Speed: the hot per-char questions go to direct-indexed tables (`props`,
//! the Arabic joining/forms table in `shape`, the bidi class table in
//! `levels`); clusters of simple chars skip UAX #29 segmentation. Each fast
//! path has a test against the full reference (`cargo bench --bench layout`).
//!
//! Every [`Glyph`] keeps the byte range of the original paragraph it came
//! from, whatever the shaping, wrapping and reordering did.

mod bidi;
mod cache;
mod clusters;
mod cut;
mod forms;
mod fragments;
mod justify;
mod levels;
mod mapped;
mod props;
mod sanitize;
mod shape;
mod wrap;

use std::ops::Range;

pub use crate::data::Direction;
pub use bidi::{RTL_FENCE_END, RTL_FENCE_START, kitty_reverses};
pub use cache::LayoutCache;
pub use cut::visible_parts;
pub use fragments::{RunOrder, for_run_bidi, sent_cell};
pub use justify::{Justify, TATWEEL, is_fill, justify, unjustified};
pub use sanitize::display_safe;

/// Who turns logical text into what the eye reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BidiMode {
    /// We shape and reorder; lines come out in visual order.
    #[default]
    App,
    /// The terminal reorders and shapes; lines come out in logical order, unshaped.
    Terminal,
    /// The terminal reorders each row but neither mirrors brackets nor fits a
    /// lam-alef in the one cell it takes (Konsole): lines come out in logical
    /// order, shaped to presentation forms (a lam-alef is its one-cell
    /// ligature), with the characters at right-to-left levels mirrored.
    TerminalShaped,
    /// The terminal shapes each right-to-left word itself and shows it right
    /// to left, but never reorders words (kitty): words in visual order,
    /// the letters of each right-to-left word in logical order, unshaped but
    /// for the lam-alef, sent as its one-cell ligature (kitty draws the
    /// ligature it makes of lam and alef in one of their two cells).
    Kitty,
    /// The terminal lays out each run of cells with the same attributes on
    /// its own, with the whole bidi algorithm, mirroring and shaping
    /// (QTerminal): lines are laid out as in App mode, and each such run of
    /// the drawn screen's rows is sent arranged for the terminal's bidi of
    /// it ([`for_run_bidi`]).
    Qterminal,
    /// The terminal lays out each word alone, left to right, with the whole
    /// bidi algorithm, mirroring and shaping (mlterm told `bidi_mode=left`
    /// and a space as its bidi separator; box drawing separates too): lines
    /// are laid out as in App mode, and each word of the drawn screen's rows
    /// is sent arranged for the terminal's bidi of it ([`for_run_bidi`]).
    Mlterm,
}

impl BidiMode {
    /// True when the terminal does the reordering (F2 switches to App mode).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            BidiMode::Terminal | BidiMode::TerminalShaped | BidiMode::Qterminal | BidiMode::Mlterm
        )
    }

    /// The mode lines are laid out in: QTerminal's lines are App mode's.
    fn layout_mode(self) -> BidiMode {
        match self {
            BidiMode::Qterminal | BidiMode::Mlterm => BidiMode::App,
            mode => mode,
        }
    }
}

/// What a paragraph is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Target width in terminal cells (0 is treated as 1).
    pub width: usize,
    pub mode: BidiMode,
    /// Paragraph direction override (the dataset's `meta.direction`); `None`
    /// takes the direction of the first strong character (UAX #9 P2/P3).
    pub direction: Option<Direction>,
}

impl LayoutOptions {
    pub fn new(width: usize, mode: BidiMode) -> Self {
        LayoutOptions {
            width,
            mode,
            direction: None,
        }
    }
}

/// A laid-out paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The paragraph direction: RTL lines are right-aligned (App mode).
    pub direction: Direction,
    /// At least one line (an empty or blank paragraph gives one empty line).
    pub lines: Vec<DisplayLine>,
}

/// One row of text as the terminal receives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisplayLine {
    /// Left to right as printed: visual order in App mode; logical order,
    /// unshaped, in Terminal mode. Never holds a control character.
    pub text: String,
    /// One per grapheme cluster, left to right as printed.
    pub glyphs: Vec<Glyph>,
    /// Sum of the glyph widths; never more than the layout width.
    pub width: usize,
    /// The mode the line was laid out for.
    pub mode: BidiMode,
    /// True when the line belongs to a right-to-left paragraph (it is
    /// right-aligned, and in Terminal mode fenced with marks when painted).
    pub rtl: bool,
}

/// One grapheme cluster of a [`DisplayLine`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    /// Bytes of [`DisplayLine::text`].
    pub text: Range<usize>,
    /// Cells (1 or 2; the engine never emits a zero-width cluster on its own).
    pub width: usize,
    /// Bytes of the ORIGINAL paragraph this cluster came from (a lam-alef
    /// ligature covers both letters and any marks between them).
    pub source: Range<usize>,
}

impl DisplayLine {
    /// Left padding in cells that places the line in an area `area_width`
    /// wide: RTL lines are right-aligned, LTR lines left-aligned.
    ///
    /// The same in both modes: a bidi terminal lays out each row left to
    /// right (its base direction) and reorders only within the runs of
    /// right-to-left text, so the padding on the left is what puts a logical
    /// RTL line at the right edge.
    pub fn indent(&self, area_width: usize, direction: Direction) -> usize {
        match direction {
            Direction::Rtl => area_width.saturating_sub(self.width),
            Direction::Ltr => 0,
        }
    }

    /// The glyphs whose source intersects `range` (bytes of the original
    /// paragraph), as indices into [`DisplayLine::glyphs`].
    pub fn glyphs_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.glyphs
            .iter()
            .enumerate()
            .filter(move |(_, g)| intersects(&g.source, &range))
            .map(|(i, _)| i)
    }

    /// The glyph drawn at cell `column` (0 = first cell of the line), if any.
    pub fn glyph_at(&self, column: usize) -> Option<&Glyph> {
        let mut x = 0;
        for g in &self.glyphs {
            if column < x + g.width {
                return Some(g);
            }
            x += g.width;
        }
        None
    }

    /// The text of one glyph.
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text.get(glyph.text.clone()).unwrap_or("")
    }
}

/// True when two byte ranges share a byte (an empty range intersects a
/// non-empty one that contains its position, so a caret can be highlighted).
pub fn intersects(a: &Range<usize>, b: &Range<usize>) -> bool {
    if b.start == b.end {
        return a.start <= b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Lays out one paragraph. Never panics; any input gives at least one line.
pub fn layout(paragraph: &str, opts: &LayoutOptions) -> Layout {
    layout_with(paragraph, opts, bidi::Paragraph::new)
}

/// [`layout`] a line at a time: `each` is given every line of the
/// paragraph in order, with the paragraph's direction, as soon as the line
/// is made, and nothing holds the lines already given. The first error
/// `each` returns ends the layout and is returned; otherwise the
/// paragraph's direction. What the engine keeps meanwhile is about 16 bytes
/// per grapheme cluster plus a few bytes per byte of text.
pub fn layout_each<E>(
    paragraph: &str,
    opts: &LayoutOptions,
    each: impl FnMut(DisplayLine, Direction) -> Result<(), E>,
) -> Result<Direction, E> {
    layout_each_with(paragraph, opts, bidi::Paragraph::new, each)
}

/// [`layout`] with the bidi level resolution given (tests compare the fast
/// resolver with unicode-bidi's through the whole pipeline).
fn layout_with(
    paragraph: &str,
    opts: &LayoutOptions,
    resolve: fn(&str, Option<Direction>) -> bidi::Paragraph,
) -> Layout {
    let mut lines = Vec::new();
    let Ok(direction) = layout_each_with(paragraph, opts, resolve, |line, _| {
        lines.push(line);
        Ok::<(), std::convert::Infallible>(())
    });
    Layout { direction, lines }
}

fn layout_each_with<E>(
    paragraph: &str,
    opts: &LayoutOptions,
    resolve: fn(&str, Option<Direction>) -> bidi::Paragraph,
    mut each: impl FnMut(DisplayLine, Direction) -> Result<(), E>,
) -> Result<Direction, E> {
    let width = opts.width.max(1);
    let clean = sanitize::sanitize(paragraph);
    let mut failed = None;
    let direction = match opts.mode {
        BidiMode::App
        | BidiMode::TerminalShaped
        | BidiMode::Kitty
        | BidiMode::Qterminal
        | BidiMode::Mlterm => {
            let shaped = if opts.mode == BidiMode::Kitty {
                shape::ligatures_only(clean)
            } else {
                shape::shape(clean)
            };
            let bidi = resolve(&shaped.text, opts.direction);
            let direction = bidi.direction();
            let clusters = clusters::clusters(&shaped);
            wrap::wrap_each(&clusters, width, |range| {
                if failed.is_some() {
                    return;
                }
                let run = clusters.run(range);
                let visual = bidi.line(&shaped, run, width).in_paragraph(direction);
                let line = match opts.mode {
                    BidiMode::Kitty => bidi::for_kitty(visual),
                    BidiMode::TerminalShaped => {
                        let logical = bidi::logical_line(&shaped, run, width);
                        bidi::for_reordering_terminal(visual, logical.in_paragraph(direction))
                    }
                    BidiMode::App | BidiMode::Terminal | BidiMode::Qterminal | BidiMode::Mlterm => {
                        visual
                    }
                };
                failed = each(line, direction).err();
            });
            direction
        }
        BidiMode::Terminal => {
            let direction = opts
                .direction
                .or_else(|| first_strong(&clean.text))
                .unwrap_or(Direction::Ltr);
            let clusters = clusters::clusters(&clean);
            wrap::wrap_each(&clusters, width, |range| {
                if failed.is_none() {
                    let line = bidi::logical_line(&clean, clusters.run(range), width);
                    failed = each(line.in_paragraph(direction), direction).err();
                }
            });
            direction
        }
    };
    match failed {
        Some(e) => Err(e),
        None => Ok(direction),
    }
}

/// The direction of the first strong character of `text` (UAX #9 P2/P3),
/// or `None` when it has none (digits, punctuation only). The one rule for
/// a text's own direction: a single line laid out without a given direction
/// takes it (LTR when none, [`single_line`]), so the finder's arrow keys and
/// its result rows use it too.
pub fn first_strong(text: &str) -> Option<Direction> {
    // Read in place when sanitizing would change nothing (the common case,
    // and the sidebar asks for every row it draws).
    let sanitized;
    let text = if sanitize::is_clean(text) {
        text
    } else {
        sanitized = sanitize::sanitize(text);
        sanitized.text.as_str()
    };
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// The writing direction of a BCP 47 language tag (`ar`, `fa-IR`: RTL).
pub fn language_direction(tag: &str) -> Direction {
    const RTL: &[&str] = &[
        "ar", "fa", "he", "iw", "ur", "ps", "yi", "ckb", "sd", "ug", "dv", "syr",
    ];
    // Compared in place, without lower-casing a copy: the sidebar asks for
    // every row it draws.
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next().unwrap_or("");
    let rtl = RTL.iter().any(|r| r.eq_ignore_ascii_case(primary))
        || subtags.any(|s| s.eq_ignore_ascii_case("arab") || s.eq_ignore_ascii_case("hebr"));
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

/// The direction a paragraph should be laid out in: the dataset override,
/// else its first strong character, else `fallback` (the language's
/// direction: a heading such as `1945- 1948` in an Arabic text is RTL,
/// a higher-level protocol choice that UAX #9 HL1 allows).
pub fn paragraph_direction(
    text: &str,
    overridden: Option<Direction>,
    fallback: Direction,
) -> Direction {
    overridden
        .or_else(|| first_strong(text))
        .unwrap_or(fallback)
}

/// The direction of a dataset's paragraph or heading: `meta.direction` when
/// set, else its first strong character, else its language's direction.
/// `show` and the detail pane both use it, so they always agree.
pub fn dataset_text_direction(
    text: &str,
    meta_direction: Option<Direction>,
    language: &str,
) -> Direction {
    paragraph_direction(text, meta_direction, language_direction(language))
}

/// Lays out a short string (label, query line) on a single line of at most
/// `width` cells: when it does not fit, the logical end is cut and replaced
/// by `…`, so the beginning stays visible (on the right for RTL text).
pub fn single_line(
    text: &str,
    width: usize,
    mode: BidiMode,
    direction: Option<Direction>,
) -> (DisplayLine, Direction) {
    let mode = mode.layout_mode();
    let clean = sanitize::sanitize(text);
    let logical = match mode {
        BidiMode::App | BidiMode::TerminalShaped | BidiMode::Qterminal | BidiMode::Mlterm => {
            shape::shape(clean)
        }
        BidiMode::Kitty => shape::ligatures_only(clean),
        BidiMode::Terminal => clean,
    };
    let all = clusters::clusters(&logical);
    let direction_found = direction
        .or_else(|| first_strong(&logical.text))
        .unwrap_or(Direction::Ltr);
    if width == 0 {
        return (
            DisplayLine {
                mode,
                rtl: direction_found == Direction::Rtl,
                ..DisplayLine::default()
            },
            direction_found,
        );
    }
    let total: usize = all.iter().map(|c| c.width()).sum();
    let (keep, cut) = if total <= width {
        (all.len(), None)
    } else {
        let mut used = 0;
        let keep = all.iter().take_while(|c| {
            used += c.width();
            used < width
        });
        let n = keep.count();
        let from = all.get(n).map_or(text.len(), |c| c.source().start);
        (n, Some(from..text.len()))
    };
    let mut kept = keep;
    while kept > 0 && all[kept - 1].space() {
        kept -= 1;
    }
    let kept = all.run(0..kept);
    let mut line = match mode {
        BidiMode::App
        | BidiMode::TerminalShaped
        | BidiMode::Kitty
        | BidiMode::Qterminal
        | BidiMode::Mlterm => {
            bidi::Paragraph::new(&logical.text, direction).line(&logical, kept, width)
        }
        BidiMode::Terminal => bidi::logical_line(&logical, kept, width),
    };
    let rtl = direction_found == Direction::Rtl;
    if let Some(source) = cut.clone() {
        line.add_ellipsis(source, mode != BidiMode::Terminal && rtl);
    }
    let mut line = line.in_paragraph(direction_found);
    if mode == BidiMode::TerminalShaped {
        let mut logical_line = bidi::logical_line(&logical, kept, width);
        if let Some(source) = cut {
            logical_line.add_ellipsis(source, false);
        }
        line = bidi::for_reordering_terminal(line, logical_line.in_paragraph(direction_found));
    }
    if mode == BidiMode::Kitty {
        line = bidi::for_kitty(line);
    }
    (line, direction_found)
}

impl DisplayLine {
    /// The line as part of a paragraph laid out in `direction`.
    fn in_paragraph(mut self, direction: Direction) -> Self {
        self.rtl = direction == Direction::Rtl;
        self
    }

    /// Adds a `…` glyph standing for the hidden `source`, on the left
    /// (`at_start`) or on the right.
    fn add_ellipsis(&mut self, source: Range<usize>, at_start: bool) {
        const ELLIPSIS: &str = "…";
        let glyph = |at: usize| Glyph {
            text: at..at + ELLIPSIS.len(),
            width: 1,
            source: source.clone(),
        };
        if at_start {
            for g in &mut self.glyphs {
                g.text = g.text.start + ELLIPSIS.len()..g.text.end + ELLIPSIS.len();
            }
            self.text.insert_str(0, ELLIPSIS);
            self.glyphs.insert(0, glyph(0));
        } else {
            self.glyphs.push(glyph(self.text.len()));
            self.text.push_str(ELLIPSIS);
        }
        self.width += 1;
    }
}

/// The property tests' configuration: 512 cases, or `PROPTEST_CASES` (long mode).
#[cfg(test)]
fn proptest_config() -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(512);
    proptest::test_runner::Config {
        cases,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Arabic letters and marks, digits, brackets, Latin, controls, bidi
    /// controls, joiners, wide chars and anything at all.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            5 => prop::char::range('\u{621}', '\u{64A}'),
            2 => prop::char::range('\u{64B}', '\u{670}'),
            3 => Just(' '),
            2 => prop::char::range('0', '9'),
            1 => prop::char::range('\u{660}', '\u{66D}'),
            2 => prop::sample::select(vec![
                '(', ')', '[', ']', '{', '}', '«', '»', '<', '>', '\u{2329}', '\u{3009}', '.', ',', '%',
                '$', '+', '-', '/', ':', '\u{60C}', '\u{61F}', '\u{640}', '\u{6CC}', '\u{6A9}', '\u{200C}',
                '\u{200D}', '\u{A0}', '\u{FEFB}', '\u{5D0}', '\u{301}', '\u{FE0F}',
            ]),
            2 => prop::char::range('a', 'z'),
            1 => prop::char::range('\u{0}', '\u{A0}'),
            1 => prop::char::range('\u{2000}', '\u{206F}'),
            1 => prop::char::range('\u{4E00}', '\u{4E40}'),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(super::proptest_config())]

        /// The whole App pipeline gives the same layout with the fast level
        /// resolver as with unicode-bidi's.
        #[test]
        fn fast_bidi_path_matches_unicode_bidi(
            chars in prop::collection::vec(any_char(), 0..100),
            width in 1usize..=100,
            direction in prop_oneof![Just(None), Just(Some(Direction::Ltr)), Just(Some(Direction::Rtl))],
        ) {
            let text: String = chars.into_iter().collect();
            let opts = LayoutOptions { width, mode: BidiMode::App, direction };
            let fast = layout(&text, &opts);
            let reference = layout_with(&text, &opts, bidi::Paragraph::new_reference);
            prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn an_empty_range_intersects_the_range_holding_its_position() {
        assert!(intersects(&(2..5), &(3..3)));
        assert!(intersects(&(2..5), &(2..2)));
        assert!(!intersects(&(2..5), &(5..5)), "the end is outside");
        assert!(!intersects(&(2..5), &(1..1)));
        assert!(intersects(&(2..5), &(4..9)));
        assert!(!intersects(&(2..5), &(5..9)));
    }

    #[test]
    fn a_line_of_no_width_keeps_its_direction() {
        for mode in [BidiMode::App, BidiMode::Terminal] {
            let (line, direction) = single_line("مرحبا", 0, mode, None);
            assert_eq!(direction, Direction::Rtl);
            assert!(line.rtl, "{mode:?}");
            assert_eq!(line.mode, mode);
            let (line, _) = single_line("hello", 0, mode, None);
            assert!(!line.rtl, "{mode:?}");
        }
    }

    /// The modes where the terminal reorders rows, and those where it does not.
    #[test]
    fn the_terminal_reorders_in_the_terminal_modes_only() {
        assert!(BidiMode::Terminal.is_terminal());
        assert!(BidiMode::TerminalShaped.is_terminal());
        assert!(BidiMode::Qterminal.is_terminal());
        assert!(!BidiMode::App.is_terminal());
        assert!(!BidiMode::Kitty.is_terminal());
    }

    /// A label cut between two words ends at the word before the cut, the
    /// space between them dropped for the ellipsis.
    #[test]
    fn a_cut_label_loses_the_space_before_its_ellipsis() {
        for mode in [BidiMode::App, BidiMode::Terminal] {
            let (line, direction) = single_line("hello world", 7, mode, None);
            assert_eq!(line.text, "hello\u{2026}", "{mode:?}");
            assert_eq!(glyph_texts(&line), line.text, "{mode:?}");
            assert_eq!(line.width, 6, "{mode:?}");
            assert_eq!(direction, Direction::Ltr);
            let (line, _) = single_line("hello world", 11, mode, None);
            assert_eq!(line.text, "hello world", "{mode:?}: it fits whole");
        }
    }

    /// A cut right-to-left label shows its ellipsis at its reading end: on
    /// the left in App mode, after its logical end in Terminal mode.
    #[test]
    fn a_cut_right_to_left_label_ends_on_the_left() {
        let (line, direction) = single_line("ابت ثجح", 5, BidiMode::App, None);
        assert_eq!(direction, Direction::Rtl);
        assert!(line.text.starts_with('\u{2026}'), "{:?}", line.text);
        assert_eq!(line.width, 4);
        assert_eq!(glyph_texts(&line), line.text);
        let (line, _) = single_line("ابت ثجح", 5, BidiMode::Terminal, None);
        assert_eq!(line.text, "ابت\u{2026}");
        assert_eq!(glyph_texts(&line), line.text);
    }

    /// The texts of a line's glyphs, one after another.
    fn glyph_texts(line: &DisplayLine) -> String {
        line.glyphs.iter().map(|g| line.glyph_text(g)).collect()
    }

    /// A script subtag makes a language right-to-left when the language
    /// alone does not.
    #[test]
    fn an_arabic_or_hebrew_script_subtag_is_right_to_left() {
        assert_eq!(language_direction("az-Arab"), Direction::Rtl);
        assert_eq!(language_direction("lad_Hebr"), Direction::Rtl);
        assert_eq!(language_direction("FA"), Direction::Rtl);
        assert_eq!(language_direction("az-Latn"), Direction::Ltr);
        assert_eq!(
            language_direction("arab"),
            Direction::Ltr,
            "a language, not a script"
        );
    }

    /// Each cell of a line with a wide glyph in it, and the one past its end.
    #[test]
    fn each_cell_belongs_to_the_glyph_drawn_there() {
        let layout = layout("a\u{4E2D}b", &LayoutOptions::new(10, BidiMode::App));
        let line = &layout.lines[0];
        let widths: Vec<usize> = line.glyphs.iter().map(|g| g.width).collect();
        assert_eq!(widths, [1, 2, 1]);
        let at = |column| line.glyph_at(column).map(|g| line.glyph_text(g));
        assert_eq!(at(0), Some("a"));
        assert_eq!(at(1), Some("\u{4E2D}"));
        assert_eq!(at(2), Some("\u{4E2D}"), "the wide glyph's second cell");
        assert_eq!(at(3), Some("b"));
        assert_eq!(at(4), None);
    }
}
