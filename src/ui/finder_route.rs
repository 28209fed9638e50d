//! Routing between the app and the finder popup (`super::finder`): drawing it
//! over the app, sending it keys while it is open, performing its jumps.

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Effect};
use super::finder::{Finder, FinderContext, FinderMode, FinderOutcome, JumpTarget};

pub fn draw(app: &App, finder: &Finder, area: Rect, buf: &mut Buffer) {
    let ctx = FinderContext {
        index: &app.index,
        lang: app.opts.lang,
        layout_direction: app.opts.layout_direction,
        // The direction of a text without letters: the empty one.
        letterless: app.text_direction(""),
        mode: app.opts.mode,
        theme: &app.opts.theme,
        digits: app.strings.digits,
    };
    finder.render(area, buf, &ctx);
}

/// A key while the finder is open: the keymap's finder bindings, else typing.
pub fn key(app: &mut App, ev: &KeyEvent) {
    let index = Arc::clone(&app.index);
    let Some(finder) = app.finder.as_mut() else {
        return;
    };
    let outcome = finder.handle_key(*ev, &index, &app.opts.keymap);
    finish(app, outcome);
}

/// A finder action reaching [`App::update`] (not through a key).
pub fn apply(app: &mut App, action: Action) {
    let index = Arc::clone(&app.index);
    let Some(finder) = app.finder.as_mut() else {
        return;
    };
    let outcome = finder.apply(action, &index);
    finish(app, outcome);
}

fn finish(app: &mut App, outcome: FinderOutcome) {
    match outcome {
        FinderOutcome::Continue => {}
        FinderOutcome::Copy => {
            if let Some(text) = app.finder.as_ref().and_then(|f| selected_text(app, f)) {
                app.effects.push(Effect::Copy(text));
            }
        }
        FinderOutcome::Close => {
            app.finder = None;
            app.effects.push(Effect::Repaint);
        }
        FinderOutcome::Jump(target) => {
            app.finder = None;
            app.effects.push(Effect::Repaint);
            jump(app, target);
        }
    }
}

/// The selected result as the dataset spells it: the name (names mode) or
/// the whole paragraph of the hit (full-text mode).
pub fn selected_text(app: &App, finder: &Finder) -> Option<String> {
    let at = finder.selected();
    match finder.mode() {
        FinderMode::Names => {
            let hit = finder.hits().get(at)?;
            Some(app.index.display_name(hit.target).to_string())
        }
        FinderMode::FullText => {
            let hit = finder.text_hits().get(at)?;
            let section = app.data.section(hit.section)?;
            section.paragraphs.get(hit.paragraph).cloned()
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
