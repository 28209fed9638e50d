//! The browser without a terminal: `App::update` for every action, whole-screen
//! snapshots through ratatui's `TestBackend`, keymap/config parsing and the
//! state file.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nkru_tui::cli::{BidiChoice, GlobalArgs, LangChoice, LayoutChoice};
use nkru_tui::data::SectionRef;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::{App, Effect, Focus, LineKind, Popup, Spot};
use nkru_tui::ui::config;
use nkru_tui::ui::finder::FinderMode;
use nkru_tui::ui::keymap::{DEFAULTS, Key, Keymap};
use nkru_tui::ui::state::{self, Loaded, SavedState};
use nkru_tui::ui::theme::{Theme, ThemeName};
use nkru_tui::ui::{Prepared, prepare, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

mod hostile;

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
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    format!("{}", terminal.backend())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn label_of(app: &App) -> String {
    app.data
        .section_at(app.selected)
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

// ---- App::update -------------------------------------------------------

#[test]
fn sidebar_navigation_clamps_at_both_ends() {
    let mut a = app((100, 30));
    assert_eq!(a.selected, 0);
    a.update(Action::Up);
    assert_eq!(a.selected, 0, "up at the first era stays");
    a.update(Action::Down);
    assert_eq!(a.selected, 1);
    a.update(Action::Last);
    let last = a.section_count() - 1;
    assert_eq!(a.selected, last);
    a.update(Action::Down);
    assert_eq!(a.selected, last, "down at the last section stays");
    a.update(Action::First);
    assert_eq!(a.selected, 0);
}

#[test]
fn four_downs_from_a_fresh_start_reach_the_seventies() {
    let mut a = app((100, 30));
    for _ in 0..4 {
        a.key(&key(KeyCode::Down));
    }
    assert_eq!(label_of(&a), "السبعينيات");
    assert_eq!(a.doc.section, a.selected, "the pane shows the selected era");
}

#[test]
fn bracket_keys_change_era_from_the_detail_pane() {
    let mut a = app((100, 30));
    a.update(Action::FocusNext);
    assert_eq!(a.focus, Focus::Detail);
    a.update(Action::NextEra);
    assert_eq!(a.selected, 1);
    a.update(Action::PrevEra);
    a.update(Action::PrevEra);
    assert_eq!(a.selected, 0);
    assert_eq!(a.focus, Focus::Detail, "era keys do not move focus");
}

#[test]
fn focus_switching_follows_the_mirrored_layout() {
    let mut a = app((100, 30));
    assert_eq!(a.focus, Focus::Sidebar);
    a.update(Action::FocusNext);
    assert_eq!(a.focus, Focus::Detail);
    a.update(Action::FocusNext);
    assert_eq!(a.focus, Focus::Sidebar);
    // Arabic interface: the sidebar is on the right.
    a.update(Action::FocusLeft);
    assert_eq!(a.focus, Focus::Detail);
    a.update(Action::FocusRight);
    assert_eq!(a.focus, Focus::Sidebar);

    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = app_in(dir.path(), &ltr_en(), &[], (100, 30)).app;
    b.update(Action::FocusRight);
    assert_eq!(
        b.focus,
        Focus::Detail,
        "LTR: the detail pane is on the right"
    );
    b.update(Action::FocusLeft);
    assert_eq!(b.focus, Focus::Sidebar);
}

#[test]
fn scrolling_clamps_and_pages() {
    let mut a = app((60, 16));
    a.update(Action::FocusNext);
    a.update(Action::Up);
    assert_eq!(a.scroll, 0, "up at the top stays");
    a.update(Action::Down);
    assert_eq!(a.scroll, 1);
    let max = a.max_scroll();
    assert!(
        max > 2 * a.page() as usize,
        "the intro is several pages long at 60x16"
    );
    for _ in 0..50 {
        a.update(Action::PageDown);
    }
    assert_eq!(a.scroll, max, "page down stops at the end");
    a.update(Action::Down);
    assert_eq!(a.scroll, max);
    a.update(Action::PageUp);
    assert_eq!(a.scroll, max - a.page() as usize);
    for _ in 0..50 {
        a.update(Action::PageUp);
    }
    assert_eq!(a.scroll, 0);
}

#[test]
fn page_keys_scroll_the_detail_even_from_the_sidebar() {
    let mut a = app((60, 16));
    assert!(a.max_scroll() > 2 * a.page() as usize);
    a.key(&key(KeyCode::PageDown));
    assert_eq!(a.scroll, a.page() as usize);
    a.key(&key(KeyCode::Char(' ')));
    assert!(a.scroll > a.page() as usize || a.scroll == a.max_scroll());
    a.key(&key(KeyCode::Char('b')));
    a.key(&key(KeyCode::PageUp));
    assert_eq!(a.scroll, 0);
    assert_eq!(a.selected, 0, "paging does not change the era");
}

#[test]
fn selecting_an_era_scrolls_to_its_top() {
    let mut a = app((80, 24));
    a.update(Action::PageDown);
    assert!(a.scroll > 0);
    a.update(Action::NextEra);
    assert_eq!(a.scroll, 0);
}

#[test]
fn first_and_last_keys() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::End));
    assert_eq!(a.selected, a.section_count() - 1);
    a.key(&key(KeyCode::Home));
    assert_eq!(a.selected, 0);
    a.key(&key(KeyCode::Char('G')));
    assert_eq!(a.selected, a.section_count() - 1);
    a.key(&key(KeyCode::Char('g')));
    assert_eq!(a.selected, 0);
}

#[test]
fn popups_open_switch_and_close() {
    let mut a = app((100, 30));
    a.update(Action::Help);
    assert_eq!(a.popup, Some(Popup::Help { scroll: 0 }));
    a.update(Action::Down);
    assert_eq!(
        a.popup,
        Some(Popup::Help { scroll: 1 }),
        "arrows scroll the help"
    );
    assert_eq!(a.selected, 0, "and do not move the era behind it");
    a.update(Action::About);
    assert_eq!(a.popup, Some(Popup::About));
    a.update(Action::About);
    assert_eq!(a.popup, None, "the same key closes");
    a.update(Action::Help);
    a.update(Action::Cancel);
    assert_eq!(a.popup, None, "Esc closes");
    assert!(!a.quit);
}

/// The effects `a` asks of the event loop since the last call, taken.
fn effects(a: &mut App) -> Vec<Effect> {
    std::mem::take(&mut a.effects)
}

/// A popup or the finder closing asks for a repaint of every cell (a bidi
/// terminal may keep what was under it); opening, scrolling and switching
/// popups do not.
#[test]
fn closing_a_popup_or_the_finder_repaints_the_screen() {
    let mut a = app((100, 30));
    let closes = [
        (Action::Help, Action::Cancel),
        (Action::Help, Action::Help),
        (Action::About, Action::About),
        (Action::About, Action::Click { column: 0, row: 0 }),
    ];
    for (open, close) in closes {
        a.update(open);
        a.update(Action::Down);
        assert!(a.popup.is_some());
        assert_eq!(effects(&mut a), vec![], "{open:?} opened, then Down");
        a.update(close);
        assert_eq!(a.popup, None, "{close:?} closes {open:?}");
        assert_eq!(
            effects(&mut a),
            vec![Effect::Repaint],
            "{close:?} closes {open:?}"
        );
    }
    a.update(Action::Help);
    a.update(Action::About);
    assert_eq!(effects(&mut a), vec![], "switching popups");
    a.update(Action::Cancel);
    assert_eq!(effects(&mut a), vec![Effect::Repaint]);
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "gorba");
    assert_eq!(effects(&mut a), vec![], "the finder opened, typed into");
    a.key(&key(KeyCode::Esc));
    assert!(a.finder.is_none());
    assert_eq!(effects(&mut a), vec![Effect::Repaint], "the finder closed");
}

/// Switching the bidi mode names the new mode in the status bar and asks
/// the loop to clear that message after a while (and to repaint); other
/// messages wait for the next key.
#[test]
fn the_bidi_switch_message_is_set_to_expire() {
    let mut a = app((100, 30));
    a.update(Action::ToggleBidi);
    assert_eq!(a.message.as_deref(), Some(a.strings.mode_terminal));
    assert_eq!(
        effects(&mut a),
        vec![Effect::Repaint, Effect::ExpireMessage]
    );
    a.update(Action::ToggleBidi);
    assert_eq!(a.message.as_deref(), Some(a.strings.mode_app));
    assert_eq!(
        effects(&mut a),
        vec![Effect::Repaint, Effect::ExpireMessage]
    );
    a.update(Action::NextMention);
    assert_eq!(a.message.as_deref(), Some(a.strings.no_mentions));
    assert_eq!(effects(&mut a), vec![], "no expiry for other messages");
}

#[test]
fn quit_and_ctrl_c_quit_even_with_a_popup_open() {
    let mut a = app((100, 30));
    a.update(Action::Quit);
    assert!(a.quit);
    let mut b = app((100, 30));
    b.update(Action::Help);
    b.key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(b.quit);
    let mut c = app((100, 30));
    c.key(&key(KeyCode::Char('q')));
    assert!(c.quit);
}

#[test]
fn arabic_layout_keys_act_like_their_latin_keys() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('ت'))); // the j key
    a.key(&key(KeyCode::Char('ت')));
    assert_eq!(a.selected, 2);
    a.key(&key(KeyCode::Char('ن'))); // the k key
    assert_eq!(a.selected, 1);
    a.key(&key(KeyCode::Char('؟'))); // shift-/ is ؟
    assert!(matches!(a.popup, Some(Popup::Help { .. })));
    a.key(&key(KeyCode::Char('ض'))); // the q key
    assert!(a.quit);
}

#[test]
fn resize_keeps_the_top_paragraph_at_the_top() {
    let mut a = app((60, 20));
    a.update(Action::FocusNext);
    // Put the first line of paragraph 3 at the top.
    let target = a.doc.para_start[3];
    assert!(
        target <= a.max_scroll(),
        "paragraph 3 can reach the top at 60x20"
    );
    for _ in 0..target {
        a.update(Action::Down);
    }
    assert_eq!(a.scroll, target);
    assert_eq!(a.doc.lines[a.scroll].kind, LineKind::Paragraph(3));
    for (w, h) in [(50, 16), (45, 14), (60, 20)] {
        a.update(Action::Resize {
            width: w,
            height: h,
        });
        let top = &a.doc.lines[a.scroll];
        assert_eq!(top.kind, LineKind::Paragraph(3), "after resize to {w}x{h}");
        assert_eq!(
            a.scroll, a.doc.para_start[3],
            "its first line is at the top after {w}x{h}"
        );
    }
}

#[test]
fn resize_relays_out_the_pane_to_its_width() {
    let mut a = app((100, 30));
    let wide = a.doc.lines.len();
    a.update(Action::Resize {
        width: 50,
        height: 30,
    });
    assert!(a.doc.lines.len() > wide, "narrower pane, more lines");
    let width = usize::from(a.geometry().detail_text.width);
    assert!(
        a.doc
            .lines
            .iter()
            .filter_map(|l| l.line.as_ref())
            .all(|l| l.width <= width)
    );
}

#[test]
fn mouse_click_selects_an_era_in_the_sidebar_and_on_the_ruler() {
    // The sidebar's width follows its content and the screen: clicks land
    // on the row drawn there at every size, in both layouts.
    let dir = tempfile::tempdir().expect("tempdir");
    for global in [GlobalArgs::default(), ltr_en()] {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let mut a = app_in(dir.path(), &global, &[], size).app;
            let g = a.geometry();
            for column in [g.sidebar_list.x, g.sidebar_list.right() - 1] {
                a.update(Action::Click {
                    column,
                    row: g.sidebar_list.y + 4,
                });
                assert_eq!(a.selected, 4, "{size:?} column {column}");
                a.update(Action::First);
            }
            a.update(Action::Click {
                column: g.detail.x + 2,
                row: g.sidebar_list.y + 4,
            });
            assert_eq!(a.selected, 0, "{size:?}: a click in the detail pane");
        }
    }
    let mut a = app((100, 30));
    let g = a.geometry();
    a.update(Action::Click {
        column: g.sidebar_list.x + 3,
        row: g.sidebar_list.y + 2,
    });
    assert_eq!(a.selected, 2);
    assert_eq!(a.focus, Focus::Sidebar);
    // The 1970s span on the ruler.
    let seventies = a
        .data
        .eras
        .iter()
        .position(|e| e.id == "1970s")
        .expect("1970s");
    let span = a.data.year_span().expect("years");
    let x = nkru_tui::ui::geometry::ruler::column(g.ruler, a.opts.layout_direction, span, 1975);
    a.update(Action::Click {
        column: x,
        row: g.ruler.y + 1,
    });
    assert_eq!(a.selected, seventies);
    a.update(Action::Click {
        column: g.detail_text.x + 2,
        row: g.detail_text.y + 1,
    });
    assert_eq!(a.focus, Focus::Detail);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = app((100, 30));
    let g = a.geometry();
    a.update(Action::Wheel {
        column: g.detail_text.x + 1,
        row: g.detail_text.y + 1,
        down: true,
    });
    assert_eq!(a.scroll, 3);
    a.update(Action::Wheel {
        column: g.detail_text.x + 1,
        row: g.detail_text.y + 1,
        down: false,
    });
    assert_eq!(a.scroll, 0);
    assert_eq!(a.selected, 0);
}

#[test]
fn highlights_cycle_across_eras_and_escape_clears_them() {
    let mut a = app((100, 30));
    let spot = |section, paragraph, range| Spot {
        section,
        paragraph,
        range,
    };
    let spots = vec![
        spot(SectionRef::Era(0), 0, 0..10),
        spot(SectionRef::Era(5), 0, 20..30),
        spot(SectionRef::Era(5), 0, 40..50),
    ];
    a.set_highlights("test".into(), spots, 0);
    assert_eq!(a.spot_position(), Some((1, 3)));
    assert_eq!(a.selected, 0);
    assert_eq!(a.highlights_in(0), vec![(0..10, true)]);
    a.key(&key(KeyCode::Char('n')));
    assert_eq!(a.spot_position(), Some((2, 3)));
    assert_eq!(a.selected, 5);
    assert_eq!(a.highlights_in(0), vec![(20..30, true), (40..50, false)]);
    a.key(&key(KeyCode::Char('n')));
    a.key(&key(KeyCode::Char('n')));
    assert_eq!(a.spot_position(), Some((1, 3)), "wraps around");
    a.key(&key(KeyCode::Char('N')));
    assert_eq!(a.spot_position(), Some((3, 3)));
    assert!(nkru_tui::ui::view::status::hints(&a).contains("3/3"));
    a.key(&key(KeyCode::Esc));
    assert_eq!(a.spot_position(), None);
    assert!(a.highlights_in(0).is_empty());
}

#[test]
fn n_without_highlights_says_so() {
    let mut a = app((100, 30));
    a.update(Action::NextMention);
    assert_eq!(a.message.as_deref(), Some(a.strings.no_mentions));
    a.update(Action::Down);
    assert_eq!(a.message, None, "messages are transient");
}

#[test]
fn era_flag_opens_at_an_era_and_unknown_ids_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let global = GlobalArgs {
        era: Some("1970s".into()),
        ..GlobalArgs::default()
    };
    let a = app_in(dir.path(), &global, &[], (100, 30)).app;
    assert_eq!(label_of(&a), "السبعينيات");
    let data = nkru_tui::data::embedded().expect("data");
    let err = nkru_tui::ui::check_era(&data, "1971").expect_err("unknown");
    assert!(err.contains("unknown era `1971`"), "{err}");
    assert!(
        err.contains("1970s") && err.contains("intro"),
        "lists the ids: {err}"
    );
}

/// Headings without Arabic letters (`1945- 1948`, `2022 *`) take the
/// dataset's direction, as `show` lays them out: right-aligned in the pane.
#[test]
fn digit_only_headings_are_right_aligned_like_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    for era in ["2022", "1945-1948"] {
        let global = GlobalArgs {
            era: Some(era.into()),
            ..GlobalArgs::default()
        };
        let a = app_in(dir.path(), &global, &[], (100, 30)).app;
        let data = nkru_tui::data::embedded().expect("data");
        let label = &data
            .section_by_id(era)
            .expect("era exists")
            .label
            .to_string();
        // The first row inside the detail pane holds the heading.
        let row = screen(&a)
            .lines()
            .nth(2)
            .expect("a heading row")
            .to_string();
        // Row layout in an RTL interface: `"│ detail pane ││ sidebar │"`.
        let pane = row.split('│').nth(1).expect("the detail pane");
        let year = label.get(..4).expect("starts with a year");
        let at = pane.find(year).unwrap_or_else(|| panic!("{era}: {row}"));
        assert!(
            at > pane.len() / 2,
            "{era}: heading should sit at the right edge of the pane: {row:?}"
        );
        // The sidebar shows the label in the same visual order as the heading.
        let visual = pane.trim().trim_start_matches('█').trim();
        let sidebar = screen(&a)
            .lines()
            .find(|l| l.contains('◀'))
            .map(|l| l.to_string())
            .unwrap_or_default();
        assert!(
            sidebar.contains(visual),
            "{era}: sidebar row {sidebar:?} should hold the heading {visual:?}"
        );
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
            a.key(&key(KeyCode::Char('/')));
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
        let area = ratatui::layout::Rect::new(0, 0, a.size.0, a.size.1);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        view::draw_into(&a, area, &mut buf);
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
    assert_eq!(a.scroll, a.max_scroll());
    assert!(a.scroll > 0);
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
    use nkru_tui::ui::view::popup::{centered, help};
    a.popup = Some(Popup::Help { scroll });
    let mut terminal = Terminal::new(TestBackend::new(a.size.0, a.size.1)).expect("terminal");
    terminal.draw(|f| view::draw(f, a)).expect("draw");
    let area = ratatui::layout::Rect::new(0, 0, a.size.0, a.size.1);
    let outer = centered(area, 72, help::rows(a).len() as u16 + 2);
    let x = if a.opts.layout_direction == nkru_tui::data::Direction::Rtl {
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
        let bottom = help_edge(&mut a, 500);
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
    assert_eq!(a.opts.theme, Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &a)).expect("draw");
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
    let mut terminal = Terminal::new(TestBackend::new(a.size.0, a.size.1)).expect("terminal");
    terminal.draw(|f| view::draw(f, a)).expect("draw");
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
                a.select(era);
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
            a.key(&key(KeyCode::Char('/')));
            assert_clean_frame(&a, &format!("{mode}: the finder"));
            type_text(&mut a, "gorba");
            assert_clean_frame(&a, &format!("{mode}: the finder's names"));
            a.key(&key(KeyCode::Enter));
            assert!(a.highlights.is_some(), "jumped to Gorbachev");
            assert_clean_frame(&a, &format!("{mode}: the jump"));
            a.key(&key(KeyCode::Char('/')));
            type_text(&mut a, "موسكو");
            a.key(&key(KeyCode::Tab));
            assert_clean_frame(&a, &format!("{mode}: the finder's full text"));
            a.key(&key(KeyCode::Esc));
            a.update(Action::Cancel);
            a.update(Action::ToggleBidi);
        }
    }
}

// ---- keymap and config -------------------------------------------------------

#[test]
fn every_default_binding_parses_and_round_trips() {
    for (_, names) in DEFAULTS {
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
    for a in Action::BINDABLE {
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
    assert_eq!(km.action(&key(KeyCode::Char('x'))), Some(Action::Quit));
    assert_eq!(
        km.action(&key(KeyCode::Char('ء'))),
        Some(Action::Quit),
        "Arabic alias of x"
    );
    assert_eq!(
        km.action(&key(KeyCode::Char('q'))),
        None,
        "q is no longer bound"
    );
    assert_eq!(
        km.action(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        Some(Action::NextEra)
    );
    assert_eq!(km.action(&key(KeyCode::Char(']'))), None);
    assert_eq!(
        km.action(&key(KeyCode::Char('j'))),
        Some(Action::Down),
        "others keep their defaults"
    );
    assert_eq!(
        km.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
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
        let err = config::parse(text, "cfg.toml").expect_err(text);
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
        .expect_err("bad config");
    assert!(err.contains("bad.toml:2:"), "{err}");

    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), "theme = 7\n").expect("write");
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    let msg = p.app.message.clone().expect("notice");
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
        })
    );
    let again = app_in(dir.path(), &GlobalArgs::default(), &[], (40, 12)).app;
    assert_eq!(label_of(&again), "السبعينيات");
    assert_eq!(again.scroll, 1);
    assert_eq!(again.message.as_deref(), Some(again.strings.state_resumed));
    // No temporary file is left behind.
    let files: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("ls")
        .collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn terminal_guidance_wins_over_the_resumed_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = app_in(dir.path(), &GlobalArgs::default(), &[], (110, 32));
    for _ in 0..4 {
        p.app.update(Action::Down);
    }
    let path = p.state_path.clone().expect("state path");
    state::save(&path, &nkru_tui::ui::saved_state(&p.app)).expect("save");
    let mut again = app_in(dir.path(), &GlobalArgs::default(), &[], (110, 32)).app;
    assert_eq!(again.message.as_deref(), Some(again.strings.state_resumed));
    again.guidance = Some(nkru_tui::ui::TMUX_GUIDANCE.to_string());
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    let shown = status(&again);
    assert!(shown.contains("allow-passthrough on"), "{shown}");
    // A message raised by a key does not hide it either.
    again.update(Action::Down);
    again.update(Action::NextMention);
    assert!(again.message.is_some());
    let shown = status(&again);
    assert!(shown.contains("allow-passthrough on"), "{shown}");
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
    assert_eq!(p.app.selected, 0, "defaults");
    let msg = p.app.message.clone().expect("notice");
    assert!(msg.contains(p.app.strings.state_unreadable), "{msg}");
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
    assert_eq!(p.app.selected, 0);
    assert_eq!(
        p.app.message.as_deref(),
        Some(p.app.strings.state_unknown_era)
    );
    assert!(p.state_path.is_some());
}

#[test]
fn missing_state_is_silent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = app_in(dir.path(), &GlobalArgs::default(), &[], (100, 30));
    assert_eq!(p.app.message, None);
}

// ---- finder integration ----------------------------------------------------------

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        a.key(&key(KeyCode::Char(c)));
    }
}

#[test]
fn finder_jump_highlights_the_mention_and_esc_clears() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    assert!(a.finder.is_some(), "/ opens the finder");
    type_text(&mut a, "gorba");
    assert!(!a.quit && a.finder.is_some(), "letters go to the query");
    a.key(&key(KeyCode::Enter));
    assert!(a.finder.is_none(), "Enter closes the finder");
    assert_eq!(label_of(&a), "الثمانينيات");
    let (at, of) = a.spot_position().expect("highlights");
    assert_eq!((at, of), (1, 1), "Gorbachev is mentioned once");
    let marks = a.highlights_in(0);
    assert_eq!(marks.len(), 1);
    let paragraph = &a.data.eras[a.selected].paragraphs[0];
    assert_eq!(&paragraph[marks[0].0.clone()], "ميخائيل غورباتشوف");
    assert!(nkru_tui::ui::view::status::hints(&a).contains("1/1"));
    // The highlighted glyphs are drawn in the highlight style.
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &a)).expect("draw");
    let styled = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.bg == a.opts.theme.highlight_current.bg.expect("bg"))
        .count();
    assert!(
        styled >= "ميخائيل غورباتشوف".chars().count() - 2,
        "{styled} highlighted cells"
    );
    a.key(&key(KeyCode::Esc));
    assert_eq!(a.spot_position(), None);
}

/// The pane shows `spot` where a jump puts it: the line holding its first
/// byte (found from the laid-out glyphs) a third of the pane's height from
/// the top, or as near as the end of the text allows, and its glyphs drawn
/// in the current mention's colour.
fn assert_current_mention_in_view(a: &App, spot: &Spot) {
    let line = a
        .doc
        .lines
        .iter()
        .position(|l| {
            l.kind == LineKind::Paragraph(spot.paragraph)
                && l.line.as_ref().is_some_and(|dl| {
                    dl.glyphs
                        .iter()
                        .any(|g| g.source.contains(&spot.range.start))
                })
        })
        .expect("a line shows the mention");
    let height = usize::from(a.geometry().detail_text.height);
    let expected = line.saturating_sub(height / 3).min(a.max_scroll());
    assert_eq!(
        a.scroll, expected,
        "the mention's line {line} at a third of {height} rows"
    );
    assert!(a.scroll <= line && line < a.scroll + height);
    let mut terminal = Terminal::new(TestBackend::new(a.size.0, a.size.1)).expect("terminal");
    terminal.draw(|f| view::draw(f, a)).expect("draw");
    let current = a.opts.theme.highlight_current.bg.expect("bg");
    let area = a.geometry().detail_text;
    let buffer = terminal.backend().buffer();
    let row = area.y + (line - a.scroll) as u16;
    let lit = (area.x..area.right())
        .filter(|&x| buffer[(x, row)].bg == current)
        .count();
    assert!(lit > 0, "the mention's row {row} shows it highlighted");
}

#[test]
fn finder_n_cycles_through_every_mention_across_eras() {
    let mut a = app((100, 30));
    a.key(&KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    assert!(a.finder.is_some(), "Ctrl-K opens the finder");
    type_text(&mut a, "putin");
    a.key(&key(KeyCode::Enter));
    let (_, total) = a.spot_position().expect("highlights");
    assert!(total > 3, "Putin is mentioned often: {total}");
    let mut sections = std::collections::BTreeSet::new();
    for i in 0..total {
        assert_eq!(a.spot_position(), Some((i + 1, total)));
        sections.insert(a.selected);
        let current = a
            .highlights
            .as_ref()
            .map(|h| h.spots[h.current].clone())
            .expect("spot");
        assert_current_mention_in_view(&a, &current);
        a.key(&key(KeyCode::Char('n')));
    }
    assert_eq!(a.spot_position(), Some((1, total)), "wrapped");
    assert!(sections.len() > 1, "mentions span several eras");
}

#[test]
fn finder_esc_closes_without_jumping() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "q");
    assert!(!a.quit);
    a.key(&key(KeyCode::Esc));
    assert!(a.finder.is_none());
    assert_eq!(a.selected, 0);
    assert_eq!(a.spot_position(), None);
    a.key(&KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    a.key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(a.quit, "Ctrl-C quits even from the finder");
}

#[test]
fn a_paste_goes_into_the_finder_query_as_one_capped_line() {
    use crossterm::event::Event;
    use nkru_tui::ui::finder::QUERY_CAP;
    use nkru_tui::ui::run::apply;
    let mut a = app((100, 30));
    // Outside the finder a paste does nothing (its `q` is not a key).
    apply(&mut a, Event::Paste("q/".into()));
    assert!(!a.quit && a.finder.is_none());
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "ab");
    a.key(&key(KeyCode::Left));
    apply(
        &mut a,
        Event::Paste("x\r\ny\tz\u{7}\u{1b}[31m\u{2028}w".into()),
    );
    let query = |a: &App| a.finder.as_ref().map(|f| f.query().to_string());
    assert_eq!(query(&a).as_deref(), Some("ax y z[31m wb"));
    // A long paste fills the query up to the cap, no further.
    apply(&mut a, Event::Paste("م".repeat(10_000)));
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
    apply(&mut a, Event::Paste("more".into()));
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
    // Typing stops there too.
    type_text(&mut a, "zz");
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
}

#[test]
fn snapshot_finder_open() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "gorba");
    insta::assert_snapshot!("finder_gorba_100x30", screen(&a));
}

/// An era found by its year reads in the finder as in the sidebar and the
/// heading, in the mirrored interface and in the left-to-right one.
#[test]
fn finder_shows_digit_only_era_labels_like_the_sidebar() {
    let dir = tempfile::tempdir().expect("tempdir");
    for layout in [None, Some(LayoutChoice::Ltr)] {
        let global = GlobalArgs {
            layout,
            ..GlobalArgs::default()
        };
        let mut a = app_in(dir.path(), &global, &[], (100, 30)).app;
        a.key(&key(KeyCode::Char('/')));
        type_text(&mut a, "1946");
        let shown = screen(&a);
        // The result row: the era's label and its kind tag (حقبة, shaped).
        assert!(
            shown
                .lines()
                .any(|l| l.contains("1948 -1945") && l.contains("ﺔﺒﻘﺣ")),
            "{layout:?}: {shown}"
        );
    }
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
    assert_eq!(a.opts.theme, Theme::light());
    assert_eq!(
        a.opts.mode,
        BidiMode::Terminal,
        "config bidi applies when no --bidi/NKRU_BIDI"
    );
    assert!(!a.opts.mouse);
    let global = GlobalArgs {
        bidi: Some(BidiChoice::App),
        ..GlobalArgs::default()
    };
    let b = app_in(dir.path(), &global, &[], (100, 30)).app;
    assert_eq!(b.opts.mode, BidiMode::App, "--bidi wins over the config");
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
    a.key(&key(KeyCode::Char('/')));
    assert!(a.finder.is_some());
    let hints = nkru_tui::ui::view::status::hints(&a);
    assert!(hints.contains("ctrl-g close"), "{hints}");
    assert!(hints.contains("enter go"), "{hints}");
    a.key(&ctrl('j'));
    assert_eq!(
        a.finder.as_ref().map(|f| f.selected()),
        Some(1),
        "ctrl-j moves down"
    );
    a.key(&key(KeyCode::Down));
    assert_eq!(
        a.finder.as_ref().map(|f| f.selected()),
        Some(1),
        "down is no longer bound"
    );
    a.key(&key(KeyCode::Esc));
    assert!(a.finder.is_some(), "esc no longer closes the finder");
    a.key(&ctrl('g'));
    assert!(a.finder.is_none(), "ctrl-g closes it");
    let rows = nkru_tui::ui::view::popup::help::rows(&a);
    assert!(
        rows.iter()
            .any(|(keys, what)| keys == "ctrl-g" && what.starts_with("Finder: close")),
        "{rows:?}"
    );
}

/// A seeded storm of random actions, clicks and resizes, with the finder
/// opened before each of its own actions and text typed into it: never
/// panics, and the state (the finder's included) stays consistent after
/// every step.
#[test]
fn random_storm_keeps_the_app_consistent() {
    let mut a = app((100, 30));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let actions = Action::BINDABLE;
    let typed: Vec<char> = "بوتينكيم غورباتشوف putin kim 1950".chars().collect();
    let mut in_finder = 0;
    for step in 0..11_000u32 {
        let action = match next(12) {
            0 if step % 10 == 0 => Action::Resize {
                width: next(300) as u16 + 1,
                height: next(100) as u16 + 1,
            },
            1 => Action::Click {
                column: next(300) as u16,
                row: next(100) as u16,
            },
            2 => Action::Wheel {
                column: next(300) as u16,
                row: next(100) as u16,
                down: next(2) == 0,
            },
            3 if a.finder.is_some() => {
                let c = typed[next(typed.len() as u64) as usize];
                a.key(&key(KeyCode::Char(c)));
                continue;
            }
            _ => actions[next(actions.len() as u64) as usize],
        };
        if action == Action::Quit {
            continue;
        }
        if action.is_finder() {
            if a.finder.is_none() {
                // The finder opens from behind no popup.
                if a.popup.is_some() {
                    a.update(Action::Cancel);
                }
                a.update(Action::Finder);
                assert!(a.finder.is_some(), "step {step}: the finder opens");
            }
            in_finder += 1;
        }
        a.update(action);
        assert!(a.selected < a.section_count());
        assert!(a.scroll <= a.max_scroll(), "step {step}: {action:?}");
        assert_eq!(a.doc.section, a.selected);
        if let Some(f) = &a.finder {
            let results = match f.mode() {
                FinderMode::Names => f.hits().len(),
                FinderMode::FullText => f.text_hits().len(),
            };
            assert!(
                f.selected() < results.max(1),
                "step {step}: {action:?}: result {} of {results}",
                f.selected()
            );
            assert!(
                f.query().is_char_boundary(f.cursor()),
                "step {step}: {action:?}: cursor {} in {:?}",
                f.cursor(),
                f.query()
            );
        }
        if step % 500 == 0 {
            let _ = screen(&a);
        }
    }
    assert!(in_finder > 3_000, "{in_finder} finder actions");
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
    view::draw_into(&app, area, &mut buf);
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

/// Variants and typos are guesses: their rows are drawn in the quieter
/// (dim) style, except the selected one; a direct hit is not.
#[test]
fn finder_draws_guesses_quieter() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "kim jung");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let dim = a.opts.theme.dim.fg.expect("dim colour");
    let row_of = |needle: &str| {
        (0..buf.area.height).find(|&y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains(needle)
        })
    };
    let y = row_of("Kim Jong Il").expect("the second guess is listed");
    let cells = (0..buf.area.width).filter(|&x| buf[(x, y)].symbol() == "J");
    assert!(cells.clone().count() > 0);
    assert!(cells.into_iter().all(|x| buf[(x, y)].fg == dim), "row {y}");
    // A direct (prefix) hit in the same place is not dim.
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, "kim jong");
    terminal.draw(|f| view::draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let y = (0..buf.area.height)
        .find(|&y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains("Kim Jong Il")
        })
        .expect("listed");
    assert!((0..buf.area.width).all(|x| buf[(x, y)].symbol() != "J" || buf[(x, y)].fg != dim));
}

/// A query longer than search reads shows the ignored part struck through.
#[test]
fn finder_marks_the_ignored_tail_of_a_long_query() {
    let mut a = app((100, 30));
    a.key(&key(KeyCode::Char('/')));
    type_text(&mut a, &"ab".repeat(150));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &a)).expect("draw");
    let struck = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::CROSSED_OUT))
        .count();
    assert!(struck > 0, "no struck-through cells");
}
