//! Reproducible synthetic dataset generator (schema 1), for benchmarks and
//! hardening tests:
//!
//! ```text
//! cargo run --release --example gen -- --eras 10000 --paragraphs 5 --entities 100000 --seed 7 > big.toml
//! cargo run --release --example gen -- --eras 10000 --paragraphs 5 --entities 100000 --seed 7 --zipf 4000000 > zipf.toml
//! ```
//!
//! A thin command line over [`nkru_tui::dev::synth`], which benches and tests use
//! in-process: Arabic text from the embedded article's vocabulary, with
//! digits, punctuation, brackets, harakat and some Latin, and every entity
//! name planted in the text.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use nkru_tui::dev::synth::{self, Params};

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
    /// Draw words from a large Zipf vocabulary of this many forms (about a
    /// million distinct words in 60 MB at 4,000,000) instead of the article's
    #[arg(long, value_name = "FORMS")]
    zipf: Option<usize>,
    /// Words per paragraph (on average)
    #[arg(long, default_value_t = synth::DEFAULT_WORDS)]
    words: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let params = Params {
        eras: args.eras,
        paragraphs: args.paragraphs,
        entities: args.entities,
        seed: args.seed,
        words: args.words,
    };
    let vocabulary = match args.zipf {
        Some(forms) => synth::Vocabulary::Zipf { forms },
        None => synth::Vocabulary::Article,
    };
    let text = match synth::generate_toml_with(&params, vocabulary) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gen | head`) is a normal end.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}
