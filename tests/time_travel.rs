//! Time travel through the reporting: `<` and `>` move a knowledge cursor from one
//! publication to the next, and the viewer shows the week as it was known then.

use chrono::{TimeZone, Utc};
use parley::app::{Action, App};
use parley::data::load_bundled;
use parley::model::accounts::Published;

mod common;
use common::{keys, screen};

/// A clock well after the week, so that the now line is the cursor's.
fn app(size: (u16, u16)) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 1, 10, 12, 0, 0)
        .single()
        .expect("a time")
        .timestamp();
    App::new(load_bundled().expect("bundled"), None, now, size)
}

/// The row of the event titled `title`, if it is listed.
fn row<'a>(shown: &'a str, title: &str) -> Option<&'a str> {
    shown.lines().find(|l| {
        l.contains(title)
            && l.starts_with("\"│")
            && l.contains(" day ") | l.contains("evening") | l.contains("morning") | l.contains('~')
    })
}

fn moment(app: &App, text: &str) -> i64 {
    Published::parse(text)
        .expect("a moment")
        .instant(app.timeline.meta.zone)
}

#[test]
fn stepping_back_through_the_week_tells_it_as_it_unfolded() {
    let mut app = app((120, 40));
    let thursday_meeting = "meet the Ukrainian";
    // Everything counts: the Thursday meeting held, the weekend expected, the call in.
    let all = screen(&app);
    assert!(
        row(&all, thursday_meeting).is_some_and(|r| r.contains("● ")),
        "{all}"
    );
    assert!(all.contains("Zelensky"), "{all}");
    // One step back: the last publication, Saturday's.
    keys(&mut app, "<");
    assert_eq!(app.known_at, Some(moment(&app, "2025-12-06")));
    // Back to Thursday: only what AP's plans (via UNN and TASS) and earlier said.
    while app.known_at > Some(moment(&app, "2025-12-04")) {
        keys(&mut app, "<");
    }
    assert_eq!(app.known_at, Some(moment(&app, "2025-12-04")));
    let thursday = screen(&app);
    let r = row(&thursday, thursday_meeting).expect("known from Thursday");
    assert!(r.contains("◌ "), "expected on Thursday morning: {r}");
    assert!(
        !thursday.contains("Talks continue into the weekend"),
        "{thursday}"
    );
    assert!(!thursday.contains("Zelensky"), "{thursday}");
    assert!(
        thursday.contains("known at Thu 4 Dec 2025 00:00"),
        "{thursday}"
    );
    // Friday: Axios reports the meeting held; the weekend is expected.
    keys(&mut app, ">");
    let friday = screen(&app);
    let r = row(&friday, thursday_meeting).expect("listed");
    assert!(r.contains("● "), "held from Friday: {r}");
    let weekend = row(&friday, "Talks continue into the weekend").expect("expected by Friday");
    assert!(weekend.contains("◌ "), "{weekend}");
    assert!(!friday.contains("Zelensky"), "{friday}");
    // On past the last publication: everything counts again.
    while app.known_at.is_some() {
        keys(&mut app, ">");
    }
    let again = screen(&app);
    assert!(again.contains("6 events"), "{again}");
    assert!(again.contains("Zelensky"), "{again}");
    assert!(again.contains("as of Sat 6 Dec 2025"), "{again}");
}

#[test]
fn the_header_names_the_moment_and_the_sources_that_count() {
    for size in [(120, 40), (80, 24), (50, 15)] {
        let mut app = app(size);
        app.update(Action::KnownAt(Some(moment(&app, "2025-12-04"))));
        let shown = screen(&app);
        let counting =
            parley::model::knowledge::sources_counting(&app.timeline, moment(&app, "2025-12-04"));
        let full = format!(
            "known at Thu 4 Dec 2025 00:00 · {counting} of {} sources",
            app.timeline.sources.len()
        );
        // Where the views line has no room for all of it, the moment alone; the now line
        // of the list names the moment at every size.
        match size.0 {
            120 => assert!(shown.contains(&full), "{shown}"),
            80 => assert!(shown.contains("known at Thu 4 Dec 00:00 "), "{shown}"),
            _ => {}
        }
        assert!(shown.contains("── known at Thu 4 Dec"), "{shown}");
        assert!(shown.contains("2 of 6 shown"), "{shown}");
        insta::assert_snapshot!(format!("{}x{}_known_on_thursday", size.0, size.1), shown);
    }
}

#[test]
fn a_moment_that_is_not_a_time_is_a_usage_error() {
    let out = assert_cmd::Command::cargo_bin("parley")
        .expect("the binary")
        .args(["--as-of", "teatime"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--as-of"), "{stderr}");
}

#[test]
fn d_lists_every_disagreement_with_its_sources() {
    for size in [(120, 40), (80, 24), (50, 15)] {
        let mut app = app(size);
        keys(&mut app, "D");
        let shown = screen(&app);
        assert!(shown.contains("Where the sources disagree"), "{shown}");
        if size.0 >= 80 {
            assert!(shown.contains("kremlin-putin · Tue 2 Dec 2025"), "{shown}");
            assert!(
                shown.contains("time: Tue 2 Dec ~19:35 — AiF via news.mail.ru"),
                "{shown}"
            );
        }
        insta::assert_snapshot!(format!("{}x{}_disputes", size.0, size.1), shown);
        keys(&mut app, "D");
        assert!(!screen(&app).contains("Where the sources disagree"));
    }
}

#[test]
fn the_disputes_report_names_each_disputed_event_once() {
    let app = app((80, 24));
    let report = parley::model::disputes::report(&app.timeline);
    let heads: Vec<&str> = report
        .iter()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split(" · ").next().unwrap_or(l))
        .collect();
    let disputed: Vec<&str> = app
        .timeline
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            parley::model::disputes::is_disputed(
                &app.timeline,
                parley::model::timeline::EventIx::new(*i as u32),
            )
        })
        .map(|(_, e)| e.id())
        .collect();
    for id in &disputed {
        assert!(heads.contains(id), "{id} missing from {heads:?}");
    }
    assert!(heads.contains(&"kremlin-putin"));
}

#[test]
fn the_disputes_list_scrolls_to_its_last_line() {
    let mut app = app((80, 24));
    keys(&mut app, "D");
    for _ in 0..100 {
        common::press(&mut app, ratatui::crossterm::event::KeyCode::PageDown);
    }
    let shown = screen(&app);
    let report = parley::model::disputes::report(&app.timeline);
    let last = report.last().expect("a line");
    // The last line's first words, as wrapped in the box.
    let start: String = last.trim().chars().take(30).collect();
    assert!(
        shown.contains(&start),
        "{start:?} not on the last page:\n{shown}"
    );
}
