//! Years at every scale: BCE and deep time in the native grammar, their order, how they
//! read, and screens and exports that hold them without panicking.

use chrono_tz::Tz;
use parley::model::time::{Precision, TimePoint, describe_point, year_label};
use pretty_assertions::assert_eq;

fn point(s: &str) -> TimePoint {
    TimePoint::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn start(s: &str) -> i64 {
    point(s)
        .bounds(Tz::UTC)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .0
}

#[test]
fn signed_and_long_years_are_read() {
    for (text, year) in [
        ("-0300", -300),
        ("0000", 0),
        ("-0000", 0),
        ("+12000", 12_000),
        ("12000", 12_000),
        ("-13800000000", -13_800_000_000),
        ("-4500000000", -4_500_000_000),
        ("99999999999", 99_999_999_999),
        ("~-2500000", -2_500_000),
    ] {
        let p = point(text);
        assert_eq!(p.year(), year, "{text}");
        assert_eq!(p.precision, Precision::Year, "{text}");
    }
    let ides = point("-0043-03-15");
    assert_eq!((ides.year(), ides.precision), (-43, Precision::Day));
    let p = point("-0300-03-15T12:00");
    assert_eq!((p.year(), p.precision), (-300, Precision::Minute));
}

#[test]
fn malformed_years_are_refused_with_a_reason() {
    for text in [
        "-30",
        "--0300",
        "-",
        "+-0300",
        "300",
        "-13800000000-01",
        "-13800000000-01-01",
        "250000-01",
        "-100000 evening",
        "999999999999",
        "-0300-13",
        "-0300-02-30",
    ] {
        let e = TimePoint::parse(text).expect_err(text);
        assert!(!e.0.is_empty(), "{text}");
    }
    let e = TimePoint::parse("-13800000000-01").expect_err("a month of a far year");
    assert!(e.0.contains("stands alone"), "{e}");
}

#[test]
fn years_are_written_back_as_they_are_read() {
    for text in [
        "-0300",
        "0000",
        "0602",
        "12000",
        "-13800000000",
        "-0043-03-15",
        "-0300-03",
        "~-4500000000",
        "-99999-12-31T23:59",
    ] {
        assert_eq!(describe_point(&point(text)), text);
        assert_eq!(point(&describe_point(&point(text))), point(text), "{text}");
    }
}

#[test]
fn deep_time_comes_before_antiquity_before_today() {
    let order = [
        "-13800000000",
        "-4500000000",
        "-2500000",
        "-200001",
        "-100000",
        "-0300",
        "-0001-12-31",
        "0000",
        "0602",
        "2025",
        "12000",
        "100000",
        "250000",
    ];
    for pair in order.windows(2) {
        let (a, b) = (point(pair[0]), point(pair[1]));
        assert!(a.year() < b.year(), "{pair:?}");
        let (a_lo, a_hi) = a.bounds(Tz::UTC).expect("bounds");
        let (b_lo, _) = b.bounds(Tz::UTC).expect("bounds");
        assert!(a_hi <= b_lo, "{pair:?}: {a_hi} > {b_lo}");
        assert!(a_lo < a_hi, "{pair:?}");
    }
    // A year is its length in days, far or near: the cycles keep the calendar.
    for (y, days) in [
        (-13_800_000_000i64, 366),
        (-4_500_000_001, 365),
        (250_000, 366),
        (250_001, 365),
    ] {
        let (lo, hi) = point(&year_text(y)).bounds(Tz::UTC).expect("bounds");
        assert_eq!(hi - lo, days * 86_400, "{y}");
    }
    // Consecutive far years follow each other with no gap.
    let (_, end) = point("-13800000001").bounds(Tz::UTC).expect("bounds");
    assert_eq!(end, start("-13800000000"));
}

fn year_text(y: i64) -> String {
    parley::model::time::year_expression(y)
}

#[test]
fn years_read_as_a_reader_counts_them() {
    assert_eq!(year_label(2025), "2025");
    assert_eq!(year_label(602), "602");
    assert_eq!(year_label(-300), "301 BCE");
    assert_eq!(year_label(point("0000").year()), "1 BCE");
    assert_eq!(
        year_label(point("-13800000000").year()),
        "13.8 billion years ago"
    );
    assert_eq!(year_label(-2_500_000), "2.5 million years ago");
}

mod screens {
    use parley::app::document::Target;
    use parley::app::{Action, App, View};
    use parley::data::native;
    use parley::model::timeline::Timeline;
    use parley::ui::{Theme, render};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The Big Bang, Euclid, a seventh-century war and this year, in the native format.
    pub const DEEP: &str = r#"{
      "parley": 1,
      "title": "From the beginning",
      "zone": "UTC",
      "events": [
        { "id": "now", "title": "This year", "kind": "announcement", "status": "held",
          "time": { "start": "2025" } },
        { "id": "big-bang", "title": "The Big Bang", "kind": "announcement", "status": "held",
          "time": { "start": "-13800000000" } },
        { "id": "war", "title": "A war of the seventh century", "kind": "announcement",
          "status": "held", "time": { "start": "0602", "end": "0628" } },
        { "id": "euclid", "title": "Euclid writes on optics", "kind": "announcement",
          "status": "held", "time": { "start": "-0299" } },
        { "id": "earth", "title": "The Earth forms", "kind": "announcement", "status": "held",
          "time": { "start": "-4500000000", "end": "-4400000000" } }
      ]
    }"#;

    pub fn deep() -> Timeline {
        native::load_str("deep.json", DEEP).unwrap_or_else(|e| panic!("{e}"))
    }

    fn screen(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
        t.draw(|f| render(app, &Theme::plain(), f)).expect("draws");
        t.backend().to_string()
    }

    fn select(app: &mut App, id: &str) {
        let e = app.timeline.event_by_id(id).expect("event");
        for _ in 0..20 {
            if app.subject() == Some(Target::Event(e)) {
                return;
            }
            let k = app.position_of(e).expect("shown");
            app.update(if app.cursor().sel < k {
                Action::Down
            } else {
                Action::Up
            });
        }
        panic!("{id} not reached");
    }

    #[test]
    fn the_list_the_detail_and_the_axis_hold_deep_time() {
        // Friday 5 December 2025, noon UTC.
        let now = 1_764_936_000;
        for size in [(80, 24), (40, 10), (50, 15), (120, 40)] {
            let mut app = App::new(deep(), None, now, size);
            let first = screen(&app);
            if size.1 >= 24 {
                assert!(first.contains("13.8 bya"), "{first}");
                assert!(first.contains("Before 100000 BCE"), "{first}");
            }
            for id in ["big-bang", "earth", "euclid", "war", "now"] {
                select(&mut app, id);
                let list = screen(&app);
                app.update(Action::Show(View::Axis));
                let mut axis = screen(&app);
                for zoom in [Action::ZoomIn, Action::ZoomIn, Action::ZoomOut] {
                    app.update(zoom);
                    axis.push_str(&screen(&app));
                }
                for _ in 0..6 {
                    app.update(Action::ZoomOut);
                }
                app.update(Action::Pan(-1));
                axis.push_str(&screen(&app));
                app.update(Action::Fit);
                axis.push_str(&screen(&app));
                app.update(Action::Show(View::Timeline));
                // No calendar's edge reaches the screen, nor the year from 1200 to 1599 a
                // far year is read in.
                let far = ["big-bang", "earth"].contains(&id);
                let wrong: &[&str] = if far {
                    &["262143", "262142", "262.1", "1200", "1201", "1400"]
                } else {
                    &["262143", "262142", "262.1"]
                };
                for text in [&list, &axis] {
                    for wrong in wrong {
                        assert!(!text.contains(wrong), "{id} {size:?}: {wrong} in\n{text}");
                    }
                }
            }
            if size == (120, 40) {
                select(&mut app, "big-bang");
                let detail = screen(&app);
                assert!(detail.contains("13.8 billion years ago"), "{detail}");
                app.update(Action::Show(View::Axis));
                app.update(Action::Fit);
                let axis = screen(&app);
                assert!(axis.contains("bya"), "{axis}");
            }
        }
    }
}

mod exports {
    use std::io::Write;

    use assert_cmd::Command;
    use pretty_assertions::assert_eq;

    use super::screens::DEEP;

    fn parley() -> Command {
        Command::cargo_bin("parley").expect("the parley binary is built")
    }

    fn dataset() -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new()
            .suffix(".json")
            .tempfile()
            .expect("temp file");
        f.write_all(DEEP.as_bytes()).expect("written");
        f
    }

    fn run(args: &[&str]) -> String {
        let out = parley().args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    #[test]
    fn print_check_and_every_export_keep_the_years() {
        let f = dataset();
        let path = f.path().to_str().expect("a UTF-8 path");
        let check = run(&["check", path]);
        assert!(
            check.contains("13.8 billion years ago to Wed 31 Dec 2025"),
            "{check}"
        );
        let print = run(&["print", path]);
        let order: Vec<usize> = [
            "The Big Bang",
            "The Earth forms",
            "Euclid",
            "A war of",
            "This year",
        ]
        .iter()
        .map(|t| print.find(t).unwrap_or_else(|| panic!("{t} in {print}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{print}");
        assert!(print.contains("13.8 bya"), "{print}");
        assert!(print.contains("until 4.4 billion years ago"), "{print}");
        assert!(print.contains("300 BCE"), "{print}");
        let md = run(&["export", "--format", "md", path, "-o", "-"]);
        assert!(md.contains("13\\.8 billion years ago"), "{md}");
        // The JSON export reads back as the same timeline, far years exactly.
        let json = run(&["export", "--format", "json", path, "-o", "-"]);
        for year in [
            "\"-13800000000\"",
            "\"-4500000000\"",
            "\"-0299\"",
            "\"0602\"",
        ] {
            assert!(json.contains(year), "{year} in {json}");
        }
        let again =
            parley::data::native::load_str("again.json", &json).unwrap_or_else(|e| panic!("{e}"));
        let first = super::screens::deep();
        assert_eq!(again.events.len(), first.events.len());
        for (a, b) in again.events.iter().zip(&first.events) {
            assert_eq!(a.id(), b.id());
            assert_eq!(a.time, b.time);
        }
        // iCalendar leaves out what it cannot write and says so.
        let out = parley()
            .args(["export", "--format", "ics", path, "-o", "-"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        let ics = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2, "{ics}");
        let err = String::from_utf8(out.stderr).expect("utf-8");
        assert!(err.contains("3 events left out"), "{err}");
    }
}

mod timelinejs {
    use std::path::{Path, PathBuf};

    use assert_cmd::Command;
    use parley::data::timelinejs;
    use parley::model::time::year_label;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/timelinejs")
            .join(name)
    }

    fn parley(args: &[&str], name: &str) -> String {
        let path = fixture(name);
        let out = Command::cargo_bin("parley")
            .expect("the parley binary is built")
            .args(args)
            .arg(&path)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?} {name}: {out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn years(name: &str) -> Vec<(String, String)> {
        let text = std::fs::read_to_string(fixture(name)).expect("fixture");
        let tl = timelinejs::load_str(name, &text, None).unwrap_or_else(|e| panic!("{e}"));
        tl.events
            .iter()
            .map(|e| (e.title().to_string(), year_label(e.time.start.year())))
            .collect()
    }

    #[test]
    fn a_negative_year_is_the_year_bce_timelinejs_shows() {
        let years = years("bce.json");
        let expect = [
            ("Euclid's Optics", "300 BCE"),
            ("The Ides of March", "44 BCE"),
            ("A war of the seventh century", "602"),
            ("This year", "2025"),
        ];
        let expect: Vec<(String, String)> = expect
            .iter()
            .map(|(t, y)| (t.to_string(), y.to_string()))
            .collect();
        assert_eq!(years, expect);
        let check = parley(&["check"], "bce.json");
        assert!(check.contains(": ok, 4 events"), "{check}");
        assert!(check.contains("300 BCE to "), "{check}");
        let print = parley(&["print"], "bce.json");
        assert!(
            print.contains("\n  300 BCE     ● Euclid's Optics"),
            "{print}"
        );
        assert!(print.contains("Friday 15 March 44 BCE"), "{print}");
    }

    #[test]
    fn a_cosmological_timeline_is_read_in_order() {
        let years = years("cosmological.json");
        let titles: Vec<&str> = years.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "The Big Bang",
                "The Earth forms",
                "The first stone tools",
                "A treatise on optics",
                "A landing on the Moon"
            ]
        );
        let labels: Vec<&str> = years.iter().map(|(_, y)| y.as_str()).collect();
        assert_eq!(
            labels,
            [
                "13.8 billion years ago",
                "4.5 billion years ago",
                "2.5 million years ago",
                "300 BCE",
                "1969"
            ]
        );
        let check = parley(&["check"], "cosmological.json");
        assert!(
            check.contains(
                ": ok, 5 events, 0 participants, 13.8 billion years ago to Sun 20 Jul 1969"
            ),
            "{check}"
        );
        let print = parley(&["print"], "cosmological.json");
        for row in [
            "13.8 bya    ● The Big Bang",
            "4.5 bya     ● The Earth forms",
        ] {
            assert!(print.contains(row), "{row} in {print}");
        }
    }
}

proptest::proptest! {
    /// Any year reads back as written, lies after every earlier one, and is the year
    /// its instants are found in, in any zone.
    #[test]
    fn every_year_reads_back_in_order(
        a in -99_999_999_999i64..=99_999_999_999,
        b in -99_999_999_999i64..=99_999_999_999,
        zone in proptest::sample::select(vec![Tz::UTC, Tz::Pacific__Kiritimati, Tz::America__New_York]),
    ) {
        let text = year_text(a);
        let p = point(&text);
        proptest::prop_assert_eq!(p.year(), a);
        proptest::prop_assert_eq!(describe_point(&p), text);
        let (lo, hi) = p.bounds(zone).expect("bounds");
        proptest::prop_assert_eq!(parley::model::time::year_of(lo, zone), a);
        proptest::prop_assert_eq!(parley::model::time::year_of(hi - 1, zone), a);
        let (b_lo, b_hi) = point(&year_text(b)).bounds(zone).expect("bounds");
        if a < b {
            proptest::prop_assert!(hi <= b_lo);
        } else if b < a {
            proptest::prop_assert!(b_hi <= lo);
        }
    }
}

#[test]
fn years_at_the_calendar_edges_are_found_where_they_are() {
    for zone in [Tz::UTC, Tz::Pacific__Kiritimati, Tz::America__Adak] {
        for y in [
            -99_999_999_999,
            -100_001,
            -100_000,
            -99_999,
            -98_031,
            -98_030,
            -1,
            0,
            1,
            9_999,
            10_000,
            99_999,
            100_000,
            99_999_999_999,
        ] {
            let (lo, hi) = point(&year_text(y)).bounds(zone).expect("bounds");
            assert_eq!(parley::model::time::year_of(lo, zone), y, "{y} {zone}");
            assert_eq!(parley::model::time::year_of(hi - 1, zone), y, "{y} {zone}");
        }
    }
}

#[test]
fn the_calendar_ends_where_its_years_end() {
    use parley::model::time::in_calendar;
    let first = point("-99999").bounds(Tz::UTC).expect("bounds").0;
    let after = point("100000").bounds(Tz::UTC).expect("bounds").0;
    assert!(in_calendar(first) && in_calendar(after - 1));
    assert!(!in_calendar(first - 2 * 86_400), "{first}");
    assert!(!in_calendar(after + 2 * 86_400), "{after}");
}
