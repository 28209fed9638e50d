//! A line partly covered (by a popup drawn over it), sent as the parts that
//! stay visible.
//!
//! In App mode the cells of a line are its visual order, so covering some
//! of them leaves the rest right. A terminal that reorders (or reverses
//! words) itself works on what it is sent: the cells left uncovered of a
//! line formed for it no longer hold the visible part of the visual line,
//! and it shows the other end of the line, or letters from the hidden part
//! of a word. So a covered line is taken as the terminal shows it whole,
//! the glyphs that stay visible there are grouped into runs of adjacent
//! cells, and each run is formed for the terminal on its own, as a line of
//! its own: the terminal's processing of that run gives back exactly the
//! cells it had in the whole line.

use std::ops::Range;

use unicode_bidi::{Level, ParagraphBidiInfo};

use super::bidi::{for_kitty, for_reordering_terminal, reorder_as_terminal, visual_order};
use super::{BidiMode, DisplayLine, Glyph};

/// The parts of `line` to send when the cells for which `hidden` is true
/// (columns from the line's first cell, as the terminal shows the line) are
/// covered: each with the column it starts at. A line with nothing hidden
/// is one part at column 0, unchanged.
pub fn visible_parts(
    line: &DisplayLine,
    hidden: impl Fn(Range<usize>) -> bool,
) -> Vec<(usize, DisplayLine)> {
    let shown = shown(line);
    let mut parts = Vec::new();
    let mut run: Option<(usize, Vec<&Glyph>)> = None;
    let mut x = 0;
    let mut covered = false;
    for glyph in &shown.glyphs {
        let w = glyph.width.max(1);
        if hidden(x..x + w) {
            covered = true;
            if let Some((at, glyphs)) = run.take() {
                push_run(&mut parts, &shown, at, &glyphs);
            }
        } else {
            run.get_or_insert_with(|| (x, Vec::new())).1.push(glyph);
        }
        x += w;
    }
    if !covered {
        return vec![(0, line.clone())];
    }
    if let Some((at, glyphs)) = run {
        push_run(&mut parts, &shown, at, &glyphs);
    }
    parts
}

/// Adds the parts for the adjacent `glyphs` of `shown` from column `at`:
/// the blanks at either end go as parts of their own, since a bidi
/// terminal moves a blank at the end of a run to the other end of it (a
/// whole line never ends with one: the wrapper leaves none there).
fn push_run(
    parts: &mut Vec<(usize, DisplayLine)>,
    shown: &DisplayLine,
    at: usize,
    glyphs: &[&Glyph],
) {
    let blank = |g: &&&Glyph| matches!(shown.glyph_text(g), " " | "\u{2002}");
    let lead = glyphs.iter().take_while(blank).count();
    let trail = glyphs[lead..].iter().rev().take_while(blank).count();
    let (head, rest) = glyphs.split_at(lead);
    let (body, tail) = rest.split_at(rest.len() - trail);
    let mut x = at;
    for (piece, blanks) in [(head, true), (body, false), (tail, true)] {
        if !piece.is_empty() {
            let mut part = form(shown, piece, shown.mode);
            // Not fenced: a fenced blank would be right to left, and a
            // bidi terminal reverses adjacent right-to-left cells as one
            // run, whatever marks they hold.
            part.rtl &= !blanks;
            parts.push((x, part));
            x += piece.iter().map(|g| g.width).sum::<usize>();
        }
    }
}

/// `line`'s glyphs in the order its terminal shows them, left to right,
/// each with the text it is sent as.
fn shown(line: &DisplayLine) -> DisplayLine {
    match line.mode {
        // QTerminal's lines are laid out as App mode's (arranged for the
        // terminal once the screen is drawn).
        BidiMode::App | BidiMode::Qterminal | BidiMode::Mlterm => line.clone(),
        BidiMode::Terminal => isolated(line),
        // Konsole reorders the fenced row with a left-to-right base.
        BidiMode::TerminalShaped => reorder_as_terminal(line),
        // kitty reverses each word whose first strong letter is right to
        // left: the kitty form applied again.
        BidiMode::Kitty => for_kitty(line.clone()),
    }
}

/// What to send for the adjacent `glyphs` of `shown` in `mode`: a line that
/// terminal shows as those glyphs in that order.
fn form(shown: &DisplayLine, glyphs: &[&Glyph], mode: BidiMode) -> DisplayLine {
    let visual = subline(shown, glyphs.iter().copied());
    match mode {
        BidiMode::App | BidiMode::Qterminal | BidiMode::Mlterm => visual,
        BidiMode::Terminal => {
            // In logical order, as a whole line goes: the terminal
            // reorders the part as a paragraph of its own (see `isolated`).
            let mut logical: Vec<&Glyph> = glyphs.to_vec();
            logical.sort_by_key(|g| (g.source.start, g.source.end));
            subline(shown, logical.into_iter())
        }
        BidiMode::TerminalShaped => {
            // Should the terminal's reordering of the part not give the
            // part back, the part goes in logical order (as the engine
            // sends a whole line then).
            let mut logical: Vec<&Glyph> = glyphs.to_vec();
            logical.sort_by_key(|g| (g.source.start, g.source.end));
            let logical = subline(shown, logical.into_iter());
            let mut out = for_reordering_terminal(visual, logical);
            out.mode = mode;
            out
        }
        BidiMode::Kitty => for_kitty(visual),
    }
}

/// `line` (a Terminal-mode line: logical order) in the order a bidi
/// terminal shows it. A right-to-left line goes as an isolate (VTE's form
/// of the fence), which the terminal reorders as a paragraph of its own,
/// right to left: App mode's order, whatever Latin the line holds. A
/// left-to-right line goes unfenced, in the row's left-to-right paragraph.
fn isolated(line: &DisplayLine) -> DisplayLine {
    if !line.rtl {
        return reorder_as_terminal(line);
    }
    let info = ParagraphBidiInfo::new(&line.text, Some(Level::rtl()));
    let levels: Vec<u8> = line
        .glyphs
        .iter()
        .map(|g| info.levels.get(g.text.start).map_or(1, |l| l.number()))
        .collect();
    let order = visual_order(&levels);
    subline(line, order.into_iter().filter_map(|i| line.glyphs.get(i)))
}

/// A line of `glyphs` of `line`, in the order given.
fn subline<'a>(line: &DisplayLine, glyphs: impl Iterator<Item = &'a Glyph>) -> DisplayLine {
    let mut out = DisplayLine {
        text: String::new(),
        glyphs: Vec::new(),
        width: 0,
        mode: line.mode,
        rtl: line.rtl,
    };
    for g in glyphs {
        let at = out.text.len();
        out.text.push_str(line.glyph_text(g));
        out.width += g.width;
        out.glyphs.push(Glyph {
            text: at..out.text.len(),
            ..g.clone()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LayoutOptions, layout};

    /// The text a terminal shows for `parts`, each at its column, blanks
    /// where nothing is drawn.
    fn shown_parts(parts: &[(usize, DisplayLine)], width: usize) -> String {
        let mut cells = vec![" ".to_owned(); width];
        for (at, part) in parts {
            let shown = shown(part);
            let mut x = *at;
            for g in &shown.glyphs {
                cells[x] = shown.glyph_text(g).to_owned();
                x += g.width;
            }
        }
        cells.concat()
    }

    #[test]
    fn each_mode_shows_the_visible_cells_of_the_visual_line() {
        let text = "في منتصف الستينيات (the sixties) زار كيم 1965 موسكو.";
        for mode in [
            BidiMode::App,
            BidiMode::Terminal,
            BidiMode::TerminalShaped,
            BidiMode::Kitty,
        ] {
            let line = &layout(text, &LayoutOptions::new(80, mode)).lines[0];
            let whole = shown_parts(&[(0, line.clone())], line.width);
            for cover in [0..5, 3..9, 10..20, 20..30, 40..line.width] {
                let parts = visible_parts(line, |cells| {
                    cells.start < cover.end && cover.start < cells.end
                });
                let seen = shown_parts(&parts, line.width);
                let expected: String = whole
                    .chars()
                    .enumerate()
                    .map(|(x, c)| if cover.contains(&x) { ' ' } else { c })
                    .collect();
                assert_eq!(seen, expected, "{mode:?} covered {cover:?}");
            }
        }
    }

    /// The source of the glyph in each cell a terminal shows for `parts`,
    /// `None` where nothing is drawn.
    fn shown_sources(parts: &[(usize, DisplayLine)], width: usize) -> Vec<Option<Range<usize>>> {
        let mut cells = vec![None; width];
        for (at, part) in parts {
            let mut x = *at;
            for g in &shown(part).glyphs {
                cells[x] = Some(g.source.clone());
                x += g.width;
            }
        }
        cells
    }

    /// In Terminal mode a bidi terminal shows a right-to-left line (an
    /// isolate) in App mode's order, and the visible cells of a covered
    /// line are App mode's cells at those columns: for a sidebar label
    /// covered from its left end (the finder beside the sidebar) the
    /// Arabic that ends it stays, not the Latin at its other end.
    #[test]
    fn terminal_mode_shows_app_mode_s_visible_cells() {
        for text in [
            "التسعينيات (The 1990s)",
            "في منتصف الستينيات (the sixties) زار كيم 1965 موسكو.",
        ] {
            let app = &layout(text, &LayoutOptions::new(80, BidiMode::App)).lines[0];
            let line = &layout(text, &LayoutOptions::new(80, BidiMode::Terminal)).lines[0];
            let whole = shown_sources(&[(0, app.clone())], app.width);
            assert_eq!(shown_sources(&[(0, line.clone())], line.width), whole);
            for cover in [0..5, 0..12, 3..9, 10..20, 15..line.width] {
                let parts = visible_parts(line, |cells| {
                    cells.start < cover.end && cover.start < cells.end
                });
                let expected: Vec<_> = whole
                    .iter()
                    .enumerate()
                    .map(|(x, s)| s.clone().filter(|_| !cover.contains(&x)))
                    .collect();
                let seen = shown_sources(&parts, line.width);
                assert_eq!(seen, expected, "{text} covered {cover:?}");
            }
        }
    }

    /// Each part is as wide as its cells, and right to left only where the
    /// line is and the part holds more than blanks.
    #[test]
    fn parts_keep_their_width_and_direction() {
        for (text, rtl) in [
            ("زار كيم موسكو ثم عاد", true),
            ("Kim went to Moscow then back", false),
        ] {
            let line = &layout(text, &LayoutOptions::new(80, BidiMode::Terminal)).lines[0];
            assert_eq!(line.rtl, rtl);
            let parts = visible_parts(line, |cells| cells.start < 8 && 5 < cells.end);
            assert!(parts.len() >= 2, "{text}: {parts:?}");
            for (_, part) in &parts {
                let cells: usize = part.glyphs.iter().map(|g| g.width).sum();
                assert!(part.width > 0 && part.width == cells, "{part:?}");
                let blank = part.text.trim().is_empty();
                assert_eq!(part.rtl, rtl && !blank, "{text}: {:?}", part.text);
            }
        }
    }
}
