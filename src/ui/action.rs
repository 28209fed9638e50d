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
    /// Last era (the related items follow it: Down reaches them).
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
    /// Cycle the detail pane's justification: none, spaces, kashida.
    CycleJustify,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; the
    /// screen comes back whole when the shell resumes the program.
    Suspend,
    Quit,
    // The finder's own keys: active only while it is open, where every
    // other key without Ctrl or Alt types into the query.
    /// Finder: select the previous result.
    FinderUp,
    /// Finder: select the next result.
    FinderDown,
    /// Finder: move the selection ten results up.
    FinderPageUp,
    /// Finder: move the selection ten results down.
    FinderPageDown,
    /// Finder: switch between names and full text.
    FinderSwitch,
    /// Finder: close and go to the selected result.
    FinderJump,
    /// Finder: close without going anywhere.
    FinderClose,
    /// Finder: copy the selected result as the dataset spells it.
    FinderCopy,
    /// Finder: move the query cursor the way the arrow points.
    FinderLeft,
    /// Finder: move the query cursor the way the arrow points.
    FinderRight,
    /// Finder: cursor to the start of the query.
    FinderStart,
    /// Finder: cursor to the end of the query.
    FinderEnd,
    /// Finder: delete the character before the cursor.
    FinderDeleteBack,
    /// Finder: delete the character after the cursor.
    FinderDelete,
    /// Finder: delete the spaces before the cursor, then the word before them.
    FinderDeleteWord,
    /// Finder: delete from the start of the query to the cursor.
    FinderDeleteToStart,
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
    pub const BINDABLE: [Action; 38] = [
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
        Action::CycleJustify,
        Action::Suspend,
        Action::Quit,
        Action::FinderUp,
        Action::FinderDown,
        Action::FinderPageUp,
        Action::FinderPageDown,
        Action::FinderSwitch,
        Action::FinderJump,
        Action::FinderClose,
        Action::FinderCopy,
        Action::FinderLeft,
        Action::FinderRight,
        Action::FinderStart,
        Action::FinderEnd,
        Action::FinderDeleteBack,
        Action::FinderDelete,
        Action::FinderDeleteWord,
        Action::FinderDeleteToStart,
    ];

    /// True for the finder's own actions, bound in the finder's context.
    pub fn is_finder(self) -> bool {
        matches!(
            self,
            Action::FinderUp
                | Action::FinderDown
                | Action::FinderPageUp
                | Action::FinderPageDown
                | Action::FinderSwitch
                | Action::FinderJump
                | Action::FinderClose
                | Action::FinderCopy
                | Action::FinderLeft
                | Action::FinderRight
                | Action::FinderStart
                | Action::FinderEnd
                | Action::FinderDeleteBack
                | Action::FinderDelete
                | Action::FinderDeleteWord
                | Action::FinderDeleteToStart
        )
    }

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
            Action::CycleJustify => "cycle_justify",
            Action::Suspend => "suspend",
            Action::Quit => "quit",
            Action::FinderUp => "finder_up",
            Action::FinderDown => "finder_down",
            Action::FinderPageUp => "finder_page_up",
            Action::FinderPageDown => "finder_page_down",
            Action::FinderSwitch => "finder_switch",
            Action::FinderJump => "finder_jump",
            Action::FinderClose => "finder_close",
            Action::FinderCopy => "finder_copy",
            Action::FinderLeft => "finder_left",
            Action::FinderRight => "finder_right",
            Action::FinderStart => "finder_start",
            Action::FinderEnd => "finder_end",
            Action::FinderDeleteBack => "finder_delete_back",
            Action::FinderDelete => "finder_delete",
            Action::FinderDeleteWord => "finder_delete_word",
            Action::FinderDeleteToStart => "finder_delete_to_start",
            Action::Resize { .. } => "resize",
            Action::Click { .. } => "click",
            Action::Wheel { .. } => "wheel",
        }
    }
}
