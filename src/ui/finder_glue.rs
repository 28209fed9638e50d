//! Integration of the finder popup (`super::finder`, written separately):
//! opening it, routing keys while it is open, performing its jumps.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;

/// The open finder. Placeholder until the finder component lands.
#[derive(Debug, Default)]
pub struct FinderSlot;

pub fn draw(_app: &App, _finder: &FinderSlot, _area: Rect, _buf: &mut Buffer) {}

/// A key while the finder is open. Placeholder: Esc closes.
pub fn key(app: &mut App, ev: &crossterm::event::KeyEvent) {
    if ev.code == crossterm::event::KeyCode::Esc {
        app.finder = None;
    }
}
