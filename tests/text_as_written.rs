//! Text is kept as written and shown by one rule (docs/format.md, "How text is shown"):
//! a corpus of joiners, emoji, bidi controls, combining marks and every hidden class
//! goes through the JSON export unchanged, and comes out of the viewer, `print` and
//! `check` with each hidden character as a visible escape.

use std::collections::BTreeSet;
use std::path::Path;

use parley::agenda::{self, Days};
use parley::app::{Action, App, Focus, View, layout};
use parley::data::export::json;
use parley::data::load_file;
use parley::data::native::{MAX_STRING_CHARS, load_str};
use parley::model::text::never_shown_raw;
use parley::model::timeline::Timeline;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

const CORPUS: &str = "tests/fixtures/text/corpus.json";
const PERSIAN: &str = "\u{645}\u{62D}\u{645}\u{62F}\u{200C}\u{62C}\u{648}\u{627}\u{62F}";
const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";

/// One character of each class the rule escapes (the last two stray: after a space).
const HIDDEN: [char; 20] = [
    '\u{202E}',
    '\u{2066}',
    '\u{200F}',
    '\u{061C}',
    '\u{2028}',
    '\u{2029}',
    '\u{FFFE}',
    '\u{FDD0}',
    '\u{E0041}',
    '\u{00AD}',
    '\u{3164}',
    '\u{115F}',
    '\u{180E}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{1B}',
    '\u{9B}',
    '\u{7F}',
    '\u{FE0F}',
    '\u{200D}',
];

fn corpus() -> Timeline {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    load_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn strings(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

/// Each escape of a hidden character is in `shown`, and no hidden character raw.
fn assert_shown_safely(what: &str, shown: &str) {
    for c in shown.chars() {
        assert!(
            c == '\n' || !never_shown_raw(c),
            "{what}: {c:?} reached the output raw:\n{shown}"
        );
    }
    for c in HIDDEN {
        let escape = format!("\\u{{{:x}}}", u32::from(c));
        assert!(shown.contains(&escape), "{what}: no {escape}:\n{shown}");
    }
}

#[test]
fn the_json_export_keeps_every_string_as_written() {
    let text = std::fs::read_to_string(CORPUS).expect("corpus");
    let input: Value = serde_json::from_str(&text).expect("JSON");
    let tl = corpus();
    assert_eq!(tl.participants.get(0).name, PERSIAN);
    assert!(tl.events.iter().any(|e| e.title().contains(FAMILY)));

    let exported = json::write(&tl);
    let output: Value = serde_json::from_str(&exported).expect("JSON");
    let (mut wanted, mut written) = (BTreeSet::new(), BTreeSet::new());
    strings(&input, &mut wanted);
    strings(&output, &mut written);
    // The export leaves out what is implied (the format version, default kinds) and
    // writes times in their canonical form; every text is there byte for byte.
    wanted.retain(|s| !s.starts_with("2025-12-0") && s != "UTC");
    let missing: Vec<&String> = wanted.difference(&written).collect();
    assert!(missing.is_empty(), "changed or lost: {missing:?}");
    // Hidden characters are written as JSON escapes, never raw.
    assert!(!exported.chars().any(|c| c != '\n' && never_shown_raw(c)));
    assert!(exported.contains("\\u202e") && exported.contains(PERSIAN));

    let again = load_str("export.json", &exported).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, tl);
    assert_eq!(json::write(&again), exported, "a fixed point");
}

#[test]
fn an_outcome_holds_any_character() {
    let tl = corpus();
    let meet = tl.events.iter().find(|e| e.id() == "meet").expect("meet");
    let outcomes: Vec<&str> = meet.outcomes().collect();
    assert_eq!(outcomes.len(), 4);
    assert_eq!(outcomes[3], "a\u{1e}b");
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    t.draw(|f| render(app, &Theme::plain(), f)).expect("draw");
    t
}

/// The buffer's rows as text (a wide cell's symbol, then its covered cell's blank).
fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_viewer_shows_hidden_characters_as_escapes_and_joiners_as_text() {
    let mut app = App::new(corpus(), None, 1_764_972_000, (200, 60));
    app.update(Action::Show(View::Timeline));
    let mut seen = String::new();
    // The meeting (title, summary, outcomes), the hostile call, and the odd person.
    for _ in 0..2 {
        seen.push_str(&screen(&draw(&app)));
        app.update(Action::Down);
    }
    app.update(Action::Show(View::People));
    for _ in 0..4 {
        seen.push_str(&screen(&draw(&app)));
        app.update(Action::Down);
    }
    assert_shown_safely("viewer", &seen);
    assert!(seen.contains(PERSIAN), "ZWNJ shown as text:\n{seen}");
    assert!(
        seen.contains("\u{915}\u{94D}\u{200D}\u{937}"),
        "ZWJ in Hindi:\n{seen}"
    );
    assert!(seen.contains("Zoe\u{308}"), "a combining mark:\n{seen}");
}

#[test]
fn an_emoji_sequence_takes_two_columns_and_shifts_nothing() {
    let mut app = App::new(corpus(), None, 1_764_972_000, (120, 40));
    app.update(Action::Show(View::Timeline));
    let t = draw(&app);
    let buf = t.backend().buffer();
    let areas = layout::areas(120, 40, Focus::List);
    let list = areas.list.expect("a list");
    let detail = areas.detail.expect("a detail");
    // Find the row whose title starts with the family: one cell, then the one it covers.
    let row = (list.y..list.y + list.height)
        .find(|&y| (list.x..list.x + list.width).any(|x| buf[(x, y)].symbol() == FAMILY))
        .unwrap_or_else(|| panic!("no family row:\n{}", t.backend()));
    let x = (list.x..list.x + list.width)
        .find(|&x| buf[(x, row)].symbol() == FAMILY)
        .expect("the family");
    assert_eq!(buf[(x + 1, row)].symbol(), " ", "{}", t.backend());
    let after: String = (x + 2..x + 8).map(|x| buf[(x, row)].symbol()).collect();
    assert_eq!(after, " meets", "{}", t.backend());
    // And every row keeps its borders where the layout puts them.
    for y in list.y + 1..list.y + list.height - 1 {
        for border in [
            list.x,
            list.x + list.width - 1,
            detail.x,
            detail.x + detail.width - 1,
        ] {
            assert_eq!(buf[(border, y)].symbol(), "│", "row {y}:\n{}", t.backend());
        }
    }
}

#[test]
fn print_shows_hidden_characters_as_escapes() {
    let tl = corpus();
    let mut out = Vec::new();
    agenda::write(&mut out, &tl, tl.meta.zone, Days::default()).expect("writes");
    let text = String::from_utf8(out).expect("UTF-8");
    assert_shown_safely("print", &text);
    assert!(text.contains(PERSIAN), "{text}");
    assert!(text.contains(FAMILY), "{text}");
}

#[test]
fn check_messages_quote_file_text_by_the_same_rule() {
    let hostile: String = HIDDEN.iter().map(|c| format!("{c}x ")).collect();
    let persian_place = format!("{PERSIAN}{hostile}");
    let text = serde_json::json!({
        "title": "t", "zone": "UTC",
        "events": [{"id": "a", "title": "A", "kind": "call", "status": "held",
                    "time": {"start": "2025"}, "place": persian_place}],
    })
    .to_string();
    let err = load_str("t.json", &text).expect_err("an unknown place");
    let message = err.to_string();
    assert_shown_safely("check", &message);
    assert!(message.contains(PERSIAN), "{message}");
}

/// 23.7 KB of Russian: 12,600 characters, within the limit however it is written.
#[test]
fn a_long_russian_summary_loads_written_with_escapes() {
    let summary: String = "Переговоры продолжаются. "
        .chars()
        .cycle()
        .take(12_600)
        .collect();
    assert!(summary.len() > 23_600, "{}", summary.len());
    let escaped: String = summary
        .chars()
        .map(|c| format!("\\u{:04x}", u32::from(c)))
        .collect();
    assert!(
        escaped.len() > 64 * 1024,
        "longer than the old limit as written"
    );
    for written in [summary.clone(), escaped] {
        let text = format!(
            r#"{{"title": "t", "zone": "UTC", "events": [{{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {{"start": "2025"}}, "summary": "{written}"}}]}}"#
        );
        let tl = load_str("t.json", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tl.events[0].summary(), summary);
    }
}

#[test]
fn a_string_just_over_the_limit_is_refused_by_name() {
    let at = "a".repeat(MAX_STRING_CHARS);
    let over = format!("{at}b");
    let text = |s: &str| format!(r#"{{"title": "t", "zone": "UTC", "description": "{s}"}}"#);
    assert!(load_str("t.json", &text(&at)).is_ok());
    let err = load_str("t.json", &text(&over)).expect_err("too long");
    assert_eq!(
        err.to_string(),
        "t.json:1:46: a string of 16777217 characters; parley accepts strings of up to 16 MiB \
         (16777216 characters)"
    );
}
