//! `nkru-tui show`: eras laid out as the detail pane shows them.
