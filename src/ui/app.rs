//! The application state and its only mutator, [`App::update`]: pure, no
//! terminal, so every action is unit-testable.

use std::ops::Range;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::geometry::ruler;
use super::geometry::{Geometry, SidebarRow};
use super::keymap::{Key, Keymap};
use super::strings::{Lang, Strings};
use super::theme::Theme;
use super::years::{added_years, year_range};
use crate::data::{Dataset, Direction, SectionRef};
use crate::search::Index;
use crate::text::{
    BidiMode, DisplayLine, Justify, LayoutCache, LayoutOptions, dataset_text_direction,
};

/// A label laid out on one line, and its paragraph direction.
pub type Label = std::rc::Rc<(DisplayLine, Direction)>;

/// Labels by text (looked up by `&str`, so a hit allocates nothing), then by
/// width and direction: the sidebar asks again for every row of every frame.
type LabelCache = std::collections::HashMap<Box<str>, Vec<(usize, Option<Direction>, Label)>>;
/// Bounds the label cache (a resize storm must not grow it forever).
const LABEL_CACHE_CAPACITY: usize = 4096;

/// Something `App::update` asks the event loop to do to the terminal: the
/// state stays pure, the loop owns the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put the terminal in the current bidi mode and redraw every cell (a
    /// resize, a popup closing, a mode switch: nothing may be left behind).
    Repaint,
    /// Put this text on the clipboard and say how in the status bar.
    Copy(String),
    /// The current message names the bidi mode: clear it after a few seconds.
    ExpireMessage,
    /// Give the terminal back, stop, and take it again when resumed.
    Suspend,
}

/// Which pane arrow keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// The key list, scrolled by `scroll` rows.
    Help {
        scroll: u16,
    },
    About,
}

/// How the app looks and behaves, fixed for a run.
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub mode: BidiMode,
    /// The terminal mode the live switch goes to (the terminal family's).
    pub terminal_mode: BidiMode,
    /// The app mode the live switch comes back to (the terminal family's).
    pub app_mode: BidiMode,
    /// Direction of the interface: `Rtl` puts the sidebar on the right and runs the ruler right to left.
    pub layout_direction: Direction,
    pub lang: Lang,
    pub mouse: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Cells of the detail pane's text column at most; `0`: the whole pane.
    pub measure: u16,
    /// How the detail pane fills its paragraphs' lines (the key cycles it).
    pub justify: Justify,
    /// The digits of the interface's own numbers (Latin in English).
    pub digits: super::digits::Digits,
}

impl AppOptions {
    /// Defaults for a dataset: interface and language from `meta.language`.
    pub fn for_dataset(data: &Dataset, mode: BidiMode) -> AppOptions {
        let rtl = is_rtl_dataset(data);
        AppOptions {
            mode,
            terminal_mode: if mode.is_terminal() {
                mode
            } else {
                BidiMode::Terminal
            },
            app_mode: if mode.is_terminal() {
                BidiMode::App
            } else {
                mode
            },
            layout_direction: if rtl { Direction::Rtl } else { Direction::Ltr },
            lang: if rtl { Lang::Ar } else { Lang::En },
            mouse: true,
            theme: Theme::dark(),
            keymap: Keymap::default(),
            measure: super::geometry::DEFAULT_MEASURE,
            justify: Justify::None,
            digits: super::digits::Digits::Latin,
        }
    }
}

/// `ar`, `fa`, `he`… (as the layout engine reads the language) or an
/// explicit `meta.direction = "rtl"`.
pub fn is_rtl_dataset(data: &Dataset) -> bool {
    let direction = data
        .meta
        .direction
        .unwrap_or_else(|| crate::text::language_direction(&data.meta.language));
    direction == Direction::Rtl
}

/// What a row of the detail pane holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    /// A line of paragraph `n` of the section.
    Paragraph(usize),
    Blank,
}

#[derive(Debug, Clone)]
pub struct DocLine {
    pub kind: LineKind,
    /// `None` for blank lines.
    pub line: Option<DisplayLine>,
    pub direction: Direction,
}

/// The detail pane's content for one section at one width.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub section: usize,
    pub width: usize,
    pub lines: Vec<DocLine>,
    /// Index in `lines` of the first line of each paragraph.
    pub para_start: Vec<usize>,
}

/// A place in the text: one mention or search hit (the finder's type).
pub use super::finder::Spot;

/// Highlighted places (from a finder jump), cycled with `n`/`N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlights {
    /// What was looked for, shown in the status bar (already display-safe).
    pub label: String,
    pub spots: Vec<Spot>,
    pub current: usize,
}

pub struct App {
    pub data: Arc<Dataset>,
    pub index: Arc<Index>,
    pub opts: AppOptions,
    pub strings: &'static Strings,
    /// Index into `data.sections()`.
    pub selected: usize,
    pub focus: Focus,
    /// First visible line of the detail pane.
    pub scroll: usize,
    /// First visible row of the sidebar.
    pub sidebar_top: usize,
    pub popup: Option<Popup>,
    pub finder: Option<super::finder::Finder>,
    pub highlights: Option<Highlights>,
    /// A transient notice for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// What the reader must do when the terminal cannot be reached (e.g.
    /// tmux passthrough): shown in the status bar in place of any message.
    pub guidance: Option<String>,
    /// Requests for the event loop, drained after each batch of input.
    pub effects: Vec<Effect>,
    /// True once the reader switched the bidi mode (it is then remembered).
    pub mode_switched: bool,
    /// True once the reader chose a justification with its key (it is then
    /// remembered with the reading place).
    pub justify_switched: bool,
    pub size: (u16, u16),
    /// Cells the widest sidebar row asks for (fixed for a run: the dataset,
    /// language and mode do not change).
    pub sidebar_content: u16,
    pub quit: bool,
    pub doc: Doc,
    cache: LayoutCache,
    /// Single-line layouts of labels, keyed by text, width and direction;
    /// interior mutability so that drawing can take `&App`.
    labels: std::cell::RefCell<LabelCache>,
    /// The ruler's span coverage for its current size (see `ruler::Coverage`).
    pub(crate) ruler: std::cell::RefCell<Option<ruler::Coverage>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("selected", &self.selected)
            .field("focus", &self.focus)
            .field("scroll", &self.scroll)
            .field("popup", &self.popup)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(data: Arc<Dataset>, index: Arc<Index>, opts: AppOptions, size: (u16, u16)) -> App {
        let strings = Strings::with_digits(opts.lang, opts.digits);
        let sidebar_content = super::geometry::sidebar_content_width(
            &data,
            strings,
            opts.mode,
            opts.layout_direction,
        );
        let mut app = App {
            data,
            index,
            opts,
            strings,
            selected: 0,
            focus: Focus::Sidebar,
            scroll: 0,
            sidebar_top: 0,
            popup: None,
            finder: None,
            highlights: None,
            message: None,
            guidance: None,
            effects: Vec::new(),
            mode_switched: false,
            justify_switched: false,
            size,
            sidebar_content,
            quit: false,
            doc: Doc::default(),
            cache: LayoutCache::new(),
            labels: std::cell::RefCell::new(LabelCache::new()),
            ruler: std::cell::RefCell::new(None),
        };
        app.rebuild_doc();
        app
    }

    /// Selects the section with this id and scrolls to `scroll` (clamped).
    /// False when no section has the id.
    pub fn open_at(&mut self, id: &str, scroll: usize) -> bool {
        let Some(i) = self.data.sections().position(|s| s.id == id) else {
            return false;
        };
        self.select(i);
        self.scroll = scroll.min(self.max_scroll());
        true
    }

    /// The id of the selected section, for the state file.
    pub fn selected_id(&self) -> Option<&str> {
        self.data.section_at(self.selected).map(|s| s.id)
    }

    pub fn geometry(&self) -> Geometry {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        Geometry::new(area, self.opts.layout_direction, self.sidebar_content)
    }

    /// Where the detail pane's text goes on this screen (see [`App::text_column`]).
    pub fn text_area(&self) -> Rect {
        self.text_column(self.geometry().detail_text)
    }

    /// The text column inside a detail pane's text area: at most `measure`
    /// cells, against the edge where the dataset's lines begin.
    pub fn text_column(&self, detail_text: Rect) -> Rect {
        let rtl = is_rtl_dataset(&self.data);
        super::geometry::text_column(detail_text, self.opts.measure, rtl)
    }

    pub fn section_count(&self) -> usize {
        self.data.section_count()
    }

    /// A key press: Ctrl-C always quits; while the finder is open it gets
    /// every key; otherwise the keymap turns the key into an action.
    pub fn key(&mut self, ev: &KeyEvent) {
        let Some(key) = Key::from_event(ev) else {
            return;
        };
        if key.is_ctrl_c() {
            self.quit = true;
            return;
        }
        // Suspending works wherever the reader is, the finder included.
        if self.opts.keymap.action(ev) == Some(Action::Suspend) {
            self.update(Action::Suspend);
            return;
        }
        if self.finder.is_some() {
            super::finder_route::key(self, ev);
            return;
        }
        if let Some(action) = self.opts.keymap.action(ev) {
            self.update(action);
        }
    }

    /// A bracketed paste: into the finder's query when it is open, else ignored.
    pub fn paste(&mut self, text: &str) {
        let index = Arc::clone(&self.index);
        if let Some(finder) = self.finder.as_mut() {
            finder.paste(text, &index);
        }
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. } | Action::Wheel { .. }) {
            self.message = None;
        }
        if action == Action::Suspend {
            self.effects.push(Effect::Suspend);
            return;
        }
        // The finder's actions act on it alone (none without it); the mouse
        // does not reach behind it.
        if action.is_finder() {
            super::finder_route::apply(self, action);
            return;
        }
        if self.finder.is_some() && matches!(action, Action::Click { .. } | Action::Wheel { .. }) {
            return;
        }
        if let Some(popup) = self.popup {
            self.update_popup(popup, action);
            if self.popup.is_none() {
                self.effects.push(Effect::Repaint);
            }
            return;
        }
        match action {
            Action::Up => match self.focus {
                Focus::Sidebar => self.select(self.selected.saturating_sub(1)),
                Focus::Detail => self.scroll_by(-1),
            },
            Action::Down => match self.focus {
                Focus::Sidebar => self.select(self.selected + 1),
                Focus::Detail => self.scroll_by(1),
            },
            Action::FocusNext => self.focus = other(self.focus),
            Action::FocusLeft => self.focus = self.pane_on(Direction::Ltr),
            Action::FocusRight => self.focus = self.pane_on(Direction::Rtl),
            Action::PageUp => self.scroll_by(-self.page()),
            Action::PageDown => self.scroll_by(self.page()),
            Action::First => self.select(0),
            // The last era: related material is reached by moving down to it.
            Action::Last => self.select(self.data.eras.len().saturating_sub(1)),
            Action::PrevEra => self.select(self.selected.saturating_sub(1)),
            Action::NextEra => self.select(self.selected + 1),
            Action::Finder => self.open_finder(),
            Action::NextMention => self.cycle_mention(true),
            Action::PrevMention => self.cycle_mention(false),
            Action::Cancel => self.cancel(),
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::About => self.popup = Some(Popup::About),
            Action::ToggleBidi => self.toggle_bidi(),
            Action::Copy => self.copy_paragraph(),
            Action::CycleJustify => self.cycle_justify(),
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            // The finder's actions, routed above (see `Action::is_finder`).
            _ => {}
        }
    }

    /// Keys while a popup is open: scroll it, switch or close it; quit still quits.
    fn update_popup(&mut self, popup: Popup, action: Action) {
        let max = self.help_max_scroll();
        let help_scroll = |s: u16, by: i32| Popup::Help {
            scroll: (i32::from(s) + by).clamp(0, i32::from(max)) as u16,
        };
        match (popup, action) {
            (_, Action::Quit) => self.quit = true,
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
        // A taller screen shows more rows: the scroll stays within the new bound.
        if let Some(Popup::Help { scroll }) = self.popup {
            let scroll = scroll.min(self.help_max_scroll());
            self.popup = Some(Popup::Help { scroll });
        }
    }

    /// The help popup's largest scroll on this screen (its last row at its bottom).
    pub fn help_max_scroll(&self) -> u16 {
        let rows = super::help::rows(&self.opts.keymap, self.strings).len();
        super::help::max_scroll(Rect::new(0, 0, self.size.0, self.size.1), rows)
    }

    /// The next justification: the pane is laid out again, at the same place.
    fn cycle_justify(&mut self) {
        self.opts.justify = self.opts.justify.next();
        self.justify_switched = true;
        let i = Justify::ALL.iter().position(|j| *j == self.opts.justify);
        let name = i.and_then(|i| self.strings.justify_names.get(i));
        self.message = name.map(|n| n.to_string());
        let anchor = self.top_anchor();
        self.doc.lines.clear();
        self.rebuild_doc();
        if let Some(anchor) = anchor {
            self.scroll = self.line_of(anchor);
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Esc: close a popup (handled in `update_popup`), else clear highlights.
    fn cancel(&mut self) {
        if self.highlights.take().is_some() {
            self.message = Some(self.strings.highlights_cleared.to_string());
        }
    }

    /// The pane on the given side of the screen (`Ltr` = left).
    fn pane_on(&self, side: Direction) -> Focus {
        let sidebar_left = self.opts.layout_direction == Direction::Ltr;
        match (side == Direction::Ltr) == sidebar_left {
            true => Focus::Sidebar,
            false => Focus::Detail,
        }
    }

    /// Selects a section (clamped), scrolls the detail to its top and keeps
    /// the sidebar row visible.
    pub fn select(&mut self, index: usize) {
        let last = self.section_count().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected || self.doc.section != index {
            self.selected = index;
            self.scroll = 0;
            self.rebuild_doc();
        }
        self.reveal_selection();
    }

    pub fn page(&self) -> isize {
        let h = self.text_area().height as isize;
        (h - 1).max(1)
    }

    pub fn max_scroll(&self) -> usize {
        let visible = self.text_area().height as usize;
        self.doc.lines.len().saturating_sub(visible.max(1))
    }

    fn scroll_by(&mut self, by: isize) {
        let target = self.scroll.saturating_add_signed(by);
        self.scroll = target.min(self.max_scroll());
    }

    /// The first key bound to the mode switch, as help names it.
    pub fn toggle_key(&self) -> String {
        self.opts
            .keymap
            .keys(Action::ToggleBidi)
            .first()
            .map_or_else(|| "toggle_bidi".to_string(), ToString::to_string)
    }

    /// App ↔ Terminal, at once: everything is laid out again, the terminal
    /// is switched and repainted, and the status bar names the new mode.
    fn toggle_bidi(&mut self) {
        self.opts.mode = if self.opts.mode.is_terminal() {
            self.opts.app_mode
        } else {
            self.opts.terminal_mode
        };
        self.mode_switched = true;
        self.labels.borrow_mut().clear();
        let anchor = self.top_anchor();
        self.doc.lines.clear();
        self.rebuild_doc();
        if let Some(anchor) = anchor {
            self.scroll = self.line_of(anchor);
        }
        // The other mode may take fewer lines (a heading at the top has no anchor).
        self.scroll = self.scroll.min(self.max_scroll());
        let switched = if self.opts.mode.is_terminal() {
            super::strings::MODE_TERMINAL
        } else {
            super::strings::MODE_APP
        };
        self.message = Some(switched.replace("{key}", &self.toggle_key()));
        // Guidance about choosing a mode has been followed; tmux's is about
        // tmux and stays.
        if self.guidance.as_deref() != Some(super::strings::TMUX_GUIDANCE) {
            self.guidance = None;
        }
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

    fn copy_paragraph(&mut self) {
        if let Some(text) = self.copy_text() {
            self.effects.push(Effect::Copy(text));
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
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

    /// The paragraph at the top of the pane and the first source byte of
    /// its top line, to find the same place after a re-layout.
    fn top_anchor(&self) -> Option<(usize, usize)> {
        let line = self.doc.lines.get(self.scroll)?;
        match line.kind {
            LineKind::Paragraph(p) => Some((p, line.line.as_ref().map_or(0, source_start))),
            _ => None,
        }
    }

    /// The line showing `byte` of paragraph `p` (the last line starting at or before it).
    fn line_of(&self, (p, byte): (usize, usize)) -> usize {
        let Some(&first) = self.doc.para_start.get(p) else {
            return self.scroll;
        };
        let mut best = first;
        for (i, l) in self.doc.lines.iter().enumerate().skip(first) {
            if l.kind != LineKind::Paragraph(p) {
                break;
            }
            if l.line.as_ref().map_or(0, source_start) <= byte {
                best = i;
            }
        }
        best
    }

    /// Lays out the selected section for the current pane width.
    fn rebuild_doc(&mut self) {
        let width = usize::from(self.text_area().width).max(1);
        if self.doc.section == self.selected
            && self.doc.width == width
            && !self.doc.lines.is_empty()
        {
            return;
        }
        let data = Arc::clone(&self.data);
        let opts = |text: &str| LayoutOptions {
            width,
            mode: self.opts.mode,
            direction: Some(dataset_text_direction(
                text,
                data.meta.direction,
                &data.meta.language,
            )),
        };
        let mut doc = Doc {
            section: self.selected,
            width,
            ..Doc::default()
        };
        let Some(section) = data.section_at(self.selected) else {
            self.doc = doc;
            return;
        };
        let paragraph = self.text_direction(section.label);
        let heading = heading_text(
            &section,
            self.strings,
            self.opts.layout_direction,
            paragraph,
        );
        let laid = self.cache.get(&heading, &opts(&heading));
        push_lines(
            &mut doc.lines,
            LineKind::Heading,
            &laid.lines,
            laid.direction,
        );
        for (p, text) in section.paragraphs.iter().enumerate() {
            doc.lines.push(blank(laid.direction));
            doc.para_start.push(doc.lines.len());
            let laid = self.cache.get(text, &opts(text));
            let last = laid.lines.len().saturating_sub(1);
            doc.lines
                .extend(laid.lines.iter().enumerate().map(|(i, l)| DocLine {
                    kind: LineKind::Paragraph(p),
                    line: Some(if i < last {
                        crate::text::justify(l, text, width, self.opts.justify)
                    } else {
                        l.clone()
                    }),
                    direction: laid.direction,
                }));
        }
        self.doc = doc;
    }

    /// Keeps the selected sidebar row inside the visible rows.
    fn reveal_selection(&mut self) {
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

    fn click(&mut self, column: u16, row: u16) {
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

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
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

    /// Opens the finder popup.
    fn open_finder(&mut self) {
        self.finder = Some(super::finder::Finder::new(&self.index));
    }

    /// Highlights `spots` and jumps to spot `current`.
    pub fn set_highlights(&mut self, label: String, spots: Vec<Spot>, current: usize) {
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
    fn cycle_mention(&mut self, forward: bool) {
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

    /// "3/7" for the status bar.
    pub fn spot_position(&self) -> Option<(usize, usize)> {
        self.highlights
            .as_ref()
            .map(|h| (h.current + 1, h.spots.len()))
    }

    /// The highlighted ranges in paragraph `p` of the selected section, with
    /// whether each is the current one.
    pub fn highlights_in(&self, p: usize) -> Vec<(Range<usize>, bool)> {
        let Some(h) = &self.highlights else {
            return Vec::new();
        };
        let Some(section) = self.data.section_at(self.selected) else {
            return Vec::new();
        };
        h.spots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.section == section.at && s.paragraph == p)
            .map(|(i, s)| (s.range.clone(), i == h.current))
            .collect()
    }

    /// The direction the dataset gives `text` (see
    /// [`dataset_text_direction`]): a label without letters, such as
    /// `1945- 1948`, reads right to left in an Arabic dataset, as its heading does.
    pub fn text_direction(&self, text: &str) -> Direction {
        dataset_text_direction(text, self.data.meta.direction, &self.data.meta.language)
    }

    /// A short string laid out on one line of at most `width` cells
    /// (truncated with `…`), RTL-correct, via the layout engine.
    pub fn label(&self, text: &str, width: usize, direction: Option<Direction>) -> Label {
        let mut labels = self.labels.borrow_mut();
        let found = labels.get(text).and_then(|laid| {
            laid.iter()
                .find(|(w, d, _)| (*w, *d) == (width, direction))
                .map(|(_, _, laid)| Label::clone(laid))
        });
        if let Some(found) = found {
            return found;
        }
        let laid = Label::new(crate::text::single_line(
            text,
            width,
            self.opts.mode,
            direction,
        ));
        if labels.len() >= LABEL_CACHE_CAPACITY {
            labels.clear();
        }
        labels
            .entry(text.into())
            .or_default()
            .push((width, direction, Label::clone(&laid)));
        laid
    }
}

/// The section index (in `Dataset::sections` order) of a `SectionRef`.
pub fn section_index(data: &Dataset, at: SectionRef) -> Option<usize> {
    match at {
        SectionRef::Era(i) => (i < data.eras.len()).then_some(i),
        SectionRef::Related(i) => (i < data.related.len()).then_some(data.eras.len() + i),
    }
}

fn other(focus: Focus) -> Focus {
    match focus {
        Focus::Sidebar => Focus::Detail,
        Focus::Detail => Focus::Sidebar,
    }
}

/// The first byte of the original paragraph shown on a line (glyphs are in
/// visual order, so the minimum, not the first).
fn source_start(line: &DisplayLine) -> usize {
    line.glyphs
        .iter()
        .map(|g| g.source.start)
        .min()
        .unwrap_or(0)
}

fn blank(direction: Direction) -> DocLine {
    DocLine {
        kind: LineKind::Blank,
        line: None,
        direction,
    }
}

fn push_lines(out: &mut Vec<DocLine>, kind: LineKind, lines: &[DisplayLine], direction: Direction) {
    out.extend(lines.iter().map(|l| DocLine {
        kind,
        line: Some(l.clone()),
        direction,
    }));
}

/// The label, its years when the label does not already say them, and the
/// editorial mark. `reading` is the interface direction, `paragraph` the
/// direction the heading is laid out in (see [`year_range`]).
pub fn heading_text(
    section: &crate::data::Section<'_>,
    strings: &Strings,
    reading: Direction,
    paragraph: Direction,
) -> String {
    let mut text = section.label.to_string();
    if let Some(years) = added_years(section) {
        text.push_str(" (");
        let context = super::years::context(&text, paragraph);
        text.push_str(&year_range(years, reading, context, strings.digits));
        text.push(')');
    }
    if section.editorial {
        text.push(' ');
        text.push_str(strings.editorial_mark);
    }
    text
}
