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
        text.contains("Witkoff and Kushner meet the Ukrainian")
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

/// Every bar on screen shows its title, on the bar or just before it, or a number whose
/// title is in the legend under the lanes: the Thursday session included.
#[test]
fn axis_with_every_bar_labelled() {
    for size in [(120, 40), (80, 24), (50, 15)] {
        let mut app = app(size);
        select(&mut app, "miami-thursday");
        app.update(Action::Show(View::Axis));
        app.update(Action::Fit);
        let terminal = draw(&app);
        let text = terminal.backend().to_string();
        let lines: Vec<&str> = text.lines().collect();
        let inner = parley::app::layout::areas(size.0, size.1, app.nav.focus)
            .list_inner()
            .expect("the axis is drawn");
        let g = parley::app::axis::geometry(inner);
        let lay = parley::app::axis::layout(&app, &app.axis.window, g.body.width);
        let on_screen: Vec<_> = lay
            .bars
            .iter()
            .filter(|b| parley::app::axis::bar_on_screen(b, &app.axis.window, &g))
            .collect();
        // One bar per event and side present (one for an event with no side).
        let tl = &app.timeline;
        let expected: usize = tl
            .events
            .iter()
            .map(|ev| parley::model::describe::sides_present(tl, ev).len().max(1))
            .sum();
        let shown: Vec<String> = on_screen
            .iter()
            .map(|b| format!("{} {}", tl.event(b.event).id(), b.row))
            .collect();
        assert_eq!(
            on_screen.len(),
            expected,
            "{size:?}: the week's bars, one per lane: {shown:?}"
        );
        for bar in on_screen {
            let label = lay
                .labels
                .iter()
                .find(|l| l.event == bar.event && l.row == bar.row)
                .expect("a label");
            let title = app.timeline.event(bar.event).title();
            let row = lines[usize::from(g.body.y) + label.row - app.axis.window.row_top];
            match label.key {
                Some(k) => assert!(
                    text.contains(&format!("{k} {}", &title[..10])),
                    "{size:?}: {title} keyed {k}:\n{text}"
                ),
                None => {
                    let shown: String = title.chars().take(label.width.min(7)).collect();
                    assert!(row.contains(&shown), "{size:?}: {title}:\n{text}");
                }
            }
        }
        let thursday = app.timeline.event_by_id("miami-thursday").expect("event");
        assert!(lay.labels.iter().any(|l| l.event == thursday));
        insta::assert_snapshot!(
            format!("{}x{}_axis_every_bar_labelled", size.0, size.1),
            terminal.backend()
        );
    }
}

/// A lane with more events than room for bars is a heat strip: shades by how many
/// events cover each column, and how many in all beside its name, with no titles.
#[test]
fn busy_lanes_become_heat_strips() {
    let doc = parley::synthetic::dataset(20_000, 1);
    let tl = parley::data::native::load_str("synthetic.json", &doc).expect("loads");
    let mut app = App::new(tl, None, now(), (80, 24));
    app.update(Action::Show(View::Axis));
    let terminal = draw(&app);
    let text = terminal.backend().to_string();
    let inner = parley::app::layout::areas(80, 24, app.nav.focus)
        .list_inner()
        .expect("the axis is drawn");
    let g = parley::app::axis::geometry(inner);
    let lay = parley::app::axis::layout(&app, &app.axis.window, g.body.width);
    let heat: Vec<_> = lay.lanes.iter().filter(|l| l.heat.is_some()).collect();
    assert!(!heat.is_empty(), "{text}");
    for lane in &heat {
        assert!(lane.count * 3 > usize::from(g.body.width) || lane.rows == 1);
        let counts = lane.heat.as_ref().expect("counts");
        let most = counts.iter().copied().max().unwrap_or(0);
        assert!(lay.heat_levels.iter().all(|&l| l >= 1));
        assert!(
            lay.heat_levels[0] <= lay.heat_levels[2],
            "{:?}",
            lay.heat_levels
        );
        assert!(most == 0 || parley::app::axis::glyph::heat(most, lay.heat_levels).is_some());
    }
    // Only the selection is a bar in a heat strip's row, and titled by its number.
    for l in lay
        .labels
        .iter()
        .filter(|l| heat.iter().any(|h| h.row == l.row))
    {
        assert!(l.key.is_some(), "{l:?}");
    }
    assert!(text.contains('▓') || text.contains('█'), "{text}");
    insta::assert_snapshot!("80x24_axis_heat_strips", terminal.backend());
    // A click on a strip selects one of the events under it.
    let before = app.subject();
    let window = app.axis.window;
    let lane = heat.last().expect("a strip");
    let (x, y) = (g.body.x + 5, g.body.y + lane.row as u16);
    app.update(Action::Click(x, y));
    let Some(Target::Event(e)) = app.subject() else {
        panic!("an event is selected")
    };
    assert_ne!(app.subject(), before);
    let b = app.timeline.event(e).time.bounds;
    let at = window.start + window.span * 5 / i64::from(g.body.width);
    let slack = window.span / i64::from(g.body.width);
    assert!(
        b.start_earliest <= at + slack && b.last() >= at - slack,
        "{b:?} at {at}"
    );
}

/// A title drawn over a tick column keeps its own style: no dimmed letters.
#[test]
fn tick_lines_never_dim_a_label() {
    let mut crossed = 0;
    for (size, presses) in [((80, 24), 2), ((120, 40), 2), ((80, 24), 0)] {
        let mut app = app(size);
        select(&mut app, "kremlin-putin");
        app.update(Action::Show(View::Axis));
        for _ in 0..presses {
            app.update(Action::ZoomOut);
        }
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        let inner = parley::app::layout::areas(size.0, size.1, app.nav.focus)
            .list_inner()
            .expect("the axis is drawn");
        let g = parley::app::axis::geometry(inner);
        let lay = parley::app::axis::layout(&app, &app.axis.window, g.body.width);
        let ticks = parley::app::axis::ticks(&app.axis.window, app.zone(), g.body.width);
        for label in lay.labels.iter().filter(|l| l.key.is_none()) {
            let y = g.body.y + (label.row - app.axis.window.row_top) as u16;
            for c in label.column..label.column + label.width as i64 {
                let cell = &buf[(g.body.x + c as u16, y)];
                assert!(
                    !cell.modifier.contains(ratatui::style::Modifier::DIM),
                    "{size:?}: dim {:?} at column {c} of {label:?}",
                    cell.symbol()
                );
                crossed += usize::from(ticks.iter().any(|t| i64::from(t.column) == c));
            }
        }
    }
    assert!(crossed > 0, "some label crosses a tick column");
}
