//! `nkru-tui search`: ranked finder results on stdout.
