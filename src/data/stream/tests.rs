//! The windowed reader against the whole-file reader.

use std::io::Write;

use super::*;
use crate::data::native::{MAX_STRING_CHARS, overlong_string_over};
use crate::data::{BUNDLED, native};

fn file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(text.as_bytes()).expect("written");
    f
}

fn streamed(text: &str, window: usize) -> Option<Timeline> {
    let f = file(text);
    load_in_windows(f.path(), window, SPLIT_FROM, &mut |_| {})
}

#[test]
fn the_bundled_dataset_reads_the_same_in_any_window() {
    let whole = native::load_str("b", BUNDLED).expect("the bundled dataset loads");
    for window in [1, 7, 64, 1000, 1 << 20] {
        let timeline = streamed(BUNDLED, window);
        assert_eq!(timeline.as_ref(), Some(&whole), "window of {window} bytes");
    }
}

/// Split between two threads anywhere (a window of a few bytes puts the second
/// thread's start in every kind of place), the events read the same.
#[test]
fn two_threads_read_what_one_reads() {
    let text = crate::synthetic::dataset(300, 4);
    let f = file(&text);
    let whole = native::load_str("s", &text).expect("valid");
    for split_from in [1, 1000, 50_000] {
        for window in [5, 4096] {
            let split = load_in_windows(f.path(), window, split_from, &mut |_| {});
            assert!(
                split.as_ref() == Some(&whole),
                "split from {split_from}, window {window}"
            );
        }
    }
    // Accounts on a tenth of the events follow their events to the second thread.
    let mut with = Vec::new();
    crate::synthetic::write_with(&mut with, 300, 4, true).expect("written");
    let text = String::from_utf8(with).expect("UTF-8");
    let f = file(&text);
    let whole = native::load_str("a", &text).expect("valid");
    assert_eq!(whole.accounts.len(), 30);
    for split_from in [1, 1000, 50_000] {
        let split = load_in_windows(f.path(), 4096, split_from, &mut |_| {});
        assert!(
            split.as_ref() == Some(&whole),
            "accounts, split from {split_from}"
        );
    }
    let bundled = native::load_str("b", BUNDLED).expect("valid");
    let f = file(BUNDLED);
    for split_from in [1, 100, 10_000] {
        let split = load_in_windows(f.path(), 64, split_from, &mut |_| {});
        assert!(
            split.as_ref() == Some(&bundled),
            "bundled, split from {split_from}"
        );
    }
}

/// A fault in the second half is found whether or not the second thread read it.
#[test]
fn a_fault_in_the_second_half_is_not_missed() {
    let text = crate::synthetic::dataset(200, 6);
    let at = text.rfind("\"status\": \"").expect("a status") + "\"status\": \"".len();
    let broken = format!("{}x{}", &text[..at], &text[at + 1..]);
    let f = file(&broken);
    assert!(load_in_windows(f.path(), 4096, 1, &mut |_| {}).is_none());
    // Something after the events, which the second thread reads.
    let trailing = format!("{} x", text.trim_end());
    let f = file(&trailing);
    assert!(load_in_windows(f.path(), 4096, 1, &mut |_| {}).is_none());
}

/// A dataset whose events are full of characters of two, three and four bytes, and
/// its first part (the members before `events`). `pad` shifts what follows the first
/// event's title by as many bytes.
fn multibyte(pad: usize) -> (String, String) {
    let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
    let mut events = doc["events"].take();
    doc.as_object_mut().expect("object").remove("events");
    let head = serde_json::to_string_pretty(&doc).expect("JSON");
    let head = head.strip_suffix('}').expect("an object").to_string();
    for (i, e) in events
        .as_array_mut()
        .expect("events")
        .iter_mut()
        .enumerate()
    {
        e["summary"] = format!("Київ — Genève {}", "ґé🕊—".repeat(i % 7 + 40)).into();
    }
    events[0]["title"] = format!("Talks{}", "x".repeat(pad)).into();
    // `events` last, as the window reader expects.
    let events = serde_json::to_string_pretty(&events).expect("JSON");
    (format!("{head},\n\"events\": {events}}}"), head)
}

/// Characters cut short by a window's end read as the whole-file reader reads them,
/// with one thread and with two.
#[test]
fn characters_cut_by_a_window_read_as_whole() {
    for pad in 0..4 {
        let (text, _) = multibyte(pad);
        let whole = native::load_str("u", &text).expect("valid");
        let f = file(&text);
        for window in [1, 2, 3, 5, 4096] {
            for split_from in [u64::MAX, 1] {
                let read = load_in_windows(f.path(), window, split_from, &mut |_| {});
                assert!(
                    read.as_ref() == Some(&whole),
                    "pad {pad}, window {window}, split from {split_from}"
                );
            }
        }
    }
}

/// The second thread, started inside a character, finds the first event after it
/// and reads every event from there on.
#[test]
fn the_second_thread_may_start_inside_a_character() {
    let (text, head) = multibyte(0);
    let f = file(&text);
    let Builder { base, .. } = registry(head.to_string(), None).expect("the registry");
    // Where the events begin: `{` at the array's indentation.
    let starts: Vec<usize> = text.match_indices("\n  {").map(|(k, _)| k + 3).collect();
    let last = *starts.last().expect("events");
    let inside: Vec<usize> = (starts[0]..last)
        .filter(|&k| !text.is_char_boundary(k))
        .step_by(13)
        .collect();
    assert!(inside.len() > 50, "{}", inside.len());
    for from in inside {
        let helper = Helper::default();
        let (runs, handed) = mpsc::channel();
        second_half(f.path(), from as u64, &base, &helper, runs)
            .unwrap_or_else(|| panic!("gave up from {from}"));
        let first = starts.iter().find(|&&k| k > from).expect("an event after");
        let read: usize = handed.iter().map(|run| run.len()).sum();
        assert_eq!(
            read,
            starts.iter().filter(|&&k| k > from).count(),
            "from {from}"
        );
        assert_eq!(helper.boundary.load(Ordering::Relaxed), *first as u64);
    }
}

/// However little each read brings, a window opened inside a character starts
/// at the next one.
#[test]
fn a_window_opened_inside_a_character_starts_at_the_next_one() {
    let text = "[\"🕊ж\", \"é\"]";
    let f = file(text);
    for size in [1, 2, 3, 64] {
        for at in 1..text.len() {
            let mut report = |_: Progress| {};
            let mut w =
                Window::open(f.path(), at as u64, size, &mut report, None).expect("the file opens");
            while w.fill().expect("UTF-8") {}
            let next = (at..=text.len())
                .find(|&k| text.is_char_boundary(k))
                .expect("the end is a boundary");
            assert_eq!(w.offset(), next as u64, "from {at}, {size} bytes at a time");
            assert_eq!(w.text().expect("text"), &text[next..]);
        }
    }
}

/// A file that ends inside a character is refused, not waited on.
#[test]
fn a_file_that_ends_inside_a_character_is_left_to_the_whole_file_reader() {
    let (text, _) = multibyte(0);
    let mut cut = text.trim_end().as_bytes().to_vec();
    cut.extend_from_slice("🕊".as_bytes().get(..2).expect("a four-byte character"));
    let inside_a_string = [&text.as_bytes()[..text.len() / 2], &[0xC3]].concat();
    for bytes in [cut, inside_a_string] {
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        f.write_all(&bytes).expect("written");
        for window in [1, 3, 4096] {
            for split_from in [u64::MAX, 1] {
                assert!(load_in_windows(f.path(), window, split_from, &mut |_| {}).is_none());
            }
        }
    }
}

#[test]
fn progress_reaches_the_whole_file() {
    let f = file(BUNDLED);
    let mut last = Progress::default();
    let mut calls = 0;
    load_in_windows(f.path(), 256, SPLIT_FROM, &mut |p| {
        assert!(p.read >= last.read && p.events >= last.events);
        last = p;
        calls += 1;
    })
    .expect("the bundled dataset loads");
    assert_eq!(last.read, BUNDLED.len() as u64);
    assert_eq!(last.total, BUNDLED.len() as u64);
    assert!(
        calls > 10,
        "{calls} reports for a file read 256 bytes at a time"
    );
}

/// Files the streaming reader leaves to the whole-file one, which reports on them.
#[test]
fn it_gives_up_on_what_it_does_not_expect() {
    let sound = r#"{"title": "t", "zone": "UTC", "events": [
            {"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025-12-02"}}
        ]}"#;
    assert!(streamed(sound, 16).is_some());
    let cases = [
        // members after the events
        r#"{"events": [], "title": "t", "zone": "UTC"}"#,
        r#"{"title": "t", "zone": "UTC", "events": [], "parties": []}"#,
        // two event lists
        r#"{"title": "t", "zone": "UTC", "events": [], "events": []}"#,
        // trailing commas and text after the end
        r#"{"title": "t", "zone": "UTC", "events": [],}"#,
        r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}},]}"#,
        r#"{"title": "t", "zone": "UTC"} x"#,
        // a problem
        r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "walk", "status": "held", "time": {"start": "2025"}}]}"#,
        r#"{"title": "t", "zone": "Nowhere/Town"}"#,
        // duplicate ids, a relation to nothing and to itself
        r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}}, {"id": "a", "title": "B", "kind": "call", "status": "held", "time": {"start": "2025"}}]}"#,
        r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}, "relations": [{"kind": "follows", "event": "b"}]}]}"#,
        r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}, "relations": [{"kind": "follows", "event": "a"}]}]}"#,
        // an id with a control character
        "{\"title\": \"t\", \"zone\": \"UTC\", \"events\": [{\"id\": \"a\\u0007\", \"title\": \"A\", \"kind\": \"call\", \"status\": \"held\", \"time\": {\"start\": \"2025\"}}]}",
        // not JSON, not an object, UTF-16
        "",
        "[]",
        "\u{FEFF}",
    ];
    for case in cases {
        for window in [3, 1 << 16] {
            assert!(streamed(case, window).is_none(), "window {window}: {case}");
        }
    }
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(sound.bytes().flat_map(|b| [b, 0]))
        .collect();
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(&utf16).expect("written");
    assert!(load_in_windows(f.path(), 64, SPLIT_FROM, &mut |_| {}).is_none());
}

/// The registry's people, read a person at a time from the window, are those the
/// whole-file reader reads: with their sides whether the parties come before or after
/// them, their escapes decoded, in windows that cut them anywhere.
#[test]
fn people_read_one_at_a_time_are_those_read_whole() {
    let people = r#""participants": [
        {"id": "ann", "name": "Ann \u00c9lise", "party": "us", "role": "Envoy", "note": "Line\none"},
        {"id": "bob", "name": "Bob"},
        {"id": "cyd", "name": "Сергей", "party": "ua"}
    ]"#;
    let parties = r#""parties": [{"id": "us", "name": "US"}, {"id": "ua", "name": "Ukraine"}]"#;
    let event = r#""events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}, "participants": [{"person": "cyd"}, {"person": "ann", "role": "chair"}]}]"#;
    for head in [
        format!("{people}, {parties}"),
        format!("{parties}, {people}"),
        r#""participants": []"#.to_string(),
    ] {
        let text = format!(r#"{{"title": "t", "zone": "UTC", {head}, {event}}}"#);
        let text = if head.contains("ann") {
            text
        } else {
            text.replace(
                r#", "participants": [{"person": "cyd"}, {"person": "ann", "role": "chair"}]"#,
                "",
            )
        };
        let whole = native::load_str("p", &text).expect("valid");
        for window in [3, 17, 1 << 16] {
            assert_eq!(
                streamed(&text, window).as_ref(),
                Some(&whole),
                "window {window}: {text}"
            );
        }
        if head.contains("ann") {
            let ann = whole.person_by_id("ann").expect("ann");
            let p = whole.person(ann);
            assert_eq!(
                (p.name, p.role, p.note),
                ("Ann Élise", "Envoy", "Line\none")
            );
            assert_eq!(whole.party(p.party.expect("a side")).name.as_ref(), "US");
            let bob = whole.person(whole.person_by_id("bob").expect("bob"));
            assert_eq!(bob.party, None);
        }
    }
    // What serde or the checks refuse is left to the whole-file reader, which says what.
    for case in [
        r#""participants": [{"id": "p", "name": "P"}], "participants": []"#,
        r#""participants": [{"id": "p", "name": "P", "age": 40}]"#,
        r#""participants": [{"id": "p"}]"#,
        r#""participants": [{"id": "p", "name": "P"}, {"id": "p", "name": "Q"}]"#,
        r#""participants": [{"id": " ", "name": "P"}]"#,
        r#""participants": [{"id": "p", "name": "P", "party": "nobody"}]"#,
        r#""participants": {"id": "p", "name": "P"}"#,
        r#""participants": [{"id": "p", "name": "P"},]"#,
    ] {
        let text = format!(r#"{{"title": "t", "zone": "UTC", {case}, "events": []}}"#);
        for window in [3, 1 << 16] {
            assert!(streamed(&text, window).is_none(), "window {window}: {case}");
        }
    }
}

#[test]
fn a_string_too_long_as_written_is_left_to_the_whole_file_reader() {
    let event = |summary: &str| {
        format!(
            r#"{{"title": "t", "zone": "UTC", "events": [{{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {{"start": "2025"}}, "summary": "{summary}"}}]}}"#
        )
    };
    let long = "x".repeat(MAX_STRING_CHARS + 1);
    assert!(streamed(&event(&long), 1 << 12).is_none());
    // Long as written, but counted in characters as decoded: within the limit.
    let escaped = "\\n".repeat(MAX_STRING_CHARS / 2 + 1);
    assert!(streamed(&event(&escaped), 1 << 12).is_some());
    let fine = "x".repeat(MAX_STRING_CHARS);
    assert!(streamed(&event(&fine), 1 << 12).is_some());
}

#[test]
fn a_byte_order_mark_and_escapes_read_as_the_whole_file_reader_reads_them() {
    let text = "\u{FEFF}{\"title\": \"caf\\u00e9\", \"zone\": \"UTC\", \"parley\": 1, \"events\": [{\"id\": \"a\", \"title\": \"\\\"A\\\"\", \"kind\": \"call\", \"status\": \"held\", \"time\": {\"start\": \"2025\"}}]}";
    let whole = crate::data::decode("x", text.as_bytes().to_vec())
        .ok()
        .and_then(|t| native::load_str("x", &t).ok())
        .expect("the whole-file reader reads it");
    for window in [2, 5, 1 << 10] {
        assert_eq!(
            streamed(text, window).as_ref(),
            Some(&whole),
            "window {window}"
        );
    }
    assert_eq!(&*whole.meta.title, "café");
    assert_eq!(whole.events[0].title(), "\"A\"");
}

/// Each give-up says why, in windows of any size.
#[test]
fn each_give_up_says_why() {
    use GiveUpReason::*;
    let event = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "A", "kind": "call", "status": "held", "time": {{"start": "2025"}}}}"#
        )
    };
    let events = |list: &[String]| {
        format!(
            r#"{{"title": "t", "zone": "UTC", "events": [{}]}}"#,
            list.join(", ")
        )
    };
    let cases = [
        (
            r#"{"title": "t", "zone": "UTC", "events": [], "parties": []}"#.to_string(),
            AfterEvents,
        ),
        // Members the format needs are missing (`title` before the events).
        (
            r#"{"events": [], "title": "t", "zone": "UTC"}"#.into(),
            Problem,
        ),
        (
            r#"{"title": "t", "zone": "UTC", "events": [], "events": []}"#.into(),
            AfterEvents,
        ),
        (
            r#"{"title": "t", "zone": "UTC", "events": [],}"#.into(),
            Syntax,
        ),
        (r#"{"title": "t", "zone": "UTC"} x"#.into(), Syntax),
        ("[]".into(), Syntax),
        (String::new(), Syntax),
        (events(&[event("a").replace("call", "walk")]), Problem),
        (r#"{"title": "t", "zone": "Nowhere/Town"}"#.into(), Problem),
        (events(&[event("a"), event("a")]), Problem),
        (events(&[event("a\\u0007")]), Id),
        (
            format!(r#"{{"title": "{}"}}"#, "a".repeat(MAX_STRING_CHARS + 1)),
            TooLong,
        ),
    ];
    let gave_up = |bytes: &[u8], window: usize| {
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        f.write_all(bytes).expect("written");
        match read_in_windows(f.path(), window, SPLIT_FROM, &mut |_| {}) {
            Ok(_) => None,
            Err(GiveUp(why)) => Some(why),
        }
    };
    for (case, why) in cases {
        for window in [3, 1 << 16] {
            let found = gave_up(case.as_bytes(), window);
            assert_eq!(found, Some(why), "window {window}: {case}");
        }
    }
    assert_eq!(gave_up(b"{\"title\": \"\xff\"}", 64), Some(NotUtf8));
    assert_eq!(gave_up(b"\xff\xfe{", 64), Some(NotUtf8));
    let f = file(&events(&[event("a")]));
    assert!(read_in_windows(f.path(), 64, SPLIT_FROM, &mut |_| {}).is_ok());
}

/// A file with problems, checked a window at a time, gives the problems the
/// whole-file reader gives, at the same places.
#[test]
fn checking_in_windows_finds_what_the_whole_file_reader_finds() {
    let event = |id: &str, extra: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Встреча A", "kind": "call", "status": "held", "time": {{"start": "2025"}}{extra}}}"#
        )
    };
    let dataset = |head: &str, events: &[String]| {
        format!(
            "{{\"title\": \"t\", \"zone\": \"UTC\",{head}\n \"events\": [\n  {}\n]}}",
            events.join(",\n  ")
        )
    };
    let cases = [
        dataset("", &[event("a", ""), event("a", ""), event("", "")]),
        dataset(
            r#" "participants": [{"id": "p", "name": "P", "party": "nobody"}],"#,
            &[
                event("a", r#", "participants": [{"person": "q"}, {"person": "p"}, {"person": "p"}]"#),
                event("b", r#", "relations": [{"kind": "follows", "event": "c"}, {"kind": "after", "event": "b"}]"#).replace("held", "hled"),
                event("c", r#", "relations": [{"kind": "follows", "event": "a"}]"#).replace("\"2025\"", "\"2025-02-30\""),
            ],
        ),
        format!("\u{FEFF}{}", dataset(r#" "places": [{"id": "x", "name": "X", "zone": "Mars/Base"}],"#, &[event("a", r#", "place": "y""#)])),
        dataset(r#" "zone2": 1,"#, &[event("a", "")]).replace(r#""zone2": 1,"#, ""),
        dataset(
            r#" "participants": [{"id": "p", "name": "P", "party": "x"}, {"id": "p", "name": "Q", "party": "y"}, {"id": "", "name": "R"}], "parties": [{"id": "x", "name": "X"}],"#,
            &[event("a", r#", "participants": [{"person": "p"}]"#)],
        ),
        r#"{"title": "t", "zone": "Nowhere/Town"}"#.to_string(),
        "{\"title\": \"t\", \"zone\": \"UTC\", \"events\": [{\"id\": \"a\\u0007\", \"title\": \" \", \"kind\": \"call\", \"status\": \"held\", \"time\": {\"start\": \"2025\"}}]}".to_string(),
    ];
    for (k, text) in cases.iter().enumerate() {
        let f = file(text);
        let name = f.path().display().to_string();
        let decoded = crate::data::decode(&name, text.as_bytes().to_vec()).expect("UTF-8");
        let whole = native::load_str(&name, &decoded)
            .map(|_| ())
            .map_err(|e| e.to_string());
        // All but the fourth have problems.
        assert_eq!(whole.is_ok(), k == 3, "{whole:?}");
        for window in [3, 64, 1 << 16] {
            let checked = match check::check_in_windows(f.path(), &name, window, &mut |_| {}) {
                Checked::Problems(e) => Err(e.to_string()),
                Checked::Sound => Ok(()),
                Checked::GaveUp(_) => panic!("gave up on {text}"),
            };
            assert_eq!(checked, whole, "window {window}: {text}");
        }
        let loaded = crate::data::load_file(f.path())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(loaded, whole, "{text}");
    }
}

/// What the whole-file reader finds before parsing, found a piece at a time, is what
/// it finds, at the same place, whatever the size of the pieces.
#[test]
fn prechecking_in_pieces_finds_what_the_whole_file_reader_finds() {
    let long = "é".repeat(MAX_STRING_CHARS + 1);
    let escaped = "\\n".repeat(MAX_STRING_CHARS + 1);
    let cases: Vec<Vec<u8>> = [
        String::new(),
        "  \n\t ".into(),
        "\u{FEFF}".into(),
        "\u{FEFF}  [1]".into(),
        "[]".into(),
        " \n  \"x\"".into(),
        "12".into(),
        "\n-1".into(),
        "true".into(),
        "true \n ".into(),
        "truex".into(),
        "null".into(),
        " nul".into(),
        "x{".into(),
        "\u{2003}é\n  fals".into(),
        format!("{{\n  \"a\": \"é\",\n  \"b\": \"{long}\", \"c\": \"{long}x\"}}"),
        format!("{{\"é\": 1,\n \"b\": \"{escaped}\"}}"),
        format!("{{\"b\": \"{long}"),
        format!("{{\"b\": \"{long}\\"),
        format!("[\"{long}\"]"),
    ]
    .into_iter()
    .map(String::into_bytes)
    .chain([
        b"{\"a\":\n \"\xff\"}".to_vec(),
        b"\xEF\xBB\xBF{\n\"\xC3".to_vec(),
        b"\xFF\xFE{\x00".to_vec(),
        [
            format!("{{\"b\": \"{long}\",\n").as_bytes(),
            b"\"\xC3\x28\"}",
        ]
        .concat(),
    ])
    .collect();
    for bytes in &cases {
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        f.write_all(bytes).expect("written");
        let name = f.path().display().to_string();
        let whole = crate::data::decode(&name, bytes.clone())
            .and_then(|text| crate::data::load_str_with(&name, &text, Default::default()))
            .map(|_| ())
            .map_err(|e| e.to_string());
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        assert!(whole.is_err(), "{shown}");
        // Pieces of a byte or two over tens of megabytes would make the test crawl.
        let pieces: &[usize] = if bytes.len() > 1 << 20 {
            &[4093, 1 << 16]
        } else {
            &[1, 2, 3, 7, 1 << 16]
        };
        for &piece in pieces {
            let found = precheck::precheck_in_pieces(f.path(), &name, &native::NATIVE, piece)
                .expect("read");
            let found = found.map(|e| e.to_string());
            assert_eq!(
                found.as_ref(),
                whole.as_ref().err(),
                "piece {piece}: {shown}"
            );
        }
        let loaded = crate::data::load_file(f.path())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(loaded, whole, "{shown}");
    }
}

/// Counted a piece at a time, strings are as long as the whole-file reader counts them:
/// in characters as decoded, whatever the pieces cut through.
#[test]
fn strings_are_measured_in_pieces_as_in_one() {
    // A small limit lets pieces of one byte cut through every escape.
    const LIMIT: usize = 100;
    let long = "x".repeat(LIMIT);
    let texts = [
        format!(r#"{{"a": "{long}", "b": "{long}y"}}"#),
        format!(r#""\"{long}\\" "x{long}""#),
        format!(r#"["{long}\\"#),
        format!(r#"["{long}\"#),
        format!(r#"{{"a": "{long}"}}"#),
        format!("\"{long}\\\"\""),
        format!(r#"["{}"]"#, r"\u0436".repeat(LIMIT)),
        format!(r#"["{}"]"#, r"\u0436".repeat(LIMIT + 1)),
        format!(r#"["{}"]"#, r"\ud83d\ude00".repeat(LIMIT)),
        format!(
            r#"["{}", "{}"]"#,
            r"\uD83D\uDE00".repeat(LIMIT),
            "é".repeat(LIMIT + 1)
        ),
        format!(r#"["{}é"]"#, r"\n".repeat(LIMIT)),
    ];
    let over: Vec<_> = texts
        .iter()
        .map(|t| overlong_string_over(t, LIMIT).map(|(at, len)| (at as u64, len as u64)))
        .collect();
    // What the counts are, worked out by hand for the escapes.
    assert_eq!(over[6], None);
    assert_eq!(over[7], Some((1, LIMIT as u64 + 1)));
    assert_eq!(over[8], None);
    assert_eq!(over[9], Some((LIMIT as u64 * 12 + 5, LIMIT as u64 + 1)));
    assert_eq!(over[10], Some((1, LIMIT as u64 + 1)));
    for (text, whole) in texts.iter().zip(over) {
        for piece in [1, 2, 3, 5, 7, 4096, text.len()] {
            let mut strings = precheck::Strings::over(LIMIT);
            for (k, chunk) in text.as_bytes().chunks(piece).enumerate() {
                strings.read((k * piece) as u64, chunk);
            }
            strings.end();
            assert_eq!(strings.too_long, whole, "piece {piece}: {text}");
        }
    }
}

/// A syntax or shape error, found from the part of the file where the window reader
/// met it, is the one the whole-file reader reports, at the same place and path.
#[test]
fn syntax_errors_read_again_in_part_are_those_of_the_whole_file_reader() {
    let event = |extra: &str| {
        format!(
            r#"{{"id": "a", "title": "Встреча", "kind": "call", "status": "held", "time": {{"start": "2025"}}{extra}}}"#
        )
    };
    let dataset = |head: &str, events: &str| {
        format!("{{\"title\": \"t\", \"zone\": \"UTC\",{head}\n \"events\": [\n  {events}\n]}}")
    };
    let good = event("");
    // (the file, whether its error is before the end of the events)
    let cases = [
        (
            dataset("", &format!("{good},\n  {}", event(r#" "place": "x""#))),
            true,
        ),
        (
            dataset("", &format!("{good},\n  {}", event(r#", "status": 5"#))),
            true,
        ),
        (
            dataset("", &format!("{good},\n  {}", event(r#", "colour": "red""#))),
            true,
        ),
        (
            dataset(
                "",
                &format!(
                    "{good},\n  {}",
                    event("").replace(r#""start": "2025""#, r#""end": "2025""#)
                ),
            ),
            true,
        ),
        (dataset("", &format!("{good},\n  {good},")), true),
        (
            dataset("", &format!("{}, {good}", event(r#", "kind": null"#))),
            true,
        ),
        (
            dataset(r#" "participants": [{"id": "p", "name": 5}],"#, &good),
            true,
        ),
        (dataset(r#" "colour": "red","#, &good), true),
        (dataset("", &good).replace("[\n", "{\n"), true),
        (
            format!("\u{FEFF}{}", dataset("", &format!("{good} {good}"))),
            true,
        ),
        (
            dataset("", &format!("{good},\n  {good}"))
                .trim_end_matches(['}', ']', '\n'])
                .to_string(),
            true,
        ),
        (dataset(r#" "parley": "one","#, &good), true),
        (
            dataset(
                "",
                &format!(
                    "{good},\n  {}",
                    event(r#", "status": 5"#).replace(r#", "kind""#, ",\n   \"kind\"")
                ),
            ),
            true,
        ),
        (
            dataset(
                "",
                &event(r#", "status": 5"#).replace(r#", "kind""#, ",\n   \"kind\""),
            ),
            true,
        ),
        // found at the end of the dataset, which the part read again may not reach
        (dataset("", &good).replace(r#""title": "t", "#, ""), false),
        (format!("{} x", dataset("", &good)), false),
        (dataset("", &good).trim_end_matches('}').to_string(), false),
    ];
    for (text, before_the_end) in &cases {
        let f = file(text);
        let name = f.path().display().to_string();
        let whole = crate::data::decode(&name, text.as_bytes().to_vec())
            .and_then(|t| crate::data::load_str_with(&name, &t, Default::default()))
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(whole.is_err(), "{text}");
        assert!(syntax::surely_native(f.path()), "{text}");
        for window in [3, 64, 1 << 16] {
            let fault = match check::check_in_windows(f.path(), &name, window, &mut |_| {}) {
                Checked::GaveUp(Some(fault)) => fault,
                _ => panic!("window {window}: no fault found in {text}"),
            };
            let found = syntax::fault_error(f.path(), &name, fault).map(|e| e.to_string());
            if *before_the_end {
                assert_eq!(
                    found.as_ref(),
                    whole.as_ref().err(),
                    "window {window}: {text}"
                );
            } else if let Some(found) = found {
                // Found only when the part read again reaches the end of the file.
                assert_eq!(
                    Some(&found),
                    whole.as_ref().err(),
                    "window {window}: {text}"
                );
            }
        }
        // The whole file parsed as it streams by finds the same, or leaves it.
        if let Some(streamed) = syntax::streamed_error(f.path(), &name) {
            assert_eq!(Some(&streamed.to_string()), whole.as_ref().err(), "{text}");
        }
        let loaded = crate::data::load_file(f.path())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(loaded, whole, "{text}");
    }
    // A TimelineJS file is not taken for a native one.
    let slides =
        r#"{"title": {"text": {"headline": "x"}}, "events": [{"start_date": {"year": 2025}}]}"#;
    assert!(!syntax::surely_native(file(slides).path()));
}

/// A string over the limit is refused once the window has read past the limit, not
/// held whole however long it goes on.
#[test]
fn a_huge_string_is_refused_without_reading_it_whole() {
    let huge = format!(
        r#"{{"title": "t", "description": "{}", "zone": "UTC", "events": []}}"#,
        "a".repeat(6 * MAX_STRING_CHARS)
    );
    let f = file(&huge);
    let mut read = 0;
    let outcome = read_in_windows(f.path(), 1 << 12, SPLIT_FROM, &mut |p| read = p.read);
    assert!(matches!(outcome, Err(GiveUp(GiveUpReason::TooLong))));
    assert!(read < 4 * MAX_STRING_CHARS as u64, "read {read} bytes");
}

/// A file cut short anywhere, or missing a required member, is reported as the
/// whole-file reader reports it, by the readers that do not hold the file.
#[test]
fn a_file_cut_short_or_missing_a_member_is_reported_as_read_whole() {
    let event = |i: usize| {
        format!(
            r#"{{"id": "e{i}", "title": "Встреча \u00e9 {i}", "kind": "call",
   "status": "held", "time": {{"start": "2025-01-0{}"}}}}"#,
            i % 9 + 1
        )
    };
    let events: Vec<String> = (0..4).map(event).collect();
    let sound = format!(
        "{{\n \"parley\": 1,\n \"title\": \"t\",\n \"zone\": \"UTC\",\n \"events\": [\n  {}\n ],\n \"description\": \"after\"\n}}\n",
        events.join(",\n  ")
    );
    let whole = |name: &str, text: &str| {
        crate::data::decode(name, text.as_bytes().to_vec())
            .and_then(|t| crate::data::load_str_with(name, &t, Default::default()))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(whole("sound", &sound), Ok(()));
    let mut texts: Vec<String> = (sound.find("\"zone").unwrap_or(0)..sound.len())
        .filter(|&cut| sound.is_char_boundary(cut))
        .map(|cut| sound[..cut].to_string())
        .collect();
    for member in ["\n \"title\": \"t\",", "\n \"zone\": \"UTC\","] {
        texts.push(sound.replace(member, ""));
        texts.push(format!("\u{FEFF}{}", sound.replace(member, "")));
    }
    for text in &texts {
        let f = file(text);
        let name = f.path().display().to_string();
        let Err(expected) = whole(&name, text) else {
            continue;
        };
        let streamed = syntax::streamed_error(f.path(), &name).map(|e| e.to_string());
        assert_eq!(streamed.as_ref(), Some(&expected), "{text}");
        for window in [3, 64] {
            let checked = check::check_in_windows(f.path(), &name, window, &mut |_| {});
            if let Checked::GaveUp(Some(fault)) = checked
                && let Some(found) = syntax::fault_error(f.path(), &name, fault)
            {
                assert_eq!(found.to_string(), expected, "window {window}: {text}");
            }
        }
        let loaded = crate::data::load_file(f.path())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(loaded, Err(expected), "{text}");
    }
}
