//! Hardening: bad dataset files and hostile text, through the real binary
//! and through the library. Every test here backs a row of the README's
//! "Hardening" table (rows already covered by `tests/validation.rs` and
//! `tests/cli.rs` name those tests instead).
//!
//! What "clean output" means (see [`assert_clean`]): no byte below 0x20 but
//! `\n`, no DEL, no C1 control (U+0080–U+009F) and no bidi control
//! (embeddings, overrides, isolates U+202A–U+202E, U+2066–U+2069, and, in
//! laid-out text, the marks LRM, RLM and ALM too). ESC (0x1B) and the C1
//! CSI (U+009B) start every escape sequence, so no escape sequence can get
//! through either.
//!
//! Bounded: every case runs in well under a second in a debug build, bar
//! the two large inputs (a few seconds each).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nkru_tui::data::{self, Dataset, Entity, EntityKind, Era, Meta, Related};
use nkru_tui::search::Index;
use nkru_tui::text::{BidiMode, LayoutOptions, display_safe, layout, single_line};
use nkru_tui::ui::laid_text::{Align, LaidText, RTL_FENCE_END, RTL_FENCE_START, paint_label};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

// ---------------------------------------------------------------- helpers

fn nkru(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(args)
        .env_remove("NKRU_BIDI")
        .env_remove("MLTERM")
        .env_remove("KONSOLE_VERSION")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Bidi controls that reorder text beyond themselves ("Trojan Source").
fn is_bidi_embedding(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every character with the Unicode Bidi_Control property: the above plus
/// the marks ALM, LRM and RLM.
fn is_bidi_control(c: char) -> bool {
    is_bidi_embedding(c) || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}')
}

/// Never allowed in anything the program prints: C0 bar `\n`, DEL, C1, and
/// the bidi embeddings, overrides and isolates.
fn is_unprintable(c: char) -> bool {
    (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c) || is_bidi_embedding(c)
}

/// Panics, naming `what`, if `bytes` are not UTF-8 or hold a character `bad` rejects.
fn assert_no(what: &str, bytes: &[u8], bad: fn(char) -> bool) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| bad(c)) {
        let around: String = text[at..].chars().take(40).collect();
        panic!("{what}: U+{:04X} at byte {at}, in {around:?}", u32::from(c));
    }
}

/// Output meant for people: no control character at all, no bidi control.
fn assert_clean(what: &str, bytes: &[u8]) {
    assert_no(what, bytes, |c| is_unprintable(c) || is_bidi_control(c));
}

/// Tab-separated output (`list`, `search`): exactly `fields` fields a line,
/// none holding a character `bad` rejects (the tabs are the separators).
fn assert_clean_tsv(what: &str, bytes: &[u8], fields: usize, bad: fn(char) -> bool) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for line in text.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        assert_eq!(parts.len(), fields, "{what}: {line:?}");
        for p in parts {
            assert_no(what, p.as_bytes(), bad);
        }
    }
}

/// A run that failed on the data: exit 1, nothing on stdout, one clean line
/// per error on stderr, each starting `nkru-tui: FILE` or `FILE:` (check).
fn assert_rejected(what: &str, o: &Output, path: &Path) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{what}: {err}");
    assert!(o.stdout.is_empty(), "{what}: stdout {:?}", o.stdout);
    assert_clean(what, &o.stderr);
    assert!(!err.contains("panicked"), "{what}: {err}");
    let shown = path.display().to_string();
    for line in err.lines() {
        assert!(
            line.starts_with(&shown) || line.starts_with(&format!("nkru-tui: {shown}")),
            "{what}: {line}"
        );
    }
    err
}

/// Runs every command that reads a dataset on `path`, and checks each is
/// rejected the same clean way; gives `check`'s stderr.
fn rejected_everywhere(what: &str, path: &Path) -> String {
    let p = path.to_str().expect("utf-8 path");
    for args in [
        vec!["show", "--data", p],
        vec!["list", "--data", p],
        vec!["search", "--data", p, "a"],
    ] {
        let o = nkru(&args);
        let err = assert_rejected(&format!("{what}: {}", args[0]), &o, path);
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
    }
    assert_rejected(&format!("{what}: check"), &nkru(&["check", p]), path)
}

struct TempFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn temp_file(bytes: impl AsRef<[u8]>) -> TempFile {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data.toml");
    std::fs::write(&path, bytes).expect("write");
    TempFile { _dir: dir, path }
}

const SMALL: &str = "schema = 1\n\
                     [meta]\ntitle = \"عنوان\"\nsource = \"s\"\nlanguage = \"ar\"\n\
                     [[era]]\nid = \"a\"\nlabel = \"الحقبة\"\nstart = 1990\nend = 1999\n\
                     paragraphs = [\"قال بوتين في موسكو.\", \"ثم عاد.\"]\n";

// ------------------------------------------------------------------ files

#[test]
fn file_directory_is_one_line_exit_1() {
    let dir = tempfile::tempdir().expect("dir");
    let err = rejected_everywhere("directory", dir.path());
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn file_empty_is_one_line_exit_1() {
    let f = temp_file("");
    let err = rejected_everywhere("empty", &f.path);
    assert!(err.contains("1:1: error: the file is empty"), "{err}");
    let devnull = Path::new("/dev/null");
    let err = assert_rejected("/dev/null", &nkru(&["check", "/dev/null"]), devnull);
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn file_invalid_utf8_is_one_line_exit_1() {
    let mut bytes = SMALL.replace("الحقبة", "X").into_bytes();
    let at = bytes.iter().position(|&b| b == b'X').expect("X");
    // A lone continuation byte, an overlong NUL and a raw C1 CSI byte.
    bytes.splice(at..=at, *b"\x80\xc0\x80\x9b");
    let f = temp_file(&bytes);
    let err = rejected_everywhere("invalid UTF-8", &f.path);
    assert!(err.contains(":8:10: error: invalid UTF-8"), "{err}");
}

#[test]
fn file_bom_and_crlf_show_as_plain_lf() {
    let plain = temp_file(SMALL);
    let odd = temp_file(format!("\u{feff}{}", SMALL.replace('\n', "\r\n")));
    let show = |f: &TempFile| nkru(&["show", "--data", f.path.to_str().expect("utf-8")]);
    let (a, b) = (show(&plain), show(&odd));
    assert_eq!(
        b.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    assert_eq!(a.stdout, b.stdout);
    assert_clean("BOM + CRLF show", &b.stdout);
    assert!(!b.stdout.is_empty());
}

/// The TOML-level mistakes, through the binary: one located line, exit 1.
#[test]
fn file_schema_mistakes_are_one_located_line() {
    let cases = [
        (
            "unknown key",
            SMALL.replace("end = 1999", "ende = 1999"),
            "10:1",
            "unknown key `ende` in era `a`; did you mean `end`?",
        ),
        (
            "wrong type",
            SMALL.replace("1990", "\"1990\""),
            "9:9",
            "must be a whole number",
        ),
        (
            "duplicate id",
            format!("{SMALL}[[era]]\nid = \"a\"\nlabel = \"L\"\nparagraphs = [\"p\"]\n"),
            "13:6",
            "duplicate era id `a`",
        ),
        (
            "schema 2",
            SMALL.replace("schema = 1", "schema = 2"),
            "1:10",
            "schema version 2",
        ),
    ];
    for (what, text, at, needle) in cases {
        let f = temp_file(&text);
        let err = rejected_everywhere(what, &f.path);
        let want = format!("{}:{at}: error: ", f.path.display());
        assert!(
            err.starts_with(&want) && err.contains(needle),
            "{what}: {err}"
        );
    }
}

/// About `bytes` of Arabic: "نص " (5 bytes, 3 cells) over and over.
fn big_paragraph(bytes: usize) -> String {
    "نص ".repeat(bytes / "نص ".len())
}

#[test]
fn file_ten_megabyte_paragraph_indexes_and_lays_out() {
    let big = big_paragraph(10 << 20);
    let text = SMALL.replace("\"ثم عاد.\"", &format!("\"{big} بوتين\""));
    let ds = data::parse(&text, "big.toml").expect("loads");
    let index = Index::build(&ds);
    assert_eq!(index.full_text("بوتين").len(), 2);
    // `show` and the detail pane lay out whole paragraphs; layout is linear
    // (see BENCHMARKS.md), so a 200 KB prefix keeps this quick in a debug build.
    let prefix = &ds.eras[0].paragraphs[1][..5 * 40_000];
    let laid = layout(prefix, &LayoutOptions::new(80, BidiMode::App));
    // 40,000 words of 2 cells: 27 to a line of 80 (27 × 2 + 26 spaces).
    assert_eq!(laid.lines.len(), 40_000usize.div_ceil(27));
    assert!(laid.lines.iter().all(|l| l.width <= 80));
}

#[test]
fn file_million_one_word_paragraphs_list_and_search() {
    let words = vec!["\"كلمة\""; 1_000_000].join(",\n");
    let text = SMALL.replace(
        "[\"قال بوتين في موسكو.\", \"ثم عاد.\"]",
        &format!("[\n{words}\n]"),
    );
    let f = temp_file(&text);
    let p = f.path.to_str().expect("utf-8");
    let o = nkru(&["list", "--data", p]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.stdout, "a\t1990-1999\tالحقبة\n".as_bytes());
    // Parse, index (a million paragraphs of full text) and rank.
    let o = nkru(&["search", "--data", p, "الحقبة"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("era\ta\t"));
    // `show` of all of it takes half a minute in a debug build; its release
    // figures are in BENCHMARKS.md.
}

// ------------------------------------------------------------------- text

/// A small dataset with `s` in every kind of string it has.
fn dataset_with(s: &str) -> Dataset {
    Dataset {
        schema: data::SCHEMA_VERSION,
        meta: Meta {
            title: format!("عنوان {s}"),
            source: format!("مصدر {s}"),
            attribution: Some(format!("وكالة {s}")),
            published: None,
            retrieved: None,
            language: "ar".into(),
            direction: None,
            keywords: Some(s.into()),
        },
        eras: vec![Era {
            id: "a".into(),
            label: format!("الحقبة {s}"),
            start: Some(1990),
            end: Some(1999),
            editorial: true,
            paragraphs: vec![
                format!("قال بوتين {s} في موسكو (2023) «{s}»."),
                s.to_string(),
                format!("{s} بيونغ يانغ"),
            ],
        }],
        related: vec![Related {
            id: "r".into(),
            heading: format!("إقرأ أيضاً {s}"),
            title: Some(format!("عنوان {s}")),
            source: Some(s.into()),
            list: true,
            paragraphs: vec![format!("خبر {s}")],
        }],
        entities: vec![Entity {
            id: "putin".into(),
            kind: EntityKind::Person,
            name: "بوتين".into(),
            aliases: vec![format!("بوتين{s}")],
            latin: vec![format!("Putin{s}")],
            note: format!("رئيس {s}"),
        }],
    }
}

/// Control characters and bidi overrides: what `check` must refuse.
fn must_reject() -> Vec<char> {
    let c0 = ('\u{0}'..='\u{1f}').chain(std::iter::once('\u{7f}'));
    let c1 = '\u{80}'..='\u{9f}';
    let bidi = ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}');
    c0.chain(c1).chain(bidi).collect()
}

#[test]
fn text_every_control_and_bidi_override_is_rejected_in_every_field() {
    for c in must_reject() {
        let text = toml::to_string(&dataset_with(&format!("x{c}y"))).expect("serializes");
        let report = data::check(&text, "t.toml");
        assert!(report.dataset.is_none(), "U+{:04X} accepted", u32::from(c));
        // title, source, attribution, keywords, label, 3 paragraphs, related
        // heading, title, source, paragraph, alias, latin, note.
        assert_eq!(
            report.errors.len(),
            15,
            "U+{:04X}: {:?}",
            u32::from(c),
            report.errors
        );
        for e in &report.errors {
            assert_clean("diagnostic", e.to_string().as_bytes());
            assert!(
                e.to_string().contains(&format!("U+{:04X}", u32::from(c))),
                "{e}"
            );
        }
    }
}

/// Escape sequences spelled as TOML escapes (valid TOML, refused by validation).
#[test]
fn text_escape_sequences_are_refused_by_every_command() {
    for (what, escaped) in [
        (
            "OSC 52 clipboard write",
            "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007",
        ),
        ("clear screen", "\\u001b[2J\\u001b[H"),
        ("C1 CSI", "\\u009b31m"),
        ("NUL", "\\u0000"),
        ("title change", "\\u001b]0;pwned\\u001b\\\\"),
    ] {
        let text = SMALL.replace("ثم عاد.", &format!("ثم {escaped} عاد."));
        let f = temp_file(&text);
        let err = rejected_everywhere(what, &f.path);
        assert!(err.contains(":11:"), "{what}: {err}");
    }
}

/// Raw bytes in the file: TOML refuses raw C0 (bar tab) and DEL; validation
/// refuses raw tab, C1 and bidi overrides.
#[test]
fn text_raw_control_bytes_in_the_file_are_refused() {
    for (what, raw, needle) in [
        ("raw ESC", "\u{1b}[2J", "11:"),
        ("raw DEL", "\u{7f}", "11:"),
        ("raw NUL", "\u{0}", "11:"),
        ("raw tab", "\t", "U+0009"),
        ("raw C1 CSI", "\u{9b}31m", "U+009B"),
        ("raw NEL", "\u{85}", "U+0085"),
    ] {
        let text = SMALL.replace("ثم عاد.", &format!("ثم {raw} عاد."));
        let f = temp_file(&text);
        let err = rejected_everywhere(what, &f.path);
        assert!(err.contains(needle), "{what}: {err}");
    }
}

#[test]
fn text_trojan_source_is_refused() {
    // The classic: an RLO that makes the reader see code the compiler doesn't.
    let trojan = "/*\u{202e} } \u{2066}if (isAdmin)\u{2069} \u{2066} begin admins only */";
    for field in ["الحقبة", "ثم عاد."] {
        let f = temp_file(SMALL.replace(field, trojan));
        let err = rejected_everywhere("Trojan Source", &f.path);
        assert!(err.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)"), "{err}");
    }
}

/// Runs every printing command on a dataset that `check` accepts, and
/// checks that each succeeds and prints nothing unprintable.
fn accepted_and_printed_clean(what: &str, s: &str) {
    let text = toml::to_string(&dataset_with(s)).expect("serializes");
    let f = temp_file(&text);
    let p = f.path.to_str().expect("utf-8");
    let check = nkru(&["check", p]);
    let err = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{what}: check: {err}");
    assert_clean(&format!("{what}: check stdout"), &check.stdout);
    assert_clean(&format!("{what}: check stderr"), &check.stderr);
    let ok = |args: &[&str]| {
        let o = nkru(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{what}: {args:?}: {err}");
        assert!(o.stderr.is_empty(), "{what}: {args:?}: {err}");
        assert!(!o.stdout.is_empty(), "{what}: {args:?}");
        o.stdout
    };
    for bidi in ["app", "terminal"] {
        for width in ["1", "2", "13", "80"] {
            let args = [
                "show", "--data", p, "--bidi", bidi, "--width", width, "a", "r",
            ];
            assert_clean(&format!("{what}: {args:?}"), &ok(&args));
        }
    }
    let list = ok(&["list", "--data", p]);
    assert_clean_tsv(&format!("{what}: list"), &list, 3, |c| {
        is_unprintable(c) || is_bidi_control(c)
    });
    let json = ok(&["list", "--data", p, "--json"]);
    assert_no(&format!("{what}: list --json"), &json, is_unprintable);
    serde_json::from_slice::<serde_json::Value>(&json).expect("list --json is JSON");
    for query in ["بوتين", "putin", "الحقبة", s] {
        let rows = ok(&["search", "--data", p, "--", query]);
        assert_clean_tsv(&format!("{what}: search {query:?}"), &rows, 6, |c| {
            is_unprintable(c) || is_bidi_control(c)
        });
        let json = ok(&["search", "--data", p, "--json", "--", query]);
        assert_no(&format!("{what}: search --json"), &json, is_unprintable);
    }
}

#[test]
fn text_zero_width_characters_are_accepted_and_printed_clean() {
    accepted_and_printed_clean(
        "zero width",
        "كيم\u{200b}جونغ\u{200c}أون\u{200d}👍\u{feff}بوتين\u{2060}",
    );
}

#[test]
fn text_bidi_marks_are_accepted_and_never_laid_out_raw() {
    accepted_and_printed_clean("bidi marks", "\u{200f}موسكو\u{200e} Moscow \u{61c}2023");
}

#[test]
fn text_unassigned_and_private_use_code_points_are_printed_clean() {
    accepted_and_printed_clean(
        "unassigned",
        "\u{378}\u{5ff}\u{fdd0}\u{ffff}\u{2fffe}\u{10ffff}\u{e0080}\u{e000}\u{f8ff} نص",
    );
}

#[test]
fn text_emoji_and_cjk_mixed_with_arabic_are_printed_clean() {
    accepted_and_printed_clean(
        "emoji and CJK",
        "قال 金正恩 👍🏽 في 🇰🇵 平壤 👨\u{200d}👩\u{200d}👧 한국어 ＡＢＣ كوريا ️\u{fe0f} بَُِّْ لا الله",
    );
}

#[test]
fn text_hostile_queries_print_nothing_raw() {
    for query in [
        "\u{1b}[2J",
        "\u{1b}]52;c;eA==\u{7}",
        "\u{202e}بوتين",
        "\u{9b}1m",
        "\t\n\r",
    ] {
        for json in [false, true] {
            let mut args = vec!["search"];
            if json {
                args.push("--json");
            }
            args.extend(["--", query]);
            let o = nkru(&args);
            assert_eq!(o.status.code(), Some(0), "{query:?}");
            let what = format!("search {query:?} (json: {json})");
            if json {
                assert_no(&what, &o.stdout, is_unprintable);
            } else {
                assert_clean_tsv(&what, &o.stdout, 6, is_unprintable);
            }
            assert_clean(&format!("search {query:?} stderr"), &o.stderr);
        }
    }
}

// ------------------------------------------------------ library properties

/// Fragments of hostile text: escape sequences whole, single controls,
/// bidi and zero-width characters, wide characters, Arabic, anything.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "\u{1b}]52;c;eA==\u{7}", "\u{1b}[2J", "\u{1b}[31m", "\u{9b}31m", "\u{1b}P1$r\u{1b}\\",
            "\u{1b}]8;;http://x\u{1b}\\", "\r\n", "\t", "\u{85}", "\u{2028}",
            "\u{202e}", "\u{2066}", "\u{2069}", "\u{200e}", "\u{200f}", "\u{61c}",
            "\u{200b}", "\u{200c}", "\u{200d}", "\u{feff}", "\u{ad}", "\u{e0041}",
            "金正恩", "👨\u{200d}👩\u{200d}👧", "🇰🇵", "👍🏽", "\u{fe0f}", "\u{378}", "\u{10ffff}",
            "بوتين", "كوريا الشمالية", "لا", "بَُِّ", "(", "»", "2023", "Putin", " ",
        ]).prop_map(str::to_string),
        1 => prop::char::range('\u{0}', '\u{a0}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

fn any_mode() -> impl Strategy<Value = BidiMode> {
    prop_oneof![Just(BidiMode::App), Just(BidiMode::Terminal)]
}

fn is_laid_out_bad(c: char) -> bool {
    is_unprintable(c) || c == '\n' || is_bidi_control(c)
}

proptest! {
    #[test]
    fn layout_never_emits_controls(text in hostile(), width in 1usize..=100, mode in any_mode()) {
        let laid = layout(&text, &LayoutOptions::new(width, mode));
        for line in &laid.lines {
            prop_assert!(!line.text.chars().any(is_laid_out_bad), "{:?}", line.text);
        }
        let (line, _) = single_line(&text, width, mode, None);
        prop_assert!(!line.text.chars().any(is_laid_out_bad), "{:?}", line.text);
        prop_assert!(!display_safe(&text).chars().any(is_laid_out_bad));
    }

    #[test]
    fn laid_text_cells_hold_no_controls(
        text in hostile(),
        w in 1u16..=60,
        h in 1u16..=8,
        skip in 0usize..3,
        mode in any_mode(),
        hl in 0usize..64,
    ) {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h + 1));
        let laid = layout(&text, &LayoutOptions::new(usize::from(w), mode));
        let highlights = [(hl..hl + 5, Style::default().fg(Color::Red))];
        LaidText::new(&laid)
            .highlights(&highlights)
            .scroll(skip)
            .render(Rect::new(0, 0, w, h), &mut buf);
        let (label, dir) = single_line(&text, usize::from(w), mode, None);
        paint_label(&mut buf, Rect::new(0, h, w, 1), &label, Align::Reading(dir), |_| Style::default());
        // The only marks allowed are the fences the painter puts around
        // right-to-left lines in Terminal mode (whole, never from the text).
        for cell in buf.content() {
            let own = cell.symbol().replace(RTL_FENCE_START, "").replace(RTL_FENCE_END, "");
            prop_assert!(!own.chars().any(is_laid_out_bad), "{:?}", cell.symbol());
        }
    }
}

#[test]
fn file_endless_data_is_refused_with_one_line() {
    // /dev/zero never ends: the reader stops at the size limit instead of eating memory.
    if !Path::new("/dev/zero").exists() {
        eprintln!("no /dev/zero here: nothing to test");
        return;
    }
    let out = nkru(&["check", "/dev/zero"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("/dev/zero") && err.contains("larger than"),
        "{err}"
    );
}
