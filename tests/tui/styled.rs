//! Rows with styled spans (a finder match, a highlighted mention, a
//! status-bar key) as the terminals that split a row by style show them:
//! QTerminal lays out each run of cells with the same attributes on its
//! own; kitty shapes each run of one font face between blanks on its own.
//! Every row must read as in App mode (xterm).

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_bidi::{BidiInfo, Level};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::digits::app_with;
use super::*;

/// The drawn screen's cells.
fn cells(app: &App) -> Buffer {
    let area = Rect::new(0, 0, app.size().0, app.size().1);
    let mut buf = Buffer::empty(area);
    Painter::new().draw_into(app, area, &mut buf);
    buf
}

/// `text` without the characters of no width (QTerminal drops them as they
/// arrive: marks of direction, harakat).
pub(super) fn visible(text: &str) -> String {
    text.chars().filter(|c| c.width() != Some(0)).collect()
}

/// The mirrored character (Bidi_Mirroring_Glyph) of the brackets in use.
pub(super) fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        other => other,
    }
}

/// A run of text as Qt draws it from `QPainter::drawText` with a
/// left-to-right layout: the bidi algorithm over the run alone, paragraph
/// level 0, characters at odd levels mirrored.
fn qt_draws(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let info = BidiInfo::new(text, Some(Level::ltr()));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let levels: Vec<Level> = chars.iter().map(|&(at, _)| info.levels[at]).collect();
    BidiInfo::reorder_visual(&levels)
        .into_iter()
        .map(|i| {
            let c = chars[i].1;
            if levels[i].is_rtl() { mirrored(c) } else { c }
        })
        .collect()
}

/// Each row as QTerminal 1.2 shows it (qtermwidget's
/// `TerminalDisplay::drawContents`): the row cut into runs of adjacent
/// cells with the same colours and attributes, all one cell wide and all
/// text or all box drawing (U+2500–U+257F, drawn by qtermwidget itself),
/// each run's characters (zero-width ones dropped) drawn by Qt on its own.
pub(super) fn shown_by_qterminal(app: &App) -> Vec<String> {
    let buf = cells(app);
    let width = usize::from(buf.area.width);
    let line_char = |c: &Cell| {
        c.symbol()
            .chars()
            .next()
            .is_some_and(|c| ('\u{2500}'..='\u{257F}').contains(&c))
    };
    let key = |c: &Cell| {
        (
            c.fg,
            c.bg,
            c.modifier,
            line_char(c),
            c.symbol().width() == 1,
        )
    };
    buf.content
        .chunks(width)
        .map(|row| {
            let mut out = String::new();
            let mut i = 0;
            while i < row.len() {
                let mut end = i + 1;
                while end < row.len() && key(&row[end]) == key(&row[i]) && key(&row[i]).4 {
                    end += 1;
                }
                let text: String = row[i..end].iter().map(|c| visible(c.symbol())).collect();
                out.push_str(&qt_draws(&text));
                i = end;
            }
            out
        })
        .collect()
}

/// A row's cells as text: each cell's letters, and where the colours or
/// underline change, the new ones in brackets.
fn with_styles(cells: &[(String, &Cell)]) -> String {
    let mut out = String::new();
    let mut last = None;
    for (text, cell) in cells {
        let look = (
            cell.fg,
            cell.bg,
            cell.modifier.contains(Modifier::UNDERLINED),
        );
        if last != Some(look) {
            out.push_str(&format!(
                "[{:?} {:?}{}]",
                look.0,
                look.1,
                if look.2 { " _" } else { "" }
            ));
            last = Some(look);
        }
        out.push_str(&letters(text));
    }
    out
}

/// Each App-mode row as xterm shows it: its cells' letters and looks.
fn app_looks(app: &App) -> Vec<String> {
    let buf = cells(app);
    let width = usize::from(buf.area.width);
    buf.content
        .chunks(width)
        .map(|row| {
            let cells: Vec<(String, &Cell)> =
                row.iter().map(|c| (c.symbol().to_owned(), c)).collect();
            with_styles(&cells)
        })
        .collect()
}

/// Each row as kitty shows it: runs of cells between blanks (and box
/// drawing and geometric shapes, which kitty draws itself or from another
/// font) cut again where the font face changes (bold, italic); in each run
/// whose first letter or digit is of the Arabic script, laid right to left
/// as HarfBuzz does, the glyphs reversed (brackets mirrored) into the run's
/// cells, each drawn with the colours and underline of the cell it lands
/// in; letters as letters (kitty shapes them).
fn shown_by_kitty(app: &App) -> Vec<String> {
    let buf = cells(app);
    let width = usize::from(buf.area.width);
    let arabic = |c: char| {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{065F}' | '\u{0660}'..='\u{0669}'
            | '\u{066E}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    };
    let blank = |c: &Cell| {
        c.symbol() == " "
            || c.symbol()
                .chars()
                .any(|c| ('\u{2500}'..='\u{25FF}').contains(&c))
    };
    let face = |c: &Cell| c.modifier & (Modifier::BOLD | Modifier::ITALIC);
    buf.content
        .chunks(width)
        .map(|row| {
            let mut out: Vec<(String, &Cell)> = Vec::new();
            let mut i = 0;
            while i < row.len() {
                if blank(&row[i]) {
                    out.push((row[i].symbol().to_owned(), &row[i]));
                    i += 1;
                    continue;
                }
                let mut end = i + 1;
                while end < row.len() && !blank(&row[end]) && face(&row[end]) == face(&row[i]) {
                    end += 1;
                }
                let run = &row[i..end];
                let first = run
                    .iter()
                    .flat_map(|c| c.symbol().chars())
                    .find(|c| arabic(*c) || c.is_alphanumeric());
                for (k, cell) in run.iter().enumerate() {
                    let glyph = if first.is_some_and(arabic) {
                        run[run.len() - 1 - k]
                            .symbol()
                            .chars()
                            .map(mirrored)
                            .collect()
                    } else {
                        cell.symbol().to_owned()
                    };
                    out.push((glyph, cell));
                }
                i = end;
            }
            with_styles(&out)
        })
        .collect()
}

/// Letters as such (presentation forms to the letters they are forms of),
/// harakat aside: kitty's form sends none in a word kitty lays right to
/// left (kitty 0.26 misplaces the glyphs of cells of several characters).
pub(super) fn letters(row: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    visible(&row.nfkc().collect::<String>())
}

/// The App-mode screen's rows as QTerminal shows them with its bidi off:
/// cells as drawn, zero-width characters dropped.
fn app_visible(app: &App) -> Vec<String> {
    let buf = cells(app);
    let width = usize::from(buf.area.width);
    buf.content
        .chunks(width)
        .map(|row| row.iter().map(|c| visible(c.symbol())).collect())
        .collect()
}

/// Scenes with styled spans inside Arabic lines: the finder with an
/// Arabic query (matched letters inside a word), the mention it jumps to,
/// the help popup, the start screen.
fn scenes(mode: BidiMode, size: (u16, u16)) -> Vec<(&'static str, App)> {
    let fresh = |era: Option<&str>| {
        let global = GlobalArgs {
            era: era.map(Into::into),
            ..GlobalArgs::default()
        };
        app_with(&global, "", mode, size)
    };
    let mut finder = fresh(None);
    finder.update(&key(KeyCode::Char('/')));
    type_text(&mut finder, "غوربا");
    let mut mention = fresh(None);
    mention.update(&key(KeyCode::Char('/')));
    type_text(&mut mention, "غوربا");
    mention.update(&key(KeyCode::Enter));
    let mut help = fresh(Some("1990s"));
    help.update(Action::Help);
    let mut latin = fresh(None);
    latin.update(&key(KeyCode::Char('/')));
    type_text(&mut latin, "gorba");
    vec![
        ("start", fresh(None)),
        ("1955-1969", fresh(Some("1955-1969"))),
        ("finder غوربا", finder),
        ("mention", mention),
        ("help", help),
        ("finder gorba", latin),
    ]
}

/// The rows of each scene where the terminal of `mode`, as `shown` models
/// it, differs from the App-mode screen as xterm shows it (`want`).
fn differing(mode: BidiMode, shown: fn(&App) -> Vec<String>, want: fn(&App) -> Vec<String>) {
    let mut wrong = Vec::new();
    for size in [(110, 32), (80, 24)] {
        let reference = scenes(BidiMode::App, size);
        for ((name, app), (_, formed)) in reference.iter().zip(scenes(mode, size)) {
            for (y, (app_row, got)) in want(app).into_iter().zip(shown(&formed)).enumerate() {
                if app_row != got {
                    wrong.push(format!(
                        "{size:?} {name} row {y}:\n  app   {app_row}\n  shown {got}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{mode:?}:\n{}", wrong.join("\n"));
}

/// QTerminal: every row, styled spans, brackets, punctuation and years
/// included, reads as xterm shows the App-mode screen (marks aside:
/// QTerminal drops them).
#[test]
fn qterminal_shows_the_app_mode_screen() {
    differing(BidiMode::Qterminal, shown_by_qterminal, app_visible);
}

/// kitty: every row reads as xterm shows the App-mode screen, a word with
/// a highlighted part included, each letter in the colours and underline
/// it has there (letters aside: kitty shapes them; faces aside: a word
/// keeps one).
#[test]
fn kitty_shows_the_app_mode_screen_with_highlighted_letters() {
    differing(BidiMode::Kitty, shown_by_kitty, app_looks);
}
