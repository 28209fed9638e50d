//! `nkru-tui config --check` and `--path`, and the browser's config notice:
//! every problem of a config file at its line and column, keys bound to two
//! actions included; a notice short enough for the status bar.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nkru_tui::cli::GlobalArgs;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::config;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn nkru(args: &[&str], xdg_config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkru-tui"))
        .args(args)
        .env_remove("NKRU_BIDI")
        .env("XDG_CONFIG_HOME", xdg_config)
        .env("HOME", "/nonexistent")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The config file under a fresh `XDG_CONFIG_HOME`.
fn config_at(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("nkru-tui/config.toml");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn check_prints_every_problem_in_file_order_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = config_at(
        dir.path(),
        b"theme = \"neon\"\ncolour = 1\nmouse = \"no\"\n[keys]\nquit = [\"j\"]\nfly = \"f\"\nhelp = \"hyper-h\"\n",
    );
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let f = path.display().to_string();
    let lines: Vec<String> = text(&out.stderr).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            format!("{f}:1:9: error: theme must be one of dark, light, mono, not `neon`"),
            format!(
                "{f}:2:1: error: unknown setting `colour`; the settings are theme, bidi, mouse, measure, justify, digits, keys"
            ),
            format!("{f}:3:9: error: mouse must be true or false, not text"),
            format!(
                "{f}:5:8: error: `j` is bound to `quit` and to `down` (by default); a key can do only one thing: give the others other keys"
            ),
            format!(
                "{f}:6:1: error: unknown action `fly`; `nkru-tui config --print-default` lists them"
            ),
            format!(
                "{f}:7:8: error: unknown key \"hyper-h\" (examples: j, G, ctrl-k, pagedown, f1), for help"
            ),
        ],
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn digits_are_checked_at_their_line_and_column_and_read_as_written() {
    let bad = "theme = \"dark\"\ndigits = \"hindi\"\n";
    let problems = config::check(bad, "c.toml");
    let told: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        told,
        ["c.toml:2:10: digits must be one of latin, arabic-indic, not `hindi`"]
    );
    let err = config::parse(bad, "c.toml")
        .expect_err("a bad digits value")
        .to_string();
    assert!(err.starts_with("c.toml:2:10:"), "{err}");
    let err = config::parse("digits = 1\n", "c.toml")
        .expect_err("not text")
        .to_string();
    assert!(err.starts_with("c.toml:1:10:"), "{err}");
    let good = config::parse("digits = \"arabic-indic\"\n", "c.toml").expect("valid");
    assert_eq!(good.digits, Some(nkru_tui::ui::digits::Digits::ArabicIndic));
    let good = config::parse("digits = \"latin\"\n", "c.toml").expect("valid");
    assert_eq!(good.digits, Some(nkru_tui::ui::digits::Digits::Latin));
}

#[test]
fn check_of_a_good_file_or_none_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("the defaults are in effect"));
    let path = config_at(dir.path(), config::default_file().as_bytes());
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("ok: {}\n", path.display()));
    // Swapping two keys between actions is no collision.
    config_at(dir.path(), b"[keys]\nup = [\"j\"]\ndown = [\"k\"]\n");
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `check` finds no problem exactly when the browser's reading accepts the
/// file (collisions aside, which the browser resolves silently).
#[test]
fn check_agrees_with_the_browsers_reading() {
    let cases: [&str; 10] = [
        "theme = \"dark\"\n[keys]\nquit = \"hyper-q\"\n",
        "[keys]\nfly = \"f\"\n",
        "\n\ntheme = \"neon\"\n",
        "mouse = true\ncolour = 1\n",
        "[keys\n",
        "bidi = \"terminal\"\nmouse = false\n[keys]\nquit = [\"q\", \"ctrl-q\"]\n",
        "keys = 3\n",
        "[keys]\nquit = [3]\n",
        "theme = \"light\"\n",
        "[keys]\nnext_era = \"ctrl-n\"\n",
    ];
    for source in cases {
        let problems = config::check(source, "c.toml");
        let parsed = config::parse(source, "c.toml");
        assert_eq!(
            problems.is_empty(),
            parsed.is_ok(),
            "{source:?}: {problems:?}"
        );
        if let Err(first) = parsed {
            let place = problems[0].origin_and_place();
            assert_eq!(first.origin_and_place(), place, "{first}");
        }
    }
}

#[test]
fn a_fifty_thousand_part_dotted_key_and_a_binary_file_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = vec!["a"; 50_000].join(".");
    let path = config_at(
        dir.path(),
        format!("theme = \"dark\"\n{key} = 1\n").as_bytes(),
    );
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "{}:2:1: error: a key of more than 80 dotted parts",
            path.display()
        )),
        "{err}"
    );
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let path = config_at(dir.path(), &binary);
    let out = nkru(&["config", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "nkru-tui: {}:2:118: cannot read: invalid UTF-8 at byte offset 128 (byte 0x80)",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // Valid UTF-8 with control bytes: a TOML error, located.
    let path = config_at(dir.path(), b"theme = \"dark\"\n\x00\x01\x1b[2J\n");
    let out = nkru(&["config", "--check"], dir.path());
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("{}:2:", path.display())),
        "{err:?}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn path_follows_xdg_config_home() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = nkru(&["config", "--path"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("{}\n", dir.path().join("nkru-tui/config.toml").display())
    );
}

/// The browser's notice of a bad config at the default place fits an
/// 80-column status bar whole, Arabic or English, and sends the reader to
/// `config --check`.
#[test]
fn the_browsers_notice_fits_the_status_bar_and_names_the_check() {
    for lang in ["en", "ar"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let deep = dir
            .path()
            .join("a-rather-long-directory-name/of-configuration");
        config_at(
            &deep,
            b"theme = \"dark\"\n[keys]\nquit = \"q\"\nhelp = [\"?\", \"f1\"]\nabout = \"p/ :\xd8\xa7\xd9\x84\"\n",
        );
        let env_dir = deep.display().to_string();
        let lookup = move |k: &str| (k == "XDG_CONFIG_HOME").then(|| env_dir.clone());
        let data = nkru_tui::data::embedded().expect("embedded");
        let global = GlobalArgs {
            lang: Some(if lang == "en" {
                nkru_tui::cli::LangChoice::En
            } else {
                nkru_tui::cli::LangChoice::Ar
            }),
            ..GlobalArgs::default()
        };
        let p = nkru_tui::ui::prepare(data, &global.launch(), BidiMode::App, &lookup, (80, 24))
            .expect("prepare");
        let msg = p.app.message().map(str::to_string).expect("notice");
        assert!(msg.contains("config.toml:5:9"), "{msg}");
        assert!(msg.contains("nkru-tui config --check"), "{msg}");
        assert!(!msg.contains('/'), "no directories: {msg}");
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        nkru_tui::ui::view::Painter::new().draw_into(&p.app, area, &mut buf);
        let screen: String = (0..24)
            .map(|y| {
                (0..80)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(screen.contains("config --check"), "{lang}:\n{screen}");
        assert!(screen.contains("config.toml:5:9"), "{lang}:\n{screen}");
    }
}

/// The browser's own reading of a bad file (its notice, `--config FILE`'s
/// error) says the first mistake as `--check` does, in words.
#[test]
fn the_browsers_reading_says_the_first_mistake_in_words() {
    for (source, words) in [
        (
            "mouse = \"no\"\n",
            "c.toml:1:9: mouse must be true or false, not text",
        ),
        (
            "theme = 7\n",
            "c.toml:1:9: theme must be one of dark, light, mono, not a whole number",
        ),
        (
            "[keys]\nquit = [3]\n",
            "c.toml:2:9: quit takes a key name or a list of key names, not a whole number",
        ),
    ] {
        let err = config::parse(source, "c.toml")
            .expect_err(source)
            .to_string();
        assert_eq!(err, words);
        for rust in [
            "boolean",
            "i64",
            "usize",
            "invalid type",
            "variant",
            "sequence",
        ] {
            assert!(!err.contains(rust), "{err}");
        }
    }
}
