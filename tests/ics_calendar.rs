//! iCalendar at the reported time, read back by two independent parsers (the `ical`
//! crate and the `icalendar` crate's parser): the Kremlin and Thursday meetings at their
//! nominal times, years and months as one all-day entry, DTEND after DTSTART, an
//! ORGANIZER beside every ATTENDEE, RFC 9253 relations, and X-PARLEY-* properties that
//! give back the time as recorded.

use std::collections::HashMap;
use std::io::BufReader;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use ical::IcalParser;
use ical::parser::ical::component::IcalCalendar;
use ical::property::Property;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
use parley::data;
use parley::data::export::ics;
use parley::data::native::load_str;
use parley::model::time::{Span, TimePoint};
use parley::model::timeline::Timeline;
use serde_json::json;

/// Saturday 6 December 2025, 00:00 UTC.
const STAMP: i64 = 1_764_979_200;

fn first_parser(text: &str) -> IcalCalendar {
    let mut parser = IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("ical: {e}\n{text}"));
    assert!(parser.next().is_none(), "only one calendar");
    cal
}

fn second_parser(text: &str) -> icalendar::Calendar {
    text.parse::<icalendar::Calendar>()
        .unwrap_or_else(|e| panic!("icalendar: {e}\n{text}"))
}

fn values<'a>(props: &'a [Property], name: &str) -> Vec<&'a Property> {
    props.iter().filter(|p| p.name == name).collect()
}

fn value(props: &[Property], name: &str) -> Option<String> {
    values(props, name).first().and_then(|p| p.value.clone())
}

fn param(p: &Property, name: &str) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.join(","))
}

/// TEXT values as RFC 5545 writes them, read back.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A DTSTART or DTEND as the second parser reads it, as an instant where it has a time.
#[derive(Debug, PartialEq, PartialOrd)]
enum When {
    Day(NaiveDate),
    At(i64),
}

fn when(d: DatePerhapsTime) -> When {
    match d {
        DatePerhapsTime::Date(d) => When::Day(d),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => When::At(t.timestamp()),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let zone: Tz = tzid.parse().expect("a known zone");
            When::At(
                zone.from_local_datetime(&date_time)
                    .earliest()
                    .expect("a local time that exists")
                    .timestamp(),
            )
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => {
            panic!("a floating time: {t}")
        }
    }
}

/// The events of a calendar by UID, as the second parser reads them.
fn events(cal: &icalendar::Calendar) -> HashMap<String, &icalendar::Event> {
    cal.events()
        .map(|e| (e.get_uid().expect("a UID").to_string(), e))
        .collect()
}

fn local(t: i64, zone: Tz) -> NaiveDateTime {
    zone.timestamp_opt(t, 0)
        .single()
        .expect("an instant")
        .naive_local()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a date and time")
}

/// Events of every scale, and the edges: an end equal to its start, year 0.
fn scales() -> Timeline {
    let event = |id: &str, start: &str, end: Option<&str>, duration: Option<&str>| {
        let mut time = json!({ "start": start });
        if let Some(end) = end {
            time["end"] = json!(end);
        }
        if let Some(d) = duration {
            time["duration"] = json!(d);
        }
        json!({ "id": id, "title": id, "kind": "talks", "status": "held", "time": time,
                "participants": [{ "person": "p" }] })
    };
    let data = json!({
        "title": "Scales", "zone": "UTC",
        "participants": [{ "id": "p", "name": "P" }],
        "events": [
            event("year", "1952", None, None),
            event("about-a-year", "~2024", None, None),
            event("years", "1815", Some("1852"), None),
            event("month", "2025-12", None, None),
            event("about-a-day", "~2025-12-04", None, None),
            event("days", "2025-12-04", Some("2025-12-06"), None),
            event("moment", "2025-12-01T10:00", Some("2025-12-01T10:00"), None),
            event("ranged", "2025-12-01T10:00", None, Some("4h..6h")),
            event("evening", "2025-12-01 evening", None, None),
            event("year-zero", "0000-06-01", None, None),
        ],
    });
    load_str("scales.json", &data.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn bundled() -> Timeline {
    data::load_bundled().unwrap_or_else(|e| panic!("{e}"))
}

fn uid(id: &str) -> String {
    format!("{id}.us-ukraine-talks-in-miami-december-2025@parley")
}

#[test]
fn meetings_are_at_the_reported_time_in_both_parsers() {
    let text = ics::write(&bundled(), STAMP);
    first_parser(&text);
    let cal = second_parser(&text);
    let events = events(&cal);
    let new_york = chrono_tz::America::New_York;

    // About 19:40 Moscow for about five hours: about 11:40 to 16:40 in New York.
    let kremlin = events[&uid("kremlin-putin")];
    let (When::At(start), Some(When::At(end))) = (
        when(kremlin.get_start().expect("DTSTART")),
        kremlin.get_end().map(when),
    ) else {
        panic!("the Kremlin meeting has clock times")
    };
    assert_eq!(local(start, new_york), at("2025-12-02 11:40"));
    assert_eq!(end - start, 5 * 3600);

    // "Thursday evening", about two hours: from 18:00, not to the small hours.
    let thursday = events[&uid("miami-thursday")];
    let (When::At(start), Some(When::At(end))) = (
        when(thursday.get_start().expect("DTSTART")),
        thursday.get_end().map(when),
    ) else {
        panic!("the Thursday meeting has clock times")
    };
    assert_eq!(local(start, new_york), at("2025-12-04 18:00"));
    assert_eq!(local(end, new_york), at("2025-12-04 20:00"));
}

#[test]
fn years_and_months_are_one_all_day_entry_named_in_the_summary() {
    let tl = scales();
    let text = ics::write(&tl, STAMP);
    let first = first_parser(&text);
    let cal = second_parser(&text);
    let events = events(&cal);
    let entry = |id: &str| {
        let e = events[&format!("{id}.scales@parley")];
        (
            e.get_summary().map(unescape).unwrap_or_default(),
            when(e.get_start().expect("DTSTART")),
            e.get_end().map(when),
        )
    };
    let day = |y, m, d| When::Day(NaiveDate::from_ymd_opt(y, m, d).expect("a date"));
    assert_eq!(
        entry("year"),
        ("year (1952)".into(), day(1952, 1, 1), Some(day(1952, 1, 2)))
    );
    assert_eq!(
        entry("about-a-year"),
        (
            "about-a-year (about 2024)".into(),
            day(2024, 1, 1),
            Some(day(2024, 1, 2))
        )
    );
    assert_eq!(entry("years").0, "years (1815–1852)");
    assert_eq!(entry("years").2, Some(day(1815, 1, 2)));
    assert_eq!(
        entry("month"),
        (
            "month (December 2025)".into(),
            day(2025, 12, 1),
            Some(day(2025, 12, 2))
        )
    );
    // A day, approximate or not, is that day; a range of days, its days.
    assert_eq!(entry("about-a-day").1, day(2025, 12, 4));
    assert_eq!(entry("about-a-day").2, Some(day(2025, 12, 5)));
    assert_eq!(entry("days").2, Some(day(2025, 12, 7)));
    // An end equal to its start writes no DTEND: the event is a moment.
    assert_eq!(entry("moment").2, None);
    // A length given as a range: the middle of it; a part of the day: the whole part.
    let length = |id: &str| match entry(id) {
        (_, When::At(a), Some(When::At(b))) => b - a,
        other => panic!("{id}: {other:?}"),
    };
    assert_eq!(length("ranged"), 5 * 3600);
    assert_eq!(length("evening"), 4 * 3600);
    // Year 0 cannot be written: left out, and counted for the note.
    assert!(!events.contains_key("year-zero.scales@parley"));
    assert_eq!(ics::skipped(&tl), 1);
    assert_eq!(first.events.len(), tl.events.len() - 1);
}

#[test]
fn every_end_is_after_its_start_and_attendees_have_an_organizer() {
    for tl in [bundled(), scales()] {
        let text = ics::write(&tl, STAMP);
        let cal = second_parser(&text);
        for e in cal.events() {
            let start = when(e.get_start().expect("DTSTART"));
            if let Some(end) = e.get_end().map(when) {
                assert!(end > start, "{:?}: {start:?} to {end:?}", e.get_uid());
            }
        }
        for e in &first_parser(&text).events {
            let attendees = values(&e.properties, "ATTENDEE").len();
            let organizers = values(&e.properties, "ORGANIZER").len();
            assert_eq!(organizers, usize::from(attendees > 0), "{:?}", e.properties);
        }
    }
    let text = ics::write(&bundled(), STAMP);
    let cal = first_parser(&text);
    let by_uid: HashMap<String, &Vec<Property>> = cal
        .events
        .iter()
        .map(|e| {
            (
                value(&e.properties, "UID").unwrap_or_default(),
                &e.properties,
            )
        })
        .collect();
    // The host organizes; where no one hosts, the dataset that records the event.
    let organizer = |id: &str| {
        let p = values(by_uid[&uid(id)], "ORGANIZER")[0];
        (
            param(p, "CN").unwrap_or_default(),
            p.value.clone().unwrap_or_default(),
        )
    };
    assert_eq!(
        organizer("kremlin-putin"),
        (
            "Vladimir Putin".into(),
            "urn:x-parley:participant:putin".into()
        )
    );
    assert_eq!(
        organizer("miami-thursday").1,
        "urn:x-parley:dataset:us-ukraine-talks-in-miami-december-2025"
    );
}

#[test]
fn relations_are_rfc_9253_related_to() {
    let tl = bundled();
    let cal = first_parser(&ics::write(&tl, STAMP));
    let mut written = 0;
    for ev in &tl.events {
        let e = cal
            .events
            .iter()
            .find(|e| value(&e.properties, "UID") == Some(uid(ev.id())))
            .expect("each event");
        let related = values(&e.properties, "RELATED-TO");
        assert_eq!(related.len(), tl.relations(ev).len());
        for (p, r) in related.iter().zip(tl.relations(ev)) {
            let target = tl.event(r.target).id();
            assert_eq!(p.value.as_deref().map(unescape), Some(uid(target)));
            assert_eq!(param(p, "RELTYPE").as_deref(), Some(ics::reltype(r.kind)));
            assert_eq!(
                param(p, "X-PARLEY-RELATION").as_deref(),
                Some(r.kind.keyword())
            );
            written += 1;
        }
    }
    assert!(written > 0, "the bundled dataset relates its events");
    let thursday = cal
        .events
        .iter()
        .find(|e| value(&e.properties, "UID") == Some(uid("miami-thursday")))
        .expect("Thursday");
    let follows = values(&thursday.properties, "RELATED-TO")[0];
    assert_eq!(param(follows, "RELTYPE").as_deref(), Some("FINISHTOSTART"));
}

#[test]
fn x_properties_give_back_the_time_as_recorded() {
    for tl in [bundled(), scales()] {
        let text = ics::write(&tl, STAMP);
        let cal = first_parser(&text);
        let second = second_parser(&text);
        let second = events(&second);
        for ev in &tl.events {
            let u = ics::uid(&tl, ev);
            let Some(e) = cal
                .events
                .iter()
                .find(|e| value(&e.properties, "UID") == Some(u.clone()))
            else {
                continue;
            };
            let p = &e.properties;
            let text_of = |name: &str| value(p, name).map(|v| unescape(&v));
            let start = TimePoint::parse(&text_of("X-PARLEY-START").expect("X-PARLEY-START"))
                .expect("a time expression");
            assert_eq!(start, ev.time.start);
            let end = text_of("X-PARLEY-END").map(|t| TimePoint::parse(&t).expect("an end"));
            assert_eq!(end, ev.time.end);
            let duration =
                text_of("X-PARLEY-DURATION").map(|t| Span::parse(&t).expect("a duration"));
            assert_eq!(duration, ev.time.duration);
            assert_eq!(text_of("X-PARLEY-REPORTED").as_deref(), ev.reported());
            let instant = |name: &str| {
                value(p, name).map(|v| {
                    chrono::NaiveDateTime::parse_from_str(&v, "%Y%m%dT%H%M%SZ")
                        .expect("a UTC time")
                        .and_utc()
                        .timestamp()
                })
            };
            let b = &ev.time.bounds;
            assert_eq!(instant("X-PARLEY-START-EARLIEST"), Some(b.start_earliest));
            assert_eq!(instant("X-PARLEY-START-LATEST"), Some(b.start_latest));
            assert_eq!(instant("X-PARLEY-END-LATEST"), b.end_latest());
            if b.end_latest().is_some() {
                assert_eq!(instant("X-PARLEY-END-EARLIEST"), Some(b.end_earliest));
            }
            // The second parser sees the same.
            assert_eq!(
                second[&u].property_value("X-PARLEY-START-EARLIEST"),
                value(p, "X-PARLEY-START-EARLIEST").as_deref()
            );
        }
    }
}
