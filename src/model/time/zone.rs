//! Local (wall-clock) readings resolved to instants in a zone, across daylight-saving
//! gaps and repeated hours.
//!
//! Each reading is looked up in the zone's transitions ([`look_up`]). A reader that
//! resolves many times may keep the readings it has looked up: it passes its own
//! [`Readings`] to [`TimePoint::bounds_with`] (the native loader keeps a cache per
//! reading thread); nothing is kept here.

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc,
};
use chrono_tz::Tz;

use super::point::{CYCLE_SECONDS, Precision, TimePoint};
use super::{Instant, TimeError};

impl TimePoint {
    /// The local interval the point stands for, before tolerance: `(start, end)` as local
    /// date-times; the end is exclusive for days, months and parts of a day.
    #[inline]
    fn local_span(&self) -> (NaiveDateTime, NaiveDateTime) {
        let midnight = self.date.and_time(NaiveTime::MIN);
        match self.precision {
            Precision::Second | Precision::Minute => {
                let t = midnight + chrono::Duration::seconds(i64::from(self.seconds));
                (t, t)
            }
            Precision::Part(p) => {
                let (a, b) = p.hours();
                (
                    midnight + chrono::Duration::hours(i64::from(a)),
                    midnight + chrono::Duration::hours(i64::from(b)),
                )
            }
            Precision::Day => (midnight, midnight + Days::new(1)),
            Precision::Month => (midnight, midnight + Months::new(1)),
            Precision::Year => (midnight, midnight + Months::new(12)),
        }
    }

    /// Earliest and latest instant the point allows when read in `zone`.
    ///
    /// A wall-clock time that falls in a daylight-saving gap is an error for exact
    /// times; the boundaries of coarser spans move to the first instant after the gap.
    pub fn bounds(&self, zone: Tz) -> Result<(Instant, Instant), TimeError> {
        self.bounds_with(zone, &mut LookUp)
    }

    /// [`TimePoint::bounds`], with the readings of local times taken from `readings`.
    pub fn bounds_with<R: Readings>(
        &self,
        zone: Tz,
        readings: &mut R,
    ) -> Result<(Instant, Instant), TimeError> {
        let (a, b) = self.local_span();
        let exact = matches!(self.precision, Precision::Minute | Precision::Second);
        let lo = resolve(readings, zone, a, Edge::Early).ok_or_else(|| {
            TimeError(format!(
                "{} does not exist in {} (the clocks skip it)",
                a.format("%Y-%m-%dT%H:%M"),
                zone.name()
            ))
        });
        let lo = match lo {
            Ok(v) => v,
            Err(e) if exact => return Err(e),
            Err(_) => resolve_after_gap(zone, a),
        };
        let hi = if exact {
            resolve(readings, zone, b, Edge::Late).unwrap_or(lo)
        } else {
            resolve(readings, zone, b, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, b))
        };
        let tol = i64::from(self.tolerance);
        // A far year was read in its place in the cycle from `far_base`.
        let far = i64::from(self.cycles) * CYCLE_SECONDS;
        Ok((lo - tol + far, hi + tol + far))
    }
}

#[derive(Clone, Copy)]
enum Edge {
    Early,
    Late,
}

/// Local wall-clock time to an instant; ambiguous times (clocks going back) take the
/// earlier or later reading, times in a gap give `None`.
fn resolve<R: Readings>(
    readings: &mut R,
    zone: Tz,
    local: NaiveDateTime,
    edge: Edge,
) -> Option<Instant> {
    let (early, late) = readings.readings(zone, local)?;
    Some(match edge {
        Edge::Early => early,
        Edge::Late => late,
    })
}

/// Where the readings of local times come from: looked up each time ([`LookUp`]), or
/// kept by a reader from one lookup to the next.
pub trait Readings {
    /// The earliest and latest instant whose wall-clock reading in `zone` is `local`
    /// (the same instant but where the clocks go back), or `None` in a gap: what
    /// [`look_up`] gives, whether looked up now or kept from before.
    fn readings(&mut self, zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)>;
}

/// Readings looked up in the zone's transitions every time, keeping nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct LookUp;

impl Readings for LookUp {
    fn readings(&mut self, zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
        look_up(zone, local)
    }
}

/// The earliest and latest instant whose wall-clock reading in `zone` is `local`, or
/// `None` in a gap, looked up in the zone's transitions.
pub fn look_up(zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Some((t.timestamp(), t.timestamp())),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.timestamp(), b.timestamp());
            Some((a.min(b), a.max(b)))
        }
        LocalResult::None => None,
    }
}

/// The first instant whose wall-clock reading is at or after `local`: where a
/// daylight-saving gap swallowed `local`, the instant the clocks jumped.
fn resolve_after_gap(zone: Tz, local: NaiveDateTime) -> Instant {
    let guess = local.and_utc().timestamp();
    // Offsets lie within a day of UTC, so the answer is within a day either side.
    let (mut lo, mut hi) = (guess - 2 * 86_400, guess + 2 * 86_400);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if to_local(mid, zone) >= local {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The instants of the calendar's years ([`super::CALENDAR_YEARS`]) in any zone: from
/// 1 January 99999 BCE (year -99999) to 1 January 100000, UTC, a day either side.
const CALENDAR: std::ops::RangeInclusive<Instant> =
    -3_217_830_796_800 - 86_400..=3_093_527_980_800 + 86_400;

/// Whether an instant lies in the calendar's years, where its calendar readings
/// ([`utc`], [`to_local`], [`local_date`]) give its own year; beyond, only [`year_of`]
/// and [`far_local`] do.
pub fn in_calendar(t: Instant) -> bool {
    CALENDAR.contains(&t)
}

/// The instant in UTC; outside chrono's calendar, the calendar's first or last instant
/// (check [`in_calendar`] before showing its year).
pub fn utc(t: Instant) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or(if t < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// The wall-clock reading of an instant in a zone; outside chrono's calendar, clamped
/// to its edge as [`utc`] is (check [`in_calendar`] before showing its year).
pub fn to_local(t: Instant, zone: Tz) -> NaiveDateTime {
    let t = utc(t);
    // `with_timezone` would step past the calendar's edge at its first or last day.
    if t.year().abs() > 200_000 {
        return t.naive_utc();
    }
    t.with_timezone(&zone).naive_local()
}

/// The wall-clock reading of any instant in a zone, as the reading of an instant a
/// whole number of 400-year cycles away (the calendar repeats after them) and that
/// number: `(reading, 0)` within [`in_calendar`], else a reading in the 400 years from
/// `point::far_base`, where far years are read.
pub fn far_local(t: Instant, zone: Tz) -> (NaiveDateTime, i64) {
    if in_calendar(t) {
        return (to_local(t, zone), 0);
    }
    // 1 January of `far_base`, UTC: 1200 before the epoch, 2000 after it.
    let base: Instant = if t < 0 { -24_298_876_800 } else { 946_684_800 };
    let cycles = (t - base).div_euclid(CYCLE_SECONDS);
    (to_local(t - cycles * CYCLE_SECONDS, zone), cycles)
}

/// The year (astronomical numbering) an instant falls in, in a zone: right for every
/// instant, far ones included.
pub fn year_of(t: Instant, zone: Tz) -> i64 {
    let (local, cycles) = far_local(t, zone);
    i64::from(local.year()) + 400 * cycles
}

/// Local date of an instant in a zone.
pub fn local_date(t: Instant, zone: Tz) -> NaiveDate {
    to_local(t, zone).date()
}

/// Midnight at the start of a local date, as an instant.
pub fn start_of_day(date: NaiveDate, zone: Tz) -> Instant {
    let local = date.and_time(NaiveTime::MIN);
    resolve(&mut LookUp, zone, local, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, local))
}
