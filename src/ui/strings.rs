//! Every string the interface shows, in Arabic and English, in one place.
//! Dataset text is not here: it comes from the dataset. These strings still
//! go through the layout engine like everything else drawn.

use super::digits::Digits;

/// The start-up notice inside tmux in front of a bidi terminal, when tmux
/// keeps our sequences from it (the program is then in terminal mode, which
/// reads right; app mode needs the sequences). In one language on purpose,
/// plain ASCII: that terminal reorders whatever Arabic we would draw.
pub const TMUX_GUIDANCE: &str =
    "Arabic in tmux: run `tmux set -g allow-passthrough on`, then restart nkru-tui";

/// The start-up notice inside a tmux whose outer terminal could not be
/// learned (a tmux on another machine, or one that did not answer): the
/// program draws for a terminal without bidi, which a bidi terminal
/// outside reverses again. Plain ASCII for the same reason; `{key}` is the
/// mode switch's key.
pub const TMUX_UNKNOWN_GUIDANCE: &str =
    "Arabic unreadable? Press {key} (outer terminal unknown: see `nkru-tui terminal`)";

/// The status bar's item behind a tmux that lets the mode sequences through
/// to no terminal outside (refused, or the terminal unknown), where one of
/// the two modes is unreadable: the mode switch's key (`{key}`), in Latin
/// letters, which every terminal draws readably in either mode.
pub const MODE_HINT: &str = "{key} bidi mode";

/// After a live switch to App mode, and to Terminal mode. Plain ASCII in
/// both interface languages: the new mode may be the one this terminal
/// cannot show, and Latin letters read right in every mode. `{key}` is the
/// mode switch's key.
pub const MODE_APP: &str = "Bidi mode: app. Screen unreadable? Press {key} to switch back";
/// See [`MODE_APP`].
pub const MODE_TERMINAL: &str =
    "Bidi mode: terminal. Screen unreadable? Press {key} to switch back";
/// The first row of the help, beside the mode switch's keys; plain ASCII,
/// as [`MODE_APP`].
pub const MODE_ESCAPE: &str = "Arabic unreadable? Switch the bidi mode";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

#[derive(Debug)]
pub struct Strings {
    pub lang: Lang,
    /// The digits of the interface's own numbers.
    pub digits: Digits,
    pub eras: &'static str,
    pub related: &'static str,
    /// Appended to editorial labels in the sidebar (and explained in help).
    pub editorial_mark: &'static str,
    pub editorial_note: &'static str,
    /// Below the smallest full layout; `{size}` is filled in by [`Strings::enlarge`].
    enlarge: &'static str,
    pub help_title: &'static str,
    pub about_title: &'static str,
    pub help_close: &'static str,
    pub about_source: &'static str,
    pub about_attribution: &'static str,
    pub about_published: &'static str,
    pub about_keywords: &'static str,
    pub about_counts: &'static str,
    pub no_results: &'static str,
    pub no_mentions: &'static str,
    pub state_unreadable: &'static str,
    pub state_unknown_era: &'static str,
    /// Shown once when the browser reopens at the saved place.
    pub state_resumed: &'static str,
    pub config_unreadable: &'static str,
    /// Where a config notice sends the reader for every detail.
    pub config_check: &'static str,
    pub highlights_cleared: &'static str,
    /// After the justification key: none, spaces, kashida.
    pub justify_names: [&'static str; 3],
    pub mouse_keys: &'static str,
    /// `{n}` characters copied, `{via}` the routes that took them.
    pub copied: &'static str,
    pub no_clipboard: &'static str,
    /// Ctrl-Z without a job-control shell to return to.
    pub no_suspend: &'static str,
    /// `{via}` the clipboard programs that had not finished at their deadline.
    pub copy_timed_out: &'static str,
    /// A copy asked for while the last one still runs.
    pub copy_busy: &'static str,
    /// The finder's title in names mode (Tab switches).
    pub finder_names: &'static str,
    /// The finder's title in full-text mode.
    pub finder_text: &'static str,
    /// A mention count, by grammatical number (see [`Strings::mentions`]):
    /// one, two, few, and the rest; `{n}` stands for the count.
    finder_mentions: [&'static str; 4],
    /// After an era count: `3/11 eras`.
    pub finder_eras: &'static str,
    /// Before an era's years in the finder's preview: `Era: 1970–1979`.
    pub finder_era: &'static str,
    /// After the number of full-text results.
    pub finder_matches: &'static str,
    /// Kind tags of the finder's rows: person, place, organization, era.
    kinds: [&'static str; 4],
    /// Before the finder's keys in the help popup.
    pub finder_keys: &'static str,
    /// In the finder while the index is being built; `{p}` is the share
    /// done so far ([`Strings::indexing`]), when it is known.
    indexing: &'static str,
    /// [`Strings::indexing`] before the build has counted its work.
    indexing_start: &'static str,
}

pub static AR: Strings = Strings {
    lang: Lang::Ar,
    digits: Digits::Latin,
    eras: "الحقب",
    related: "إقرأ أيضاً",
    editorial_mark: "*",
    editorial_note: "* عنوان وضعه المحررون وليس من المصدر",
    enlarge: "كبّر نافذة الطرفية ({size} على الأقل)",
    help_title: "المفاتيح",
    about_title: "عن المقال",
    help_close: "Esc للإغلاق",
    about_source: "المصدر",
    about_attribution: "نقلاً عن",
    about_published: "تاريخ النشر",
    about_keywords: "الكلمات المفتاحية",
    about_counts: "حقب / فقرات / أسماء",
    no_results: "لا نتائج",
    no_mentions: "لا مواضع مظللة",
    state_unreadable: "تعذرت قراءة ملف الحالة، استخدمت القيم الافتراضية",
    state_unknown_era: "الحقبة المحفوظة غير موجودة، بدأنا من الأولى",
    state_resumed: "استُؤنفت القراءة من حيث توقفت؛ للبدء من أول المقال: nkru-tui --fresh",
    config_unreadable: "أُهملت الإعدادات",
    config_check: "انظر nkru-tui config --check",
    highlights_cleared: "أزيل التظليل",
    justify_names: ["أسطر بلا ضبط", "ضبط الأسطر بالمسافات", "ضبط الأسطر بالكشيدة"],
    mouse_keys: "الفأرة: نقرة لاختيار حقبة أو موضع على الخط الزمني، العجلة للتمرير",
    copied: "نُسخ {n} حرفاً إلى الحافظة ({via})",
    no_clipboard: "تعذر الوصول إلى الحافظة: ثبّت wl-copy أو xclip أو xsel",
    no_suspend: "لا صدفة يُعاد إليها: لم يُشغَّل البرنامج من صدفة تدير المهام",
    copy_timed_out: "انتهت مهلة النسخ: لم يُجب {via}",
    copy_busy: "ما زال النسخ السابق جارياً",
    finder_keys: "في نافذة البحث (الكتابة تعدّل الاستعلام):",
    finder_names: "بحث: الأسماء · Tab: النص الكامل",
    finder_text: "بحث: النص الكامل · Tab: الأسماء",
    finder_mentions: ["مرة واحدة", "مرتان", "{n} مرات", "{n} مرة"],
    finder_eras: "حقب",
    finder_era: "حقبة",
    finder_matches: "موضع",
    indexing: "جارٍ الفهرسة… {p}٪ · ستظهر النتائج حين تكتمل",
    indexing_start: "جارٍ الفهرسة… · ستظهر النتائج حين تكتمل",
    kinds: ["شخص", "مكان", "منظمة", "حقبة"],
};

/// [`AR`] with Arabic-Indic digits (`digits = "arabic-indic"`).
static AR_ARABIC_INDIC: Strings = Strings {
    digits: Digits::ArabicIndic,
    ..AR
};

pub static EN: Strings = Strings {
    lang: Lang::En,
    digits: Digits::Latin,
    eras: "Eras",
    related: "Related",
    editorial_mark: "*",
    editorial_note: "* label supplied by the editors, not by the source",
    enlarge: "Enlarge the terminal (at least {size})",
    help_title: "Keys",
    about_title: "About",
    help_close: "Esc to close",
    about_source: "Source",
    about_attribution: "After",
    about_published: "Published",
    about_keywords: "Keywords",
    about_counts: "Eras / paragraphs / names",
    no_results: "No results",
    no_mentions: "No highlighted mentions",
    state_unreadable: "State file unreadable, using defaults",
    state_unknown_era: "Saved era no longer exists, starting at the first",
    state_resumed: "Reopened where you left off; to start at the beginning: nkru-tui --fresh",
    config_unreadable: "Config ignored (defaults)",
    config_check: "see nkru-tui config --check",
    highlights_cleared: "Highlights cleared",
    justify_names: [
        "Lines ragged",
        "Lines justified with spaces",
        "Lines justified with kashida",
    ],
    mouse_keys: "Mouse: click an era or the timeline, wheel scrolls",
    copied: "Copied {n} characters to the clipboard ({via})",
    no_clipboard: "No clipboard reachable: install wl-copy, xclip or xsel",
    no_suspend: "Nothing to suspend to: not started from a job-control shell",
    copy_timed_out: "Copy timed out: {via} did not answer",
    copy_busy: "The last copy is still under way",
    finder_keys: "In the finder (typing edits the query):",
    finder_names: "Find: names · Tab: full text",
    finder_text: "Find: full text · Tab: names",
    finder_mentions: ["1 mention", "2 mentions", "{n} mentions", "{n} mentions"],
    finder_eras: "eras",
    finder_era: "Era",
    finder_matches: "matches",
    indexing: "Indexing… {p}% · results appear when it is done",
    indexing_start: "Indexing… · results appear when it is done",
    kinds: ["person", "place", "org", "era"],
};

/// Month names as the article spells them (يوليو, أغسطس, سبتمبر …).
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Strings {
    pub fn for_lang(lang: Lang) -> &'static Strings {
        match lang {
            Lang::Ar => &AR,
            Lang::En => &EN,
        }
    }

    /// The strings of `lang` writing their numbers in `digits` (the English
    /// interface always in Latin digits, see [`Digits::for_lang`]).
    pub fn with_digits(lang: Lang, digits: Digits) -> &'static Strings {
        match digits.for_lang(lang) {
            Digits::Latin => Strings::for_lang(lang),
            Digits::ArabicIndic => &AR_ARABIC_INDIC,
        }
    }

    /// The "enlarge the terminal" message, naming the smallest full layout
    /// ([`super::geometry::MIN_WIDTH`] × [`super::geometry::MIN_HEIGHT`]).
    pub fn enlarge(&self) -> String {
        use super::geometry::{MIN_HEIGHT, MIN_WIDTH};
        let size = format!(
            "{}×{}",
            self.digits.write(MIN_WIDTH),
            self.digits.write(MIN_HEIGHT)
        );
        self.enlarge.replace("{size}", &size)
    }

    /// The finder's tag for a kind of result (`person`, `place`,
    /// `organization`, `era`); empty for anything else.
    pub fn kind_tag(&self, kind: &str) -> &'static str {
        let i = match kind {
            "person" => 0,
            "place" => 1,
            "organization" => 2,
            "era" => 3,
            _ => return "",
        };
        self.kinds[i]
    }

    /// A date as a reader of this language writes it (`13 سبتمبر 2023`), so an
    /// ISO date is not turned into `13-09-2023` by bidi reordering (UAX #9 W2
    /// makes its digits Arabic numbers, and `-` does not join those).
    /// Anything that is not a plain date keeps TOML's own spelling.
    pub fn date(&self, value: &toml::value::Datetime) -> String {
        let Some(date) = value.date.filter(|_| value.time.is_none()) else {
            return value.to_string();
        };
        let months = match self.lang {
            Lang::Ar => &MONTHS_AR,
            Lang::En => &MONTHS_EN,
        };
        match months.get(usize::from(date.month).wrapping_sub(1)) {
            Some(month) => format!("{} {month} {}", date.day, date.year),
            None => value.to_string(),
        }
    }

    /// `n` mentions as this language counts them. English: `1 mention`,
    /// `N mentions`. Arabic, by CLDR's plural rules: 1 and 2 by the word
    /// alone (مرة واحدة، مرتان), 3–10 (of each hundred) with the plural
    /// (٣ مرات), everything else with the singular (١١ مرة، ١٠٠ مرة).
    pub fn mentions(&self, n: usize) -> String {
        let form = match (self.lang, n, n % 100) {
            (_, 1, _) => 0,
            (_, 2, _) => 1,
            (Lang::Ar, _, 3..=10) => 2,
            _ => 3,
        };
        self.finder_mentions[form].replace("{n}", &self.digits.write(n))
    }

    /// The finder's line while the index is being built: the share of the
    /// work `done` of `total`, in whole percent (no share before the build
    /// has counted its work, `total == 0`).
    pub fn indexing(&self, done: usize, total: usize) -> String {
        if total == 0 {
            return self.indexing_start.to_string();
        }
        let percent = done.min(total).saturating_mul(100) / total;
        self.indexing.replace("{p}", &self.digits.write(percent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datetime(s: &str) -> toml::value::Datetime {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn the_size_message_names_the_smallest_layout() {
        use crate::ui::geometry::{MIN_HEIGHT, MIN_WIDTH};
        let size = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
        for s in [&AR, &EN] {
            let message = s.enlarge();
            assert!(message.contains(&size), "{message}");
            assert!(!message.contains('{'), "{message}");
        }
    }

    #[test]
    fn mention_counts_follow_each_language_s_grammar() {
        let en: Vec<String> = [0, 1, 2, 3, 11].map(|n| EN.mentions(n)).into();
        assert_eq!(
            en,
            [
                "0 mentions",
                "1 mention",
                "2 mentions",
                "3 mentions",
                "11 mentions"
            ]
        );
        let ar: Vec<String> = [1, 2, 3, 10, 11, 99, 100, 103, 0]
            .map(|n| AR.mentions(n))
            .into();
        assert_eq!(
            ar,
            [
                "مرة واحدة",
                "مرتان",
                "3 مرات",
                "10 مرات",
                "11 مرة",
                "99 مرة",
                "100 مرة",
                "103 مرات",
                "0 مرة"
            ]
        );
    }

    #[test]
    fn mention_counts_take_the_interface_s_digits() {
        let ar = Strings::with_digits(Lang::Ar, Digits::ArabicIndic);
        assert_eq!(ar.mentions(3), "٣ مرات");
        assert_eq!(ar.mentions(103), "١٠٣ مرات");
        assert_eq!(ar.mentions(1), "مرة واحدة");
        let en = Strings::with_digits(Lang::En, Digits::ArabicIndic);
        assert_eq!(en.mentions(3), "3 mentions");
    }

    #[test]
    fn the_indexing_line_gives_the_share_done_in_the_interface_s_digits() {
        let ar = Strings::with_digits(Lang::Ar, Digits::ArabicIndic);
        assert!(ar.indexing(1, 4).contains("٢٥٪"), "{}", ar.indexing(1, 4));
        assert!(EN.indexing(1, 4).contains("25%"), "{}", EN.indexing(1, 4));
        assert!(AR.indexing(3, 3).contains("100٪"), "{}", AR.indexing(3, 3));
        assert!(!EN.indexing(0, 0).contains('%'), "{}", EN.indexing(0, 0));
        // More done than counted (never by the builder) stays at 100.
        assert!(EN.indexing(9, 3).contains("100%"), "{}", EN.indexing(9, 3));
    }

    #[test]
    fn dates_read_in_the_interface_language() {
        let d = datetime("2023-09-13");
        assert_eq!(AR.date(&d), "13 سبتمبر 2023");
        assert_eq!(EN.date(&d), "13 September 2023");
        assert_eq!(AR.date(&datetime("2024-01-02")), "2 يناير 2024");
    }

    #[test]
    fn timestamps_keep_their_toml_spelling() {
        let d = datetime("2024-12-22T19:31:58Z");
        assert_eq!(AR.date(&d), "2024-12-22T19:31:58Z");
    }
}
