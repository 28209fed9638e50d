//! The finder popup.
