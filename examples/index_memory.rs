//! What the browser holds of a dataset: load it, build the whole search
//! index (every part, or those named), and print the time and the resident
//! memory after each step (Linux: `VmRSS` and its peak `VmHWM` from
//! `/proc/self/status`), in MB:
//!
//! ```text
//! cargo run --release --example index_memory -- zipf.toml [all|names|mentions|table]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use nkru_tui::search::{IndexBuilder, Parts};

/// `VmRSS` and `VmHWM` in MB, or zeros where there is no `/proc`.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb * 1024.0 / 1e6)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn report(step: &str, since: Instant) {
    let (rss, peak) = memory();
    let secs = since.elapsed().as_secs_f64();
    println!("{step:<12} {secs:7.3} s   rss {rss:7.1} MB   peak {peak:7.1} MB");
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: index_memory FILE [all|names|mentions|table]");
        return ExitCode::from(2);
    };
    let parts = match args.next().and_then(|a| a.into_string().ok()).as_deref() {
        None | Some("all") => Parts::ALL,
        Some("names") => Parts::NAMES,
        Some("mentions") => Parts::MENTIONS,
        Some("table") => Parts {
            names: true,
            mentions: false,
            text: false,
        },
        Some(other) => {
            eprintln!("index_memory: unknown part list {other:?}");
            return ExitCode::from(2);
        }
    };
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!("file         {:.1} MB", size as f64 / 1e6);
    let start = Instant::now();
    let data = match nkru_tui::data::load_file(&path) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            eprintln!("index_memory: {e}");
            return ExitCode::FAILURE;
        }
    };
    report("loaded", start);
    let index = IndexBuilder::new()
        .parts(parts)
        .build_shared(Arc::clone(&data));
    report("indexed", start);
    let (_, peak) = memory();
    println!(
        "peak/file    {:.2}× ({} mentions)",
        peak * 1e6 / size.max(1) as f64,
        index.mentions().len()
    );
    ExitCode::SUCCESS
}
