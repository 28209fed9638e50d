//! The finder's results: ranking on every change of the query or mode, the
//! selection, and where Enter goes.

use std::ops::Range;

use super::*;
use crate::data::SectionRef;
use crate::search::{Hit, Index, Target, TextHit, Understood};

impl Finder {
    /// An empty finder listing every entity; without an index (it is
    /// still being built) an empty one, until [`Finder::refresh`] gives it one.
    pub fn new<'a>(index: impl Into<Option<&'a Index>>) -> Finder {
        let mut f = Finder::default();
        f.refresh(index.into());
        f
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Byte offset of the cursor in [`Finder::query`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn mode(&self) -> FinderMode {
        self.mode
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Current name results (names mode).
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The query as search understood it: its words without punctuation,
    /// or read on the other keyboard layout (names mode).
    pub fn understood(&self) -> &Understood {
        &self.understood
    }

    /// Current full-text results (full-text mode).
    pub fn text_hits(&self) -> &[TextHit] {
        &self.text_hits
    }

    pub(super) fn result_count(&self) -> usize {
        match self.mode {
            FinderMode::Names => self.hits.len(),
            FinderMode::FullText => self.text_hits.len(),
        }
    }

    pub(super) fn move_selection(&mut self, by: isize) {
        let n = self.result_count();
        if n == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(by).min(n - 1);
    }

    /// Recompute the results for the current query and mode; none without
    /// an index.
    pub fn refresh(&mut self, index: Option<&Index>) {
        self.selected = 0;
        let Some(index) = index else {
            self.hits.clear();
            self.text_hits.clear();
            return;
        };
        match self.mode {
            FinderMode::Names => {
                (self.hits, self.understood) =
                    index.find_understood(&self.query, NAME_LIMIT, &mut self.narrowing);
            }
            FinderMode::FullText => {
                self.text_hits = index.full_text_limit(&self.query, TEXT_LIMIT);
            }
        }
    }

    pub(super) fn jump(&self, index: Option<&Index>) -> FinderOutcome {
        let Some(index) = index else {
            return FinderOutcome::Continue;
        };
        let target = match self.mode {
            FinderMode::Names => match self.hits.get(self.selected).map(|h| h.target) {
                Some(Target::Entity(entity)) => {
                    let spots = index
                        .mentions_of(entity)
                        .map(|m| spot(m.section, m.paragraph, &m.range))
                        .collect();
                    JumpTarget::Entity { entity, spots }
                }
                Some(Target::Era(era)) => JumpTarget::Era(era),
                None => return FinderOutcome::Continue,
            },
            FinderMode::FullText => {
                if self.text_hits.is_empty() {
                    return FinderOutcome::Continue;
                }
                let spots = self
                    .text_hits
                    .iter()
                    .map(|h| spot(h.section, h.paragraph, &h.range))
                    .collect();
                JumpTarget::Text {
                    query: self.query.clone(),
                    spots,
                    current: self.selected,
                }
            }
        };
        FinderOutcome::Jump(target)
    }
}

fn spot(section: SectionRef, paragraph: usize, range: &Range<usize>) -> Spot {
    Spot {
        section,
        paragraph,
        range: range.clone(),
    }
}
