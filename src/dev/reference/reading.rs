//! Reading a query into words, from docs/search.md's "Reading a query": as
//! typed, without punctuation, on the other keyboard layout; the titles and
//! function words; each word's skeleton and allowed edits.

use std::ops::Range;

use super::fold::{fold, is_arabic, is_separator};
use super::spelling::{allowed_edits, skeleton};

/// A query's word: the bytes of the query it was typed as, and its folding.
#[derive(Debug, Clone)]
pub struct Word {
    pub typed: Range<usize>,
    pub folded: String,
    pub stop: bool,
}

/// A reading of the query: its words, none empty.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub words: Vec<Word>,
}

impl Reading {
    /// The words of `chars` (each with the query bytes it was typed as), cut
    /// at separators; with `clean`, each without its punctuation. A word that
    /// folds to nothing is no word.
    pub fn of(chars: &[(char, Range<usize>)], clean: bool) -> Reading {
        let mut words = Vec::new();
        for part in chars.split(|(c, _)| is_separator(*c)) {
            let (Some(first), Some(last)) = (part.first(), part.last()) else {
                continue;
            };
            let letters: Vec<char> = part.iter().map(|(c, _)| *c).collect();
            let text = if clean {
                without_punctuation(&letters)
            } else {
                letters.iter().collect()
            };
            let folded = fold(&text);
            if !folded.is_empty() {
                words.push(Word {
                    typed: first.1.start..last.1.end,
                    stop: is_stop_word(&folded),
                    folded,
                });
            }
        }
        Reading { words }
    }

    pub fn typed(query: &str, clean: bool) -> Reading {
        let chars: Vec<(char, Range<usize>)> = query
            .char_indices()
            .map(|(i, c)| (c, i..i + c.len_utf8()))
            .collect();
        Reading::of(&chars, clean)
    }

    /// The folded words, one space between.
    pub fn folded(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.folded.as_str()).collect();
        words.join(" ")
    }

    /// Two words or more, every one a title or function word.
    pub fn only_stop_words(&self) -> bool {
        self.words.len() > 1 && self.words.iter().all(|w| w.stop)
    }

    /// The typed bytes of the words not in `matched` (one bit per word).
    pub fn unmatched(&self, matched: u32) -> Vec<Range<usize>> {
        let words = self.words.iter().take(32).enumerate();
        words
            .filter(|(i, _)| matched & (1 << i) == 0)
            .map(|(_, w)| w.typed.clone())
            .collect()
    }
}

const QUOTES: &str = "\"'`«»“”„‘’‚‹›()[]{}<>﴾﴿";
const TRAILING: &str = ",،.۔";

/// A word without the quotes and brackets around it, a trailing comma or
/// full stop, a Latin possessive, and the dots of an abbreviation of single
/// letters; repeated until nothing changes.
pub fn without_punctuation(word: &[char]) -> String {
    let mut w: Vec<char> = word.to_vec();
    loop {
        let before = w.clone();
        while w.first().is_some_and(|&c| QUOTES.contains(c)) {
            w.remove(0);
        }
        while w
            .last()
            .is_some_and(|&c| QUOTES.contains(c) || TRAILING.contains(c))
        {
            w.pop();
        }
        let n = w.len();
        if n > 2 && matches!(w[n - 2], '\'' | '’') && matches!(w[n - 1], 's' | 'S') {
            w.truncate(n - 2);
        }
        if w == before {
            break;
        }
    }
    let parts: Vec<&[char]> = w.split(|&c| c == '.').collect();
    if parts.len() > 1 && parts.iter().all(|p| p.len() == 1 && p[0].is_alphabetic()) {
        return parts.concat().into_iter().collect();
    }
    w.into_iter().collect()
}

/// docs/search.md's list of titles and function words.
const STOP_WORDS: &str = "الرئيس رئيس الرئيسة رئيسة الزعيم زعيم الزعيمة القائد قائد السيد السيدة \
    الشيخ الملك الملكة الأمير الرفيق الجنرال المارشال الدكتور الوزير وزير المستشار \
    في من إلى الى على عن مع و أو ثم هذا هذه ذلك الذي التي \
    president leader supreme chairman premier general comrade king queen prince minister \
    mr mrs ms dr sir \
    the of and or a an in on at to for with by from";

pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.split_whitespace().any(|w| fold(w) == folded)
}

/// A query word as the word-by-word matching sees it.
#[derive(Debug, Clone)]
pub struct QueryWord {
    pub folded: Vec<char>,
    pub skeleton: Vec<char>,
    pub edits: usize,
    pub prefix: bool,
    pub stop: bool,
    /// Two letters or more, and a skeleton that keeps a third of them.
    pub looked_for: bool,
}

impl QueryWord {
    pub fn counts(&self) -> bool {
        self.looked_for && !self.stop
    }
}

/// The words of a reading one by one: only for 1 to 8 words and 4 folded
/// characters or more.
pub fn query_words(r: &Reading, typos: bool) -> Vec<QueryWord> {
    let n = r.words.len();
    if n == 0 || n > 8 || r.folded().chars().count() < 4 {
        return Vec::new();
    }
    let words = r.words.iter().enumerate().map(|(i, w)| {
        let folded: Vec<char> = w.folded.chars().collect();
        let skeleton = skeleton(&folded);
        QueryWord {
            edits: if typos {
                allowed_edits(folded.len().min(skeleton.len()))
            } else {
                0
            },
            prefix: i + 1 == n && skeleton.len() >= 3,
            stop: w.stop,
            looked_for: folded.len() >= 2
                && !skeleton.is_empty()
                && 3 * skeleton.len() >= folded.len(),
            skeleton,
            folded,
        }
    });
    words.collect()
}

/// Microsoft's Arabic (101) layout over the US one: the US keys, unshifted
/// then shifted, and what each types on the Arabic layout (keys that type
/// the same character left out).
const LAYOUT: &[(&str, &[&str])] = &[
    (
        "`qwertyuiop[]asdfghjkl;'zxcvbnm,./",
        &[
            "ذ", "ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د", "ش", "س", "ي", "ب",
            "ل", "ا", "ت", "ن", "م", "ك", "ط", "ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ",
        ],
    ),
    (
        "~()QWERTYUIOP{}ASDFGHJKLZXCVBNM<>?",
        &[
            "\u{651}", ")", "(", "\u{64e}", "\u{64b}", "\u{64f}", "\u{64c}", "لإ", "إ", "`", "÷",
            "×", "؛", "<", ">", "\u{650}", "\u{64d}", "]", "[", "لأ", "أ", "ـ", "،", "/", "~",
            "\u{652}", "}", "{", "لآ", "آ", "'", ",", ".", "؟",
        ],
    ),
];

/// Every (US key, Arabic text) pair of [`LAYOUT`].
fn keys() -> Vec<(char, String)> {
    let mut out = Vec::new();
    for (us, arabic) in LAYOUT {
        out.extend(us.chars().zip(arabic.iter().map(|a| a.to_string())));
    }
    out
}

/// A query typed on the US layout read as the Arabic layout types the same
/// keys: only a query all of ASCII that gives an Arabic letter.
pub fn to_arabic(query: &str) -> Option<Vec<(char, Range<usize>)>> {
    if !query.is_ascii() {
        return None;
    }
    let keys = keys();
    let mut out = Vec::new();
    for (i, c) in query.char_indices() {
        let typed = keys.iter().find(|(k, _)| *k == c).map(|(_, a)| a.as_str());
        match typed {
            Some(a) => out.extend(a.chars().map(|x| (x, i..i + 1))),
            None => out.push((c, i..i + 1)),
        }
    }
    out.iter().any(|(c, _)| is_arabic(*c)).then_some(out)
}

/// A query typed on the Arabic layout read as the US layout types the same
/// keys: only a query with an Arabic letter and no Latin one, every other
/// character a key of the layout, ASCII or whitespace. Lam and an alef
/// together are two keys (`g`, `h`) or one (`b`): the two-key reading
/// first, then the one-key reading when the query has such a pair.
pub fn to_latin(query: &str) -> Vec<Vec<(char, Range<usize>)>> {
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let arabic = chars.iter().any(|&(_, c)| is_arabic(c));
    if !arabic || chars.iter().any(|&(_, c)| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let keys = keys();
    let end_of = |k: usize| chars.get(k).map_or(query.len(), |&(j, _)| j);
    let key_typing = |s: &str| keys.iter().find(|(_, a)| a == s).map(|(k, _)| *k);
    let ligature = |c: char| match c {
        'ﻻ' | 'ﻼ' => Some('b'),
        'ﻵ' | 'ﻶ' => Some('B'),
        'ﻷ' | 'ﻸ' => Some('G'),
        'ﻹ' | 'ﻺ' => Some('T'),
        _ => None,
    };
    let mut readings = Vec::new();
    for pairs in [false, true] {
        let mut out = Vec::new();
        let mut used = false;
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if pairs && let Some(&(_, next)) = chars.get(k + 1) {
                let two: String = [c, next].iter().collect();
                if let Some(key) = key_typing(&two) {
                    out.push((key, i..end_of(k + 2)));
                    used = true;
                    k += 2;
                    continue;
                }
            }
            match ligature(c).or_else(|| key_typing(&c.to_string())) {
                Some(key) => out.push((key, i..end_of(k + 1))),
                None if c.is_ascii() || c.is_whitespace() => out.push((c, i..end_of(k + 1))),
                None => return readings,
            }
            k += 1;
        }
        if !pairs || used {
            readings.push(out);
        }
    }
    readings
}
