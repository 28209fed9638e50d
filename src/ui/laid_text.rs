//! Draws laid-out text (from `crate::text`) into a ratatui buffer.
