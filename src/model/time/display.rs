//! The strings a reader sees (labels of lengths, days and clocks), and time expressions
//! written back as the data format writes them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::point::{Precision, TimePoint, default_tolerance};
use super::span::{Span, SpanKind};

impl Span {
    /// Short text for lists: "2 h", "~5 h", "4–6 h", "lengthy".
    pub fn label(&self) -> String {
        match self.kind {
            SpanKind::Exact => length_label(self.min),
            SpanKind::About => format!("~{}", length_label(self.min / 2 + self.max / 2)),
            SpanKind::Range => {
                format!("{}–{}", length_label(self.min), length_label(self.max))
            }
            SpanKind::Brief => "brief".into(),
            SpanKind::Lengthy => "lengthy".into(),
        }
    }
}

/// The expression as it would be written in the data format: the inverse of
/// [`Span::parse`].
pub fn describe_span(span: &Span) -> String {
    match span.kind {
        SpanKind::Brief => "brief".into(),
        SpanKind::Lengthy => "lengthy".into(),
        SpanKind::Exact => compact_length(span.min),
        SpanKind::Range => format!("{}..{}", compact_length(span.min), compact_length(span.max)),
        SpanKind::About => {
            // `~mid` reads as mid ± max(mid / 10, 15 min), and never below zero.
            let mid = if span.min > 0 {
                ((u64::from(span.min) + u64::from(span.max)) / 2) as u32
            } else {
                span.max.saturating_sub(15 * 60)
            };
            format!("~{}", compact_length(mid))
        }
    }
}

/// "2 h", "1 h 30 min", "45 min", "2 d".
pub fn length_label(seconds: u32) -> String {
    let (d, h, m) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 || parts.is_empty() {
        parts.push(format!("{m} min"));
    }
    parts.join(" ")
}

/// The expression as it would be written in the data format.
pub fn describe_point(p: &TimePoint) -> String {
    let date = match p.precision {
        Precision::Year => p.date.format("%Y").to_string(),
        Precision::Month => p.date.format("%Y-%m").to_string(),
        _ => p.date.format("%Y-%m-%d").to_string(),
    };
    let body = match p.precision {
        Precision::Minute => format!(
            "{date}T{:02}:{:02}",
            p.seconds / 3600,
            p.seconds % 3600 / 60
        ),
        Precision::Second => format!(
            "{date}T{:02}:{:02}:{:02}",
            p.seconds / 3600,
            p.seconds % 3600 / 60,
            p.seconds % 60
        ),
        Precision::Part(part) => format!("{date} {}", part.keyword()),
        _ => date,
    };
    if p.tolerance == 0 {
        body
    } else if p.tolerance == default_tolerance(p.precision) {
        format!("~{body}")
    } else {
        format!("{body}±{}", compact_length(p.tolerance))
    }
}

/// `1h30m` style, the inverse of [`Span::parse_length`].
pub fn compact_length(seconds: u32) -> String {
    let mut out = String::new();
    let mut rest = seconds;
    for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] {
        if rest >= size {
            out.push_str(&format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    if out.is_empty() {
        out.push_str("0m");
    }
    out
}

/// The weekday and date, "Tue 2 Dec".
pub fn short_day(date: NaiveDate) -> String {
    format!("{} {} {}", date.format("%a"), date.day(), date.format("%b"))
}

/// A UTC offset as iCalendar writes it: "+0300", "-0500", "+0530"; seconds only when
/// there are some ("-045602").
pub fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// A year as a reader sees it: "1852", "602". Every year shown goes through here.
pub fn year_label(year: i64) -> String {
    year.to_string()
}

/// "December 2025".
pub fn month_label(date: NaiveDate) -> String {
    format!(
        "{} {}",
        date.format("%B"),
        year_label(i64::from(date.year()))
    )
}

/// "Dec 2025", for narrow columns.
pub fn short_month_label(date: NaiveDate) -> String {
    format!(
        "{} {}",
        date.format("%b"),
        year_label(i64::from(date.year()))
    )
}

/// "Tue 2 Dec 2025".
pub fn short_day_with_year(date: NaiveDate) -> String {
    format!("{} {}", short_day(date), year_label(i64::from(date.year())))
}

/// "Tuesday 2 December 2025".
pub fn long_day(date: NaiveDate) -> String {
    format!("{} {} {}", date.format("%A"), date.day(), month_label(date))
}

/// The length from the day `from` to the day `to` (exclusive) in the largest unit that
/// fits, rounded: "37 years", "3 months", "2 days", "1 day".
pub fn calendar_length(from: NaiveDate, to: NaiveDate) -> String {
    let days = (to - from).num_days();
    let months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    // Whole months, less one where the last is not yet complete; then the part of it.
    let (whole, part) = if to.day() >= from.day() {
        (months, i64::from(to.day() - from.day()))
    } else {
        (months - 1, i64::from(to.day()) + 30 - i64::from(from.day()))
    };
    let round = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if whole >= 12 {
        // A year and a half or more rounds up, as a month and a half does.
        round((whole * 30 + part + 180) / 360, "year")
    } else if whole >= 2 || (whole == 1 && days >= 45) {
        round((whole * 30 + part + 15) / 30, "month")
    } else {
        round(days, "day")
    }
}

/// "19:40".
pub fn clock(t: &NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{calendar_length, utc_offset, year_label};

    #[test]
    fn lengths_in_the_largest_unit_that_fits() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        // 10 December 1815 to 27 November 1852, inclusive.
        assert_eq!(
            calendar_length(d(1815, 12, 10), d(1852, 11, 28)),
            "37 years"
        );
        assert_eq!(calendar_length(d(602, 1, 1), d(630, 1, 1)), "28 years");
        assert_eq!(calendar_length(d(2020, 1, 1), d(2025, 1, 1)), "5 years");
        assert_eq!(calendar_length(d(2025, 1, 1), d(2026, 1, 1)), "1 year");
        assert_eq!(calendar_length(d(2025, 9, 1), d(2025, 12, 1)), "3 months");
        assert_eq!(calendar_length(d(2025, 12, 4), d(2025, 12, 6)), "2 days");
        assert_eq!(calendar_length(d(2025, 12, 4), d(2025, 12, 5)), "1 day");
        assert_eq!(calendar_length(d(2025, 12, 4), d(2026, 1, 10)), "37 days");
        assert_eq!(year_label(602), "602");
    }

    #[test]
    fn offsets() {
        assert_eq!(utc_offset(3 * 3600), "+0300");
        assert_eq!(utc_offset(-5 * 3600), "-0500");
        assert_eq!(utc_offset(5 * 3600 + 1800), "+0530");
        assert_eq!(utc_offset(-(4 * 3600 + 56 * 60 + 2)), "-045602");
    }
}
