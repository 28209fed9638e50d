use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::*;
use crate::data::{Dataset, Direction, Entity, EntityKind, Era, Meta};
use crate::search::{Index, Target};
use crate::text::BidiMode;
use crate::ui::keymap::{Key, Keymap};
use crate::ui::strings::Lang;
use crate::ui::theme::Theme;

fn data() -> Dataset {
    let era = |id: &str, label: &str, y: i32, p: &str| Era {
        id: id.into(),
        label: label.into(),
        start: Some(y),
        end: Some(y + 9),
        editorial: false,
        paragraphs: vec![p.into()],
    };
    let ent = |id: &str, kind, name: &str, alias: &[&str], latin: &str| Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: alias.iter().map(|s| s.to_string()).collect(),
        latin: vec![latin.into()],
        note: format!("ملاحظة {id}"),
    };
    Dataset {
        schema: 1,
        meta: Meta::minimal("t", "s", "ar"),
        eras: vec![
            era(
                "1980s",
                "الثمانينيات",
                1980,
                "بعد صعود ميخائيل غورباتشوف إلى السلطة زار موسكو.",
            ),
            era(
                "1990s",
                "التسعينيات",
                1990,
                "في موسكو بقيادة الرئيس بوريس يلتسين، وموسكو.",
            ),
        ],
        related: Vec::new(),
        entities: vec![
            ent(
                "gorbachev",
                EntityKind::Person,
                "ميخائيل غورباتشوف",
                &["غورباتشوف"],
                "Mikhail Gorbachev",
            ),
            ent(
                "yeltsin",
                EntityKind::Person,
                "بوريس يلتسين",
                &["يلتسين"],
                "Boris Yeltsin",
            ),
            ent("moscow", EntityKind::Place, "موسكو", &[], "Moscow"),
        ],
    }
}

fn key(code: KeyCode) -> Key {
    Key::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> Key {
    Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn type_str(f: &mut Finder, ix: &Index, s: &str) {
    for c in s.chars() {
        assert_eq!(
            f.handle_key(key(KeyCode::Char(c)), ix, &Keymap::default()),
            FinderOutcome::Continue
        );
    }
}

fn draw(f: &Finder, ix: &Index, lang: Lang, layout_direction: Direction, mode: BidiMode) -> Buffer {
    let theme = Theme::mono();
    let ctx = FinderContext::new(
        ix,
        Look {
            lang,
            layout_direction,
            letterless: layout_direction,
            mode,
            theme: &theme,
            digits: crate::ui::digits::Digits::Latin,
        },
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 64, 16));
    f.render(buf.area, &mut buf, &ctx);
    buf
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn find_row(buf: &Buffer, needle: &str) -> Option<u16> {
    (0..buf.area.height).find(|&y| row(buf, y).contains(needle))
}

#[test]
fn typing_ranks_and_enter_jumps_to_the_mentions() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    assert_eq!(f.hits().len(), 3, "the empty query lists every entity");
    type_str(&mut f, &ix, "gorba");
    assert_eq!(f.query(), "gorba");
    assert_eq!(f.hits()[0].target, Target::Entity(0));
    let FinderOutcome::Jump(JumpTarget::Entity { entity, spots }) =
        f.handle_key(key(KeyCode::Enter), &ix, &Keymap::default())
    else {
        panic!("Enter should jump");
    };
    assert_eq!(entity, 0);
    assert_eq!(spots.len(), 1);
    assert_eq!(spots[0].section, SectionRef::Era(0));
    let p = &data().eras[0].paragraphs[0];
    assert_eq!(&p[spots[0].range.clone()], "ميخائيل غورباتشوف");
    assert_eq!(
        f.handle_key(key(KeyCode::Esc), &ix, &Keymap::default()),
        FinderOutcome::Close
    );
}

#[test]
fn selection_moves_and_clamps() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    f.handle_key(key(KeyCode::Down), &ix, &Keymap::default());
    f.handle_key(ctrl('n'), &ix, &Keymap::default());
    f.handle_key(ctrl('n'), &ix, &Keymap::default());
    assert_eq!(f.selected(), 2);
    f.handle_key(key(KeyCode::Up), &ix, &Keymap::default());
    assert_eq!(f.selected(), 1);
    f.handle_key(ctrl('p'), &ix, &Keymap::default());
    f.handle_key(ctrl('p'), &ix, &Keymap::default());
    assert_eq!(f.selected(), 0);
    type_str(&mut f, &ix, "zzzz");
    assert!(f.hits().is_empty());
    f.handle_key(key(KeyCode::Down), &ix, &Keymap::default());
    assert_eq!(
        f.handle_key(key(KeyCode::Enter), &ix, &Keymap::default()),
        FinderOutcome::Continue
    );
}

#[test]
fn line_editing() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "kim jong");
    f.handle_key(ctrl('w'), &ix, &Keymap::default());
    assert_eq!(f.query(), "kim ");
    f.handle_key(key(KeyCode::Backspace), &ix, &Keymap::default());
    assert_eq!(f.query(), "kim");
    // Latin query: ← goes back in the text.
    f.handle_key(key(KeyCode::Left), &ix, &Keymap::default());
    f.handle_key(key(KeyCode::Left), &ix, &Keymap::default());
    assert_eq!(f.cursor(), 1);
    type_str(&mut f, &ix, "X");
    assert_eq!(f.query(), "kXim");
    f.handle_key(key(KeyCode::Right), &ix, &Keymap::default());
    f.handle_key(key(KeyCode::Delete), &ix, &Keymap::default());
    assert_eq!(f.query(), "kXi");
    f.handle_key(key(KeyCode::Left), &ix, &Keymap::default());
    f.handle_key(ctrl('u'), &ix, &Keymap::default());
    assert_eq!((f.query(), f.cursor()), ("i", 0));
    // Arabic query: ← goes forward in the text (the line reads right to left).
    f.handle_key(ctrl('e'), &ix, &Keymap::default());
    f.handle_key(ctrl('u'), &ix, &Keymap::default());
    type_str(&mut f, &ix, "موسكو");
    f.handle_key(key(KeyCode::Home), &ix, &Keymap::default());
    f.handle_key(key(KeyCode::Left), &ix, &Keymap::default());
    assert_eq!(f.cursor(), "م".len());
    f.handle_key(key(KeyCode::Right), &ix, &Keymap::default());
    assert_eq!(f.cursor(), 0);
    f.handle_key(key(KeyCode::Backspace), &ix, &Keymap::default());
    assert_eq!(f.query(), "موسكو");
}

/// ←/→ move the way the arrow points on the line as drawn: the query's
/// direction is the one its drawing takes (the first strong character,
/// UAX #9), for Hebrew as for Arabic, and after leading digits.
#[test]
fn arrows_follow_the_direction_the_query_is_drawn_in() {
    let ix = Index::build(&data());
    let cases = [
        ("שלום", true),
        ("موسكو", true),
        ("1950 موسكو", true),
        ("kim", false),
        ("1950 kim", false),
    ];
    for (query, rtl) in cases {
        let (_, drawn) = crate::text::single_line(query, 64, BidiMode::App, None);
        assert_eq!(drawn == Direction::Rtl, rtl, "{query}: drawn");
        let mut f = Finder::new(&ix);
        type_str(&mut f, &ix, query);
        f.handle_key(key(KeyCode::Home), &ix, &Keymap::default());
        f.handle_key(key(KeyCode::Left), &ix, &Keymap::default());
        let first = query.chars().next().map_or(0, char::len_utf8);
        let expected = if rtl { first } else { 0 };
        assert_eq!(f.cursor(), expected, "{query}: ← from the start");
    }
}

#[test]
fn tab_switches_to_full_text_and_enter_jumps_there() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "موسكو");
    f.handle_key(key(KeyCode::Tab), &ix, &Keymap::default());
    assert_eq!(f.mode(), FinderMode::FullText);
    assert_eq!(f.text_hits().len(), 3);
    f.handle_key(key(KeyCode::Down), &ix, &Keymap::default());
    let FinderOutcome::Jump(JumpTarget::Text { spots, current, .. }) =
        f.handle_key(key(KeyCode::Enter), &ix, &Keymap::default())
    else {
        panic!("Enter should jump");
    };
    assert_eq!((spots.len(), current), (3, 1));
    assert_eq!(spots[1].section, SectionRef::Era(1));
    f.handle_key(key(KeyCode::Tab), &ix, &Keymap::default());
    assert_eq!(f.mode(), FinderMode::Names);
    assert_eq!(f.hits()[0].target, Target::Entity(2));
}

#[test]
fn renders_results_with_tags_names_counts_and_highlights() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "gorba");
    // Terminal mode: cells hold the logical, unshaped text.
    let buf = draw(&f, &ix, Lang::En, Direction::Ltr, BidiMode::Terminal);
    let y = find_row(&buf, "Mikhail Gorbachev").unwrap_or_else(|| panic!("no result row"));
    let line = row(&buf, y);
    assert!(line.contains("person"), "{line}");
    assert!(line.contains("ميخائيل غورباتشوف"), "{line}");
    assert!(
        line.trim_end().trim_end_matches('│').ends_with(" 1"),
        "mention count: {line}"
    );
    // The five matched Latin letters are highlighted (the row is selected: underlined).
    // Found by cell (RTL text in Terminal mode carries zero-width fence marks).
    let start = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "G" && buf[(x + 1, y)].symbol() == "o")
        .unwrap_or(0);
    for dx in 0..9 {
        let lit = buf[(start + dx, y)].modifier.contains(Modifier::UNDERLINED);
        assert_eq!(lit, dx < 5, "cell {dx}");
    }
    // Query line.
    assert!(find_row(&buf, "> gorba").is_some());
    // Preview: note and a sparkline over the two eras (mentioned in the first only).
    assert!(find_row(&buf, "ملاحظة gorbachev").is_some());
    assert!(
        find_row(&buf, "█· 1 mention · 1/2 eras").is_some(),
        "{:?}",
        (0..16).map(|y| row(&buf, y)).collect::<Vec<_>>()
    );
}

#[test]
fn arabic_interface_tags_and_mirrored_columns() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "يلتسين");
    let buf = draw(&f, &ix, Lang::Ar, Direction::Rtl, BidiMode::Terminal);
    let y = find_row(&buf, "Boris Yeltsin").unwrap_or_else(|| panic!("no result row"));
    let line = row(&buf, y);
    let tag = line.find("شخص").unwrap_or(0);
    let latin = line.find("Boris").unwrap_or(usize::MAX);
    assert!(tag > latin, "the kind tag sits on the right in RTL: {line}");
}

#[test]
fn arabic_query_reads_right_to_left_in_app_mode() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "بوب");
    let buf = draw(&f, &ix, Lang::Ar, Direction::Ltr, BidiMode::App);
    let y = find_row(&buf, ">").unwrap_or(0);
    let cells: Vec<String> = (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    // Shaped بوب: initial beh (U+FE91), final waw (U+FEEE), isolated beh (U+FE8F);
    // in visual order the first letter is rightmost.
    let letters: String = cells
        .concat()
        .chars()
        .filter(|c| ('\u{FE70}'..='\u{FEFF}').contains(c))
        .collect();
    assert_eq!(letters, "\u{FE8F}\u{FEEE}\u{FE91}");
    // The cursor (at the logical end) is the reversed cell just left of the text.
    let first = cells.iter().position(|c| c == "\u{FE8F}").unwrap_or(0) as u16;
    assert!(buf[(first - 1, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn hostile_names_do_not_reach_the_buffer_as_controls() {
    let mut d = data();
    d.entities[0].name = "غورباتشوف\u{1b}[2J\t\n".into();
    d.entities[0].note = "\u{1b}]0;x\u{7}".into();
    let ix = Index::build(&d);
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "gorba");
    let buf = draw(&f, &ix, Lang::En, Direction::Ltr, BidiMode::App);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn sparkline_scales_to_the_maximum() {
    assert_eq!(sparkline(&[0, 1, 2, 8]), "·▁▂█");
    assert_eq!(sparkline(&[]), "");
    assert_eq!(sparkline(&[3, 3]), "██");
}

#[test]
fn tiny_areas_do_not_panic() {
    let ix = Index::build(&data());
    let f = Finder::new(&ix);
    let theme = Theme::mono();
    let ctx = FinderContext::new(
        &ix,
        Look {
            lang: Lang::Ar,
            layout_direction: Direction::Rtl,
            letterless: Direction::Rtl,
            mode: BidiMode::App,
            theme: &theme,
            digits: crate::ui::digits::Digits::Latin,
        },
    );
    for (w, h) in [(0, 0), (1, 1), (5, 3), (10, 5), (24, 8), (30, 9)] {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        f.render(buf.area, &mut buf, &ctx);
    }
}

fn draw_with(f: &Finder, ix: &Index, theme: &Theme) -> Buffer {
    let ctx = FinderContext::new(
        ix,
        Look {
            lang: Lang::En,
            layout_direction: Direction::Ltr,
            letterless: Direction::Ltr,
            mode: BidiMode::Terminal,
            theme,
            digits: crate::ui::digits::Digits::Latin,
        },
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 64, 16));
    f.render(buf.area, &mut buf, &ctx);
    buf
}

/// A result that matched only some of the words: the others are dimmed
/// in the query line, the words it matched are not.
#[test]
fn words_a_result_dropped_are_dimmed() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "president gorbachev");
    assert_eq!(f.hits()[0].target, Target::Entity(0));
    assert_eq!(f.hits()[0].kind, crate::search::Match::Partial);
    let theme = Theme::dark();
    let buf = draw_with(&f, &ix, &theme);
    let y = find_row(&buf, "president gorbachev").unwrap_or(0);
    let line = row(&buf, y);
    let at = |word: &str| line.find(word).map_or(0, |b| line[..b].chars().count()) as u16;
    let fg = |x: u16| buf[(x, y)].fg;
    let dim = theme.dim.fg;
    assert!(dim.is_some());
    for x in at("president")..at("president") + 9 {
        assert_eq!(Some(fg(x)), dim, "column {x}");
    }
    for x in at("gorbachev")..at("gorbachev") + 9 {
        assert_ne!(Some(fg(x)), dim, "column {x}");
    }
    // A whole match dims nothing.
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "gorbachev");
    let buf = draw_with(&f, &ix, &theme);
    let y = find_row(&buf, "gorbachev").unwrap_or(0);
    assert!(
        (0..buf.area.width).all(|x| Some(buf[(x, y)].fg) != dim || buf[(x, y)].symbol() == " ")
    );
}

/// Arabic typed with a US layout active: the finder finds it and shows the
/// query it understood.
#[test]
fn a_layout_slip_shows_the_query_understood() {
    let ix = Index::build(&data());
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "l,s;,");
    assert_eq!(f.hits()[0].target, Target::Entity(2));
    assert_eq!(f.hits()[0].kind, crate::search::Match::Layout);
    assert!(f.understood().layout);
    assert_eq!(f.understood().text, "موسكو");
    let theme = Theme::dark();
    let buf = draw_with(&f, &ix, &theme);
    let y = find_row(&buf, "l,s;,").unwrap_or(0);
    let line = row(&buf, y);
    assert!(line.contains("= "), "{line:?}");
    let eq = line.chars().position(|c| c == '=').unwrap_or(0) as u16;
    assert_eq!(Some(buf[(eq, y)].fg), theme.dim.fg);
    // A query typed on the right layout shows no reading.
    let mut f = Finder::new(&ix);
    type_str(&mut f, &ix, "moscow");
    let buf = draw_with(&f, &ix, &theme);
    let y = find_row(&buf, "moscow").unwrap_or(0);
    assert!(!row(&buf, y).contains('='));
}
