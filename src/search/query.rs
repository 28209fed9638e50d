//! Reading a query: its words, punctuation that is not part of a word, and
//! the titles and function words that count for nothing on their own.
//!
//! A query is cut into words where folding puts a space (whitespace, `-`,
//! `_`, dashes). Each word loses, in this order:
//!
//! - quotation marks and brackets around it, Arabic and Latin ([`QUOTES`]),
//!   and a trailing comma or full stop, Arabic or Latin ([`TRAILING`]);
//! - a Latin possessive: `'s` or `’s` (`Putin's` is `Putin`);
//! - the dots of an abbreviation, when every part between dots is one
//!   letter (`U.S.` is `US`, `u.s.a` is `usa`, `D.P.R.K.` is `DPRK`).
//!
//! A word left empty is no word. What remains, joined by single spaces, is
//! the query as understood ([`Understood::text`]); each word keeps where it
//! was typed, so the finder can dim the words a result did not use. The
//! query is matched as typed first ([`Understood::as_typed`]): a name that
//! has the punctuation (`Washington, D.C.`, `d.c`) is found as it always was;
//! only when that finds nothing directly are the cleaned words tried.
//! [`STOP_WORDS`] lists the titles and function words of both scripts.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::normalize::{fold, is_space_like};

/// Quotation marks and brackets taken off either end of a word.
pub const QUOTES: &[char] = &[
    '"', '\'', '`', '«', '»', '“', '”', '„', '‘', '’', '‚', '‹', '›', '(', ')', '[', ']', '{', '}',
    '<', '>', '﴾', '﴿',
];

/// Punctuation taken off the end of a word: Latin and Arabic comma, Latin
/// full stop and the Arabic full stop (U+06D4).
pub const TRAILING: &[char] = &[',', '،', '.', '۔'];

/// Titles and function words, in Arabic and in Latin letters. In a query of
/// several words they count for nothing on their own: a result must match
/// some other word, and a query made only of them finds only the names that
/// are those words or start with them (none here: `the of and` finds
/// nothing). A query of one word is matched as typed (`the` still starts
/// `The Guardian`).
pub const STOP_WORDS: &[&str] = &[
    // Arabic titles, with and without the article.
    "الرئيس",
    "رئيس",
    "الرئيسة",
    "رئيسة",
    "الزعيم",
    "زعيم",
    "الزعيمة",
    "القائد",
    "قائد",
    "السيد",
    "السيدة",
    "الشيخ",
    "الملك",
    "الملكة",
    "الأمير",
    "الرفيق",
    "الجنرال",
    "المارشال",
    "الدكتور",
    "الوزير",
    "وزير",
    "المستشار",
    // Arabic function words.
    "في",
    "من",
    "إلى",
    "الى",
    "على",
    "عن",
    "مع",
    "و",
    "أو",
    "ثم",
    "هذا",
    "هذه",
    "ذلك",
    "الذي",
    "التي",
    // Latin titles.
    "president",
    "leader",
    "supreme",
    "chairman",
    "premier",
    "general",
    "comrade",
    "king",
    "queen",
    "prince",
    "minister",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    // Latin function words.
    "the",
    "of",
    "and",
    "or",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
];

/// The stop words, folded.
static STOP: LazyLock<HashSet<String>> =
    LazyLock::new(|| STOP_WORDS.iter().map(|w| fold(w)).collect());

/// Whether a folded word is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    STOP.contains(folded)
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Bytes of the typed query it came from (quotes and all).
    pub typed: Range<usize>,
    /// The word without its punctuation, folded.
    pub folded: String,
    pub stop: bool,
}

/// A query as search reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Understood {
    /// The words without their punctuation, joined by single spaces (not
    /// folded: what the finder shows).
    pub text: String,
    pub words: Vec<Word>,
    /// Read as typed on the other keyboard layout (see [`super::layout`]).
    pub layout: bool,
    /// The words were cleaned of their punctuation.
    pub clean: bool,
}

/// Each character of a typed query with its own bytes.
fn typed_chars(query: &str) -> impl Iterator<Item = (char, Range<usize>)> + '_ {
    query.char_indices().map(|(i, c)| (c, i..i + c.len_utf8()))
}

impl Understood {
    /// Read `query`, its words without their punctuation.
    pub fn new(query: &str) -> Understood {
        Understood::from_chars(typed_chars(query), true)
    }

    /// Read `query` word by word, punctuation and all.
    pub fn as_typed(query: &str) -> Understood {
        Understood::from_chars(typed_chars(query), false)
    }

    /// Read a query given as characters, each with the bytes of the typed
    /// query it stands for (a layout reading maps a key's character to the
    /// key typed); with `clean`, each word without its punctuation.
    pub fn from_chars(
        chars: impl IntoIterator<Item = (char, Range<usize>)>,
        clean: bool,
    ) -> Understood {
        let mut out = Understood {
            clean,
            ..Understood::default()
        };
        let mut word: Vec<(char, Range<usize>)> = Vec::new();
        for (c, at) in chars {
            if is_space_like(c) {
                out.push_word(&word);
                word.clear();
            } else {
                word.push((c, at));
            }
        }
        out.push_word(&word);
        out
    }

    fn push_word(&mut self, word: &[(char, Range<usize>)]) {
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return;
        };
        let chars: Vec<char> = word.iter().map(|(c, _)| *c).collect();
        let clean = if self.clean {
            clean_word(&chars)
        } else {
            chars.iter().collect()
        };
        let folded = fold(&clean);
        if folded.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(&clean);
        self.words.push(Word {
            typed: first.1.start..last.1.end,
            stop: is_stop_word(&folded),
            folded,
        });
    }

    /// The words folded and joined by single spaces: what the matcher reads.
    pub fn folded(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.folded.as_str()).collect();
        words.join(" ")
    }

    /// Several words, every one of them a stop word.
    pub fn only_stop_words(&self) -> bool {
        self.words.len() > 1 && self.words.iter().all(|w| w.stop)
    }

    /// The typed bytes of the words whose bit is clear in `matched` (the
    /// first 32 words have a bit; `u32::MAX` is the whole query).
    pub fn unmatched(&self, matched: u32) -> Vec<Range<usize>> {
        (0..self.words.len().min(32))
            .filter(|&i| matched & (1 << i) == 0)
            .map(|i| self.words[i].typed.clone())
            .collect()
    }
}

/// A word without the punctuation around it, its possessive and the dots
/// of an abbreviation (see the module documentation).
pub fn clean_word(word: &[char]) -> String {
    let mut w: &[char] = word;
    loop {
        let before = w.len();
        while let [first, rest @ ..] = w
            && QUOTES.contains(first)
        {
            w = rest;
        }
        while let [rest @ .., last] = w
            && (QUOTES.contains(last) || TRAILING.contains(last))
        {
            w = rest;
        }
        if let [rest @ .., '\'' | '’', 's' | 'S'] = w
            && !rest.is_empty()
        {
            w = rest;
        }
        if w.len() == before {
            break;
        }
    }
    let parts: Vec<&[char]> = w.split(|&c| c == '.').collect();
    let abbreviation =
        parts.len() > 1 && parts.iter().all(|p| matches!(p, [c] if c.is_alphabetic()));
    if abbreviation {
        parts.concat().into_iter().collect()
    } else {
        w.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        Understood::new(s).text
    }

    #[test]
    fn punctuation_is_not_part_of_a_word() {
        for (typed, want) in [
            ("U.S.", "US"),
            ("u.s.a", "usa"),
            ("D.P.R.K.", "DPRK"),
            ("Putin's", "Putin"),
            ("Putin’s", "Putin"),
            ("\"Putin's\",", "Putin"),
            ("«بوتين»", "بوتين"),
            ("(كيم)", "كيم"),
            ("بوتين،", "بوتين"),
            ("موسكو.", "موسكو"),
            ("“kim” jong-un.", "kim jong un"),
            ("Washington, D.C.", "Washington DC"),
            ("Ph.D", "Ph.D"),
            ("O'Brien", "O'Brien"),
            ("« »", ""),
        ] {
            assert_eq!(clean(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn words_keep_where_they_were_typed() {
        let q = "president «Putin's»";
        let u = Understood::new(q);
        assert_eq!(u.words.len(), 2);
        assert!(u.words[0].stop && !u.words[1].stop);
        assert_eq!(&q[u.words[1].typed.clone()], "«Putin's»");
        assert_eq!(u.folded(), "president putin");
        let president: Vec<Range<usize>> = std::iter::once(0..9).collect();
        assert_eq!(u.unmatched(0b10), president);
        assert!(u.unmatched(u32::MAX).is_empty());
    }

    #[test]
    fn stop_words_alone() {
        assert!(Understood::new("the of and").only_stop_words());
        assert!(Understood::new("الرئيس في").only_stop_words());
        assert!(!Understood::new("the").only_stop_words());
        assert!(!Understood::new("the guardian").only_stop_words());
        // Every listed word is found in its folded form.
        for w in STOP_WORDS {
            assert!(is_stop_word(&fold(w)), "{w}");
        }
    }
}
