//! The reader that checks a dataset's registry, then each event into a
//! [`DraftEvent`] it pushes into the store, shared by the whole-file reader
//! ([`super::validate`]) and the streaming one ([`crate::data::stream`]).

use std::borrow::Cow;

use chrono_tz::Tz;

use super::check::{Checker, EventIds, IdTable, PendingRelation, RoleTable, kept, resolve};
use super::format::{FileStr, RawClaim, RawDataset, RawEvent, RawParticipant, RawTime, as_written};
use crate::data::handovers::parse_point;
use crate::data::zones::ZoneReadings;
use crate::model::accounts::Published;
use crate::model::text::{clean_line, is_blank};
use crate::model::time::{EventTime, Span, TimeError};
use crate::model::timeline::{
    AsOf, Attendance, EventKind, Meta, Participant, Party, PartyIx, People, PersonIx, Place,
    PlaceIx, Registry, RelationKind, RoleIx, Source, SourceIx, SourceKind, Status, Timeline, Topic,
    TopicIx,
};
use crate::store::{self, DraftClaim, DraftEvent};

/// Validation from the registry to the timeline, one event at a time, shared by the
/// whole-file reader ([`validate`]) and the streaming one ([`super::stream`]).
pub(in crate::data) struct Builder {
    pub(in crate::data) base: Base,
    pub(in crate::data) part: Part,
}

/// The checked registry events refer to: read-only once built, so that several threads
/// can check events against it.
pub(in crate::data) struct Base {
    pub(super) meta: Meta,
    pub(super) registry: Registry,
    pub(super) parties: IdTable,
    pub(super) people: IdTable,
    pub(super) places: IdTable,
    pub(super) topics: IdTable,
    pub(super) sources: IdTable,
    /// The file says `"parley": 1`: accounts, status histories and claim links are
    /// version 2's.
    pub(super) version_1: bool,
}

/// What a run of events adds: the events (in the store), their roles and relations,
/// and any problem found.
#[derive(Default)]
pub(in crate::data) struct Part {
    pub(super) checker: Checker,
    pub(super) roles: RoleTable,
    store: store::Builder,
    relations: Vec<PendingRelation>,
    scratch: Scratch,
    /// Only checking, for the problems (see [`Part::checking`]): the events' ids as
    /// written; nothing is stored.
    checked_ids: Option<IdTable>,
}

/// An event's lists as they are checked, before the event is stored: kept from one
/// event to the next, so that checking an event allocates nothing.
#[derive(Default)]
pub(super) struct Scratch {
    attendance: Vec<Attendance>,
    /// The people of a long `attendance`, one bit each by their position in the
    /// registry, to tell one listed twice without a search; only theirs are set.
    attending: Vec<u64>,
    /// Whether `attending` holds the bits of `attendance`.
    marked: bool,
    topics: Vec<TopicIx>,
    sources: Vec<SourceIx>,
    /// Empty between events: they borrow from the event being checked.
    outcomes: Vec<Cow<'static, str>>,
    claims: Vec<DraftClaim<'static>>,
}

impl Scratch {
    /// Whether `person` is already in `attendance`: a short list is searched, a long
    /// one (a plenary of thousands) looked up in a set, so that a list is checked in
    /// linear time.
    fn listed_twice(&mut self, person: PersonIx) -> bool {
        const SEARCHED: usize = 16;
        if self.attendance.len() < SEARCHED {
            return self.attendance.iter().any(|b| b.person == person);
        }
        if !self.marked {
            self.marked = true;
            for b in &self.attendance {
                mark(&mut self.attending, b.person);
            }
        }
        mark(&mut self.attending, person)
    }

    /// Empties `attendance`, and unsets its bits in `attending`: linear in the list,
    /// not in the registry.
    fn clear_attendance(&mut self) {
        if self.marked {
            self.marked = false;
            for b in &self.attendance {
                let (word, bit) = (b.person.get() / 64, b.person.get() % 64);
                self.attending[word] &= !(1 << bit);
            }
        }
        self.attendance.clear();
    }
}

/// Sets `person`'s bit in `bits`; whether it was set already.
fn mark(bits: &mut Vec<u64>, person: PersonIx) -> bool {
    let (word, bit) = (person.get() / 64, 1u64 << (person.get() % 64));
    if word >= bits.len() {
        bits.resize(word + 1, 0);
    }
    let was = bits[word] & bit != 0;
    bits[word] |= bit;
    was
}

/// An empty list in `list`'s allocation, for items of the same type but for the
/// lifetime of what they borrow (which Rust lays out alike: the allocation is reused).
pub(super) fn recycle<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().map(|_| unreachable!("cleared")).collect()
}

/// The registry's people, checked and kept as they are read, one at a time: a
/// registry may hold a million people, read by the streaming reader straight from the
/// file rather than through [`RawDataset::participants`].
#[derive(Default)]
pub(in crate::data) struct PeopleRead {
    people: People,
    ids: IdTable,
    /// Each person's side as written, by its place in `sides` (or [`NO_SIDE`]): the
    /// parties may come after the participants in the file, so sides are found once
    /// the registry is whole.
    side_of: Vec<u32>,
    sides: IdTable,
    checker: Checker,
}

/// [`PeopleRead::side_of`] for a person with no side.
const NO_SIDE: u32 = u32::MAX;

impl PeopleRead {
    /// Checks and keeps `p`, the next person in the file.
    pub(in crate::data) fn add<S: FileStr>(&mut self, p: &RawParticipant<S>) {
        let i = self.people.len();
        self.checker
            .id(&mut self.ids, "participants", i, p.id.as_ref());
        let side = p
            .party
            .as_ref()
            .map_or(NO_SIDE, |side| self.sides.intern(side.as_ref()));
        self.side_of.push(side);
        self.people.push(Participant {
            id: p.id.as_ref(),
            name: p.name.as_ref(),
            role: p.role.as_ref(),
            party: None,
            note: p.note.as_ref(),
        });
    }

    /// The people with their sides found among `parties`, an unknown one reported; the
    /// table of their ids.
    fn finish(self, parties: &IdTable, checker: &mut Checker) -> (People, IdTable) {
        let PeopleRead {
            mut people,
            ids,
            side_of,
            sides,
            checker: read,
        } = self;
        checker.problems.extend(read.problems);
        let found: Vec<Option<PartyIx>> = (0..sides.len() as u32)
            .map(|k| parties.get(sides.interned(k)).map(PartyIx::new))
            .collect();
        for (i, &side) in side_of.iter().enumerate() {
            if side == NO_SIDE {
                continue;
            }
            match found[side as usize] {
                Some(party) => people.set_party(i, party),
                None => {
                    checker.reference(parties, "party", sides.interned(side), || {
                        format!("participants[{i}].party")
                    });
                }
            }
        }
        (people, ids)
    }
}

impl Builder {
    /// Checks everything but the events (`raw.events` is ignored), and the people
    /// `read` if the caller read them (`raw.participants` is then ignored).
    pub(in crate::data) fn new(raw: RawDataset, read: Option<PeopleRead>) -> Builder {
        let mut checker = Checker::default();
        if let Some(v) = raw.parley
            && v != 1
            && v != 2
        {
            checker.report(
                "parley".into(),
                format!("format version {v} is not supported (expected 1 or 2)"),
            );
        }
        let zone = checker.zone(|| "zone".into(), &raw.zone).unwrap_or(Tz::UTC);
        let as_of = raw
            .as_of
            .as_deref()
            .and_then(|text| match AsOf::parse(text, zone) {
                Ok(as_of) => Some(as_of),
                Err(e) => {
                    checker.report("as_of".into(), e.0);
                    None
                }
            });
        let parties_t = checker.ids("parties", raw.parties.iter().map(|p| p.id.as_str()));
        let read = read.unwrap_or_else(|| {
            let mut read = PeopleRead::default();
            read.people.reserve(raw.participants.len());
            read.ids.reserve(raw.participants.len());
            for p in &raw.participants {
                read.add(p);
            }
            read
        });
        let places_t = checker.ids("places", raw.places.iter().map(|p| p.id.as_str()));
        let topics_t = checker.ids("topics", raw.topics.iter().map(|p| p.id.as_str()));
        let sources_t = checker.ids("sources", raw.sources.iter().map(|p| p.id.as_str()));

        let parties = raw
            .parties
            .iter()
            .map(|p| Party {
                id: kept(&p.id),
                name: kept(&p.name),
                colour: p.colour.as_deref().map(kept),
            })
            .collect();
        // Problems are put in file order when they are placed, whatever order they are
        // found in.
        let (participants, people_t) = read.finish(&parties_t, &mut checker);
        let places: Vec<Place> = raw
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| Place {
                id: kept(&p.id),
                name: kept(&p.name),
                zone: checker
                    .zone(|| format!("places[{i}].zone"), &p.zone)
                    .unwrap_or(Tz::UTC),
            })
            .collect();
        let topics = raw
            .topics
            .iter()
            .map(|t| Topic {
                id: kept(&t.id),
                name: kept(&t.name),
            })
            .collect();
        let sources = raw
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| Source {
                id: kept(&s.id),
                name: kept(&s.name),
                kind: SourceKind::ALL
                    .into_iter()
                    .find(|k| k.keyword() == s.kind)
                    .unwrap_or_else(|| {
                        let all: Vec<&str> = SourceKind::ALL.iter().map(|k| k.keyword()).collect();
                        checker.report(
                            format!("sources[{i}].kind"),
                            format!(
                                "unknown source kind '{}' (expected one of {})",
                                clean_line(&s.kind),
                                all.join(", ")
                            ),
                        );
                        SourceKind::Reference
                    }),
                url: s.url.as_deref().map(kept),
                published: s
                    .published
                    .as_deref()
                    .and_then(|d| match Published::parse(d) {
                        Ok(date) => Some(date),
                        Err(e) => {
                            checker.report(format!("sources[{i}].published"), e.0);
                            None
                        }
                    }),
            })
            .collect();
        Builder {
            base: Base {
                meta: Meta {
                    title: kept(&raw.title),
                    description: kept(&raw.description),
                    zone,
                    as_of,
                },
                registry: Registry {
                    parties,
                    participants,
                    places,
                    topics,
                    sources,
                    roles: Vec::new(),
                },
                parties: parties_t,
                people: people_t,
                places: places_t,
                topics: topics_t,
                sources: sources_t,
                version_1: raw.parley == Some(1),
            },
            part: Part {
                checker,
                ..Part::default()
            },
        }
    }

    /// Whether a problem has been found so far.
    pub(in crate::data) fn failed(&self) -> bool {
        self.part.failed()
    }

    /// Checks the event at position `i` of the file and keeps it when it is sound.
    pub(in crate::data) fn event<S: FileStr>(
        &mut self,
        i: usize,
        e: &RawEvent<S>,
        readings: &mut ZoneReadings,
    ) {
        self.part.event(&self.base, i, e, readings);
    }

    /// Resolves relations against `ids` and assembles the timeline.
    pub(in crate::data) fn finish(self, ids: EventIds) -> Result<Timeline, Vec<(String, String)>> {
        self.part.finish(self.base, ids)
    }
}

impl Part {
    /// This part, from now on only checking events, for their problems: it records
    /// their ids as written (as the whole-file reader does) and stores no event, so
    /// that finding every problem of a file takes less memory than loading it.
    pub(in crate::data) fn checking(self) -> Part {
        Part {
            checked_ids: Some(IdTable::default()),
            ..self
        }
    }

    /// Every problem of a part made by [`Part::checking`], relations resolved against
    /// the ids as written; those of the registry first.
    pub(in crate::data) fn problems(self) -> Vec<(String, String)> {
        let Part {
            mut checker,
            relations,
            checked_ids,
            ..
        } = self;
        let ids = EventIds::AsWritten(checked_ids.unwrap_or_default());
        resolve(None, ids, relations, &mut checker);
        checker.problems
    }

    /// How many problems have been found so far.
    pub(in crate::data) fn problem_count(&self) -> usize {
        self.checker.problems.len()
    }

    /// The JSON paths of the problems found so far, from the `from`th on.
    pub(in crate::data) fn problem_paths(&self, from: usize) -> impl Iterator<Item = &str> {
        self.checker.problems[from..]
            .iter()
            .map(|(path, _)| path.as_str())
    }

    /// Whether a problem has been found so far.
    pub(in crate::data) fn failed(&self) -> bool {
        !self.checker.problems.is_empty()
    }

    /// Whether this part only checks (see [`Part::checking`]).
    pub(in crate::data) fn is_checking(&self) -> bool {
        self.checked_ids.is_some()
    }

    pub(in crate::data) fn len(&self) -> usize {
        self.store.len()
    }

    /// Makes room for `ratio` times as many events again as there are.
    pub(in crate::data) fn reserve(&mut self, ratio: f64) {
        self.store.reserve(ratio);
    }

    /// Puts the events read so far in chronological order, ahead of the rest: for a
    /// thread with time to spare while another reads on.
    pub(in crate::data) fn order_early(&mut self) {
        self.store.order_early();
    }

    /// Puts `later`'s events after these, as if one part had read them all: its roles
    /// and relations are renumbered.
    pub(in crate::data) fn append(&mut self, later: Part) {
        let Part {
            checker,
            roles,
            store,
            relations,
            scratch: _,
            checked_ids: _,
        } = later;
        self.checker.problems.extend(checker.problems);
        let roles: Vec<RoleIx> = roles.names.iter().map(|r| self.roles.intern(r)).collect();
        let shift = self.store.len() as u32;
        self.store.append(store, &roles);
        self.relations
            .extend(relations.into_iter().map(|r| PendingRelation {
                event: r.event.map(|e| e + shift),
                file: r.file + shift,
                ..r
            }));
    }

    /// Checks the event at position `i` of the file and keeps it when it is sound.
    /// `readings` are those of local times this reading thread keeps.
    pub(in crate::data) fn event<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        e: &RawEvent<S>,
        readings: &mut ZoneReadings,
    ) {
        if let Some(table) = &mut self.checked_ids {
            self.checker.id(table, "events", i, e.id.as_ref());
        }
        let first_relation = self.relations.len();
        let position = self.store.len() as u32;
        let kept = self.convert(base, i, e, readings);
        for r in &mut self.relations[first_relation..] {
            r.event = kept.then_some(position);
        }
    }

    /// Resolves relations against `ids` and assembles the timeline. Ordering the events
    /// by time runs beside the checks by id.
    fn finish(self, base: Base, ids: EventIds) -> Result<Timeline, Vec<(String, String)>> {
        let Part {
            mut checker,
            mut roles,
            store,
            relations,
            scratch: _,
            checked_ids: _,
        } = self;
        let mut registry = base.registry;
        let new_roles = roles.sort();
        registry.roles = roles.names;
        let mut store = store;
        store.renumber_roles(&new_roles);
        store.finish(base.meta, registry, |events| {
            let resolved = resolve(Some(&events), ids, relations, &mut checker);
            if checker.problems.is_empty() {
                Ok(resolved)
            } else {
                Err(checker.problems)
            }
        })
    }

    /// Checks the event and stores it when it is sound: whether it did.
    fn convert<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        e: &RawEvent<S>,
        readings: &mut ZoneReadings,
    ) -> bool {
        let RawEvent {
            id,
            title,
            kind,
            status,
            status_history: _,
            time,
            place,
            participants,
            topics,
            summary,
            outcomes,
            claims,
            relations,
            sources,
            accounts: _,
        } = e;
        let at = |field: &str| format!("events[{i}].{field}");
        // Most events have no outcomes, and many no claims: their lists stay unallocated.
        let mut outcome_list = if outcomes.is_empty() {
            Vec::new()
        } else {
            recycle(std::mem::take(&mut self.scratch.outcomes))
        };
        outcome_list.extend(outcomes.iter().map(|o| as_written(o)));
        let kind = EventKind::parse(kind.as_ref()).or_else(|| {
            self.checker.report(
                at("kind"),
                format!(
                    "unknown event kind '{}' (expected {})",
                    clean_line(kind.as_ref()),
                    EventKind::expected()
                ),
            );
            None
        });
        let status = Status::parse(status.as_ref()).or_else(|| {
            self.checker.report(
                at("status"),
                format!(
                    "unknown status '{}' (expected {})",
                    clean_line(status.as_ref()),
                    Status::expected()
                ),
            );
            None
        });
        let place = place.as_ref().map(AsRef::as_ref).and_then(|id| {
            self.checker
                .reference(&base.places, "place", id, || at("place"))
                .map(PlaceIx::new)
        });
        let zone = match time.zone.as_ref().map(AsRef::as_ref) {
            Some(z) => self.checker.zone(|| at("time.zone"), z),
            None => Some(place.map_or(base.meta.zone, |p| base.registry.places[p.get()].zone)),
        };
        let reported = time.reported.as_ref().map(|r| as_written(r));
        let time = self.time(|f| format!("events[{i}].time.{f}"), time, zone, readings);
        self.scratch.clear_attendance();
        for (j, a) in participants.iter().enumerate() {
            let Some(person) =
                self.checker
                    .reference(&base.people, "participant", a.person.as_ref(), || {
                        at(&format!("participants[{j}].person"))
                    })
            else {
                continue;
            };
            let person = PersonIx::new(person);
            if self.scratch.listed_twice(person) {
                self.checker.report(
                    at(&format!("participants[{j}].person")),
                    format!("'{}' is listed twice", clean_line(a.person.as_ref())),
                );
            }
            let role = a.role.as_ref().map(|r| self.roles.intern(r.as_ref()));
            self.scratch.attendance.push(Attendance { person, role });
        }
        self.scratch.topics.clear();
        let known = self.checker.references(&base.topics, "topic", topics, |j| {
            at(&format!("topics[{j}]"))
        });
        self.scratch.topics.extend(known.map(TopicIx::new));
        let mut claim_list = if claims.is_empty() {
            Vec::new()
        } else {
            recycle(std::mem::take(&mut self.scratch.claims))
        };
        for (j, c) in claims.iter().enumerate() {
            if let Some(claim) = self.claim(base, i, j, c) {
                claim_list.push(claim);
            }
        }
        for (j, r) in relations.iter().enumerate() {
            let kind = RelationKind::parse(r.kind.as_ref()).or_else(|| {
                self.checker.report(
                    at(&format!("relations[{j}].kind")),
                    format!(
                        "unknown relation '{}' (expected {})",
                        clean_line(r.kind.as_ref()),
                        RelationKind::expected()
                    ),
                );
                None
            });
            self.relations.push(PendingRelation {
                event: Some(0),
                file: i as u32,
                slot: j as u32,
                kind,
                target: r.event.as_ref().to_string(),
            });
        }
        self.scratch.sources.clear();
        let known = self
            .checker
            .references(&base.sources, "source", sources, |j| {
                at(&format!("sources[{j}]"))
            });
        self.scratch.sources.extend(known.map(SourceIx::new));
        if is_blank(title.as_ref()) {
            self.checker.report(at("title"), "empty title");
        }
        let accounts = self.accounts(base, i, e, status, place, readings);
        let sound = kind.is_some() && status.is_some() && time.is_some();
        let kept = if let (Some(kind), Some(status), Some(time), None) =
            (kind, status, time, &self.checked_ids)
        {
            self.store.push(DraftEvent {
                id: as_written(id),
                title: as_written(title),
                summary: as_written(summary),
                outcomes: &outcome_list,
                reported,
                kind,
                status,
                time,
                place,
                attendees: &self.scratch.attendance,
                topics: &self.scratch.topics,
                claims: &claim_list,
                relations: &[],
                sources: &self.scratch.sources,
            });
            self.store.push_accounts(accounts);
            true
        } else {
            // Only checking: an event is as good as kept when it is sound.
            sound && self.checked_ids.is_some()
        };
        if outcome_list.capacity() > 0 {
            self.scratch.outcomes = recycle(outcome_list);
        }
        if claim_list.capacity() > 0 {
            self.scratch.claims = recycle(claim_list);
        }
        kept
    }

    /// The time `t` in `zone`, each problem reported at `at(field)`.
    pub(super) fn time<S: AsRef<str>>(
        &mut self,
        at: impl Fn(&str) -> String,
        t: &RawTime<S>,
        zone: Option<Tz>,
        readings: &mut ZoneReadings,
    ) -> Option<EventTime> {
        let mut readable = true;
        let start = self.read(|| at("start"), parse_point(t.start.as_ref()), &mut readable);
        let end = t
            .end
            .as_ref()
            .and_then(|s| self.read(|| at("end"), parse_point(s.as_ref()), &mut readable));
        let duration = t
            .duration
            .as_ref()
            .and_then(|s| self.read(|| at("duration"), Span::parse(s.as_ref()), &mut readable));
        if !readable {
            return None;
        }
        let (start, zone) = (start?, zone?);
        match EventTime::resolve_with(readings, zone, start, end, duration) {
            Ok(time) => Some(time),
            Err(e) => {
                let field = if e.0.contains("duration") {
                    "duration"
                } else if e.0.starts_with("the end") {
                    "end"
                } else {
                    "start"
                };
                self.checker.report(at(field), e.0);
                None
            }
        }
    }

    fn read<T>(
        &mut self,
        path: impl FnOnce() -> String,
        result: Result<T, TimeError>,
        ok: &mut bool,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.checker.report(path(), e.0);
                *ok = false;
                None
            }
        }
    }

    fn claim<'e, S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        j: usize,
        c: &'e RawClaim<S>,
    ) -> Option<DraftClaim<'e>> {
        let at = |field: &str| format!("events[{i}].claims[{j}].{field}");
        let person = c.person.as_ref().and_then(|p| {
            self.checker
                .reference(&base.people, "participant", p.as_ref(), || at("person"))
                .map(PersonIx::new)
        });
        let party = c.party.as_ref().and_then(|p| {
            self.checker
                .reference(&base.parties, "party", p.as_ref(), || at("party"))
                .map(PartyIx::new)
        });
        if c.person.is_none() && c.speaker.as_ref().is_none_or(|s| is_blank(s.as_ref())) {
            self.checker.report(
                format!("events[{i}].claims[{j}]"),
                "a claim needs a 'person' (a participant id) or a 'speaker' (e.g. \"a U.S. official\")",
            );
        }
        let source = self
            .checker
            .reference(&base.sources, "source", c.source.as_ref(), || at("source"));
        Some(DraftClaim {
            person,
            speaker: c
                .speaker
                .as_ref()
                .map_or(Cow::Borrowed(""), |s| as_written(s)),
            party,
            text: as_written(&c.text),
            source: SourceIx::new(source?),
        })
    }
}
