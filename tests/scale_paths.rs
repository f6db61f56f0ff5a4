//! The generator and the benchmarks' code paths at small sizes, so they cannot rot
//! (the timings live in `benches/scale.rs`; nothing here is timed).

use parley::app::{Action, App, Focus, View};
use parley::data::native::load_str;
use parley::synthetic;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn the_generator_writes_valid_deterministic_data_that_check_accepts() {
    let text = synthetic::dataset(3_000, 7);
    assert_eq!(text, synthetic::dataset(3_000, 7), "same seed, same file");
    assert_ne!(text, synthetic::dataset(3_000, 8));
    let tl = load_str("generated.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tl.events.len(), 3_000);
    assert_eq!(tl.parties.len(), synthetic::SIDES);
    assert_eq!(
        tl.participants.len(),
        synthetic::SIDES * synthetic::PEOPLE_PER_SIDE
    );
    // Every precision shows up, and places in zones with daylight saving.
    use parley::model::time::Precision;
    let has = |p: fn(&Precision) -> bool| tl.events.iter().any(|e| p(&e.time.start.precision));
    assert!(has(|p| matches!(p, Precision::Minute)));
    assert!(has(|p| matches!(p, Precision::Part(_))));
    assert!(has(|p| matches!(p, Precision::Day)));
    assert!(has(|p| matches!(p, Precision::Month)));
    assert!(tl.events.iter().any(|e| e.time.start.tolerance > 0));
    assert!(tl.events.iter().any(|e| e.time.duration.is_some()));
    assert!(tl.events.iter().any(|e| !e.claims.is_empty()));
    assert!(
        tl.places
            .iter()
            .any(|p| p.zone.name() == "America/New_York")
    );
    // The file, read a window at a time, gives the same timeline as the text read whole.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("generated.json");
    std::fs::write(&path, &text).expect("write");
    let mut reports = 0;
    let streamed = parley::data::stream::load(&path, &mut |_| reports += 1);
    assert!(
        streamed.as_ref() == Some(&tl),
        "the streaming reader differs"
    );
    assert!(reports > 0);
    // And `parley check` agrees.
    assert_cmd::Command::cargo_bin("parley")
        .expect("binary")
        .arg("check")
        .arg(&path)
        .assert()
        .code(0);
}

#[test]
fn the_benchmarked_paths_work_at_a_small_size() {
    let text = synthetic::dataset(2_000, 1);
    serde_json::from_str::<serde::de::IgnoredAny>(&text).expect("JSON");
    let tl = load_str("bench.json", &text).expect("valid");
    let mut app = App::new(tl, None, 1_764_972_000, (200, 50));
    app.cursors[0].sel = app.shown_len() / 2;
    app.update(Action::Down);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    for view in [View::Timeline, View::People, View::Axis] {
        app.update(Action::Show(view));
        terminal
            .draw(|f| render(&app, &Theme::plain(), f))
            .expect("draws");
    }
    app.update(Action::Show(View::Timeline));
    app.focus = Focus::Detail;
    terminal
        .draw(|f| render(&app, &Theme::plain(), f))
        .expect("draws");
    app.focus = Focus::List;
    app.update(Action::SearchStart);
    for ch in "umerov".chars() {
        app.update(Action::SearchInput(ch));
    }
    assert!(
        app.search.matches() > 0,
        "the generator's Rustem Umerov attends meetings"
    );
    let all = app.search.matches();
    for ch in " m".chars() {
        app.update(Action::SearchInput(ch));
    }
    assert!(app.search.matches() <= all, "a longer query narrows");
    app.update(Action::SearchDeleteChar);
    app.update(Action::SearchDeleteChar);
    assert_eq!(
        app.search.matches(),
        all,
        "backspace gives the shorter query's matches back"
    );
    let recounted = (0..app.shown_len()).filter(|&k| app.is_match(k)).count();
    assert_eq!(recounted, all);
    app.update(Action::Clear);
    let before = app.shown_len();
    app.update(Action::FiltersOpen);
    app.update(Action::FilterToggle);
    assert!(app.shown_len() < before, "a side filter narrows the list");
    app.update(Action::FilterToggle);
    app.update(Action::FiltersClose);
    assert_eq!(app.shown_len(), before);
}
