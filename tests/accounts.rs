//! Version 2 of the format: sources published at a moment, other accounts of an event's
//! parts, status histories and claim links; read from a string and from a file alike,
//! written back by the JSON export, and every bad reference placed at its line and
//! column. Version 1 files read as they always have.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use parley::data::export::json;
use parley::data::native::load_str;
use parley::data::{self, load_file};
use parley::model::accounts::{About, Field, Rank, Told};
use parley::model::timeline::{EventIx, EventKind, Status, Timeline};
use pretty_assertions::assert_eq;

mod common;

const DISPUTED: &str = "tests/fixtures/accounts/disputed.json";
const V1: &str = "tests/fixtures/miami-talks-2025-v1.json";

fn read(path: &str) -> String {
    fs::read_to_string(path).expect("fixture")
}

fn load(path: &str) -> Timeline {
    load_str(path, &read(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn ix(tl: &Timeline, id: &str) -> EventIx {
    let k = tl
        .events
        .iter()
        .position(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id}"));
    EventIx::new(k as u32)
}

fn source_ids(tl: &Timeline, field: Field, event: &str) -> Vec<String> {
    let acc = tl.accounts_of(ix(tl, event)).expect("accounts");
    acc.of(field)
        .map(|a| tl.source(a.source).id.to_string())
        .collect()
}

#[test]
fn accounts_are_read_with_their_sources_and_ranks() {
    let tl = load(DISPUTED);
    assert_eq!(
        source_ids(&tl, Field::Time, "kremlin"),
        ["mail-b", "oann"],
        "two other accounts of the start"
    );
    let acc = tl.accounts_of(ix(&tl, "kremlin")).expect("accounts");
    let oann = acc.of(Field::Time).nth(1).expect("OANN's");
    assert_eq!(oann.rank, Rank::Deprecated);
    assert_eq!(oann.reported.as_deref(), Some("around 11:30 a.m. ET"));
    let Told::Time(t) = &oann.told else {
        panic!("a time")
    };
    assert_eq!(t.zone.name(), "America/New_York");
    // 11:30 in New York is 19:30 in Moscow: ten minutes before the dataset's 19:40.
    let own = &tl.event(ix(&tl, "kremlin")).time;
    assert_eq!(
        own.bounds.start_earliest + 15 * 60 - 10 * 60,
        t.bounds.start_earliest
    );
    let kind = acc.preferred(Field::Kind).expect("a preferred kind");
    assert_eq!(kind.told, Told::Kind(EventKind::Briefing));
    assert!(acc.preferred(Field::Time).is_none(), "the event's own time");
    assert_eq!(
        acc.disputed().collect::<Vec<_>>(),
        [
            Field::Time,
            Field::Place,
            Field::Participants,
            Field::Kind,
            Field::Status,
            Field::Outcomes,
            Field::Claim
        ]
    );
    let tone_b = acc.claim(1).expect("links of the second claim");
    assert_eq!(tone_b.id.as_deref(), Some("tone-b"));
    assert_eq!(tone_b.about, Some(About::Field(Field::Status)));
    assert_eq!(tone_b.contradicts, [0]);
    assert!(matches!(
        acc.claim(0).and_then(|c| c.about),
        Some(About::Topic(_))
    ));
    assert!(
        tl.accounts_of(ix(&tl, "plain")).is_none(),
        "no accounts, no entry"
    );
    assert_eq!(tl.accounts.len(), 2);
}

#[test]
fn a_status_history_ends_in_the_status() {
    let tl = load(DISPUTED);
    let acc = tl.accounts_of(ix(&tl, "weekend")).expect("a history");
    let steps: Vec<(Status, &str)> = acc
        .status_history
        .iter()
        .map(|s| (s.status, &*tl.source(s.source).id))
        .collect();
    assert_eq!(steps, [(Status::Expected, "ap"), (Status::Held, "axios")]);
    let text = read(DISPUTED).replacen(
        r#""status": "held", "source": "axios""#,
        r#""status": "expected", "source": "axios""#,
        1,
    );
    let err = load_str("d.json", &text).expect_err("the history ends otherwise");
    let msg = err.to_string();
    assert!(msg.contains("the history ends 'expected'"), "{msg}");
    assert!(msg.contains("status_history[1].status"), "{msg}");
}

#[test]
fn sources_are_published_on_a_day_or_at_a_moment() {
    let tl = load(DISPUTED);
    let published = |id: &str| {
        tl.sources
            .iter()
            .find(|s| &*s.id == id)
            .and_then(|s| s.published)
            .map(|p| p.text())
    };
    assert_eq!(published("mail-a").as_deref(), Some("2025-12-03"));
    assert_eq!(published("sputnik").as_deref(), Some("2025-12-06T00:21Z"));
    assert_eq!(
        published("axios").as_deref(),
        Some("2025-12-05T09:00-05:00")
    );
}

#[test]
fn the_file_reader_reads_what_the_string_reader_reads() {
    let from_file = load_file(Path::new(DISPUTED)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file, load(DISPUTED));
}

#[test]
fn the_json_export_writes_version_2_and_reads_back_the_same() {
    for path in [DISPUTED, V1] {
        let tl = load(path);
        let text = json::write(&tl);
        assert!(text.contains("\"parley\": 2"), "{path}");
        let again = load_str("export.json", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(again, tl, "{path}");
        assert_eq!(
            json::write(&again),
            text,
            "{path}: a second export is the first"
        );
    }
}

/// What a bad account or claim link is reported as, and where.
fn problem(from: &str, to: &str) -> String {
    let text = read(DISPUTED);
    assert!(text.contains(from), "{from}");
    let text = text.replacen(from, to, 1);
    load_str("d.json", &text)
        .expect_err("a problem")
        .to_string()
}

#[test]
fn bad_references_are_placed_at_their_line_and_column() {
    let msg = problem(r#""source": "mail-b""#, r#""source": "izvestia""#);
    assert!(msg.contains("d.json:39:"), "{msg}");
    assert!(msg.contains("unknown source 'izvestia'"), "{msg}");
    assert!(msg.contains("events[0].accounts[0].source"), "{msg}");

    let msg = problem(
        r#""contradicts": ["tone-a"]"#,
        r#""contradicts": ["tone-c"]"#,
    );
    assert!(msg.contains("d.json:35:"), "{msg}");
    assert!(
        msg.contains("unknown claim 'tone-c' (known: 'tone-a', 'tone-b')"),
        "{msg}"
    );

    let msg = problem(r#""rank": "deprecated""#, r#""rank": "doubtful""#);
    assert!(msg.contains("d.json:40:"), "{msg}");
    assert!(
        msg.contains("unknown rank 'doubtful' (expected preferred, normal or deprecated)"),
        "{msg}"
    );

    let msg = problem(r#""claim": "tone-a""#, r#""claim": "tone-z""#);
    assert!(msg.contains("unknown claim 'tone-z'"), "{msg}");
    let msg = problem(r#""of": "place""#, r#""of": "venue""#);
    assert!(msg.contains("unknown part 'venue'"), "{msg}");
    let msg = problem(
        r#""of": "place", "place": "miami""#,
        r#""of": "place", "kind": "call""#,
    );
    assert!(msg.contains("an account of 'place' needs 'place'"), "{msg}");
    assert!(msg.contains("'kind' in an account of 'place'"), "{msg}");
    let msg = problem(r#""about": "status""#, r#""about": "topic:weather""#);
    assert!(msg.contains("unknown topic 'weather'"), "{msg}");
    let msg = problem(
        r#""published": "2025-12-02""#,
        r#""published": "2025-12-02T10:00""#,
    );
    assert!(msg.contains("not a publication moment"), "{msg}");
}

#[test]
fn version_1_files_say_version_2_to_use_accounts() {
    let msg = problem(r#""parley": 2"#, r#""parley": 1"#);
    assert!(msg.contains("format version 2"), "{msg}");
    let msg = problem(r#""parley": 2"#, r#""parley": 3"#);
    assert!(msg.contains("expected 1 or 2"), "{msg}");
}

#[test]
fn a_version_1_file_prints_as_it_always_has() {
    let out = Command::cargo_bin("parley")
        .expect("binary")
        .args(["print", V1, "--width", "0"])
        .env("TZ", "UTC")
        .output()
        .expect("runs");
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
    let tl = data::load_file(Path::new(V1)).unwrap_or_else(|e| panic!("{e}"));
    assert!(tl.accounts.is_empty());
}

fn parley() -> Command {
    let mut c = Command::cargo_bin("parley").expect("binary");
    c.env("SOURCE_DATE_EPOCH", "1764979200");
    c
}

fn run(args: &[&str]) -> String {
    let out = parley().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn print_and_the_briefing_give_a_line_per_account() {
    let printed = run(&["print", DISPUTED, "--width", "0"]);
    for line in [
        "time: Tue 2 Dec ~19:35 — AiF via news.mail.ru (3 Dec) · \"about 19:35 Moscow time\"",
        "time: Tue 2 Dec 19:30 — OANN (2 Dec) · \"around 11:30 a.m. ET\" [deprecated]",
        "kind: briefing — Sputnik (6 Dec 00:21 UTC) [preferred]",
        "claim tone-a: \"Productive.\" — Sputnik (6 Dec 00:21 UTC)",
        "status: expected — AP via UNN (4 Dec) · \"will meet\" → held — Axios (5 Dec 09:00 UTC-05:00)",
    ] {
        assert!(
            printed.contains(&format!("                {line}\n")),
            "{line}\n{printed}"
        );
    }
    let briefing = run(&["export", "--format", "md", DISPUTED]);
    assert!(briefing.contains("**Other accounts**"), "{briefing}");
    assert!(
        briefing.contains("- A U.S. official: Positive. (contradicts “Constructive.”) [2]"),
        "{briefing}"
    );
    assert!(
        briefing.contains(
            "- time: Tue 2 Dec \\~19:35 — AiF via news.mail.ru (3 Dec) · \"about 19:35 Moscow time\" [3]"
        ),
        "{briefing}"
    );
}

/// The VEVENT of `uid_start` in an iCalendar text, read back by the `ical` crate.
fn vevent(text: &str, uid_start: &str) -> Vec<(String, String)> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("iCalendar");
    let ev = cal
        .events
        .into_iter()
        .find(|e| {
            e.properties.iter().any(|p| {
                p.name == "UID" && p.value.as_deref().is_some_and(|v| v.starts_with(uid_start))
            })
        })
        .expect("the event");
    ev.properties
        .into_iter()
        .map(|p| {
            let tz = p
                .params
                .unwrap_or_default()
                .into_iter()
                .find(|(k, _)| k == "TZID")
                .map(|(_, v)| v.join(","))
                .unwrap_or_default();
            (format!("{}{tz}", p.name), p.value.unwrap_or_default())
        })
        .collect()
}

fn prop<'a>(props: &'a [(String, String)], name: &str) -> &'a str {
    props
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

#[test]
fn the_calendar_writes_the_preferred_account_and_names_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let calendar = run(&["export", "--format", "ics", DISPUTED]);
    let kremlin = vevent(&calendar, "kremlin.");
    assert_eq!(prop(&kremlin, "DTSTARTEurope/Moscow"), "20251202T194000");
    let description = prop(&kremlin, "DESCRIPTION");
    assert!(
        description.contains("time: Tue 2 Dec ~19:35 — AiF via news.mail.ru (3 Dec)"),
        "{description}"
    );
    assert!(
        description.contains("kind: meeting — the dataset's own account"),
        "{description}"
    );

    // With AiF's start preferred, the calendar starts there, and names the dataset's.
    let text = read(DISPUTED).replacen(
        r#""reported": "about 19:35 Moscow time" }"#,
        r#""reported": "about 19:35 Moscow time", "rank": "preferred" }"#,
        1,
    );
    let path = dir.path().join("preferred.json");
    fs::write(&path, text).expect("written");
    let calendar = run(&["export", "--format", "ics", path.to_str().expect("path")]);
    let kremlin = vevent(&calendar, "kremlin.");
    assert_eq!(prop(&kremlin, "DTSTARTEurope/Moscow"), "20251202T193500");
    let description = prop(&kremlin, "DESCRIPTION");
    assert!(
        description.contains("time: Tue 2 Dec ~19:40 — the dataset's own account"),
        "{description}"
    );
}

#[test]
fn upgrade_writes_version_2_of_the_same_timeline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("v2.json");
    let out_s = out.to_str().expect("path");
    run(&["upgrade", V1, "-o", out_s]);
    let text = fs::read_to_string(&out).expect("written");
    assert!(text.contains("\"parley\": 2"));
    let upgraded = load_str("v2.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(upgraded, load(V1), "the same timeline");
    // Printed, it reads as the version 1 file does.
    assert_eq!(
        run(&["print", out_s, "--width", "0"]),
        run(&["print", V1, "--width", "0"])
    );
    // Run again, the same output is left as it is; another file is not replaced.
    run(&["upgrade", V1, "-o", out_s]);
    let other = dir.path().join("notes.json");
    fs::write(&other, "{\"mine\": true}\n").expect("written");
    let refused = parley()
        .args(["upgrade", V1, "-o", other.to_str().expect("path")])
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    assert_eq!(
        fs::read_to_string(&other).expect("kept"),
        "{\"mine\": true}\n"
    );
    // Never over its input.
    let input = dir.path().join("input.json");
    fs::copy(V1, &input).expect("copied");
    let input_s = input.to_str().expect("path");
    let refused = parley()
        .args(["upgrade", input_s, "-o", input_s, "--force"])
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    assert_eq!(fs::read_to_string(&input).expect("kept"), read(V1));
}

/// Friday 5 December 2025, 17:00 in Miami.
const FRIDAY_EVENING: i64 = 1_764_972_000;

#[test]
fn the_detail_shows_each_account_beside_the_datasets_own() {
    use parley::app::App;
    use parley::app::document::Target;
    use ratatui::crossterm::event::KeyCode;
    for size in [(120, 40), (80, 24)] {
        let tl = data::load_bundled().unwrap_or_else(|e| panic!("{e}"));
        let mut app = App::new(tl, None, FRIDAY_EVENING, size);
        let kremlin = app
            .timeline
            .event_by_id("kremlin-putin")
            .expect("the meeting");
        common::press(&mut app, KeyCode::Home);
        assert_eq!(app.subject(), Some(Target::Event(kremlin)));
        // The list marks it: its start is disputed.
        let list = common::screen(&app);
        let row = list
            .lines()
            .find(|l| l.contains("● Witkoff and Kushner meet Putin"))
            .expect("its row");
        assert!(row.contains(" ≠ "), "{row}");
        common::press(&mut app, KeyCode::Enter);
        let text = common::screen(&app);
        for line in [
            "Accounts",
            // The beginnings of lines, which hold at the detail's narrowest (48 columns).
            "time   Tue 2 Dec ~19:40 → Wed 3 Dec small",
            "Tue 2 Dec ~19:40  news.mail.ru (3",
            "Tue 2 Dec ~19:35  AiF via",
            "Tue 2 Dec ~19:30  OANN (2 Dec)",
        ] {
            assert!(text.contains(line), "{size:?}: {line}\n{text}");
        }
    }
}

#[test]
fn the_generator_puts_accounts_on_a_tenth_of_the_events() {
    let mut plain = Vec::new();
    parley::synthetic::write_with(&mut plain, 300, 4, false).expect("written");
    let mut with = Vec::new();
    parley::synthetic::write_with(&mut with, 300, 4, true).expect("written");
    let plain = load_str("plain.json", &String::from_utf8(plain).expect("UTF-8"))
        .unwrap_or_else(|e| panic!("{e}"));
    let with = load_str("with.json", &String::from_utf8(with).expect("UTF-8"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        plain.same_events(&with),
        "the events themselves are the same"
    );
    assert_eq!(with.accounts.len(), 30);
    assert!(
        with.accounts
            .iter()
            .all(|(_, a)| a.of(Field::Time).count() == 1 && a.of(Field::Place).count() == 1)
    );
    let text = json::write(&with);
    assert_eq!(load_str("again.json", &text).expect("reads back"), with);
}

#[test]
fn the_file_reader_places_a_bad_account_where_the_string_reader_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = read(DISPUTED).replacen(r#""rank": "deprecated""#, r#""rank": "doubtful""#, 1);
    let path = dir.path().join("d.json");
    fs::write(&path, &text).expect("written");
    let from_file = load_file(&path).expect_err("a problem").to_string();
    let from_string = load_str(path.to_str().expect("path"), &text)
        .expect_err("a problem")
        .to_string();
    assert_eq!(from_file, from_string);
    assert!(from_file.contains(":40:"), "{from_file}");
}
