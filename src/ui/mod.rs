//! The ratatui application.

pub mod finder;
pub mod laid_text;
