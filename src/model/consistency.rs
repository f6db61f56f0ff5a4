//! Facts that cannot all be true: an event that follows another yet definitely starts
//! before it ends; one person in two places at times that definitely overlap.
//!
//! "Definitely" reads the bounds: an event is certainly going on from its latest start to
//! its earliest end, so approximate or date-only times never conflict by accident.

use crate::model::entities::{EventKind, PersonIx, PlaceIx, RelationKind, SourceIx, Status};
use crate::model::text::clean_line;
use crate::model::time::{Bounds, Instant};
use crate::model::timeline::{EventIx, Timeline};

/// Which part of an event a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The event's `n`th relation, as written.
    Relation(usize),
    /// The event's `n`th attendance, as written.
    Attendance(usize),
    /// The `n`th step of the event's status history.
    StatusStep(usize),
}

/// What cannot be true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    /// The event's relation to `other` says an order their times certainly break.
    Order { kind: RelationKind, other: EventIx },
    /// `person` is at the event while certainly at `other`, somewhere else.
    TwoPlaces { person: PersonIx, other: EventIx },
    /// A step of the status history whose source was published after the next step's.
    HistoryOrder { step: SourceIx, next: SourceIx },
}

/// One fact at odds with another, on the event and part that states it. Compact, so
/// that a file with a great many is checked in little memory: the words come from
/// [`Inconsistency::message`], for those shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inconsistency {
    pub event: EventIx,
    pub part: Part,
    pub broken: Broken,
}

impl Inconsistency {
    /// What cannot be true, in words cleaned for the terminal; what it quotes is in
    /// quotes, so that warnings alike are counted as one kind.
    pub fn message(&self, tl: &Timeline) -> String {
        match self.broken {
            Broken::Order { kind, other } => {
                let why = match kind {
                    RelationKind::Follows => "yet starts before it ends",
                    RelationKind::Precedes => "yet ends after it starts",
                    _ => "yet starts before it begins",
                };
                format!(
                    "{} '{}', {why}, whatever the uncertainty of both times",
                    kind.label(),
                    clean_line(tl.event(other).id())
                )
            }
            Broken::HistoryOrder { step, next } => format!(
                "the status history is out of time order: '{}' ({}) comes before '{}' ({}), published earlier",
                clean_line(&tl.source(step).id),
                published(tl, step),
                clean_line(&tl.source(next).id),
                published(tl, next),
            ),
            Broken::TwoPlaces { person, other } => format!(
                "'{}' is at '{}' while at '{}' in '{}', and the two times certainly overlap",
                clean_line(tl.person(person).name),
                place_name(tl, self.event),
                clean_line(tl.event(other).id()),
                place_name(tl, other),
            ),
        }
    }

    /// A name for the kind of inconsistency, the same for all alike.
    pub fn kind(&self) -> &'static str {
        match self.broken {
            Broken::Order { kind, .. } => kind.keyword(),
            Broken::TwoPlaces { .. } => "two places",
            Broken::HistoryOrder { .. } => "history order",
        }
    }
}

/// Every inconsistency in the timeline: relations first, in event order, then
/// attendances, person by person.
pub fn inconsistencies(tl: &Timeline) -> Vec<Inconsistency> {
    let mut found = relations(tl);
    found.extend(whereabouts(tl));
    found.extend(histories(tl));
    found
}

/// Status histories whose steps' sources were published in another order than the
/// steps: each step reports what was known after the one before it.
fn histories(tl: &Timeline) -> Vec<Inconsistency> {
    let zone = tl.meta.zone;
    let at = |s: SourceIx| tl.source(s).published.map(|p| p.instant(zone));
    let mut found = Vec::new();
    for (ix, acc) in tl.accounts.iter() {
        for (k, pair) in acc.status_history.windows(2).enumerate() {
            if let (Some(a), Some(b)) = (at(pair[0].source), at(pair[1].source))
                && a > b
            {
                found.push(Inconsistency {
                    event: *ix,
                    part: Part::StatusStep(k),
                    broken: Broken::HistoryOrder {
                        step: pair[0].source,
                        next: pair[1].source,
                    },
                });
            }
        }
    }
    found
}

fn published(tl: &Timeline, s: SourceIx) -> String {
    tl.source(s)
        .published
        .map(|p| p.label())
        .unwrap_or_default()
}

/// The instants an event is certainly going on, when there are any.
fn certainly(b: &Bounds) -> Option<(Instant, Instant)> {
    (b.start_latest < b.end_earliest).then_some((b.start_latest, b.end_earliest))
}

fn relations(tl: &Timeline) -> Vec<Inconsistency> {
    let mut found = Vec::new();
    for (i, ev) in tl.events.iter().enumerate() {
        for (n, rel) in tl.relations(ev).iter().enumerate() {
            let (a, b) = (&ev.time.bounds, &tl.event(rel.target).time.bounds);
            // Each test: the relation says one order, the bounds say the other for sure.
            let broken = match rel.kind {
                RelationKind::Follows => a.start_latest < b.end_earliest,
                RelationKind::Precedes => b.start_latest < a.end_earliest,
                RelationKind::Continues | RelationKind::Responds => {
                    a.start_latest < b.start_earliest
                }
                // A briefing may come before, during or after what it is about.
                RelationKind::BriefsOn => false,
            };
            if broken {
                found.push(Inconsistency {
                    event: EventIx::new(i as u32),
                    part: Part::Relation(n),
                    broken: Broken::Order {
                        kind: rel.kind,
                        other: rel.target,
                    },
                });
            }
        }
    }
    found
}

/// Where a person is at an event: events without a place, calls, and events that did
/// not or will not take place put them nowhere.
fn puts_there(tl: &Timeline, ix: EventIx) -> Option<PlaceIx> {
    let ev = tl.event(ix);
    let there =
        ev.kind != EventKind::Call && !matches!(ev.status, Status::Cancelled | Status::Postponed);
    ev.place.filter(|_| there)
}

/// An event a person is certainly at until `end`, at `place`.
#[derive(Clone, Copy)]
struct Until {
    end: Instant,
    event: EventIx,
    place: PlaceIx,
}

fn whereabouts(tl: &Timeline) -> Vec<Inconsistency> {
    let mut found = Vec::new();
    let mut spans: Vec<(Instant, Until)> = Vec::new();
    for p in 0..tl.participants.len() {
        let person = PersonIx::new(p as u32);
        spans.clear();
        spans.extend(tl.events_of(person).filter_map(|ix| {
            let place = puts_there(tl, ix)?;
            let (start, end) = certainly(&tl.event(ix).time.bounds)?;
            Some((
                start,
                Until {
                    end,
                    event: ix,
                    place,
                },
            ))
        }));
        spans.sort_unstable_by_key(|&(s, u)| (s, u.end, u.event.get()));
        // Of the events so far, the one that ends last, and the one that ends last of
        // those at another place than it: any event elsewhere still going on at a
        // start is found between the two, in constant time.
        let (mut last, mut last_elsewhere): (Option<Until>, Option<Until>) = (None, None);
        for &(start, here) in &spans {
            let elsewhere = match last {
                Some(l) if l.place != here.place => Some(l),
                _ => last_elsewhere,
            };
            if let Some(other) = elsewhere.filter(|o| o.end > start) {
                let at = tl
                    .attendees(tl.event(here.event))
                    .iter()
                    .position(|a| a.person == person);
                found.push(Inconsistency {
                    event: here.event,
                    part: Part::Attendance(at.unwrap_or(0)),
                    broken: Broken::TwoPlaces {
                        person,
                        other: other.event,
                    },
                });
            }
            match last {
                Some(l) if here.end <= l.end => {
                    if here.place != l.place && last_elsewhere.is_none_or(|e| here.end > e.end) {
                        last_elsewhere = Some(here);
                    }
                }
                Some(l) => {
                    if here.place != l.place {
                        last_elsewhere = Some(l);
                    }
                    last = Some(here);
                }
                None => last = Some(here),
            }
        }
    }
    found
}

fn place_name(tl: &Timeline, ix: EventIx) -> String {
    tl.event(ix)
        .place
        .map(|p| clean_line(&tl.place(p).name).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{Part, inconsistencies};
    use crate::data::native::load_str;

    fn dataset(events: &str) -> String {
        format!(
            r#"{{"parley": 1, "title": "t", "zone": "UTC",
            "participants": [{{"id": "ann", "name": "Ann"}}, {{"id": "bo", "name": "Bo"}}],
            "places": [{{"id": "x", "name": "Xville", "zone": "UTC"}},
                       {{"id": "y", "name": "Ytown", "zone": "UTC"}}],
            "events": [{events}]}}"#
        )
    }

    fn event(id: &str, start: &str, duration: &str, place: &str, extra: &str) -> String {
        format!(
            r#"{{"id": "{id}", "title": "{id}", "kind": "meeting", "status": "held",
            "time": {{"start": "{start}", "duration": "{duration}"}}, "place": "{place}",
            "participants": [{{"person": "bo"}}, {{"person": "ann"}}] {extra}}}"#
        )
    }

    fn found(events: &[String]) -> Vec<(String, Part, String)> {
        let tl = load_str("t.json", &dataset(&events.join(","))).expect("loads");
        inconsistencies(&tl)
            .into_iter()
            .map(|i| (tl.event(i.event).id().to_string(), i.part, i.message(&tl)))
            .collect()
    }

    #[test]
    fn a_follower_that_starts_before_the_end_is_reported() {
        let follows = r#", "relations": [{"kind": "follows", "event": "a"}]"#;
        let got = found(&[
            event("a", "2025-12-04T10:00", "2h", "x", ""),
            event("b", "2025-12-04T11:00", "1h", "x", follows),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1), ("b", Part::Relation(0)));
        assert!(
            got[0]
                .2
                .starts_with("follows 'a', yet starts before it ends")
        );
    }

    #[test]
    fn uncertainty_is_not_a_contradiction() {
        let follows = r#", "relations": [{"kind": "follows", "event": "a"}]"#;
        // A start known only to its day may come after the other's end.
        let got = found(&[
            event("a", "2025-12-04T10:00", "~2h", "x", ""),
            event("b", "2025-12-04", "1h", "x", follows),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn precedes_and_continues_are_read_in_their_direction() {
        let precedes = r#", "relations": [{"kind": "precedes", "event": "b"}]"#;
        let continues = r#", "relations": [{"kind": "continues", "event": "b"}]"#;
        let got = found(&[
            event("a", "2025-12-04T10:00", "2h", "x", precedes),
            event("b", "2025-12-04T11:00", "1h", "x", ""),
            event("c", "2025-12-04T09:00", "1h", "x", continues),
        ]);
        let parts: Vec<(&str, Part)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        // In the timeline's order: c at 09:00, then a.
        assert_eq!(
            parts,
            [("c", Part::Relation(0)), ("a", Part::Relation(0))],
            "{got:?}"
        );
    }

    #[test]
    fn one_person_in_two_places_at_once_is_reported_on_the_later_event() {
        let got = found(&[
            event("a", "2025-12-04T10:00", "2h", "x", ""),
            event("b", "2025-12-04T11:00", "2h", "y", ""),
            // Same place, overlapping: no contradiction.
            event("c", "2025-12-04T11:30", "1h", "x", ""),
        ]);
        let ours: Vec<_> = got.iter().filter(|g| g.2.starts_with("'Ann'")).collect();
        assert_eq!(ours.len(), 2, "{got:?}");
        assert_eq!((ours[0].0.as_str(), ours[0].1), ("b", Part::Attendance(1)));
        assert!(ours[0].2.contains("while at 'a' in 'Xville'"), "{ours:?}");
        // c is at x while b (at y) is still certainly going on.
        assert_eq!((ours[1].0.as_str(), ours[1].1), ("c", Part::Attendance(1)));
    }

    #[test]
    fn calls_and_cancelled_events_put_nobody_anywhere() {
        let call = event("b", "2025-12-04T11:00", "2h", "y", "").replace("meeting", "call");
        let cancelled = event("c", "2025-12-04T11:00", "2h", "y", "").replace("held", "cancelled");
        let got = found(&[
            event("a", "2025-12-04T10:00", "2h", "x", ""),
            call,
            cancelled,
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_bundled_week_is_consistent() {
        let tl = crate::data::load_bundled().expect("bundled");
        assert_eq!(inconsistencies(&tl), []);
    }
}
