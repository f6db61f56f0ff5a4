//! Validation: every problem is found and reported with its place; the ordering rule.

use parley::data::native::load_str;
use parley::model::timeline::Timeline;
use pretty_assertions::assert_eq;

/// A small valid dataset; `{EVENTS}` is replaced by the events under test.
const BASE: &str = r#"{
  "title": "Test",
  "zone": "America/New_York",
  "parties": [{ "id": "us", "name": "United States" }],
  "participants": [{ "id": "witkoff", "name": "Steve Witkoff", "party": "us" }],
  "places": [{ "id": "miami", "name": "Miami", "zone": "America/New_York" }],
  "topics": [{ "id": "peace", "name": "Peace plan" }],
  "sources": [{ "id": "report", "name": "A report", "kind": "outlet" }],
  "events": [
EVENTS
  ]
}"#;

fn with_events(events: &str) -> String {
    BASE.replace("EVENTS", events)
}

fn problems(text: &str) -> Vec<String> {
    match load_str("test.json", text) {
        Ok(_) => vec![],
        Err(e) => e.to_string().lines().map(str::to_string).collect(),
    }
}

fn event(id: &str, extra: &str) -> String {
    format!(
        r#"    {{ "id": "{id}", "title": "T", "kind": "meeting", "status": "held", "time": {{ "start": "2025-12-04 evening" }}{extra} }}"#
    )
}

/// 1-based line and column of the last occurrence of `needle`, found independently of
/// the locator under test.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .rfind(needle)
        .unwrap_or_else(|| panic!("{needle} not in input"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

fn load(text: &str) -> Timeline {
    load_str("test.json", text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_base_dataset_is_valid() {
    let tl = load(&with_events(&event("a", "")));
    assert_eq!(tl.events.len(), 1);
}

#[test]
fn each_bad_input_reports_its_problem() {
    // (input, the text the problem must point at, path and message)
    let table: Vec<(String, &str, &str)> = vec![
        (
            with_events(&event("a", r#", "place": "moscow""#)),
            r#""moscow""#,
            "events[0].place: unknown place 'moscow' (known: 'miami')",
        ),
        (
            with_events(&event("a", r#", "participants": [{ "person": "putin" }]"#)),
            r#""putin""#,
            "events[0].participants[0].person: unknown participant 'putin' (known: 'witkoff')",
        ),
        (
            with_events(&event("a", r#", "topics": ["weather"]"#)),
            r#""weather""#,
            "events[0].topics[0]: unknown topic 'weather' (known: 'peace')",
        ),
        (
            with_events(&event("a", r#", "sources": ["tass"]"#)),
            r#""tass""#,
            "events[0].sources[0]: unknown source 'tass' (known: 'report')",
        ),
        (
            with_events(&event("a", r#", "claims": [{ "speaker": "x", "text": "y", "source": "report", "party": "ua" }]"#)),
            r#""ua""#,
            "events[0].claims[0].party: unknown party 'ua' (known: 'us')",
        ),
        (
            with_events(&format!("{},\n{}", event("a", ""), event("a", ""))),
            r#""a""#,
            "events[1].id: duplicate id 'a' (already used by events[0])",
        ),
        (
            with_events(&event("a", "").replace(r#""start": "2025-12-04 evening""#, r#""start": "2025-12-04 evening", "end": "2025-12-03""#)),
            r#""2025-12-03""#,
            "events[0].time.end: the end (2025-12-03) is before the start (2025-12-04 evening)",
        ),
        (
            with_events(&event("a", "").replace("2025-12-04 evening", "2025-02-30")),
            r#""2025-02-30""#,
            "events[0].time.start: 2025-02-30 is not a date (that month has no day 30)",
        ),
        (
            with_events(&event("a", "").replace("evening", "teatime")),
            r#""2025-12-04 teatime""#,
            "events[0].time.start: 'teatime' is not a part of the day (expected one of small-hours, morning, afternoon, evening, night)",
        ),
        (
            with_events(&event("a", "").replace(r#""start""#, r#""zone": "Mars/Olympus", "start""#)),
            r#""Mars/Olympus""#,
            "events[0].time.zone: unknown time zone 'Mars/Olympus' (expected an IANA zone such as Europe/Moscow or America/New_York)",
        ),
        (
            with_events(&event("a", "").replace(r#""held""#, r#""rumoured""#)),
            r#""rumoured""#,
            "events[0].status: unknown status 'rumoured' (expected held, ongoing, scheduled, expected, postponed or cancelled)",
        ),
        (
            with_events(&event("a", "").replace(r#""meeting""#, r#""dinner""#)),
            r#""dinner""#,
            "events[0].kind: unknown event kind 'dinner' (expected meeting, session, talks, call, statement, briefing, press-conference, interview, visit, summit, announcement or event)",
        ),
        (
            with_events(&event("a", r#", "relations": [{ "kind": "follows", "event": "b" }]"#)),
            r#""b""#,
            "events[0].relations[0].event: unknown event 'b' (known: 'a')",
        ),
        (
            with_events(&event("a", r#", "claims": [{ "text": "y", "source": "report" }]"#)),
            r#"{ "text": "y""#,
            r#"events[0].claims[0]: a claim needs a 'person' (a participant id) or a 'speaker' (e.g. "a U.S. official")"#,
        ),
        (
            with_events(&event("a", "").replace(r#""time": { "start": "2025-12-04 evening" }"#, r#""time": { "start": "2025-12-04T09:00", "duration": "five hours" }"#)),
            r#""five hours""#,
            "events[0].time.duration: 'five hours' is not a duration; expected a duration such as 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy",
        ),
        (
            with_events(&event("a", "").replace(r#""time": { "start": "2025-12-04 evening" }"#, r#""time": { "start": "2025-12-04T09:00", "end": "2025-12-04T10:00", "duration": "5h" }"#)),
            r#""5h""#,
            "events[0].time.duration: the end (2025-12-04T10:00) and the duration (5 h) cannot both hold",
        ),
        (
            with_events(&event("a", "")).replace(r#""zone": "America/New_York","#, r#""zone": "America/Miami","#),
            r#""America/Miami""#,
            "zone: unknown time zone 'America/Miami' (expected an IANA zone such as Europe/Moscow or America/New_York)",
        ),
        (
            with_events(&event("a", "")).replace(r#""kind": "outlet""#, r#""kind": "blog""#),
            r#""blog""#,
            "sources[0].kind: unknown source kind 'blog' (expected one of outlet, agency, official-statement, named-official, unnamed-official, document, reference)",
        ),
    ];
    for (input, needle, expected) in table {
        let (line, column) = position_of(&input, needle);
        let expected = format!("test.json:{line}:{column}: {expected}");
        assert_eq!(problems(&input), vec![expected], "input:\n{input}");
    }
}

#[test]
fn json_errors_report_serde_positions_and_paths() {
    let table: Vec<(String, &str)> = vec![
        (
            with_events(&event("a", "")).replace(r#""title": "Test""#, r#""titel": "Test""#),
            "test.json:2:9: titel: unknown field `titel`, expected one of `parley`, `title`, `description`, `zone`, `as_of`, `parties`, `participants`, `places`, `topics`, `sources`, `events`",
        ),
        (
            with_events(&event("a", "")).replacen('}', "", 1),
            "test.json:4:53: parties[0]: expected `,` or `}` (not valid JSON)",
        ),
        (
            // Cut in the middle of "Miami": the last character read is the "a" of "Mia" (line 6, column 42).
            {
                let full = with_events(&event("a", ""));
                let cut = full.find(r#"Miami""#).map_or(0, |i| i + 3);
                full[..cut].to_string()
            },
            "test.json:6:42: places[0].name: EOF while parsing a string (the file ends too early)",
        ),
        (
            with_events(&event("a", ""))
                .replace(r#""start": "2025-12-04 evening""#, r#""start": 2025"#),
            "test.json:10:91: events[0].time.start: invalid type: integer `2025`, expected a string",
        ),
        (
            "\n  []".to_string(),
            r#"test.json:2:3: expected a JSON object ({ "title": ..., "zone": ..., "events": [...] }) at the top, found an array"#,
        ),
        (
            "title: x\nzone: UTC\n".to_string(),
            r#"test.json:1:1: expected a JSON object ({ "title": ..., "zone": ..., "events": [...] }) at the top, found something that is not JSON"#,
        ),
        (
            with_events(&event("a", "").replace(
                r#""time": { "start": "2025-12-04 evening" }"#,
                r#""time": "2025-12-04 evening""#,
            )),
            r#"test.json:10:96: events[0].time: invalid type: string "2025-12-04 evening", expected a time object ({ "start": ... })"#,
        ),
        (
            "  \n".to_string(),
            "test.json: is empty (expected a JSON object with a title, a zone and events)",
        ),
    ];
    for (input, expected) in table {
        assert_eq!(
            problems(&input),
            vec![expected.to_string()],
            "input:\n{input}"
        );
    }
}

#[test]
fn every_problem_is_collected_in_file_order() {
    let events = [
        event("a", r#", "place": "moscow""#),
        event("b", "").replace("evening", "teatime"),
        event("a", r#", "topics": ["weather"]"#),
    ]
    .join(",\n");
    let input = with_events(&events);
    let at = |needle: &str, rest: &str| {
        let (line, column) = position_of(&input, needle);
        format!("test.json:{line}:{column}: {rest}")
    };
    assert_eq!(
        problems(&input),
        vec![
            at(
                r#""moscow""#,
                "events[0].place: unknown place 'moscow' (known: 'miami')"
            ),
            at(
                r#""2025-12-04 teatime""#,
                "events[1].time.start: 'teatime' is not a part of the day (expected one of small-hours, morning, afternoon, evening, night)"
            ),
            at(
                r#""a""#,
                "events[2].id: duplicate id 'a' (already used by events[0])"
            ),
            at(
                r#""weather""#,
                "events[2].topics[0]: unknown topic 'weather' (known: 'peace')"
            ),
        ]
    );
}

#[test]
fn hostile_text_is_neutralised_in_messages_and_model() {
    let events = event(r"a\u001b[2J", r#", "place": "mo\u001b]0;pwned\u0007""#).replace(
        r#""title": "T""#,
        r#""title": "Red \u001b[31m alert \u202e""#,
    );
    let found = problems(&with_events(&events)).join("\n");
    assert!(!found.contains('\u{1b}'), "{found:?}");
    assert!(
        found.contains(r"unknown place 'mo\u{1b}]0;pwned\u{7}'"),
        "{found}"
    );
    let tl = load(&with_events(&event("a", "").replace(
        r#""title": "T""#,
        r#""title": "Red \u001b[31m alert \u202e""#,
    )));
    // The model keeps the title as written; it is shown with visible escapes.
    assert_eq!(tl.events[0].title(), "Red \u{1b}[31m alert \u{202e}");
    assert_eq!(
        parley::model::text::clean_line(tl.events[0].title()),
        r"Red \u{1b}[31m alert \u{202e}"
    );
}

fn order_of(events: &[String]) -> Vec<String> {
    let tl = load(&with_events(&events.join(",\n")));
    tl.events.iter().map(|e| e.id().to_string()).collect()
}

fn at(id: &str, start: &str) -> String {
    event(id, "").replace("2025-12-04 evening", start)
}

#[test]
fn events_are_ordered_by_reported_start_then_bounds_then_id() {
    let events = vec![
        at("weekend", "2025-12-06"),
        at("thursday-evening", "2025-12-04 evening"),
        at("thursday-1800", "2025-12-04T18:00"),
        at("december", "2025-12"),
        at("december-first", "2025-12-01"),
        at("b-same", "2025-12-04T09:00"),
        at("a-same", "2025-12-04T09:00"),
        at("about-nine", "~2025-12-04T09:00"),
        at("about-five-past", "~2025-12-04T09:05"),
        at("nine-o-two", "2025-12-04T09:02"),
    ];
    let expected = vec![
        // Both reported from midnight on the 1st: the month, which may start later
        // within itself, first, as its header comes before its days'.
        "december",
        "december-first",
        // Reported at 09:00; it may start as late as 09:15.
        "about-nine",
        // Same instant: by id.
        "a-same",
        "b-same",
        // Reported at 09:02, before ~09:05 though that may begin at 08:50.
        "nine-o-two",
        "about-five-past",
        // Both reported at 18:00: the evening, which may start as late as 22:00, first.
        "thursday-evening",
        "thursday-1800",
        "weekend",
    ];
    assert_eq!(order_of(&events), expected);
    let mut reversed = events.clone();
    reversed.reverse();
    assert_eq!(
        order_of(&reversed),
        expected,
        "the file's order does not matter"
    );
}

#[test]
fn relations_survive_reordering() {
    let events = [
        at("later", "2025-12-05T10:00").replace(
            r#""held""#,
            r#""held", "relations": [{ "kind": "continues", "event": "earlier" }]"#,
        ),
        at("earlier", "2025-12-04T10:00"),
    ];
    let tl = load(&with_events(&events.join(",\n")));
    let later = tl.event_by_id("later").expect("later exists");
    let earlier = tl.event_by_id("earlier").expect("earlier exists");
    assert_eq!(tl.relations(tl.event(later))[0].target, earlier);
    assert_eq!(tl.related_to(earlier).len(), 1);
}

/// An event's outcomes and the phrase its time was reported in read back as written:
/// none, empty ones, and a control character between words (kept as written, never
/// taken for the line between two outcomes).
#[test]
fn outcomes_and_the_reported_phrase_read_back_as_written() {
    let cases: [(&str, &str, Vec<&str>, Option<&str>); 6] = [
        ("none", "", vec![], None),
        ("one_empty", r#", "outcomes": [""]"#, vec![""], None),
        ("two_empty", r#", "outcomes": ["", ""]"#, vec!["", ""], None),
        (
            "separated",
            r#", "outcomes": ["a\u001eb", "c"]"#,
            vec!["a\u{1e}b", "c"],
            None,
        ),
        (
            "empty_phrase",
            r#", "outcomes": ["Agreed"]"#,
            vec!["Agreed"],
            Some(""),
        ),
        ("phrase", "", vec![], Some("early Wednesday")),
    ];
    let events: Vec<String> = cases
        .iter()
        .map(|(id, outcomes, _, reported)| {
            let time = match reported {
                Some(r) => format!(r#""start": "2025-12-04", "reported": "{r}""#),
                None => r#""start": "2025-12-04""#.to_string(),
            };
            format!(
                r#"    {{ "id": "{id}", "title": "T", "kind": "meeting", "status": "held", "time": {{ {time} }}{outcomes} }}"#
            )
        })
        .collect();
    let tl = load(&with_events(&events.join(",\n")));
    for (id, _, outcomes, reported) in cases {
        let ev = tl.event(tl.event_by_id(id).expect(id));
        assert_eq!(ev.outcomes().collect::<Vec<_>>(), outcomes, "{id}");
        assert_eq!(ev.has_outcomes(), !outcomes.is_empty(), "{id}");
        assert_eq!(ev.reported(), reported, "{id}");
    }
}

/// A file with `n` events whose status is misspelt, one event a line, some of them
/// with a multi-byte title before the fault (columns count characters).
fn misspelt(n: usize) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| {
            let title = if i % 3 == 0 { "Встреча" } else { "Talks" };
            format!(
                r#"    {{ "id": "e{i}", "title": "{title}", "kind": "meeting", "status": "hled", "time": {{ "start": "2025-12-04 evening" }} }}"#
            )
        })
        .collect();
    with_events(&events.join(",\n"))
}

/// Each occurrence's 1-based line and column, found by searching the text.
fn positions_of(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(at, _)| {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            (line, column)
        })
        .collect()
}

#[test]
fn many_problems_keep_their_places() {
    let text = misspelt(250);
    let err = load_str("test.json", &text).expect_err("250 problems");
    let expected = positions_of(&text, r#""hled""#);
    assert_eq!(err.problems.len(), 250);
    assert_eq!(expected.len(), 250);
    for k in [0, 99, 249] {
        let p = &err.problems[k];
        assert_eq!((p.line, p.column), expected[k], "problem {k}");
        assert_eq!(p.path, format!("events[{k}].status"));
    }
}

fn check(args: &[&str], text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, text).expect("written");
    let out = assert_cmd::Command::cargo_bin("parley")
        .expect("the parley binary is built")
        .arg("check")
        .args(args)
        .arg(&path)
        .output()
        .expect("parley runs");
    assert_eq!(out.status.code(), Some(1));
    let name = path.display().to_string();
    String::from_utf8(out.stderr)
        .expect("UTF-8")
        .lines()
        .map(|l| l.replacen(&name, "bad.json", 1))
        .collect()
}

#[test]
fn check_shows_the_first_hundred_of_a_kind_and_counts_the_rest() {
    let text = misspelt(250);
    let lines = check(&[], &text);
    assert_eq!(lines.len(), 102, "{lines:#?}");
    let expected = positions_of(&text, r#""hled""#);
    for (k, line) in lines[..100].iter().enumerate() {
        let (l, c) = expected[k];
        assert!(
            line.starts_with(&format!(
                "bad.json:{l}:{c}: events[{k}].status: unknown status 'hled'"
            )),
            "{line}"
        );
    }
    assert_eq!(
        lines[100],
        "bad.json: … and 150 more problems of the kind `unknown status`"
    );
    assert_eq!(
        lines[101],
        "bad.json: 250 problems (100 shown; `parley check --all` lists every one)"
    );
}

#[test]
fn check_all_lists_every_problem() {
    let text = misspelt(250);
    let lines = check(&["--all"], &text);
    assert_eq!(lines.len(), 251, "{lines:#?}");
    let expected = positions_of(&text, r#""hled""#);
    let (l, c) = expected[249];
    assert!(
        lines[249].starts_with(&format!(
            "bad.json:{l}:{c}: events[249].status: unknown status"
        )),
        "{}",
        lines[249]
    );
    assert_eq!(lines[250], "bad.json: 250 problems");
}

#[test]
fn the_cap_is_per_kind() {
    // 120 misspelt statuses and 3 unknown places: all 3 places are shown.
    let text = misspelt(120).replacen(
        r#""status": "hled""#,
        r#""status": "hled", "place": "moscow""#,
        3,
    );
    let lines = check(&[], &text);
    let places = lines.iter().filter(|l| l.contains("unknown place")).count();
    assert_eq!(places, 3);
    assert_eq!(
        lines[lines.len() - 2],
        "bad.json: … and 20 more problems of the kind `unknown status`"
    );
    assert_eq!(
        lines[lines.len() - 1],
        "bad.json: 123 problems (103 shown; `parley check --all` lists every one)"
    );
}

#[test]
fn as_of_is_read_in_the_dataset_zone_at_its_latest_instant() {
    let with_as_of = |as_of: &str| {
        with_events(&event("a", "")).replace(
            r#""zone": "America/New_York","#,
            &format!(r#""zone": "America/New_York", "as_of": "{as_of}","#),
        )
    };
    let new_york = |y, mo, d, h, mi, s| {
        chrono::TimeZone::with_ymd_and_hms(&chrono_tz::America::New_York, y, mo, d, h, mi, s)
            .single()
            .expect("a New York time")
            .timestamp()
    };
    // (as written, its label, the instant it stands for)
    let table = [
        (
            "2025-12-05",
            "Fri 5 Dec 2025",
            new_york(2025, 12, 5, 23, 59, 59),
        ),
        (
            "2025-12-05 evening",
            "Fri 5 Dec 2025 evening",
            new_york(2025, 12, 5, 21, 59, 59),
        ),
        (
            "2025-12-05T18:30",
            "Fri 5 Dec 2025 18:30",
            new_york(2025, 12, 5, 18, 30, 0),
        ),
        (
            "2025-12",
            "December 2025",
            new_york(2025, 12, 31, 23, 59, 59),
        ),
        ("2025", "2025", new_york(2025, 12, 31, 23, 59, 59)),
    ];
    for (written, label, instant) in table {
        let tl = load(&with_as_of(written));
        let as_of = tl.meta.as_of.expect("as_of read");
        assert_eq!(
            (as_of.label(), as_of.instant),
            (label.to_string(), instant),
            "{written}"
        );
        // Written back as it was written.
        let raw = parley::data::export::json::to_raw(&tl);
        assert_eq!(raw.as_of.as_deref(), Some(written));
    }
    assert!(load(&with_events(&event("a", ""))).meta.as_of.is_none());
}

#[test]
fn a_malformed_as_of_is_placed() {
    for bad in ["teatime", "2025-13-05", ""] {
        let input = with_events(&event("a", "")).replace(
            r#""zone": "America/New_York","#,
            &format!(r#""zone": "America/New_York", "as_of": "{bad}","#),
        );
        let needle = format!(r#""{bad}""#);
        let (line, column) = position_of(&input, &needle);
        let found = problems(&input);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with(&format!("test.json:{line}:{column}: as_of: ")),
            "{bad}: {found:#?}"
        );
        // The checking reader places it the same way.
        let checked = check(&[], &input);
        let expected = found[0].replacen("test.json", "bad.json", 1);
        assert!(checked.contains(&expected), "{bad}: {checked:#?}");
    }
}
