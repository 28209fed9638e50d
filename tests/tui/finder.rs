//! The finder in the app: jumps, mentions, paste, how results are drawn.

use super::*;

// ---- finder integration ----------------------------------------------------------

#[test]
fn finder_jump_highlights_the_mention_and_esc_clears() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    assert!(a.finder().is_some(), "/ opens the finder");
    type_text(&mut a, "gorba");
    assert!(!a.quit() && a.finder().is_some(), "letters go to the query");
    a.update(&key(KeyCode::Enter));
    assert!(a.finder().is_none(), "Enter closes the finder");
    assert_eq!(label_of(&a), "الثمانينيات");
    let (at, of) = a.spot_position().expect("highlights");
    assert_eq!((at, of), (1, 1), "Gorbachev is mentioned once");
    let marks = a.highlights_in(0);
    assert_eq!(marks.len(), 1);
    let paragraph = &a.data().eras[a.selected()].paragraphs[0];
    assert_eq!(&paragraph[marks[0].0.clone()], "ميخائيل غورباتشوف");
    assert!(nkru_tui::ui::view::status::hints(&a).contains("1/1"));
    // The highlighted glyphs are drawn in the highlight style.
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let styled = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.bg == a.opts().theme.highlight_current.bg.expect("bg"))
        .count();
    assert!(
        styled >= "ميخائيل غورباتشوف".chars().count() - 2,
        "{styled} highlighted cells"
    );
    a.update(&key(KeyCode::Esc));
    assert_eq!(a.spot_position(), None);
}

/// The pane shows `spot` where a jump puts it: the line holding its first
/// byte (found from the laid-out glyphs) a third of the pane's height from
/// the top, or as near as the end of the text allows, and its glyphs drawn
/// in the current mention's colour.
fn assert_current_mention_in_view(a: &App, spot: &Spot) {
    let line = a
        .doc()
        .lines
        .iter()
        .position(|l| {
            l.kind == LineKind::Paragraph(spot.paragraph)
                && l.line.as_ref().is_some_and(|dl| {
                    dl.glyphs
                        .iter()
                        .any(|g| g.source.contains(&spot.range.start))
                })
        })
        .expect("a line shows the mention");
    let height = usize::from(a.geometry().detail_text.height);
    let expected = line.saturating_sub(height / 3).min(a.max_scroll());
    assert_eq!(
        a.scroll(),
        expected,
        "the mention's line {line} at a third of {height} rows"
    );
    assert!(a.scroll() <= line && line < a.scroll() + height);
    let mut terminal = Terminal::new(TestBackend::new(a.size().0, a.size().1)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, a)).expect("draw");
    let current = a.opts().theme.highlight_current.bg.expect("bg");
    let area = a.geometry().detail_text;
    let buffer = terminal.backend().buffer();
    let row = area.y + (line - a.scroll()) as u16;
    let lit = (area.x..area.right())
        .filter(|&x| buffer[(x, row)].bg == current)
        .count();
    assert!(lit > 0, "the mention's row {row} shows it highlighted");
}

#[test]
fn finder_n_cycles_through_every_mention_across_eras() {
    let mut a = app((100, 30));
    a.update(&KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    assert!(a.finder().is_some(), "Ctrl-K opens the finder");
    type_text(&mut a, "putin");
    a.update(&key(KeyCode::Enter));
    let (_, total) = a.spot_position().expect("highlights");
    assert!(total > 3, "Putin is mentioned often: {total}");
    let mut sections = std::collections::BTreeSet::new();
    for i in 0..total {
        assert_eq!(a.spot_position(), Some((i + 1, total)));
        sections.insert(a.selected());
        let current = a
            .highlights()
            .as_ref()
            .map(|h| h.spots[h.current].clone())
            .expect("spot");
        assert_current_mention_in_view(&a, &current);
        a.update(&key(KeyCode::Char('n')));
    }
    assert_eq!(a.spot_position(), Some((1, total)), "wrapped");
    assert!(sections.len() > 1, "mentions span several eras");
}

#[test]
fn finder_esc_closes_without_jumping() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "q");
    assert!(!a.quit());
    a.update(&key(KeyCode::Esc));
    assert!(a.finder().is_none());
    assert_eq!(a.selected(), 0);
    assert_eq!(a.spot_position(), None);
    a.update(&KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    a.update(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(a.quit(), "Ctrl-C quits even from the finder");
}

#[test]
fn a_paste_goes_into_the_finder_query_as_one_capped_line() {
    use crossterm::event::Event;
    use nkru_tui::ui::finder::QUERY_CAP;
    use nkru_tui::ui::run::apply;
    let mut a = app((100, 30));
    // Outside the finder a paste does nothing (its `q` is not a key).
    apply(&mut a, Event::Paste("q/".into()));
    assert!(!a.quit() && a.finder().is_none());
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "ab");
    a.update(&key(KeyCode::Left));
    apply(
        &mut a,
        Event::Paste("x\r\ny\tz\u{7}\u{1b}[31m\u{2028}w".into()),
    );
    let query = |a: &App| a.finder().as_ref().map(|f| f.query().to_string());
    assert_eq!(query(&a).as_deref(), Some("ax y z[31m wb"));
    // A long paste fills the query up to the cap, no further.
    apply(&mut a, Event::Paste("م".repeat(10_000)));
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
    apply(&mut a, Event::Paste("more".into()));
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
    // Typing stops there too.
    type_text(&mut a, "zz");
    assert_eq!(query(&a).map(|q| q.chars().count()), Some(QUERY_CAP));
}

/// An era found by its year reads in the finder as in the sidebar and the
/// heading, in the mirrored interface and in the left-to-right one.
#[test]
fn finder_shows_digit_only_era_labels_like_the_sidebar() {
    let dir = tempfile::tempdir().expect("tempdir");
    for layout in [None, Some(LayoutChoice::Ltr)] {
        let global = GlobalArgs {
            layout,
            ..GlobalArgs::default()
        };
        let mut a = app_in(dir.path(), &global, &[], (100, 30)).app;
        a.update(&key(KeyCode::Char('/')));
        type_text(&mut a, "1946");
        let shown = screen(&a);
        // The result row: the era's label and its kind tag (حقبة, shaped).
        assert!(
            shown
                .lines()
                .any(|l| l.contains("1948 -1945") && l.contains("ﺔﺒﻘﺣ")),
            "{layout:?}: {shown}"
        );
    }
}

/// Variants and typos are guesses: their rows are drawn in the quieter
/// (dim) style, except the selected one; a direct hit is not.
#[test]
fn finder_draws_guesses_quieter() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "kim jung");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let dim = a.opts().theme.dim.fg.expect("dim colour");
    let row_of = |needle: &str| {
        (0..buf.area.height).find(|&y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains(needle)
        })
    };
    let y = row_of("Kim Jong Il").expect("the second guess is listed");
    let cells = (0..buf.area.width).filter(|&x| buf[(x, y)].symbol() == "J");
    assert!(cells.clone().count() > 0);
    assert!(cells.into_iter().all(|x| buf[(x, y)].fg == dim), "row {y}");
    // A direct (prefix) hit in the same place is not dim.
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "kim jong");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let y = (0..buf.area.height)
        .find(|&y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains("Kim Jong Il")
        })
        .expect("listed");
    assert!((0..buf.area.width).all(|x| buf[(x, y)].symbol() != "J" || buf[(x, y)].fg != dim));
}

/// A query longer than search reads shows the ignored part struck through.
#[test]
fn finder_marks_the_ignored_tail_of_a_long_query() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, &"ab".repeat(150));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
    let struck = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::CROSSED_OUT))
        .count();
    assert!(struck > 0, "no struck-through cells");
}

/// The selected row's first column (the entity type) is drawn in the row's
/// own colours, not the dim grey that all but vanishes on the selection.
#[test]
fn the_selected_finder_row_shows_its_type_as_legibly_as_its_name() {
    use nkru_tui::ui::theme::Theme;
    for (name, theme) in [("dark", Theme::dark()), ("light", Theme::light())] {
        let config = format!("theme = \"{name}\"\n");
        let mut a = super::reading::app_with_config(&ltr_en(), &config, (100, 30));
        assert_eq!(a.opts().theme.selected, theme.selected, "{name}");
        a.update(&key(KeyCode::Char('/')));
        type_text(&mut a, "gorba");
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        terminal.draw(|f| Painter::new().draw(f, &a)).expect("draw");
        let buf = terminal.backend().buffer().clone();
        let selected = a.opts().theme.selected;
        let word: Vec<char> = "person".chars().collect();
        let starts: Vec<(u16, u16)> = (0..buf.area.height)
            .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                (0..word.len() as u16).all(|i| {
                    x + i < buf.area.width
                        && buf[(x + i, y)].symbol() == word[usize::from(i)].to_string()
                })
            })
            .collect();
        let Some(&(x0, y)) = starts
            .iter()
            .find(|&&(x, y)| buf[(x, y)].bg == selected.bg.expect("bg"))
        else {
            panic!("the selected row shows its type: {starts:?}");
        };
        for x in x0..x0 + word.len() as u16 {
            assert_eq!(
                buf[(x, y)].fg,
                selected.fg.expect("selection text colour"),
                "{:?} x {x}",
                a.opts().theme.name
            );
        }
    }
}
