//! The native format's types, as they appear in a file: strings as the file has them,
//! borrowed where they need no unescaping.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::errors::too_long;

/// A parley dataset: the events of a negotiation, who took part on which side, where,
/// on what, and who said what according to which source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "parley dataset")]
pub struct RawDataset {
    /// Where an editor finds this format's JSON Schema (`parley schema`); parley ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version: 1, or 2 for accounts, status histories and claim links; 1
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 2))]
    pub parley: Option<u32>,
    /// The dataset's title.
    pub title: String,
    /// What the dataset covers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Default display zone, an IANA name such as America/New_York.
    #[schemars(schema_with = "crate::data::schema::zone_schema")]
    pub zone: String,
    /// The moment the reporting ends, a time expression in `zone`: the dataset is
    /// written as of its latest instant ("2025-12-05" is the end of that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::as_of_schema")]
    pub as_of: Option<String>,
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
    #[schemars(schema_with = "crate::data::schema::party_id_schema")]
    pub id: String,
    /// The side's name as shown ("United States").
    pub name: String,
    /// A colour hint for viewers ("blue", "#0057b7").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawParticipant")]
#[serde(
    deny_unknown_fields,
    bound(
        serialize = "S: Serialize + AsRef<str>",
        deserialize = "S: Deserialize<'de> + Default"
    )
)]
#[schemars(bound = "S: JsonSchema + Default + Serialize + AsRef<str>")]
/// A person who takes part.
pub struct RawParticipant<S = String> {
    /// A short name events refer to ("witkoff").
    #[schemars(schema_with = "crate::data::schema::participant_id_schema")]
    pub id: S,
    /// The person's name as shown ("Steve Witkoff").
    pub name: S,
    /// Title or office.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub role: S,
    /// The id of their side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<S>,
    /// A note on the person, shown in their card.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub note: S,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A place where events happen.
pub struct RawPlace {
    #[schemars(schema_with = "crate::data::schema::place_id_schema")]
    pub id: String,
    /// The place's name as shown ("Kremlin, Moscow").
    pub name: String,
    /// The IANA zone the place keeps its clocks in.
    #[schemars(schema_with = "crate::data::schema::zone_schema")]
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A subject of the talks.
pub struct RawTopic {
    #[schemars(schema_with = "crate::data::schema::topic_id_schema")]
    pub id: String,
    /// The topic's name as shown ("Ceasefire").
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Where information comes from.
pub struct RawSource {
    #[schemars(schema_with = "crate::data::schema::source_id_schema")]
    pub id: String,
    /// The source's name as shown and cited ("News report, 5 December 2025").
    pub name: String,
    #[schemars(schema_with = "crate::data::schema::source_kind_schema")]
    pub kind: String,
    /// Where to read it: a web address (https://...) or a mailto: address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published: YYYY-MM-DD, or a date and time with its zone
    /// (2025-12-06T00:21Z, 2025-12-05T19:21-05:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::published_schema")]
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
    #[schemars(schema_with = "crate::data::schema::event_id_schema")]
    pub id: S,
    /// What happened, in a line ("Witkoff meets Putin").
    pub title: S,
    #[schemars(schema_with = "crate::data::schema::event_kind_schema")]
    pub kind: S,
    /// Whether it happened, as of the dataset.
    #[schemars(schema_with = "crate::data::schema::status_schema")]
    pub status: S,
    /// The status as the sources reported it, step by step in the order reported
    /// (version 2); the last step is `status`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<RawStatusStep<S>>,
    /// When it happened, as precisely as it was reported.
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
    /// What happened, in a few sentences; a line break starts a paragraph.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub summary: S,
    /// What came of it, one item each.
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
    /// Other sources' accounts of the event's time, place, participants, kind, status,
    /// outcomes or claims (version 2); the event's own fields are the dataset's account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<RawAccount<S>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawStatusStep")]
#[serde(deny_unknown_fields)]
/// A step of an event's status history: the status as one source reported it.
pub struct RawStatusStep<S = String> {
    #[schemars(schema_with = "crate::data::schema::step_status_schema")]
    pub status: S,
    /// A source id.
    pub source: S,
    /// The phrase as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<S>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawAccount")]
#[serde(deny_unknown_fields)]
/// One source's account of a part of an event: `of` names the part, and the member of
/// that name gives what the source says of it (`"of": "time"` with a `time`).
pub struct RawAccount<S = String> {
    #[schemars(schema_with = "crate::data::schema::account_of_schema")]
    pub of: S,
    /// The time as this source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<RawTime<S>>,
    /// A place id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<S>,
    /// Who was there and the part they played, as this source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<RawAttendance<S>>>,
    /// What sort of event this source says it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_event_kind_schema")]
    pub kind: Option<S>,
    /// The status this source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::optional_status_schema")]
    pub status: Option<S>,
    /// What came of it, as this source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<Vec<S>>,
    /// The id of the event's claim this account words otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<S>,
    /// The claim as this source words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<S>,
    /// A source id.
    pub source: S,
    /// The quote or phrase as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<S>,
    /// preferred, normal (when absent) or deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::rank_schema")]
    pub rank: Option<S>,
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
    /// The claim's id, unique among its event's claims (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<S>,
    /// A participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<S>,
    /// The speaker as the source describes them ("A U.S. official").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<S>,
    /// A party id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<S>,
    /// What was said or characterised, as the source reports it.
    pub text: S,
    /// A source id.
    pub source: S,
    /// What the claim is about: time, place, participants, kind, status, outcomes, or
    /// topic:ID (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::data::schema::about_schema")]
    pub about: Option<S>,
    /// Ids of the event's claims this one contradicts (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<S>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[schemars(rename = "RawRelation")]
#[serde(deny_unknown_fields)]
/// A pointer to another event.
pub struct RawRelation<S = String> {
    /// How this event bears on the other one.
    #[schemars(schema_with = "crate::data::schema::relation_kind_schema")]
    pub kind: S,
    /// An event id.
    pub event: S,
}

pub(super) fn is_empty<S: AsRef<str>>(s: &S) -> bool {
    s.as_ref().is_empty()
}

/// A string of a file as parsed: borrowed from the file's text unless it had escapes.
/// For the streaming reader, which never sees the whole text: a string that may be
/// longer than [`super::MAX_STRING_CHARS`] fails to parse, and the whole-file reader reports it.
#[derive(Clone, Debug)]
pub enum RawStr<'a> {
    /// As written: it had no escapes.
    Written(&'a str),
    /// As written, and known to be printable ASCII only: the event reader tells this
    /// of the long strings it reads.
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
pub(in crate::data) trait FileStr: AsRef<str> {}

impl FileStr for String {}

impl FileStr for RawStr<'_> {}

/// `s` as written, borrowed from the file or the reader: the data keeps every
/// character, and only what is shown is neutralised ([`crate::model::text`]).
pub(super) fn as_written<S: FileStr>(s: &S) -> Cow<'_, str> {
    Cow::Borrowed(s.as_ref())
}

impl<'de: 'a, 'a> Deserialize<'de> for RawStr<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawStr<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            // Refused as the whole-file reader refuses it, by its length in characters.
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                if too_long(v) {
                    return Err(E::custom("overlong string"));
                }
                Ok(RawStr::Written(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.visit_string(v.to_owned())
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                if too_long(&v) {
                    return Err(E::custom("overlong string"));
                }
                Ok(RawStr::Decoded(v))
            }
        }
        de.deserialize_str(Visitor)
    }
}
