//! A pre-check of the grammar of time expressions for the forms most times are written
//! in, read by their fixed places: it may only accept what [`super::grammar`] accepts,
//! and gives the same point; anything else is left to the grammar.

use chrono::NaiveDate;

use super::point::{PartOfDay, Precision, TimePoint, default_tolerance};

impl TimePoint {
    /// The forms most times are written in, exactly: `YYYY-MM-DD`, then perhaps
    /// `THH:MM`, `THH:MM:SS` or a part of the day after a space, all perhaps after `~`.
    /// They are read by their fixed places, in a tenth of the steps of
    /// [`TimePoint::parse`]'s general way, which reads (and reports on) anything else:
    /// `None` here for it, a wrong date or clock included.
    pub(super) fn parse_plain(text: &str) -> Option<TimePoint> {
        let (approx, b) = match text.as_bytes() {
            [b'~', rest @ ..] => (true, rest),
            b => (false, b),
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digit = |i: usize| {
            let d = b[i].wrapping_sub(b'0');
            (d < 10).then_some(u32::from(d))
        };
        let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
        let year = two(0)? * 100 + two(2)?;
        let date = NaiveDate::from_ymd_opt(year as i32, two(5)?, two(8)?)?;
        let clock = |seconds: bool| {
            let (hour, minute) = (two(11)?, two(14)?);
            let second = if seconds { two(17)? } else { 0 };
            let apart = b[13] == b':' && (!seconds || b[16] == b':');
            (apart && hour < 24 && minute < 60 && second < 60)
                .then_some(hour * 3600 + minute * 60 + second)
        };
        let (seconds, precision) = match (b.len(), b.get(10)) {
            (10, _) => (0, Precision::Day),
            (16, Some(b'T')) => (clock(false)?, Precision::Minute),
            (19, Some(b'T')) => (clock(true)?, Precision::Second),
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
        })
    }
}

#[cfg(test)]
mod tests {
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
            form in 0usize..9,
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
                _ => format!("{noise}{date}T{hour:02}:{minute:02}"),
            };
            let quick = TimePoint::parse_plain(&text);
            let general = TimePoint::parse_general(&text);
            if let Some(point) = quick {
                prop_assert_eq!(Ok(point), general, "{}", text);
            } else if form < 7 {
                prop_assert!(general.is_err(), "{} is sound: {:?}", text, general);
            }
        }
    }
}
