//! The native JSON format: its types as they appear in a file, and the validation that
//! turns them into a [`Timeline`], collecting every problem with its place.

use std::collections::HashMap;

use chrono_tz::Tz;
use serde::Deserialize;

use super::locate;
use super::{LoadError, Problem};
use crate::model::text::{clean_line, clean_text};
use crate::model::time::{EventTime, Span, TimeError, TimePoint, parse_date};
use crate::model::timeline::{
    Attendance, Claim, Event, EventIx, EventKind, Meta, Participant, Party, PartyIx, PersonIx,
    Place, PlaceIx, Registry, Relation, RelationKind, RoleIx, Source, SourceIx, SourceKind, Status,
    Timeline, Topic, TopicIx,
};

/// A dataset file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Format version; 1 when absent.
    #[serde(default)]
    pub parley: Option<u32>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Default display zone (IANA name).
    pub zone: String,
    #[serde(default)]
    pub parties: Vec<RawParty>,
    #[serde(default)]
    pub participants: Vec<RawParticipant>,
    #[serde(default)]
    pub places: Vec<RawPlace>,
    #[serde(default)]
    pub topics: Vec<RawTopic>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub colour: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParticipant {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub party: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlace {
    pub id: String,
    pub name: String,
    pub zone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub time: RawTime,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub participants: Vec<RawAttendance>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub claims: Vec<RawClaim>,
    #[serde(default)]
    pub relations: Vec<RawRelation>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTime {
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    /// The zone the times are written in; defaults to the place's, then the dataset's.
    #[serde(default)]
    pub zone: Option<String>,
    /// The phrase as reported.
    #[serde(default)]
    pub reported: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttendance {
    pub person: String,
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub party: Option<String>,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    pub kind: String,
    pub event: String,
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    let raw = parse(name, text)?;
    let mut checker = Checker::default();
    let timeline = checker.timeline(raw);
    if checker.problems.is_empty() {
        Ok(timeline)
    } else {
        Err(checker.into_error(name, text))
    }
}

/// The longest string a dataset may hold (a summary of some ten thousand words): longer
/// ones are a sign of a broken or hostile file, and would make every frame slow.
pub const MAX_STRING_BYTES: usize = 64 * 1024;

/// Byte offset and length of the first string longer than [`MAX_STRING_BYTES`].
fn overlong_string(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let len = i.min(bytes.len()) - start - 1;
            if len > MAX_STRING_BYTES {
                return Some((start, len));
            }
        }
        i += 1;
    }
    None
}

/// JSON text to the format's types; a syntax or shape error is reported with its place.
pub fn parse(name: &str, text: &str) -> Result<RawDataset, LoadError> {
    if let Some((at, len)) = overlong_string(text) {
        let (line, column) = locate::line_column(text, at);
        return Err(LoadError {
            file: clean_line(name).into_owned(),
            problems: vec![Problem {
                line,
                column,
                path: String::new(),
                message: format!(
                    "a string of {len} bytes; parley accepts strings of up to {} KiB",
                    MAX_STRING_BYTES / 1024
                ),
            }],
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::whole_file(
            name,
            "is empty (expected a JSON object with a title, a zone and events)",
        ));
    }
    let body = text.trim_start();
    if !body.starts_with('{') {
        let word = |w: &str| {
            body.strip_prefix(w)
                .is_some_and(|rest| rest.trim().is_empty())
        };
        let found = match body.chars().next() {
            Some('[') => "an array",
            Some('"') => "a string",
            Some('0'..='9' | '-') => "a number",
            _ if word("true") || word("false") => "a boolean",
            _ if word("null") => "null",
            _ => "something that is not JSON",
        };
        let at = text.len() - text.trim_start().len();
        let (line, column) = locate::line_column(text, at);
        return Err(LoadError {
            file: clean_line(name).into_owned(),
            problems: vec![Problem {
                line,
                column,
                path: String::new(),
                message: format!(
                    "expected a JSON object ({{ \"title\": ..., \"zone\": ..., \"events\": [...] }}) at the top, found {found}"
                ),
            }],
        });
    }
    match serde_json::from_str::<RawDataset>(text) {
        Ok(raw) => Ok(raw),
        Err(first) => {
            // Only on failure: a second pass that knows the JSON path of the fault.
            let mut de = serde_json::Deserializer::from_str(text);
            let path = match serde_path_to_error::deserialize::<_, RawDataset>(&mut de) {
                Err(e) => e.path().to_string(),
                Ok(_) => String::new(),
            };
            // serde_path_to_error writes an unknown step as "?"; "." is the root.
            let path = path
                .split('.')
                .filter(|step| !step.is_empty() && *step != "?")
                .collect::<Vec<_>>()
                .join(".");
            Err(LoadError {
                file: clean_line(name).into_owned(),
                problems: vec![Problem {
                    line: first.line(),
                    column: first.column(),
                    path: clean_line(&path).into_owned(),
                    message: clean_line(&serde_message(&first)).into_owned(),
                }],
            })
        }
    }
}

/// serde_json's message without its own " at line L column C" suffix.
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut msg = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // Name the format's objects as a reader knows them, not by their Rust types.
    for (raw, plain) in [
        ("struct RawDataset", "a dataset object"),
        ("struct RawParty", "a party object"),
        ("struct RawParticipant", "a participant object"),
        ("struct RawPlace", "a place object"),
        ("struct RawTopic", "a topic object"),
        ("struct RawSource", "a source object"),
        ("struct RawEvent", "an event object"),
        ("struct RawTime", "a time object ({ \"start\": ... })"),
        (
            "struct RawAttendance",
            "an attendance object ({ \"person\": ... })",
        ),
        ("struct RawClaim", "a claim object"),
        ("struct RawRelation", "a relation object"),
    ] {
        msg = msg.replace(raw, plain);
    }
    match e.classify() {
        serde_json::error::Category::Eof => format!("{msg} (the file ends too early)"),
        serde_json::error::Category::Syntax => format!("{msg} (not valid JSON)"),
        _ => msg,
    }
}

/// Ids seen so far of one kind, for duplicates and references.
#[derive(Default)]
struct IdTable<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> IdTable<'a> {
    fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id).copied()
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<(String, String)>,
}

/// A list of known ids for "expected one of" hints, shortened when long.
fn known(table: &IdTable<'_>) -> String {
    let mut ids: Vec<&str> = table.ids.keys().copied().collect();
    ids.sort_unstable();
    if ids.is_empty() {
        return "none are defined".into();
    }
    let shown: Vec<String> = ids.iter().take(8).map(|i| format!("'{i}'")).collect();
    if ids.len() > 8 {
        format!("known: {}, ... ({} in all)", shown.join(", "), ids.len())
    } else {
        format!("known: {}", shown.join(", "))
    }
}

fn text(s: &str) -> Box<str> {
    clean_text(s).into()
}

fn line(s: &str) -> Box<str> {
    clean_line(s).into()
}

impl Checker {
    fn report(&mut self, path: String, message: impl Into<String>) {
        self.problems.push((path, message.into()));
    }

    fn into_error(self, name: &str, source: &str) -> LoadError {
        let mut problems: Vec<(usize, Problem)> = self
            .problems
            .into_iter()
            .map(|(path, message)| {
                let at = locate::offset_of(source, &path);
                let (line, column) = locate::line_column(source, at);
                let problem = Problem {
                    line,
                    column,
                    path: clean_line(&path).into_owned(),
                    message: clean_line(&message).into_owned(),
                };
                (at, problem)
            })
            .collect();
        problems.sort_by_key(|(at, _)| *at);
        LoadError {
            file: clean_line(name).into_owned(),
            problems: problems.into_iter().map(|(_, p)| p).collect(),
        }
    }

    fn zone(&mut self, path: impl FnOnce() -> String, name: &str) -> Option<Tz> {
        match name.parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                self.report(
                    path(),
                    format!(
                        "unknown time zone '{}' (expected an IANA zone such as \
                         Europe/Moscow or America/New_York)",
                        clean_line(name)
                    ),
                );
                None
            }
        }
    }

    /// Records ids of one kind, reporting empty and duplicate ones.
    fn ids<'a>(&mut self, section: &str, ids: impl Iterator<Item = &'a str>) -> IdTable<'a> {
        let mut table = IdTable::default();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.report(
                    format!("{section}[{i}].id"),
                    "empty id (expected a short name such as 'umerov')",
                );
                continue;
            }
            if let Some(first) = table.ids.insert(id, i as u32) {
                table.ids.insert(id, first);
                self.report(
                    format!("{section}[{i}].id"),
                    format!(
                        "duplicate id '{}' (already used by {section}[{first}])",
                        clean_line(id)
                    ),
                );
            }
        }
        table
    }

    fn reference(
        &mut self,
        table: &IdTable<'_>,
        what: &str,
        id: &str,
        path: impl FnOnce() -> String,
    ) -> Option<u32> {
        let found = table.get(id);
        if found.is_none() {
            self.report(
                path(),
                format!("unknown {what} '{}' ({})", clean_line(id), known(table)),
            );
        }
        found
    }

    fn timeline(&mut self, raw: RawDataset) -> Timeline {
        if let Some(v) = raw.parley
            && v != 1
        {
            self.report(
                "parley".into(),
                format!("format version {v} is not supported (expected 1)"),
            );
        }
        let zone = self.zone(|| "zone".into(), &raw.zone).unwrap_or(Tz::UTC);
        let parties_t = self.ids("parties", raw.parties.iter().map(|p| p.id.as_str()));
        let people_t = self.ids(
            "participants",
            raw.participants.iter().map(|p| p.id.as_str()),
        );
        let places_t = self.ids("places", raw.places.iter().map(|p| p.id.as_str()));
        let topics_t = self.ids("topics", raw.topics.iter().map(|p| p.id.as_str()));
        let sources_t = self.ids("sources", raw.sources.iter().map(|p| p.id.as_str()));
        let events_t = self.ids("events", raw.events.iter().map(|p| p.id.as_str()));

        let parties = raw
            .parties
            .iter()
            .map(|p| Party {
                id: line(&p.id),
                name: line(&p.name),
                colour: p.colour.as_deref().map(line),
            })
            .collect();
        let participants = raw
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| Participant {
                id: line(&p.id),
                name: line(&p.name),
                role: line(&p.role),
                party: p.party.as_deref().and_then(|id| {
                    self.reference(&parties_t, "party", id, || {
                        format!("participants[{i}].party")
                    })
                    .map(PartyIx)
                }),
                note: text(&p.note),
            })
            .collect();
        let places: Vec<Place> = raw
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| Place {
                id: line(&p.id),
                name: line(&p.name),
                zone: self
                    .zone(|| format!("places[{i}].zone"), &p.zone)
                    .unwrap_or(Tz::UTC),
            })
            .collect();
        let topics = raw
            .topics
            .iter()
            .map(|t| Topic {
                id: line(&t.id),
                name: line(&t.name),
            })
            .collect();
        let sources = raw
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| Source {
                id: line(&s.id),
                name: line(&s.name),
                kind: SourceKind::ALL
                    .into_iter()
                    .find(|k| k.keyword() == s.kind)
                    .unwrap_or_else(|| {
                        let all: Vec<&str> = SourceKind::ALL.iter().map(|k| k.keyword()).collect();
                        self.report(
                            format!("sources[{i}].kind"),
                            format!(
                                "unknown source kind '{}' (expected one of {})",
                                clean_line(&s.kind),
                                all.join(", ")
                            ),
                        );
                        SourceKind::Reference
                    }),
                url: s.url.as_deref().map(line),
                published: s.published.as_deref().and_then(|d| match parse_date(d) {
                    Ok(date) => Some(date),
                    Err(e) => {
                        self.report(format!("sources[{i}].published"), e.0);
                        None
                    }
                }),
            })
            .collect();

        let mut roles = RoleTable::default();
        let mut events = Vec::with_capacity(raw.events.len());
        for (i, e) in raw.events.iter().enumerate() {
            let refs = Refs {
                parties: &parties_t,
                people: &people_t,
                places: &places_t,
                topics: &topics_t,
                sources: &sources_t,
                events: &events_t,
            };
            if let Some(ev) = self.event(i, e, &refs, &places, zone, &mut roles) {
                events.push(ev);
            }
        }
        let meta = Meta {
            title: line(&raw.title),
            description: text(&raw.description),
            zone,
        };
        if !self.problems.is_empty() {
            events.clear();
        }
        Timeline::assemble(
            meta,
            Registry {
                parties,
                participants,
                places,
                topics,
                sources,
                roles: roles.names,
            },
            events,
        )
    }

    fn event(
        &mut self,
        i: usize,
        e: &RawEvent,
        refs: &Refs<'_, '_>,
        places: &[Place],
        default_zone: Tz,
        roles: &mut RoleTable,
    ) -> Option<Event> {
        let at = |field: &str| format!("events[{i}].{field}");
        let kind = EventKind::parse(&e.kind).or_else(|| {
            self.report(
                at("kind"),
                format!(
                    "unknown event kind '{}' (expected {})",
                    clean_line(&e.kind),
                    EventKind::expected()
                ),
            );
            None
        });
        let status = Status::parse(&e.status).or_else(|| {
            self.report(
                at("status"),
                format!(
                    "unknown status '{}' (expected {})",
                    clean_line(&e.status),
                    Status::expected()
                ),
            );
            None
        });
        let place = e.place.as_deref().and_then(|id| {
            self.reference(refs.places, "place", id, || at("place"))
                .map(PlaceIx)
        });
        let zone = match &e.time.zone {
            Some(z) => self.zone(|| at("time.zone"), z),
            None => Some(place.map_or(default_zone, |p| places[p.get()].zone)),
        };
        let time = self.time(i, &e.time, zone);
        let attendees: Vec<Attendance> = e
            .participants
            .iter()
            .enumerate()
            .filter_map(|(j, a)| {
                let person = self.reference(refs.people, "participant", &a.person, || {
                    at(&format!("participants[{j}].person"))
                })?;
                Some(Attendance {
                    person: PersonIx(person),
                    role: a.role.as_deref().map(|r| roles.intern(r)),
                })
            })
            .collect();
        for (j, a) in attendees.iter().enumerate() {
            if attendees[..j].iter().any(|b| b.person == a.person) {
                self.report(
                    at(&format!("participants[{j}].person")),
                    format!(
                        "'{}' is listed twice",
                        clean_line(&e.participants[j].person)
                    ),
                );
            }
        }
        let topics = e
            .topics
            .iter()
            .enumerate()
            .filter_map(|(j, t)| {
                self.reference(refs.topics, "topic", t, || at(&format!("topics[{j}]")))
                    .map(TopicIx)
            })
            .collect();
        let claims = e
            .claims
            .iter()
            .enumerate()
            .filter_map(|(j, c)| self.claim(i, j, c, refs))
            .collect();
        let relations = e
            .relations
            .iter()
            .enumerate()
            .filter_map(|(j, r)| {
                let kind = RelationKind::parse(&r.kind).or_else(|| {
                    self.report(
                        at(&format!("relations[{j}].kind")),
                        format!(
                            "unknown relation '{}' (expected {})",
                            clean_line(&r.kind),
                            RelationKind::expected()
                        ),
                    );
                    None
                });
                let target = self.reference(refs.events, "event", &r.event, || {
                    at(&format!("relations[{j}].event"))
                });
                if target == Some(i as u32) {
                    self.report(
                        at(&format!("relations[{j}].event")),
                        "an event cannot relate to itself",
                    );
                }
                Some(Relation {
                    kind: kind?,
                    target: EventIx(target?),
                })
            })
            .collect();
        let sources = e
            .sources
            .iter()
            .enumerate()
            .filter_map(|(j, s)| {
                self.reference(refs.sources, "source", s, || at(&format!("sources[{j}]")))
                    .map(SourceIx)
            })
            .collect();
        if e.title.trim().is_empty() {
            self.report(at("title"), "empty title");
        }
        Some(Event {
            id: line(&e.id),
            title: line(&e.title),
            kind: kind?,
            status: status?,
            time: time?,
            place,
            attendees: attendees.into(),
            topics,
            summary: text(&e.summary),
            outcomes: e.outcomes.iter().map(|o| text(o)).collect(),
            claims,
            relations,
            sources,
        })
    }

    fn time(&mut self, i: usize, t: &RawTime, zone: Option<Tz>) -> Option<EventTime> {
        let at = |field: &str| format!("events[{i}].time.{field}");
        let mut readable = true;
        let start = self.read(at("start"), TimePoint::parse(&t.start), &mut readable);
        let end = t
            .end
            .as_deref()
            .and_then(|s| self.read(at("end"), TimePoint::parse(s), &mut readable));
        let duration = t
            .duration
            .as_deref()
            .and_then(|s| self.read(at("duration"), Span::parse(s), &mut readable));
        if !readable {
            return None;
        }
        let (start, zone) = (start?, zone?);
        let reported = t.reported.as_deref().map(text);
        match EventTime::new(zone, start, end, duration, reported) {
            Ok(time) => Some(time),
            Err(e) => {
                let field = if e.0.contains("duration") {
                    "duration"
                } else if e.0.starts_with("the end") {
                    "end"
                } else {
                    "start"
                };
                self.report(at(field), e.0);
                None
            }
        }
    }

    fn read<T>(&mut self, path: String, result: Result<T, TimeError>, ok: &mut bool) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(path, e.0);
                *ok = false;
                None
            }
        }
    }

    fn claim(&mut self, i: usize, j: usize, c: &RawClaim, refs: &Refs<'_, '_>) -> Option<Claim> {
        let at = |field: &str| format!("events[{i}].claims[{j}].{field}");
        let person = c.person.as_deref().and_then(|p| {
            self.reference(refs.people, "participant", p, || at("person"))
                .map(PersonIx)
        });
        let party = c.party.as_deref().and_then(|p| {
            self.reference(refs.parties, "party", p, || at("party"))
                .map(PartyIx)
        });
        if c.person.is_none() && c.speaker.as_deref().is_none_or(|s| s.trim().is_empty()) {
            self.report(
                format!("events[{i}].claims[{j}]"),
                "a claim needs a 'person' (a participant id) or a 'speaker' (e.g. \"a U.S. official\")",
            );
        }
        let source = self.reference(refs.sources, "source", &c.source, || at("source"));
        Some(Claim {
            person,
            speaker: c.speaker.as_deref().map(line).unwrap_or_default(),
            party,
            text: text(&c.text),
            source: SourceIx(source?),
        })
    }
}

struct Refs<'t, 'a> {
    parties: &'t IdTable<'a>,
    people: &'t IdTable<'a>,
    places: &'t IdTable<'a>,
    topics: &'t IdTable<'a>,
    sources: &'t IdTable<'a>,
    events: &'t IdTable<'a>,
}

/// Attendance roles, each stored once.
#[derive(Default)]
struct RoleTable {
    names: Vec<Box<str>>,
    index: HashMap<Box<str>, RoleIx>,
}

impl RoleTable {
    fn intern(&mut self, role: &str) -> RoleIx {
        let role = clean_line(role);
        if let Some(&ix) = self.index.get(role.as_ref()) {
            return ix;
        }
        let ix = RoleIx(self.names.len() as u32);
        let boxed: Box<str> = role.into();
        self.names.push(boxed.clone());
        self.index.insert(boxed, ix);
        ix
    }
}
