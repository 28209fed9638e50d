//! Every terminal size, and storms of keys and resizes through the real keymap.

use super::*;

// ------------------------------------------------------------------ sizes

fn resize(app: &mut App, width: u16, height: u16) {
    app.update(Action::Resize { width, height });
    let buf = draw(app);
    let bad = control_cells(&buf);
    assert!(
        bad.is_empty(),
        "{width}×{height}: control characters {bad:?}"
    );
    assert!(app.scroll() <= app.max_scroll(), "{width}×{height}: scroll");
    assert!(app.selected() < app.section_count());
}

/// An app scrolled into a long era, so every pane has content to clip.
fn scrolled_app() -> App {
    let mut app = Home::new().prepare().app;
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::FocusNext);
    app.update(Action::PageDown);
    app
}

#[test]
fn size_every_width_1_to_300_at_eighteen_heights() {
    let mut app = scrolled_app();
    for h in (1..=14).chain([24, 30, 60, 100]) {
        for w in 1..=300 {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_every_height_1_to_100_at_forty_nine_widths() {
    let mut app = scrolled_app();
    for w in (1..=45).chain([80, 100, 200, 300]) {
        for h in 1..=100 {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_grid_of_every_third_size_up_to_300x100() {
    let mut app = scrolled_app();
    for w in (1..=300).step_by(3) {
        for h in (1..=100).step_by(3) {
            resize(&mut app, w, h);
        }
    }
}

#[test]
fn size_grid_with_help_and_finder_open() {
    let mut help = scrolled_app();
    help.update(Action::Help);
    help.update(Action::PageDown);
    let mut finder = scrolled_app();
    for ev in [
        key(KeyCode::Char('/')),
        key(KeyCode::Char('ك')),
        key(KeyCode::Char('ي')),
    ] {
        apply(&mut finder, Event::Key(ev));
    }
    assert!(finder.finder().is_some(), "the finder is open");
    for w in (1..=300).step_by(6) {
        for h in (1..=100).step_by(6) {
            resize(&mut help, w, h);
            resize(&mut finder, w, h);
        }
    }
    assert!(matches!(
        help.popup(),
        Some(nkru_tui::ui::app::Popup::Help { .. })
    ));
    assert!(finder.finder().is_some(), "still open after the resizes");
}

// ------------------------------------------------------------------ storm

/// xorshift64: seeded, so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn with(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

/// Every default binding, its Arabic-layout twin, text for the finder
/// (Arabic, Latin, digits), editing keys, unbound keys and modifiers, a
/// key release, and Ctrl-C.
fn key_pool() -> Vec<KeyEvent> {
    use nkru_tui::ui::keymap::{arabic_alias, defaults};
    let mut pool = Vec::new();
    for (_, names) in defaults() {
        for name in names {
            let k: Key = name.parse().expect("default key parses");
            pool.push(with(k.code, k.mods));
        }
    }
    for c in "qwertyuiop[]asdfghjkl;'zxcvbnm,./?N".chars() {
        if let Some(a) = arabic_alias(c) {
            pool.push(key(KeyCode::Char(a)));
        }
    }
    for c in "كيمإلسونغجوروسياPyongyang 0123٤٥ًّ".chars() {
        pool.push(key(KeyCode::Char(c)));
    }
    let codes = [
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Enter,
        KeyCode::Insert,
        KeyCode::F(2),
        KeyCode::F(12),
        KeyCode::Null,
        KeyCode::CapsLock,
    ];
    pool.extend(codes.into_iter().map(key));
    pool.extend([
        with(KeyCode::Char('a'), KeyModifiers::CONTROL),
        with(KeyCode::Char('u'), KeyModifiers::CONTROL),
        with(KeyCode::Char('w'), KeyModifiers::CONTROL),
        with(KeyCode::Char('x'), KeyModifiers::ALT),
        with(
            KeyCode::Char('K'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ),
        with(KeyCode::BackTab, KeyModifiers::SHIFT),
        with(KeyCode::Down, KeyModifiers::SHIFT),
        with(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ]);
    let mut release = key(KeyCode::Char('j'));
    release.kind = KeyEventKind::Release;
    pool.push(release);
    pool
}

/// The invariants that must hold after any event.
fn check(app: &App, step: usize, what: &str) {
    let at = || format!("step {step} ({what})");
    assert!(app.selected() < app.section_count(), "{}: selection", at());
    assert_eq!(
        app.doc().section,
        app.selected(),
        "{}: pane shows the selection",
        at()
    );
    let g = app.geometry();
    assert_eq!(
        app.doc().width,
        usize::from(app.text_area().width).max(1),
        "{}: pane laid out at its text column's width",
        at()
    );
    assert!(app.scroll() <= app.max_scroll(), "{}: scroll", at());
    let rows = usize::from(g.sidebar_list.height).max(1);
    let total = nkru_tui::ui::geometry::SidebarRow::count(app.data());
    assert!(
        app.sidebar_top() <= total.saturating_sub(rows),
        "{}: sidebar",
        at()
    );
    if let Some(h) = &app.highlights() {
        assert!(h.current < h.spots.len(), "{}: current mention", at());
    }
}

/// Runs `keys` key presses and `resizes` resizes (one resize every
/// `keys / resizes + 1` steps) through `run::apply`, the event loop's own
/// path (KeyEvent → keymap → Action → update), checking the invariants after
/// every step and drawing after every resize and every tenth key.
fn storm(app: &mut App, seed: u64, keys: usize, resizes: usize) {
    let pool = key_pool();
    let mut rng = Rng(seed);
    let every = keys / resizes + 1;
    let (mut pressed, mut resized) = (0, 0);
    for step in 0..keys + resizes {
        let ev = if step % every == every - 1 {
            resized += 1;
            let (w, h) = (rng.below(300) as u16 + 1, rng.below(100) as u16 + 1);
            Event::Resize(w, h)
        } else {
            pressed += 1;
            Event::Key(pool[rng.below(pool.len())])
        };
        let what = format!("{ev:?}");
        let ctrl_c = matches!(ev, Event::Key(k) if k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL);
        apply(app, ev.clone());
        if let Event::Resize(w, h) = ev {
            assert_eq!(app.size(), (w, h));
        }
        assert!(!ctrl_c || app.quit(), "step {step}: Ctrl-C always quits");
        // The loop would exit here; carry on to keep the storm going.
        app.take_effects();
        check(app, step, &what);
        if matches!(ev, Event::Resize(..)) || step % 10 == 0 {
            let bad = control_cells(&draw(app));
            assert!(
                bad.is_empty(),
                "step {step} ({what}): control characters {bad:?}"
            );
        }
    }
    assert_eq!((pressed, resized), (keys, resizes));
}

#[test]
fn storm_of_1000_resizes_and_10000_keys_through_the_keymap() {
    let mut app = Home::new().prepare().app;
    storm(&mut app, 0x5EED_0001_D00D_F00D, 10_000, 1_000);
}

/// The same on a synthetic dataset with 200 eras and 1,000 entities: a
/// sidebar far longer than the screen and a finder with many candidates.
#[test]
fn storm_on_a_synthetic_dataset_with_200_eras() {
    use nkru_tui::dev::synth::{Params, generate};
    use nkru_tui::ui::app::AppOptions;
    use std::sync::Arc;
    let params = Params {
        eras: 200,
        paragraphs: 3,
        entities: 1_000,
        seed: 11,
        words: 40,
    };
    let data = generate(&params);
    let index = Arc::new(nkru_tui::search::Index::build(&data));
    let opts = AppOptions::for_dataset(&data, BidiMode::App);
    let mut app = App::new(Arc::new(data), index, opts, (120, 40));
    storm(&mut app, 42, 2_000, 200);
}

/// The same on a dataset full of escape sequences, controls and bidi
/// overrides, handed to the app without validation (see `hostile`): the
/// storm opens the finder, jumps and switches the bidi mode, and no frame
/// ever holds one of them.
#[test]
fn storm_on_a_hostile_dataset() {
    use nkru_tui::ui::app::AppOptions;
    use std::sync::Arc;
    let data = hostile::dataset();
    let index = Arc::new(nkru_tui::search::Index::build(&data));
    let opts = AppOptions::for_dataset(&data, BidiMode::App);
    let mut app = App::new(Arc::new(data), index, opts, (100, 30));
    storm(&mut app, 7, 3_000, 100);
}
