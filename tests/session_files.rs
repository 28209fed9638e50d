//! The state and config files as a session meets them: only regular files
//! are opened (a FIFO gets a notice at once), `--fresh` never writes over a
//! state file it could not read, saving goes through a symbolic link and
//! keeps unknown keys, and each dataset keeps a reading place of its own.

mod pty;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nkru_tui::cli::GlobalArgs;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::state::{self, Loaded};
use nkru_tui::ui::{Prepared, prepare};

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

    fn state(&self) -> PathBuf {
        self.dir.path().join("state/nkru-tui/state.toml")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config/nkru-tui/config.toml")
    }

    fn env(&self) -> Vec<(String, PathBuf)> {
        let d = self.dir.path();
        vec![
            ("XDG_STATE_HOME".into(), d.join("state")),
            ("XDG_CONFIG_HOME".into(), d.join("config")),
        ]
    }

    fn write(&self, path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn fifo(&self, path: &Path) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo");
    }

    /// `prepare` for `global`, on a thread of its own: `None` when it has not
    /// returned within three seconds (it waits on something).
    fn prepare_within(&self, global: GlobalArgs) -> Option<Outcome> {
        let env: HashMap<String, String> = self
            .env()
            .into_iter()
            .map(|(k, v)| (k, v.display().to_string()))
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let data = match &global.data {
                Some(path) => nkru_tui::data::load_file(path).expect("dataset"),
                None => nkru_tui::data::embedded().expect("embedded dataset"),
            };
            let lookup = move |k: &str| env.get(k).cloned();
            let p = prepare(data, &global.launch(), BidiMode::App, &lookup, (40, 12));
            let p: Prepared = p.expect("prepare");
            let _ = tx.send(Outcome {
                message: p.app.message().map(str::to_string),
                selected: p.app.selected(),
                selected_id: p.app.selected_id().map(str::to_owned),
                scroll: p.app.scroll(),
                state_path: p.state_path.clone(),
                saved: nkru_tui::ui::saved_state(&p.app),
                state_unreadable: p.app.strings().state_unreadable,
                config_unreadable: p.app.strings().config_unreadable,
            });
        });
        rx.recv_timeout(Duration::from_secs(3)).ok()
    }
}

/// What `prepare` made, as far as these tests look.
struct Outcome {
    message: Option<String>,
    selected: usize,
    selected_id: Option<String>,
    scroll: usize,
    state_path: Option<PathBuf>,
    saved: state::SavedState,
    state_unreadable: &'static str,
    config_unreadable: &'static str,
}

fn example_en() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-en.toml")
}

fn fresh() -> GlobalArgs {
    GlobalArgs {
        fresh: true,
        ..GlobalArgs::default()
    }
}

// ------------------------------------------------------------ not regular files

#[test]
fn fifo_state_and_config_give_notices_and_defaults_at_once() {
    let home = Home::new();
    home.fifo(&home.state());
    home.fifo(&home.config());
    let p = home
        .prepare_within(GlobalArgs::default())
        .expect("prepared within 3 s, not waiting on a FIFO");
    let msg = p.message.clone().expect("a notice");
    assert!(msg.contains(p.state_unreadable), "{msg}");
    assert!(msg.contains(p.config_unreadable), "{msg}");
    assert!(msg.contains("FIFO"), "{msg}");
    assert_eq!((p.selected, p.scroll), (0, 0));
    assert!(p.state_path.is_none(), "a FIFO is never written");
}

#[test]
fn a_directory_or_device_as_state_is_a_notice_not_a_read() {
    let home = Home::new();
    std::fs::create_dir_all(home.state()).expect("mkdir");
    assert!(
        matches!(state::load(&home.state()), Loaded::Unreadable(why) if why.contains("a directory")),
    );
    assert!(
        matches!(state::load(Path::new("/dev/zero")), Loaded::Unreadable(why) if why.contains("a device")),
    );
    let config = nkru_tui::ui::config::load(Path::new("/dev/zero"))
        .expect_err("a device")
        .to_string();
    assert!(config.contains("a device"), "{config}");
}

#[test]
fn pty_fifo_state_or_config_shows_the_first_screen_and_a_notice_at_once() {
    for (which, notice) in [
        ("state", "State file unreadable"),
        ("config", "Config ignored"),
    ] {
        let home = Home::new();
        let fifo = if which == "state" {
            home.state()
        } else {
            home.config()
        };
        home.fifo(&fifo);
        let started = Instant::now();
        let mut s = pty::Session::start(&["--lang", "en"], home.env());
        s.wait_for("the notice", |t| t.contents().contains(notice));
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{which}: first screen after {:?}",
            started.elapsed()
        );
        assert!(s.text().contains("FIFO"), "{which}: {}", s.text());
        s.send(b"q");
        let status = s.wait_exit();
        assert!(status.success(), "{which}: exit 0, got {status:?}");
        s.assert_restored();
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
        assert!(kind.is_fifo(), "{which}: the FIFO is left as it was");
    }
}

/// A state file's mistake is told at its line and column, in words.
#[test]
fn a_corrupt_state_is_told_in_words() {
    let home = Home::new();
    home.write(&home.state(), "era = \"1970s\"\nscroll = \"lots\"\n");
    let Loaded::Unreadable(why) = state::load(&home.state()) else {
        panic!("unreadable")
    };
    assert!(why.contains("state.toml:2:10: "), "{why}");
    for rust in ["usize", "invalid type", "a string"] {
        assert!(!why.contains(rust), "{why}");
    }
}

// ------------------------------------------------------------------ --fresh

#[test]
fn fresh_over_an_unreadable_state_says_so_and_never_saves() {
    let home = Home::new();
    let corrupt = "era = \"1970s\"\nscroll = \"lots\"\n[bidi]\nvte = \"terminal\"\n";
    home.write(&home.state(), corrupt);
    let p = home.prepare_within(fresh()).expect("prepared");
    let msg = p.message.clone().expect("a notice");
    assert!(msg.contains(p.state_unreadable), "{msg}");
    assert!(msg.contains("left as it is"), "{msg}");
    assert!(p.state_path.is_none(), "never saved over");
    // Even asked to, saving refuses to replace a file it cannot read.
    let err = state::save(&home.state(), &p.saved)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(
        std::fs::read_to_string(home.state()).expect("read"),
        corrupt
    );
}

#[test]
fn pty_fresh_over_an_unreadable_state_leaves_it_unchanged() {
    let home = Home::new();
    let corrupt = "era = \"1970s\"\nscroll = \"lots\"\n[bidi]\nvte = \"terminal\"\n";
    home.write(&home.state(), corrupt);
    let mut s = pty::Session::start(&["--fresh", "--lang", "en"], home.env());
    s.wait_for("the notice", |t| {
        t.contents().contains("State file unreadable")
    });
    s.send(b"]]q");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    assert_eq!(
        std::fs::read_to_string(home.state()).expect("read"),
        corrupt
    );
    let left: Vec<_> = std::fs::read_dir(home.state().parent().expect("dir"))
        .expect("ls")
        .collect();
    assert_eq!(left.len(), 1, "no temporary file");
}

// ------------------------------------------------------ links and unknown keys

#[test]
fn pty_a_symlinked_state_is_updated_through_the_link_keeping_unknown_keys() {
    let home = Home::new();
    let real = home.dir.path().join("dotfiles/nkru-state.toml");
    home.write(
        &real,
        "note = \"mine\"\n[places.\"<embedded nkru.toml>\"]\nera = \"1970s\"\nscroll = 0\ncolour = \"red\"\n",
    );
    std::fs::create_dir_all(home.state().parent().expect("dir")).expect("mkdir");
    std::os::unix::fs::symlink("../../dotfiles/nkru-state.toml", home.state()).expect("symlink");
    let mut s = pty::Session::start(&["--lang", "en"], home.env());
    s.wait_for("the resumed notice", |t| {
        t.contents().contains("Reopened where you left off")
    });
    s.send(b"]q");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    let link = std::fs::symlink_metadata(home.state()).expect("stat");
    assert!(link.file_type().is_symlink(), "still a link");
    let text = std::fs::read_to_string(&real).expect("read");
    let table: toml::Table = text.parse().expect("TOML");
    assert_eq!(table["note"].as_str(), Some("mine"), "{text}");
    let place = &table["places"]["<embedded nkru.toml>"];
    assert_eq!(place["era"].as_str(), Some("1980s"), "{text}");
    assert_eq!(place["colour"].as_str(), Some("red"), "{text}");
    for dir in [real.parent(), home.state().parent()] {
        let n = std::fs::read_dir(dir.expect("dir")).expect("ls").count();
        assert_eq!(n, 1, "no temporary file left");
    }
}

// --------------------------------------------------------- a place per dataset

fn place_of(home: &Home, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(home.state()).ok()?;
    let table: toml::Table = text.parse().ok()?;
    Some(
        table
            .get("places")?
            .get(key)?
            .get("era")?
            .as_str()?
            .to_owned(),
    )
}

#[test]
fn pty_each_dataset_keeps_its_place_across_a_visit_to_another() {
    let home = Home::new();
    // The article: two eras on.
    let mut s = pty::Session::start(&["--lang", "en"], home.env());
    s.wait_started();
    s.send(b"]]q");
    assert!(s.wait_exit().success());
    let embedded = "<embedded nkru.toml>";
    let first = place_of(&home, embedded);
    // Another dataset, one era on.
    let other = example_en();
    let other_arg = other.display().to_string();
    let mut s = pty::Session::start(&["--data", &other_arg, "--lang", "en"], home.env());
    s.wait_for("the other dataset", |t| t.contents().contains("Overview"));
    s.send(b"]q");
    assert!(s.wait_exit().success());
    let key = std::fs::canonicalize(&other)
        .expect("canonical")
        .display()
        .to_string();
    // The article again: where it was left, not at its first era.
    let mut s = pty::Session::start(&["--lang", "en"], home.env());
    s.wait_for("the resumed notice", |t| {
        t.contents().contains("Reopened where you left off")
    });
    assert!(
        !s.text().contains("Saved era no longer exists"),
        "{}",
        s.text()
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert!(first.is_some(), "the article's place was saved");
    assert_eq!(place_of(&home, embedded), first);
    assert!(place_of(&home, &key).is_some(), "the other dataset's place");
}

/// A state file of the older form (one place at the top) is read once: its
/// place goes to the dataset that has its era, and moves under `places` when
/// saved; the bidi choices and unknown keys stay.
#[test]
fn the_older_state_form_is_carried_over_once() {
    let home = Home::new();
    let old = "era = \"1970s\"\nscroll = 1\nextra = 5\n[bidi]\nvte = \"terminal\"\n";
    home.write(&home.state(), old);
    // A dataset without that era neither takes the place nor complains.
    let other = GlobalArgs {
        data: Some(example_en()),
        ..GlobalArgs::default()
    };
    let p = home.prepare_within(other).expect("prepared");
    assert_eq!(p.message, None, "no notice of a vanished era");
    assert_eq!(p.selected, 0);
    let key = state::place_key(Some(&example_en()));
    let other_data = nkru_tui::data::load_file(&example_en()).expect("dataset");
    let has = |id: &str| other_data.section_by_id(id).is_some();
    state::save_place(&home.state(), &key, &p.saved, has).expect("save");
    let text = std::fs::read_to_string(home.state()).expect("read");
    assert!(
        text.contains("era = \"1970s\""),
        "the old place waits: {text}"
    );
    // The article takes it, and saving moves it under `places`.
    let p = home
        .prepare_within(GlobalArgs::default())
        .expect("prepared");
    assert_eq!(p.selected_id.as_deref(), Some("1970s"));
    assert_eq!(p.scroll, 1);
    state::save(&home.state(), &p.saved).expect("save");
    let table: toml::Table = std::fs::read_to_string(home.state())
        .expect("read")
        .parse()
        .expect("TOML");
    assert!(
        table.get("era").is_none() && table.get("scroll").is_none(),
        "{table}"
    );
    assert_eq!(table["extra"].as_integer(), Some(5));
    assert_eq!(table["bidi"]["vte"].as_str(), Some("terminal"));
    let places = table["places"].as_table().expect("places");
    assert_eq!(
        places["<embedded nkru.toml>"]["era"].as_str(),
        Some("1970s")
    );
    assert!(places.contains_key(&key), "the other dataset's place stays");
}
