//! mlterm in terminal mode, as the real binary talks to it in a
//! pseudo-terminal: a model of mlterm's own bidi (its `vt_bidi`, 3.9) run
//! over the real output must show what xterm shows of App mode.
//!
//! The model: a zero-width mark (U+200C–U+200F, U+202A–U+202E) takes a
//! column of the row but is drawn as nothing, so what follows it is drawn
//! one cell to the left. A row is cut at every box-drawing or block
//! character (U+2500–U+259F), and at every space once `bidi_separators` is
//! a space; each stretch goes through the bidi algorithm alone, left to
//! right after a box-drawing character or with `bidi_mode=left`, else in
//! the direction of its first strong character. A character whose logical
//! neighbour ends up next to it, reversed, is mirrored. A character keeps
//! the colours and attributes it was sent with (mlterm's `vt_char_t` moves
//! whole), so each letter must also be styled as xterm styles it: the
//! finder's match highlight inside a word, the opened result's mention.

mod pty;

use pty::Session;
use unicode_bidi::{BidiInfo, Level};
use unicode_normalization::UnicodeNormalization;

/// The columns a mark takes in mlterm, written as a private-use character
/// of the same length in UTF-8 (U+E000 plus the mark's offset from U+2000).
fn marks_as_cells(raw: &[u8]) -> Vec<u8> {
    let mut out = raw.to_vec();
    let mut i = 0;
    while i + 2 < out.len() {
        let mark =
            out[i] == 0xE2 && out[i + 1] == 0x80 && matches!(out[i + 2], 0x8C..=0x8F | 0xAA..=0xAE);
        if mark {
            // U+20xx = E2 80 xx  ->  U+E0xx = EE 80 xx.
            out[i] = 0xEE;
        }
        i += 1;
    }
    out
}

/// The last value `raw` gave mlterm's option `key`.
fn option<'a>(raw: &'a str, key: &str) -> Option<&'a str> {
    let lead = format!("\x1b]5379;{key}=");
    let start = raw.rfind(&lead)? + lead.len();
    let end = raw[start..].find('\x07')? + start;
    Some(&raw[start..end])
}

struct Mlterm {
    parser: vt100::Parser,
    ctl: bool,
    left: bool,
    space_separates: bool,
}

impl Mlterm {
    fn new(raw: &[u8], (cols, rows): (u16, u16)) -> Mlterm {
        let text = String::from_utf8_lossy(raw);
        let nz = |n| std::num::NonZeroU16::new(n).expect("non-zero");
        let mut parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        parser.process(&marks_as_cells(raw));
        Mlterm {
            parser,
            ctl: option(&text, "use_ctl") != Some("false"),
            left: option(&text, "bidi_mode") == Some("left"),
            space_separates: option(&text, "bidi_separators") == Some("\\x20"),
        }
    }

    /// Each row as mlterm draws it, letters in their plain forms.
    fn shown(&self) -> Vec<String> {
        self.shown_cells().iter().map(|row| text_of(row)).collect()
    }

    /// Each row as mlterm draws it, cell by cell with the attributes each
    /// character was sent with (mlterm moves them with it).
    fn shown_cells(&self) -> Vec<Vec<Shown>> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|row| {
                let cells: Vec<Shown> = (0..cols.get())
                    .map(|col| {
                        screen.cell(row, col).map_or_else(
                            || (" ".into(), Attrs::default()),
                            |c| {
                                let s = c.contents();
                                let s = if s.is_empty() { " " } else { s };
                                (s.to_string(), attrs(c))
                            },
                        )
                    })
                    .collect();
                let cells = if self.ctl {
                    self.reorder(&cells)
                } else {
                    cells
                };
                cells
                    .into_iter()
                    .filter(|(c, _)| !c.chars().next().is_some_and(is_mark_cell))
                    .collect()
            })
            .collect()
    }

    /// `vt_bidi` over one row's cells: their visual order, mirrored where
    /// mlterm mirrors.
    fn reorder(&self, cells: &[Shown]) -> Vec<Shown> {
        let code = |(c, _): &Shown| {
            let first = c.chars().next().unwrap_or(' ');
            if is_mark_cell(first) {
                char::from_u32(first as u32 - 0xE000 + 0x2000).unwrap_or(' ')
            } else {
                first
            }
        };
        let codes: Vec<char> = cells.iter().map(code).collect();
        let rtl = |c: char| {
            matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            )
        };
        if !codes.iter().copied().any(rtl) {
            return cells.to_vec();
        }
        let n = codes.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut left = self.left;
        let mut start = 0;
        for i in 0..=n {
            let boxed = i < n && ('\u{2500}'..='\u{259F}').contains(&codes[i]);
            let separator = i < n && (boxed || (self.space_separates && codes[i] == ' '));
            if i < n && !separator {
                continue;
            }
            let seg: String = codes[start..i].iter().collect();
            if seg.chars().any(rtl) {
                let level = left.then(Level::ltr);
                // (A first stretch found right to left would also move the
                // stretches after it in mlterm; the rows here start left to
                // right.)
                let info = BidiInfo::new(&seg, level);
                if !info.paragraphs.is_empty() {
                    let levels: Vec<Level> =
                        seg.char_indices().map(|(b, _)| info.levels[b]).collect();
                    for (k, v) in BidiInfo::reorder_visual(&levels).into_iter().enumerate() {
                        order[start + k] = start + v;
                    }
                }
            }
            left |= boxed;
            start = i + 1;
        }
        // order[k] = logical index shown at visual k; mlterm's visual_order
        // is its inverse.
        let mut visual = vec![0; n];
        for (k, &l) in order.iter().enumerate() {
            visual[l] = k;
        }
        order
            .iter()
            .map(|&l| {
                let reversed = (l > 0 && visual[l - 1] == visual[l] + 1)
                    || (l + 1 < n && visual[l] == visual[l + 1] + 1);
                let (text, attrs) = &cells[l];
                (nkru_tui::text::sent_cell(text, reversed), *attrs)
            })
            .collect()
    }
}

fn is_mark_cell(c: char) -> bool {
    ('\u{E000}'..='\u{E0FF}').contains(&c)
}

/// A cell as a terminal shows it: its text and its attributes.
type Shown = (String, Attrs);

/// What a cell shows besides its text: colours, bold, dim, italic,
/// underline, inverse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Attrs {
    fg: vt100::Color,
    bg: vt100::Color,
    flags: [bool; 5],
}

fn attrs(cell: &vt100::Cell) -> Attrs {
    Attrs {
        fg: cell.fgcolor(),
        bg: cell.bgcolor(),
        flags: [
            cell.bold(),
            cell.dim(),
            cell.italic(),
            cell.underline(),
            cell.inverse(),
        ],
    }
}

/// `text` with letters in their plain forms (presentation forms and the
/// one-cell lam-alef unfolded), trailing blanks dropped.
fn plain(text: &str) -> String {
    text.nfkc().collect::<String>().trim_end().to_string()
}

/// A row's text, letters in their plain forms.
fn text_of(row: &[Shown]) -> String {
    plain(&row.iter().map(|(c, _)| c.as_str()).collect::<String>())
}

/// What of `attrs` shows on `c`: on a blank neither underlined nor in
/// reverse video only the background (the program sends blanks bold, and
/// back, to have them repainted), on box drawing no italic (drawn as
/// lines).
fn seen(c: char, attrs: Attrs) -> Attrs {
    let [bold, dim, _italic, underline, inverse] = attrs.flags;
    if c.is_whitespace() && !underline && !inverse {
        Attrs {
            fg: vt100::Color::Default,
            bg: attrs.bg,
            flags: [false; 5],
        }
    } else if ('\u{2500}'..='\u{259F}').contains(&c) {
        Attrs {
            flags: [bold, dim, false, underline, inverse],
            ..attrs
        }
    } else {
        attrs
    }
}

/// A row letter by letter (plain forms), each with what shows of the
/// attributes of its cell; trailing blanks dropped.
fn letters(row: &[Shown]) -> Vec<(char, Attrs)> {
    let mut out: Vec<(char, Attrs)> = row
        .iter()
        .flat_map(|(c, a)| c.nfkc().map(move |ch| (ch, seen(ch, *a))))
        .collect();
    while out.last().is_some_and(|(c, _)| c.is_whitespace()) {
        out.pop();
    }
    out
}

/// Each row as xterm shows it, cell by cell with its attributes.
fn xterm_cells(s: &Session) -> Vec<Vec<Shown>> {
    let screen = s.parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|row| {
            (0..cols.get())
                .filter_map(|col| screen.cell(row, col))
                .filter(|c| !c.is_wide_continuation())
                .map(|c| {
                    let s = c.contents();
                    let s = if s.is_empty() { " " } else { s };
                    (s.to_string(), attrs(c))
                })
                .collect()
        })
        .collect()
}

/// Each row as xterm shows it, letters in their plain forms.
fn xterm_rows(s: &Session) -> Vec<String> {
    let screen = s.parser.screen();
    let cols = screen.size().1.get();
    screen.rows(0, cols).map(|r| plain(&r)).collect()
}

/// Reads what the program writes until it has written nothing for 400 ms.
fn quiet(s: &mut Session) {
    let end = std::time::Instant::now() + pty::DEADLINE;
    loop {
        let before = s.raw.len();
        let until = std::time::Instant::now() + std::time::Duration::from_millis(400);
        s.wait_for("the screen to settle", |_| {
            std::time::Instant::now() >= until
        });
        if s.raw.len() == before || std::time::Instant::now() >= end {
            break;
        }
    }
}

fn started(s: &mut Session) {
    s.wait_for("the first frame", |sc| {
        let last = sc.rows(0, sc.size().1.get()).last().unwrap_or_default();
        sc.alternate_screen() && sc.contents().contains("tab") && last.contains("tab")
    });
    // The frame after the terminal's answers, if any, is whole too.
    std::thread::sleep(std::time::Duration::from_millis(300));
}

/// The program in a 100×30 terminal, `keys` typed once its first frame is
/// drawn; read until the screen shows `shows` and the program is quiet.
fn scene(args: &[&str], env: &[(&str, &str)], keys: &[u8], shows: &str) -> Session {
    let mut s = Session::start_fresh(args, env);
    started(&mut s);
    if !keys.is_empty() {
        s.send(keys);
    }
    s.wait_for(shows, |sc| sc.contents().contains(shows));
    quiet(&mut s);
    s
}

const MIXED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mixed.toml");

/// A scene compared: its data (none: the built-in timeline), the keys
/// typed, text that shows they took effect, what it shows.
type Scene = (
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
);

const SCENES: [Scene; 5] = [
    (None, "", "", "the first screen"),
    (None, "\x1b[B\x1b[B\x1b[B\x1b[B", "", "Down ×4"),
    (
        None,
        "/غوربا",
        "Gorbachev",
        "the finder, an Arabic match inside a word",
    ),
    (
        None,
        "/غوربا\r",
        "1/1",
        "the finder's result opened: its mention",
    ),
    (
        Some(MIXED),
        "/gorba",
        "Gorbachev",
        "the finder, a Latin match inside a word",
    ),
];

#[test]
fn mlterm_in_terminal_mode_shows_what_xterm_shows_in_app_mode() {
    for (data, keys, shows, what) in SCENES {
        let with = |mode: &'static str| -> Vec<&str> {
            let mut args = vec!["--bidi", mode];
            if let Some(file) = data {
                args.extend(["--data", file]);
            }
            args
        };
        let app = scene(&with("app"), &[("NKRU_BIDI", "")], keys.as_bytes(), shows);
        let ml = scene(
            &with("terminal"),
            &[("NKRU_BIDI", ""), ("MLTERM", "3.9.0")],
            keys.as_bytes(),
            shows,
        );
        let model = Mlterm::new(&ml.raw, (100, 30));
        let want = xterm_rows(&app);
        let shown = model.shown();
        let wrong: Vec<String> = want
            .iter()
            .zip(&shown)
            .enumerate()
            .filter(|(_, (w, s))| w != s)
            .map(|(i, (w, s))| format!("row {i}:\n  xterm:  {w}\n  mlterm: {s}"))
            .collect();
        assert!(
            wrong.is_empty(),
            "{what}: {} rows differ:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
        // Each letter with the colours and attributes xterm gives it.
        let styled: Vec<String> = xterm_cells(&app)
            .iter()
            .zip(model.shown_cells())
            .enumerate()
            .filter_map(|(i, (w, s))| {
                let (w, s) = (letters(w), letters(&s));
                let at = w.iter().zip(&s).position(|(a, b)| a != b)?;
                let text = |l: &[(char, Attrs)]| l.iter().map(|(c, _)| *c).collect::<String>();
                Some(format!(
                    "row {i} {}, letter {at}:\n  xterm:  {:?}\n  mlterm: {:?}",
                    text(&w),
                    w[at],
                    s[at]
                ))
            })
            .collect();
        assert!(
            styled.is_empty(),
            "{what}: {} rows styled otherwise:\n{}",
            styled.len(),
            styled.join("\n")
        );
    }
}

#[test]
fn the_model_takes_a_mark_as_a_column_and_cuts_at_box_drawing() {
    let raw = "\x1b]5379;use_ctl=true\x07ab\u{200F}│\u{0627}\u{0628} c".as_bytes();
    let shown = Mlterm::new(raw, (10, 1)).shown();
    // The mark is drawn as nothing; the Arabic is reversed within its
    // stretch, after the border.
    assert_eq!(shown[0], "ab│\u{0628}\u{0627} c");
    let raw = "\x1b]5379;bidi_mode=left\x07\x1b]5379;bidi_separators=\\x20\x07\u{0627}\u{0628} \u{062A}\u{062B}"
        .as_bytes();
    assert_eq!(
        Mlterm::new(raw, (10, 1)).shown()[0],
        "\u{0628}\u{0627} \u{062B}\u{062A}",
        "each word alone, words left to right"
    );
}
