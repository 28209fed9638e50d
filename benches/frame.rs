//! One full frame of the browser at 200×60, on the embedded dataset (`seed/…`)
//! and on the large
//! synthetic dataset (10,000 eras × 5 paragraphs, 100,000 entities:
//! [`nkru_tui::dev::synth::Params::large`]).
//!
//! `cargo bench --bench frame`. Target (BENCHMARKS.md): under 1 ms, and the
//! large dataset within 1.5× of the embedded one.
//!
//! - `steady`: the state does not change between frames (layout and label
//!   caches warm): reset the buffer, draw every widget into it, as
//!   `Terminal::draw` does before its diff.
//! - `terminal`: the same through `ratatui::Terminal<TestBackend>`, so with
//!   ratatui's buffer swap and diff.
//! - `new_era`: the first frame after selecting an era never shown before
//!   (its paragraphs not yet laid out at this width: cold layout cache):
//!   `Msg::Select` then the draw. Each sample starts from a fresh app that
//!   has drawn one frame (so the interface's labels are warm, as in a session).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group};
use nkru_tui::data::Dataset;
use nkru_tui::search::Index;
use nkru_tui::text::BidiMode;
use nkru_tui::ui::action::Action;
use nkru_tui::ui::app::{App, AppOptions, Msg};
use nkru_tui::ui::view::Painter;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZE: (u16, u16) = (200, 60);

/// The dataset, its index and the options, shared by every app built on it.
struct Source {
    data: Arc<Dataset>,
    index: Arc<Index>,
    opts: AppOptions,
}

impl Source {
    fn new(data: Dataset) -> Source {
        let index = Arc::new(Index::build(&data));
        let opts = AppOptions::for_dataset(&data, BidiMode::App);
        Source {
            data: Arc::new(data),
            index,
            opts,
        }
    }

    fn app(&self) -> App {
        App::new(
            Arc::clone(&self.data),
            Arc::clone(&self.index),
            self.opts.clone(),
            SIZE,
        )
    }

    /// An app at era `era`, the detail pane focused and scrolled a little:
    /// every pane, the scrollbars and the ruler have something to draw; and
    /// its painter, which has drawn it once.
    fn browsing(&self, era: usize) -> (App, Painter) {
        let mut app = self.app();
        app.update(Msg::Select(era));
        app.update(Action::FocusNext);
        app.update(Action::Down);
        app.update(Action::Down);
        let mut painter = Painter::new();
        draw(&mut painter, &app, &mut buffer());
        (app, painter)
    }
}

fn buffer() -> Buffer {
    Buffer::empty(Rect::new(0, 0, SIZE.0, SIZE.1))
}

fn draw(painter: &mut Painter, app: &App, buf: &mut Buffer) {
    buf.reset();
    painter.draw_into(app, buf.area, buf);
}

fn bench_dataset(c: &mut Criterion, name: &str, src: &Source) {
    let eras = src.data.eras.len();
    let mut g = c.benchmark_group(format!("frame_200x60/{name}"));

    let (app, mut painter) = src.browsing(eras / 2);
    let mut buf = buffer();
    g.bench_function("steady", |b| {
        b.iter(|| {
            draw(&mut painter, &app, &mut buf);
            black_box(&buf);
        })
    });

    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend");
    g.bench_function("terminal", |b| {
        b.iter(|| {
            terminal
                .draw(|f| painter.draw(f, &app))
                .expect("draw on a test backend");
        })
    });

    // A different never-shown era each sample: 1, 2, … (wrapping past 0,
    // which a fresh app has laid out already).
    let mut next = 0;
    g.bench_function("new_era", |b| {
        b.iter_batched(
            || {
                next = next % (eras - 1) + 1;
                let app = src.app();
                let mut painter = Painter::new();
                draw(&mut painter, &app, &mut buffer());
                (app, painter, buffer(), next)
            },
            |(mut app, mut painter, mut buf, era)| {
                app.update(Msg::Select(era));
                draw(&mut painter, &app, &mut buf);
                (app, painter, buf)
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let seed = Source::new(nkru_tui::data::embedded().unwrap_or_else(|e| panic!("{e}")));
    bench_dataset(c, "seed", &seed);
    // The same with every paragraph justified with kashida.
    let mut kashida = Source::new(Dataset::clone(&seed.data));
    kashida.opts.justify = nkru_tui::text::Justify::Kashida;
    bench_dataset(c, "seed_kashida", &kashida);
    // Terminal mode.
    let mut terminal = Source::new(Dataset::clone(&seed.data));
    terminal.opts.mode = BidiMode::Terminal;
    bench_dataset(c, "seed_terminal_mode", &terminal);
    drop(seed);

    eprintln!("generating the large dataset (10,000 eras, 100,000 entities)…");
    let large = Source::new(nkru_tui::dev::synth::generate(
        &nkru_tui::dev::synth::Params::large(),
    ));
    bench_dataset(c, "large", &large);
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
