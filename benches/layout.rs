//! Layout speed: every paragraph (and heading) of the embedded dataset at
//! width 80; a large synthetic Arabic text built from the dataset's words;
//! and the paragraphs of a synthetic dataset from [`nkru_tui::dev::synth`]
//! (harakat, digits, brackets, Latin), reported in bytes per second.
//!
//! `cargo bench --bench layout`. Targets (BENCHMARKS.md): the whole embedded
//! dataset in under 1 ms; at least 20 MB/s of Arabic text.
//!
//! For instruction counts independent of machine load, one pass without
//! criterion: `NKRU_LAYOUT_ONCE=seed|synthetic|synth <bench binary>` under
//! `valgrind --tool=callgrind` (`seed` lays out the embedded dataset 100 times; the
//! group name `seed` is the embedded dataset's throughout the benches).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use nkru_tui::data::{self, Dataset};
use nkru_tui::dev::synth::{self, Params};
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

/// The headings and paragraphs of a synthetic dataset (1,000 eras × 5
/// paragraphs: about 4 MB of text, a tenth of the large dataset,
/// which `benches/load.rs` lays out in full).
fn synth_texts() -> Vec<String> {
    let params = Params {
        eras: 1000,
        entities: 10_000,
        ..Params::large()
    };
    paragraphs(&synth::generate(&params))
}

fn lay_all(texts: &[String], opts: &LayoutOptions) -> usize {
    texts
        .iter()
        .map(|p| layout(black_box(p), opts).lines.len())
        .sum()
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|p| p.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let d = dataset();
    let seed = paragraphs(&d);
    let app = LayoutOptions::new(80, BidiMode::App);
    let term = LayoutOptions::new(80, BidiMode::Terminal);

    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(bytes(&seed)));
    g.bench_function("app_80", |b| b.iter(|| lay_all(&seed, &app)));
    g.bench_function("terminal_80", |b| b.iter(|| lay_all(&seed, &term)));
    g.finish();

    let big = synthetic(&d, 4 << 20);
    let mut g = c.benchmark_group("synthetic_4MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&big)));
    g.bench_function("app_80", |b| b.iter(|| lay_all(&big, &app)));
    g.finish();

    let gen_texts = synth_texts();
    let mut g = c.benchmark_group("synth_1000_eras");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&gen_texts)));
    g.bench_function("app_80", |b| b.iter(|| lay_all(&gen_texts, &app)));
    g.finish();
}

/// One pass over a workload, outside criterion (see the module comment).
fn once(workload: &str) {
    let app = LayoutOptions::new(80, BidiMode::App);
    let (texts, rounds) = match workload {
        "seed" => (paragraphs(&dataset()), 100),
        "synthetic" => (synthetic(&dataset(), 4 << 20), 1),
        "synth" => (synth_texts(), 1),
        other => panic!("NKRU_LAYOUT_ONCE: unknown workload {other:?}"),
    };
    let lines: usize = (0..rounds).map(|_| lay_all(&texts, &app)).sum();
    println!(
        "{workload}: {} bytes x {rounds}, {lines} lines",
        bytes(&texts)
    );
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(workload) = std::env::var("NKRU_LAYOUT_ONCE") {
        once(&workload);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
