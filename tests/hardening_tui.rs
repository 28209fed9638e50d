//! Hardening of the browser: bad state and config files, every
//! terminal size, and a storm of keys and resizes through the real keymap.
//!
//! Files: each case compares the file's bytes (and mode) before and after,
//! and checks the notice, the defaults and that the reader's place is kept
//! whenever it can be read. "Unreadable" is `chmod 000`, except when the
//! tests run as root (root reads a mode-000 file): then a directory stands
//! in its place, which `read` refuses to root too (see [`make_unreadable`]).
//! Likewise a read-only state directory does not stop root from writing, so
//! under root saving is blocked by a directory at the temporary file's name
//! (see [`block_saving`]).
//!
//! Sizes: every width 1–300 at heights 1–14, 24, 30, 60 and 100; every
//! height 1–100 at widths 1–45, 80, 100, 200 and 300; and a grid of every
//! third width by every third height over 1–300 × 1–100, with no popup,
//! the help popup and the finder (with a query) open.
//!
//! The tests run in a debug build in a few seconds each; no timing is asserted.

use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use nkru_tui::cli::GlobalArgs;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::App;
use nkru_tui::ui::run::apply;
use nkru_tui::ui::state::{self, Loaded, SavedState};
use nkru_tui::ui::theme::Theme;
use nkru_tui::ui::{Prepared, prepare, view};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

mod hostile;

// ---------------------------------------------------------------- helpers

/// A private home: `XDG_STATE_HOME` and `XDG_CONFIG_HOME` under a temp dir.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state").join("nkru-tui")
    }

    fn state(&self) -> PathBuf {
        self.state_dir().join("state.toml")
    }

    fn config(&self) -> PathBuf {
        self.dir
            .path()
            .join("config")
            .join("nkru-tui")
            .join("config.toml")
    }

    fn write(&self, path: &Path, bytes: &[u8]) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    fn env(&self) -> HashMap<String, String> {
        let mut env = HashMap::new();
        let d = self.dir.path();
        env.insert(
            "XDG_STATE_HOME".into(),
            d.join("state").display().to_string(),
        );
        env.insert(
            "XDG_CONFIG_HOME".into(),
            d.join("config").display().to_string(),
        );
        env
    }

    fn try_prepare(&self, global: &GlobalArgs, size: (u16, u16)) -> Result<Prepared, String> {
        let data = nkru_tui::data::embedded().expect("embedded dataset");
        let env = self.env();
        let lookup = move |k: &str| env.get(k).cloned();
        prepare(data, &global.launch(), BidiMode::App, &lookup, size)
    }

    /// At 40×12, the smallest full layout, where the 1970s era is longer
    /// than the pane (so a saved scroll position shows).
    fn prepare(&self) -> Prepared {
        self.try_prepare(&GlobalArgs::default(), (40, 12))
            .expect("prepare")
    }
}

/// What a path holds, to prove a file was left untouched.
#[derive(Debug, PartialEq, Eq)]
enum Snap {
    File { bytes: Vec<u8>, mode: u32 },
    Dir { entries: Vec<String>, mode: u32 },
}

fn snap(path: &Path) -> Snap {
    let meta = std::fs::symlink_metadata(path).expect("stat");
    let mode = meta.permissions().mode();
    if meta.is_dir() {
        let mut entries: Vec<String> = std::fs::read_dir(path)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        entries.sort();
        return Snap::Dir { entries, mode };
    }
    // A mode-000 file: read it with the permission back on, then restore the mode.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let bytes = std::fs::read(path).expect("read");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    Snap::File { bytes, mode }
}

/// Makes `path` (holding `bytes`) unreadable and says how. `chmod 000`
/// when that stops reads; as root it does not, so a directory takes the
/// file's place (reading a directory fails for everyone).
fn make_unreadable(home: &Home, path: &Path, bytes: &[u8]) -> &'static str {
    home.write(path, bytes);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(path).is_err() {
        return "chmod 000";
    }
    std::fs::remove_file(path).expect("rm");
    std::fs::create_dir(path).expect("mkdir");
    "a directory in place of the file (running as root)"
}

/// Makes saving into `dir` fail and says how: `chmod 555` on the directory
/// when that stops writes; as root it does not, so a directory squats on
/// the name of the temporary file `state::save` writes first (the name
/// holds the process id: `pid`).
fn block_saving(dir: &Path, pid: u32) -> &'static str {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.join(".probe");
    if std::fs::write(&probe, b"x").is_err() {
        return "chmod 555 on the state directory";
    }
    std::fs::remove_file(&probe).expect("rm probe");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::create_dir(dir.join(format!(".state.toml.{pid}.tmp"))).expect("mkdir blocker");
    "a directory at the temporary file's name (running as root)"
}

/// Cells holding a control character (C0, DEL, C1) or any other char the
/// hostile dataset injects (bidi controls, tags…): must be none.
fn control_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    hostile::unsafe_cells(buf)
}

/// Draws the app at its own size into a fresh buffer, as a frame does.
fn draw(app: &App) -> Buffer {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let mut buf = Buffer::empty(area);
    view::draw_into(app, area, &mut buf);
    buf
}

fn label(app: &App) -> String {
    app.data
        .section_at(app.selected)
        .expect("section")
        .label
        .to_string()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

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
    assert_eq!(app.scroll, 1, "{what}: the saved scroll");
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
            .message
            .clone()
            .unwrap_or_else(|| panic!("{what}: no notice"));
        assert!(
            msg.contains(p.app.strings.state_unreadable),
            "{what}: {msg}"
        );
        assert!(
            msg.contains("state.toml"),
            "{what}: the notice names the file: {msg}"
        );
        assert!(!msg.chars().any(char::is_control), "{what}: {msg:?}");
        assert_eq!((p.app.selected, p.app.scroll), (0, 0), "{what}: defaults");
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
        assert_eq!((p.app.selected, p.app.scroll), (0, 0));
        assert_eq!(p.app.message, None);
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
    let msg = p.app.message.clone().expect("notice");
    assert!(msg.contains(p.app.strings.state_unreadable), "{how}: {msg}");
    assert!(msg.contains("state.toml"), "{how}: {msg}");
    assert_eq!((p.app.selected, p.app.scroll), (0, 0), "{how}: defaults");
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
    assert_eq!(p.app.message.as_deref(), Some(p.app.strings.state_resumed));
    p.app.update(Action::Down);
    let path = p.state_path.clone().expect("state path");
    let err = state::save(&path, &nkru_tui::ui::saved_state(&p.app)).expect_err("read-only");
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
    let err = state::save(&home.state(), &nkru_tui::ui::saved_state(&p.app)).expect_err(how);
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
            .message
            .clone()
            .unwrap_or_else(|| panic!("{what}: no notice"));
        assert!(msg.contains("config.toml"), "{what}: {msg}");
        if let Some(line) = line {
            assert!(msg.contains(line), "{what}: names the line {line}: {msg}");
        }
        assert!(!msg.chars().any(char::is_control), "{what}: {msg:?}");
        assert_eq!(p.app.opts.theme, Theme::dark(), "{what}: default theme");
        assert!(p.app.opts.mouse, "{what}: default mouse");
        let q = p.app.opts.keymap.action(&key(KeyCode::Char('q')));
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
    assert_eq!(p.app.message, None);
    assert_eq!(p.app.opts.theme, Theme::dark());
    assert_eq!(snap(&home.config()), before);
}

#[test]
fn config_unreadable_gives_a_notice_and_defaults() {
    let home = Home::new();
    let how = make_unreadable(&home, &home.config(), b"theme = \"light\"\n");
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let before = snap(&home.config());
    let p = home.prepare();
    let msg = p.app.message.clone().expect("notice");
    assert!(
        msg.contains("config.toml") && msg.contains("cannot read"),
        "{how}: {msg}"
    );
    assert_eq!(p.app.opts.theme, Theme::dark(), "{how}: defaults");
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
    assert_eq!(p.app.message, None);
    assert_eq!(p.app.opts.theme, Theme::light());
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
        .expect_err(how);
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
    let msg = p.app.message.clone().expect("notice");
    assert!(
        msg.contains("config.toml:1:") && msg.contains(p.app.strings.state_unreadable),
        "{msg}"
    );
    assert_eq!((p.app.selected, p.app.scroll), (0, 0));
    assert_eq!((snap(&home.config()), snap(&home.state())), (c, s));
}

// ------------------------------------------------------------------ sizes

fn resize(app: &mut App, width: u16, height: u16) {
    app.update(Action::Resize { width, height });
    let buf = draw(app);
    let bad = control_cells(&buf);
    assert!(
        bad.is_empty(),
        "{width}×{height}: control characters {bad:?}"
    );
    assert!(app.scroll <= app.max_scroll(), "{width}×{height}: scroll");
    assert!(app.selected < app.section_count());
}

/// An app scrolled into a long era, so every pane has content to clip.
fn scrolled_app() -> App {
    let mut app = Home::new().prepare().app;
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::FocusNext);
    app.update(Action::PageDown);
    app
}

#[test]
fn size_every_width_1_to_300_at_eighteen_heights() {
    let mut app = scrolled_app();
    for h in (1..=14).chain([24, 30, 60, 100]) {
        for w in 1..=300 {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_every_height_1_to_100_at_forty_nine_widths() {
    let mut app = scrolled_app();
    for w in (1..=45).chain([80, 100, 200, 300]) {
        for h in 1..=100 {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_grid_of_every_third_size_up_to_300x100() {
    let mut app = scrolled_app();
    for w in (1..=300).step_by(3) {
        for h in (1..=100).step_by(3) {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_grid_with_help_and_finder_open() {
    let mut help = scrolled_app();
    help.update(Action::Help);
    help.update(Action::PageDown);
    let mut finder = scrolled_app();
    for ev in [
        key(KeyCode::Char('/')),
        key(KeyCode::Char('ك')),
        key(KeyCode::Char('ي')),
    ] {
        apply(&mut finder, Event::Key(ev));
    }
    assert!(finder.finder.is_some(), "the finder is open");
    for w in (1..=300).step_by(6) {
        for h in (1..=100).step_by(6) {
            resize(&mut help, w, h);
            resize(&mut finder, w, h);
        }
    }
    assert!(matches!(
        help.popup,
        Some(nkru_tui::ui::app::Popup::Help { .. })
    ));
    assert!(finder.finder.is_some(), "still open after the resizes");
}

// ------------------------------------------------------------------ storm

/// xorshift64: seeded, so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn with(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

/// Every default binding, its Arabic-layout twin, text for the finder
/// (Arabic, Latin, digits), editing keys, unbound keys and modifiers, a
/// key release, and Ctrl-C.
fn key_pool() -> Vec<KeyEvent> {
    use nkru_tui::ui::keymap::{DEFAULTS, Key, arabic_alias};
    let mut pool = Vec::new();
    for (_, names) in DEFAULTS {
        for name in names {
            let k: Key = name.parse().expect("default key parses");
            pool.push(with(k.code, k.mods));
        }
    }
    for c in "qwertyuiop[]asdfghjkl;'zxcvbnm,./?N".chars() {
        if let Some(a) = arabic_alias(c) {
            pool.push(key(KeyCode::Char(a)));
        }
    }
    for c in "كيمإلسونغجوروسياPyongyang 0123٤٥ًّ".chars() {
        pool.push(key(KeyCode::Char(c)));
    }
    let codes = [
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Enter,
        KeyCode::Insert,
        KeyCode::F(2),
        KeyCode::F(12),
        KeyCode::Null,
        KeyCode::CapsLock,
    ];
    pool.extend(codes.into_iter().map(key));
    pool.extend([
        with(KeyCode::Char('a'), KeyModifiers::CONTROL),
        with(KeyCode::Char('u'), KeyModifiers::CONTROL),
        with(KeyCode::Char('w'), KeyModifiers::CONTROL),
        with(KeyCode::Char('x'), KeyModifiers::ALT),
        with(
            KeyCode::Char('K'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ),
        with(KeyCode::BackTab, KeyModifiers::SHIFT),
        with(KeyCode::Down, KeyModifiers::SHIFT),
        with(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ]);
    let mut release = key(KeyCode::Char('j'));
    release.kind = KeyEventKind::Release;
    pool.push(release);
    pool
}

/// The invariants that must hold after any event.
fn check(app: &App, step: usize, what: &str) {
    let at = || format!("step {step} ({what})");
    assert!(app.selected < app.section_count(), "{}: selection", at());
    assert_eq!(
        app.doc.section,
        app.selected,
        "{}: pane shows the selection",
        at()
    );
    let g = app.geometry();
    assert_eq!(
        app.doc.width,
        usize::from(app.text_area().width).max(1),
        "{}: pane laid out at its text column's width",
        at()
    );
    assert!(app.scroll <= app.max_scroll(), "{}: scroll", at());
    let rows = usize::from(g.sidebar_list.height).max(1);
    let total = nkru_tui::ui::geometry::SidebarRow::count(&app.data);
    assert!(
        app.sidebar_top <= total.saturating_sub(rows),
        "{}: sidebar",
        at()
    );
    if let Some(h) = &app.highlights {
        assert!(h.current < h.spots.len(), "{}: current mention", at());
    }
}

/// Runs `keys` key presses and `resizes` resizes (one resize every
/// `keys / resizes + 1` steps) through `run::apply`, the event loop's own
/// path (KeyEvent → keymap → Action → update), checking the invariants after
/// every step and drawing after every resize and every tenth key.
fn storm(app: &mut App, seed: u64, keys: usize, resizes: usize) {
    let pool = key_pool();
    let mut rng = Rng(seed);
    let every = keys / resizes + 1;
    let (mut pressed, mut resized) = (0, 0);
    for step in 0..keys + resizes {
        let ev = if step % every == every - 1 {
            resized += 1;
            let (w, h) = (rng.below(300) as u16 + 1, rng.below(100) as u16 + 1);
            Event::Resize(w, h)
        } else {
            pressed += 1;
            Event::Key(pool[rng.below(pool.len())])
        };
        let what = format!("{ev:?}");
        let ctrl_c = matches!(ev, Event::Key(k) if k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL);
        apply(app, ev.clone());
        if let Event::Resize(w, h) = ev {
            assert_eq!(app.size, (w, h));
        }
        assert!(!ctrl_c || app.quit, "step {step}: Ctrl-C always quits");
        // The loop would exit here; carry on to keep the storm going.
        app.quit = false;
        check(app, step, &what);
        if matches!(ev, Event::Resize(..)) || step % 10 == 0 {
            let bad = control_cells(&draw(app));
            assert!(
                bad.is_empty(),
                "step {step} ({what}): control characters {bad:?}"
            );
        }
    }
    assert_eq!((pressed, resized), (keys, resizes));
}

#[test]
fn storm_of_1000_resizes_and_10000_keys_through_the_keymap() {
    let mut app = Home::new().prepare().app;
    storm(&mut app, 0x5EED_0001_D00D_F00D, 10_000, 1_000);
}

/// The same on a synthetic dataset with 200 eras and 1,000 entities: a
/// sidebar far longer than the screen and a finder with many candidates.
#[test]
fn storm_on_a_synthetic_dataset_with_200_eras() {
    use nkru_tui::dev::synth::{Params, generate};
    use nkru_tui::ui::app::AppOptions;
    use std::sync::Arc;
    let params = Params {
        eras: 200,
        paragraphs: 3,
        entities: 1_000,
        seed: 11,
        words: 40,
    };
    let data = generate(&params);
    let index = Arc::new(nkru_tui::search::Index::build(&data));
    let opts = AppOptions::for_dataset(&data, BidiMode::App);
    let mut app = App::new(Arc::new(data), index, opts, (120, 40));
    storm(&mut app, 42, 2_000, 200);
}

/// The same on a dataset full of escape sequences, controls and bidi
/// overrides, handed to the app without validation (see `hostile`): the
/// storm opens the finder, jumps and switches the bidi mode, and no frame
/// ever holds one of them.
#[test]
fn storm_on_a_hostile_dataset() {
    use nkru_tui::ui::app::AppOptions;
    use std::sync::Arc;
    let data = hostile::dataset();
    let index = Arc::new(nkru_tui::search::Index::build(&data));
    let opts = AppOptions::for_dataset(&data, BidiMode::App);
    let mut app = App::new(Arc::new(data), index, opts, (100, 30));
    storm(&mut app, 7, 3_000, 100);
}

// ------------------------------------------------------ end to end (pty)

/// The real binary in a pseudo-terminal, for the state file's whole life:
/// read at start, shown in the status bar, saved (or not) on exit.
mod pty;

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
    let msg = p.app.message.clone().expect("notice");
    assert_eq!(msg, p.app.strings.state_resumed);
    assert!(msg.contains("--fresh"), "{msg}");
    p.app.update(Action::Down);
    assert_eq!(p.app.message, None, "said once");
}

/// A saved place at the very start is no place to speak of.
#[test]
fn a_saved_place_at_the_start_is_silent() {
    let home = Home::new();
    home.write(&home.state(), b"era = \"intro\"\nscroll = 0\n");
    let p = home.prepare();
    assert_eq!((p.app.selected, p.app.scroll), (0, 0));
    assert_eq!(p.app.message, None);
}

/// `--fresh` opens at the start whatever the state file says, and still
/// saves the position on exit.
#[test]
fn fresh_ignores_the_saved_place_and_still_saves() {
    let home = Home::new();
    home.write(&home.state(), GOOD_STATE.as_bytes());
    let mut p = home.try_prepare(&fresh(), (40, 12)).expect("prepare");
    assert_eq!((p.app.selected, p.app.scroll), (0, 0));
    assert_eq!(p.app.message, None);
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
    let msg = p.app.message.clone().expect("notice");
    assert!(msg.contains(p.app.strings.state_unreadable), "{how}: {msg}");
    assert_eq!((p.app.selected, p.app.scroll), (0, 0), "{how}");
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
    assert_eq!(p.app.message, None);
}
