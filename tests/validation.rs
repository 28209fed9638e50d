//! Every bad-input case of the loader: each gives one line naming the file,
//! the line and column, and the offending value.

use std::io::Write as _;

use nkru_tui::data::{self, CheckReport, Diagnostic, Severity};

/// Five lines: a minimal valid dataset with no eras. Appended text starts on line 6.
const BASE: &str = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n";

fn with(extra: &str) -> String {
    format!("{BASE}{extra}")
}

/// The single error of `src`, asserting there is exactly one.
fn only_error(src: &str) -> Diagnostic {
    let report = data::check(src, "t.toml");
    assert!(report.dataset.is_none(), "expected a failure for:\n{src}");
    assert_eq!(report.errors.len(), 1, "errors: {:?}", report.errors);
    report.errors[0].clone()
}

/// Asserts position, that the one-line message holds every `needle`, and the Display form.
fn assert_at(d: &Diagnostic, line: usize, column: usize, needles: &[&str]) {
    let shown = d.to_string();
    assert_eq!(
        (d.line(), d.column()),
        (Some(line), Some(column)),
        "{shown}"
    );
    assert!(
        shown.starts_with(&format!("t.toml:{line}:{column}: error: ")),
        "{shown}"
    );
    for n in needles {
        assert!(shown.contains(n), "`{n}` missing from: {shown}");
    }
    assert_one_clean_line(&shown);
}

fn assert_one_clean_line(shown: &str) {
    assert!(!shown.contains('\n'), "not one line: {shown:?}");
    assert!(
        !shown.chars().any(|c| c.is_control()),
        "control character in: {shown:?}"
    );
    // No Rust Debug dumps.
    for dump in ["Error {", "Some(", "Spanned", "span:"] {
        assert!(!shown.contains(dump), "debug output in: {shown}");
    }
}

fn era(id: &str, body: &str) -> String {
    format!("[[era]]\nid = \"{id}\"\nlabel = \"L\"\n{body}paragraphs = [\"p\"]\n")
}

#[test]
fn minimal_dataset_is_valid() {
    let report = data::check(&with(&era("a", "start = 1\nend = 2\n")), "t.toml");
    assert!(report.is_ok(), "{:?}", report.errors);
    assert!(report.warnings.is_empty());
    assert_eq!(report.dataset.map(|d| d.eras.len()), Some(1));
}

#[test]
fn toml_syntax_error() {
    let d = only_error(&with("[[era]\n"));
    assert_at(&d, 6, 7, &["expected"]);
}

#[test]
fn unknown_key_names_the_key() {
    let d = only_error(&with("titel = \"x\"\n"));
    assert_at(
        &d,
        6,
        1,
        &["unknown key `titel` in [meta]; did you mean `title`?"],
    );
}

#[test]
fn unknown_key_in_an_era() {
    // Line 6 [[era]], 7 id, 8 label, 9 the typo.
    let d = only_error(&with(&era("a", "  paragraps = []\n")));
    assert_at(
        &d,
        9,
        3,
        &["unknown key `paragraps`", "did you mean `paragraphs`?"],
    );
}

#[test]
fn wrong_type() {
    let d = only_error(&with(&era("a", "start = \"1945\"\n")));
    assert_at(
        &d,
        9,
        9,
        &["`start` of era `a` must be a whole number", "not text"],
    );
}

#[test]
fn unknown_entity_kind() {
    let d = only_error(&with(
        "[[entity]]\nid = \"x\"\nkind = \"thing\"\nname = \"n\"\n",
    ));
    assert_at(&d, 8, 8, &["thing"]);
}

#[test]
fn missing_required_field() {
    let d = only_error(&with("[[era]]\nlabel = \"L\"\nparagraphs = []\n"));
    assert_at(&d, 6, 1, &["era 1 has no `id` (text)"]);
}

#[test]
fn schema_version_2() {
    let d = only_error(&with("").replace("schema = 1", "schema = 2"));
    assert_at(
        &d,
        1,
        10,
        &["unsupported schema version 2 (this build reads 1)"],
    );
}

#[test]
fn schema_version_2_with_new_keys_still_says_version() {
    let d = only_error("schema = 2\nshiny_new_table = 1\n");
    assert_at(&d, 1, 10, &["unsupported schema version 2"]);
}

#[test]
fn duplicate_era_id_points_at_the_second_and_names_the_first() {
    // First era: lines 6-9 (id on 7); second: lines 10-13 (id on 11).
    let d = only_error(&with(&format!("{}{}", era("x", ""), era("x", ""))));
    assert_at(&d, 11, 6, &["duplicate era id `x`", "first used at line 7"]);
}

#[test]
fn duplicate_id_across_eras_and_related() {
    let related = "[[related]]\nid = \"x\"\nheading = \"h\"\nparagraphs = [\"p\"]\n";
    let d = only_error(&with(&format!("{}{related}", era("x", ""))));
    assert_at(
        &d,
        11,
        6,
        &["duplicate", "`x`", "[[related]]", "[[era]]", "line 7"],
    );
}

#[test]
fn duplicate_entity_id() {
    let e = "[[entity]]\nid = \"putin\"\nkind = \"person\"\nname = \"بوتين\"\n";
    let d = only_error(&with(&format!("{e}{e}")));
    assert_at(&d, 11, 6, &["duplicate entity id `putin`", "line 7"]);
}

#[test]
fn empty_label() {
    let d = only_error(&with(
        "[[era]]\nid = \"a\"\nlabel = \"\"\nparagraphs = [\"p\"]\n",
    ));
    assert_at(&d, 8, 9, &["label of era `a`", "empty"]);
}

#[test]
fn whitespace_only_label() {
    let d = only_error(&with(
        "[[era]]\nid = \"a\"\nlabel = \" \u{a0} \"\nparagraphs = [\"p\"]\n",
    ));
    assert_at(&d, 8, 9, &["label of era `a`", "empty or only whitespace"]);
}

#[test]
fn empty_title() {
    let d = only_error(&BASE.replace("title = \"t\"", "title = \"   \""));
    assert_at(&d, 3, 9, &["title of [meta]", "empty"]);
}

#[test]
fn empty_related_title() {
    let d = only_error(&with(
        "[[related]]\nid = \"r\"\nheading = \"h\"\ntitle = \"\"\nparagraphs = [\"p\"]\n",
    ));
    assert_at(&d, 9, 9, &["title of related `r`"]);
}

#[test]
fn empty_paragraph_is_located_inside_the_array() {
    let d = only_error(&with(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"p\", \"  \"]\n",
    ));
    assert_at(&d, 9, 20, &["paragraph 2 of era `a`", "empty"]);
}

#[test]
fn start_after_end() {
    let d = only_error(&with(&era("a", "start = 1990\nend = 1980\n")));
    assert_at(&d, 9, 9, &["start 1990 is after end 1980", "era `a`"]);
}

#[test]
fn entity_with_empty_name() {
    let d = only_error(&with(
        "[[entity]]\nid = \"x\"\nkind = \"place\"\nname = \"\"\n",
    ));
    assert_at(&d, 9, 8, &["name of entity `x`", "empty"]);
}

#[test]
fn bad_id_characters() {
    let d = only_error(&with(&era("two words", "")));
    assert_at(&d, 7, 6, &["`two words`", "ASCII"]);
}

/// A paragraph holding `escaped` (TOML escape syntax) after "ab".
fn paragraph_with(escaped: &str) -> String {
    with(&format!(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"ok\", \"ab{escaped}c\"]\n"
    ))
}

#[test]
fn control_characters_in_paragraphs() {
    let cases = [
        ("\\u001b]52;c;eA==\\u0007", "U+001B (ESCAPE)"),
        ("\\u001b[2J", "U+001B"),
        ("\\t", "U+0009 (TAB)"),
        ("\\n", "U+000A (LINE FEED)"),
        ("\\r", "U+000D"),
        ("\\u0000", "U+0000 (NUL)"),
        ("\\u007f", "U+007F (DELETE)"),
        ("\\u0085", "U+0085"),
        ("\\u009b", "U+009B"),
    ];
    for (escaped, named) in cases {
        let d = only_error(&paragraph_with(escaped));
        // The value starts at line 9, column 21; the character is the 3rd of the string.
        assert_at(&d, 9, 21, &["paragraph 2 of era `a`", named, "character 3"]);
    }
}

#[test]
fn bidi_controls_in_paragraphs() {
    for c in [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ] {
        let named = format!("U+{:04X}", u32::from(c));
        // Raw in the source, as "Trojan Source" text would be.
        let d = only_error(&paragraph_with(&c.to_string()));
        assert_at(&d, 9, 21, &[&named, "character 3"]);
        // And escaped.
        let d = only_error(&paragraph_with(&format!("\\u{:04X}", u32::from(c))));
        assert_at(&d, 9, 21, &[&named]);
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    let d = only_error(&with(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"مرحبا\", \"x\\u202Ey\"]\n",
    ));
    assert_at(
        &d,
        9,
        24,
        &["U+202E (RIGHT-TO-LEFT OVERRIDE)", "character 2"],
    );
}

#[test]
fn newline_inside_a_multiline_string() {
    let d = only_error(&with(
        "[[era]]\nid = \"a\"\nlabel = \"\"\"one\ntwo\"\"\"\nparagraphs = [\"p\"]\n",
    ));
    assert_at(&d, 8, 9, &["label of era `a`", "U+000A", "character 4"]);
}

#[test]
fn controls_in_every_kind_of_string() {
    let cases = [
        (
            BASE.replace("source = \"s\"", "source = \"s\\u202e\""),
            4,
            10,
            "source of [meta]",
        ),
        (
            with("keywords = \"k\\u0007\"\n"),
            6,
            12,
            "keywords of [meta]",
        ),
        (
            with(
                "[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"n\"\naliases = [\"a\", \"b\\u2066\"]\n",
            ),
            10,
            17,
            "alias 2 of entity `x`",
        ),
        (
            with(
                "[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"n\"\nnote = \"\\u009b31m\"\n",
            ),
            10,
            8,
            "note of entity `x`",
        ),
        (
            with("[[related]]\nid = \"r\"\nheading = \"h\\u001b\"\nparagraphs = [\"p\"]\n"),
            8,
            11,
            "heading of related `r`",
        ),
        (with(&era("a\\u001b", "")), 7, 6, "id of era 1"),
    ];
    for (src, line, column, what) in cases {
        let d = only_error(&src);
        assert_at(&d, line, column, &[what, "U+"]);
    }
}

#[test]
fn zero_width_and_marks_are_allowed() {
    // RLM, ZWJ, ZWNJ, NBSP and harakat are ordinary text, not controls.
    let report = data::check(
        &paragraph_with("\u{200f}\u{200d}\u{200c}\u{a0}وثبَّت"),
        "t.toml",
    );
    assert!(report.is_ok(), "{:?}", report.errors);
}

#[test]
fn check_collects_every_error_in_document_order_and_parse_returns_the_first() {
    let src = with(&format!(
        "{}{}",
        era("a", "start = 5\nend = 1\n"),
        "[[era]]\nid = \"a\"\nlabel = \"\"\nparagraphs = [\"\\u202e\"]\n"
    ));
    let report = data::check(&src, "t.toml");
    let lines: Vec<_> = report
        .errors
        .iter()
        .map(|d| d.line().unwrap_or(0))
        .collect();
    assert_eq!(lines, vec![9, 13, 14, 15], "{:?}", report.errors);
    assert!(report.dataset.is_none());
    let first = data::parse(&src, "t.toml").expect_err("invalid");
    assert_eq!(first, report.errors[0]);
}

#[test]
fn warnings_do_not_fail() {
    let report = data::check(
        &with("[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = []\n"),
        "t.toml",
    );
    assert!(report.is_ok());
    assert_eq!(report.warnings.len(), 1);
    let w = &report.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.to_string(),
        "t.toml:9:14: warning: era `a` has no paragraphs"
    );
}

#[test]
fn empty_source() {
    for src in ["", "  \n\n", "\u{feff}"] {
        let d = only_error(src);
        assert_at(&d, 1, 1, &["empty"]);
    }
}

#[test]
fn missing_meta() {
    let d = only_error("schema = 1\n");
    assert_at(&d, 1, 1, &["the file has no [meta] table"]);
}

#[test]
fn byte_order_mark_is_accepted_and_keeps_positions() {
    let ok = data::check(&format!("\u{feff}{}", with(&era("a", ""))), "t.toml");
    assert!(ok.is_ok(), "{:?}", ok.errors);
    let d = only_error(&format!("\u{feff}{}", with("titel = 1\n")));
    assert_at(&d, 6, 1, &["titel"]);
    let d = only_error("\u{feff}schema = 2\n");
    assert_at(&d, 1, 10, &["schema version 2"]);
}

#[test]
fn crlf_line_endings_are_accepted_and_keep_positions() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let ok = data::check(&crlf(&with(&era("a", ""))), "t.toml");
    assert!(ok.is_ok(), "{:?}", ok.errors);
    let d = only_error(&crlf(&with(&era("a", "start = 9\nend = 1\n"))));
    assert_at(&d, 9, 9, &["start 9 is after end 1"]);
    let d = only_error(&crlf(&with("  titel = 1\n")));
    assert_at(&d, 6, 3, &["titel"]);
}

fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(bytes).expect("write");
    f
}

fn file_error(report: CheckReport, path: &std::path::Path) -> String {
    assert!(report.dataset.is_none());
    assert_eq!(report.errors.len(), 1);
    let shown = report.errors[0].to_string();
    assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    assert_one_clean_line(&shown);
    shown
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("nope.toml");
    let shown = file_error(data::check_file(&path), &path);
    assert_eq!(
        shown,
        format!("{}: error: cannot read: no such file", path.display())
    );
    assert_eq!(
        data::load_file(&path).map_err(|e| e.to_string()),
        Err(shown)
    );
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let shown = file_error(data::check_file(dir.path()), dir.path());
    assert!(
        shown.ends_with("is a directory, not a dataset file"),
        "{shown}"
    );
}

#[test]
fn invalid_utf8_names_line_and_byte() {
    let mut bytes = with("[[era]]\nid = \"a\"\nlabel = \"").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\"\nparagraphs = [\"p\"]\n");
    let f = file_with(&bytes);
    let shown = file_error(data::check_file(f.path()), f.path());
    let at = format!(
        "{}:8:10: error: invalid UTF-8 at byte offset {offset} (byte 0xFF)",
        f.path().display()
    );
    assert!(shown.starts_with(&at), "{shown}");
}

#[test]
fn file_with_bom_and_crlf_loads() {
    let text = format!("\u{feff}{}", with(&era("a", ""))).replace('\n', "\r\n");
    let f = file_with(text.as_bytes());
    let ds = data::load_file(f.path()).expect("loads");
    assert_eq!(ds.eras[0].id, "a");
    assert_eq!(ds.eras[0].paragraphs, vec!["p".to_string()]);
}

#[test]
fn file_errors_name_the_file() {
    let f = file_with(with("titel = 1\n").as_bytes());
    let err = data::load_file(f.path()).expect_err("invalid");
    assert_eq!(err.origin, f.path().display().to_string());
    assert!(err.to_string().starts_with(&format!(
        "{}:6:1: error: unknown key `titel`",
        f.path().display()
    )));
}

#[test]
fn messages_quoting_the_input_cannot_inject_escapes() {
    let d = only_error(&with("\"\\u001b[2J\\u202e\" = 1\n"));
    let shown = d.to_string();
    assert!(shown.contains("unknown key"), "{shown}");
    assert_one_clean_line(&shown);
    assert!(!shown.contains('\u{202e}'));
}

#[test]
fn embedded_dataset_is_valid() {
    let report = data::check(data::EMBEDDED, data::EMBEDDED_NAME);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let ds = data::embedded().expect("embedded dataset loads");
    assert!(!ds.eras.is_empty());
}

#[test]
fn many_errors_are_capped_with_a_count() {
    let empties = vec!["\"\""; 1000].join(", ");
    let src = with(&format!(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [{empties}]\n"
    ));
    let report = data::check(&src, "t.toml");
    let max = nkru_tui::data::load::MAX_REPORTED;
    assert_eq!(report.errors.len(), max + 1);
    // Still in document order, columns advancing along the one long line.
    let columns: Vec<usize> = report.errors[..max]
        .iter()
        .filter_map(|d| d.column())
        .collect();
    assert_eq!(columns.len(), max);
    assert!(columns.windows(2).all(|w| w[0] < w[1]), "{columns:?}");
    assert_eq!(report.errors[0].column(), Some(15));
    assert_eq!(report.errors[1].column(), Some(19));
    let last = report.errors[max].to_string();
    assert_eq!(
        last,
        format!("t.toml: error: {} more errors not shown", 1000 - max)
    );
}

#[test]
fn a_million_one_word_paragraphs_load() {
    let words = vec!["\"كلمة\""; 1_000_000].join(",\n");
    let src = with(&format!(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\n{words}\n]\n"
    ));
    let ds = data::parse(&src, "t.toml").expect("loads");
    assert_eq!(ds.eras[0].paragraphs.len(), 1_000_000);
}

#[test]
fn a_ten_megabyte_paragraph_loads_and_a_late_control_is_found() {
    let big = "نص ".repeat(2_000_000); // 10 MB
    let ok = with(&format!(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"{big}\"]\n"
    ));
    let ds = data::parse(&ok, "t.toml").expect("loads");
    assert_eq!(ds.eras[0].paragraphs[0].len(), big.len());
    let bad = with(&format!(
        "[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"{big}\\u001b\"]\n"
    ));
    let d = only_error(&bad);
    assert_at(
        &d,
        9,
        15,
        &["U+001B", &format!("character {}", big.chars().count() + 1)],
    );
}

#[test]
fn years_outside_the_timeline_are_located_errors() {
    let src = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n[[era]]\nid = \"a\"\nlabel = \"l\"\nstart = -2000000000\nend = 2000000000\nparagraphs = [\"p\"]\n";
    let report = nkru_tui::data::check(src, "years.toml");
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("years.toml:9:9: error: start year -2000000000"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("years.toml:10:7: error: end year 2000000000"),
        "{errors:?}"
    );
}

/// Over 1 MiB, so that the loader parses the TOML in pieces on several threads.
fn large_source() -> String {
    let src = nkru_tui::dev::synth::generate_toml(&nkru_tui::dev::synth::Params {
        eras: 300,
        paragraphs: 3,
        entities: 3_000,
        seed: 21,
        words: 60,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(src.len() > 1 << 20, "{} bytes", src.len());
    src
}

/// The 1-based line and column of byte `at` of `src`.
fn line_col(src: &str, at: usize) -> (usize, usize) {
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[test]
fn large_file_in_pieces_equals_one_parse() {
    let mut src = large_source();
    // A line starting with `[[` inside a multi-line string, halfway through:
    // a cut there would split the string, so it must not change the result.
    let mid = src.len() / 2 + src[src.len() / 2..].find("\n[[era]]").unwrap_or(0);
    // (A line-ending backslash keeps the line break out of the paragraph.)
    src.insert_str(
        mid,
        "\n[[era]]\nid = \"fake\"\nlabel = \"x\"\nparagraphs = [\"\"\"نص \\\n[[entity]] في النص\"\"\"]\n",
    );
    let whole: data::Dataset = toml::from_str(&src).unwrap_or_else(|e| panic!("{e}"));
    let parsed = data::parse(&src, "big.toml").unwrap_or_else(|e| panic!("{e}"));
    let fake = parsed.eras.iter().find(|e| e.id == "fake");
    assert_eq!(
        fake.map(|e| e.paragraphs.clone()),
        Some(vec!["نص [[entity]] في النص".to_owned()])
    );
    assert_eq!(parsed, whole);
}

#[test]
fn large_file_errors_are_located_as_in_a_small_one() {
    let src = large_source();
    let last = src.rfind("[[entity]]").unwrap_or(0) + "[[entity]]\n".len();
    let mut broken = src.clone();
    broken.insert_str(last, "titel = \"x\"\n");
    let (line, column) = line_col(&broken, last);
    assert_at(
        &only_error(&broken),
        line,
        column,
        &["unknown key `titel` in entity"],
    );
    // A wrong type in the last table: located at the value.
    let kind = last + src[last..].find("kind = ").unwrap_or(0) + "kind = ".len();
    let mut broken = src.clone();
    broken.insert_str(kind, "3 #");
    let (line, column) = line_col(&broken, kind);
    assert_at(
        &only_error(&broken),
        line,
        column,
        &["must be one of person, place, organization, not a whole number"],
    );
    // The same table twice, far apart: an error at the second.
    let mut broken = src.clone();
    broken.push_str("[meta]\ntitle = \"again\"\n");
    let (line, _) = line_col(&broken, broken.len() - "[meta]\ntitle = \"again\"\n".len());
    assert_eq!(only_error(&broken).line(), Some(line));
}
