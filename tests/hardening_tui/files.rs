//! Bad, missing, unreadable and read-only state and config files; `--fresh`.

use super::*;

// ------------------------------------------------------------ state file

/// Opens where `state.toml` says; checks nothing else.
const GOOD_STATE: &str = "era = \"1970s\"\nscroll = 1\n";

/// State files that cannot be used, each with what makes it so.
fn corrupt_states() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("not TOML", b"era = 1970s\n[[[\n".to_vec()),
        (
            "scroll of the wrong type",
            b"era = \"1970s\"\nscroll = \"lots\"\n".to_vec(),
        ),
        (
            "era of the wrong type",
            b"era = 1970\nscroll = 1\n".to_vec(),
        ),
        (
            "negative scroll",
            b"era = \"1970s\"\nscroll = -3\n".to_vec(),
        ),
        (
            "scroll beyond 64 bits",
            b"era = \"1970s\"\nscroll = 99999999999999999999999\n".to_vec(),
        ),
        ("invalid UTF-8", b"era = \"19\xff\xfe70s\"\n".to_vec()),
        (
            "binary with NUL and ESC",
            b"\x00\x1b[2J\x1b]52;c;AAAA\x07\x9b\x00".to_vec(),
        ),
        ("truncated mid-string", b"era = \"197".to_vec()),
    ]
}

/// The app opened where [`GOOD_STATE`] says.
fn assert_place(app: &App, what: &str) {
    assert_eq!(label(app), "السبعينيات", "{what}: the saved era");
    assert_eq!(app.scroll(), 1, "{what}: the saved scroll");
}

#[test]
fn state_corrupt_gives_a_notice_defaults_and_stays_byte_identical() {
    for (what, bytes) in corrupt_states() {
        let home = Home::new();
        home.write(&home.state(), &bytes);
        let before = snap(&home.state());
        let p = home.prepare();
        let msg = p
            .app
            .message()
            .unwrap_or_else(|| panic!("{what}: no notice"));
        assert!(
            msg.contains(p.app.strings().state_unreadable),
            "{what}: {msg}"
        );
        assert!(
            msg.contains("state.toml"),
            "{what}: the notice names the file: {msg}"
        );
        assert!(!msg.chars().any(char::is_control), "{what}: {msg:?}");
        assert_eq!(
            (p.app.selected(), p.app.scroll()),
            (0, 0),
            "{what}: defaults"
        );
        assert!(p.state_path.is_none(), "{what}: never saved over");
        assert_eq!(snap(&home.state()), before, "{what}: file untouched");
        let bad = control_cells(&draw(&p.app));
        assert!(
            bad.is_empty(),
            "{what}: the notice on screen is clean: {bad:?}"
        );
    }
}

/// An empty state file holds no place, so nothing can be lost: the app
/// opens at the start without a notice (and may save there on exit).
#[test]
fn state_empty_opens_at_the_start_quietly() {
    for bytes in [&b""[..], b"\n\n", b"# nothing yet\n"] {
        let home = Home::new();
        home.write(&home.state(), bytes);
        assert_eq!(
            state::load(&home.state()),
            Loaded::Found(SavedState::default())
        );
        let p = home.prepare();
        assert_eq!((p.app.selected(), p.app.scroll()), (0, 0));
        assert_eq!(p.app.message(), None);
        assert_eq!(p.state_path.as_deref(), Some(home.state().as_path()));
    }
}

#[test]
fn state_unreadable_gives_a_notice_defaults_and_is_left_alone() {
    let home = Home::new();
    let how = make_unreadable(&home, &home.state(), GOOD_STATE.as_bytes());
    let before = snap(&home.state());
    assert!(
        matches!(state::load(&home.state()), Loaded::Unreadable(_)),
        "unreadable via {how}"
    );
    let p = home.prepare();
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(
        msg.contains(p.app.strings().state_unreadable),
        "{how}: {msg}"
    );
    assert!(msg.contains("state.toml"), "{how}: {msg}");
    assert_eq!(
        (p.app.selected(), p.app.scroll()),
        (0, 0),
        "{how}: defaults"
    );
    assert!(p.state_path.is_none(), "{how}: never saved over");
    assert_eq!(snap(&home.state()), before, "{how}: untouched");
}

/// A read-only state file still opens where the reader was; saving then
/// refuses to replace it (a rename would, whatever the file's mode).
#[test]
fn state_read_only_file_keeps_the_place_and_is_never_replaced() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = snap(&home.state());
    let mut p = home.prepare();
    assert_place(&p.app, "read-only");
    assert_eq!(p.app.message(), Some(p.app.strings().state_resumed));
    p.app.update(Action::Down);
    let path = p.state_path.clone().expect("state path");
    let err = state::save(&path, &nkru_tui::ui::saved_state(&p.app))
        .expect_err("read-only")
        .to_string();
    assert!(
        err.contains("state.toml") && err.contains("read-only"),
        "{err}"
    );
    assert!(!err.contains('\n'), "one line: {err}");
    assert_eq!(snap(&home.state()), before, "untouched");
    let left: Vec<_> = std::fs::read_dir(home.state_dir()).expect("ls").collect();
    assert_eq!(left.len(), 1, "no temporary file left behind");
}

/// Saving into a directory that cannot be written fails with one clear
/// line naming the file, and the old state stays as it was.
#[test]
fn state_read_only_directory_save_fails_cleanly_and_keeps_the_file() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let mut p = home.prepare();
    assert_place(&p.app, "before saving");
    p.app.update(Action::NextEra);
    let how = block_saving(&home.state_dir(), std::process::id());
    let before = snap(&home.state());
    let err = state::save(&home.state(), &nkru_tui::ui::saved_state(&p.app))
        .expect_err(how)
        .to_string();
    assert!(err.contains("state.toml"), "{how}: {err}");
    assert!(!err.contains('\n'), "one line: {err}");
    assert_eq!(snap(&home.state()), before, "{how}: untouched");
    std::fs::set_permissions(home.state_dir(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
}

// ----------------------------------------------------------- config file

/// Config files that cannot be used, with the `line:` their notice names
/// (`None`: not a TOML error, so no position).
fn corrupt_configs() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    vec![
        (
            "not TOML",
            b"theme = \"light\"\n[keys\n".to_vec(),
            Some(":2:"),
        ),
        ("wrong type", b"mouse = \"yes\"\n".to_vec(), Some(":1:")),
        (
            "unknown theme",
            b"\ntheme = \"neon\"\n".to_vec(),
            Some(":2:"),
        ),
        (
            "unknown key",
            b"theme = \"light\"\ncolour = 1\n".to_vec(),
            Some(":2:"),
        ),
        (
            "unknown action",
            b"[keys]\nfly = \"f\"\n".to_vec(),
            Some(":2:"),
        ),
        (
            "bad key name",
            b"[keys]\nquit = \"hyper-q\"\n".to_vec(),
            Some(":2:"),
        ),
        ("invalid UTF-8", b"theme = \"li\xffght\"\n".to_vec(), None),
        (
            "ESC sequences",
            b"theme = \"\x1b[2J\x1b]52;c;AAAA\x07\"\n".to_vec(),
            None,
        ),
    ]
}

/// A bad config at the default place: a notice naming the file (and the
/// line), the default settings, the file untouched, and the reader's saved
/// place still restored.
#[test]
fn config_corrupt_gives_a_notice_defaults_keeps_the_place_and_the_file() {
    for (what, bytes, line) in corrupt_configs() {
        let home = Home::new();
        home.write(&home.config(), &bytes);
        home.write(&home.state(), GOOD_STATE.as_bytes());
        let before = snap(&home.config());
        let p = home.prepare();
        let msg = p
            .app
            .message()
            .unwrap_or_else(|| panic!("{what}: no notice"));
        assert!(msg.contains("config.toml"), "{what}: {msg}");
        if let Some(line) = line {
            assert!(msg.contains(line), "{what}: names the line {line}: {msg}");
        }
        assert!(!msg.chars().any(char::is_control), "{what}: {msg:?}");
        assert_eq!(p.app.opts().theme, Theme::dark(), "{what}: default theme");
        assert!(p.app.opts().mouse, "{what}: default mouse");
        let q =
            Key::from_event(&key(KeyCode::Char('q'))).and_then(|k| p.app.opts().keymap.action(k));
        assert_eq!(q, Some(Action::Quit), "{what}: default keys");
        assert_place(&p.app, what);
        assert_eq!(snap(&home.config()), before, "{what}: untouched");
        let bad = control_cells(&draw(&p.app));
        assert!(bad.is_empty(), "{what}: {bad:?}");
    }
}

#[test]
fn config_empty_is_a_valid_config_of_defaults() {
    let home = Home::new();
    home.write(&home.config(), b"");
    let before = snap(&home.config());
    let p = home.prepare();
    assert_eq!(p.app.message(), None);
    assert_eq!(p.app.opts().theme, Theme::dark());
    assert_eq!(snap(&home.config()), before);
}

#[test]
fn config_unreadable_gives_a_notice_and_defaults() {
    let home = Home::new();
    let how = make_unreadable(&home, &home.config(), b"theme = \"light\"\n");
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let before = snap(&home.config());
    let p = home.prepare();
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(
        msg.contains("config.toml") && msg.contains("cannot read"),
        "{how}: {msg}"
    );
    assert_eq!(p.app.opts().theme, Theme::dark(), "{how}: defaults");
    assert_place(&p.app, how);
    assert_eq!(snap(&home.config()), before, "{how}: untouched");
}

/// The app only reads its config: a read-only one is used as it is.
#[test]
fn config_read_only_is_used_and_untouched() {
    let home = Home::new();
    home.write(&home.config(), b"theme = \"light\"\n");
    std::fs::set_permissions(home.config(), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = snap(&home.config());
    let p = home.prepare();
    assert_eq!(p.app.message(), None);
    assert_eq!(p.app.opts().theme, Theme::light());
    assert_eq!(snap(&home.config()), before);
}

/// Named with `--config`, a file that cannot be read is an error before the
/// terminal is touched, naming the file.
#[test]
fn config_explicit_unreadable_is_an_error_naming_it() {
    let home = Home::new();
    let path = home.dir.path().join("mine.toml");
    let how = make_unreadable(&home, &path, b"theme = \"light\"\n");
    let global = GlobalArgs {
        config: Some(path.clone()),
        ..GlobalArgs::default()
    };
    let err = home
        .try_prepare(&global, (100, 30))
        .map(|_| ())
        .expect_err(how)
        .to_string();
    assert!(
        err.contains("mine.toml") && !err.contains('\n'),
        "{how}: {err}"
    );
}

/// Both files bad at once: both notices, defaults, both files untouched.
#[test]
fn state_and_config_both_corrupt_give_both_notices() {
    let home = Home::new();
    home.write(&home.config(), b"theme = 7\n");
    home.write(&home.state(), b"scroll = []\n");
    let (c, s) = (snap(&home.config()), snap(&home.state()));
    let p = home.prepare();
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(
        msg.contains("config.toml:1:") && msg.contains(p.app.strings().state_unreadable),
        "{msg}"
    );
    assert_eq!((p.app.selected(), p.app.scroll()), (0, 0));
    assert_eq!((snap(&home.config()), snap(&home.state())), (c, s));
}

// ------------------------------------------------------ end to end (pty)

// The real binary in a pseudo-terminal (`super::pty`), for the state
// file's whole life: read at start, shown in the status bar, saved (or not)
// on exit.
use super::pty;

#[test]
fn pty_corrupt_state_shows_the_notice_and_quitting_leaves_it_untouched() {
    let home = Home::new();
    home.write(&home.state(), b"era = \"1970s\"\nscroll = \"lots\"\n");
    let before = snap(&home.state());
    let mut s = pty::Session::start(&["--lang", "en"], home.env());
    s.wait_for("the notice", |t| {
        t.contents().contains("State file unreadable")
    });
    s.send(b"jjq");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    assert!(!s.alternate_screen(), "terminal restored");
    assert!(!s.raw_text().contains("cannot save"), "no save was tried");
    assert_eq!(snap(&home.state()), before, "untouched");
    let files: Vec<_> = std::fs::read_dir(home.state_dir()).expect("ls").collect();
    assert_eq!(files.len(), 1, "no temporary file");
}

#[test]
fn pty_read_only_state_opens_at_the_place_and_warns_on_exit() {
    let home = Home::new();
    home.write(&home.state(), b"era = \"1970s\"\nscroll = 0\n");
    std::fs::set_permissions(home.state(), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = snap(&home.state());
    let mut s = pty::Session::start(&[], home.env());
    let seventies = pty::shown::COMMUNISTS;
    s.wait_for("the 1970s text", |t| t.contents().contains(seventies));
    s.send(b"j");
    s.wait_for("the 1980s text", |t| !t.contents().contains(seventies));
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    assert!(!s.alternate_screen(), "terminal restored");
    let raw = s.raw_text();
    let warning = raw
        .rfind("nkru-tui: warning: cannot save the reading position")
        .unwrap_or_else(|| panic!("a warning on exit:\n{}", s.text()));
    assert!(raw[warning..].contains("read-only"), "{}", &raw[warning..]);
    assert!(
        raw.rfind("\x1b[?1049l").is_some_and(|left| left < warning),
        "the warning lands on the restored screen"
    );
    assert_eq!(snap(&home.state()), before, "untouched");
}

// ---------------------------------------------------------------- --fresh

fn fresh() -> GlobalArgs {
    GlobalArgs {
        fresh: true,
        ..GlobalArgs::default()
    }
}

/// Reopening at the saved place says so once, and how to start fresh; the
/// next key clears the notice.
#[test]
fn reopening_at_the_saved_place_says_how_to_start_fresh() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let mut p = home.prepare();
    assert_place(&p.app, "reopened");
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert_eq!(msg, p.app.strings().state_resumed);
    assert!(msg.contains("--fresh"), "{msg}");
    p.app.update(Action::Down);
    assert_eq!(p.app.message(), None, "said once");
}

/// A saved place at the very start is no place to speak of.
#[test]
fn a_saved_place_at_the_start_is_silent() {
    let home = Home::new();
    home.write(&home.state(), b"era = \"intro\"\nscroll = 0\n");
    let p = home.prepare();
    assert_eq!((p.app.selected(), p.app.scroll()), (0, 0));
    assert_eq!(p.app.message(), None);
}

/// `--fresh` opens at the start whatever the state file says, and still
/// saves the position on exit.
#[test]
fn fresh_ignores_the_saved_place_and_still_saves() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let mut p = home.try_prepare(&fresh(), (40, 12)).expect("prepare");
    assert_eq!((p.app.selected(), p.app.scroll()), (0, 0));
    assert_eq!(p.app.message(), None);
    let path = p.state_path.clone().expect("saved on exit");
    assert_eq!(path, home.state());
    p.app.update(Action::NextEra);
    state::save(&path, &nkru_tui::ui::saved_state(&p.app)).expect("save");
    let Loaded::Found(saved) = state::load(&path) else {
        panic!("state saved")
    };
    assert_eq!(saved.era.as_deref(), Some("1945-1948"));
}

/// `--fresh` over a state file that could not be read says so, and never
/// saves over it (its bidi choices would be lost).
#[test]
fn fresh_over_an_unreadable_state_file_says_so_and_never_saves() {
    let home = Home::new();
    let how = make_unreadable(&home, &home.state(), GOOD_STATE.as_bytes());
    let before = snap(&home.state());
    let p = home.try_prepare(&fresh(), (40, 12)).expect("prepare");
    let msg = p.app.message().map(str::to_string).expect("notice");
    assert!(
        msg.contains(p.app.strings().state_unreadable),
        "{how}: {msg}"
    );
    assert_eq!((p.app.selected(), p.app.scroll()), (0, 0), "{how}");
    assert!(p.state_path.is_none(), "{how}: never saved over");
    assert_eq!(snap(&home.state()), before, "{how}: untouched");
}

/// `--fresh` with `--era` opens at that era.
#[test]
fn fresh_with_era_opens_there() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let global = GlobalArgs {
        era: Some("2022".into()),
        ..fresh()
    };
    let p = home.try_prepare(&global, (40, 12)).expect("prepare");
    assert_eq!(p.app.selected_id(), Some("2022"));
    assert_eq!(p.app.message(), None);
}
