//! Benchmarks at scale (see BENCHMARKS.md). Sizes come from `PARLEY_BENCH_SIZES`
//! (default `10000,100000`; add `1000000` for the full set).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parley::app::{Action, App, Focus, View};
use parley::data::native::load_str;
use parley::synthetic;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn sizes() -> Vec<usize> {
    std::env::var("PARLEY_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

const NOW: i64 = 1_764_972_000;
const SIZE: (u16, u16) = (200, 50);

fn app_in_the_middle(text: &str) -> App {
    let tl = load_str("bench.json", text).expect("generated data is valid");
    let mut app = App::new(tl, None, NOW, SIZE);
    let middle = app.shown_len() / 2;
    app.update(Action::Home);
    app.nav.cursors[0].sel = middle;
    app.update(Action::Down);
    app.update(Action::Up);
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| render(app, &Theme::from_env(), f))
        .expect("draws");
}

fn scale(c: &mut Criterion) {
    for n in sizes() {
        let text = synthetic::dataset(n, 1);
        let big = n >= 1_000_000;
        let mut group = c.benchmark_group(format!("{n}"));
        if n >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(if big { 60 } else { 20 }));
        }
        group.bench_function("parse_floor", |b| {
            b.iter(|| {
                serde_json::from_str::<serde::de::IgnoredAny>(black_box(&text)).expect("JSON")
            })
        });
        // The file as `parley big.json` reads it (a window at a time), and the same
        // text validated whole, as the reader for files with errors does.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.json");
        std::fs::write(&path, &text).expect("write");
        group.bench_function("load", |b| {
            b.iter(|| parley::data::load_file(black_box(&path)).expect("valid"))
        });
        group.bench_function("load_whole_text", |b| {
            b.iter(|| load_str("bench.json", black_box(&text)).expect("valid"))
        });
        group.bench_function("first_frame", |b| {
            b.iter(|| {
                let tl = parley::data::load_file(&path).expect("valid");
                let app = App::new(tl, None, NOW, SIZE);
                let mut terminal =
                    Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
                draw(&mut terminal, &app);
            })
        });
        group.finish();

        let mut group = c.benchmark_group(format!("{n}"));
        let mut app = app_in_the_middle(&text);
        let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
        for view in [View::Timeline, View::People, View::Axis] {
            app.update(Action::Show(view));
            group.bench_function(BenchmarkId::new("frame", format!("{view:?}")), |b| {
                b.iter(|| draw(&mut terminal, &app))
            });
        }
        // A change redoes what frames keep: the axis's layout, a person's description
        // (each bench does two changes and back).
        app.update(Action::Show(View::Axis));
        group.bench_function("axis_pan_x2", |b| {
            b.iter(|| {
                app.update(Action::Pan(1));
                app.update(Action::Pan(-1));
            })
        });
        app.update(Action::Show(View::People));
        group.bench_function("people_next_x2", |b| {
            b.iter(|| {
                app.update(Action::Down);
                app.update(Action::Up);
            })
        });
        app.update(Action::Show(View::Timeline));
        app.nav.focus = Focus::Detail;
        group.bench_function(BenchmarkId::new("frame", "Detail"), |b| {
            b.iter(|| draw(&mut terminal, &app))
        });
        app.nav.focus = Focus::List;

        // The first key of a search: what the key itself costs (one step of the
        // list; the rest is done between frames) and the whole search to its end.
        group.bench_function("search_first_key", |b| {
            b.iter(|| {
                app.update(Action::SearchStart);
                app.update(Action::SearchInput('u'));
                app.update(Action::Clear);
            })
        });
        group.bench_function("search_first_key_to_the_end", |b| {
            b.iter(|| {
                app.update(Action::SearchStart);
                app.update(Action::SearchInput('u'));
                while app.busy() {
                    app.update(Action::Continue);
                }
                app.update(Action::Clear);
            })
        });
        // The worst first key: matches nothing, so every field of every event is
        // read, and is not ASCII, so none of them is read the fast way.
        group.bench_function("search_first_key_worst", |b| {
            b.iter(|| {
                app.update(Action::SearchStart);
                app.update(Action::SearchInput('ж'));
                app.update(Action::Clear);
            })
        });
        // One keystroke of incremental search: "umerov" -> "umerov m" and back.
        app.update(Action::SearchStart);
        for ch in "umerov ".chars() {
            app.update(Action::SearchInput(ch));
        }
        while app.busy() {
            app.update(Action::Continue);
        }
        group.bench_function("search_keystroke_x2", |b| {
            b.iter(|| {
                app.update(Action::SearchInput('m'));
                app.update(Action::SearchDeleteChar);
            })
        });
        app.update(Action::Clear);
        // A filter on one side, then on one participant (the menu's next kind), on and
        // off; the menu opens on sides.
        for (name, kind) in [("filter_side_x2", 0), ("filter_participant_x2", 1)] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    app.update(Action::FiltersOpen);
                    for _ in 0..kind {
                        app.update(Action::FilterCategoryNext);
                    }
                    app.update(Action::FilterToggle);
                    app.update(Action::FilterToggle);
                    app.update(Action::FiltersClose);
                })
            });
        }
        group.finish();
    }
}

/// A file with 20,000 problems (every event's status misspelt) checked, next to the
/// same file sound: finding and placing every problem should cost about a load.
fn problems(c: &mut Criterion) {
    let sound = synthetic::dataset(20_000, 1);
    let broken = sound.replace("\"status\": \"", "\"status\": \"x");
    let dir = tempfile::tempdir().expect("temp dir");
    let (sound_path, broken_path) = (
        dir.path().join("sound.json"),
        dir.path().join("broken.json"),
    );
    std::fs::write(&sound_path, &sound).expect("write");
    std::fs::write(&broken_path, &broken).expect("write");
    let found = parley::data::load_file(&broken_path).expect_err("problems");
    assert_eq!(found.problems.len(), 20_000);
    let mut group = c.benchmark_group("problems");
    group.bench_function("load_valid_20k_events", |b| {
        b.iter(|| parley::data::load_file(black_box(&sound_path)).expect("valid"))
    });
    group.bench_function("check_20k_problems", |b| {
        b.iter(|| parley::data::load_file(black_box(&broken_path)).expect_err("problems"))
    });
    group.bench_function("check_20k_problems_text_whole", |b| {
        b.iter(|| load_str("broken.json", black_box(&broken)).expect_err("problems"))
    });
    group.finish();
}

/// One event with `n` participants, each of them in the registry.
fn one_plenary(n: usize) -> String {
    let people: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "p{i}", "name": "Person {i}"}}"#))
        .collect();
    let attending: Vec<String> = (0..n).map(|i| format!(r#"{{"person": "p{i}"}}"#)).collect();
    format!(
        r#"{{"title": "t", "zone": "UTC", "participants": [{}], "events": [{{"id": "plenary", "title": "Plenary", "kind": "meeting", "status": "held", "time": {{"start": "2025-12-02T10:00"}}, "participants": [{}]}}]}}"#,
        people.join(","),
        attending.join(",")
    )
}

/// `n` TimelineJS slides with one headline on one day: one id base for all.
fn same_headline(n: usize) -> String {
    let slide = r#"{"start_date": {"year": 2020, "month": 1, "day": 1}, "text": {"headline": "Same headline", "text": "x"}}"#;
    format!(r#"{{"events": [{}]}}"#, vec![slide; n].join(","))
}

/// One event whose outcomes are `bytes` long in all.
fn long_outcomes(bytes: usize) -> String {
    let outcome =
        "An outcome sentence that says something about what was agreed in the long talks. "
            .repeat(3);
    let outcomes = vec![format!("{:?}", outcome.trim_end()); bytes / outcome.len()];
    format!(
        r#"{{"title": "t", "zone": "UTC", "events": [{{"id": "long", "title": "Long", "kind": "meeting", "status": "held", "time": {{"start": "2025-12-02T10:00"}}, "outcomes": [{}]}}]}}"#,
        outcomes.join(",")
    )
}

/// The corners that once took quadratic time: one event with many participants, many
/// TimelineJS slides with one headline, a long detail.
fn corners(c: &mut Criterion) {
    let mut group = c.benchmark_group("corners");
    group.sample_size(10);
    let plenary = one_plenary(100_000);
    group.bench_function("participants_100k", |b| {
        b.iter(|| load_str("plenary.json", black_box(&plenary)).expect("valid"))
    });
    let slides = same_headline(40_000);
    group.bench_function("slides_40k_same_headline", |b| {
        b.iter(|| {
            parley::data::timelinejs::load_str("slides.json", black_box(&slides), None)
                .expect("valid")
        })
    });
    let text = long_outcomes(65_000_000);
    let tl = load_str("long.json", &text).expect("valid");
    drop(text);
    let mut app = App::new(tl, None, NOW, SIZE);
    let (width, _) = parley::app::layout::detail_size(SIZE.0, SIZE.1);
    group.bench_function("detail_open_65mb", |b| {
        b.iter(|| parley::app::detail::KeptDocument::new(&app, width))
    });
    app.update(Action::Home);
    app.nav.focus = Focus::Detail;
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    group.bench_function("detail_scroll_65mb", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut terminal, &app);
        })
    });
    group.finish();
}

/// Accounts on a tenth of the events: one step of time travel (the cursor moved, the
/// list and the row under it found again) and a diff of two versions in memory.
fn accounts(c: &mut Criterion) {
    for n in sizes() {
        let mut text = Vec::new();
        synthetic::write_with(&mut text, n, 1, true).expect("generated");
        let text = String::from_utf8(text).expect("UTF-8");
        let mut group = c.benchmark_group(format!("{n}_accounts"));
        if n >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        let mut app = app_in_the_middle(&text);
        // The first step finds when each event became known; the steps after reuse it.
        app.update(Action::KnownEarlier);
        let mut back = false;
        group.bench_function("time_travel_step", |b| {
            b.iter(|| {
                back = !back;
                app.update(if back {
                    Action::KnownEarlier
                } else {
                    Action::KnownLater
                });
                black_box(app.shown_len())
            })
        });
        let old = load_str("old.json", &text).expect("valid");
        let new = load_str(
            "new.json",
            &text.replacen("\"title\": \"", "\"title\": \"Renamed: ", 1000),
        )
        .expect("valid");
        group.bench_function("diff_in_memory", |b| {
            b.iter(|| black_box(parley::model::diff::diff(&old, &new).changed.len()))
        });
        group.finish();
    }
}

criterion_group!(benches, scale, problems, corners, accounts);
criterion_main!(benches);
