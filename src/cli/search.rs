//! `nkru-tui search`: ranked finder results on stdout.
//!
//! One result a line, tab-separated: `kind id score name latin mention-count`
//! (fields cleaned of tabs, line breaks and other control characters, so a
//! line is always one result and nothing from the data can drive the
//! terminal). `--json`: an array of objects with those fields, `match`
//! (why it matched: `exact`, `prefix`, `fuzzy`, `variant`, `typo`, `partial`,
//! `note` or `layout`), `dropped` (the words of the query, as typed, that the
//! result did not match), and every mention `{era, paragraph, start, end}`
//! (byte offsets in the original paragraph; `era` is the section id, an era
//! or a related item).

use std::io::Write;

use serde::Serialize;

use crate::data::Dataset;
use crate::search::{Hit, Index, IndexBuilder, Parts, Target};

#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    kind: &'a str,
    id: &'a str,
    score: i64,
    /// Why it matched: `exact`, `prefix`, `fuzzy`, `variant`, `typo`,
    /// `partial`, `note` or `layout`.
    #[serde(rename = "match")]
    how: &'static str,
    /// The words of the query the result did not match, as typed.
    dropped: Vec<&'a str>,
    name: &'a str,
    latin: &'a str,
    mention_count: usize,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonMention<'a> {
    era: &'a str,
    paragraph: usize,
    start: usize,
    end: usize,
}

/// The results could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the results: {0}")]
pub struct SearchError(#[from] std::io::Error);

/// Print the results of `query`; no result prints nothing (or `[]` with `--json`).
pub fn run(
    data: &Dataset,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), SearchError> {
    // Name search: the names and their mentions, not the folded text.
    let index = IndexBuilder::new().parts(Parts::NAMES).build(data);
    let hits = index.find(query, limit);
    let rows: Vec<JsonHit> = hits
        .iter()
        .filter_map(|h| row(data, &index, h, query))
        .collect();
    let written = if json {
        write_json(&rows, out)
    } else {
        write_lines(&rows, out)
    };
    drop(rows);
    // The process ends after this: freeing the index's allocations one by
    // one would only delay the exit (a tenth of a second on a large dataset).
    std::mem::forget(index);
    Ok(written?)
}

fn row<'a>(data: &'a Dataset, index: &'a Index, hit: &Hit, query: &'a str) -> Option<JsonHit<'a>> {
    let kind = index.kind_of(hit.target);
    let dropped: Vec<&str> = hit
        .dropped
        .iter()
        .filter_map(|r| query.get(r.clone()))
        .collect();
    match hit.target {
        Target::Entity(i) => {
            let e = data.entities.get(i)?;
            let mentions = index
                .mentions_of(i)
                .map(|m| JsonMention {
                    era: index.section(m.section).map_or("", |s| s.0),
                    paragraph: m.paragraph,
                    start: m.range.start,
                    end: m.range.end,
                })
                .collect();
            let latin = e.latin.first().map_or("", String::as_str);
            let mention_count = index.mention_count(i);
            Some(JsonHit {
                kind,
                id: &e.id,
                score: hit.score,
                how: hit.kind.name(),
                dropped,
                name: &e.name,
                latin,
                mention_count,
                mentions,
            })
        }
        Target::Era(i) => {
            let era = data.eras.get(i)?;
            let (id, name, score) = (&era.id, &era.label, hit.score);
            Some(JsonHit {
                kind,
                id,
                score,
                how: hit.kind.name(),
                dropped,
                name,
                latin: "",
                mention_count: 0,
                mentions: Vec::new(),
            })
        }
    }
}

fn write_lines(rows: &[JsonHit], out: &mut dyn Write) -> std::io::Result<()> {
    for r in rows {
        let fields = [
            r.kind,
            r.id,
            &r.score.to_string(),
            r.name,
            r.latin,
            &r.mention_count.to_string(),
        ];
        let clean: Vec<String> = fields.iter().map(|f| field(f)).collect();
        writeln!(out, "{}", clean.join("\t"))?;
    }
    out.flush()
}

fn write_json(rows: &[JsonHit], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)?;
    out.flush()
}

/// One TSV field: control characters (tab, line breaks, escape...) and the
/// Unicode line/paragraph separators become spaces.
pub fn field(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    // Bidi marks and other invisible format characters would reorder the
    // line in a terminal: the same placeholder as everywhere else on screen.
    crate::text::display_safe(&one_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_one_line() {
        assert_eq!(field("a\tb\nc\r\u{1b}[2J\u{85}\u{2028}d"), "a b c  [2J  d");
        assert_eq!(field("a\u{200f}b\u{202e}c"), "a\u{fffd}b\u{fffd}c");
    }
}
