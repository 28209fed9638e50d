//! Golden snapshots of `nkru-tui show` (via `cli::show::run`) on the embedded
//! dataset, for three eras at width 60, in App and Terminal modes.
//!
//! To review a change: `INSTA_UPDATE=always cargo test --test show_snapshots`
//! then read the `.snap` files under tests/snapshots/ before committing them
//! (or accept `.snap.new` files by renaming them; `cargo insta` is optional).

use nkru_tui::cli::show;
use nkru_tui::data::{self, Dataset};
use nkru_tui::text::BidiMode;

const ERAS: [&str; 3] = ["intro", "1945-1948", "2022"];

fn dataset() -> Dataset {
    data::embedded().expect("the embedded dataset parses")
}

fn show(eras: &[&str], width: u16, mode: BidiMode) -> Result<String, String> {
    let ids: Vec<String> = eras.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    show::run(&dataset(), &ids, Some(width), mode, &mut out).map_err(|e| e.to_string())?;
    Ok(String::from_utf8(out).expect("show prints UTF-8"))
}

#[test]
fn snapshot_app_mode_width_60() {
    for era in ERAS {
        let out = show(&[era], 60, BidiMode::App).expect("known era");
        insta::assert_snapshot!(format!("app_60_{era}"), out);
    }
}

#[test]
fn snapshot_terminal_mode_width_60() {
    for era in ERAS {
        let out = show(&[era], 60, BidiMode::Terminal).expect("known era");
        insta::assert_snapshot!(format!("terminal_60_{era}"), out);
    }
}

#[test]
fn every_line_fits_and_rtl_lines_end_at_the_right_edge() {
    let out = show(&[], 60, BidiMode::App).expect("all eras");
    for line in out.lines() {
        let cells: usize = unicode_width_per_grapheme(line);
        assert!(cells <= 60, "line wider than 60: {line:?}");
        if line.starts_with(' ') {
            // Padded lines are right-aligned RTL lines: they end at column 60.
            assert_eq!(cells, 60, "padded line not right-aligned: {line:?}");
        }
    }
}

#[test]
fn no_era_prints_every_era_heading_and_paragraph() {
    let data = dataset();
    let out = show(&[], 80, BidiMode::Terminal).expect("all eras");
    // Terminal mode is logical text: every era's label is printed as is.
    for era in &data.eras {
        assert!(
            out.contains(era.label.as_str()),
            "label of {} missing",
            era.id
        );
    }
    let blocks = out.split("\n\n").count();
    let paragraphs: usize = data.eras.iter().map(|e| e.paragraphs.len() + 1).sum();
    assert_eq!(
        blocks, paragraphs,
        "one block per heading and per paragraph"
    );
}

#[test]
fn unknown_era_lists_the_valid_ids() {
    let err = show(&["1066"], 60, BidiMode::App).expect_err("unknown era");
    assert!(err.contains("1066"), "{err}");
    for era in dataset().eras {
        assert!(err.contains(&era.id), "{} not listed in {err}", era.id);
    }
    assert!(!err.contains('\n'), "one-line message");
}

#[test]
fn output_has_no_control_characters() {
    for mode in [BidiMode::App, BidiMode::Terminal] {
        let out = show(&[], 40, mode).expect("all eras");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "control char in show output"
        );
    }
}

/// Cells of a printed line, counted per grapheme as the layout engine does.
fn unicode_width_per_grapheme(line: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    line.graphemes(true).map(|g| g.width().max(1)).sum()
}

/// Records the size of every write it is given.
struct Writes(Vec<usize>);

impl std::io::Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push(buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `show` hands its output on paragraph by paragraph as it lays it out (the
/// caller buffers it), never the whole text at once: at any width its memory
/// is that of one paragraph, not of the output.
#[test]
fn output_is_written_paragraph_by_paragraph() {
    let data = nkru_tui::dev::synth::generate(&nkru_tui::dev::synth::Params {
        eras: 200,
        paragraphs: 3,
        entities: 10,
        seed: 5,
        words: 40,
    });
    for width in [60, 5_000] {
        let mut writes = Writes(Vec::new());
        show::run(&data, &[], Some(width), BidiMode::App, &mut writes).expect("writes");
        let total: usize = writes.0.iter().sum();
        let largest = writes.0.iter().copied().max().unwrap_or(0);
        let longest = data
            .eras
            .iter()
            .flat_map(|e| &e.paragraphs)
            .map(String::len)
            .max();
        let bound = longest.unwrap_or(0) + 4 * usize::from(width) + 1024;
        assert!(total > 10 * bound, "{total} bytes in all");
        assert!(
            largest <= bound,
            "a write of {largest} bytes (bound {bound})"
        );
    }
}
