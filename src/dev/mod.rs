//! Support code for tests, benches and the `gen` example: the synthetic
//! dataset generator and the reference for search, written from
//! docs/search.md alone, that the index is checked against. Not part of
//! the library a user links.
//!
//! It sits behind the `dev` feature rather than in `tests/`: the lib's own
//! unit tests use the generator, and the tests, benches and examples share
//! both. The package enables the feature for itself as a dev-dependency
//! (`Cargo.toml`), so `cargo test`, `cargo bench` and `cargo run --example
//! gen` build it with no flags, while `cargo build` and `cargo doc` leave it
//! out.

pub mod reference;
pub mod synth;
