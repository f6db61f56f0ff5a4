//! The native JSON format, normalised: events in chronological order, every time written
//! in its canonical form, defaults left out. Reading it back gives the same timeline.

use chrono_tz::Tz;

use crate::data::native::{
    RawAccount, RawAttendance, RawClaim, RawDataset, RawEvent, RawParticipant, RawParty, RawPlace,
    RawRelation, RawSource, RawStatusStep, RawTime, RawTopic,
};
use crate::model::accounts::{About, Account, Rank, Told};
use crate::model::time::{EventTime, describe_point, describe_span};
use crate::model::timeline::{Event, EventIx, SourceIx, Timeline};

/// The timeline in the native format's types.
pub fn to_raw(tl: &Timeline) -> RawDataset {
    RawDataset {
        schema: None,
        parley: Some(2),
        title: tl.meta.title.to_string(),
        description: tl.meta.description.to_string(),
        zone: tl.meta.zone.name().to_string(),
        as_of: tl.meta.as_of.map(|a| describe_point(&a.point)),
        parties: tl
            .parties
            .iter()
            .map(|p| RawParty {
                id: p.id.to_string(),
                name: p.name.to_string(),
                colour: p.colour.as_deref().map(str::to_string),
            })
            .collect(),
        participants: tl
            .participants
            .iter()
            .map(|p| RawParticipant {
                id: p.id.to_string(),
                name: p.name.to_string(),
                role: p.role.to_string(),
                party: p.party.map(|x| tl.party(x).id.to_string()),
                note: p.note.to_string(),
            })
            .collect(),
        places: tl
            .places
            .iter()
            .map(|p| RawPlace {
                id: p.id.to_string(),
                name: p.name.to_string(),
                zone: p.zone.name().to_string(),
            })
            .collect(),
        topics: tl
            .topics
            .iter()
            .map(|t| RawTopic {
                id: t.id.to_string(),
                name: t.name.to_string(),
            })
            .collect(),
        sources: tl
            .sources
            .iter()
            .map(|s| RawSource {
                id: s.id.to_string(),
                name: s.name.to_string(),
                kind: s.kind.keyword().to_string(),
                url: s.url.as_deref().map(str::to_string),
                published: s.published.map(|p| p.text()),
            })
            .collect(),
        events: tl
            .events
            .iter()
            .enumerate()
            .map(|(k, e)| event(tl, EventIx::new(k as u32), e))
            .collect(),
    }
}

/// A time as written, its zone only where the reader would not infer it.
fn raw_time(t: &EventTime, inferred: Tz, reported: Option<&str>) -> RawTime {
    RawTime {
        start: describe_point(&t.start),
        end: t.end.as_ref().map(describe_point),
        duration: t.duration.as_ref().map(describe_span),
        zone: (t.zone != inferred).then(|| t.zone.name().to_string()),
        reported: reported.map(str::to_string),
    }
}

fn event(tl: &Timeline, ix: EventIx, e: &Event) -> RawEvent {
    // The zone is written only where the reader would not infer it.
    let inferred = e.place.map_or(tl.meta.zone, |p| tl.place(p).zone);
    let more = tl.accounts_of(ix);
    let source = |s: SourceIx| tl.source(s).id.to_string();
    let links = |j: usize| more.and_then(|m| m.claim(j as u32));
    let claim_id = |j: u32| {
        links(j as usize)
            .and_then(|l| l.id.as_deref())
            .unwrap_or_default()
            .to_string()
    };
    RawEvent {
        id: e.id().to_string(),
        title: e.title().to_string(),
        kind: e.kind.keyword().to_string(),
        status: e.status.keyword().to_string(),
        status_history: more
            .map(|m| {
                m.status_history
                    .iter()
                    .map(|s| RawStatusStep {
                        status: s.status.keyword().to_string(),
                        source: source(s.source),
                        reported: s.reported.as_deref().map(str::to_string),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        time: raw_time(&e.time, inferred, e.reported()),
        place: e.place.map(|p| tl.place(p).id.to_string()),
        participants: tl
            .attendees(e)
            .iter()
            .map(|a| RawAttendance {
                person: tl.person(a.person).id.to_string(),
                role: a.role.map(|r| tl.role(r).to_string()),
            })
            .collect(),
        topics: tl
            .event_topics(e)
            .iter()
            .map(|t| tl.topic(*t).id.to_string())
            .collect(),
        summary: e.summary().to_string(),
        outcomes: e.outcomes().map(|o| o.to_string()).collect(),
        claims: tl
            .claims(e)
            .iter()
            .enumerate()
            .map(|(j, c)| RawClaim {
                id: links(j).and_then(|l| l.id.as_deref()).map(str::to_string),
                about: links(j).and_then(|l| l.about).map(|a| match a {
                    About::Field(f) => f.keyword().to_string(),
                    About::Topic(t) => format!("topic:{}", tl.topic(t).id),
                }),
                contradicts: links(j)
                    .map(|l| l.contradicts.iter().map(|&k| claim_id(k)).collect())
                    .unwrap_or_default(),
                person: c.person.map(|p| tl.person(p).id.to_string()),
                speaker: (!e.speaker(c).is_empty()).then(|| e.speaker(c).to_string()),
                party: c.party.map(|p| tl.party(p).id.to_string()),
                text: e.said(c).to_string(),
                source: tl.source(c.source).id.to_string(),
            })
            .collect(),
        relations: tl
            .relations(e)
            .iter()
            .map(|r| RawRelation {
                kind: r.kind.keyword().to_string(),
                event: tl.event(r.target).id().to_string(),
            })
            .collect(),
        sources: tl
            .event_sources(e)
            .iter()
            .map(|s| tl.source(*s).id.to_string())
            .collect(),
        accounts: more
            .map(|m| {
                m.accounts
                    .iter()
                    .map(|a| account(tl, a, inferred, &claim_id))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn account(
    tl: &Timeline,
    a: &Account,
    inferred: Tz,
    claim_id: &dyn Fn(u32) -> String,
) -> RawAccount {
    let mut raw = RawAccount {
        of: a.told.field().keyword().to_string(),
        source: tl.source(a.source).id.to_string(),
        reported: a.reported.as_deref().map(str::to_string),
        rank: (a.rank != Rank::Normal).then(|| a.rank.keyword().to_string()),
        ..RawAccount::default()
    };
    match &a.told {
        Told::Time(t) => raw.time = Some(raw_time(t, inferred, None)),
        Told::Place(p) => raw.place = Some(tl.place(*p).id.to_string()),
        Told::Participants(named) => {
            raw.participants = Some(
                named
                    .iter()
                    .map(|n| RawAttendance {
                        person: tl.person(n.person).id.to_string(),
                        role: n.role.as_deref().map(str::to_string),
                    })
                    .collect(),
            )
        }
        Told::Kind(k) => raw.kind = Some(k.keyword().to_string()),
        Told::Status(s) => raw.status = Some(s.keyword().to_string()),
        Told::Outcomes(o) => raw.outcomes = Some(o.iter().map(|x| x.to_string()).collect()),
        Told::Claim { claim, text } => {
            raw.claim = Some(claim_id(*claim));
            raw.text = Some(text.to_string());
        }
    }
    raw
}

/// The timeline as a native dataset file, pretty-printed, with a final newline. Every
/// character is kept; those that could drive or hide from a terminal are written as
/// JSON escapes, so that the file reads back the same and is safe to print.
pub fn write(tl: &Timeline) -> String {
    let mut text = serde_json::to_string_pretty(&to_raw(tl))
        .expect("plain structs of strings always serialize");
    text.push('\n');
    escape_hidden(text)
}

/// `text` (JSON) with each control or hidden character in its strings as a `\uXXXX`
/// escape: outside strings, JSON as written here has only printable ASCII and line
/// breaks, and serde has already escaped the line breaks within strings.
fn escape_hidden(text: String) -> String {
    use crate::model::text::never_shown_raw;
    use std::fmt::Write;
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n';
    if text.bytes().all(plain) || !text.chars().any(|c| c != '\n' && never_shown_raw(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        if c != '\n' && never_shown_raw(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}
