//! The finder popup: a query line, ranked results, and a preview.
//!
//! Self-contained: it owns the query, the mode (names or full text), the
//! results and the selection; the application opens it, sends it keys while
//! it is open ([`Finder::handle_key`]), draws it over everything
//! ([`Finder::render`], given the whole frame area: the popup centres itself)
//! and performs what [`FinderOutcome::Jump`] asks for.
//!
//! All text goes through the layout engine (`crate::text`) and is drawn glyph
//! by glyph ([`crate::ui::laid_text`]), so Arabic typed into the query line reads
//! right to left, and highlights reach the right cells through the offset map.
//!
//! Files: this one holds the types; `state` the results and the jump,
//! `keys` the keymap's finder actions and typing, `layout` where each part goes,
//! `draw` the painting, `preview` the lines under the results, `route` what
//! the app gives it to draw and copy.

mod draw;
mod keys;
mod layout;
mod preview;
pub mod route;
mod state;
#[cfg(test)]
mod tests;

use std::ops::Range;

use super::digits::Digits;
use super::strings::{Lang, Strings};
use super::theme::Theme;
use crate::data::{Direction, SectionRef};
use crate::search::{Hit, Index, Narrowing, TextHit, Understood};
use crate::text::BidiMode;

pub use preview::sparkline;

/// Most name results kept per keystroke (the list scrolls within them).
pub const NAME_LIMIT: usize = 200;
/// Most full-text results kept.
pub const TEXT_LIMIT: usize = 500;
/// The longest query the finder holds, in characters: typing and pasting
/// stop there. Search reads the first [`crate::search::QUERY_LIMIT`] of it;
/// the rest is drawn struck through, so the reader sees what is ignored.
pub const QUERY_CAP: usize = 4 * crate::search::QUERY_LIMIT;

/// What the popup searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FinderMode {
    /// Names, aliases, Latin spellings and eras (fuzzy).
    #[default]
    Names,
    /// Every paragraph (folded substring).
    FullText,
}

/// A place in the text: a paragraph of a section and bytes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub section: SectionRef,
    /// Paragraph index within its era or related item.
    pub paragraph: usize,
    /// Bytes of the original paragraph.
    pub range: Range<usize>,
}

/// Where Enter takes the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JumpTarget {
    /// An entity: go to `spots[0]` (its first mention, in reading order),
    /// highlight every spot, and let `n`/`N` cycle through them. `spots` is
    /// empty when the text never mentions it.
    Entity { entity: usize, spots: Vec<Spot> },
    /// An era (index into `Dataset::eras`): select it, nothing to highlight.
    Era(usize),
    /// A full-text result: go to `spots[current]`, highlight every spot,
    /// `n`/`N` cycle from there.
    Text {
        query: String,
        spots: Vec<Spot>,
        current: usize,
    },
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderOutcome {
    /// Still open (redraw).
    Continue,
    /// Esc: close, nothing else.
    Close,
    /// Enter on a result: close and jump.
    Jump(JumpTarget),
    /// Copy the selected result (the application reaches the clipboard).
    Copy,
}

/// What drawing needs from the application: the index to draw the results
/// from and the [`Look`] (its fields read through the context:
/// `ctx.mode`, `ctx.theme`).
#[derive(Debug, Clone, Copy)]
pub struct FinderContext<'a> {
    pub index: &'a Index,
    look: Look<'a>,
}

impl<'a> FinderContext<'a> {
    /// `look` with the index to draw the results from.
    pub fn new(index: &'a Index, look: Look<'a>) -> FinderContext<'a> {
        FinderContext { index, look }
    }

    /// What drawing takes besides the index.
    pub fn look(&self) -> Look<'a> {
        self.look
    }
}

impl<'a> std::ops::Deref for FinderContext<'a> {
    type Target = Look<'a>;

    fn deref(&self) -> &Look<'a> {
        &self.look
    }
}

/// What drawing the finder takes from the application besides the index:
/// all the frame and the query line need, and all there is to draw while
/// the index is being built ([`Finder::render_indexing`]).
#[derive(Debug, Clone, Copy)]
pub struct Look<'a> {
    /// Language of the interface strings (kind tags, titles).
    pub lang: Lang,
    /// Direction of the interface: columns are mirrored in RTL.
    pub layout_direction: Direction,
    /// The dataset's direction for its text without letters (an era label
    /// such as `1945- 1948`), so that it reads as in the sidebar.
    pub letterless: Direction,
    pub mode: BidiMode,
    pub theme: &'a Theme,
    /// The digits of the interface's numbers (counts, years).
    pub digits: Digits,
}

impl Look<'_> {
    /// The interface strings, numbers in the interface's digits.
    pub fn strings(&self) -> &'static Strings {
        Strings::with_digits(self.lang, self.digits)
    }
}

/// The popup's state.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    query: String,
    /// Byte offset of the cursor in `query` (always a char boundary).
    cursor: usize,
    mode: FinderMode,
    selected: usize,
    hits: Vec<Hit>,
    text_hits: Vec<TextHit>,
    narrowing: Narrowing,
    /// The query as search understood it (names mode).
    understood: Understood,
}
