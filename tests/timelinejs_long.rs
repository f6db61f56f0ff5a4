//! A TimelineJS file with a 16 MiB headline loads, shows the headline shortened and
//! finds what is at its very end.

use parley::app::{Action, App};
use parley::data::timelinejs;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 16 MiB of characters, the longest string parley takes, ending in a word found
/// nowhere else.
fn long_headline() -> String {
    let max = parley::data::native::MAX_STRING_CHARS;
    let mut h = "word ".repeat(max / 5 + 1);
    h.truncate(max - "zebra".len());
    h.push_str("zebra");
    assert_eq!(h.chars().count(), max);
    h
}

#[test]
fn a_sixteen_mebibyte_headline_loads_shortened_and_searchable() {
    let headline = long_headline();
    let json = serde_json::json!({
        "title": {"text": {"headline": "Long"}},
        "events": [
            {"unique_id": "long", "start_date": {"year": 2025, "month": 12, "day": 4},
             "text": {"headline": headline}},
            {"unique_id": "short", "start_date": {"year": 2025, "month": 12, "day": 5},
             "text": {"headline": "Short"}}
        ]
    })
    .to_string();
    let tl = timelinejs::load_str("long.json", &json, None).unwrap_or_else(|e| panic!("{e}"));
    let ix = tl.event_by_id("long").expect("long");
    assert_eq!(
        tl.event(ix).title().chars().count(),
        headline.chars().count()
    );

    // The agenda and the detail show its start, and say how much more there is.
    let mut agenda = Vec::new();
    parley::agenda::write(&mut agenda, &tl, chrono_tz::Tz::UTC, Default::default())
        .expect("writes");
    let agenda = String::from_utf8(agenda).expect("UTF-8");
    assert!(agenda.len() < 10_000, "{} bytes", agenda.len());
    assert!(
        agenda.contains("… (16,776,216 more characters)"),
        "{agenda}"
    );

    let mut app = App::new(tl, None, 0, (100, 30));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| render(&app, &Theme::plain(), f))
        .expect("draws");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("● word word"), "{screen}");

    // Search reads it whole: the word at its very end is found.
    app.update(Action::SearchStart);
    for c in "zebra".chars() {
        app.update(Action::SearchInput(c));
    }
    while app.busy() {
        app.update(Action::Continue);
    }
    assert_eq!(app.search.matches(), 1);
}
