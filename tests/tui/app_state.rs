//! What the app's accessors report, each against the change that sets it:
//! the tests that tell each accessor from a constant.

use super::*;
use nkru_tui::ui::geometry::SidebarRow;

#[test]
fn the_debug_form_names_the_place() {
    let mut a = app((100, 30));
    a.update(Action::Down);
    let shown = format!("{a:?}");
    assert!(shown.starts_with("App {"), "{shown}");
    assert!(shown.contains("selected: 1"), "{shown}");
    assert!(shown.contains("focus: Sidebar"), "{shown}");
}

#[test]
fn an_app_with_its_index_reports_no_progress() {
    let a = app((100, 30));
    assert!(a.index().is_some());
    assert_eq!(a.index_progress(), None);
    assert!(!a.awaits_index());
}

#[test]
fn the_sidebar_scrolls_to_keep_the_last_era_in_view() {
    let mut a = app((100, 12));
    assert_eq!(a.sidebar_top(), 0);
    a.update(Action::Last);
    assert!(a.sidebar_top() > 0, "the last era is below the first rows");
    // The selected row is the last one shown, though more rows follow.
    let rows = usize::from(a.geometry().sidebar_list.height);
    let row = SidebarRow::row_of(a.data(), a.selected());
    assert!(row + 1 < SidebarRow::count(a.data()), "related rows follow");
    assert_eq!(a.sidebar_top(), row + 1 - rows);
    a.update(Action::First);
    assert_eq!(a.sidebar_top(), 0);
}

#[test]
fn the_mode_switch_is_remembered_once_made() {
    let mut a = app((100, 30));
    assert!(!a.mode_switched());
    a.update(Action::ToggleBidi);
    assert!(a.mode_switched());
}

#[test]
fn an_expiry_clears_only_the_message_it_was_set_for() {
    let mut a = app((100, 30));
    a.update(Msg::Notice("first".into()));
    a.update(Msg::Expire("an older one".into()));
    assert_eq!(a.message(), Some("first"), "another message's time is up");
    a.update(Msg::Expire("first".into()));
    assert_eq!(a.message(), None);
}

#[test]
fn the_copy_action_asks_for_the_text_it_copies() {
    let mut a = app((100, 30));
    a.take_effects();
    let text = a.data().eras[0].paragraphs[0].to_string();
    assert_eq!(
        a.copy_text(),
        Some(text.clone()),
        "the paragraph at the top"
    );
    a.update(Action::Copy);
    assert_eq!(a.take_effects(), vec![Effect::Copy(text)]);
}

#[test]
fn a_page_is_the_text_area_less_one_line() {
    let mut a = app((100, 14));
    let h = usize::from(a.text_area().height);
    assert!(h > 2 && a.max_scroll() > h, "a section longer than a page");
    assert_eq!(a.page(), isize::try_from(h - 1).expect("small"));
    a.update(Action::FocusNext);
    a.update(Action::PageDown);
    assert_eq!(a.scroll(), h - 1, "one line of the last page stays in view");
    a.update(Action::PageUp);
    assert_eq!(a.scroll(), 0);
}

#[test]
fn a_section_ref_past_the_end_has_no_index() {
    use nkru_tui::ui::app::section_index;
    let a = app((100, 30));
    let data = a.data();
    let (eras, related) = (data.eras.len(), data.related.len());
    assert!(eras > 0 && related > 0);
    assert_eq!(
        section_index(data, SectionRef::Era(eras - 1)),
        Some(eras - 1)
    );
    assert_eq!(section_index(data, SectionRef::Era(eras)), None);
    assert_eq!(
        section_index(data, SectionRef::Related(related - 1)),
        Some(eras + related - 1)
    );
    assert_eq!(section_index(data, SectionRef::Related(related)), None);
}

/// The help popup on a screen too short for it, scrolled by `actions`.
fn help_scrolled(actions: &[Action]) -> (App, u16) {
    let mut a = app((100, 12));
    a.update(Action::Help);
    assert!(a.help_max_scroll() > 10, "a help longer than a page");
    for &action in actions {
        a.update(action);
    }
    let Some(Popup::Help { scroll }) = a.popup() else {
        panic!("the help is open: {:?}", a.popup());
    };
    (a, scroll)
}

#[test]
fn the_help_scrolls_by_pages_and_by_the_wheel() {
    let wheel = |down| Action::Wheel {
        column: 50,
        row: 6,
        down,
    };
    assert_eq!(help_scrolled(&[Action::PageDown]).1, 10);
    assert_eq!(help_scrolled(&[Action::PageDown, Action::PageUp]).1, 0);
    assert_eq!(help_scrolled(&[Action::PageDown, Action::Up]).1, 9);
    assert_eq!(help_scrolled(&[wheel(true)]).1, 3);
    assert_eq!(
        help_scrolled(&[wheel(true), wheel(true), wheel(false)]).1,
        3
    );
}

#[test]
fn a_popup_lets_the_mode_switch_and_a_resize_through() {
    let (mut a, _) = help_scrolled(&[]);
    let mode = a.opts().mode;
    a.update(Action::ToggleBidi);
    assert_ne!(a.opts().mode, mode, "switched under the popup");
    assert!(a.mode_switched());
    a.update(Action::Resize {
        width: 90,
        height: 20,
    });
    assert_eq!(a.size(), (90, 20));
    assert!(matches!(a.popup(), Some(Popup::Help { .. })), "still open");
}

#[test]
fn help_from_the_about_popup_opens_the_help() {
    let mut a = app((100, 30));
    a.update(Action::About);
    assert_eq!(a.popup(), Some(Popup::About));
    a.update(Action::Help);
    assert_eq!(a.popup(), Some(Popup::Help { scroll: 0 }));
    a.update(Action::About);
    assert_eq!(a.popup(), Some(Popup::About));
}

#[test]
fn choosing_the_section_shown_keeps_the_place_in_it() {
    let mut a = app((100, 14));
    a.update(Action::FocusNext);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.scroll(), 2);
    a.update(Action::First);
    assert_eq!((a.selected(), a.scroll()), (0, 2), "the same section");
    a.update(Action::NextEra);
    assert_eq!((a.selected(), a.scroll()), (1, 0), "another, at its top");
}

#[test]
fn a_screen_without_sidebar_rows_leaves_the_sidebar_where_it_was() {
    let mut a = app((100, 30));
    for _ in 0..3 {
        a.update(Action::Down);
    }
    assert_eq!(a.sidebar_top(), 0, "the third era is in view");
    let height = (1..30)
        .find(|&h| {
            a.update(Action::Resize {
                width: 100,
                height: h,
            });
            a.geometry().sidebar_list.height == 0
        })
        .expect("a height without sidebar rows");
    assert_eq!(a.sidebar_top(), 0, "nothing to reveal at height {height}");
    a.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(a.sidebar_top(), 0);
}

#[test]
fn the_wheel_scrolls_the_sidebar_three_rows_at_a_time() {
    let mut a = app((100, 12));
    let list = a.geometry().sidebar_list;
    let wheel = |down| Action::Wheel {
        column: list.x,
        row: list.y,
        down,
    };
    assert!(SidebarRow::count(a.data()) > usize::from(list.height) + 6);
    a.update(wheel(true));
    assert_eq!(a.sidebar_top(), 3);
    a.update(wheel(true));
    assert_eq!(a.sidebar_top(), 6);
    a.update(wheel(false));
    assert_eq!(a.sidebar_top(), 3);
}

#[test]
fn the_finder_s_actions_reach_the_open_finder() {
    let mut a = app((100, 30));
    a.update(Action::FinderDown);
    assert!(a.finder().is_none(), "nothing without the finder");
    a.update(Action::Finder);
    type_text(&mut a, "kim");
    let finder = a.finder().expect("open");
    assert!(finder.hits().len() > 1, "more than one result");
    assert_eq!(finder.selected(), 0);
    a.update(Action::FinderDown);
    assert_eq!(a.finder().expect("open").selected(), 1);
}

#[test]
fn a_resize_keeps_the_line_at_the_top_inside_a_paragraph() {
    let mut a = app((60, 30));
    a.update(Action::FocusNext);
    // The first line at the top that continues a paragraph.
    let line = (1..a.doc().lines.len())
        .find(|&i| {
            let kind = a.doc().lines[i].kind;
            matches!(kind, LineKind::Paragraph(_)) && a.doc().lines[i - 1].kind == kind
        })
        .expect("a paragraph of more than one line");
    assert!(line <= a.max_scroll(), "it can be at the top");
    for _ in 0..line {
        a.update(Action::Down);
    }
    assert_eq!(a.scroll(), line);
    a.update(Action::Resize {
        width: 60,
        height: 30,
    });
    assert_eq!(a.scroll(), line, "the same line at the top");
}

#[test]
fn a_highlight_past_the_last_place_goes_to_the_last_place() {
    let mut a = app((100, 30));
    let spots = vec![
        Spot {
            section: SectionRef::Era(0),
            paragraph: 0,
            range: 0..4,
        },
        Spot {
            section: SectionRef::Era(1),
            paragraph: 0,
            range: 0..4,
        },
    ];
    a.update(Msg::Highlight {
        label: "x".into(),
        spots,
        current: 9,
    });
    assert_eq!(a.highlights().map(|h| h.current), Some(1));
    assert_eq!(a.spot_position(), Some((2, 2)));
    assert_eq!(a.selected(), 1);
}

#[test]
fn a_copy_s_outcome_is_said_in_the_status_bar() {
    use nkru_tui::term::clipboard::Copied;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(dir.path(), &ltr_en(), &[], (100, 30)).app;
    let mut said = |chars, routes: &[&'static str], late: &[&'static str], busy| {
        a.update(Msg::Copied(Copied {
            chars,
            routes: routes.to_vec(),
            late: late.to_vec(),
            busy,
        }));
        a.message().unwrap_or_default().to_string()
    };
    assert_eq!(
        said(5, &["OSC 52", "wl-copy"], &[], false),
        "Copied 5 characters to the clipboard (OSC 52, wl-copy)"
    );
    assert_eq!(
        said(5, &[], &[], false),
        "No clipboard reachable: install wl-copy, xclip or xsel"
    );
    assert_eq!(
        said(5, &[], &["xclip", "xsel"], false),
        "Copy timed out: xclip, xsel did not answer"
    );
    assert_eq!(
        said(3, &["OSC 52"], &["xclip"], false),
        "Copied 3 characters to the clipboard (OSC 52) · Copy timed out: xclip did not answer"
    );
    assert_eq!(said(3, &[], &[], true), "The last copy is still under way");
}
