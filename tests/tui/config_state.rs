//! The keymap and the config file (parsing, errors, what reaches the app)
//! and the state file.

use super::*;

// ---- keymap and config -------------------------------------------------------

#[test]
fn every_default_binding_parses_and_round_trips() {
    for (_, names) in defaults() {
        for name in names {
            let key: Key = name.parse().expect(name);
            let again: Key = key
                .to_string()
                .replace('↑', "up")
                .replace('↓', "down")
                .replace('←', "left")
                .replace('→', "right")
                .parse()
                .expect("round trip");
            assert_eq!(key, again, "{name}");
        }
    }
    let km = Keymap::default();
    for a in Action::bindable() {
        assert!(!km.keys(a).is_empty(), "{a:?} has a key");
    }
}

#[test]
fn key_names_parse() {
    let k = |s: &str| s.parse::<Key>().expect(s);
    assert_eq!(
        k("ctrl-k"),
        Key::new(KeyCode::Char('k'), KeyModifiers::CONTROL)
    );
    assert_eq!(k("G"), Key::new(KeyCode::Char('G'), KeyModifiers::NONE));
    assert_eq!(
        k("shift-g"),
        Key::new(KeyCode::Char('g'), KeyModifiers::NONE)
    );
    assert_eq!(
        k("pagedown"),
        Key::new(KeyCode::PageDown, KeyModifiers::NONE)
    );
    assert_eq!(k("f1"), Key::new(KeyCode::F(1), KeyModifiers::NONE));
    assert_eq!(k("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
    assert_eq!(k("alt-x"), Key::new(KeyCode::Char('x'), KeyModifiers::ALT));
    assert_eq!(
        k("ctrl--"),
        Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
    );
    assert!("ctrl-".parse::<Key>().is_err());
    assert!("hyper-x".parse::<Key>().is_err());
    assert!("pagedownn".parse::<Key>().is_err());
    assert!("f99".parse::<Key>().is_err());
}

#[test]
fn config_overrides_keys_theme_and_bidi() {
    let text = "theme = \"light\"\nbidi = \"terminal\"\nmouse = false\n[keys]\nquit = [\"x\", \"ctrl-q\"]\nnext_era = \"ctrl-n\"\n";
    let c = config::parse(text, "c.toml").expect("valid");
    assert_eq!(c.theme, Some(ThemeName::Light));
    assert_eq!(c.bidi, Some(BidiChoice::Terminal));
    assert_eq!(c.mouse, Some(false));
    let km = &c.keymap;
    assert_eq!(bound(km, key(KeyCode::Char('x'))), Some(Action::Quit));
    assert_eq!(
        bound(km, key(KeyCode::Char('ء'))),
        Some(Action::Quit),
        "Arabic alias of x"
    );
    assert_eq!(
        bound(km, key(KeyCode::Char('q'))),
        None,
        "q is no longer bound"
    );
    assert_eq!(
        bound(km, KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        Some(Action::NextEra)
    );
    assert_eq!(bound(km, key(KeyCode::Char(']'))), None);
    assert_eq!(
        bound(km, key(KeyCode::Char('j'))),
        Some(Action::Down),
        "others keep their defaults"
    );
    // Ctrl-C is no binding: the app quits on it before any keymap.
    let ctrl_c = Key::from_event(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(ctrl_c.is_some_and(|k| k.is_ctrl_c()));
}

#[test]
fn bad_config_errors_name_the_line() {
    let cases = [
        ("theme = \"dark\"\n[keys]\nquit = \"hyper-q\"\n", ":3:"),
        ("[keys]\nfly = \"f\"\n", ":2:"),
        ("\n\ntheme = \"neon\"\n", ":3:"),
        ("mouse = true\ncolour = 1\n", ":2:"),
        ("[keys\n", ":1:"),
    ];
    for (text, at) in cases {
        let err = config::parse(text, "cfg.toml").expect_err(text).to_string();
        assert!(
            err.starts_with("cfg.toml") && err.contains(at),
            "{text:?} gave {err:?}"
        );
        assert!(!err.contains('\n'), "one line: {err:?}");
    }
}

#[test]
fn explicit_bad_config_is_an_error_default_one_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[keys]\nquit = 3\n").expect("write");
    let global = GlobalArgs {
        config: Some(bad.clone()),
        ..GlobalArgs::default()
    };
    let data = nkru_tui::data::embedded().expect("data");
    let env = |_: &str| None;
    let err = prepare(data, &global.launch(), BidiMode::App, &env, (100, 30))
        .map(|_| ())
        .expect_err("bad config")
        .to_string();
    assert!(err.contains("bad.toml:2:"), "{err}");

    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), "theme = 7\n").expect("write");
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(msg.contains("config.toml:1:"), "{msg}");
}

// ---- state file ----------------------------------------------------------------

#[test]
fn state_round_trips_and_reopens_where_the_reader_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = app_in(dir.path(), &GlobalArgs::default(), &[], (80, 24));
    for _ in 0..4 {
        p.app.update(Action::Down);
    }
    p.app.update(Action::FocusNext);
    p.app.update(Action::Down);
    p.app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    p.app.update(Action::Down);
    let path = p.state_path.clone().expect("state path");
    assert!(
        path.starts_with(dir.path()),
        "state goes under XDG_STATE_HOME"
    );
    state::save(&path, &nkru_tui::ui::saved_state(&p.app)).expect("save");
    assert_eq!(
        state::load(&path),
        Loaded::Found(SavedState {
            era: Some("1970s".into()),
            scroll: 1,
            bidi: Default::default(),
            justify: None,
        })
    );
    let again = app_in(dir.path(), &GlobalArgs::default(), &[], (40, 12)).app;
    assert_eq!(label_of(&again), "السبعينيات");
    assert_eq!(again.scroll(), 1);
    assert_eq!(again.message(), Some(again.strings().state_resumed));
    // No temporary file is left behind.
    let files: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("ls")
        .collect();
    assert_eq!(files.len(), 1);
}

/// The justification chosen with its key is kept with the dataset's place
/// and wins over the config's at the next start; one never chosen is not
/// written, so the config's stays in effect.
#[test]
fn the_justification_chosen_with_its_key_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), "justify = \"spaces\"\n").expect("write");
    let mut p = app_in(dir.path(), &GlobalArgs::default(), &[], (80, 24));
    assert_eq!(p.app.opts().justify, nkru_tui::text::Justify::Spaces);
    let path = p.state_path.clone().expect("state path");
    let saved = nkru_tui::ui::saved_state(&p.app);
    assert_eq!(saved.justify, None, "not chosen: not saved");
    p.app.update(Action::CycleJustify);
    assert_eq!(p.app.opts().justify, nkru_tui::text::Justify::Kashida);
    let key = state::place_key(None);
    let saved = nkru_tui::ui::saved_state(&p.app);
    state::save_place(&path, &key, &saved, |_| true).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("justify = \"kashida\""), "{text}");
    let again = app_in(dir.path(), &GlobalArgs::default(), &[], (80, 24)).app;
    assert_eq!(again.opts().justify, nkru_tui::text::Justify::Kashida);
    // A later session that does not press the key keeps the saved choice.
    let saved = nkru_tui::ui::saved_state(&again);
    state::save_place(&path, &key, &saved, |_| true).expect("save");
    let again = app_in(dir.path(), &GlobalArgs::default(), &[], (80, 24)).app;
    assert_eq!(again.opts().justify, nkru_tui::text::Justify::Kashida);
}

#[test]
fn terminal_guidance_is_a_timed_notice_over_the_resumed_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = app_in(dir.path(), &GlobalArgs::default(), &[], (110, 32));
    for _ in 0..4 {
        p.app.update(Action::Down);
    }
    let path = p.state_path.clone().expect("state path");
    state::save(&path, &nkru_tui::ui::saved_state(&p.app)).expect("save");
    let mut again = app_in(dir.path(), &GlobalArgs::default(), &[], (110, 32)).app;
    assert_eq!(again.message(), Some(again.strings().state_resumed));
    again.take_effects();
    again.update(Msg::Guidance(nkru_tui::ui::TMUX_GUIDANCE.to_string()));
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    let shown = status(&again);
    assert!(shown.contains("allow-passthrough on"), "{shown}");
    assert_eq!(
        again.take_effects(),
        vec![nkru_tui::ui::app::Effect::ExpireMessage]
    );
    // Its time up, the keys come back.
    again.update(Msg::Expire(nkru_tui::ui::TMUX_GUIDANCE.to_string()));
    let shown = status(&again);
    assert!(!shown.contains("allow-passthrough"), "{shown}");
    assert!(shown.contains("tab"), "the keys: {shown}");
    // A key clears it too, and a message raised by a key shows.
    again.update(Msg::Guidance(nkru_tui::ui::TMUX_GUIDANCE.to_string()));
    again.update(Action::Down);
    let shown = status(&again);
    assert!(!shown.contains("allow-passthrough"), "{shown}");
    again.update(Action::NextMention);
    assert!(again.message().is_some());
}

#[test]
fn corrupt_state_gives_a_notice_defaults_and_is_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state_dir = dir.path().join("state").join("nkru-tui");
    std::fs::create_dir_all(&state_dir).expect("mkdir");
    let path = state_dir.join("state.toml");
    let corrupt = "era = \"1970s\"\nscroll = \"lots\"\n";
    std::fs::write(&path, corrupt).expect("write");
    assert!(matches!(state::load(&path), Loaded::Unreadable(why) if why.contains(":2:")));
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    assert_eq!(p.app.selected(), 0, "defaults");
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(msg.contains(p.app.strings().state_unreadable), "{msg}");
    assert!(
        p.state_path.is_none(),
        "an unreadable state file is never overwritten"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), corrupt);
}

#[test]
fn state_naming_a_vanished_era_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state_dir = dir.path().join("state").join("nkru-tui");
    std::fs::create_dir_all(&state_dir).expect("mkdir");
    std::fs::write(state_dir.join("state.toml"), "era = \"gone\"\nscroll = 4\n").expect("write");
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    assert_eq!(p.app.selected(), 0);
    assert_eq!(p.app.message(), Some(p.app.strings().state_unknown_era));
    assert!(p.state_path.is_some());
}

#[test]
fn missing_state_is_silent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    assert_eq!(p.app.message(), None);
}

/// A directory for [`app_in`] whose config file holds `text`.
fn with_config(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), text).expect("write");
    dir
}

#[test]
fn config_theme_and_bidi_reach_the_app() {
    let dir = with_config("theme = \"light\"\nbidi = \"terminal\"\nmouse = false\n");
    let a = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30)).app;
    assert_eq!(a.opts().theme, Theme::light());
    assert_eq!(
        a.opts().mode,
        BidiMode::Terminal,
        "config bidi applies when no --bidi/NKRU_BIDI"
    );
    assert!(!a.opts().mouse);
    let global = GlobalArgs {
        bidi: Some(BidiChoice::App),
        ..GlobalArgs::default()
    };
    let b = app_in(dir.path(), &global, &[], (100, 30)).app;
    assert_eq!(b.opts().mode, BidiMode::App, "--bidi wins over the config");
}

/// The finder's own keys come from the keymap: a config rebinds them like
/// any other, the old key stops working, and help and the status bar show
/// the new one.
#[test]
fn config_rebinds_the_finders_keys() {
    let dir = with_config("[keys]\nfinder_close = \"ctrl-g\"\nfinder_down = [\"ctrl-j\"]\n");
    let global = GlobalArgs {
        lang: Some(LangChoice::En),
        ..GlobalArgs::default()
    };
    let mut a = app_in(dir.path(), &global, &[], (100, 30)).app;
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    a.update(&key(KeyCode::Char('/')));
    assert!(a.finder().is_some());
    let hints = nkru_tui::ui::view::status::hints(&a);
    assert!(hints.contains("ctrl-g close"), "{hints}");
    assert!(hints.contains("enter go"), "{hints}");
    a.update(&ctrl('j'));
    assert_eq!(
        a.finder().as_ref().map(|f| f.selected()),
        Some(1),
        "ctrl-j moves down"
    );
    a.update(&key(KeyCode::Down));
    assert_eq!(
        a.finder().as_ref().map(|f| f.selected()),
        Some(1),
        "down is no longer bound"
    );
    a.update(&key(KeyCode::Esc));
    assert!(a.finder().is_some(), "esc no longer closes the finder");
    a.update(&ctrl('g'));
    assert!(a.finder().is_none(), "ctrl-g closes it");
    let rows = nkru_tui::ui::help::rows(&a.opts().keymap, a.strings());
    assert!(
        rows.iter()
            .any(|(keys, what)| keys == "ctrl-g" && what.starts_with("Finder: close")),
        "{rows:?}"
    );
}
