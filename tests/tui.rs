//! The browser without a terminal: `App::update` for every action, whole-screen
//! snapshots through ratatui's `TestBackend`, keymap/config parsing and the
//! state file.

use std::collections::HashMap;

use nkru_tui::cli::GlobalArgs;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::app::App;
use nkru_tui::ui::{Prepared, prepare, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// An app on the embedded dataset, with state/config isolated in `dir`.
fn app_in(dir: &std::path::Path, global: &GlobalArgs, extra_env: &[(&str, &str)], size: (u16, u16)) -> Prepared {
    let data = nkru_tui::data::embedded().expect("embedded dataset");
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert("XDG_STATE_HOME".into(), dir.join("state").display().to_string());
    env.insert("XDG_CONFIG_HOME".into(), dir.join("config").display().to_string());
    for (k, v) in extra_env {
        env.insert((*k).into(), (*v).into());
    }
    let lookup = move |k: &str| env.get(k).cloned();
    prepare(data, "test", global, BidiMode::App, &lookup, size).expect("prepare")
}

fn app(size: (u16, u16)) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    app_in(dir.path(), &GlobalArgs::default(), &[], size).app
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    format!("{}", terminal.backend())
}

#[test]
fn print_start_screen() {
    let a = app((100, 30));
    println!("{}", screen(&a));
}
