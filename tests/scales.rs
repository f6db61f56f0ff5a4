//! Dates at every scale, from 602 to a minute in 2025: each listed under a header at
//! its own precision, in its own words, with lengths in natural units and in the order
//! of the times reported; in the viewer, `print` and the Markdown briefing alike.

use chrono::{TimeZone, Utc};
use parley::agenda::{self, Days};
use parley::app::{App, Focus};
use parley::data::export::markdown;
use parley::model::describe;
use parley::model::timeline::Timeline;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{press, screen};

const CENTURIES: &str = include_str!("fixtures/scales/centuries.json");

/// Friday 5 December 2025, noon UTC.
fn now() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 12, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

fn timeline() -> Timeline {
    parley::data::native::load_str("centuries.json", CENTURIES).unwrap_or_else(|e| panic!("{e}"))
}

/// The app at 80x24 with `id` selected.
fn selected(id: &str) -> App {
    let mut app = App::new(timeline(), None, now(), (80, 24));
    let e = app.timeline.event_by_id(id).expect("event exists");
    let k = app.position_of(e).expect("shown");
    press(&mut app, KeyCode::Home);
    for _ in 0..k {
        press(&mut app, KeyCode::Down);
    }
    app
}

fn ids(tl: &Timeline) -> Vec<&str> {
    tl.events.iter().map(|e| e.id()).collect()
}

#[test]
fn events_are_in_the_order_of_the_times_reported() {
    let tl = timeline();
    assert_eq!(
        ids(&tl),
        [
            "seventh-century",
            "lovelace",
            "term",
            // `~2024` may begin in October 2023, but it is reported as 2024.
            "about-2024",
            "autumn",
            "about-december",
            "about-thursday",
            "thursday",
            // 13:55 before ~14:05, which may begin at 13:50.
            "five-to",
            "about-five-past",
        ]
    );
}

#[test]
fn print_lists_each_event_under_a_header_at_its_precision() {
    let mut out = Vec::new();
    agenda::write(&mut out, &timeline(), chrono_tz::UTC, Days::default()).expect("written");
    let out = String::from_utf8(out).expect("UTF-8");
    let headers: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(
        headers,
        [
            "602",
            "Sunday 10 December 1815",
            "2020",
            "2024",
            "September 2025",
            "December 2025",
            "Thursday 4 December 2025",
        ]
    );
    for line in [
        "  602         ● A span of years from 602 to 629",
        "                28 years · until 629",
        "                37 years · until Sat 27 Nov 1852",
        "                5 years · until 2024",
        "  ~2024       ● Something around 2024",
        "                3 months · until November 2025",
        "  ~Dec 2025   ● Some time around December",
        "  ~Thu 4 Dec  ● Around Thursday",
        "                2 days · until Fri 5 Dec",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    // No earliest bound passed off as the date, and no year written with a leading 0.
    for wrong in [
        "2023",
        "0602",
        "Mon 1 Jan",
        "16 Nov",
        "13503",
        "Wednesday 3",
    ] {
        assert!(!out.contains(wrong), "{wrong:?} in:\n{out}");
    }
}

#[test]
fn the_detail_gives_the_start_in_full() {
    let tl = timeline();
    let utc = chrono_tz::UTC;
    let when = |id: &str| {
        let e = tl.event_by_id(id).expect("event");
        describe::full_when_line(tl.event(e), utc)
    };
    assert_eq!(
        when("lovelace"),
        "Sun 10 Dec 1815 all day → Sat 27 Nov 1852"
    );
    assert_eq!(when("seventh-century"), "602 → 629");
    assert_eq!(when("term"), "2020 → 2024");
    assert_eq!(when("about-2024"), "~2024");
    assert_eq!(when("about-december"), "~December 2025");
    assert_eq!(when("about-thursday"), "~Thu 4 Dec 2025");
    assert_eq!(when("thursday"), "Thu 4 Dec 2025 all day → Fri 5 Dec");
    assert_eq!(when("five-to"), "Thu 4 Dec 2025 13:55");
}

#[test]
fn markdown_headings_follow_the_precision() {
    let text = markdown::write(&timeline(), chrono_tz::UTC);
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 602",
            "## Sunday 10 December 1815",
            "## 2020",
            "## 2024",
            "## September 2025",
            "## December 2025",
            "## Thursday 4 December 2025",
        ]
    );
    assert!(text.contains("37 years"), "{text}");
    assert!(!text.contains("2023"), "{text}");
}

#[test]
fn the_timeline_at_80x24() {
    let app = selected("about-five-past");
    insta::assert_snapshot!("centuries_timeline_80x24", screen(&app));
}

/// `]` moves from header to header, whatever their precision.
#[test]
fn the_day_key_steps_through_the_headers() {
    let mut app = selected("seventh-century");
    let mut seen = Vec::new();
    for _ in 0..8 {
        let e = app.event_at(app.cursor().sel).expect("an event");
        seen.push(app.timeline.event(e).id().to_string());
        press(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(
        seen,
        [
            "seventh-century",
            "lovelace",
            "term",
            "about-2024",
            "autumn",
            "about-december",
            "about-thursday",
            "about-thursday",
        ]
    );
}

#[test]
fn the_detail_at_80x24() {
    for id in ["lovelace", "about-december", "about-five-past"] {
        let mut app = selected(id);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.nav.focus, Focus::Detail);
        insta::assert_snapshot!(format!("centuries_detail_{id}_80x24"), screen(&app));
    }
}
