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

use crate::data::{Dataset, Direction, Section};
use crate::text::{BidiMode, DisplayLine, LayoutOptions, dataset_text_direction, layout};
use crate::ui::app::{heading_text, is_rtl_dataset};
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

/// `show --logical`: each section's heading and paragraphs as the dataset
/// holds them (logical order, unshaped, unwrapped), one a line, sections
/// separated by a blank line; only control characters are made visible.
pub fn run_logical(data: &Dataset, eras: &[String], out: &mut dyn Write) -> Result<(), String> {
    let strings = Strings::for_lang(if data.meta.language.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    });
    let mut text = String::new();
    for (i, section) in select(data, eras)?.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        // Read as its own paragraph wherever it is pasted: its reading
        // direction is the label's.
        let label = dataset_text_direction(section.label, data.meta.direction, &data.meta.language);
        let heading = heading_text(section, strings, label, label);
        for line in
            std::iter::once(heading.as_str()).chain(section.paragraphs.iter().map(String::as_str))
        {
            text.push_str(&crate::text::display_safe(line));
            text.push('\n');
        }
    }
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
        .map(|id| data.section_by_id(id).ok_or_else(|| unknown(data, id)))
        .collect()
}

fn unknown(data: &Dataset, id: &str) -> String {
    let eras: Vec<&str> = data.eras.iter().map(|e| e.id.as_str()).collect();
    let mut msg = format!(
        "unknown era `{}`; valid ids: {}",
        crate::text::display_safe(id),
        eras.join(", ")
    );
    if !data.related.is_empty() {
        let related: Vec<&str> = data.related.iter().map(|r| r.id.as_str()).collect();
        msg.push_str(&format!(" (related: {})", related.join(", ")));
    }
    msg
}

/// The whole output as one string.
pub fn render(data: &Dataset, sections: &[Section<'_>], width: usize, mode: BidiMode) -> String {
    let strings = Strings::for_lang(if data.meta.language.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    });
    // Years read as in the browser's default layout for this dataset.
    let reading = if is_rtl_dataset(data) {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
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
        let label = dataset_text_direction(section.label, data.meta.direction, &data.meta.language);
        paragraph(&mut out, &heading_text(section, strings, reading, label));
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
