//! The application state and its only mutator, [`App::update`]: pure, no
//! terminal, so every change is unit-testable. Everything that changes the
//! state arrives as a [`Msg`]: an [`Action`] of the keymap, or something
//! from outside it (a key before the keymap, a paste, a copy's result, a
//! message's expiry, guidance about the terminal). The fields are private:
//! views and tests read them through accessors, and the event loop drains
//! the [`Effect`]s an update asks of the terminal.
//!
//! Files: this one holds the types, the accessors and the dispatch; `doc`
//! lays out the detail pane; `browse` does the browser's actions; `finder`
//! the finder's keys and jumps, the highlights, and copy reports.

mod browse;
mod doc;
mod finder;

use std::ops::Range;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::Action;
use super::geometry::Geometry;
use super::keymap::{Key, Keymap};
use super::strings::{Lang, Strings};
use super::theme::Theme;
use crate::data::{Dataset, Direction, SectionRef};
use crate::search::{Index, Progress};
use crate::term::clipboard::Copied;
use crate::text::{BidiMode, Justify, LayoutCache, dataset_text_direction};

pub use doc::{Doc, DocLine, LineKind, heading_text};

/// Something `App::update` asks the event loop to do to the terminal: the
/// state stays pure, the loop owns the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put the terminal in the current bidi mode and redraw every cell (a
    /// resize, a popup closing, a mode switch: nothing may be left behind).
    Repaint,
    /// Put this text on the clipboard and say how in the status bar.
    Copy(String),
    /// The current message names the bidi mode, or says how to switch it:
    /// clear it after a few seconds.
    ExpireMessage,
    /// Give the terminal back, stop, and take it again when resumed.
    Suspend,
    /// Stop: `q`, or Ctrl-C wherever the reader is.
    Quit,
}

/// What changes the state: an action of the keymap, or something from
/// outside it. [`App::update`] takes either (`From<Action>`, `From<&KeyEvent>`).
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    /// A key event from the terminal: Ctrl-C quits, the finder takes keys
    /// while it is open (typing), else the keymap turns it into an action.
    /// Releases do nothing ([`Key::from_event`]).
    Key(KeyEvent),
    /// A bracketed paste: into the finder's query when it is open.
    Paste(String),
    /// Go to a section (an index into `Dataset::sections`, clamped), at its top.
    Select(usize),
    /// Go to the section with this id, scrolled to `scroll` (clamped): the
    /// saved place or `--era`. Nothing happens when no section has the id.
    Open {
        id: String,
        scroll: usize,
    },
    /// Highlight these places and go to the `current` one, as a finder jump
    /// does; "no results" when there are none.
    Highlight {
        label: String,
        spots: Vec<Spot>,
        current: usize,
    },
    /// A copy through the clipboard programs has ended: say how it went.
    Copied(Copied),
    /// A timed message's time is up: cleared if it is still the one shown.
    Expire(String),
    /// What the reader may do about the terminal (tmux passthrough, the
    /// mode switch's key behind tmux): a start-up notice in place of any
    /// other, cleared by the next key or after a few seconds, as the mode
    /// switch's message is. `{key}` in it names the mode switch's key.
    Guidance(String),
    /// A notice for the status bar (start-up notices), cleared by the next key.
    Notice(String),
    /// Arabic may be unreadable in the mode the program chose (behind tmux):
    /// the status bar keeps the mode switch's key, in Latin letters, for the
    /// whole session.
    ModeHint,
    /// Suspending was asked for, and no job-control shell could resume us.
    CannotSuspend,
    /// The index built on its own thread is ready: the finder answers the
    /// query typed so far, and jumps and mention counts work from now on.
    IndexReady(Arc<Index>),
}

/// The search index of an [`App`]: ready, or being built on a thread of its
/// own (the app is usable meanwhile; the finder says it is indexing).
#[derive(Debug, Clone)]
enum Indexing {
    Ready(Arc<Index>),
    Building(Arc<Progress>),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

impl From<&KeyEvent> for Msg {
    fn from(ev: &KeyEvent) -> Msg {
        Msg::Key(*ev)
    }
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
    pub digits: crate::ui::digits::Digits,
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
            digits: crate::ui::digits::Digits::Latin,
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
    data: Arc<Dataset>,
    index: Indexing,
    opts: AppOptions,
    strings: &'static Strings,
    /// Index into `data.sections()`.
    selected: usize,
    focus: Focus,
    /// First visible line of the detail pane.
    scroll: usize,
    /// First visible row of the sidebar.
    sidebar_top: usize,
    popup: Option<Popup>,
    finder: Option<super::finder::Finder>,
    highlights: Option<Highlights>,
    /// A transient notice for the status bar, cleared by the next key.
    message: Option<String>,
    /// True when the status bar keeps the mode switch's key ([`Msg::ModeHint`]).
    mode_hint: bool,
    /// Requests for the event loop, drained after each batch of input.
    effects: Vec<Effect>,
    /// True once the reader switched the bidi mode (it is then remembered).
    mode_switched: bool,
    /// True once the reader chose a justification with its key (it is then
    /// remembered with the reading place).
    justify_switched: bool,
    size: (u16, u16),
    /// Cells the widest sidebar row asks for (fixed for a run: the dataset,
    /// language and mode do not change).
    sidebar_content: u16,
    doc: Doc,
    cache: LayoutCache,
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
    /// An app whose index is ready.
    pub fn new(data: Arc<Dataset>, index: Arc<Index>, opts: AppOptions, size: (u16, u16)) -> App {
        App::with_index(data, Indexing::Ready(index), opts, size)
    }

    /// An app whose index is still being built (its `progress` is read
    /// while the finder waits); [`Msg::IndexReady`] brings the index.
    pub fn indexing(
        data: Arc<Dataset>,
        progress: Arc<Progress>,
        opts: AppOptions,
        size: (u16, u16),
    ) -> App {
        App::with_index(data, Indexing::Building(progress), opts, size)
    }

    fn with_index(data: Arc<Dataset>, index: Indexing, opts: AppOptions, size: (u16, u16)) -> App {
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
            mode_hint: false,
            effects: Vec::new(),
            mode_switched: false,
            justify_switched: false,
            size,
            sidebar_content,
            doc: Doc::default(),
            cache: LayoutCache::new(),
        };
        app.rebuild_doc();
        app
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The search index, once it is built.
    pub fn index(&self) -> Option<&Index> {
        match &self.index {
            Indexing::Ready(index) => Some(index),
            Indexing::Building(_) => None,
        }
    }

    /// While the index is being built: the work done and the work in all
    /// (`0` until the build has counted it).
    pub fn index_progress(&self) -> Option<(usize, usize)> {
        match &self.index {
            Indexing::Ready(_) => None,
            Indexing::Building(progress) => Some((progress.done(), progress.total())),
        }
    }

    /// True while the finder is open and waits for the index: the event
    /// loop then redraws now and then to show the progress.
    pub fn awaits_index(&self) -> bool {
        self.finder.is_some() && self.index().is_none()
    }

    pub fn opts(&self) -> &AppOptions {
        &self.opts
    }

    pub fn strings(&self) -> &'static Strings {
        self.strings
    }

    /// Index into `data().sections()` of the section shown.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Which pane arrow keys act on.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// First visible line of the detail pane.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// First visible row of the sidebar.
    pub fn sidebar_top(&self) -> usize {
        self.sidebar_top
    }

    pub fn popup(&self) -> Option<Popup> {
        self.popup
    }

    pub fn finder(&self) -> Option<&super::finder::Finder> {
        self.finder.as_ref()
    }

    pub fn highlights(&self) -> Option<&Highlights> {
        self.highlights.as_ref()
    }

    /// The status bar's transient notice.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// True when the status bar keeps the mode switch's key ([`Msg::ModeHint`]).
    pub fn mode_hint(&self) -> bool {
        self.mode_hint
    }

    /// True once the reader switched the bidi mode (it is then remembered).
    pub fn mode_switched(&self) -> bool {
        self.mode_switched
    }

    /// True once the reader chose a justification with its key.
    pub fn justify_switched(&self) -> bool {
        self.justify_switched
    }

    /// The screen's size in cells.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Cells the widest sidebar row asks for.
    pub fn sidebar_content(&self) -> u16 {
        self.sidebar_content
    }

    /// The detail pane's lines for the selected section.
    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// True once the reader asked to stop (the loop then ends).
    pub fn quit(&self) -> bool {
        self.effects.contains(&Effect::Quit)
    }

    /// What the updates so far ask of the terminal, in order; the event loop
    /// takes them after each batch of input.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
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

    /// Applies one message: the only place state changes.
    pub fn update(&mut self, msg: impl Into<Msg>) {
        match msg.into() {
            Msg::Action(action) => self.act(action),
            Msg::Key(ev) => {
                if let Some(key) = Key::from_event(&ev) {
                    self.key(key);
                }
            }
            Msg::Paste(text) => self.paste(&text),
            Msg::Select(index) => self.select(index),
            Msg::Open { id, scroll } => self.open_at(&id, scroll),
            Msg::Highlight {
                label,
                spots,
                current,
            } => self.set_highlights(label, spots, current),
            Msg::Copied(copied) => self.show_copied(&copied),
            Msg::Expire(shown) => {
                if self.message.as_ref() == Some(&shown) {
                    self.message = None;
                }
            }
            Msg::Guidance(text) => {
                self.message = Some(text.replace("{key}", &self.toggle_key()));
                self.effects.push(Effect::ExpireMessage);
            }
            Msg::Notice(text) => self.message = Some(text),
            Msg::ModeHint => self.mode_hint = true,
            Msg::CannotSuspend => self.message = Some(self.strings.no_suspend.to_string()),
            Msg::IndexReady(index) => self.index_ready(index),
        }
    }

    /// Applies one action of the keymap (or the mouse, or a resize).
    fn act(&mut self, action: Action) {
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
            self.finder_action(action);
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
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            // The finder's actions, routed above (see `Action::is_finder`).
            _ => {}
        }
    }

    pub fn page(&self) -> isize {
        let h = self.text_area().height as isize;
        (h - 1).max(1)
    }

    pub fn max_scroll(&self) -> usize {
        let visible = self.text_area().height as usize;
        self.doc.lines.len().saturating_sub(visible.max(1))
    }

    /// The first key bound to the mode switch, as help names it.
    pub fn toggle_key(&self) -> String {
        self.opts
            .keymap
            .keys(Action::ToggleBidi)
            .first()
            .map_or_else(|| "toggle_bidi".to_string(), ToString::to_string)
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
