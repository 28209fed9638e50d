//! Layout speed: every paragraph (and heading) of the embedded dataset at
//! width 80, and a large synthetic Arabic text built from the dataset's
//! words, reported in bytes per second.
//!
//! `cargo bench --bench layout`. Targets (issue 3): the whole seed in under
//! 1 ms; at least 20 MB/s of Arabic text.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nkru_tui::data::{self, Dataset};
use nkru_tui::text::{BidiMode, LayoutOptions, layout};

fn dataset() -> Dataset {
    data::embedded().unwrap_or_else(|e| panic!("{e}"))
}

/// Every paragraph and label of the dataset.
fn paragraphs(d: &Dataset) -> Vec<String> {
    d.sections()
        .flat_map(|s| std::iter::once(s.label.to_string()).chain(s.paragraphs.iter().cloned()))
        .collect()
}

/// About `bytes` of Arabic prose: paragraphs of 40–120 words drawn
/// (deterministically) from the dataset's words, with digits and punctuation.
fn synthetic(d: &Dataset, bytes: usize) -> Vec<String> {
    let words: Vec<String> = paragraphs(d)
        .iter()
        .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let len = 40 + next(80);
        let p: Vec<&str> = (0..len)
            .map(|_| words[next(words.len())].as_str())
            .collect();
        let p = p.join(" ");
        total += p.len();
        out.push(p);
    }
    out
}

fn bench(c: &mut Criterion) {
    let d = dataset();
    let seed = paragraphs(&d);
    let app = LayoutOptions::new(80, BidiMode::App);
    let term = LayoutOptions::new(80, BidiMode::Terminal);

    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(seed.iter().map(|p| p.len() as u64).sum()));
    g.bench_function("app_80", |b| {
        b.iter(|| {
            seed.iter()
                .map(|p| layout(black_box(p), &app).lines.len())
                .sum::<usize>()
        })
    });
    g.bench_function("terminal_80", |b| {
        b.iter(|| {
            seed.iter()
                .map(|p| layout(black_box(p), &term).lines.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let big = synthetic(&d, 4 << 20);
    let mut g = c.benchmark_group("synthetic_4MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.iter().map(|p| p.len() as u64).sum()));
    g.bench_function("app_80", |b| {
        b.iter(|| {
            big.iter()
                .map(|p| layout(black_box(p), &app).lines.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
