//! What a reported point in time is: a local date, perhaps a clock time or a part of
//! the day, how finely it is known and how far it may be off.

use chrono::NaiveDate;

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
