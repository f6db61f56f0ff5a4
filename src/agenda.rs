//! The chronological agenda as plain text (`parley print`). Text from the file is
//! written as the viewer shows it ([`crate::model::text`]'s rule).

use std::io::{self, Write};

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::model::describe::{self, attendee, attendees_by_side, side_name, status_mark};
use crate::model::text::clean_line as shown;
use crate::model::time::{in_calendar, local_date, short_day_with_year, year_label, year_of};
use crate::model::timeline::{Event, Status, Timeline};

/// Which days to print, inclusive, in the display zone.
#[derive(Clone, Copy, Debug, Default)]
pub struct Days {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Days {
    fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

const INDENT: &str = "                ";

/// Writes the agenda: a heading, then the events under the headers of their years,
/// months and days (see [`describe::heading`]), each at its real precision.
pub fn write(out: &mut impl Write, tl: &Timeline, zone: Tz, days: Days) -> io::Result<()> {
    writeln!(out, "{}", shown(&tl.meta.title))?;
    // Each event with the day it is listed under.
    let shown: Vec<(&Event, NaiveDate)> = tl
        .events
        .iter()
        .map(|e| (e, describe::listed(e, zone).date))
        .filter(|&(_, day)| days.contains(day))
        .collect();
    let count = describe::count(shown.len(), "event", "events");
    match tl.meta.as_of {
        Some(as_of) => writeln!(
            out,
            "Times in {} · {count} · as of {}",
            zone.name(),
            as_of.label()
        )?,
        None => writeln!(out, "Times in {} · {count}", zone.name())?,
    }
    let mut current: Option<describe::Heading> = None;
    for (ev, _) in shown {
        let heading = describe::heading(ev, zone);
        if current != Some(heading) {
            writeln!(out)?;
            writeln!(out, "{}", heading.label())?;
            current = Some(heading);
        }
        write_event(out, tl, ev, zone)?;
    }
    Ok(())
}

fn write_event(out: &mut impl Write, tl: &Timeline, ev: &Event, zone: Tz) -> io::Result<()> {
    let status = if describe::says_status(ev) {
        format!("  [{}]", ev.status.keyword())
    } else {
        String::new()
    };
    writeln!(
        out,
        "  {:<11} {} {}{status}",
        describe::row_time(ev, zone),
        status_mark(ev.status),
        shown(&describe::shortened(ev.title(), describe::TITLE_SHOWN)),
    )?;
    let mut facts = Vec::new();
    // The row names another zone's date (see `describe::listed`): say whose.
    let told_in = describe::told_in(ev, zone);
    if told_in != zone {
        facts.push(format!("dated in {}", told_in.name()));
    }
    if let Some(p) = ev.place {
        facts.push(shown(&tl.place(p).name).into_owned());
    }
    if let Some(d) = describe::duration(ev) {
        facts.push(d);
    }
    match describe::until(ev, zone) {
        Some(u) => facts.push(format!("until {u}")),
        None if ev.status == Status::Ongoing => facts.push("ongoing".into()),
        None => {}
    }
    if !facts.is_empty() {
        writeln!(out, "{INDENT}{}", facts.join(" · "))?;
    }
    if let Some((local, line)) = describe::local_when(tl, ev, zone) {
        writeln!(out, "{INDENT}local time ({}): {line}", local.name())?;
    }
    if let Some(phrase) = ev.reported() {
        writeln!(out, "{INDENT}as reported: \"{}\"", shown(phrase))?;
    }
    for (party, people) in attendees_by_side(tl, ev) {
        let names: Vec<String> = people
            .iter()
            .map(|a| shown(&attendee(tl, a)).into_owned())
            .collect();
        writeln!(
            out,
            "{INDENT}{}: {}",
            shown(side_name(tl, party)),
            names.join(", ")
        )?;
    }
    if !ev.topics.is_empty() {
        let names: Vec<std::borrow::Cow<str>> = tl
            .event_topics(ev)
            .iter()
            .map(|t| shown(&tl.topic(*t).name))
            .collect();
        writeln!(out, "{INDENT}topics: {}", names.join(", "))?;
    }
    Ok(())
}

/// "Tue 2 Dec 2025", "Fri 15 Mar 44 BCE", "13.8 billion years ago" for summaries.
pub fn day_with_year(t: i64, zone: Tz) -> String {
    if !in_calendar(t) {
        return year_label(year_of(t, zone));
    }
    short_day_with_year(local_date(t, zone))
}
