//! Colours. `mono` (also forced by `NO_COLOR`) uses only reverse video, bold
//! and underline, so every state stays visible without colour.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub base: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    /// The selection when the sidebar does not have focus.
    pub selected_idle: Style,
    pub editorial: Style,
    pub separator: Style,
    pub heading: Style,
    pub highlight: Style,
    /// The mention `n`/`N` is on.
    pub highlight_current: Style,
    /// The letters a query matched, on the finder's selected row (patched
    /// over [`Theme::selected`]).
    pub selected_match: Style,
    pub ruler: Style,
    pub ruler_span: Style,
    pub ruler_selected: Style,
    pub status: Style,
    pub status_key: Style,
    /// Key names in the help popup.
    pub key: Style,
    pub message: Style,
    pub popup: Style,
    pub dim: Style,
}

impl Theme {
    /// The theme to use: `NO_COLOR` (set and non-empty, see no-color.org) wins.
    pub fn resolve(name: Option<ThemeName>, no_color: bool) -> Theme {
        if no_color {
            return Theme::mono();
        }
        match name.unwrap_or_default() {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            name: ThemeName::Mono,
            base: plain,
            title: bold,
            border: plain,
            border_focused: bold,
            selected: rev.add_modifier(Modifier::BOLD),
            selected_idle: bold.add_modifier(Modifier::UNDERLINED),
            editorial: Style::new().add_modifier(Modifier::ITALIC),
            separator: plain,
            heading: bold,
            highlight: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            highlight_current: rev,
            selected_match: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            ruler: plain,
            ruler_span: plain,
            ruler_selected: rev,
            status: rev,
            status_key: rev.add_modifier(Modifier::BOLD),
            key: bold,
            message: rev.add_modifier(Modifier::BOLD),
            popup: plain,
            dim: plain,
        }
    }

    pub fn dark() -> Theme {
        let fg = |c| Style::new().fg(c);
        Theme {
            name: ThemeName::Dark,
            base: Style::new(),
            title: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan),
            // Black text is never bold: many terminals (st, zutty, xterm and
            // tmux with bold-as-bright colours, mlterm) draw bold black as
            // dark grey, which all but vanishes on cyan or red.
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            // Black on light grey: white on dark grey is grey on grey in a
            // 16-colour palette.
            selected_idle: Style::new().fg(Color::Black).bg(Color::Gray),
            editorial: fg(Color::Yellow).add_modifier(Modifier::ITALIC),
            separator: fg(Color::DarkGray),
            heading: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            highlight: Style::new().fg(Color::Black).bg(Color::Yellow),
            // Bright green, not red: black on a palette's red is dark on dark.
            highlight_current: Style::new().fg(Color::Black).bg(Color::LightGreen),
            // The selection's colours swapped, not bold: bold black is grey
            // where a terminal brightens bold colours (st, zutty, tmux).
            selected_match: Style::new()
                .fg(Color::Cyan)
                .bg(Color::Black)
                .add_modifier(Modifier::UNDERLINED),
            ruler: fg(Color::Gray),
            ruler_span: fg(Color::Blue),
            ruler_selected: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            status_key: Style::new()
                .fg(Color::LightCyan)
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            key: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            message: Style::new().fg(Color::Black).bg(Color::Yellow),
            popup: Style::new(),
            dim: fg(Color::DarkGray),
        }
    }

    pub fn light() -> Theme {
        let fg = |c| Style::new().fg(c);
        Theme {
            name: ThemeName::Light,
            base: Style::new(),
            title: fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: fg(Color::Gray),
            border_focused: fg(Color::Blue),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_idle: Style::new().fg(Color::Black).bg(Color::Gray),
            editorial: fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            separator: fg(Color::Gray),
            heading: fg(Color::Red).add_modifier(Modifier::BOLD),
            highlight: Style::new().fg(Color::Black).bg(Color::LightYellow),
            highlight_current: Style::new().fg(Color::Black).bg(Color::LightGreen),
            selected_match: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            ruler: fg(Color::DarkGray),
            ruler_span: fg(Color::Blue),
            ruler_selected: fg(Color::Red).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_key: Style::new()
                .fg(Color::Blue)
                .bg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            key: fg(Color::Blue).add_modifier(Modifier::BOLD),
            message: Style::new().fg(Color::Black).bg(Color::LightYellow),
            popup: Style::new(),
            dim: fg(Color::Gray),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bold black is dark grey in terminals that brighten bold colours:
    /// selected rows and the current mention all but vanished there.
    #[test]
    fn black_text_is_never_bold() {
        for theme in [Theme::dark(), Theme::light()] {
            let t = &theme;
            for (name, style) in [
                ("title", t.title),
                ("selected", t.selected),
                ("selected_idle", t.selected_idle),
                ("editorial", t.editorial),
                ("heading", t.heading),
                ("highlight", t.highlight),
                ("highlight_current", t.highlight_current),
                ("selected_match", t.selected.patch(t.selected_match)),
                ("ruler_selected", t.ruler_selected),
                ("status", t.status),
                ("status_key", t.status_key),
                ("key", t.key),
                ("message", t.message),
            ] {
                let black = style.fg == Some(Color::Black);
                let bold = style.add_modifier.contains(Modifier::BOLD);
                assert!(!(black && bold), "{:?} theme: {name} is bold black", t.name);
            }
        }
    }

    /// The relative luminance (WCAG 2) of a colour of the 16-colour palette
    /// xterm and mlterm ship, which 256-colour terminals keep for 0–15.
    fn luminance(c: Color) -> f64 {
        let rgb: [u8; 3] = match c {
            Color::Black => [0, 0, 0],
            Color::Red => [0xcd, 0, 0],
            Color::Green => [0, 0xcd, 0],
            Color::Yellow => [0xcd, 0xcd, 0],
            Color::Blue => [0, 0, 0xee],
            Color::Magenta => [0xcd, 0, 0xcd],
            Color::Cyan => [0, 0xcd, 0xcd],
            Color::Gray => [0xe5, 0xe5, 0xe5],
            Color::DarkGray => [0x7f, 0x7f, 0x7f],
            Color::LightRed => [0xff, 0, 0],
            Color::LightGreen => [0, 0xff, 0],
            Color::LightYellow => [0xff, 0xff, 0],
            Color::LightBlue => [0x5c, 0x5c, 0xff],
            Color::LightMagenta => [0xff, 0, 0xff],
            Color::LightCyan => [0, 0xff, 0xff],
            Color::White => [0xff, 0xff, 0xff],
            other => panic!("not a palette colour: {other:?}"),
        };
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    /// The selection and the mentions are read letter by letter: their text
    /// keeps a contrast of at least 7:1 (WCAG's AAA) with its background in
    /// the 16-colour palette, bold black taken as the bright black that
    /// terminals which brighten bold colours draw.
    #[test]
    fn selections_and_mentions_have_contrast() {
        for t in [Theme::dark(), Theme::light()] {
            for (name, style) in [
                ("selected", t.selected),
                ("selected_idle", t.selected_idle),
                ("selected_match", t.selected.patch(t.selected_match)),
                ("highlight", t.highlight),
                ("highlight_current", t.highlight_current),
            ] {
                let (Some(mut fg), Some(bg)) = (style.fg, style.bg) else {
                    panic!("{:?} theme: {name} has no colours", t.name);
                };
                let bold = style.add_modifier.contains(Modifier::BOLD);
                if bold && fg == Color::Black {
                    fg = Color::DarkGray;
                }
                let (a, b) = (luminance(fg), luminance(bg));
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(
                    ratio >= 7.0,
                    "{:?} theme: {name} has contrast {ratio:.2}",
                    t.name
                );
            }
        }
    }
}
