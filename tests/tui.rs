//! The browser without a terminal, through ratatui's `TestBackend`: here the
//! whole-screen snapshots and what the screens show; by topic beside them,
//! `App::update` for every action (`tui/update.rs`), the accessors against
//! the changes that set them (`tui/app_state.rs`), the keymap, the config
//! and the state file (`tui/config_state.rs`), the finder (`tui/finder.rs`),
//! and the browser before its index is ready (`tui/index_thread.rs`).
//! The snapshot tests stay in this file, where their snapshots are named.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nkru_tui::cli::{BidiChoice, GlobalArgs, LangChoice, LayoutChoice};
use nkru_tui::data::SectionRef;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::Msg;
use nkru_tui::ui::app::{App, Effect, Focus, LineKind, Popup, Spot};
use nkru_tui::ui::config;
use nkru_tui::ui::finder::FinderMode;
use nkru_tui::ui::keymap::{Key, Keymap, defaults};
use nkru_tui::ui::state::{self, Loaded, SavedState};
use nkru_tui::ui::theme::{Theme, ThemeName};
use nkru_tui::ui::view::Painter;
use nkru_tui::ui::{Prepared, prepare};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

mod hostile;

#[path = "tui/app_state.rs"]
mod app_state;
#[path = "tui/config_state.rs"]
mod config_state;
#[path = "tui/covered.rs"]
mod covered;
#[path = "tui/digits.rs"]
mod digits;
#[path = "tui/finder.rs"]
mod finder;
#[path = "tui/index_thread.rs"]
mod index_thread;
#[path = "tui/reading.rs"]
mod reading;
#[path = "tui/styled.rs"]
mod styled;
#[path = "tui/update.rs"]
mod update;

/// An app on the embedded dataset, with state/config isolated in `dir`.
fn app_in(
    dir: &std::path::Path,
    global: &GlobalArgs,
    extra_env: &[(&str, &str)],
    size: (u16, u16),
) -> Prepared {
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    app_on(data, dir, global, extra_env, size)
}

/// [`app_in`] on the dataset given.
fn app_on(
    data: nkru_tui::data::Dataset,
    dir: &std::path::Path,
    global: &GlobalArgs,
    extra_env: &[(&str, &str)],
    size: (u16, u16),
) -> Prepared {
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert(
        "XDG_STATE_HOME".into(),
        dir.join("state").display().to_string(),
    );
    env.insert(
        "XDG_CONFIG_HOME".into(),
        dir.join("config").display().to_string(),
    );
    for (k, v) in extra_env {
        env.insert((*k).into(), (*v).into());
    }
    let lookup = move |k: &str| env.get(k).cloned();
    prepare(data, &global.launch(), BidiMode::App, &lookup, size).expect("prepare")
}

fn app(size: (u16, u16)) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    app_in(dir.path(), &GlobalArgs::default(), &[], size).app
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal
        .draw(|f| Painter::new().draw(f, app))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The browser's action `km` binds to a key event.
fn bound(km: &Keymap, ev: KeyEvent) -> Option<Action> {
    Key::from_event(&ev).and_then(|k| km.action(k))
}

fn label_of(app: &App) -> String {
    app.data()
        .section_at(app.selected())
        .expect("section")
        .label
        .to_string()
}

fn ltr_en() -> GlobalArgs {
    GlobalArgs {
        layout: Some(LayoutChoice::Ltr),
        lang: Some(LangChoice::En),
        ..GlobalArgs::default()
    }
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(&key(KeyCode::Char(c)));
    }
}

// ---- screens ----------------------------------------------------------------

#[test]
fn snapshot_start_100x30_ar() {
    let a = app((100, 30));
    insta::assert_snapshot!("start_100x30_ar", screen(&a));
}

#[test]
fn snapshot_start_80x24_ar() {
    let a = app((80, 24));
    insta::assert_snapshot!("start_80x24_ar", screen(&a));
}

#[test]
fn snapshot_start_120x40_ar() {
    let a = app((120, 40));
    insta::assert_snapshot!("start_120x40_ar", screen(&a));
}

#[test]
fn snapshot_start_200x60_ar() {
    let a = app((200, 60));
    insta::assert_snapshot!("start_200x60_ar", screen(&a));
}

#[test]
fn snapshot_en_chrome_ltr_80x24_120x40_and_200x60() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = app_in(dir.path(), &ltr_en(), &[], (80, 24)).app;
    insta::assert_snapshot!("start_80x24_en_ltr", screen(&a));
    let b = app_in(dir.path(), &ltr_en(), &[], (120, 40)).app;
    insta::assert_snapshot!("start_120x40_en_ltr", screen(&b));
    let c = app_in(dir.path(), &ltr_en(), &[], (200, 60)).app;
    insta::assert_snapshot!("start_200x60_en_ltr", screen(&c));
}

/// The row of `screen` that shows the sidebar's selection marker.
fn selected_row(screen: &str) -> String {
    let row = screen.lines().find(|l| l.contains('◀') || l.contains('▶'));
    row.unwrap_or_default().to_string()
}

/// The years the program adds read one way on a screen: the earlier year
/// on the right in the right-to-left layout (as the dataset's own
/// `1945- 1948` comes out), on the left in the left-to-right one, in the
/// sidebar and the heading alike; and the sidebar has room for them from
/// 80 columns on.
#[test]
fn years_read_one_way_in_the_sidebar_and_the_heading() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (global, years) in [
        (GlobalArgs::default(), "1979–1970"),
        (ltr_en(), "1970–1979"),
        (
            GlobalArgs {
                lang: Some(LangChoice::En),
                ..GlobalArgs::default()
            },
            "1979–1970",
        ),
        (
            GlobalArgs {
                layout: Some(LayoutChoice::Ltr),
                ..GlobalArgs::default()
            },
            "1970–1979",
        ),
    ] {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let global = GlobalArgs {
                era: Some("1970s".into()),
                ..global.clone()
            };
            let a = app_in(dir.path(), &global, &[], size).app;
            let shown = screen(&a);
            let sidebar = selected_row(&shown);
            assert!(sidebar.contains(years), "{size:?} {years}: {sidebar}");
            let heading = shown.lines().nth(2).unwrap_or_default();
            assert!(
                heading.contains(&format!("({years})")),
                "{size:?}: {heading}"
            );
            // The era the dataset labels with its years reads the same way.
            let label = shown.lines().find(|l| l.contains("1948 -1945"));
            assert!(label.is_some(), "{size:?}: {shown}");
            // So does the finder's note on an era.
            let mut a = a;
            a.update(&key(KeyCode::Char('/')));
            type_text(&mut a, "1975");
            let found = screen(&a);
            let note = found.lines().find(|l| {
                l.contains(&format!("{years} :ﺔﺒﻘﺣ")) || l.contains(&format!("Era: {years}"))
            });
            assert!(note.is_some(), "{size:?} {years}: {found}");
        }
    }
}

/// From 120 columns on, no era label is cut short in the sidebar.
#[test]
fn wide_screens_show_whole_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    for global in [GlobalArgs::default(), ltr_en()] {
        let a = app_in(dir.path(), &global, &[], (200, 60)).app;
        let g = a.geometry();
        let area = ratatui::layout::Rect::new(0, 0, a.size().0, a.size().1);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        Painter::new().draw_into(&a, area, &mut buf);
        let list = g.sidebar_list;
        let cut: Vec<(u16, u16)> = (list.y..list.bottom())
            .flat_map(|y| (list.x..list.right()).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].symbol() == "…")
            .collect();
        assert!(cut.is_empty(), "labels cut at {cut:?}");
        assert!(g.sidebar.width > 32, "{g:?}");
    }
}

#[test]
fn snapshot_layout_ltr_with_arabic_strings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let global = GlobalArgs {
        layout: Some(LayoutChoice::Ltr),
        ..GlobalArgs::default()
    };
    let a = app_in(dir.path(), &global, &[], (100, 30)).app;
    insta::assert_snapshot!("layout_ltr_100x30", screen(&a));
}

#[test]
fn snapshot_lang_en_keeps_the_rtl_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let global = GlobalArgs {
        lang: Some(LangChoice::En),
        ..GlobalArgs::default()
    };
    let a = app_in(dir.path(), &global, &[], (100, 30)).app;
    insta::assert_snapshot!("lang_en_100x30", screen(&a));
}

#[test]
fn snapshot_era_selected_and_scrolled() {
    let mut a = app((100, 30));
    for _ in 0..4 {
        a.update(Action::Down);
    }
    insta::assert_snapshot!("era_selected_100x30", screen(&a));
    // At 100x30 only the intro is longer than the pane.
    a.update(Action::First);
    a.update(Action::FocusNext);
    a.update(Action::PageDown);
    assert_eq!(a.scroll(), a.max_scroll());
    assert!(a.scroll() > 0);
    insta::assert_snapshot!("scrolled_100x30", screen(&a));
}

#[test]
fn snapshot_help_popup() {
    let mut a = app((100, 30));
    a.update(Action::Help);
    insta::assert_snapshot!("help_100x30_ar", screen(&a));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = app_in(dir.path(), &ltr_en(), &[], (80, 24)).app;
    b.update(Action::Help);
    insta::assert_snapshot!("help_80x24_en", screen(&b));
}

/// The help popup's cells on its outer edge (left in an RTL interface), between
/// its top and bottom borders, at `scroll`.
fn help_edge(a: &mut App, scroll: u16) -> String {
    use nkru_tui::ui::help;
    // Open at the top, then down to `scroll` as the reader would go.
    if a.popup().is_none() {
        a.update(Action::Help);
    }
    for _ in 0..=a.help_max_scroll() {
        a.update(Action::Up);
    }
    for _ in 0..scroll {
        a.update(Action::Down);
    }
    assert_eq!(a.popup(), Some(Popup::Help { scroll }));
    let mut terminal = Terminal::new(TestBackend::new(a.size().0, a.size().1)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, a)).expect("draw");
    let area = ratatui::layout::Rect::new(0, 0, a.size().0, a.size().1);
    let outer = help::outer(area, help::rows(&a.opts().keymap, a.strings()).len());
    let x = if a.opts().layout_direction == nkru_tui::data::Direction::Rtl {
        outer.x
    } else {
        outer.right() - 1
    };
    let buf = terminal.backend().buffer();
    (outer.y + 1..outer.bottom() - 1)
        .map(|y| buf[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn a_help_taller_than_the_screen_shows_a_scrollbar_that_follows_the_scroll() {
    for (size, global) in [((100, 30), GlobalArgs::default()), ((80, 24), ltr_en())] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut a = app_in(dir.path(), &global, &[], size).app;
        let top = help_edge(&mut a, 0);
        let max = a.help_max_scroll();
        let bottom = help_edge(&mut a, max);
        assert!(top.starts_with('█'), "{size:?}: thumb at the top: {top:?}");
        assert!(
            bottom.ends_with('█'),
            "{size:?}: thumb at the bottom: {bottom:?}"
        );
        assert!(!top.ends_with('█'), "{size:?}: the rest is track: {top:?}");
    }
    let mut tall = app((100, 50));
    let edge = help_edge(&mut tall, 0);
    assert!(
        edge.chars().all(|c| c == '│'),
        "a help that fits keeps its plain border: {edge:?}"
    );
}

/// Every row of the help popup once, top to bottom, as shown at its scroll.
fn help_shown(a: &App) -> Vec<String> {
    let s = screen(a);
    s.lines().map(str::to_string).collect()
}

#[test]
fn the_help_scroll_stops_at_its_last_row_and_up_moves_at_once() {
    for (size, global) in [((100, 30), GlobalArgs::default()), ((80, 24), ltr_en())] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut a = app_in(dir.path(), &global, &[], size).app;
        a.update(Action::Help);
        let rows = nkru_tui::ui::help::rows(&a.opts().keymap, a.strings()).len();
        let inside = usize::from(a.size().1) - 2 - 2;
        assert!(
            rows > inside,
            "{size:?}: the help is taller than the screen"
        );
        for _ in 0..20 {
            a.update(Action::PageDown);
        }
        let Some(Popup::Help { scroll }) = a.popup() else {
            panic!("{size:?}: the help stays open");
        };
        assert_eq!(
            usize::from(scroll),
            rows - inside,
            "{size:?}: the scroll stops with the last row at the bottom"
        );
        let at_end = help_shown(&a);
        a.update(Action::Down);
        assert_eq!(help_shown(&a), at_end, "{size:?}: down at the end stays");
        a.update(Action::Up);
        assert_eq!(
            a.popup(),
            Some(Popup::Help { scroll: scroll - 1 }),
            "{size:?}: one up after the pagedowns moves one row"
        );
        assert_ne!(help_shown(&a), at_end, "{size:?}: and the screen shows it");
    }
}

#[test]
fn snapshot_about_popup() {
    let mut a = app((100, 30));
    a.update(Action::About);
    insta::assert_snapshot!("about_100x30_ar", screen(&a));
}

#[test]
fn snapshot_too_small_and_recovery() {
    let mut a = app((39, 11));
    let small = screen(&a);
    insta::assert_snapshot!("too_small_39x11", small);
    a.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let big = screen(&a);
    assert!(big.contains('╭'), "panes are back after enlarging");
}

#[test]
fn no_color_selects_by_reverse_video() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = app_in(
        dir.path(),
        &GlobalArgs::default(),
        &[("NO_COLOR", "1")],
        (100, 30),
    )
    .app;
    assert_eq!(a.opts().theme, Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer();
    let g = a.geometry();
    let cell = &buf[(g.sidebar_list.x + 1, g.sidebar_list.y)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "selected row is reverse video"
    );
    assert_eq!(cell.fg, Color::Reset);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all"
    );
    insta::assert_snapshot!("no_color_100x30", screen(&a));
}

#[test]
fn every_size_draws_without_panic() {
    let mut a = app((1, 1));
    for w in (1..=200).step_by(7) {
        for h in (1..=70).step_by(5) {
            a.update(Action::Resize {
                width: w,
                height: h,
            });
            let _ = screen(&a);
        }
    }
}

/// The frame of `a` as a buffer.
fn frame(a: &App) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(a.size().0, a.size().1)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, a)).expect("draw");
    terminal.backend().buffer().clone()
}

/// No cell of `a`'s frame holds a control character or a char the hostile
/// dataset injects; in App mode its overridden word reads forwards.
fn assert_clean_frame(a: &App, what: &str) {
    let buf = frame(a);
    let bad = hostile::unsafe_cells(&buf);
    assert!(bad.is_empty(), "{what}: {bad:?}");
    let rows = hostile::rows(&buf);
    assert!(
        !rows.iter().any(|r| r.contains(hostile::BACKWARDS)),
        "{what}: a dataset's override reordered the text:\n{}",
        rows.join("\n")
    );
}

/// A dataset full of escape sequences, controls and bidi overrides, handed
/// to the app without validation: every era, popup, finder list, jump and
/// status message, in both bidi modes, draws none of them, and no
/// override turns a word backwards.
#[test]
fn no_dataset_text_reaches_a_cell_as_a_control_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    for size in [(100, 30), (60, 20)] {
        let data = hostile::dataset();
        let mut a = app_on(data, dir.path(), &GlobalArgs::default(), &[], size).app;
        for mode in ["app", "terminal"] {
            for era in 0..a.section_count() {
                a.update(Msg::Select(era));
                assert_clean_frame(&a, &format!("{mode} {size:?} section {era}"));
                if mode == "app" && size.0 == 100 {
                    let text = screen(&a);
                    assert!(text.contains(hostile::WORD), "{era}:\n{text}");
                }
            }
            for popup in [Action::Help, Action::About] {
                a.update(popup);
                assert_clean_frame(&a, &format!("{mode} {popup:?}"));
                a.update(Action::Cancel);
            }
            a.update(&key(KeyCode::Char('/')));
            assert_clean_frame(&a, &format!("{mode}: the finder"));
            type_text(&mut a, "gorba");
            assert_clean_frame(&a, &format!("{mode}: the finder's names"));
            a.update(&key(KeyCode::Enter));
            assert!(a.highlights().is_some(), "jumped to Gorbachev");
            assert_clean_frame(&a, &format!("{mode}: the jump"));
            a.update(&key(KeyCode::Char('/')));
            type_text(&mut a, "موسكو");
            a.update(&key(KeyCode::Tab));
            assert_clean_frame(&a, &format!("{mode}: the finder's full text"));
            a.update(&key(KeyCode::Esc));
            a.update(Action::Cancel);
            a.update(Action::ToggleBidi);
        }
    }
}

#[test]
fn snapshot_finder_open() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "gorba");
    insta::assert_snapshot!("finder_gorba_100x30", screen(&a));
}

/// A row as a terminal that reorders each row as one left-to-right
/// paragraph shows it (Konsole; VTE in its implicit mode): UAX #9 over the
/// row's cells, zero-width marks included, then the marks dropped.
fn shown_by_per_row_bidi(row: &str) -> String {
    let info = unicode_bidi::BidiInfo::new(row, Some(unicode_bidi::Level::ltr()));
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect::<String>()
        .replace(['\u{200E}', '\u{200F}'], "")
}

/// The rows of a Terminal-mode frame, each cell's symbol in order.
fn terminal_mode_rows(size: (u16, u16)) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let global = GlobalArgs {
        bidi: Some(BidiChoice::Terminal),
        ..GlobalArgs::default()
    };
    let state = dir.path().display().to_string();
    let env =
        move |k: &str| (k == "XDG_STATE_HOME" || k == "XDG_CONFIG_HOME").then(|| state.clone());
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    let app = prepare(data, &global.launch(), BidiMode::Terminal, &env, size)
        .expect("prepare")
        .app;
    let area = ratatui::layout::Rect::new(0, 0, size.0, size.1);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    Painter::new().draw_into(&app, area, &mut buf);
    (0..size.1)
        .map(|y| (0..size.0).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

#[test]
fn terminal_mode_status_keys_stay_next_to_their_labels_in_a_bidi_terminal() {
    let rows = terminal_mode_rows((110, 32));
    let shown = shown_by_per_row_bidi(&rows[31]);
    // Arabic reads right to left: each key just right of its own label.
    for (key, label) in [("?", "مساعدة"), ("/", "بحث"), ("q", "خروج")] {
        let pair = format!("{} {key}", rev(label));
        assert!(shown.contains(&pair), "no `{key} {label}` in {shown:?}");
    }
}

#[test]
fn terminal_mode_sidebar_labels_keep_their_years_apart_in_a_bidi_terminal() {
    let rows = terminal_mode_rows((110, 32));
    let row = rows
        .iter()
        .find(|r| r.contains("1970–1979"))
        .unwrap_or_else(|| panic!("no 1970s row: {rows:#?}"));
    let shown = shown_by_per_row_bidi(row);
    // The whole label right-aligned, right of the years (earlier year on the
    // right, as the interface presents ranges), nothing of it cut.
    let pair = format!("1979–1970 {}", rev("السبعينيات"));
    let squeezed = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains(&pair), "{shown:?}");
}

/// The default measure at 200×50 in both layouts, and kashida justification.
#[test]
fn snapshots_200x50_with_the_default_measure_and_kashida() {
    let with_config = |global: &GlobalArgs, config: &str| {
        let dir = tempfile::tempdir().expect("tempdir");
        let cfg_dir = dir.path().join("config").join("nkru-tui");
        std::fs::create_dir_all(&cfg_dir).expect("mkdir");
        std::fs::write(cfg_dir.join("config.toml"), config).expect("write");
        app_in(dir.path(), global, &[], (200, 50)).app
    };
    let a = with_config(&GlobalArgs::default(), "");
    insta::assert_snapshot!("measure_200x50_ar", screen(&a));
    let a = with_config(&ltr_en(), "");
    insta::assert_snapshot!("measure_200x50_en_ltr", screen(&a));
    let a = with_config(&GlobalArgs::default(), "justify = \"kashida\"\n");
    insta::assert_snapshot!("kashida_200x50_ar", screen(&a));
}

/// `digits = "arabic-indic"` at 100×30 at the seventies: the sidebar's and
/// the heading's years, the ruler and the position in Arabic-Indic digits,
/// the dataset's labels and text as written.
#[test]
fn snapshot_arabic_indic_digits_100x30() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), "digits = \"arabic-indic\"\n").expect("write");
    let global = GlobalArgs {
        era: Some("1970s".into()),
        ..GlobalArgs::default()
    };
    let a = app_in(dir.path(), &global, &[], (100, 30)).app;
    insta::assert_snapshot!("arabic_indic_digits_100x30_ar", screen(&a));
}
