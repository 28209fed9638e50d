//! Reproducible synthetic datasets (schema 1) for benchmarks and hardening
//! tests: the core of `examples/gen.rs`, here so that benches and tests can
//! build the same data in-process.
//!
//! The text is drawn from the embedded article's vocabulary, with Western and
//! Arabic-Indic digits, Arabic and Latin punctuation, brackets and guillemets,
//! harakat and some Latin words. Entity names are planted in the text in
//! turn, so every entity is mentioned once the text has enough room, and
//! mention detection has real work to do. The same [`Params`] always give
//! the same dataset (a seeded splitmix64, no outside randomness).

use crate::data::{Dataset, Entity, EntityKind, Era, Meta, SCHEMA_VERSION};

/// What to generate. `Params::large()` is the benchmark's "large dataset"
/// (10,000 eras × 5 paragraphs, 100,000 entities, about 50 MB of TOML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub eras: usize,
    pub paragraphs: usize,
    pub entities: usize,
    pub seed: u64,
    /// Words per paragraph on average (uniform between half and one and a half times this).
    pub words: usize,
}

/// The default words per paragraph: makes [`Params::large`] about 50 MB.
pub const DEFAULT_WORDS: usize = 60;

impl Default for Params {
    fn default() -> Self {
        Params {
            eras: 100,
            paragraphs: 5,
            entities: 1000,
            seed: 1,
            words: DEFAULT_WORDS,
        }
    }
}

impl Params {
    /// 10,000 eras × 5 paragraphs, 100,000 entities: the large dataset.
    pub fn large() -> Self {
        Params {
            eras: 10_000,
            paragraphs: 5,
            entities: 100_000,
            seed: 7,
            words: DEFAULT_WORDS,
        }
    }
}

/// Where the words of the text, the names and the notes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Vocabulary {
    /// The embedded article's few thousand words, and names of syllables.
    #[default]
    Article,
    /// A large vocabulary as a real corpus has: `forms` made-up words (Arabic,
    /// a tenth Latin) drawn with Zipf's law (the word of rank `k` about
    /// `1/k` as often as the first), so that a 60 MB text holds about a
    /// million distinct words; names and notes are made of them too.
    Zipf { forms: usize },
}

impl Vocabulary {
    /// The Zipf profile of the large-vocabulary benchmarks.
    pub const LARGE: Vocabulary = Vocabulary::Zipf { forms: 4_000_000 };
}

/// splitmix64: tiny, seedable, and good enough to make text look varied.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An item of a non-empty slice (callers never pass an empty one).
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Arabic syllables with a Latin transliteration, for made-up names.
const SYLLABLES: &[(&str, &str)] = &[
    ("كا", "ka"),
    ("مي", "mi"),
    ("رو", "ro"),
    ("سا", "sa"),
    ("نو", "no"),
    ("لي", "li"),
    ("با", "ba"),
    ("تو", "to"),
    ("دي", "di"),
    ("فا", "fa"),
    ("جو", "jo"),
    ("ها", "ha"),
    ("زي", "zi"),
    ("شا", "sha"),
    ("غو", "gho"),
    ("يو", "yu"),
    ("قا", "qa"),
    ("ني", "ni"),
    ("وا", "wa"),
    ("سو", "so"),
    ("را", "ra"),
    ("مو", "mo"),
    ("كي", "ki"),
    ("لا", "la"),
    ("بو", "bo"),
    ("تي", "ti"),
    ("دا", "da"),
    ("في", "fi"),
    ("جا", "ja"),
    ("هو", "ho"),
];
const HARAKAT: &[char] = &[
    '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{064B}',
];
const LATIN: &[&str] = &[
    "RT",
    "AP",
    "Reuters",
    "UN",
    "G20",
    "Pyongyang",
    "Kremlin",
    "KCNA",
    "TASS",
    "Vostochny",
];
const PUNCT: &[&str] = &["،", ".", ":", "؛", "؟", "!", "-"];
const ARABIC_DIGITS: [char; 10] = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

/// The embedded article's words (punctuation trimmed), or made-up ones if
/// the embedded dataset cannot be read.
fn vocabulary() -> Vec<String> {
    let words: Vec<String> = toml::from_str::<Dataset>(crate::data::EMBEDDED)
        .map(|seed| {
            seed.sections()
                .flat_map(|s| s.paragraphs.iter())
                .flat_map(|p| p.split_whitespace())
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_string())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if words.is_empty() {
        return SYLLABLES.iter().map(|(a, _)| a.repeat(2)).collect();
    }
    words
}

/// A distinct Arabic name and its transliteration: two or three random
/// syllables, then the index written in syllables (so 100,000 names never collide).
fn name(rng: &mut Rng, index: usize) -> (String, String) {
    let mut arabic = String::new();
    let mut latin = String::new();
    for _ in 0..2 + rng.below(2) {
        let (a, l) = rng.pick(SYLLABLES);
        arabic.push_str(a);
        latin.push_str(l);
    }
    arabic.push(' ');
    latin.push(' ');
    let mut n = index;
    loop {
        let (a, l) = SYLLABLES[n % SYLLABLES.len()];
        arabic.push_str(a);
        latin.push_str(l);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    (arabic, capitalize(&latin))
}

fn capitalize(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn arabic_number(mut n: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(ARABIC_DIGITS[n % 10]);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// Generator state: the random stream, the words, and which entity name is
/// planted next (names go in turn, so every entity gets mentioned).
struct Gen {
    rng: Rng,
    vocab: Vec<String>,
    /// `Some(forms)`: words are drawn by [`zipf_word`] instead of from `vocab`.
    zipf: Option<usize>,
    names: Vec<String>,
    next_name: usize,
    /// Per mille of words that are entity names: at least 3%, more when
    /// there are many entities for the words, so that all of them fit.
    name_rate: usize,
}

/// The share of names (per mille) that plants every entity at least once,
/// with a fifth to spare for the randomness of the draw.
fn name_rate(params: &Params) -> usize {
    let words = params
        .eras
        .saturating_mul(params.paragraphs)
        .saturating_mul(params.words)
        .max(1);
    let needed = params.entities.saturating_mul(1200).div_ceil(words);
    needed.clamp(30, 500)
}

impl Gen {
    /// A plain word of the vocabulary.
    fn pick_word(&mut self) -> String {
        match self.zipf {
            Some(forms) => {
                let rank = zipf_rank(&mut self.rng, forms);
                zipf_word(rank)
            }
            None => self.rng.pick(&self.vocab).clone(),
        }
    }

    fn word(&mut self) -> String {
        if !self.names.is_empty() && self.rng.below(1000) < self.name_rate {
            let n = self.names[self.next_name % self.names.len()].clone();
            self.next_name += 1;
            return n;
        }
        match self.rng.below(100) {
            0..=4 => (1900 + self.rng.below(130)).to_string(),
            5 => arabic_number(1900 + self.rng.below(130)),
            6 => format!("{}.{}%", self.rng.below(100), self.rng.below(10)),
            7 => self.rng.pick(LATIN).to_string(),
            8 => format!("({})", self.pick_word()),
            9 => format!("«{}»", self.pick_word()),
            10 => format!("[{}]", self.rng.below(300)),
            11..=13 => {
                let mut w = self.pick_word();
                w.push(*self.rng.pick(HARAKAT));
                w
            }
            _ => self.pick_word(),
        }
    }

    fn paragraph(&mut self, words: usize) -> String {
        let count = (words / 2 + self.rng.below(words + 1)).max(1);
        let mut out = String::with_capacity(count * 11);
        for i in 0..count {
            if i > 0 {
                out.push(' ');
            }
            let w = self.word();
            out.push_str(&w);
            // Punctuation sticks to the word before it, as in the article.
            if i + 1 < count && self.rng.chance(7) {
                let p = *self.rng.pick(PUNCT);
                out.push_str(p);
            }
        }
        out.push('.');
        out
    }
}

/// The dataset described by `params`, with the article's vocabulary.
pub fn generate(params: &Params) -> Dataset {
    generate_with(params, Vocabulary::Article)
}

/// The dataset described by `params`, its words from `vocabulary`.
pub fn generate_with(params: &Params, vocabulary: Vocabulary) -> Dataset {
    let mut rng = Rng(params.seed);
    let zipf = match vocabulary {
        Vocabulary::Article => None,
        Vocabulary::Zipf { forms } => Some(forms.max(1)),
    };
    let named: Vec<(String, String)> = (0..params.entities)
        .map(|i| match zipf {
            Some(forms) => zipf_name(&mut rng, i, forms),
            None => name(&mut rng, i),
        })
        .collect();
    let mut g = Gen {
        rng,
        zipf,
        vocab: match zipf {
            Some(_) => Vec::new(),
            None => self::vocabulary(),
        },
        names: named.iter().map(|(a, _)| a.clone()).collect(),
        next_name: 0,
        name_rate: name_rate(params),
    };
    let kinds = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
    ];
    let entities = named
        .into_iter()
        .enumerate()
        .map(|(i, (arabic, latin))| Entity {
            id: format!("e{i}"),
            kind: *g.rng.pick(&kinds),
            name: arabic,
            aliases: Vec::new(),
            latin: vec![latin],
            note: g.note(),
        })
        .collect();
    let eras = (0..params.eras).map(|i| era(&mut g, i, params)).collect();
    Dataset {
        schema: SCHEMA_VERSION,
        meta: Meta::minimal(
            &format!("مجموعة بيانات اصطناعية (seed {})", params.seed),
            "nkru-tui gen",
            "ar",
        ),
        eras,
        related: Vec::new(),
        entities,
    }
}

fn era(g: &mut Gen, i: usize, params: &Params) -> Era {
    let start = 1000 + (i % 1000) as i32;
    let label = format!("{} {}", g.pick_word(), start);
    Era {
        id: format!("era-{i}"),
        label,
        start: Some(start),
        end: Some(start + g.rng.below(10) as i32),
        editorial: g.rng.chance(5),
        paragraphs: (0..params.paragraphs)
            .map(|_| g.paragraph(params.words))
            .collect(),
    }
}

/// The dataset as schema-1 TOML.
pub fn to_toml(data: &Dataset) -> Result<String, String> {
    toml::to_string(data).map_err(|e| format!("cannot serialize the dataset: {e}"))
}

/// [`generate`] then [`to_toml`].
pub fn generate_toml(params: &Params) -> Result<String, String> {
    to_toml(&generate(params))
}

/// [`generate_with`] then [`to_toml`].
pub fn generate_toml_with(params: &Params, vocabulary: Vocabulary) -> Result<String, String> {
    to_toml(&generate_with(params, vocabulary))
}

impl Gen {
    /// An entity's note: one word of the article, or a few of a large vocabulary.
    fn note(&mut self) -> String {
        let words = if self.zipf.is_some() {
            1 + self.rng.below(4)
        } else {
            1
        };
        (0..words)
            .map(|_| self.pick_word())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A rank in `1..=forms` drawn with Zipf's law of exponent 1: the inverse of
/// its continuous distribution function, `ln k / ln forms`.
fn zipf_rank(rng: &mut Rng, forms: usize) -> usize {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let k = ((forms as f64 + 1.0).ln() * u).exp() as usize;
    k.clamp(1, forms)
}

/// Arabic letters of the made-up words (no variant pairs, so that two ranks
/// rarely fold to one word).
const ZIPF_ARABIC: &[char] = &[
    'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف',
    'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ا',
];

/// The word of a rank: the same rank is always the same word; a tenth of the
/// ranks are Latin. Short ranks make short words, as in a real corpus.
fn zipf_word(rank: usize) -> String {
    let mut h = Rng(rank as u64 ^ 0x5EED_F04D);
    let latin = h.below(10) == 0;
    let len = 2 + (usize::BITS - rank.leading_zeros()) as usize / 3 + h.below(4);
    (0..len)
        .map(|_| {
            if latin {
                char::from(b'a' + h.below(26) as u8)
            } else {
                ZIPF_ARABIC[h.below(ZIPF_ARABIC.len())]
            }
        })
        .collect()
}

/// A distinct name of the large vocabulary: one or two of its rarer words
/// (ranks spread evenly), then the index in syllables; its transliteration,
/// the words' own letters for Latin ones, the syllables' for the rest.
fn zipf_name(rng: &mut Rng, index: usize, forms: usize) -> (String, String) {
    let (mut arabic, mut latin) = (String::new(), String::new());
    for _ in 0..1 + rng.below(2) {
        let w = zipf_word(1 + rng.below(forms));
        arabic.push_str(&w);
        arabic.push(' ');
        let (_, l) = rng.pick(SYLLABLES);
        latin.push_str(if w.is_ascii() { w.as_str() } else { l });
        latin.push(' ');
    }
    let (a, l) = name(rng, index);
    let index_word = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    arabic.push_str(&index_word(&a));
    latin.push_str(&index_word(&l));
    (arabic, capitalize(&latin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Params {
        Params {
            eras: 20,
            paragraphs: 3,
            entities: 40,
            seed: 3,
            words: 40,
        }
    }

    #[test]
    fn output_is_valid_and_reproducible() {
        let text = generate_toml(&small()).expect("serializes");
        let ds = crate::data::parse(&text, "synth.toml").expect("valid");
        assert_eq!((ds.eras.len(), ds.entities.len()), (20, 40));
        assert_eq!(ds.paragraph_count(), 60);
        assert_eq!(text, generate_toml(&small()).expect("serializes"));
        let other = Params { seed: 4, ..small() };
        assert_ne!(text, generate_toml(&other).expect("serializes"));
    }

    #[test]
    fn names_are_distinct_and_planted() {
        let ds = generate(&small());
        let mut names: Vec<&str> = ds.entities.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 40);
        let text: String = ds.eras.iter().flat_map(|e| e.paragraphs.clone()).collect();
        for e in &ds.entities {
            assert!(text.contains(&e.name), "{} is not in the text", e.name);
        }
    }

    #[test]
    fn text_has_the_promised_mix() {
        let ds = generate(&small());
        let text: String = ds.eras.iter().flat_map(|e| e.paragraphs.clone()).collect();
        let has = |f: &dyn Fn(char) -> bool| text.chars().any(f);
        assert!(
            has(&|c| ('\u{0621}'..='\u{064A}').contains(&c)),
            "Arabic letters"
        );
        assert!(has(&|c| ('\u{064B}'..='\u{0652}').contains(&c)), "harakat");
        assert!(has(&|c| c.is_ascii_digit()), "digits");
        assert!(has(&|c| ARABIC_DIGITS.contains(&c)), "Arabic-Indic digits");
        assert!(has(&|c| c.is_ascii_alphabetic()), "Latin");
        assert!(has(&|c| matches!(c, '(' | '«' | '[')), "brackets");
        assert!(has(&|c| matches!(c, '،' | '؛' | '؟')), "Arabic punctuation");
    }
}
