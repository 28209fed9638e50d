//! Dataset schema, loading and validation.

pub mod model;

pub use model::*;

/// The dataset compiled into the binary, so `nkru-tui` needs no files.
pub const EMBEDDED: &str = include_str!("../../assets/nkru.toml");
/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_NAME: &str = "<embedded nkru.toml>";
