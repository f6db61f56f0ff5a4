//! When an event happened, as reported, and the earliest and latest instants that
//! allows.

use chrono_tz::Tz;

use super::display::describe_point;
use super::point::{Precision, TimePoint};
use super::span::Span;
use super::zone::{LookUp, Readings};
use super::{Instant, TimeError, err};

/// When an event happened, as reported, and the instants that allows.
#[derive(Clone, Debug, PartialEq)]
pub struct EventTime {
    /// The zone the wall-clock values were reported in.
    pub zone: Tz,
    pub start: TimePoint,
    pub end: Option<TimePoint>,
    pub duration: Option<Span>,
    pub bounds: Bounds,
}

/// Earliest and latest instants of an event's start and end; [`Bounds::end_latest`]
/// is `None` when the end is open (ongoing, or not reported).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bounds {
    pub start_earliest: Instant,
    pub start_latest: Instant,
    pub end_earliest: Instant,
    /// [`OPEN`] for none: an `Option` would make every event 8 bytes larger.
    end_latest: Instant,
}

/// The latest end of an open event: no instant a date can give.
const OPEN: Instant = Instant::MAX;

impl Bounds {
    pub fn end_latest(&self) -> Option<Instant> {
        (self.end_latest != OPEN).then_some(self.end_latest)
    }

    /// The latest instant the event may still be going on: its latest end, or its
    /// latest start where the end is open or may come before it.
    pub fn last(&self) -> Instant {
        self.end_latest()
            .unwrap_or(self.start_latest)
            .max(self.start_latest)
    }
}

impl std::fmt::Debug for Bounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bounds")
            .field("start_earliest", &self.start_earliest)
            .field("start_latest", &self.start_latest)
            .field("end_earliest", &self.end_earliest)
            .field("end_latest", &self.end_latest())
            .finish()
    }
}

impl EventTime {
    /// The start as reported, as an instant: the point as written without its
    /// tolerance (`~19:40` is 19:40, `~2024-12-04` its midnight, `2025-12` the 1st).
    pub fn nominal_start(&self) -> Instant {
        self.bounds.start_earliest + i64::from(self.start.tolerance)
    }

    /// The end as reported, as an instant: the nominal start plus a reported length
    /// (`2h`, `~5h`), else the reported end without its tolerance (the end of its day
    /// for a date); none when neither gives one.
    pub fn nominal_end(&self) -> Option<Instant> {
        if let Some(len) = self.duration.and_then(|d| d.nominal()) {
            return Some(self.nominal_start() + i64::from(len));
        }
        let end = self.end?;
        let latest = self.bounds.end_latest()? - i64::from(end.tolerance);
        Some(latest.max(self.nominal_start()))
    }

    /// Builds the time of an event, deriving its bounds.
    pub fn new(
        zone: Tz,
        start: TimePoint,
        end: Option<TimePoint>,
        duration: Option<Span>,
    ) -> Result<EventTime, TimeError> {
        EventTime::resolve_with(&mut LookUp, zone, start, end, duration)
    }

    /// [`EventTime::new`], with the readings of local times taken from `readings`.
    pub fn resolve_with<R: Readings>(
        readings: &mut R,
        zone: Tz,
        start: TimePoint,
        end: Option<TimePoint>,
        duration: Option<Span>,
    ) -> Result<EventTime, TimeError> {
        let (s_lo, s_hi) = start.bounds_with(zone, readings)?;
        let by_duration = duration.map(|d| (s_lo + i64::from(d.min), s_hi + i64::from(d.max)));
        let by_end = end.map(|e| e.bounds_with(zone, readings)).transpose()?;
        // A day, month or part of a day ends where the next begins: an end there is
        // before a start there.
        let end_open_right =
            end.is_some_and(|e| !matches!(e.precision, Precision::Minute | Precision::Second));
        let before_start = |hi: Instant| hi < s_lo || (end_open_right && hi <= s_lo);
        let (e_lo, e_hi) = match (by_end, by_duration) {
            (Some((lo, hi)), None) => {
                if before_start(hi) {
                    return err(format!(
                        "the end ({}) is before the start ({})",
                        describe_point(&end.unwrap_or(start)),
                        describe_point(&start)
                    ));
                }
                (lo.max(s_lo), Some(hi))
            }
            (None, Some((lo, hi))) => (lo, Some(hi)),
            (Some((a, b)), Some((c, d))) => {
                if before_start(b) {
                    return err(format!(
                        "the end ({}) is before the start ({})",
                        describe_point(&end.unwrap_or(start)),
                        describe_point(&start)
                    ));
                }
                let (lo, hi) = (a.max(c), b.min(d));
                if lo > hi {
                    return err(format!(
                        "the end ({}) and the duration ({}) cannot both hold",
                        describe_point(&end.unwrap_or(start)),
                        duration.map(|d| d.label()).unwrap_or_default()
                    ));
                }
                (lo, Some(hi))
            }
            (None, None) => (s_lo, None),
        };
        Ok(EventTime {
            zone,
            start,
            end,
            duration,
            bounds: Bounds {
                start_earliest: s_lo,
                start_latest: s_hi,
                end_earliest: e_lo,
                end_latest: e_hi.unwrap_or(OPEN),
            },
        })
    }
}

#[cfg(test)]
mod nominal {
    use chrono_tz::Tz;

    use super::EventTime;
    use crate::model::time::{Span, TimePoint};

    fn time(zone: Tz, start: &str, end: Option<&str>, duration: Option<&str>) -> EventTime {
        let point = |t: &str| TimePoint::parse(t).expect("a time");
        EventTime::new(
            zone,
            point(start),
            end.map(point),
            duration.map(|d| Span::parse(d).expect("a duration")),
        )
        .expect("a sound time")
    }

    #[test]
    fn an_approximate_start_is_the_time_as_written() {
        let kremlin = time(Tz::Europe__Moscow, "~2025-12-02T19:40", None, Some("~5h"));
        // 19:40 Moscow (UTC+3) is 16:40 UTC.
        assert_eq!(kremlin.nominal_start(), 1_764_693_600);
        assert!(kremlin.bounds.start_earliest < kremlin.nominal_start());
        assert_eq!(kremlin.nominal_end(), Some(1_764_693_600 + 5 * 3600));
    }

    #[test]
    fn a_day_ends_at_the_next_midnight_and_a_range_gives_no_length() {
        let days = time(Tz::UTC, "~2025-12-04", Some("2025-12-06"), None);
        assert_eq!(days.nominal_start(), 1_764_806_400);
        assert_eq!(days.nominal_end(), Some(1_764_806_400 + 3 * 86_400));
        let ranged = time(Tz::UTC, "2025-12-04T10:00", None, Some("4h..6h"));
        assert_eq!(ranged.nominal_end(), None);
    }
}
