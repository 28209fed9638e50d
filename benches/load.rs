//! Load + validate + index, on the embedded dataset (`seed/…`) and on the large synthetic
//! dataset (10,000 eras × 5 paragraphs, 100,000 entities, about 50 MB of
//! TOML, built in-process by [`nkru_tui::dev::synth`]); and layout of every
//! paragraph and heading of the large dataset at width 80.
//!
//! `cargo bench --bench load`. Targets (BENCHMARKS.md): load + validate + index
//! of the embedded dataset under 5 ms, of the large dataset under 1.5 s; layout of the large
//! dataset at least 20 MB/s. The embedded dataset's layout and the finder keystroke are
//! measured by `benches/layout.rs` and `benches/search.rs`.
//!
//! `zipf/…`: the same shape with a large vocabulary
//! ([`synth::Vocabulary::LARGE`]: Zipf's law over 4,000,000 forms, about a
//! million distinct words in 65 MB), where the name table's vocabulary is
//! large: load + validate + the whole index (the browser, sharing the
//! dataset), + the names and mentions (`search`), + the mentions alone
//! (`check`). `cargo bench --bench load -- zipf`. Peak memory of the
//! commands: `scripts/peak-rss.sh`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nkru_tui::data::{self, Dataset};
use std::sync::Arc;

use nkru_tui::dev::synth::{self, Params, Vocabulary};
use nkru_tui::search::{Index, IndexBuilder, Parts};
use nkru_tui::text::{BidiMode, LayoutOptions, layout};

/// What `nkru-tui` does before it can draw: parse and validate the TOML, then
/// build the search index (mentions, finder candidates, full-text paragraphs).
fn load(source: &str) -> (Dataset, Index) {
    let d = data::parse(black_box(source), "bench.toml").unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&d);
    (d, ix)
}

fn seed(c: &mut Criterion) {
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(data::EMBEDDED.len() as u64));
    g.bench_function("load_validate_index", |b| b.iter(|| load(data::EMBEDDED)));
    g.bench_function("parse_validate", |b| {
        b.iter(|| data::parse(black_box(data::EMBEDDED), "seed"))
    });
    g.finish();
}

/// Every heading and paragraph of the dataset, as the detail pane and `show` lay them out.
fn texts(d: &Dataset) -> Vec<&str> {
    d.sections()
        .flat_map(|s| std::iter::once(s.label).chain(s.paragraphs.iter().map(String::as_str)))
        .collect()
}

fn large(c: &mut Criterion) {
    let source = synth::generate_toml(&Params::large()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "large dataset: {:.1} MB of TOML",
        source.len() as f64 / 1_000_000.0
    );
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(source.len() as u64));
    g.bench_function("load_validate_index", |b| b.iter(|| load(&source)));
    g.bench_function("parse_validate", |b| {
        b.iter(|| data::parse(black_box(&source), "large"))
    });
    let (d, _) = load(&source);
    g.bench_function("index_build", |b| b.iter(|| Index::build(black_box(&d))));

    let all = texts(&d);
    g.throughput(Throughput::Bytes(all.iter().map(|t| t.len() as u64).sum()));
    let opts = LayoutOptions::new(80, BidiMode::App);
    g.bench_function("layout_all_80", |b| {
        b.iter(|| {
            all.iter()
                .map(|t| layout(black_box(t), &opts).lines.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

/// Parse and validate, then build `parts` of the index, sharing the dataset.
fn load_parts(source: &str, parts: Parts) -> Index {
    let d = data::parse(black_box(source), "zipf.toml").unwrap_or_else(|e| panic!("{e}"));
    IndexBuilder::new().parts(parts).build_shared(Arc::new(d))
}

fn zipf(c: &mut Criterion) {
    let source = synth::generate_toml_with(&Params::large(), Vocabulary::LARGE)
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "large-vocabulary dataset: {:.1} MB of TOML",
        source.len() as f64 / 1_000_000.0
    );
    let mut g = c.benchmark_group("zipf");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(source.len() as u64));
    g.bench_function("load_validate_index", |b| {
        b.iter(|| load_parts(&source, Parts::ALL))
    });
    g.bench_function("load_names_mentions", |b| {
        b.iter(|| load_parts(&source, Parts::NAMES))
    });
    g.bench_function("load_mentions", |b| {
        b.iter(|| load_parts(&source, Parts::MENTIONS))
    });
    g.bench_function("parse_validate", |b| {
        b.iter(|| data::parse(black_box(&source), "zipf"))
    });
    let d = Arc::new(data::parse(&source, "zipf.toml").unwrap_or_else(|e| panic!("{e}")));
    g.bench_function("index_build", |b| {
        b.iter(|| IndexBuilder::new().build_shared(Arc::clone(&d)))
    });
    g.finish();
}

criterion_group!(benches, seed, large, zipf);
criterion_main!(benches);
