//! `check` reports every schema mistake of a file in one run, in file order,
//! each at its line and column, in a reader's words (never a Rust type name).

use std::process::{Command, Stdio};

use nkru_tui::data;

/// Five lines: a minimal valid dataset with no eras. Appended text starts on line 6.
const BASE: &str = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n";

/// Words of Rust and serde that no message may hold.
const RUST_WORDS: [&str; 16] = [
    "i32",
    "i64",
    "u32",
    "u64",
    "usize",
    "bool",
    "String",
    "Vec",
    "Option",
    "struct",
    "enum",
    "variant",
    "sequence",
    "a map",
    "Datetime",
    "invalid type",
];

fn assert_readers_words(line: &str) {
    for word in RUST_WORDS {
        assert!(!line.contains(word), "`{word}` in: {line}");
    }
    assert!(!line.contains('\n'), "{line:?}");
}

fn errors(src: &str) -> Vec<String> {
    let report = data::check(src, "t.toml");
    assert!(report.dataset.is_none(), "expected a failure for:\n{src}");
    report.errors.iter().map(ToString::to_string).collect()
}

/// The case of the report: a wrong type early, an unknown key late, through
/// the binary; both are printed, the earlier first.
#[test]
fn a_type_error_and_a_later_unknown_key_are_both_reported_in_file_order() {
    let mut src = String::from(BASE);
    src.push_str("[[era]]\nid = \"a\"\nlabel = \"A\"\nstart = \"1945\"\nparagraphs = [\"p\"]\n");
    for i in 0..8 {
        src.push_str(&format!(
            "[[era]]\nid = \"e{i}\"\nlabel = \"L\"\nparagraphs = [\"p\"]\n"
        ));
    }
    src.push_str("[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"n\"\nnotes = \"typo\"\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("two.toml");
    std::fs::write(&path, &src).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .arg("check")
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    let file = path.display().to_string();
    assert_eq!(
        lines,
        [
            format!(
                "{file}:9:9: error: `start` of era `a` must be a whole number from -2147483648 to 2147483647, not text"
            ),
            format!("{file}:47:1: error: unknown key `notes` in entity `x`; did you mean `note`?"),
        ],
        "{stderr}"
    );
    for line in lines {
        assert_readers_words(line);
    }
}

/// Every key of every table given a value of the wrong kind: one located
/// error each, in file order, saying what the key takes in words.
#[test]
fn every_wrong_kind_of_value_is_said_in_words() {
    let src = "schema = \"1\"\n\
               [meta]\n\
               title = 1\n\
               source = true\n\
               attribution = []\n\
               published = \"2023-09-13\"\n\
               retrieved = 5\n\
               language = 1.5\n\
               direction = \"up\"\n\
               keywords = {}\n\
               [[era]]\n\
               id = 3\n\
               label = \"L\"\n\
               start = 1.5\n\
               end = 99999999999\n\
               editorial = \"yes\"\n\
               paragraphs = [\"p\", 2]\n\
               [[related]]\n\
               id = \"r\"\n\
               heading = \"h\"\n\
               list = 1\n\
               paragraphs = \"p\"\n\
               [[entity]]\n\
               id = \"x\"\n\
               kind = \"thing\"\n\
               name = \"n\"\n\
               aliases = \"a\"\n\
               latin = [[]]\n";
    let found = errors(src);
    let want: [(usize, usize, &str); 17] = [
        (1, 10, "`schema` must be a whole number, not text"),
        (3, 9, "`title` of [meta] must be text, not a whole number"),
        (4, 10, "`source` of [meta] must be text, not true or false"),
        (5, 15, "`attribution` of [meta] must be text, not a list"),
        (
            6,
            13,
            "`published` of [meta] must be a date such as 2023-09-13",
        ),
        (7, 13, "`retrieved` of [meta] must be a date"),
        (
            8,
            12,
            "`language` of [meta] must be text, not a decimal number",
        ),
        (
            9,
            13,
            "`direction` of [meta] must be one of ltr, rtl, not `up`",
        ),
        (10, 12, "`keywords` of [meta] must be text, not a table"),
        (12, 6, "`id` of era 1 must be text, not a whole number"),
        (14, 9, "`start` of era 1 must be a whole number"),
        (15, 7, "not 99999999999"),
        (
            16,
            13,
            "`editorial` of era 1 must be true or false, not text",
        ),
        (17, 20, "item 2 of `paragraphs` of era 1 must be text"),
        (21, 8, "`list` of related `r` must be true or false"),
        (22, 14, "`paragraphs` of related `r` must be a list of text"),
        (
            25,
            8,
            "`kind` of entity `x` must be one of person, place, organization, not `thing`",
        ),
    ];
    assert_eq!(found.len(), want.len() + 2, "{found:#?}");
    for ((line, column, text), shown) in want.iter().zip(&found) {
        let at = format!("t.toml:{line}:{column}: error: ");
        assert!(shown.starts_with(&at), "{at} for: {shown}");
        assert!(shown.contains(text), "`{text}` in: {shown}");
    }
    assert!(found[17].contains("`aliases` of entity `x` must be a list of text"));
    assert!(found[18].contains("item 1 of `latin` of entity `x` must be text, not a list"));
    for shown in &found {
        assert_readers_words(shown);
    }
}

#[test]
fn missing_keys_and_tables_are_named_with_what_they_take() {
    let found = errors("[[era]]\nid = \"a\"\nlabel = \"L\"\n");
    assert_eq!(
        found,
        [
            "t.toml:1:1: error: the file has no `schema = 1` line",
            "t.toml:1:1: error: the file has no [meta] table",
            "t.toml:1:1: error: era `a` has no `paragraphs` (a list of text, such as [\"…\", \"…\"])",
        ]
    );
    // A table's missing key is told at its header.
    let found = errors(&format!(
        "{BASE}[[entity]]\nid = \"x\"\nname = \"n\"\n\n[[entity]]\nid = \"y\"\n"
    ));
    assert_eq!(
        found,
        [
            "t.toml:6:1: error: entity `x` has no `kind` (one of person, place, organization)",
            "t.toml:10:1: error: entity `y` has no `kind` (one of person, place, organization)",
            "t.toml:10:1: error: entity `y` has no `name` (text)",
        ]
    );
}

#[test]
fn unknown_keys_name_the_keys_of_the_table() {
    let found = errors(&format!("{BASE}colour = \"red\"\n"));
    assert_eq!(
        found,
        [
            "t.toml:6:1: error: unknown key `colour` in [meta]; the keys are title, source, attribution, published, retrieved, language, direction, keywords"
        ]
    );
    let found = errors(&format!("eras = []\n{BASE}"));
    assert!(
        found[0].starts_with(
            "t.toml:1:1: error: unknown key `eras` at the top of the file; did you mean `era`?"
        ),
        "{found:?}"
    );
}

/// A file of many mistakes: about fifty are shown, then how many more.
#[test]
fn many_schema_errors_are_capped_with_a_count() {
    let mut src = String::from(BASE);
    for i in 0..200 {
        src.push_str(&format!(
            "[[era]]\nid = \"e{i}\"\nlabel = \"L\"\nstart = \"x\"\nparagraphs = []\n"
        ));
    }
    let found = errors(&src);
    let max = data::load::MAX_REPORTED;
    assert_eq!(max, 50);
    assert_eq!(found.len(), max + 1);
    assert_eq!(found[max], "t.toml: error: 150 more errors not shown");
    let lines: Vec<usize> = found[..max]
        .iter()
        .map(|s| {
            s.split(':')
                .nth(1)
                .and_then(|l| l.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    assert_eq!(lines[0], 9);
}
