//! Timelines made in code, without a file: their order and indexes.

use std::borrow::Cow;

use chrono_tz::Tz;

use super::*;
use crate::model::time::{EventTime, TimePoint};
use crate::store::{DraftClaim, DraftEvent};

/// The time of an event that starts at `start`, in UTC.
pub(crate) fn time(start: &str) -> EventTime {
    let start = TimePoint::parse(start).expect("a time");
    EventTime::new(Tz::UTC, start, None, None).expect("a sound time")
}

fn named<T>(ids: &[&str], make: impl Fn(&str) -> T) -> Vec<T> {
    ids.iter().map(|id| make(id)).collect()
}

/// A news agency.
pub(crate) fn wire() -> Source {
    Source {
        id: "wire".into(),
        name: "Wire".into(),
        kind: SourceKind::Agency,
        url: None,
        published: None,
    }
}

/// Two sides, four people (the last with no side), two places, two topics, a source.
fn registry() -> Registry {
    Registry {
        parties: named(&["east", "west"], |id| Party {
            id: id.into(),
            name: id.into(),
            colour: None,
        }),
        participants: ["ann", "bob", "cyd", "dee"]
            .iter()
            .enumerate()
            .map(|(i, id)| Participant {
                id,
                name: id,
                role: "",
                party: (i < 3).then(|| PartyIx::new(i as u32 % 2)),
                note: "",
            })
            .collect(),
        places: named(&["geneva", "doha"], |id| Place {
            id: id.into(),
            name: id.into(),
            zone: Tz::UTC,
        }),
        topics: named(&["grain", "prisoners"], |id| Topic {
            id: id.into(),
            name: id.into(),
        }),
        sources: vec![wire()],
        roles: vec!["host".into()],
    }
}

fn meta() -> Meta {
    Meta {
        title: "Built".into(),
        description: "".into(),
        zone: Tz::UTC,
        as_of: None,
    }
}

const ANN: PersonIx = PersonIx::new(0);
const BOB: PersonIx = PersonIx::new(1);
const CYD: PersonIx = PersonIx::new(2);
const DEE: PersonIx = PersonIx::new(3);

fn at(person: PersonIx) -> Attendance {
    Attendance { person, role: None }
}

/// Four events given out of time order: "late" (ann, bob, cyd at doha on grain,
/// following "early"), "early" (ann and bob at geneva), "mid-b" and "mid-a" at one
/// time (ann and cyd, on both topics), told apart by id.
fn timeline() -> Timeline {
    let host = Attendance {
        person: ANN,
        role: Some(RoleIx::new(0)),
    };
    let late_people = [host, at(BOB), at(CYD)];
    let early_people = [at(ANN), at(BOB)];
    let mid_people = [at(CYD), at(ANN)];
    let grain = [TopicIx::new(0)];
    let both = [TopicIx::new(1), TopicIx::new(0)];
    let follows = [Relation {
        kind: RelationKind::Follows,
        target: EventIx::new(1),
    }];
    let claims = [DraftClaim {
        person: None,
        speaker: Cow::Borrowed("an official"),
        party: Some(PartyIx::new(1)),
        text: Cow::Borrowed("constructive"),
        source: SourceIx::new(0),
    }];
    let outcomes = [Cow::Borrowed("a corridor"), Cow::Borrowed("a second round")];
    let late = DraftEvent {
        place: Some(PlaceIx::new(1)),
        attendees: &late_people,
        topics: &grain,
        relations: &follows,
        claims: &claims,
        outcomes: &outcomes,
        reported: Some(Cow::Borrowed("late on Monday")),
        summary: Cow::Borrowed("Talks went on."),
        ..DraftEvent::new(
            "late",
            "Late talks",
            EventKind::Talks,
            Status::Held,
            time("2024-03-04"),
        )
    };
    let early = DraftEvent {
        place: Some(PlaceIx::new(0)),
        attendees: &early_people,
        ..DraftEvent::new(
            "early",
            "First meeting",
            EventKind::Meeting,
            Status::Held,
            time("2024-03-01"),
        )
    };
    let mid = |id| DraftEvent {
        attendees: &mid_people,
        topics: &both,
        ..DraftEvent::new(
            id,
            "Call",
            EventKind::Call,
            Status::Scheduled,
            time("2024-03-02"),
        )
    };
    Timeline::from_events(
        meta(),
        registry(),
        [late, early, mid("mid-b"), mid("mid-a")],
    )
}

fn ids(tl: &Timeline, events: impl Iterator<Item = EventIx>) -> Vec<&str> {
    events.map(|e| tl.event(e).id()).collect()
}

#[test]
fn events_are_in_time_order_then_by_id() {
    let tl = timeline();
    let order: Vec<&str> = tl.events.iter().map(Event::id).collect();
    assert_eq!(order, ["early", "mid-a", "mid-b", "late"]);
    assert!(
        tl.events
            .iter()
            .zip(tl.events.iter().skip(1))
            .all(|(a, b)| chronological(a, b).is_lt())
    );
    for (k, id) in order.iter().enumerate() {
        assert_eq!(tl.event_by_id(id), Some(EventIx::new(k as u32)));
    }
    assert_eq!(tl.event_by_id("missing"), None);
}

#[test]
fn an_event_reads_back_what_it_was_given() {
    let tl = timeline();
    let late = tl.event(EventIx::new(3));
    assert_eq!(late.title(), "Late talks");
    assert_eq!(late.summary(), "Talks went on.");
    assert_eq!(late.reported(), Some("late on Monday"));
    assert!(late.outcomes().eq(["a corridor", "a second round"]));
    assert_eq!((late.kind, late.status), (EventKind::Talks, Status::Held));
    assert_eq!(late.place, Some(PlaceIx::new(1)));
    let people: Vec<PersonIx> = tl.attendees(late).iter().map(|a| a.person).collect();
    assert_eq!(people, [ANN, BOB, CYD]);
    assert_eq!(tl.role(RoleIx::new(0)), "host");
    assert_eq!(tl.attendees(late)[0].role, Some(RoleIx::new(0)));
    let claim = &tl.claims(late)[0];
    assert_eq!(
        (late.said(claim), late.speaker(claim)),
        ("constructive", "an official")
    );
    let early = tl.event(EventIx::new(0));
    assert_eq!(early.reported(), None);
    assert!(!early.has_outcomes());
    assert!(tl.claims(early).is_empty() && early.claims.is_empty());
}

#[test]
fn the_indexes_follow_the_events() {
    let tl = timeline();
    assert_eq!(
        ids(&tl, tl.events_of(ANN)),
        ["early", "mid-a", "mid-b", "late"]
    );
    assert_eq!(ids(&tl, tl.events_of(CYD)), ["mid-a", "mid-b", "late"]);
    assert_eq!(tl.events_of(DEE).len(), 0);
    assert_eq!(
        ids(&tl, tl.events_on(TopicIx::new(0))),
        ["mid-a", "mid-b", "late"]
    );
    assert_eq!(ids(&tl, tl.events_on(TopicIx::new(1))), ["mid-a", "mid-b"]);
    assert_eq!(ids(&tl, tl.events_at(PlaceIx::new(0))), ["early"]);
    assert_eq!(ids(&tl, tl.events_at(PlaceIx::new(1))), ["late"]);
    assert_eq!(
        tl.people_of(PartyIx::new(0)).collect::<Vec<_>>(),
        [ANN, CYD]
    );
    assert_eq!(tl.people_without_party().collect::<Vec<_>>(), [DEE]);
    assert_eq!(tl.topics_of(BOB), [(TopicIx::new(0), 1)]);
}

#[test]
fn who_met_whom_most_often_first() {
    let tl = timeline();
    // The two scheduled calls with Cyd are still to come: not counted as met.
    let met = |p| -> Vec<(PersonIx, usize, usize)> {
        tl.met(p)
            .iter()
            .map(|e| (e.person, e.times, e.to_come))
            .collect()
    };
    assert_eq!(met(ANN), [(BOB, 2, 0), (CYD, 1, 2)]);
    assert_eq!(met(BOB), [(ANN, 2, 0), (CYD, 1, 0)]);
    assert_eq!(met(CYD), [(ANN, 1, 2), (BOB, 1, 0)]);
    assert!(tl.met(DEE).is_empty());
}

#[test]
fn relations_are_renumbered_to_time_order() {
    let tl = timeline();
    let late = tl.event(EventIx::new(3));
    assert_eq!(
        tl.relations(late),
        [Relation {
            kind: RelationKind::Follows,
            target: EventIx::new(0),
        }]
    );
    assert_eq!(
        tl.related_to(EventIx::new(0)),
        [(RelationKind::Follows, EventIx::new(3))]
    );
    assert!(tl.related_to(EventIx::new(3)).is_empty());
}

/// The same events in another order make the same timeline.
#[test]
fn the_order_given_does_not_matter() {
    let tl = timeline();
    let again = Timeline::from_events(
        meta(),
        registry(),
        tl.events
            .iter()
            .rev()
            .map(|e| DraftEvent::new(e.id(), e.title(), e.kind, e.status, e.time.clone())),
    );
    let order: Vec<&str> = again.events.iter().map(Event::id).collect();
    assert_eq!(order, ["early", "mid-a", "mid-b", "late"]);
}
