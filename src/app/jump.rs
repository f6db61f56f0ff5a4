//! The jump prompt (`:`): what a typed date, time or event id means, as pure functions
//! of the text and the moment it is read against, so every form is tested without a
//! terminal.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::model::time::Instant;
use crate::model::time::zone::{local_date, look_up};

/// The prompt being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
    /// How many event ids start with the text, after the last Tab.
    pub candidates: Option<usize>,
    /// While Tab steps through ids: the text typed before, and the id shown.
    pub cycle: Option<(String, usize)>,
}

/// A day named in the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Day {
    /// `14:00` alone: the selected event's day.
    Selected,
    /// `2025-12-04`.
    Date(NaiveDate),
    /// `dec 4`, `4 december`: the year nearest the selected event's day.
    MonthDay { month: u32, day: u32 },
    /// `thursday`, `thu`: the nearest such day within the dataset.
    Weekday(Weekday),
}

/// What the prompt asks for, before it is read against a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    Now,
    AsOf,
    /// A day and a time of day on it (midnight when none is given).
    At {
        day: Day,
        time: NaiveTime,
    },
}

/// What a prompt is read against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    pub zone: Tz,
    /// The selected event's day in the display zone (today's without one).
    pub reference: NaiveDate,
    /// The first and last day of the dataset in the display zone.
    pub span: Option<(NaiveDate, NaiveDate)>,
    pub now: Instant,
    pub as_of: Option<Instant>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// A name or its abbreviation of at least three letters: `dec`, `thu`, `thurs`.
fn by_name<T: Copy>(word: &str, names: impl IntoIterator<Item = (&'static str, T)>) -> Option<T> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    names
        .into_iter()
        .find(|(name, _)| name.starts_with(word))
        .map(|(_, t)| t)
}

fn month(word: &str) -> Option<u32> {
    by_name(word, MONTHS.iter().zip(1u32..).map(|(n, m)| (*n, m)))
}

fn clock(word: &str) -> Option<NaiveTime> {
    let (h, m) = word.split_once(':')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn day_of_month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',');
    let n: u32 = (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())??;
    (1..=31).contains(&n).then_some(n)
}

/// Reads the prompt's text as a date or a time: `2025-12-04`, `dec 4`, `4 dec`,
/// `thursday`, `14:00`, a day followed by a time (`dec 4 14:00`), `now`, `as-of`.
pub fn parse(text: &str) -> Result<Wanted, String> {
    let lower = text.trim().to_lowercase();
    let bad = || {
        format!(
            "not a date, a time or an event id: “{}”",
            crate::model::text::clean_line(text.trim())
        )
    };
    match lower.as_str() {
        "" => return Err("type a date, a time or an event id".into()),
        "now" => return Ok(Wanted::Now),
        "as-of" | "asof" | "as of" | "as_of" => return Ok(Wanted::AsOf),
        _ => {}
    }
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let time = match words.last().and_then(|w| clock(w)) {
        Some(t) => {
            words.pop();
            Some(t)
        }
        None => None,
    };
    let day = match words.as_slice() {
        [] => Day::Selected,
        [one] => {
            if let Ok(d) = NaiveDate::parse_from_str(one, "%Y-%m-%d") {
                Day::Date(d)
            } else if let Some(w) = by_name(one, WEEKDAYS) {
                Day::Weekday(w)
            } else {
                return Err(bad());
            }
        }
        [a, b] => match (month(a), day_of_month(b), day_of_month(a), month(b)) {
            (Some(month), Some(day), ..) | (_, _, Some(day), Some(month)) => {
                Day::MonthDay { month, day }
            }
            _ => return Err(bad()),
        },
        _ => return Err(bad()),
    };
    Ok(Wanted::At {
        day,
        time: time.unwrap_or(NaiveTime::MIN),
    })
}

/// The day of a weekday meant: of the days of that name within the dataset's span,
/// the one nearest the reference (the later on a tie); with none in the span, the next
/// one from the reference.
fn weekday_near(
    w: Weekday,
    reference: NaiveDate,
    span: Option<(NaiveDate, NaiveDate)>,
) -> NaiveDate {
    let on_or_after = |d: NaiveDate| {
        let ahead = (7 + w.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
        d + Duration::days(i64::from(ahead))
    };
    let Some((first, last)) = span else {
        return on_or_after(reference);
    };
    let near = reference.clamp(first, last);
    let next = on_or_after(near);
    let prev = next - Duration::days(7);
    let distance = |d: NaiveDate| (d - reference).num_days().abs();
    [next, prev]
        .into_iter()
        .filter(|d| (first..=last).contains(d))
        .min_by_key(|d| (distance(*d), std::cmp::Reverse(*d)))
        .unwrap_or_else(|| on_or_after(reference))
}

/// The day a prompt names, read against the context.
pub fn day_of(day: Day, ctx: &Context) -> Result<NaiveDate, String> {
    Ok(match day {
        Day::Selected => ctx.reference,
        Day::Date(d) => d,
        Day::Weekday(w) => weekday_near(w, ctx.reference, ctx.span),
        Day::MonthDay { month, day } => {
            let year = ctx.reference.year();
            (year - 1..=year + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .min_by_key(|d| ((*d - ctx.reference).num_days().abs(), std::cmp::Reverse(*d)))
                .ok_or_else(|| format!("no such day: {} {day}", &MONTHS[month as usize - 1][..3]))?
        }
    })
}

/// The instant a prompt asks for: the first instant its wall-clock time reads in the
/// display zone (the moment the clocks jumped, when a change of clocks skipped it).
pub fn resolve(wanted: Wanted, ctx: &Context) -> Result<Instant, String> {
    match wanted {
        Wanted::Now => Ok(ctx.now),
        Wanted::AsOf => ctx
            .as_of
            .ok_or_else(|| "this dataset does not say when it was written (no as-of)".into()),
        Wanted::At { day, time } => {
            let local = NaiveDateTime::new(day_of(day, ctx)?, time);
            // A skipped hour is at most an hour or two: the first reading after it.
            (0..=180)
                .find_map(|m| look_up(ctx.zone, local + Duration::minutes(m)).map(|(t, _)| t))
                .ok_or_else(|| format!("{local} does not exist in {}", ctx.zone.name()))
        }
    }
}

/// The day an instant falls on in a zone, for a context's reference.
pub fn day_in(t: Instant, zone: Tz) -> NaiveDate {
    local_date(t, zone)
}

/// The half-widths `x` cycles through: ±6 h, ±1 day, ±3 days, then off.
pub const WINDOWS: [(i64, &str); 3] = [
    (6 * 3600, "±6 h"),
    (86_400, "±1 day"),
    (3 * 86_400, "±3 days"),
];

/// A context window: only the events that overlap so long either side of a moment
/// (the start of the event selected when it was chosen) are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Which of [`WINDOWS`].
    pub step: usize,
    pub center: Instant,
}

impl Window {
    pub fn half(&self) -> i64 {
        WINDOWS.get(self.step).map_or(0, |w| w.0)
    }

    pub fn label(&self) -> &'static str {
        WINDOWS.get(self.step).map_or("", |w| w.1)
    }

    /// Whether an event from `start` to `end` (its start again when it has no end)
    /// overlaps the window.
    pub fn holds(&self, start: Instant, end: Instant) -> bool {
        let half = self.half();
        end >= self.center.saturating_sub(half) && start <= self.center.saturating_add(half)
    }

    /// The next window of the cycle around `center`, `None` after the widest.
    pub fn next(current: Option<Window>, center: Instant) -> Option<Window> {
        let step = current.map_or(0, |w| w.step + 1);
        (step < WINDOWS.len()).then_some(Window { step, center })
    }
}

/// The longest common prefix of two ids, at a character boundary.
pub fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    // `b` may be shorter than `a` and end inside a character of `a`: never here, as
    // the common part ends at a character both share.
    &a[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    fn at(day: Day, h: u32, m: u32) -> Wanted {
        Wanted::At {
            day,
            time: NaiveTime::from_hms_opt(h, m, 0).expect("valid"),
        }
    }

    /// Tuesday 2 to Saturday 6 December 2025, read from Friday 5 December.
    fn ctx() -> Context {
        Context {
            zone: chrono_tz::America::New_York,
            reference: date(2025, 12, 5),
            span: Some((date(2025, 12, 2), date(2025, 12, 6))),
            now: 1_800_000_000,
            as_of: Some(1_764_910_800),
        }
    }

    #[test]
    fn each_form() {
        assert_eq!(
            parse("2025-12-04"),
            Ok(at(Day::Date(date(2025, 12, 4)), 0, 0))
        );
        let dec4 = Day::MonthDay { month: 12, day: 4 };
        for text in [
            "dec 4",
            "Dec 4",
            "december 4",
            "4 dec",
            "4 December",
            "dec. 4",
        ] {
            assert_eq!(parse(text), Ok(at(dec4, 0, 0)), "{text}");
        }
        for text in ["thursday", "Thu", "thurs", "  THURSDAY "] {
            assert_eq!(
                parse(text),
                Ok(at(Day::Weekday(Weekday::Thu), 0, 0)),
                "{text}"
            );
        }
        assert_eq!(parse("14:00"), Ok(at(Day::Selected, 14, 0)));
        assert_eq!(parse("9:05"), Ok(at(Day::Selected, 9, 5)));
        assert_eq!(parse("dec 4 14:00"), Ok(at(dec4, 14, 0)));
        assert_eq!(
            parse("2025-12-04 19:30"),
            Ok(at(Day::Date(date(2025, 12, 4)), 19, 30))
        );
        assert_eq!(parse("now"), Ok(Wanted::Now));
        assert_eq!(parse("as-of"), Ok(Wanted::AsOf));
        assert_eq!(parse("As of"), Ok(Wanted::AsOf));
    }

    #[test]
    fn bad_input_is_refused_with_what_was_typed() {
        for text in [
            "",
            "  ",
            "kremlin",
            "th",
            "dec",
            "dec 32",
            "32 dec",
            "24:00",
            "14:5",
            "14:000",
            "2025-13-01",
            "2025-02-30",
            "dec 4 5",
            "1 2 3",
            "14:00 dec 4",
            ":",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        let err = parse("kreml\u{1b}[2Jin").expect_err("not a date");
        assert!(!err.contains('\u{1b}'), "{err}");
        assert!(parse("feb 30").is_ok());
        assert!(day_of(Day::MonthDay { month: 2, day: 30 }, &ctx()).is_err());
    }

    #[test]
    fn a_weekday_is_the_nearest_within_the_dataset() {
        let c = ctx();
        // Friday's Thursday is the day before, inside the week of the data.
        assert_eq!(
            day_of(Day::Weekday(Weekday::Thu), &c),
            Ok(date(2025, 12, 4))
        );
        assert_eq!(
            day_of(Day::Weekday(Weekday::Sat), &c),
            Ok(date(2025, 12, 6))
        );
        assert_eq!(
            day_of(Day::Weekday(Weekday::Fri), &c),
            Ok(date(2025, 12, 5))
        );
        // No Monday in the data: the next one from the reference.
        assert_eq!(
            day_of(Day::Weekday(Weekday::Mon), &c),
            Ok(date(2025, 12, 8))
        );
        // Over a long span, the nearer of the two, the later on a tie.
        let long = Context {
            span: Some((date(2025, 1, 1), date(2026, 1, 1))),
            reference: date(2025, 12, 4),
            ..c
        };
        assert_eq!(
            day_of(Day::Weekday(Weekday::Tue), &long),
            Ok(date(2025, 12, 2))
        );
        assert_eq!(
            day_of(Day::Weekday(Weekday::Sat), &long),
            Ok(date(2025, 12, 6))
        );
        assert_eq!(
            day_of(Day::Weekday(Weekday::Mon), &long),
            Ok(date(2025, 12, 1))
        );
        assert_eq!(
            day_of(Day::Weekday(Weekday::Thu), &long),
            Ok(date(2025, 12, 4))
        );
    }

    #[test]
    fn a_month_and_day_take_the_nearest_year() {
        let c = ctx();
        let day = |month, day| day_of(Day::MonthDay { month, day }, &c);
        assert_eq!(day(12, 4), Ok(date(2025, 12, 4)));
        assert_eq!(day(1, 3), Ok(date(2026, 1, 3)));
        // Half a year either side: June is nearer next year, July this year.
        assert_eq!(day(6, 1), Ok(date(2026, 6, 1)));
        assert_eq!(day(7, 1), Ok(date(2025, 7, 1)));
        assert_eq!(day(2, 29), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn times_are_read_in_the_display_zone() {
        let c = ctx();
        // 14:00 on Friday 5 December in New York is 19:00 UTC.
        assert_eq!(
            resolve(parse("14:00").expect("a time"), &c),
            Ok(1_764_961_200)
        );
        let moscow = Context {
            zone: chrono_tz::Europe::Moscow,
            ..c
        };
        assert_eq!(
            resolve(parse("14:00").expect("a time"), &moscow),
            Ok(1_764_961_200 - 8 * 3600)
        );
        assert_eq!(resolve(Wanted::Now, &c), Ok(c.now));
        assert_eq!(resolve(Wanted::AsOf, &c), Ok(1_764_910_800));
        let undated = Context { as_of: None, ..c };
        assert!(resolve(Wanted::AsOf, &undated).is_err());
        // 02:30 on 9 March 2025 never happened in New York: the clocks read 03:00.
        let skipped = parse("2025-03-09 02:30").expect("a time");
        let three = parse("2025-03-09 03:00").expect("a time");
        assert_eq!(resolve(skipped, &c), resolve(three, &c));
    }

    #[test]
    fn a_window_cycles_and_holds_what_overlaps_it() {
        let w = Window::next(None, 100_000).expect("±6 h");
        assert_eq!(w.label(), "±6 h");
        assert!(w.holds(100_000 + 6 * 3600, 100_000 + 7 * 3600));
        assert!(!w.holds(100_000 + 6 * 3600 + 1, 200_000));
        // A long event that began before the window and runs into it.
        assert!(w.holds(0, 90_000));
        assert!(!w.holds(0, 100_000 - 6 * 3600 - 1));
        let w = Window::next(Some(w), 5).expect("±1 day");
        assert_eq!((w.label(), w.center), ("±1 day", 5));
        let w = Window::next(Some(w), 5).expect("±3 days");
        assert_eq!(w.label(), "±3 days");
        assert_eq!(Window::next(Some(w), 5), None);
    }

    #[test]
    fn common_prefixes() {
        assert_eq!(common_prefix("miami-friday", "miami-thursday"), "miami-");
        assert_eq!(
            common_prefix("kremlin-putin", "kremlin-putin"),
            "kremlin-putin"
        );
        assert_eq!(common_prefix("ab", "abc"), "ab");
        assert_eq!(common_prefix("é-a", "é-b"), "é-");
    }
}
