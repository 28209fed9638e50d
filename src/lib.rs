//! `nkru-tui`: a terminal browser for an Arabic historical timeline.
//!
//! Module map (data flows top to bottom):
//! - [`data`]: the schema, loading and validation of a TOML dataset;
//! - [`text`]: the pure layout engine (shaping, wrapping, bidi) with offset maps;
//! - [`search`]: normalization, mention detection and fuzzy matching;
//! - [`ui`]: the ratatui application (state, actions, keymap, views);
//! - [`term`]: terminal setup, bidi mode sequences and restore on every exit path;
//! - [`cli`]: the command-line surface.
#![forbid(unsafe_code)]

pub mod cli;
pub mod data;
#[cfg(any(test, feature = "dev"))]
pub mod dev;
pub mod search;
pub mod term;
pub mod text;
pub mod ui;
