//! The finder's keys, bound in the keymap like the browser's (the `finder_*`
//! actions): the query line's editing and cursor, the selection, the mode
//! switch, close, jump and copy; other characters type into the query.

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::search::Index;
use crate::ui::action::Action;
use crate::ui::keymap::{Key, Keymap};

impl Finder {
    /// One key press (normalized: [`Key::from_event`]): a finder action
    /// when the keymap binds the key to one (see [`Finder::apply`]), else a
    /// character without Ctrl or Alt typed into the query.
    /// Without an index (still being built) the query is edited as ever and
    /// nothing is found until [`Finder::refresh`].
    pub fn handle_key<'a>(
        &mut self,
        key: Key,
        index: impl Into<Option<&'a Index>>,
        keymap: &Keymap,
    ) -> FinderOutcome {
        let index = index.into();
        if let Some(action) = keymap.finder_action(key) {
            return self.apply(action, index);
        }
        if let KeyCode::Char(ch) = key.code
            && !key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.type_char(ch, index);
        }
        FinderOutcome::Continue
    }

    /// One of the finder's actions ([`Action::is_finder`]); others do nothing.
    pub fn apply<'a>(
        &mut self,
        action: Action,
        index: impl Into<Option<&'a Index>>,
    ) -> FinderOutcome {
        let index = index.into();
        match action {
            Action::FinderClose => return FinderOutcome::Close,
            Action::FinderJump => return self.jump(index),
            Action::FinderCopy => return FinderOutcome::Copy,
            Action::FinderSwitch => {
                self.mode = match self.mode {
                    FinderMode::Names => FinderMode::FullText,
                    FinderMode::FullText => FinderMode::Names,
                };
                self.refresh(index);
            }
            Action::FinderUp => self.move_selection(-1),
            Action::FinderDown => self.move_selection(1),
            Action::FinderPageUp => self.move_selection(-10),
            Action::FinderPageDown => self.move_selection(10),
            Action::FinderLeft => self.move_visually(true),
            Action::FinderRight => self.move_visually(false),
            Action::FinderStart => self.cursor = 0,
            Action::FinderEnd => self.cursor = self.query.len(),
            Action::FinderDeleteWord => self.edit(index, delete_word),
            Action::FinderDeleteToStart => self.edit(index, |q, c| {
                q.replace_range(..*c, "");
                *c = 0;
            }),
            Action::FinderDeleteBack => self.edit(index, |q, c| {
                if let Some(prev) = prev_boundary(q, *c) {
                    q.replace_range(prev..*c, "");
                    *c = prev;
                }
            }),
            Action::FinderDelete => self.edit(index, |q, c| {
                if let Some(next) = next_boundary(q, *c) {
                    q.replace_range(*c..next, "");
                }
            }),
            _ => {}
        }
        FinderOutcome::Continue
    }

    /// A typed character, inserted at the cursor while the query has room.
    pub fn type_char<'a>(&mut self, ch: char, index: impl Into<Option<&'a Index>>) {
        let index = index.into();
        if ch.is_control() || self.query.chars().count() >= QUERY_CAP {
            return;
        }
        self.edit(index, |q, c| {
            q.insert(*c, ch);
            *c += ch.len_utf8();
        });
    }

    /// A paste, inserted at the cursor as one line (line breaks and tabs
    /// become spaces, other controls are dropped), as much as fits in
    /// [`QUERY_CAP`].
    pub fn paste<'a>(&mut self, text: &str, index: impl Into<Option<&'a Index>>) {
        let index = index.into();
        let room = QUERY_CAP.saturating_sub(self.query.chars().count());
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .take(room)
            .collect();
        self.edit(index, |q, c| {
            q.insert_str(*c, &clean);
            *c += clean.len();
        });
    }

    /// Change the query (and cursor), then re-rank.
    fn edit(&mut self, index: Option<&Index>, f: impl FnOnce(&mut String, &mut usize)) {
        let before = self.query.clone();
        f(&mut self.query, &mut self.cursor);
        if self.query != before {
            self.refresh(index);
        }
    }

    /// ←/→ move the cursor the way the arrow points: in a right-to-left query
    /// ← goes forward in the text. The query's direction is the one its
    /// line is drawn in ([`crate::text::first_strong`]).
    fn move_visually(&mut self, left: bool) {
        let rtl = crate::text::first_strong(&self.query) == Some(crate::data::Direction::Rtl);
        let forward = left == rtl;
        let to = if forward {
            next_boundary(&self.query, self.cursor)
        } else {
            prev_boundary(&self.query, self.cursor)
        };
        if let Some(to) = to {
            self.cursor = to;
        }
    }
}

fn prev_boundary(s: &str, at: usize) -> Option<usize> {
    s.get(..at)?.char_indices().next_back().map(|(i, _)| i)
}

fn next_boundary(s: &str, at: usize) -> Option<usize> {
    s.get(at..)?.chars().next().map(|c| at + c.len_utf8())
}

/// Ctrl-W: delete the spaces before the cursor, then the word before them.
fn delete_word(q: &mut String, cursor: &mut usize) {
    let before = q.get(..*cursor).unwrap_or("");
    let trimmed = before.trim_end();
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    q.replace_range(start..*cursor, "");
    *cursor = start;
}
