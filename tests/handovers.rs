//! The fast readers say why they hand over to the general ones: the counters of
//! `parley::data::handovers` rise for the reason a file gives, and not at all for a
//! plain file.
//!
//! The counters belong to the process: this file's loads are made by one test, in
//! turn, so that no other load runs between two readings of them.

use std::io::Write;
use std::process::Command;

use parley::data::{self, GiveUpReason, Handovers, LoadOptions, ScanReason, handovers};

fn file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(text.as_bytes()).expect("written");
    f
}

/// A dataset with these events, and these members after them.
fn dataset(events: &[&str], after: &str) -> String {
    format!(
        r#"{{ "title": "T", "zone": "UTC", "events": [{}]{after} }}"#,
        events.join(", ")
    )
}

/// An event as tools write it, with `more` members.
fn event(id: &str, start: &str, more: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "title": "T", "kind": "meeting", "status": "held", "time": {{ "start": "{start}" }}{more} }}"#
    )
}

/// The hand-overs while `text` is loaded from a file, and whether it loaded.
fn loading(text: &str) -> (Handovers, bool) {
    let f = file(text);
    let before = handovers();
    let loaded = data::load_file_with(f.path(), LoadOptions::default()).is_ok();
    (handovers().since(&before), loaded)
}

#[test]
fn hand_overs_are_counted_by_reason() {
    // Plain files, generated or written by hand, hand over nothing.
    let (counted, loaded) = loading(&parley::synthetic::dataset(400, 3));
    assert!(loaded);
    assert_eq!(counted, Handovers::default(), "{counted}");
    let plain = [
        event("a", "2025-12-02", ""),
        event("b", "~2025-12-02T19:40", ""),
        event("c", "2025-12", ""),
        event("d", "2025-12-03 evening", r#", "topics": []"#),
    ];
    let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
    let (counted, loaded) = loading(&dataset(&plain, ""));
    assert!(loaded);
    assert_eq!(counted.total(), 0, "{counted}");

    // A null for a member left out: serde reads the event, the scan says why.
    let null = event("n", "2025-12-02", r#", "summary": "s", "place": null"#);
    let (counted, loaded) = loading(&dataset(&[plain[0], &null], ""));
    assert!(loaded);
    assert_eq!(counted.scan(ScanReason::OtherType), 1, "{counted}");
    assert_eq!(counted.total(), 1, "{counted}");

    // A key written with an escape.
    let escaped = r#"{ "\u0069d": "x", "title": "T", "kind": "meeting", "status": "held", "time": { "start": "2025-12-02" } }"#;
    let (counted, loaded) = loading(&dataset(&[escaped], ""));
    assert!(loaded);
    assert_eq!(counted.scan(ScanReason::UnknownKey), 1, "{counted}");

    // A time with its own tolerance: the grammar reads it, not the pre-check.
    let tolerant = event("t", "2025-12-02T19:40±10m", "");
    let (counted, loaded) = loading(&dataset(&[&tolerant], ""));
    assert!(loaded);
    assert_eq!(counted.time, 1, "{counted}");
    assert_eq!(counted.total(), 1, "{counted}");

    // Members after the events: the whole-file reader reads it.
    let (counted, loaded) = loading(&dataset(&plain, r#", "description": "d""#));
    assert!(loaded);
    assert_eq!(counted.stream(GiveUpReason::AfterEvents), 1, "{counted}");
    assert_eq!(counted.total(), 1, "{counted}");

    // A problem: the whole-file reader reports it.
    let wrong = event("w", "2025-12-02", "").replace("meeting", "picnic");
    let (counted, loaded) = loading(&dataset(&[&wrong], ""));
    assert!(!loaded);
    assert_eq!(counted.stream(GiveUpReason::Problem), 1, "{counted}");

    // Said in words, one line per reader.
    let words = counted.to_string();
    assert!(words.contains("1 a problem in the data"), "{words}");
    assert_eq!(words.lines().count(), 3, "{words}");
}

/// `parley check` prints the hand-overs on standard error when asked.
#[test]
fn check_prints_the_hand_overs_when_asked() {
    let f = file(&dataset(&[&event("a", "2025-12-02T19:40±10m", "")], ""));
    let run = |debug: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_parley"));
        command.arg("check").arg(f.path());
        command.env_remove("PARLEY_DEBUG_HANDOVERS");
        if let Some(value) = debug {
            command.env("PARLEY_DEBUG_HANDOVERS", value);
        }
        let out = command.output().expect("parley runs");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let told = run(Some("1"));
    assert!(
        told.contains("hand-overs: time pre-check to grammar: 1"),
        "{told}"
    );
    assert!(!run(None).contains("hand-overs"));
    assert!(!run(Some("0")).contains("hand-overs"));
}
