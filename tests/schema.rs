//! `parley schema`: the JSON Schema generated from the format's types accepts what
//! parley accepts (the bundled dataset, a template, exports) and refuses broken files.
//! Checked with an independent validator (the `jsonschema` crate).

use std::fs;

use assert_cmd::Command;
use jsonschema::Validator;
use parley::data::schema::{self, dataset_schema_text};
use parley::data::{self, export::json, native, template, timelinejs};
use parley::model::accounts::Published;
use parley::model::time::{Span, TimePoint, parse_date};
use parley::model::timeline::EventKind;
use pretty_assertions::assert_eq;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&dataset_schema_text()).expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::validator_for(&schema()).unwrap_or_else(|e| panic!("not a valid schema: {e}"))
}

fn errors(v: &Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn bundled() -> Value {
    serde_json::from_str(data::BUNDLED).expect("JSON")
}

#[test]
fn parley_schema_prints_the_generated_schema() {
    let out = Command::cargo_bin("parley")
        .expect("built")
        .arg("schema")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        dataset_schema_text()
    );
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["title"], "parley dataset");
    assert_eq!(
        s["additionalProperties"], false,
        "unknown fields are errors"
    );
}

#[test]
fn keyword_lists_come_from_the_model() {
    let s = schema();
    let kinds = &s["definitions"]["RawEvent"]["properties"]["kind"]["enum"];
    let expected: Vec<&str> = EventKind::ALL.iter().map(|k| k.keyword()).collect();
    assert_eq!(kinds, &serde_json::json!(expected));
    let zones = s["properties"]["zone"]["enum"]
        .as_array()
        .expect("a list of zones");
    assert!(zones.len() > 400);
    assert!(zones.contains(&Value::from("Europe/Moscow")));
}

#[test]
fn the_bundled_dataset_validates() {
    let v = validator();
    assert_eq!(errors(&v, &bundled()), Vec::<String>::new());
}

#[test]
fn what_parley_writes_validates() {
    let v = validator();
    let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 5).expect("date");
    let new: Value =
        serde_json::from_str(&template::new_dataset(chrono_tz::Tz::UTC, day)).expect("JSON");
    assert_eq!(errors(&v, &new), Vec::<String>::new());
    assert_eq!(new["$schema"], format!("./{}", template::SCHEMA_FILE));

    let hostile = fs::read_to_string("tests/hostile/injection.json").expect("corpus");
    let doc: Value = serde_json::from_str(&hostile).expect("JSON");
    assert_eq!(errors(&v, &doc), Vec::<String>::new());

    let bundled_export: Value = serde_json::from_str(&json::write(
        &data::load_bundled().unwrap_or_else(|e| panic!("{e}")),
    ))
    .expect("JSON");
    assert_eq!(errors(&v, &bundled_export), Vec::<String>::new());

    let tjs = fs::read_to_string("tests/fixtures/timelinejs/miami-week.json").expect("fixture");
    let tl = timelinejs::load_str("miami-week.json", &tjs, None).unwrap_or_else(|e| panic!("{e}"));
    let exported: Value = serde_json::from_str(&json::write(&tl)).expect("JSON");
    assert_eq!(errors(&v, &exported), Vec::<String>::new());
}

#[test]
fn an_editor_schema_reference_is_accepted() {
    let mut doc = bundled();
    doc["$schema"] = Value::from("./parley.schema.json");
    assert_eq!(errors(&validator(), &doc), Vec::<String>::new());
    let text = serde_json::to_string(&doc).expect("JSON");
    let with = native::load_str("with.json", &text).unwrap_or_else(|e| panic!("{e}"));
    let without = data::load_bundled().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(with, without, "parley ignores it");
}

/// A change that breaks a dataset.
type Break = Box<dyn Fn(&mut Value)>;

#[test]
fn broken_datasets_fail_validation() {
    let v = validator();
    let cases: Vec<(&str, Break)> = vec![
        // An unknown field is reported on the object that holds it.
        ("", Box::new(|d| d["titel"] = Value::from("typo"))),
        (
            "",
            Box::new(|d| {
                d.as_object_mut().map(|o| o.remove("title"));
            }),
        ),
        (
            "/zone",
            Box::new(|d| d["zone"] = Value::from("Mars/Olympus")),
        ),
        ("/parley", Box::new(|d| d["parley"] = Value::from(3))),
        (
            "/events/0/accounts/0/rank",
            Box::new(|d| {
                let source = d["sources"][0]["id"].clone();
                d["events"][0]["accounts"] = serde_json::json!([
                    { "of": "kind", "kind": "call", "source": source, "rank": "doubtful" }
                ]);
            }),
        ),
        (
            "/events/0/accounts/0/of",
            Box::new(|d| {
                let source = d["sources"][0]["id"].clone();
                d["events"][0]["accounts"] =
                    serde_json::json!([{ "of": "venue", "source": source }]);
            }),
        ),
        (
            "/events/0/status_history/0/status",
            Box::new(|d| {
                let source = d["sources"][0]["id"].clone();
                d["events"][0]["status_history"] =
                    serde_json::json!([{ "status": "rumoured", "source": source }]);
            }),
        ),
        (
            "/events/0/claims/0/about",
            Box::new(|d| d["events"][0]["claims"][0]["about"] = Value::from("weather")),
        ),
        (
            "/events/0/kind",
            Box::new(|d| d["events"][0]["kind"] = Value::from("dinner")),
        ),
        (
            "/events/0/status",
            Box::new(|d| d["events"][0]["status"] = Value::from("rumoured")),
        ),
        (
            "/events/0/time",
            Box::new(|d| {
                d["events"][0]["time"]
                    .as_object_mut()
                    .map(|o| o.remove("start"));
            }),
        ),
        (
            "/events/0/relations/0/kind",
            Box::new(|d| {
                d["events"][1]["relations"][0]["kind"] = Value::from("ignores");
                d["events"][0]["relations"] = d["events"][1]["relations"].clone();
            }),
        ),
        (
            "/sources/0/kind",
            Box::new(|d| d["sources"][0]["kind"] = Value::from("rumour")),
        ),
        (
            "/participants",
            Box::new(|d| d["participants"] = Value::from("everyone")),
        ),
        (
            "/events/0/participants/0/person",
            Box::new(|d| d["events"][0]["participants"][0]["person"] = Value::from(7)),
        ),
        // Times, lengths, dates and ids by their patterns.
        (
            "/events/0/time/start",
            Box::new(|d| d["events"][0]["time"]["start"] = Value::from("teatime")),
        ),
        (
            "/events/0/time/start",
            Box::new(|d| d["events"][0]["time"]["start"] = Value::from("2025-13-01")),
        ),
        (
            "/events/0/time/end",
            Box::new(|d| d["events"][0]["time"]["end"] = Value::from("2025-12-03T25:00")),
        ),
        (
            "/events/0/time/duration",
            Box::new(|d| d["events"][0]["time"]["duration"] = Value::from("forever")),
        ),
        ("/as_of", Box::new(|d| d["as_of"] = Value::from("tomorrow"))),
        (
            "/sources/0/published",
            Box::new(|d| d["sources"][0]["published"] = Value::from("2025-13-01")),
        ),
        (
            "/events/0/id",
            Box::new(|d| d["events"][0]["id"] = Value::from("")),
        ),
        (
            "/participants/0/id",
            Box::new(|d| d["participants"][0]["id"] = Value::from("  ")),
        ),
    ];
    for (path, breaks) in cases {
        let mut doc = bundled();
        breaks(&mut doc);
        let found = errors(&v, &doc);
        assert!(!found.is_empty(), "{path}: the broken dataset validated");
        assert!(
            found.iter().any(|e| e.starts_with(&format!("{path}:"))),
            "{path}: {found:?}"
        );
        // parley refuses it too.
        let text = serde_json::to_string(&doc).expect("JSON");
        assert!(native::load_str("broken.json", &text).is_err(), "{path}");
    }
}

/// Whether a string schema with `pattern` accepts `text`.
fn matches(pattern: &str, text: &str) -> bool {
    let schema = serde_json::json!({ "type": "string", "pattern": pattern });
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        .is_valid(&Value::from(text))
}

#[test]
fn every_property_is_described() {
    fn walk(at: &str, v: &Value, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                if p.get("description").is_none() {
                    missing.push(format!("{at}/{name}"));
                }
            }
        }
        if let Some(o) = v.as_object() {
            for (k, child) in o {
                walk(&format!("{at}/{k}"), child, missing);
            }
        }
    }
    let mut missing = Vec::new();
    walk("", &schema(), &mut missing);
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn the_time_pattern_agrees_with_the_grammar() {
    let point = schema::point_pattern();
    let valid = [
        "2025",
        "2025-12",
        "2025-12-06",
        "0000-06-01",
        "9999-12-31",
        "2025-12-02T19:40",
        "2025-12-02T19:40:30",
        "2025-12-02T00:00",
        "2025-12-02T23:59:59",
        "~2025-12-02T19:40",
        "~ 2025-12-02T19:40",
        "~2025",
        "~2025-12",
        "~2025-12-04",
        "2025-12-02T19:40±30m",
        "2025-12-02T19:40 ± 1h30m",
        "2025-12-02T19:40+-30m",
        "2025-12-06±1d",
        "2025±90d",
        "2025-12-04 evening",
        "2025-12-04 small-hours",
        "2025-12-04 early-hours",
        "2025-12-04 early",
        "2025-12-04 morning",
        "2025-12-04 afternoon",
        "2025-12-04 night",
        "~2025-12-04 evening",
        "2025-12-04 evening±1h",
        " 2025-12-06 ",
        "2025-12-31",
        // BCE (`-0300` is 301 BCE) and deep time.
        "-0300",
        "-0300-03-15",
        "+12000",
        "-13800000000",
        "~-13800000000",
        "20251",
        "+12000-01-01",
    ];
    let invalid = [
        "",
        " ",
        "teatime",
        "2025-13-01",
        "2025-00",
        "2025-12-00",
        "2025-12-32",
        "25",
        "202512345678",
        "2025-1",
        "2025-12-1",
        "2025-12-02T24:00",
        "2025-12-02T19:60",
        "2025-12-02T19",
        "2025-12-02T9:40",
        "2025-12-02T19:40:60",
        "2025-12-02 19:40",
        "2025-12-04 teatime",
        "2025-12-04evening",
        "2025-12 evening",
        "2025T19:40",
        "~2025-12-02T19:40±30m",
        "2025-12-02T19:40±",
        "2025-12-02T19:40±30",
        "2025-12-02T19:40±30x",
        "~",
        "~~2025",
        "2025-12-02T19:40Z",
        "2025/12/02",
        "2025-12-02-01",
    ];
    for text in valid {
        assert!(
            TimePoint::parse(text).is_ok(),
            "the grammar refuses {text:?}"
        );
        assert!(matches(&point, text), "the schema refuses {text:?}");
    }
    for text in invalid {
        assert!(
            TimePoint::parse(text).is_err(),
            "the grammar accepts {text:?}"
        );
        assert!(!matches(&point, text), "the schema accepts {text:?}");
    }
    for text in ["-13800000000-01", "123456-01", "-030", "--0300"] {
        assert!(!matches(&point, text), "the schema accepts {text:?}");
    }

    let duration = schema::duration_pattern();
    for text in [
        "2h", "90m", "1h30m", "2d", "45s", "~5h", "~ 5h", "4h..6h", "4h .. 6h", "brief", "lengthy",
    ] {
        assert!(Span::parse(text).is_ok(), "the grammar refuses {text:?}");
        assert!(matches(&duration, text), "the schema refuses {text:?}");
    }
    for text in [
        "", "forever", "5", "h", "~brief", "4h..", "..6h", "2 h", "5h~", "1.5h",
    ] {
        assert!(Span::parse(text).is_err(), "the grammar accepts {text:?}");
        assert!(!matches(&duration, text), "the schema accepts {text:?}");
    }

    for text in ["2025-12-05", " 2025-12-05 "] {
        assert!(parse_date(text).is_ok(), "{text:?}");
        assert!(matches(schema::DATE_PATTERN, text), "{text:?}");
    }
    for text in [
        "2025-12",
        "2025-13-01",
        "2025-12-05T10:00",
        "~2025-12-05",
        "05/12/2025",
    ] {
        assert!(parse_date(text).is_err(), "{text:?}");
        assert!(!matches(schema::DATE_PATTERN, text), "{text:?}");
    }

    let published = schema::published_pattern();
    for text in [
        "2025-12-05",
        "2025-12-06T00:21Z",
        "2025-12-05T19:21-05:00",
        "2025-12-05T19:21:30+03:00",
    ] {
        assert!(Published::parse(text).is_ok(), "{text:?}");
        assert!(matches(&published, text), "{text:?}");
    }
    for text in [
        "2025-12",
        "2025-12-05T19:21",
        "2025-12-05T25:00Z",
        "2025-12-05T19:21+5",
        "2025-12-05 19:21Z",
        "~2025-12-05",
    ] {
        assert!(Published::parse(text).is_err(), "{text:?}");
        assert!(!matches(&published, text), "{text:?}");
    }
}
