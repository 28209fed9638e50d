//! The mixed Arabic/English/numbers fixture (tests/fixtures/mixed.toml, used to
//! check terminals by eye) stays valid: `check` accepts it without a warning, and
//! `show --logical` gives back every paragraph exactly as the file spells it.

use std::process::Command;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mixed.toml");

fn nkru(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(args)
        .env_remove("NKRU_BIDI")
        .output()
        .expect("the binary runs")
}

#[test]
fn check_accepts_the_mixed_fixture_without_warnings() {
    let out = nkru(&["check", FIXTURE]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "ok: 3 eras, 3 entities, 7 paragraphs"
    );
}

#[test]
fn show_logical_gives_back_the_mixed_paragraphs() {
    let out = nkru(&["show", "--data", FIXTURE, "--logical"]);
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    let data: toml::Value = toml::from_str(&std::fs::read_to_string(FIXTURE).expect("fixture"))
        .expect("fixture parses");
    let eras = data["era"].as_array().expect("eras");
    for era in eras {
        for p in era["paragraphs"].as_array().expect("paragraphs") {
            let p = p.as_str().expect("string");
            assert!(shown.lines().any(|l| l == p), "missing: {p}");
        }
    }
}
