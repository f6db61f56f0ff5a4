//! Notes on a TimelineJS import: what was ignored, renamed or dropped is said by
//! `check` after `ok`, made errors by `--strict`, counted in the viewer's header and
//! listed by the `!` overlay.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use parley::app::{Action, App};
use parley::data::timelinejs;
use parley::model::timeline::Timeline;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};

mod common;
use common::screen;

fn parley() -> Command {
    Command::cargo_bin("parley").expect("the parley binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelinejs")
        .join(name)
}

fn load(name: &str) -> Timeline {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    timelinejs::load_str(name, &text, None).unwrap_or_else(|e| panic!("{e}"))
}

const IGNORED_KEYS: [&str; 5] = [
    "8:65: events[0].start_date.thumbnail: ignored `thumbnail`: TimelineJS does not read it in a date",
    "10:21: events[0].background: dropped the background: parley shows no slide backgrounds",
    "13:20: events[1].unique_id: renamed 'pilot' to 'pilot-2': events[0] already has that id (TimelineJS renames it so)",
    "18:20: events[2].unique_id: renamed 'pilot' to 'pilot-3': events[0] already has that id (TimelineJS renames it so)",
    "25:19: events[3].end_date: dropped the end (1861-08): it is before the start (1862-07); TimelineJS shows the slide at its start",
];

#[test]
fn keys_timelinejs_ignores_are_notes_not_errors() {
    let tl = load("ignored-keys.json");
    let notes: Vec<String> = tl.notes.iter().map(ToString::to_string).collect();
    assert_eq!(notes, IGNORED_KEYS);
    // Renamed as TimelineJS renames them; the end before the start is gone.
    for id in ["pilot", "pilot-2", "pilot-3", "west"] {
        assert!(tl.event_by_id(id).is_some(), "{id}");
    }
    let west = tl.event(tl.event_by_id("west").expect("west"));
    assert!(
        west.time.end.is_none(),
        "the end before the start is dropped"
    );
}

#[test]
fn a_clean_file_has_no_notes() {
    assert!(load("minimal.json").notes.is_empty());
}

#[test]
fn check_prints_notes_after_ok_and_strict_makes_them_errors() {
    let path = fixture("ignored-keys.json");
    let name = path.display().to_string();
    let out = parley().arg("check").arg(&path).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{name}: ok, 4 events")),
        "{stdout}"
    );
    for (line, note) in lines[1..].iter().zip(IGNORED_KEYS) {
        assert_eq!(*line, format!("{name}:{note}"));
    }
    assert_eq!(
        lines.last().copied(),
        Some(format!("{name}: 5 notes").as_str())
    );

    let mut expected: String = IGNORED_KEYS
        .iter()
        .map(|n| format!("{name}:{n}\n"))
        .collect();
    expected.push_str(&format!("{name}: 5 problems\n"));
    parley()
        .args(["check", "--strict"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("")
        .stderr(expected);
    // A file without notes passes --strict.
    parley()
        .args(["check", "--strict"])
        .arg(fixture("minimal.json"))
        .assert()
        .success();
}

#[test]
fn the_viewer_counts_the_notes_and_bang_lists_them() {
    let now = Utc
        .with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp();
    let mut app = App::new(load("ignored-keys.json"), None, now, (100, 30));
    let before = screen(&app);
    let header = before.lines().next().expect("header line");
    assert!(header.contains("5 notes · 4 events"), "{header}");
    assert!(!before.contains("renamed 'pilot'"));
    let bang = Event::Key(KeyEvent {
        code: KeyCode::Char('!'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    let action = app.action_for(&bang).expect("! is bound");
    assert_eq!(action, Action::ProblemsToggle);
    app.update(action.clone());
    let open = screen(&app);
    assert!(open.contains("5 notes on the import"), "{open}");
    assert!(open.contains("renamed 'pilot' to 'pilot-2'"), "{open}");
    assert!(open.contains("events[0].start_date.thumbnail"), "{open}");
    app.update(action);
    assert!(!screen(&app).contains("renamed 'pilot'"));
}
