//! What the user can ask for, in one table: every bindable action with its
//! config-file name, default keys, whether it acts in the finder, what it
//! does (for help and `config --print-default`, in English and Arabic) and
//! its status-bar hint. The keymap's defaults, the help popup, the printed
//! default config and the status hints are all read from [`ACTIONS`];
//! adding an action is one row below plus its handling in
//! [`super::app::App::update`], the only place that acts on them.

use serde::Deserialize;

use super::strings::Lang;

/// A text in both interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub ar: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ar => self.ar,
        }
    }
}

/// One row of the action table.
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub action: Action,
    /// The config-file name (`next_era`).
    pub name: &'static str,
    /// The default keys, in config-file notation.
    pub keys: &'static [&'static str],
    /// True for the finder's own actions, bound only while it is open.
    pub finder: bool,
    /// What it does, as help and the printed config say.
    pub about: Text,
    /// Its label in the status bar's hints, for the few that have one.
    pub hint: Option<Text>,
}

/// Declares [`Action`] and [`ACTIONS`] from one list of rows:
/// `Variant = "name", [default keys], browser|finder, en "…", ar "…"
/// (, hint "…" / "…")?;`
macro_rules! actions {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $name:literal, [$($key:literal),*], $ctx:ident,
            en $en:literal, ar $ar:literal $(, hint $hen:literal / $har:literal)?;
    )*) => {
        /// A state change request. The bindable ones deserialize from their
        /// snake_case names (`next_era`, `page_down`…), which is how a config
        /// file names them; the others come from the terminal (resize, mouse).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$doc])* $variant,)*
            /// The terminal changed size.
            #[serde(skip)]
            Resize { width: u16, height: u16 },
            /// Left click at a screen cell.
            #[serde(skip)]
            Click { column: u16, row: u16 },
            /// Mouse wheel over a screen cell; `down` scrolls forward.
            #[serde(skip)]
            Wheel { column: u16, row: u16, down: bool },
        }

        /// Every bindable action, in the order help and the printed config list them.
        pub const ACTIONS: &[ActionInfo] = &[$(
            ActionInfo {
                action: Action::$variant,
                name: $name,
                keys: &[$($key),*],
                finder: actions!(@finder $ctx),
                about: Text { en: $en, ar: $ar },
                hint: actions!(@hint $($hen, $har)?),
            },
        )*];
    };
    (@finder browser) => { false };
    (@finder finder) => { true };
    (@hint) => { None };
    (@hint $en:literal, $ar:literal) => { Some(Text { en: $en, ar: $ar }) };
}

actions! {
    /// Previous era (sidebar focus) or one line up (detail focus).
    Up = "up", ["up", "k"], browser,
        en "previous era / line up",
        ar "الحقبة السابقة / سطر لأعلى";
    /// Next era (sidebar focus) or one line down (detail focus).
    Down = "down", ["down", "j"], browser,
        en "next era / line down",
        ar "الحقبة التالية / سطر لأسفل";
    /// Toggle focus between the sidebar and the detail pane.
    FocusNext = "focus_next", ["tab", "backtab"], browser,
        en "switch focus",
        ar "تبديل التركيز",
        hint "focus" / "تبديل";
    /// Focus the pane on the left of the screen (mirrored layouts mirror this too).
    FocusLeft = "focus_left", ["left", "h"], browser,
        en "focus the left pane",
        ar "التركيز على اللوح الأيسر";
    /// Focus the pane on the right of the screen.
    FocusRight = "focus_right", ["right", "l"], browser,
        en "focus the right pane",
        ar "التركيز على اللوح الأيمن";
    PageUp = "page_up", ["pageup", "b"], browser,
        en "page up",
        ar "صفحة لأعلى";
    PageDown = "page_down", ["pagedown", "space"], browser,
        en "page down",
        ar "صفحة لأسفل";
    /// First era.
    First = "first", ["home", "g"], browser,
        en "first era",
        ar "الحقبة الأولى";
    /// Last era (the related items follow it: Down reaches them).
    Last = "last", ["end", "G"], browser,
        en "last era",
        ar "الحقبة الأخيرة";
    /// Previous era, whatever has focus.
    PrevEra = "prev_era", ["["], browser,
        en "previous era (from anywhere)",
        ar "الحقبة السابقة (من أي مكان)",
        hint "era" / "الحقبة";
    /// Next era, whatever has focus.
    NextEra = "next_era", ["]"], browser,
        en "next era (from anywhere)",
        ar "الحقبة التالية (من أي مكان)";
    /// Open the finder popup.
    Finder = "finder", ["/", "ctrl-k"], browser,
        en "find names and places",
        ar "البحث عن الأسماء والأماكن",
        hint "find" / "بحث";
    /// Next highlighted mention (after a finder jump).
    NextMention = "next_mention", ["n"], browser,
        en "next highlighted mention",
        ar "الموضع المظلل التالي",
        hint "next mention" / "الذكر التالي";
    /// Previous highlighted mention.
    PrevMention = "prev_mention", ["N"], browser,
        en "previous highlighted mention",
        ar "الموضع المظلل السابق";
    /// Close a popup, else clear the highlights.
    Cancel = "cancel", ["esc"], browser,
        en "close a popup, then clear highlights",
        ar "إغلاق النافذة ثم إزالة التظليل",
        hint "close" / "إغلاق";
    Help = "help", ["?", "f1"], browser,
        en "this help",
        ar "هذه المساعدة",
        hint "help" / "مساعدة";
    About = "about", ["i"], browser,
        en "about the article",
        ar "عن المقال";
    /// Switch the bidi mode (app ↔ terminal) live.
    ToggleBidi = "toggle_bidi", ["f2"], browser,
        en "switch the bidi mode (app / terminal)",
        ar "تبديل وضع الاتجاه (البرنامج / الطرفية)";
    /// Copy the paragraph at the top of the detail pane (or the current
    /// mention's) to the clipboard, in logical order as in the dataset.
    Copy = "copy", ["y"], browser,
        en "copy the paragraph at the top to the clipboard",
        ar "نسخ الفقرة الظاهرة أعلى النص إلى الحافظة";
    /// Cycle the detail pane's justification: none, spaces, kashida.
    CycleJustify = "cycle_justify", ["J"], browser,
        en "justify lines: none, spaces, kashida",
        ar "ضبط الأسطر: بلا، بالمسافات، بالكشيدة";
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; the
    /// screen comes back whole when the shell resumes the program.
    Suspend = "suspend", ["ctrl-z"], browser,
        en "suspend to the shell (fg comes back)",
        ar "إيقاف مؤقت والعودة إلى الصدفة (fg للرجوع)";
    Quit = "quit", ["q"], browser,
        en "quit (Ctrl-C always quits)",
        ar "خروج (و Ctrl-C دائماً)",
        hint "quit" / "خروج";
    // The finder's own keys: active only while it is open, where every
    // other key without Ctrl or Alt types into the query.
    /// Finder: select the previous result.
    FinderUp = "finder_up", ["up", "ctrl-p"], finder,
        en "Finder: previous result",
        ar "البحث: النتيجة السابقة";
    /// Finder: select the next result.
    FinderDown = "finder_down", ["down", "ctrl-n"], finder,
        en "Finder: next result",
        ar "البحث: النتيجة التالية";
    /// Finder: move the selection ten results up.
    FinderPageUp = "finder_page_up", ["pageup"], finder,
        en "Finder: ten results up",
        ar "البحث: عشر نتائج لأعلى";
    /// Finder: move the selection ten results down.
    FinderPageDown = "finder_page_down", ["pagedown"], finder,
        en "Finder: ten results down",
        ar "البحث: عشر نتائج لأسفل";
    /// Finder: switch between names and full text.
    FinderSwitch = "finder_switch", ["tab", "backtab"], finder,
        en "Finder: names ↔ full text",
        ar "البحث: الأسماء ↔ النص الكامل",
        hint "names/text" / "الأسماء/النص";
    /// Finder: close and go to the selected result.
    FinderJump = "finder_jump", ["enter"], finder,
        en "Finder: go to the selected result",
        ar "البحث: الانتقال إلى النتيجة المختارة",
        hint "go" / "انتقال";
    /// Finder: close without going anywhere.
    FinderClose = "finder_close", ["esc"], finder,
        en "Finder: close",
        ar "البحث: إغلاق",
        hint "close" / "إغلاق";
    /// Finder: copy the selected result as the dataset spells it.
    FinderCopy = "finder_copy", ["ctrl-y"], finder,
        en "Finder: copy the selected result",
        ar "البحث: نسخ النتيجة المختارة",
        hint "copy" / "نسخ";
    /// Finder: move the query cursor the way the arrow points.
    FinderLeft = "finder_left", ["left"], finder,
        en "Finder: cursor left",
        ar "البحث: المؤشر يساراً";
    /// Finder: move the query cursor the way the arrow points.
    FinderRight = "finder_right", ["right"], finder,
        en "Finder: cursor right",
        ar "البحث: المؤشر يميناً";
    /// Finder: cursor to the start of the query.
    FinderStart = "finder_start", ["home", "ctrl-a"], finder,
        en "Finder: cursor to the start of the query",
        ar "البحث: المؤشر إلى بداية الاستعلام";
    /// Finder: cursor to the end of the query.
    FinderEnd = "finder_end", ["end", "ctrl-e"], finder,
        en "Finder: cursor to the end of the query",
        ar "البحث: المؤشر إلى نهاية الاستعلام";
    /// Finder: delete the character before the cursor.
    FinderDeleteBack = "finder_delete_back", ["backspace"], finder,
        en "Finder: delete the character before the cursor",
        ar "البحث: حذف الحرف قبل المؤشر";
    /// Finder: delete the character after the cursor.
    FinderDelete = "finder_delete", ["delete"], finder,
        en "Finder: delete the character after the cursor",
        ar "البحث: حذف الحرف بعد المؤشر";
    /// Finder: delete the spaces before the cursor, then the word before them.
    FinderDeleteWord = "finder_delete_word", ["ctrl-w"], finder,
        en "Finder: delete the word before the cursor",
        ar "البحث: حذف الكلمة قبل المؤشر";
    /// Finder: delete from the start of the query to the cursor.
    FinderDeleteToStart = "finder_delete_to_start", ["ctrl-u"], finder,
        en "Finder: delete to the start of the query",
        ar "البحث: الحذف حتى بداية الاستعلام";
}

impl Action {
    /// Every bindable action, in table order.
    pub fn bindable() -> impl Iterator<Item = Action> {
        ACTIONS.iter().map(|a| a.action)
    }

    /// The action's row in [`ACTIONS`]; `None` for resize and the mouse.
    pub fn info(self) -> Option<&'static ActionInfo> {
        ACTIONS.iter().find(|a| a.action == self)
    }

    /// True for the finder's own actions, bound in the finder's context.
    pub fn is_finder(self) -> bool {
        self.info().is_some_and(|a| a.finder)
    }

    /// The config-file name of a bindable action.
    pub fn name(self) -> &'static str {
        match self {
            Action::Resize { .. } => "resize",
            Action::Click { .. } => "click",
            Action::Wheel { .. } => "wheel",
            _ => self.info().map_or("", |a| a.name),
        }
    }

    /// What a bindable action does, in `lang` (empty for the others).
    pub fn about(self, lang: Lang) -> &'static str {
        self.info().map_or("", |a| a.about.get(lang))
    }

    /// The action's status-bar label in `lang` (empty when it has none).
    pub fn hint(self, lang: Lang) -> &'static str {
        self.info().and_then(|a| a.hint).map_or("", |h| h.get(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_named_as_its_config_key_deserializes() {
        for info in ACTIONS {
            let parsed: Action =
                serde::de::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                    serde::de::value::Error,
                >::new(info.name))
                .unwrap_or_else(|e| panic!("{}: {e}", info.name));
            assert_eq!(parsed, info.action, "{}", info.name);
        }
    }

    #[test]
    fn every_row_is_described_in_both_languages() {
        for info in ACTIONS {
            assert!(
                !info.about.en.is_empty() && !info.about.ar.is_empty(),
                "{}",
                info.name
            );
        }
        let mut names: Vec<&str> = ACTIONS.iter().map(|a| a.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len(), "two rows share a name");
    }
}
