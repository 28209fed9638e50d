//! The help popup's content and how far it scrolls: the rows come from the
//! keymap in effect and the string table, the bound from the popup's height
//! on this screen, so the state never scrolls past the last row.

use ratatui::layout::Rect;

use super::action::Action;
use super::geometry::centered;
use super::keymap::Keymap;
use super::strings::Strings;

/// Cells across the help popup at most.
pub const WIDTH: u16 = 72;

/// The rows of the help popup: (keys, description); an empty key means a note.
pub fn rows(keymap: &Keymap, strings: &Strings) -> Vec<(String, &'static str)> {
    let row = |a: Action| {
        let keys: Vec<String> = keymap.keys(a).iter().map(ToString::to_string).collect();
        (keys.join(" "), a.about(strings.lang))
    };
    let (finder, browser): (Vec<Action>, Vec<Action>) =
        Action::bindable().partition(|a| a.is_finder());
    // First, readable in every mode: the way back from a mode this
    // terminal cannot show.
    let mut rows = vec![(row(Action::ToggleBidi).0, super::strings::MODE_ESCAPE)];
    rows.extend(browser.into_iter().map(row));
    rows.push((String::new(), strings.finder_keys));
    rows.extend(finder.into_iter().map(row));
    rows.push((String::new(), strings.mouse_keys));
    rows.push((String::new(), strings.editorial_note));
    rows
}

/// The popup's frame on a screen `area`, for `rows` rows.
pub fn outer(area: Rect, rows: usize) -> Rect {
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    centered(area, WIDTH, height)
}

/// The largest useful scroll: the first row shown when the last row is at
/// the bottom of the popup (0 when every row fits).
pub fn max_scroll(area: Rect, rows: usize) -> u16 {
    let inside = usize::from(outer(area, rows).height.saturating_sub(2));
    u16::try_from(rows.saturating_sub(inside)).unwrap_or(u16::MAX)
}
