//! The text layout engine: shaping, wrapping and bidi reordering with an
//! offset map back to the original text. Pure: no ratatui, no terminal.

/// Who turns logical text into what the eye reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BidiMode {
    /// We shape and reorder; lines come out in visual order.
    #[default]
    App,
    /// The terminal reorders and shapes; lines come out in logical order, unshaped.
    Terminal,
}
