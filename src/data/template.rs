//! The dataset `parley new` starts from: every part of the format once, valid as it is.

use chrono::NaiveDate;
use chrono_tz::Tz;

/// Where the template points editors for the schema: a file beside the dataset, which
/// `parley new FILE` writes (`parley schema` prints it).
pub const SCHEMA_FILE: &str = "parley.schema.json";

const TEMPLATE: &str = r#"{
  "$schema": "./parley.schema.json",
  "parley": 1,
  "title": "New negotiation",
  "description": "What this dataset covers, and as of when it was written.",
  "zone": "ZONE",
  "as_of": "DATE",
  "parties": [
    { "id": "first", "name": "First side", "colour": "blue" },
    { "id": "second", "name": "Second side", "colour": "red" }
  ],
  "participants": [
    { "id": "envoy", "name": "Envoy of the first side", "role": "Special envoy", "party": "first",
      "note": "Leads the first side's delegation." },
    { "id": "minister", "name": "Minister of the second side", "role": "Foreign minister", "party": "second" }
  ],
  "places": [
    { "id": "venue", "name": "Venue of the talks", "zone": "ZONE" }
  ],
  "topics": [
    { "id": "ceasefire", "name": "Ceasefire" }
  ],
  "sources": [
    { "id": "report", "name": "A news report", "kind": "outlet",
      "url": "https://example.org/report", "published": "DATE" }
  ],
  "events": [
    {
      "id": "first-meeting",
      "title": "The envoy meets the minister",
      "kind": "meeting",
      "status": "held",
      "time": {
        "start": "DATE morning",
        "duration": "~2h",
        "reported": "a two-hour meeting in the morning"
      },
      "place": "venue",
      "participants": [
        { "person": "minister", "role": "host" },
        { "person": "envoy", "role": "head of delegation" }
      ],
      "topics": ["ceasefire"],
      "summary": "What happened, in a few sentences.",
      "outcomes": ["What came of it"],
      "claims": [
        { "speaker": "An official of the first side", "party": "first",
          "text": "Called the meeting constructive.", "source": "report" }
      ],
      "sources": ["report"]
    }
  ]
}
"#;

/// A new dataset in `zone`, its example event on `day`.
pub fn new_dataset(zone: Tz, day: NaiveDate) -> String {
    TEMPLATE
        .replace("ZONE", zone.name())
        .replace("DATE", &day.format("%Y-%m-%d").to_string())
}
