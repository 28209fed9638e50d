//! The finder's keys: the query line's editing and cursor, the selection,
//! the mode switch.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;
use crate::search::Index;

impl Finder {
    /// One key press. Release events are ignored.
    pub fn handle_key(&mut self, key: KeyEvent, index: &Index) -> FinderOutcome {
        if key.kind == KeyEventKind::Release {
            return FinderOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FinderOutcome::Close,
            KeyCode::Enter => return self.jump(index),
            KeyCode::Tab | KeyCode::BackTab => {
                self.mode = match self.mode {
                    FinderMode::Names => FinderMode::FullText,
                    FinderMode::FullText => FinderMode::Names,
                };
                self.refresh(index);
            }
            KeyCode::Up => self.move_selection(-1),
            KeyCode::Down => self.move_selection(1),
            KeyCode::PageUp => self.move_selection(-10),
            KeyCode::PageDown => self.move_selection(10),
            KeyCode::Char('p') if ctrl => self.move_selection(-1),
            KeyCode::Char('n') if ctrl => self.move_selection(1),
            KeyCode::Left => self.move_visually(true),
            KeyCode::Right => self.move_visually(false),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.query.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.query.len(),
            KeyCode::Char('w') if ctrl => self.edit(index, delete_word),
            KeyCode::Char('u') if ctrl => self.edit(index, |q, c| {
                q.replace_range(..*c, "");
                *c = 0;
            }),
            KeyCode::Backspace => self.edit(index, |q, c| {
                if let Some(prev) = prev_boundary(q, *c) {
                    q.replace_range(prev..*c, "");
                    *c = prev;
                }
            }),
            KeyCode::Delete => self.edit(index, |q, c| {
                if let Some(next) = next_boundary(q, *c) {
                    q.replace_range(*c..next, "");
                }
            }),
            KeyCode::Char(ch)
                if !ctrl
                    && !key.modifiers.contains(KeyModifiers::ALT)
                    && !ch.is_control()
                    && self.query.chars().count() < QUERY_CAP =>
            {
                self.edit(index, |q, c| {
                    q.insert(*c, ch);
                    *c += ch.len_utf8();
                });
            }
            _ => {}
        }
        FinderOutcome::Continue
    }

    /// A paste, inserted at the cursor as one line (line breaks and tabs
    /// become spaces, other controls are dropped), as much as fits in
    /// [`QUERY_CAP`].
    pub fn paste(&mut self, text: &str, index: &Index) {
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
    fn edit(&mut self, index: &Index, f: impl FnOnce(&mut String, &mut usize)) {
        let before = self.query.clone();
        f(&mut self.query, &mut self.cursor);
        if self.query != before {
            self.refresh(index);
        }
    }

    /// ←/→ move the cursor the way the arrow points: in a right-to-left query
    /// ← goes forward in the text.
    fn move_visually(&mut self, left: bool) {
        let rtl = first_strong_rtl(&self.query);
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

fn first_strong_rtl(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(crate::search::normalize::is_arabic)
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
