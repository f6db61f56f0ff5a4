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
    app.nav.cursors[0].sel = app.shown_len() / 2;
    app.update(Action::Down);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    for view in [View::Timeline, View::People, View::Axis] {
        app.update(Action::Show(view));
        terminal
            .draw(|f| render(&app, &Theme::plain(), f))
            .expect("draws");
    }
    // A change that lays the axis out again, and one that describes another person.
    app.update(Action::Show(View::Axis));
    let start = app.axis.window.start;
    app.update(Action::Pan(1));
    assert!(app.axis.window.start > start, "the axis pans");
    app.update(Action::Show(View::People));
    let person = app.subject();
    app.update(Action::Down);
    assert_ne!(app.subject(), person, "another person");
    app.update(Action::Show(View::Timeline));
    app.nav.focus = Focus::Detail;
    terminal
        .draw(|f| render(&app, &Theme::plain(), f))
        .expect("draws");
    app.nav.focus = Focus::List;
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
    assert_eq!(app.shown_len(), before);
    // And one participant: only the events they attended.
    app.update(Action::FilterCategoryNext);
    app.update(Action::FilterToggle);
    let person = parley::model::timeline::PersonIx::new(0);
    assert_eq!(app.shown_len(), app.timeline.events_of(person).len());
    app.update(Action::FilterToggle);
    app.update(Action::FiltersClose);
    assert_eq!(app.shown_len(), before);
}

/// The matches of a query, event by event: what a search must end up with.
fn every_match(app: &App, query: &str) -> Vec<usize> {
    let needle = query.to_lowercase();
    (0..app.shown_len())
        .filter(|&k| {
            app.event_at(k).is_some_and(|e| {
                parley::app::search::event_matches(&app.timeline, app.timeline.event(e), &needle)
            })
        })
        .collect()
}

/// Runs a search under way to its end, as the event loop does between frames; the
/// number of steps, which the list's length bounds.
fn finish(app: &mut App) -> usize {
    let mut steps = 0;
    while app.busy() {
        app.update(Action::Continue);
        steps += 1;
        assert!(
            steps <= app.shown_len() / parley::app::search::STEP + 2,
            "no end"
        );
    }
    steps
}

#[test]
fn a_search_of_a_long_list_goes_on_between_keys_and_ends_with_every_match() {
    let tl = load_str("s.json", &synthetic::dataset(12_000, 2)).expect("valid");
    let mut app = App::new(tl, None, 1_764_972_000, (120, 40));
    app.nav.cursors[0].sel = 7_000;
    app.update(Action::SearchStart);
    app.update(Action::SearchInput('u'));
    // One step of the list, not all of it: the rest is for the frames to come.
    assert!(app.busy(), "a 12,000-event list is searched in steps");
    assert!(app.search_progress().is_some_and(|p| p < 100));
    // A key typed meanwhile narrows what was found and goes on with the rest.
    app.update(Action::SearchInput('m'));
    assert!(finish(&mut app) >= 1);
    assert_eq!(app.search.hits, every_match(&app, "um"));
    // The selection is on the first match from where the search began.
    let first_after = app.search.hits.iter().find(|&&k| k >= 7_000).copied();
    assert_eq!(
        Some(app.cursor().sel),
        first_after.or(app.search.hits.first().copied())
    );
    // Backspace while a search is under way gives back the shorter query's matches
    // so far, and finishing gives all of them.
    app.update(Action::SearchDeleteChar);
    app.update(Action::SearchDeleteChar);
    app.update(Action::SearchInput('e'));
    assert!(app.busy());
    app.update(Action::SearchInput('n'));
    app.update(Action::SearchDeleteChar);
    finish(&mut app);
    assert_eq!(app.search.hits, every_match(&app, "e"));
    // A search confirmed before it ends goes on, and its count reaches the whole.
    app.update(Action::SearchDeleteChar);
    for ch in "umerov".chars() {
        app.update(Action::SearchInput(ch));
    }
    app.update(Action::SearchConfirm);
    finish(&mut app);
    assert_eq!(app.search.hits, every_match(&app, "umerov"));
    assert!(!app.search.hits.is_empty());
    // n and N walk the matches found.
    let at = app.cursor().sel;
    app.update(Action::SearchNext);
    assert!(app.search.hits.contains(&app.cursor().sel) && app.cursor().sel != at);
}

/// The header counts a confirmed search's matches as every other count, with thousands
/// separated.
#[test]
fn the_header_counts_thousands_of_matches_with_separators() {
    let tl = load_str("s.json", &synthetic::dataset(12_000, 2)).expect("valid");
    let mut app = App::new(tl, None, 1_764_972_000, (120, 40));
    app.update(Action::SearchStart);
    app.update(Action::SearchInput('e'));
    app.update(Action::SearchConfirm);
    finish(&mut app);
    let n = app.search.matches();
    assert!(n >= 1_000, "{n} matches");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|f| render(&app, &Theme::plain(), f))
        .expect("draws");
    let screen = terminal.backend().to_string();
    let header = screen.lines().nth(1).expect("a second line");
    let count = parley::model::describe::thousands(n);
    assert!(count.contains(','), "{count}");
    assert!(
        header.contains(&format!("search “e”: {count} found")),
        "{header}"
    );
}

/// Past `PARALLEL_FROM` events, ordering and indexing run on two threads: the order
/// and every index still agree with the events themselves.
#[test]
fn a_timeline_ordered_and_indexed_on_two_threads_agrees_with_its_events() {
    use parley::model::timeline::{EventIx, PersonIx, PlaceIx, TopicIx, chronological};
    use parley::store::PARALLEL_FROM;
    let n = PARALLEL_FROM + 1_000;
    let tl = load_str("large.json", &synthetic::dataset(n, 3)).expect("valid");
    assert_eq!(tl.events.len(), n);
    assert!(
        tl.events
            .iter()
            .zip(tl.events.iter().skip(1))
            .all(|(a, b)| chronological(a, b).is_lt())
    );
    let mut of_person = vec![Vec::new(); tl.participants.len()];
    let mut on_topic = vec![Vec::new(); tl.topics.len()];
    let mut at_place = vec![Vec::new(); tl.places.len()];
    let mut pointed_at = vec![Vec::new(); n];
    for (i, ev) in tl.events.iter().enumerate() {
        let ix = EventIx::new(i as u32);
        assert_eq!(tl.event_by_id(ev.id()), Some(ix), "{}", ev.id());
        for a in tl.attendees(ev) {
            of_person[a.person.get()].push(ix);
        }
        for t in tl.event_topics(ev) {
            on_topic[t.get()].push(ix);
        }
        if let Some(p) = ev.place {
            at_place[p.get()].push(ix);
        }
        for r in tl.relations(ev) {
            pointed_at[r.target.get()].push((r.kind, ix));
        }
    }
    for (p, expected) in of_person.iter().enumerate() {
        let found: Vec<EventIx> = tl.events_of(PersonIx::new(p as u32)).collect();
        assert_eq!(&found, expected, "person {p}");
    }
    for (t, expected) in on_topic.iter().enumerate() {
        let found: Vec<EventIx> = tl.events_on(TopicIx::new(t as u32)).collect();
        assert_eq!(&found, expected, "topic {t}");
    }
    for (p, expected) in at_place.iter().enumerate() {
        let found: Vec<EventIx> = tl.events_at(PlaceIx::new(p as u32)).collect();
        assert_eq!(&found, expected, "place {p}");
    }
    assert!(
        pointed_at.iter().any(|r| !r.is_empty()),
        "the data has relations"
    );
    for (i, expected) in pointed_at.iter().enumerate() {
        assert_eq!(
            &tl.related_to(EventIx::new(i as u32)),
            expected,
            "event {i}"
        );
    }
}
