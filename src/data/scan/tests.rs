//! The scan against serde, the grammar it is a pre-check of.

use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::data::BUNDLED;
use crate::data::native::MAX_STRING_CHARS;

/// The members an event needs, as tools write them.
const BASE: &str = r#""id": "e1", "title": "T", "kind": "meeting", "status": "held", "time": { "start": "2025-12-02" }"#;

/// Each event of the bundled dataset and of a generated one, as JSON values.
fn events() -> &'static [Value] {
    static EVENTS: std::sync::LazyLock<Vec<Value>> = std::sync::LazyLock::new(|| {
        [BUNDLED.to_string(), crate::synthetic::dataset(60, 3)]
            .iter()
            .flat_map(|text| {
                let doc: Value = serde_json::from_str(text).expect("JSON");
                doc["events"].as_array().expect("events").clone()
            })
            .collect()
    });
    &EVENTS
}

/// What serde reads at the start of `text`, and its length.
fn by_serde(text: &str) -> Option<(RawEvent<RawStr<'_>>, usize)> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<RawEvent<RawStr>>();
    let event = values.next()?.ok()?;
    Some((event, values.byte_offset()))
}

/// Either the event serde reads, as long, with its strings borrowed or decoded as
/// serde's are, or not this reader's: never another.
fn agrees(text: &str, spare: &mut Spare) -> Scan {
    let mut event = spare.event();
    let scan = super::event(text, &mut event);
    if let Scan::Read(length) = scan {
        let (expected, serde_length) =
            by_serde(text).unwrap_or_else(|| panic!("read what serde refuses: {text}"));
        assert_eq!(event, expected, "{text}");
        assert_eq!(length, serde_length, "{text}");
        let owned = |e: &RawEvent<RawStr>| matches!(e.summary, RawStr::Decoded(_));
        assert_eq!(owned(&event), owned(&expected), "{text}");
    }
    spare.keep(event);
    scan
}

/// `text` with every character outside ASCII written as a `\u` escape, as Python's
/// `json.dumps` writes by default.
fn ascii_only(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[test]
fn events_as_tools_write_them_are_read_as_serde_reads_them() {
    let mut spare = Spare::default();
    for event in events() {
        let mut quoted = event.clone();
        quoted["summary"] = "A \"quoted\" word,\ta tab, a line\nbreak, a \\ and a 🕊.".into();
        for text in [
            serde_json::to_string(&event).expect("JSON"),
            serde_json::to_string_pretty(&event).expect("JSON"),
            format!(" \n\t{}\r\n,", serde_json::to_string(&event).expect("JSON")),
            serde_json::to_string(&quoted).expect("JSON"),
            ascii_only(&serde_json::to_string(&event).expect("JSON")),
            ascii_only(&serde_json::to_string_pretty(&quoted).expect("JSON")),
        ] {
            assert!(
                matches!(agrees(&text, &mut spare), Scan::Read(_)),
                "not read: {text}"
            );
        }
    }
}

#[test]
fn escapes_are_read_as_serde_reads_them() {
    let mut spare = Spare::default();
    for summary in [
        r#"a \"quoted\" word"#,
        r#"a\/b \\ \b\f\n\r\t"#,
        r#"\u00e9t\u00C9 \u0000 \u001f \u007F"#,
        r#"a dove \ud83d\udd4a and a face \uD83D\uDE00"#,
        r#"\"starts and ends\""#,
    ] {
        let text = format!(r#"{{ {BASE}, "summary": "{summary}" }}"#);
        assert!(matches!(agrees(&text, &mut spare), Scan::Read(_)), "{text}");
    }
    // Escapes in ids and other fields, and in lists.
    let text = r#"{ "id": "e\u0031", "title": "\u00c9", "kind": "meeting", "status": "held", "time": { "start": "2025-12-02", "reported": "\"late\"" }, "topics": ["t\u0031"] }"#;
    assert!(matches!(agrees(text, &mut spare), Scan::Read(_)), "{text}");
}

#[test]
fn other_forms_are_left_to_serde() {
    use ScanReason::*;
    let mut spare = Spare::default();
    for (members, serde_reads, why) in [
        // Forms serde reads: an escaped key, nulls for what may be left out.
        (
            r#""\u0069d": "e1", "title": "T", "kind": "meeting", "status": "held", "time": { "start": "2025-12-02" }"#,
            true,
            UnknownKey,
        ),
        (&format!(r#"{BASE}, "place": null"#), true, OtherType),
        // Forms serde refuses: a key twice, an unknown key, a missing one, a
        // number for a string, a control character inside a string, an escape
        // that is not one, half a surrogate pair.
        (&format!(r#"{BASE}, "id": "e2""#), false, RepeatedKey),
        (&format!(r#"{BASE}, "colour": "red""#), false, UnknownKey),
        // Keys that end at a quote short of their end, or hold a control character.
        (&format!(r#"{BASE}, "place\"": "p1""#), false, Syntax),
        (&format!(r#"{BASE}, "pla\"ce": "p1""#), false, Syntax),
        (
            &format!("{BASE}, \"pla\u{1}ce\": \"p1\""),
            false,
            UnknownKey,
        ),
        (
            r#""id": "e1", "title": "T", "kind": "meeting", "status": "held""#,
            false,
            MissingKey,
        ),
        (&format!(r#"{BASE}, "summary": 3"#), false, OtherType),
        (
            &format!("{BASE}, \"summary\": \"a\u{1}b\""),
            false,
            ControlCharacter,
        ),
        (
            &format!("{BASE}, \"summary\": \"line\nbreak\""),
            false,
            ControlCharacter,
        ),
        (&format!(r#"{BASE}, "summary": "a \x b""#), false, Escape),
        (
            &format!(r#"{BASE}, "summary": "a \u00g1 b""#),
            false,
            Escape,
        ),
        (
            &format!(r#"{BASE}, "summary": "half \ud83d pair""#),
            false,
            Escape,
        ),
        (
            &format!(r#"{BASE}, "summary": "half \udd4a pair""#),
            false,
            Escape,
        ),
        (
            &format!(r#"{BASE}, "summary": "two highs \ud83d\ud83d""#),
            false,
            Escape,
        ),
        (
            &format!(r#"{BASE}, "participants": [{{ "role": "host" }}]"#),
            false,
            MissingKey,
        ),
        (
            &format!(r#"{BASE}, "claims": [{{ "text": "t" }}]"#),
            false,
            MissingKey,
        ),
        (
            &format!(r#"{BASE}, "relations": [{{ "kind": "follows" }}]"#),
            false,
            MissingKey,
        ),
        (&format!(r#"{BASE}, "topics": ["a" "b"]"#), false, Syntax),
    ] {
        let text = format!("{{ {members} }}");
        assert_eq!(agrees(&text, &mut spare), Scan::Other(why), "{text}");
        assert_eq!(by_serde(&text).is_some(), serde_reads, "{text}");
    }
    // Strings too long, without escapes and with: counted in characters as decoded.
    let long = format!(
        r#"{{ {BASE}, "summary": "{}" }}"#,
        "a".repeat(MAX_STRING_CHARS + 1)
    );
    assert_eq!(agrees(&long, &mut spare), Scan::Other(TooLong));
    let escaped = format!(
        r#"{{ {BASE}, "summary": "\n{}" }}"#,
        "a".repeat(MAX_STRING_CHARS)
    );
    assert_eq!(agrees(&escaped, &mut spare), Scan::Other(TooLong));
    assert!(by_serde(&escaped).is_none());
    // Long as written, but within the limit once its escapes are read.
    let within = format!(
        r#"{{ {BASE}, "summary": "{}" }}"#,
        "\\u0436".repeat(MAX_STRING_CHARS / 4)
    );
    assert!(by_serde(&within).is_some());
    assert!(!matches!(agrees(&within, &mut spare), Scan::Other(TooLong)));
}

/// The keys serde's grammar lists when it meets `text`, an object of type `T` with
/// a key it does not know.
fn keys_of<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Vec<String> {
    let message = serde_json::from_str::<T>(text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let expected = message.split("expected one of ").nth(1).unwrap_or_default();
    expected
        .split(", ")
        .filter_map(|k| k.split('`').nth(1))
        .map(str::to_string)
        .collect()
}

/// Every key of serde's grammar of an event and of its time is one this reader
/// knows: it never hands over an event for a key the format has.
#[test]
fn every_key_of_the_grammar_is_known_here() {
    let mut spare = Spare::default();
    let keys = keys_of::<RawEvent<RawStr>>(&format!(r#"{{ {BASE}, "colour": "red" }}"#));
    assert!(keys.len() > 10, "{keys:?}");
    for key in keys {
        let value = match key.as_str() {
            "time" => r#"{ "start": "2025-12-02" }"#,
            "participants" | "claims" | "relations" | "status_history" | "accounts" => "[]",
            "topics" | "outcomes" | "sources" => r#"["x"]"#,
            _ => r#""x""#,
        };
        let text = format!(r#"{{ "{key}": {value}, {BASE} }}"#);
        let scanned = agrees(&text, &mut spare);
        // The members of BASE come after: a key of theirs is seen again there.
        let known = matches!(
            scanned,
            Scan::Read(_) | Scan::Other(ScanReason::RepeatedKey)
        );
        assert!(known, "{key}: {scanned:?}");
    }
    let time_keys = keys_of::<RawTime<RawStr>>(r#"{ "start": "2025-12-02", "colour": "red" }"#);
    assert!(time_keys.len() > 3, "{time_keys:?}");
    for key in time_keys {
        let text = format!(
            r#"{{ "id": "e1", "title": "T", "kind": "meeting", "status": "held", "time": {{ "{key}": "x", "start": "2025-12-02" }} }}"#
        );
        let scanned = agrees(&text, &mut spare);
        let known = matches!(
            scanned,
            Scan::Read(_) | Scan::Other(ScanReason::RepeatedKey)
        );
        assert!(known, "time.{key}: {scanned:?}");
    }
}

#[test]
fn an_event_cut_short_asks_for_more_at_every_byte() {
    let mut spare = Spare::default();
    for event in events().iter().take(8) {
        let text = serde_json::to_string_pretty(event).expect("JSON");
        // A window ends between characters (`±` is two bytes).
        for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
            let cut = &text[..end];
            assert_eq!(agrees(cut, &mut spare), Scan::More, "{cut}");
        }
        assert!(matches!(agrees(&text, &mut spare), Scan::Read(n) if n == text.len()));
    }
}

#[test]
fn the_first_stop_of_a_string_is_found_at_any_length_and_place() {
    for length in 0..80 {
        let plain = "é".repeat(length / 2) + &"a".repeat(length % 2);
        assert_eq!(special(plain.as_bytes()), None, "{plain}");
        for stop in ["\"", "\\", "\u{0}", "\n", "\u{1f}"] {
            for at in 0..=plain.len() {
                if !plain.is_char_boundary(at) {
                    continue;
                }
                let mut text = plain.clone();
                text.insert_str(at, stop);
                text.push('"');
                let found = special(text.as_bytes()).map(|(stop, _)| stop);
                assert_eq!(found, Some(at), "{stop:?} in {text:?}");
            }
        }
    }
    // Characters above 0x7f, and DEL, do not stop a string.
    let wide = "\u{7f}ü\u{80}\u{9f}—\"";
    assert_eq!(special(wide.as_bytes()), Some((wide.len() - 1, false)));
}

/// `length` characters: those of `pattern`, over and over.
fn chars_of(length: usize, pattern: &str) -> String {
    pattern.chars().cycle().take(length).collect()
}

/// A string is told to be printable ASCII only when it is (and only the long ones
/// are told, the others being quick to look through again), at any length and
/// with anything else in any place.
#[test]
fn printable_strings_are_told_at_any_length() {
    for length in 0..80 {
        let plain = chars_of(length, "a ~");
        let ended = format!("{plain}\"");
        assert_eq!(
            special(ended.as_bytes()),
            Some((length, length >= 32)),
            "{ended:?}"
        );
        for odd in ["\u{7f}", "é", "\u{80}", "\u{202e}", "\u{1b}", "\t"] {
            for at in 0..=length {
                let mut text = plain.clone();
                text.insert_str(at, odd);
                text.push('"');
                let (stop, printable) = special(text.as_bytes()).expect("a stop");
                assert!(!printable, "{odd:?} at {at} of {length}");
                assert!(stop == text.len() - 1 || odd < " ", "{odd:?} at {at}");
            }
        }
    }
}

/// What the reader tells printable is what cleaning would leave as it is, so the
/// conversion may take it as it is.
#[test]
fn printable_strings_need_no_cleaning() {
    let mut spare = Spare::default();
    let mut told = 0;
    for value in events() {
        let text = value.to_string();
        let mut event = spare.event();
        assert!(matches!(super::event(&text, &mut event), Scan::Read(_)));
        let strings = [&event.id, &event.title, &event.summary]
            .into_iter()
            .chain(event.claims.iter().map(|c| &c.text));
        for s in strings {
            if let RawStr::Printable(s) = s {
                told += 1;
                let same = |c: Cow<'_, str>| matches!(c, Cow::Borrowed(b) if b == *s);
                assert!(same(crate::model::text::clean_line(s)), "{s}");
                assert!(same(crate::model::text::clean_text(s)), "{s}");
            }
        }
        spare.keep(event);
    }
    assert!(told > 50, "{told} strings told printable");
}

#[test]
fn the_first_quote_is_found_at_any_length_and_place() {
    for length in 0..40 {
        // Bytes next to a quote's (one below, one above), a backslash, NUL, two bytes.
        let plain = chars_of(length, "!#\\\u{0}é");
        assert_eq!(quote(plain.as_bytes()), None, "{plain:?}");
        for at in (0..=plain.len()).filter(|&at| plain.is_char_boundary(at)) {
            let mut text = plain.clone();
            text.insert(at, '"');
            text.push('"');
            assert_eq!(quote(text.as_bytes()), Some(at), "{text:?}");
        }
    }
}

#[test]
fn spare_lists_keep_their_room_from_one_event_to_the_next() {
    let mut spare = Spare::default();
    let text = serde_json::to_string(&events()[0]).expect("JSON");
    let mut event = spare.event();
    assert!(matches!(super::event(&text, &mut event), Scan::Read(_)));
    let (people, topics) = (event.participants.len(), event.topics.len());
    assert!(people > 0 && topics > 0, "{text}");
    spare.keep(event);
    let next = spare.event();
    assert!(next.participants.is_empty() && next.topics.is_empty());
    assert!(next.participants.capacity() >= people);
    assert!(next.topics.capacity() >= topics);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// One byte changed, removed or added anywhere in an event: this reader reads
    /// what serde reads, or asks for more, or leaves it to serde.
    #[test]
    fn a_damaged_event_is_read_as_serde_reads_it_or_left(
        which in any::<prop::sample::Index>(),
        form in 0u8..3,
        at in any::<prop::sample::Index>(),
        edit in 0u8..3,
        byte in prop::sample::select(vec![b'"', b'\\', b',', b'{', b'}', b'[', b']', b':', b' ', b'a', b'0', b'\n', b'n', b'u', b'd', 0x07]),
    ) {
        let event = &events()[which.index(events().len())];
        let text = match form {
            0 => serde_json::to_string(event).expect("JSON"),
            1 => serde_json::to_string_pretty(event).expect("JSON"),
            _ => ascii_only(&serde_json::to_string(event).expect("JSON")),
        };
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len());
        match edit {
            0 => bytes[i] = byte,
            1 => {
                bytes.remove(i);
            }
            _ => bytes.insert(i, byte),
        }
        // Only ASCII bytes are put in, but one may replace part of a character.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            agrees(text, &mut Spare::default());
        }
    }
}
