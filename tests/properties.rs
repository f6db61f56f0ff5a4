//! Properties over random datasets: any action sequence at any size never panics and
//! keeps the selection valid and on screen; the order of events follows the rule.

use std::cmp::Ordering;

use parley::app::document::Target;
use parley::app::rows::{self, ListRow};
use parley::app::{Action, App, View, detail, layout};
use parley::data::native::load_str;
use parley::model::timeline::{Timeline, chronological};
use parley::ui::{Theme, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

const ZONES: [&str; 5] = [
    "America/New_York",
    "Europe/Moscow",
    "UTC",
    "Asia/Kolkata",
    "Europe/Berlin",
];
const NAMES: [&str; 8] = [
    "Steve Witkoff",
    "Рустем Умєров",
    "乌梅罗夫",
    "Kirill Dmitriev",
    "Ana 👩\u{200d}💻",
    "Mark \u{1b}[31m red",
    "A very long name that will never fit in a narrow column at all",
    "x",
];

#[derive(Clone, Debug)]
struct EventSpec {
    day: u8,
    form: u8,
    hour: u8,
    minute: u8,
    duration: Option<u8>,
    status: u8,
    people: u8,
    topics: u8,
    place: u8,
    title: u8,
    relate: bool,
}

fn event_spec() -> impl Strategy<Value = EventSpec> {
    (
        (0u8..40, 0u8..8, 0u8..24, 0u8..60),
        (
            proptest::option::of(0u8..5),
            0u8..6,
            any::<u8>(),
            any::<u8>(),
        ),
        (0u8..4, 0u8..8, any::<bool>()),
    )
        .prop_map(
            |(
                (day, form, hour, minute),
                (duration, status, people, topics),
                (place, title, relate),
            )| EventSpec {
                day,
                form,
                hour,
                minute,
                duration,
                status,
                people,
                topics,
                place,
                title,
                relate,
            },
        )
}

fn start(spec: &EventSpec) -> String {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap_or_default()
        + chrono::Days::new(u64::from(spec.day));
    let d = date.format("%Y-%m-%d");
    match spec.form {
        0 => format!("{d}T{:02}:{:02}", spec.hour, spec.minute),
        1 => format!("~{d}T{:02}:{:02}", spec.hour, spec.minute),
        2 => format!("{d} evening"),
        3 => format!("{d} small-hours"),
        4 => d.to_string(),
        5 => date.format("%Y-%m").to_string(),
        6 => format!("{d} morning"),
        _ => format!("{d}T{:02}:{:02}±1h", spec.hour, spec.minute),
    }
}

/// A valid dataset in the native format built from the specs.
fn dataset(parties: usize, people: usize, specs: &[EventSpec]) -> String {
    let parties_json: Vec<Value> = (0..parties)
        .map(|i| json!({ "id": format!("p{i}"), "name": format!("Side {i} {}", NAMES[i % NAMES.len()]) }))
        .collect();
    let people_json: Vec<Value> = (0..people)
        .map(|i| {
            let mut p =
                json!({ "id": format!("u{i}"), "name": NAMES[i % NAMES.len()], "role": "envoy" });
            if parties > 0 && i % 3 != 2 {
                p["party"] = json!(format!("p{}", i % parties));
            }
            p
        })
        .collect();
    let places: Vec<Value> = (0..4)
        .map(|i| json!({ "id": format!("pl{i}"), "name": format!("Place {i}"), "zone": ZONES[i % ZONES.len()] }))
        .collect();
    let topics: Vec<Value> = (0..3)
        .map(|i| json!({ "id": format!("t{i}"), "name": format!("Topic {i}") }))
        .collect();
    let statuses = [
        "held",
        "ongoing",
        "scheduled",
        "expected",
        "postponed",
        "cancelled",
    ];
    let durations = ["2h", "~5h", "lengthy", "brief", "4h..6h"];
    let events: Vec<Value> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut time = json!({ "start": start(s) });
            if let Some(d) = s.duration {
                time["duration"] = json!(durations[usize::from(d) % durations.len()]);
            }
            let attendees: Vec<Value> = (0..people)
                .filter(|p| s.people & (1 << (p % 8)) != 0)
                .map(|p| json!({ "person": format!("u{p}"), "role": "delegate" }))
                .collect();
            let topic_ids: Vec<Value> = (0..3)
                .filter(|t| s.topics & (1 << t) != 0)
                .map(|t| json!(format!("t{t}")))
                .collect();
            let mut ev = json!({
                "id": format!("e{i}"),
                "title": format!("Event {i}: {}", NAMES[usize::from(s.title) % NAMES.len()]),
                "kind": "meeting",
                "status": statuses[usize::from(s.status) % statuses.len()],
                "time": time,
                "place": format!("pl{}", s.place % 4),
                "participants": attendees,
                "topics": topic_ids,
                "summary": "A summary\nwith two lines and a long tail of words that wraps around.",
            });
            if s.relate && i > 0 {
                ev["relations"] = json!([{ "kind": "follows", "event": format!("e{}", i - 1) }]);
            }
            ev
        })
        .collect();
    json!({
        "title": "Generated",
        "zone": ZONES[specs.len() % ZONES.len()],
        "parties": parties_json,
        "participants": people_json,
        "places": places,
        "topics": topics,
        "events": events,
    })
    .to_string()
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (
        0usize..4,
        0usize..9,
        proptest::collection::vec(event_spec(), 0..30),
    )
        .prop_map(|(parties, people, specs)| {
            let text = dataset(parties, people, &specs);
            load_str("generated.json", &text)
                .unwrap_or_else(|e| panic!("generated dataset invalid: {e}\n{text}"))
        })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => prop_oneof![
            Just(Action::Up),
            Just(Action::Down),
            Just(Action::PageUp),
            Just(Action::PageDown),
            Just(Action::Home),
            Just(Action::End),
            Just(Action::PrevDay),
            Just(Action::NextDay),
            Just(Action::FocusNext),
            Just(Action::FocusPrev),
            Just(Action::Follow),
            Just(Action::Back),
        ],
        2 => prop_oneof![
            Just(Action::Show(View::Timeline)),
            Just(Action::Show(View::People)),
            Just(Action::Show(View::Topics)),
            Just(Action::Show(View::Places)),
            Just(Action::CycleZone),
            Just(Action::Clear),
            Just(Action::HelpToggle),
        ],
        2 => prop_oneof![
            Just(Action::SearchStart),
            proptest::char::range('a', 'z').prop_map(Action::SearchInput),
            Just(Action::SearchInput('е')),
            Just(Action::SearchDeleteChar),
            Just(Action::SearchConfirm),
            Just(Action::SearchNext),
            Just(Action::SearchPrev),
        ],
        2 => prop_oneof![
            Just(Action::FiltersOpen),
            Just(Action::FilterToggle),
            Just(Action::FilterCategoryNext),
            Just(Action::FilterCategoryPrev),
            Just(Action::FiltersClose),
        ],
        2 => (0u16..=300, 0u16..=120).prop_map(|(w, h)| Action::Resize(w, h)),
        2 => (0u16..=300, 0u16..=120).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (0u16..=300, 0u16..=120).prop_map(|(x, y)| Action::ScrollDown(x, y)),
        1 => (0u16..=300, 0u16..=120).prop_map(|(x, y)| Action::ScrollUp(x, y)),
    ]
}

fn check(app: &App) -> Result<(), TestCaseError> {
    let (w, h) = app.size;
    let mut terminal =
        Terminal::new(TestBackend::new(w, h)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    terminal
        .draw(|f| render(app, &Theme::from_env(), f))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    // What is kept from the last change is what would be made now.
    if let Some(inner) = layout::areas(w, h, app.nav.focus).detail_inner()
        && let Some(kept) = &app.nav.detail_doc
        && kept.fits(app, inner.width)
    {
        prop_assert!(*kept == parley::app::detail::KeptDocument::new(app, inner.width));
    }
    if let Some(kept) = &app.axis.layout {
        for width in [1u16, 40, 120, 300] {
            let fresh = parley::app::axis::layout(app, &app.axis.window, width);
            let used = parley::app::axis::KeptLayout::or_new(Some(kept), app, width);
            prop_assert!(
                *used == fresh,
                "the kept axis layout is stale at width {width}"
            );
        }
    }
    let len = app.list_len(app.nav.view);
    let sel = app.cursor().sel;
    prop_assert!(sel < len.max(1), "selection {sel} of {len}");
    if app.nav.view == View::Timeline {
        prop_assert_eq!(app.subject().is_some(), len > 0);
    }
    if let Some(Target::Event(e)) = app.subject() {
        prop_assert!(
            app.position_of(e).is_some(),
            "the selected event passes the filters"
        );
    }
    if len > 0 && !layout::areas(w, h, app.nav.focus).too_small {
        let height = layout::list_height(w, h);
        let rows = rows::visible(app, app.nav.view, height);
        prop_assert!(
            rows.contains(&ListRow::Item(sel)),
            "selection {sel} not on screen: {rows:?}"
        );
    }
    let (dw, _) = layout::detail_size(w, h);
    let doc = detail::document(app, dw);
    prop_assert!(app.nav.detail_scroll <= doc.len());
    if let Some(l) = app.nav.link {
        prop_assert!(
            l < doc.links.len(),
            "focused link {l} of {}",
            doc.links.len()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_actions_at_any_size_never_panic(
        tl in timeline(),
        size in (0u16..=300, 0u16..=120),
        zone in proptest::option::of(0usize..ZONES.len()),
        actions in proptest::collection::vec(action(), 0..80),
    ) {
        let zone = zone.and_then(|z| ZONES[z].parse().ok());
        let mut app = App::new(tl, zone, 1_764_972_000, size);
        check(&app)?;
        for a in actions {
            app.update(a);
            check(&app)?;
        }
    }

    #[test]
    fn the_order_is_total_and_follows_the_rule(tl in timeline()) {
        for (first, second) in tl.events.iter().zip(tl.events.iter().skip(1)) {
            let pair = [first, second];
            prop_assert_eq!(chronological(pair[0], pair[1]), Ordering::Less);
            let (a, b) = (&pair[0].time.bounds, &pair[1].time.bounds);
            let (x, y) = (pair[0].time.nominal_start(), pair[1].time.nominal_start());
            prop_assert!(
                x < y
                    || (x == y && a.start_latest > b.start_latest)
                    || (x == y && a.start_latest == b.start_latest && a.start_earliest < b.start_earliest)
                    || (x == y && a.start_latest == b.start_latest && a.start_earliest == b.start_earliest && pair[0].id() < pair[1].id())
            );
        }
        for e in &tl.events {
            prop_assert_eq!(chronological(e, e), Ordering::Equal);
        }
    }
}

/// Strings that look like what the format expects, and strings that do not.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,6}",
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]",
        "~?20[0-9]{2}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]",
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9] (evening|morning|small-hours|night|teatime)",
        "20[0-9]{2}(-[0-1][0-9])?",
        "~?[0-9]{1,4}[dhms]([0-9]{1,2}m)?",
        "[0-9]h\\.\\.[0-9]h",
        "(lengthy|brief|held|expected|meeting|follows|outlet)",
        "(Europe/Moscow|America/New_York|UTC|Mars/Base)",
        any::<String>(),
        "\\PC{0,12}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        text().prop_map(Value::String),
    ]
}

/// An object with some of `keys`, each holding a plausible value or a wrong one.
fn object(keys: &'static [&'static str], value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    proptest::collection::vec((proptest::sample::select(keys), value), 0..keys.len() + 2)
        .prop_map(|pairs| {
            Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        })
        .boxed()
}

fn dataset_value() -> impl Strategy<Value = Value> {
    let value = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            object(
                &[
                    "start", "end", "duration", "zone", "reported", "person", "role", "kind",
                    "event"
                ],
                inner.boxed()
            ),
        ]
    });
    let value = value.boxed();
    let list = |keys: &'static [&'static str], v: BoxedStrategy<Value>| {
        proptest::collection::vec(object(keys, v), 0..4)
            .prop_map(Value::Array)
            .boxed()
    };
    let event_keys: &'static [&'static str] = &[
        "id",
        "title",
        "kind",
        "status",
        "time",
        "place",
        "participants",
        "topics",
        "summary",
        "outcomes",
        "claims",
        "relations",
        "sources",
        "extra",
    ];
    (
        leaf(),
        leaf(),
        list(&["id", "name", "colour"], value.clone()),
        list(&["id", "name", "role", "party", "note"], value.clone()),
        list(&["id", "name", "zone"], value.clone()),
        list(event_keys, value.clone()),
        list(&["id", "name", "kind", "url", "published"], value.clone()),
    )
        .prop_map(|(title, zone, parties, people, places, events, sources)| {
            json!({
                "title": title, "zone": zone, "parties": parties, "participants": people,
                "places": places, "events": events, "sources": sources,
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever the structure holds, validation answers with a timeline or with
    /// problems that each say where, and never panics.
    #[test]
    fn validation_never_panics_on_arbitrary_structured_input(doc in dataset_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        match load_str("arbitrary.json", &text) {
            Ok(tl) => {
                let mut out = Vec::new();
                parley::agenda::write(&mut out, &tl, tl.meta.zone, Default::default())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            Err(e) => {
                prop_assert!(!e.problems.is_empty());
                for p in &e.problems {
                    prop_assert!(p.line >= 1 && p.column >= 1, "{p:?}");
                    prop_assert!(!p.message.chars().any(|c| c.is_control()), "{p:?}");
                }
            }
        }
    }
}
