//! The grammar of time expressions: [`TimePoint::parse_general`] reads every form the
//! format allows and says what is wrong with any other. It is the grammar; the common
//! forms are first tried by [`super::precheck`], a fixed-place pre-check that accepts
//! only what this grammar accepts, with the same checks of a date's and a clock's
//! fields (`date_from_parts`, `clock_from_parts`). [`TimePoint::parse`] is the two
//! in turn.

use chrono::NaiveDate;

use super::point::{
    CALENDAR_YEARS, PartOfDay, Precision, TimePoint, default_tolerance, year_start,
};
use super::span::Span;
use super::{TimeError, err};

pub(super) const POINT_FORMS: &str = "expected a time such as 2025-12-02T19:40, ~2025-12-02T19:40, \
                           2025-12-04 evening, 2025-12-06 or 2025-12";

pub(super) fn parse_number(s: &str, digits: usize, what: &str) -> Result<u32, TimeError> {
    if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return err(format!("'{s}' is not a {digits}-digit {what}"));
    }
    // At most four digits: no overflow.
    Ok(s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// A time and its tolerance, split at `±` or, failing that, at `+-`. Looked for a byte
/// at a time: a string pattern's searcher costs more to set up than most times are long.
pub(super) fn split_tolerance(text: &str) -> Option<(&str, &str)> {
    let at = |pair: &[u8]| text.as_bytes().windows(2).position(|w| w == pair);
    // Both marks are two bytes long ('±' is two in UTF-8).
    let at = at("±".as_bytes()).or_else(|| at(b"+-"))?;
    Some((&text[..at], &text[at + 2..]))
}

/// `text` without white space at either end: most times have none, which two bytes
/// tell without decoding characters.
pub(super) fn trimmed(text: &str) -> &str {
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(text.as_bytes().first()) && graphic(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// The fields of `text` between `sep`s (an ASCII byte), as `str::split` gives them,
/// found a byte at a time: the fields of a time are a few bytes long.
pub(super) fn fields(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.bytes().position(|b| b == sep) {
            // An ASCII byte: both sides lie on character boundaries.
            Some(i) => {
                rest = Some(&t[i + 1..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

impl TimePoint {
    /// Parses a time expression; see docs/format.md for the grammar.
    pub fn parse(text: &str) -> Result<TimePoint, TimeError> {
        match Self::parse_plain(text) {
            Some(point) => Ok(point),
            None => Self::parse_general(text),
        }
    }

    /// The grammar: [`TimePoint::parse`] for every form, without the pre-check.
    pub fn parse_general(text: &str) -> Result<TimePoint, TimeError> {
        let text = trimmed(text);
        if text.is_empty() {
            return err(format!("empty time; {POINT_FORMS}"));
        }
        let (approx, rest) = match text.strip_prefix('~') {
            Some(r) => (true, r.trim_start()),
            None => (false, text),
        };
        let (body, explicit_tol) = match split_tolerance(rest) {
            Some((b, t)) => {
                let tol = Span::parse_length(t.trim())
                    .map_err(|e| TimeError(format!("bad tolerance after '±': {e}")))?;
                (b.trim_end(), Some(tol))
            }
            None => (rest, None),
        };
        if approx && explicit_tol.is_some() {
            return err("use either '~' or '±', not both");
        }
        // A sign before the year: ISO 8601's expanded years, `-0300` or `+12000`.
        let (negative, unsigned) = match body.as_bytes().first() {
            Some(b'-') => (true, &body[1..]),
            Some(b'+') => (false, &body[1..]),
            _ => (false, body),
        };
        // A byte at a time: a character that is not ASCII is not a digit or '-' at its
        // first byte, which is where `find` on characters would place it.
        let (date_part, rest) = match unsigned
            .bytes()
            .position(|b| !(b.is_ascii_digit() || b == b'-'))
        {
            Some(i) if i > 0 && matches!(unsigned.as_bytes()[i], b'T' | b' ') => (
                &unsigned[..i],
                Some((unsigned.as_bytes()[i], unsigned[i + 1..].trim())),
            ),
            Some(_) => return err(format!("'{body}' is not a time; {POINT_FORMS}")),
            None => (unsigned, None),
        };
        let mut fields = fields(date_part, b'-');
        let year_text = fields.next().unwrap_or_default();
        let year = parse_year(year_text, negative)
            .map_err(|e| TimeError(format!("{e}; {POINT_FORMS}")))?;
        let month = fields
            .next()
            .map(|m| parse_number(m, 2, "month"))
            .transpose()?;
        let day = fields
            .next()
            .map(|d| parse_number(d, 2, "day"))
            .transpose()?;
        if fields.next().is_some() {
            return err(format!("'{date_part}' has too many parts; {POINT_FORMS}"));
        }
        let (date, mut precision, cycles) = match i32::try_from(year) {
            Ok(y) if CALENDAR_YEARS.contains(&year) => {
                let (date, precision) = date_from_parts(y, month, day)?;
                (date, precision, 0)
            }
            _ if month.is_some() || rest.is_some() => {
                return err(format!(
                    "'{body}': a year beyond {} to {} stands alone, without a month, day or time",
                    CALENDAR_YEARS.start(),
                    CALENDAR_YEARS.end()
                ));
            }
            _ => match year_start(year) {
                Some((date, cycles)) => (date, Precision::Year, cycles),
                None => return err(format!("year {year} is out of range")),
            },
        };
        let mut seconds = 0;
        if let Some((sep, rest)) = rest {
            if precision != Precision::Day {
                return err(format!(
                    "'{body}': a time of day needs a full date (YYYY-MM-DD)"
                ));
            }
            if sep == b'T' {
                let (t, prec) = parse_clock(rest)?;
                seconds = t;
                precision = prec;
            } else if let Some(part) = PartOfDay::parse(rest) {
                precision = Precision::Part(part);
            } else if rest.contains(':') {
                return err(format!("'{body}': write a clock time as YYYY-MM-DDTHH:MM"));
            } else {
                return err(format!(
                    "'{rest}' is not a part of the day (expected one of small-hours, \
                     morning, afternoon, evening, night)"
                ));
            }
        }
        let tolerance = match explicit_tol {
            Some(t) => t,
            None if approx => default_tolerance(precision),
            None => 0,
        };
        Ok(TimePoint {
            date,
            seconds,
            precision,
            tolerance,
            cycles,
        })
    }
}

/// A year: four digits or more (at most eleven), after `-` when `negative`.
fn parse_year(s: &str, negative: bool) -> Result<i64, TimeError> {
    if !(4..=11).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return err(format!(
            "'{s}' is not a year (expected four digits or more, perhaps after '-')"
        ));
    }
    // At most eleven digits: no overflow.
    let n = s.bytes().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    Ok(if negative { -n } else { n })
}

/// Reads `HH:MM` or `HH:MM:SS`.
fn parse_clock(text: &str) -> Result<(u32, Precision), TimeError> {
    let mut parts = fields(text, b':');
    let h = parse_number(parts.next().unwrap_or_default(), 2, "hour")?;
    let Some(m) = parts.next() else {
        return err(format!("'{text}' is not a clock time (expected HH:MM)"));
    };
    let m = parse_number(m, 2, "minute")?;
    let s = parts
        .next()
        .map(|s| parse_number(s, 2, "second"))
        .transpose()?;
    if parts.next().is_some() {
        return err(format!("'{text}' is not a clock time (expected HH:MM)"));
    }
    clock_from_parts(h, m, s).ok_or_else(|| {
        TimeError(format!(
            "{text} is not a time of day (expected 00:00 to 23:59)"
        ))
    })
}

/// The grammar's checks of a date's fields (a year of [`CALENDAR_YEARS`], perhaps a
/// month, perhaps a day), shared with the pre-check: the first local day the point can
/// fall on, and how finely it is known.
#[inline(always)]
pub(super) fn date_from_parts(
    y: i32,
    month: Option<u32>,
    day: Option<u32>,
) -> Result<(NaiveDate, Precision), TimeError> {
    let (date, precision) = match (month, day) {
        (None, _) => (NaiveDate::from_ymd_opt(y, 1, 1), Precision::Year),
        (Some(m), None) => (NaiveDate::from_ymd_opt(y, m, 1), Precision::Month),
        (Some(m), Some(d)) => (NaiveDate::from_ymd_opt(y, m, d), Precision::Day),
    };
    match date {
        Some(date) => Ok((date, precision)),
        None => Err(not_a_date(y, month, day)),
    }
}

/// What is wrong with a date [`date_from_parts`] could not make.
#[cold]
fn not_a_date(year: i32, month: Option<u32>, day: Option<u32>) -> TimeError {
    TimeError(match (month, day) {
        (Some(m), _) if !(1..=12).contains(&m) => {
            format!("month {m} does not exist (expected 01 to 12)")
        }
        (Some(m), Some(d)) => {
            format!("{year:04}-{m:02}-{d:02} is not a date (that month has no day {d})")
        }
        _ => format!("year {year} is out of range"),
    })
}

/// The grammar's checks of a clock time's fields, shared with the pre-check: seconds
/// after midnight and the precision, or `None` for no time of day.
#[inline]
pub(super) fn clock_from_parts(
    hour: u32,
    minute: u32,
    second: Option<u32>,
) -> Option<(u32, Precision)> {
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59) {
        return None;
    }
    let precision = if second.is_some() {
        Precision::Second
    } else {
        Precision::Minute
    };
    Some((hour * 3600 + minute * 60 + second.unwrap_or(0), precision))
}

/// Reads a calendar date given on the command line (`2025-12-04`).
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    let p = TimePoint::parse(text)?;
    if p.precision != Precision::Day || p.tolerance != 0 {
        return err(format!("'{text}' is not a date (expected YYYY-MM-DD)"));
    }
    Ok(p.date)
}

#[cfg(test)]
mod tests {
    use super::{fields, parse_number, split_tolerance, trimmed};

    /// The byte-at-a-time helpers of the parser give what the standard library's
    /// character-wise functions give.
    #[test]
    fn byte_helpers_read_as_the_standard_library_does() {
        let samples = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}2025-12-02\u{a0}",
            "\t~2025 ",
            "é",
            " é",
            "é ",
            "2025-12-02",
            "-",
            "--",
            "a-b-",
            "-a",
            "19:40:30",
            "é-ü:",
            "2025-12-02T19:40",
            "\u{2003}morning",
        ];
        for s in samples {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
            for sep in ['-', ':'] {
                let ours: Vec<&str> = fields(s, sep as u8).collect();
                assert_eq!(ours, s.split(sep).collect::<Vec<_>>(), "{s:?} at {sep:?}");
            }
        }
        for (s, n) in [
            ("0000", 0),
            ("0009", 9),
            ("2025", 2025),
            ("9999", 9999),
            ("07", 7),
        ] {
            assert_eq!(parse_number(s, s.len(), "year"), Ok(n));
        }
        for s in ["2o25", "+202", "202", "20255", "２０２５"] {
            assert!(parse_number(s, 4, "year").is_err(), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trimming_and_splitting_agree_with_the_standard_library(
            s in "[ \t\u{a0}\u{2003}a9é:\\-]{0,12}|\\PC{0,12}"
        ) {
            proptest::prop_assert_eq!(trimmed(&s), s.trim());
            let ours: Vec<&str> = fields(&s, b'-').collect();
            proptest::prop_assert_eq!(ours, s.split('-').collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_tolerance_is_split_at_plus_minus_or_at_plus_hyphen() {
        assert_eq!(split_tolerance("2025-12-02T19:40"), None);
        assert_eq!(split_tolerance("2025-12-02+1h"), None);
        assert_eq!(
            split_tolerance("2025-12-02T19:40+-10m"),
            Some(("2025-12-02T19:40", "10m"))
        );
        // `±` is looked for first, wherever a `+-` is.
        assert_eq!(split_tolerance("a+-b±c"), Some(("a+-b", "c")));
        assert_eq!(split_tolerance("±"), Some(("", "")));
        assert_eq!(split_tolerance("+-"), Some(("", "")));
    }
}
