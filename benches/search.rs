//! Search speed: index build, one finder keystroke (full and narrowed), and
//! full-text search, on the embedded dataset and on large synthetic data.
//!
//! `cargo bench --bench search`. Targets (BENCHMARKS.md): a keystroke under
//! 2 ms on the embedded dataset and under 16 ms (one frame) on 100,000
//! entities; load + validate + index under 5 ms on the embedded dataset.
//!
//! Groups: `seed` (the embedded dataset); `large`: `dev::synth::Params::large()` (10,000 eras × 5
//! paragraphs, 100,000 entities, the large dataset of BENCHMARKS.md); `names100k`:
//! 100,000 entities with three searchable strings each (name, alias, Latin)
//! over the embedded dataset's text, the dataset of the first version of this bench, kept
//! so figures compare across versions.

use std::hint::black_box;
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group, criterion_main};
use nkru_tui::data::{self, Dataset, Entity, EntityKind};
use nkru_tui::dev::synth::{self, Params};
use nkru_tui::search::{Index, Narrowing};
use nkru_tui::ui::finder::TEXT_LIMIT;

/// `n` entities with made-up Arabic names and Latin spellings (deterministic).
fn synthetic(n: usize) -> Dataset {
    const AR: [&str; 12] = [
        "كي", "مو", "سا", "بو", "تي", "نا", "لي", "غو", "را", "في", "دو", "يا",
    ];
    const LA: [&str; 12] = [
        "ki", "mo", "sa", "bo", "ti", "na", "li", "go", "ra", "vi", "do", "ya",
    ];
    let mut d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 12) as usize
    };
    d.entities = (0..n)
        .map(|i| {
            let parts: Vec<usize> = (0..3 + i % 4).map(|_| next()).collect();
            let name: String = parts.iter().map(|&k| AR[k]).collect();
            let latin: String = parts.iter().map(|&k| LA[k]).collect();
            Entity {
                id: format!("e{i}"),
                kind: EntityKind::Place,
                name: format!("{name} {}", AR[i % 12]),
                aliases: vec![name],
                latin: vec![format!("{latin} {}", LA[i % 12])],
                note: String::new(),
            }
        })
        .collect();
    d
}

fn seed(c: &mut Criterion) {
    c.bench_function("seed/load_validate_index", |b| {
        b.iter(|| {
            let d = data::parse(black_box(data::EMBEDDED), data::EMBEDDED_NAME);
            d.map(|d| Index::build(&d))
        })
    });
    let d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("seed/index_build", |b| {
        b.iter(|| Index::build(black_box(&d)))
    });
    let ix = Index::build(&d);
    c.bench_function("seed/keystroke_latin_full", |b| {
        b.iter(|| ix.find(black_box("gorba"), 200))
    });
    c.bench_function("seed/keystroke_arabic_full", |b| {
        b.iter(|| ix.find(black_box("بوتين"), 200))
    });
    let mut prev = Narrowing::default();
    ix.find_narrowing("gorb", 200, &mut prev);
    c.bench_function("seed/keystroke_latin_narrowed", |b| {
        b.iter(|| ix.find_narrowing(black_box("gorba"), 200, &mut prev.clone()))
    });
    c.bench_function("seed/empty_query", |b| {
        b.iter(|| ix.find(black_box(""), 200))
    });
    c.bench_function("seed/full_text", |b| {
        b.iter(|| ix.full_text(black_box("موسكو")))
    });
}

/// One keystroke, typed from scratch (`prev` empty) or after `prev` (narrowed).
/// The index is built on first use, so a filtered run skips what it does not need.
fn keystrokes(c: &mut Criterion, group: &str, ix: &LazyLock<Index>, cases: &[(&str, &str, &str)]) {
    let mut g = c.benchmark_group(group);
    g.sample_size(20);
    for &(name, prev, query) in cases {
        g.bench_function(name, |b| {
            let mut state = Narrowing::default();
            if !prev.is_empty() {
                ix.find_narrowing(prev, 200, &mut state);
            }
            b.iter(|| ix.find_narrowing(black_box(query), 200, &mut state.clone()))
        });
    }
    g.finish();
}

static LARGE: LazyLock<Dataset> = LazyLock::new(|| synth::generate(&Params::large()));
static LARGE_INDEX: LazyLock<Index> = LazyLock::new(|| Index::build(&LARGE));
static NAMES_INDEX: LazyLock<Index> = LazyLock::new(|| Index::build(&synthetic(100_000)));

fn large(c: &mut Criterion) {
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| Index::build(black_box(&LARGE)))
    });
    g.finish();
    let cases = [
        ("keystroke_first_letter", "", "k"),
        ("keystroke_full", "", "kami"),
        ("keystroke_narrowed", "kam", "kami"),
        ("keystroke_arabic_first_letter", "", "ك"),
        ("keystroke_arabic_full", "", "كامي"),
        ("keystroke_arabic_narrowed", "كام", "كامي"),
        ("keystroke_year", "", "1005"),
        // Few fuzzy hits, so variants and typos are looked for.
        ("keystroke_typo", "", "kamilo"),
        ("keystroke_arabic_typo", "", "كاميلو"),
        ("keystroke_variant", "", "gorbatchev"),
        // Several words: matched whole, then one by one (any order, dropped
        // words, notes).
        ("keystroke_words", "", "president kami"),
        ("keystroke_arabic_words", "", "الرئيس كامي"),
        (
            "keystroke_words_narrowed",
            "president kam",
            "president kami",
        ),
        // Nothing direct: the punctuation-free and other-layout readings too.
        ("keystroke_layout", "", "f,jdk"),
        ("keystroke_arabic_layout", "", "حعفهى"),
        ("keystroke_words_nothing", "", "zzqv xkcdq"),
    ];
    keystrokes(c, "large", &LARGE_INDEX, &cases);
    // A very long query (a paste, or a held key): the 4,000th character,
    // typed after the first 3,999.
    let long: String = "a".repeat(4_000);
    let long_words: String = "kim jong un ".repeat(334).chars().take(4_000).collect();
    let long_cases = [
        ("keystroke_long_4000", &long[..3_999], long.as_str()),
        (
            "keystroke_long_words_4000",
            &long_words[..3_999],
            long_words.as_str(),
        ),
    ];
    keystrokes(c, "large", &LARGE_INDEX, &long_cases);
    // Full-text mode: one keystroke re-runs the substring search, bounded as
    // the finder bounds it (`_all`: every hit, unbounded).
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    for (name, query) in [
        ("full_text_one_letter", "ك"),
        ("full_text_word", "موسكو"),
        ("full_text_latin", "k"),
        ("full_text_rare", "غورباتشوف"),
        // No hit at all: the whole folded text is scanned.
        ("full_text_none", "غورباتشوفززز"),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| LARGE_INDEX.full_text_limit(black_box(query), TEXT_LIMIT))
        });
        g.bench_function(format!("{name}_all"), |b| {
            b.iter(|| LARGE_INDEX.full_text(black_box(query)))
        });
    }
    g.finish();
}

/// A tenth of the large dataset, small enough to profile under callgrind
/// (`--bench --profile-time 1 tenth/index_build`).
fn tenth(c: &mut Criterion) {
    let d = synth::generate(&Params {
        eras: 1_000,
        entities: 10_000,
        ..Params::large()
    });
    let mut g = c.benchmark_group("tenth");
    g.sample_size(10);
    g.bench_function("index_build", |b| b.iter(|| Index::build(black_box(&d))));
    g.finish();
}

fn names100k(c: &mut Criterion) {
    let cases = [
        ("keystroke_first_letter", "", "k"),
        ("keystroke_full", "", "kimo"),
        ("keystroke_narrowed", "kim", "kimo"),
        ("keystroke_arabic_full", "", "كيمو"),
        ("keystroke_typo", "", "kimosali"),
        ("keystroke_arabic_typo", "", "كيموساليي"),
        ("keystroke_words", "", "president kimo sali"),
        ("keystroke_layout", "", "f,jdk"),
    ];
    keystrokes(c, "names100k", &NAMES_INDEX, &cases);
}

criterion_group!(benches, seed, large, names100k, tenth);
criterion_main!(benches);
