//! The finder from the app's side: keys while it is open, what its
//! outcomes do (close, copy, jump), the highlighted places and `n`/`N`; and
//! the status messages that come from outside the keymap.

use std::sync::Arc;

use super::{App, Effect, Focus, Highlights, Indexing, section_index};
use crate::search::Index;
use crate::term::clipboard::Copied;
use crate::ui::action::Action;
use crate::ui::finder::{Finder, FinderOutcome, JumpTarget, Spot, route};
use crate::ui::keymap::Key;

impl App {
    /// A key press: Ctrl-C always quits; while the finder is open it gets
    /// every key (its bindings, else typing); otherwise the keymap turns the
    /// key into an action.
    pub(super) fn key(&mut self, key: Key) {
        if key.is_ctrl_c() {
            self.effects.push(Effect::Quit);
            return;
        }
        let action = self.opts.keymap.action(key);
        // Suspending works wherever the reader is, the finder included.
        if action == Some(Action::Suspend) {
            self.update(Action::Suspend);
            return;
        }
        let index = self.shared_index();
        if let Some(finder) = self.finder.as_mut() {
            let outcome = finder.handle_key(key, index.as_deref(), &self.opts.keymap);
            self.finder_outcome(outcome);
            return;
        }
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// A bracketed paste: into the finder's query when it is open, else ignored.
    pub(super) fn paste(&mut self, text: &str) {
        let index = self.shared_index();
        if let Some(finder) = self.finder.as_mut() {
            finder.paste(text, index.as_deref());
        }
    }

    /// One of the finder's actions (none without it).
    pub(super) fn finder_action(&mut self, action: Action) {
        let index = self.shared_index();
        let Some(finder) = self.finder.as_mut() else {
            return;
        };
        let outcome = finder.apply(action, index.as_deref());
        self.finder_outcome(outcome);
    }

    /// Opens the finder popup.
    pub(super) fn open_finder(&mut self) {
        self.finder = Some(Finder::new(self.index()));
    }

    /// The index, shared, so that the finder can take it while the app is
    /// borrowed mutably.
    fn shared_index(&self) -> Option<Arc<Index>> {
        match &self.index {
            Indexing::Ready(index) => Some(Arc::clone(index)),
            Indexing::Building(_) => None,
        }
    }

    /// The index has been built: an open finder answers its query now.
    pub(super) fn index_ready(&mut self, index: Arc<Index>) {
        if let Some(finder) = self.finder.as_mut() {
            finder.refresh(Some(&index));
        }
        self.index = Indexing::Ready(index);
    }

    fn finder_outcome(&mut self, outcome: FinderOutcome) {
        match outcome {
            FinderOutcome::Continue => {}
            FinderOutcome::Copy => {
                let text = self
                    .finder
                    .as_ref()
                    .zip(self.index())
                    .and_then(|(f, index)| route::selected_text(f, index, &self.data));
                if let Some(text) = text {
                    self.effects.push(Effect::Copy(text));
                }
            }
            FinderOutcome::Close => {
                self.finder = None;
                self.effects.push(Effect::Repaint);
            }
            FinderOutcome::Jump(target) => {
                self.finder = None;
                self.effects.push(Effect::Repaint);
                self.jump(target);
            }
        }
    }

    /// Performs a jump: select, scroll, highlight.
    fn jump(&mut self, target: JumpTarget) {
        match target {
            JumpTarget::Entity { entity, spots } => {
                let name = self
                    .index()
                    .and_then(|index| index.entity(entity))
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                if spots.is_empty() {
                    self.highlights = None;
                    self.message = Some(format!(
                        "{}: {}",
                        crate::text::display_safe(&name),
                        self.strings.no_results
                    ));
                    return;
                }
                self.set_highlights(crate::text::display_safe(&name), spots, 0);
            }
            JumpTarget::Era(era) => {
                self.select(era);
                self.focus = Focus::Detail;
            }
            JumpTarget::Text {
                query,
                spots,
                current,
            } => {
                self.set_highlights(crate::text::display_safe(&query), spots, current);
            }
        }
    }

    /// Highlights `spots` and jumps to spot `current`.
    pub(super) fn set_highlights(&mut self, label: String, spots: Vec<Spot>, current: usize) {
        if spots.is_empty() {
            self.highlights = None;
            self.message = Some(self.strings.no_results.to_string());
            return;
        }
        let current = current.min(spots.len() - 1);
        self.highlights = Some(Highlights {
            label,
            spots,
            current,
        });
        self.show_current_spot();
    }

    /// `n`/`N`: the next or previous highlighted place, across sections.
    pub(super) fn cycle_mention(&mut self, forward: bool) {
        let Some(h) = self.highlights.as_mut() else {
            self.message = Some(self.strings.no_mentions.to_string());
            return;
        };
        let n = h.spots.len();
        h.current = if forward {
            (h.current + 1) % n
        } else {
            (h.current + n - 1) % n
        };
        self.show_current_spot();
    }

    /// Selects the section of the current spot and scrolls it into view,
    /// a third of the way down the pane.
    fn show_current_spot(&mut self) {
        let Some(spot) = self
            .highlights
            .as_ref()
            .and_then(|h| h.spots.get(h.current))
            .cloned()
        else {
            return;
        };
        let Some(index) = section_index(&self.data, spot.section) else {
            return;
        };
        self.select(index);
        self.focus = Focus::Detail;
        let line = self.line_of((spot.paragraph, spot.range.start));
        let above = usize::from(self.text_area().height / 3);
        self.scroll = line.saturating_sub(above).min(self.max_scroll());
    }

    /// Says in the status bar how a copy went.
    pub(super) fn show_copied(&mut self, c: &Copied) {
        let s = self.strings;
        let mut message = if c.busy {
            s.copy_busy.to_string()
        } else if c.routes.is_empty() && c.late.is_empty() {
            s.no_clipboard.to_string()
        } else if c.routes.is_empty() {
            String::new()
        } else {
            s.copied
                .replace("{n}", &c.chars.to_string())
                .replace("{via}", &c.routes.join(", "))
        };
        if !c.late.is_empty() {
            let late = s.copy_timed_out.replace("{via}", &c.late.join(", "));
            message = if message.is_empty() {
                late
            } else {
                format!("{message} · {late}")
            };
        }
        self.message = Some(message);
    }
}
