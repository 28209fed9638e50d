//! `nkru-tui show`: eras laid out as the detail pane shows them.
//!
//! For each selected section: the heading (label, years, editorial mark: the
//! same text as the detail pane's, see [`crate::ui::app::heading_text`]),
//! then each paragraph after a blank line; sections are separated by a blank
//! line. RTL lines are padded on the left so that they end at the right
//! edge of the width; LTR lines are not padded (no trailing spaces). In App
//! mode every line is in visual order; in Terminal mode lines are logical
//! and the terminal reverses each one in place, after its padding.
//! A paragraph without a strong character (a heading like `1945- 1948`)
//! takes the direction of the dataset's language, as in the detail pane
//! (unless `meta.direction` overrides every paragraph).
//!
//! Which sections: the named ids (eras, or related items by their id), in
//! the order given; all eras when none is named (related material is not an
//! era: name it to print it). The output never holds an escape sequence:
//! every line comes from the layout engine, which sanitizes its input.

use std::io::{IsTerminal, Write};

use super::{Failure, WriteError};
use crate::data::{Dataset, Direction, Section};
use crate::text::{
    BidiMode, DisplayLine, Justify, LayoutOptions, dataset_text_direction, layout_each,
};
use crate::ui::UiError;
use crate::ui::app::{heading_text, is_rtl_dataset};
use crate::ui::strings::{Lang, Strings};

/// Width when stdout is not a terminal (or its size is unknown).
const DEFAULT_WIDTH: u16 = 80;

/// Writes the sections named by `eras` (all eras when empty) to `out`,
/// paragraph by paragraph: each is laid out, written and dropped before the
/// next, so memory stays that of one paragraph whatever the dataset's size
/// and the width. `out` should be buffered.
pub fn run(
    data: &Dataset,
    eras: &[String],
    width: Option<u16>,
    mode: BidiMode,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    run_justified(data, eras, width, mode, Justify::None, out)
}

/// [`run`] with each paragraph's lines but its last filled to the width
/// (`show --justify`; headings stay ragged, as in the detail pane).
pub fn run_justified(
    data: &Dataset,
    eras: &[String],
    width: Option<u16>,
    mode: BidiMode,
    justify: Justify,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let sections = select(data, eras).map_err(|e| WriteError::Failed(Failure::data(e)))?;
    let width = usize::from(width.unwrap_or_else(terminal_width).max(1));
    let texts = Texts {
        data,
        width,
        mode,
        justify,
    };
    // Years read as in the browser's default layout for this dataset.
    let reading = if is_rtl_dataset(data) {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let heading = |section: &Section<'_>| {
        let label = dataset_text_direction(section.label, data.meta.direction, &data.meta.language);
        heading_text(section, strings(data), reading, label)
    };
    write_sections(&sections, heading, out, |out, text, is_heading| {
        texts.write(out, text, is_heading)
    })?;
    out.flush()?;
    Ok(())
}

/// `show --logical`: each section's heading and paragraphs as the dataset
/// holds them (logical order, unshaped, unwrapped), one a line, in the same
/// shape as `show` (a blank line before each paragraph and between
/// sections); only control characters are made visible.
pub fn run_logical(data: &Dataset, eras: &[String], out: &mut dyn Write) -> Result<(), WriteError> {
    let sections = select(data, eras).map_err(|e| WriteError::Failed(Failure::data(e)))?;
    // Read as its own paragraph wherever it is pasted: its reading direction
    // is the label's.
    let heading = |section: &Section<'_>| {
        let label = dataset_text_direction(section.label, data.meta.direction, &data.meta.language);
        heading_text(section, strings(data), label, label)
    };
    write_sections(&sections, heading, out, |out, text, _| {
        out.write_all(crate::text::display_safe(text).as_bytes())?;
        out.write_all(b"\n")
    })?;
    out.flush()?;
    Ok(())
}

/// The sections named by `ids` (all eras when empty), or an error listing the valid ids.
fn select<'a>(data: &'a Dataset, ids: &[String]) -> Result<Vec<Section<'a>>, UiError> {
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

/// The shape of the output, whatever a paragraph becomes: for each section
/// (a blank line between two), its heading, then each paragraph after a
/// blank line. `paragraph` writes one paragraph's lines (and drops whatever
/// it made for them before the next); it is told whether it is the heading.
pub fn write_sections(
    sections: &[Section<'_>],
    heading: impl Fn(&Section<'_>) -> String,
    out: &mut dyn Write,
    mut paragraph: impl FnMut(&mut dyn Write, &str, bool) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        paragraph(out, &heading(section), true)?;
        for text in section.paragraphs {
            out.write_all(b"\n")?;
            paragraph(out, text, false)?;
        }
    }
    Ok(())
}

/// The strings headings are written with: the dataset's language's.
fn strings(data: &Dataset) -> &'static Strings {
    Strings::for_lang(if data.meta.language.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    })
}

/// How `show` lays out a paragraph of a dataset: at a width, in a bidi mode,
/// in the direction the detail pane gives it.
struct Texts<'a> {
    data: &'a Dataset,
    width: usize,
    mode: BidiMode,
    justify: Justify,
}

impl Texts<'_> {
    /// Lays out `text` and writes its lines, each padded as the pane places
    /// it; a paragraph's lines but its last justified.
    fn write(&self, out: &mut dyn Write, text: &str, is_heading: bool) -> std::io::Result<()> {
        let direction = Some(dataset_text_direction(
            text,
            self.data.meta.direction,
            &self.data.meta.language,
        ));
        let opts = LayoutOptions {
            width: self.width,
            mode: self.mode,
            direction,
        };
        let justify = if is_heading {
            Justify::None
        } else {
            self.justify
        };
        // Each line is written as soon as the next is made (the last stays
        // ragged): one long paragraph never holds all its lines at once.
        let mut held: Option<(DisplayLine, crate::data::Direction)> = None;
        layout_each(text, &opts, |line, direction| {
            if let Some((before, dir)) = held.replace((line, direction)) {
                let filled = crate::text::justify(&before, text, self.width, justify);
                write_line(out, &filled, self.width, dir)?;
            }
            Ok::<(), std::io::Error>(())
        })?;
        if let Some((last, dir)) = held {
            write_line(out, &last, self.width, dir)?;
        }
        Ok(())
    }
}

/// One line and its newline, after the padding that places it in `width` cells.
fn write_line(
    out: &mut dyn Write,
    line: &DisplayLine,
    width: usize,
    direction: crate::data::Direction,
) -> std::io::Result<()> {
    if !line.text.is_empty() {
        write_spaces(out, line.indent(width, direction))?;
        out.write_all(line.text.as_bytes())?;
    }
    out.write_all(b"\n")
}

/// `n` spaces, written a block at a time (a 65,535-cell line pads in 1 KiB steps).
fn write_spaces(out: &mut dyn Write, mut n: usize) -> std::io::Result<()> {
    const SPACES: [u8; 1024] = [b' '; 1024];
    while n > 0 {
        let step = n.min(SPACES.len());
        out.write_all(&SPACES[..step])?;
        n -= step;
    }
    Ok(())
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
