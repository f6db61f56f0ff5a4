//! Reported time: points and durations as precise as the report, in a zone, and the
//! earliest/latest instants they allow.
//!
//! The string forms parsed here are the native format's time expressions, documented in
//! docs/format.md ("Time expressions"). By concern:
//! - [`point`]: what a reported point is ([`TimePoint`], [`Precision`], [`PartOfDay`]);
//! - [`grammar`]: the grammar of time expressions, the one reader of every form;
//! - [`precheck`]: a fixed-place pre-check of the same grammar for the common forms;
//! - [`span`]: reported lengths of time ([`Span`]) and their grammar;
//! - [`zone`]: local readings resolved to instants in a zone;
//! - [`bounds`]: an event's time and the instants it allows ([`EventTime`], [`Bounds`]);
//! - [`display`]: the strings a reader sees, and the expressions written back.

use std::fmt;

pub mod bounds;
pub mod display;
pub mod grammar;
pub mod point;
pub mod precheck;
pub mod span;
pub mod zone;

pub use bounds::{Bounds, EventTime};
pub use display::{
    AFTER_CALENDAR, BEFORE_CALENDAR, calendar_length, clock, compact_length, describe_point,
    describe_span, large_number, length_label, long_day, month_label, short_day,
    short_day_with_year, short_month_label, utc_offset, year_expression, year_label, year_short,
};
pub use grammar::parse_date;
pub use point::{CALENDAR_YEARS, PartOfDay, Precision, TimePoint, YEARS};
pub use span::{Span, SpanKind};
pub use zone::{
    LookUp, Readings, far_local, in_calendar, local_date, look_up, start_of_day, to_local, utc,
    year_of,
};

/// Seconds since the Unix epoch (UTC): the model's compact instant.
pub type Instant = i64;

/// Why a time expression could not be read; the message says what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError(pub String);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, TimeError> {
    Err(TimeError(msg.into()))
}
