//! Years at every scale: BCE and deep time in the native grammar, their order, how they
//! read, and screens and exports that hold them without panicking.

use chrono_tz::Tz;
use parley::model::time::{Precision, TimePoint, describe_point, year_label};
use pretty_assertions::assert_eq;

fn point(s: &str) -> TimePoint {
    TimePoint::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn start(s: &str) -> i64 {
    point(s).bounds(Tz::UTC).unwrap_or_else(|e| panic!("{s}: {e}")).0
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
    for (y, days) in [(-13_800_000_000i64, 366), (-4_500_000_001, 365), (250_000, 366), (250_001, 365)] {
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
