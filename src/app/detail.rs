//! What the detail pane says about a meeting, a person, a topic or a place.

use chrono::Datelike;
use chrono_tz::Tz;

use super::App;
use super::document::{Document, Para, Tag, Target};
use crate::model::describe::{self, attendees_by_side, side_name, status_mark};
use crate::model::knowledge;
use crate::model::link::web_address;
use crate::model::time::Instant;
use crate::model::timeline::{Encounter, EventIx, PersonIx, PlaceIx, Timeline, TopicIx};

/// Lists of events in a detail stop here; the rest is counted.
const LIST_LIMIT: usize = 200;
/// Width of the labels in front of a meeting's facts ("When", "Where").
const LABEL: usize = 9;

/// What a detail document is made from: its subject, the zone, the width, (for the
/// message shown without a subject) the view and whether filters are on, and the
/// knowledge cursor.
type Inputs = (
    Option<Target>,
    chrono_tz::Tz,
    u16,
    super::View,
    bool,
    Option<Instant>,
);

fn inputs(app: &App, width: u16) -> Inputs {
    (
        app.subject(),
        app.zone(),
        width,
        app.nav.view,
        app.filters.active.is_empty(),
        app.known_at,
    )
}

/// A detail document kept from the last change: drawing again, scrolling and moving
/// between links do not build it again (a person with thousands of meetings takes
/// milliseconds to describe).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptDocument {
    made_from: Inputs,
    doc: Document,
}

impl KeptDocument {
    pub fn new(app: &App, width: u16) -> KeptDocument {
        KeptDocument {
            made_from: inputs(app, width),
            doc: build(app, width),
        }
    }

    /// How many lines it has, if made from what the app shows now (at any width).
    pub fn len_for(&self, app: &App) -> Option<usize> {
        self.fits(app, self.made_from.2).then(|| self.doc.len())
    }

    /// Whether it was made from what the app shows now, at this width.
    pub fn fits(&self, app: &App, width: u16) -> bool {
        self.made_from == inputs(app, width)
    }
}

/// The detail pane's document: the kept one when it fits, else built now.
pub fn document(app: &App, width: u16) -> std::borrow::Cow<'_, Document> {
    match &app.nav.detail_doc {
        Some(kept) if kept.fits(app, width) => std::borrow::Cow::Borrowed(&kept.doc),
        _ => std::borrow::Cow::Owned(build(app, width)),
    }
}

/// The document for the current subject, wrapped to `width` columns.
fn build(app: &App, width: u16) -> Document {
    let mut doc = Document::new(width);
    match app.subject() {
        Some(Target::Event(e)) => event(&mut doc, &app.timeline, app.zone(), e, app.known_at),
        Some(Target::Person(p)) => person(&mut doc, &app.timeline, app.zone(), p),
        Some(Target::Topic(t)) => topic(&mut doc, &app.timeline, app.zone(), t),
        Some(Target::Place(p)) => place(&mut doc, &app.timeline, app.zone(), p),
        Some(Target::Web(_)) | None => {
            let msg = if app.nav.view == super::View::Timeline && !app.filters.active.is_empty() {
                "No event passes the filters. Esc clears them."
            } else {
                "Nothing to show."
            };
            doc.para(0, Para::new().text(msg, Tag::Dim));
        }
    }
    doc
}

/// "New York" for America/New_York, "UTC" for UTC.
pub fn zone_city(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

fn labelled(doc: &mut Document, label: &str, para: Para) {
    let head = Para::new().text(format!("{label:<LABEL$}"), Tag::Label);
    doc.para(LABEL, head.then(para));
}

/// "● Tue 2 Dec ~11:40" for lists of events; "● Wed 3 Jan all day (Sydney)" for a day
/// told in its own zone (see [`describe::told_in`]), which explains why it stands among
/// the 2nd's events in Berlin.
fn event_line(tl: &Timeline, zone: Tz, e: EventIx) -> Para {
    let ev = tl.event(e);
    let told_in = describe::told_in(ev, zone);
    let its_zone = if told_in == zone {
        String::new()
    } else {
        format!(" ({})", zone_city(told_in))
    };
    Para::new()
        .text(
            format!("  {} ", status_mark(ev.status)),
            Tag::Status(ev.status),
        )
        .text(
            format!("{}{its_zone}  ", describe::start_line(ev, zone)),
            Tag::Dim,
        )
        .link(ev.title().to_string(), Target::Event(e))
}

fn event_list(
    doc: &mut Document,
    tl: &Timeline,
    zone: Tz,
    events: impl ExactSizeIterator<Item = EventIx>,
) {
    let total = events.len();
    for e in events.take(LIST_LIMIT) {
        doc.para(4, event_line(tl, zone, e));
    }
    if total > LIST_LIMIT {
        doc.para(
            2,
            Para::new().text(format!("  … and {} more", total - LIST_LIMIT), Tag::Dim),
        );
    }
}

/// Event `e`; with a knowledge cursor `known`, its status and claims as known then.
fn event(doc: &mut Document, tl: &Timeline, zone: Tz, e: EventIx, known: Option<Instant>) {
    let ev = tl.event(e);
    let status = known.map_or(ev.status, |at| knowledge::status_at(tl, e, at));
    doc.para(
        0,
        Para::new().text(
            describe::shortened(ev.title(), describe::TITLE_SHOWN).into_owned(),
            Tag::Title,
        ),
    );
    if describe::says_status(ev) {
        doc.para(
            0,
            Para::new()
                .text(
                    format!("{} {}", status_mark(status), status.keyword()),
                    Tag::Status(status),
                )
                .text(format!(" · {}", ev.kind.keyword()), Tag::Dim)
                .text(
                    if known.is_some() {
                        " · as reported by then"
                    } else {
                        ""
                    },
                    Tag::Dim,
                ),
        );
    }
    doc.blank();
    labelled(
        doc,
        "When",
        Para::new()
            .text(describe::full_when_line(ev, zone), Tag::Plain)
            .text(
                format!("  {}", zone_city(describe::told_in(ev, zone))),
                Tag::Dim,
            ),
    );
    if let Some((_, local)) = describe::local_when(tl, ev, zone) {
        doc.para(
            LABEL,
            Para::new()
                .text(" ".repeat(LABEL), Tag::Plain)
                .text(local, Tag::Plain)
                // A no-break space: the label wraps as one word.
                .text("  local\u{a0}time", Tag::Dim),
        );
    }
    if let Some(r) = ev.reported() {
        doc.para(
            LABEL,
            Para::new()
                .text(" ".repeat(LABEL), Tag::Plain)
                .text(format!("as reported: “{r}”"), Tag::Quote),
        );
    }
    if let Some(d) = describe::duration(ev) {
        labelled(doc, "Length", Para::new().text(d, Tag::Plain));
    }
    if let Some(p) = ev.place {
        let place = tl.place(p);
        labelled(
            doc,
            "Where",
            Para::new()
                .link(place.name.to_string(), Target::Place(p))
                .text(format!("  ({})", place.zone.name()), Tag::Dim),
        );
    }
    super::disputed::section(doc, tl, e, known);
    if !ev.attendees.is_empty() {
        doc.heading("Participants");
        for (side, people) in attendees_by_side(tl, ev) {
            doc.para(
                2,
                Para::new().text(format!("■ {}", side_name(tl, side)), Tag::Side(side)),
            );
            for a in people {
                let mut p = Para::new().text("    ", Tag::Plain).link(
                    tl.person(a.person).name.to_string(),
                    Target::Person(a.person),
                );
                if let Some(r) = a.role {
                    p = p.text(format!(" · {}", tl.role(r)), Tag::Dim);
                }
                doc.para(6, p);
            }
        }
    }
    if !ev.topics.is_empty() {
        doc.heading("Topics");
        let mut p = Para::new().text("  ", Tag::Plain);
        for (i, t) in tl.event_topics(ev).iter().enumerate() {
            if i > 0 {
                p = p.text(" · ", Tag::Dim);
            }
            p = p.link(tl.topic(*t).name.to_string(), Target::Topic(*t));
        }
        doc.para(2, p);
    }
    if !ev.summary().is_empty() {
        doc.heading("Summary");
        doc.text_block(
            2,
            &describe::shortened(ev.summary(), describe::SUMMARY_SHOWN),
            Tag::Plain,
        );
    }
    if ev.has_outcomes() {
        doc.heading("Outcomes");
        for o in ev.outcomes() {
            doc.para(4, Para::new().text(format!("  • {o}"), Tag::Plain));
        }
    }
    // With a cursor, only the claims whose source was out by then.
    let said = |c: &crate::model::timeline::Claim| {
        known.is_none_or(|at| knowledge::claim_known(tl, c, at))
    };
    let later = tl.claims(ev).iter().filter(|c| !said(c)).count();
    if tl.claims(ev).iter().any(said) || later > 0 {
        doc.heading("Claims");
        for (j, c) in tl.claims(ev).iter().enumerate() {
            if !said(c) {
                continue;
            }
            doc.para(
                3,
                Para::new().text(format!("  “{}”", ev.said(c)), Tag::Quote),
            );
            let mut p = Para::new().text("    — ", Tag::Dim);
            match c.person {
                Some(person) => {
                    p = p.link(tl.person(person).name.to_string(), Target::Person(person))
                }
                None => p = p.text(ev.speaker(c).to_string(), Tag::Plain),
            }
            if let Some(side) = c.party {
                p = p
                    .text(" · ", Tag::Dim)
                    .text(tl.party(side).name.to_string(), Tag::Side(Some(side)));
            }
            let src = tl.source(c.source);
            p = p.text(
                format!(" · per {} ({})", src.name, src.kind.label()),
                Tag::Dim,
            );
            doc.para(6, p);
            // The claims of the event this one contradicts, in their words.
            let links = tl.accounts_of(e).and_then(|a| a.claim(j as u32));
            for &k in links.map_or(&[][..], |l| &l.contradicts[..]) {
                if let Some(other) = tl.claims(ev).get(k as usize) {
                    doc.para(
                        6,
                        Para::new()
                            .text("    ≠ contradicts ", Tag::Dim)
                            .text(format!("“{}”", ev.said(other)), Tag::Quote),
                    );
                }
            }
        }
        if later > 0 {
            doc.para(
                2,
                Para::new().text(
                    format!(
                        "  {} published later",
                        describe::count(later, "more claim", "more claims")
                    ),
                    Tag::Dim,
                ),
            );
        }
    }
    let incoming = tl.related_to(e);
    if !ev.relations.is_empty() || !incoming.is_empty() {
        doc.heading("Related");
        for r in tl.relations(ev).iter() {
            doc.para(
                4,
                Para::new()
                    .text(format!("  {} ", r.kind.label()), Tag::Dim)
                    .link(
                        tl.event(r.target).title().to_string(),
                        Target::Event(r.target),
                    ),
            );
        }
        for (kind, from) in incoming {
            doc.para(
                4,
                Para::new()
                    .text(format!("  {} ", kind.inverse_label()), Tag::Dim)
                    .link(tl.event(from).title().to_string(), Target::Event(from)),
            );
        }
    }
    if !ev.sources.is_empty() {
        doc.heading("Sources");
        for s in tl.event_sources(ev).iter() {
            let src = tl.source(*s);
            let mut text = format!("  • {} · {}", src.name, src.kind.label());
            if let Some(published) = src.published {
                let d = published.date;
                let year = crate::model::time::year_label(i64::from(d.year()));
                text.push_str(&format!(" · {} {year}", d.format("%-d %b")));
                // A moment, as the source gives it: when it said it, to the minute.
                if let Some(clock) = published.clock() {
                    text.push_str(&format!(" {clock}"));
                }
            }
            doc.para(4, Para::new().text(text, Tag::Dim));
            // The address on a line of its own, so that it is never cut in two; one
            // that is not a well-formed web address is only text.
            if let Some(u) = &src.url {
                let line = Para::new().text("    ", Tag::Plain);
                let line = match web_address(u) {
                    Some(address) => {
                        let target = doc.web(address);
                        line.link(u.to_string(), target)
                    }
                    None => line.text(u.to_string(), Tag::Dim),
                };
                doc.para(4, line);
            }
        }
    }
}

fn person(doc: &mut Document, tl: &Timeline, zone: Tz, p: PersonIx) {
    let person = tl.person(p);
    doc.para(0, Para::new().text(person.name.to_string(), Tag::Title));
    if !person.role.is_empty() {
        doc.para(0, Para::new().text(person.role.to_string(), Tag::Plain));
    }
    doc.para(
        0,
        Para::new().text(
            format!("■ {}", side_name(tl, person.party)),
            Tag::Side(person.party),
        ),
    );
    if !person.note.is_empty() {
        doc.text_block(0, person.note, Tag::Dim);
    }
    let count = tl.events_of(p).len();
    doc.heading(&format!("Meetings ({count})"));
    if count == 0 {
        doc.para(2, Para::new().text("  none in this dataset", Tag::Dim));
    }
    let total = count;
    for e in tl.events_of(p).take(LIST_LIMIT) {
        let mut line = event_line(tl, zone, e);
        if let Some(role) = tl
            .attendees(tl.event(e))
            .iter()
            .find(|a| a.person == p)
            .and_then(|a| a.role)
        {
            line = line.text(format!(" · as {}", tl.role(role)), Tag::Dim);
        }
        doc.para(4, line);
    }
    if total > LIST_LIMIT {
        doc.para(
            2,
            Para::new().text(format!("  … and {} more", total - LIST_LIMIT), Tag::Dim),
        );
    }
    let met = tl.met(p);
    // Only events held count as meetings; those still to come are listed apart.
    type Count = fn(&Encounter) -> usize;
    let lists: [(&str, Count); 2] = [
        ("Met with", |m| m.times),
        ("Still to meet (not held yet)", |m| m.to_come),
    ];
    for (heading, count) in lists {
        let mut with: Vec<(&Encounter, usize)> = met
            .iter()
            .map(|m| (m, count(m)))
            .filter(|&(_, n)| n > 0)
            .collect();
        if with.is_empty() {
            continue;
        }
        with.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        doc.heading(heading);
        for (m, n) in with.into_iter().take(LIST_LIMIT) {
            let other = tl.person(m.person);
            let times = match n {
                1 => "once".to_string(),
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            doc.para(
                4,
                Para::new()
                    .text("  ", Tag::Plain)
                    .link(other.name.to_string(), Target::Person(m.person))
                    .text(format!(" · {times} · "), Tag::Dim)
                    .text(
                        side_name(tl, other.party).to_string(),
                        Tag::Side(other.party),
                    ),
            );
        }
    }
    let topics = tl.topics_of(p);
    if !topics.is_empty() {
        doc.heading("Topics discussed");
        for (t, n) in topics.iter().take(LIST_LIMIT) {
            doc.para(
                4,
                Para::new()
                    .text("  ", Tag::Plain)
                    .link(tl.topic(*t).name.to_string(), Target::Topic(*t))
                    .text(format!(" · {n}"), Tag::Dim),
            );
        }
    }
}

fn topic(doc: &mut Document, tl: &Timeline, zone: Tz, t: TopicIx) {
    let topic = tl.topic(t);
    doc.para(0, Para::new().text(topic.name.to_string(), Tag::Title));
    doc.para(0, Para::new().text("topic", Tag::Dim));
    let events = tl.events_on(t);
    doc.heading(&format!("Events ({})", events.len()));
    event_list(doc, tl, zone, events);
    let mut people: Vec<(PersonIx, usize)> = Vec::new();
    for e in tl.events_on(t).take(LIST_LIMIT * 10) {
        for a in tl.attendees(tl.event(e)).iter() {
            match people.iter_mut().find(|(p, _)| *p == a.person) {
                Some((_, n)) => *n += 1,
                None => people.push((a.person, 1)),
            }
        }
    }
    if !people.is_empty() {
        people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        doc.heading("People");
        for (p, n) in people.iter().take(LIST_LIMIT) {
            let person = tl.person(*p);
            doc.para(
                4,
                Para::new()
                    .text("  ", Tag::Plain)
                    .link(person.name.to_string(), Target::Person(*p))
                    .text(format!(" · {n} · "), Tag::Dim)
                    .text(
                        side_name(tl, person.party).to_string(),
                        Tag::Side(person.party),
                    ),
            );
        }
    }
}

fn place(doc: &mut Document, tl: &Timeline, zone: Tz, p: PlaceIx) {
    let place = tl.place(p);
    doc.para(0, Para::new().text(place.name.to_string(), Tag::Title));
    doc.para(
        0,
        Para::new().text(format!("time zone {}", place.zone.name()), Tag::Dim),
    );
    let events = tl.events_at(p);
    doc.heading(&format!("Events ({})", events.len()));
    event_list(doc, tl, zone, events);
}
