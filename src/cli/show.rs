//! `nkru-tui show`: eras laid out as the detail pane shows them.
//!
//! For each selected section: the heading (label, years, editorial mark: the
//! same text as the detail pane's, see [`crate::ui::app::heading_text`]),
//! then each paragraph after a blank line; sections are separated by a blank
//! line. In App mode every line is in visual order and RTL lines are padded
//! on the left so that they end at the right edge of the width; LTR lines
//! are not padded (no trailing spaces). In Terminal mode lines are logical
//! and unpadded: the terminal reorders and places them itself.
//! A paragraph without a strong character (a heading like `1945- 1948`)
//! takes the direction of the dataset's language, as in the detail pane
//! (unless `meta.direction` overrides every paragraph).
//!
//! Which sections: the named ids (eras, or related items by their id), in
//! the order given; all eras when none is named (related material is not an
//! era: name it to print it). The output never holds an escape sequence:
//! every line comes from the layout engine, which sanitizes its input.

use std::io::{IsTerminal, Write};

use crate::data::{Dataset, Section};
use crate::text::{BidiMode, DisplayLine, LayoutOptions, dataset_text_direction, layout};
use crate::ui::app::heading_text;
use crate::ui::strings::{Lang, Strings};

/// Width when stdout is not a terminal (or its size is unknown).
const DEFAULT_WIDTH: u16 = 80;

pub fn run(
    data: &Dataset,
    eras: &[String],
    width: Option<u16>,
    mode: BidiMode,
    out: &mut dyn Write,
) -> Result<(), String> {
    let sections = select(data, eras)?;
    let width = usize::from(width.unwrap_or_else(terminal_width).max(1));
    let text = render(data, &sections, width, mode);
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}

/// The sections named by `ids` (all eras when empty), or an error listing the valid ids.
fn select<'a>(data: &'a Dataset, ids: &[String]) -> Result<Vec<Section<'a>>, String> {
    if ids.is_empty() {
        return Ok(data
            .sections()
            .filter(|s| matches!(s.at, crate::data::SectionRef::Era(_)))
            .collect());
    }
    ids.iter()
        .map(|id| {
            data.section_by_id(id)
                .ok_or_else(|| crate::ui::unknown_era(data, id))
        })
        .collect()
}

/// The whole output as one string.
pub fn render(data: &Dataset, sections: &[Section<'_>], width: usize, mode: BidiMode) -> String {
    let strings = Strings::for_lang(if data.meta.language.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    });
    let mut out = String::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let paragraph = |out: &mut String, text: &str| {
            let direction = Some(dataset_text_direction(
                text,
                data.meta.direction,
                &data.meta.language,
            ));
            push_paragraph(
                out,
                text,
                &LayoutOptions {
                    width,
                    mode,
                    direction,
                },
            );
        };
        paragraph(&mut out, &heading_text(section, strings));
        for text in section.paragraphs {
            out.push('\n');
            paragraph(&mut out, text);
        }
    }
    out
}

fn push_paragraph(out: &mut String, text: &str, opts: &LayoutOptions) {
    let laid = layout(text, opts);
    for line in &laid.lines {
        push_line(out, line, opts.width, laid.direction);
    }
}

fn push_line(
    out: &mut String,
    line: &DisplayLine,
    width: usize,
    direction: crate::data::Direction,
) {
    if !line.text.is_empty() {
        out.extend(std::iter::repeat_n(' ', line.indent(width, direction)));
        out.push_str(&line.text);
    }
    out.push('\n');
}

/// The terminal's width when stdout is one, else 80.
fn terminal_width() -> u16 {
    if !std::io::stdout().is_terminal() {
        return DEFAULT_WIDTH;
    }
    match crossterm::terminal::size() {
        Ok((w, _)) if w > 0 => w,
        _ => DEFAULT_WIDTH,
    }
}
