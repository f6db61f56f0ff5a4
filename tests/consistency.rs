//! `check` warns when facts cannot all be true, with the place in the file, and
//! `--strict` makes the warnings errors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn parley() -> Command {
    Command::cargo_bin("parley").expect("the parley binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/consistency")
        .join(name)
}

#[test]
fn check_places_each_warning_and_still_says_ok() {
    let file = fixture("impossible.json");
    let out = parley().arg("check").arg(&file).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let name = file.display().to_string();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{name}: ok, 3 events")),
        "{stdout}"
    );
    // 19:00 Moscow is 11:00 in Miami: the Miami session (11:30-13:30) follows the
    // Moscow talks (11:00-14:00 New York time) yet starts before they end, and the
    // envoy is in both places at once. The call puts nobody anywhere.
    assert_eq!(
        &lines[1..],
        [
            format!(
                "{name}:30:46: events[1].participants[1]: 'The Envoy' is at 'Miami' while \
                 at 'moscow-talks' in 'Moscow', and the two times certainly overlap"
            ),
            format!(
                "{name}:31:21: events[1].relations[0]: follows 'moscow-talks', yet starts \
                 before it ends, whatever the uncertainty of both times"
            ),
            format!("{name}: 2 notes"),
        ]
    );
}

#[test]
fn strict_makes_the_warnings_errors() {
    let file = fixture("impossible.json");
    let out = parley()
        .args(["check", "--strict"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        stderr.contains("events[1].relations[0]: follows 'moscow-talks'"),
        "{stderr}"
    );
    assert!(stderr.contains("'The Envoy' is at 'Miami'"), "{stderr}");
}

#[test]
fn the_bundled_week_passes_strict() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/miami-talks-2025.json");
    let out = parley()
        .args(["check", "--strict"])
        .arg(bundled)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
}

/// 150 sessions, each said to follow the one before yet starting inside it.
fn overlapping_chain(n: usize) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| {
            let follows = if i == 0 {
                String::new()
            } else {
                format!(
                    r#", "relations": [{{"kind": "follows", "event": "s{}"}}]"#,
                    i - 1
                )
            };
            format!(
                r#"{{"id": "s{i}", "title": "Session {i}", "kind": "session", "status": "held",
                "time": {{"start": "2025-12-04T00:00", "duration": "{}m"}}{follows}}}"#,
                10 + i
            )
        })
        .collect();
    format!(
        r#"{{"parley": 1, "title": "A chain", "zone": "UTC", "events": [{}]}}"#,
        events.join(",\n")
    )
}

#[test]
fn many_warnings_of_a_kind_are_counted_after_the_first_hundred() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("chain.json");
    std::fs::write(&file, overlapping_chain(151)).expect("written");
    let out = parley().arg("check").arg(&file).output().expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let placed = stdout
        .lines()
        .filter(|l| l.contains(": follows 's"))
        .count();
    assert_eq!(placed, 100, "{stdout}");
    assert!(
        stdout.contains("… and 50 more notes of the kind `follows`"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("150 notes (100 shown; `parley check --all` lists every one)\n"),
        "{stdout}"
    );
    let all = parley()
        .args(["check", "--all"])
        .arg(&file)
        .output()
        .expect("runs");
    let every = String::from_utf8(all.stdout).expect("utf-8");
    assert_eq!(
        every.lines().filter(|l| l.contains(": follows 's")).count(),
        150
    );
    // Each is placed at its relation: the last session's is on the file's 302nd line.
    assert!(
        every.contains(".json:302:90: events[150].relations[0]: follows 's149'"),
        "{every}"
    );
}

#[test]
fn a_status_history_out_of_time_order_is_a_warning() {
    let file = fixture("history.json");
    let out = parley().arg("check").arg(&file).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let warning = stdout.lines().nth(1).expect("a warning");
    assert!(
        warning.ends_with(
            "events[0].status_history[0]: the status history is out of time order: \
             'outlet' (5 Dec) comes before 'wire' (4 Dec), published earlier"
        ),
        "{stdout}"
    );
    assert!(
        warning.contains("history.json:16:9:"),
        "placed at the step: {warning}"
    );
}
