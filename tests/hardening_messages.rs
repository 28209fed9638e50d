//! Hardening of the messages: whatever an argument or a dataset holds, an
//! error is one clean line (usage errors: clap's lines, each clean), located
//! where the mistake is, and short.
//!
//! "Clean" here is stricter than for laid-out text: besides controls and
//! bidi controls, no bidi mark (LRM, RLM, ALM) and no line or paragraph
//! separator (U+2028, U+2029), which a Unicode-aware reader would obey.

mod pty;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use nkru_tui::data;

fn nkru(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(args)
        .env_remove("NKRU_BIDI")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Characters a message may not hold, bar the newlines between clap's lines.
fn is_unsafe_in_a_message(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        )
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe_in_a_message(c)) {
        panic!("{what}: U+{:04X} in {text:?}", u32::from(c));
    }
}

struct TempFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn temp_file(text: &str) -> TempFile {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data.toml");
    std::fs::write(&path, text).expect("write");
    TempFile { _dir: dir, path }
}

/// Five lines: a minimal valid dataset with no eras.
const BASE: &str = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n";

const ERA: &str = "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"p\"]\n";

#[test]
fn usage_errors_quote_arguments_escaped() {
    for args in [
        &["--bidi", "\u{202e}", "list"][..],
        &["--bidi", "app\u{2028}x", "list"],
        &["list", "\u{202e}x\u{9b}2J"],
        &["--x\u{200f}\u{1b}[2J"],
        &["show", "--width", "1\u{1b}]0;t\u{7}"],
    ] {
        let o = nkru(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_clean(&format!("{args:?}"), &err);
    }
    let o = nkru(&["--bidi", "\u{202e}", "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'\\u{202e}'"),
        "the value is shown escaped: {err}"
    );
}

/// On a terminal clap keeps its colours: the argument must still not reach
/// it as an escape sequence (an OSC that sets the window title).
#[test]
fn usage_error_on_a_terminal_sends_no_escape_from_the_argument() {
    let mut s = pty::Session::start(&["--bidi", "\u{1b}]0;pwned\u{7}", "list"], [("A", "")]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(!raw.contains("\u{1b}]0;"), "{raw:?}");
    assert!(!raw.contains('\u{7}'), "{raw:?}");
    assert!(raw.contains("\\u{1b}]0;pwned\\u{7}"), "{raw:?}");
}

#[test]
fn dataset_text_in_errors_is_escaped_marks_and_separators_too() {
    for id in [
        "a\u{2028}b",
        "a\u{2029}b",
        "a\u{200e}b",
        "a\u{200f}b",
        "a\u{61c}b",
    ] {
        let src = format!("{BASE}[[era]]\nid = \"{id}\"\nlabel = \"L\"\nparagraphs = [\"p\"]\n");
        let f = temp_file(&src);
        let path = f.path.to_str().expect("utf-8 path");
        for args in [vec!["check", path], vec!["show", "--data", path]] {
            let o = nkru(&args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{err}");
            assert_eq!(err.lines().count(), 1, "{id:?}: {err}");
            assert_clean(&format!("{id:?}"), &err);
            let escaped = format!("\\u{{{:x}}}", u32::from(id.chars().nth(1).unwrap_or('?')));
            assert!(err.contains(&escaped), "{err}");
        }
    }
}

#[test]
fn a_key_of_too_many_dotted_parts_is_located() {
    let key = "a.".repeat(200);
    let src = format!("{BASE}# a comment\n\n{key}b = 1\n{ERA}");
    let report = data::check(&src, "t.toml");
    let e = report.errors.first().expect("an error");
    assert_eq!((e.line(), e.column()), (Some(8), Some(1)), "{e}");
    assert!(e.to_string().contains("dotted parts"), "{e}");
    // In a table header, after an indent, past the first lines.
    let src = format!("{BASE}{ERA}\n  [{key}b]\nx = 1\n");
    let e = data::check(&src, "t.toml").errors.remove(0);
    assert_eq!((e.line(), e.column()), (Some(11), Some(4)), "{e}");
}

#[test]
fn unknown_era_lists_twenty_ids_and_a_count() {
    let ds = nkru_tui::dev::synth::generate(&nkru_tui::dev::synth::Params {
        eras: 1_000,
        paragraphs: 1,
        entities: 10,
        seed: 3,
        words: 3,
    });
    let err = nkru_tui::ui::check_era(&ds, "nope")
        .expect_err("unknown")
        .to_string();
    assert!(err.starts_with("unknown era `nope`; valid ids: "), "{err}");
    let listed: Vec<&str> = ds.eras.iter().map(|e| e.id.as_str()).take(21).collect();
    assert!(err.contains(&listed[..20].join(", ")), "{err}");
    assert!(!err.contains(&format!(" {},", listed[20])), "{err}");
    assert!(err.contains("20 of 1000"), "{err}");
    assert!(err.len() < 400, "{} bytes", err.len());

    let text = toml::to_string(&ds).expect("serializes");
    let f = temp_file(&text);
    let path = f.path.to_str().expect("utf-8 path");
    let o = nkru(&["show", "--data", path, "nope"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("20 of 1000") && err.len() < 400, "{err}");
}

#[test]
fn published_must_be_a_date() {
    for (value, ok) in [
        ("2023-09-13", true),
        ("07:32:00", false),
        ("2023-09-13T07:32:00", false),
        ("2023-09-13T07:32:00Z", false),
        ("2023-09-13 07:32:00+03:00", false),
    ] {
        let src = format!("{BASE}published = {value}\n{ERA}");
        let report = data::check(&src, "t.toml");
        assert_eq!(report.is_ok(), ok, "{value}: {:?}", report.errors);
        if !ok {
            let e = &report.errors[0];
            assert_eq!((e.line(), e.column()), (Some(6), Some(13)), "{e}");
            assert!(e.to_string().contains("must be a date"), "{e}");
        }
    }
    // The retrieval stamp may be a date-time, but not a time of day alone.
    let src = format!("{BASE}retrieved = 2024-12-22T19:31:58Z\n{ERA}");
    assert!(data::check(&src, "t.toml").is_ok());
    let src = format!("{BASE}retrieved = 19:31:58\n{ERA}");
    assert!(!data::check(&src, "t.toml").is_ok());
}
