//! Dataset schema, loading and validation.
//!
//! [`parse`] / [`load_file`] / [`embedded`] give a valid [`Dataset`] or the first
//! error as a one-line [`DataError`] (`origin:line:column: error: message`);
//! [`check`] collects every error and warning: every schema mistake (a wrong
//! type, an unknown or missing key) at once, or else every validation finding.

pub mod diag;
pub mod load;
pub mod model;
mod pieces;
pub(crate) mod schema;
pub mod validate;

pub use diag::{DataError, Diagnostic, Position, Severity};
pub use load::{CheckReport, check, check_file, embedded, load_file, parse, read_source};
pub use model::*;

/// The dataset compiled into the binary, so `nkru-tui` needs no files.
pub const EMBEDDED: &str = include_str!("../../assets/nkru.toml");
/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_NAME: &str = "<embedded nkru.toml>";
