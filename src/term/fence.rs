//! VTE's form of the fence around a right-to-left line in terminal mode.
//!
//! The layout engine fences each right-to-left line with marks (LRM RLM
//! before it, RLM LRM after it: [`crate::text::RTL_FENCE_START`]), which
//! ride in the cell before the line and in its last glyph. VTE keeps a
//! zero-width mark with the cell before it and draws a cell holding one
//! through Pango, which runs the bidi algorithm over that cell's own text:
//! a last glyph that VTE mirrored (the closing bracket of `(1970–1979)`)
//! followed by RLM, the cell's first strong character, is taken as
//! right-to-left and mirrored a second time (`)1979–1970)`). So for VTE the
//! line is an isolate instead, LRM RLI before it and PDI LRM after it: the
//! same resolution in VTE's bidi (the line's direction right to left from
//! its start to its end, whatever neutrals lead or trail it), and the first
//! strong character of the last cell's text is the LRM. mlterm draws RLI and
//! PDI as cells of their own, so it keeps the marks.

use crate::text::{RTL_FENCE_END, RTL_FENCE_START};

/// LRM RLI: opens a right-to-left line's isolate.
pub const ISOLATE_START: &str = "\u{200E}\u{2067}";
/// PDI LRM: closes it.
pub const ISOLATE_END: &str = "\u{2069}\u{200E}";

/// `symbol` with the fence marks it carries (a line's start at its front
/// or end, a line's end at its end) in VTE's form; `None` when it carries
/// none.
pub fn isolated(symbol: &str) -> Option<String> {
    if !symbol.contains('\u{200F}') {
        return None;
    }
    let mut rest = symbol;
    let lead = rest.strip_prefix(RTL_FENCE_START).inspect(|r| rest = r);
    let start = rest.strip_suffix(RTL_FENCE_START).inspect(|r| rest = r);
    let end = rest.strip_suffix(RTL_FENCE_END).inspect(|r| rest = r);
    if lead.is_none() && start.is_none() && end.is_none() {
        return None;
    }
    let mut out = String::with_capacity(symbol.len() + 4);
    if lead.is_some() {
        out.push_str(ISOLATE_START);
    }
    out.push_str(rest);
    if end.is_some() {
        out.push_str(ISOLATE_END);
    }
    if start.is_some() {
        out.push_str(ISOLATE_START);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mark_pair_becomes_its_isolate_form() {
        let s = RTL_FENCE_START;
        let e = RTL_FENCE_END;
        assert_eq!(
            isolated(&format!(")   {e}")).as_deref(),
            Some(")   \u{2069}\u{200E}")
        );
        assert_eq!(
            isolated(&format!(" {s}")).as_deref(),
            Some(" \u{200E}\u{2067}")
        );
        assert_eq!(
            isolated(&format!("{s}ا")).as_deref(),
            Some("\u{200E}\u{2067}ا")
        );
        // One glyph that ends one line and stands before the next.
        assert_eq!(
            isolated(&format!("ا{e}{s}")).as_deref(),
            Some("ا\u{2069}\u{200E}\u{200E}\u{2067}")
        );
        // A one-glyph line.
        assert_eq!(
            isolated(&format!("{s}ا{e}")).as_deref(),
            Some("\u{200E}\u{2067}ا\u{2069}\u{200E}")
        );
        assert_eq!(isolated("a"), None);
        assert_eq!(isolated("\u{200F}"), None);
    }
}
