//! The browser before its index is ready: the app is made from the parsed
//! dataset alone ([`App::indexing`]) while the index is built on a thread,
//! held back here with [`IndexBuilder::hold_until`]. The first frame is
//! drawn, the finder opens and takes a query and says it is indexing; once
//! the index arrives ([`Msg::IndexReady`]) it answers that query with no
//! further key. (`tests/tui_pty.rs` does the same with the real binary.)

use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use nkru_tui::data::Direction;
use nkru_tui::search::{IndexBuilder, Target};
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::{App, AppOptions, Msg};
use nkru_tui::ui::strings::Lang;

use super::{key, screen};

#[test]
fn the_first_frame_comes_before_the_index_and_the_finder_answers_when_it_is_ready() {
    let data = Arc::new(nkru_tui::data::embedded().expect("embedded dataset"));
    let (go, hold) = channel::<()>();
    let builder = IndexBuilder::new().hold_until(hold);
    let progress = builder.progress();
    let (send, ready) = channel();
    let shared = Arc::clone(&data);
    let thread = std::thread::spawn(move || {
        let _ = send.send(Arc::new(builder.build_shared(shared)));
    });
    let mut opts = AppOptions::for_dataset(&data, BidiMode::Terminal);
    opts.lang = Lang::En;
    opts.layout_direction = Direction::Ltr;
    let mut app = App::indexing(Arc::clone(&data), progress, opts, (100, 30));

    // The first frame: the sidebar and the text, from the dataset alone.
    assert!(app.index().is_none());
    let first = screen(&app);
    let era = data.eras.first().expect("an era");
    assert!(first.contains("Eras"), "the sidebar:\n{first}");
    assert!(
        first.contains(era.paragraphs[0].split_whitespace().next().expect("a word")),
        "the first era's text:\n{first}"
    );
    // Browsing works meanwhile.
    app.update(Action::NextEra);
    assert_eq!(app.selected(), 1);
    app.update(Action::PrevEra);

    // The finder opens, takes a query and says it is indexing.
    app.update(Action::Finder);
    assert!(app.awaits_index());
    for c in "Putin".chars() {
        app.update(&key(KeyCode::Char(c)));
    }
    let finder = app.finder().expect("the finder is open");
    assert_eq!(finder.query(), "Putin");
    assert!(finder.hits().is_empty());
    // Enter without results neither jumps nor closes.
    app.update(&key(KeyCode::Enter));
    assert!(app.finder().is_some() && app.highlights().is_none());
    // Once the build has counted its work (it is held there), the share done.
    let until = Instant::now() + Duration::from_secs(10);
    while app.index_progress().is_some_and(|(_, total)| total == 0) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    let waiting = screen(&app);
    assert!(waiting.contains("Indexing… 0%"), "{waiting}");
    assert!(waiting.contains("Putin"), "the query line:\n{waiting}");
    assert!(!waiting.contains("mentions"), "no results yet:\n{waiting}");

    // The build goes ahead; the index arrives; the finder answers.
    go.send(()).expect("the build is waiting");
    let index = ready
        .recv_timeout(Duration::from_secs(60))
        .expect("the index is built");
    thread.join().expect("the index thread");
    app.update(Msg::IndexReady(index));
    assert!(!app.awaits_index());
    let finder = app.finder().expect("still open");
    assert_eq!(finder.query(), "Putin");
    let first_hit = finder.hits().first().expect("an answer").target;
    let index = app.index().expect("ready");
    let Target::Entity(putin) = first_hit else {
        panic!("an entity first, got {first_hit:?}");
    };
    let entity = index.entity(putin).expect("entity");
    assert!(
        entity.latin.iter().any(|l| l.contains("Putin")),
        "{entity:?}"
    );
    let mentions = index.mention_count(putin);
    let answered = screen(&app);
    assert!(!answered.contains("Indexing"), "{answered}");
    assert!(
        answered.contains("mentions"),
        "the mention count:\n{answered}"
    );

    // And the jump highlights its mentions.
    app.update(&key(KeyCode::Enter));
    assert!(app.finder().is_none());
    let highlights = app.highlights().expect("highlights");
    assert_eq!(highlights.spots.len(), mentions);
}

#[test]
fn an_app_without_its_index_draws_every_popup_and_size_without_panicking() {
    let data = Arc::new(nkru_tui::data::embedded().expect("embedded dataset"));
    let (_go, hold) = channel::<()>();
    let builder = IndexBuilder::new().hold_until(hold);
    let opts = AppOptions::for_dataset(&data, BidiMode::App);
    let mut app = App::indexing(Arc::clone(&data), builder.progress(), opts, (100, 30));
    for action in [
        Action::NextMention,
        Action::Finder,
        Action::FinderSwitch,
        Action::FinderDown,
        Action::FinderCopy,
        Action::FinderJump,
    ] {
        app.update(action);
        screen(&app);
    }
    app.update(Msg::Paste("كيم".into()));
    for (width, height) in [(100, 30), (40, 12), (20, 6), (8, 4), (1, 1)] {
        app.update(Action::Resize { width, height });
        let drawn = screen(&app);
        assert!(!drawn.is_empty());
    }
    assert!(
        app.take_effects()
            .iter()
            .all(|e| !matches!(e, nkru_tui::ui::app::Effect::Copy(_)))
    );
}
