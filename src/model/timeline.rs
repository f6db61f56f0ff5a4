//! The validated, chronological timeline: entities referenced by index, events in a
//! fixed order, and the queries a viewer needs (who attended what, who met whom).

use std::cmp::Ordering;

use chrono_tz::Tz;

use super::accounts::{Accounts, EventAccounts};
pub use super::entities::*;
use super::note::Note;
use super::time::Instant;
use crate::store::{self, DraftEvent, EventLists, Indexes};
pub use crate::store::{Claim, Event, Events};

/// A validated dataset in chronological order with its indexes.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub meta: Meta,
    pub parties: Vec<Party>,
    pub participants: People,
    pub places: Vec<Place>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub roles: Vec<Box<str>>,
    /// Chronological by [`chronological`].
    pub events: Events,
    lists: EventLists,
    /// What each source says beside the events' own fields, for the few events with
    /// other accounts, a status history or linked claims.
    pub accounts: Accounts,
    index: Indexes,
    /// What the import renamed, ignored or dropped (not part of what the timeline says).
    pub notes: Vec<Note>,
}

/// The order of events: the start as reported ([`super::time::EventTime::nominal_start`]:
/// `13:55` before `~14:05`), then the latest possible start, latest first (of a year,
/// a month and a day reported from one midnight, the year comes first, as its header
/// does), then the earliest possible start, then id.
///
/// With unique ids this is a total order, so the timeline is the same whatever order
/// the file lists its events in.
pub fn chronological(a: &Event, b: &Event) -> Ordering {
    let (x, y) = (&a.time.bounds, &b.time.bounds);
    a.time
        .nominal_start()
        .cmp(&b.time.nominal_start())
        .then(y.start_latest.cmp(&x.start_latest))
        .then(x.start_earliest.cmp(&y.start_earliest))
        .then_with(|| a.id().cmp(b.id()))
}

/// Two timelines are equal when they say the same: the same entities and events, in
/// the same order, whatever the layout of their flat lists (it follows the order of
/// the file they were read from).
impl PartialEq for Timeline {
    fn eq(&self, other: &Timeline) -> bool {
        self.meta == other.meta
            && self.parties == other.parties
            && self.participants == other.participants
            && self.places == other.places
            && self.topics == other.topics
            && self.sources == other.sources
            && self.roles == other.roles
            && self.same_events(other)
            && self.accounts == other.accounts
    }
}

impl Timeline {
    /// The timeline of these events, in any order, with this registry: for a timeline
    /// made in code rather than read from a file. The events are taken as sound: ids
    /// unique, every index within the registry, relation targets positions among
    /// `events`.
    pub fn from_events<'a>(
        meta: Meta,
        registry: Registry,
        events: impl IntoIterator<Item = DraftEvent<'a>>,
    ) -> Timeline {
        let mut builder = store::Builder::default();
        for e in events {
            builder.push(e);
        }
        let resolved: Result<Timeline, std::convert::Infallible> =
            builder.finish(meta, registry, |_| Ok(Vec::new()));
        match resolved {
            Ok(timeline) => timeline,
            Err(never) => match never {},
        }
    }

    /// A timeline of events ordered and indexed by the store ([`crate::store`]).
    pub(crate) fn from_store(
        meta: Meta,
        registry: Registry,
        events: Events,
        lists: EventLists,
        accounts: Accounts,
        index: Indexes,
    ) -> Timeline {
        Timeline {
            meta,
            parties: registry.parties,
            participants: registry.participants,
            places: registry.places,
            topics: registry.topics,
            sources: registry.sources,
            roles: registry.roles,
            events,
            lists,
            accounts,
            index,
            notes: Vec::new(),
        }
    }

    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix.get()]
    }

    /// Whether source `s` had been published by moment `at`: a dated source counts from
    /// its publication (a day from its start in the dataset's zone), an undated one
    /// always. What was known at `at` is what the sources that count say.
    pub fn counts_by(&self, s: SourceIx, at: Instant) -> bool {
        self.source(s)
            .published
            .is_none_or(|p| p.instant(self.meta.zone) <= at)
    }

    /// The other accounts, status history and claim links of the event at `ix`.
    pub fn accounts_of(&self, ix: EventIx) -> Option<&EventAccounts> {
        self.accounts.get(ix)
    }

    /// Whether the events here say what `other`'s say, one by one.
    pub fn same_events(&self, other: &Timeline) -> bool {
        self.events.len() == other.events.len()
            && self
                .events
                .iter()
                .zip(&other.events)
                .all(|(a, b)| self.same_event(a, other, b))
    }

    /// Whether `a` here says what `b` says in `other`.
    fn same_event(&self, a: &Event, other: &Timeline, b: &Event) -> bool {
        // A claim's words are ranges into its own event's text: compare what they say.
        fn claim<'e>(
            e: &'e Event,
            c: &Claim,
        ) -> (
            Option<PersonIx>,
            Option<PartyIx>,
            SourceIx,
            &'e str,
            &'e str,
        ) {
            (c.person, c.party, c.source, e.said(c), e.speaker(c))
        }
        let (x, y) = (self.claims(a), other.claims(b));
        let claims_alike =
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| claim(a, p) == claim(b, q));
        a.id() == b.id()
            && a.title() == b.title()
            && a.summary() == b.summary()
            && a.outcomes().eq(b.outcomes())
            && a.reported() == b.reported()
            && (a.kind, a.status, &a.time, a.place) == (b.kind, b.status, &b.time, b.place)
            && self.attendees(a) == other.attendees(b)
            && self.event_topics(a) == other.event_topics(b)
            && self.relations(a) == other.relations(b)
            && self.event_sources(a) == other.event_sources(b)
            && claims_alike
    }

    /// Who was at an event, and the part they played.
    pub fn attendees(&self, ev: &Event) -> &[Attendance] {
        self.lists.attendees(ev)
    }

    /// What an event was about.
    pub fn event_topics(&self, ev: &Event) -> &[TopicIx] {
        self.lists.topics(ev)
    }

    /// Who said what about an event.
    pub fn claims(&self, ev: &Event) -> &[Claim] {
        self.lists.claims(ev)
    }

    /// How an event bears on others.
    pub fn relations(&self, ev: &Event) -> &[Relation] {
        self.lists.relations(ev)
    }

    /// Where the information about an event comes from.
    pub fn event_sources(&self, ev: &Event) -> &[SourceIx] {
        self.lists.sources(ev)
    }

    pub fn person(&self, ix: PersonIx) -> Participant<'_> {
        self.participants.get(ix.get())
    }

    pub fn party(&self, ix: PartyIx) -> &Party {
        &self.parties[ix.get()]
    }

    pub fn place(&self, ix: PlaceIx) -> &Place {
        &self.places[ix.get()]
    }

    pub fn topic(&self, ix: TopicIx) -> &Topic {
        &self.topics[ix.get()]
    }

    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.get()]
    }

    pub fn role(&self, ix: RoleIx) -> &str {
        self.roles.get(ix.get()).map_or("", |r| r)
    }

    pub fn event_by_id(&self, id: &str) -> Option<EventIx> {
        let by_id = self.index.by_id();
        by_id
            .binary_search_by(|&i| self.events[i as usize].id().cmp(id))
            .ok()
            .map(|pos| EventIx::new(by_id[pos]))
    }

    /// Every event, in the order of their ids.
    pub fn events_by_id(&self) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.index.by_id().iter().map(|&i| EventIx::new(i))
    }

    /// Events whose id starts with `prefix`, in the order of their ids.
    pub fn events_with_id_prefix(
        &self,
        prefix: &str,
    ) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        let by_id = self.index.by_id();
        let id = |i: &u32| self.events[*i as usize].id();
        let start = by_id.partition_point(|i| id(i) < prefix);
        let len = by_id[start..].partition_point(|i| id(i).starts_with(prefix));
        by_id[start..start + len].iter().map(|&i| EventIx::new(i))
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonIx> {
        self.participants
            .iter()
            .position(|p| p.id == id)
            .map(|i| PersonIx::new(i as u32))
    }

    pub fn party_by_id(&self, id: &str) -> Option<PartyIx> {
        self.parties
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| PartyIx::new(i as u32))
    }

    pub fn topic_by_id(&self, id: &str) -> Option<TopicIx> {
        self.topics
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| TopicIx::new(i as u32))
    }

    pub fn place_by_id(&self, id: &str) -> Option<PlaceIx> {
        self.places
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| PlaceIx::new(i as u32))
    }

    /// Events a person attended, chronological.
    pub fn events_of(&self, person: PersonIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.index
            .events_of(person)
            .iter()
            .map(|&i| EventIx::new(i))
    }

    /// Members of a side, in file order.
    pub fn people_of(&self, party: PartyIx) -> impl ExactSizeIterator<Item = PersonIx> + '_ {
        self.index
            .people_of(party)
            .iter()
            .map(|&i| PersonIx::new(i))
    }

    /// People with no side, in file order.
    pub fn people_without_party(&self) -> impl Iterator<Item = PersonIx> + '_ {
        self.participants
            .iter()
            .enumerate()
            .filter(|(_, p)| p.party.is_none())
            .map(|(i, _)| PersonIx::new(i as u32))
    }

    pub fn events_on(&self, topic: TopicIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.index.events_on(topic).iter().map(|&i| EventIx::new(i))
    }

    pub fn events_at(&self, place: PlaceIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.index.events_at(place).iter().map(|&i| EventIx::new(i))
    }

    /// Whom a person met (attended the same event held as) and is still to meet (at an
    /// event not held yet; cancelled ones count for neither), most often first, then
    /// by name.
    pub fn met(&self, person: PersonIx) -> Vec<Encounter> {
        // Per other person: events held together, events still to come together.
        let mut times = vec![(0usize, 0usize); self.participants.len()];
        for ev in self.events_of(person) {
            let ev = self.event(ev);
            let (held, to_come) = (ev.status.has_happened(), ev.status.is_future());
            for a in self.attendees(ev) {
                if a.person != person {
                    let t = &mut times[a.person.get()];
                    t.0 += usize::from(held);
                    t.1 += usize::from(to_come);
                }
            }
        }
        let mut out: Vec<Encounter> = times
            .into_iter()
            .enumerate()
            .filter(|&(_, (held, to_come))| held + to_come > 0)
            .map(|(i, (times, to_come))| Encounter {
                person: PersonIx::new(i as u32),
                times,
                to_come,
            })
            .collect();
        out.sort_by(|a, b| {
            b.times
                .cmp(&a.times)
                .then_with(|| b.to_come.cmp(&a.to_come))
                .then_with(|| self.person(a.person).name.cmp(self.person(b.person).name))
        });
        out
    }

    /// Topics of the events a person attended, most frequent first, each with a count.
    pub fn topics_of(&self, person: PersonIx) -> Vec<(TopicIx, usize)> {
        let mut counts = vec![0usize; self.topics.len()];
        for ev in self.events_of(person) {
            for t in self.event_topics(self.event(ev)) {
                counts[t.get()] += 1;
            }
        }
        let mut out: Vec<(TopicIx, usize)> = counts
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(i, n)| (TopicIx::new(i as u32), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Events that point at this one, with the relation as read from here.
    pub fn related_to(&self, ev: EventIx) -> Vec<(RelationKind, EventIx)> {
        let mut out = Vec::new();
        let mut sources = self.index.incoming(ev).to_vec();
        sources.dedup();
        for i in sources {
            for r in self
                .relations(&self.events[i as usize])
                .iter()
                .filter(|r| r.target == ev)
            {
                out.push((r.kind, EventIx::new(i)));
            }
        }
        out
    }

    /// Earliest possible start and latest known end (or start) over all events.
    pub fn span(&self) -> Option<(Instant, Instant)> {
        let first = self.events.first()?.time.bounds.start_earliest;
        let last = self
            .events
            .unordered()
            .map(|e| {
                e.time
                    .bounds
                    .end_latest()
                    .unwrap_or(e.time.bounds.start_latest)
            })
            .max()?;
        Some((first, last))
    }

    /// The zone of an event's place, else the dataset's.
    pub fn local_zone(&self, ev: &Event) -> Tz {
        ev.place.map_or(ev.time.zone, |p| self.place(p).zone)
    }
}

#[cfg(test)]
mod equality {
    use crate::data::{BUNDLED, native::load_str};

    fn with_events(edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> super::Timeline {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let events = doc
            .get_mut("events")
            .and_then(|e| e.as_array_mut())
            .expect("events");
        edit(events);
        load_str("edited.json", &doc.to_string()).expect("valid")
    }

    /// Equal whatever order the file lists its events in (the flat lists are then laid
    /// out differently), different when one word of one claim differs.
    #[test]
    fn timelines_are_equal_when_they_say_the_same() {
        let bundled = with_events(|_| {});
        assert_eq!(bundled, with_events(|e| e.reverse()));
        let edited = with_events(|events| {
            let claim = events
                .iter_mut()
                .find_map(|e| e.get_mut("claims").and_then(|c| c.get_mut(0)))
                .expect("a claim");
            claim["text"] = "something else".into();
        });
        assert_ne!(bundled, edited);
        assert!(!bundled.same_events(&edited));
        let dropped = with_events(|events| {
            if let Some(e) = events.iter_mut().find(|e| e.get("participants").is_some()) {
                e["participants"].as_array_mut().expect("list").pop();
            }
        });
        assert_ne!(bundled, dropped);
    }
}

#[cfg(test)]
pub(crate) mod built;
