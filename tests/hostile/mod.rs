//! A dataset no loader accepts: the embedded article with escape sequences,
//! control characters and bidi overrides written into every string a screen
//! shows. It is built in memory, so validation never sees it: only the
//! layout engine's sanitizer stands between it and the cells. Shared by
//! `tui` and `hardening_tui`.
#![allow(dead_code)]

use nkru_tui::data::Dataset;
use nkru_tui::text::{RTL_FENCE_END, RTL_FENCE_START};
use ratatui::buffer::Buffer;

/// What is written into the text: a CSI colour, an OSC title, a C1 CSI,
/// CR LF, a tab, NEL, DEL; a right-to-left override over a Latin word (which
/// would show it backwards) and an embedding, closed; isolates, marks, line
/// separator, BOM, zero-width space, soft hyphen; and tag characters, which
/// join the letter before them in one grapheme cluster.
pub const INJECTED: &str = "\u{1b}[31m\u{1b}]0;pwned\u{7}\u{9b}2J\r\n\t\u{85}\u{7f}\
    \u{202E}Trojan\u{202C}\u{202B}\u{2067}\u{2069}\u{200E}\u{61C}\u{200F}\u{2028}\u{FEFF}\
    \u{200B}\u{AD}x\u{E0041}\u{E0042} ";

/// The word the override in [`INJECTED`] covers; with the override obeyed
/// the screen would show [`BACKWARDS`] instead.
pub const WORD: &str = "Trojan";
pub const BACKWARDS: &str = "najorT";

/// True for a char of [`INJECTED`] that must never reach a cell: every one
/// that is not printable ASCII.
pub fn forbidden(c: char) -> bool {
    !matches!(c, ' '..='~') && INJECTED.contains(c)
}

/// `s` with [`INJECTED`] before it, after its first word and after it.
fn spoil(s: &str) -> String {
    let middle = match s.find(' ') {
        Some(at) => format!("{} {INJECTED}{}", &s[..at], &s[at + 1..]),
        None => s.to_string(),
    };
    format!("{INJECTED}{middle}{INJECTED}")
}

/// The embedded dataset with [`INJECTED`] in its title, source and
/// attribution, every era's and related item's label and paragraphs, and
/// every entity's name, note, Latin spellings (after the spelling, so that
/// typing it still finds it) and a copy of each alias.
pub fn dataset() -> Dataset {
    let mut data = nkru_tui::data::embedded().expect("embedded dataset");
    data.meta.title = spoil(&data.meta.title);
    data.meta.source = spoil(&data.meta.source);
    data.meta.attribution = Some(spoil(data.meta.attribution.as_deref().unwrap_or("")));
    for era in &mut data.eras {
        era.label = spoil(&era.label);
        for p in &mut era.paragraphs {
            *p = spoil(p);
        }
    }
    for item in &mut data.related {
        item.heading = spoil(&item.heading);
        item.title = item.title.as_deref().map(spoil);
        for p in &mut item.paragraphs {
            *p = spoil(p);
        }
    }
    for entity in &mut data.entities {
        // The clean spellings stay as aliases, so mentions are still found.
        let spoiled: Vec<String> = entity.aliases.iter().map(|a| spoil(a)).collect();
        entity.aliases.push(entity.name.clone());
        entity.aliases.extend(spoiled);
        entity.name = spoil(&entity.name);
        entity.note = spoil(&entity.note);
        for latin in &mut entity.latin {
            latin.push_str(INJECTED);
        }
    }
    data
}

/// Cells whose symbol holds a control character or a char of [`INJECTED`]
/// ([`forbidden`]), as (x, y, escaped symbol). The marks a Terminal-mode
/// row is fenced with ([`RTL_FENCE_START`], [`RTL_FENCE_END`]) are the
/// painter's own and are taken out first.
pub fn unsafe_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buf.area;
    let mut bad = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = buf[(x, y)].symbol();
            let own = symbol
                .replace(RTL_FENCE_START, "")
                .replace(RTL_FENCE_END, "");
            if own.chars().any(|c| c.is_control() || forbidden(c)) {
                bad.push((x, y, symbol.escape_unicode().to_string()));
            }
        }
    }
    bad
}

/// The rows of `buf` as text, to look for words in.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}
