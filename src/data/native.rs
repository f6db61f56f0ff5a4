//! The native JSON format: its types as they appear in a file, and the validation that
//! turns them into a [`Timeline`], collecting every problem with its place.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::locate;
use super::{LoadError, Problem};
use crate::model::text::{clean_line, clean_text, is_blank};
use crate::model::time::{EventTime, Span, TimeError, TimePoint, parse_date};
use crate::model::timeline::{
    Attendance, EventIx, EventKind, Meta, Participant, Party, PartyIx, PersonIx, Place, PlaceIx,
    Registry, Relation, RelationKind, RoleIx, Source, SourceIx, SourceKind, Status, Timeline,
    Topic, TopicIx,
};
use crate::store::{self, DraftClaim, DraftEvent, Ids};

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
#[schemars(rename = "RawEvent")]
#[serde(
    deny_unknown_fields,
    bound(
        serialize = "S: Serialize + AsRef<str>",
        deserialize = "S: Deserialize<'de> + Default"
    )
)]
#[schemars(bound = "S: JsonSchema + Default + Serialize + AsRef<str>")]
/// A meeting, call, statement or other event.
pub struct RawEvent<S = String> {
    pub id: S,
    pub title: S,
    #[schemars(schema_with = "crate::data::schema::event_kind_schema")]
    pub kind: S,
    /// Whether it happened, as of the dataset.
    #[schemars(schema_with = "crate::data::schema::status_schema")]
    pub status: S,
    pub time: RawTime<S>,
    /// The id of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<S>,
    /// Who was there, and the part they played.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<RawAttendance<S>>,
    /// Topic ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<S>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub summary: S,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<S>,
    /// Attributed statements about the event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<RawClaim<S>>,
    /// How the event bears on others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RawRelation<S>>,
    /// Source ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<S>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawTime")]
#[serde(deny_unknown_fields)]
/// When the event happened, as precisely as it was reported, in local wall-clock time.
pub struct RawTime<S = String> {
    /// When it started: 2025-12-02T19:40, ~2025-12-02T19:40, 2025-12-02T19:40±30m,
    /// 2025-12-04 evening, 2025-12-06, 2025-12 or 2025.
    #[schemars(schema_with = "crate::data::schema::point_schema")]
    pub start: S,
    /// When it ended, in the same forms as the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_point_schema")]
    pub end: Option<S>,
    /// How long it lasted: 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::duration_schema")]
    pub duration: Option<S>,
    /// The zone the times are written in; defaults to the place's, then the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_zone_schema")]
    pub zone: Option<S>,
    /// The phrase as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<S>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawAttendance")]
#[serde(deny_unknown_fields)]
/// A person at an event.
pub struct RawAttendance<S = String> {
    /// A participant id.
    pub person: S,
    /// The part they played there ("head of delegation").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<S>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawClaim")]
#[serde(deny_unknown_fields)]
/// An attributed statement: who characterised what, according to which source. The
/// speaker is a `person` (a participant id) or a `speaker` as the source describes them.
pub struct RawClaim<S = String> {
    /// A participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<S>,
    /// The speaker as the source describes them ("A U.S. official").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<S>,
    /// A party id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<S>,
    pub text: S,
    /// A source id.
    pub source: S,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawRelation")]
#[serde(deny_unknown_fields)]
/// A pointer to another event.
pub struct RawRelation<S = String> {
    #[schemars(schema_with = "crate::data::schema::relation_kind_schema")]
    pub kind: S,
    /// An event id.
    pub event: S,
}

fn is_empty<S: AsRef<str>>(s: &S) -> bool {
    s.as_ref().is_empty()
}

/// A string of a file as parsed: borrowed from the file's text unless it had escapes.
/// For the streaming reader, which never sees the whole text: a string that may be
/// longer than [`MAX_STRING_BYTES`] fails to parse, and the whole-file reader reports it.
#[derive(Clone, Debug)]
pub enum RawStr<'a> {
    /// As written: it had no escapes.
    Written(&'a str),
    /// As written, and known to be printable ASCII only, which cleaning leaves as it
    /// is: the event reader tells this of the long strings it reads.
    Printable(&'a str),
    /// With its escapes decoded.
    Decoded(String),
}

impl Default for RawStr<'_> {
    fn default() -> Self {
        RawStr::Written("")
    }
}

/// Two strings are the same text, whatever is known of them.
impl PartialEq for RawStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_ref() == other.as_ref()
    }
}

impl AsRef<str> for RawStr<'_> {
    fn as_ref(&self) -> &str {
        match self {
            RawStr::Written(s) | RawStr::Printable(s) => s,
            RawStr::Decoded(s) => s,
        }
    }
}

/// A string of a file as parsed, for the conversion of its events.
pub(super) trait FileStr: AsRef<str> {
    /// Known to be printable ASCII only (see [`RawStr::Printable`]).
    fn printable(&self) -> bool {
        false
    }
}

impl FileStr for String {}

impl FileStr for RawStr<'_> {
    fn printable(&self) -> bool {
        matches!(self, RawStr::Printable(_))
    }
}

/// `s` cleaned by `clean` ([`clean_line`] or [`clean_text`]) for the viewer to show; as
/// it is when known to be printable ASCII, which neither changes.
fn cleaned<S: FileStr>(s: &S, clean: fn(&str) -> Cow<'_, str>) -> Cow<'_, str> {
    if s.printable() {
        Cow::Borrowed(s.as_ref())
    } else {
        clean(s.as_ref())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawStr<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawStr<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            // Refused as the whole-file reader refuses it, by its length as written;
            // a string with escapes was longer as written, up to six times.
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                if v.len() > MAX_STRING_BYTES {
                    return Err(E::custom("overlong string"));
                }
                Ok(RawStr::Written(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.visit_string(v.to_owned())
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                if v.len() > MAX_STRING_BYTES / 6 {
                    return Err(E::custom("possibly overlong string"));
                }
                Ok(RawStr::Decoded(v))
            }
        }
        de.deserialize_str(Visitor)
    }
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    let raw = parse(name, text)?;
    validate(raw).map_err(|problems| located(name, text, problems))
}

/// Validates a dataset as read; on failure, every problem as (JSON path, message).
pub fn validate(mut raw: RawDataset) -> Result<Timeline, Vec<(String, String)>> {
    let events = std::mem::take(&mut raw.events);
    let mut builder = Builder::new(raw);
    let ids = builder
        .part
        .checker
        .ids("events", events.iter().map(|e| e.id.as_str()));
    for (i, e) in events.iter().enumerate() {
        builder.event(i, e);
    }
    builder.finish(EventIds::AsWritten(ids))
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
pub(super) fn overlong_string(text: &str) -> Option<(usize, usize)> {
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
pub(super) struct IdTable {
    ids: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
}

impl IdTable {
    fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id).copied()
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<(String, String)>,
}

/// A list of known ids for "expected one of" hints, shortened when long.
fn known(table: &IdTable) -> String {
    let mut ids: Vec<&str> = table.ids.keys().map(|k| &**k).collect();
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
    fn ids<'a>(&mut self, section: &str, ids: impl Iterator<Item = &'a str>) -> IdTable {
        let mut table = IdTable::default();
        for (i, id) in ids.enumerate() {
            if is_blank(id) {
                self.report(
                    format!("{section}[{i}].id"),
                    "empty id (expected a short name such as 'umerov')",
                );
                continue;
            }
            if let Some(&first) = table.ids.get(id) {
                self.report(
                    format!("{section}[{i}].id"),
                    format!(
                        "duplicate id '{}' (already used by {section}[{first}])",
                        clean_line(id)
                    ),
                );
            } else {
                table.ids.insert(id.into(), i as u32);
            }
        }
        table
    }

    /// Each of an event's ids looked up in `table`, an unknown one reported at `at(j)`:
    /// the known ones.
    fn references<'a, S: AsRef<str>>(
        &'a mut self,
        table: &'a IdTable,
        what: &'a str,
        ids: &'a [S],
        at: impl Fn(usize) -> String + 'a,
    ) -> impl Iterator<Item = u32> + 'a {
        ids.iter()
            .enumerate()
            .filter_map(move |(j, id)| self.reference(table, what, id.as_ref(), || at(j)))
    }

    fn reference(
        &mut self,
        table: &IdTable,
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
}

/// Every event's id, for relations to point at.
pub(super) enum EventIds {
    /// The ids as the file writes them, with their positions (the whole-file reader).
    AsWritten(IdTable),
    /// Not yet checked for duplicates (the streaming reader, which gives any problem to
    /// the whole-file reader to report).
    Unchecked,
}

/// A relation as written, resolved once every event's id is known (it may point
/// forward in the file).
struct PendingRelation {
    /// The event's position among the part's events; `None` when the event was not built.
    event: Option<u32>,
    /// The event's and the relation's positions in the file.
    file: u32,
    slot: u32,
    kind: Option<RelationKind>,
    target: String,
}

/// Validation from the registry to the timeline, one event at a time, shared by the
/// whole-file reader ([`validate`]) and the streaming one ([`super::stream`]).
pub(super) struct Builder {
    pub(super) base: Base,
    pub(super) part: Part,
}

/// The checked registry events refer to: read-only once built, so that several threads
/// can check events against it.
pub(super) struct Base {
    meta: Meta,
    registry: Registry,
    parties: IdTable,
    people: IdTable,
    places: IdTable,
    topics: IdTable,
    sources: IdTable,
}

/// What a run of events adds: the events (in the store), their roles and relations,
/// and any problem found.
#[derive(Default)]
pub(super) struct Part {
    checker: Checker,
    roles: RoleTable,
    store: store::Builder,
    relations: Vec<PendingRelation>,
    scratch: Scratch,
}

/// An event's lists as they are checked, before the event is stored: kept from one
/// event to the next, so that checking an event allocates nothing.
#[derive(Default)]
struct Scratch {
    attendance: Vec<Attendance>,
    topics: Vec<TopicIx>,
    sources: Vec<SourceIx>,
    /// Empty between events: they borrow from the event being checked.
    outcomes: Vec<Cow<'static, str>>,
    claims: Vec<DraftClaim<'static>>,
}

/// An empty list in `list`'s allocation, for items of the same type but for the
/// lifetime of what they borrow (which Rust lays out alike: the allocation is reused).
fn recycle<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().map(|_| unreachable!("cleared")).collect()
}

impl Builder {
    /// Checks everything but the events (`raw.events` is ignored).
    pub(super) fn new(raw: RawDataset) -> Builder {
        let mut checker = Checker::default();
        if let Some(v) = raw.parley
            && v != 1
        {
            checker.report(
                "parley".into(),
                format!("format version {v} is not supported (expected 1)"),
            );
        }
        let zone = checker.zone(|| "zone".into(), &raw.zone).unwrap_or(Tz::UTC);
        let parties_t = checker.ids("parties", raw.parties.iter().map(|p| p.id.as_str()));
        let people_t = checker.ids(
            "participants",
            raw.participants.iter().map(|p| p.id.as_str()),
        );
        let places_t = checker.ids("places", raw.places.iter().map(|p| p.id.as_str()));
        let topics_t = checker.ids("topics", raw.topics.iter().map(|p| p.id.as_str()));
        let sources_t = checker.ids("sources", raw.sources.iter().map(|p| p.id.as_str()));

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
                    checker
                        .reference(&parties_t, "party", id, || {
                            format!("participants[{i}].party")
                        })
                        .map(PartyIx::new)
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
                zone: checker
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
                url: s.url.as_deref().map(line),
                published: s.published.as_deref().and_then(|d| match parse_date(d) {
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
                    title: line(&raw.title),
                    description: text(&raw.description),
                    zone,
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
            },
            part: Part {
                checker,
                ..Part::default()
            },
        }
    }

    /// Whether a problem has been found so far.
    pub(super) fn failed(&self) -> bool {
        self.part.failed()
    }

    /// Checks the event at position `i` of the file and keeps it when it is sound.
    pub(super) fn event<S: FileStr>(&mut self, i: usize, e: &RawEvent<S>) {
        self.part.event(&self.base, i, e);
    }

    /// Resolves relations against `ids` and assembles the timeline.
    pub(super) fn finish(self, ids: EventIds) -> Result<Timeline, Vec<(String, String)>> {
        self.part.finish(self.base, ids)
    }
}

impl Part {
    /// Whether a problem has been found so far.
    pub(super) fn failed(&self) -> bool {
        !self.checker.problems.is_empty()
    }

    pub(super) fn len(&self) -> usize {
        self.store.len()
    }

    /// Makes room for `ratio` times as many events again as there are.
    pub(super) fn reserve(&mut self, ratio: f64) {
        self.store.reserve(ratio);
    }

    /// Puts the events read so far in chronological order, ahead of the rest: for a
    /// thread with time to spare while another reads on.
    pub(super) fn order_early(&mut self) {
        self.store.order_early();
    }

    /// Puts `later`'s events after these, as if one part had read them all: its roles
    /// and relations are renumbered.
    pub(super) fn append(&mut self, later: Part) {
        let Part {
            checker,
            roles,
            store,
            relations,
            scratch: _,
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
    pub(super) fn event<S: FileStr>(&mut self, base: &Base, i: usize, e: &RawEvent<S>) {
        let first_relation = self.relations.len();
        let position = self.store.len() as u32;
        let kept = self.convert(base, i, e);
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
        } = self;
        let mut registry = base.registry;
        let new_roles = roles.sort();
        registry.roles = roles.names;
        let mut store = store;
        store.renumber_roles(&new_roles);
        let timeline = store.finish(base.meta, registry, |events| {
            let resolved = resolve(&events, ids, relations, &mut checker);
            checker.problems.is_empty().then_some(resolved)
        });
        timeline.ok_or(checker.problems)
    }

    /// Checks the event and stores it when it is sound: whether it did.
    fn convert<S: FileStr>(&mut self, base: &Base, i: usize, e: &RawEvent<S>) -> bool {
        let RawEvent {
            id,
            title,
            kind,
            status,
            time,
            place,
            participants,
            topics,
            summary,
            outcomes,
            claims,
            relations,
            sources,
        } = e;
        let at = |field: &str| format!("events[{i}].{field}");
        let mut outcome_list = recycle(std::mem::take(&mut self.scratch.outcomes));
        outcome_list.extend(outcomes.iter().map(|o| cleaned(o, clean_text)));
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
        let reported = time.reported.as_ref().map(|r| cleaned(r, clean_text));
        let time = self.time(i, time, zone);
        self.scratch.attendance.clear();
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
            if self.scratch.attendance.iter().any(|b| b.person == person) {
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
        let mut claim_list = recycle(std::mem::take(&mut self.scratch.claims));
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
        let kept = if let (Some(kind), Some(status), Some(time)) = (kind, status, time) {
            self.store.push(DraftEvent {
                id: cleaned(id, clean_line),
                title: cleaned(title, clean_line),
                summary: cleaned(summary, clean_text),
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
            true
        } else {
            false
        };
        self.scratch.outcomes = recycle(outcome_list);
        self.scratch.claims = recycle(claim_list);
        kept
    }

    fn time<S: AsRef<str>>(
        &mut self,
        i: usize,
        t: &RawTime<S>,
        zone: Option<Tz>,
    ) -> Option<EventTime> {
        let at = |field: &str| format!("events[{i}].time.{field}");
        let mut readable = true;
        let start = self.read(
            || at("start"),
            TimePoint::parse(t.start.as_ref()),
            &mut readable,
        );
        let end = t
            .end
            .as_ref()
            .and_then(|s| self.read(|| at("end"), TimePoint::parse(s.as_ref()), &mut readable));
        let duration = t
            .duration
            .as_ref()
            .and_then(|s| self.read(|| at("duration"), Span::parse(s.as_ref()), &mut readable));
        if !readable {
            return None;
        }
        let (start, zone) = (start?, zone?);
        match EventTime::new(zone, start, end, duration) {
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
                .map_or(Cow::Borrowed(""), |s| cleaned(s, clean_line)),
            party,
            text: cleaned(&c.text, clean_text),
            source: SourceIx::new(source?),
        })
    }
}

/// The events in id order, and each relation's event and target (positions in the
/// file), checking that ids are unique (unless `ids` already did) and that every target
/// is known.
fn resolve(
    events: &Ids<'_>,
    ids: EventIds,
    relations: Vec<PendingRelation>,
    checker: &mut Checker,
) -> Vec<(u32, Relation)> {
    if matches!(ids, EventIds::Unchecked) && events.has_duplicates() {
        checker.report("events".into(), "two events have the same id");
    }
    let found = match &ids {
        EventIds::AsWritten(_) => Vec::new(),
        EventIds::Unchecked => {
            let targets: Vec<&str> = relations.iter().map(|r| r.target.as_str()).collect();
            events.find_each(&targets)
        }
    };
    let mut resolved: Vec<(u32, Relation)> = Vec::new();
    for (k, r) in relations.iter().enumerate() {
        let at = || format!("events[{}].relations[{}].event", r.file, r.slot);
        let target = match &ids {
            EventIds::AsWritten(table) => checker.reference(table, "event", &r.target, at),
            // Its caller words no problem itself: the whole-file reader does.
            EventIds::Unchecked => found[k].or_else(|| {
                checker.report(at(), "unknown event");
                None
            }),
        };
        if target == Some(r.file) {
            checker.report(at(), "an event cannot relate to itself");
        }
        if let (Some(event), Some(kind), Some(t)) = (r.event, r.kind, target) {
            resolved.push((
                event,
                Relation {
                    kind,
                    target: EventIx::new(t),
                },
            ));
        }
    }
    resolved
}

/// Attendance roles, each stored once.
#[derive(Default)]
struct RoleTable {
    names: Vec<Box<str>>,
    index: HashMap<Box<str>, RoleIx, foldhash::fast::RandomState>,
}

impl RoleTable {
    /// Puts the roles in name order, so that the timeline does not depend on the order
    /// of the file's events (an export and a reimport give the same timeline): the new
    /// number of each role, for [`store::Builder::renumber_roles`].
    fn sort(&mut self) -> Vec<RoleIx> {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        let mut new_ix = vec![RoleIx::new(0); self.names.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old] = RoleIx::new(new as u32);
        }
        let mut slots: Vec<Option<Box<str>>> = self.names.drain(..).map(Some).collect();
        self.names = order.iter().filter_map(|&i| slots[i].take()).collect();
        self.index.clear();
        new_ix
    }

    fn intern(&mut self, role: &str) -> RoleIx {
        // A name as stored is clean: found as written, it needs no cleaning.
        if let Some(&ix) = self.index.get(role) {
            return ix;
        }
        let role = clean_line(role);
        if let Some(&ix) = self.index.get(role.as_ref()) {
            return ix;
        }
        let ix = RoleIx::new(self.names.len() as u32);
        let boxed: Box<str> = role.into();
        self.names.push(boxed.clone());
        self.index.insert(boxed, ix);
        ix
    }
}
