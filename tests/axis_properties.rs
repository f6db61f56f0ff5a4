//! Any sequence of zoom, pan and selection on the time axis, at any size, never panics,
//! and the selected event stays on screen whenever the window shows any event.

use parley::app::axis::{self, bar_on_screen};
use parley::app::{Action, App, View, layout};
use parley::data::native::load_str;
use parley::model::timeline::Timeline;
use parley::ui::{Theme, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

const STARTS: [&str; 8] = [
    "2025-12-02T19:40",
    "~2025-12-03T08:00",
    "2025-12-04 evening",
    "2025-12-05 morning",
    "2025-12-06",
    "2025-12",
    "2026-01-15T12:00",
    "2024-06-01",
];
const ZONES: [&str; 3] = ["Europe/Moscow", "America/New_York", "Asia/Tokyo"];
const DURATIONS: [Option<&str>; 5] = [None, Some("2h"), Some("~5h"), Some("lengthy"), Some("3d")];

fn timeline() -> impl Strategy<Value = Timeline> {
    proptest::collection::vec((0usize..8, 0usize..5, 0u8..16, 0usize..3), 0..24).prop_map(|specs| {
        let events: Vec<_> = specs
            .iter()
            .enumerate()
            .map(|(i, (start, duration, people, place))| {
                let mut time = json!({ "start": STARTS[*start] });
                if let Some(d) = DURATIONS[*duration] {
                    time["duration"] = json!(d);
                }
                let attendees: Vec<_> = (0..4)
                    .filter(|p| people & (1 << p) != 0)
                    .map(|p| json!({ "person": format!("p{p}") }))
                    .collect();
                json!({
                    "id": format!("e{i}"), "title": format!("Event number {i}"), "kind": "meeting",
                    "status": if i % 3 == 0 { "expected" } else { "held" },
                    "time": time, "place": format!("l{place}"), "participants": attendees,
                })
            })
            .collect();
        let doc = json!({
            "title": "Axis", "zone": "Europe/Moscow",
            "parties": [{ "id": "a", "name": "Side A" }, { "id": "b", "name": "Side B" }],
            "participants": (0..4).map(|p| json!({ "id": format!("p{p}"), "name": format!("Person {p}"), "party": if p % 2 == 0 { "a" } else { "b" } })).collect::<Vec<_>>(),
            "places": (0..3).map(|p| json!({ "id": format!("l{p}"), "name": format!("Place {p}"), "zone": ZONES[p] })).collect::<Vec<_>>(),
            "events": events,
        });
        load_str("axis.json", &doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::ZoomIn),
        Just(Action::ZoomOut),
        Just(Action::Fit),
        (-4i8..=4).prop_map(Action::Pan),
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Home),
        Just(Action::End),
        Just(Action::PageDown),
        Just(Action::CycleLanes),
        Just(Action::CycleZone),
        Just(Action::NextDay),
        Just(Action::PrevDay),
        (0u16..=200, 0u16..=80).prop_map(|(x, y)| Action::Click(x, y)),
        (0u16..=200, 0u16..=80).prop_map(|(x, y)| Action::ScrollDown(x, y)),
        (0u16..=200, 0u16..=80).prop_map(|(w, h)| Action::Resize(w, h)),
    ]
}

fn check(app: &App) -> Result<(), TestCaseError> {
    let (w, h) = app.size;
    let mut t =
        Terminal::new(TestBackend::new(w, h)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    t.draw(|f| render(app, &Theme::from_env(), f))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let Some(inner) = layout::areas(w, h, app.nav.focus).list_inner() else {
        return Ok(());
    };
    if app.nav.view != View::Axis || inner.height < 2 || inner.width < 4 {
        return Ok(());
    }
    let g = axis::geometry(inner);
    if g.body.width == 0 || g.body.height == 0 {
        return Ok(());
    }
    let lay = axis::layout(app, &app.axis.window, g.body.width);
    labels_keep_to_their_space(app, &lay, g.body.width)?;
    // The layout kept from one change to the next (only its selection redone when only
    // the selection moved) is the one made afresh.
    if let Some(kept) = app
        .axis
        .layout
        .as_ref()
        .filter(|k| k.fits(app, g.body.width))
    {
        prop_assert_eq!(&kept.layout, &lay);
    }
    let selected = app.event_at(app.nav.cursors[0].sel);
    let any_visible = lay
        .bars
        .iter()
        .any(|b| bar_on_screen(b, &app.axis.window, &g));
    if let Some(e) = selected
        && any_visible
    {
        let shown = lay
            .bars
            .iter()
            .any(|b| b.event == e && bar_on_screen(b, &app.axis.window, &g));
        prop_assert!(
            shown,
            "selected {:?} not on screen; window {:?}",
            app.timeline.event(e).id(),
            app.axis.window
        );
    }
    Ok(())
}

/// Every bar on screen has a label: on it or before it, never after its last column,
/// inside the chart and its lane, over no other bar, cluster or label.
fn labels_keep_to_their_space(
    app: &App,
    lay: &axis::AxisLayout,
    width: u16,
) -> Result<(), TestCaseError> {
    let width = i64::from(width);
    let span = |l: &axis::Label| (l.column, l.column + l.width as i64 - 1);
    for bar in &lay.bars {
        let (first, last) = axis::bar_columns(bar.from, bar.to);
        if last < 0 || first >= width {
            continue;
        }
        let label = lay
            .labels
            .iter()
            .find(|l| l.event == bar.event && l.row == bar.row);
        prop_assert!(label.is_some(), "no label for {bar:?}");
        let Some(label) = label else { continue };
        let (a, b) = span(label);
        prop_assert!(label.width >= 1, "{label:?}");
        prop_assert!(a <= last, "label after its bar: {label:?} {bar:?}");
        prop_assert!(a >= 0 && b < width, "label off the chart: {label:?}");
        if label.key.is_none() {
            // A title is whole, or at least MIN_TITLE columns of it.
            let title = app.timeline.event(bar.event).title().chars().count() as i64;
            prop_assert!(
                label.width as i64 >= axis::MIN_TITLE.min(title),
                "{label:?}"
            );
        }
        let lane = lay
            .lanes
            .iter()
            .find(|l| label.row >= l.row && label.row < l.row + l.rows);
        prop_assert!(lane.is_some(), "label outside every lane: {label:?}");
        for other in lay
            .bars
            .iter()
            .filter(|o| o.row == bar.row && o.event != bar.event)
        {
            let (c, d) = axis::bar_columns(other.from, other.to);
            prop_assert!(b < c || a > d, "{label:?} covers {other:?}");
        }
    }
    for l in &lay.labels {
        let bar = lay.bars.get(l.bar);
        prop_assert!(
            bar.is_some_and(|b| b.event == l.event && b.row == l.row),
            "{l:?} names another bar"
        );
    }
    for (i, x) in lay.labels.iter().enumerate() {
        for y in &lay.labels[i + 1..] {
            if x.row == y.row {
                let ((a, b), (c, d)) = (span(x), span(y));
                prop_assert!(b < c || a > d, "labels overlap: {x:?} {y:?}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn zoom_pan_and_select_never_panic_and_keep_the_selection_on_screen(
        tl in timeline(),
        size in (0u16..=200, 0u16..=80),
        actions in proptest::collection::vec(action(), 0..40),
    ) {
        let mut app = App::new(tl, None, 1_764_972_000, size);
        app.update(Action::Show(View::Axis));
        check(&app)?;
        for a in actions {
            app.update(a);
            check(&app)?;
        }
    }
}
