//! Memory of `nkru-tui check` on one long paragraph: the mentions are found
//! a window of the paragraph at a time, so `check` keeps about what `list`
//! keeps (the file and the dataset read from it), not the paragraph folded
//! whole with an offset per character (12 to 19 bytes per byte of it).
//! Measured as the peak RSS of the real binary, a child process (the only
//! test of this file, so the children's peak is its own).

use std::process::{Command, Stdio};

mod long_paragraph;
use long_paragraph::{PARAGRAPH, children_peak_rss, one_paragraph, per_byte};

/// What `check` may keep per byte of the paragraph (the file, the dataset,
/// the parser's pieces).
const PER_BYTE: usize = 4;
/// What the process holds whatever the paragraph (code, allocator slack).
const BASE: usize = 16 << 20;

/// Names that the paragraph mentions, with the article and across scripts.
const NAMES: [&str; 3] = ["كيم جونغ أون", "الولايات المتحدة", "Vladimir Putin"];

#[test]
fn check_of_one_long_paragraph_keeps_at_most_4_bytes_per_byte() {
    let words = [
        "كوريا",
        "الشمالية",
        "وروسيا",
        "محطات",
        "رئيسية",
        "في",
        "lorem",
        "ipsum",
        "Straße",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.toml");
    std::fs::write(&path, one_paragraph("ar", &words, &NAMES)).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .arg("check")
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    // The check passes, and every entity is mentioned (no warning says otherwise).
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "check failed: {stderr}");
    assert!(
        stdout.starts_with("ok:") && stderr.is_empty(),
        "{stdout}{stderr}"
    );
    let peak = children_peak_rss();
    let bound = PER_BYTE * PARAGRAPH + BASE;
    eprintln!(
        "check: peak RSS {} MiB, {:.1} bytes per byte of the paragraph (bound {} MiB)",
        peak >> 20,
        per_byte(peak),
        bound >> 20
    );
    assert!(
        peak <= bound,
        "peak RSS {} MiB for a {} MiB paragraph ({:.1} bytes per byte), over {} MiB",
        peak >> 20,
        PARAGRAPH >> 20,
        per_byte(peak),
        bound >> 20,
    );
}
