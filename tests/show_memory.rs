//! Memory of `nkru-tui show` on one long paragraph: the layout engine's
//! bookkeeping is compact (offsets as `u32`, 16 bytes per grapheme cluster,
//! no per-char map for text that stands for itself) and `show` writes each
//! line as soon as it is made. Measured as the peak RSS of the real binary,
//! a child process (the only test of this file, so the children's peak is
//! its own); the bound is generous for a debug build and still far below
//! the 90–165 bytes per byte of a layout that holds per-char maps and
//! every line of the paragraph.

use std::process::{Command, Stdio};

use nix::sys::resource::{UsageWho, getrusage};

/// Bytes of the generated paragraph.
const PARAGRAPH: usize = 4 << 20;
/// Layout bookkeeping allowed per byte of the paragraph.
const PER_BYTE: usize = 24;
/// What the process holds whatever the paragraph (code, the file and the
/// dataset read from it, allocator slack).
const BASE: usize = 16 << 20;

/// A dataset of one era holding one paragraph of about [`PARAGRAPH`] bytes
/// of `words`, picked by a fixed pseudo-random sequence.
fn one_paragraph(language: &str, words: &[&str]) -> String {
    let mut text = String::with_capacity(PARAGRAPH + 64);
    let mut seed: u64 = 7;
    while text.len() < PARAGRAPH {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(words[(seed >> 33) as usize % words.len()]);
    }
    format!(
        "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"{language}\"\n\
         [[era]]\nid = \"a\"\nlabel = \"A\"\nstart = 1990\nend = 1999\nparagraphs = [\"{text}\"]\n"
    )
}

/// The largest peak RSS, in bytes, of the children waited for so far (so
/// the second language is checked against the larger of both).
fn children_peak_rss() -> usize {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    usize::try_from(usage.max_rss()).unwrap_or(0) * 1024 // KiB on Linux
}

fn show_peak(dataset: &str) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.toml");
    std::fs::write(&path, dataset).expect("write");
    let status = Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(["show", "--width", "80", "--data"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .expect("runs");
    assert!(status.success(), "show failed: {status}");
    children_peak_rss()
}

#[test]
fn one_long_paragraph_costs_at_most_24_bytes_per_byte() {
    let latin = [
        "lorem",
        "ipsum",
        "dolor",
        "sit",
        "amet",
        "consectetur",
        "magna",
        "aliqua",
    ];
    let arabic = [
        "كوريا",
        "الشمالية",
        "وروسيا",
        "محطات",
        "رئيسية",
        "في",
        "علاقات",
        "متقلبة",
    ];
    let bound = PER_BYTE * PARAGRAPH + BASE;
    for (name, dataset) in [
        ("Latin", one_paragraph("en", &latin)),
        ("Arabic", one_paragraph("ar", &arabic)),
    ] {
        let peak = show_peak(&dataset);
        assert!(
            peak <= bound,
            "{name}: peak RSS {} MiB for a {} MiB paragraph ({:.1} bytes per byte), over {} MiB",
            peak >> 20,
            PARAGRAPH >> 20,
            peak as f64 / PARAGRAPH as f64,
            bound >> 20,
        );
        eprintln!(
            "{name}: peak RSS {} MiB, {:.1} bytes per byte of the paragraph (bound {} MiB)",
            peak >> 20,
            peak as f64 / PARAGRAPH as f64,
            bound >> 20
        );
    }
}
