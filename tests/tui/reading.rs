//! Reading comfort: the detail pane's measure.

use super::*;
use nkru_tui::ui::geometry::DEFAULT_MEASURE;

/// An app with `config` as its config file.
pub(super) fn app_with_config(global: &GlobalArgs, config: &str, size: (u16, u16)) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg_dir = dir.path().join("config").join("nkru-tui");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir");
    std::fs::write(cfg_dir.join("config.toml"), config).expect("write");
    app_in(dir.path(), global, &[], size).app
}

/// The widest paragraph line of every section.
fn widest_lines(a: &mut App) -> usize {
    let mut widest = 0;
    for i in 0..a.section_count() {
        a.update(Msg::Select(i));
        let w = a.doc().lines.iter().filter_map(|l| l.line.as_ref());
        widest = widest.max(w.map(|l| l.width).max().unwrap_or(0));
    }
    widest
}

/// Columns of `rows` of the screen where something other than a space is drawn.
fn inked_columns(a: &App, rows: std::ops::Range<u16>, cols: std::ops::Range<u16>) -> Vec<u16> {
    let mut terminal = Terminal::new(TestBackend::new(a.size().0, a.size().1)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, a)).expect("draw");
    let buf = terminal.backend().buffer();
    cols.filter(|&x| rows.clone().any(|y| buf[(x, y)].symbol() != " "))
        .collect()
}

/// Checks the column on `a` at 200×60: `measure` cells at most, at the pane's
/// right edge for right-to-left text, else at its left; nothing drawn outside it.
fn check_column(a: &mut App, rtl: bool, what: &str) -> usize {
    let pane = a.geometry().detail_text;
    assert!(
        pane.width > DEFAULT_MEASURE + 20,
        "{what}: a wide pane: {pane:?}"
    );
    let column = a.text_area();
    assert_eq!(column.width, DEFAULT_MEASURE, "{what}");
    if rtl {
        assert_eq!(
            column.right(),
            pane.right(),
            "{what}: against the right edge"
        );
    } else {
        assert_eq!(column.x, pane.x, "{what}: against the left edge");
    }
    let widest = widest_lines(a);
    assert!(widest <= usize::from(DEFAULT_MEASURE), "{what}: {widest}");
    for i in 0..a.section_count().min(4) {
        a.update(Msg::Select(i));
        let rows = pane.y..pane.bottom();
        let ink = inked_columns(a, rows, pane.x..pane.right());
        assert!(!ink.is_empty(), "{what}");
        assert!(
            ink.iter().all(|x| (column.x..column.right()).contains(x)),
            "{what}: section {i}: nothing drawn outside the column {column:?}: {ink:?}"
        );
    }
    widest
}

#[test]
fn the_measure_caps_the_text_column_at_the_side_its_lines_begin() {
    // The Arabic article keeps to the pane's right edge in either layout.
    for (global, what) in [
        (GlobalArgs::default(), "rtl layout"),
        (ltr_en(), "ltr layout"),
    ] {
        let mut a = app_with_config(&global, "", (200, 60));
        let widest = check_column(&mut a, true, what);
        assert!(
            widest + 8 > usize::from(DEFAULT_MEASURE),
            "{what}: lines fill it: {widest}"
        );
    }
    // An English dataset keeps to its left edge.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/example-en.toml");
    let data = nkru_tui::data::load::load_file(std::path::Path::new(path)).expect("example");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_on(data, dir.path(), &GlobalArgs::default(), &[], (200, 60)).app;
    check_column(&mut a, false, "english dataset");
}

#[test]
fn measure_zero_is_the_whole_pane_and_the_config_sets_it() {
    let mut a = app_with_config(&GlobalArgs::default(), "measure = 0\n", (200, 60));
    assert_eq!(a.text_area(), a.geometry().detail_text);
    assert!(widest_lines(&mut a) > usize::from(DEFAULT_MEASURE) + 20);
    let mut a = app_with_config(&GlobalArgs::default(), "measure = 40\n", (200, 60));
    assert_eq!(a.text_area().width, 40);
    assert!(widest_lines(&mut a) <= 40);
}

#[test]
fn the_default_measure_leaves_the_standard_sizes_unchanged() {
    for size in [(100, 30), (80, 24)] {
        for global in [GlobalArgs::default(), ltr_en()] {
            let a = app_with_config(&global, "", size);
            assert_eq!(a.text_area(), a.geometry().detail_text, "{size:?}");
        }
    }
}

// ---- justification ---------------------------------------------------------------

use nkru_tui::text::Justify;

/// The paragraph lines of the pane but each paragraph's last.
fn inner_paragraph_lines(a: &App) -> Vec<&nkru_tui::text::DisplayLine> {
    let lines = &a.doc().lines;
    (0..lines.len())
        .filter(|&i| {
            matches!(lines[i].kind, LineKind::Paragraph(_))
                && lines.get(i + 1).is_some_and(|n| n.kind == lines[i].kind)
        })
        .filter_map(|i| lines[i].line.as_ref())
        .collect()
}

/// The highlighted cells' symbols, row by row, tatweel left out.
fn highlighted_text(a: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(a.size().0, a.size().1)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, a)).expect("draw");
    let buf = terminal.backend().buffer();
    let bg = a.opts().theme.highlight_current.bg.expect("bg");
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.bg == bg && cell.symbol() != "\u{640}" {
                out.push_str(cell.symbol());
            }
        }
        out.push('|');
    }
    out
}

#[test]
fn the_justify_key_cycles_none_spaces_kashida_and_fills_the_pane() {
    let mut a = app((100, 30));
    assert_eq!(a.opts().justify, Justify::None);
    a.update(Msg::Select(2));
    a.update(Action::FocusNext);
    let ragged = a.doc().lines.clone();
    let width = a.doc().width;
    assert!(inner_paragraph_lines(&a).iter().any(|l| l.width < width));
    let copied = a.copy_text();
    for (expected, message) in [
        (Justify::Spaces, "ضبط الأسطر بالمسافات"),
        (Justify::Kashida, "ضبط الأسطر بالكشيدة"),
        (Justify::None, "أسطر بلا ضبط"),
    ] {
        a.update(&key(KeyCode::Char('J')));
        assert_eq!(a.opts().justify, expected);
        assert_eq!(a.message(), Some(message));
        assert_eq!(
            a.doc().lines.len(),
            ragged.len(),
            "{expected:?}: the same lines"
        );
        let inner = inner_paragraph_lines(&a);
        let tatweels = inner.iter().filter(|l| l.text.contains('\u{640}')).count();
        match expected {
            Justify::None => {
                assert_eq!(
                    a.doc().lines.iter().map(|l| &l.line).collect::<Vec<_>>(),
                    ragged.iter().map(|l| &l.line).collect::<Vec<_>>()
                );
            }
            _ => {
                assert!(
                    inner.iter().all(|l| l.width == width),
                    "{expected:?}: lines fill the pane"
                );
                assert_eq!(tatweels > 0, expected == Justify::Kashida, "{expected:?}");
            }
        }
        for (j, r) in a.doc().lines.iter().zip(&ragged) {
            let (Some(j), Some(r)) = (&j.line, &r.line) else {
                continue;
            };
            assert_eq!(
                &nkru_tui::text::unjustified(j),
                r,
                "{expected:?}: only fill added"
            );
        }
        assert_eq!(
            a.copy_text(),
            copied,
            "{expected:?}: y copies the dataset's text"
        );
    }
}

#[test]
fn config_justify_and_highlights_stay_on_their_letters() {
    let mut ragged = app((100, 30));
    let mut a = app_with_config(&GlobalArgs::default(), "justify = \"kashida\"\n", (100, 30));
    assert_eq!(a.opts().justify, Justify::Kashida);
    for app in [&mut ragged, &mut a] {
        app.update(&key(KeyCode::Char('/')));
        type_text(app, "gorba");
        app.update(&key(KeyCode::Enter));
    }
    assert_eq!(a.spot_position(), Some((1, 1)));
    assert_eq!(
        a.scroll(),
        ragged.scroll(),
        "the jump lands on the same line"
    );
    let seen = highlighted_text(&a);
    assert_eq!(seen, highlighted_text(&ragged));
    assert!(seen.chars().filter(|c| *c != '|').count() >= 15, "{seen:?}");
    assert!(
        a.doc()
            .lines
            .iter()
            .any(|l| l.line.as_ref().is_some_and(|l| l.text.contains('\u{640}')))
    );
    let bad = config::parse("justify = \"full\"\n", "c.toml")
        .expect_err("bad mode")
        .to_string();
    assert!(bad.starts_with("c.toml:1:"), "{bad}");
}

/// The selected sidebar row's years are drawn in the selection's colours,
/// not dimmed: a dim colour on the selection's background all but vanishes
/// (grey on cyan).
#[test]
fn the_selected_row_s_years_are_not_dimmed() {
    let mut a = app((100, 30));
    for _ in 0..4 {
        a.update(Action::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer();
    let selected = a.opts().theme.selected;
    let years: Vec<_> = buf
        .content()
        .iter()
        .filter(|c| c.bg == selected.bg.expect("bg") && c.symbol().starts_with('9'))
        .collect();
    assert!(!years.is_empty(), "the selected row shows its years");
    for cell in years {
        assert_eq!(cell.fg, selected.fg.expect("fg"), "{cell:?}");
    }
}
