//! The script of the interface's own numbers (`digits` in config.toml):
//! years the program adds from era fields, the ruler's decades, counters and
//! positions. Text from the dataset is never converted: only numbers the
//! interface formats go through [`Digits::write`].
//!
//! Arabic-Indic digits (U+0660–U+0669) are bidi class AN, not EN: a neutral
//! between two of them resolves right to left in any paragraph (UAX #9 N1),
//! where one between two European digits after a left-to-right letter
//! resolves left to right (W7). [`crate::ui::years::year_range`] orders a
//! range for that; the ruler's labels stand apart (see
//! `ui::view::ruler`).

use serde::Deserialize;

use super::strings::Lang;

/// Which digits the interface writes its numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// `0123456789`.
    #[default]
    Latin,
    /// `٠١٢٣٤٥٦٧٨٩` (U+0660–U+0669), in the Arabic interface only.
    ArabicIndic,
}

impl Digits {
    /// The names `config.toml` takes.
    pub const NAMES: [&'static str; 2] = ["latin", "arabic-indic"];

    /// The digits an interface in `lang` writes: the English interface
    /// always writes Latin digits.
    pub fn for_lang(self, lang: Lang) -> Digits {
        match lang {
            Lang::Ar => self,
            Lang::En => Digits::Latin,
        }
    }

    /// `n` as these digits write it (`1970` or `١٩٧٠`); a sign stays as it is.
    pub fn write(self, n: impl std::fmt::Display) -> String {
        let text = n.to_string();
        match self {
            Digits::Latin => text,
            Digits::ArabicIndic => text.chars().map(arabic_indic).collect(),
        }
    }
}

/// An ASCII digit as its Arabic-Indic twin; anything else as it is.
fn arabic_indic(c: char) -> char {
    match c.to_digit(10) {
        Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_the_chosen_digits() {
        assert_eq!(Digits::Latin.write(1970), "1970");
        assert_eq!(Digits::ArabicIndic.write(1970), "١٩٧٠");
        assert_eq!(Digits::ArabicIndic.write(-45), "-٤٥");
        assert_eq!(Digits::ArabicIndic.write(1234567890_u64), "١٢٣٤٥٦٧٨٩٠");
        let all: String = (0..10).map(|d| Digits::ArabicIndic.write(d)).collect();
        let expected: String = ('\u{0660}'..='\u{0669}').collect();
        assert_eq!(all, expected);
    }

    #[test]
    fn the_english_interface_writes_latin_digits() {
        assert_eq!(Digits::ArabicIndic.for_lang(Lang::En), Digits::Latin);
        assert_eq!(Digits::ArabicIndic.for_lang(Lang::Ar), Digits::ArabicIndic);
        assert_eq!(Digits::Latin.for_lang(Lang::Ar), Digits::Latin);
    }
}
