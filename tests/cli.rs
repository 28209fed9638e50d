//! The command-line surface, run through the real binary: exit codes,
//! one-line errors, `list`, `check`, global options.

use std::process::{Command, Output, Stdio};

fn nkru(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(args)
        .env_remove("NKRU_BIDI")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

fn embedded() -> nkru_tui::data::Dataset {
    nkru_tui::data::embedded().expect("the embedded dataset loads")
}

/// A file in a fresh temporary directory (kept alive by the returned guard).
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

const SMALL: &str = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"en\"\n\
                     [[era]]\nid = \"only\"\nlabel = \"The only era\"\nstart = 1990\nend = 1999\nparagraphs = [\"p\", \"q\"]\n";

#[test]
fn help_lists_the_commands() {
    let o = nkru(&["--help"]);
    assert_eq!(code(&o), Some(0));
    let out = stdout(&o);
    for word in [
        "list",
        "check",
        "show",
        "search",
        "--data",
        "--bidi",
        "NKRU_BIDI",
        "config",
        "--fresh",
    ] {
        assert!(out.contains(word), "`{word}` missing from --help:\n{out}");
    }
}

#[test]
fn version() {
    let o = nkru(&["--version"]);
    assert_eq!(code(&o), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        format!("nkru-tui {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn list_prints_every_era_in_dataset_order() {
    let o = nkru(&["list"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let ds = embedded();
    assert_eq!(lines.len(), ds.eras.len());
    for (line, era) in lines.iter().zip(&ds.eras) {
        let fields: Vec<&str> = line.split('\t').collect();
        let years = era
            .years()
            .map(|(s, e)| format!("{s}-{e}"))
            .unwrap_or_default();
        assert_eq!(
            fields,
            vec![era.id.as_str(), years.as_str(), era.label.as_str()]
        );
    }
}

#[test]
fn list_starts_with_the_intro_and_ends_with_the_summit() {
    let out = stdout(&nkru(&["list"]));
    let ids: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(ids.first(), Some(&"intro"));
    assert_eq!(ids.last(), Some(&"2023-09-12"));
    // The lead has no years; the last era is a single year.
    assert!(out.starts_with("intro\t\t"), "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("2023-09-12\t2023-2023\t")),
        "{out}"
    );
}

#[test]
fn list_json_parses() {
    let o = nkru(&["list", "--json"]);
    assert_eq!(code(&o), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let arr = v.as_array().expect("an array");
    let ds = embedded();
    assert_eq!(arr.len(), ds.eras.len());
    for (obj, era) in arr.iter().zip(&ds.eras) {
        assert_eq!(obj["id"], era.id.as_str());
        assert_eq!(obj["label"], era.label.as_str());
        assert_eq!(obj["paragraphs"], era.paragraphs.len());
        assert_eq!(obj["editorial"], era.editorial);
        assert_eq!(obj["start"].as_i64(), era.start.map(i64::from));
    }
}

/// The shipped dataset passes its own check: the summary, and not one warning.
#[test]
fn check_embedded_prints_ok() {
    let o = nkru(&["check"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "warnings on the embedded dataset");
    let ds = embedded();
    let want = format!(
        "ok: {} eras, {} entities, {} paragraphs\n",
        ds.eras.len(),
        ds.entities.len(),
        ds.paragraph_count()
    );
    assert_eq!(stdout(&o), want);
}

#[test]
fn check_a_good_file() {
    let (_dir, path) = temp_file("small.toml", SMALL);
    let o = nkru(&["check", path.to_str().expect("utf8 path")]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "ok: 1 eras, 0 entities, 2 paragraphs\n");
}

#[test]
fn check_broken_file_names_line_and_key() {
    let broken = SMALL.replace("label = ", "lable = ");
    let (_dir, path) = temp_file("broken.toml", &broken);
    let o = nkru(&["check", path.to_str().expect("utf8 path")]);
    assert_eq!(code(&o), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "{}:8:1: error: unknown key `lable` in era `only`; did you mean `label`?",
            path.display()
        )),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn check_reports_every_validation_error() {
    let bad = SMALL
        .replace("start = 1990", "start = 2000")
        .replace("\"q\"", "\"\"");
    let (_dir, path) = temp_file("bad.toml", &bad);
    let o = nkru(&["check", path.to_str().expect("utf8 path")]);
    assert_eq!(code(&o), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains(":9:9: error: start 2000 is after end 1999"),
        "{err}"
    );
    assert!(lines[1].contains(":11:20: error: paragraph 2"), "{err}");
}

#[test]
fn check_honours_data_but_file_wins() {
    let (_dir, good) = temp_file("good.toml", SMALL);
    let (_dir2, bad) = temp_file("bad.toml", "schema = 2\n");
    let o = nkru(&["check", "--data", bad.to_str().expect("utf8")]);
    assert_eq!(code(&o), Some(1));
    assert!(stderr(&o).contains("unsupported schema version 2"));
    let o = nkru(&[
        "--data",
        bad.to_str().expect("utf8"),
        "check",
        good.to_str().expect("utf8"),
    ]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
}

#[test]
fn missing_file_is_one_line_exit_1() {
    for args in [
        vec!["check", "/nonexistent/nkru.toml"],
        vec!["--data", "/nonexistent/nkru.toml", "list"],
    ] {
        let o = nkru(&args);
        assert_eq!(code(&o), Some(1), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("/nonexistent/nkru.toml") && err.contains("no such file"),
            "{err}"
        );
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let o = nkru(&["frobnicate"]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("frobnicate"));
}

#[test]
fn global_option_after_the_subcommand() {
    let (_dir, path) = temp_file("small.toml", SMALL);
    let o = nkru(&[
        "list",
        "--data",
        path.to_str().expect("utf8"),
        "--bidi",
        "terminal",
    ]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "only\t1990-1999\tThe only era\n");
}

#[test]
fn invalid_nkru_bidi_is_a_usage_error_naming_the_variable() {
    let run = |value: &str| {
        Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
            .arg("list")
            .env("NKRU_BIDI", value)
            .output()
            .expect("runs")
    };
    let o = run("sideways");
    assert_eq!(code(&o), Some(2));
    assert!(
        stderr(&o).contains("NKRU_BIDI") && stderr(&o).contains("sideways"),
        "{}",
        stderr(&o)
    );
    assert_eq!(code(&run("terminal")), Some(0));
    assert_eq!(code(&run("")), Some(0));
}

#[test]
fn browser_refuses_a_pipe() {
    let o = nkru(&[]);
    assert_eq!(code(&o), Some(1));
    assert_eq!(
        stderr(&o),
        "nkru-tui: stdout is not a terminal; use `nkru-tui show` to print the text\n"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn labels_cannot_inject_escapes_into_list() {
    // Validation rejects such a file before anything is printed.
    let evil = SMALL.replace("The only era", "\\u001b]52;c;eA==\\u0007");
    let (_dir, path) = temp_file("evil.toml", &evil);
    let o = nkru(&["list", "--data", path.to_str().expect("utf8")]);
    assert_eq!(code(&o), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(!o.stderr.contains(&0x1b), "{:?}", stderr(&o));
    assert!(stderr(&o).contains("U+001B"));
}

#[test]
fn show_and_search_are_dispatched() {
    let o = nkru(&["show", "intro", "--width", "40"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).trim().is_empty());
    assert!(!o.stdout.contains(&0x1b), "no escapes in a pipe");
    let o = nkru(&["show", "no-such-era"]);
    assert_eq!(code(&o), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("nkru-tui: "), "{}", stderr(&o));
    let o = nkru(&["search", "Putin", "--json"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    serde_json::from_str::<serde_json::Value>(&stdout(&o)).expect("search --json is JSON");
}

#[test]
fn show_rejects_a_zero_width() {
    assert_eq!(code(&nkru(&["show", "--width", "0"])), Some(2));
}

#[test]
fn check_warnings_do_not_fail() {
    let text = SMALL.replace("paragraphs = [\"p\", \"q\"]", "paragraphs = []");
    let (_dir, path) = temp_file("empty-era.toml", &text);
    let o = nkru(&["check", path.to_str().expect("utf8")]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "ok: 1 eras, 0 entities, 0 paragraphs\n");
    let want = format!(
        "{}:11:14: warning: era `only` has no paragraphs\n",
        path.display()
    );
    assert_eq!(stderr(&o), want);
}

/// The English sample dataset (used for the LTR screenshot) passes check
/// without a warning.
#[test]
fn check_the_english_sample_prints_ok() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/example-en.toml");
    let o = nkru(&["check", path]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "warnings on {path}");
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
}

/// `config --print-default` prints a file that `--config` reads back as the
/// defaults (the library's tests compare them binding by binding).
#[test]
fn config_print_default_is_a_valid_config() {
    let o = nkru(&["config", "--print-default"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text, nkru_tui::ui::config::default_file());
    let (_dir, path) = temp_file("config.toml", &text);
    let loaded = nkru_tui::ui::config::load(&path).expect("valid");
    assert!(loaded.is_some());
    let p = path.to_str().expect("UTF-8 path");
    let o = nkru(&["--config", p, "config", "--path"]);
    assert_eq!(stdout(&o), format!("{p}\n"));
}

#[test]
fn config_needs_one_of_its_flags() {
    let o = nkru(&["config"]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("--print-default"), "{}", stderr(&o));
}

#[test]
fn show_logical_prints_the_dataset_text_as_it_is() {
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    let era = &data.eras[4];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(["show", &era.id, "--logical"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // The heading, then each paragraph after a blank line, as `show` lays out.
    let mut expected = String::new();
    for p in &era.paragraphs {
        expected.push('\n');
        expected.push_str(p);
        expected.push('\n');
    }
    let (_heading, body) = text.split_once('\n').expect("a heading line");
    assert_eq!(body, expected);
}

/// A 64,000-character query is read up to the search's cap: `search` answers
/// as for its first characters, long before the generous deadline (when the
/// query was scored against itself whole, this took minutes in a debug
/// build). Only a hang is caught: nothing here measures speed.
#[test]
fn a_64000_character_query_is_answered() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(["search", &"a".repeat(64_000), "--json"])
        .env_remove("NKRU_BIDI")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("try_wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("search of a 64,000-character query still running after 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let cut = "a".repeat(nkru_tui::search::QUERY_LIMIT);
    let short = nkru(&["search", &cut, "--json"]);
    assert_eq!(stdout(&o), stdout(&short));
}

/// `check` builds only the mentions of the index: its warnings (entities
/// never mentioned, names shared by two entities, the count of those not
/// shown) are those of the whole index, line for line.
#[test]
fn check_warnings_equal_those_of_the_whole_index() {
    use nkru_tui::data::{Diagnostic, load::MAX_REPORTED};
    use nkru_tui::dev::synth::{Params, generate};
    use nkru_tui::search::{Index, mention_warnings};
    let params = Params {
        eras: 6,
        paragraphs: 2,
        entities: 300,
        words: 20,
        ..Params::default()
    };
    let mut d = generate(&params);
    // A name that is another entity's alias too.
    let other = d.entities[1].name.clone();
    d.entities[0].aliases.push(other);
    let text = nkru_tui::dev::synth::to_toml(&d).expect("serializes");
    let (_dir, path) = temp_file("warnings.toml", &text);
    let origin = path.display().to_string();
    let d = nkru_tui::data::parse(&text, &origin).expect("valid");
    let all = mention_warnings(&d, &Index::build(&d));
    assert!(all.len() > MAX_REPORTED, "{} warnings", all.len());
    assert!(all.iter().any(|w| w.contains("also a name or alias")));
    let mut want: Vec<String> = all
        .iter()
        .take(MAX_REPORTED)
        .map(|w| Diagnostic::warning(&origin, None, w.as_str()).to_string())
        .collect();
    let more = format!("{} more warnings not shown", all.len() - MAX_REPORTED);
    want.push(Diagnostic::warning(&origin, None, more).to_string());
    let o = nkru(&["check", path.to_str().expect("utf8")]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), want.join("\n") + "\n");
    assert_eq!(stdout(&o), "ok: 6 eras, 300 entities, 12 paragraphs\n");
}
