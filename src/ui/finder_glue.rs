//! Integration of the finder popup (`super::finder`): drawing it over the
//! app, routing keys to it while it is open, performing its jumps.

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;
use super::finder::{Finder, FinderContext, FinderOutcome, JumpTarget};

pub fn draw(app: &App, finder: &Finder, area: Rect, buf: &mut Buffer) {
    let ctx = FinderContext {
        index: &app.index,
        lang: app.opts.lang,
        chrome: app.opts.chrome,
        // The direction of a text without letters: the empty one.
        letterless: app.text_direction(""),
        mode: app.opts.mode,
        theme: &app.opts.theme,
    };
    finder.render(area, buf, &ctx);
}

/// A key while the finder is open.
pub fn key(app: &mut App, ev: &KeyEvent) {
    let index = Arc::clone(&app.index);
    let Some(finder) = app.finder.as_mut() else {
        return;
    };
    match finder.handle_key(*ev, &index) {
        FinderOutcome::Continue => {}
        FinderOutcome::Close => app.finder = None,
        FinderOutcome::Jump(target) => {
            app.finder = None;
            jump(app, target);
        }
    }
}

/// Performs a jump: select, scroll, highlight.
pub fn jump(app: &mut App, target: JumpTarget) {
    match target {
        JumpTarget::Entity { entity, spots } => {
            let name = app
                .index
                .entity(entity)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            if spots.is_empty() {
                app.highlights = None;
                app.message = Some(format!(
                    "{}: {}",
                    crate::text::display_safe(&name),
                    app.strings.no_results
                ));
                return;
            }
            app.set_highlights(crate::text::display_safe(&name), spots, 0);
        }
        JumpTarget::Era(era) => {
            app.select(era);
            app.focus = super::app::Focus::Detail;
        }
        JumpTarget::Text {
            query,
            spots,
            current,
        } => {
            app.set_highlights(crate::text::display_safe(&query), spots, current);
        }
    }
}
