//! iCalendar (RFC 5545): one VEVENT per event, with the VTIMEZONE blocks its times need.
//!
//! An event is written at the reported time, as a calendar user expects it: DTSTART is
//! the nominal start (`~19:40` is 19:40), DTEND the nominal end (`~5h` later); a day is
//! all-day, a month or a year a single all-day entry on its first day. DESCRIPTION says
//! exactly what is known (the bounds, the phrase as reported), and X-PARLEY-* properties
//! keep the original expressions and the bounds, for a round trip.
//!
//! Years are written with four digits, 0001 to 9999, as RFC 5545 requires: an end past
//! 9999 is written as a DURATION, and an event starting outside those years is left out
//! ([`skipped`] counts them, for a note).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::slug;

mod vtimezone;

#[cfg(doc)]
use crate::model::accounts::EventAccounts;
use crate::model::accounts::{Field, Told};
use crate::model::describe::{self, attendees_by_side, side_name};
use crate::model::disputes;
use crate::model::time::{
    EventTime, Instant, Precision, TimePoint, describe_point, describe_span, in_calendar,
    short_day, to_local, year_label, year_of,
};
use crate::model::timeline::{Event, EventIx, RelationKind, Status, Timeline};
use vtimezone::vtimezone;

/// Content lines, folded at 75 octets and ended by CRLF.
#[derive(Default)]
struct Lines {
    out: String,
}

impl Lines {
    /// Writes `line` (without its ending), folding it: continuation lines begin with a
    /// space, and a character is never split. Where it can, a fold falls between two
    /// characters that are not spaces: some readers trim the lines they unfold, and
    /// would lose a space of the content next to the fold.
    fn raw(&mut self, line: &str) {
        let mut current = String::new();
        let mut first = true;
        for c in line.chars() {
            let limit = if first { 75 } else { 74 };
            if current.len() + c.len_utf8() > limit {
                let at = fold_point(&current, c);
                let carry = current.split_off(at);
                self.out.push_str(&current);
                self.out.push_str("\r\n ");
                current = carry;
                first = false;
            }
            current.push(c);
        }
        self.out.push_str(&current);
        self.out.push_str("\r\n");
    }
}

/// Where to fold `current` when `next` does not fit: the latest point, at most a few
/// characters back, with no space on either side; else the end.
fn fold_point(current: &str, next: char) -> usize {
    let after = |k: usize| current[k..].chars().next().unwrap_or(next);
    current
        .char_indices()
        .map(|(k, _)| k)
        .chain([current.len()])
        .rev()
        .take_while(|&k| current.len() - k < 16)
        .find(|&k| k > 0 && !current[..k].ends_with(' ') && after(k) != ' ')
        .unwrap_or(current.len())
}

impl Lines {
    /// `NAME;PARAM=...:value`, the value already in its iCalendar form.
    fn prop(&mut self, name: &str, params: &[(&str, String)], value: &str) {
        let mut line = name.to_string();
        for (k, v) in params {
            let _ = write!(line, ";{k}={v}");
        }
        line.push(':');
        line.push_str(value);
        self.raw(&line);
    }

    /// A property with a TEXT value.
    fn text(&mut self, name: &str, value: &str) {
        self.prop(name, &[], &escape_text(value));
    }
}

/// TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped;
/// no control character is left.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted parameter value (RFC 5545 3.2 with RFC 6868's caret escapes): a parameter
/// cannot hold a double quote or a line break otherwise.
fn param(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-encoding for the parts of a URI.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn utc_stamp(t: Instant) -> String {
    let dt = DateTime::from_timestamp(t, 0)
        .filter(|d| (1..=9999).contains(&d.year()))
        .unwrap_or(DateTime::UNIX_EPOCH);
    dt.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An instant in UTC, when its year can be written (0001 to 9999).
fn utc_stamp_within(t: Instant) -> Option<String> {
    DateTime::from_timestamp(t, 0)
        .filter(|d| (1..=9999).contains(&d.year()))
        .map(|d| d.format("%Y%m%dT%H%M%SZ").to_string())
}

fn local_stamp(t: &NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn date_stamp(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// How an event's times are written.
enum Form {
    /// All-day: the first date and the day after the last.
    Dates(NaiveDate, NaiveDate),
    /// Instants, with the event's zone; no end for a moment.
    Times(Instant, Option<Instant>),
}

/// The end a calendar shows: the nominal end, else the middle of the end's bounds (a
/// length reported as `4h..6h` or `brief`); none when the end is open.
fn shown_end(t: &EventTime) -> Option<Instant> {
    t.nominal_end().or_else(|| {
        let hi = t.bounds.end_latest()?;
        Some(t.bounds.end_earliest / 2 + hi / 2)
    })
}

/// The event as a calendar user expects it, at the reported time: a clock time from its
/// nominal start for its nominal length; a part of the day from the part's start (to
/// its end when no length is reported); a day as all-day dates; a month or a year as a
/// single all-day entry on its first day.
fn form(ev: &Event) -> Form {
    let t = &ev.time;
    let zone = t.zone;
    let start = t.nominal_start();
    // Checked: beyond the calendar, a reading is its last day (and not written).
    let next = |d: NaiveDate| d.checked_add_days(Days::new(1)).unwrap_or(d);
    // A far year's date is its place in the 400-year cycle: its day is the instant's.
    let first = match t.start.cycles {
        0 => t.start.date,
        _ => to_local(t.bounds.start_earliest, zone).date(),
    };
    match t.start.precision {
        Precision::Year | Precision::Month => Form::Dates(first, next(first)),
        Precision::Day => {
            let after = t.nominal_end().map_or(first, |end| {
                let last = to_local(end, zone);
                if last.time() == chrono::NaiveTime::MIN {
                    last.date()
                } else {
                    next(last.date())
                }
            });
            Form::Dates(first, after.max(next(first)))
        }
        Precision::Part(part) => {
            let (from, to) = part.hours();
            let end = if t.end.is_none() && t.duration.is_none() {
                Some(start + i64::from((to - from) * 3600))
            } else {
                shown_end(t)
            };
            Form::Times(start, end.filter(|&e| e > start))
        }
        Precision::Minute | Precision::Second => {
            Form::Times(start, shown_end(t).filter(|&e| e > start))
        }
    }
}

/// What the SUMMARY adds for a year or a month: "1952", "December 2025", "1952–1960".
fn scale_label(ev: &Event) -> Option<String> {
    let label = |p: &TimePoint| match p.precision {
        Precision::Year => Some(p.date.year().to_string()),
        Precision::Month => Some(p.date.format("%B %Y").to_string()),
        _ => None,
    };
    let start = label(&ev.time.start)?;
    let about = if ev.time.start.tolerance > 0 {
        "about "
    } else {
        ""
    };
    match ev.time.end.as_ref().and_then(label) {
        Some(end) if end != start => Some(format!("{about}{start}–{end}")),
        _ => Some(format!("{about}{start}")),
    }
}

/// A date or time as an iCalendar value.
#[derive(Clone, Copy)]
enum Stamp {
    /// `VALUE=DATE`.
    Date(NaiveDate),
    /// `TZID=zone` and the local time.
    Local(Tz, NaiveDateTime),
    /// UTC, with a `Z`.
    Utc(NaiveDateTime),
}

impl Stamp {
    /// An instant with the zone's TZID, or in UTC where the zone is UTC or the local
    /// reading would name another instant (the second pass of a repeated hour).
    fn of(t: Instant, zone: Tz) -> Option<Stamp> {
        let utc = || DateTime::from_timestamp(t, 0).map(|d| Stamp::Utc(d.naive_utc()));
        if !needs_vtimezone(zone) {
            return utc();
        }
        let local = to_local(t, zone);
        let same = match zone.from_local_datetime(&local) {
            LocalResult::Single(x) => x.timestamp() == t,
            LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()) == t,
            LocalResult::None => false,
        };
        if same {
            Some(Stamp::Local(zone, local))
        } else {
            utc()
        }
    }

    /// Whether RFC 5545 can write it: a year of four digits, 0001 to 9999.
    fn valid(self) -> bool {
        let year = match self {
            Stamp::Date(d) => d.year(),
            Stamp::Local(_, t) | Stamp::Utc(t) => t.year(),
        };
        (1..=9999).contains(&year)
    }

    fn write(self, lines: &mut Lines, name: &str) {
        match self {
            Stamp::Date(d) => lines.prop(name, &[("VALUE", "DATE".into())], &date_stamp(d)),
            Stamp::Local(zone, t) => {
                lines.prop(name, &[("TZID", zone.name().to_string())], &local_stamp(&t));
            }
            Stamp::Utc(t) => lines.prop(name, &[], &t.format("%Y%m%dT%H%M%SZ").to_string()),
        }
    }
}

/// Where an event ends: DTEND, or a DURATION when the end falls past year 9999.
enum End {
    At(Stamp),
    Lasting(String),
}

/// An event's DTSTART and its end, or `None` when its start cannot be written in years
/// 0001 to 9999 (the event is then left out of the calendar, with a note).
fn when_written(ev: &Event) -> Option<(Stamp, Option<End>)> {
    match form(ev) {
        Form::Dates(first, after) => {
            let start = Stamp::Date(first);
            let end = Stamp::Date(after);
            if !start.valid() {
                return None;
            }
            let end = if end.valid() {
                End::At(end)
            } else {
                let b = &ev.time.bounds;
                let last = b.end_latest().unwrap_or(b.start_latest);
                // An end beyond the calendar has no day of its own: counted in instants.
                let days = if in_calendar(last) {
                    (after - first).num_days()
                } else {
                    (last - b.start_earliest + 86_399).div_euclid(86_400)
                };
                End::Lasting(format!("P{days}D"))
            };
            Some((start, Some(end)))
        }
        Form::Times(start, end) => {
            let zone = ev.time.zone;
            let first = Stamp::of(start, zone).filter(|s| s.valid())?;
            let end = end.filter(|&e| e > start).map(|e| {
                match Stamp::of(e, zone).filter(|s| s.valid()) {
                    Some(stamp) => End::At(stamp),
                    None => End::Lasting(format!("PT{}S", e - start)),
                }
            });
            Some((first, end))
        }
    }
}

/// How many events the calendar leaves out: their start falls outside years 0001 to
/// 9999, which iCalendar cannot write.
pub fn skipped(tl: &Timeline) -> usize {
    tl.events
        .iter()
        .filter(|ev| when_written(ev).is_none())
        .count()
}

/// Whether a time written in this zone needs a VTIMEZONE.
fn needs_vtimezone(zone: Tz) -> bool {
    !(zone == Tz::UTC || zone == Tz::Etc__UTC)
}

/// RFC 5545's STATUS for an event's status.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Held | Status::Ongoing => "CONFIRMED",
        Status::Scheduled | Status::Expected | Status::Postponed => "TENTATIVE",
        Status::Cancelled => "CANCELLED",
    }
}

/// RFC 5545's ROLE for the part someone played: the host or the head of a delegation
/// chairs; everyone else takes part.
pub fn role(played: &str) -> &'static str {
    let played = played.to_lowercase();
    if ["host", "chair", "head of"]
        .iter()
        .any(|w| played.contains(w))
    {
        "CHAIR"
    } else {
        "REQ-PARTICIPANT"
    }
}

/// RFC 9253's RELTYPE for a relation, read from the event that holds it: one that
/// follows or continues another starts after it finishes; one that precedes another has
/// it as the next in the series; a briefing or a response depends on what it is about.
pub fn reltype(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Follows | RelationKind::Continues => "FINISHTOSTART",
        RelationKind::Precedes => "NEXT",
        RelationKind::BriefsOn | RelationKind::Responds => "DEPENDS-ON",
    }
}

/// The ORGANIZER of an event with attendees: its host, when a participant's part says
/// so; else the dataset that records the event (its title and a `urn:x-parley:dataset:`
/// address). Nothing is invented: no e-mail address, no person the data does not name.
fn organizer(tl: &Timeline, ev: &Event) -> Option<(String, String)> {
    let attendees = tl.attendees(ev);
    if attendees.is_empty() {
        return None;
    }
    let host = attendees.iter().find(|a| {
        a.role
            .is_some_and(|r| tl.role(r).to_lowercase().contains("host"))
    });
    Some(match host {
        Some(a) => {
            let person = tl.person(a.person);
            (
                person.name.to_string(),
                format!("urn:x-parley:participant:{}", percent(person.id)),
            )
        }
        None => (
            tl.meta.title.to_string(),
            format!("urn:x-parley:dataset:{}", percent(&dataset_slug(tl))),
        ),
    })
}

/// "Tue 2 Dec 2025 19:25".
fn moment(t: Instant, zone: Tz) -> String {
    if !in_calendar(t) {
        return year_label(year_of(t, zone));
    }
    let l = to_local(t, zone);
    format!("{} {} {}", short_day(l.date()), l.year(), l.format("%H:%M"))
}

/// "at X" or "between X and Y" (Y without its date when on the same day).
fn range(lo: Instant, hi: Instant, zone: Tz) -> String {
    if lo == hi {
        return format!("at {}", moment(lo, zone));
    }
    let (a, b) = (to_local(lo, zone), to_local(hi, zone));
    let until = if a.date() == b.date() {
        b.format("%H:%M").to_string()
    } else {
        moment(hi, zone)
    };
    format!("between {} and {until}", moment(lo, zone))
}

/// What is known of the time, in words: the bounds and the report.
fn when(ev: &Event) -> String {
    let t = &ev.time;
    let b = &t.bounds;
    let mut out = format!(
        "Start {} ({})",
        range(b.start_earliest, b.start_latest, t.zone),
        t.zone.name()
    );
    match b.end_latest() {
        Some(hi) => out.push_str(&format!("; end {}", range(b.end_earliest, hi, t.zone))),
        None if ev.status == Status::Ongoing => out.push_str("; still going on"),
        None => out.push_str("; end not reported"),
    }
    out.push('.');
    let mut reported = vec![format!("start {}", describe_point(&t.start))];
    if let Some(e) = &t.end {
        reported.push(format!("end {}", describe_point(e)));
    }
    if let Some(d) = &t.duration {
        reported.push(format!("duration {}", describe_span(d)));
    }
    out.push_str(&format!("\nAs recorded: {}.", reported.join(", ")));
    if let Some(phrase) = ev.reported() {
        out.push_str(&format!("\nAs reported: “{phrase}”"));
    }
    out
}

fn description(tl: &Timeline, ix: EventIx, ev: &Event) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !ev.summary().is_empty() {
        parts.push(ev.summary().to_string());
    }
    parts.push(when(ev));
    let mut facts = Vec::new();
    if describe::says_status(ev) {
        facts.push(format!(
            "Status: {} ({})",
            ev.status.keyword(),
            ev.kind.keyword()
        ));
    }
    if let Some(d) = describe::duration(ev) {
        facts.push(format!("Length: {d}"));
    }
    if !facts.is_empty() {
        parts.push(facts.join("\n"));
    }
    let sides = attendees_by_side(tl, ev);
    if !sides.is_empty() {
        let mut s = String::from("Participants");
        for (party, people) in sides {
            let names: Vec<String> = people.iter().map(|a| describe::attendee(tl, a)).collect();
            s.push_str(&format!("\n{}: {}", side_name(tl, party), names.join(", ")));
        }
        parts.push(s);
    }
    if ev.has_outcomes() {
        let mut s = String::from("Outcomes");
        for o in ev.outcomes() {
            s.push_str(&format!("\n- {o}"));
        }
        parts.push(s);
    }
    if !ev.claims.is_empty() {
        let mut s = String::from("Claims");
        for c in tl.claims(ev).iter() {
            let speaker = c.person.map_or(ev.speaker(c), |p| tl.person(p).name);
            let side = c
                .party
                .map(|p| format!(" ({})", tl.party(p).name))
                .unwrap_or_default();
            s.push_str(&format!(
                "\n- {speaker}{side}: {} [{}]",
                ev.said(c),
                tl.source(c.source).name
            ));
        }
        parts.push(s);
    }
    let mut related: Vec<String> = tl
        .relations(ev)
        .iter()
        .map(|r| format!("{}: {}", r.kind.label(), tl.event(r.target).title()))
        .collect();
    if let Some(ix) = tl.event_by_id(ev.id()) {
        related.extend(
            tl.related_to(ix)
                .into_iter()
                .map(|(k, e)| format!("{}: {}", k.inverse_label(), tl.event(e).title())),
        );
    }
    if !related.is_empty() {
        parts.push(format!("Related\n{}", related.join("\n")));
    }
    if !ev.sources.is_empty() {
        let mut s = String::from("Sources");
        for src in tl.event_sources(ev).iter().map(|x| tl.source(*x)) {
            s.push_str(&format!("\n- {} ({})", src.name, src.kind.label()));
            if let Some(d) = src.published.map(|p| p.date) {
                s.push_str(&format!(", {}", d.format("%Y-%m-%d")));
            }
            if let Some(u) = &src.url {
                s.push_str(&format!(", {u}"));
            }
        }
        parts.push(s);
    }
    if let Some(acc) = tl.accounts_of(ix)
        && !(acc.accounts.is_empty() && acc.status_history.is_empty())
    {
        let mut s = String::from("Other accounts");
        if let Some(line) = disputes::history_line(tl, &acc.status_history) {
            s.push_str(&format!("\n- {line}"));
        }
        let own = tl.event(ix);
        for field in [Field::Time, Field::Place, Field::Kind, Field::Status] {
            if acc.preferred(field).is_some() {
                s.push_str(&format!(
                    "\n- {}: {} — the dataset's own account",
                    field.keyword(),
                    own_part(tl, own, field)
                ));
            }
        }
        for a in &acc.accounts {
            s.push_str(&format!("\n- {}", disputes::account_line(tl, own, acc, a)));
        }
        parts.push(s);
    }
    parts.join("\n\n")
}

/// The event's own account of `field`, in words.
fn own_part(tl: &Timeline, ev: &Event, field: Field) -> String {
    match field {
        Field::Time => describe::when_line(ev, tl.local_zone(ev)),
        Field::Place => ev
            .place
            .map_or_else(String::new, |p| tl.place(p).name.to_string()),
        Field::Kind => describe::kind_name(ev.kind).to_lowercase(),
        _ => ev.status.keyword().to_string(),
    }
}

/// The event as its preferred accounts give it (see [`EventAccounts::preferred`]): the
/// calendar writes the preferred time, place, kind and status.
fn preferred<'a>(tl: &Timeline, ix: EventIx, ev: &'a Event) -> Cow<'a, Event> {
    let Some(acc) = tl.accounts_of(ix) else {
        return Cow::Borrowed(ev);
    };
    let mut out = Cow::Borrowed(ev);
    for field in [Field::Time, Field::Place, Field::Kind, Field::Status] {
        match acc.preferred(field).map(|a| &a.told) {
            Some(Told::Time(t)) => out.to_mut().time = t.clone(),
            Some(Told::Place(p)) => out.to_mut().place = Some(*p),
            Some(Told::Kind(k)) => out.to_mut().kind = *k,
            Some(Told::Status(s)) => out.to_mut().status = *s,
            _ => {}
        }
    }
    out
}

/// The identifier of an event, stable from one export to the next.
pub fn uid(tl: &Timeline, ev: &Event) -> String {
    format!("{}.{}@parley", ev.id(), dataset_slug(tl))
}

/// The dataset's title as a slug, `dataset` when it has none.
fn dataset_slug(tl: &Timeline) -> String {
    match slug(&tl.meta.title) {
        s if s.is_empty() => "dataset".to_string(),
        s => s,
    }
}

fn vevent(lines: &mut Lines, tl: &Timeline, ix: EventIx, ev: &Event, stamp: Instant) {
    let Some((start, end)) = when_written(ev) else {
        return;
    };
    lines.raw("BEGIN:VEVENT");
    lines.text("UID", &uid(tl, ev));
    lines.prop("DTSTAMP", &[], &utc_stamp(stamp));
    start.write(lines, "DTSTART");
    match end {
        Some(End::At(end)) => end.write(lines, "DTEND"),
        Some(End::Lasting(d)) => lines.prop("DURATION", &[], &d),
        None => {}
    }
    match scale_label(ev) {
        Some(label) => lines.text("SUMMARY", &format!("{} ({label})", ev.title())),
        None => lines.text("SUMMARY", ev.title()),
    }
    lines.prop("STATUS", &[], status(ev.status));
    if let Some(p) = ev.place {
        lines.text("LOCATION", &tl.place(p).name);
    }
    if !ev.topics.is_empty() {
        let names: Vec<String> = tl
            .event_topics(ev)
            .iter()
            .map(|t| escape_text(&tl.topic(*t).name))
            .collect();
        lines.prop("CATEGORIES", &[], &names.join(","));
    }
    if let Some((name, address)) = organizer(tl, ev) {
        lines.prop("ORGANIZER", &[("CN", param(&name))], &address);
    }
    for a in tl.attendees(ev).iter() {
        let person = tl.person(a.person);
        let played = a.role.map(|r| tl.role(r)).unwrap_or("");
        let mut params = vec![
            ("CN", param(person.name)),
            ("CUTYPE", "INDIVIDUAL".into()),
            ("ROLE", role(played).into()),
        ];
        if !played.is_empty() {
            params.push(("X-PARLEY-ROLE", param(played)));
        }
        if let Some(p) = person.party {
            params.push(("X-PARLEY-SIDE", param(&tl.party(p).name)));
        }
        let address = format!("urn:x-parley:participant:{}", percent(person.id));
        lines.prop("ATTENDEE", &params, &address);
    }
    lines.text("DESCRIPTION", &description(tl, ix, ev));
    lines.text("X-PARLEY-START", &describe_point(&ev.time.start));
    if let Some(e) = &ev.time.end {
        lines.text("X-PARLEY-END", &describe_point(e));
    }
    if let Some(d) = &ev.time.duration {
        lines.text("X-PARLEY-DURATION", &describe_span(d));
    }
    if let Some(r) = ev.reported() {
        lines.text("X-PARLEY-REPORTED", r);
    }
    let b = &ev.time.bounds;
    let bounds = [
        ("X-PARLEY-START-EARLIEST", Some(b.start_earliest)),
        ("X-PARLEY-START-LATEST", Some(b.start_latest)),
        (
            "X-PARLEY-END-EARLIEST",
            b.end_latest().map(|_| b.end_earliest),
        ),
        ("X-PARLEY-END-LATEST", b.end_latest()),
    ];
    for (name, t) in bounds {
        if let Some(stamp) = t.and_then(utc_stamp_within) {
            lines.prop(name, &[("VALUE", "DATE-TIME".into())], &stamp);
        }
    }
    for r in tl.relations(ev).iter() {
        let params = [
            ("RELTYPE", reltype(r.kind).to_string()),
            ("X-PARLEY-RELATION", param(r.kind.keyword())),
        ];
        let target = uid(tl, tl.event(r.target));
        lines.prop("RELATED-TO", &params, &escape_text(&target));
    }
    lines.raw("END:VEVENT");
}

/// The calendar; `stamp` is when it was made (DTSTAMP).
pub fn write(tl: &Timeline, stamp: Instant) -> String {
    let shown = super::shown::shown(tl);
    let tl = &*shown;
    let mut lines = Lines::default();
    lines.raw("BEGIN:VCALENDAR");
    lines.raw("VERSION:2.0");
    lines.raw(concat!(
        "PRODID:-//parley//parley-tui ",
        env!("CARGO_PKG_VERSION"),
        "//EN"
    ));
    lines.raw("CALSCALE:GREGORIAN");
    lines.text("X-WR-CALNAME", &tl.meta.title);
    let as_of = tl.meta.as_of.map(|a| format!("As of {}.", a.label()));
    let caldesc = match (tl.meta.description.is_empty(), &as_of) {
        (true, None) => None,
        (true, Some(a)) => Some(a.clone()),
        (false, None) => Some(tl.meta.description.to_string()),
        (false, Some(a)) => Some(format!("{}\n{a}", tl.meta.description)),
    };
    if let Some(caldesc) = caldesc {
        lines.text("X-WR-CALDESC", &caldesc);
    }
    // The expression as written, for a reader that wants the as-of back.
    if let Some(a) = tl.meta.as_of {
        lines.text("X-PARLEY-AS-OF", &describe_point(&a.point));
    }
    // The years each zone is used in, for its VTIMEZONE.
    let mut zones: BTreeMap<&str, (Tz, BTreeSet<i32>)> = BTreeMap::new();
    let events: Vec<(EventIx, Cow<Event>)> = tl
        .events
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let ix = EventIx::new(k as u32);
            (ix, preferred(tl, ix, e))
        })
        .collect();
    for (_, ev) in &events {
        let Some((_, end)) = when_written(ev) else {
            continue;
        };
        if let Form::Times(start, until) = form(ev)
            && needs_vtimezone(ev.time.zone)
        {
            let (_, years) = zones
                .entry(ev.time.zone.name())
                .or_insert_with(|| (ev.time.zone, BTreeSet::new()));
            // An end written as a DURATION names no year.
            let until = until.filter(|_| matches!(end, Some(End::At(_))));
            for t in [Some(start), until].into_iter().flatten() {
                let year = to_local(t, ev.time.zone).year();
                if (1..=9999).contains(&year) {
                    years.insert(year);
                }
            }
        }
    }
    for (zone, years) in zones.values() {
        vtimezone(&mut lines, *zone, years);
    }
    for (ix, ev) in &events {
        vevent(&mut lines, tl, *ix, ev, stamp);
    }
    lines.raw("END:VCALENDAR");
    lines.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a\\b;c,d\ne\u{1b}f"), "a\\\\b\\;c\\,d\\nef");
        assert_eq!(param("Jo \"the\" ^ man"), "\"Jo ^'the^' ^^ man\"");
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut lines = Lines::default();
        let value = "é".repeat(100);
        lines.text("SUMMARY", &value);
        for line in lines.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = lines.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }

    #[test]
    fn folds_fall_between_non_spaces() {
        for n in 60..80 {
            let mut lines = Lines::default();
            let value = format!("{} and then some words after it", "x".repeat(n));
            lines.text("DESCRIPTION", &value);
            for line in lines.out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(line.len() <= 75, "{line}");
                assert!(!line.starts_with("  "), "{n}: {:?}", lines.out);
                assert!(!line.ends_with(' '), "{n}: {:?}", lines.out);
            }
            let unfolded = lines.out.replace("\r\n ", "");
            assert_eq!(unfolded, format!("DESCRIPTION:{value}\r\n"));
        }
    }

    #[test]
    fn roles() {
        assert_eq!(role("host"), "CHAIR");
        assert_eq!(role("Head of delegation"), "CHAIR");
        assert_eq!(role("senior adviser"), "REQ-PARTICIPANT");
    }
}
