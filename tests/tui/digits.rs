//! `digits = "arabic-indic"`: the interface's own numbers in Arabic-Indic
//! digits (years it adds, the ruler, counters, positions), the dataset's
//! text as written, and every range still read earlier year first in each
//! bidi mode, as the terminal of that mode shows the row.

use super::*;

const ARABIC_INDIC: &str = "digits = \"arabic-indic\"\n";

/// An app in `mode` with `config` as its config file, opened at `era`.
pub(super) fn app_with(global: &GlobalArgs, config: &str, mode: BidiMode, size: (u16, u16)) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), config).expect("write");
    let root = dir.path().to_path_buf();
    // The terminal family whose form of the mode this is: Konsole takes
    // TerminalShaped for terminal mode, kitty its own form of app mode.
    let family = match mode {
        BidiMode::TerminalShaped => Some("KONSOLE_VERSION"),
        BidiMode::Kitty => Some("KITTY_WINDOW_ID"),
        BidiMode::Mlterm => Some("MLTERM"),
        BidiMode::App | BidiMode::Terminal | BidiMode::Qterminal => None,
    };
    let env = move |k: &str| match k {
        "XDG_STATE_HOME" => Some(root.join("state").display().to_string()),
        "XDG_CONFIG_HOME" => Some(root.join("config").display().to_string()),
        _ if Some(k) == family => Some("1".to_owned()),
        _ => None,
    };
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    // QTerminal is named by its answers only.
    let app = if mode == BidiMode::Qterminal {
        let kind = nkru_tui::term::TermKind {
            family: nkru_tui::term::Family::Qterminal,
            tmux: None,
        };
        nkru_tui::ui::prepare_for(kind, data, &global.launch(), &env, size)
    } else {
        prepare(data, &global.launch(), mode, &env, size)
    }
    .expect("prepare")
    .app;
    assert_eq!(app.opts().mode, mode);
    app
}

fn at_1970s() -> GlobalArgs {
    GlobalArgs {
        era: Some("1970s".into()),
        ..GlobalArgs::default()
    }
}

/// The frame's rows, each cell's symbol in order (zero-width marks included).
fn rows(app: &App) -> Vec<String> {
    let area = ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    Painter::new().draw_into(app, area, &mut buf);
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// A word as HarfBuzz in kitty lays it out: right to left (reversed) when
/// its first character with a script of its own is of a right-to-left
/// script (Arabic letters and Arabic-Indic digits are; Latin digits,
/// punctuation and dashes have none).
fn shown_by_kitty(row: &str) -> String {
    let arabic = |c: char| {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{065F}' | '\u{0660}'..='\u{0669}'
            | '\u{066E}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    };
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match word.chars().find(|c| arabic(*c) || c.is_alphabetic()) {
            Some(c) if arabic(c) => out.extend(word.chars().rev().map(|c| match c {
                '(' => ')',
                ')' => '(',
                other => other,
            })),
            _ => out.push_str(word),
        }
        word.clear();
    };
    for c in row.chars() {
        if c == ' ' {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Each row as the terminal of `mode` shows it.
fn shown(app: &App) -> Vec<String> {
    if app.opts().mode == BidiMode::Qterminal {
        return super::styled::shown_by_qterminal(app);
    }
    rows(app)
        .into_iter()
        .map(|row| match app.opts().mode {
            BidiMode::App => row,
            BidiMode::Terminal | BidiMode::TerminalShaped => shown_by_per_row_bidi(&row),
            BidiMode::Kitty => shown_by_kitty(&row),
            BidiMode::Qterminal => unreachable!("QTerminal's rows are shown above"),
            BidiMode::Mlterm => unreachable!("mlterm's form: tests/mlterm_bidi.rs"),
        })
        .collect()
}

const MODES: [BidiMode; 4] = [
    BidiMode::App,
    BidiMode::Terminal,
    BidiMode::TerminalShaped,
    BidiMode::Kitty,
];

/// The sidebar, the heading and the finder's note on an era show the
/// years in Arabic-Indic digits, the earlier year at the start of the
/// interface's reading direction in every bidi mode: on the right in the
/// right-to-left layout (`١٩٧٩–١٩٧٠` on screen), on the left in the
/// left-to-right one. The dataset's own labels keep their digits.
#[test]
fn years_read_earlier_year_first_in_every_mode() {
    let ltr = GlobalArgs {
        layout: Some(LayoutChoice::Ltr),
        ..at_1970s()
    };
    for (global, years) in [(at_1970s(), "١٩٧٩–١٩٧٠"), (ltr, "١٩٧٠–١٩٧٩")] {
        for mode in MODES {
            let a = app_with(&global, ARABIC_INDIC, mode, (110, 32));
            let screen = shown(&a);
            let sidebar = screen.iter().find(|l| l.contains('◀') || l.contains('▶'));
            let sidebar = sidebar.cloned().unwrap_or_default();
            assert!(sidebar.contains(years), "{mode:?} {years}: {sidebar}");
            // The heading, in the first rows (a bidi terminal's brackets
            // aside: the per-row model here does not mirror them).
            assert!(
                screen.iter().take(3).any(|l| l.contains(years)),
                "{mode:?} {years}: no heading with {years}:\n{}",
                screen.join("\n")
            );
            // The dataset's labels as written (`1945- 1948` reads `1948 -1945`).
            assert!(
                screen.iter().any(|l| l.contains("1948 -1945")),
                "{mode:?}: {}",
                screen.join("\n")
            );
            assert!(
                !screen
                    .iter()
                    .any(|l| l.contains("1970–1979") || l.contains("1979–1970"))
            );
        }
    }
}

/// The ruler's decades in Arabic-Indic digits, each label whole and in
/// order along the time axis (right to left in the right-to-left layout),
/// in every mode as its terminal shows the row.
#[test]
fn the_ruler_lays_its_decades_in_order() {
    for mode in MODES {
        for (global, rtl) in [
            (GlobalArgs::default(), true),
            (
                GlobalArgs {
                    layout: Some(LayoutChoice::Ltr),
                    ..GlobalArgs::default()
                },
                false,
            ),
        ] {
            let a = app_with(&global, ARABIC_INDIC, mode, (110, 32));
            let screen = shown(&a);
            let row = screen
                .iter()
                .find(|l| l.contains("١٩٥٠") && l.contains("١٩٨٠"))
                .unwrap_or_else(|| panic!("{mode:?}: no ruler:\n{}", screen.join("\n")));
            let decades: Vec<&str> = row.split_whitespace().collect();
            let mut expected: Vec<String> = (1950..=2020)
                .step_by(10)
                .map(|y| nkru_tui::ui::digits::Digits::ArabicIndic.write(y))
                .collect();
            if rtl {
                expected.reverse();
            }
            assert_eq!(decades, expected, "{mode:?} rtl {rtl}: {row}");
        }
    }
}

/// The finder's counts (mention counts, eras with mentions), the detail
/// pane's position and the status bar's `1/n` in Arabic-Indic digits; the
/// paragraphs keep their own digits.
#[test]
fn counters_and_positions_use_the_digits_and_the_text_keeps_its_own() {
    let global = GlobalArgs {
        era: Some("2022".into()),
        ..GlobalArgs::default()
    };
    let mut a = app_with(&global, ARABIC_INDIC, BidiMode::App, (110, 32));
    let text: String = a
        .doc()
        .lines
        .iter()
        .filter_map(|l| l.line.as_ref())
        .map(|l| l.text.as_str())
        .collect();
    let screen = rows(&a).join("\n");
    assert!(
        text.chars().any(|c| c.is_ascii_digit()),
        "the 2022 era's text has digits of its own: {text}"
    );
    let latin_in_text = text.chars().filter(char::is_ascii_digit).count();
    assert!(latin_in_text > 0);
    // The position on the pane's border: ` ١–n/n `.
    let border = rows(&a)
        .into_iter()
        .find(|r| r.contains('╰') || r.contains('└'))
        .unwrap_or_default();
    assert!(border.contains('١') && border.contains('/'), "{border}");
    assert!(!screen.contains("1–"), "{screen}");
    // The finder: a name's mention count and its eras with mentions.
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "بوتين");
    let finder = rows(&a).join("\n");
    let arabic_digits = |s: &str| s.chars().filter(|c| ('٠'..='٩').contains(c)).count();
    assert!(arabic_digits(&finder) >= 3, "{finder}");
    let preview = finder
        .lines()
        .find(|l| l.contains("ﺐﻘﺣ"))
        .unwrap_or_default();
    assert!(
        preview.contains('/') && !preview.chars().any(|c| c.is_ascii_digit()),
        "{preview}"
    );
    // A jump highlights the mentions: the status bar counts them.
    a.update(&key(KeyCode::Enter));
    let status = rows(&a).last().cloned().unwrap_or_default();
    assert!(
        status.contains("/") && arabic_digits(&status) >= 2,
        "{status}"
    );
    assert!(!status.chars().any(|c| c.is_ascii_digit()), "{status}");
}

/// `digits = "latin"` draws exactly what no setting draws, and the English
/// interface writes Latin digits whatever the setting.
#[test]
fn latin_digits_are_todays_screen_and_english_keeps_them() {
    for mode in MODES {
        let none = rows(&app_with(&at_1970s(), "", mode, (110, 32)));
        let latin = rows(&app_with(
            &at_1970s(),
            "digits = \"latin\"\n",
            mode,
            (110, 32),
        ));
        assert_eq!(none, latin, "{mode:?}");
        let en = GlobalArgs {
            lang: Some(LangChoice::En),
            ..at_1970s()
        };
        let en_none = rows(&app_with(&en, "", mode, (110, 32)));
        let en_arabic = rows(&app_with(&en, ARABIC_INDIC, mode, (110, 32)));
        assert_eq!(en_none, en_arabic, "{mode:?}");
        assert!(en_arabic.iter().any(|r| r.contains("1970")));
    }
}
