//! `parley diff OLD NEW` on a crafted pair: what a reader of the reporting on Thursday
//! morning and on Friday would see change, as text, Markdown and JSON.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use comrak::{Options, markdown_to_html};
use serde_json::{Value, json};

fn parley() -> Command {
    Command::cargo_bin("parley").expect("the parley binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

fn diff(format: &str) -> (Option<i32>, String) {
    let out = parley()
        .args(["diff", "--format", format])
        .arg(fixture("old.json"))
        .arg(fixture("new.json"))
        .output()
        .expect("runs");
    assert!(out.stderr.is_empty(), "{out:?}");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

#[test]
fn text_names_each_event_and_each_field_change() {
    let (code, text) = diff("text");
    assert_eq!(code, Some(1), "changes exit 1, as diff(1) does");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("new.json: 1 added, 1 removed, 2 changed, 1 dataset field"),
        "{text}"
    );
    assert_eq!(
        &lines[1..],
        [
            "dataset",
            "    as_of: Thu 4 Dec 2025 09:00 ⇒ Fri 5 Dec 2025",
            // The title's escape sequence is shown, never sent.
            "+ saturday  Sat 6 Dec 2025 all day · Talks to continue \\u{1b}[31mon Saturday",
            "- rumour  Wed 3 Dec 2025 evening · A meeting that was never held",
            "~ thursday  Thu 4 Dec 2025 evening · Envoy meets the delegation",
            "    title: Envoy to meet the delegation ⇒ Envoy meets the delegation",
            "    status: expected ⇒ held",
            "    time narrowed: Thu 4 Dec 2025 all day ⇒ Thu 4 Dec 2025 evening",
            "    participants: - deputy",
            "    claims: + An official: \"Called the talks positive.\" (outlet)",
            "            - An official: \"Expected the meeting on Thursday.\" (wire)",
            "    sources: + outlet",
            "~ friday  Fri 5 Dec 2025 all day · Second day",
            "    time widened: Fri 5 Dec 2025 morning ⇒ Fri 5 Dec 2025 all day",
        ]
    );
}

#[test]
fn json_carries_the_same_changes_with_text_as_written() {
    let (code, text) = diff("json");
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(report["added"][0]["id"], "saturday");
    assert_eq!(
        report["added"][0]["title"],
        "Talks to continue \u{1b}[31mon Saturday"
    );
    assert_eq!(report["removed"][0]["id"], "rumour");
    let thursday = &report["changed"][0];
    assert_eq!(thursday["id"], "thursday");
    let changes = thursday["changes"].as_array().expect("a list");
    assert!(changes.contains(&json!({"field": "status", "from": "expected", "to": "held"})));
    assert!(changes.contains(&json!({
        "field": "time", "shift": "narrowed",
        "from": "Thu 4 Dec 2025 all day", "to": "Thu 4 Dec 2025 evening"
    })));
    assert!(
        changes.contains(&json!({"field": "participants", "added": [], "removed": ["deputy"]}))
    );
    assert_eq!(report["changed"][1]["changes"][0]["shift"], "widened");
    assert_eq!(
        report["dataset"],
        json!([{"field": "as_of", "from": "Thu 4 Dec 2025 09:00", "to": "Fri 5 Dec 2025"}])
    );
}

#[test]
fn markdown_renders_with_sections_and_no_markup_from_the_data() {
    let (code, md) = diff("md");
    assert_eq!(code, Some(1));
    let html = markdown_to_html(&md, &Options::default());
    for section in [
        "<h2>Dataset</h2>",
        "<h2>Added</h2>",
        "<h2>Removed</h2>",
        "<h2>Changed</h2>",
    ] {
        assert!(html.contains(section), "{section} missing:\n{html}");
    }
    assert!(
        html.contains("<h3>thursday: Thu 4 Dec 2025 evening"),
        "{html}"
    );
    assert!(
        html.contains("<strong>participants</strong>: withdrawn deputy"),
        "{html}"
    );
    assert!(!html.contains("<a "), "no link from the data: {html}");
    assert!(!md.contains('\u{1b}'), "no raw escape in Markdown");
}

#[test]
fn the_same_file_twice_has_no_changes_and_exits_0() {
    let out = parley()
        .arg("diff")
        .arg(fixture("new.json"))
        .arg(fixture("new.json"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with(": no changes\n"),
        "{out:?}"
    );
}

#[test]
fn an_unreadable_version_exits_2_and_names_the_file() {
    let missing = fixture("no-such-version.json");
    let out = parley()
        .arg("diff")
        .arg(fixture("old.json"))
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-version.json"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// From the version 1 week to the week as reported: the status history and the other
/// accounts are changes like any other field.
#[test]
fn accounts_and_status_steps_added_are_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = parley()
        .arg("diff")
        .arg(root.join("tests/fixtures/miami-talks-2025-v1.json"))
        .arg(root.join("assets/miami-talks-2025.json"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in [
        "+ zelensky-call  Sat 6 Dec 2025 all day · Zelensky's call with Witkoff and Kushner",
        "    status_history: + expected (unn)",
        "                    + held (axios)",
        "    accounts: + time: Tue 2 Dec ~19:40 (mail-ru)",
        "              + time: Tue 2 Dec ~19:35 (mail-ru-aif)",
        "              + time: Tue 2 Dec ~19:30 (oann)",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} missing:\n{text}");
    }
}
