//! `show --justify` over the whole article: every line of a paragraph but its
//! last fills the width, the words and wrap points are those of ragged text,
//! each tatweel joins two letters, and `none` and `--logical` are unchanged.

use std::process::Command;

use nkru_tui::cli::show;
use nkru_tui::data;
use nkru_tui::text::{BidiMode, Justify};

const WIDTHS: [u16; 4] = [30, 50, 80, 120];

fn show_all(width: u16, mode: BidiMode, justify: Justify) -> String {
    let data = data::embedded().expect("the embedded dataset parses");
    let mut out = Vec::new();
    show::run_justified(&data, &[], Some(width), mode, justify, &mut out).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

/// The words of a line, fill removed (the article has no tatweel of its own).
fn words(line: &str) -> Vec<String> {
    line.split_whitespace()
        .map(|w| w.replace('\u{640}', ""))
        .collect()
}

/// Indices of lines that are not the last line of a paragraph nor a
/// heading's: `show` writes each era's heading, then its paragraphs, each
/// block after a blank line.
fn inner_lines(lines: &[&str]) -> Vec<usize> {
    let data = data::embedded().expect("dataset");
    let mut headings = Vec::new();
    for era in &data.eras {
        headings.push(true);
        headings.extend(era.paragraphs.iter().map(|_| false));
    }
    let mut out = Vec::new();
    let mut block = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let first = i == 0 || lines[i - 1].is_empty();
        if first && i > 0 {
            block += 1;
        }
        let last = lines.get(i + 1).is_none_or(|l| l.is_empty());
        if !last && !headings[block] {
            out.push(i);
        }
    }
    assert_eq!(
        block + 1,
        headings.len(),
        "one block a heading or paragraph"
    );
    out
}

/// The cells a line takes as the engine counts them: one a character but
/// for marks (the article has no wide character; unicode-width would count a
/// logical lam-alef as the one cell of its ligature, the engine gives a
/// terminal that does not join it two).
fn cells(line: &str) -> usize {
    line.chars().filter(|&c| !is_mark(c)).count()
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}')
}

fn form(c: char) -> String {
    unicode_names2::name(c)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

#[test]
fn the_article_article_does_not_hold_tatweel_itself() {
    let data = data::embedded().expect("dataset");
    let text = nkru_tui::cli::show::run_logical;
    let mut out = Vec::new();
    text(&data, &[], &mut out).expect("writes");
    assert!(!String::from_utf8(out).expect("utf-8").contains('\u{640}'));
}

#[test]
fn justified_lines_fill_the_width_with_the_same_words_and_wrap_points() {
    for mode in [BidiMode::App, BidiMode::Terminal] {
        for width in WIDTHS {
            let ragged = show_all(width, mode, Justify::None);
            let ragged: Vec<&str> = ragged.lines().collect();
            let inner = inner_lines(&ragged);
            assert!(inner.len() > 20, "{width}: paragraphs of several lines");
            for justify in [Justify::Spaces, Justify::Kashida] {
                let out = show_all(width, mode, justify);
                let lines: Vec<&str> = out.lines().collect();
                let what = format!("{mode:?} {width} {justify:?}");
                assert_eq!(lines.len(), ragged.len(), "{what}: the same lines");
                for (i, (j, r)) in lines.iter().zip(&ragged).enumerate() {
                    assert_eq!(words(j), words(r), "{what}: line {i}: the same words");
                }
                for &i in &inner {
                    // Right-to-left lines are padded on the left to the width:
                    // a filled one needs none.
                    assert!(
                        !lines[i].starts_with(' '),
                        "{what}: line {i}: {:?}",
                        lines[i]
                    );
                    assert_eq!(
                        cells(lines[i]),
                        usize::from(width),
                        "{what}: line {i} fills the width: {:?}",
                        lines[i]
                    );
                }
                let tatweels = out.matches('\u{640}').count();
                match justify {
                    Justify::Spaces => assert_eq!(tatweels, 0, "{what}"),
                    _ => assert!(tatweels > inner.len(), "{what}: kashida fills: {tatweels}"),
                }
            }
        }
    }
}

/// In App mode (visual order) a tatweel's left neighbour is the letter after
/// the join (final or medial form), its right one the letter before it
/// (initial or medial form); never a Latin letter.
#[test]
fn every_tatweel_joins_a_letter_reaching_forward_to_one_reaching_back() {
    for width in WIDTHS {
        let out = show_all(width, BidiMode::App, Justify::Kashida);
        for line in out.lines() {
            let chars: Vec<char> = line.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                if c != '\u{640}' {
                    continue;
                }
                let left = chars[..i]
                    .iter()
                    .rev()
                    .find(|&&c| c != '\u{640}' && !is_mark(c));
                let right = chars[i + 1..]
                    .iter()
                    .find(|&&c| c != '\u{640}' && !is_mark(c));
                let (Some(&left), Some(&right)) = (left, right) else {
                    panic!("{width}: a tatweel at a line's end: {line:?}");
                };
                let (l, r) = (form(left), form(right));
                assert!(
                    l.contains("FINAL FORM") || l.contains("MEDIAL FORM"),
                    "{width}: after the join {left:?} {l}: {line:?}"
                );
                assert!(
                    r.contains("INITIAL FORM") || r.contains("MEDIAL FORM"),
                    "{width}: before the join {right:?} {r}: {line:?}"
                );
                assert!(!r.contains("LAM WITH ALEF"), "{line:?}");
            }
        }
    }
}

#[test]
fn justify_none_is_todays_show_and_logical_ignores_justify() {
    let data = data::embedded().expect("dataset");
    for width in WIDTHS {
        let mut plain = Vec::new();
        show::run(&data, &[], Some(width), BidiMode::App, &mut plain).expect("writes");
        let none = show_all(width, BidiMode::App, Justify::None);
        assert_eq!(none.as_bytes(), plain.as_slice(), "{width}");
    }
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
            .args(args)
            .env_remove("NKRU_DATA")
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let logical = run(&["show", "--logical"]);
    for mode in ["none", "spaces", "kashida"] {
        assert_eq!(
            run(&["show", "--logical", "--justify", mode]),
            logical,
            "{mode}"
        );
    }
    let justified = run(&[
        "--bidi",
        "app",
        "show",
        "--width",
        "50",
        "--justify",
        "kashida",
    ]);
    let direct = show_all(50, BidiMode::App, Justify::Kashida);
    assert!(direct.contains('\u{640}'));
    assert_eq!(
        String::from_utf8_lossy(&justified),
        direct,
        "the flag reaches show"
    );
}
