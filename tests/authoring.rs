//! Authoring help: `parley new` starts a valid dataset; shell completions and the manual
//! page come from the command-line definitions.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn parley() -> Command {
    Command::cargo_bin("parley").expect("the parley binary is built")
}

#[test]
fn new_writes_a_valid_dataset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talks.json");
    parley()
        .args(["new", "--tz", "Europe/Moscow"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("a new dataset"));
    let text = fs::read_to_string(&path).expect("created");
    assert!(text.contains(r#""zone": "Europe/Moscow""#), "{text}");
    // The schema its `$schema` names, beside it.
    assert!(
        text.contains(r#""$schema": "./parley.schema.json""#),
        "{text}"
    );
    let beside = fs::read_to_string(dir.path().join("parley.schema.json")).expect("schema");
    assert_eq!(beside, parley::data::schema::dataset_schema_text());
    // A schema file already there is kept.
    fs::write(dir.path().join("parley.schema.json"), "my own").expect("write");
    parley()
        .arg("new")
        .arg(dir.path().join("more.json"))
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("parley.schema.json")).expect("kept"),
        "my own"
    );
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert!(text.contains(&format!("{today} morning")), "{text}");
    parley()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(": ok, 1 event, 2 participants"));

    // Never over an existing file.
    fs::write(&path, "mine").expect("write");
    parley()
        .arg("new")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists; parley new does not overwrite files",
        ));
    assert_eq!(fs::read_to_string(&path).expect("kept"), "mine");
}

#[test]
fn new_without_a_file_prints_the_template() {
    let out = parley().arg("new").output().expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["zone"], "UTC");
    assert_eq!(doc["events"][0]["id"], "first-meeting");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = parley()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(script.contains("parley"), "{shell}");
        assert!(script.contains("export"), "{shell}: subcommands");
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("timelinejs"), "{shell}: format values");
        }
    }
    parley().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_page() {
    let out = parley().arg("man").output().expect("runs");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains(".TH parley 1"), "{page}");
    for word in [
        "check",
        "print",
        "export",
        "schema",
        "completions",
        "\\-\\-tz",
    ] {
        assert!(page.contains(word), "{word} in {page}");
    }

    let dir = tempfile::tempdir().expect("temp dir");
    parley()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .code(0);
    for name in [
        "parley.1",
        "parley-check.1",
        "parley-export.1",
        "parley-new.1",
    ] {
        let page = fs::read_to_string(dir.path().join(name)).expect(name);
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{name}");
    }
}
