//! What changed between two versions of a dataset, event by event id: events added and
//! removed, and for each event in both, the fields that changed and how.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;

use super::describe;
use super::disputes;
use super::time::{Bounds, Instant};
use super::timeline::{Event, EventIx, Timeline};

/// The changes from one timeline to another.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    /// Events only the new version has, in its order.
    pub added: Vec<EventIx>,
    /// Events only the old version has, in its order.
    pub removed: Vec<EventIx>,
    /// Events in both that differ, in the new version's order.
    pub changed: Vec<Changed>,
    /// The dataset's own fields that changed (title, as-of, zone).
    pub dataset: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.dataset.is_empty()
    }
}

/// One event in both versions, and what changed in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub old: EventIx,
    pub new: EventIx,
    pub changes: Vec<Change>,
}

/// A field of an event or a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Kind,
    Status,
    Time,
    Reported,
    Place,
    Summary,
    Participants,
    Topics,
    Outcomes,
    Claims,
    Relations,
    Sources,
    /// Other sources' accounts of the event's parts.
    Accounts,
    /// The steps of the event's status history.
    StatusHistory,
    AsOf,
    Zone,
}

impl Field {
    /// The field's name in the format.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Time => "time",
            Field::Reported => "reported",
            Field::Place => "place",
            Field::Summary => "summary",
            Field::Participants => "participants",
            Field::Topics => "topics",
            Field::Outcomes => "outcomes",
            Field::Claims => "claims",
            Field::Relations => "relations",
            Field::Sources => "sources",
            Field::Accounts => "accounts",
            Field::StatusHistory => "status_history",
            Field::AsOf => "as_of",
            Field::Zone => "zone",
        }
    }
}

/// How an event's time bounds moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// The new bounds lie within the old: the time is known more precisely.
    Narrowed,
    /// The old bounds lie within the new: the time is known less precisely.
    Widened,
    /// Neither holds the other: the time moved.
    Moved,
    /// The same instants, written otherwise.
    Reworded,
}

impl fmt::Display for Shift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shift::Narrowed => "narrowed",
            Shift::Widened => "widened",
            Shift::Moved => "moved",
            Shift::Reworded => "reworded",
        })
    }
}

/// One field's change. Values are as the format writes them (ids, keywords) or, for
/// times, as the viewer says them; none is cleaned for a terminal yet.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A value replaced; empty for none.
    Replaced {
        field: Field,
        from: String,
        to: String,
    },
    /// The time, with how its bounds moved.
    Time {
        from: String,
        to: String,
        shift: Shift,
    },
    /// Members of a list added and withdrawn.
    Members {
        field: Field,
        added: Vec<String>,
        removed: Vec<String>,
    },
}

/// What changed from `old` to `new`. Events are matched by id, walking both timelines
/// in id order side by side: one pass, with no lookup per event.
pub fn diff(old: &Timeline, new: &Timeline) -> Diff {
    let mut out = Diff {
        dataset: dataset_changes(old, new),
        ..Diff::default()
    };
    let (mut a, mut b) = (old.events_by_id().peekable(), new.events_by_id().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(&o), Some(&n)) => old.event(o).id().cmp(new.event(n).id()),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match order {
            Ordering::Less => out.removed.extend(a.next()),
            Ordering::Greater => out.added.extend(b.next()),
            Ordering::Equal => {
                if let (Some(o), Some(n)) = (a.next(), b.next()) {
                    let changes = event_changes(old, o, new, n);
                    if !changes.is_empty() {
                        out.changed.push(Changed {
                            old: o,
                            new: n,
                            changes,
                        });
                    }
                }
            }
        }
    }
    // In each version's own (chronological) order.
    out.removed.sort_unstable_by_key(|ix| ix.get());
    out.added.sort_unstable_by_key(|ix| ix.get());
    out.changed.sort_unstable_by_key(|c| c.new.get());
    out
}

fn dataset_changes(old: &Timeline, new: &Timeline) -> Vec<Change> {
    let mut out = Vec::new();
    replaced(&mut out, Field::Title, &old.meta.title, &new.meta.title);
    let as_of = |tl: &Timeline| tl.meta.as_of.map(|a| a.label()).unwrap_or_default();
    replaced(&mut out, Field::AsOf, &as_of(old), &as_of(new));
    replaced(
        &mut out,
        Field::Zone,
        old.meta.zone.name(),
        new.meta.zone.name(),
    );
    out
}

fn replaced(out: &mut Vec<Change>, field: Field, from: &str, to: &str) {
    if from != to {
        out.push(Change::Replaced {
            field,
            from: from.to_string(),
            to: to.to_string(),
        });
    }
}

fn event_changes(ot: &Timeline, oi: EventIx, nt: &Timeline, ni: EventIx) -> Vec<Change> {
    let (o, n) = (ot.event(oi), nt.event(ni));
    let mut out = Vec::new();
    replaced(&mut out, Field::Title, o.title(), n.title());
    replaced(&mut out, Field::Kind, o.kind.keyword(), n.kind.keyword());
    replaced(
        &mut out,
        Field::Status,
        o.status.keyword(),
        n.status.keyword(),
    );
    if o.time.start != n.time.start
        || o.time.end != n.time.end
        || o.time.duration != n.time.duration
        || o.time.bounds != n.time.bounds
    {
        out.push(Change::Time {
            from: describe::full_when_line(o, ot.meta.zone),
            to: describe::full_when_line(n, nt.meta.zone),
            shift: shift(&o.time.bounds, &n.time.bounds),
        });
    }
    replaced(
        &mut out,
        Field::Reported,
        o.reported().unwrap_or_default(),
        n.reported().unwrap_or_default(),
    );
    replaced(&mut out, Field::Place, place(ot, o), place(nt, n));
    replaced(&mut out, Field::Summary, o.summary(), n.summary());
    list(
        &mut out,
        Field::Participants,
        people(ot, o),
        people(nt, n),
        |p| p.to_string(),
    );
    list(&mut out, Field::Topics, topics(ot, o), topics(nt, n), |t| {
        t.to_string()
    });
    list(&mut out, Field::Outcomes, o.outcomes(), n.outcomes(), |t| {
        t.to_string()
    });
    list(
        &mut out,
        Field::Claims,
        claims(ot, o),
        claims(nt, n),
        |(who, said, source)| format!("{who}: \"{said}\" ({source})"),
    );
    list(
        &mut out,
        Field::Relations,
        relations(ot, o),
        relations(nt, n),
        |(kind, id)| format!("{kind} {id}"),
    );
    list(
        &mut out,
        Field::Sources,
        sources(ot, o),
        sources(nt, n),
        |s| s.to_string(),
    );
    list(
        &mut out,
        Field::StatusHistory,
        steps(ot, oi).into_iter(),
        steps(nt, ni).into_iter(),
        |s| s.clone(),
    );
    list(
        &mut out,
        Field::Accounts,
        accounts(ot, oi).into_iter(),
        accounts(nt, ni).into_iter(),
        |a| a.clone(),
    );
    out
}

/// Each step of the status history as "expected (unn)".
fn steps(tl: &Timeline, ix: EventIx) -> Vec<String> {
    let Some(acc) = tl.accounts_of(ix) else {
        return Vec::new();
    };
    acc.status_history
        .iter()
        .map(|s| format!("{} ({})", s.status.keyword(), tl.source(s.source).id))
        .collect()
}

/// Each other account as "time: Tue 2 Dec ~19:35 (mail-ru-aif)".
fn accounts(tl: &Timeline, ix: EventIx) -> Vec<String> {
    let Some(acc) = tl.accounts_of(ix) else {
        return Vec::new();
    };
    let ev = tl.event(ix);
    acc.accounts
        .iter()
        .map(|a| {
            format!(
                "{}: {} ({})",
                disputes::part(acc, a),
                disputes::told(tl, ev, a),
                tl.source(a.source).id
            )
        })
        .collect()
}

fn place<'a>(tl: &'a Timeline, ev: &Event) -> &'a str {
    ev.place.map_or("", |p| &tl.place(p).id)
}

fn people<'a>(tl: &'a Timeline, ev: &'a Event) -> impl Iterator<Item = &'a str> + Clone {
    tl.attendees(ev).iter().map(|a| tl.person(a.person).id)
}

fn topics<'a>(tl: &'a Timeline, ev: &'a Event) -> impl Iterator<Item = &'a str> + Clone {
    tl.event_topics(ev).iter().map(|&t| &*tl.topic(t).id)
}

/// A claim as who (a participant id, or the speaker as described), what, and the source.
fn claims<'a>(
    tl: &'a Timeline,
    ev: &'a Event,
) -> impl Iterator<Item = (&'a str, &'a str, &'a str)> + Clone {
    tl.claims(ev).iter().map(|c| {
        let who = match c.person {
            Some(p) => tl.person(p).id,
            None => ev.speaker(c),
        };
        (who, ev.said(c), &*tl.source(c.source).id)
    })
}

fn relations<'a>(
    tl: &'a Timeline,
    ev: &'a Event,
) -> impl Iterator<Item = (&'static str, &'a str)> + Clone {
    tl.relations(ev)
        .iter()
        .map(|r| (r.kind.keyword(), tl.event(r.target).id()))
}

fn sources<'a>(tl: &'a Timeline, ev: &'a Event) -> impl Iterator<Item = &'a str> + Clone {
    tl.event_sources(ev).iter().map(|&s| &*tl.source(s).id)
}

/// The members only one side has, in their order; nothing when both hold the same
/// members (a new order is not a change of what is reported). Equal lists, the usual
/// case, are told without allocating.
fn list<K: Eq + Hash>(
    out: &mut Vec<Change>,
    field: Field,
    old: impl Iterator<Item = K> + Clone,
    new: impl Iterator<Item = K> + Clone,
    show: impl Fn(&K) -> String,
) {
    if old.clone().eq(new.clone()) {
        return;
    }
    let (old, new): (Vec<K>, Vec<K>) = (old.collect(), new.collect());
    let (in_old, in_new): (HashSet<&K>, HashSet<&K>) = (old.iter().collect(), new.iter().collect());
    let added: Vec<String> = new
        .iter()
        .filter(|m| !in_old.contains(m))
        .map(&show)
        .collect();
    let removed: Vec<String> = old
        .iter()
        .filter(|m| !in_new.contains(m))
        .map(&show)
        .collect();
    if added.is_empty() && removed.is_empty() {
        return;
    }
    out.push(Change::Members {
        field,
        added,
        removed,
    });
}

/// The instants an event may start in and may end in; an open end reaches to the end of
/// time.
fn ranges(b: &Bounds) -> [(Instant, Instant); 2] {
    [
        (b.start_earliest, b.start_latest),
        (b.end_earliest, b.end_latest().unwrap_or(Instant::MAX)),
    ]
}

fn shift(old: &Bounds, new: &Bounds) -> Shift {
    let within = |inner: &Bounds, outer: &Bounds| {
        ranges(inner)
            .iter()
            .zip(ranges(outer))
            .all(|(&(a, b), (c, d))| c <= a && b <= d)
    };
    if old == new {
        Shift::Reworded
    } else if within(new, old) {
        Shift::Narrowed
    } else if within(old, new) {
        Shift::Widened
    } else {
        Shift::Moved
    }
}

#[cfg(test)]
mod tests {
    use super::{Change, Field, Shift, diff};
    use crate::data::native::load_str;
    use crate::model::timeline::Timeline;

    fn load(events: &str) -> Timeline {
        let text = format!(
            r#"{{"parley": 1, "title": "t", "zone": "UTC",
            "participants": [{{"id": "ann", "name": "Ann"}}, {{"id": "bo", "name": "Bo"}}],
            "sources": [{{"id": "wire", "name": "Wire", "kind": "agency"}}],
            "events": [{events}]}}"#
        );
        load_str("t.json", &text).expect("loads")
    }

    fn event(id: &str, status: &str, start: &str, people: &str) -> String {
        format!(
            r#"{{"id": "{id}", "title": "{id}", "kind": "meeting", "status": "{status}",
            "time": {{"start": "{start}"}}, "participants": [{people}]}}"#
        )
    }

    #[test]
    fn the_same_file_has_no_changes() {
        let a = load(&event("a", "held", "2025-12-04", r#"{"person": "ann"}"#));
        assert!(diff(&a, &a.clone()).is_empty());
    }

    #[test]
    fn added_removed_and_changed_are_matched_by_id() {
        let old = load(
            &[
                event(
                    "a",
                    "expected",
                    "2025-12-04 evening",
                    r#"{"person": "ann"}"#,
                ),
                event("gone", "held", "2025-12-01", ""),
            ]
            .join(","),
        );
        let new = load(
            &[
                event(
                    "a",
                    "held",
                    "2025-12-04T18:00",
                    r#"{"person": "bo"}, {"person": "ann"}"#,
                ),
                event("fresh", "held", "2025-12-06", ""),
            ]
            .join(","),
        );
        let d = diff(&old, &new);
        let id = |tl: &Timeline, ix| tl.event(ix).id().to_string();
        assert_eq!(
            d.added.iter().map(|&i| id(&new, i)).collect::<Vec<_>>(),
            ["fresh"]
        );
        assert_eq!(
            d.removed.iter().map(|&i| id(&old, i)).collect::<Vec<_>>(),
            ["gone"]
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            d.changed[0].changes,
            [
                Change::Replaced {
                    field: Field::Status,
                    from: "expected".into(),
                    to: "held".into()
                },
                Change::Time {
                    from: "Thu 4 Dec 2025 evening".into(),
                    to: "Thu 4 Dec 2025 18:00".into(),
                    shift: Shift::Narrowed
                },
                Change::Members {
                    field: Field::Participants,
                    added: vec!["bo".into()],
                    removed: vec![]
                },
            ]
        );
    }

    #[test]
    fn bounds_tell_widened_from_moved() {
        let at = |start: &str| load(&event("a", "held", start, ""));
        let shift_of = |a: &str, b: &str| match &diff(&at(a), &at(b)).changed[0].changes[0] {
            Change::Time { shift, .. } => *shift,
            other => panic!("not a time change: {other:?}"),
        };
        assert_eq!(shift_of("2025-12-04T18:00", "2025-12-04"), Shift::Widened);
        assert_eq!(
            shift_of("2025-12-04", "2025-12-04 evening"),
            Shift::Narrowed
        );
        assert_eq!(shift_of("2025-12-04", "2025-12-05"), Shift::Moved);
    }

    #[test]
    fn a_reordered_list_is_no_change() {
        let old = load(&event(
            "a",
            "held",
            "2025-12-04",
            r#"{"person": "ann"}, {"person": "bo"}"#,
        ));
        let new = load(&event(
            "a",
            "held",
            "2025-12-04",
            r#"{"person": "bo"}, {"person": "ann"}"#,
        ));
        assert!(diff(&old, &new).is_empty());
    }
}
