//! What the user can ask for. Key bindings map to these (see `keymap`), and
//! [`super::app::App::update`] is the only place that acts on them.

use serde::Deserialize;

/// A state change request. The bindable ones deserialize from their
/// snake_case names (`next_era`, `page_down`…), which is how a config file
/// names them; the others come from the terminal (resize, mouse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Previous era (sidebar focus) or one line up (detail focus).
    Up,
    /// Next era (sidebar focus) or one line down (detail focus).
    Down,
    /// Toggle focus between the sidebar and the detail pane.
    FocusNext,
    /// Focus the pane on the left of the screen (mirrored layouts mirror this too).
    FocusLeft,
    /// Focus the pane on the right of the screen.
    FocusRight,
    PageUp,
    PageDown,
    /// First era.
    First,
    /// Last era (or last related item).
    Last,
    /// Previous era, whatever has focus.
    PrevEra,
    /// Next era, whatever has focus.
    NextEra,
    /// Open the finder popup.
    Finder,
    /// Next highlighted mention (after a finder jump).
    NextMention,
    /// Previous highlighted mention.
    PrevMention,
    /// Close a popup, else clear the highlights.
    Cancel,
    Help,
    About,
    /// Switch the bidi mode (app ↔ terminal) live.
    ToggleBidi,
    /// Copy the paragraph at the top of the detail pane (or the current
    /// mention's) to the clipboard, in logical order as in the dataset.
    Copy,
    Quit,
    /// The terminal changed size.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// Left click at a screen cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// Mouse wheel over a screen cell; `down` scrolls forward.
    #[serde(skip)]
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
}

impl Action {
    /// Every bindable action, in the order the help popup lists them.
    pub const BINDABLE: [Action; 20] = [
        Action::Up,
        Action::Down,
        Action::FocusNext,
        Action::FocusLeft,
        Action::FocusRight,
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
        Action::PrevEra,
        Action::NextEra,
        Action::Finder,
        Action::NextMention,
        Action::PrevMention,
        Action::Cancel,
        Action::Help,
        Action::About,
        Action::ToggleBidi,
        Action::Copy,
        Action::Quit,
    ];

    /// The config-file name of a bindable action.
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::FocusNext => "focus_next",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::First => "first",
            Action::Last => "last",
            Action::PrevEra => "prev_era",
            Action::NextEra => "next_era",
            Action::Finder => "finder",
            Action::NextMention => "next_mention",
            Action::PrevMention => "prev_mention",
            Action::Cancel => "cancel",
            Action::Help => "help",
            Action::About => "about",
            Action::ToggleBidi => "toggle_bidi",
            Action::Copy => "copy",
            Action::Quit => "quit",
            Action::Resize { .. } => "resize",
            Action::Click { .. } => "click",
            Action::Wheel { .. } => "wheel",
        }
    }
}
