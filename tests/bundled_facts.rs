//! Each fact of the source article (and of the facts that pin its weekdays) checked
//! against the bundled dataset as parley loads it.

use chrono::NaiveDate;
use chrono::TimeZone;
use chrono_tz::America::New_York;
use chrono_tz::Europe::Moscow;
use parley::data::load_bundled;
use parley::model::describe;
use parley::model::time::Precision;
use parley::model::timeline::{Event, EventIx, RelationKind, Status, Timeline};
use pretty_assertions::assert_eq;

fn timeline() -> Timeline {
    load_bundled().unwrap_or_else(|e| panic!("the bundled dataset is invalid:\n{e}"))
}

fn event<'a>(tl: &'a Timeline, id: &str) -> &'a Event {
    let ix = tl
        .event_by_id(id)
        .unwrap_or_else(|| panic!("no event {id}"));
    tl.event(ix)
}

fn names(tl: &Timeline, ev: &Event) -> Vec<String> {
    let mut v: Vec<String> = tl
        .attendees(ev)
        .iter()
        .map(|a| tl.person(a.person).name.to_string())
        .collect();
    v.sort();
    v
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn claims(tl: &Timeline, ev: &Event) -> Vec<(String, String, String)> {
    tl.claims(ev)
        .iter()
        .map(|c| {
            let who = match c.person {
                Some(p) => tl.person(p).name.to_string(),
                None => ev.speaker(c).to_string(),
            };
            (
                who,
                ev.said(c).to_string(),
                tl.source(c.source).id.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_week_in_order() {
    let tl = timeline();
    let ids: Vec<&str> = tl.events.iter().map(|e| e.id()).collect();
    assert_eq!(
        ids,
        [
            "kremlin-putin",
            "miami-thursday",
            // Dated to the day only, the statement is listed first under Friday.
            "state-department-saturday",
            "miami-friday",
            "miami-weekend"
        ]
    );
    assert_eq!(tl.meta.zone, New_York);
}

#[test]
fn people_roles_and_sides() {
    let tl = timeline();
    let check = |id: &str, name: &str, role_has: &str, side: &str| {
        let p = tl.person(tl.person_by_id(id).unwrap_or_else(|| panic!("no {id}")));
        assert_eq!(&*p.name, name);
        assert!(p.role.contains(role_has), "{name}: {}", p.role);
        assert_eq!(p.party.map(|s| &*tl.party(s).id), Some(side), "{name}");
    };
    check(
        "witkoff",
        "Steve Witkoff",
        "Special envoy of President Trump",
        "us",
    );
    check("kushner", "Jared Kushner", "no formal post", "us");
    check(
        "trump",
        "Donald Trump",
        "President of the United States",
        "us",
    );
    check("putin", "Vladimir Putin", "President of Russia", "ru");
    check("ushakov", "Yuri Ushakov", "aide", "ru");
    check("dmitriev", "Kirill Dmitriev", "envoy", "ru");
    check(
        "umerov",
        "Rustem Umerov",
        "Secretary of Ukraine's National Security and Defence Council",
        "ua",
    );
    check(
        "hnatov",
        "Andrii Hnatov",
        "Chief of the General Staff",
        "ua",
    );
}

#[test]
fn the_kremlin_meeting() {
    let tl = timeline();
    let ev = event(&tl, "kremlin-putin");
    assert_eq!(ev.status, Status::Held);
    assert_eq!(
        tl.place(ev.place.expect("a place")).name.as_ref(),
        "Kremlin, Moscow"
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Jared Kushner",
            "Kirill Dmitriev",
            "Steve Witkoff",
            "Vladimir Putin",
            "Yuri Ushakov"
        ]
    );
    // Tuesday 2 December, about 19:40 Moscow time (16:40 GMT), about five hours.
    let start = describe::start(ev, Moscow);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 2), "~19:40")
    );
    assert_eq!(describe::duration(ev).as_deref(), Some("~5 h"));
    // "concluded early Wednesday" in Moscow; still Tuesday afternoon in Miami.
    let end = describe::end(ev, Moscow).expect("an end");
    assert_eq!(
        (end.date, end.text.as_str()),
        (date(2025, 12, 3), "small hours")
    );
    let end = describe::end(ev, New_York).expect("an end");
    assert_eq!(
        (end.date, end.text.as_str()),
        (date(2025, 12, 2), "afternoon")
    );
    assert!(
        ev.reported()
            .is_some_and(|r| r.contains("concluded early Wednesday"))
    );
    assert!(
        ev.reported()
            .is_some_and(|r| r.contains("intensive and lengthy"))
    );
    let said = claims(&tl, ev);
    assert!(said.iter().any(|(who, text, src)| who == "Yuri Ushakov"
        && text.contains("Tuesday")
        && src == "ushakov-readout"));
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("19:40") && src == "russian-press")
    );
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("five-hour") && src == "axios")
    );
}

#[test]
fn the_thursday_meeting() {
    let tl = timeline();
    let ev = event(&tl, "miami-thursday");
    assert_eq!(
        tl.place(ev.place.expect("a place")).name.as_ref(),
        "Miami, Florida"
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Andrii Hnatov",
            "Jared Kushner",
            "Rustem Umerov",
            "Steve Witkoff"
        ]
    );
    let start = describe::start(ev, New_York);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 4), "evening")
    );
    assert_eq!(describe::duration(ev).as_deref(), Some("~2 h"));
    let umerov = tl.person_by_id("umerov").expect("umerov");
    let role = tl
        .attendees(ev)
        .iter()
        .find(|a| a.person == umerov)
        .and_then(|a| a.role);
    assert_eq!(role.map(|r| tl.role(r)), Some("head of delegation"));
    let said = claims(&tl, ev);
    assert!(said.contains(&(
        "A U.S. official".into(),
        "Called the Thursday session constructive.".into(),
        "report".into()
    )));
    assert!(said.iter().any(|(_, text, _)| text.contains("productive")));
    assert_eq!(tl.relations(ev)[0].kind, RelationKind::Follows);
    assert_eq!(tl.event(tl.relations(ev)[0].target).id(), "kremlin-putin");
}

#[test]
fn the_friday_session() {
    let tl = timeline();
    let ev = event(&tl, "miami-friday");
    let start = describe::start(ev, New_York);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 5), "morning")
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Andrii Hnatov",
            "Jared Kushner",
            "Rustem Umerov",
            "Steve Witkoff"
        ]
    );
    let topics: Vec<&str> = tl
        .event_topics(ev)
        .iter()
        .map(|t| &*tl.topic(*t).id)
        .collect();
    for t in [
        "putin-readout",
        "bridging-ideas",
        "security-guarantees",
        "territory",
        "withdrawal",
    ] {
        assert!(topics.contains(&t), "{t} missing from {topics:?}");
    }
    assert!(ev.summary().contains("detailed readout"));
    assert!(ev.summary().contains("new concepts"));
    let rel: Vec<(RelationKind, &str)> = tl
        .relations(ev)
        .iter()
        .map(|r| (r.kind, tl.event(r.target).id()))
        .collect();
    assert_eq!(
        rel,
        [
            (RelationKind::Continues, "miami-thursday"),
            (RelationKind::BriefsOn, "kremlin-putin")
        ]
    );
    let said = claims(&tl, ev);
    assert!(
        said.iter()
            .any(|(who, _, src)| who.contains("officials") && src == "axios")
    );
}

#[test]
fn the_weekend_is_expected_as_of_the_article() {
    let tl = timeline();
    let ev = event(&tl, "miami-weekend");
    assert_eq!(ev.status, Status::Expected);
    let start = describe::start(ev, New_York);
    assert_eq!(start.date, date(2025, 12, 6));
    assert_eq!(
        describe::end(ev, New_York).map(|e| e.date),
        Some(date(2025, 12, 7))
    );
    let said = claims(&tl, ev);
    assert!(said.iter().any(|(who, text, src)| who == "A U.S. official"
        && text.contains("into the weekend")
        && src == "report"));
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("Saturday") && src == "state-department")
    );
    let statement = event(&tl, "state-department-saturday");
    assert_eq!(describe::start(statement, New_York).date, date(2025, 12, 5));
}

#[test]
fn written_as_of_the_end_of_friday_in_miami() {
    let tl = timeline();
    let as_of = tl.meta.as_of.expect("the dataset declares as_of");
    assert_eq!(as_of.label(), "Fri 5 Dec 2025");
    let end_of_friday = New_York
        .with_ymd_and_hms(2025, 12, 6, 0, 0, 0)
        .single()
        .expect("a Miami midnight")
        .timestamp();
    assert_eq!(as_of.instant, end_of_friday - 1);
    // Every event held began by then; the weekend, expected, after it.
    for ev in &tl.events {
        let began = ev.time.bounds.start_earliest <= as_of.instant;
        assert_eq!(began, !ev.status.is_future(), "{}", ev.id());
    }
}

#[test]
fn the_statement_is_dated_as_reported() {
    let tl = timeline();
    let ev = event(&tl, "state-department-saturday");
    // "At the end of Friday": a day, not an evening the reporting does not give.
    assert_eq!(ev.time.start.precision, Precision::Day);
    assert_eq!(describe::start(ev, New_York).date, date(2025, 12, 5));
    assert!(ev.reported().is_some_and(|r| r.contains("end of Friday")));
}

#[test]
fn kushner_is_described_as_the_reporting_gives_him() {
    let tl = timeline();
    let kushner = tl.person(tl.person_by_id("kushner").expect("kushner"));
    // The article's "senior adviser" and AP's "no formal post" both kept, with sources.
    assert!(kushner.note.contains("senior adviser"), "{}", kushner.note);
    assert!(kushner.note.contains("AP"), "{}", kushner.note);
    assert!(
        kushner.note.contains("informal adviser"),
        "{}",
        kushner.note
    );
    assert!(
        !kushner.role.starts_with("Senior adviser"),
        "{}",
        kushner.role
    );
}

#[test]
fn who_met_whom() {
    let tl = timeline();
    let witkoff = tl.person_by_id("witkoff").expect("witkoff");
    let met = tl.met(witkoff);
    let count = |id: &str| {
        let p = tl.person_by_id(id).expect("person");
        met.iter().find(|m| m.person == p).map_or(0, |m| m.times)
    };
    // Kushner at every session; Umerov and Hnatov in Miami (two held, one expected):
    // only the sessions held count as met, the weekend is still to come.
    assert_eq!(count("kushner"), 3);
    assert_eq!(count("umerov"), 2);
    assert_eq!(count("putin"), 1);
    assert_eq!(count("trump"), 0);
    let to_come = |id: &str| {
        let p = tl.person_by_id(id).expect("person");
        met.iter().find(|m| m.person == p).map_or(0, |m| m.to_come)
    };
    assert_eq!((to_come("kushner"), to_come("umerov")), (1, 1));
    assert_eq!(to_come("putin"), 0);
    let umerov = tl.person_by_id("umerov").expect("umerov");
    let events: Vec<&str> = tl
        .events_of(umerov)
        .map(|e: EventIx| tl.event(e).id())
        .collect();
    assert_eq!(events, ["miami-thursday", "miami-friday", "miami-weekend"]);
}

#[test]
fn every_claim_and_event_names_a_source() {
    let tl = timeline();
    for ev in &tl.events {
        assert!(!ev.sources.is_empty(), "{} has no source", ev.id());
        for c in tl.claims(ev).iter() {
            assert!(
                tl.event_sources(ev).contains(&c.source),
                "{}: claim source not among the event's",
                ev.id()
            );
        }
    }
}
