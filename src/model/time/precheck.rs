//! A pre-check of the grammar of time expressions ([`super::grammar`]) for the forms
//! most times are written in, read by their fixed places. It is not a grammar of its
//! own: it accepts only what the grammar accepts, giving the same point, and checks a
//! date's and a clock's fields with the grammar's own checks
//! (`grammar::date_from_parts`, `grammar::clock_from_parts`).
//! Anything else (other forms, and every mistake) is left to the grammar, which says
//! what is wrong; a property test holds the two together.

use super::grammar::{clock_from_parts, date_from_parts};
use super::point::{PartOfDay, Precision, TimePoint, default_tolerance};

impl TimePoint {
    /// The forms most times are written in, exactly: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
    /// the last perhaps followed by `THH:MM`, `THH:MM:SS` or a part of the day after a
    /// space, all perhaps after `~`. They are read by their fixed places, in a tenth of
    /// the steps of the grammar ([`TimePoint::parse_general`]), which reads (and reports
    /// on) anything else: `None` here for it, a wrong date or clock included.
    pub fn parse_plain(text: &str) -> Option<TimePoint> {
        let (approx, b) = match text.as_bytes() {
            [b'~', rest @ ..] => (true, rest),
            b => (false, b),
        };
        let digit = |i: usize| {
            let d = b.get(i)?.wrapping_sub(b'0');
            (d < 10).then_some(u32::from(d))
        };
        let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
        let (month, day) = match b.len() {
            4 => (None, None),
            7 if b[4] == b'-' => (Some(two(5)?), None),
            10.. if b[4] == b'-' && b[7] == b'-' => (Some(two(5)?), Some(two(8)?)),
            _ => return None,
        };
        let year = two(0)? * 100 + two(2)?;
        // Four digits: a year of the calendar.
        let (date, precision) = date_from_parts(year as i32, month, day).ok()?;
        let clock = |seconds: bool| {
            let second = if seconds { Some(two(17)?) } else { None };
            let apart = b[13] == b':' && (!seconds || b[16] == b':');
            apart.then_some(())?;
            clock_from_parts(two(11)?, two(14)?, second)
        };
        let (seconds, precision) = match (b.len(), b.get(10)) {
            (4 | 7 | 10, _) => (0, precision),
            (16, Some(b'T')) => clock(false)?,
            (19, Some(b'T')) => clock(true)?,
            (_, Some(b' ')) => {
                // After the space at `b[10]`, a character starts: the part's name,
                // found in `text` (which may have the `~` before `b`).
                let part = PartOfDay::parse(&text[text.len() - (b.len() - 11)..])?;
                (0, Precision::Part(part))
            }
            _ => return None,
        };
        Some(TimePoint {
            date,
            seconds,
            precision,
            tolerance: if approx {
                default_tolerance(precision)
            } else {
                0
            },
            cycles: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::TimePoint;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The quick reading of the common forms reads what the general one does, and
        /// takes every sound time written in them.
        #[test]
        fn common_forms_read_as_the_general_reader_reads_them(
            year in 0u32..10_000,
            month in 0u32..15,
            day in 0u32..33,
            hour in 0u32..26,
            minute in 0u32..62,
            form in 0usize..13,
            noise in "[0-9T: ~+-]{0,3}",
        ) {
            let date = format!("{year:04}-{month:02}-{day:02}");
            let part = ["night", "morning", "evening", "early", "noon", "Night"][minute as usize % 6];
            let text = match form {
                0 => date,
                1 => format!("{date}T{hour:02}:{minute:02}"),
                2 => format!("~{date}"),
                3 => format!("~{date}T{hour:02}:{minute:02}"),
                4 => format!("{date}T{hour:02}:{day:02}:{minute:02}"),
                5 => format!("~{date} {part}"),
                6 => format!("{date} {part}"),
                7 => format!("{date}{noise}"),
                8 => format!("{noise}{date}T{hour:02}:{minute:02}"),
                9 => format!("{year:04}-{month:02}"),
                // Signed years are the grammar's alone.
                11 => format!("-{year:04}"),
                12 => format!("-{date}"),
                _ => format!("~{year:04}"),
            };
            let quick = TimePoint::parse_plain(&text);
            let general = TimePoint::parse_general(&text);
            if form >= 11 {
                prop_assert_eq!(quick, None, "{}", text);
                // A signed year reads as its unsigned one, negated.
                let unsigned = TimePoint::parse_general(&text[1..]);
                prop_assert_eq!(general.is_ok(), unsigned.is_ok(), "{}", text);
                if let (Ok(g), Ok(u)) = (&general, &unsigned) {
                    prop_assert_eq!(g.year(), -u.year(), "{}", text);
                    prop_assert_eq!((g.precision, g.date.ordinal()), (u.precision, u.date.ordinal()), "{}", text);
                }
            } else if let Some(point) = quick {
                prop_assert_eq!(Ok(point), general, "{}", text);
            } else if !matches!(form, 7 | 8) {
                prop_assert!(general.is_err(), "{} is sound: {:?}", text, general);
            }
        }
    }
}
