//! A TimelineJS `group` is plain text, a topic, a filter value and a lane on the axis.

use std::path::Path;

use chrono::{TimeZone, Utc};
use parley::app::filter::{self, FilterKind};
use parley::app::{Action, App, View};
use parley::data::timelinejs;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn groups() -> parley::model::timeline::Timeline {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs/groups.json");
    let text = std::fs::read_to_string(path).expect("fixture");
    timelinejs::load_str("groups.json", &text, None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_group_is_plain_text_and_a_filter_value() {
    let tl = groups();
    let names: Vec<String> = filter::values(&tl, FilterKind::Topic)
        .into_iter()
        .map(|v| v.name(&tl))
        .collect();
    // Markup stripped, entities decoded, spaces trimmed: one value for both spellings.
    assert_eq!(names, ["Miami & co", "Moscow"]);
    for id in ["arrive", "second-day"] {
        let ev = tl.event(tl.event_by_id(id).expect(id));
        let topics: Vec<&str> = tl
            .event_topics(ev)
            .iter()
            .map(|t| &*tl.topic(*t).name)
            .collect();
        assert_eq!(topics, ["Miami & co"], "{id}");
    }
}

#[test]
fn a_file_of_groups_has_lanes_by_group_on_the_axis() {
    let now = Utc
        .with_ymd_and_hms(2025, 12, 5, 12, 0, 0)
        .single()
        .expect("valid")
        .timestamp();
    let mut app = App::new(groups(), None, now, (100, 30));
    app.update(Action::Show(View::Axis));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| render(&app, &Theme::plain(), f))
        .expect("draws");
    let screen = terminal.backend().to_string();
    for lane in ["Miam…& co", "Moscow", "no topic"] {
        assert!(screen.contains(lane), "no lane {lane}:\n{screen}");
    }
    assert!(
        !screen.contains("<i>") && !screen.contains("&amp;"),
        "{screen}"
    );
    assert!(!screen.contains("no side"), "{screen}");
    assert!(screen.contains("Axis · by topic"), "{screen}");
    // A slide is an event, not a meeting, and says no status.
    assert!(screen.contains("┌ Event "), "{screen}");
    assert!(!screen.contains("held"), "{screen}");
}
