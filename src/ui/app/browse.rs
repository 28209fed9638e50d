//! The browser's actions: moving between sections and through the text,
//! the popups, the mode switch, copying, the mouse.

use ratatui::layout::{Position, Rect};

use super::doc::heading_text;
use super::{App, Effect, Focus, LineKind, Popup};
use crate::data::Direction;
use crate::text::Justify;
use crate::ui::action::Action;
use crate::ui::geometry::SidebarRow;
use crate::ui::geometry::ruler;

impl App {
    /// Keys while a popup is open: scroll it, switch or close it; quit still quits.
    pub(super) fn update_popup(&mut self, popup: Popup, action: Action) {
        // Unclamped here: clamped once, below.
        let help_scroll = |s: u16, by: i32| Popup::Help {
            scroll: u16::try_from((i32::from(s) + by).max(0)).unwrap_or(u16::MAX),
        };
        match (popup, action) {
            (_, Action::Quit) => self.effects.push(Effect::Quit),
            (_, Action::ToggleBidi) => self.toggle_bidi(),
            (_, Action::Resize { width, height }) => self.resize(width, height),
            (_, Action::Cancel | Action::Click { .. }) => self.popup = None,
            (Popup::Help { .. }, Action::Help) | (Popup::About, Action::About) => self.popup = None,
            (_, Action::Help) => self.popup = Some(Popup::Help { scroll: 0 }),
            (_, Action::About) => self.popup = Some(Popup::About),
            (Popup::Help { scroll }, Action::Up) => self.popup = Some(help_scroll(scroll, -1)),
            (Popup::Help { scroll }, Action::Down) => self.popup = Some(help_scroll(scroll, 1)),
            (Popup::Help { scroll }, Action::PageUp) => self.popup = Some(help_scroll(scroll, -10)),
            (Popup::Help { scroll }, Action::PageDown) => {
                self.popup = Some(help_scroll(scroll, 10))
            }
            (Popup::Help { scroll }, Action::Wheel { down, .. }) => {
                self.popup = Some(help_scroll(scroll, if down { 3 } else { -3 }))
            }
            _ => {}
        }
        // Within the popup's bound on this screen, from its real height (a
        // taller screen shows more rows): the view draws the scroll as it is.
        if let Some(Popup::Help { scroll }) = self.popup {
            let scroll = scroll.min(self.help_max_scroll());
            self.popup = Some(Popup::Help { scroll });
        }
    }

    /// The help popup's largest scroll on this screen (its last row at its bottom).
    pub fn help_max_scroll(&self) -> u16 {
        let rows = crate::ui::help::rows(&self.opts.keymap, self.strings).len();
        crate::ui::help::max_scroll(Rect::new(0, 0, self.size.0, self.size.1), rows)
    }

    /// The next justification: the pane is laid out again, at the same place.
    pub(super) fn cycle_justify(&mut self) {
        self.opts.justify = self.opts.justify.next();
        self.justify_switched = true;
        let i = Justify::ALL.iter().position(|j| *j == self.opts.justify);
        let name = i.and_then(|i| self.strings.justify_names.get(i));
        self.message = name.map(|n| n.to_string());
        self.relayout();
    }

    /// Esc: close a popup (handled in `update_popup`), else clear highlights.
    pub(super) fn cancel(&mut self) {
        if self.highlights.take().is_some() {
            self.message = Some(self.strings.highlights_cleared.to_string());
        }
    }

    /// The pane on the given side of the screen (`Ltr` = left).
    pub(super) fn pane_on(&self, side: Direction) -> Focus {
        let sidebar_left = self.opts.layout_direction == Direction::Ltr;
        match (side == Direction::Ltr) == sidebar_left {
            true => Focus::Sidebar,
            false => Focus::Detail,
        }
    }

    /// Selects a section (clamped) and keeps the sidebar row visible; another
    /// section is shown from its top (the pane always shows the selected
    /// one: `doc.section` follows `selected`).
    pub(super) fn select(&mut self, index: usize) {
        let last = self.section_count().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.rebuild_doc();
        }
        self.reveal_selection();
    }

    pub(super) fn scroll_by(&mut self, by: isize) {
        let target = self.scroll.saturating_add_signed(by);
        self.scroll = target.min(self.max_scroll());
    }

    /// App ↔ Terminal, at once: everything is laid out again, the terminal
    /// is switched and repainted, and the status bar names the new mode.
    pub(super) fn toggle_bidi(&mut self) {
        self.opts.mode = if self.opts.mode.is_terminal() {
            self.opts.app_mode
        } else {
            self.opts.terminal_mode
        };
        self.mode_switched = true;
        self.relayout();
        let switched = if self.opts.mode.is_terminal() {
            crate::ui::strings::MODE_TERMINAL
        } else {
            crate::ui::strings::MODE_APP
        };
        self.message = Some(switched.replace("{key}", &self.toggle_key()));
        self.effects.push(Effect::Repaint);
        self.effects.push(Effect::ExpireMessage);
    }

    /// The text `y` copies: the current mention's paragraph while highlights
    /// are active, else the first paragraph whose line is at the top of the
    /// pane or below it (the heading when the section has none); exactly as
    /// in the dataset.
    pub fn copy_text(&self) -> Option<String> {
        let section = self.data.section_at(self.selected)?;
        if let Some(spot) = self
            .highlights
            .as_ref()
            .and_then(|h| h.spots.get(h.current))
        {
            let text = self
                .data
                .section(spot.section)?
                .paragraphs
                .get(spot.paragraph)?;
            return Some(text.to_string());
        }
        let paragraph = self
            .doc
            .lines
            .iter()
            .skip(self.scroll)
            .find_map(|l| match l.kind {
                LineKind::Paragraph(p) => Some(p),
                _ => None,
            });
        match paragraph.and_then(|p| section.paragraphs.get(p)) {
            Some(text) => Some(text.to_string()),
            None => {
                // Logical text, read wherever it is pasted as a paragraph of
                // the label's own direction.
                let direction = self.text_direction(section.label);
                Some(heading_text(&section, self.strings, direction, direction))
            }
        }
    }

    pub(super) fn copy_paragraph(&mut self) {
        if let Some(text) = self.copy_text() {
            self.effects.push(Effect::Copy(text));
        }
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.effects.push(Effect::Repaint);
        let anchor = self.top_anchor();
        self.size = (width, height);
        self.rebuild_doc();
        if let Some(anchor) = anchor {
            self.scroll = self.line_of(anchor);
        }
        self.scroll = self.scroll.min(self.max_scroll());
        self.reveal_selection();
    }

    /// Keeps the selected sidebar row inside the visible rows.
    pub(super) fn reveal_selection(&mut self) {
        let rows = self.geometry().sidebar_list.height as usize;
        let row = SidebarRow::row_of(&self.data, self.selected);
        if row < self.sidebar_top {
            self.sidebar_top = row;
        } else if rows > 0 && row >= self.sidebar_top + rows {
            self.sidebar_top = row + 1 - rows;
        }
        let total = SidebarRow::count(&self.data);
        self.sidebar_top = self.sidebar_top.min(total.saturating_sub(rows.max(1)));
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let g = self.geometry();
        let at = Position::new(column, row);
        if g.sidebar_list.contains(at) {
            self.focus = Focus::Sidebar;
            let row = self.sidebar_top + usize::from(row - g.sidebar_list.y);
            if let Some(SidebarRow::Section(i)) = SidebarRow::at(&self.data, row) {
                self.select(i);
            }
        } else if g.ruler.contains(at) {
            if let Some(era) =
                ruler::era_at(&self.data, g.ruler, self.opts.layout_direction, column)
            {
                self.select(era);
            }
        } else if g.detail.contains(at) {
            self.focus = Focus::Detail;
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let g = self.geometry();
        let at = Position::new(column, row);
        if g.sidebar.contains(at) {
            let rows = g.sidebar_list.height as usize;
            let max = SidebarRow::count(&self.data).saturating_sub(rows.max(1));
            self.sidebar_top = if down {
                (self.sidebar_top + 3).min(max)
            } else {
                self.sidebar_top.saturating_sub(3)
            };
        } else if g.detail.contains(at) {
            self.scroll_by(if down { 3 } else { -3 });
        }
    }

    /// Selects the section with this id and scrolls to `scroll` (clamped);
    /// nothing when no section has the id.
    pub(super) fn open_at(&mut self, id: &str, scroll: usize) {
        let Some(i) = self.data.sections().position(|s| s.id == id) else {
            return;
        };
        self.select(i);
        self.scroll = scroll.min(self.max_scroll());
    }
}
