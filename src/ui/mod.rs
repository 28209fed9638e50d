//! The ratatui application.
//!
//! One-way flow: terminal event → [`app::Msg`] (a key goes through the
//! [`keymap`] to an [`action::Action`]) → [`app::App::update`] (the only
//! state change, pure) → [`view`] functions draw the state, with the
//! [`view::Painter`]'s caches. [`run()`] sets everything up,
//! [`run::event_loop`] drives it.

pub mod finder;
pub mod laid_text;

pub mod action;
pub mod app;
pub mod backend;
pub mod config;
pub mod digits;
pub mod error;
pub mod geometry;
pub mod help;
pub mod ink;
pub mod keymap;
pub mod run;
pub mod state;
pub mod strings;
pub mod style_runs;
pub mod theme;
pub mod view;
pub mod years;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use crate::data::{Dataset, Direction};
use crate::search::IndexBuilder;
use crate::term::TermKind;
use crate::text::BidiMode;
use app::{App, AppOptions, Msg};
use config::{BidiChoice, Config};
pub use error::UiError;
use state::{Loaded, SavedMode, SavedState};
use strings::{Lang, Strings};
use theme::Theme;

pub use strings::{TMUX_GUIDANCE, TMUX_UNKNOWN_GUIDANCE};

/// What the command line asks of the browser (the `cli` module fills it in).
#[derive(Debug, Clone)]
pub struct Launch {
    /// `--bidi` or `NKRU_BIDI`.
    pub bidi: Option<BidiChoice>,
    /// `--layout`: the direction of the interface.
    pub layout: Option<Direction>,
    /// `--lang`: the language of the interface strings.
    pub lang: Option<Lang>,
    /// False with `--no-mouse`.
    pub mouse: bool,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--era`: where to open.
    pub era: Option<String>,
    /// `--fresh`: ignore the saved place.
    pub fresh: bool,
    /// `--data`: the dataset file, whose place the state file keeps (the
    /// embedded dataset's when `None`).
    pub data: Option<PathBuf>,
}

impl Default for Launch {
    fn default() -> Launch {
        Launch {
            bidi: None,
            layout: None,
            lang: None,
            mouse: true,
            config: None,
            era: None,
            fresh: false,
            data: None,
        }
    }
}

/// Everything decided before the terminal is touched.
pub struct Prepared {
    pub app: App,
    /// Where to save the state on exit; `None` when the state file was
    /// unreadable (it is left untouched) or there is no home directory.
    pub state_path: Option<PathBuf>,
    /// The live-switched bidi modes of the state file, per terminal family,
    /// kept when the state is saved.
    pub saved_modes: BTreeMap<String, SavedMode>,
    /// The terminal family's name in `saved_modes`.
    pub family: &'static str,
    /// Why the bidi mode is what it is.
    pub mode_reason: ModeReason,
}

/// Opens the browser. Errors that can be detected early (unknown `--era`, bad
/// `--config`) are returned before the terminal is switched to raw mode.
pub fn run(data: Dataset, launch: &Launch) -> Result<(), UiError> {
    let env = |k: &str| std::env::var(k).ok();
    if let Some(id) = &launch.era {
        check_era(&data, id)?;
    }
    load_config(launch, &env)?;
    let setup_err = UiError::Setup;
    let guard = crate::term::begin().map_err(setup_err)?;
    // Debug builds only: a start slowed down here (a loaded machine) lets
    // the pseudo-terminal tests resize the terminal before the size is
    // watched. Release builds have no such switch.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("NKRU_TUI_TEST_SLOW_START")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    // Read once in raw mode, so no read waits for a whole line.
    let rx = run::spawn_inputs()?;
    // The size is read once its changes are watched (SIGWINCH, above): a
    // change in between would be lost, and the app kept at the size before
    // it: a wrapper that starts its program in a pseudo-terminal of its own
    // and copies its size to it just after (`scripts/scene-keys.py`) leaves
    // it 0×0 until then.
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let area = view::capped(width, height);
    let size = (area.width, area.height);
    let (detected, early) = identify(&rx, &env, &mut std::io::stdout()).map_err(setup_err)?;
    let kind = detected.kind;
    // As `prepare_for`, the index built on a thread: the first frame waits
    // for nothing but the parsed dataset.
    let prepared = build(
        kind,
        kind.auto_mode(),
        data,
        launch,
        &env,
        size,
        Indexing::Thread,
    )?;
    let Prepared {
        mut app,
        state_path,
        mut saved_modes,
        family,
        ..
    } = prepared;
    let opts = run::term_options(&app, kind);
    let signal = {
        let guard = guard.enter(opts).map_err(setup_err)?;
        let backend = backend::InkBackend::new(std::io::stdout());
        // A fixed viewport: ratatui would otherwise size its buffers to
        // whatever the terminal claims; the loop resizes it on SIGWINCH.
        let viewport = ratatui::Viewport::Fixed(area);
        let mut terminal =
            ratatui::Terminal::with_options(backend, ratatui::TerminalOptions { viewport })
                .map_err(setup_err)?;
        // Whatever ends the loop, even a terminal gone, the place is saved below.
        let result = run::event_loop(&mut app, &mut terminal, &rx, &detected, early);
        // `restore` shows the cursor; ratatui's own drop would show it again
        // and, when the terminal has gone away (a signal can come first),
        // panic reporting that it could not.
        std::mem::forget(terminal);
        drop(guard);
        result
    };
    if app.mode_switched() {
        saved_modes.insert(family.to_string(), app.opts().mode.into());
    }
    let saved = SavedState {
        bidi: saved_modes,
        ..saved_state(&app)
    };
    if let Some(path) = state_path
        && let Err(e) = state::save_place(
            &path,
            &state::place_key(launch.data.as_deref()),
            &saved,
            |id| app.data().section_by_id(id).is_some(),
        )
    {
        let e = crate::data::diag::escape_controls(&e.to_string());
        // stderr may be the terminal that went away: nobody left to tell.
        let _ = writeln!(
            std::io::stderr(),
            "nkru-tui: warning: cannot save the reading position: {e}"
        );
    }
    if let Some(signal) = signal? {
        // Die of the signal as the default handler would (exit status 128+n),
        // now that the terminal is restored and the state saved.
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    Ok(())
}

/// Asks the terminal who it is (queries written to `out` on the alternate
/// screen, in raw mode, answers read by `rx`) and decides the family from
/// its answers, else the environment. Gives back what else arrived
/// meanwhile. The alternate screen stays: [`crate::term::TermGuard::enter`]
/// clears it, or [`crate::term::leave_probing`] leaves it.
pub fn identify(
    rx: &std::sync::mpsc::Receiver<run::Input>,
    env: &impl Fn(&str) -> Option<String>,
    out: &mut impl std::io::Write,
) -> std::io::Result<(crate::term::Detected, Vec<run::Input>)> {
    crate::term::enter_probing(out)?;
    out.write_all(crate::term::probe::QUERIES.as_bytes())?;
    out.flush()?;
    let (mut answers, mut early) = run::gather_answers(rx, std::time::Instant::now());
    if crate::term::family::ask_through_tmux(env, &answers) {
        let queries = crate::term::family::tmux_passthrough(crate::term::probe::OUTER_QUERIES);
        out.write_all(queries.as_bytes())?;
        out.flush()?;
        let (outer, more) = run::gather_answers(rx, std::time::Instant::now());
        answers.outer = Some(Box::new(outer));
        early.extend(more);
    }
    let detected = TermKind::detect(
        env,
        &answers,
        crate::term::family::ask_tmux_client_version,
        crate::term::family::ask_tmux_passthrough,
    );
    Ok((detected, early))
}

/// Why the bidi mode is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeReason {
    /// `--bidi` or `NKRU_BIDI`.
    Flag,
    /// The reader's last F2 in this terminal family (the state file).
    Saved,
    /// `bidi` in config.toml.
    Config,
    /// What the detected terminal needs.
    Detected,
}

/// The bidi mode: the flag (or NKRU_BIDI) wins, then the reader's last live
/// switch in this terminal family, then the config file, then `detected`
/// (what the terminal needs).
/// Terminal mode takes the form the family needs.
pub fn choose_mode(
    kind: TermKind,
    detected: BidiMode,
    flag: Option<BidiChoice>,
    saved: Option<SavedMode>,
    config: Option<BidiChoice>,
) -> (BidiMode, ModeReason) {
    let (mode, why) = match (flag, saved, config) {
        (Some(BidiChoice::App), _, _) => (BidiMode::App, ModeReason::Flag),
        (Some(BidiChoice::Terminal), _, _) => (BidiMode::Terminal, ModeReason::Flag),
        (_, Some(saved), _) => (saved.into(), ModeReason::Saved),
        (_, None, Some(BidiChoice::App)) => (BidiMode::App, ModeReason::Config),
        (_, None, Some(BidiChoice::Terminal)) => (BidiMode::Terminal, ModeReason::Config),
        _ => (detected, ModeReason::Detected),
    };
    let mode = if mode.is_terminal() {
        kind.terminal_mode()
    } else {
        kind.app_mode()
    };
    (mode, why)
}

/// Builds the app from the arguments, config and state file, without a
/// terminal, for the terminal the environment names; `mode` is taken when
/// neither the flag, a saved choice nor the config decides.
pub fn prepare(
    data: Dataset,
    launch: &Launch,
    mode: BidiMode,
    env: &impl Fn(&str) -> Option<String>,
    size: (u16, u16),
) -> Result<Prepared, UiError> {
    // Inside tmux the family name does not depend on passthrough: don't ask.
    let kind = TermKind::from_env(env, || crate::term::Passthrough::Allowed);
    build(kind, mode, data, launch, env, size, Indexing::Now)
}

/// When the app gets its search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indexing {
    /// Built before the app is made ([`prepare`], [`prepare_for`]: no event
    /// loop to wait in).
    Now,
    /// Built on a thread of its own ([`run::spawn_index`]), so that the first
    /// screen waits for nothing but the parsed dataset; the event loop hands
    /// it to the app when it is ready.
    Thread,
}

/// [`prepare`] for the terminal `kind`, in the mode it needs unless the
/// flag, a saved choice or the config decides.
pub fn prepare_for(
    kind: TermKind,
    data: Dataset,
    launch: &Launch,
    env: &impl Fn(&str) -> Option<String>,
    size: (u16, u16),
) -> Result<Prepared, UiError> {
    build(
        kind,
        kind.auto_mode(),
        data,
        launch,
        env,
        size,
        Indexing::Now,
    )
}

/// The builder of the browser's index. Debug builds only: with
/// `NKRU_TUI_TEST_HOLD_INDEX=<path>` the build waits until a file exists at
/// `<path>`, so that the pseudo-terminal tests can see the browser before
/// its index is ready. Release builds have no such switch.
fn index_builder() -> IndexBuilder {
    let builder = IndexBuilder::new();
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("NKRU_TUI_TEST_HOLD_INDEX") {
        let (go, wait) = std::sync::mpsc::channel();
        let path = PathBuf::from(path);
        let watcher = std::thread::Builder::new()
            .name("nkru-hold-index".into())
            .spawn(move || {
                while !path.exists() {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                let _ = go.send(());
            });
        // Without the watcher nothing holds the build: it goes ahead.
        if watcher.is_ok() {
            return builder.hold_until(wait);
        }
    }
    builder
}

fn build(
    kind: TermKind,
    detected: BidiMode,
    data: Dataset,
    launch: &Launch,
    env: &impl Fn(&str) -> Option<String>,
    size: (u16, u16),
    indexing: Indexing,
) -> Result<Prepared, UiError> {
    if let Some(id) = &launch.era {
        check_era(&data, id)?;
    }
    let (config, config_notice) = load_config(launch, env)?;
    let state_path = state::default_path(env);
    let loaded = match &state_path {
        Some(path) => state::load_place(path, &state::place_key(launch.data.as_deref()), |id| {
            data.section_by_id(id).is_some()
        }),
        None => Loaded::Missing,
    };
    let saved_modes = match &loaded {
        Loaded::Found(saved) => saved.bidi.clone(),
        _ => BTreeMap::new(),
    };
    let family = kind.name();
    let saved = saved_modes.get(family).copied();
    let (mode, mode_reason) = choose_mode(kind, detected, launch.bidi, saved, config.bidi);
    let mut opts = options(&data, launch, &config, mode, env);
    opts.terminal_mode = kind.terminal_mode();
    opts.app_mode = kind.app_mode();
    // The justification chosen with its key for this dataset wins over the config's.
    if let Loaded::Found(SavedState {
        justify: Some(justify),
        ..
    }) = &loaded
    {
        opts.justify = *justify;
    }
    let opts_lang = opts.lang;
    let strings = Strings::for_lang(opts_lang);
    let rtl_dataset = app::is_rtl_dataset(&data);
    let data = Arc::new(data);
    // Shared: the index reads the paragraphs from the dataset, not a copy.
    let mut app = match indexing {
        Indexing::Now => {
            let index = Arc::new(IndexBuilder::new().build_shared(Arc::clone(&data)));
            App::new(data, index, opts, size)
        }
        Indexing::Thread => {
            let builder = index_builder();
            let progress = builder.progress();
            run::spawn_index(builder, Arc::clone(&data))?;
            App::indexing(data, progress, opts, size)
        }
    };
    let mut notices: Vec<String> = config_notice
        .map(|why| {
            format!(
                "{}: {why}; {}",
                strings.config_unreadable, strings.config_check
            )
        })
        .into_iter()
        .collect();
    let mut keep_path = state_path.clone();
    // `--fresh` ignores the saved place; the saved bidi choices still apply,
    // and the state is written on exit as usual, unless it could not be read.
    if state_path.is_some() {
        match loaded {
            Loaded::Found(_) if launch.fresh => {}
            Loaded::Missing => {}
            Loaded::Found(saved) if launch.era.is_none() => {
                let id = saved.era.as_deref().unwrap_or("");
                if !id.is_empty() {
                    app.update(Msg::Open {
                        id: id.to_string(),
                        scroll: saved.scroll,
                    });
                }
                if !id.is_empty() && app.selected_id() != Some(id) {
                    notices.push(strings.state_unknown_era.to_string());
                } else if app.selected() != 0 || app.scroll() != 0 {
                    notices.push(strings.state_resumed.to_string());
                }
            }
            Loaded::Found(_) => {}
            Loaded::Unreadable(why) => {
                notices.push(format!(
                    "{}: {}",
                    strings.state_unreadable,
                    crate::text::display_safe(&why)
                ));
                keep_path = None;
            }
        }
    }
    if let Some(id) = &launch.era {
        app.update(Msg::Open {
            id: id.clone(),
            scroll: 0,
        });
    }
    if !notices.is_empty() {
        app.update(Msg::Notice(notices.join(" · ")));
    }
    // Behind tmux, one of the two modes may be unreadable: the status bar
    // keeps the mode switch's key whatever the dataset (Arabic can always be
    // typed into the finder). The start-up notice is about Arabic on screen:
    // none without it (the dataset's language and the interface's are what
    // is known here), where it would only hide the keys.
    if kind.unreachable() || kind.outer_unknown() {
        app.update(Msg::ModeHint);
    }
    let arabic = rtl_dataset || opts_lang == Lang::Ar;
    let by_detection = mode_reason == ModeReason::Detected;
    if kind.unreachable() && arabic {
        app.update(Msg::Guidance(TMUX_GUIDANCE.to_string()));
    } else if kind.outer_unknown() && by_detection && arabic {
        app.update(Msg::Guidance(TMUX_UNKNOWN_GUIDANCE.to_string()));
    }
    Ok(Prepared {
        app,
        state_path: keep_path,
        saved_modes,
        family,
        mode_reason,
    })
}

/// The bidi mode the browser would take in `kind`, and why: from the
/// flag, the state file's saved F2 choices and the config file, as at
/// start-up (for `nkru-tui terminal`).
pub fn mode_for(
    kind: TermKind,
    launch: &Launch,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<(BidiMode, ModeReason), UiError> {
    let (config, _) = load_config(launch, env)?;
    let saved = match state::default_path(env).map(|path| state::load(&path)) {
        Some(Loaded::Found(saved)) => saved.bidi.get(kind.name()).copied(),
        _ => None,
    };
    Ok(choose_mode(
        kind,
        kind.auto_mode(),
        launch.bidi,
        saved,
        config.bidi,
    ))
}

/// `Err` listing the valid ids when no era or related item has this id.
pub fn check_era(data: &Dataset, id: &str) -> Result<(), UiError> {
    match data.section_by_id(id) {
        Some(_) => Ok(()),
        None => Err(unknown_era(data, id)),
    }
}

/// At most this many ids are listed by [`unknown_era`]: a dataset may hold
/// a hundred thousand eras, and nobody reads a line that long.
pub const LISTED_IDS: usize = 20;

/// The error for an id that names no era or related item; its one line
/// lists the first [`LISTED_IDS`] valid ids, then how many there are in all.
pub fn unknown_era(data: &Dataset, id: &str) -> UiError {
    let total = data.sections().count();
    let ids: Vec<&str> = data.sections().take(LISTED_IDS).map(|s| s.id).collect();
    let mut msg = format!(
        "unknown era `{}`; valid ids: {}",
        crate::text::display_safe(id),
        ids.join(", ")
    );
    if total > ids.len() {
        msg.push_str(&format!(
            ", … ({} of {total} shown; `nkru-tui list` prints every era)",
            ids.len()
        ));
    }
    UiError::UnknownEra(msg)
}

/// The config in effect and an optional notice. A file named with `--config`
/// must be valid (error); a bad file at the default place gives a notice.
fn load_config(
    launch: &Launch,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<(Config, Option<String>), UiError> {
    if let Some(path) = &launch.config {
        return match config::load(path)? {
            Some(config) => Ok((config, None)),
            None => Err(UiError::NoConfig(path.display().to_string())),
        };
    }
    let Some(path) = config::default_path(env) else {
        return Ok((Config::default(), None));
    };
    match config::load(&path) {
        Ok(found) => Ok((found.unwrap_or_default(), None)),
        // The notice is in the UI language, decided later; the detail is
        // where the mistake is (`config --check` tells the rest).
        Err(e) => Ok((
            Config::default(),
            Some(crate::text::display_safe(&e.short())),
        )),
    }
}

fn options(
    data: &Dataset,
    launch: &Launch,
    config: &Config,
    mode: BidiMode,
    env: &impl Fn(&str) -> Option<String>,
) -> AppOptions {
    let mut opts = AppOptions::for_dataset(data, mode);
    if let Some(direction) = launch.layout {
        opts.layout_direction = direction;
    }
    if let Some(lang) = launch.lang {
        opts.lang = lang;
    }
    opts.mouse = launch.mouse && config.mouse.unwrap_or(true);
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    opts.theme = Theme::resolve(config.theme, no_color);
    opts.keymap = config.keymap.clone();
    opts.measure = config.measure.unwrap_or(opts.measure);
    opts.justify = config.justify.unwrap_or(opts.justify);
    opts.digits = config.digits.unwrap_or_default();
    opts
}

/// What the state file keeps.
pub fn saved_state(app: &App) -> SavedState {
    SavedState {
        era: app.selected_id().map(str::to_string),
        scroll: app.scroll(),
        bidi: BTreeMap::new(),
        justify: app.justify_switched().then_some(app.opts().justify),
    }
}
