//! Memory of `nkru-tui show` on one long paragraph: the layout engine's
//! bookkeeping is compact (offsets as `u32`, 16 bytes per grapheme cluster,
//! no per-char map for text that stands for itself) and `show` writes each
//! line as soon as it is made. Measured as the peak RSS of the real binary,
//! a child process (the only test of this file, so the children's peak is
//! its own); the bound is generous for a debug build and still far below
//! the 90–165 bytes per byte of a layout that holds per-char maps and
//! every line of the paragraph.

use std::process::{Command, Stdio};

mod long_paragraph;
use long_paragraph::{PARAGRAPH, children_peak_rss, one_paragraph, per_byte};

/// Layout bookkeeping allowed per byte of the paragraph.
const PER_BYTE: usize = 24;
/// What the process holds whatever the paragraph (code, the file and the
/// dataset read from it, allocator slack).
const BASE: usize = 16 << 20;

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
        ("Latin", one_paragraph("en", &latin, &[])),
        ("Arabic", one_paragraph("ar", &arabic, &[])),
    ] {
        let peak = show_peak(&dataset);
        assert!(
            peak <= bound,
            "{name}: peak RSS {} MiB for a {} MiB paragraph ({:.1} bytes per byte), over {} MiB",
            peak >> 20,
            PARAGRAPH >> 20,
            per_byte(peak),
            bound >> 20,
        );
        eprintln!(
            "{name}: peak RSS {} MiB, {:.1} bytes per byte of the paragraph (bound {} MiB)",
            peak >> 20,
            per_byte(peak),
            bound >> 20
        );
    }
}
