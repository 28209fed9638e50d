//! Search speed: index build, one finder keystroke (full and narrowed), and
//! full-text search, on the embedded seed and on 100,000 synthetic entities.
//!
//! `cargo bench --bench search`. Targets (issue 5): a keystroke under 2 ms on
//! the seed and under 16 ms (one frame) on 100,000 entities.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nkru_tui::data::{self, Dataset, Entity, EntityKind};
use nkru_tui::search::{Index, Narrowing};

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

fn large(c: &mut Criterion) {
    let d = synthetic(100_000);
    let ix = Index::build(&d);
    let mut g = c.benchmark_group("100k");
    g.sample_size(10);
    g.bench_function("keystroke_first_letter", |b| {
        b.iter(|| ix.find(black_box("k"), 200))
    });
    g.bench_function("keystroke_full", |b| {
        b.iter(|| ix.find(black_box("kimo"), 200))
    });
    let mut prev = Narrowing::default();
    ix.find_narrowing("kim", 200, &mut prev);
    g.bench_function("keystroke_narrowed", |b| {
        b.iter(|| ix.find_narrowing(black_box("kimo"), 200, &mut prev.clone()))
    });
    g.bench_function("keystroke_arabic_full", |b| {
        b.iter(|| ix.find(black_box("كيمو"), 200))
    });
    g.finish();
}

criterion_group!(benches, seed, large);
criterion_main!(benches);
