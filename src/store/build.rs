//! The one way into the store: events pushed as drafts (or appended as the runs of a
//! second reading thread), then finished into a [`Timeline`]: ordered, renumbered and
//! indexed.

use std::borrow::Cow;

use super::events::{Events, Stored};
use super::index::{
    Counts, Indexed, Indexes, MultiIndex, event_indexes, incoming_index, people_indexes,
};
use super::lists::{EventLists, append, append_copied};
use super::memory::give_back_freed_memory;
use super::order::{EarlyOrder, IdOrder, chronological_order, id_prefix};
use super::record::{Claim, Event};
use super::text::{TextChunks, TextRange};
use super::threads::{PARALLEL_FROM, join};
use crate::model::accounts::{Accounts, EventAccounts};
use crate::model::entities::{
    Attendance, EventIx, EventKind, Meta, PartyIx, PersonIx, PlaceIx, Registry, Relation, RoleIx,
    SourceIx, Status, TopicIx,
};
use crate::model::time::EventTime;
use crate::model::timeline::Timeline;

/// An event as a reader has checked it, before it is stored: plain fields, its strings
/// borrowed (from the file where they need no cleaning) and its lists in the reader's
/// own buffers. [`Builder::push`] copies it into the compact record.
#[derive(Clone, Debug)]
pub struct DraftEvent<'a> {
    pub id: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub summary: Cow<'a, str>,
    /// Each cleaned of control characters (see [`crate::model::text`]).
    pub outcomes: &'a [Cow<'a, str>],
    /// The time in the words it was reported in.
    pub reported: Option<Cow<'a, str>>,
    pub kind: EventKind,
    pub status: Status,
    pub time: EventTime,
    pub place: Option<PlaceIx>,
    pub attendees: &'a [Attendance],
    pub topics: &'a [TopicIx],
    pub claims: &'a [DraftClaim<'a>],
    /// Targets are positions among the events pushed (not yet in time order).
    pub relations: &'a [Relation],
    pub sources: &'a [SourceIx],
}

impl<'a> DraftEvent<'a> {
    /// An event of these words, kind, status and time, with no place, words reported,
    /// outcomes or lists.
    pub fn new(
        id: &'a str,
        title: &'a str,
        kind: EventKind,
        status: Status,
        time: EventTime,
    ) -> DraftEvent<'a> {
        DraftEvent {
            id: Cow::Borrowed(id),
            title: Cow::Borrowed(title),
            summary: Cow::Borrowed(""),
            outcomes: &[],
            reported: None,
            kind,
            status,
            time,
            place: None,
            attendees: &[],
            topics: &[],
            claims: &[],
            relations: &[],
            sources: &[],
        }
    }
}

/// A claim as a reader has checked it, for [`DraftEvent::claims`].
#[derive(Clone, Debug)]
pub struct DraftClaim<'a> {
    pub person: Option<PersonIx>,
    /// How the source describes the speaker; empty when `person` says it.
    pub speaker: Cow<'a, str>,
    pub party: Option<PartyIx>,
    pub text: Cow<'a, str>,
    pub source: SourceIx,
}

/// Events being stored: pushed one at a time, or appended a run at a time from a
/// second reading thread's own builder, then finished into a [`Timeline`].
#[derive(Default)]
pub struct Builder {
    events: Stored,
    /// Each event's [`id_prefix`], taken while its id is at hand.
    prefixes: Vec<u64>,
    lists: EventLists,
    /// The events' strings.
    texts: TextChunks,
    /// The first events, put in order ahead of the rest (see [`Builder::order_early`]).
    early: EarlyOrder,
    /// The accounts of the few events that have any, by position as pushed: a side
    /// table, so that the others cost nothing.
    accounts: Vec<(u32, EventAccounts)>,
}

/// The events in id order, for a reader to resolve ids against while the store puts
/// them in time order ([`Builder::finish`]).
pub struct Ids<'a> {
    order: &'a IdOrder,
    events: &'a Stored,
}

impl Ids<'_> {
    /// Whether two events share an id.
    pub fn has_duplicates(&self) -> bool {
        self.order.has_duplicates(self.events)
    }

    /// The position (as pushed) of the event with each of these ids.
    pub fn find_each(&self, ids: &[&str]) -> Vec<Option<u32>> {
        self.order.find_each(self.events, ids)
    }
}

impl Builder {
    /// How many events are stored.
    #[inline]
    pub fn len(&self) -> usize {
        self.events.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Stores an event after those pushed so far.
    // Inlined into each reader's check of an event, the draft is never built whole.
    #[inline(always)]
    pub fn push(&mut self, draft: DraftEvent<'_>) {
        let mut length = draft.id.len() + draft.title.len() + draft.summary.len();
        length += draft.reported.as_ref().map_or(0, |r| r.len());
        // Each outcome behind its length, a few digits and a colon.
        length += draft.outcomes.iter().map(|o| o.len() + 8).sum::<usize>();
        length += draft
            .claims
            .iter()
            .map(|c| c.speaker.len() + c.text.len())
            .sum::<usize>();
        let mut text = self.texts.begin(length);
        let prefix = id_prefix(&draft.id);
        let id = text.push(&draft.id);
        let title = text.push(&draft.title);
        let summary = text.push(&draft.summary);
        let outcomes = if draft.outcomes.is_empty() {
            TextRange::ABSENT
        } else {
            text.push_outcomes(draft.outcomes)
        };
        let reported = draft.reported.map_or(TextRange::ABSENT, |r| text.push(&r));
        let first = self.lists.claims.len();
        for c in draft.claims {
            let claim = Claim {
                person: c.person,
                speaker: text.push(&c.speaker),
                party: c.party,
                text: text.push(&c.text),
                source: c.source,
            };
            self.lists.claims.push(claim);
        }
        let claims = self.lists.range(first, |l| &l.claims);
        let attendees = append_copied(&mut self.lists.attendance, draft.attendees);
        let topics = append_copied(&mut self.lists.topics, draft.topics);
        let relations = append_copied(&mut self.lists.relations, draft.relations);
        let sources = append_copied(&mut self.lists.sources, draft.sources);
        self.prefixes.push(prefix);
        self.events.push(Event {
            text: self.texts.end(text),
            id,
            title,
            summary,
            outcomes,
            reported,
            kind: draft.kind,
            status: draft.status,
            time: draft.time,
            place: draft.place,
            attendees,
            topics,
            claims,
            relations,
            sources,
        });
    }

    /// Gives the event pushed last these accounts.
    pub fn push_accounts(&mut self, accounts: EventAccounts) {
        if let Some(last) = self.events.len().checked_sub(1)
            && !accounts.is_empty()
        {
            self.accounts.push((last as u32, accounts));
        }
    }

    /// Makes room for `ratio` times as many events (and their lists) again as there
    /// are, so that a large file's events are not copied each time a list outgrows
    /// its room.
    pub fn reserve(&mut self, ratio: f64) {
        // `ratio` times `len`, within what a position can count.
        let room = |len: usize| (len as f64 * ratio).min(f64::from(u32::MAX)) as usize;
        fn more<T>(list: &mut Vec<T>, room: impl Fn(usize) -> usize) {
            list.reserve(room(list.len()));
        }
        self.events.reserve(room(self.events.len()));
        more(&mut self.prefixes, room);
        more(&mut self.lists.attendance, room);
        more(&mut self.lists.topics, room);
        more(&mut self.lists.claims, room);
        more(&mut self.lists.sources, room);
    }

    /// Puts the events stored so far in chronological order, ahead of the rest: for a
    /// thread with time to spare while another reads on.
    pub fn order_early(&mut self) {
        self.early = EarlyOrder::of(&self.events, &self.prefixes);
    }

    /// Gives the attendance roles new numbers: role `r` becomes `new[r]`.
    pub fn renumber_roles(&mut self, new: &[RoleIx]) {
        for a in &mut self.lists.attendance {
            if let Some(r) = a.role.as_mut()
                && let Some(&ix) = new.get(r.get())
            {
                *r = ix;
            }
        }
    }

    /// Puts `later`'s events after these, as if they had been pushed here; its roles
    /// are renumbered by `roles` first ([`Builder::renumber_roles`]). Its events are
    /// kept where they are (see `Stored`), their lists copied after these.
    pub fn append(&mut self, mut later: Builder, roles: &[RoleIx]) {
        later.renumber_roles(roles);
        let Builder {
            mut events,
            prefixes,
            lists,
            mut texts,
            early,
            accounts,
        } = later;
        debug_assert!(early.is_empty(), "a part appended has no order of its own");
        texts.seal();
        let shift = self.events.len() as u32;
        self.accounts
            .extend(accounts.into_iter().map(|(k, a)| (k + shift, a)));
        let before = self.lists.lengths();
        events.iter_mut().for_each(|e| e.shift(before));
        self.events.append(events);
        self.prefixes.extend(prefixes);
        self.lists.extend(lists);
    }

    /// Orders the events by time while `resolve` (a reader's check of the events' ids
    /// and relations) runs beside it on [`Ids`], and assembles the timeline.
    /// `resolve` gives each relation's event and target (positions as pushed), kept
    /// after those pushed with the events, or why the events are not sound.
    pub fn finish<R, E>(self, meta: Meta, registry: Registry, resolve: R) -> Result<Timeline, E>
    where
        R: FnOnce(Ids<'_>) -> Result<Vec<(u32, Relation)>, E> + Send,
        E: Send,
    {
        let Builder {
            mut events,
            prefixes,
            mut lists,
            mut texts,
            early,
            accounts,
        } = self;
        texts.seal();
        let ((by_id, resolved), order) = join(
            events.len() >= PARALLEL_FROM,
            || {
                let by_id = IdOrder::new(&events, &prefixes);
                let resolved = resolve(Ids {
                    order: &by_id,
                    events: &events,
                });
                (by_id, resolved)
            },
            || chronological_order(&events, &prefixes, early),
        );
        drop(prefixes);
        let resolved = resolved?;
        if events.len() >= PARALLEL_FROM {
            give_back_freed_memory();
        }
        for group in resolved.chunk_by(|a, b| a.0 == b.0) {
            if let Some(ev) = events.get_mut(group[0].0 as usize) {
                ev.relations = append(&mut lists.relations, group.iter().map(|(_, r)| *r));
            }
        }
        Ok(assemble(
            meta, registry, events, lists, accounts, by_id, order,
        ))
    }
}

/// Orders events and builds the indexes. Relation targets in `events` refer to
/// positions in the given (file) order and are rewritten to chronological ones;
/// `by_id` lists those positions in id order, and `order` chronologically (see
/// [`super::order::chronological_order`]): both are orderings of these very events, which stay
/// where they are ([`Events`]).
fn assemble(
    meta: Meta,
    registry: Registry,
    events: Stored,
    mut lists: EventLists,
    accounts: Vec<(u32, EventAccounts)>,
    by_id: IdOrder,
    order: Vec<u32>,
) -> Timeline {
    let big = events.len() >= PARALLEL_FROM;
    // Each event's new position, with the relations and the order by id renumbered
    // by it, and the keys of three indexes counted from the flat lists, beside the
    // copy of what the indexes need.
    let (((by_id, accounts), counts), indexed) = join(
        big,
        || {
            let mut new_position = vec![0u32; events.len()];
            for (new, &old) in order.iter().enumerate() {
                new_position[old as usize] = new as u32;
            }
            for r in &mut lists.relations {
                r.target = EventIx::new(new_position[r.target.get()]);
            }
            let by_id = by_id
                .positions()
                .into_iter()
                .map(|i| new_position[i as usize])
                .collect::<Vec<u32>>();
            let accounts = Accounts::new(
                accounts
                    .into_iter()
                    .map(|(k, a)| (EventIx::new(new_position[k as usize]), a))
                    .collect(),
            );
            let counts = Counts {
                people: MultiIndex::count(
                    registry.participants.len(),
                    lists.attendance.iter().map(|a| a.person.get()),
                ),
                topics: MultiIndex::count(
                    registry.topics.len(),
                    lists.topics.iter().map(|t| t.get()),
                ),
                incoming: MultiIndex::count(
                    events.len(),
                    lists.relations.iter().map(|r| r.target.get()),
                ),
            };
            ((by_id, accounts), counts)
        },
        // What the indexes need of each event, in time order.
        || -> Vec<Indexed> {
            order
                .iter()
                .map(|&old| Indexed::of(&events[old as usize]))
                .collect()
        },
    );
    // The people's index, the longest, beside the others.
    let Counts {
        people,
        topics,
        incoming,
    } = counts;
    let ((incoming, (topic_events, place_events)), (person_events, party_people)) = join(
        big,
        || {
            (
                incoming_index(incoming, &indexed, &lists),
                event_indexes(topics, &registry, &indexed, &lists),
            )
        },
        || people_indexes(people, &registry, &indexed, &lists),
    );
    drop(indexed);
    Timeline::from_store(
        meta,
        registry,
        Events::new(events, order),
        lists,
        accounts,
        Indexes {
            by_id,
            person_events,
            party_people,
            topic_events,
            place_events,
            incoming,
        },
    )
}

/// A second reading thread's events appended to the first's: the same timeline as
/// one builder would make of them all.
#[cfg(test)]
mod appended {
    use std::borrow::Cow;

    use chrono_tz::Tz;

    use super::{Builder, DraftClaim, DraftEvent};
    use crate::model::timeline::built::{time, wire};
    use crate::model::timeline::*;

    fn meta() -> Meta {
        Meta {
            title: "Appended".into(),
            description: "".into(),
            zone: Tz::UTC,
            as_of: None,
        }
    }

    fn registry() -> Registry {
        let person = |id| Participant {
            id,
            name: id,
            role: "",
            party: None,
            note: "",
        };
        Registry {
            participants: [person("ann"), person("bob")].into_iter().collect(),
            sources: vec![wire()],
            roles: vec!["chair".into(), "host".into()],
            ..Registry::default()
        }
    }

    /// Pushes events `ids` with the day of month each is named after, each attended
    /// by ann in role `role` (as this builder numbers roles) and bob, with a claim.
    fn push(builder: &mut Builder, ids: &[&str], role: u32) {
        let people = [
            Attendance {
                person: PersonIx::new(0),
                role: Some(RoleIx::new(role)),
            },
            Attendance {
                person: PersonIx::new(1),
                role: None,
            },
        ];
        let sources = [SourceIx::new(0)];
        for id in ids {
            let claims = [DraftClaim {
                person: Some(PersonIx::new(1)),
                speaker: Cow::Borrowed(""),
                party: None,
                text: Cow::Owned(format!("said at {id}")),
                source: SourceIx::new(0),
            }];
            let day = format!("2024-05-{:0>2}", &id[1..]);
            builder.push(DraftEvent {
                attendees: &people,
                claims: &claims,
                sources: &sources,
                ..DraftEvent::new(id, id, EventKind::Meeting, Status::Held, time(&day))
            });
        }
    }

    /// e4 follows e1: found by id while the store orders the events.
    fn resolve(ids: super::Ids<'_>) -> Result<Vec<(u32, Relation)>, String> {
        if ids.has_duplicates() {
            return Err("duplicates".into());
        }
        let found = ids.find_each(&["e1", "e4", "e9"]);
        assert_eq!(found, [Some(0), Some(3), None]);
        Ok(vec![(
            3,
            Relation {
                kind: RelationKind::Follows,
                target: EventIx::new(0),
            },
        )])
    }

    #[test]
    fn appended_runs_read_as_if_pushed_in_one() {
        // The first thread numbers "host" 0; the second thread "chair" 0.
        let mut first = Builder::default();
        push(&mut first, &["e1", "e3", "e2"], 0);
        first.order_early();
        let mut second = Builder::default();
        push(&mut second, &["e4", "e6"], 0);
        let mut third = Builder::default();
        push(&mut third, &["e5"], 0);
        // In the timeline's registry, "chair" is 0 and "host" 1.
        first.renumber_roles(&[RoleIx::new(1)]);
        first.append(second, &[RoleIx::new(0)]);
        first.append(third, &[RoleIx::new(0)]);
        assert_eq!(first.len(), 6);
        let appended = first.finish(meta(), registry(), resolve).expect("sound");

        let mut whole = Builder::default();
        push(&mut whole, &["e1", "e3", "e2"], 1);
        push(&mut whole, &["e4", "e6", "e5"], 0);
        let whole = whole.finish(meta(), registry(), resolve).expect("sound");
        assert_eq!(appended, whole);

        let order: Vec<&str> = appended.events.iter().map(Event::id).collect();
        assert_eq!(order, ["e1", "e2", "e3", "e4", "e5", "e6"]);
        for (k, ev) in appended.events.iter().enumerate() {
            let role = appended.attendees(ev)[0].role.map(|r| appended.role(r));
            assert_eq!(role, Some(if k < 3 { "host" } else { "chair" }), "{k}");
            let claim = &appended.claims(ev)[0];
            assert_eq!(ev.said(claim), format!("said at {}", ev.id()));
            assert_eq!(appended.event_sources(ev), [SourceIx::new(0)]);
        }
        let e4 = EventIx::new(3);
        assert_eq!(
            appended.relations(appended.event(e4)),
            [Relation {
                kind: RelationKind::Follows,
                target: EventIx::new(0),
            }]
        );
        assert_eq!(appended.events_of(PersonIx::new(1)).len(), 6);
    }

    #[test]
    fn a_resolver_that_fails_fails_the_finish() {
        let mut twins = Builder::default();
        push(&mut twins, &["e1", "e1"], 0);
        assert_eq!(
            twins.finish(meta(), registry(), resolve).err().as_deref(),
            Some("duplicates")
        );
    }
}
