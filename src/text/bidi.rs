//! UAX #9 per paragraph, reordering per line by grapheme cluster.
//!
//! unicode-bidi resolves the levels of the whole paragraph once. Reordering
//! (rule L2) is done here on clusters rather than chars, so that a combining
//! mark stays after its base letter in the output (terminals draw a mark on
//! the cell of the character before it). Rule L1 (trailing whitespace to the
//! paragraph level) needs nothing: the wrapper never leaves trailing spaces
//! in a line, and the separators L1 also cares about were sanitized away.
//! Rule L4: characters with a Bidi_Mirroring_Glyph are mirrored at odd levels.

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, Level, ParagraphBidiInfo};

use super::clusters::Run;
use super::levels;
use super::mapped::Mapped;
use super::props;
use super::sanitize::PLACEHOLDER;
use super::{BidiMode, DisplayLine, Glyph};
use crate::data::Direction;

/// Resolved levels of one paragraph.
pub(super) struct Paragraph {
    /// Level per byte of the analysed text.
    levels: Vec<u8>,
    para_level: u8,
    pure_ltr: bool,
}

impl Paragraph {
    pub fn new(text: &str, direction: Option<Direction>) -> Paragraph {
        let level = direction.map(|d| match d {
            Direction::Ltr => 0,
            Direction::Rtl => 1,
        });
        if let Some(fast) = levels::resolve(text, level) {
            return Paragraph {
                levels: fast.levels,
                para_level: fast.para_level,
                pure_ltr: fast.pure_ltr && fast.para_level == 0,
            };
        }
        Paragraph::reference(text, level)
    }

    /// unicode-bidi's resolution alone (the reference the fast path is tested against).
    #[cfg(test)]
    pub fn new_reference(text: &str, direction: Option<Direction>) -> Paragraph {
        Paragraph::reference(text, direction.map(|d| u8::from(d == Direction::Rtl)))
    }

    /// unicode-bidi's resolution, for what the fast resolver does not handle.
    fn reference(text: &str, level: Option<u8>) -> Paragraph {
        let level = level.map(|l| if l == 0 { Level::ltr() } else { Level::rtl() });
        let info = ParagraphBidiInfo::new_with_data_source(&Fast, text, level);
        let pure_ltr = !info.has_rtl() && info.paragraph_level.is_ltr();
        Paragraph {
            levels: info.levels.iter().map(|l| l.number()).collect(),
            para_level: info.paragraph_level.number(),
            pure_ltr,
        }
    }

    pub fn direction(&self) -> Direction {
        if self.para_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// One line of clusters (logical order) in visual order.
    pub fn line(&self, text: &Mapped, run: Run<'_>, width: usize) -> DisplayLine {
        let mut line = LineBuilder::new(BidiMode::App, run);
        let n = run.list.len();
        if self.pure_ltr {
            for i in 0..n {
                line.push(&text.text, run, i, width, false);
            }
            return line.finish();
        }
        let levels: Vec<u8> = (0..n)
            .map(|i| {
                self.levels
                    .get(run.list[i].level_byte(&text.text, run.text(i)))
                    .copied()
                    .unwrap_or(self.para_level)
            })
            .collect();
        // One level for the whole line (a line of Arabic words): rule L2
        // reverses it all when that level is odd, nothing otherwise.
        if let Some(&first) = levels.first()
            && levels.iter().all(|&l| l == first)
        {
            let rtl = first % 2 == 1;
            if rtl {
                for i in (0..n).rev() {
                    line.push(&text.text, run, i, width, true);
                }
            } else {
                for i in 0..n {
                    line.push(&text.text, run, i, width, false);
                }
            }
            return line.finish();
        }
        for i in visual_order(&levels) {
            line.push(&text.text, run, i, width, levels[i] % 2 == 1);
        }
        line.finish()
    }
}

/// The marks a right-to-left line is fenced with when painted in Terminal
/// mode: LRM ends whatever run precedes it, RLM makes its leading and
/// trailing neutrals (digits, brackets, punctuation) part of its run.
pub const RTL_FENCE_START: &str = "\u{200E}\u{200F}";
/// See [`RTL_FENCE_START`].
pub const RTL_FENCE_END: &str = "\u{200F}\u{200E}";

/// What to send for `visual` (a line in visual order, shaped and mirrored)
/// to a terminal that reorders every row itself with a left-to-right base
/// and never mirrors (Konsole; TerminalShaped mode): the glyphs in the order
/// that terminal turns back into `visual`.
///
/// Such a terminal reverses each right-to-left run in place (rule L2 with
/// base level 0), which is its own inverse on the same run structure: sent
/// `visual` reordered that way, it shows `visual`. The result is checked by
/// reordering it once more: it must give the words of `visual` in the same
/// order (a space between two runs may land on the other side of a run
/// boundary: a neutral there resolves by its new neighbours). When it does
/// not, the line goes in logical order, as plain Terminal mode sends it.
pub(super) fn for_reordering_terminal(visual: DisplayLine, logical: DisplayLine) -> DisplayLine {
    let sent = reorder_as_terminal(&visual);
    let shown = reorder_as_terminal(&sent);
    let mut out = if words(&shown.text) == words(&visual.text) {
        sent
    } else {
        logical
    };
    out.mode = BidiMode::TerminalShaped;
    out
}

/// What to send for `visual` (a line in visual order, unshaped, mirrored)
/// to a terminal that shapes each run of cells between spaces itself and
/// shows it right to left when it is right-to-left text, but never reorders
/// the runs (kitty; Kitty mode).
///
/// kitty gives HarfBuzz each run of cells of one font, and a space is drawn
/// by no font, so the runs are the words; HarfBuzz takes a run's direction
/// from its first letter with a script of its own and, right to left,
/// reverses the run and mirrors its brackets. So each word whose first
/// strong character is right-to-left goes back to logical order, its
/// mirrored characters mirrored back; every other word is sent as shown.
/// Arabic-Indic digits are of the Arabic script: a word that starts with
/// them (`١٩٧٠`) is reversed by HarfBuzz too, and goes reversed. A word
/// that goes reversed goes without its combining marks (harakat): kitty
/// misplaces the glyphs of a run whose cells hold more than one character.
pub(super) fn for_kitty(visual: DisplayLine) -> DisplayLine {
    let mut out = DisplayLine {
        text: String::with_capacity(visual.text.len()),
        glyphs: Vec::with_capacity(visual.glyphs.len()),
        width: visual.width,
        mode: BidiMode::Kitty,
        rtl: visual.rtl,
    };
    let is_gap = |g: &Glyph| matches!(visual.glyph_text(g), " " | "\u{2002}");
    let mut push = |g: &Glyph, unmirror: bool| {
        let at = out.text.len();
        let text = visual.glyph_text(g);
        if unmirror {
            // kitty 0.26 puts the glyphs of a right-to-left run into its
            // cells by counting each glyph's characters from the run's
            // left cell, the glyphs right to left: a cell of more than one
            // character (a letter and its harakat) shifts the glyphs after
            // it, and a letter is lost or a mark stands in a cell of its
            // own. So such a word goes without its marks.
            // A cluster with no letter (a mark after a blank) keeps its
            // mark: without it, it would be a blank.
            let letters = text.chars().filter(|c| levels::class(*c) != BidiClass::NSM);
            if letters.clone().any(|c| !c.is_whitespace()) {
                out.text.extend(letters.map(mirror));
            } else {
                out.text.extend(text.chars().map(mirror));
            }
        } else {
            out.text.push_str(text);
        }
        out.glyphs.push(Glyph {
            text: at..out.text.len(),
            ..g.clone()
        });
    };
    let mut rest = visual.glyphs.as_slice();
    while !rest.is_empty() {
        let gap = rest.iter().take_while(|g| is_gap(g)).count();
        rest[..gap].iter().for_each(|g| push(g, false));
        rest = &rest[gap..];
        let len = rest.iter().take_while(|g| !is_gap(g)).count();
        let (word, after) = rest.split_at(len);
        let text = word.iter().flat_map(|g| visual.glyph_text(g).chars());
        if first_strong_is_rtl(text) {
            word.iter().rev().for_each(|g| push(g, true));
        } else {
            word.iter().for_each(|g| push(g, false));
        }
        rest = after;
    }
    out
}

/// True when kitty lays the run of cells `word` out right to left (its
/// cells' glyphs reversed): HarfBuzz's direction for the run.
pub fn kitty_reverses(word: &str) -> bool {
    first_strong_is_rtl(word.chars())
}

/// True when the first strong character (L, R or AL), or digit of the
/// Arabic script (the Arabic-Indic digits, AN, and the Eastern ones, EN),
/// is right-to-left: HarfBuzz lays a run out in the direction of the first
/// character with a script of its own.
fn first_strong_is_rtl(text: impl Iterator<Item = char>) -> bool {
    for c in text {
        match levels::class(c) {
            BidiClass::R | BidiClass::AL | BidiClass::AN => return true,
            BidiClass::EN if ('\u{06F0}'..='\u{06F9}').contains(&c) => return true,
            BidiClass::L => return false,
            _ => {}
        }
    }
    false
}

/// The words of a line, left to right.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// `line`'s glyphs in the order a left-to-right-base bidi terminal displays
/// them (the line fenced as it will be painted when it is right-to-left).
pub(super) fn reorder_as_terminal(line: &DisplayLine) -> DisplayLine {
    let (start, end) = if line.rtl {
        (RTL_FENCE_START, RTL_FENCE_END)
    } else {
        ("", "")
    };
    let fenced = format!("{start}{}{end}", line.text);
    let info = ParagraphBidiInfo::new(&fenced, Some(Level::ltr()));
    let levels: Vec<u8> = line
        .glyphs
        .iter()
        .map(|g| {
            info.levels
                .get(start.len() + g.text.start)
                .map_or(0, |l| l.number())
        })
        .collect();
    let mut out = DisplayLine {
        text: String::with_capacity(line.text.len()),
        glyphs: Vec::with_capacity(line.glyphs.len()),
        width: line.width,
        mode: line.mode,
        rtl: line.rtl,
    };
    for i in visual_order(&levels) {
        let Some(g) = line.glyphs.get(i) else {
            continue;
        };
        let at = out.text.len();
        out.text.push_str(line.glyph_text(g));
        out.glyphs.push(Glyph {
            text: at..out.text.len(),
            ..g.clone()
        });
    }
    out
}

/// unicode-bidi's data with a fast path for the characters of this text
/// (ASCII, Arabic letters and presentation forms); the rest goes to the
/// crate's binary search. A test checks both agree on every fast character.
struct Fast;

impl Fast {
    fn quick(c: char) -> Option<BidiClass> {
        Some(match c {
            'A'..='Z' | 'a'..='z' => BidiClass::L,
            '0'..='9' => BidiClass::EN,
            ' ' => BidiClass::WS,
            '\u{621}'..='\u{64A}' | '\u{671}'..='\u{6D3}' | '\u{FE80}'..='\u{FEFC}' => {
                BidiClass::AL
            }
            '\u{64B}'..='\u{65F}' => BidiClass::NSM,
            '\u{660}'..='\u{669}' => BidiClass::AN,
            _ => return None,
        })
    }
}

impl BidiDataSource for Fast {
    fn bidi_class(&self, c: char) -> BidiClass {
        levels::class(c)
    }

    /// The crate scans its bracket table linearly for every character;
    /// letters, digits and spaces (the fast characters) are never brackets.
    fn bidi_matched_opening_bracket(
        &self,
        c: char,
    ) -> Option<unicode_bidi::data_source::BidiMatchedOpeningBracket> {
        if Fast::quick(c).is_some() {
            return None;
        }
        HardcodedBidiData.bidi_matched_opening_bracket(c)
    }
}

/// One line in logical order, unshaped and unmirrored (Terminal mode).
pub(super) fn logical_line(text: &Mapped, run: Run<'_>, width: usize) -> DisplayLine {
    let mut line = LineBuilder::new(BidiMode::Terminal, run);
    for i in 0..run.list.len() {
        line.push(&text.text, run, i, width, false);
    }
    line.finish()
}

/// Rule L2 on clusters: from the highest level down to the lowest odd level,
/// reverse every maximal run at that level or higher. Returns logical
/// indices in visual order.
pub(super) fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let max = levels.iter().copied().max().unwrap_or(0);
    let Some(min_odd) = levels.iter().copied().filter(|l| l % 2 == 1).min() else {
        return order;
    };
    for level in (min_odd..=max).rev() {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < order.len() && levels[order[i]] >= level {
                i += 1;
            }
            order[start..i].reverse();
        }
    }
    order
}

struct LineBuilder {
    line: DisplayLine,
}

impl LineBuilder {
    /// A builder sized for `clusters` (replacements may grow the text).
    fn new(mode: BidiMode, run: Run<'_>) -> Self {
        let bytes = run
            .list
            .first()
            .map_or(0, |_| run.text(run.list.len() - 1).end - run.text(0).start);
        let line = DisplayLine {
            text: String::with_capacity(bytes),
            glyphs: Vec::with_capacity(run.list.len()),
            mode,
            ..DisplayLine::default()
        };
        LineBuilder { line }
    }

    fn push(&mut self, text: &str, run: Run<'_>, i: usize, width: usize, mirror_it: bool) {
        let c = &run.list[i];
        let start = self.line.text.len();
        let mut cells = c.width();
        if cells > width {
            // Only possible for a wide cluster on a very narrow line.
            self.line.text.push(PLACEHOLDER);
            cells = 1;
        } else {
            let s = c.display(text.get(run.text(i)).unwrap_or(""));
            // Letters (nearly all of an RTL run) have no mirror: copy as is.
            if mirror_it && c.mirror() {
                self.line.text.extend(s.chars().map(mirror));
            } else {
                self.line.text.push_str(&s);
            }
        }
        let end = self.line.text.len();
        self.line.glyphs.push(Glyph {
            text: start..end,
            width: cells,
            source: c.source(),
        });
        self.line.width += cells;
    }

    fn finish(self) -> DisplayLine {
        self.line
    }
}

/// Bidi_Mirroring_Glyph for the paired characters likely in prose
/// (from BidiMirroring.txt; each pair listed once, both directions apply).
const MIRROR_PAIRS: &[(char, char)] = &[
    ('(', ')'),
    ('<', '>'),
    ('[', ']'),
    ('{', '}'),
    ('«', '»'),
    ('‹', '›'),
    ('⁅', '⁆'),
    ('⁽', '⁾'),
    ('₍', '₎'),
    ('≤', '≥'),
    ('≦', '≧'),
    ('≪', '≫'),
    ('∈', '∋'),
    ('⊂', '⊃'),
    ('⊆', '⊇'),
    ('⌈', '⌉'),
    ('⌊', '⌋'),
    ('〈', '〉'),
    ('❨', '❩'),
    ('❪', '❫'),
    ('❬', '❭'),
    ('❮', '❯'),
    ('❰', '❱'),
    ('❲', '❳'),
    ('❴', '❵'),
    ('⟦', '⟧'),
    ('⟨', '⟩'),
    ('⟪', '⟫'),
    ('⦃', '⦄'),
    ('⦅', '⦆'),
    ('⸂', '⸃'),
    ('⸄', '⸅'),
    ('⸉', '⸊'),
    ('⸌', '⸍'),
    ('⸜', '⸝'),
    ('⸠', '⸡'),
    ('⸢', '⸣'),
    ('⸤', '⸥'),
    ('⸦', '⸧'),
    ('⸨', '⸩'),
    ('〈', '〉'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〔', '〕'),
    ('〖', '〗'),
    ('〘', '〙'),
    ('〚', '〛'),
    ('﹙', '﹚'),
    ('﹛', '﹜'),
    ('﹝', '﹞'),
    ('﹤', '﹥'),
    ('（', '）'),
    ('＜', '＞'),
    ('［', '］'),
    ('｛', '｝'),
    ('｟', '｠'),
    ('｢', '｣'),
];

/// The mirrored glyph of `c` (itself when it has none).
pub(super) fn mirror(c: char) -> char {
    if !props::has(c, props::MIRROR) {
        return c;
    }
    for &(a, b) in MIRROR_PAIRS {
        if c == a {
            return b;
        }
        if c == b {
            return a;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2_reverses_nested_runs() {
        // levels 1 1 2 2 1: the level-2 pair is reversed twice (stays), the rest once.
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 0, 1, 1, 0]), vec![0, 1, 3, 2, 4]);
        assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
    }

    #[test]
    fn fast_bidi_classes_agree_with_unicode_bidi() {
        for c in ('\0'..='\u{FFFF}').filter_map(|c| Fast::quick(c).map(|k| (c, k))) {
            assert_eq!(c.1, HardcodedBidiData.bidi_class(c.0), "{:?}", c.0);
            assert!(
                HardcodedBidiData
                    .bidi_matched_opening_bracket(c.0)
                    .is_none(),
                "{:?}",
                c.0
            );
        }
    }

    #[test]
    fn the_quick_exit_skips_no_pair() {
        for &(a, b) in MIRROR_PAIRS {
            assert_eq!((mirror(a), mirror(b)), (b, a), "{a:?} {b:?}");
        }
    }

    #[test]
    fn brackets_mirror_both_ways() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror(')'), '(');
        assert_eq!(mirror('«'), '»');
        assert_eq!(mirror('a'), 'a');
        assert_eq!(mirror('-'), '-');
    }
}

#[cfg(test)]
mod reordering_terminal_tests {
    use super::*;
    use crate::text::{BidiMode, single_line};

    /// What a left-to-right-base bidi terminal (Konsole) shows for what
    /// TerminalShaped mode sends equals what App mode shows, mixed text,
    /// brackets and lam-alef included.
    #[test]
    fn a_reordering_terminal_shows_the_app_mode_line() {
        for text in [
            "خروج (و Ctrl-C دائماً)",
            " بحث: الأسماء · Tab: النص الكامل ",
            "السبعينيات (1970–1979)",
            "العلاقات بين كوريا الشمالية وروسيا",
            "Talks in Moscow (موسكو) ended.",
            "انتهت المحادثات في 13 سبتمبر 2023.",
        ] {
            let (app, _) = single_line(text, 80, BidiMode::App, None);
            let (sent, _) = single_line(text, 80, BidiMode::TerminalShaped, None);
            let shown = reorder_as_terminal(&sent);
            assert_eq!(words(&shown.text), words(&app.text), "{text}");
            assert_eq!(shown.width, app.width);
        }
    }
}

#[cfg(test)]
mod kitty_tests {
    use crate::text::{BidiMode, LayoutOptions, kitty_reverses, layout, single_line};

    /// A run kitty reverses starts with an Arabic or Hebrew letter or an
    /// Arabic-script digit, whatever neutrals come first.
    #[test]
    fn kitty_reverses_the_runs_of_the_arabic_script() {
        for word in ["سلام", "(שלום", "١٩٧٠", "\u{6F1}\u{6F9}", "«سلام2023»"] {
            assert!(kitty_reverses(word), "{word:?}");
        }
        for word in ["hello", "(abc", "1970", "abcسلام", "", "..."] {
            assert!(!kitty_reverses(word), "{word:?}");
        }
    }

    /// kitty's view of a line: each run between spaces whose first strong
    /// character is right-to-left reversed and its brackets mirrored (what
    /// HarfBuzz does to a right-to-left run), the runs left where they are.
    fn as_kitty_shows(sent: &str) -> String {
        sent.split(' ')
            .map(|word| {
                let rtl = word
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(|c| ('\u{590}'..='\u{8FF}').contains(&c));
                if rtl {
                    word.chars().rev().map(super::mirror).collect()
                } else {
                    word.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn words_go_in_visual_order_with_their_letters_in_logical_order() {
        for (text, sent) in [
            ("كوريا الشمالية", "الشمالية كوريا"),
            ("عام 1945، انقسمت", "انقسمت ،1945 عام"),
            ("منظمة (الناتو)", "(الناتو) منظمة"),
            ("«التحريفية» و«المغامرة»", "و«المغامرة» «التحريفية»"),
            (
                "Talks in Moscow (موسكو) ended.",
                "Talks in Moscow (موسكو) ended.",
            ),
            ("لا إله", "إله \u{FEFB}"),
            ("علاقات", "ع\u{FEFC}قات"),
        ] {
            let (line, _) = single_line(text, 80, BidiMode::Kitty, None);
            assert_eq!(line.text, sent, "{text}");
            assert_eq!(line.mode, BidiMode::Kitty);
        }
    }

    /// What kitty shows for the Kitty form is App mode's line, unshaped.
    #[test]
    fn kitty_shows_what_app_mode_shows() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "العلاقات بين كوريا الشمالية وروسيا",
            "السبعينيات (1970–1979)",
            "انتهت المحادثات في 13 سبتمبر 2023.",
            "قال «التحريفية» و«المغامرة» (NATO) في 1949.",
            "Talks in Moscow (موسكو) ended.",
            "لا إله إلا",
        ] {
            let (kitty, _) = single_line(text, 80, BidiMode::Kitty, None);
            let (app, _) = single_line(text, 80, BidiMode::App, None);
            // Every presentation form but the lam-alef ligatures unshaped.
            let unshaped: String = app
                .text
                .chars()
                .flat_map(|c| {
                    if ('\u{FEF5}'..='\u{FEFC}').contains(&c) {
                        vec![c]
                    } else {
                        c.to_string().nfkc().collect()
                    }
                })
                .collect();
            assert_eq!(as_kitty_shows(&kitty.text), unshaped, "{text}");
        }
    }

    /// Every cell of a word kitty lays right to left holds one character:
    /// the harakat go (kitty misplaces the glyphs of cells of several).
    #[test]
    fn right_to_left_words_go_to_kitty_without_their_marks() {
        let (line, _) = single_line("خروج (و Ctrl-C دائماً) تعدّل", 80, BidiMode::Kitty, None);
        assert_eq!(line.text, "تعدل دائما) Ctrl-C (و خروج");
        assert!(
            line.glyphs
                .iter()
                .all(|g| line.glyph_text(g).chars().count() == 1)
        );
        // A mark after a blank is no letter's: it stays, or it would be a blank.
        let (line, _) = single_line("ءءء \u{64e}", 80, BidiMode::Kitty, None);
        assert!(
            line.glyphs.iter().all(|g| line.glyph_text(g) != " "),
            "{:?}",
            line.text
        );
        let (latin, _) = single_line("cafe\u{301}", 80, BidiMode::Kitty, None);
        assert_eq!(latin.text, "cafe\u{301}", "left-to-right words keep theirs");
    }

    /// Widths as kitty lays cells: App mode's (a lam-alef is one cell).
    #[test]
    fn kitty_lines_are_as_wide_as_app_mode_lines() {
        let text = "لا إله إلا الله، العلاقات بين كوريا الشمالية وروسيا";
        let widths = |mode| -> Vec<usize> {
            layout(text, &LayoutOptions::new(12, mode))
                .lines
                .iter()
                .map(|l| l.width)
                .collect()
        };
        assert_eq!(widths(BidiMode::Kitty), widths(BidiMode::App));
        assert_ne!(widths(BidiMode::Kitty), widths(BidiMode::Terminal));
    }
}
