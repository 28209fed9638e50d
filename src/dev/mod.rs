//! Support code for tests, benches and the `gen` example: the synthetic
//! dataset generator and the straightforward reference matcher the fast
//! search paths are checked against. Not part of the library a user links.
//!
//! It sits behind the `dev` feature rather than in `tests/`: the reference
//! matcher reads the search index's crate-private tables, which only code
//! inside the crate can see, and the lib's own unit tests use the generator
//! too. The package enables the feature for itself as a dev-dependency
//! (`Cargo.toml`), so `cargo test`, `cargo bench` and `cargo run --example
//! gen` build it with no flags, while `cargo build` and `cargo doc` leave it
//! out.

pub mod reference;
pub mod synth;
