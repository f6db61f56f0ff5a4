//! Times each of the benchmarked code paths once on a dataset file, for sizes where
//! criterion's repeated samples take too long (a million events):
//! `cargo run --release --example measure -- big1m.json`
//!
//! Single runs on a shared machine: read the figures as one sample each, not as
//! means. `benches/scale.rs` has the same paths under criterion.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use parley::app::{Action, App, Focus, View};
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[derive(Parser)]
#[command(about = "Time parley's code paths once on a dataset file")]
struct Args {
    /// A native dataset, e.g. from `--example generate`
    file: PathBuf,
    /// Frames drawn for each view's mean
    #[arg(long, default_value_t = 100)]
    frames: u32,
    /// Stop after the load and the parse floor (for many runs in turn)
    #[arg(long)]
    load_only: bool,
}

/// `println!` that stops quietly when the reader has gone (`measure ... | head`).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

const NOW: i64 = 1_764_972_000;
const SIZE: (u16, u16) = (200, 50);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    say!("{what:<44} {:>12.2?}", start.elapsed());
    out
}

fn mean(what: &str, n: u32, mut f: impl FnMut()) {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    let each = start.elapsed() / n.max(1);
    say!("{what:<44} {each:>12.2?}  (mean of {n})");
}

/// The most this process has held in memory so far, from the kernel's count.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM"))?;
    Some(
        line.split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn main() -> ExitCode {
    let args = Args::parse();
    // The load first, so that the peak is the load's own.
    let loaded = timed("load (the file, as `parley file` reads it)", || {
        parley::data::load_file(&args.file)
    });
    let tl = match loaded {
        Ok(tl) => tl,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(peak) = peak_memory() {
        say!("{:<44} {peak:>12}", "peak memory after loading");
    }
    // Why the fast readers handed over to the general ones, if they did.
    say!("{}", parley::data::handovers());
    match std::fs::read(&args.file) {
        Ok(bytes) => {
            timed("parse floor (serde_json into IgnoredAny)", || {
                serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).map(|_| ())
            })
            .ok();
        }
        Err(e) => eprintln!("measure: {}: {e}", args.file.display()),
    }
    if args.load_only {
        return ExitCode::SUCCESS;
    }
    let mut app = timed("viewer state (App::new)", || App::new(tl, None, NOW, SIZE));
    let mut terminal = match Terminal::new(TestBackend::new(SIZE.0, SIZE.1)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("measure: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut draw = |app: &App| {
        let _ = terminal.draw(|f| render(app, &Theme::from_env(), f));
    };
    timed("first frame (200x50)", || draw(&app));
    app.nav.cursors[0].sel = app.shown_len() / 2;
    app.update(Action::Down);
    for view in [View::Timeline, View::People, View::Axis] {
        app.update(Action::Show(view));
        mean(&format!("frame: {view:?}"), args.frames, || draw(&app));
    }
    // A change redoes what frames keep: the axis's layout, a person's description.
    app.update(Action::Show(View::Axis));
    mean("axis: pan a quarter (lays out the window)", 20, || {
        app.update(Action::Pan(1));
        app.update(Action::Pan(-1));
    });
    app.update(Action::Show(View::People));
    mean("people: next person (describes them)", 20, || {
        app.update(Action::Down);
        app.update(Action::Up);
    });
    app.update(Action::Show(View::Timeline));
    app.nav.focus = Focus::Detail;
    mean("frame: detail focused", args.frames, || draw(&app));
    app.nav.focus = Focus::List;

    let finish = |app: &mut App| {
        let mut steps = 0u32;
        let mut longest = Duration::ZERO;
        while app.busy() {
            let t = Instant::now();
            app.update(Action::Continue);
            longest = longest.max(t.elapsed());
            steps += 1;
        }
        (steps, longest)
    };
    for (what, key) in [("'u'", 'u'), ("'ж' (matches nothing)", 'ж')] {
        app.update(Action::SearchStart);
        timed(&format!("search: first key {what}"), || {
            app.update(Action::SearchInput(key))
        });
        let start = Instant::now();
        let (steps, longest) = finish(&mut app);
        say!(
            "{:<44} {:>12.2?}  ({steps} steps between frames, longest {longest:.2?})",
            format!("search: {what} to the end"),
            start.elapsed()
        );
        app.update(Action::Clear);
    }
    app.update(Action::SearchStart);
    for ch in "umerov".chars() {
        app.update(Action::SearchInput(ch));
        finish(&mut app);
    }
    timed("search: \"umerov\" -> \"umerov \"", || {
        app.update(Action::SearchInput(' '))
    });
    timed("search: Backspace", || app.update(Action::SearchDeleteChar));
    app.update(Action::Clear);
    app.update(Action::FiltersOpen);
    timed("filter: one side on", || app.update(Action::FilterToggle));
    timed("filter: one side off", || app.update(Action::FilterToggle));
    app.update(Action::FilterCategoryNext);
    timed("filter: one participant on", || {
        app.update(Action::FilterToggle)
    });
    timed("filter: one participant off", || {
        app.update(Action::FilterToggle)
    });
    app.update(Action::FiltersClose);
    ExitCode::SUCCESS
}
