//! Between the app and the finder popup: what drawing it over the app
//! takes from the app's state, and the selected result's text for a copy.
//! (Keys and jumps are the app's: `crate::ui::app`.)

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Finder, FinderContext, FinderMode, Look};
use crate::data::Dataset;
use crate::search::Index;
use crate::ui::app::App;

/// Draws the open finder over the screen `area`.
pub fn draw(app: &App, finder: &Finder, area: Rect, buf: &mut Buffer) {
    let opts = app.opts();
    let look = Look {
        lang: opts.lang,
        layout_direction: opts.layout_direction,
        // The direction of a text without letters: the empty one.
        letterless: app.text_direction(""),
        mode: opts.mode,
        theme: &opts.theme,
        digits: app.strings().digits,
    };
    match app.index() {
        Some(index) => finder.render(area, buf, &FinderContext::new(index, look)),
        None => {
            let (done, total) = app.index_progress().unwrap_or_default();
            let waiting = app.strings().indexing(done, total);
            finder.render_indexing(area, buf, &look, &waiting);
        }
    }
}

/// The selected result as the dataset spells it: the name (names mode) or
/// the whole paragraph of the hit (full-text mode).
pub fn selected_text(finder: &Finder, index: &Index, data: &Dataset) -> Option<String> {
    let at = finder.selected();
    match finder.mode() {
        FinderMode::Names => {
            let hit = finder.hits().get(at)?;
            Some(index.display_name(hit.target).to_string())
        }
        FinderMode::FullText => {
            let hit = finder.text_hits().get(at)?;
            let section = data.section(hit.section)?;
            section.paragraphs.get(hit.paragraph).cloned()
        }
    }
}
