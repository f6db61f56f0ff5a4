//! Exports: iCalendar read back by an independent parser (the `ical` crate), the Markdown
//! briefing of the bundled dataset, JSON that reads back as the same timeline (a property
//! over random datasets), hostile text in every format, and `parley export` itself.

use std::collections::HashMap;
use std::fs;
use std::io::BufReader;

use assert_cmd::Command;
use ical::IcalParser;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use parley::data::export::{ExportFormat, ExportOptions, export, ics, json, markdown};
use parley::data::native::load_str;
use parley::data::{self, timelinejs};
use parley::model::timeline::Timeline;
use pretty_assertions::assert_eq;
use proptest::prelude::*;
use serde_json::{Value, json};

mod common;

/// Saturday 6 December 2025, 00:00 UTC.
const STAMP: i64 = 1_764_979_200;

fn parley() -> Command {
    let mut c = Command::cargo_bin("parley").expect("the parley binary is built");
    c.env("SOURCE_DATE_EPOCH", STAMP.to_string());
    c
}

fn bundled() -> Timeline {
    data::load_bundled().unwrap_or_else(|e| panic!("{e}"))
}

fn calendar(text: &str) -> IcalCalendar {
    let mut parser = IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{text}"));
    assert!(parser.next().is_none(), "only one calendar");
    cal
}

fn prop<'a>(props: &'a [Property], name: &str) -> &'a Property {
    props
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

fn value(props: &[Property], name: &str) -> String {
    prop(props, name).value.clone().unwrap_or_default()
}

fn param(p: &Property, name: &str) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.join(","))
}

/// TEXT values as RFC 5545 writes them, read back.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn by_uid(cal: &IcalCalendar) -> HashMap<String, &IcalEvent> {
    cal.events
        .iter()
        .map(|e| (value(&e.properties, "UID"), e))
        .collect()
}

fn uid(id: &str) -> String {
    format!("{id}.us-ukraine-talks-in-miami-december-2025@parley")
}

#[test]
fn ics_reads_back_with_an_independent_parser() {
    let tl = bundled();
    let text = ics::write(&tl, STAMP);
    let cal = calendar(&text);
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(
        unescape(&value(&cal.properties, "X-WR-CALNAME")),
        "US-Ukraine talks in Miami, December 2025"
    );
    let events = by_uid(&cal);
    assert_eq!(events.len(), 6, "one VEVENT per event, each its own UID");
    for ev in &tl.events {
        let e = events[&uid(ev.id())];
        assert_eq!(unescape(&value(&e.properties, "SUMMARY")), ev.title());
        assert_eq!(value(&e.properties, "DTSTAMP"), "20251206T000000Z");
    }

    // An approximate time: DTSTART is the reported start (~19:40), DTEND the nominal
    // length (~5h) later, in the zone it was reported in.
    let kremlin = &events[&uid("kremlin-putin")].properties;
    let start = prop(kremlin, "DTSTART");
    assert_eq!(param(start, "TZID").as_deref(), Some("Europe/Moscow"));
    assert_eq!(start.value.as_deref(), Some("20251202T194000"));
    let end = prop(kremlin, "DTEND");
    assert_eq!(param(end, "TZID").as_deref(), Some("Europe/Moscow"));
    assert_eq!(end.value.as_deref(), Some("20251203T004000"));
    assert_eq!(value(kremlin, "STATUS"), "CONFIRMED");
    assert_eq!(unescape(&value(kremlin, "LOCATION")), "Kremlin, Moscow");
    assert_eq!(value(kremlin, "CATEGORIES"), "U.S.-backed peace framework");
    let description = unescape(&value(kremlin, "DESCRIPTION"));
    assert!(
        description.contains(
            "Start between Tue 2 Dec 2025 19:25 and 19:55 (Europe/Moscow); end between Wed 3 Dec 2025 00:00 and 01:25."
        ),
        "{description}"
    );
    assert!(
        description.contains(
            "As reported: “an intensive and lengthy meeting that concluded early Wednesday”"
        ),
        "{description}"
    );
    assert!(
        description.contains(
            "Yuri Ushakov (Russia): Said the meeting was held on Tuesday at the Kremlin, with Ushakov and Dmitriev beside Putin. [Readout by Kremlin aide Yuri Ushakov, via ria.ru]"
        ),
        "{description}"
    );
    assert!(description.starts_with("The preliminary high-level talks"));
    assert_eq!(value(kremlin, "X-PARLEY-START"), "~2025-12-02T19:40");

    // Attendees with their names and roles.
    let attendees: Vec<(String, String, String)> = kremlin
        .iter()
        .filter(|p| p.name == "ATTENDEE")
        .map(|p| {
            (
                param(p, "CN").unwrap_or_default(),
                param(p, "ROLE").unwrap_or_default(),
                p.value.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(attendees.len(), 5);
    assert_eq!(
        attendees[0],
        (
            "Vladimir Putin".to_string(),
            "CHAIR".to_string(),
            "urn:x-parley:participant:putin".to_string()
        )
    );
    assert_eq!(attendees[3].0, "Steve Witkoff");
    assert_eq!(attendees[3].1, "REQ-PARTICIPANT");

    // A date-only span: all-day dates, the end the day after the last.
    let weekend = &events[&uid("miami-weekend")].properties;
    let start = prop(weekend, "DTSTART");
    assert_eq!(param(start, "VALUE").as_deref(), Some("DATE"));
    assert_eq!(start.value.as_deref(), Some("20251206"));
    let end = prop(weekend, "DTEND");
    assert_eq!(param(end, "VALUE").as_deref(), Some("DATE"));
    assert_eq!(end.value.as_deref(), Some("20251208"));
    assert_eq!(value(weekend, "STATUS"), "TENTATIVE", "expected");
    assert_eq!(
        unescape(&value(weekend, "CATEGORIES")),
        "U.S.-backed peace framework,New ideas to bridge differences,Continuing the talks"
    );

    // "Friday morning" to "Friday": from 06:00 to the end of the day, New York time.
    let friday = &events[&uid("miami-friday")].properties;
    let start = prop(friday, "DTSTART");
    assert_eq!(param(start, "TZID").as_deref(), Some("America/New_York"));
    assert_eq!(start.value.as_deref(), Some("20251205T060000"));
    assert_eq!(value(friday, "DTEND"), "20251206T000000");

    // Every TZID used has its VTIMEZONE, with the offsets in force.
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .map(|z| value(&z.properties, "TZID"))
        .collect();
    assert_eq!(zones, ["America/New_York", "Europe/Moscow"]);
    let moscow = &cal.timezones[1];
    assert_eq!(
        moscow.transitions.len(),
        1,
        "no change in Moscow since 2014"
    );
    assert_eq!(
        value(&moscow.transitions[0].properties, "TZOFFSETTO"),
        "+0300"
    );
    let new_york = &cal.timezones[0];
    let changes: Vec<(String, String)> = new_york
        .transitions
        .iter()
        .map(|t| {
            (
                value(&t.properties, "DTSTART"),
                value(&t.properties, "TZOFFSETTO"),
            )
        })
        .collect();
    assert!(changes.contains(&("20251102T020000".into(), "-0500".into())));
    assert!(changes.contains(&("20250309T020000".into(), "-0400".into())));
}

#[test]
fn ics_is_well_formed_text() {
    let text = ics::write(&bundled(), STAMP);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "CRLF only"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

/// A dataset of one event per status, kind and precision.
fn variety() -> String {
    let statuses = [
        "held",
        "ongoing",
        "scheduled",
        "expected",
        "postponed",
        "cancelled",
    ];
    let events: Vec<Value> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": format!("e-{s}"), "title": format!("Event; {s}, with \\ and\nlines"),
                "kind": "call", "status": s,
                "time": { "start": format!("2025-12-1{i}T10:00"), "zone": if i % 2 == 0 { "UTC" } else { "Asia/Kolkata" } },
                "topics": ["a,b", "c;d"],
                "participants": [{ "person": "x" }],
            })
        })
        .chain([
            json!({ "id": "month", "title": "A month", "kind": "talks", "status": "held",
                    "time": { "start": "2025-11" } }),
            json!({ "id": "about-a-day", "title": "About a day", "kind": "talks", "status": "held",
                    "time": { "start": "~2025-11-20" } }),
        ])
        .collect();
    json!({
        "title": "Variety", "zone": "Europe/Berlin",
        "participants": [{ "id": "x", "name": "Ana \"Quotes\" ^ Caret, Jr.", "role": "host" }],
        "topics": [{ "id": "a,b", "name": "Trade, energy" }, { "id": "c;d", "name": "A;B" }],
        "events": events,
    })
    .to_string()
}

#[test]
fn ics_statuses_dates_and_escapes() {
    let tl = load_str("variety.json", &variety()).unwrap_or_else(|e| panic!("{e}"));
    let cal = calendar(&ics::write(&tl, STAMP));
    let status_of = |id: &str| {
        let e = by_uid(&cal)[&format!("{id}.variety@parley")];
        value(&e.properties, "STATUS")
    };
    assert_eq!(status_of("e-held"), "CONFIRMED");
    assert_eq!(status_of("e-ongoing"), "CONFIRMED");
    assert_eq!(status_of("e-scheduled"), "TENTATIVE");
    assert_eq!(status_of("e-expected"), "TENTATIVE");
    assert_eq!(status_of("e-postponed"), "TENTATIVE");
    assert_eq!(status_of("e-cancelled"), "CANCELLED");

    let events = by_uid(&cal);
    let held = &events["e-held.variety@parley"].properties;
    assert_eq!(
        unescape(&value(held, "SUMMARY")),
        "Event; held, with \\ and lines"
    );
    assert_eq!(
        value(held, "SUMMARY"),
        "Event\\; held\\, with \\\\ and lines"
    );
    assert_eq!(value(held, "CATEGORIES"), "Trade\\, energy,A\\;B");
    // In UTC: the UTC form, and no VTIMEZONE for it.
    assert_eq!(value(held, "DTSTART"), "20251210T100000Z");
    let kolkata = &events["e-ongoing.variety@parley"].properties;
    assert_eq!(
        param(prop(kolkata, "DTSTART"), "TZID").as_deref(),
        Some("Asia/Kolkata")
    );
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .map(|z| value(&z.properties, "TZID"))
        .collect();
    assert_eq!(zones, ["Asia/Kolkata"]);
    assert_eq!(
        value(&cal.timezones[0].transitions[0].properties, "TZOFFSETTO"),
        "+0530"
    );
    let attendee = prop(held, "ATTENDEE");
    assert_eq!(
        param(attendee, "CN").as_deref(),
        Some("Ana ^'Quotes^' ^^ Caret, Jr."),
        "RFC 6868 caret escapes inside a quoted value"
    );

    // A month: one all-day entry on its first day, named in the summary.
    let month = &events["month.variety@parley"].properties;
    assert_eq!(value(month, "DTSTART"), "20251101");
    assert_eq!(value(month, "DTEND"), "20251102");
    assert_eq!(
        unescape(&value(month, "SUMMARY")),
        "A month (November 2025)"
    );
    // About a day: that day, all day; the bounds stay in the description.
    let about = &events["about-a-day.variety@parley"].properties;
    assert_eq!(value(about, "DTSTART"), "20251120");
    assert_eq!(value(about, "DTEND"), "20251121");
    let description = unescape(&value(about, "DESCRIPTION"));
    assert!(
        description.contains("As recorded: start ~2025-11-20."),
        "{description}"
    );
}

#[test]
fn the_markdown_briefing_of_the_bundled_dataset() {
    let tl = bundled();
    let md = markdown::write(&tl, tl.meta.zone);
    insta::assert_snapshot!("briefing_new_york", md);
}

#[test]
fn the_json_export_of_the_bundled_dataset_reads_back_the_same() {
    let tl = bundled();
    let text = json::write(&tl);
    let again = load_str("export.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, tl);
    assert_eq!(json::write(&again), text, "normalised: a fixed point");
    // The same content as the bundled file, in canonical form.
    let original: Value = serde_json::from_str(data::BUNDLED).expect("JSON");
    let exported: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(original["participants"][0], exported["participants"][0]);
    assert_eq!(original["events"][0]["time"], exported["events"][0]["time"]);
}

#[test]
fn every_export_says_as_of_when() {
    let tl = bundled();
    let as_of = tl.meta.as_of.expect("the bundled dataset declares as_of");
    let label = as_of.label();
    // JSON: written back as written.
    let exported: Value = serde_json::from_str(&json::write(&tl)).expect("JSON");
    let original: Value = serde_json::from_str(data::BUNDLED).expect("JSON");
    assert_eq!(exported["as_of"], original["as_of"]);
    // Markdown: a line of its own under the header.
    let md = markdown::write(&tl, tl.meta.zone);
    assert!(md.contains(&format!("\n*As of {label}*\n")), "{md}");
    // iCalendar: in the calendar's description, and the expression for a reader.
    let text = ics::write(&tl, STAMP);
    let cal = calendar(&text);
    let desc = unescape(&value(&cal.properties, "X-WR-CALDESC"));
    assert!(desc.ends_with(&format!("As of {label}.")), "{desc}");
    assert_eq!(
        value(&cal.properties, "X-PARLEY-AS-OF"),
        original["as_of"].as_str().expect("a string")
    );
}

#[test]
fn a_timelinejs_import_exports_to_the_native_format() {
    let path = "tests/fixtures/timelinejs/miami-week.json";
    let text = fs::read_to_string(path).expect("fixture");
    let zone = "America/New_York".parse().ok();
    let tl = timelinejs::load_str(path, &text, zone).unwrap_or_else(|e| panic!("{e}"));
    let native = json::write(&tl);
    let again = load_str("native.json", &native).unwrap_or_else(|e| panic!("{e}\n{native}"));
    assert_eq!(again, tl);
    // And to a calendar: the hour-only time is that clock time, as TimelineJS shows it.
    let cal = calendar(&ics::write(&tl, STAMP));
    let events = by_uid(&cal);
    let statement = &events["state-department.the-miami-talks-december-2025@parley"].properties;
    assert_eq!(value(statement, "DTSTART"), "20251205T210000");
}

fn no_raw_controls(format: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    for (i, c) in text.char_indices() {
        let allowed = c == '\n' || (c == '\r' && text[i + 1..].starts_with('\n'));
        assert!(
            allowed || !(c.is_control()),
            "{format}: {c:?} at byte {i} reached the output"
        );
        // (A zero-width joiner between emoji is kept: it builds one picture.)
        assert!(
            !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'),
            "{format}: {c:?} at byte {i} reached the output"
        );
    }
    for bad in [
        &[0x1b][..],
        &[0x07],
        &[0x08],
        &[0x7f],
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
    ] {
        assert!(
            !bytes.windows(bad.len()).any(|w| w == bad),
            "{format}: {bad:?} reached the output"
        );
    }
}

#[test]
fn hostile_text_never_reaches_an_export_raw() {
    for format in ["ics", "md", "json"] {
        let out = parley()
            .args(["export", "--format", format, "tests/hostile/injection.json"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        no_raw_controls(format, &out.stdout);
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        // Shown as visible escapes, as everywhere else; kept in the JSON data as
        // JSON escapes of the characters as written.
        let escape = if format == "json" { "\\u001b" } else { "u{1b}" };
        assert!(text.contains(escape), "{format}: {text}");
        assert!(text.contains("PWNED-TITLE"), "{format}: {text}");
    }
    // The JSON export of hostile text is still the same dataset.
    let text = fs::read_to_string("tests/hostile/injection.json").expect("corpus");
    let tl = load_str("injection.json", &text).unwrap_or_else(|e| panic!("{e}"));
    let again = load_str("again.json", &json::write(&tl)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, tl);
}

#[test]
fn export_writes_stdout_or_a_file_in_one_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stdout = parley()
        .args(["export", "--format", "ics"])
        .output()
        .expect("runs");
    assert!(stdout.status.success());

    // The format told from the extension; the file equals what stdout had.
    let out = dir.path().join("talks.ics");
    parley()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    assert_eq!(fs::read(&out).expect("written"), stdout.stdout);

    // An existing file that is no earlier briefing is replaced whole, with --force only.
    let md = dir.path().join("briefing.md");
    fs::write(&md, "old").expect("write");
    parley()
        .args(["export", "--tz", "Europe/Moscow", "--output"])
        .arg(&md)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(fs::read_to_string(&md).expect("kept"), "old");
    parley()
        .args(["export", "--force", "--tz", "Europe/Moscow", "--output"])
        .arg(&md)
        .assert()
        .code(0);
    let briefing = fs::read_to_string(&md).expect("written");
    assert!(briefing.starts_with("# US-Ukraine talks in Miami, December 2025\n"));
    assert!(briefing.contains("*Times in Europe/Moscow · 6 events*"));

    // A file that does not load leaves the output as it was.
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{").expect("write");
    parley()
        .args(["export", "--format", "md", "-o"])
        .arg(&md)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("");
    assert_eq!(fs::read_to_string(&md).expect("kept"), briefing);

    // A folder is no output file.
    parley()
        .args(["export", "--format", "json", "-o"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot write"));

    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("parley-tmp") && !n.starts_with(".parley-")),
        "{names:?}"
    );

    // Without a format or an extension that says one: a usage error.
    parley()
        .args(["export"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format ics, md or json"));
    parley()
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn export_reads_timelinejs_too() {
    let out = parley()
        .args([
            "export",
            "--format",
            "json",
            "--input-format",
            "timelinejs",
            "--zone-of-file",
            "Europe/Moscow",
            "tests/fixtures/timelinejs/minimal.json",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["zone"], "Europe/Moscow");
    assert_eq!(value["events"][0]["time"]["start"], "1989-11-09");
}

// Random datasets: every time form, tolerance, duration, zone, claim and relation.

const ZONES: [&str; 7] = [
    "America/New_York",
    "Europe/Moscow",
    "UTC",
    "Asia/Kolkata",
    "Europe/Berlin",
    "Asia/Kathmandu",
    "America/St_Johns",
];

const TEXTS: [&str; 8] = [
    "Steve Witkoff",
    "Рустем Умєров",
    "乌梅罗夫",
    "tab\tand\nnew line\r\nand CR\r",
    "Ana 👩\u{200d}💻 \u{202e}bidi",
    "Mark \u{1b}[31m red \u{9b}",
    "quotes \" and \\ backslash; commas, *stars* [link](x) <b>",
    "x",
];

fn text_of(n: u8) -> &'static str {
    TEXTS[usize::from(n) % TEXTS.len()]
}

#[derive(Clone, Debug)]
struct Spec {
    day: u8,
    form: u8,
    hour: u8,
    minute: u8,
    end: u8,
    duration: u8,
    zone: u8,
    status: u8,
    people: u8,
    roles: u8,
    topics: u8,
    place: u8,
    text: u8,
    claims: u8,
    relate: u8,
    sources: u8,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (0u8..40, 0u8..12, 0u8..24, 0u8..60, 0u8..6, 0u8..8),
        (0u8..12, 0u8..6, any::<u8>(), any::<u8>(), any::<u8>()),
        (0u8..5, any::<u8>(), 0u8..4, 0u8..4, any::<u8>()),
    )
        .prop_map(
            |(
                (day, form, hour, minute, end, duration),
                (zone, status, people, roles, topics),
                (place, text, claims, relate, sources),
            )| Spec {
                day,
                form,
                hour,
                minute,
                end,
                duration,
                zone,
                status,
                people,
                roles,
                topics,
                place,
                text,
                claims,
                relate,
                sources,
            },
        )
}

fn day(offset: u64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap_or_default() + chrono::Days::new(offset)
}

fn start_of(s: &Spec) -> String {
    let date = day(u64::from(s.day));
    let d = date.format("%Y-%m-%d");
    let (h, m) = (s.hour, s.minute);
    match s.form {
        0 => format!("{d}T{h:02}:{m:02}"),
        1 => format!("~{d}T{h:02}:{m:02}"),
        2 => format!("{d}T{h:02}:{m:02}:{:02}", (h + m) % 60),
        3 => format!("{d}T{h:02}:{m:02}±{}m", 1 + m % 90),
        4 => format!("{d} evening"),
        5 => format!("~{d} small-hours"),
        6 => d.to_string(),
        7 => format!("~{d}"),
        8 => date.format("%Y-%m").to_string(),
        9 => date.format("%Y").to_string(),
        10 => format!("{d} night±1h30m"),
        _ => format!("{d}T{h:02}:{m:02}±2h"),
    }
}

/// An end after any start on the same day, or none (then maybe a duration).
fn end_of(s: &Spec) -> Option<String> {
    let next = day(u64::from(s.day) + 1).format("%Y-%m-%d");
    let later = day(u64::from(s.day) + 3).format("%Y-%m-%d");
    match s.end {
        1 => Some(format!("{next}T{:02}:{:02}", s.hour, s.minute)),
        2 => Some(format!("{next} morning")),
        3 => Some(later.to_string()),
        4 => Some(format!("~{later}")),
        _ => None,
    }
}

fn dataset(people: usize, sources: usize, specs: &[Spec]) -> String {
    let parties = json!([
        { "id": "us", "name": text_of(0), "colour": "blue" },
        { "id": "ua", "name": text_of(1) },
    ]);
    let people_json: Vec<Value> = (0..people)
        .map(|i| {
            let mut p = json!({ "id": format!("u{i}"), "name": text_of(i as u8), "role": text_of(i as u8 + 3) });
            if i % 3 != 2 {
                p["party"] = json!(if i % 2 == 0 { "us" } else { "ua" });
            }
            if i % 2 == 0 {
                p["note"] = json!(text_of(i as u8 + 1));
            }
            p
        })
        .collect();
    let places: Vec<Value> = (0..4)
        .map(|i| json!({ "id": format!("pl{i}"), "name": text_of(i), "zone": ZONES[usize::from(i) % ZONES.len()] }))
        .collect();
    let topics: Vec<Value> = (0..3)
        .map(|i| json!({ "id": format!("t{i}"), "name": text_of(i + 2) }))
        .collect();
    let kinds = [
        "outlet",
        "agency",
        "official-statement",
        "named-official",
        "unnamed-official",
        "document",
        "reference",
    ];
    let sources_json: Vec<Value> = (0..sources)
        .map(|i| {
            let mut s = json!({ "id": format!("s{i}"), "name": text_of(i as u8 + 4), "kind": kinds[i % kinds.len()] });
            if i % 2 == 0 {
                s["url"] = json!(format!("https://example.org/{i}"));
            }
            if i % 3 == 0 {
                s["published"] = json!(day(i as u64).format("%Y-%m-%d").to_string());
            }
            s
        })
        .collect();
    let statuses = [
        "held",
        "ongoing",
        "scheduled",
        "expected",
        "postponed",
        "cancelled",
    ];
    let durations = [
        "2h",
        "~5h",
        "lengthy",
        "brief",
        "4h..6h",
        "~10m",
        "1d2h30m15s",
    ];
    let relations = [
        "follows",
        "continues",
        "briefs-on",
        "precedes",
        "responds-to",
    ];
    let events: Vec<Value> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut time = json!({ "start": start_of(s) });
            match end_of(s) {
                Some(end) => time["end"] = json!(end),
                None if s.duration > 0 => {
                    time["duration"] = json!(durations[usize::from(s.duration) % durations.len()]);
                }
                None => {}
            }
            if s.zone < 7 {
                time["zone"] = json!(ZONES[usize::from(s.zone)]);
            }
            if s.text % 2 == 0 {
                time["reported"] = json!(text_of(s.text));
            }
            let attendees: Vec<Value> = (0..people)
                .filter(|p| s.people & (1 << (p % 8)) != 0)
                .map(|p| {
                    if s.roles & (1 << (p % 8)) != 0 {
                        json!({ "person": format!("u{p}"), "role": text_of(s.roles.wrapping_add(p as u8)) })
                    } else {
                        json!({ "person": format!("u{p}") })
                    }
                })
                .collect();
            let topic_ids: Vec<Value> = (0..3)
                .filter(|t| s.topics & (1 << t) != 0)
                .map(|t| json!(format!("t{t}")))
                .collect();
            let mut ev = json!({
                "id": format!("e{i}"),
                "title": format!("Event {i}: {}", text_of(s.text)),
                "kind": "meeting",
                "status": statuses[usize::from(s.status) % statuses.len()],
                "time": time,
                "participants": attendees,
                "topics": topic_ids,
                "summary": text_of(s.text.wrapping_add(3)),
                "outcomes": [text_of(s.text.wrapping_add(1)), text_of(s.text.wrapping_add(2))],
            });
            if s.place < 4 {
                ev["place"] = json!(format!("pl{}", s.place));
            }
            if sources > 0 {
                let claims: Vec<Value> = (0..s.claims)
                    .map(|c| {
                        let mut claim = json!({ "text": text_of(c.wrapping_add(s.text)), "source": format!("s{}", usize::from(c) % sources) });
                        if people > 0 && c % 2 == 0 {
                            claim["person"] = json!(format!("u{}", usize::from(c) % people));
                        } else {
                            claim["speaker"] = json!(text_of(c));
                        }
                        if c == 1 {
                            claim["party"] = json!("ua");
                        }
                        claim
                    })
                    .collect();
                ev["claims"] = json!(claims);
                let cited: Vec<Value> = (0..sources)
                    .filter(|k| s.sources & (1 << (k % 8)) != 0)
                    .map(|k| json!(format!("s{k}")))
                    .collect();
                ev["sources"] = json!(cited);
            }
            if i > 0 && s.relate > 0 {
                let targets: Vec<Value> = (0..usize::from(s.relate).min(i))
                    .map(|k| json!({ "kind": relations[(i + k) % relations.len()], "event": format!("e{}", i - 1 - k) }))
                    .collect();
                ev["relations"] = json!(targets);
            }
            ev
        })
        .collect();
    json!({
        "parley": 1,
        "title": text_of(specs.len() as u8),
        "description": text_of(specs.len() as u8 + 1),
        "zone": ZONES[specs.len() % ZONES.len()],
        "parties": parties,
        "participants": people_json,
        "places": places,
        "topics": topics,
        "sources": sources_json,
        "events": events,
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Import -> export -> import is the identity, and the export is a fixed point.
    #[test]
    fn json_export_then_import_is_the_identity(
        people in 0usize..9,
        sources in 0usize..5,
        specs in proptest::collection::vec(spec(), 0..16),
    ) {
        let text = dataset(people, sources, &specs);
        let tl = load_str("generated.json", &text)
            .map_err(|e| TestCaseError::fail(format!("generated dataset invalid: {e}\n{text}")))?;
        let exported = json::write(&tl);
        let again = load_str("exported.json", &exported)
            .map_err(|e| TestCaseError::fail(format!("export does not load: {e}\n{exported}")))?;
        prop_assert_eq!(&again, &tl);
        prop_assert_eq!(json::write(&again), exported);
    }

    /// Every export of any dataset is clean text, and the calendar parses.
    #[test]
    fn every_export_is_clean(
        people in 0usize..5,
        sources in 0usize..3,
        specs in proptest::collection::vec(spec(), 0..8),
    ) {
        let text = dataset(people, sources, &specs);
        let tl = load_str("generated.json", &text)
            .map_err(|e| TestCaseError::fail(format!("generated dataset invalid: {e}\n{text}")))?;
        for flavor in [markdown::Flavor::CommonMark, markdown::Flavor::Gfm] {
            let options = ExportOptions { zone: tl.meta.zone, stamp: STAMP, flavor };
            for format in [ExportFormat::Ics, ExportFormat::Markdown, ExportFormat::Json] {
                let out = export(&tl, format, &options);
                no_raw_controls(&format!("{format:?}"), out.as_bytes());
            }
        }
        let text = ics::write(&tl, STAMP);
        let cal = calendar(&text);
        prop_assert_eq!(cal.events.len(), tl.events.len());
        // A second, independent parser reads the same events.
        let second: icalendar::Calendar = text
            .parse()
            .map_err(|e| TestCaseError::fail(format!("icalendar: {e}\n{text}")))?;
        prop_assert_eq!(second.events().count(), tl.events.len());
        // DTEND after DTSTART, where both are written alike (same zone, same form).
        for e in &cal.events {
            let (Some(start), Some(end)) = (
                e.properties.iter().find(|p| p.name == "DTSTART"),
                e.properties.iter().find(|p| p.name == "DTEND"),
            ) else {
                continue;
            };
            if start.params == end.params {
                prop_assert!(end.value > start.value, "{:?} to {:?}", start, end);
            }
        }
    }
}

#[test]
fn durations_write_back_as_they_read() {
    use parley::model::time::{Span, describe_span};
    for text in [
        "2h",
        "90m",
        "1h30m",
        "2d",
        "0m",
        "~5h",
        "~10m",
        "~15m",
        "~1m",
        "~0m",
        "~100h",
        "4h..6h",
        "0m..1h",
        "brief",
        "lengthy",
        "1d2h30m15s",
    ] {
        let span = Span::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let written = describe_span(&span);
        assert_eq!(Span::parse(&written), Ok(span), "{text} -> {written}");
    }
}

/// Found by fuzzing: times a few thousand years apart in one zone made the calendar list
/// every change of offset in between (millions of days sampled, seconds to write).
#[test]
fn a_vtimezone_covers_only_the_years_used() {
    let json = r#"{"events": [
        {"unique_id": "a", "start_date": {"year": 1012, "month": 12, "day": 2, "hour": 19, "minute": 40}},
        {"unique_id": "b", "start_date": {"year": 2030, "month": 12, "day": 5, "hour": 21, "minute": 0}}
    ]}"#;
    let zone = "America/New_York".parse().ok();
    let tl = timelinejs::load_str("t.json", json, zone).unwrap_or_else(|e| panic!("{e}"));
    let cal = calendar(&ics::write(&tl, STAMP));
    assert_eq!(cal.timezones.len(), 1);
    let starts: Vec<String> = cal.timezones[0]
        .transitions
        .iter()
        .map(|t| value(&t.properties, "DTSTART"))
        .collect();
    // Each year's observance at its start, then that year's changes.
    assert_eq!(
        starts,
        [
            "10120101T000000",
            "20300101T000000",
            "20300310T020000",
            "20301103T020000"
        ]
    );
}

/// A day reported in Moscow, briefed in New York's times (where it began the evening
/// before): its "When" names Moscow, as the detail pane does, and no local time repeats
/// the same words.
#[test]
fn the_briefing_tells_a_day_reported_elsewhere_in_its_own_zone() {
    let tl = common::kremlin_as_moscow_day();
    let md = markdown::write(&tl, chrono_tz::America::New_York);
    let section = md
        .split("\n### ")
        .find(|s| s.contains("Witkoff and Kushner meet Putin"))
        .unwrap_or_else(|| panic!("the meeting is briefed:\n{md}"));
    assert!(
        section.contains("- **When:** Tue 2 Dec all day (Europe/Moscow)"),
        "{section}"
    );
    assert!(!section.contains("Local time"), "{section}");
    assert!(!section.contains("America/New_York"), "{section}");
}

/// Events at the ends of what iCalendar can write, and past them.
fn edges() -> String {
    let event = |id: &str, start: &str, end: Option<&str>, zone: &str| {
        let mut time = json!({ "start": start, "zone": zone });
        if let Some(end) = end {
            time["end"] = json!(end);
        }
        json!({ "id": id, "title": id, "kind": "talks", "status": "held", "time": time })
    };
    json!({
        "title": "Edges", "zone": "UTC",
        "events": [
            event("last-day", "9999-12-31", None, "UTC"),
            event("last-days", "9999-12-30", Some("9999-12-31"), "UTC"),
            event("last-evening", "9999-12-31T20:00", Some("9999-12-31T23:00"), "America/New_York"),
            event("first-day", "0001-01-01", None, "UTC"),
            event("first-morning", "0001-01-01T09:00", None, "Europe/Berlin"),
            event("year-zero", "0000-06-01", None, "UTC"),
            event("year-zero-time", "0000-06-01T10:00", None, "UTC"),
        ],
    })
    .to_string()
}

#[test]
fn ics_years_are_always_four_digits_and_the_rest_is_left_out_with_a_note() {
    let text = edges();
    let tl = load_str("edges.json", &text).unwrap_or_else(|e| panic!("{e}"));
    let ics = ics::write(&tl, STAMP);
    assert!(
        ics.lines()
            .all(|l| !l.contains(":+") || l.starts_with("TZOFFSET")),
        "{ics}"
    );
    let cal = calendar(&ics);
    let events = by_uid(&cal);
    let mut uids: Vec<&str> = events.keys().map(String::as_str).collect();
    uids.sort_unstable();
    assert_eq!(
        uids,
        [
            "first-day.edges@parley",
            "first-morning.edges@parley",
            "last-day.edges@parley",
            "last-days.edges@parley",
            "last-evening.edges@parley",
        ]
    );
    assert_eq!(ics::skipped(&tl), 2);
    // Every date and time written has a year of four digits, 0001 to 9999.
    for ev in events.values() {
        for p in &ev.properties {
            if p.name == "DTSTART" || p.name == "DTEND" {
                let v = p.value.clone().unwrap_or_default();
                let digits = v.get(..8).unwrap_or_default();
                assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{v}");
                let year: u32 = digits[..4].parse().unwrap_or_else(|_| panic!("{v}"));
                assert!((1..=9999).contains(&year), "{v}");
            }
        }
    }
    // An end past 9999-12-31 is a duration instead.
    let last = &events["last-day.edges@parley"].properties;
    assert_eq!(value(last, "DTSTART"), "99991231");
    assert_eq!(value(last, "DURATION"), "P1D");
    assert!(last.iter().all(|p| p.name != "DTEND"));
    let days = &events["last-days.edges@parley"].properties;
    assert_eq!(value(days, "DURATION"), "P2D");
    // 23:00 in New York is already year 10000 in UTC, but written in local time.
    let evening = &events["last-evening.edges@parley"].properties;
    assert_eq!(value(evening, "DTEND"), "99991231T230000");
    let first = &events["first-day.edges@parley"].properties;
    assert_eq!(value(first, "DTSTART"), "00010101");
    assert_eq!(value(first, "DTEND"), "00010102");

    // The command says how many it left out.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("edges.json");
    fs::write(&file, &text).expect("write");
    parley()
        .args(["export", "--format", "ics"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(ics)
        .stderr(
            "parley: 2 events left out of the calendar: dates outside years 0001 to 9999, \
             which iCalendar cannot write\n",
        );
}
