//! Lines partly covered by a popup, as the terminal of each family shows
//! the whole screen: each row must read as in App mode (xterm), whose cells
//! are the visual order by construction. The families' own processing is
//! modelled over the whole row, as they apply it: Konsole's bidi, kitty's
//! per-word shaping.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_bidi::{BidiClass, BidiDataSource, BidiInfo, HardcodedBidiData, Level};

use super::digits::app_with;
use super::*;

/// Konsole's bidi classes: Unicode's, but box drawing, block elements and
/// geometric shapes (U+2500–U+25FF) are strong left to right
/// (`BidiTableDirOverride`, on by default).
struct KonsoleClasses;

impl BidiDataSource for KonsoleClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        if ('\u{2500}'..='\u{25FF}').contains(&c) {
            BidiClass::L
        } else {
            HardcodedBidiData.bidi_class(c)
        }
    }
}

/// A row as Konsole shows it: the Unicode bidi algorithm over the row's
/// cells with a left-to-right paragraph level, each cell moved whole (a
/// cell takes the level of its first character that is not a mark of
/// direction; the marks are drawn by no cell).
fn shown_by_konsole(cells: &[String]) -> String {
    let text: String = cells.concat();
    let info = BidiInfo::new_with_data_source(&KonsoleClasses, &text, Some(Level::ltr()));
    let mut at = 0;
    let mut levels = Vec::with_capacity(cells.len());
    for cell in cells {
        let skip = cell
            .char_indices()
            .find(|(_, c)| !matches!(c, '\u{200E}' | '\u{200F}'))
            .map_or(0, |(i, _)| i);
        levels.push(info.levels.get(at + skip).copied().unwrap_or(Level::ltr()));
        at += cell.len();
    }
    let order = BidiInfo::reorder_visual(&levels);
    order
        .iter()
        .map(|&i| cells[i].replace(['\u{200E}', '\u{200F}'], ""))
        .collect()
}

/// A row as kitty shows it: each word (cells between spaces, box drawing
/// and geometric shapes, which kitty draws itself or from another font)
/// whose first letter or digit is of the Arabic script shaped and laid
/// right to left (its cells reversed, brackets mirrored), as HarfBuzz does.
fn shown_by_kitty(cells: &[String]) -> String {
    let arabic = |c: char| {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{065F}' | '\u{0660}'..='\u{0669}'
            | '\u{066E}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    };
    let ends_word =
        |cell: &str| cell == " " || cell.chars().any(|c| ('\u{2500}'..='\u{25FF}').contains(&c));
    let mut out = String::new();
    let mut word: Vec<&str> = Vec::new();
    let flush = |word: &mut Vec<&str>, out: &mut String| {
        let first = word
            .iter()
            .flat_map(|c| c.chars())
            .find(|c| arabic(*c) || c.is_alphanumeric());
        if first.is_some_and(arabic) {
            for cell in word.iter().rev() {
                out.extend(cell.chars().map(|c| match c {
                    '(' => ')',
                    ')' => '(',
                    other => other,
                }));
            }
        } else {
            word.iter().for_each(|c| out.push_str(c));
        }
        word.clear();
    };
    for cell in cells {
        if ends_word(cell) {
            flush(&mut word, &mut out);
            out.push_str(cell);
        } else {
            word.push(cell);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The frame's rows, each as its cells' symbols.
fn cell_rows(app: &App) -> Vec<Vec<String>> {
    let area = Rect::new(0, 0, app.size().0, app.size().1);
    let mut buf = Buffer::empty(area);
    Painter::new().draw_into(app, area, &mut buf);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect()
}

/// Letters as such (presentation forms to the letters they are forms of),
/// for comparing a shaping terminal's input with shaped text; harakat
/// aside (kitty's form sends none in a word kitty lays right to left).
fn letters(row: &str) -> String {
    super::styled::letters(row)
}

/// The rows where the screen shown by the terminal of `mode` differs from
/// the App-mode screen, for the popup `open` opens over the era `era`.
fn differing_rows(mode: BidiMode, era: &str, open: &[Action], size: (u16, u16)) -> Vec<String> {
    let global = GlobalArgs {
        era: Some(era.into()),
        ..GlobalArgs::default()
    };
    let screen = |mode| {
        let mut a = app_with(&global, "", mode, size);
        for action in open {
            a.update(*action);
        }
        a
    };
    let reference = cell_rows(&screen(BidiMode::App));
    let app = screen(mode);
    let shown = cell_rows(&app);
    let by_qterminal = if mode == BidiMode::Qterminal {
        super::styled::shown_by_qterminal(&app)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for (y, (app_row, row)) in reference.iter().zip(&shown).enumerate() {
        let (want, got) = match mode {
            BidiMode::TerminalShaped => (app_row.concat(), shown_by_konsole(row)),
            BidiMode::Kitty => (letters(&app_row.concat()), letters(&shown_by_kitty(row))),
            BidiMode::Qterminal => (
                super::styled::visible(&app_row.concat()),
                by_qterminal.get(y).cloned().unwrap_or_default(),
            ),
            BidiMode::App | BidiMode::Terminal => (app_row.concat(), row.concat()),
            BidiMode::Mlterm => unreachable!("mlterm's form: tests/mlterm_bidi.rs"),
        };
        if want != got {
            out.push(format!("row {y}:\n  app   {want}\n  shown {got}"));
        }
    }
    out
}

/// The scenes: a popup open over eras whose lines the popup cuts.
const SCENES: [(&str, &[Action]); 3] = [
    ("1955-1969", &[Action::Finder]),
    ("1990s", &[Action::Help]),
    ("1980s", &[Action::About]),
];

fn check(mode: BidiMode, sizes: &[(u16, u16)]) {
    let mut wrong = Vec::new();
    for &size in sizes {
        for (era, open) in SCENES {
            for row in differing_rows(mode, era, open, size) {
                wrong.push(format!("{size:?} {era} {open:?} {row}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{mode:?}:\n{}", wrong.join("\n"));
}

/// Konsole (TerminalShaped): every row of a screen with a popup open reads
/// as xterm shows the App-mode screen.
#[test]
fn konsole_shows_the_visible_part_of_each_line_a_popup_cuts() {
    check(BidiMode::TerminalShaped, &[(110, 32), (121, 32), (80, 24)]);
}

/// kitty: every row of a screen with a popup open reads as xterm shows the
/// App-mode screen, letters aside (kitty shapes them itself).
#[test]
fn kitty_shows_the_visible_part_of_each_line_a_popup_cuts() {
    check(BidiMode::Kitty, &[(110, 32), (121, 32), (80, 24)]);
}

/// QTerminal: every row of a screen with a popup open reads as xterm shows
/// the App-mode screen, marks aside (QTerminal drops them).
#[test]
fn qterminal_shows_the_visible_part_of_each_line_a_popup_cuts() {
    check(BidiMode::Qterminal, &[(110, 32), (121, 32), (80, 24)]);
}

/// The row as Konsole holds it after the first frame: only the cells ratatui
/// sends (those not blank) unless the row is sent whole; a zero-width mark
/// leading a cell joins the last cell Konsole holds before it (dropped when
/// there is none), as `Screen::displayCharacter` does.
fn held_by_konsole(cells: &[String], whole: bool) -> Vec<String> {
    let mut held: Vec<String> = vec![" ".to_owned(); cells.len()];
    let mut last: Option<usize> = None;
    for (x, cell) in cells.iter().enumerate() {
        if !whole && cell == " " {
            continue;
        }
        let body = cell.trim_start_matches(['\u{200E}', '\u{200F}']);
        let marks = &cell[..cell.len() - body.len()];
        if let Some(at) = last {
            held[at].push_str(marks);
        }
        held[x] = body.to_owned();
        last = Some(x);
    }
    held
}

/// Konsole (TerminalShaped), the mixed dataset's start screen as first
/// drawn: every row reads as xterm shows the App-mode screen.
#[test]
fn konsole_shows_the_mixed_start_screen_as_xterm() {
    let whole = nkru_tui::ui::run::sends_rows_whole(BidiMode::TerminalShaped);
    let mut wrong = Vec::new();
    for size in [(110, 32), (121, 32), (80, 24)] {
        let screen = |mode| cell_rows(&mixed_app(size, mode, GlobalArgs::default()));
        let reference = screen(BidiMode::App);
        for (y, (app_row, row)) in reference
            .iter()
            .zip(screen(BidiMode::TerminalShaped).iter())
            .enumerate()
        {
            let (want, got) = (
                app_row.concat(),
                shown_by_konsole(&held_by_konsole(row, whole)),
            );
            if want != got {
                wrong.push(format!("{size:?} row {y}:\n  app   {want}\n  shown {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A row as VTE shows it in terminal mode: each fenced cell's marks in
/// VTE's form (an isolate, as the backend sends them to VTE), the bidi
/// algorithm over the row with a left-to-right paragraph level (isolates
/// honoured), each cell moved whole and mirrored where it resolves right
/// to left; the marks are drawn by no cell.
fn shown_by_vte(cells: &[String]) -> String {
    let marks = ['\u{200E}', '\u{200F}', '\u{2067}', '\u{2069}'];
    let cells: Vec<String> = cells
        .iter()
        .map(|c| nkru_tui::term::fence::isolated(c).unwrap_or_else(|| c.clone()))
        .collect();
    let text: String = cells.concat();
    let info = BidiInfo::new(&text, Some(Level::ltr()));
    let mut at = 0;
    let mut levels = Vec::with_capacity(cells.len());
    for cell in &cells {
        let skip = cell
            .char_indices()
            .find(|(_, c)| !marks.contains(c))
            .map_or(0, |(i, _)| i);
        levels.push(info.levels.get(at + skip).copied().unwrap_or(Level::ltr()));
        at += cell.len();
    }
    BidiInfo::reorder_visual(&levels)
        .iter()
        .map(|&i| {
            let cell = cells[i].replace(marks, "");
            if levels[i].is_rtl() {
                cell.chars().map(super::styled::mirrored).collect()
            } else {
                cell
            }
        })
        .collect()
}

/// What a row reads, for comparing App mode's with VTE's: letters as such
/// (VTE shapes them itself), a lam-alef ligature as its two letters in the
/// cells' order, blanks and horizontal lines aside (App mode's ligature
/// takes one cell, VTE's two, and a line or its padding fills the other).
fn reading(row: &str) -> String {
    let cells: String = row
        .chars()
        .map(|c| {
            if ('\u{FEF5}'..='\u{FEFC}').contains(&c) {
                letters(&c.to_string()).chars().rev().collect()
            } else {
                c.to_string()
            }
        })
        .collect();
    letters(&cells).replace([' ', '─'], "")
}

/// Terminal mode in VTE, the finder open beside the sidebar of the mixed
/// dataset: every row the finder is drawn on reads as xterm shows the
/// App-mode screen, the half-covered labels of the sidebar showing the end
/// App mode shows.
#[test]
fn vte_in_terminal_mode_shows_the_visible_part_of_each_line_the_finder_cuts() {
    let mut wrong = Vec::new();
    for size in [(110, 32), (121, 32), (80, 24)] {
        let screen = |mode, open: bool| {
            let global = GlobalArgs {
                era: Some("1990s".into()),
                ..GlobalArgs::default()
            };
            let mut app = mixed_app(size, mode, global);
            if open {
                app.update(Action::Finder);
            }
            cell_rows(&app)
        };
        let reference = screen(BidiMode::App, true);
        let closed = screen(BidiMode::Terminal, false);
        for (y, (app_row, row)) in reference
            .iter()
            .zip(screen(BidiMode::Terminal, true).iter())
            .enumerate()
        {
            if closed.get(y) == Some(row) {
                continue;
            }
            let (want, got) = (reading(&app_row.concat()), reading(&shown_by_vte(row)));
            if want != got {
                wrong.push(format!("{size:?} row {y}:\n  app   {want}\n  shown {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The browser on `tests/fixtures/mixed.toml` at `size`, prepared for
/// `mode` as the program prepares it (Konsole named for its mode).
fn mixed_app(size: (u16, u16), mode: BidiMode, global: GlobalArgs) -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mixed.toml");
    let data = nkru_tui::data::load_file(std::path::Path::new(path)).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().to_path_buf();
    let env = move |k: &str| match k {
        "XDG_STATE_HOME" => Some(root.join("state").display().to_string()),
        "XDG_CONFIG_HOME" => Some(root.join("config").display().to_string()),
        "KONSOLE_VERSION" if mode == BidiMode::TerminalShaped => Some("1".to_owned()),
        _ => None,
    };
    prepare(data, &global.launch(), mode, &env, size)
        .expect("prepare")
        .app
}
