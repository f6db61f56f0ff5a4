//! The time axis: frames at three zoom levels and two lane groupings, at 120x40 and
//! 80x24, and the selection shared with the timeline and the detail.

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::{Action, App, Focus, View};
use parley::data::load_bundled;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

fn app(size: (u16, u16)) -> App {
    App::new(
        load_bundled().unwrap_or_else(|e| panic!("{e}")),
        None,
        now(),
        size,
    )
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    t.draw(|f| render(app, &Theme::plain(), f)).expect("draw");
    t
}

fn select(app: &mut App, id: &str) {
    let e = app.timeline.event_by_id(id).expect("event");
    while app.subject() != Some(Target::Event(e)) {
        let k = app.position_of(e).expect("shown");
        let action = if app.cursor().sel < k {
            Action::Down
        } else {
            Action::Up
        };
        app.update(action);
    }
}

#[test]
fn zoom_levels_and_groupings() {
    for size in [(120, 40), (80, 24)] {
        for (grouping, presses) in [("side", 0), ("participant", 2)] {
            let mut app = app(size);
            select(&mut app, "kremlin-putin");
            app.update(Action::Show(View::Axis));
            for _ in 0..presses {
                app.update(Action::CycleLanes);
            }
            let name = |zoom: &str| format!("{}x{}_axis_{grouping}_{zoom}", size.0, size.1);
            insta::assert_snapshot!(name("fit"), draw(&app).backend());
            app.update(Action::ZoomIn);
            app.update(Action::ZoomIn);
            insta::assert_snapshot!(name("zoomed_in"), draw(&app).backend());
            app.update(Action::Fit);
            app.update(Action::ZoomOut);
            app.update(Action::ZoomOut);
            insta::assert_snapshot!(name("zoomed_out"), draw(&app).backend());
        }
    }
}

#[test]
fn the_selection_is_shared_with_the_timeline_and_the_detail() {
    let mut app = app((120, 40));
    select(&mut app, "miami-thursday");
    app.update(Action::Show(View::Axis));
    let thursday = app
        .timeline
        .event_by_id("miami-thursday")
        .map(Target::Event);
    assert_eq!(app.subject(), thursday);
    let text = draw(&app).backend().to_string();
    assert!(text.contains("Meeting"), "{text}");
    assert!(
        text.contains("Witkoff and Kushner meet the Ukrainian delegation")
            && text.contains("UNN, relaying AP"),
        "the detail shows the meeting:\n{text}"
    );
    // Next event in time on the axis, then back to the list: still selected there.
    app.update(Action::Down);
    let next = app
        .timeline
        .event_by_id("state-department-saturday")
        .map(Target::Event);
    assert_eq!(app.subject(), next);
    app.update(Action::Show(View::Timeline));
    assert_eq!(app.subject(), next);
    app.update(Action::Up);
    app.update(Action::Show(View::Axis));
    assert_eq!(app.subject(), thursday);
}

#[test]
fn a_click_on_a_bar_selects_its_event() {
    let mut app = app((120, 40));
    select(&mut app, "miami-weekend");
    app.update(Action::Show(View::Axis));
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    // Find a solid cell of the Kremlin meeting: the only held bar on the Russia lane.
    let russia = (0..buf.area.height)
        .find(|&y| {
            (0..20)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("Russia")
        })
        .expect("the Russia lane");
    let x = (8..60)
        .find(|&x| buf[(x, russia)].symbol() == "█")
        .expect("a solid cell");
    app.update(Action::Click(x, russia));
    assert_eq!(
        app.subject(),
        app.timeline.event_by_id("kremlin-putin").map(Target::Event)
    );
    assert_eq!(app.nav.focus, Focus::List);
}

#[test]
fn panning_keeps_an_event_selected_on_screen() {
    let mut app = app((120, 40));
    select(&mut app, "kremlin-putin");
    app.update(Action::Show(View::Axis));
    app.update(Action::ZoomIn);
    app.update(Action::ZoomIn);
    for _ in 0..12 {
        app.update(Action::Pan(1));
    }
    // The Kremlin meeting has scrolled off: an event in the window is selected instead.
    assert_ne!(
        app.subject(),
        app.timeline.event_by_id("kremlin-putin").map(Target::Event)
    );
    let text = draw(&app).backend().to_string();
    let Some(Target::Event(e)) = app.subject() else {
        panic!("an event is selected")
    };
    let title = &app.timeline.event(e).title();
    assert!(text.contains(&title[..12]), "{title} on screen:\n{text}");
}

#[test]
fn the_axis_has_its_own_keys_in_the_help() {
    let mut app = app((120, 40));
    app.update(Action::Show(View::Axis));
    app.update(Action::HelpToggle);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let text = draw(&app).backend().to_string();
    assert!(text.contains("earlier in time"), "{text}");
    assert!(
        text.contains("lanes by side, place, participant or topic"),
        "{text}"
    );
}
