//! VTIMEZONE blocks made from the time-zone database: the offsets in force in the years
//! an export uses, and every change within them, each as its own component.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Offset};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{Lines, local_stamp};
use crate::model::time::{Instant, start_of_day, utc_offset};

/// A zone's state at an instant: offset from UTC in seconds, daylight saving or not, and
/// the abbreviation.
#[derive(Clone, PartialEq, Eq)]
struct Observance {
    offset: i32,
    daylight: bool,
    name: String,
}

fn observance(zone: Tz, t: Instant) -> Observance {
    let dt = DateTime::from_timestamp(t, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .with_timezone(&zone);
    let off = dt.offset();
    Observance {
        offset: off.fix().local_minus_utc(),
        daylight: !off.dst_offset().is_zero(),
        name: off.abbreviation().unwrap_or("").to_string(),
    }
}

/// Local midnight on the first of January.
fn year_start(year: i32, zone: Tz) -> Instant {
    NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, |d| start_of_day(d, zone))
}

/// The changes of a zone's offset between two instants: each the first instant of the
/// new observance. The zone is sampled daily and each change found to the second.
fn transitions(zone: Tz, from: Instant, to: Instant) -> Vec<(Instant, Observance, Observance)> {
    let mut out = Vec::new();
    let mut t = from;
    let mut before = observance(zone, t);
    while t < to {
        let next = t + 86_400;
        let after = observance(zone, next);
        if after != before {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if observance(zone, mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((hi, before.clone(), observance(zone, hi)));
            before = observance(zone, hi);
            if before != after {
                // Two changes in one day: look again from the first.
                t = hi;
                continue;
            }
        }
        before = after;
        t = next;
    }
    out
}

/// A VTIMEZONE for `zone` covering the years its times fall in: for each run of
/// consecutive years, the observance in force at its start, then every change within
/// it as its own component. Only the years used, so that a dataset spanning centuries
/// does not list every change between them.
pub(super) fn vtimezone(lines: &mut Lines, zone: Tz, years: &BTreeSet<i32>) {
    let component = |lines: &mut Lines, at: Instant, was: &Observance, now: &Observance| {
        let kind = if now.daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.raw(&format!("BEGIN:{kind}"));
        let local = DateTime::from_timestamp(at + i64::from(was.offset), 0)
            .unwrap_or(DateTime::UNIX_EPOCH)
            .naive_utc();
        lines.prop("DTSTART", &[], &local_stamp(&local));
        lines.prop("TZOFFSETFROM", &[], &utc_offset(was.offset));
        lines.prop("TZOFFSETTO", &[], &utc_offset(now.offset));
        if !now.name.is_empty() {
            lines.text("TZNAME", &now.name);
        }
        lines.raw(&format!("END:{kind}"));
    };
    lines.raw("BEGIN:VTIMEZONE");
    lines.text("TZID", zone.name());
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == y => *last = y,
            _ => runs.push((y, y)),
        }
    }
    for (first, last) in runs {
        let (from, to) = (year_start(first, zone), year_start(last + 1, zone));
        let initial = observance(zone, from);
        component(lines, from, &initial, &initial);
        for (at, was, now) in transitions(zone, from, to) {
            component(lines, at, &was, &now);
        }
    }
    lines.raw("END:VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_york_changes_twice_a_year() {
        let ny: Tz = "America/New_York".parse().unwrap_or(Tz::UTC);
        let found = transitions(ny, year_start(2025, ny), year_start(2026, ny));
        let when: Vec<String> = found
            .iter()
            .map(|(t, _, _)| super::super::utc_stamp(*t))
            .collect();
        assert_eq!(when, ["20250309T070000Z", "20251102T060000Z"]);
        assert!(found[0].2.daylight && !found[1].2.daylight);
        assert_eq!(found[0].2.name, "EDT");
    }
}
