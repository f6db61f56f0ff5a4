//! The native JSON format: its types as they appear in a file, and the validation that
//! turns them into a [`Timeline`], collecting every problem with its place.

use std::collections::HashMap;

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::locate;
use super::{LoadError, Problem};
use crate::model::text::{clean_line, clean_text};
use crate::model::time::{EventTime, Span, TimeError, TimePoint, parse_date};
use crate::model::timeline::{
    Attendance, Claim, Event, EventIx, EventKind, Meta, Participant, Party, PartyIx, PersonIx,
    Place, PlaceIx, Registry, Relation, RelationKind, RoleIx, Source, SourceIx, SourceKind, Status,
    Timeline, Topic, TopicIx,
};

/// A parley dataset: the events of a negotiation, who took part on which side, where,
/// on what, and who said what according to which source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "parley dataset")]
pub struct RawDataset {
    /// Where an editor finds this format's JSON Schema (`parley schema`); parley ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version; 1 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1))]
    pub parley: Option<u32>,
    /// The dataset's title.
    pub title: String,
    /// What the dataset covers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Default display zone, an IANA name such as America/New_York.
    #[schemars(schema_with = "crate::data::schema::zone_schema")]
    pub zone: String,
    /// The sides: delegations or governments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<RawParty>,
    /// The people who take part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<RawParticipant>,
    /// Where events happen, each with the zone it keeps its clocks in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<RawPlace>,
    /// What is discussed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<RawTopic>,
    /// Where the information comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSource>,
    /// Meetings, calls, statements: in any order, parley sorts them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<RawEvent>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A side in the negotiation.
pub struct RawParty {
    /// A short name other entries refer to ("us").
    pub id: String,
    pub name: String,
    /// A colour hint for viewers ("blue", "#0057b7").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A person who takes part.
pub struct RawParticipant {
    /// A short name events refer to ("witkoff").
    pub id: String,
    pub name: String,
    /// Title or office.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The id of their side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A place where events happen.
pub struct RawPlace {
    pub id: String,
    pub name: String,
    /// The IANA zone the place keeps its clocks in.
    #[schemars(schema_with = "crate::data::schema::zone_schema")]
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A subject of the talks.
pub struct RawTopic {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Where information comes from.
pub struct RawSource {
    pub id: String,
    pub name: String,
    #[schemars(schema_with = "crate::data::schema::source_kind_schema")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The day it was published, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::date_schema")]
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A meeting, call, statement or other event.
pub struct RawEvent {
    pub id: String,
    pub title: String,
    #[schemars(schema_with = "crate::data::schema::event_kind_schema")]
    pub kind: String,
    /// Whether it happened, as of the dataset.
    #[schemars(schema_with = "crate::data::schema::status_schema")]
    pub status: String,
    pub time: RawTime,
    /// The id of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who was there, and the part they played.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<RawAttendance>,
    /// Topic ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// Attributed statements about the event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<RawClaim>,
    /// How the event bears on others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RawRelation>,
    /// Source ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// When the event happened, as precisely as it was reported, in local wall-clock time.
pub struct RawTime {
    /// When it started: 2025-12-02T19:40, ~2025-12-02T19:40, 2025-12-02T19:40±30m,
    /// 2025-12-04 evening, 2025-12-06, 2025-12 or 2025.
    #[schemars(schema_with = "crate::data::schema::point_schema")]
    pub start: String,
    /// When it ended, in the same forms as the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_point_schema")]
    pub end: Option<String>,
    /// How long it lasted: 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::duration_schema")]
    pub duration: Option<String>,
    /// The zone the times are written in; defaults to the place's, then the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_zone_schema")]
    pub zone: Option<String>,
    /// The phrase as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A person at an event.
pub struct RawAttendance {
    /// A participant id.
    pub person: String,
    /// The part they played there ("head of delegation").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// An attributed statement: who characterised what, according to which source. The
/// speaker is a `person` (a participant id) or a `speaker` as the source describes them.
pub struct RawClaim {
    /// A participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The speaker as the source describes them ("A U.S. official").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// A party id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    pub text: String,
    /// A source id.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A pointer to another event.
pub struct RawRelation {
    #[schemars(schema_with = "crate::data::schema::relation_kind_schema")]
    pub kind: String,
    /// An event id.
    pub event: String,
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    let raw = parse(name, text)?;
    validate(raw).map_err(|problems| located(name, text, problems))
}

/// Validates a dataset as read; on failure, every problem as (JSON path, message).
pub fn validate(raw: RawDataset) -> Result<Timeline, Vec<(String, String)>> {
    let mut checker = Checker::default();
    let timeline = checker.timeline(raw);
    if checker.problems.is_empty() {
        Ok(timeline)
    } else {
        Err(checker.problems)
    }
}

/// Problems given as (JSON path, message), placed at line:column in `source` and put in
/// file order.
pub fn located(name: &str, source: &str, problems: Vec<(String, String)>) -> LoadError {
    let mut problems: Vec<(usize, Problem)> = problems
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

/// What a format expects of a file, for the messages of [`parse_json`].
pub struct Shape {
    /// Said of an empty file: "is empty (expected ...)".
    pub empty: &'static str,
    /// What the top of the file should look like.
    pub top: &'static str,
    /// Rust type names in serde's messages, and the words a reader knows them by.
    pub names: &'static [(&'static str, &'static str)],
}

const NATIVE: Shape = Shape {
    empty: "is empty (expected a JSON object with a title, a zone and events)",
    top: r#"a JSON object ({ "title": ..., "zone": ..., "events": [...] })"#,
    names: &[
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
        // An editor's field: not one to suggest for a misspelt name.
        ("`$schema`, ", ""),
    ],
};

/// JSON text to the format's types; a syntax or shape error is reported with its place.
pub fn parse(name: &str, text: &str) -> Result<RawDataset, LoadError> {
    parse_json(name, text, &NATIVE)
}

/// JSON text to a format's types `T`: refuses overlong strings, empty files and tops
/// that are not objects, and reports a syntax or shape error with its place and path.
pub fn parse_json<T: DeserializeOwned>(
    name: &str,
    text: &str,
    shape: &Shape,
) -> Result<T, LoadError> {
    if let Some((at, len)) = overlong_string(text) {
        return Err(LoadError::at(
            name,
            text,
            at,
            format!(
                "a string of {len} bytes; parley accepts strings of up to {} KiB",
                MAX_STRING_BYTES / 1024
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(LoadError::whole_file(name, shape.empty));
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
        return Err(LoadError::at(
            name,
            text,
            at,
            format!("expected {} at the top, found {found}", shape.top),
        ));
    }
    match serde_json::from_str::<T>(text) {
        Ok(raw) => Ok(raw),
        Err(first) => {
            // Only on failure: a second pass that knows the JSON path of the fault.
            let mut de = serde_json::Deserializer::from_str(text);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
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
                    message: clean_line(&serde_message(&first, shape.names)).into_owned(),
                }],
            })
        }
    }
}

/// serde_json's message without its own " at line L column C" suffix.
fn serde_message(e: &serde_json::Error, names: &[(&str, &str)]) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut msg = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // Name the format's objects as a reader knows them, not by their Rust types.
    for (raw, plain) in names {
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
        roles.sort(&mut events);
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
    /// Puts the roles in name order, so that the timeline does not depend on the order
    /// of the file's events (an export and a reimport give the same timeline).
    fn sort(&mut self, events: &mut [Event]) {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        let mut new_ix = vec![RoleIx(0); self.names.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old] = RoleIx(new as u32);
        }
        for e in events.iter_mut() {
            for a in e.attendees.iter_mut() {
                if let Some(r) = a.role.as_mut()
                    && let Some(&ix) = new_ix.get(r.get())
                {
                    *r = ix;
                }
            }
        }
        let mut slots: Vec<Option<Box<str>>> = self.names.drain(..).map(Some).collect();
        self.names = order.iter().filter_map(|&i| slots[i].take()).collect();
        self.index.clear();
    }

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
