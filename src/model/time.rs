//! Reported time: points and durations as precise as the report, in a zone, and the
//! earliest/latest instants they allow.
//!
//! The string forms parsed here are the native format's time expressions, documented in
//! docs/format.md ("Time expressions").

use std::cell::RefCell;
use std::fmt;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;

/// Seconds since the Unix epoch (UTC): the model's compact instant.
pub type Instant = i64;

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
fn default_tolerance(precision: Precision) -> u32 {
    match precision {
        Precision::Second | Precision::Minute => 15 * 60,
        Precision::Part(_) => 2 * 3600,
        Precision::Day => 86_400,
        Precision::Month => 15 * 86_400,
        Precision::Year => 90 * 86_400,
    }
}

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

const POINT_FORMS: &str = "expected a time such as 2025-12-02T19:40, ~2025-12-02T19:40, \
                           2025-12-04 evening, 2025-12-06 or 2025-12";

fn parse_number(s: &str, digits: usize, what: &str) -> Result<u32, TimeError> {
    if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return err(format!("'{s}' is not a {digits}-digit {what}"));
    }
    // At most four digits: no overflow.
    Ok(s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// A time and its tolerance, split at `±` or, failing that, at `+-`. Looked for a byte
/// at a time: a string pattern's searcher costs more to set up than most times are long.
fn split_tolerance(text: &str) -> Option<(&str, &str)> {
    let at = |pair: &[u8]| text.as_bytes().windows(2).position(|w| w == pair);
    // Both marks are two bytes long ('±' is two in UTF-8).
    let at = at("±".as_bytes()).or_else(|| at(b"+-"))?;
    Some((&text[..at], &text[at + 2..]))
}

/// `text` without white space at either end: most times have none, which two bytes
/// tell without decoding characters.
fn trimmed(text: &str) -> &str {
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(text.as_bytes().first()) && graphic(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// The fields of `text` between `sep`s (an ASCII byte), as `str::split` gives them,
/// found a byte at a time: the fields of a time are a few bytes long.
fn fields(text: &str, sep: u8) -> impl Iterator<Item = &str> {
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

    /// [`TimePoint::parse`], for every form.
    fn parse_general(text: &str) -> Result<TimePoint, TimeError> {
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
        // A byte at a time: a character that is not ASCII is not a digit or '-' at its
        // first byte, which is where `find` on characters would place it.
        let (date_part, rest) = match body
            .bytes()
            .position(|b| !(b.is_ascii_digit() || b == b'-'))
        {
            Some(i) if i > 0 && matches!(body.as_bytes()[i], b'T' | b' ') => {
                (&body[..i], Some((body.as_bytes()[i], body[i + 1..].trim())))
            }
            Some(_) => return err(format!("'{body}' is not a time; {POINT_FORMS}")),
            None => (body, None),
        };
        let mut fields = fields(date_part, b'-');
        let year_text = fields.next().unwrap_or_default();
        let year = parse_number(year_text, 4, "year")
            .map_err(|e| TimeError(format!("{e}; {POINT_FORMS}")))? as i32;
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
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return err(format!("month {m} does not exist (expected 01 to 12)"));
        }
        let (date, mut precision) = match (month, day) {
            (None, _) => (NaiveDate::from_ymd_opt(year, 1, 1), Precision::Year),
            (Some(m), None) => (NaiveDate::from_ymd_opt(year, m, 1), Precision::Month),
            (Some(m), Some(d)) => {
                let date = NaiveDate::from_ymd_opt(year, m, d);
                if date.is_none() {
                    return err(format!(
                        "{year:04}-{m:02}-{d:02} is not a date (that month has no day {d})"
                    ));
                }
                (date, Precision::Day)
            }
        };
        let Some(date) = date else {
            return err(format!("year {year} is out of range"));
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
        })
    }

    /// The forms most times are written in, exactly: `YYYY-MM-DD`, then perhaps
    /// `THH:MM`, `THH:MM:SS` or a part of the day after a space, all perhaps after `~`.
    /// They are read by their fixed places, in a tenth of the steps of
    /// [`TimePoint::parse`]'s general way, which reads (and reports on) anything else:
    /// `None` here for it, a wrong date or clock included.
    fn parse_plain(text: &str) -> Option<TimePoint> {
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

    /// The local interval the point stands for, before tolerance: `(start, end)` as local
    /// date-times; the end is exclusive for days, months and parts of a day.
    fn local_span(&self) -> (NaiveDateTime, NaiveDateTime) {
        let midnight = self.date.and_time(NaiveTime::MIN);
        match self.precision {
            Precision::Second | Precision::Minute => {
                let t = midnight + chrono::Duration::seconds(i64::from(self.seconds));
                (t, t)
            }
            Precision::Part(p) => {
                let (a, b) = p.hours();
                (
                    midnight + chrono::Duration::hours(i64::from(a)),
                    midnight + chrono::Duration::hours(i64::from(b)),
                )
            }
            Precision::Day => (midnight, midnight + Days::new(1)),
            Precision::Month => (midnight, midnight + Months::new(1)),
            Precision::Year => (midnight, midnight + Months::new(12)),
        }
    }

    /// Earliest and latest instant the point allows when read in `zone`.
    ///
    /// A wall-clock time that falls in a daylight-saving gap is an error for exact
    /// times; the boundaries of coarser spans move to the first instant after the gap.
    pub fn bounds(&self, zone: Tz) -> Result<(Instant, Instant), TimeError> {
        let (a, b) = self.local_span();
        let exact = matches!(self.precision, Precision::Minute | Precision::Second);
        let lo = resolve(zone, a, Edge::Early).ok_or_else(|| {
            TimeError(format!(
                "{} does not exist in {} (the clocks skip it)",
                a.format("%Y-%m-%dT%H:%M"),
                zone.name()
            ))
        });
        let lo = match lo {
            Ok(v) => v,
            Err(e) if exact => return Err(e),
            Err(_) => resolve_after_gap(zone, a),
        };
        let hi = if exact {
            resolve(zone, b, Edge::Late).unwrap_or(lo)
        } else {
            resolve(zone, b, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, b))
        };
        let tol = i64::from(self.tolerance);
        Ok((lo - tol, hi + tol))
    }
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
    if h > 23 || m > 59 || s.is_some_and(|s| s > 59) {
        return err(format!(
            "{text} is not a time of day (expected 00:00 to 23:59)"
        ));
    }
    let precision = if s.is_some() {
        Precision::Second
    } else {
        Precision::Minute
    };
    Ok((h * 3600 + m * 60 + s.unwrap_or(0), precision))
}

#[derive(Clone, Copy)]
enum Edge {
    Early,
    Late,
}

/// Local wall-clock time to an instant; ambiguous times (clocks going back) take the
/// earlier or later reading, times in a gap give `None`.
fn resolve(zone: Tz, local: NaiveDateTime, edge: Edge) -> Option<Instant> {
    let (early, late) = readings(zone, local)?;
    Some(match edge {
        Edge::Early => early,
        Edge::Late => late,
    })
}

/// The earliest and latest instant whose wall-clock reading in `zone` is `local` (the
/// same instant but where the clocks go back), or `None` in a gap.
///
/// Many events of a file share their readings (a day's midnight, the start of an
/// evening), and looking one up in a zone's transitions costs a search: the last
/// readings looked up on this thread are kept, a slot for each, the slot chosen by the
/// reading. What is kept is what the lookup gives, so a reading found there is the
/// same as one looked up.
fn readings(zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
    type Slot = Option<(Tz, NaiveDateTime, Option<(Instant, Instant)>)>;
    const SLOTS: usize = 1 << 10;
    thread_local! {
        static KEPT: RefCell<[Slot; SLOTS]> = const { RefCell::new([None; SLOTS]) };
    }
    let seconds = local.and_utc().timestamp().cast_unsigned();
    let mixed = (seconds ^ (u64::from(zone as u32) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let slot = (mixed >> (64 - SLOTS.trailing_zeros())) as usize;
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept[slot] {
            Some((z, l, found)) if z == zone && l == local => found,
            _ => {
                let found = look_up(zone, local);
                kept[slot] = Some((zone, local, found));
                found
            }
        }
    })
}

/// [`readings`], looked up in the zone's transitions.
fn look_up(zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Some((t.timestamp(), t.timestamp())),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.timestamp(), b.timestamp());
            Some((a.min(b), a.max(b)))
        }
        LocalResult::None => None,
    }
}

/// The first instant whose wall-clock reading is at or after `local`: where a
/// daylight-saving gap swallowed `local`, the instant the clocks jumped.
fn resolve_after_gap(zone: Tz, local: NaiveDateTime) -> Instant {
    let guess = local.and_utc().timestamp();
    // Offsets lie within a day of UTC, so the answer is within a day either side.
    let (mut lo, mut hi) = (guess - 2 * 86_400, guess + 2 * 86_400);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if to_local(mid, zone) >= local {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

pub fn utc(t: Instant) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The wall-clock reading of an instant in a zone.
pub fn to_local(t: Instant, zone: Tz) -> NaiveDateTime {
    utc(t).with_timezone(&zone).naive_local()
}

/// A reported length of time: `2h`, `~5h`, `1h30m`, `4h..6h`, `lengthy`, `brief`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Shortest and longest length it allows, in seconds.
    pub min: u32,
    pub max: u32,
    pub kind: SpanKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanKind {
    Exact,
    About,
    Range,
    Brief,
    Lengthy,
}

const SPAN_FORMS: &str =
    "expected a duration such as 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy";

impl Span {
    /// Parses a duration expression; see docs/format.md for the grammar.
    pub fn parse(text: &str) -> Result<Span, TimeError> {
        let text = trimmed(text);
        match text {
            "brief" => {
                return Ok(Span {
                    min: 0,
                    max: 3600,
                    kind: SpanKind::Brief,
                });
            }
            "lengthy" => {
                return Ok(Span {
                    min: 3 * 3600,
                    max: 12 * 3600,
                    kind: SpanKind::Lengthy,
                });
            }
            _ => {}
        }
        if let Some(rest) = text.strip_prefix('~') {
            let mid = Span::parse_length(rest.trim())?;
            // "About" is read as within a tenth, and never tighter than a quarter hour.
            let slack = (mid / 10).max(15 * 60);
            return Ok(Span {
                min: mid.saturating_sub(slack),
                max: mid.saturating_add(slack),
                kind: SpanKind::About,
            });
        }
        if let Some((a, b)) = text.split_once("..") {
            let (min, max) = (Span::parse_length(a.trim())?, Span::parse_length(b.trim())?);
            if min > max {
                return err(format!(
                    "range '{text}' runs backwards (the shorter length comes first)"
                ));
            }
            return Ok(Span {
                min,
                max,
                kind: SpanKind::Range,
            });
        }
        let len = Span::parse_length(text)?;
        Ok(Span {
            min: len,
            max: len,
            kind: SpanKind::Exact,
        })
    }

    /// Reads `1d2h30m15s`-style lengths (at least one unit) into seconds.
    pub fn parse_length(text: &str) -> Result<u32, TimeError> {
        if text.is_empty() {
            return err(format!("empty duration; {SPAN_FORMS}"));
        }
        let mut total: u64 = 0;
        let mut number: Option<u64> = None;
        for c in text.chars() {
            match c {
                '0'..='9' => {
                    let digit = u64::from(c as u8 - b'0');
                    number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(digit));
                }
                'd' | 'h' | 'm' | 's' => {
                    let Some(n) = number.take() else {
                        return err(format!(
                            "'{text}': a unit needs a number before it; {SPAN_FORMS}"
                        ));
                    };
                    let unit = match c {
                        'd' => 86_400,
                        'h' => 3600,
                        'm' => 60,
                        _ => 1,
                    };
                    total = total.saturating_add(n.saturating_mul(unit));
                }
                _ => return err(format!("'{text}' is not a duration; {SPAN_FORMS}")),
            }
        }
        if number.is_some() {
            return err(format!(
                "'{text}': the last number has no unit (d, h, m or s)"
            ));
        }
        // A year is more than any negotiation session needs; longer is a typo.
        if total > 366 * 86_400 {
            return err(format!("'{text}' is longer than a year"));
        }
        Ok(total as u32)
    }

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

/// When an event happened, as reported, and the instants that allows.
#[derive(Clone, Debug, PartialEq)]
pub struct EventTime {
    /// The zone the wall-clock values were reported in.
    pub zone: Tz,
    pub start: TimePoint,
    pub end: Option<TimePoint>,
    pub duration: Option<Span>,
    pub bounds: Bounds,
}

/// Earliest and latest instants of an event's start and end; [`Bounds::end_latest`]
/// is `None` when the end is open (ongoing, or not reported).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bounds {
    pub start_earliest: Instant,
    pub start_latest: Instant,
    pub end_earliest: Instant,
    /// [`OPEN`] for none: an `Option` would make every event 8 bytes larger.
    end_latest: Instant,
}

/// The latest end of an open event: no instant a date can give.
const OPEN: Instant = Instant::MAX;

impl Bounds {
    pub fn end_latest(&self) -> Option<Instant> {
        (self.end_latest != OPEN).then_some(self.end_latest)
    }

    /// The latest instant the event may still be going on: its latest end, or its
    /// latest start where the end is open or may come before it.
    pub fn last(&self) -> Instant {
        self.end_latest()
            .unwrap_or(self.start_latest)
            .max(self.start_latest)
    }
}

impl std::fmt::Debug for Bounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bounds")
            .field("start_earliest", &self.start_earliest)
            .field("start_latest", &self.start_latest)
            .field("end_earliest", &self.end_earliest)
            .field("end_latest", &self.end_latest())
            .finish()
    }
}

impl EventTime {
    /// Builds the time of an event, deriving its bounds.
    pub fn new(
        zone: Tz,
        start: TimePoint,
        end: Option<TimePoint>,
        duration: Option<Span>,
    ) -> Result<EventTime, TimeError> {
        let (s_lo, s_hi) = start.bounds(zone)?;
        let by_duration = duration.map(|d| (s_lo + i64::from(d.min), s_hi + i64::from(d.max)));
        let by_end = end.map(|e| e.bounds(zone)).transpose()?;
        // A day, month or part of a day ends where the next begins: an end there is
        // before a start there.
        let end_open_right =
            end.is_some_and(|e| !matches!(e.precision, Precision::Minute | Precision::Second));
        let before_start = |hi: Instant| hi < s_lo || (end_open_right && hi <= s_lo);
        let (e_lo, e_hi) = match (by_end, by_duration) {
            (Some((lo, hi)), None) => {
                if before_start(hi) {
                    return err(format!(
                        "the end ({}) is before the start ({})",
                        describe_point(&end.unwrap_or(start)),
                        describe_point(&start)
                    ));
                }
                (lo.max(s_lo), Some(hi))
            }
            (None, Some((lo, hi))) => (lo, Some(hi)),
            (Some((a, b)), Some((c, d))) => {
                if before_start(b) {
                    return err(format!(
                        "the end ({}) is before the start ({})",
                        describe_point(&end.unwrap_or(start)),
                        describe_point(&start)
                    ));
                }
                let (lo, hi) = (a.max(c), b.min(d));
                if lo > hi {
                    return err(format!(
                        "the end ({}) and the duration ({}) cannot both hold",
                        describe_point(&end.unwrap_or(start)),
                        duration.map(|d| d.label()).unwrap_or_default()
                    ));
                }
                (lo, Some(hi))
            }
            (None, None) => (s_lo, None),
        };
        Ok(EventTime {
            zone,
            start,
            end,
            duration,
            bounds: Bounds {
                start_earliest: s_lo,
                start_latest: s_hi,
                end_earliest: e_lo,
                end_latest: e_hi.unwrap_or(OPEN),
            },
        })
    }
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

/// Local date of an instant in a zone.
pub fn local_date(t: Instant, zone: Tz) -> NaiveDate {
    to_local(t, zone).date()
}

/// Reads a calendar date given on the command line (`2025-12-04`).
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    let p = TimePoint::parse(text)?;
    if p.precision != Precision::Day || p.tolerance != 0 {
        return err(format!("'{text}' is not a date (expected YYYY-MM-DD)"));
    }
    Ok(p.date)
}

/// Midnight at the start of a local date, as an instant.
pub fn start_of_day(date: NaiveDate, zone: Tz) -> Instant {
    let local = date.and_time(NaiveTime::MIN);
    resolve(zone, local, Edge::Early).unwrap_or_else(|| resolve_after_gap(zone, local))
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

/// "Tuesday 2 December 2025".
pub fn long_day(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.format("%A"),
        date.day(),
        date.format("%B %Y")
    )
}

/// "19:40".
pub fn clock(t: &NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{TimePoint, fields, parse_number, split_tolerance, trimmed, utc_offset};

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

    #[test]
    fn offsets() {
        assert_eq!(utc_offset(3 * 3600), "+0300");
        assert_eq!(utc_offset(-5 * 3600), "-0500");
        assert_eq!(utc_offset(5 * 3600 + 1800), "+0530");
        assert_eq!(utc_offset(-(4 * 3600 + 56 * 60 + 2)), "-045602");
    }

    /// A reading kept from before gives what a lookup gives: over more readings than
    /// there are slots (so that slots are shared and taken over), in zones with and
    /// without daylight saving, across their changes (gaps and repeated hours).
    #[test]
    fn kept_readings_are_the_readings() {
        use chrono::NaiveDate;
        let zones: [chrono_tz::Tz; 4] = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::Moscow,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::UTC,
        ];
        let start = NaiveDate::from_ymd_opt(2025, 3, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a date");
        let (mut gaps, mut repeats) = (0, 0);
        // Twice: the second time, other readings have taken many of the slots.
        for round in 0..2 {
            for zone in zones {
                // Every half hour for 300 days: the spring and autumn changes of both
                // hemispheres, and Lord Howe's half-hour ones.
                for step in 0..300 * 48 {
                    let local = start + chrono::Duration::minutes(30 * step);
                    let kept = super::readings(zone, local);
                    let looked_up = super::look_up(zone, local);
                    assert_eq!(kept, looked_up, "{zone} {local} (round {round})");
                    // Now found where it was kept.
                    assert_eq!(super::readings(zone, local), kept, "{zone} {local} again");
                    match kept {
                        None => gaps += 1,
                        Some((a, b)) if a != b => repeats += 1,
                        _ => {}
                    }
                }
            }
        }
        assert!(gaps > 0 && repeats > 0, "{gaps} gaps, {repeats} repeats");
    }

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
