//! Words for the model: how a time reads at its real precision in a given zone, how
//! long something lasted, who was there by side. `print` and the terminal UI share these.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Offset, Timelike};
use chrono_tz::{OffsetName, Tz};

use super::time::{
    AFTER_CALENDAR, BEFORE_CALENDAR, Instant, PartOfDay, Precision, TimePoint, calendar_length,
    clock, in_calendar, long_day, month_label, short_day, short_day_with_year, short_month_label,
    to_local, utc, utc_offset, year_label, year_of, year_short,
};
use super::timeline::{Attendance, Event, EventKind, PartyIx, Status, Timeline};

/// A number as a person writes it, with a comma between groups of three digits:
/// "1,000,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 event", "12,000 events".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

/// A time as a reader sees it: the local day it falls on and the words for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    pub date: NaiveDate,
    /// "19:40", "~11:40", "evening", "small hours", "all day", "December 2025".
    pub text: String,
}

/// Within this much, an uncertain time is shown as one approximate clock time.
const APPROX_CLOCK: i64 = 30 * 60;

fn seconds_of(t: &NaiveDateTime) -> u32 {
    t.num_seconds_from_midnight()
}

/// Describes the instants `[lo, hi]` in `zone`. `point` is the expression they came
/// from, when there is one, so a reported month or day keeps reading as such.
pub fn interval(lo: Instant, hi: Instant, zone: Tz, point: Option<&TimePoint>) -> When {
    if !in_calendar(lo) || !in_calendar(hi) {
        return beyond_calendar(year_of(lo, zone));
    }
    let a = to_local(lo, zone);
    let b = to_local(hi, zone);
    // The exclusive end of a day or part of a day is the next midnight: still that day.
    let b_inclusive = if hi > lo { to_local(hi - 1, zone) } else { b };
    let whole_days = seconds_of(&a) == 0 && seconds_of(&b) == 0 && hi > lo;
    match point.map(|p| p.precision) {
        Some(Precision::Year) if whole_days && (b - a).num_days() >= 365 => {
            return When {
                date: a.date(),
                text: year_label(i64::from(a.year())),
            };
        }
        Some(Precision::Month) if whole_days && (b - a).num_days() >= 28 => {
            return When {
                date: a.date(),
                text: month_label(a.date()),
            };
        }
        _ => {}
    }
    if hi == lo {
        return When {
            date: a.date(),
            text: clock(&a),
        };
    }
    if hi - lo <= APPROX_CLOCK {
        let mid = to_local(lo + (hi - lo) / 2, zone);
        return When {
            date: mid.date(),
            text: format!("~{}", clock(&mid)),
        };
    }
    if whole_days && (b - a).num_days() == 1 {
        return When {
            date: a.date(),
            text: "all day".into(),
        };
    }
    if a.date() == b_inclusive.date() {
        let to = if b.date() == a.date() {
            seconds_of(&b)
        } else {
            86_400
        };
        if let Some(part) = PartOfDay::containing(seconds_of(&a), to) {
            return When {
                date: a.date(),
                text: part.label().into(),
            };
        }
        return When {
            date: a.date(),
            text: format!("{}–{}", clock(&a), clock(&b)),
        };
    }
    if whole_days {
        return When {
            date: a.date(),
            text: format!("{} days", (b - a).num_days()),
        };
    }
    When {
        date: a.date(),
        text: format!("{}–{} {}", clock(&a), short_day(b.date()), clock(&b)),
    }
}

/// A year beyond the calendar's ([`crate::model::time::CALENDAR_YEARS`]): listed
/// before or after every day, named by its year.
fn beyond_calendar(year: i64) -> When {
    When {
        date: if year < 0 {
            BEFORE_CALENDAR
        } else {
            AFTER_CALENDAR
        },
        text: year_label(year),
    }
}

/// A date-only (or coarser) report names a calendar day at the place: it keeps that
/// date in every display zone rather than inventing hours ("08:00 to 08:00"). An
/// approximate one reads as written, not as its earliest bound: "~2024", "~Thu 4 Dec".
fn calendar(point: &TimePoint) -> Option<When> {
    if point.cycles != 0 {
        return Some(beyond_calendar(point.year()));
    }
    let about = if point.tolerance == 0 { "" } else { APPROX };
    let text = match point.precision {
        Precision::Day if about.is_empty() => "all day".to_string(),
        Precision::Day => format!("~{}", short_day(point.date)),
        Precision::Month => format!("{about}{}", month_label(point.date)),
        Precision::Year => format!("{about}{}", year_label(point.year())),
        _ => return None,
    };
    Some(When {
        date: point.date,
        text,
    })
}

/// The header an event is listed under: the year of a year, the month of a month, else
/// the day its start is listed under ([`listed`]). A year's header comes before those
/// of its months and days, as its events do (see
/// [`super::timeline::chronological`]); a year or month reported in a zone where it
/// begins partway through a day of the display zone stands under that day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Heading {
    Year(i32),
    Month(NaiveDate),
    Day(NaiveDate),
}

impl Heading {
    /// "1852", "December 2025", "Thursday 4 December 2025".
    pub fn label(&self) -> String {
        match *self {
            Heading::Year(y) => year_label(i64::from(y)),
            Heading::Month(d) => month_label(d),
            Heading::Day(d) => long_day(d),
        }
    }
}

/// The header `ev` is listed under in `zone`.
pub fn heading(ev: &Event, zone: Tz) -> Heading {
    let point = &ev.time.start;
    let begins = to_local(ev.time.nominal_start(), zone);
    let at_its_midnight = begins.date() == point.date && seconds_of(&begins) == 0;
    match point.precision {
        Precision::Year if at_its_midnight => Heading::Year(point.date.year()),
        Precision::Month if at_its_midnight => Heading::Month(point.date),
        _ => Heading::Day(listed(ev, zone).date),
    }
}

/// When the event started, in `zone`.
pub fn start(ev: &Event, zone: Tz) -> When {
    if let Some(w) = calendar(&ev.time.start) {
        return w;
    }
    let b = &ev.time.bounds;
    interval(b.start_earliest, b.start_latest, zone, Some(&ev.time.start))
}

/// When the event ended, in `zone`; `None` while the end is open.
pub fn end(ev: &Event, zone: Tz) -> Option<When> {
    let b = &ev.time.bounds;
    let hi = b.end_latest()?;
    if ev.time.duration.is_none()
        && let Some(w) = ev.time.end.as_ref().and_then(calendar)
    {
        return Some(When {
            date: w.date,
            text: String::new(),
        });
    }
    Some(interval(b.end_earliest, hi, zone, None))
}

/// The end as a phrase after "until", or `None` when it adds nothing to the start. A
/// reported date, month or year reads as written; a day names its year when the
/// start's is another.
pub fn until(ev: &Event, zone: Tz) -> Option<String> {
    let s = start(ev, zone);
    let point = ev.time.end.filter(|_| ev.time.duration.is_none());
    if let Some(w) = point.as_ref().and_then(calendar) {
        let p = point.as_ref()?;
        let text = match p.precision {
            Precision::Day if p.date == s.date && p.tolerance == 0 => return None,
            Precision::Day => {
                let about = if p.tolerance == 0 { "" } else { APPROX };
                format!("{about}{}", day_label(p.date, s.date))
            }
            _ => w.text,
        };
        return (text != s.text).then_some(text);
    }
    let e = end(ev, zone)?;
    // Beyond the calendar, a year is all there is to say.
    let beyond = [BEFORE_CALENDAR, AFTER_CALENDAR];
    if beyond.contains(&s.date) || beyond.contains(&e.date) {
        let (from, to) = (ev.time.start.year(), ev.time.end.map(|p| p.year()));
        let to = to.unwrap_or_else(|| year_of(ev.time.bounds.last(), zone));
        return (to != from).then(|| year_label(to));
    }
    // A bare clock range after a reported duration only restates the arithmetic.
    if ev.time.duration.is_some() && e.text.contains('–') {
        return None;
    }
    if e.date != s.date {
        let day = day_label(e.date, s.date);
        return Some(if e.text.is_empty() {
            day
        } else {
            format!("{day} {}", e.text)
        });
    }
    (!e.text.is_empty() && e.text != s.text).then_some(e.text)
}

/// "Sat 6 Dec", or "Sat 27 Nov 1852" when `since`'s year is another.
fn day_label(date: NaiveDate, since: NaiveDate) -> String {
    if date.year() == since.year() {
        short_day(date)
    } else {
        short_day_with_year(date)
    }
}

/// Where an event stands in a list in `zone`: under the day its start falls on there,
/// with the words for its start. A day, month or year reported at a place in another
/// zone may begin on another day here (Sydney's 3 January begins on the 2nd in Berlin):
/// it is listed under the day it began, where time order puts it, and named by its own
/// date rather than "all day".
pub fn listed(ev: &Event, zone: Tz) -> When {
    let s = start(ev, zone);
    let Some(day) = began_on_another_day(ev, zone) else {
        return s;
    };
    // "January 2024" and "2024" name no day.
    let text = if names_no_day(&ev.time.start) {
        s.text
    } else {
        short_day(s.date)
    };
    When { date: day, text }
}

/// The zone in which an event's start is told: `zone`, unless the start is a day, a
/// month or a year, reported in a zone where it began on another day than in `zone`:
/// Sydney's 3 January is told as Sydney's, though Berlin lists it under the 2nd.
pub fn told_in(ev: &Event, zone: Tz) -> Tz {
    if began_on_another_day(ev, zone).is_some() {
        ev.time.zone
    } else {
        zone
    }
}

/// The day in `zone` on which a day, month or year reported elsewhere began, when it
/// is not the reported one's first day (Sydney's 3 January began on the 2nd in Berlin).
fn began_on_another_day(ev: &Event, zone: Tz) -> Option<NaiveDate> {
    let point = &ev.time.start;
    calendar(point)?;
    if point.cycles != 0 {
        return None;
    }
    let day = to_local(ev.time.nominal_start(), zone).date();
    (day != point.date).then_some(day)
}

/// The event's time where it happened, in the words [`when_line`] uses, when that
/// zone is not `zone` and the words differ: the local time the detail pane, the
/// agenda and the briefing add.
pub fn local_when(tl: &Timeline, ev: &Event, zone: Tz) -> Option<(Tz, String)> {
    let local = tl.local_zone(ev);
    if local == zone {
        return None;
    }
    let line = when_line(ev, local);
    (line != when_line(ev, zone)).then_some((local, line))
}

/// A month or a year as reported, or an approximate day: its words name its own date
/// ("2024", "~Thu 4 Dec"), so no other is shown for it.
fn names_no_day(point: &TimePoint) -> bool {
    calendar(point).is_some() && (point.precision != Precision::Day || point.tolerance != 0)
}

/// The start for a list row, at most 11 columns: "19:40", "~11:40", "evening",
/// "small hours", "all day", "Dec 2025", "from 08:00"; for a day reported in another
/// zone and listed under the day before (see [`listed`]), its date with the
/// abbreviation of its zone, which says whose day it is: "Wed 3 AEDT" (or "Wed 3 Dec"
/// where that does not fit).
pub fn row_time(ev: &Event, zone: Tz) -> String {
    if let Some(own) = own_day_in_row(ev, zone) {
        return own;
    }
    let s = listed(ev, zone);
    if s.text.chars().count() <= 11 {
        return s.text;
    }
    let point = &ev.time.start;
    if names_no_day(point) {
        let about = if point.tolerance == 0 { "" } else { APPROX };
        match point.precision {
            Precision::Year => return format!("{about}{}", year_short(point.year())),
            Precision::Month => return format!("{about}{}", short_month_label(point.date)),
            _ => {}
        }
    }
    let b = &ev.time.bounds;
    format!("from {}", clock(&to_local(b.start_earliest, zone)))
}

/// "Wed 3 AEDT": a day reported in another zone, as a row names it when `zone` lists it
/// under the day before; `None` for any other start, or when it would not fit.
fn own_day_in_row(ev: &Event, zone: Tz) -> Option<String> {
    began_on_another_day(ev, zone)?;
    if names_no_day(&ev.time.start) {
        return None;
    }
    let date = ev.time.start.date;
    let there = utc(ev.time.bounds.start_earliest).with_timezone(&ev.time.zone);
    // Zones with no letters for it are named by their offset, as the zone database
    // names them: "+04", "+0545", "-03".
    let name = there.offset().abbreviation().map_or_else(
        || {
            let offset = utc_offset(there.offset().fix().local_minus_utc());
            offset.strip_suffix("00").unwrap_or(&offset).to_string()
        },
        str::to_string,
    );
    let text = format!("{} {} {name}", date.format("%a"), date.day());
    (text.chars().count() <= 11).then_some(text)
}

/// How long it lasted: the reported duration, else what an exact start and end give.
pub fn duration(ev: &Event) -> Option<String> {
    if let Some(d) = ev.time.duration {
        return Some(d.label());
    }
    let b = &ev.time.bounds;
    let end = b.end_latest()?;
    let exact = b.start_earliest == b.start_latest && b.end_earliest == end;
    let both_clock = matches!(
        ev.time.end.map(|e| e.precision),
        Some(Precision::Minute | Precision::Second)
    );
    if exact && both_clock && end > b.start_earliest {
        let seconds = end - b.start_earliest;
        // A week or more reads as a date span does ("3 years", not "1096 d").
        if seconds < 7 * 86_400 {
            return Some(super::time::length_label(seconds as u32));
        }
        let last = ev.time.end?;
        return Some(calendar_length(ev.time.start.date, last.date));
    }
    // Dates, months and years as written, whatever their tolerance: "37 years".
    let (start, last) = (ev.time.start, ev.time.end?);
    calendar(&start)?;
    calendar(&last)?;
    let after = match last.precision {
        Precision::Year => last.date.with_year(last.date.year() + 1),
        Precision::Month => last.date.checked_add_months(chrono::Months::new(1)),
        _ => last.date.succ_opt(),
    }?;
    // One day is what "all day" says already.
    if after <= start.date || (after - start.date).num_days() <= 1 {
        return None;
    }
    let about = if start.tolerance == 0 && last.tolerance == 0 {
        ""
    } else {
        APPROX
    };
    Some(format!("{about}{}", calendar_length(start.date, after)))
}

/// The start with its day: "Tue 2 Dec ~19:40", "Sat 6 Dec all day", "December 2025".
pub fn start_line(ev: &Event, zone: Tz) -> String {
    let s = start(ev, zone);
    if names_no_day(&ev.time.start) {
        s.text
    } else {
        format!("{} {}", short_day(s.date), s.text)
    }
}

/// The start with its full date: "Tue 2 Dec 2025 ~19:40", "Sun 10 Dec 1815 all day",
/// "~Thu 4 Dec 2025", "December 2025", "1852".
pub fn full_start_line(ev: &Event, zone: Tz) -> String {
    let s = start(ev, zone);
    let point = &ev.time.start;
    if point.precision == Precision::Day && point.tolerance != 0 {
        format!("~{}", short_day_with_year(point.date))
    } else if names_no_day(point) {
        s.text
    } else {
        format!("{} {}", short_day_with_year(s.date), s.text)
    }
}

/// [`when_line`] with the start's full date, as the detail shows it.
pub fn full_when_line(ev: &Event, zone: Tz) -> String {
    let mut out = full_start_line(ev, zone);
    match until(ev, zone) {
        Some(u) => out.push_str(&format!(" → {u}")),
        None if ev.status == Status::Ongoing => out.push_str(" → ongoing"),
        None => {}
    }
    out
}

/// A one-line account of when: "Tue 2 Dec ~19:40 → Wed 3 Dec small hours"; the start
/// names its year when the end's is another ("Sun 10 Dec 1815 all day → Sat 27 Nov 1852").
pub fn when_line(ev: &Event, zone: Tz) -> String {
    let until = until(ev, zone);
    let other_year = until.is_some()
        && end(ev, zone).is_some_and(|e| e.date.year() != start(ev, zone).date.year());
    let mut out = if other_year {
        full_start_line(ev, zone)
    } else {
        start_line(ev, zone)
    };
    match until {
        Some(u) => out.push_str(&format!(" → {u}")),
        None if ev.status == Status::Ongoing => out.push_str(" → ongoing"),
        None => {}
    }
    out
}

/// A mark per status that reads without colour.
/// At most `max` characters of `text`, and how many more there are, said after `…`:
/// a 16 MiB headline is shown shortened (search still reads it whole).
pub fn shortened(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!(
                "{}… ({} more characters)",
                &text[..cut],
                thousands(more)
            ))
        }
    }
}

/// The longest title shown whole; longer ones are [`shortened`].
pub const TITLE_SHOWN: usize = 1_000;

/// The longest summary shown whole in the detail.
pub const SUMMARY_SHOWN: usize = 20_000;

/// The kind as a heading names it: "Statement", "Press conference".
pub fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting => "Meeting",
        EventKind::Session => "Session",
        EventKind::Talks => "Talks",
        EventKind::Call => "Call",
        EventKind::Statement => "Statement",
        EventKind::Briefing => "Briefing",
        EventKind::PressConference => "Press conference",
        EventKind::Interview => "Interview",
        EventKind::Visit => "Visit",
        EventKind::Summit => "Summit",
        EventKind::Announcement => "Announcement",
        EventKind::Event => "Event",
    }
}

/// Whether an event's status and kind are worth saying: a plain event that happened
/// (a birth, a death) is no "held · meeting".
pub fn says_status(ev: &Event) -> bool {
    !(ev.kind == EventKind::Event && ev.status == Status::Held)
}

/// Written before a time or a length the reports give only roughly: "~19:40".
pub const APPROX: &str = "~";

/// The mark of a side: in its colour before a side's name, and once per side present
/// in a timeline row.
pub const SIDE_MARK: &str = "■";

/// The mark of a timeline row whose event has accounts that disagree (another time,
/// place, kind, status, outcome or wording from another source).
pub const DISPUTED_MARK: &str = "≠";

/// A side's mark without colour: the first letter of its name, uppercase ("R" for
/// Russia); when another side's name starts with the same letter, the side's id in
/// capitals, at most three letters ("US" and "UA" for United States and Ukraine).
pub fn side_letter(tl: &Timeline, party: PartyIx) -> String {
    let first = |name: &str| name.chars().find(|c| c.is_alphanumeric());
    let this = tl.party(party);
    let Some(letter) = first(&this.name) else {
        return SIDE_MARK.to_string();
    };
    let shared = tl
        .parties
        .iter()
        .filter(|p| {
            first(&p.name).map(|c| c.to_lowercase().eq(letter.to_lowercase())) == Some(true)
        })
        .count()
        > 1;
    let id: String = this
        .id
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if shared && !id.is_empty() {
        id
    } else {
        letter.to_uppercase().collect()
    }
}

/// The sides with someone present at an event, in the dataset's order.
pub fn sides_present(tl: &Timeline, ev: &Event) -> Vec<PartyIx> {
    let mut sides: Vec<PartyIx> = tl
        .attendees(ev)
        .iter()
        .filter_map(|a| tl.person(a.person).party)
        .collect();
    sides.sort_by_key(|p| p.index());
    sides.dedup();
    sides
}

/// The mark of a status in lists and details.
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Held => "●",
        Status::Ongoing => "◐",
        Status::Scheduled => "○",
        Status::Expected => "◌",
        Status::Postponed => "◇",
        Status::Cancelled => "✕",
    }
}

/// Attendees grouped by side, sides in the dataset's order, people without a side last.
pub fn attendees_by_side<'a>(
    tl: &'a Timeline,
    ev: &Event,
) -> Vec<(Option<PartyIx>, Vec<&'a Attendance>)> {
    let mut groups: Vec<(Option<PartyIx>, Vec<&Attendance>)> = Vec::new();
    for a in tl.attendees(ev).iter() {
        let party = tl.person(a.person).party;
        match groups.iter_mut().find(|(p, _)| *p == party) {
            Some((_, list)) => list.push(a),
            None => groups.push((party, vec![a])),
        }
    }
    groups.sort_by_key(|(p, _)| p.map_or(u32::MAX, PartyIx::index));
    groups
}

/// "Steve Witkoff (special envoy)".
pub fn attendee(tl: &Timeline, a: &Attendance) -> String {
    let name = &tl.person(a.person).name;
    match a.role {
        Some(r) => format!("{name} ({})", tl.role(r)),
        None => name.to_string(),
    }
}

/// Name of a side, or "no side".
pub fn side_name(tl: &Timeline, party: Option<PartyIx>) -> &str {
    party.map_or("no side", |p| &tl.party(p).name)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{
        Heading, count, duration, heading, listed, row_time, start_line, thousands, told_in,
        when_line,
    };
    use crate::data::{BUNDLED, native::load_str};
    use crate::model::timeline::Timeline;

    #[test]
    fn each_kind_has_a_heading_of_its_own_keyword() {
        use crate::model::timeline::EventKind;
        for &kind in EventKind::ALL {
            let name = super::kind_name(kind);
            assert_eq!(name.to_lowercase(), kind.keyword().replace('-', " "));
            assert!(name.starts_with(|c: char| c.is_uppercase()), "{name}");
        }
    }

    /// The bundled dataset's first event alone, starting at `start` in `zone`.
    fn one_event(start: &str, zone: &str) -> Timeline {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let events = doc["events"].as_array_mut().expect("events");
        events.truncate(1);
        events[0]["time"] = serde_json::json!({ "start": start, "zone": zone });
        events[0]
            .as_object_mut()
            .expect("event")
            .remove("relations");
        load_str("one.json", &doc.to_string()).expect("valid")
    }

    /// A span into another year names the start's year too, so the start cannot be read
    /// as in the end's year; within one year neither does.
    #[test]
    fn a_span_into_another_year_names_both_years() {
        let span = |start: &str, end: &str| {
            let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
            let events = doc["events"].as_array_mut().expect("events");
            events.truncate(1);
            events[0]["time"] = serde_json::json!({ "start": start, "end": end, "zone": "UTC" });
            events[0]
                .as_object_mut()
                .expect("event")
                .remove("relations");
            load_str("span.json", &doc.to_string()).expect("valid")
        };
        let utc = chrono_tz::UTC;
        for (start, end, line) in [
            (
                "1815-12-10",
                "1852-11-27",
                "Sun 10 Dec 1815 all day → Sat 27 Nov 1852",
            ),
            (
                "2025-12-31T23:00",
                "2026-01-01T01:00",
                "Wed 31 Dec 2025 23:00 → Thu 1 Jan 2026 01:00",
            ),
            ("2025-12-04", "2025-12-06", "Thu 4 Dec all day → Sat 6 Dec"),
            ("1861", "1865", "1861 → 1865"),
        ] {
            let tl = span(start, end);
            assert_eq!(when_line(&tl.events[0], utc), line, "{start} to {end}");
        }
    }

    /// An exact span of clock times is told in hours up to a week, and beyond in the
    /// units of a date span, even past what a count of seconds in 32 bits holds.
    #[test]
    fn a_long_span_of_clock_times_is_told_in_natural_units() {
        for (start, end, length) in [
            ("2025-12-04T18:00", "2025-12-04T20:00", "2 h"),
            ("2025-12-01T09:00", "2025-12-03T12:30", "2 d 3 h 30 min"),
            ("1920-01-05T06:45:56", "1923-01-05T06:45:56", "3 years"),
            ("1835-11-30T06:00", "2000-01-01T06:00", "164 years"),
        ] {
            let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
            let events = doc["events"].as_array_mut().expect("events");
            events.truncate(1);
            events[0]["time"] = serde_json::json!({ "start": start, "end": end, "zone": "UTC" });
            events[0]
                .as_object_mut()
                .expect("event")
                .remove("relations");
            let tl = load_str("long.json", &doc.to_string()).expect("valid");
            assert_eq!(
                duration(&tl.events[0]).as_deref(),
                Some(length),
                "{start} to {end}"
            );
        }
    }

    /// A day, month or year reported in Sydney, seen from Berlin (where it began the day
    /// before) and from Sydney: listed under the day it began, named by its own date, and
    /// with no clock time made up from the zone.
    #[test]
    fn a_calendar_date_reported_elsewhere_is_listed_where_it_began() {
        let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(if m == 12 { 2023 } else { 2024 }, m, d);
        // The start, then in Berlin and in Sydney: the day listed under, the row, the line.
        for (start, berlin, sydney) in [
            (
                "2024-01",
                (day(12, 31), "Jan 2024", "January 2024"),
                (day(1, 1), "Jan 2024", "January 2024"),
            ),
            (
                "2024",
                (day(12, 31), "2024", "2024"),
                (day(1, 1), "2024", "2024"),
            ),
            (
                "2024-01-15",
                // The row names Sydney's summer time: whose 15th it is.
                (day(1, 14), "Mon 15 AEDT", "Mon 15 Jan all day"),
                (day(1, 15), "all day", "Mon 15 Jan all day"),
            ),
        ] {
            let tl = one_event(start, "Australia/Sydney");
            let ev = &tl.events[0];
            for (zone, (date, row, line)) in [
                (chrono_tz::Europe::Berlin, berlin),
                (chrono_tz::Australia::Sydney, sydney),
            ] {
                assert_eq!(Some(listed(ev, zone).date), date, "{start} in {zone}");
                assert_eq!(row_time(ev, zone), row, "{start} in {zone}");
                assert_eq!(when_line(ev, zone), line, "{start} in {zone}");
                // As in the lists of a person's or a topic's events.
                assert_eq!(start_line(ev, zone), line, "{start} in {zone}");
                // Its own header where it begins at a midnight, else that day's.
                let own = zone == chrono_tz::Australia::Sydney || start.len() == 10;
                let expected = match (own, start.len()) {
                    (true, 4) => Heading::Year(2024),
                    (true, 7) => Heading::Month(ev.time.start.date),
                    _ => Heading::Day(date.expect("a date")),
                };
                assert_eq!(heading(ev, zone), expected, "{start} in {zone}");
                // Told as Sydney's, in either zone.
                assert_eq!(
                    told_in(ev, zone),
                    chrono_tz::Australia::Sydney,
                    "{start} in {zone}"
                );
            }
        }
    }

    /// A row names the zone of a day reported elsewhere by its abbreviation (or its
    /// offset), and by the month where that would make the row too wide.
    #[test]
    fn a_row_names_the_zone_of_a_day_reported_elsewhere_when_it_fits() {
        let berlin = chrono_tz::Europe::Berlin;
        for (zone, row) in [
            ("Europe/London", None),
            ("Europe/Moscow", Some("Wed 3 MSK")),
            ("Asia/Tokyo", Some("Wed 3 JST")),
            ("Asia/Kathmandu", Some("Wed 3 +0545")),
            ("Asia/Dubai", Some("Wed 3 +04")),
            ("Australia/Sydney", Some("Wed 3 AEST")),
        ] {
            let tl = one_event("2024-07-03", zone);
            let ev = &tl.events[0];
            // London's 3 July begins on the 3rd in Berlin too: an ordinary day there.
            let expected = row.unwrap_or("all day");
            assert_eq!(row_time(ev, berlin), expected, "{zone}");
        }
        // "Sat 13 +0545" is a column too wide.
        let tl = one_event("2024-07-13", "Asia/Kathmandu");
        assert_eq!(row_time(&tl.events[0], berlin), "Sat 13 Jul");
    }

    /// A clock time is told in the zone shown, and so is a day that begins on the same
    /// day there.
    #[test]
    fn other_starts_are_told_in_the_zone_shown() {
        let berlin = chrono_tz::Europe::Berlin;
        for (start, zone) in [
            ("2024-01-15T10:00", "Australia/Sydney"),
            ("2024-01-15", "Europe/London"),
            ("2024-01", "Europe/London"),
        ] {
            let tl = one_event(start, zone);
            assert_eq!(told_in(&tl.events[0], berlin), berlin, "{start} in {zone}");
        }
    }

    #[test]
    fn numbers_read_as_a_person_writes_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_000), "12,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(count(1, "event", "events"), "1 event");
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(count(21_000, "event", "events"), "21,000 events");
    }
}
