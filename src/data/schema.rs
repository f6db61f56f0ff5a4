//! The JSON Schema of the native format (`parley schema`), generated from the format's
//! types in [`super::native`] so that it cannot drift from what parley reads.
//!
//! Keyword lists (kinds, statuses, zones) come from the model's own tables. Time and
//! duration expressions are described rather than constrained by a pattern: the schema
//! must never refuse what parley accepts.

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::native::RawDataset;
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
                     (a month) or 2025 (a year).";

const POINT_EXAMPLES: [&str; 5] = [
    "2025-12-02T19:40",
    "~2025-12-02T19:40",
    "2025-12-04 evening",
    "2025-12-06",
    "2025-12",
];

pub(crate) fn point_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "description": POINT,
        "examples": POINT_EXAMPLES,
    })
}

pub(crate) fn optional_point_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": POINT,
        "examples": POINT_EXAMPLES,
    })
}

pub(crate) fn duration_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": "A length of time: 2h, 90m, 1h30m, 2d, ~5h (about), 4h..6h (a range), \
                        brief (up to an hour) or lengthy (3 to 12 hours).",
        "examples": ["2h", "~5h", "1h30m", "4h..6h", "lengthy"],
    })
}

pub(crate) fn date_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "description": "A calendar date, YYYY-MM-DD.",
        "examples": ["2025-12-05"],
    })
}
