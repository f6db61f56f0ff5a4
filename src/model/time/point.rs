//! What a reported point in time is: a local date, perhaps a clock time or a part of
//! the day, how finely it is known and how far it may be off.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

/// A named part of a day, as reports use them ("Thursday evening", "early Wednesday").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfDay {
    SmallHours,
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 5] = [
        PartOfDay::SmallHours,
        PartOfDay::Morning,
        PartOfDay::Afternoon,
        PartOfDay::Evening,
        PartOfDay::Night,
    ];

    /// The spelling used in the data format.
    pub fn keyword(self) -> &'static str {
        match self {
            PartOfDay::SmallHours => "small-hours",
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Evening => "evening",
            PartOfDay::Night => "night",
        }
    }

    /// The words a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            PartOfDay::SmallHours => "small hours",
            other => other.keyword(),
        }
    }

    /// Local hours `[start, end)` the part covers; night ends at midnight.
    pub fn hours(self) -> (u32, u32) {
        match self {
            PartOfDay::SmallHours => (0, 6),
            PartOfDay::Morning => (6, 12),
            PartOfDay::Afternoon => (12, 18),
            PartOfDay::Evening => (18, 22),
            PartOfDay::Night => (22, 24),
        }
    }

    pub fn parse(word: &str) -> Option<PartOfDay> {
        match word {
            "small-hours" | "early-hours" | "early" => Some(PartOfDay::SmallHours),
            "morning" => Some(PartOfDay::Morning),
            "afternoon" => Some(PartOfDay::Afternoon),
            "evening" => Some(PartOfDay::Evening),
            "night" => Some(PartOfDay::Night),
            _ => None,
        }
    }

    /// The part that contains the local time-of-day span `[from, to]` (seconds after
    /// midnight; `to` may be 86 400), if a single one does.
    pub fn containing(from: u32, to: u32) -> Option<PartOfDay> {
        PartOfDay::ALL.into_iter().find(|p| {
            let (a, b) = p.hours();
            from >= a * 3600 && to <= b * 3600
        })
    }
}

/// How finely a reported point in time is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Part(PartOfDay),
    Minute,
    Second,
}

/// A reported point in time in local (wall-clock) terms: `2025-12-02T19:40`,
/// `~2025-12-02T19:40`, `2025-12-04 evening`, `2025-12-06`, `2025-12`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimePoint {
    /// The first local day the point can fall on (the 1st for a month or a year).
    pub date: NaiveDate,
    /// Seconds after local midnight; used with `Minute` and `Second` precision.
    pub seconds: u32,
    pub precision: Precision,
    /// Plus or minus this many seconds ("about"); 0 when reported as exact.
    pub tolerance: u32,
    /// Whole 400-year cycles after `date`'s year: 0 but for a year beyond
    /// [`CALENDAR_YEARS`], whose `date` is then 1 January of a year in the 400 from
    /// [`far_base`] at the same place in the cycle (the calendar repeats every 400
    /// years).
    pub cycles: i32,
}

/// The first of the 400 years a far year is read in: before any zone's rules for a
/// year before year 0, so that it is read in the zone's local mean time as the earliest
/// years of the calendar are; after them for a year after, read with today's rules as
/// the last years of the calendar are.
pub const fn far_base(year: i64) -> i64 {
    if year < 0 { 1200 } else { 2000 }
}

/// Days in 400 Gregorian years: the calendar repeats after them exactly.
pub const CYCLE_DAYS: i64 = 146_097;

/// Seconds in 400 Gregorian years.
pub const CYCLE_SECONDS: i64 = CYCLE_DAYS * 86_400;

/// The years (astronomical numbering: 0 is 1 BCE) a point may have: enough for the age
/// of the universe, and instants that stay far inside an `i64` of seconds.
pub const YEARS: RangeInclusive<i64> = -99_999_999_999..=99_999_999_999;

/// The years held as calendar dates, with months and days; a year beyond them is a
/// year alone.
pub const CALENDAR_YEARS: RangeInclusive<i64> = -99_999..=99_999;

impl TimePoint {
    /// The year (astronomical numbering: 0 is 1 BCE, -300 is 301 BCE).
    pub fn year(&self) -> i64 {
        i64::from(self.date.year()) + 400 * i64::from(self.cycles)
    }

    /// The whole of `year`, known to the year, exact; `None` outside [`YEARS`].
    pub fn of_year(year: i64) -> Option<TimePoint> {
        let (date, cycles) = year_start(year)?;
        Some(TimePoint {
            date,
            seconds: 0,
            precision: Precision::Year,
            tolerance: 0,
            cycles,
        })
    }
}

/// 1 January of `year` as a date and the 400-year cycles after it: the date itself in
/// [`CALENDAR_YEARS`], else one in the 400 years from [`far_base`] at the same place
/// in the cycle.
pub(super) fn year_start(year: i64) -> Option<(NaiveDate, i32)> {
    if CALENDAR_YEARS.contains(&year) {
        return Some((NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, 1, 1)?, 0));
    }
    if !YEARS.contains(&year) {
        return None;
    }
    let base = far_base(year) + (year - far_base(year)).rem_euclid(400);
    let cycles = i32::try_from((year - base) / 400).ok()?;
    Some((NaiveDate::from_ymd_opt(base as i32, 1, 1)?, cycles))
}

/// Default tolerance of `~` per precision, in seconds.
pub(super) fn default_tolerance(precision: Precision) -> u32 {
    match precision {
        Precision::Second | Precision::Minute => 15 * 60,
        Precision::Part(_) => 2 * 3600,
        Precision::Day => 86_400,
        Precision::Month => 15 * 86_400,
        Precision::Year => 90 * 86_400,
    }
}
