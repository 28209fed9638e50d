//! Reproducible synthetic dataset generator (schema 1), for benchmarks and
//! hardening tests:
//!
//! ```text
//! cargo run --release --example gen -- --eras 10000 --paragraphs 5 --entities 100000 --seed 7 > big.toml
//! ```
//!
//! Text is drawn from the embedded article's vocabulary, with digits,
//! punctuation, brackets, harakat and some Latin, and every entity name is
//! planted in the text so that mention detection has real work to do.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use nkru_tui::data::{Dataset, Entity, EntityKind, Era, Meta};

#[derive(Debug, Parser)]
#[command(about = "Write a synthetic nkru-tui dataset (schema 1) to stdout")]
struct Args {
    #[arg(long, default_value_t = 100)]
    eras: usize,
    #[arg(long, default_value_t = 5)]
    paragraphs: usize,
    #[arg(long, default_value_t = 1000)]
    entities: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Words per paragraph (on average)
    #[arg(long, default_value_t = 110)]
    words: usize,
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
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Arabic syllables with a Latin transliteration, for made-up names.
const SYLLABLES: &[(&str, &str)] = &[
    ("كا", "ka"), ("مي", "mi"), ("رو", "ro"), ("سا", "sa"), ("نو", "no"),
    ("لي", "li"), ("با", "ba"), ("تو", "to"), ("دي", "di"), ("فا", "fa"),
    ("جو", "jo"), ("ها", "ha"), ("زي", "zi"), ("شا", "sha"), ("غو", "gho"),
    ("يو", "yu"), ("قا", "qa"), ("ني", "ni"), ("وا", "wa"), ("سو", "so"),
    ("را", "ra"), ("مو", "mo"), ("كي", "ki"), ("لا", "la"), ("بو", "bo"),
    ("تي", "ti"), ("دا", "da"), ("في", "fi"), ("جا", "ja"), ("هو", "ho"),
];
const HARAKAT: &[char] = &['\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}'];
const LATIN: &[&str] = &["RT", "AP", "Reuters", "UN", "(AP)", "G20", "\"Pyongyang\""];
const PUNCT: &[&str] = &["،", ".", ":", "؛", "؟"];

fn vocabulary(seed: &Dataset) -> Vec<String> {
    let words: Vec<String> = seed
        .sections()
        .flat_map(|s| s.paragraphs.iter())
        .flat_map(|p| p.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        // A dataset without paragraphs still yields Arabic text.
        return SYLLABLES.iter().map(|(a, _)| a.repeat(2)).collect();
    }
    words
}

fn name(rng: &mut Rng, index: usize) -> (String, String) {
    let mut arabic = String::new();
    let mut latin = String::new();
    for _ in 0..2 + rng.below(2) {
        let (a, l) = rng.pick(SYLLABLES);
        arabic.push_str(a);
        latin.push_str(l);
    }
    // The index in the syllable alphabet keeps 100,000 names distinct.
    let mut n = index;
    arabic.push(' ');
    latin.push(' ');
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

fn paragraph(rng: &mut Rng, vocab: &[String], names: &[(String, String)], words: usize) -> String {
    let count = words / 2 + rng.below(words + 1);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let roll = rng.below(100);
        let word = match roll {
            0..=2 if !names.is_empty() => rng.pick(names).0.clone(),
            3..=4 => (1900 + rng.below(130)).to_string(),
            5 => format!("{}.{}%", rng.below(100), rng.below(10)),
            6 => rng.pick(LATIN).to_string(),
            7 => format!("({})", rng.pick(vocab)),
            8 => {
                let word = rng.pick(vocab).clone();
                with_haraka(rng, word)
            }
            _ => rng.pick(vocab).clone(),
        };
        out.push(word);
        if rng.chance(6) {
            out.push(rng.pick(PUNCT).to_string());
        }
    }
    out.join(" ")
}

fn with_haraka(rng: &mut Rng, mut word: String) -> String {
    word.push(*rng.pick(HARAKAT));
    word
}

fn generate(args: &Args, seed: &Dataset) -> Dataset {
    let mut rng = Rng(args.seed);
    let vocab = vocabulary(seed);
    let kinds = [EntityKind::Person, EntityKind::Place, EntityKind::Organization];
    let names: Vec<(String, String)> = (0..args.entities).map(|i| name(&mut rng, i)).collect();
    let entities = names
        .iter()
        .enumerate()
        .map(|(i, (arabic, latin))| Entity {
            id: format!("e{i}"),
            kind: *rng.pick(&kinds),
            name: arabic.clone(),
            aliases: Vec::new(),
            latin: vec![latin.clone()],
            note: rng.pick(&vocab).clone(),
        })
        .collect();
    let eras = (0..args.eras)
        .map(|i| {
            let start = 1000 + (i % 1000) as i32;
            Era {
                id: format!("era-{i}"),
                label: format!("{} {}", rng.pick(&vocab), start),
                start: Some(start),
                end: Some(start + rng.below(10) as i32),
                editorial: rng.chance(5),
                paragraphs: (0..args.paragraphs)
                    .map(|_| paragraph(&mut rng, &vocab, &names, args.words))
                    .collect(),
            }
        })
        .collect();
    Dataset {
        schema: nkru_tui::data::SCHEMA_VERSION,
        meta: Meta {
            title: format!("مجموعة بيانات اصطناعية (seed {})", args.seed),
            source: "nkru-tui gen".into(),
            attribution: None,
            published: None,
            retrieved: None,
            language: seed.meta.language.clone(),
            direction: None,
            keywords: None,
        },
        eras,
        related: Vec::new(),
        entities,
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let seed = match toml::from_str::<Dataset>(nkru_tui::data::EMBEDDED) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("gen: the embedded dataset does not parse: {}", e.message());
            return ExitCode::FAILURE;
        }
    };
    let data = generate(&args, &seed);
    let text = match toml::to_string(&data) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("gen: cannot serialize: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}
