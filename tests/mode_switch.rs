//! F2 never strands the reader: after a live switch the status line says,
//! in Latin letters every terminal draws in any mode, which key goes back,
//! for long enough to read; help says the same on its first row; QTerminal
//! gets its own form of terminal mode, with no notice; behind tmux the
//! advice is a notice at start and the keys stay, led by the mode switch's.

use nkru_tui::cli::GlobalArgs;
use nkru_tui::term::{Family, TermKind};
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::Effect;
use nkru_tui::ui::view::status::{self, Hint};
use nkru_tui::ui::{Prepared, prepare_for};

fn app_for(kind: TermKind, dir: &std::path::Path) -> Prepared {
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    let state = dir.display().to_string();
    let env =
        move |k: &str| (k == "XDG_STATE_HOME" || k == "XDG_CONFIG_HOME").then(|| state.clone());
    prepare_for(kind, data, &GlobalArgs::default().launch(), &env, (100, 30)).expect("prepare")
}

fn kind(family: Family) -> TermKind {
    TermKind { family, tmux: None }
}

#[test]
fn after_a_switch_the_way_back_is_said_in_latin_letters_with_its_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    for family in [
        Family::Plain,
        Family::Konsole,
        Family::Kitty,
        Family::Qterminal,
    ] {
        let mut app = app_for(kind(family), dir.path()).app;
        for _ in 0..2 {
            app.update(Action::ToggleBidi);
            let message = app.message().map(str::to_string).unwrap_or_default();
            assert!(message.is_ascii(), "{family:?}: {message:?}");
            assert!(message.contains("Press f2"), "{family:?}: {message:?}");
            assert!(message.contains("switch back"), "{family:?}: {message:?}");
        }
    }
}

#[test]
fn help_starts_with_the_way_back_in_latin_letters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app_for(kind(Family::Plain), dir.path()).app;
    let rows = nkru_tui::ui::help::rows(&app.opts().keymap, app.strings());
    let (keys, text) = &rows[0];
    assert_eq!(keys, "f2");
    assert!(text.is_ascii() && text.contains("unreadable"), "{text:?}");
}

#[test]
fn qterminal_gets_its_own_form_and_no_guidance() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_for(kind(Family::Qterminal), dir.path()).app;
    assert_eq!(app.opts().mode, BidiMode::Qterminal);
    assert_eq!(app.message(), None, "the screen reads right as it is");
    assert!(!status::hints(&app).contains("bidi mode"));
    app.update(Action::ToggleBidi);
    assert_eq!(app.opts().mode, BidiMode::App, "f2: its bidi turned off");
    app.update(Action::ToggleBidi);
    assert_eq!(app.opts().mode, BidiMode::Qterminal, "f2 again: back");
    // Konsole keeps its own form.
    let konsole = app_for(kind(Family::Konsole), dir.path()).app;
    assert_eq!(konsole.opts().mode, BidiMode::TerminalShaped);
}

#[test]
fn tmux_guidance_is_a_start_notice_and_the_way_back_stays() {
    use nkru_tui::term::Passthrough;
    let dir = tempfile::tempdir().expect("tempdir");
    let refused = TermKind {
        family: Family::Vte,
        tmux: Some(Passthrough::Refused),
    };
    let unknown = TermKind {
        family: Family::Plain,
        tmux: Some(Passthrough::OuterUnknown),
    };
    // tmux keeps the sequences from VTE: terminal mode reads right, the
    // advice about passthrough is a timed notice, then the usual keys, led
    // by the mode switch's for the reader who leaves terminal mode.
    let mut app = app_for(refused, dir.path()).app;
    assert!(app.opts().mode.is_terminal());
    assert_eq!(app.message(), Some(nkru_tui::ui::TMUX_GUIDANCE));
    assert_eq!(
        app.take_effects(),
        vec![Effect::ExpireMessage],
        "the advice is timed"
    );
    app.update(Action::Down);
    assert_eq!(app.message(), None, "a key clears the advice");
    assert!(status::hints(&app).starts_with("f2 bidi mode · "));
    assert!(status::hints(&app).contains("tab"), "the usual keys");
    app.update(Action::ToggleBidi);
    let message = app.message().map(str::to_string).unwrap_or_default();
    assert!(
        message.starts_with("Bidi mode: app") && message.contains("switch back"),
        "F2 says the way back: {message:?}"
    );
    app.update(Action::Down);
    assert!(
        status::hints(&app).starts_with("f2 bidi mode · "),
        "the way back stays after the message"
    );
    // F2 while the advice shows: the mode's message replaces it.
    let mut app = app_for(refused, dir.path()).app;
    app.update(Action::ToggleBidi);
    let message = app.message().map(str::to_string).unwrap_or_default();
    assert!(message.starts_with("Bidi mode: "), "{message:?}");
    // The terminal outside tmux unknown (it reads like xterm, or is VTE
    // and reads reversed): a notice at start, then the usual keys with the
    // mode switch's, never a line in place of them.
    let mut app = app_for(unknown, dir.path()).app;
    let notice = app.message().map(str::to_string).unwrap_or_default();
    assert!(notice.is_ascii(), "{notice:?}");
    assert!(
        notice.contains("Press f2") && notice.contains("nkru-tui terminal"),
        "{notice:?}"
    );
    assert!(
        notice.chars().count() <= 78,
        "fits an 80-column status line"
    );
    assert_eq!(
        app.take_effects(),
        vec![Effect::ExpireMessage],
        "the notice is timed"
    );
    let hint = status::hint_items(&app);
    assert_eq!(hint[0], Hint::Text("f2 bidi mode".to_string()), "{hint:?}");
    app.update(Action::Down);
    assert_eq!(app.message(), None, "a key clears the notice");
    assert!(status::hints(&app).starts_with("f2 bidi mode · "));
    assert!(status::hints(&app).contains("tab"), "the usual keys");
    app.update(Action::ToggleBidi);
    assert!(app.message().is_some_and(|m| m.contains("Press f2")));
    app.update(Action::Finder);
    assert!(
        status::hints(&app).starts_with("f2 bidi mode · "),
        "in every context, after a switch too"
    );
    // A terminal outside that is known gets no such hint.
    let known = app_for(kind(Family::Plain), dir.path()).app;
    assert!(!status::hints(&known).contains("bidi mode"));
    assert_eq!(known.message(), None);
    // A dataset without Arabic: no notice (nothing on screen to read
    // wrong), but the way back stays, as Arabic can be typed in the finder.
    for kind in [refused, unknown] {
        let data = nkru_tui::data::load_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/example-en.toml"
        )))
        .expect("example dataset");
        let mut english = prepare_for(
            kind,
            data,
            &GlobalArgs::default().launch(),
            &|_: &str| None,
            (100, 30),
        )
        .expect("prepare")
        .app;
        assert_eq!(english.message(), None, "{kind:?}: no Arabic on screen");
        assert!(
            status::hints(&english).starts_with("f2 bidi mode · "),
            "{kind:?}: {}",
            status::hints(&english)
        );
        english.update(Action::Finder);
        assert!(
            status::hints(&english).starts_with("f2 bidi mode · "),
            "{kind:?}: in the finder: {}",
            status::hints(&english)
        );
    }
}
