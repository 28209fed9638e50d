//! Memory of `nkru-tui check` on one long paragraph: the mentions are found
//! a window of the paragraph at a time, so `check` keeps about what `list`
//! keeps (the file and the dataset read from it), not the paragraph folded
//! whole with an offset per character (12 to 19 bytes per byte of it).
//! Measured as the peak RSS of the real binary, a child process (the only
//! test of this file, so the children's peak is its own).

use std::process::{Command, Stdio};

use nix::sys::resource::{UsageWho, getrusage};

/// Bytes of the generated paragraph.
const PARAGRAPH: usize = 4 << 20;
/// What `check` may keep per byte of the paragraph (the file, the dataset,
/// the parser's pieces).
const PER_BYTE: usize = 4;
/// What the process holds whatever the paragraph (code, allocator slack).
const BASE: usize = 16 << 20;

/// Names that the paragraph mentions, with the article and across scripts.
const NAMES: [&str; 3] = ["كيم جونغ أون", "الولايات المتحدة", "Vladimir Putin"];

/// A dataset of one era holding one paragraph of about [`PARAGRAPH`] bytes
/// of `words` with the [`NAMES`] among them, picked by a fixed pseudo-random
/// sequence, and an entity for each name.
fn one_paragraph(words: &[&str]) -> String {
    let mut text = String::with_capacity(PARAGRAPH + 64);
    let mut seed: u64 = 7;
    while text.len() < PARAGRAPH {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        if !text.is_empty() {
            text.push(' ');
        }
        let pick = (seed >> 33) as usize;
        text.push_str(match pick % 50 {
            0 => NAMES[pick / 50 % NAMES.len()],
            _ => words[pick % words.len()],
        });
    }
    let mut toml = format!(
        "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n\
         [[era]]\nid = \"a\"\nlabel = \"A\"\nstart = 1990\nend = 1999\nparagraphs = [\"{text}\"]\n"
    );
    for (i, name) in NAMES.iter().enumerate() {
        toml.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"{name}\"\nkind = \"person\"\n"
        ));
    }
    toml
}

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
    std::fs::write(&path, one_paragraph(&words)).expect("write");
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
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let peak = usize::try_from(usage.max_rss()).unwrap_or(0) * 1024; // KiB on Linux
    let bound = PER_BYTE * PARAGRAPH + BASE;
    eprintln!(
        "check: peak RSS {} MiB, {:.1} bytes per byte of the paragraph (bound {} MiB)",
        peak >> 20,
        peak as f64 / PARAGRAPH as f64,
        bound >> 20
    );
    assert!(
        peak <= bound,
        "peak RSS {} MiB for a {} MiB paragraph ({:.1} bytes per byte), over {} MiB",
        peak >> 20,
        PARAGRAPH >> 20,
        peak as f64 / PARAGRAPH as f64,
        bound >> 20,
    );
}
