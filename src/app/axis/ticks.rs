//! The tick marks of the time axis: local boundaries of the display zone, as fine as
//! the zoom allows without their labels overlapping.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use chrono_tz::Tz;

use super::{Axis, column};
use crate::app::document::Width;
use crate::model::time::{
    Instant, PartOfDay, TimePoint, YEARS, in_calendar, short_month_label, to_local, year_label,
    year_of, year_short,
};

/// A tick on the axis: its column and its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub column: u16,
    pub label: String,
}

/// Tick steps, finest first, with how they are labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Minutes(u32),
    Hours(u32),
    Parts,
    Days(u32),
    Weeks,
    Months(u32),
    Years(u32),
}

const STEPS: [Step; 18] = [
    Step::Minutes(1),
    Step::Minutes(5),
    Step::Minutes(15),
    Step::Minutes(30),
    Step::Hours(1),
    Step::Hours(2),
    Step::Hours(3),
    Step::Parts,
    Step::Hours(12),
    Step::Days(1),
    Step::Days(2),
    Step::Weeks,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(5),
    Step::Years(10),
];

impl Step {
    /// Rough length, to choose a step.
    fn seconds(self) -> i64 {
        match self {
            Step::Minutes(m) => i64::from(m) * 60,
            Step::Hours(h) => i64::from(h) * 3600,
            Step::Parts => 6 * 3600,
            Step::Days(d) => i64::from(d) * 86_400,
            Step::Weeks => 7 * 86_400,
            Step::Months(m) => i64::from(m) * 30 * 86_400,
            Step::Years(y) => i64::from(y) * 365 * 86_400,
        }
    }

    /// Columns a label of this step needs at least, with a gap: the finest step worth
    /// trying; a step whose actual labels overlap is passed over.
    fn label_width(self) -> i64 {
        match self {
            Step::Minutes(_) | Step::Hours(_) => 6,
            Step::Parts => 8,
            Step::Days(_) => 6,
            Step::Weeks => 7,
            Step::Months(_) => 5,
            Step::Years(_) => 5,
        }
    }

    /// The first local boundary of this step at or before `t`.
    fn floor(self, t: NaiveDateTime) -> NaiveDateTime {
        let day = t.date().and_time(NaiveTime::MIN);
        let secs = i64::from(t.num_seconds_from_midnight());
        match self {
            Step::Minutes(m) => {
                day + chrono::Duration::seconds(secs / (i64::from(m) * 60) * i64::from(m) * 60)
            }
            Step::Hours(h) => {
                day + chrono::Duration::seconds(secs / (i64::from(h) * 3600) * i64::from(h) * 3600)
            }
            Step::Parts => day + chrono::Duration::seconds(secs / (6 * 3600) * 6 * 3600),
            Step::Days(_) => day,
            Step::Weeks => day - Days::new(u64::from(t.weekday().num_days_from_monday())),
            Step::Months(m) => {
                let month0 = (t.month0() / m) * m;
                NaiveDate::from_ymd_opt(t.year(), month0 + 1, 1)
                    .unwrap_or(t.date())
                    .and_time(NaiveTime::MIN)
            }
            Step::Years(y) => {
                let year = t.year().div_euclid(y as i32) * y as i32;
                NaiveDate::from_ymd_opt(year, 1, 1)
                    .unwrap_or(t.date())
                    .and_time(NaiveTime::MIN)
            }
        }
    }

    fn advance(self, t: NaiveDateTime) -> NaiveDateTime {
        match self {
            Step::Minutes(m) => t + chrono::Duration::minutes(i64::from(m)),
            Step::Hours(h) => t + chrono::Duration::hours(i64::from(h)),
            Step::Parts => t + chrono::Duration::hours(6),
            Step::Days(d) => t + Days::new(u64::from(d)),
            Step::Weeks => t + Days::new(7),
            Step::Months(m) => t + Months::new(m),
            Step::Years(y) => t + Months::new(12 * y),
        }
    }

    fn label(self, t: NaiveDateTime) -> String {
        let midnight = t.num_seconds_from_midnight() == 0;
        match self {
            Step::Minutes(_) | Step::Hours(_) if midnight => t.format("%a %-d").to_string(),
            Step::Minutes(_) | Step::Hours(_) => t.format("%H:%M").to_string(),
            Step::Parts if midnight => t.format("%a %-d").to_string(),
            Step::Parts => PartOfDay::containing(
                t.num_seconds_from_midnight(),
                t.num_seconds_from_midnight() + 1,
            )
            .map_or_else(|| t.format("%H:%M").to_string(), |p| p.label().to_string()),
            Step::Days(_) => t.format("%a %-d").to_string(),
            Step::Weeks => t.format("%-d %b").to_string(),
            Step::Months(_) if t.month() == 1 => short_month_label(t.date()),
            Step::Months(_) => t.format("%b").to_string(),
            Step::Years(_) => year_label(i64::from(t.year())),
        }
    }
}

/// Adds a tick at `col` unless its label would run off the right edge; `false` when
/// it would come within two columns of the last one placed (`last_end`, the column
/// after it): that step
/// is too fine to label every tick, and ticks are never left out in between.
fn place(out: &mut Vec<Tick>, last_end: &mut i64, col: i64, label: String, width: u16) -> bool {
    let label_w = label.width() as i64;
    if col < 0 || col + label_w > i64::from(width) {
        return true;
    }
    // Two blank columns between labels, so that each reads as one.
    if col <= last_end.saturating_add(1) {
        return false;
    }
    out.push(Tick {
        column: col as u16,
        label,
    });
    *last_end = col + label_w;
    true
}

/// Ticks at local boundaries of the display zone, at one even step, each labelled, as
/// fine as the zoom allows without their labels overlapping.
pub fn ticks(axis: &Axis, zone: Tz, width: u16) -> Vec<Tick> {
    if width == 0 || axis.span <= 0 {
        return Vec::new();
    }
    let end = axis.start.saturating_add(axis.span);
    if !(in_calendar(axis.start) && in_calendar(end)) {
        return year_ticks(axis, zone, width);
    }
    let first = STEPS.iter().position(|s| {
        s.seconds() as i128 * i128::from(width) >= s.label_width() as i128 * i128::from(axis.span)
    });
    let Some(first) = first else {
        // Longer than decades: years at 10, 20, 50... as for centuries.
        return year_ticks(axis, zone, width);
    };
    for &step in &STEPS[first..] {
        if let Some(t) = step_ticks(step, axis, zone, width)
            && !t.is_empty()
        {
            return t;
        }
    }
    // No boundary of a step coarse enough is in view: the first boundary of the finest
    // step whose label fits, alone.
    STEPS[..first]
        .iter()
        .rev()
        .find_map(|&step| step_ticks_first(step, axis, zone, width))
        .map_or_else(|| year_ticks(axis, zone, width), |t| vec![t])
}

/// The boundaries of `step` in the window, local times with their instants.
fn boundaries(
    step: Step,
    axis: &Axis,
    zone: Tz,
    width: u16,
) -> impl Iterator<Item = (NaiveDateTime, i64)> {
    let mut local = step.floor(to_local(axis.start, zone));
    let mut done = false;
    let axis = *axis;
    std::iter::from_fn(move || {
        while !done {
            let next = step.advance(local);
            let here = local;
            if next <= local {
                done = true;
            }
            local = next;
            // A local time the clocks skip gets no tick.
            let Some(t) = resolve(here, zone) else {
                continue;
            };
            let col = column(t, &axis, width);
            if col >= i64::from(width) {
                done = true;
                return None;
            }
            return Some((here, col));
        }
        None
    })
    .take(400)
}

/// Every boundary of `step` in the window, labelled; `None` when labels would overlap.
fn step_ticks(step: Step, axis: &Axis, zone: Tz, width: u16) -> Option<Vec<Tick>> {
    let mut out: Vec<Tick> = Vec::new();
    let mut last_end = i64::MIN;
    for (local, col) in boundaries(step, axis, zone, width) {
        if !place(&mut out, &mut last_end, col, step.label(local), width) {
            return None;
        }
    }
    Some(out)
}

fn step_ticks_first(step: Step, axis: &Axis, zone: Tz, width: u16) -> Option<Tick> {
    boundaries(step, axis, zone, width).find_map(|(local, col)| {
        let (mut out, mut end) = (Vec::new(), i64::MIN);
        place(&mut out, &mut end, col, step.label(local), width);
        out.pop()
    })
}

/// Columns a year tick's label needs, with a gap: "300 BCE", "13.8 bya".
const YEAR_LABEL_WIDTH: i128 = 10;

/// Ticks at the starts of years, every 1, 2 or 5 times a power of ten years, each
/// labelled: for any span, and for times beyond the calendar.
fn year_ticks(axis: &Axis, zone: Tz, width: u16) -> Vec<Tick> {
    // The mean Gregorian year.
    const YEAR: i128 = 31_556_952;
    let needed = YEAR_LABEL_WIDTH * i128::from(axis.span);
    let steps = (0..13u32).flat_map(|k| {
        let tens = 10i64.pow(k);
        [tens, 2 * tens, 5 * tens]
    });
    let mut last = Vec::new();
    for step in steps.filter(|&s| i128::from(s) * YEAR * i128::from(width) >= needed) {
        if let Some(t) = year_step_ticks(step, axis, zone, width) {
            if !t.is_empty() {
                return t;
            }
            last = t;
        }
    }
    last
}

fn year_step_ticks(step: i64, axis: &Axis, zone: Tz, width: u16) -> Option<Vec<Tick>> {
    let first = year_of(axis.start, zone).div_euclid(step) * step;
    let mut out: Vec<Tick> = Vec::new();
    let mut last_end = i64::MIN;
    for i in 0..400 {
        let year = first + i * step;
        if !YEARS.contains(&year) {
            break;
        }
        let Some(t) = TimePoint::of_year(year).and_then(|p| p.bounds(zone).ok()) else {
            continue;
        };
        let col = column(t.0, axis, width);
        if col >= i64::from(width) {
            break;
        }
        if !place(&mut out, &mut last_end, col, year_short(year), width) {
            return None;
        }
    }
    Some(out)
}

/// A local time to an instant (the first, when the clocks go back); `None` for a time
/// the clocks skip.
fn resolve(local: NaiveDateTime, zone: Tz) -> Option<Instant> {
    use chrono::TimeZone;
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Some(t.timestamp()),
        chrono::LocalResult::Ambiguous(a, _) => Some(a.timestamp()),
        chrono::LocalResult::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::axis::column;
    use crate::app::axis::tests::window;
    use chrono::TimeZone;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Moscow;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        chrono::Utc
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .map_or(0, |t| t.timestamp())
    }

    #[test]
    fn ticks_adapt_to_the_zoom_and_never_overlap() {
        let start = utc(2025, 12, 2, 5, 0);
        // The window starts at midnight in New York.
        for (span, expect) in [
            (3600, "00:15"),
            (12 * 3600, "03:00"),
            (2 * 86_400, "afternoon"),
            (7 * 86_400, "Wed 3"),
            (91 * 86_400, "Jan 2026"),
            (10 * 365 * 86_400, "2030"),
        ] {
            let a = window(start, span);
            let t = ticks(&a, New_York, 100);
            assert!(t.iter().any(|t| t.label == expect), "{span}: {t:?}");
            for pair in t.windows(2) {
                let end = pair[0].column as usize + pair[0].label.chars().count();
                assert!(
                    end + 1 < pair[1].column as usize,
                    "overlap at {span}: {pair:?}"
                );
            }
            assert!(
                t.iter()
                    .all(|t| (t.column as usize) + t.label.chars().count() <= 100)
            );
        }
        let parts = ticks(&window(start, 2 * 86_400), New_York, 100);
        // Centuries and aeons are counted in years, and never overlap either.
        let big_bang = TimePoint::parse("-13800000000")
            .and_then(|p| p.bounds(New_York))
            .map_or(0, |b| b.0);
        for (from, span, expect) in [
            (utc(1800, 1, 1, 0, 0), 300 * 365 * 86_400, "1900"),
            (big_bang, utc(2025, 1, 1, 0, 0) - big_bang, "10 bya"),
        ] {
            let t = ticks(&window(from, span), New_York, 80);
            assert!(t.iter().any(|t| t.label == expect), "{t:?}");
            for pair in t.windows(2) {
                let end = pair[0].column as usize + pair[0].label.chars().count();
                assert!(end + 1 < pair[1].column as usize, "overlap: {pair:?}");
            }
        }
        assert!(parts.iter().any(|t| t.label == "evening"), "{parts:?}");
    }

    #[test]
    fn hourly_ticks_across_a_daylight_saving_change() {
        // New York skips 02:00 on 9 March 2025; the axis stays linear in real time.
        let start = utc(2025, 3, 9, 5, 0);
        let a = window(start, 6 * 3600);
        let t = ticks(&a, New_York, 60);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Sun 9", "01:00", "03:00", "04:00", "05:00", "06:00"]
        );
        let cols: Vec<u16> = t.iter().map(|t| t.column).collect();
        // 00:00, 01:00 and 03:00 are one real hour apart: equal spacing.
        assert_eq!(cols, [0, 10, 20, 30, 40, 50]);
    }

    #[test]
    fn the_kremlin_meeting_crosses_midnight_in_moscow_not_in_miami() {
        // ~19:40 Moscow (16:40 UTC) for about five hours: to about 00:40 Moscow.
        let (from, to) = (utc(2025, 12, 2, 16, 25), utc(2025, 12, 2, 22, 25));
        let a = window(utc(2025, 12, 2, 12, 0), 86_400);
        let width = 96;
        let (c0, c1) = (column(from, &a, width), column(to, &a, width));
        let inside = |zone: Tz| {
            ticks(&a, zone, width)
                .into_iter()
                .filter(|t| i64::from(t.column) > c0 && i64::from(t.column) < c1)
                .map(|t| t.label)
                .collect::<Vec<_>>()
        };
        assert!(
            inside(Moscow).contains(&"Wed 3".to_string()),
            "{:?}",
            inside(Moscow)
        );
        assert!(
            inside(New_York).iter().all(|l| !l.starts_with("Wed")),
            "{:?}",
            inside(New_York)
        );
    }

    fn labels(t: &[Tick]) -> Vec<&str> {
        t.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn year_ticks_fall_on_round_years_at_one_step() {
        let year = |y: i64| {
            TimePoint::of_year(y)
                .and_then(|p| p.bounds(New_York).ok())
                .map_or(0, |b| b.0)
        };
        for (from, to, width) in [
            (1800, 2000, 58u16),
            (1810, 1990, 40),
            (1823, 1937, 80),
            (1500, 2025, 120),
            (1990, 2030, 30),
        ] {
            let a = window(year(from), year(to) - year(from));
            let t = ticks(&a, New_York, width);
            assert!(t.len() >= 2, "{from}-{to} at {width}: {t:?}");
            let years: Vec<i64> = t
                .iter()
                .map(|t| t.label.parse::<i64>().expect("a year"))
                .collect();
            let step = years[1] - years[0];
            assert!(
                [1, 2, 5, 10, 20, 50, 100, 200, 500].contains(&step),
                "{from}-{to}: {years:?}"
            );
            for pair in years.windows(2) {
                assert_eq!(pair[1] - pair[0], step, "{from}-{to}: {years:?}");
            }
            assert!(years.iter().all(|y| y % step == 0), "{years:?}");
        }
    }

    #[test]
    fn calendar_ticks_are_evenly_stepped_on_boundaries() {
        let start = utc(2025, 12, 2, 5, 17);
        for width in [30u16, 47, 63, 98, 160] {
            for span in [
                600,
                3600,
                3 * 3600,
                12 * 3600,
                86_400,
                4 * 86_400,
                14 * 86_400,
                91 * 86_400,
                365 * 86_400,
                5 * 365 * 86_400,
            ] {
                let a = window(start, span);
                let t = ticks(&a, New_York, width);
                assert!(!t.is_empty(), "{span} at {width}: no labelled tick");
                // Spacing in columns is even within rounding, bar month lengths.
                let cols: Vec<i64> = t.iter().map(|t| i64::from(t.column)).collect();
                if cols.len() >= 3 {
                    let gaps: Vec<i64> = cols.windows(2).map(|p| p[1] - p[0]).collect();
                    let (lo, hi) = (gaps.iter().min(), gaps.iter().max());
                    let (Some(lo), Some(hi)) = (lo, hi) else {
                        continue;
                    };
                    assert!(
                        hi - lo <= 1 + hi / 8,
                        "{span} at {width}: uneven {:?} {gaps:?}",
                        labels(&t)
                    );
                }
            }
        }
    }

    #[test]
    fn every_zoom_from_minutes_to_aeons_is_labelled() {
        let start = utc(2025, 12, 2, 5, 17);
        let mut span: i64 = 600;
        while span < 500_000_000_000_000_000 {
            for width in [20u16, 39, 63, 158] {
                let a = window(start - span / 2, span);
                let t = ticks(&a, New_York, width);
                assert!(!t.is_empty(), "span {span} s at {width} columns");
                for pair in t.windows(2) {
                    let end = pair[0].column as usize + pair[0].label.width();
                    assert!(end + 1 < pair[1].column as usize, "overlap: {pair:?}");
                }
            }
            span = span.saturating_mul(3);
        }
    }
}
