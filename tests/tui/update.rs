//! `App::update` for every action: navigation, focus, scrolling, popups
//! and their effects, resizes, the mouse, highlights; and a storm of random
//! actions.

use super::*;

// ---- App::update -------------------------------------------------------

#[test]
fn sidebar_navigation_clamps_at_both_ends() {
    let mut a = app((100, 30));
    assert_eq!(a.selected(), 0);
    a.update(Action::Up);
    assert_eq!(a.selected(), 0, "up at the first era stays");
    a.update(Action::Down);
    assert_eq!(a.selected(), 1);
    a.update(Action::Last);
    let last = a.section_count() - 1;
    assert_eq!(
        a.selected(),
        a.data().eras.len() - 1,
        "end goes to the last era"
    );
    a.update(Action::Last);
    assert_eq!(
        a.selected(),
        a.data().eras.len() - 1,
        "end again stays there"
    );
    for _ in 0..a.section_count() {
        a.update(Action::Down);
    }
    assert_eq!(a.selected(), last, "down at the last section stays");
    a.update(Action::Last);
    assert_eq!(
        a.selected(),
        a.data().eras.len() - 1,
        "end from related goes back to the last era"
    );
    a.update(Action::First);
    assert_eq!(a.selected(), 0);
}

#[test]
fn end_selects_the_last_era_not_related_material() {
    let mut a = app((100, 30));
    assert!(
        !a.data().related.is_empty(),
        "the article has related material"
    );
    a.update(&key(KeyCode::End));
    assert_eq!(label_of(&a), "12 سبتمبر 2023");
    a.update(&key(KeyCode::Home));
    assert_eq!(a.selected(), 0);
}

#[test]
fn four_downs_from_a_fresh_start_reach_the_seventies() {
    let mut a = app((100, 30));
    for _ in 0..4 {
        a.update(&key(KeyCode::Down));
    }
    assert_eq!(label_of(&a), "السبعينيات");
    assert_eq!(
        a.doc().section,
        a.selected(),
        "the pane shows the selected era"
    );
}

#[test]
fn bracket_keys_change_era_from_the_detail_pane() {
    let mut a = app((100, 30));
    a.update(Action::FocusNext);
    assert_eq!(a.focus(), Focus::Detail);
    a.update(Action::NextEra);
    assert_eq!(a.selected(), 1);
    a.update(Action::PrevEra);
    a.update(Action::PrevEra);
    assert_eq!(a.selected(), 0);
    assert_eq!(a.focus(), Focus::Detail, "era keys do not move focus");
}

#[test]
fn focus_switching_follows_the_mirrored_layout() {
    let mut a = app((100, 30));
    assert_eq!(a.focus(), Focus::Sidebar);
    a.update(Action::FocusNext);
    assert_eq!(a.focus(), Focus::Detail);
    a.update(Action::FocusNext);
    assert_eq!(a.focus(), Focus::Sidebar);
    // Arabic interface: the sidebar is on the right.
    a.update(Action::FocusLeft);
    assert_eq!(a.focus(), Focus::Detail);
    a.update(Action::FocusRight);
    assert_eq!(a.focus(), Focus::Sidebar);

    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = app_in(dir.path(), &ltr_en(), &[], (100, 30)).app;
    b.update(Action::FocusRight);
    assert_eq!(
        b.focus(),
        Focus::Detail,
        "LTR: the detail pane is on the right"
    );
    b.update(Action::FocusLeft);
    assert_eq!(b.focus(), Focus::Sidebar);
}

#[test]
fn scrolling_clamps_and_pages() {
    let mut a = app((60, 16));
    a.update(Action::FocusNext);
    a.update(Action::Up);
    assert_eq!(a.scroll(), 0, "up at the top stays");
    a.update(Action::Down);
    assert_eq!(a.scroll(), 1);
    let max = a.max_scroll();
    assert!(
        max > 2 * a.page() as usize,
        "the intro is several pages long at 60x16"
    );
    for _ in 0..50 {
        a.update(Action::PageDown);
    }
    assert_eq!(a.scroll(), max, "page down stops at the end");
    a.update(Action::Down);
    assert_eq!(a.scroll(), max);
    a.update(Action::PageUp);
    assert_eq!(a.scroll(), max - a.page() as usize);
    for _ in 0..50 {
        a.update(Action::PageUp);
    }
    assert_eq!(a.scroll(), 0);
}

#[test]
fn page_keys_scroll_the_detail_even_from_the_sidebar() {
    let mut a = app((60, 16));
    assert!(a.max_scroll() > 2 * a.page() as usize);
    a.update(&key(KeyCode::PageDown));
    assert_eq!(a.scroll(), a.page() as usize);
    a.update(&key(KeyCode::Char(' ')));
    assert!(a.scroll() > a.page() as usize || a.scroll() == a.max_scroll());
    a.update(&key(KeyCode::Char('b')));
    a.update(&key(KeyCode::PageUp));
    assert_eq!(a.scroll(), 0);
    assert_eq!(a.selected(), 0, "paging does not change the era");
}

#[test]
fn selecting_an_era_scrolls_to_its_top() {
    let mut a = app((80, 24));
    a.update(Action::PageDown);
    assert!(a.scroll() > 0);
    a.update(Action::NextEra);
    assert_eq!(a.scroll(), 0);
}

#[test]
fn first_and_last_keys() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::End));
    assert_eq!(a.selected(), a.data().eras.len() - 1);
    a.update(&key(KeyCode::Home));
    assert_eq!(a.selected(), 0);
    a.update(&key(KeyCode::Char('G')));
    assert_eq!(a.selected(), a.data().eras.len() - 1);
    a.update(&key(KeyCode::Char('g')));
    assert_eq!(a.selected(), 0);
}

#[test]
fn popups_open_switch_and_close() {
    let mut a = app((100, 30));
    a.update(Action::Help);
    assert_eq!(a.popup(), Some(Popup::Help { scroll: 0 }));
    a.update(Action::Down);
    assert_eq!(
        a.popup(),
        Some(Popup::Help { scroll: 1 }),
        "arrows scroll the help"
    );
    assert_eq!(a.selected(), 0, "and do not move the era behind it");
    a.update(Action::About);
    assert_eq!(a.popup(), Some(Popup::About));
    a.update(Action::About);
    assert_eq!(a.popup(), None, "the same key closes");
    a.update(Action::Help);
    a.update(Action::Cancel);
    assert_eq!(a.popup(), None, "Esc closes");
    assert!(!a.quit());
}

/// The effects `a` asks of the event loop since the last call, taken.
fn effects(a: &mut App) -> Vec<Effect> {
    a.take_effects()
}

/// A popup or the finder closing asks for a repaint of every cell (a bidi
/// terminal may keep what was under it); opening, scrolling and switching
/// popups do not.
#[test]
fn closing_a_popup_or_the_finder_repaints_the_screen() {
    let mut a = app((100, 30));
    let closes = [
        (Action::Help, Action::Cancel),
        (Action::Help, Action::Help),
        (Action::About, Action::About),
        (Action::About, Action::Click { column: 0, row: 0 }),
    ];
    for (open, close) in closes {
        a.update(open);
        a.update(Action::Down);
        assert!(a.popup().is_some());
        assert_eq!(effects(&mut a), vec![], "{open:?} opened, then Down");
        a.update(close);
        assert_eq!(a.popup(), None, "{close:?} closes {open:?}");
        assert_eq!(
            effects(&mut a),
            vec![Effect::Repaint],
            "{close:?} closes {open:?}"
        );
    }
    a.update(Action::Help);
    a.update(Action::About);
    assert_eq!(effects(&mut a), vec![], "switching popups");
    a.update(Action::Cancel);
    assert_eq!(effects(&mut a), vec![Effect::Repaint]);
    a.update(&key(KeyCode::Char('/')));
    type_text(&mut a, "gorba");
    assert_eq!(effects(&mut a), vec![], "the finder opened, typed into");
    a.update(&key(KeyCode::Esc));
    assert!(a.finder().is_none());
    assert_eq!(effects(&mut a), vec![Effect::Repaint], "the finder closed");
}

/// Switching the bidi mode names the new mode in the status bar and asks
/// the loop to clear that message after a while (and to repaint); other
/// messages wait for the next key.
#[test]
fn the_bidi_switch_message_is_set_to_expire() {
    let mut a = app((100, 30));
    a.update(Action::ToggleBidi);
    let named = |text: &str| text.replace("{key}", "f2");
    assert_eq!(
        a.message(),
        Some(named(nkru_tui::ui::strings::MODE_TERMINAL).as_str())
    );
    assert_eq!(
        effects(&mut a),
        vec![Effect::Repaint, Effect::ExpireMessage]
    );
    a.update(Action::ToggleBidi);
    assert_eq!(
        a.message(),
        Some(named(nkru_tui::ui::strings::MODE_APP).as_str())
    );
    assert_eq!(
        effects(&mut a),
        vec![Effect::Repaint, Effect::ExpireMessage]
    );
    a.update(Action::NextMention);
    assert_eq!(a.message(), Some(a.strings().no_mentions));
    assert_eq!(effects(&mut a), vec![], "no expiry for other messages");
}

#[test]
fn quit_and_ctrl_c_quit_even_with_a_popup_open() {
    let mut a = app((100, 30));
    a.update(Action::Quit);
    assert!(a.quit());
    let mut b = app((100, 30));
    b.update(Action::Help);
    b.update(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(b.quit());
    let mut c = app((100, 30));
    c.update(&key(KeyCode::Char('q')));
    assert!(c.quit());
}

#[test]
fn arabic_layout_keys_act_like_their_latin_keys() {
    let mut a = app((100, 30));
    a.update(&key(KeyCode::Char('ت'))); // the j key
    a.update(&key(KeyCode::Char('ت')));
    assert_eq!(a.selected(), 2);
    a.update(&key(KeyCode::Char('ن'))); // the k key
    assert_eq!(a.selected(), 1);
    a.update(&key(KeyCode::Char('؟'))); // shift-/ is ؟
    assert!(matches!(a.popup(), Some(Popup::Help { .. })));
    a.update(&key(KeyCode::Char('ض'))); // the q key
    assert!(a.quit());
}

#[test]
fn resize_keeps_the_top_paragraph_at_the_top() {
    let mut a = app((60, 20));
    a.update(Action::FocusNext);
    // Put the first line of paragraph 3 at the top.
    let target = a.doc().para_start[3];
    assert!(
        target <= a.max_scroll(),
        "paragraph 3 can reach the top at 60x20"
    );
    for _ in 0..target {
        a.update(Action::Down);
    }
    assert_eq!(a.scroll(), target);
    assert_eq!(a.doc().lines[a.scroll()].kind, LineKind::Paragraph(3));
    for (w, h) in [(50, 16), (45, 14), (60, 20)] {
        a.update(Action::Resize {
            width: w,
            height: h,
        });
        let top = &a.doc().lines[a.scroll()];
        assert_eq!(top.kind, LineKind::Paragraph(3), "after resize to {w}x{h}");
        assert_eq!(
            a.scroll(),
            a.doc().para_start[3],
            "its first line is at the top after {w}x{h}"
        );
    }
}

#[test]
fn resize_relays_out_the_pane_to_its_width() {
    let mut a = app((100, 30));
    let wide = a.doc().lines.len();
    a.update(Action::Resize {
        width: 50,
        height: 30,
    });
    assert!(a.doc().lines.len() > wide, "narrower pane, more lines");
    let width = usize::from(a.geometry().detail_text.width);
    assert!(
        a.doc()
            .lines
            .iter()
            .filter_map(|l| l.line.as_ref())
            .all(|l| l.width <= width)
    );
}

#[test]
fn mouse_click_selects_an_era_in_the_sidebar_and_on_the_ruler() {
    // The sidebar's width follows its content and the screen: clicks land
    // on the row drawn there at every size, in both layouts.
    let dir = tempfile::tempdir().expect("tempdir");
    for global in [GlobalArgs::default(), ltr_en()] {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let mut a = app_in(dir.path(), &global, &[], size).app;
            let g = a.geometry();
            for column in [g.sidebar_list.x, g.sidebar_list.right() - 1] {
                a.update(Action::Click {
                    column,
                    row: g.sidebar_list.y + 4,
                });
                assert_eq!(a.selected(), 4, "{size:?} column {column}");
                a.update(Action::First);
            }
            a.update(Action::Click {
                column: g.detail.x + 2,
                row: g.sidebar_list.y + 4,
            });
            assert_eq!(a.selected(), 0, "{size:?}: a click in the detail pane");
        }
    }
    let mut a = app((100, 30));
    let g = a.geometry();
    a.update(Action::Click {
        column: g.sidebar_list.x + 3,
        row: g.sidebar_list.y + 2,
    });
    assert_eq!(a.selected(), 2);
    assert_eq!(a.focus(), Focus::Sidebar);
    // The 1970s span on the ruler.
    let seventies = a
        .data()
        .eras
        .iter()
        .position(|e| e.id == "1970s")
        .expect("1970s");
    let span = a.data().year_span().expect("years");
    let x = nkru_tui::ui::geometry::ruler::column(g.ruler, a.opts().layout_direction, span, 1975);
    a.update(Action::Click {
        column: x,
        row: g.ruler.y + 1,
    });
    assert_eq!(a.selected(), seventies);
    a.update(Action::Click {
        column: g.detail_text.x + 2,
        row: g.detail_text.y + 1,
    });
    assert_eq!(a.focus(), Focus::Detail);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = app((100, 30));
    let g = a.geometry();
    a.update(Action::Wheel {
        column: g.detail_text.x + 1,
        row: g.detail_text.y + 1,
        down: true,
    });
    assert_eq!(a.scroll(), 3);
    a.update(Action::Wheel {
        column: g.detail_text.x + 1,
        row: g.detail_text.y + 1,
        down: false,
    });
    assert_eq!(a.scroll(), 0);
    assert_eq!(a.selected(), 0);
}

#[test]
fn highlights_cycle_across_eras_and_escape_clears_them() {
    let mut a = app((100, 30));
    let spot = |section, paragraph, range| Spot {
        section,
        paragraph,
        range,
    };
    let spots = vec![
        spot(SectionRef::Era(0), 0, 0..10),
        spot(SectionRef::Era(5), 0, 20..30),
        spot(SectionRef::Era(5), 0, 40..50),
    ];
    a.update(Msg::Highlight {
        label: "test".into(),
        spots,
        current: 0,
    });
    assert_eq!(a.spot_position(), Some((1, 3)));
    assert_eq!(a.selected(), 0);
    assert_eq!(a.highlights_in(0), vec![(0..10, true)]);
    a.update(&key(KeyCode::Char('n')));
    assert_eq!(a.spot_position(), Some((2, 3)));
    assert_eq!(a.selected(), 5);
    assert_eq!(a.highlights_in(0), vec![(20..30, true), (40..50, false)]);
    a.update(&key(KeyCode::Char('n')));
    a.update(&key(KeyCode::Char('n')));
    assert_eq!(a.spot_position(), Some((1, 3)), "wraps around");
    a.update(&key(KeyCode::Char('N')));
    assert_eq!(a.spot_position(), Some((3, 3)));
    assert!(nkru_tui::ui::view::status::hints(&a).contains("3/3"));
    a.update(&key(KeyCode::Esc));
    assert_eq!(a.spot_position(), None);
    assert!(a.highlights_in(0).is_empty());
}

#[test]
fn n_without_highlights_says_so() {
    let mut a = app((100, 30));
    a.update(Action::NextMention);
    assert_eq!(a.message(), Some(a.strings().no_mentions));
    a.update(Action::Down);
    assert_eq!(a.message(), None, "messages are transient");
}

#[test]
fn era_flag_opens_at_an_era_and_unknown_ids_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let global = GlobalArgs {
        era: Some("1970s".into()),
        ..GlobalArgs::default()
    };
    let a = app_in(dir.path(), &global, &[], (100, 30)).app;
    assert_eq!(label_of(&a), "السبعينيات");
    let data = nkru_tui::data::embedded().expect("data");
    let err = nkru_tui::ui::check_era(&data, "1971")
        .expect_err("unknown")
        .to_string();
    assert!(err.contains("unknown era `1971`"), "{err}");
    assert!(
        err.contains("1970s") && err.contains("intro"),
        "lists the ids: {err}"
    );
}

/// Headings without Arabic letters (`1945- 1948`, `2022 *`) take the
/// dataset's direction, as `show` lays them out: right-aligned in the pane.
#[test]
fn digit_only_headings_are_right_aligned_like_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    for era in ["2022", "1945-1948"] {
        let global = GlobalArgs {
            era: Some(era.into()),
            ..GlobalArgs::default()
        };
        let a = app_in(dir.path(), &global, &[], (100, 30)).app;
        let data = nkru_tui::data::embedded().expect("data");
        let label = &data
            .section_by_id(era)
            .expect("era exists")
            .label
            .to_string();
        // The first row inside the detail pane holds the heading.
        let row = screen(&a)
            .lines()
            .nth(2)
            .expect("a heading row")
            .to_string();
        // Row layout in an RTL interface: `"│ detail pane ││ sidebar │"`.
        let pane = row.split('│').nth(1).expect("the detail pane");
        let year = label.get(..4).expect("starts with a year");
        let at = pane.find(year).unwrap_or_else(|| panic!("{era}: {row}"));
        assert!(
            at > pane.len() / 2,
            "{era}: heading should sit at the right edge of the pane: {row:?}"
        );
        // The sidebar shows the label in the same visual order as the heading.
        let visual = pane.trim().trim_start_matches('█').trim();
        let sidebar = screen(&a)
            .lines()
            .find(|l| l.contains('◀'))
            .map(|l| l.to_string())
            .unwrap_or_default();
        assert!(
            sidebar.contains(visual),
            "{era}: sidebar row {sidebar:?} should hold the heading {visual:?}"
        );
    }
}

/// A seeded storm of random actions, clicks and resizes, with the finder
/// opened before each of its own actions and text typed into it: never
/// panics, and the state (the finder's included) stays consistent after
/// every step.
#[test]
fn random_storm_keeps_the_app_consistent() {
    let mut a = app((100, 30));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let actions: Vec<Action> = Action::bindable().collect();
    let typed: Vec<char> = "بوتينكيم غورباتشوف putin kim 1950".chars().collect();
    let mut in_finder = 0;
    for step in 0..11_000u32 {
        let action = match next(12) {
            0 if step % 10 == 0 => Action::Resize {
                width: next(300) as u16 + 1,
                height: next(100) as u16 + 1,
            },
            1 => Action::Click {
                column: next(300) as u16,
                row: next(100) as u16,
            },
            2 => Action::Wheel {
                column: next(300) as u16,
                row: next(100) as u16,
                down: next(2) == 0,
            },
            3 if a.finder().is_some() => {
                let c = typed[next(typed.len() as u64) as usize];
                a.update(&key(KeyCode::Char(c)));
                continue;
            }
            _ => actions[next(actions.len() as u64) as usize],
        };
        if action == Action::Quit {
            continue;
        }
        if action.is_finder() {
            if a.finder().is_none() {
                // The finder opens from behind no popup.
                if a.popup().is_some() {
                    a.update(Action::Cancel);
                }
                a.update(Action::Finder);
                assert!(a.finder().is_some(), "step {step}: the finder opens");
            }
            in_finder += 1;
        }
        a.update(action);
        assert!(a.selected() < a.section_count());
        assert!(a.scroll() <= a.max_scroll(), "step {step}: {action:?}");
        assert_eq!(a.doc().section, a.selected());
        if let Some(f) = &a.finder() {
            let results = match f.mode() {
                FinderMode::Names => f.hits().len(),
                FinderMode::FullText => f.text_hits().len(),
            };
            assert!(
                f.selected() < results.max(1),
                "step {step}: {action:?}: result {} of {results}",
                f.selected()
            );
            assert!(
                f.query().is_char_boundary(f.cursor()),
                "step {step}: {action:?}: cursor {} in {:?}",
                f.cursor(),
                f.query()
            );
        }
        if step % 500 == 0 {
            let _ = screen(&a);
        }
    }
    assert!(in_finder > 3_000, "{in_finder} finder actions");
}
