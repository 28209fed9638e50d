//! The detail pane's content: the selected section laid out for the pane's
//! width, and finding the same place again after a re-layout.

use std::sync::Arc;

use super::App;
use crate::data::Direction;
use crate::text::{DisplayLine, LayoutOptions, dataset_text_direction};
use crate::ui::strings::Strings;
use crate::ui::years::{added_years, year_range};

/// What a row of the detail pane holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    /// A line of paragraph `n` of the section.
    Paragraph(usize),
    Blank,
}

#[derive(Debug, Clone)]
pub struct DocLine {
    pub kind: LineKind,
    /// `None` for blank lines.
    pub line: Option<DisplayLine>,
    pub direction: Direction,
}

/// The detail pane's content for one section at one width.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub section: usize,
    pub width: usize,
    pub lines: Vec<DocLine>,
    /// Index in `lines` of the first line of each paragraph.
    pub para_start: Vec<usize>,
}

impl App {
    /// Lays out the selected section for the current pane width.
    pub(super) fn rebuild_doc(&mut self) {
        let width = usize::from(self.text_area().width).max(1);
        if self.doc.section == self.selected
            && self.doc.width == width
            && !self.doc.lines.is_empty()
        {
            return;
        }
        let data = Arc::clone(&self.data);
        let opts = |text: &str| LayoutOptions {
            width,
            mode: self.opts.mode,
            direction: Some(dataset_text_direction(
                text,
                data.meta.direction,
                &data.meta.language,
            )),
        };
        let mut doc = Doc {
            section: self.selected,
            width,
            ..Doc::default()
        };
        let Some(section) = data.section_at(self.selected) else {
            self.doc = doc;
            return;
        };
        let paragraph = self.text_direction(section.label);
        let heading = heading_text(
            &section,
            self.strings,
            self.opts.layout_direction,
            paragraph,
        );
        let laid = self.cache.get(&heading, &opts(&heading));
        push_lines(
            &mut doc.lines,
            LineKind::Heading,
            &laid.lines,
            laid.direction,
        );
        for (p, text) in section.paragraphs.iter().enumerate() {
            doc.lines.push(blank(laid.direction));
            doc.para_start.push(doc.lines.len());
            let laid = self.cache.get(text, &opts(text));
            let last = laid.lines.len().saturating_sub(1);
            doc.lines
                .extend(laid.lines.iter().enumerate().map(|(i, l)| DocLine {
                    kind: LineKind::Paragraph(p),
                    line: Some(if i < last {
                        crate::text::justify(l, text, width, self.opts.justify)
                    } else {
                        l.clone()
                    }),
                    direction: laid.direction,
                }));
        }
        self.doc = doc;
    }

    /// Lays the pane out again (the mode or the justification changed) and
    /// keeps the paragraph at the top where it was.
    pub(super) fn relayout(&mut self) {
        let anchor = self.top_anchor();
        self.doc.lines.clear();
        self.rebuild_doc();
        if let Some(anchor) = anchor {
            self.scroll = self.line_of(anchor);
        }
        // The new layout may take fewer lines (a heading at the top has no anchor).
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// The paragraph at the top of the pane and the first source byte of
    /// its top line, to find the same place after a re-layout.
    pub(super) fn top_anchor(&self) -> Option<(usize, usize)> {
        let line = self.doc.lines.get(self.scroll)?;
        match line.kind {
            LineKind::Paragraph(p) => Some((p, line.line.as_ref().map_or(0, source_start))),
            _ => None,
        }
    }

    /// The line showing `byte` of paragraph `p` (the last line starting at or before it).
    pub(super) fn line_of(&self, (p, byte): (usize, usize)) -> usize {
        let Some(&first) = self.doc.para_start.get(p) else {
            return self.scroll;
        };
        let mut best = first;
        for (i, l) in self.doc.lines.iter().enumerate().skip(first) {
            if l.kind != LineKind::Paragraph(p) {
                break;
            }
            if l.line.as_ref().map_or(0, source_start) <= byte {
                best = i;
            }
        }
        best
    }
}

/// The first byte of the original paragraph shown on a line (glyphs are in
/// visual order, so the minimum, not the first).
fn source_start(line: &DisplayLine) -> usize {
    line.glyphs
        .iter()
        .map(|g| g.source.start)
        .min()
        .unwrap_or(0)
}

fn blank(direction: Direction) -> DocLine {
    DocLine {
        kind: LineKind::Blank,
        line: None,
        direction,
    }
}

fn push_lines(out: &mut Vec<DocLine>, kind: LineKind, lines: &[DisplayLine], direction: Direction) {
    out.extend(lines.iter().map(|l| DocLine {
        kind,
        line: Some(l.clone()),
        direction,
    }));
}

/// The label, its years when the label does not already say them, and the
/// editorial mark. `reading` is the interface direction, `paragraph` the
/// direction the heading is laid out in (see [`year_range`]).
pub fn heading_text(
    section: &crate::data::Section<'_>,
    strings: &Strings,
    reading: Direction,
    paragraph: Direction,
) -> String {
    let mut text = section.label.to_string();
    if let Some(years) = added_years(section) {
        text.push_str(" (");
        let context = crate::ui::years::context(&text, paragraph);
        text.push_str(&year_range(years, reading, context, strings.digits));
        text.push(')');
    }
    if section.editorial {
        text.push(' ');
        text.push_str(strings.editorial_mark);
    }
    text
}
