//! The JSON Schema of the native format (`parley schema`), generated from the format's
//! types in [`super::native`] so that it cannot drift from what parley reads.
//!
//! Keyword lists (kinds, statuses, zones) come from the model's own tables. Time and
//! duration expressions, dates and ids are constrained by patterns that follow the
//! grammar in `model::time` (a test holds them to it): the schema refuses `teatime` and
//! month 13, and never what parley accepts, except what only `parley check` can tell
//! (a 31 February, a tolerance of more than a year).

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::native::RawDataset;
use crate::model::accounts::{Field, Rank};
use crate::model::timeline::{EventKind, RelationKind, SourceKind, Status};

/// The schema of a dataset file, draft-07 (the draft editors support most widely).
pub fn dataset_schema() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawDataset>();
    schema.insert(
        "description".into(),
        Value::String(
            "A parley dataset: the events of a negotiation, who took part on which side, \
             where, on what, and who said what according to which source. Written by \
             `parley schema`."
                .into(),
        ),
    );
    schema
}

/// The schema as pretty-printed JSON with a final newline.
pub fn dataset_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&dataset_schema())
        .expect("plain structs of strings always serialize");
    text.push('\n');
    text
}

fn keywords(description: &str, words: impl Iterator<Item = &'static str>) -> Schema {
    let words: Vec<&str> = words.collect();
    json_schema!({
        "type": "string",
        "description": description,
        "enum": words,
    })
}

pub(crate) fn event_kind_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "What sort of event it was.",
        EventKind::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn status_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "Whether it happened, as of the dataset.",
        Status::ALL.iter().map(|k| k.keyword()),
    )
}

/// `words` or null, for an optional member.
fn optional_keywords(description: &str, words: impl Iterator<Item = &'static str>) -> Schema {
    let words: Vec<Value> = words.map(Value::from).chain([Value::Null]).collect();
    json_schema!({
        "type": ["string", "null"],
        "description": description,
        "enum": words,
    })
}

pub(crate) fn step_status_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "The status as this source reported it.",
        Status::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn optional_status_schema(_: &mut SchemaGenerator) -> Schema {
    optional_keywords(
        "The status this source gives.",
        Status::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn optional_event_kind_schema(_: &mut SchemaGenerator) -> Schema {
    optional_keywords(
        "What sort of event this source says it was.",
        EventKind::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn account_of_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "The part of the event this account gives; the member of that name says what \
         the source says of it.",
        Field::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn rank_schema(_: &mut SchemaGenerator) -> Schema {
    optional_keywords(
        "How far the dataset trusts the account, as Wikidata ranks statements; normal \
         when absent.",
        Rank::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn about_schema(_: &mut SchemaGenerator) -> Schema {
    let fields: Vec<&str> = Field::ALL
        .iter()
        .map(|f| f.keyword())
        .filter(|f| *f != "claim")
        .collect();
    json_schema!({
        "type": ["string", "null"],
        "description": "What the claim is about: a part of its event, or topic:ID.",
        "pattern": format!("^({}|topic:\\S.*)$", fields.join("|")),
    })
}

pub(crate) fn relation_kind_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "How this event bears on the other one.",
        RelationKind::ALL.iter().map(|k| k.keyword()),
    )
}

pub(crate) fn source_kind_schema(_: &mut SchemaGenerator) -> Schema {
    keywords(
        "What sort of source it is.",
        SourceKind::ALL.iter().map(|k| k.keyword()),
    )
}

fn zones() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}

pub(crate) fn zone_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "description": "An IANA time zone such as Europe/Moscow, America/New_York or UTC.",
        "enum": zones(),
    })
}

pub(crate) fn optional_zone_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": "The IANA zone the times are written in; defaults to the place's, \
                        then the dataset's.",
        "enum": zones().into_iter().map(Value::from).chain([Value::Null]).collect::<Vec<_>>(),
    })
}

const POINT: &str = "A point in local wall-clock time: 2025-12-02T19:40 (an exact minute; \
                     T19:40:30 for seconds), ~2025-12-02T19:40 (about), \
                     2025-12-02T19:40±30m (a tolerance), 2025-12-04 evening (small-hours, \
                     morning, afternoon, evening or night), 2025-12-06 (a date), 2025-12 \
                     (a month) or 2025 (a year). A year may carry a sign and up to eleven \
                     digits: -0300 (301 BCE), -0300-03-15, 12000-06-01; a year of six \
                     digits or more stands alone: -13800000000.";

const POINT_EXAMPLES: [&str; 6] = [
    "2025-12-02T19:40",
    "~2025-12-02T19:40",
    "2025-12-04 evening",
    "2025-12-06",
    "2025-12",
    "-0300",
];

/// A length as the grammar reads it: numbers, each with a unit (`1h30m`).
const LENGTH: &str = "([0-9]+[dhms])+";

/// The pattern of a point in time: a year of four or five digits (perhaps signed) with
/// perhaps a month, a day and a clock time or a part of the day, or a year of six to
/// eleven digits alone; then `~` before it or a `±` tolerance after it, not both.
pub fn point_pattern() -> String {
    let month = "(0[1-9]|1[0-2])";
    let day = "(0[1-9]|[12][0-9]|3[01])";
    let clock = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?";
    let part = "(small-hours|early-hours|early|morning|afternoon|evening|night)";
    let body =
        format!("[+-]?([0-9]{{6,11}}|[0-9]{{4,5}}(-{month}(-{day}(T\\s*{clock}| \\s*{part})?)?)?)");
    format!("^\\s*(~\\s*{body}|{body}(\\s*(±|\\+-)\\s*{LENGTH})?)\\s*$")
}

/// The pattern of a length: `2h`, `~5h`, `4h..6h`, `brief`, `lengthy`.
pub fn duration_pattern() -> String {
    format!("^\\s*(brief|lengthy|~\\s*{LENGTH}|{LENGTH}\\s*\\.\\.\\s*{LENGTH}|{LENGTH})\\s*$")
}

/// The pattern of a calendar date, YYYY-MM-DD.
pub const DATE_PATTERN: &str = "^\\s*[+-]?[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\\s*$";

/// The pattern of an id: at least one character that is not white space.
pub const ID_PATTERN: &str = "\\S";

pub(crate) fn point_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "description": POINT,
        "pattern": point_pattern(),
        "examples": POINT_EXAMPLES,
    })
}

pub(crate) fn optional_point_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": format!("When it ended, in the same forms as the start. {POINT}"),
        "pattern": point_pattern(),
        "examples": POINT_EXAMPLES,
    })
}

pub(crate) fn as_of_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": format!(
            "The moment the reporting ends, read in `zone`: the dataset is written as of its \
             latest instant (\"2025-12-05\" is the end of that day). {POINT}"
        ),
        "pattern": point_pattern(),
        "examples": ["2025-12-05", "2025-12-05T18:00"],
    })
}

pub(crate) fn duration_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": "How long it lasted: 2h, 90m, 1h30m, 2d, ~5h (about), 4h..6h (a \
                        range), brief (up to an hour) or lengthy (3 to 12 hours).",
        "pattern": duration_pattern(),
        "examples": ["2h", "~5h", "1h30m", "4h..6h", "lengthy"],
    })
}

pub(crate) fn published_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": "When it was published: a calendar date, YYYY-MM-DD, or a date and \
                        time with its zone, 2025-12-06T00:21Z or 2025-12-05T19:21-05:00.",
        "pattern": published_pattern(),
        "examples": ["2025-12-05", "2025-12-06T00:21Z", "2025-12-05T19:21-05:00"],
    })
}

/// The pattern of a publication moment: a date, or a date and time with `Z` or an
/// offset.
pub fn published_pattern() -> String {
    let date = "[+-]?[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    let clock = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?";
    format!("^\\s*{date}(T{clock}(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?\\s*$")
}

/// An entity's own id, with what it names in `description`.
fn id(description: &str) -> Schema {
    json_schema!({
        "type": "string",
        "description": description,
        "minLength": 1,
        "pattern": ID_PATTERN,
    })
}

pub(crate) fn party_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name other entries refer to (\"us\"), unique among the parties.")
}

pub(crate) fn participant_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name events refer to (\"witkoff\"), unique among the participants.")
}

pub(crate) fn place_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name events refer to (\"kremlin\"), unique among the places.")
}

pub(crate) fn topic_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name events refer to (\"ceasefire\"), unique among the topics.")
}

pub(crate) fn source_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name claims and events refer to (\"report\"), unique among the sources.")
}

pub(crate) fn event_id_schema(_: &mut SchemaGenerator) -> Schema {
    id("A short name relations refer to (\"kremlin-putin\"), unique among the events.")
}
