//! TimelineJS dates: every part a number or a string of digits, checked part by part,
//! read at the finest precision given.

use std::fmt::Display;

use chrono::NaiveDate;
use serde_json::Value;

use super::RawDate;
use crate::model::time::{CALENDAR_YEARS, Precision, TimePoint, YEARS};

/// A whole number from a date part: a JSON number or a string of digits, zero-padded
/// or not. `Ok(None)` when the part is absent, null or an empty string.
pub(super) fn whole_number(
    v: Option<&Value>,
    what: &str,
    expected: &str,
) -> Result<Option<i64>, String> {
    let hint = || format!("expected {expected}, as a number or a string of digits");
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                return Ok(Some(i));
            }
            match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(f as i64)),
                _ => Err(format!("{n} is not a whole number ({})", hint())),
            }
        }
        Some(Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty()
                && digits.len() <= 15
                && digits.bytes().all(|b| b.is_ascii_digit())
            {
                return t
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("'{t}' is not a {what} ({})", hint()));
            }
            Err(format!("'{t}' is not a {what} ({})", hint()))
        }
        Some(Value::Bool(_)) => Err(format!("found a boolean ({})", hint())),
        Some(Value::Array(_)) => Err(format!("found an array ({})", hint())),
        Some(Value::Object(_)) => Err(format!("found an object ({})", hint())),
    }
}

/// A string from a field that may also hold a number (ids, groups).
pub(super) fn scalar(v: Option<&Value>) -> Result<Option<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(_)) => Err("found a boolean (expected a string)".into()),
        Some(Value::Array(_)) => Err("found an array (expected a string)".into()),
        Some(Value::Object(_)) => Err("found an object (expected a string)".into()),
    }
}

/// TimelineJS's year as parley numbers it (astronomically: 0 is 1 BCE): TimelineJS
/// shows a negative year as that year BCE (`-300` as "300 BCE"), which is year
/// -299; its year 0 is read as 1 BCE too.
pub(super) fn astronomical(year: i64) -> i64 {
    if year < 0 { year + 1 } else { year }
}

pub(super) struct Importer {
    pub(super) problems: Vec<(String, String)>,
}

impl Importer {
    pub(super) fn report(&mut self, path: String, message: impl Into<String>) {
        self.problems.push((path, message.into()));
    }

    /// A date's parts as a point in local time at the finest precision given, or
    /// `None` after reporting what is wrong.
    /// `path` is written out only when something is reported.
    pub(super) fn date(&mut self, path: &dyn Display, d: &RawDate) -> Option<TimePoint> {
        let mut ok = true;
        let mut part =
            |name: &str, v: Option<&Value>, what: &str, expected: &str| match whole_number(
                v, what, expected,
            ) {
                Ok(n) => n,
                Err(message) => {
                    self.problems.push((format!("{path}.{name}"), message));
                    ok = false;
                    None
                }
            };
        let year = part("year", d.year.as_ref(), "year", "a year such as 2025");
        let month = part("month", d.month.as_ref(), "month number", "1 to 12");
        let day = part("day", d.day.as_ref(), "day of the month", "1 to 31");
        let hour = part("hour", d.hour.as_ref(), "hour", "0 to 23");
        let minute = part("minute", d.minute.as_ref(), "minute", "0 to 59");
        let second = part("second", d.second.as_ref(), "second", "0 to 59");
        let milli = part(
            "millisecond",
            d.millisecond.as_ref(),
            "millisecond",
            "0 to 999",
        );
        if !ok {
            return None;
        }
        let Some(year) = year else {
            self.report(
                path.to_string(),
                "the date has no year (expected at least { \"year\": 2025 })",
            );
            return None;
        };
        // Each part needs the coarser one before it: a day needs a month, and so on.
        let parts = [
            ("month", month, "year"),
            ("day", day, "month"),
            ("hour", hour, "day"),
            ("minute", minute, "hour"),
            ("second", second, "minute"),
            ("millisecond", milli, "second"),
        ];
        let mut coarser_given = true;
        for (name, value, needs) in parts {
            if value.is_some() && !coarser_given {
                self.report(
                    format!("{path}.{name}"),
                    format!("a {name} needs a {needs} (the date has no {needs})"),
                );
                ok = false;
            }
            coarser_given = value.is_some();
        }
        let mut check = |name: &str, value: Option<i64>, max: i64| {
            if let Some(v) = value
                && !(0..=max).contains(&v)
            {
                self.problems.push((
                    format!("{path}.{name}"),
                    format!("{name} {v} does not exist (expected 0 to {max})"),
                ));
                ok = false;
            }
        };
        check("hour", hour, 23);
        check("minute", minute, 59);
        check("second", second, 59);
        check("millisecond", milli, 999);
        let written = year;
        let year = astronomical(year);
        if !YEARS.contains(&year) {
            self.report(
                format!("{path}.year"),
                format!(
                    "year {written} is outside the years parley reads ({} to {})",
                    YEARS.start(),
                    YEARS.end()
                ),
            );
            return None;
        }
        if !CALENDAR_YEARS.contains(&year) {
            if month.is_some() {
                self.report(
                    format!("{path}.month"),
                    format!(
                        "a year beyond {} to {} stands alone, without a month",
                        CALENDAR_YEARS.start(),
                        CALENDAR_YEARS.end()
                    ),
                );
                return None;
            }
            return TimePoint::of_year(year);
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            self.report(
                format!("{path}.month"),
                format!("month {m} does not exist (expected 1 to 12)"),
            );
            return None;
        }
        let (y, m) = (year as i32, month.unwrap_or(1) as u32);
        let date = match day {
            Some(dd) => {
                let found = u32::try_from(dd)
                    .ok()
                    .and_then(|dd| NaiveDate::from_ymd_opt(y, m, dd));
                match found {
                    Some(date) => date,
                    None => {
                        self.report(
                            format!("{path}.day"),
                            format!(
                                "{written:04}-{m:02}-{dd:02} is not a date (that month has no day {dd})"
                            ),
                        );
                        return None;
                    }
                }
            }
            None => NaiveDate::from_ymd_opt(y, m, 1)?,
        };
        if !ok {
            return None;
        }
        let (h, mi, s) = (
            hour.unwrap_or(0) as u32,
            minute.unwrap_or(0) as u32,
            second.unwrap_or(0) as u32,
        );
        // TimelineJS shows the finest part that is not zero: midnight is the date alone.
        let midnight = (h, mi, s) == (0, 0, 0) && milli.unwrap_or(0) == 0;
        let (precision, seconds, tolerance) = match (month, day, hour, minute, second) {
            (None, ..) => (Precision::Year, 0, 0),
            (Some(_), None, ..) => (Precision::Month, 0, 0),
            (_, Some(_), None, ..) => (Precision::Day, 0, 0),
            (_, Some(_), Some(_), ..) if midnight => (Precision::Day, 0, 0),
            // An hour is that clock time, as TimelineJS shows it (`hour: 18` is 18:00).
            (_, _, Some(_), None, _) => (Precision::Minute, h * 3600, 0),
            (_, _, _, Some(_), None) => (Precision::Minute, h * 3600 + mi * 60, 0),
            _ => (Precision::Second, h * 3600 + mi * 60 + s, 0),
        };
        Some(TimePoint {
            date,
            seconds,
            precision,
            tolerance,
            cycles: 0,
        })
    }

    /// A date object that gives nothing at all (spreadsheets write `{}` or empty
    /// strings for a missing end).
    pub(super) fn is_blank(d: &RawDate) -> bool {
        let blank = |v: &Option<Value>| match v {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            _ => false,
        };
        [
            &d.year,
            &d.month,
            &d.day,
            &d.hour,
            &d.minute,
            &d.second,
            &d.millisecond,
        ]
        .into_iter()
        .all(blank)
            && d.display_date
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_parts_as_numbers_or_strings() {
        let n = |v: Value| whole_number(Some(&v), "month number", "1 to 12");
        assert_eq!(n(Value::from(12)), Ok(Some(12)));
        assert_eq!(n(Value::from("07")), Ok(Some(7)));
        assert_eq!(n(Value::from(" 7 ")), Ok(Some(7)));
        assert_eq!(n(Value::from("")), Ok(None));
        assert_eq!(n(Value::from(3.0)), Ok(Some(3)));
        assert_eq!(
            n(Value::from("December")),
            Err("'December' is not a month number (expected 1 to 12, as a number or a string of digits)".into())
        );
        assert_eq!(
            n(Value::from(2.5)),
            Err(
                "2.5 is not a whole number (expected 1 to 12, as a number or a string of digits)"
                    .into()
            )
        );
    }
}
