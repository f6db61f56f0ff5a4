//! Local (wall-clock) readings resolved to instants in a zone, across daylight-saving
//! gaps and repeated hours.

use std::cell::RefCell;

use chrono::{
    DateTime, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::point::{Precision, TimePoint};
use super::{Instant, TimeError};

impl TimePoint {
    /// The local interval the point stands for, before tolerance: `(start, end)` as local
    /// date-times; the end is exclusive for days, months and parts of a day.
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
        let (a, b) = self.local_span();
        let exact = matches!(self.precision, Precision::Minute | Precision::Second);
        let lo = resolve(zone, a, Edge::Early).ok_or_else(|| {
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
            resolve(zone, b, Edge::Late).unwrap_or(lo)
        } else {
            resolve(zone, b, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, b))
        };
        let tol = i64::from(self.tolerance);
        Ok((lo - tol, hi + tol))
    }
}
#[derive(Clone, Copy)]
enum Edge {
    Early,
    Late,
}

/// Local wall-clock time to an instant; ambiguous times (clocks going back) take the
/// earlier or later reading, times in a gap give `None`.
fn resolve(zone: Tz, local: NaiveDateTime, edge: Edge) -> Option<Instant> {
    let (early, late) = readings(zone, local)?;
    Some(match edge {
        Edge::Early => early,
        Edge::Late => late,
    })
}

/// The earliest and latest instant whose wall-clock reading in `zone` is `local` (the
/// same instant but where the clocks go back), or `None` in a gap.
///
/// Many events of a file share their readings (a day's midnight, the start of an
/// evening), and looking one up in a zone's transitions costs a search: the last
/// readings looked up on this thread are kept, a slot for each, the slot chosen by the
/// reading. What is kept is what the lookup gives, so a reading found there is the
/// same as one looked up.
fn readings(zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
    type Slot = Option<(Tz, NaiveDateTime, Option<(Instant, Instant)>)>;
    const SLOTS: usize = 1 << 10;
    thread_local! {
        static KEPT: RefCell<[Slot; SLOTS]> = const { RefCell::new([None; SLOTS]) };
    }
    let seconds = local.and_utc().timestamp().cast_unsigned();
    let mixed = (seconds ^ (u64::from(zone as u32) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let slot = (mixed >> (64 - SLOTS.trailing_zeros())) as usize;
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept[slot] {
            Some((z, l, found)) if z == zone && l == local => found,
            _ => {
                let found = look_up(zone, local);
                kept[slot] = Some((zone, local, found));
                found
            }
        }
    })
}

/// [`readings`], looked up in the zone's transitions.
fn look_up(zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
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

pub fn utc(t: Instant) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The wall-clock reading of an instant in a zone.
pub fn to_local(t: Instant, zone: Tz) -> NaiveDateTime {
    utc(t).with_timezone(&zone).naive_local()
}

/// Local date of an instant in a zone.
pub fn local_date(t: Instant, zone: Tz) -> NaiveDate {
    to_local(t, zone).date()
}

/// Midnight at the start of a local date, as an instant.
pub fn start_of_day(date: NaiveDate, zone: Tz) -> Instant {
    let local = date.and_time(NaiveTime::MIN);
    resolve(zone, local, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, local))
}

#[cfg(test)]
mod tests {
    /// A reading kept from before gives what a lookup gives: over more readings than
    /// there are slots (so that slots are shared and taken over), in zones with and
    /// without daylight saving, across their changes (gaps and repeated hours).
    #[test]
    fn kept_readings_are_the_readings() {
        use chrono::NaiveDate;
        let zones: [chrono_tz::Tz; 4] = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::Moscow,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::UTC,
        ];
        let start = NaiveDate::from_ymd_opt(2025, 3, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a date");
        let (mut gaps, mut repeats) = (0, 0);
        // Twice: the second time, other readings have taken many of the slots.
        for round in 0..2 {
            for zone in zones {
                // Every half hour for 300 days: the spring and autumn changes of both
                // hemispheres, and Lord Howe's half-hour ones.
                for step in 0..300 * 48 {
                    let local = start + chrono::Duration::minutes(30 * step);
                    let kept = super::readings(zone, local);
                    let looked_up = super::look_up(zone, local);
                    assert_eq!(kept, looked_up, "{zone} {local} (round {round})");
                    // Now found where it was kept.
                    assert_eq!(super::readings(zone, local), kept, "{zone} {local} again");
                    match kept {
                        None => gaps += 1,
                        Some((a, b)) if a != b => repeats += 1,
                        _ => {}
                    }
                }
            }
        }
        assert!(gaps > 0 && repeats > 0, "{gaps} gaps, {repeats} repeats");
    }
}
