//! Justification of laid-out lines: a line is filled to the width by adding
//! fill glyphs between the glyphs it has, never by changing them. A fill glyph
//! has an empty source range (at the place in the paragraph it stands for),
//! so copying, search and highlights, which read the source, never see it;
//! removing the glyphs with an empty source gives back the line as it was
//! ([`unjustified`]).
//!
//! - [`Justify::Spaces`]: each gap between words widened evenly; the cells
//!   left over go to the gaps nearest the line's start in reading order.
//! - [`Justify::Kashida`]: tatweels (U+0640) lengthen joins between Arabic
//!   letters, one place per word, chosen by the order of preference of the
//!   W3C's Arabic Layout Requirements (alreq, after Microsoft's rules):
//!   after a letter already followed by a tatweel; after an initial or medial
//!   seen or sad; before a final heh, teh marbuta or dal; before a final alef,
//!   tah, lam, kaf or gaf; before a medial beh-like letter followed by a final
//!   reh or yeh; before a final waw, ain, qaf or feh; before any other final
//!   letter. Only between two letters the shaper joins: never after a letter
//!   that does not join forward, never between lam and alef, never in a Latin
//!   word. The cells are shared among the line's words that have a place,
//!   the most preferred places first, at most [`MAX_TATWEELS`] at one join
//!   (alreq: avoid excessive and very long kashidas); what no place can take
//!   goes to spaces. A line with no space between words takes all its fill
//!   in tatweels, past that number, so that it still fills the width.
//!
//! Lines come in visual order (App, Kitty) or logical order (Terminal modes);
//! two neighbouring glyphs are letters of one word next to each other when
//! their sources touch, in either order, so the same code serves every mode.

use super::{BidiMode, DisplayLine, Glyph, shape};

/// How the lines of a paragraph but its last are filled to the width.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Justify {
    /// Ragged: lines as the wrap made them.
    #[default]
    None,
    /// Spaces between words widened.
    Spaces,
    /// Arabic joins lengthened with tatweel, spaces for the rest.
    Kashida,
}

impl Justify {
    pub const ALL: [Justify; 3] = [Justify::None, Justify::Spaces, Justify::Kashida];

    /// The name in config.toml and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Justify::None => "none",
            Justify::Spaces => "spaces",
            Justify::Kashida => "kashida",
        }
    }

    pub fn from_name(name: &str) -> Option<Justify> {
        Justify::ALL.into_iter().find(|j| j.name() == name)
    }

    /// The next mode of the cycle none → spaces → kashida → none.
    pub fn next(self) -> Justify {
        match self {
            Justify::None => Justify::Spaces,
            Justify::Spaces => Justify::Kashida,
            Justify::Kashida => Justify::None,
        }
    }
}

pub const TATWEEL: char = '\u{640}';
/// The most tatweels one join takes on a line that has spaces between words
/// to take the rest of its fill.
pub const MAX_TATWEELS: usize = 3;
const LAM: char = '\u{644}';

/// `line` (of paragraph `paragraph`, not its last line) filled to `width`
/// cells; the line itself when `justify` is `None`, when it is already full,
/// or when it has neither a gap between words nor a join to lengthen.
pub fn justify(line: &DisplayLine, paragraph: &str, width: usize, justify: Justify) -> DisplayLine {
    let extra = width.saturating_sub(line.width);
    if justify == Justify::None || extra == 0 || line.glyphs.is_empty() {
        return line.clone();
    }
    // fill[i]: (tatweels, spaces) added after glyph i (in line order).
    let mut fill = vec![(0usize, 0usize); line.glyphs.len()];
    let mut left = extra;
    if justify == Justify::Kashida {
        let cap = if gaps(line).is_empty() {
            usize::MAX
        } else {
            MAX_TATWEELS
        };
        left -= kashidas(line, paragraph, left, cap, &mut fill);
    }
    spaces(line, left, &mut fill);
    rebuild(line, &fill)
}

/// The line without its fill glyphs (those with an empty source).
pub fn unjustified(line: &DisplayLine) -> DisplayLine {
    let keep: Vec<&Glyph> = line
        .glyphs
        .iter()
        .filter(|g| g.source.start != g.source.end)
        .collect();
    let mut out = DisplayLine {
        mode: line.mode,
        rtl: line.rtl,
        ..DisplayLine::default()
    };
    for g in keep {
        push(&mut out, line.glyph_text(g), g.width, g.source.clone());
    }
    out
}

/// True for a fill glyph added by [`justify`].
pub fn is_fill(glyph: &Glyph) -> bool {
    glyph.source.start == glyph.source.end
}

fn push(out: &mut DisplayLine, text: &str, width: usize, source: std::ops::Range<usize>) {
    let start = out.text.len();
    out.text.push_str(text);
    out.glyphs.push(Glyph {
        text: start..out.text.len(),
        width,
        source,
    });
    out.width += width;
}

fn rebuild(line: &DisplayLine, fill: &[(usize, usize)]) -> DisplayLine {
    let mut out = DisplayLine {
        mode: line.mode,
        rtl: line.rtl,
        ..DisplayLine::default()
    };
    let mut tatweel = [0u8; 4];
    let tatweel: &str = TATWEEL.encode_utf8(&mut tatweel);
    for (i, g) in line.glyphs.iter().enumerate() {
        push(&mut out, line.glyph_text(g), g.width, g.source.clone());
        let (kashidas, spaces) = fill[i];
        if kashidas > 0 {
            // Between glyph i and i + 1: at the join in the source.
            let at = join_offset(g, &line.glyphs[i + 1]);
            for _ in 0..kashidas {
                push(&mut out, tatweel, 1, at..at);
            }
        }
        for _ in 0..spaces {
            let at = g.source.end;
            push(&mut out, " ", 1, at..at);
        }
    }
    out
}

/// Where two neighbouring glyphs meet in the source.
fn join_offset(a: &Glyph, b: &Glyph) -> usize {
    if a.source.end == b.source.start {
        a.source.end
    } else {
        b.source.end
    }
}

fn is_space(line: &DisplayLine, g: &Glyph) -> bool {
    line.glyph_text(g) == " "
}

/// Lines in visual order (right-to-left text reads from the right end).
fn visual(mode: BidiMode) -> bool {
    matches!(mode, BidiMode::App | BidiMode::Kitty)
}

/// Widens the gaps between words by `cells` in all, evenly; the cells left
/// over go to the gaps nearest the start in reading order.
fn spaces(line: &DisplayLine, cells: usize, fill: &mut [(usize, usize)]) {
    let gaps = gaps(line);
    if gaps.is_empty() || cells == 0 {
        return;
    }
    let each = cells / gaps.len();
    let rest = cells % gaps.len();
    let from_right = line.rtl && visual(line.mode);
    for (n, &i) in gaps.iter().enumerate() {
        let rank = if from_right { gaps.len() - 1 - n } else { n };
        fill[i].1 += each + usize::from(rank < rest);
    }
}

/// The gaps between words: the last space of each run of spaces between two
/// words.
fn gaps(line: &DisplayLine) -> Vec<usize> {
    let glyphs = &line.glyphs;
    (0..glyphs.len().saturating_sub(1))
        .filter(|&i| i > 0 && is_space(line, &glyphs[i]) && !is_space(line, &glyphs[i + 1]))
        .collect()
}

/// A join between glyph `at` and `at + 1` that can take tatweels, with its
/// preference (higher first), the word it is in and where it is in the
/// paragraph (the order of reading, whatever the order of the line).
struct Place {
    at: usize,
    rank: u8,
    word: usize,
    join: usize,
}

/// Adds up to `cells` tatweels at the line's best places, one place per
/// word and at most `cap` at one place; returns how many it added.
fn kashidas(
    line: &DisplayLine,
    paragraph: &str,
    cells: usize,
    cap: usize,
    fill: &mut [(usize, usize)],
) -> usize {
    if line.text.is_ascii() {
        return 0; // no Arabic letter
    }
    let joins = Joins::new(line, paragraph);
    let mut best: Vec<Place> = Vec::new();
    let mut word = 0;
    for i in 0..line.glyphs.len().saturating_sub(1) {
        if is_space(line, &line.glyphs[i]) {
            word += 1;
            continue;
        }
        let Some(rank) = joins.rank(i) else {
            continue;
        };
        let join = join_offset(&line.glyphs[i], &line.glyphs[i + 1]);
        let place = Place {
            at: i,
            rank,
            word,
            join,
        };
        match best.last_mut() {
            // The word's best place; of equals, the one nearer the word's end.
            Some(p) if p.word == word => {
                if (rank, join) > (p.rank, p.join) {
                    *p = place;
                }
            }
            _ => best.push(place),
        }
    }
    if best.is_empty() {
        return 0;
    }
    // Most preferred first; among equals, in reading order.
    best.sort_by_key(|p| (std::cmp::Reverse(p.rank), p.join));
    let cells = cells.min(best.len().saturating_mul(cap));
    let each = cells / best.len();
    let rest = cells % best.len();
    for (n, p) in best.iter().enumerate() {
        fill[p.at].0 += each + usize::from(n < rest);
    }
    cells
}

/// The first letter (not a mark) of a glyph's source, and its last.
fn letters(paragraph: &str, g: &Glyph) -> Option<(char, char)> {
    let text = paragraph.get(g.source.clone())?;
    let mut base = text.chars().filter(|&c| !shape::is_transparent(c));
    let first = base.next()?;
    Some((first, base.next_back().unwrap_or(first)))
}

/// The glyph logically after glyph `i` in the same word: its neighbour in
/// the line whose source starts where glyph `i`'s ends.
fn logical_next(line: &DisplayLine, i: usize) -> Option<usize> {
    let end = line.glyphs.get(i)?.source.end;
    [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .find(|&j| line.glyphs.get(j).is_some_and(|g| g.source.start == end))
}

/// Each glyph's letters and the glyph it joins to, worked out once a line.
struct Joins {
    /// First and last letter of each glyph.
    letters: Vec<Option<(char, char)>>,
    /// The glyph logically after each one, when the shaper joins them (never
    /// a lam to its alef).
    joined: Vec<Option<usize>>,
}

impl Joins {
    fn new(line: &DisplayLine, paragraph: &str) -> Joins {
        let letters: Vec<Option<(char, char)>> =
            line.glyphs.iter().map(|g| letters(paragraph, g)).collect();
        let joined = (0..line.glyphs.len())
            .map(|i| {
                let j = logical_next(line, i)?;
                let ((_, a), (b, _)) = (letters[i]?, letters[j]?);
                (shape::joins(a, b) && !(a == LAM && is_alef(b))).then_some(j)
            })
            .collect();
        Joins { letters, joined }
    }

    fn joined(&self, i: usize) -> Option<usize> {
        self.joined.get(i).copied().flatten()
    }

    /// The preference of the join between glyph `i` and `i + 1` (in line
    /// order), if it may take a tatweel.
    fn rank(&self, i: usize) -> Option<u8> {
        // The logically first of the two, and the second.
        let (a, b) = if self.joined(i) == Some(i + 1) {
            (i, i + 1)
        } else if self.joined(i + 1) == Some(i) {
            (i + 1, i)
        } else {
            return None;
        };
        let (_, last_a) = self.letters[a]?;
        let (first_b, _) = self.letters[b]?;
        let after_b = self.joined(b);
        let b_final = after_b.is_none();
        let c_final_reh_yeh = after_b.is_some_and(|c| {
            self.joined(c).is_none() && self.letters[c].is_some_and(|(f, _)| is_reh_or_yeh(f))
        });
        let rank = if last_a == TATWEEL || first_b == TATWEEL {
            7
        } else if matches!(last_a, '\u{633}'..='\u{636}') {
            6 // seen, sheen, sad, dad
        } else if b_final
            && matches!(
                first_b,
                '\u{647}' | '\u{629}' | '\u{62F}' | '\u{630}' | '\u{6C1}'
            )
        {
            5 // heh, teh marbuta, dal, thal
        } else if b_final
            && (is_alef(first_b)
                || matches!(
                    first_b,
                    '\u{637}' | '\u{638}' | '\u{644}' | '\u{643}' | '\u{6A9}' | '\u{6AF}'
                ))
        {
            4 // alef, tah, zah, lam, kaf, keheh, gaf
        } else if !b_final && is_beh_like(first_b) && c_final_reh_yeh {
            3
        } else if b_final
            && matches!(
                first_b,
                '\u{648}' | '\u{624}' | '\u{639}' | '\u{63A}' | '\u{642}' | '\u{641}'
            )
        {
            2 // waw, ain, ghain, qaf, feh
        } else if b_final {
            1
        } else {
            return None;
        };
        Some(rank)
    }
}

fn is_alef(c: char) -> bool {
    matches!(c, '\u{622}' | '\u{623}' | '\u{625}' | '\u{627}' | '\u{671}')
}

fn is_beh_like(c: char) -> bool {
    matches!(
        c,
        '\u{628}' | '\u{62A}' | '\u{62B}' | '\u{646}' | '\u{64A}' | '\u{6CC}' | '\u{67E}'
    )
}

fn is_reh_or_yeh(c: char) -> bool {
    matches!(
        c,
        '\u{631}' | '\u{632}' | '\u{698}' | '\u{64A}' | '\u{649}' | '\u{6CC}' | '\u{6D2}'
    )
}

#[cfg(test)]
mod tests;
