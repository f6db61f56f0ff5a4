//! The chronological agenda as plain text (`parley print`). Text from the file is
//! written as the viewer shows it ([`crate::model::text`]'s rule).

use std::io::{self, Write};

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::app::document::{drawn_width, wrap_plain};
use crate::model::describe::{self, attendee, attendees_by_side, side_name, status_mark};
use crate::model::disputes;
use crate::model::text::clean_line as shown;
use crate::model::time::{in_calendar, local_date, short_day_with_year, year_label, year_of};
use crate::model::timeline::{Event, EventIx, Status, Timeline};

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

/// Columns of the detail lines' indent, which is also where an event's title starts.
const INDENT: usize = 16;

/// The agenda's lines, each wrapped at `width` columns when there is one.
struct Lines<'a, W: Write> {
    out: &'a mut W,
    width: Option<usize>,
}

impl<W: Write> Lines<'_, W> {
    /// Writes `text` after `lead` spaces; its continuation lines start `hang` columns in,
    /// under the text they continue.
    fn line(&mut self, lead: usize, hang: usize, text: &str) -> io::Result<()> {
        let Some(width) = self.width else {
            return writeln!(self.out, "{:lead$}{text}", "");
        };
        // On a narrow line the indents give way to the text.
        let lead = lead.min(width / 2);
        for l in wrap_plain(&format!("{:lead$}{text}", ""), width, hang) {
            writeln!(self.out, "{l}")?;
        }
        Ok(())
    }

    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }
}

/// Writes the agenda: a heading, then the events under the headers of their years,
/// months and days (see [`describe::heading`]), each at its real precision.
pub fn write(out: &mut impl Write, tl: &Timeline, zone: Tz, days: Days) -> io::Result<()> {
    write_wrapped(out, tl, zone, days, None)
}

/// [`write()`], with lines longer than `width` columns (as drawn) wrapped between words:
/// a word or URL is cut only when it is wider than a line, and a continuation line
/// starts under the text it continues.
pub fn write_wrapped(
    out: &mut impl Write,
    tl: &Timeline,
    zone: Tz,
    days: Days,
    width: Option<usize>,
) -> io::Result<()> {
    let out = &mut Lines { out, width };
    out.line(0, 0, &shown(&tl.meta.title))?;
    // Each event with the day it is listed under.
    let listed: Vec<(EventIx, &Event, NaiveDate)> = tl
        .events
        .iter()
        .enumerate()
        .map(|(k, e)| (EventIx::new(k as u32), e, describe::listed(e, zone).date))
        .filter(|&(_, _, day)| days.contains(day))
        .collect();
    let count = describe::count(listed.len(), "event", "events");
    match tl.meta.as_of {
        Some(as_of) => out.line(
            0,
            0,
            &format!(
                "Times in {} · {count} · as of {}",
                zone.name(),
                as_of.label()
            ),
        )?,
        None => out.line(0, 0, &format!("Times in {} · {count}", zone.name()))?,
    }
    let mut current: Option<describe::Heading> = None;
    for (ix, ev, _) in listed {
        let heading = describe::heading(ev, zone);
        if current != Some(heading) {
            out.blank()?;
            out.line(0, 0, &heading.label())?;
            current = Some(heading);
        }
        write_event(out, tl, ev, zone)?;
        for line in disputes::lines(tl, ix) {
            out.line(INDENT, INDENT, &shown(&line))?;
        }
    }
    Ok(())
}

fn write_event<W: Write>(
    out: &mut Lines<'_, W>,
    tl: &Timeline,
    ev: &Event,
    zone: Tz,
) -> io::Result<()> {
    let status = if describe::says_status(ev) {
        format!("  [{}]", ev.status.keyword())
    } else {
        String::new()
    };
    let at = format!(
        "{:<11} {} ",
        describe::row_time(ev, zone),
        status_mark(ev.status)
    );
    let title = describe::shortened(ev.title(), describe::TITLE_SHOWN);
    let title = shown(&title);
    out.line(2, 2 + drawn_width(&at), &format!("{at}{title}{status}"))?;
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
        out.line(INDENT, INDENT, &facts.join(" · "))?;
    }
    if let Some((local, line)) = describe::local_when(tl, ev, zone) {
        out.line(
            INDENT,
            INDENT,
            &format!("local time ({}): {line}", local.name()),
        )?;
    }
    if let Some(phrase) = ev.reported() {
        out.line(
            INDENT,
            INDENT,
            &format!("as reported: \"{}\"", shown(phrase)),
        )?;
    }
    for (party, people) in attendees_by_side(tl, ev) {
        let names: Vec<String> = people
            .iter()
            .map(|a| shown(&attendee(tl, a)).into_owned())
            .collect();
        let side = shown(side_name(tl, party));
        out.line(INDENT, INDENT, &format!("{side}: {}", names.join(", ")))?;
    }
    if !ev.topics.is_empty() {
        let names: Vec<std::borrow::Cow<str>> = tl
            .event_topics(ev)
            .iter()
            .map(|t| shown(&tl.topic(*t).name))
            .collect();
        out.line(INDENT, INDENT, &format!("topics: {}", names.join(", ")))?;
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
