//! `parley schema`: the JSON Schema generated from the format's types accepts what
//! parley accepts (the bundled dataset, a template, exports) and refuses broken files.
//! Checked with an independent validator (the `jsonschema` crate).

use std::fs;

use assert_cmd::Command;
use jsonschema::Validator;
use parley::data::schema::dataset_schema_text;
use parley::data::{self, export::json, native, template, timelinejs};
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

    let hostile = fs::read_to_string("tests/hostile/injection.json").expect("corpus");
    let doc: Value = serde_json::from_str(&hostile).expect("JSON");
    assert_eq!(errors(&v, &doc), Vec::<String>::new());

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
        ("/parley", Box::new(|d| d["parley"] = Value::from(2))),
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
