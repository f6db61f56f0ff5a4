//! The time model: each precision, approximate values, zones across midnight and DST.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::America::New_York;
use chrono_tz::Europe::{Berlin, Moscow};
use chrono_tz::{Tz, UTC};
use parley::model::describe::{self, interval};
use parley::model::time::{EventTime, PartOfDay, Precision, Span, SpanKind, TimePoint};
use pretty_assertions::assert_eq;

mod common;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid test instant")
        .timestamp()
}

fn point(s: &str) -> TimePoint {
    TimePoint::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn bounds(s: &str, zone: Tz) -> (i64, i64) {
    point(s).bounds(zone).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn exact_minute_in_a_zone() {
    let p = point("2025-12-02T19:40");
    assert_eq!(p.precision, Precision::Minute);
    assert_eq!(
        bounds("2025-12-02T19:40", Moscow),
        (utc(2025, 12, 2, 16, 40), utc(2025, 12, 2, 16, 40))
    );
}

#[test]
fn exact_second() {
    let p = point("2025-12-02T19:40:30");
    assert_eq!(p.precision, Precision::Second);
    let t = utc(2025, 12, 2, 16, 40) + 30;
    assert_eq!(p.bounds(Moscow), Ok((t, t)));
}

#[test]
fn approximate_time_is_a_quarter_hour_either_way() {
    let (lo, hi) = bounds("~2025-12-02T19:40", Moscow);
    assert_eq!(lo, utc(2025, 12, 2, 16, 25));
    assert_eq!(hi, utc(2025, 12, 2, 16, 55));
}

#[test]
fn explicit_tolerance() {
    let (lo, hi) = bounds("2025-12-02T19:40±1h", Moscow);
    assert_eq!(
        (lo, hi),
        (utc(2025, 12, 2, 15, 40), utc(2025, 12, 2, 17, 40))
    );
    assert_eq!(point("2025-12-02T19:40+-10m").tolerance, 600);
}

#[test]
fn date_only_covers_the_local_day() {
    let p = point("2025-12-06");
    assert_eq!(p.precision, Precision::Day);
    assert_eq!(
        bounds("2025-12-06", New_York),
        (utc(2025, 12, 6, 5, 0), utc(2025, 12, 7, 5, 0))
    );
}

#[test]
fn month_only_covers_the_month() {
    let p = point("2025-12");
    assert_eq!(p.precision, Precision::Month);
    assert_eq!(
        bounds("2025-12", UTC),
        (utc(2025, 12, 1, 0, 0), utc(2026, 1, 1, 0, 0))
    );
    assert_eq!(bounds("2024-02", UTC).1, utc(2024, 3, 1, 0, 0));
}

#[test]
fn year_only() {
    assert_eq!(point("2025").precision, Precision::Year);
    assert_eq!(
        bounds("2025", UTC),
        (utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0))
    );
}

#[test]
fn parts_of_the_day() {
    let cases = [
        ("2025-12-03 small-hours", PartOfDay::SmallHours, (0, 6)),
        ("2025-12-03 morning", PartOfDay::Morning, (6, 12)),
        ("2025-12-03 afternoon", PartOfDay::Afternoon, (12, 18)),
        ("2025-12-03 evening", PartOfDay::Evening, (18, 22)),
        ("2025-12-03 night", PartOfDay::Night, (22, 24)),
    ];
    for (text, part, (from, to)) in cases {
        let p = point(text);
        assert_eq!(p.precision, Precision::Part(part), "{text}");
        let base = utc(2025, 12, 3, 0, 0);
        assert_eq!(
            p.bounds(UTC),
            Ok((base + from * 3600, base + to * 3600)),
            "{text}"
        );
    }
    assert_eq!(
        point("2025-12-03 early").precision,
        Precision::Part(PartOfDay::SmallHours)
    );
}

#[test]
fn durations() {
    assert_eq!(
        Span::parse("2h"),
        Ok(Span {
            min: 7200,
            max: 7200,
            kind: SpanKind::Exact
        })
    );
    assert_eq!(Span::parse("1h30m").map(|s| s.min), Ok(5400));
    assert_eq!(Span::parse("90m").map(|s| s.max), Ok(5400));
    // "about five hours": within a tenth.
    assert_eq!(
        Span::parse("~5h"),
        Ok(Span {
            min: 4 * 3600 + 1800,
            max: 5 * 3600 + 1800,
            kind: SpanKind::About
        })
    );
    // Short ones are never tighter than a quarter hour.
    assert_eq!(Span::parse("~1h").map(|s| (s.min, s.max)), Ok((2700, 4500)));
    assert_eq!(
        Span::parse("4h..6h").map(|s| (s.min, s.max)),
        Ok((14400, 21600))
    );
    assert_eq!(
        Span::parse("lengthy").map(|s| (s.min, s.max)),
        Ok((3 * 3600, 12 * 3600))
    );
    assert_eq!(Span::parse("brief").map(|s| s.max), Ok(3600));
    assert_eq!(
        Span::parse("~5h").map(|s| s.label()),
        Ok("~5 h".to_string())
    );
    assert_eq!(
        Span::parse("1h30m").map(|s| s.label()),
        Ok("1 h 30 min".to_string())
    );
}

#[test]
fn bad_expressions_say_what_was_expected() {
    let bad = [
        (
            "2025-02-30",
            "2025-02-30 is not a date (that month has no day 30)",
        ),
        ("2025-13", "month 13 does not exist (expected 01 to 12)"),
        (
            "2025-12-04 teatime",
            "'teatime' is not a part of the day (expected one of small-hours, morning, afternoon, evening, night)",
        ),
        (
            "2025-12-04T25:00",
            "25:00 is not a time of day (expected 00:00 to 23:59)",
        ),
        (
            "2025-12 evening",
            "'2025-12 evening': a time of day needs a full date (YYYY-MM-DD)",
        ),
        (
            "Thursday",
            "'Thursday' is not a time; expected a time such as 2025-12-02T19:40, ~2025-12-02T19:40, 2025-12-04 evening, 2025-12-06 or 2025-12",
        ),
        (
            "",
            "empty time; expected a time such as 2025-12-02T19:40, ~2025-12-02T19:40, 2025-12-04 evening, 2025-12-06 or 2025-12",
        ),
    ];
    for (text, message) in bad {
        assert_eq!(
            TimePoint::parse(text).map_err(|e| e.0),
            Err(message.to_string()),
            "{text}"
        );
    }
    assert_eq!(
        Span::parse("five hours").map_err(|e| e.0),
        Err("'five hours' is not a duration; expected a duration such as 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy".into())
    );
    assert_eq!(
        Span::parse("5").map_err(|e| e.0),
        Err("'5': the last number has no unit (d, h, m or s)".into())
    );
    assert!(Span::parse("6h..4h").is_err());
}

/// The Kremlin meeting: began about 19:40 Moscow time, about five hours, ended early
/// Wednesday. In Moscow it ends in Wednesday's small hours; in Miami, Tuesday afternoon.
fn kremlin() -> EventTime {
    EventTime::new(
        Moscow,
        point("~2025-12-02T19:40"),
        Some(point("2025-12-03 small-hours")),
        Span::parse("~5h").ok(),
    )
    .expect("the Kremlin meeting's time is consistent")
}

#[test]
fn kremlin_meeting_bounds() {
    let b = kremlin().bounds;
    assert_eq!(b.start_earliest, utc(2025, 12, 2, 16, 25));
    assert_eq!(b.start_latest, utc(2025, 12, 2, 16, 55));
    // 19:25 + 4h30 = 23:55 Moscow, but the report says Wednesday: from midnight.
    assert_eq!(b.end_earliest, utc(2025, 12, 2, 21, 0));
    // 19:55 + 5h30 = 01:25 Moscow on Wednesday.
    assert_eq!(b.end_latest(), Some(utc(2025, 12, 2, 22, 25)));
}

#[test]
fn kremlin_meeting_ends_early_wednesday_in_moscow_and_tuesday_afternoon_in_miami() {
    let t = kremlin();
    let (lo, hi) = (
        t.bounds.end_earliest,
        t.bounds.end_latest().unwrap_or_default(),
    );
    let moscow = interval(lo, hi, Moscow, None);
    assert_eq!(
        moscow.date,
        NaiveDate::from_ymd_opt(2025, 12, 3).unwrap_or_default()
    );
    assert_eq!(moscow.text, "small hours");
    let miami = interval(lo, hi, New_York, None);
    assert_eq!(
        miami.date,
        NaiveDate::from_ymd_opt(2025, 12, 2).unwrap_or_default()
    );
    assert_eq!(miami.text, "afternoon");
    let start = interval(
        t.bounds.start_earliest,
        t.bounds.start_latest,
        New_York,
        Some(&t.start),
    );
    assert_eq!(start.text, "~11:40");
}

#[test]
fn evening_in_miami_is_small_hours_in_moscow() {
    let (lo, hi) = bounds("2025-12-04 evening", New_York);
    let w = interval(lo, hi, Moscow, None);
    assert_eq!(
        (w.date.to_string(), w.text.as_str()),
        ("2025-12-05".to_string(), "small hours")
    );
    let w = interval(lo, hi, New_York, None);
    assert_eq!(
        (w.date.to_string(), w.text.as_str()),
        ("2025-12-04".to_string(), "evening")
    );
}

#[test]
fn zone_offsets_follow_daylight_saving() {
    // Moscow keeps UTC+3; New York moves from UTC-5 to UTC-4 on 9 March 2025.
    let winter = bounds("2025-03-08T19:40", Moscow).0;
    let summer = bounds("2025-03-10T19:40", Moscow).0;
    assert_eq!(interval(winter, winter, New_York, None).text, "11:40");
    assert_eq!(interval(summer, summer, New_York, None).text, "12:40");
    // Berlin and New York change on different dates: a three-week window of six hours.
    let t = bounds("2025-03-20T12:00", Berlin).0;
    assert_eq!(interval(t, t, New_York, None).text, "07:00");
    let t = bounds("2025-04-20T12:00", Berlin).0;
    assert_eq!(interval(t, t, New_York, None).text, "06:00");
}

#[test]
fn times_in_a_daylight_saving_gap() {
    // 02:30 never happened in New York on 9 March 2025.
    let e = TimePoint::parse("2025-03-09T02:30").and_then(|p| p.bounds(New_York));
    assert_eq!(
        e.map_err(|e| e.0),
        Err("2025-03-09T02:30 does not exist in America/New_York (the clocks skip it)".into())
    );
    // A coarse span keeps its length in real time: the small hours are five hours long.
    let (lo, hi) = bounds("2025-03-09 small-hours", New_York);
    assert_eq!(hi - lo, 5 * 3600);
}

#[test]
fn ambiguous_times_take_the_wider_reading() {
    // 01:30 happened twice in New York on 2 November 2025.
    let (lo, hi) = bounds("2025-11-02T01:30", New_York);
    assert_eq!(lo, utc(2025, 11, 2, 5, 30));
    assert_eq!(hi, utc(2025, 11, 2, 6, 30));
    // The night of the change lasts 25 hours.
    let (lo, hi) = bounds("2025-11-02", New_York);
    assert_eq!(hi - lo, 25 * 3600);
}

#[test]
fn end_before_start_and_contradictions_are_errors() {
    let e = EventTime::new(
        UTC,
        point("2025-12-05T10:00"),
        Some(point("2025-12-04")),
        None,
    );
    assert_eq!(
        e.map_err(|e| e.0),
        Err("the end (2025-12-04) is before the start (2025-12-05T10:00)".into())
    );
    // The day before, even when it ends exactly where the start's day begins.
    let e = EventTime::new(UTC, point("2025-12-05"), Some(point("2025-12-04")), None);
    assert_eq!(
        e.map_err(|e| e.0),
        Err("the end (2025-12-04) is before the start (2025-12-05)".into())
    );
    // The same day, and an exact end at an exact start, are fine.
    assert!(EventTime::new(UTC, point("2025-12-05"), Some(point("2025-12-05")), None).is_ok());
    assert!(
        EventTime::new(
            UTC,
            point("2025-12-05T10:00"),
            Some(point("2025-12-05T10:00")),
            None,
        )
        .is_ok()
    );
    let e = EventTime::new(
        UTC,
        point("2025-12-05T10:00"),
        Some(point("2025-12-05T11:00")),
        Span::parse("5h").ok(),
    );
    assert_eq!(
        e.map_err(|e| e.0),
        Err("the end (2025-12-05T11:00) and the duration (5 h) cannot both hold".into())
    );
}

#[test]
fn open_end_and_spans_of_days() {
    let open = EventTime::new(UTC, point("2025-12-05 morning"), None, None);
    assert_eq!(open.map(|t| t.bounds.end_latest()), Ok(None));
    let weekend = EventTime::new(
        New_York,
        point("2025-12-06"),
        Some(point("2025-12-07")),
        None,
    );
    let b = weekend.expect("weekend").bounds;
    assert_eq!(b.end_latest(), Some(utc(2025, 12, 8, 5, 0)));
    assert_eq!(b.start_earliest, utc(2025, 12, 6, 5, 0));
}

#[test]
fn describing_at_each_precision() {
    let cases = [
        ("2025-12-02T19:40", Moscow, "19:40"),
        ("~2025-12-02T19:40", Moscow, "~19:40"),
        ("2025-12-04 evening", New_York, "evening"),
        ("2025-12-06", New_York, "all day"),
        ("2025-12", New_York, "December 2025"),
        ("2025", New_York, "2025"),
    ];
    for (text, zone, expected) in cases {
        let p = point(text);
        let (lo, hi) = bounds(text, zone);
        assert_eq!(interval(lo, hi, zone, Some(&p)).text, expected, "{text}");
    }
    assert_eq!(
        describe::status_mark(parley::model::timeline::Status::Expected),
        "◌"
    );
}

/// In any display zone, the agenda and the timeline list each day once, in order:
/// a day reported at a place in another zone stands under the day it began there.
#[test]
fn a_dataset_across_zones_lists_each_day_once_in_any_zone() {
    use parley::agenda::{self, Days};
    use parley::app::App;
    use parley::app::rows::{ListRow, timeline_rows};
    use parley::model::describe::Heading;

    let text = parley::synthetic::dataset(1_500, 5);
    let tl = parley::data::native::load_str("zones.json", &text).expect("valid");
    let zones: [Tz; 5] = [
        Berlin,
        New_York,
        UTC,
        chrono_tz::Australia::Sydney,
        chrono_tz::Pacific::Kiritimati,
    ];
    let mut moved = 0;
    for zone in zones {
        let mut out = Vec::new();
        agenda::write(&mut out, &tl, zone, Days::default()).expect("written");
        let out = String::from_utf8(out).expect("UTF-8");
        let days: Vec<&str> = out
            .lines()
            .skip(2)
            .filter(|l| !l.is_empty() && !l.starts_with(' '))
            .collect();
        let unique: std::collections::HashSet<&&str> = days.iter().collect();
        assert_eq!(unique.len(), days.len(), "a day listed twice in {zone}");
        // Rows named by their own date ("  Wed 3 Jan   ● ...") rather than "all day".
        let weekdays = ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "];
        moved += out
            .lines()
            .filter(|l| l.get(2..6).is_some_and(|d| weekdays.contains(&d)))
            .count();

        let app = App::new(tl.clone(), Some(zone), 1_764_972_000, (120, 40));
        let rows = timeline_rows(&app, 0, app.shown_len() * 3);
        // A year's or a month's header stands for its first day.
        let headers: Vec<NaiveDate> = rows
            .iter()
            .filter_map(|r| match r {
                ListRow::Heading(Heading::Day(d) | Heading::Month(d)) => Some(*d),
                ListRow::Heading(Heading::Year(y)) => NaiveDate::from_ymd_opt(*y, 1, 1),
                _ => None,
            })
            .collect();
        assert!(
            headers.windows(2).all(|w| w[0] <= w[1]),
            "the timeline's headers out of order in {zone}"
        );
        let unique: std::collections::HashSet<Heading> = rows
            .iter()
            .filter_map(|r| match r {
                ListRow::Heading(h) => Some(*h),
                _ => None,
            })
            .collect();
        assert_eq!(unique.len(), headers.len(), "a header twice in {zone}");
        assert_eq!(headers.len(), days.len(), "{zone}");
    }
    // Days reported in one zone do stand under another day in some other.
    assert!(moved > 0);
}

/// A day reported in Moscow, printed in New York's times (where it began the evening
/// before): the row names Moscow's date under New York's Monday, and says whose date
/// it is, as the detail pane and the briefing do.
#[test]
fn the_agenda_says_whose_date_a_day_reported_elsewhere_is() {
    use parley::agenda::{self, Days};

    let tl = common::kremlin_as_moscow_day();
    let print = |zone: Tz| {
        let mut out = Vec::new();
        agenda::write(&mut out, &tl, zone, Days::default()).expect("written");
        String::from_utf8(out).expect("UTF-8")
    };
    let in_new_york = print(New_York);
    let monday = in_new_york
        .split("\n\n")
        .find(|day| day.starts_with("Monday 1 December"))
        .unwrap_or_else(|| panic!("Moscow's Tuesday began on Monday in New York:\n{in_new_york}"));
    let row = monday
        .lines()
        .position(|l| l.contains("Witkoff and Kushner meet Putin"))
        .unwrap_or_else(|| panic!("{monday}"));
    let lines: Vec<&str> = monday.lines().collect();
    // The row names Moscow's time, and the line below says whose date it is.
    assert!(lines[row].starts_with("  Tue 2 MSK "), "{monday}");
    assert!(
        lines[row + 1].contains("dated in Europe/Moscow"),
        "{monday}"
    );
    // Told in Moscow, the day needs no zone.
    assert!(!print(Moscow).contains("dated in"));
}
