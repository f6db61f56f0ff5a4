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
    let year = year_expression(p.year());
    let date = match p.precision {
        Precision::Year => year,
        Precision::Month => format!("{year}-{:02}", p.date.month()),
        _ => format!("{year}-{:02}-{:02}", p.date.month(), p.date.day()),
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

/// A year as the data format writes it: four digits at least, after `-` before year
/// 0 (`2025`, `0602`, `-0300`, `-13800000000`).
pub fn year_expression(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// The first year shown as a time ago rather than as a year BCE: before it, a year
/// has no month or day ([`super::CALENDAR_YEARS`]).
const AGO_BEFORE: i64 = -99_999;

/// A year as a reader sees it: `2025`, `602`, `12000`; a year before 1 as the year BCE
/// it is (astronomical `-0300` is `301 BCE`, `0000` is `1 BCE`); a year before
/// 100,000 BCE as the time before year 1 in thousands, millions or billions of years,
/// as TimelineJS's cosmological scale shows it (`13.8 billion years ago`).
pub fn year_label(year: i64) -> String {
    if year > 0 {
        return year.to_string();
    }
    // Years BCE are counted from 1, the year before 1 CE.
    let bce = 1 - i128::from(year);
    if year >= AGO_BEFORE {
        return format!("{bce} BCE");
    }
    format!("{} years ago", large_number(bce))
}

/// A number of a thousand or more, to three figures or so, as words:
/// "13.8 billion", "4.54 billion", "2.5 million", "150 thousand".
pub fn large_number(n: i128) -> String {
    let (unit, name, decimals) = if n >= 999_995_000 {
        (1_000_000_000, "billion", 2)
    } else if n >= 999_950 {
        (1_000_000, "million", 1)
    } else {
        (1_000, "thousand", 1)
    };
    let figure = format!("{:.*}", decimals, n as f64 / unit as f64);
    // "13.80" reads as "13.8", "66.0" as "66".
    let figure = if figure.contains('.') {
        figure.trim_end_matches('0').trim_end_matches('.')
    } else {
        &figure
    };
    format!("{figure} {name}")
}

/// A year in at most 11 columns, for list rows: [`year_label`] where it fits, else the
/// short forms of TimelineJS's compact cosmological scale (`13.8 bya`, `2.5 mya`,
/// `150 kya`).
pub fn year_short(year: i64) -> String {
    let label = year_label(year);
    if label.chars().count() <= 11 {
        return label;
    }
    label
        .replace(" billion years ago", " bya")
        .replace(" million years ago", " mya")
        .replace(" thousand years ago", " kya")
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

/// The day under which a time before the calendar's years is listed
/// ([`super::CALENDAR_YEARS`]): before any day of it; named by [`long_day`].
pub const BEFORE_CALENDAR: NaiveDate = NaiveDate::MIN;

/// The day under which a time after the calendar's years is listed.
pub const AFTER_CALENDAR: NaiveDate = NaiveDate::MAX;

/// What the days beyond the calendar's years are called: `None` for a day of them.
fn beyond_calendar(date: NaiveDate) -> Option<String> {
    let (start, end) = (super::CALENDAR_YEARS.start(), super::CALENDAR_YEARS.end());
    let year = i64::from(date.year());
    if year < *start {
        Some(format!("Before {}", year_label(*start)))
    } else if year > *end {
        Some(format!("After {}", year_label(*end)))
    } else {
        None
    }
}

/// The weekday and date, "Tue 2 Dec".
pub fn short_day(date: NaiveDate) -> String {
    if let Some(beyond) = beyond_calendar(date) {
        return beyond;
    }
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

/// "December 2025".
pub fn month_label(date: NaiveDate) -> String {
    if let Some(beyond) = beyond_calendar(date) {
        return beyond;
    }
    format!(
        "{} {}",
        date.format("%B"),
        year_label(i64::from(date.year()))
    )
}

/// "Dec 2025", for narrow columns.
pub fn short_month_label(date: NaiveDate) -> String {
    if let Some(beyond) = beyond_calendar(date) {
        return beyond;
    }
    format!(
        "{} {}",
        date.format("%b"),
        year_label(i64::from(date.year()))
    )
}

/// "Tue 2 Dec 2025".
pub fn short_day_with_year(date: NaiveDate) -> String {
    if let Some(beyond) = beyond_calendar(date) {
        return beyond;
    }
    format!("{} {}", short_day(date), year_label(i64::from(date.year())))
}

/// "Tuesday 2 December 2025", "Friday 15 March 44 BCE".
pub fn long_day(date: NaiveDate) -> String {
    if let Some(beyond) = beyond_calendar(date) {
        return beyond;
    }
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

    use super::{calendar_length, utc_offset, year_expression, year_label};

    #[test]
    fn years_as_a_reader_sees_them() {
        assert_eq!(year_label(2025), "2025");
        assert_eq!(year_label(602), "602");
        assert_eq!(year_label(1), "1");
        assert_eq!(year_label(12_000), "12000");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-43), "44 BCE");
        assert_eq!(year_label(-299), "300 BCE");
        assert_eq!(year_label(-99_999), "100000 BCE");
        assert_eq!(year_label(-149_999), "150 thousand years ago");
        assert_eq!(year_label(-2_499_999), "2.5 million years ago");
        assert_eq!(year_label(-65_999_999), "66 million years ago");
        assert_eq!(year_label(-999_999_999), "1 billion years ago");
        assert_eq!(year_label(-4_539_999_999), "4.54 billion years ago");
        assert_eq!(year_label(-13_799_999_999), "13.8 billion years ago");
        assert_eq!(year_label(-13_800_000_000), "13.8 billion years ago");
        assert!(year_label(i64::MIN).ends_with("billion years ago"));
    }

    #[test]
    fn years_as_the_format_writes_them() {
        assert_eq!(year_expression(2025), "2025");
        assert_eq!(year_expression(602), "0602");
        assert_eq!(year_expression(0), "0000");
        assert_eq!(year_expression(-300), "-0300");
        assert_eq!(year_expression(-13_800_000_000), "-13800000000");
        assert_eq!(year_expression(12_000), "12000");
    }

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
