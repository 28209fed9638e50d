//! One era holding one long generated paragraph, and the peak memory of the
//! binary run over it: shared by the memory tests of `show` and `check`.
//! Each of those files holds one test, so the children's peak is its own.

use nix::sys::resource::{UsageWho, getrusage};

/// Bytes of the generated paragraph.
pub const PARAGRAPH: usize = 4 << 20;

/// A dataset in `language` of one era holding one paragraph of about
/// [`PARAGRAPH`] bytes of `words`, picked by a fixed pseudo-random sequence,
/// with each of `names` among them now and then and an entity for each.
pub fn one_paragraph(language: &str, words: &[&str], names: &[&str]) -> String {
    let mut text = String::with_capacity(PARAGRAPH + 64);
    let mut seed: u64 = 7;
    while text.len() < PARAGRAPH {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        if !text.is_empty() {
            text.push(' ');
        }
        let pick = (seed >> 33) as usize;
        text.push_str(match pick % 50 {
            0 if !names.is_empty() => names[pick / 50 % names.len()],
            _ => words[pick % words.len()],
        });
    }
    let mut toml = format!(
        "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"{language}\"\n\
         [[era]]\nid = \"a\"\nlabel = \"A\"\nstart = 1990\nend = 1999\nparagraphs = [\"{text}\"]\n"
    );
    for (i, name) in names.iter().enumerate() {
        toml.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"{name}\"\nkind = \"person\"\n"
        ));
    }
    toml
}

/// The largest peak RSS, in bytes, of the children waited for so far.
pub fn children_peak_rss() -> usize {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    usize::try_from(usage.max_rss()).unwrap_or(0) * 1024 // KiB on Linux
}

/// Bytes per byte of the paragraph.
pub fn per_byte(peak: usize) -> f64 {
    peak as f64 / PARAGRAPH as f64
}
